/* wk-bench-main.c: wijkindeling-bench, the performance figures of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run loads a units file (or a generated one), grows a starting plan,
 * checks it, moves single units across area boundaries a thousand times
 * with the live incremental check, dissolves all areas, and compares each
 * step with what GDAL or ogr2ogr take for the same data in the same run.
 * It ends by checking that the incremental findings equal a fresh full
 * check.  Timing belongs here, never in unit tests.
 */

#define G_LOG_DOMAIN "wk-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "wk-bench.h"

typedef struct
{
  char     *units;
  char     *extras;
  int       synthetic;
  int       areas;
  int       moves;
  int       seed;
  double    spacing;
  char     *data_dir;
  char     *generate_into;
  char     *sizes;
  gboolean  growth;
  gboolean  json;
  gboolean  no_ogr2ogr;
  gboolean  no_extras;
  gboolean  load_only;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->units);
  g_free (o->extras);
  g_free (o->data_dir);
  g_free (o->generate_into);
  g_free (o->sizes);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* The acceptance case: 14,000 units in 300 areas, about 47 units an area;
 * other sizes keep that area size unless --areas says otherwise. */
#define UNITS_PER_AREA (14000.0 / 300.0)

/* ---------------------------------------------------------------- helpers */

double
wk_bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
double_compare (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/**
 * wk_bench_percentile:
 * @samples: (element-type double): sorted in place
 * @p: 0…1
 *
 * Returns: the nearest-rank percentile, NAN without samples
 */
double
wk_bench_percentile (GArray *samples,
                     double  p)
{
  guint rank;

  if (samples->len == 0)
    return NAN;
  g_array_sort (samples, double_compare);
  rank = (guint) ceil (p * samples->len);
  return g_array_index (samples, double, CLAMP (rank, 1, samples->len) - 1);
}

double
wk_bench_median (GArray *samples)
{
  return wk_bench_percentile (samples, 0.5);
}

void
wk_bench_figures_init (WkBenchFigures *f)
{
  memset (f, 0, sizeof *f);
  f->generate_s = f->gdal_read_s = f->load_s = f->load_all_s = f->grow_s = NAN;
  f->gdal_read_cpu_s = f->load_cpu_s = NAN;
  f->full_check_first_ms = f->full_check_ms = NAN;
  f->recheck_median_ms = f->recheck_p95_ms = f->recheck_max_ms = f->redissolve_median_ms = NAN;
  f->dissolve_ms = f->ogr2ogr_dissolve_ms = NAN;
  f->render_setup_ms = f->render_zoom = f->render_city_zoom = NAN;
  f->render_frame_ms = f->render_warm_ms = f->render_edit_ms = NAN;
  f->render_city_ms = f->render_city_warm_ms = f->render_city_edit_ms = NAN;
  f->render_patch_equal = TRUE;
  f->peak_rss_mb = f->source_mb = NAN;
  f->peak_rss_load_mb = f->peak_rss_load_all_mb = f->peak_rss_plan_mb = NAN;
  f->peak_rss_render_mb = f->peak_rss_repair_mb = f->peak_rss_propose_mb = NAN;
  f->repair_ms = NAN;
  f->propose_ms = NAN;
  f->propose_default_ms = NAN;
  f->report_long_name_s = f->report_long_name_rss_mb = NAN;
}

void
wk_bench_figures_clear (WkBenchFigures *f)
{
  g_free (f->source);
  g_free (f->ogr2ogr_note);
  g_free (f->render_note);
  g_free (f->repair_note);
  g_free (f->report_note);
}

/* The peak RSS of the phases before the last reset (see phase_start()). */
static double peak_before_mb;
static gboolean hwm_reset;

/* The process's high-water mark of resident memory in MB (VmHWM): of this
 * process's own memory alone, which after fork() and exec() the
 * getrusage() figure is not (it keeps the parent's size at the fork). */
static double
hwm_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmHWM:")) == NULL)
    return NAN;
  return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;   /* kB */
}

/* The peak RSS of the whole run so far. */
double
wk_bench_peak_rss_mb (void)
{
  struct rusage usage;
  double hwm = hwm_mb ();

  if (!isnan (hwm))
    return MAX (peak_before_mb, hwm);
  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return NAN;
  return usage.ru_maxrss / 1024.0;   /* kB on Linux */
}

/* Starts a phase whose own peak phase_peak_mb() then gives: resets the
 * high-water mark (Linux: "5" written to /proc/self/clear_refs), keeping
 * the run's peak so far for wk_bench_peak_rss_mb(). */
static void
phase_start (void)
{
  FILE *file;

  peak_before_mb = MAX (peak_before_mb, wk_bench_peak_rss_mb ());
  file = fopen ("/proc/self/clear_refs", "w");
  hwm_reset = file != NULL && fputs ("5", file) >= 0;
  if (file != NULL)
    hwm_reset &= fclose (file) == 0;
}

/* The peak RSS since phase_start(), or NAN when it could not be reset. */
static double
phase_peak_mb (void)
{
  return hwm_reset ? hwm_mb () : NAN;
}

/* A GeoPackage may keep part of itself in a write-ahead log beside it. */
static double
file_mb (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  double total = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (p, &st) == 0)
        total += st.st_size;
    }
  return total / (1024.0 * 1024.0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
print_err (const char *prefix,
           const char *format,
           va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("%s%s\n", prefix, message);
}

static int G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  print_err ("wijkindeling-bench: ", format, args);
  va_end (args);
  return 2;
}

/* What the bench is doing, on stderr, so that --json stays clean. */
static void G_GNUC_PRINTF (1, 2)
progress (const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  print_err ("… ", format, args);
  va_end (args);
}

/* ------------------------------------------------------------ synthetic */

static void
synthetic_options (const Options      *o,
                   guint               n_units,
                   WkSyntheticOptions *syn)
{
  wk_synthetic_options_init (syn);
  syn->n_units = n_units;
  /* about as many municipalities per buurt as the Netherlands has */
  syn->n_municipalities = MAX (1, n_units / 40);
  syn->seed = (guint32) o->seed;
  syn->vertex_spacing_m = o->spacing;
  syn->units_format = "gpkg";
  syn->sample_plan = FALSE;
  syn->name = "Benchstad";
}

/* Generates in a child process, so that the generator's memory does not
 * count in the benchmark's peak RSS. */
static gboolean
generate (const Options  *o,
          const char     *dir,
          double         *seconds,
          GError        **error)
{
  g_autofree char *n = g_strdup_printf ("%d", o->synthetic);
  g_autofree char *seed = g_strdup_printf ("%d", o->seed);
  char spacing[G_ASCII_DTOSTR_BUF_SIZE];
  const char *argv[] = {
    "/proc/self/exe", "--generate-into", dir, "--synthetic", n, "--seed", seed,
    "--vertex-spacing", g_ascii_dtostr (spacing, sizeof spacing, o->spacing), NULL
  };
  g_autofree char *marker = g_build_filename (dir, "complete", NULL);
  double start = wk_bench_now ();
  int status = 0;

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      *seconds = NAN;
      return TRUE;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, _("The synthetic data could not be made: "));
      return FALSE;
    }
  *seconds = wk_bench_now () - start;
  return g_file_set_contents (marker, "", 0, error);
}

static int
generate_into (const Options *o)
{
  g_autoptr(GError) error = NULL;
  WkSyntheticOptions syn;

  synthetic_options (o, (guint) MAX (o->synthetic, 4), &syn);
  if (!wk_synthetic_write (&syn, o->generate_into, &error))
    return fail ("%s", error->message);
  return 0;
}

/* ------------------------------------------------------------------ run */

/* With @extras_dir (a folder as the generator writes it, like
 * data/sample), also its providers, networks and municipal boundary. */
static gboolean
load (const char           *units,
      const char           *extras_dir,
      gboolean              population_known,
      WkDataset           **dataset,
      double               *seconds,
      GError              **error)
{
  g_autoptr(WkLoadOptions) options = wk_load_options_new (units);
  double start;

  if (!population_known)
    options->role_fields[WK_ROLE_POPULATION] = g_strdup ("");
  if (extras_dir != NULL)
    {
      static const struct { WkProviderKind kind; const char *file; } providers[] = {
        { WK_PROVIDER_GP, "gp.csv" }, { WK_PROVIDER_PHARMACY, "pharmacy.csv" },
        { WK_PROVIDER_NURSING, "nursing.csv" }, { WK_PROVIDER_SOCIAL, "social.csv" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
        {
          g_autofree char *p = g_build_filename (extras_dir, providers[i].file, NULL);

          if (g_file_test (p, G_FILE_TEST_EXISTS))
            wk_load_options_add_provider (options, providers[i].kind, p);
        }
      {
        g_autofree char *networks = g_build_filename (extras_dir, "networks.geojson", NULL);
        g_autofree char *boundary = g_build_filename (extras_dir, "boundary.geojson", NULL);

        if (g_file_test (networks, G_FILE_TEST_EXISTS))
          wk_load_options_add_network (options, networks);
        if (g_file_test (boundary, G_FILE_TEST_EXISTS))
          options->boundary_path = g_steal_pointer (&boundary);
      }
    }
  start = wk_bench_now ();
  *dataset = wk_dataset_load (options, NULL, NULL, error);
  *seconds = wk_bench_now () - start;
  return *dataset != NULL;
}

static gboolean
same_stats (const WkAreaStats *a,
            const WkAreaStats *b)
{
  return a->n_units == b->n_units && a->population == b->population &&
         a->n_unknown_population == b->n_unknown_population && a->pop65 == b->pop65 &&
         a->area_m2 == b->area_m2 && a->perimeter_m == b->perimeter_m &&
         a->n_parts == b->n_parts && a->n_municipalities == b->n_municipalities &&
         a->gp_fte == b->gp_fte && a->n_dispensing == b->n_dispensing &&
         memcmp (a->n_providers, b->n_providers, sizeof a->n_providers) == 0;
}

/* The incremental check must equal a full one: the same findings, in the
 * same order, and the same figures for every area. */
static gboolean
verify (WkChecker *live,
        WkPlan    *plan,
        WkProfile *profile,
        guint     *n_findings)
{
  g_autoptr(WkChecker) fresh = wk_checker_new (plan, profile);
  g_autoptr(GPtrArray) a = wk_checker_dup_findings (live);
  g_autoptr(GPtrArray) b = wk_checker_dup_findings (fresh);
  GListModel *areas = wk_plan_get_areas (plan);
  gboolean ok = a->len == b->len;

  *n_findings = b->len;
  for (guint i = 0; ok && i < a->len; i++)
    if (!wk_finding_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      {
        g_printerr ("wijkindeling-bench: finding %u differs:\n  incremental: %s\n  full: %s\n", i,
                    wk_finding_get_message (g_ptr_array_index (a, i)),
                    wk_finding_get_message (g_ptr_array_index (b, i)));
        ok = FALSE;
      }
  for (guint i = 0; ok && i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(WkArea) area = g_list_model_get_item (areas, i);
      guint id = wk_area_get_id (area);

      if (!same_stats (wk_checker_get_area_stats (live, id), wk_checker_get_area_stats (fresh, id)))
        {
          g_printerr ("wijkindeling-bench: the figures of “%s” differ\n", wk_area_get_name (area));
          ok = FALSE;
        }
    }
  return ok;
}

/* CPU seconds of all the process's threads so far. */
static double
cpu_now (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
    return NAN;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The plain GDAL read (the median of three, after one to warm the file
 * cache) and our load of the units alone, in wall-clock and CPU seconds. */
static gboolean
measure_units_load (const char      *units,
                    const char      *layer,
                    WkBenchFigures  *f,
                    WkDataset      **dataset,
                    GError         **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_runs = g_array_new (FALSE, FALSE, sizeof (double));
  double s, cpu;

  progress ("reading %s", units);
  if (!wk_bench_gdal_read (units, layer, &s, &f->n_vertices, error))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      cpu = cpu_now ();
      if (!wk_bench_gdal_read (units, layer, &s, &f->n_vertices, error))
        return FALSE;
      cpu = cpu_now () - cpu;
      g_array_append_val (runs, s);
      g_array_append_val (cpu_runs, cpu);
    }
  f->gdal_read_s = wk_bench_median (runs);
  f->gdal_read_cpu_s = wk_bench_median (cpu_runs);

  progress ("loading");
  cpu = cpu_now ();
  if (!load (units, NULL, f->population_known, dataset, &f->load_s, error))
    return FALSE;
  f->load_cpu_s = cpu_now () - cpu;
  return TRUE;
}

static gboolean
run (const Options   *o,
     WkBenchFigures  *f,
     GError         **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *syn_dir = NULL;
  const char *extras = o->extras;
  g_autofree char *units = NULL;
  g_autofree char *layer = NULL;
  g_autoptr(WkSourceInfo) info = NULL;
  g_autoptr(WkDataset) dataset = NULL;
  g_autoptr(WkPlan) plan = NULL;
  g_autoptr(WkProfile) profile = wk_profile_new ();
  g_autoptr(WkChecker) checker = NULL;
  g_autoptr(WkDissolver) dissolver = NULL;
  g_autoptr(GArray) rechecks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redissolves = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) o->seed + 1);
  g_autofree guint *assignment = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  WkLayerInfo *layer_info;
  double tolerance, start;
  guint n_areas;

  tmp = g_dir_make_tmp ("wijkindeling-bench-XXXXXX", error);
  if (tmp == NULL)
    return FALSE;

  /* 1. the data */
  if (o->units != NULL)
    units = g_strdup (o->units);
  else
    {
      g_autofree char *name = g_strdup_printf ("synthetic-%d-s%d-v%g", o->synthetic, o->seed, o->spacing);

      syn_dir = g_build_filename (o->data_dir ? o->data_dir : tmp, name, NULL);
      progress ("generating %d synthetic units in %s", o->synthetic, syn_dir);
      if (!generate (o, syn_dir, &f->generate_s, error))
        return FALSE;
      units = g_build_filename (syn_dir, "units.gpkg", NULL);
      extras = o->no_extras ? NULL : syn_dir;
    }
  f->source = g_strdup (units);
  f->source_mb = file_mb (units);
  info = wk_source_inspect (units, error);
  if (info == NULL)
    return FALSE;
  layer_info = wk_source_info_find_layer (info, NULL, WK_GEOMETRY_POLYGON);
  if (layer_info == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” has no polygon layer."), units);
      return FALSE;
    }
  layer = g_strdup (layer_info->name);
  f->population_known = layer_info->roles[WK_ROLE_POPULATION] != NULL;

  /* 2. a plain GDAL read against our load, both with a warm file cache */
  phase_start ();
  if (!measure_units_load (units, layer, f, &dataset, error))
    return FALSE;
  f->peak_rss_load_mb = phase_peak_mb ();
  if (extras != NULL)
    {
      g_clear_object (&dataset);
      phase_start ();
      if (!load (units, extras, f->population_known, &dataset, &f->load_all_s, error))
        return FALSE;
      f->peak_rss_load_all_mb = phase_peak_mb ();
    }
  f->n_units = wk_dataset_get_n_units (dataset);
  if (o->load_only)
    {
      f->peak_rss_mb = wk_bench_peak_rss_mb ();
      remove_tree (tmp);
      return TRUE;
    }

  /* 3. the starting plan */
  tolerance = wk_profile_get_double (profile, "contiguity", "min_shared_boundary_m");
  n_areas = o->areas > 0 ? (guint) o->areas : MAX (1, (guint) lround (f->n_units / UNITS_PER_AREA));
  n_areas = MIN (n_areas, f->n_units);
  progress ("growing %u areas", n_areas);
  phase_start ();
  start = wk_bench_now ();
  assignment = wk_bench_grow_areas (dataset, n_areas, tolerance, (guint32) o->seed);
  for (guint a = 0; a < n_areas; a++)
    g_ptr_array_add (names, g_strdup_printf ("Area %u", a + 1));
  plan = wk_plan_new (dataset);
  if (!wk_plan_replace (plan, names, NULL, assignment, NULL, "Start", error))
    return FALSE;
  wk_plan_clear_history (plan);
  f->grow_s = wk_bench_now () - start;
  f->n_areas = wk_plan_get_n_areas (plan);

  /* 4. full check: the first one fills the criteria's caches */
  progress ("checking");
  start = wk_bench_now ();
  checker = wk_checker_new (plan, profile);
  f->full_check_first_ms = 1000 * (wk_bench_now () - start);
  g_array_set_size (runs, 0);
  for (guint i = 0; i < 3; i++)
    {
      double ms;

      start = wk_bench_now ();
      wk_checker_run (checker);
      ms = 1000 * (wk_bench_now () - start);
      g_array_append_val (runs, ms);
    }
  f->full_check_ms = wk_bench_median (runs);
  f->n_findings = wk_checker_get_n_findings (checker);

  /* 5. dissolve all areas, and ogr2ogr on the same units and areas */
  progress ("dissolving");
  start = wk_bench_now ();
  dissolver = wk_dissolver_new (plan);
  wk_dissolver_update_all (dissolver);
  f->dissolve_ms = 1000 * (wk_bench_now () - start);
  if (o->no_ogr2ogr)
    f->ogr2ogr_note = g_strdup (_("not measured (--no-ogr2ogr)"));
  else
    {
      g_autofree char *in = g_build_filename (tmp, "assigned.gpkg", NULL);
      g_autofree char *out = g_build_filename (tmp, "dissolved.gpkg", NULL);
      g_autoptr(GError) local = NULL;
      double s;

      progress ("dissolving with ogr2ogr");
      if (wk_bench_write_assigned (plan, in, &local) &&
          wk_bench_ogr2ogr_dissolve (in, out, &s, &local))
        f->ogr2ogr_dissolve_ms = 1000 * s;
      else
        f->ogr2ogr_note = g_strdup (local->message);
    }

  /* 6. single-unit moves across area boundaries, each checked live */
  progress ("moving %d units", o->moves);
  for (int i = 0; i < o->moves; i++)
    {
      guint unit, area;
      double ms;

      if (!wk_bench_pick_move (plan, tolerance, rand, &unit, &area))
        break;
      start = wk_bench_now ();
      if (!wk_plan_assign (plan, unit, area, error))
        return FALSE;
      ms = 1000 * (wk_bench_now () - start);
      g_array_append_val (rechecks, ms);

      /* what the map then asks for: the two areas' outlines again */
      start = wk_bench_now ();
      wk_dissolver_update_all (dissolver);
      ms = 1000 * (wk_bench_now () - start);
      g_array_append_val (redissolves, ms);
    }
  f->n_moves = rechecks->len;
  f->recheck_median_ms = wk_bench_median (rechecks);
  f->recheck_p95_ms = wk_bench_percentile (rechecks, 0.95);
  f->recheck_max_ms = wk_bench_percentile (rechecks, 1.0);
  f->redissolve_median_ms = wk_bench_median (redissolves);

  /* 7. the render figures, when the GUI is there; its edit frames move
   * units too, which the verification then covers */
  f->peak_rss_plan_mb = phase_peak_mb ();
  progress ("rendering");
  phase_start ();
  wk_bench_render (plan, dissolver, tolerance, f);
  f->peak_rss_render_mb = phase_peak_mb ();

  /* 8. the incremental check equals a fresh full check */
  progress ("verifying");
  f->peak_rss_mb = wk_bench_peak_rss_mb ();
  f->verified = verify (checker, plan, profile, &f->n_findings_final);

  /* 9. a repair: one buurt left out of a plan that meets the rules */
  progress ("repairing");
  phase_start ();
  wk_bench_repair (plan, f);
  f->peak_rss_repair_mb = phase_peak_mb ();

  /* 10. proposals from scratch */
  progress ("proposing");
  phase_start ();
  wk_bench_propose (wk_plan_get_dataset (plan), f);
  f->peak_rss_propose_mb = phase_peak_mb ();

  /* 11. a report for an area named with 100,000 characters, under 1 GiB */
  progress ("reporting");
  wk_bench_report_long_name (f);

  remove_tree (tmp);
  return TRUE;
}

/* --------------------------------------------------------------- output */

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (value * 1e4) / 1e4);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
print_json (const WkBenchFigures *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  /* the figures the issue names, in its order */
  add_int (b, "units", f->n_units);
  add_number (b, "load_s", f->load_s);
  add_number (b, "gdal_read_s", f->gdal_read_s);
  add_number (b, "full_check_ms", f->full_check_ms);
  add_number (b, "recheck_median_ms", f->recheck_median_ms);
  add_number (b, "recheck_p95_ms", f->recheck_p95_ms);
  add_number (b, "dissolve_ms", f->dissolve_ms);
  add_number (b, "ogr2ogr_dissolve_ms", f->ogr2ogr_dissolve_ms);
  add_number (b, "render_frame_ms", f->render_frame_ms);
  add_number (b, "peak_rss_mb", f->peak_rss_mb);
  add_number (b, "source_mb", f->source_mb);
  /* and more */
  add_string (b, "source", f->source);
  add_number (b, "load_cpu_s", f->load_cpu_s);
  add_number (b, "gdal_read_cpu_s", f->gdal_read_cpu_s);
  add_int (b, "areas", f->n_areas);
  add_int (b, "vertices", (gint64) f->n_vertices);
  json_builder_set_member_name (b, "population_known");
  json_builder_add_boolean_value (b, f->population_known);
  add_number (b, "generate_s", f->generate_s);
  add_number (b, "load_all_s", f->load_all_s);
  add_number (b, "grow_s", f->grow_s);
  add_number (b, "full_check_first_ms", f->full_check_first_ms);
  add_int (b, "findings", f->n_findings);
  add_int (b, "moves", f->n_moves);
  add_number (b, "recheck_max_ms", f->recheck_max_ms);
  add_number (b, "redissolve_median_ms", f->redissolve_median_ms);
  add_string (b, "ogr2ogr_note", f->ogr2ogr_note);
  add_number (b, "render_warm_ms", f->render_warm_ms);
  add_number (b, "render_edit_ms", f->render_edit_ms);
  add_number (b, "render_city_ms", f->render_city_ms);
  add_number (b, "render_city_warm_ms", f->render_city_warm_ms);
  add_number (b, "render_city_edit_ms", f->render_city_edit_ms);
  add_number (b, "render_setup_ms", f->render_setup_ms);
  add_number (b, "render_zoom", f->render_zoom);
  add_number (b, "render_city_zoom", f->render_city_zoom);
  add_string (b, "render_note", f->render_note);
  add_int (b, "render_patched", f->render_patched);
  add_int (b, "render_patch_diff_px", f->render_patch_diff_px);
  add_int (b, "render_patch_max_diff", f->render_patch_max_diff);
  json_builder_set_member_name (b, "patched_equals_cold");
  json_builder_add_boolean_value (b, f->render_patch_equal);
  add_number (b, "load_ratio", f->load_s / f->gdal_read_s);
  add_number (b, "recheck_speedup", f->full_check_ms / f->recheck_median_ms);
  add_number (b, "dissolve_speedup", f->ogr2ogr_dissolve_ms / f->dissolve_ms);
  add_number (b, "repair_ms", f->repair_ms);
  add_int (b, "repair_moves", f->repair_moves);
  json_builder_set_member_name (b, "repair_proven_minimal");
  json_builder_add_boolean_value (b, f->repair_proven);
  add_string (b, "repair_note", f->repair_note);
  add_number (b, "propose_ms", f->propose_ms);
  add_int (b, "propose_areas", f->propose_areas);
  add_number (b, "propose_default_ms", f->propose_default_ms);
  add_number (b, "peak_rss_load_mb", f->peak_rss_load_mb);
  add_number (b, "peak_rss_load_all_mb", f->peak_rss_load_all_mb);
  add_number (b, "peak_rss_plan_mb", f->peak_rss_plan_mb);
  add_number (b, "peak_rss_render_mb", f->peak_rss_render_mb);
  add_number (b, "peak_rss_repair_mb", f->peak_rss_repair_mb);
  add_number (b, "peak_rss_propose_mb", f->peak_rss_propose_mb);
  add_int (b, "propose_default_areas", f->propose_default_areas);
  add_int (b, "propose_default_errors", f->propose_default_errors);
  wk_bench_report_add_json (b, f);
  json_builder_set_member_name (b, "incremental_equals_full");
  json_builder_add_boolean_value (b, f->verified);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static const char *
verdict (gboolean ok)
{
  return ok ? _("ok") : _("MISSED");
}

static char *
number_or_null (double value,
                int    decimals)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", decimals, value);
}

static void
row (const char *label,
     double      value,
     int         decimals,
     const char *comment)
{
  g_autofree char *v = number_or_null (value, decimals);
  int label_pad = MAX (0, 34 - (int) g_utf8_strlen (label, -1));
  int value_pad = MAX (0, 14 - (int) g_utf8_strlen (v, -1));

  /* padded by characters, not bytes: labels and “—” are UTF-8 */
  g_print ("  %s%*s %*s%s   %s\n", label, label_pad, "", value_pad, "", v, comment ? comment : "");
}

static void
print_table (const WkBenchFigures *f)
{
  double budget_mb = MAX (4 * f->source_mb, 1024.0);
  g_autofree char *c_load = NULL, *c_full = NULL, *c_recheck = NULL, *c_dissolve = NULL;
  g_autofree char *c_rss = NULL, *c_render = NULL, *c_load_all = NULL, *c_edit = NULL;
  g_autofree char *c_city_edit = NULL;
  g_autofree char *n_vertices = g_strdup_printf ("%" G_GUINT64_FORMAT, f->n_vertices);

  g_print (_("Wijkindeling benchmark: %s\n"), f->source);
  g_print (_("  %u units, %s vertices, %u areas, %u moves; populations %s\n\n"),
           f->n_units, n_vertices, f->n_areas, f->n_moves,
           f->population_known ? _("from the file") : _("unknown (loaded without a population field)"));

  /* the targets of issue 17 (national scale, round two) */
  c_load = g_strdup_printf (_("%.2f× the GDAL read (target ≤ 5×: %s)"),
                            f->load_s / f->gdal_read_s, verdict (f->load_s <= 5 * f->gdal_read_s));
  if (!isnan (f->load_all_s))
    c_load_all = g_strdup_printf (_("target ≤ 2 s: %s"), verdict (f->load_all_s <= 2));
  c_full = g_strdup_printf (_("target ≤ 1000 ms: %s"), verdict (f->full_check_ms <= 1000));
  c_recheck = g_strdup_printf (_("%.0f× faster than the full check (targets ≤ 2 ms, ≥ 100×: %s)"),
                               f->full_check_ms / f->recheck_median_ms,
                               verdict (f->recheck_median_ms <= 2 &&
                                        f->full_check_ms / f->recheck_median_ms >= 100));
  if (isnan (f->ogr2ogr_dissolve_ms))
    c_dissolve = g_strdup (f->ogr2ogr_note);
  else
    c_dissolve = g_strdup_printf (_("ogr2ogr takes %.1f× as long (target ≥ 5×: %s)"),
                                  f->ogr2ogr_dissolve_ms / f->dissolve_ms,
                                  verdict (f->ogr2ogr_dissolve_ms >= 5 * f->dissolve_ms));
  c_rss = g_strdup_printf (_("%.1f× the source (target ≤ 4×: %s; at most the larger of 4× and 1 GiB: %s)"),
                           f->peak_rss_mb / f->source_mb,
                           verdict (f->peak_rss_mb <= 4 * f->source_mb),
                           verdict (f->peak_rss_mb <= budget_mb));
  c_render = isnan (f->render_frame_ms) ? g_strdup (f->render_note)
                                        : g_strdup_printf (_("target ≤ 100 ms: %s"),
                                                           verdict (f->render_frame_ms <= 100));
  if (!isnan (f->render_edit_ms))
    c_edit = g_strdup_printf (_("target ≤ 16 ms: %s"), verdict (f->render_edit_ms <= 16));
  if (!isnan (f->render_city_edit_ms))
    c_city_edit = g_strdup_printf (_("target ≤ 8 ms: %s"), verdict (f->render_city_edit_ms <= 8));

  row (_("source file (MB)"), f->source_mb, 1, NULL);
  row (_("generating it (s)"), f->generate_s, 2, NULL);
  row (_("plain GDAL read (s)"), f->gdal_read_s, 3, NULL);
  row (_("load + index, units (s)"), f->load_s, 3, c_load);
  row (_("load with providers etc. (s)"), f->load_all_s, 3, c_load_all);
  row (_("growing the starting plan (s)"), f->grow_s, 3, NULL);
  row (_("first full check (ms)"), f->full_check_first_ms, 1, NULL);
  row (_("full check (ms)"), f->full_check_ms, 1, c_full);
  row (_("reassign + re-check, median (ms)"), f->recheck_median_ms, 3, c_recheck);
  row (_("reassign + re-check, p95 (ms)"), f->recheck_p95_ms, 3, NULL);
  row (_("reassign + re-check, max (ms)"), f->recheck_max_ms, 3, NULL);
  row (_("re-dissolve after a move (ms)"), f->redissolve_median_ms, 3, NULL);
  row (_("dissolve all areas (ms)"), f->dissolve_ms, 1, NULL);
  row (_("ogr2ogr SQLite dissolve (ms)"), f->ogr2ogr_dissolve_ms, 1, c_dissolve);
  row (_("renderer set-up (ms)"), f->render_setup_ms, 1, NULL);
  row (_("frame, national, cold (ms)"), f->render_frame_ms, 1, c_render);
  row (_("frame, national, warm (ms)"), f->render_warm_ms, 1, NULL);
  row (_("frame, national, after a move (ms)"), f->render_edit_ms, 1, c_edit);
  row (_("frame, city, cold (ms)"), f->render_city_ms, 1, NULL);
  row (_("frame, city, warm (ms)"), f->render_city_warm_ms, 1, NULL);
  row (_("frame, city, after a move (ms)"), f->render_city_edit_ms, 1, c_city_edit);
  row (_("peak RSS (MB)"), f->peak_rss_mb, 1, c_rss);
  row (_("peak RSS: loading the units (MB)"), f->peak_rss_load_mb, 1, NULL);
  row (_("peak RSS: loading all (MB)"), f->peak_rss_load_all_mb, 1, NULL);
  row (_("peak RSS: plan, check, dissolve (MB)"), f->peak_rss_plan_mb, 1, NULL);
  row (_("peak RSS: rendering (MB)"), f->peak_rss_render_mb, 1, NULL);
  row (_("peak RSS: repairing (MB)"), f->peak_rss_repair_mb, 1, NULL);
  row (_("peak RSS: proposing (MB)"), f->peak_rss_propose_mb, 1, NULL);
  wk_bench_report_print (f, row);
  g_print ("\n  %s\n", f->verified
           ? _("Verified: the incremental check equals a fresh full check.")
           : _("FAILED: the incremental check differs from a fresh full check."));
  g_print ("  %s\n", f->render_patch_equal
           ? _("Verified: the patched frames equal the same frames drawn cold.")
           : _("FAILED: a patched frame differs from the same frame drawn cold."));
}

/* --------------------------------------------------------------- growth */

typedef struct
{
  const char *key;
  const char *label;
  int         decimals;
} Column;

static const Column growth_rows[] = {
  { "units", N_("units"), 0 },
  { "areas", N_("areas"), 0 },
  { "vertices", N_("vertices"), 0 },
  { "source_mb", N_("source (MB)"), 1 },
  { "gdal_read_s", N_("plain GDAL read (s)"), 3 },
  { "load_s", N_("load + index (s)"), 3 },
  { "load_ratio", N_("load / GDAL read"), 2 },
  { "load_all_s", N_("load with providers etc. (s)"), 3 },
  { "full_check_ms", N_("full check (ms)"), 1 },
  { "recheck_median_ms", N_("reassign + re-check median (ms)"), 3 },
  { "recheck_p95_ms", N_("reassign + re-check p95 (ms)"), 3 },
  { "redissolve_median_ms", N_("re-dissolve after a move (ms)"), 2 },
  { "dissolve_ms", N_("dissolve all areas (ms)"), 1 },
  { "ogr2ogr_dissolve_ms", N_("ogr2ogr dissolve (ms)"), 1 },
  { "dissolve_speedup", N_("ogr2ogr / our dissolve"), 1 },
  { "render_frame_ms", N_("frame, national, cold (ms)"), 1 },
  { "render_warm_ms", N_("frame, national, warm (ms)"), 1 },
  { "render_edit_ms", N_("frame, national, after a move (ms)"), 1 },
  { "render_city_ms", N_("frame, city, cold (ms)"), 1 },
  { "render_city_warm_ms", N_("frame, city, warm (ms)"), 1 },
  { "render_city_edit_ms", N_("frame, city, after a move (ms)"), 1 },
  { "peak_rss_mb", N_("peak RSS (MB)"), 1 },
};

/* Runs one child per size (so that each gets its own peak RSS) and prints
 * the figures side by side as a Markdown table. */
static int
growth (const Options *o,
        const char    *self)
{
  g_auto(GStrv) sizes = g_strsplit (o->sizes ? o->sizes : "1000,10000,100000", ",", -1);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gboolean all_verified = TRUE;

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      int status = 0;

      g_ptr_array_add (argv, g_strdup (self));
      g_ptr_array_add (argv, g_strdup ("--json"));
      g_ptr_array_add (argv, g_strdup_printf ("--synthetic=%s", g_strstrip (sizes[i])));
      g_ptr_array_add (argv, g_strdup_printf ("--seed=%d", o->seed));
      g_ptr_array_add (argv, g_strdup_printf ("--moves=%d", o->moves));
      g_ptr_array_add (argv, g_strdup_printf ("--vertex-spacing=%g", o->spacing));
      if (o->areas > 0)
        g_ptr_array_add (argv, g_strdup_printf ("--areas=%d", o->areas));
      if (o->data_dir != NULL)
        g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", o->data_dir));
      if (o->no_ogr2ogr)
        g_ptr_array_add (argv, g_strdup ("--no-ogr2ogr"));
      if (o->no_extras)
        g_ptr_array_add (argv, g_strdup ("--no-extras"));
      if (o->load_only)
        g_ptr_array_add (argv, g_strdup ("--load-only"));
      g_ptr_array_add (argv, NULL);
      if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          !json_parser_load_from_data (parser, out, -1, &error))
        return fail (_("The run with %s units failed: %s"), sizes[i], error->message);
      g_ptr_array_add (results, json_node_ref (json_parser_get_root (parser)));
      all_verified &= o->load_only || json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                      "incremental_equals_full");
    }

  if (o->json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      json_node_take_array (array, json_array_new ());
      for (guint i = 0; i < results->len; i++)
        json_array_add_element (json_node_get_array (array),
                                json_node_ref (g_ptr_array_index (results, i)));
      json_generator_set_root (gen, array);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return all_verified ? 0 : 1;
    }

  g_print ("| %s |", _("figure"));
  for (guint i = 0; i < results->len; i++)
    g_print (" %s |", sizes[i]);
  g_print ("\n|---|");
  for (guint i = 0; i < results->len; i++)
    g_print ("---:|");
  g_print ("\n");
  for (guint r = 0; r < G_N_ELEMENTS (growth_rows); r++)
    {
      g_print ("| %s |", _(growth_rows[r].label));
      for (guint i = 0; i < results->len; i++)
        {
          JsonObject *obj = json_node_get_object (g_ptr_array_index (results, i));
          JsonNode *node = json_object_get_member (obj, growth_rows[r].key);
          g_autofree char *v = NULL;

          v = number_or_null (node == NULL || JSON_NODE_HOLDS_NULL (node)
                              ? NAN : json_node_get_double (node), growth_rows[r].decimals);
          g_print (" %s |", v);
        }
      g_print ("\n");
    }
  if (o->load_only)
    return 0;
  g_print ("\n%s\n", all_verified ? _("In every run the incremental check equals a fresh full check.")
                                  : _("FAILED: in a run the incremental check differs from a full check."));
  return all_verified ? 0 : 1;
}

/* ----------------------------------------------------------------- main */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Options) o = { 0 };
  WkBenchFigures figures;
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "units", 'u', 0, G_OPTION_ARG_FILENAME, &o.units,
      N_("Units file to measure (any polygon file GDAL reads)"), N_("FILE") },
    { "extras", 0, 0, G_OPTION_ARG_FILENAME, &o.extras,
      N_("With --units: a folder with gp.csv, pharmacy.csv, nursing.csv, social.csv, "
         "networks.geojson and boundary.geojson to load as well (e.g. data/sample)"), N_("DIR") },
    { "synthetic", 'n', 0, G_OPTION_ARG_INT, &o.synthetic,
      N_("Measure a generated data set of about N units instead"), N_("N") },
    { "areas", 'a', 0, G_OPTION_ARG_INT, &o.areas,
      N_("Number of areas in the starting plan (default: one per 47 units)"), N_("K") },
    { "moves", 'm', 0, G_OPTION_ARG_INT, &o.moves,
      N_("Number of random single-unit boundary moves (default 1000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT, &o.seed, N_("Random seed (default 1)"), N_("SEED") },
    { "vertex-spacing", 0, 0, G_OPTION_ARG_DOUBLE, &o.spacing,
      N_("Synthetic data: metres between boundary vertices (default 15, which gives "
         "full-resolution vertex counts)"), N_("M") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.data_dir,
      N_("Keep generated data sets in this folder and reuse them"), N_("DIR") },
    { "growth", 0, 0, G_OPTION_ARG_NONE, &o.growth,
      N_("Print the growth table: one synthetic run per size"), NULL },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &o.sizes,
      N_("Sizes for --growth (default 1000,10000,100000)"), N_("N,N,…") },
    { "no-ogr2ogr", 0, 0, G_OPTION_ARG_NONE, &o.no_ogr2ogr,
      N_("Skip the ogr2ogr comparison"), NULL },
    { "no-extras", 0, 0, G_OPTION_ARG_NONE, &o.no_extras,
      N_("Synthetic data: load only the units, not the providers, networks and boundary"), NULL },
    { "load-only", 0, 0, G_OPTION_ARG_NONE, &o.load_only,
      N_("Measure only the reading and loading (and the peak memory up to there)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print the figures as JSON"), NULL },
    { "generate-into", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &o.generate_into, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  wk_core_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("wijkindeling-bench");
  if ((status = wk_bench_report_child ()) >= 0)
    return status;

  o.moves = 1000;
  o.seed = 1;
  o.spacing = 15.0;
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Measures loading, checking, editing and dissolving at scale, "
                                  "against GDAL and ogr2ogr on the same data in the same run, and "
                                  "verifies that the incremental check equals a full check."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("%s", error->message);

  if (o.generate_into != NULL)
    return generate_into (&o);
  if (o.growth)
    return growth (&o, "/proc/self/exe");
  if ((o.units == NULL) == (o.synthetic <= 0))
    return fail (_("Say what to measure: --units FILE or --synthetic N."));
  if (o.moves < 0 || o.areas < 0 || o.spacing < 0)
    return fail (_("--moves, --areas and --vertex-spacing cannot be negative."));

  wk_bench_figures_init (&figures);
  ok = run (&o, &figures, &error);
  if (!ok)
    {
      wk_bench_figures_clear (&figures);
      return fail ("%s", error->message);
    }
  if (o.json)
    print_json (&figures);
  else
    print_table (&figures);
  ok = (figures.verified || o.load_only) && figures.render_patch_equal;
  wk_bench_figures_clear (&figures);
  return ok ? 0 : 1;
}
