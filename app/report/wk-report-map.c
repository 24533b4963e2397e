/* wk-report-map.c: maps of the report, drawn from RD outlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RD New (EPSG:28992) is a conformal projection in metres, so a map is a
 * plain scale and translation of the RD outlines: a scale bar is exact and
 * grid north is (within a degree) true north in the whole country.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "wk-report-map.h"

/* -------------------------------------------------------------- the view */

/**
 * wk_report_map_frame_fit:
 * @extent: the RD box to show
 * @margin: share of the extent added on each side
 *
 * Centres @extent in the frame at the largest scale that shows all of it.
 */
void
wk_report_map_frame_fit (WkReportMapFrame *view,
                         double            px,
                         double            py,
                         double            pw,
                         double            ph,
                         const WkMapBox   *extent,
                         double            margin)
{
  double w = MAX (extent->xmax - extent->xmin, 1.0);
  double h = MAX (extent->ymax - extent->ymin, 1.0);

  view->px = px;
  view->py = py;
  view->pw = pw;
  view->ph = ph;
  view->cx = (extent->xmin + extent->xmax) / 2;
  view->cy = (extent->ymin + extent->ymax) / 2;
  view->scale = MIN (pw / (w * (1 + 2 * margin)), ph / (h * (1 + 2 * margin)));
  view->xmin = view->cx - pw / 2 / view->scale;
  view->xmax = view->cx + pw / 2 / view->scale;
  view->ymin = view->cy - ph / 2 / view->scale;
  view->ymax = view->cy + ph / 2 / view->scale;
}

void
wk_report_map_frame_to_page (const WkReportMapFrame *view,
                             double                  x,
                             double                  y,
                             double                 *px,
                             double                 *py)
{
  *px = view->px + view->pw / 2 + (x - view->cx) * view->scale;
  *py = view->py + view->ph / 2 - (y - view->cy) * view->scale;
}

static void
page_to_rd (const WkReportMapFrame *view,
            double                  px,
            double                  py,
            double                 *x,
            double                 *y)
{
  *x = view->cx + (px - view->px - view->pw / 2) / view->scale;
  *y = view->cy - (py - view->py - view->ph / 2) / view->scale;
}

gboolean
wk_report_map_frame_sees (const WkReportMapFrame *view,
                          const WkMapBox         *box)
{
  return box->xmax >= view->xmin && box->xmin <= view->xmax &&
         box->ymax >= view->ymin && box->ymin <= view->ymax;
}

void
wk_report_map_frame_clip (const WkReportMapFrame *view,
                          cairo_t                *cr)
{
  cairo_rectangle (cr, view->px, view->py, view->pw, view->ph);
  cairo_clip (cr);
}

/* ---------------------------------------------------------------- boxes */

void
wk_map_box_empty (WkMapBox *box)
{
  box->xmin = box->ymin = G_MAXDOUBLE;
  box->xmax = box->ymax = -G_MAXDOUBLE;
}

gboolean
wk_map_box_is_empty (const WkMapBox *box)
{
  return box->xmin > box->xmax;
}

void
wk_map_box_add (WkMapBox       *box,
                const WkMapBox *other)
{
  box->xmin = MIN (box->xmin, other->xmin);
  box->ymin = MIN (box->ymin, other->ymin);
  box->xmax = MAX (box->xmax, other->xmax);
  box->ymax = MAX (box->ymax, other->ymax);
}

void
wk_map_box_of_outline (WkMapBox        *box,
                       const WkOutline *outline)
{
  wk_map_box_empty (box);
  for (guint i = 0; outline != NULL && i < outline->n_points; i++)
    {
      box->xmin = MIN (box->xmin, outline->xy[2 * i]);
      box->xmax = MAX (box->xmax, outline->xy[2 * i]);
      box->ymin = MIN (box->ymin, outline->xy[2 * i + 1]);
      box->ymax = MAX (box->ymax, outline->xy[2 * i + 1]);
    }
}

/* ------------------------------------------------------------- outlines */

/**
 * wk_map_path_outline:
 *
 * Appends the outline's rings to the current path, leaving out points
 * closer than a third of a point to the previous one and rings that lie
 * outside the view.  Fill with %CAIRO_FILL_RULE_EVEN_ODD.
 */
void
wk_map_path_outline (cairo_t                *cr,
                     const WkReportMapFrame *view,
                     const WkOutline        *outline)
{
  guint start = 0;

  if (outline == NULL)
    return;
  for (guint r = 0; r < outline->n_rings; r++)
    {
      guint end = outline->ring_ends[r];
      WkMapBox box;
      double lx = 0, ly = 0;

      wk_map_box_empty (&box);
      for (guint i = start; i < end; i++)
        {
          box.xmin = MIN (box.xmin, outline->xy[2 * i]);
          box.xmax = MAX (box.xmax, outline->xy[2 * i]);
          box.ymin = MIN (box.ymin, outline->xy[2 * i + 1]);
          box.ymax = MAX (box.ymax, outline->xy[2 * i + 1]);
        }
      if (end > start + 2 && wk_report_map_frame_sees (view, &box))
        for (guint i = start; i < end; i++)
          {
            double px, py;

            wk_report_map_frame_to_page (view, outline->xy[2 * i], outline->xy[2 * i + 1],
                                         &px, &py);
            if (i == start)
              cairo_move_to (cr, px, py);
            else if (i == end - 1 || fabs (px - lx) + fabs (py - ly) > 0.33)
              cairo_line_to (cr, px, py);
            else
              continue;
            lx = px;
            ly = py;
          }
      if (end > start + 2)
        cairo_close_path (cr);
      start = end;
    }
}

static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = 0;

  if (dx != 0 || dy != 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* Positive inside (even-odd over all rings), negative outside. */
static double
signed_distance (const WkOutline *outline,
                 double           x,
                 double           y)
{
  const double *xy = outline->xy;
  gboolean inside = FALSE;
  double best = G_MAXDOUBLE;
  guint start = 0;

  for (guint r = 0; r < outline->n_rings; r++)
    {
      guint end = outline->ring_ends[r];

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          double ax = xy[2 * i], ay = xy[2 * i + 1], bx = xy[2 * j], by = xy[2 * j + 1];

          if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
            inside = !inside;
          best = MIN (best, segment_distance2 (x, y, ax, ay, bx, by));
        }
      start = end;
    }
  return (inside ? 1 : -1) * sqrt (best);
}

gboolean
wk_map_outline_contains (const WkOutline *outline,
                         double           x,
                         double           y)
{
  return outline != NULL && outline->n_rings > 0 && signed_distance (outline, x, y) > 0;
}

typedef struct
{
  double x, y, half, d, max;
} Cell;

static Cell
cell_new (const WkOutline *outline,
          double           x,
          double           y,
          double           half)
{
  Cell c = { x, y, half, signed_distance (outline, x, y), 0 };

  c.max = c.d + half * G_SQRT2;
  return c;
}

static void
heap_push (GArray *heap,
           Cell    cell)
{
  guint i = heap->len;

  g_array_append_val (heap, cell);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Cell *a = &g_array_index (heap, Cell, parent), *b = &g_array_index (heap, Cell, i), t;

      if (a->max >= b->max)
        break;
      t = *a, *a = *b, *b = t;
      i = parent;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell top = g_array_index (heap, Cell, 0);
  guint i = 0, n;

  g_array_index (heap, Cell, 0) = g_array_index (heap, Cell, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cell t;

      if (l < n && g_array_index (heap, Cell, l).max > g_array_index (heap, Cell, m).max)
        m = l;
      if (r < n && g_array_index (heap, Cell, r).max > g_array_index (heap, Cell, m).max)
        m = r;
      if (m == i)
        break;
      t = g_array_index (heap, Cell, i);
      g_array_index (heap, Cell, i) = g_array_index (heap, Cell, m);
      g_array_index (heap, Cell, m) = t;
      i = m;
    }
  return top;
}

/**
 * wk_map_outline_pole:
 * @precision: in metres
 * @distance: (out): the distance from the point to the outline's edge
 *
 * The pole of inaccessibility (the point inside farthest from the edge,
 * Mapbox's polylabel): where a label has the most room.
 *
 * Returns: %FALSE for an empty outline
 */
gboolean
wk_map_outline_pole (const WkOutline *outline,
                     double           precision,
                     double          *x,
                     double          *y,
                     double          *distance)
{
  g_autoptr(GArray) heap = NULL;
  WkMapBox box;
  double size, half;
  Cell best;

  if (outline == NULL || outline->n_points < 3)
    return FALSE;
  wk_map_box_of_outline (&box, outline);
  size = MIN (box.xmax - box.xmin, box.ymax - box.ymin);
  if (size <= 0)
    return FALSE;
  half = size / 2;
  heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  for (double cx = box.xmin; cx < box.xmax; cx += size)
    for (double cy = box.ymin; cy < box.ymax; cy += size)
      heap_push (heap, cell_new (outline, cx + half, cy + half, half));
  best = cell_new (outline, (box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2, 0);

  for (guint steps = 0; heap->len > 0 && steps < 4000; steps++)
    {
      Cell c = heap_pop (heap);

      if (c.d > best.d)
        best = c;
      if (c.max - best.d <= precision)
        continue;
      half = c.half / 2;
      heap_push (heap, cell_new (outline, c.x - half, c.y - half, half));
      heap_push (heap, cell_new (outline, c.x + half, c.y - half, half));
      heap_push (heap, cell_new (outline, c.x - half, c.y + half, half));
      heap_push (heap, cell_new (outline, c.x + half, c.y + half, half));
    }
  *x = best.x;
  *y = best.y;
  *distance = best.d;
  return best.d > 0;
}

/* ------------------------------------------------------------- symbols */

guint32
wk_map_marker_rgb (WkProviderKind kind)
{
  switch (kind)
    {
    case WK_PROVIDER_GP:
      return 0x1a5fb4;
    case WK_PROVIDER_PHARMACY:
      return 0x26a269;
    case WK_PROVIDER_NURSING:
      return 0xc64600;
    case WK_PROVIDER_SOCIAL:
      return 0x613583;
    case WK_N_PROVIDER_KINDS:
    default:
      return 0x000000;
    }
}

/**
 * wk_map_draw_marker:
 * @size: the symbol's width in points
 *
 * A provider symbol: GP a circle, pharmacy a square, district nursing a
 * triangle, social team a diamond, each in its own colour.
 */
void
wk_map_draw_marker (cairo_t        *cr,
                    WkProviderKind  kind,
                    double          px,
                    double          py,
                    double          size)
{
  double r = size / 2;

  cairo_new_path (cr);
  switch (kind)
    {
    case WK_PROVIDER_GP:
      cairo_arc (cr, px, py, r, 0, 2 * G_PI);
      break;
    case WK_PROVIDER_PHARMACY:
      cairo_rectangle (cr, px - r * 0.88, py - r * 0.88, r * 1.76, r * 1.76);
      break;
    case WK_PROVIDER_NURSING:
      cairo_move_to (cr, px, py - r * 1.15);
      cairo_line_to (cr, px + r * 1.1, py + r * 0.8);
      cairo_line_to (cr, px - r * 1.1, py + r * 0.8);
      cairo_close_path (cr);
      break;
    case WK_PROVIDER_SOCIAL:
    case WK_N_PROVIDER_KINDS:
    default:
      cairo_move_to (cr, px, py - r * 1.2);
      cairo_line_to (cr, px + r * 1.2, py);
      cairo_line_to (cr, px, py + r * 1.2);
      cairo_line_to (cr, px - r * 1.2, py);
      cairo_close_path (cr);
      break;
    }
  wk_doc_set_rgb (cr, wk_map_marker_rgb (kind));
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MAX (size / 8, 0.5));
  cairo_stroke (cr);
}

static void
format_length (char   *buffer,
               gsize   size,
               double  metres)
{
  if (metres >= 1000)
    /* Translators: a distance on the scale bar of a map */
    g_snprintf (buffer, size, _("%g km"), metres / 1000);
  else
    /* Translators: a distance on the scale bar of a map */
    g_snprintf (buffer, size, _("%g m"), metres);
}

/**
 * wk_map_draw_scale_bar:
 * @max_width: the longest the bar may be, in points
 *
 * A bar of a round length (1, 2 or 5 × 10ⁿ m) in the frame's bottom left.
 */
void
wk_map_draw_scale_bar (WkDoc           *doc,
                       const WkReportMapFrame *view,
                       double           max_width)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  g_autoptr(PangoLayout) end_label = NULL;
  g_autoptr(PangoLayout) zero_label = NULL;
  static const double steps[] = { 1, 2, 5 };
  double metres = 1, width, x, y, label_w, label_h;
  char text[32];

  if (cr == NULL)
    return;
  for (double decade = 1; decade < 1e7; decade *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      if (steps[i] * decade * view->scale <= max_width)
        metres = steps[i] * decade;
  width = metres * view->scale;
  format_length (text, sizeof text, metres);
  end_label = wk_doc_layout (doc, WK_DOC_SMALL, text, -1, PANGO_ALIGN_LEFT);
  zero_label = wk_doc_layout (doc, WK_DOC_SMALL, "0", -1, PANGO_ALIGN_LEFT);
  label_w = wk_doc_layout_width (end_label);
  label_h = wk_doc_layout_height (end_label);
  x = view->px + 8;
  y = view->py + view->ph - 8 - 4;

  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 4, y - label_h - 3, width + label_w / 2 + 10, label_h + 4 + 4 + 2);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.5);
  for (int half = 0; half < 2; half++)
    {
      cairo_rectangle (cr, x + half * width / 2, y, width / 2, 3);
      if (half == 0)
        wk_doc_set_rgb (cr, WK_DOC_TEXT);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      wk_doc_set_rgb (cr, WK_DOC_TEXT);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  wk_doc_show_layout (doc, zero_label, x - wk_doc_layout_width (zero_label) / 2, y - label_h - 1,
                      WK_DOC_TEXT);
  wk_doc_show_layout (doc, end_label, x + width - label_w / 2, y - label_h - 1, WK_DOC_TEXT);
}

/* A north arrow in the frame's top right: RD grid north. */
void
wk_map_draw_north_arrow (WkDoc                  *doc,
                         const WkReportMapFrame *view)
{
  cairo_t *cr = wk_doc_get_cairo (doc);
  g_autoptr(PangoLayout) layout = NULL;
  double x = view->px + view->pw - 16, y = view->py + 10;

  if (cr == NULL)
    return;
  /* Translators: “north” on the north arrow of a map; one letter */
  layout = wk_doc_layout (doc, WK_DOC_LABEL, C_("compass", "N"), -1, PANGO_ALIGN_LEFT);
  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 8, y - 4, 16, 34);
  cairo_fill (cr);
  wk_doc_set_rgb (cr, WK_DOC_TEXT);
  cairo_move_to (cr, x, y + 12);
  cairo_line_to (cr, x + 5, y + 28);
  cairo_line_to (cr, x, y + 24);
  cairo_line_to (cr, x - 5, y + 28);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
  wk_doc_show_layout (doc, layout, x - wk_doc_layout_width (layout) / 2, y - 2, WK_DOC_TEXT);
}

/* -------------------------------------------------------------- labels */

void
wk_map_labels_init (WkMapLabels *labels)
{
  labels->boxes = g_array_new (FALSE, FALSE, sizeof (WkMapBox));
  labels->boxed = FALSE;
}

void
wk_map_labels_clear (WkMapLabels *labels)
{
  g_clear_pointer (&labels->boxes, g_array_unref);
}

/* Keeps labels off something drawn on the map (a marker, the scale bar). */
void
wk_map_labels_block (WkMapLabels *labels,
                     double       x,
                     double       y,
                     double       w,
                     double       h)
{
  WkMapBox box = { x, y, x + w, y + h };

  g_array_append_val (labels->boxes, box);
}

static gboolean
segment_hits_box (double          ax,
                  double          ay,
                  double          bx,
                  double          by,
                  const WkMapBox *box)
{
  double p[4] = { -(bx - ax), bx - ax, -(by - ay), by - ay };
  double q[4] = { ax - box->xmin, box->xmax - ax, ay - box->ymin, box->ymax - ay };
  double t0 = 0, t1 = 1;

  for (guint k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      if (p[k] < 0)
        {
          double t = q[k] / p[k];

          if (t > t1)
            return FALSE;
          t0 = MAX (t0, t);
        }
      else
        {
          double t = q[k] / p[k];

          if (t < t0)
            return FALSE;
          t1 = MIN (t1, t);
        }
    }
  return TRUE;
}

/* Whether an RD box lies wholly inside the outline: its centre is inside
 * and no edge of the outline crosses it. */
static gboolean
outline_holds_box (const WkOutline *outline,
                   const WkMapBox  *box)
{
  const double *xy = outline->xy;
  guint start = 0;

  if (!wk_map_outline_contains (outline, (box->xmin + box->xmax) / 2, (box->ymin + box->ymax) / 2))
    return FALSE;
  for (guint r = 0; r < outline->n_rings; r++)
    {
      guint end = outline->ring_ends[r];

      for (guint i = start + 1; i < end; i++)
        if (segment_hits_box (xy[2 * i - 2], xy[2 * i - 1], xy[2 * i], xy[2 * i + 1], box))
          return FALSE;
      start = end;
    }
  return TRUE;
}

static gboolean
boxes_overlap (const WkMapBox *a,
               const WkMapBox *b)
{
  return a->xmin < b->xmax && b->xmin < a->xmax && a->ymin < b->ymax && b->ymin < a->ymax;
}

typedef struct
{
  double x, y, d;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  double da = ((const Candidate *) a)->d, db = ((const Candidate *) b)->d;

  return da < db ? 1 : da > db ? -1 : 0;
}

/* The pole of inaccessibility first, then the roomiest points of a grid
 * over the visible part of the outline. */
static GArray *
collect_candidates (const WkReportMapFrame *view,
                    const WkOutline        *outline)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) grid = g_array_new (FALSE, FALSE, sizeof (Candidate));
  WkMapBox box;
  Candidate pole;

  if (wk_map_outline_pole (outline, 0.5 / view->scale, &pole.x, &pole.y, &pole.d) &&
      pole.x > view->xmin && pole.x < view->xmax && pole.y > view->ymin && pole.y < view->ymax)
    g_array_append_val (out, pole);

  wk_map_box_of_outline (&box, outline);
  box.xmin = MAX (box.xmin, view->xmin);
  box.xmax = MIN (box.xmax, view->xmax);
  box.ymin = MAX (box.ymin, view->ymin);
  box.ymax = MIN (box.ymax, view->ymax);
  if (box.xmin >= box.xmax || box.ymin >= box.ymax)
    return out;
  for (guint i = 0; i < 9; i++)
    for (guint j = 0; j < 9; j++)
      {
        Candidate c = {
          box.xmin + (box.xmax - box.xmin) * (i + 0.5) / 9,
          box.ymin + (box.ymax - box.ymin) * (j + 0.5) / 9,
          0,
        };

        c.d = signed_distance (outline, c.x, c.y);
        if (c.d > 0)
          g_array_append_val (grid, c);
      }
  g_array_sort (grid, compare_candidates);
  g_array_append_vals (out, grid->data, MIN (grid->len, 12));
  return out;
}

/**
 * wk_map_labels_place:
 * @texts: the variants to try, best first (e.g. the name, smaller, wrapped,
 *   a number)
 * @rgb: text colour
 *
 * Places the first variant that fits wholly inside the visible part of
 * @outline without touching an earlier label, and draws it.
 *
 * Returns: the index of the variant placed, or -1 when none fits
 */
int
wk_map_labels_place (WkMapLabels            *labels,
                     WkDoc                  *doc,
                     const WkReportMapFrame *view,
                     const WkOutline        *outline,
                     const WkMapLabelText   *texts,
                     guint                   n_texts,
                     gboolean                bold,
                     guint32                 rgb)
{
  g_autoptr(GArray) candidates = NULL;

  if (outline == NULL || outline->n_points < 3)
    return -1;
  candidates = collect_candidates (view, outline);
  for (guint t = 0; t < n_texts; t++)
    {
      g_autofree char *markup = g_strdup_printf ("<span size=\"%d\" weight=\"%s\">%s</span>",
                                                 (int) (texts[t].size * PANGO_SCALE),
                                                 bold ? "bold" : "normal", texts[t].markup);
      g_autoptr(PangoLayout) layout = wk_doc_layout (doc, WK_DOC_LABEL, markup,
                                                     texts[t].wrap > 0 ? texts[t].wrap : -1,
                                                     PANGO_ALIGN_CENTER);
      PangoRectangle logical;
      double w, h;

      pango_layout_get_extents (layout, NULL, &logical);
      w = (double) logical.width / PANGO_SCALE;
      h = (double) logical.height / PANGO_SCALE;
      if (texts[t].wrap > 0 && pango_layout_get_line_count (layout) > 2)
        continue;
      for (guint c = 0; c < candidates->len; c++)
        {
          const Candidate *cand = &g_array_index (candidates, Candidate, c);
          WkMapBox page, rd;
          double px, py;
          gboolean free = TRUE;

          wk_report_map_frame_to_page (view, cand->x, cand->y, &px, &py);
          page = (WkMapBox) { px - w / 2 - 1, py - h / 2, px + w / 2 + 1, py + h / 2 };
          if (page.xmin < view->px + 2 || page.xmax > view->px + view->pw - 2 ||
              page.ymin < view->py + 2 || page.ymax > view->py + view->ph - 2)
            continue;
          for (guint b = 0; b < labels->boxes->len && free; b++)
            free = !boxes_overlap (&page, &g_array_index (labels->boxes, WkMapBox, b));
          if (!free)
            continue;
          /* the glyphs' body (not the line's leading) inside the outline,
           * with a little room on either side */
          page_to_rd (view, page.xmin - 1, py + h * 0.32, &rd.xmin, &rd.ymin);
          page_to_rd (view, page.xmax + 1, py - h * 0.32, &rd.xmax, &rd.ymax);
          if (!outline_holds_box (outline, &rd))
            continue;
          g_array_append_val (labels->boxes, page);
          wk_doc_show_halo (doc, layout, px - w / 2 - (double) logical.x / PANGO_SCALE,
                            py - h / 2 - (double) logical.y / PANGO_SCALE, rgb,
                            labels->boxed);
          return (int) t;
        }
    }
  return -1;
}
