/* wk-bench.h: the parts of wijkindeling-bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

/* What one run measured.  NAN means “not measured” (printed as null). */
typedef struct
{
  char     *source;              /* the units file */
  double    source_mb;
  guint     n_units;
  guint     n_areas;
  guint64   n_vertices;
  gboolean  population_known;
  double    generate_s;          /* synthetic data only */
  double    gdal_read_s;
  double    load_s;              /* units only: the same file as the GDAL read */
  double    gdal_read_cpu_s;     /* the same two, in CPU seconds of all threads */
  double    load_cpu_s;
  double    load_all_s;          /* units, providers, networks and boundary */
  double    grow_s;              /* the starting plan */
  double    full_check_first_ms; /* the first check, which also fills caches */
  double    full_check_ms;       /* a full re-check */
  guint     n_findings;
  guint     n_moves;
  double    recheck_median_ms;
  double    recheck_p95_ms;
  double    recheck_max_ms;
  double    redissolve_median_ms;
  double    dissolve_ms;
  double    ogr2ogr_dissolve_ms;
  char     *ogr2ogr_note;
  double    render_setup_ms;     /* the renderer: outlines to Web Mercator */
  double    render_zoom;         /* the national view */
  double    render_city_zoom;
  double    render_frame_ms;     /* national zoom, cold: every tile drawn */
  double    render_warm_ms;      /* national zoom, tiles cached */
  double    render_edit_ms;      /* national zoom, after one unit moved */
  double    render_city_ms;      /* city zoom, cold */
  double    render_city_warm_ms;
  double    render_city_edit_ms;
  char     *render_note;
  guint     render_patched;      /* tiles patched in place by the edit frames */
  guint     render_patch_diff_px;/* pixels where a patched frame and a cold one differ */
  guint     render_patch_max_diff;/* the largest difference of a colour channel there */
  gboolean  render_patch_equal;  /* patched frames equal cold ones (within the tolerance) */
  double    peak_rss_mb;
  /* the peak of each phase alone (its high-water mark reset at its start;
   * what earlier phases left held counts): wk-bench-main.c */
  double    peak_rss_load_mb;    /* the GDAL reads and the units' load */
  double    peak_rss_load_all_mb;/* the load with providers etc. */
  double    peak_rss_plan_mb;    /* growing, checking, dissolving, the moves */
  double    peak_rss_render_mb;
  double    peak_rss_repair_mb;
  double    peak_rss_propose_mb;
  double    repair_ms;           /* repair of one buurt left out (wk-bench-search.c) */
  guint     repair_moves;
  gboolean  repair_proven;
  char     *repair_note;
  double    propose_ms;          /* --max-areas, floor 5,000, contiguity only (spopt's rules) */
  guint     propose_areas;
  double    propose_default_ms;  /* default profile, the engine chooses the number */
  guint     propose_default_areas;
  guint     propose_default_errors;
  double    report_long_name_s;  /* a report for a 100,000-character name (wk-bench-report.c) */
  double    report_long_name_rss_mb;
  char     *report_note;
  gboolean  verified;            /* incremental check equals a fresh full check */
  guint     n_findings_final;
} WkBenchFigures;

void      wk_bench_figures_init   (WkBenchFigures *figures);
void      wk_bench_figures_clear  (WkBenchFigures *figures);

double    wk_bench_now            (void);
double    wk_bench_peak_rss_mb    (void);
double    wk_bench_median         (GArray         *samples);
double    wk_bench_percentile     (GArray         *samples,
                                   double          p);

/* wk-bench-search.c */
void      wk_bench_propose        (WkDataset      *dataset,
                                   WkBenchFigures *figures);
void      wk_bench_repair         (WkPlan         *plan,
                                   WkBenchFigures *figures);

/* wk-bench-gdal.c */
gboolean  wk_bench_gdal_read      (const char     *path,
                                   const char     *layer,
                                   double         *seconds,
                                   guint64        *n_vertices,
                                   GError        **error);
gboolean  wk_bench_write_assigned (WkPlan         *plan,
                                   const char     *path,
                                   GError        **error);
gboolean  wk_bench_ogr2ogr_dissolve (const char   *input,
                                     const char   *output,
                                     double       *seconds,
                                     GError      **error);

/* wk-bench-report.c */
int       wk_bench_report_child   (void);
void      wk_bench_report_long_name (WkBenchFigures *figures);
void      wk_bench_report_add_json (JsonBuilder   *b,
                                    const WkBenchFigures *figures);
void      wk_bench_report_print   (const WkBenchFigures *figures,
                                   void          (*row) (const char *, double, int, const char *));

/* wk-bench-plan.c */
guint    *wk_bench_grow_areas     (WkDataset      *dataset,
                                   guint           n_areas,
                                   double          tolerance,
                                   guint32         seed);
gboolean  wk_bench_pick_move      (WkPlan         *plan,
                                   double          tolerance,
                                   GRand          *rand,
                                   guint          *unit,
                                   guint          *area);

/* wk-bench-render*.c: full frames of the units layer */
gboolean  wk_bench_render         (WkPlan         *plan,
                                   WkDissolver    *dissolver,
                                   double          tolerance,
                                   WkBenchFigures *figures);

G_END_DECLS
