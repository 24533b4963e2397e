/* wk-gui.h: every header of the GTK front-end, for tests and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "wk-application.h"
#include "wk-area-profile.h"
#include "wk-area-row.h"
#include "wk-core-all.h"
#include "wk-finding-row.h"
#include "wk-findings-model.h"
#include "wk-legend.h"
#include "wk-map-tools.h"
#include "wk-map-view.h"
#include "wk-open-dialog.h"
#include "wk-pdok-dialog.h"
#include "wk-preferences-window.h"
#include "wk-providers-layer.h"
#include "wk-sidebar.h"
#include "wk-units-layer.h"
#include "wk-units-renderer.h"
#include "wk-window.h"
