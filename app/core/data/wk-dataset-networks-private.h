/* wk-dataset-networks-private.h: shares of units inside polygons, within a tolerance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-dataset-private.h"

G_BEGIN_DECLS

/* The units' cores (each unit shrunk by a tolerance), made when first needed. */
typedef struct
{
  WkDataset     *self;
  double         tolerance;
  guint          n;
  GEOSGeometry **geoms;     /* per unit, NULL until needed */
  gboolean       core_first; /* test the core before the unit itself */
} WkShareCores;

WkShareCores *_wk_share_cores_new  (WkDataset    *self,
                                    double        tolerance);
void          _wk_share_cores_free (WkShareCores *cores);

double        _wk_dataset_share_inside (WkDataset                  *self,
                                        guint                       unit,
                                        const GEOSPreparedGeometry *prep,
                                        const GEOSGeometry         *geom,
                                        double                      min_share,
                                        gboolean                    whole,
                                        WkShareCores               *cores);
double        _wk_dataset_set_share_tolerance (double metres);
double        _wk_dataset_get_share_tolerance (void);

G_END_DECLS
