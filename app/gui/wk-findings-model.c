/* wk-findings-model.c: the checker's findings with a heading per severity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-findings-model"

#include "config.h"

#include <string.h>

#include "wk-findings-model.h"

/* The checker keeps its findings sorted, errors first.  This model shows
 * them with a heading (a WkFindingsHeader) before the first finding of each
 * severity, and passes the checker's changes on at the matching positions,
 * so that the list view keeps its scroll position and selection. */

struct _WkFindingsHeader
{
  GObject    parent_instance;
  WkSeverity severity;
  guint      count;
};

G_DEFINE_FINAL_TYPE (WkFindingsHeader, wk_findings_header, G_TYPE_OBJECT)

enum {
  HEADER_PROP_0,
  HEADER_PROP_SEVERITY,
  HEADER_PROP_COUNT,
  HEADER_N_PROPS
};

static GParamSpec *header_properties[HEADER_N_PROPS];

static void
wk_findings_header_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WkFindingsHeader *self = WK_FINDINGS_HEADER (object);

  switch (prop_id)
    {
    case HEADER_PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case HEADER_PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_findings_header_class_init (WkFindingsHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wk_findings_header_get_property;
  header_properties[HEADER_PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, WK_SEVERITY_INFO, WK_SEVERITY_ERROR,
                      WK_SEVERITY_INFO, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  header_properties[HEADER_PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, HEADER_N_PROPS, header_properties);
}

static void
wk_findings_header_init (WkFindingsHeader *self)
{
}

WkSeverity
wk_findings_header_get_severity (WkFindingsHeader *self)
{
  g_return_val_if_fail (WK_IS_FINDINGS_HEADER (self), WK_SEVERITY_INFO);
  return self->severity;
}

guint
wk_findings_header_get_count (WkFindingsHeader *self)
{
  g_return_val_if_fail (WK_IS_FINDINGS_HEADER (self), 0);
  return self->count;
}

static void
header_set_count (WkFindingsHeader *self,
                  guint             count)
{
  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), header_properties[HEADER_PROP_COUNT]);
}

/* ---------------------------------------------------------------- model */

#define N_SEVERITIES 3

struct _WkFindingsModel
{
  GObject           parent_instance;

  /* owned */
  WkChecker        *checker;
  WkFindingsHeader *headers[N_SEVERITIES];
  guint             counts[N_SEVERITIES];   /* as last told */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WkFindingsModel, wk_findings_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Severities in list order: errors first. */
static const WkSeverity order[N_SEVERITIES] = {
  WK_SEVERITY_ERROR, WK_SEVERITY_WARNING, WK_SEVERITY_INFO
};

static guint
n_flat (const guint *counts)
{
  guint n = 0;

  for (guint i = 0; i < N_SEVERITIES; i++)
    if (counts[order[i]] > 0)
      n += counts[order[i]] + 1;
  return n;
}

/* Flat position of the first finding of group @g (after its heading). */
static guint
group_start (const guint *counts,
             guint        g)
{
  guint pos = 0;

  for (guint i = 0; i < g; i++)
    if (counts[order[i]] > 0)
      pos += counts[order[i]] + 1;
  return pos + 1;
}

/* Which group holds checker position @position. */
static guint
group_of (const guint *counts,
          guint        position,
          guint       *offset)
{
  guint start = 0;

  for (guint g = 0; g < N_SEVERITIES; g++)
    {
      guint n = counts[order[g]];

      if (position < start + n || g == N_SEVERITIES - 1)
        {
          *offset = position - start;
          return g;
        }
      start += n;
    }
  g_assert_not_reached ();
}

static void
recount (WkFindingsModel *self,
         guint           *counts)
{
  for (guint s = 0; s < N_SEVERITIES; s++)
    counts[s] = self->checker != NULL ? wk_checker_count (self->checker, s) : 0;
}

static void
update_headers (WkFindingsModel *self)
{
  for (guint s = 0; s < N_SEVERITIES; s++)
    header_set_count (self->headers[s], self->counts[s]);
}

static void
on_checker_items_changed_cb (WkFindingsModel *self,
                             guint            position,
                             guint            removed,
                             guint            added,
                             GListModel      *checker)
{
  guint old_counts[N_SEVERITIES], old_n;

  memcpy (old_counts, self->counts, sizeof old_counts);
  old_n = n_flat (old_counts);

  /* One finding in or out, as the incremental check reports them: pass it
   * on at its place, with its heading when the group appears or goes. */
  if (removed + added == 1)
    {
      guint offset, g, pos;
      WkSeverity s;

      if (removed == 1)
        {
          g = group_of (old_counts, position, &offset);
          s = order[g];
          pos = group_start (old_counts, g) + offset;
          self->counts[s]--;
          if (self->counts[s] == 0)
            {
              update_headers (self);
              g_list_model_items_changed (G_LIST_MODEL (self), pos - 1, 2, 0);
            }
          else
            {
              update_headers (self);
              g_list_model_items_changed (G_LIST_MODEL (self), pos, 1, 0);
            }
          return;
        }
      else
        {
          g_autoptr(WkFinding) finding = g_list_model_get_item (checker, position);
          guint before = 0;

          s = wk_finding_get_severity (finding);
          for (g = 0; order[g] != s; g++)
            before += old_counts[order[g]];
          offset = position - before;
          self->counts[s]++;
          pos = group_start (self->counts, g) + offset;
          update_headers (self);
          if (self->counts[s] == 1)
            g_list_model_items_changed (G_LIST_MODEL (self), pos - 1, 0, 2);
          else
            g_list_model_items_changed (G_LIST_MODEL (self), pos, 0, 1);
          return;
        }
    }

  /* anything else (a full check): all anew */
  recount (self, self->counts);
  update_headers (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_flat (self->counts));
}

static GType
list_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
list_get_n_items (GListModel *model)
{
  return n_flat (WK_FINDINGS_MODEL (model)->counts);
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  WkFindingsModel *self = WK_FINDINGS_MODEL (model);
  guint flat = 0, before = 0;

  for (guint g = 0; g < N_SEVERITIES; g++)
    {
      guint n = self->counts[order[g]];

      if (n == 0)
        continue;
      if (position == flat)
        return g_object_ref (self->headers[order[g]]);
      if (position <= flat + n)
        return g_list_model_get_item (G_LIST_MODEL (self->checker), before + position - flat - 1);
      flat += n + 1;
      before += n;
    }
  return NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
wk_findings_model_dispose (GObject *object)
{
  WkFindingsModel *self = WK_FINDINGS_MODEL (object);

  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_clear_object (&self->checker);
  for (guint s = 0; s < N_SEVERITIES; s++)
    g_clear_object (&self->headers[s]);
  G_OBJECT_CLASS (wk_findings_model_parent_class)->dispose (object);
}

static void
wk_findings_model_class_init (WkFindingsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wk_findings_model_dispose;
}

static void
wk_findings_model_init (WkFindingsModel *self)
{
  for (guint s = 0; s < N_SEVERITIES; s++)
    {
      self->headers[s] = g_object_new (WK_TYPE_FINDINGS_HEADER, NULL);
      self->headers[s]->severity = s;
    }
}

WkFindingsModel *
wk_findings_model_new (void)
{
  return g_object_new (WK_TYPE_FINDINGS_MODEL, NULL);
}

/**
 * wk_findings_model_set_checker:
 * @checker: (nullable): whose findings to list
 */
void
wk_findings_model_set_checker (WkFindingsModel *self,
                               WkChecker       *checker)
{
  guint old_n;

  g_return_if_fail (WK_IS_FINDINGS_MODEL (self));

  if (self->checker == checker)
    return;
  old_n = n_flat (self->counts);
  if (self->checker != NULL)
    g_signal_handlers_disconnect_by_data (self->checker, self);
  g_set_object (&self->checker, checker);
  if (checker != NULL)
    g_signal_connect_object (checker, "items-changed", G_CALLBACK (on_checker_items_changed_cb),
                             self, G_CONNECT_SWAPPED);
  recount (self, self->counts);
  update_headers (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n_flat (self->counts));
}

WkChecker *
wk_findings_model_get_checker (WkFindingsModel *self)
{
  g_return_val_if_fail (WK_IS_FINDINGS_MODEL (self), NULL);
  return self->checker;
}
