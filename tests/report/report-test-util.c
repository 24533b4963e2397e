/* report-test-util.c: helpers for the report tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include <math.h>

#include "report-test-util.h"

/**
 * report_test_grow_plan:
 * @n_areas: how many areas to make
 *
 * A plan of @n_areas areas grown over the adjacency graph from seeds spread
 * by farthest-point sampling; units in parts of the graph without a seed go
 * to the nearest seed's area.
 *
 * Returns: (transfer full): the plan
 */
WkPlan *
report_test_grow_plan (WkDataset *dataset,
                       guint      n_areas)
{
  guint n = wk_dataset_get_n_units (dataset);
  g_autofree guint *area_of = g_new0 (guint, n);
  g_autofree double *dist = g_new (double, n);
  g_autofree guint *seeds = g_new0 (guint, n_areas);
  g_autoptr(GQueue) queue = g_queue_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  WkPlan *plan = wk_plan_new (dataset);

  g_assert_cmpuint (n_areas, <=, n);
  for (guint u = 0; u < n; u++)
    dist[u] = G_MAXDOUBLE;
  for (guint k = 0, seed = 0; k < n_areas; k++)
    {
      const WkUnit *s = wk_dataset_get_unit (dataset, seed);

      seeds[k] = seed;
      area_of[seed] = k + 1;
      g_queue_push_tail (queue, GUINT_TO_POINTER (seed));
      g_ptr_array_add (names, g_strdup_printf ("Gebied %03u", k + 1));
      for (guint u = 0; u < n; u++)
        {
          const WkUnit *unit = wk_dataset_get_unit (dataset, u);

          dist[u] = MIN (dist[u], hypot (unit->cx - s->cx, unit->cy - s->cy));
          if (dist[u] > dist[seed])
            seed = u;
        }
    }
  while (!g_queue_is_empty (queue))
    {
      guint u = GPOINTER_TO_UINT (g_queue_pop_head (queue));
      guint n_neighbours;
      const guint *neighbours = wk_dataset_get_neighbours (dataset, u, NULL, &n_neighbours);

      for (guint i = 0; i < n_neighbours; i++)
        if (area_of[neighbours[i]] == 0)
          {
            area_of[neighbours[i]] = area_of[u];
            g_queue_push_tail (queue, GUINT_TO_POINTER (neighbours[i]));
          }
    }
  for (guint u = 0; u < n; u++)
    if (area_of[u] == 0)
      {
        const WkUnit *unit = wk_dataset_get_unit (dataset, u);
        double best = G_MAXDOUBLE;

        for (guint k = 0; k < n_areas; k++)
          {
            const WkUnit *s = wk_dataset_get_unit (dataset, seeds[k]);
            double d = hypot (unit->cx - s->cx, unit->cy - s->cy);

            if (d < best)
              {
                best = d;
                area_of[u] = k + 1;
              }
          }
      }
  wk_plan_replace (plan, names, NULL, area_of, NULL, "grow", &error);
  g_assert_no_error (error);
  wk_plan_set_name (plan, "grown");
  return plan;
}

/**
 * report_test_province_checker:
 *
 * Returns: (transfer full) (nullable): a check of a plan of @n_areas grown
 *   areas on the province of Utrecht buurten, or %NULL after marking the
 *   test skipped when the real data is not there
 */
WkChecker *
report_test_province_checker (guint n_areas)
{
  g_autofree char *path =
    wk_test_shared_data ("cbs-buurten-2019/utrecht_provincie_buurten_2019.geojson");
  g_autoptr(WkLoadOptions) options = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = wk_profile_new ();

  if (path == NULL)
    return NULL;
  options = wk_load_options_new (path);
  dataset = wk_test_load (options);
  plan = report_test_grow_plan (dataset, n_areas);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, n_areas);
  return wk_checker_new (plan, profile);
}

gboolean
report_test_have_poppler (void)
{
  const char *tools[] = { "pdfinfo", "pdftotext", "pdftoppm" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_test_skip ("poppler-utils (pdfinfo, pdftotext, pdftoppm) are not installed");
          return FALSE;
        }
    }
  return TRUE;
}

static char *
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

/**
 * report_test_pdf_text:
 * @first: first page, from 1; 0 for all pages
 *
 * Returns: (transfer full): the text in content order (pdftotext -raw):
 *   a table cell's lines stay together; pages end with a form feed
 */
char *
report_test_pdf_text (const char *pdf,
                      guint       first,
                      guint       last)
{
  g_autofree char *f = g_strdup_printf ("%u", first);
  g_autofree char *l = g_strdup_printf ("%u", last);

  if (first == 0)
    {
      const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
      return run (argv);
    }
  else
    {
      const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", f, "-l", l, pdf, "-",
                             NULL };
      return run (argv);
    }
}

/* The page count as pdfinfo reads it; 0 when it cannot. */
guint
report_test_pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = run (argv);
  const char *pages = strstr (out, "\nPages:");

  return pages != NULL ? (guint) g_ascii_strtoull (pages + 7, NULL, 10) : 0;
}

/* Every run of white space as one space. */
char *
report_test_normalise (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = s->len > 0;
      else
        {
          if (space)
            g_string_append_c (s, ' ');
          g_string_append_c (s, *p);
          space = FALSE;
        }
    }
  return g_string_free (s, FALSE);
}

/* Whether @token is a word of @text (punctuation around it aside). */
gboolean
report_test_has_token (const char *text,
                       const char *token)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\f", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = words[i];
      gsize len;

      while (*w == '(')
        w++;
      len = strlen (w);
      while (len > 0 && strchr (",.;:)", w[len - 1]) != NULL)
        w[--len] = '\0';
      if (g_str_equal (w, token))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  double  x0, y0, x1, y1;
  double  page_width;
  char   *text;
} Word;

static void
word_clear (gpointer data)
{
  g_free (((Word *) data)->text);
}

static GArray *
read_words (const char *pdf,
            guint       page)
{
  g_autofree char *p = g_strdup_printf ("%u", page);
  const char *argv_page[] = { "pdftotext", "-bbox", "-f", p, "-l", p, pdf, "-", NULL };
  const char *argv_all[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (page ? argv_page : argv_all);
  g_autoptr(GRegex) regex = g_regex_new ("<page width=\"([0-9.]+)\"|"
                                         "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                         "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                         0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  double page_width = 0;

  g_array_set_clear_func (words, word_clear);
  g_regex_match (regex, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *width = g_match_info_fetch (match, 1);

      if (width != NULL && *width)
        page_width = g_ascii_strtod (width, NULL);
      else
        {
          Word w;
          g_autofree char *x0 = g_match_info_fetch (match, 2);
          g_autofree char *y0 = g_match_info_fetch (match, 3);
          g_autofree char *x1 = g_match_info_fetch (match, 4);
          g_autofree char *y1 = g_match_info_fetch (match, 5);

          w.x0 = g_ascii_strtod (x0, NULL);
          w.y0 = g_ascii_strtod (y0, NULL);
          w.x1 = g_ascii_strtod (x1, NULL);
          w.y1 = g_ascii_strtod (y1, NULL);
          w.page_width = page_width;
          w.text = g_match_info_fetch (match, 6);
          g_array_append_val (words, w);
        }
      g_match_info_next (match, NULL);
    }
  return words;
}

/**
 * report_test_find_overlap:
 *
 * Returns: (transfer full) (nullable): two words of @page whose boxes
 *   overlap (more than half a point across, a point down), or %NULL
 */
char *
report_test_find_overlap (const char *pdf,
                          guint       page)
{
  g_autoptr(GArray) words = read_words (pdf, page);

  g_assert_cmpuint (words->len, >, 0);
  for (guint i = 0; i < words->len; i++)
    for (guint j = i + 1; j < words->len; j++)
      {
        Word *a = &g_array_index (words, Word, i), *b = &g_array_index (words, Word, j);
        double ix = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
        double iy = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

        if (ix > 0.5 && iy > 1.0)
          return g_strdup_printf ("“%s” (%.1f,%.1f) and “%s” (%.1f,%.1f)", a->text, a->x0,
                                  a->y0, b->text, b->x0, b->y0);
      }
  return NULL;
}

/**
 * report_test_find_outside:
 * @margin: the page margin in points
 *
 * Returns: (transfer full) (nullable): a word on any page that reaches into
 *   the left or right margin, or %NULL
 */
char *
report_test_find_outside (const char *pdf,
                          double      margin)
{
  g_autoptr(GArray) words = read_words (pdf, 0);

  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);

      if (w->x0 < margin - 0.5 || w->x1 > w->page_width - margin + 0.5)
        return g_strdup_printf ("“%s” at x %.1f–%.1f", w->text, w->x0, w->x1);
    }
  return NULL;
}
