/* wk-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wk-progress"

#include "config.h"

#include "wk-progress.h"

struct _WkProgress
{
  GObject       parent_instance;

  GMutex        lock;
  double        fraction;
  char         *text;
  GMainContext *context;   /* where notifications are emitted */
  guint         notify_id; /* pending idle, under lock */
  gint64        last_notify;
};

G_DEFINE_FINAL_TYPE (WkProgress, wk_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_INTERVAL_US (G_USEC_PER_SEC / 10)

static gboolean
emit_notify_cb (gpointer data)
{
  WkProgress *self = data;

  g_mutex_lock (&self->lock);
  self->notify_id = 0;
  self->last_notify = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  return G_SOURCE_REMOVE;
}

static void
wk_progress_finalize (GObject *object)
{
  WkProgress *self = (WkProgress *)object;

  g_mutex_clear (&self->lock);
  g_free (self->text);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (wk_progress_parent_class)->finalize (object);
}

static void
wk_progress_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WkProgress *self = WK_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, wk_progress_get_fraction (self));
      break;
    case PROP_TEXT:
      g_value_take_string (value, wk_progress_dup_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wk_progress_class_init (WkProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wk_progress_finalize;
  object_class->get_property = wk_progress_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wk_progress_init (WkProgress *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * wk_progress_new:
 *
 * Creates a progress whose notifications are emitted in the calling thread's
 * default main context.
 */
WkProgress *
wk_progress_new (void)
{
  return g_object_new (WK_TYPE_PROGRESS, NULL);
}

/**
 * wk_progress_update:
 * @self: (nullable): a progress, or %NULL to report nowhere
 * @fraction: 0…1, or a negative value to keep the current one
 * @text: (nullable): what is being done, or %NULL to keep it
 *
 * Thread-safe.  Notifications of #WkProgress:fraction reach the main context
 * at most ten times a second.
 */
void
wk_progress_update (WkProgress *self,
                    double      fraction,
                    const char *text)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  if (fraction >= 0.0)
    self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (text != NULL && g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
    }
  if (self->notify_id == 0)
    {
      gint64 wait = MIN_INTERVAL_US - (g_get_monotonic_time () - self->last_notify);
      g_autoptr(GSource) source = g_timeout_source_new (wait > 0 ? wait / 1000 : 0);

      g_source_set_callback (source, emit_notify_cb, g_object_ref (self), g_object_unref);
      self->notify_id = g_source_attach (source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

double
wk_progress_get_fraction (WkProgress *self)
{
  double fraction;

  g_return_val_if_fail (WK_IS_PROGRESS (self), 0.0);
  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

/**
 * wk_progress_dup_text:
 *
 * Returns: (transfer full) (nullable): what is being done
 */
char *
wk_progress_dup_text (WkProgress *self)
{
  char *text;

  g_return_val_if_fail (WK_IS_PROGRESS (self), NULL);
  g_mutex_lock (&self->lock);
  text = g_strdup (self->text);
  g_mutex_unlock (&self->lock);
  return text;
}
