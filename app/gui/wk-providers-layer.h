/* wk-providers-layer.h: markers of the care providers, by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "wk-core-all.h"

G_BEGIN_DECLS

#define WK_TYPE_PROVIDERS_LAYER (wk_providers_layer_get_type ())
G_DECLARE_FINAL_TYPE (WkProvidersLayer, wk_providers_layer, WK, PROVIDERS_LAYER, ShumateLayer)

WkProvidersLayer *wk_providers_layer_new         (ShumateViewport  *viewport);
void              wk_providers_layer_set_dataset (WkProvidersLayer *self,
                                                  WkDataset        *dataset);
guint             wk_providers_layer_pick        (WkProvidersLayer *self,
                                                  double            x,
                                                  double            y);

const char       *wk_provider_kind_get_icon_name (WkProviderKind    kind);
void              wk_provider_kind_get_rgba      (WkProviderKind    kind,
                                                  GdkRGBA          *rgba);

G_END_DECLS
