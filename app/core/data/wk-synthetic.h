/* wk-synthetic.h: made-up municipalities for the sample and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-types.h"

G_BEGIN_DECLS

/**
 * WkSyntheticOptions:
 * @n_units: how many units (buurten) to make, roughly
 * @n_municipalities: how many municipalities they are split into
 * @seed: the random seed; the same seed gives the same files
 * @center_x: RD x of the centre
 * @center_y: RD y of the centre
 * @unit_size_m: typical width of a unit in the countryside
 * @vertex_spacing_m: boundaries get a vertex every this many metres, with
 *   a small wiggle, like digitised boundaries (0: straight Voronoi edges)
 * @population: total population to aim for (0: 1,800 per unit)
 * @name: name of the (first) municipality
 * @code: its 4-digit CBS-like code (other municipalities count on)
 * @units_format: "geojson" (WGS84, as CBS/PDOK downloads) or "gpkg" (RD New)
 * @sample_plan: write plan.csv, a starting plan with some deliberate problems
 */
typedef struct
{
  guint        n_units;
  guint        n_municipalities;
  guint32      seed;
  double       center_x;
  double       center_y;
  double       unit_size_m;
  double       vertex_spacing_m;
  gint64       population;
  const char  *name;
  guint        code;
  const char  *units_format;
  gboolean     sample_plan;
} WkSyntheticOptions;

void      wk_synthetic_options_init (WkSyntheticOptions        *options);
gboolean  wk_synthetic_write        (const WkSyntheticOptions  *options,
                                     const char                *directory,
                                     GError                   **error);

G_END_DECLS
