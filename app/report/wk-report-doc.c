/* wk-report-doc.c: pages, text flow and tables of the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is laid out twice: a measuring pass without a surface counts
 * the pages (and where each area lands), then the drawing pass writes them
 * with “page N of M”.  Both passes measure text with the same Pango context
 * (72 dpi, no hinting, unrounded positions, as on a PDF surface), so they
 * break pages at the same places.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wk-report-doc.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.2

struct _WkDoc
{
  /* owned */
  cairo_surface_t      *surface;   /* NULL while measuring */
  cairo_t              *cr;
  PangoContext         *pango;
  PangoFontDescription *fonts[WK_DOC_N_STYLES];
  PangoFontDescription *bold_cell;
  char                 *header_left;
  char                 *header_right;

  guint                 n_pages;   /* known in the drawing pass, else 0 */
  guint                 page;
  double                y;
  gboolean              landscape;       /* of the current page */
  gboolean              next_landscape;  /* of the pages to come */
};

#define PAGE_W(doc)  ((doc)->landscape ? WK_DOC_PAGE_HEIGHT : WK_DOC_PAGE_WIDTH)
#define PAGE_H(doc)  ((doc)->landscape ? WK_DOC_PAGE_WIDTH : WK_DOC_PAGE_HEIGHT)
#define WIDTH(doc)   (PAGE_W (doc) - 2 * WK_DOC_MARGIN)
#define BOTTOM(doc)  (PAGE_H (doc) - (WK_DOC_PAGE_HEIGHT - WK_DOC_BOTTOM))

static const char *font_names[WK_DOC_N_STYLES] = {
  [WK_DOC_BODY] = "Cantarell 9.5",
  [WK_DOC_SMALL] = "Cantarell 7.5",
  [WK_DOC_CELL] = "Cantarell 7.5",
  [WK_DOC_CELL_HEAD] = "Cantarell Bold 7",
  [WK_DOC_H1] = "Cantarell Bold 16",
  [WK_DOC_H2] = "Cantarell Bold 11.5",
  [WK_DOC_TITLE] = "Cantarell Bold 28",
  [WK_DOC_SUBTITLE] = "Cantarell 14",
  [WK_DOC_LABEL] = "Cantarell Bold 8",
};

/**
 * wk_doc_new:
 * @surface: (nullable): the PDF surface, or %NULL for the measuring pass
 * @n_pages: the page count found by the measuring pass, or 0
 * @font_map: a #PangoCairoFontMap; the measuring and the drawing pass use
 *   the same one
 *
 * Returns: (transfer full): a document with no page begun yet
 */
WkDoc *
wk_doc_new (cairo_surface_t *surface,
            guint            n_pages,
            PangoFontMap    *font_map)
{
  WkDoc *doc = g_new0 (WkDoc, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  if (surface != NULL)
    {
      doc->surface = cairo_surface_reference (surface);
      doc->cr = cairo_create (surface);
    }
  doc->n_pages = n_pages;
  doc->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (doc->pango, 72.0);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (doc->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (doc->pango, FALSE);
  pango_context_set_language (doc->pango, pango_language_get_default ());
  for (guint i = 0; i < WK_DOC_N_STYLES; i++)
    doc->fonts[i] = pango_font_description_from_string (font_names[i]);
  doc->bold_cell = pango_font_description_copy (doc->fonts[WK_DOC_CELL]);
  pango_font_description_set_weight (doc->bold_cell, PANGO_WEIGHT_BOLD);
  return doc;
}

void
wk_doc_free (WkDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->cr, cairo_destroy);
  g_clear_pointer (&doc->surface, cairo_surface_destroy);
  g_clear_object (&doc->pango);
  for (guint i = 0; i < WK_DOC_N_STYLES; i++)
    pango_font_description_free (doc->fonts[i]);
  pango_font_description_free (doc->bold_cell);
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc);
}

/**
 * wk_doc_get_cairo:
 *
 * Returns: (transfer none) (nullable): the drawing context, %NULL while
 *   measuring
 */
cairo_t *
wk_doc_get_cairo (WkDoc *doc)
{
  return doc->cr;
}

gboolean
wk_doc_is_measuring (WkDoc *doc)
{
  return doc->cr == NULL;
}

guint
wk_doc_get_page (WkDoc *doc)
{
  return doc->page;
}

double
wk_doc_get_y (WkDoc *doc)
{
  return doc->y;
}

void
wk_doc_set_y (WkDoc  *doc,
              double  y)
{
  doc->y = y;
}

double
wk_doc_get_remaining (WkDoc *doc)
{
  return BOTTOM (doc) - doc->y;
}

/* The width between the margins of the current page. */
double
wk_doc_get_width (WkDoc *doc)
{
  return WIDTH (doc);
}

/* Where the content of the current page ends, above the footer. */
double
wk_doc_get_bottom (WkDoc *doc)
{
  return BOTTOM (doc);
}

/**
 * wk_doc_set_landscape:
 *
 * Sets the orientation of the pages begun from now on.
 */
void
wk_doc_set_landscape (WkDoc    *doc,
                      gboolean  landscape)
{
  doc->next_landscape = landscape;
}

void
wk_doc_set_header (WkDoc      *doc,
                   const char *left,
                   const char *right)
{
  g_free (doc->header_left);
  g_free (doc->header_right);
  doc->header_left = g_strdup (left);
  doc->header_right = g_strdup (right);
}

void
wk_doc_set_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/**
 * wk_doc_mix:
 * @t: 0 gives @rgb, 1 gives @other
 *
 * Returns: the colour between the two
 */
guint32
wk_doc_mix (guint32 rgb,
            guint32 other,
            double  t)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double a = (rgb >> shift) & 0xff, b = (other >> shift) & 0xff;

      out |= ((guint32) CLAMP (a + (b - a) * t + 0.5, 0, 255)) << shift;
    }
  return out;
}

guint32
wk_doc_rgb_from_doubles (double r,
                         double g,
                         double b)
{
  return ((guint32) CLAMP (r * 255 + 0.5, 0, 255) << 16) |
         ((guint32) CLAMP (g * 255 + 0.5, 0, 255) << 8) |
         (guint32) CLAMP (b * 255 + 0.5, 0, 255);
}

/* wk_doc_shorten:
 *
 * Names (of areas, mostly) are laid out in headings, tables, map labels and
 * the outline; one of 100,000 characters would take Pango minutes.  Longer
 * than %WK_DOC_MAX_NAME characters, the name is cut with an ellipsis.
 *
 * Returns: (transfer full): @text, or its start and “…”
 */
char *
wk_doc_shorten (const char *text)
{
  const char *end = text;
  g_autofree char *start = NULL;

  for (guint n = 0; n < WK_DOC_MAX_NAME - 1 && *end != '\0'; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0' || *g_utf8_next_char (end) == '\0')
    return g_strdup (text);
  start = g_strndup (text, end - text);
  return g_strconcat (start, "…", NULL);
}

/* wk_doc_escape_short:
 *
 * Returns: (transfer full): wk_doc_shorten() of @text as markup
 */
char *
wk_doc_escape_short (const char *text)
{
  g_autofree char *shorter = wk_doc_shorten (text);

  return g_markup_escape_text (shorter, -1);
}

PangoLayout *
wk_doc_layout (WkDoc          *doc,
               WkDocStyle      style,
               const char     *markup,
               double          width,
               PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (doc->pango);

  pango_layout_set_font_description (layout, doc->fonts[style]);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  /* a bound on every layout: a text that long (a finding quoting a
   * huge name) is cut as plain text, so that layout time stays bounded */
  if (strlen (markup) > WK_DOC_MAX_MARKUP)
    {
      g_autofree char *plain = NULL;
      g_autofree char *cut = NULL;
      g_autofree char *text = NULL;

      if (!pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
        plain = g_strdup (markup);
      cut = g_utf8_substring (plain, 0, WK_DOC_MAX_MARKUP / 4);
      text = g_strconcat (cut, "…", NULL);
      pango_layout_set_text (layout, text, -1);
      return layout;
    }
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

double
wk_doc_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
wk_doc_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
wk_doc_show_layout (WkDoc       *doc,
                    PangoLayout *layout,
                    double       x,
                    double       y,
                    guint32      rgb)
{
  if (doc->cr == NULL)
    return;
  wk_doc_set_rgb (doc->cr, rgb);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
}

/* Text on a map: a white outline behind the glyphs keeps it readable on
 * any fill, and the glyphs stay real text (searchable, extractable).  The
 * outline costs a path per glyph; @boxed uses a light box instead, for the
 * many small maps. */
void
wk_doc_show_halo (WkDoc       *doc,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  guint32      rgb,
                  gboolean     boxed)
{
  cairo_t *cr = doc->cr;

  if (cr == NULL)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  if (boxed)
    {
      PangoRectangle ink;

      pango_layout_get_extents (layout, &ink, NULL);
      cairo_rectangle (cr, x + (double) ink.x / PANGO_SCALE - 1.2,
                       y + (double) ink.y / PANGO_SCALE - 1.0,
                       (double) ink.width / PANGO_SCALE + 2.4,
                       (double) ink.height / PANGO_SCALE + 2.0);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.72);
      cairo_fill (cr);
    }
  else
    {
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 2.2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  wk_doc_show_layout (doc, layout, x, y, rgb);
}

void
wk_doc_rule (WkDoc   *doc,
             double   x0,
             double   x1,
             double   y,
             double   width,
             guint32  rgb)
{
  if (doc->cr == NULL)
    return;
  wk_doc_set_rgb (doc->cr, rgb);
  cairo_set_line_width (doc->cr, width);
  cairo_move_to (doc->cr, x0, y);
  cairo_line_to (doc->cr, x1, y);
  cairo_stroke (doc->cr);
}

void
wk_doc_fill_rect (WkDoc   *doc,
                  double   x,
                  double   y,
                  double   w,
                  double   h,
                  guint32  rgb)
{
  if (doc->cr == NULL)
    return;
  wk_doc_set_rgb (doc->cr, rgb);
  cairo_rectangle (doc->cr, x, y, w, h);
  cairo_fill (doc->cr);
}

/* A link to a page of the report (e.g. from the summary table to an area). */
void
wk_doc_begin_link (WkDoc *doc,
                   guint  page)
{
  g_autofree char *attributes = NULL;

  if (doc->cr == NULL || page == 0)
    return;
  attributes = g_strdup_printf ("page=%u", page);
  cairo_tag_begin (doc->cr, CAIRO_TAG_LINK, attributes);
}

void
wk_doc_end_link (WkDoc *doc,
                 guint  page)
{
  if (doc->cr == NULL || page == 0)
    return;
  cairo_tag_end (doc->cr, CAIRO_TAG_LINK);
}

/**
 * wk_doc_add_outline:
 * @parent: the parent entry, or 0 for the top level
 * @name: plain text
 *
 * Adds a bookmark to the current page.
 *
 * Returns: the entry's id, for children
 */
int
wk_doc_add_outline (WkDoc      *doc,
                    int         parent,
                    const char *name)
{
  g_autofree char *attributes = NULL;

  if (doc->surface == NULL || doc->page == 0)
    return 0;
  attributes = g_strdup_printf ("page=%u", doc->page);
  return cairo_pdf_surface_add_outline (doc->surface, parent, name, attributes,
                                        CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

static void
draw_header (WkDoc *doc)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *page_text = NULL;
  double right_w;

  if (doc->cr == NULL)
    return;

  escaped = g_markup_escape_text (doc->header_right ? doc->header_right : "", -1);
  right = wk_doc_layout (doc, WK_DOC_SMALL, escaped, -1, PANGO_ALIGN_LEFT);
  right_w = MIN (wk_doc_layout_width (right), WIDTH (doc) / 2);
  g_clear_pointer (&right, g_object_unref);
  right = wk_doc_layout (doc, WK_DOC_SMALL, escaped, right_w + 1, PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_END);
  g_free (escaped);
  escaped = g_markup_printf_escaped ("<b>%s</b>", doc->header_left ? doc->header_left : "");
  left = wk_doc_layout (doc, WK_DOC_SMALL, escaped, WIDTH (doc) - right_w - 12, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (left, -1);
  wk_doc_show_layout (doc, left, WK_DOC_MARGIN, 34, WK_DOC_TEXT);
  wk_doc_show_layout (doc, right, PAGE_W (doc) - WK_DOC_MARGIN - right_w - 1, 34, WK_DOC_DIM);
  wk_doc_rule (doc, WK_DOC_MARGIN, PAGE_W (doc) - WK_DOC_MARGIN, 48, 0.6, WK_DOC_RULE);

  /* Translators: the footer of every page of the report */
  page_text = g_strdup_printf (_("Page %u of %u"), doc->page, MAX (doc->n_pages, doc->page));
  escaped = (g_free (escaped), g_markup_escape_text (page_text, -1));
  footer = wk_doc_layout (doc, WK_DOC_SMALL, escaped, WIDTH (doc), PANGO_ALIGN_RIGHT);
  wk_doc_rule (doc, WK_DOC_MARGIN, PAGE_W (doc) - WK_DOC_MARGIN, BOTTOM (doc) + 18, 0.6,
               WK_DOC_RULE);
  wk_doc_show_layout (doc, footer, WK_DOC_MARGIN, BOTTOM (doc) + 22, WK_DOC_DIM);
}

/**
 * wk_doc_new_page:
 * @with_header: %FALSE for the title page
 *
 * Ends the current page (if any) and begins the next one.
 */
void
wk_doc_new_page (WkDoc    *doc,
                 gboolean  with_header)
{
  if (doc->cr != NULL && doc->page > 0)
    cairo_show_page (doc->cr);
  if (doc->surface != NULL && (doc->page == 0 || doc->landscape != doc->next_landscape))
    cairo_pdf_surface_set_size (doc->surface, doc->next_landscape ? WK_DOC_PAGE_HEIGHT
                                                                  : WK_DOC_PAGE_WIDTH,
                                doc->next_landscape ? WK_DOC_PAGE_WIDTH : WK_DOC_PAGE_HEIGHT);
  doc->landscape = doc->next_landscape;
  doc->page++;
  doc->y = WK_DOC_TOP;
  if (with_header)
    draw_header (doc);
}

/**
 * wk_doc_need:
 *
 * Begins a new page unless @height fits below the cursor.
 *
 * Returns: whether a page was begun
 */
gboolean
wk_doc_need (WkDoc  *doc,
             double  height)
{
  if (doc->page > 0 && (doc->y + height <= BOTTOM (doc) || doc->y <= WK_DOC_TOP + 0.5))
    return FALSE;
  wk_doc_new_page (doc, TRUE);
  return TRUE;
}

void
wk_doc_skip (WkDoc  *doc,
             double  height)
{
  doc->y = MIN (doc->y + height, BOTTOM (doc));
}

/**
 * wk_doc_paragraph:
 * @indent: space on the left, in points
 * @space_after: space below, in points
 *
 * Sets wrapped text at the cursor; lines that do not fit flow to the next
 * page.
 */
void
wk_doc_paragraph (WkDoc      *doc,
                  WkDocStyle  style,
                  const char *markup,
                  double      indent,
                  double      space_after)
{
  g_autoptr(PangoLayout) layout = wk_doc_layout (doc, style, markup, WIDTH (doc) - indent,
                                                 PANGO_ALIGN_LEFT);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double top, baseline, height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      wk_doc_need (doc, height);
      if (doc->cr != NULL)
        {
          wk_doc_set_rgb (doc->cr, WK_DOC_TEXT);
          cairo_move_to (doc->cr, WK_DOC_MARGIN + indent + (double) logical.x / PANGO_SCALE,
                         doc->y + baseline - top);
          pango_cairo_show_layout_line (doc->cr, pango_layout_iter_get_line_readonly (iter));
        }
      doc->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  wk_doc_skip (doc, space_after);
}

/**
 * wk_doc_heading:
 * @keep_with_next: space that must remain below the heading, so that it
 *   does not end a page on its own
 */
void
wk_doc_heading (WkDoc      *doc,
                WkDocStyle  style,
                const char *markup,
                double      keep_with_next)
{
  g_autoptr(PangoLayout) layout = wk_doc_layout (doc, style, markup, WIDTH (doc),
                                                 PANGO_ALIGN_LEFT);
  double height = wk_doc_layout_height (layout);
  double before = style == WK_DOC_H1 ? 12 : 8;
  double after = style == WK_DOC_H1 ? 8 : 4;

  if (doc->page > 0 && doc->y > WK_DOC_TOP + 0.5)
    {
      if (!wk_doc_need (doc, before + height + keep_with_next))
        doc->y += before;
    }
  else
    wk_doc_need (doc, height + keep_with_next);
  wk_doc_show_layout (doc, layout, WK_DOC_MARGIN, doc->y, WK_DOC_TEXT);
  doc->y += height + after;
}

/* ---------------------------------------------------------------- tables */

static void
share_widths (const WkDocColumn *columns,
              guint              n_columns,
              double             width,
              double            *widths)
{
  double total = 0;

  for (guint c = 0; c < n_columns; c++)
    total += columns[c].width;
  for (guint c = 0; c < n_columns; c++)
    widths[c] = width * columns[c].width / total;
}

static double
row_height (WkDoc             *doc,
            const WkDocColumn *columns,
            guint              n_columns,
            const double      *widths,
            const char *const *cells,
            WkDocRowFlags      flags,
            PangoLayout      **layouts)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      PangoLayout *layout;

      if (cells[c] == NULL)
        continue;
      layout = wk_doc_layout (doc, WK_DOC_CELL, cells[c], widths[c] - 2 * CELL_PAD_X,
                              columns[c].align);
      if (flags & WK_DOC_ROW_TOTAL)
        pango_layout_set_font_description (layout, doc->bold_cell);
      height = MAX (height, wk_doc_layout_height (layout));
      if (layouts != NULL)
        layouts[c] = layout;
      else
        g_object_unref (layout);
    }
  return height + 2 * CELL_PAD_Y;
}

static double
table_header_height (WkDocTable *table)
{
  double height = 0;

  for (guint c = 0; c < table->n_columns; c++)
    if (table->columns[c].title != NULL)
      {
        g_autoptr(PangoLayout) layout = wk_doc_layout (table->doc, WK_DOC_CELL_HEAD,
                                                       table->columns[c].title,
                                                       table->widths[c] - 2 * CELL_PAD_X,
                                                       table->columns[c].align);
        height = MAX (height, wk_doc_layout_height (layout));
      }
  return height > 0 ? height + 2 * CELL_PAD_Y : 0;
}

static void
draw_table_header (WkDocTable *table)
{
  WkDoc *doc = table->doc;
  double height = table_header_height (table);
  double x = table->x;

  if (height == 0)
    return;
  wk_doc_fill_rect (doc, table->x, doc->y, table->width, height, WK_DOC_HEAD_SHADE);
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (table->columns[c].title != NULL)
        {
          g_autoptr(PangoLayout) layout = wk_doc_layout (doc, WK_DOC_CELL_HEAD,
                                                         table->columns[c].title,
                                                         table->widths[c] - 2 * CELL_PAD_X,
                                                         table->columns[c].align);
          wk_doc_show_layout (doc, layout, x + CELL_PAD_X,
                              doc->y + height - CELL_PAD_Y - wk_doc_layout_height (layout),
                              WK_DOC_TEXT);
        }
      x += table->widths[c];
    }
  doc->y += height;
  wk_doc_rule (doc, table->x, table->x + table->width, doc->y, 0.8, WK_DOC_DIM);
  table->n_header_pages++;
}

/**
 * wk_doc_table_begin:
 * @x: left edge
 * @width: total width; the columns share it by their relative widths
 *
 * Starts a table at the cursor.  Its header row (if any column has a
 * title) is repeated on every page the table continues on.
 */
void
wk_doc_table_begin (WkDocTable        *table,
                    WkDoc             *doc,
                    const WkDocColumn *columns,
                    guint              n_columns,
                    double             x,
                    double             width)
{
  wk_doc_table_begin_fitted (table, doc, columns, n_columns, x, width, NULL, 0);
}

static double
natural_width (WkDoc      *doc,
               WkDocStyle  style,
               const char *markup)
{
  g_autoptr(PangoLayout) layout = wk_doc_layout (doc, style, markup, -1, PANGO_ALIGN_LEFT);

  return wk_doc_layout_width (layout);
}

/* Widths for the columns with width 0: the widest of their cells (a
 * figure never wraps) and, room permitting, of the longest word of their
 * head (a head may wrap); the columns with a width share the rest, with
 * room for their contents up to a quarter of the table (and at least 60
 * points): beyond that their text wraps. */
static void
fit_widths (WkDoc             *doc,
            const WkDocColumn *columns,
            guint              n_columns,
            double             width,
            const char *const *cells,
            guint              n_rows,
            double            *widths)
{
  double cell_w[WK_DOC_MAX_COLUMNS] = { 0 };
  double head_w[WK_DOC_MAX_COLUMNS] = { 0 };
  double need_cells = 0, need_heads = 0, weights = 0, flexible = 0, room, fitted = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      if (columns[c].width > 0)
        {
          double w = 0;

          for (guint r = 0; r < n_rows; r++)
            if (cells[r * n_columns + c] != NULL)
              w = MAX (w, natural_width (doc, WK_DOC_CELL, cells[r * n_columns + c]));
          flexible += CLAMP (w + 2 * CELL_PAD_X + 1, 60, width / 4);
          weights += columns[c].width;
          continue;
        }
      if (columns[c].title != NULL)
        {
          g_auto(GStrv) words = g_strsplit (columns[c].title, " ", -1);

          for (guint i = 0; words[i] != NULL; i++)
            head_w[c] = MAX (head_w[c], natural_width (doc, WK_DOC_CELL_HEAD, words[i]));
        }
      for (guint r = 0; r < n_rows; r++)
        if (cells[r * n_columns + c] != NULL)
          cell_w[c] = MAX (cell_w[c], natural_width (doc, WK_DOC_CELL, cells[r * n_columns + c]));
      /* room for padding and for a bold total row */
      cell_w[c] = cell_w[c] * 1.08 + 2 * CELL_PAD_X + 0.5;
      head_w[c] = MAX (cell_w[c], head_w[c] + 2 * CELL_PAD_X + 0.5);
      need_cells += cell_w[c];
      need_heads += head_w[c];
    }
  room = width - flexible;
  for (guint c = 0; c < n_columns; c++)
    {
      if (columns[c].width > 0)
        continue;
      if (need_heads <= room)
        widths[c] = head_w[c];
      else if (need_cells <= room)
        widths[c] = cell_w[c] + (head_w[c] - cell_w[c]) * (room - need_cells) /
                                (need_heads - need_cells);
      else
        widths[c] = cell_w[c] * room / need_cells;
      fitted += widths[c];
    }
  if (weights == 0 && fitted > 0 && fitted < width)
    for (guint c = 0; c < n_columns; c++)
      widths[c] *= width / fitted;
  for (guint c = 0; c < n_columns; c++)
    if (columns[c].width > 0)
      widths[c] = (width - fitted) * columns[c].width / weights;
}

/**
 * wk_doc_table_begin_fitted:
 * @cells: (nullable): all rows to come, @n_rows × @n_columns markup
 *   strings, to size the columns whose width is 0
 *
 * Like wk_doc_table_begin(), with columns as wide as their contents.
 */
void
wk_doc_table_begin_fitted (WkDocTable        *table,
                           WkDoc             *doc,
                           const WkDocColumn *columns,
                           guint              n_columns,
                           double             x,
                           double             width,
                           const char *const *cells,
                           guint              n_rows)
{
  g_return_if_fail (n_columns <= WK_DOC_MAX_COLUMNS);
  memset (table, 0, sizeof *table);
  table->doc = doc;
  table->columns = columns;
  table->n_columns = n_columns;
  table->x = x;
  table->width = width;
  if (cells != NULL)
    fit_widths (doc, columns, n_columns, width, cells, n_rows, table->widths);
  else
    share_widths (columns, n_columns, width, table->widths);
  /* the header and at least two lines of a row */
  wk_doc_need (doc, table_header_height (table) + 24);
  draw_table_header (table);
}

/**
 * wk_doc_table_row:
 * @cells: one markup string per column (%NULL for an empty cell)
 * @link_page: a page the row links to, or 0
 *
 * Adds a row; cells wrap within their column.  A row that does not fit
 * goes to the next page, below a repeated header.
 */
void
wk_doc_table_row (WkDocTable        *table,
                  const char *const *cells,
                  WkDocRowFlags      flags,
                  guint              link_page)
{
  WkDoc *doc = table->doc;
  PangoLayout *layouts[WK_DOC_MAX_COLUMNS] = { NULL };
  double height, x = table->x;

  height = row_height (doc, table->columns, table->n_columns, table->widths, cells, flags, layouts);

  if (doc->y + height > BOTTOM (doc))
    {
      wk_doc_new_page (doc, TRUE);
      draw_table_header (table);
    }
  if (!(flags & (WK_DOC_ROW_PLAIN | WK_DOC_ROW_TOTAL)) && table->n_rows % 2 == 1)
    wk_doc_fill_rect (doc, table->x, doc->y, table->width, height, WK_DOC_SHADE);
  if (flags & WK_DOC_ROW_TOTAL)
    wk_doc_rule (doc, table->x, table->x + table->width, doc->y, 0.8, WK_DOC_DIM);

  wk_doc_begin_link (doc, link_page);
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (layouts[c] != NULL)
        wk_doc_show_layout (doc, layouts[c], x + CELL_PAD_X, doc->y + CELL_PAD_Y, WK_DOC_TEXT);
      x += table->widths[c];
      g_clear_object (&layouts[c]);
    }
  wk_doc_end_link (doc, link_page);
  doc->y += height;
  table->n_rows++;
}

void
wk_doc_table_end (WkDocTable *table)
{
  WkDoc *doc = table->doc;

  wk_doc_rule (doc, table->x, table->x + table->width, doc->y, 0.6, WK_DOC_RULE);
  wk_doc_skip (doc, 8);
}

/**
 * wk_doc_table_height:
 * @cells: @n_rows × @n_columns markup strings, row by row
 *
 * Returns: the height the table would take, header included
 */
double
wk_doc_table_height (WkDoc             *doc,
                     const WkDocColumn *columns,
                     guint              n_columns,
                     double             width,
                     const char *const *cells,
                     guint              n_rows)
{
  WkDocTable table = { doc, columns, n_columns, { 0 }, 0, width, 0, 0 };
  double height;

  g_return_val_if_fail (n_columns <= WK_DOC_MAX_COLUMNS, 0);
  share_widths (columns, n_columns, width, table.widths);
  height = table_header_height (&table);
  for (guint r = 0; r < n_rows; r++)
    height += row_height (doc, columns, n_columns, table.widths, cells + r * n_columns,
                          WK_DOC_ROW_DEFAULT, NULL);
  return height;
}
