/* wk-report-doc.h: pages, text flow and tables of the report (internal to app/report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "wk-types.h"

G_BEGIN_DECLS

/* A4 portrait in PostScript points; the content box inside the margins.
 * (A landscape page swaps width and height; see wk_doc_get_width().) */
#define WK_DOC_PAGE_WIDTH  595.276
#define WK_DOC_PAGE_HEIGHT 841.890
#define WK_DOC_MARGIN      48.0
/* names longer are cut with “…”; one up to WK_DOC_MAX_FULL_NAME is shown
 * in full once; a layout of more markup than WK_DOC_MAX_MARKUP is cut */
#define WK_DOC_MAX_NAME      60
#define WK_DOC_MAX_FULL_NAME 600
#define WK_DOC_MAX_MARKUP    16384
#define WK_DOC_TOP         70.0
#define WK_DOC_BOTTOM      (WK_DOC_PAGE_HEIGHT - 56.0)
#define WK_DOC_WIDTH       (WK_DOC_PAGE_WIDTH - 2 * WK_DOC_MARGIN)

/* Colours: GNOME's palette, as the app uses them. */
#define WK_DOC_TEXT        0x241f31
#define WK_DOC_DIM         0x5e5c64
#define WK_DOC_RULE        0xc0bfbc
#define WK_DOC_SHADE       0xf6f5f4
#define WK_DOC_HEAD_SHADE  0xdeddda
#define WK_DOC_ERROR       0xe01b24
#define WK_DOC_WARNING     0xe5a50a
#define WK_DOC_SUCCESS     0x2ec27e
#define WK_DOC_INFO        0x3584e4

typedef enum
{
  WK_DOC_BODY,
  WK_DOC_SMALL,
  WK_DOC_CELL,
  WK_DOC_CELL_HEAD,
  WK_DOC_H1,
  WK_DOC_H2,
  WK_DOC_TITLE,
  WK_DOC_SUBTITLE,
  WK_DOC_LABEL,
  WK_DOC_N_STYLES
} WkDocStyle;

typedef struct _WkDoc WkDoc;

WkDoc        *wk_doc_new            (cairo_surface_t *surface,
                                     guint            n_pages,
                                     PangoFontMap    *font_map);
void          wk_doc_free           (WkDoc           *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WkDoc, wk_doc_free)

cairo_t      *wk_doc_get_cairo      (WkDoc           *doc);
gboolean      wk_doc_is_measuring   (WkDoc           *doc);
guint         wk_doc_get_page       (WkDoc           *doc);
double        wk_doc_get_y          (WkDoc           *doc);
void          wk_doc_set_y          (WkDoc           *doc,
                                     double           y);
double        wk_doc_get_remaining  (WkDoc           *doc);
double        wk_doc_get_width      (WkDoc           *doc);
double        wk_doc_get_bottom     (WkDoc           *doc);
void          wk_doc_set_landscape  (WkDoc           *doc,
                                     gboolean         landscape);
void          wk_doc_set_header     (WkDoc           *doc,
                                     const char      *left,
                                     const char      *right);
void          wk_doc_new_page       (WkDoc           *doc,
                                     gboolean         with_header);
gboolean      wk_doc_need           (WkDoc           *doc,
                                     double           height);
void          wk_doc_skip           (WkDoc           *doc,
                                     double           height);
int           wk_doc_add_outline    (WkDoc           *doc,
                                     int              parent,
                                     const char      *name);

PangoLayout  *wk_doc_layout         (WkDoc           *doc,
                                     WkDocStyle       style,
                                     const char      *markup,
                                     double           width,
                                     PangoAlignment   align);
char         *wk_doc_shorten        (const char      *text);
char         *wk_doc_escape_short   (const char      *text);
double        wk_doc_layout_height  (PangoLayout     *layout);
double        wk_doc_layout_width   (PangoLayout     *layout);
void          wk_doc_show_layout    (WkDoc           *doc,
                                     PangoLayout     *layout,
                                     double           x,
                                     double           y,
                                     guint32          rgb);
void          wk_doc_show_halo      (WkDoc           *doc,
                                     PangoLayout     *layout,
                                     double           x,
                                     double           y,
                                     guint32          rgb,
                                     gboolean         boxed);
void          wk_doc_paragraph      (WkDoc           *doc,
                                     WkDocStyle       style,
                                     const char      *markup,
                                     double           indent,
                                     double           space_after);
void          wk_doc_heading        (WkDoc           *doc,
                                     WkDocStyle       style,
                                     const char      *markup,
                                     double           keep_with_next);
void          wk_doc_rule           (WkDoc           *doc,
                                     double           x0,
                                     double           x1,
                                     double           y,
                                     double           width,
                                     guint32          rgb);
void          wk_doc_fill_rect      (WkDoc           *doc,
                                     double           x,
                                     double           y,
                                     double           w,
                                     double           h,
                                     guint32          rgb);
void          wk_doc_begin_link     (WkDoc           *doc,
                                     guint            page);
void          wk_doc_end_link       (WkDoc           *doc,
                                     guint            page);

void          wk_doc_set_rgb        (cairo_t         *cr,
                                     guint32          rgb);
guint32       wk_doc_mix            (guint32          rgb,
                                     guint32          other,
                                     double           t);
guint32       wk_doc_rgb_from_doubles (double         r,
                                       double         g,
                                       double         b);

/**
 * WkDocColumn:
 * @title: (nullable): header markup
 * @width: relative width; the columns share the content width.  0: as wide
 *   as the contents (with wk_doc_table_begin_fitted())
 * @align: alignment of the cells
 */
typedef struct
{
  const char     *title;
  double          width;
  PangoAlignment  align;
} WkDocColumn;

typedef enum
{
  WK_DOC_ROW_DEFAULT = 0,
  WK_DOC_ROW_TOTAL   = 1 << 0,  /* a rule above, bold */
  WK_DOC_ROW_PLAIN   = 1 << 1,  /* no alternating shade */
} WkDocRowFlags;

#define WK_DOC_MAX_COLUMNS 16

typedef struct
{
  WkDoc              *doc;
  const WkDocColumn  *columns;
  guint               n_columns;
  double              widths[WK_DOC_MAX_COLUMNS];
  double              x;
  double              width;
  guint               n_rows;
  guint               n_header_pages;
} WkDocTable;

void          wk_doc_table_begin    (WkDocTable        *table,
                                     WkDoc             *doc,
                                     const WkDocColumn *columns,
                                     guint              n_columns,
                                     double             x,
                                     double             width);
void          wk_doc_table_begin_fitted (WkDocTable *table, WkDoc *doc, const WkDocColumn *columns,
                                         guint n_columns, double x, double width,
                                         const char *const *cells, guint n_rows);
void          wk_doc_table_row      (WkDocTable        *table,
                                     const char *const *cells,
                                     WkDocRowFlags      flags,
                                     guint              link_page);
void          wk_doc_table_end      (WkDocTable        *table);
double        wk_doc_table_height   (WkDoc             *doc,
                                     const WkDocColumn *columns,
                                     guint              n_columns,
                                     double             width,
                                     const char *const *cells,
                                     guint              n_rows);

G_END_DECLS
