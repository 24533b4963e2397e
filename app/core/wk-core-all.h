/* wk-core-all.h: every public header of the core, for front-ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-area.h"
#include "wk-checker.h"
#include "wk-repair.h"
#include "wk-comparison.h"
#include "wk-core.h"
#include "wk-dataset.h"
#include "wk-dissolver.h"
#include "wk-export.h"
#include "wk-output.h"
#include "wk-finding.h"
#include "wk-gemeenten.h"
#include "wk-geocoder.h"
#include "wk-osm-providers.h"
#include "wk-pdok-fetch.h"
#include "wk-plan.h"
#include "wk-profile.h"
#include "wk-progress.h"
#include "wk-project.h"
#include "wk-source.h"
#include "wk-types.h"
#include "wk-synthetic.h"
