/* wk-area-private.h: setters for WkPlan and WkChecker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area.h"

G_BEGIN_DECLS

WkArea *_wk_area_new              (guint       id,
                                   const char *name,
                                   const char *color);
void    _wk_area_set_name         (WkArea     *self,
                                   const char *name);
void    _wk_area_set_color        (WkArea     *self,
                                   const char *color);
void    _wk_area_set_locked       (WkArea     *self,
                                   gboolean    locked);
void    _wk_area_set_note         (WkArea     *self,
                                   const char *note);
void    _wk_area_add_unit         (WkArea     *self,
                                   gint64      population,
                                   double      area_m2,
                                   int         sign);
void    _wk_area_notify_counts    (WkArea     *self);
void    _wk_area_set_findings     (WkArea     *self,
                                   gboolean    has_findings,
                                   WkSeverity  worst);

guint   _wk_area_get_n_unknown (WkArea *self);
double  _wk_area_get_area_m2 (WkArea *self);

G_END_DECLS
