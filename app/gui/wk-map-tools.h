/* wk-map-tools.h: what the primary button does on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * WkMapTool:
 * @WK_MAP_TOOL_INSPECT: a click selects the unit's area and shows the unit
 * @WK_MAP_TOOL_BRUSH: a drag paints the units it crosses into the active area
 * @WK_MAP_TOOL_BOX: a drag paints the units in a rectangle
 * @WK_MAP_TOOL_LASSO: a drag paints the units in a free shape
 * @WK_MAP_TOOL_ERASER: a drag unassigns the units it crosses
 * @WK_MAP_TOOL_FILL: a click paints the connected units of the clicked one's area
 *
 * The window's win.tool action names them ("inspect", "brush", …).
 */
typedef enum
{
  WK_MAP_TOOL_INSPECT,
  WK_MAP_TOOL_BRUSH,
  WK_MAP_TOOL_BOX,
  WK_MAP_TOOL_LASSO,
  WK_MAP_TOOL_ERASER,
  WK_MAP_TOOL_FILL,
} WkMapTool;

WkMapTool   wk_map_tool_from_name (const char *name);
const char *wk_map_tool_get_name  (WkMapTool   tool);

G_END_DECLS
