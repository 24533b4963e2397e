/* wk-report-page-profile.c: the report's criteria profile page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The criteria and their thresholds the plan was checked against.
 */

#define G_LOG_DOMAIN "wk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "wk-report-pages-private.h"

/* --------------------------------------------------------------- profile */

static char *
param_value (WkReportContext   *ctx,
             const WkParamSpec *spec)
{
  switch (spec->type)
    {
    case WK_PARAM_BOOLEAN:
      return g_strdup (wk_profile_get_boolean (ctx->profile, spec->criterion, spec->key)
                       ? _("yes") : _("no"));
    case WK_PARAM_CHOICE:
      return g_strdup (wk_profile_get_choice (ctx->profile, spec->criterion, spec->key));
    case WK_PARAM_INTEGER:
    case WK_PARAM_DOUBLE:
    default:
      {
        double value = wk_profile_get_double (ctx->profile, spec->criterion, spec->key);
        g_autofree char *number = _wk_report_format_value (value);

        if (spec->unit != NULL)
          return g_strdup_printf ("%s %s", number, _(spec->unit));
        return g_steal_pointer (&number);
      }
    }
}

void
_wk_report_render_profile (WkReportContext *ctx,
                           WkDoc           *doc)
{
  const WkDocColumn columns[] = {
    { C_("column", "Criterion"), 150, PANGO_ALIGN_LEFT },
    { C_("column", "Checked"), 42, PANGO_ALIGN_LEFT },
    /* Translators: column head: the severity a criterion's findings have */
    { C_("column", "Counts as"), 64, PANGO_ALIGN_LEFT },
    { C_("column", "Thresholds"), 239, PANGO_ALIGN_LEFT },
  };
  guint n_criteria;
  const WkCriterionInfo *criteria = wk_profile_get_criteria (&n_criteria);
  WkDocTable table;

  wk_doc_new_page (doc, TRUE);
  ctx->section_pages[WK_SECTION_PROFILE] = wk_doc_get_page (doc);
  wk_doc_add_outline (doc, 0, _wk_report_section_title (ctx, WK_SECTION_PROFILE));
  wk_doc_heading (doc, WK_DOC_H1, _wk_report_section_title (ctx, WK_SECTION_PROFILE), 60);
  {
    g_autofree char *base = ctx->profile_file ? g_path_get_basename (ctx->profile_file) : NULL;
    g_autofree char *text = NULL;
    g_autofree char *markup = NULL;

    if (base != NULL)
      /* Translators: %s is the profile's name, then its file */
      text = g_strdup_printf (_("The plan was checked with the profile “%s” (%s). A plan meets "
                                "the guide when no finding is an error; warnings and information "
                                "are points for the discussion."),
                              wk_profile_get_name (ctx->profile), base);
    else
      text = g_strdup_printf (_("The plan was checked with the profile “%s”. A plan meets the "
                                "guide when no finding is an error; warnings and information are "
                                "points for the discussion."), wk_profile_get_name (ctx->profile));
    markup = g_markup_escape_text (text, -1);
    wk_doc_paragraph (doc, WK_DOC_BODY, markup, 0, 8);
  }

  wk_doc_table_begin (&table, doc, columns, G_N_ELEMENTS (columns), WK_DOC_MARGIN, WK_DOC_WIDTH);
  for (guint c = 0; c < n_criteria; c++)
    {
      const WkCriterionInfo *info = &criteria[c];
      gboolean enabled = wk_profile_get_enabled (ctx->profile, info->id);
      g_autofree char *label = g_markup_printf_escaped (
        "<b>%s</b>\n<span foreground=\"#%06x\">%s</span>", _(info->label), WK_DOC_DIM,
        _(info->description));
      g_autofree char *checked = g_markup_escape_text (enabled ? _("yes") : _("no"), -1);
      g_autofree char *severity =
        enabled ? _wk_report_severity_markup (wk_profile_get_severity (ctx->profile, info->id))
                : g_strdup ("");
      g_autoptr(GString) params = g_string_new (NULL);
      guint n_params;
      const WkParamSpec *specs = wk_profile_get_params (info->id, &n_params);
      const char *cells[4];

      for (guint p = 0; p < n_params; p++)
        {
          g_autofree char *value = param_value (ctx, &specs[p]);
          g_autofree char *line = g_markup_printf_escaped (
            "%s: <b>%s</b>\n<span foreground=\"#%06x\" size=\"smaller\">%s</span>",
            _(specs[p].label), value, WK_DOC_DIM, _(specs[p].description));

          g_string_append_printf (params, "%s%s", p ? "\n" : "", line);
        }
      cells[0] = label;
      cells[1] = checked;
      cells[2] = severity;
      cells[3] = params->str;
      wk_doc_table_row (&table, cells, WK_DOC_ROW_DEFAULT, 0);
    }
  wk_doc_table_end (&table);
}
