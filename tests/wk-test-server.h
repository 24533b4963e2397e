/* wk-test-server.h: PDOK stood in by a server on 127.0.0.1, for tests without the internet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _WkTestServer WkTestServer;

WkTestServer *wk_test_server_start         (guint          page_size);
void          wk_test_server_stop          (WkTestServer  *server);
char         *wk_test_server_url           (WkTestServer  *server,
                                            const char    *path);
GPtrArray    *wk_test_server_dup_requests  (WkTestServer  *server);
char         *wk_test_server_dup_header    (WkTestServer  *server,
                                            const char    *name);
void          wk_test_server_add_address   (WkTestServer  *server,
                                            const char    *postcode,
                                            int            huisnummer,
                                            const char    *toevoeging,
                                            double         x,
                                            double         y);

G_END_DECLS
