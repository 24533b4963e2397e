/* wk-plan-history-private.h: the plan's insides, shared by wk-plan.c, wk-plan-history.c
 * and wk-plan-edit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wk-plan-private.h"

G_BEGIN_DECLS

typedef enum
{
  OP_CREATE,      /* area comes into being at position */
  OP_REMOVE,      /* area (empty) goes away from position */
  OP_SET_AREA,    /* area properties before → after */
  OP_MOVE,        /* unit from → to, extras from → to */
  OP_SET_PLAN,    /* plan name / note before → after */
} OpKind;

typedef struct
{
  guint     id;
  char     *name;
  char     *color;
  char     *note;
  gboolean  locked;
} AreaState;

typedef struct
{
  OpKind     kind;
  guint      unit;
  guint      from, to;
  guint     *extras_from;   /* 0-terminated, or NULL */
  guint     *extras_to;
  AreaState *before;
  AreaState *after;
  guint      position;
  char      *text_before[2];
  char      *text_after[2];
} Op;

typedef struct
{
  char   *label;
  GArray *ops;              /* Op */
  guint   serial;
} Command;

struct _WkPlan
{
  GObject     parent_instance;

  WkDataset  *dataset;
  char       *name;
  char       *note;

  GListStore *areas;
  GHashTable *areas_by_id;   /* id → WkArea (borrowed from the store) */
  guint       next_id;

  guint      *assignment;    /* unit → area id */
  guint      *unit_pos;      /* unit → index in its area's member array */
  GHashTable *members;       /* id → GArray of guint units */
  GHashTable *extras;        /* unit → guint[] 0-terminated: further areas (double assignment) */
  guint       n_units;
  guint       n_assigned;

  GPtrArray  *undo;          /* Command */
  GPtrArray  *redo;
  Command    *group;         /* open group, or NULL */
  guint       group_depth;
  guint       next_serial;
  guint       saved_serial;

  /* collecting what an operation touched */
  GArray     *touched_units;
  GArray     *touched_areas;
  WkChangeFlags touched_flags;

  /* the command being done, undone or redone while ::changed is emitted */
  const char *change_label;
  int         change_direction;
  guint       change_serial;
};

AreaState *
_wk_plan_area_state_new (WkArea *area);
void
_wk_plan_area_state_free (AreaState *s);
Command *
_wk_plan_command_new (const char *label,
                      guint       serial);
void
_wk_plan_command_free (Command *cmd);
guint *
_wk_plan_extras_dup (const guint *extras);
void
_wk_plan_set_unit_area (WkPlan *self,
                        guint   unit,
                        guint   to);
void
_wk_plan_set_unit_extras (WkPlan      *self,
                          guint        unit,
                          const guint *extras);
void
_wk_plan_create_area (WkPlan          *self,
                      const AreaState *s,
                      guint            position);
guint
_wk_plan_current_serial (WkPlan *self);
void
_wk_plan_execute (WkPlan  *self,
                  Command *cmd);
void
_wk_plan_push_move (Command     *cmd,
                    WkPlan      *self,
                    guint        unit,
                    guint        to,
                    const guint *extras_to);
void
_wk_plan_push_set_area (Command    *cmd,
                        WkArea     *area,
                        AreaState  *after);
void
_wk_plan_push_drop_extras_of (Command *cmd,
                              WkPlan  *self,
                              guint    id);
void
_wk_plan_set_plan_text (WkPlan     *self,
                        const char *name,
                        const char *note);
void
_wk_plan_flush_changes (WkPlan *self);
void
_wk_plan_notify_history (WkPlan   *self,
                         gboolean  could_undo,
                         gboolean  could_redo,
                         gboolean  was_modified);
gboolean
_wk_plan_check_name (WkPlan      *self,
                     const char  *name,
                     guint        except,
                     GError     **error);
WkArea *
_wk_plan_lookup_area (WkPlan  *self,
                      guint    area,
                      GError **error);

G_END_DECLS
