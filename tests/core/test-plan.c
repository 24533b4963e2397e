/* test-plan.c: areas, assignment, undo/redo and the assignment CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT
#include "config.h"

#include "wk-test-util.h"

typedef struct
{
  guint      n_changes;
  GArray    *units;
  GArray    *areas;
  WkChangeFlags flags;
} Recorder;

static void
on_changed (WkPlan       *plan,
            WkPlanChange *change,
            Recorder     *rec)
{
  rec->n_changes++;
  rec->flags = change->flags;
  g_clear_pointer (&rec->units, g_array_unref);
  g_clear_pointer (&rec->areas, g_array_unref);
  rec->units = g_array_copy (change->units);
  rec->areas = g_array_copy (change->areas);
}

static void
recorder_clear (Recorder *rec)
{
  g_clear_pointer (&rec->units, g_array_unref);
  g_clear_pointer (&rec->areas, g_array_unref);
}

static void
test_assign_and_announce (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(GError) error = NULL;
  Recorder rec = { 0 };
  guint a, b, changed;
  guint units[] = { 0, 1, 2, 1 };

  g_signal_connect (plan, "changed", G_CALLBACK (on_changed), &rec);
  a = wk_plan_create_area (plan, "Noord", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a, >, 0);
  g_assert_cmpuint (rec.n_changes, ==, 1);
  g_assert_true (rec.flags & WK_CHANGE_AREAS);

  g_assert_true (wk_plan_assign_units (plan, units, G_N_ELEMENTS (units), a, WK_ASSIGN_DEFAULT,
                                       &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (rec.units->len, ==, 3);
  g_assert_cmpuint (g_array_index (rec.units, guint, 2), ==, 2);
  g_assert_cmpuint (rec.areas->len, ==, 1);
  g_assert_cmpuint (g_array_index (rec.areas, guint, 0), ==, a);
  g_assert_cmpuint (wk_area_get_n_units (wk_plan_get_area (plan, a)), ==, 3);
  g_assert_cmpint (wk_area_get_population (wk_plan_get_area (plan, a)), ==, 3000);

  /* moving a unit touches both areas */
  b = wk_plan_create_area (plan, "Zuid", NULL, &error);
  g_assert_true (wk_plan_assign (plan, 2, b, &error));
  g_assert_cmpuint (rec.areas->len, ==, 2);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 2), ==, b);
  g_assert_cmpuint (wk_area_get_n_units (wk_plan_get_area (plan, a)), ==, 2);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, 3);

  /* names are unique; bad colours and unknown areas are refused */
  g_assert_cmpuint (wk_plan_create_area (plan, "Noord", NULL, &error), ==, 0);
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_NAME_TAKEN);
  g_clear_error (&error);
  g_assert_false (wk_plan_recolor_area (plan, a, "blue", &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wk_plan_assign (plan, 0, 999, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_NO_AREA);
  g_clear_error (&error);
  g_assert_false (wk_plan_assign (plan, 99, a, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_INVALID);
  recorder_clear (&rec);
}

static void
test_undo_redo (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(GError) error = NULL;
  guint a, b;

  g_assert_false (wk_plan_can_undo (plan));
  g_assert_false (wk_plan_is_modified (plan));
  a = wk_plan_create_area (plan, "A", "#ff0000", &error);
  b = wk_plan_create_area (plan, "B", NULL, &error);
  wk_plan_assign (plan, 0, a, &error);
  wk_plan_assign (plan, 1, a, &error);
  wk_plan_assign (plan, 2, b, &error);
  g_assert_true (wk_plan_is_modified (plan));
  wk_plan_set_saved (plan);
  g_assert_false (wk_plan_is_modified (plan));

  /* merge B into A, then undo: B is back at its place with its unit */
  g_assert_true (wk_plan_merge_areas (plan, a, b, &error));
  g_assert_no_error (error);
  g_assert_null (wk_plan_get_area (plan, b));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 2), ==, a);
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 1);
  g_assert_true (wk_plan_is_modified (plan));
  g_assert_cmpstr (wk_plan_get_undo_label (plan), ==, "Merge areas");
  g_assert_true (wk_plan_undo (plan));
  g_assert_false (wk_plan_is_modified (plan));
  g_assert_nonnull (wk_plan_get_area (plan, b));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 2), ==, b);
  {
    g_autoptr(WkArea) second = g_list_model_get_item (wk_plan_get_areas (plan), 1);
    g_assert_cmpuint (wk_area_get_id (second), ==, b);
  }
  g_assert_true (wk_plan_redo (plan));
  g_assert_null (wk_plan_get_area (plan, b));
  g_assert_true (wk_plan_undo (plan));

  /* rename, recolour, note, lock — each one undo step */
  g_assert_true (wk_plan_rename_area (plan, a, "Centrum", &error));
  g_assert_true (wk_plan_recolor_area (plan, a, "#00FF00", &error));
  g_assert_true (wk_plan_set_area_note (plan, a, "Bespreken met de HAGRO", &error));
  g_assert_cmpstr (wk_area_get_color (wk_plan_get_area (plan, a)), ==, "#00ff00");
  wk_plan_undo (plan);
  wk_plan_undo (plan);
  g_assert_cmpstr (wk_area_get_color (wk_plan_get_area (plan, a)), ==, "#ff0000");
  g_assert_cmpstr (wk_area_get_name (wk_plan_get_area (plan, a)), ==, "Centrum");
  wk_plan_undo (plan);
  g_assert_cmpstr (wk_area_get_name (wk_plan_get_area (plan, a)), ==, "A");

  /* a new edit clears redo */
  g_assert_true (wk_plan_can_redo (plan));
  wk_plan_assign (plan, 5, a, &error);
  g_assert_false (wk_plan_can_redo (plan));

  /* delete: units unassigned; undo restores */
  g_assert_true (wk_plan_delete_area (plan, a, &error));
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, WK_AREA_NONE);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, 1);
  wk_plan_undo (plan);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, a);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 5), ==, a);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, 4);
}

static void
test_groups_and_locks (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(GError) error = NULL;
  guint a, b, changed = 0;
  guint all[9] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };

  a = wk_plan_create_area (plan, "A", NULL, &error);
  b = wk_plan_create_area (plan, "B", NULL, &error);

  /* a brush stroke: many steps, one undo */
  wk_plan_begin_group (plan, "Paint");
  for (guint u = 0; u < 4; u++)
    wk_plan_assign (plan, u, a, &error);
  g_assert_false (wk_plan_can_undo (plan));
  wk_plan_end_group (plan);
  g_assert_cmpstr (wk_plan_get_undo_label (plan), ==, "Paint");
  wk_plan_undo (plan);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, 0);
  wk_plan_redo (plan);
  g_assert_cmpuint (wk_plan_get_n_assigned (plan), ==, 4);

  /* a locked area keeps its units and takes no others */
  g_assert_true (wk_plan_set_area_locked (plan, a, TRUE, &error));
  g_assert_true (wk_plan_assign_units (plan, all, 9, b, WK_ASSIGN_DEFAULT, &changed, &error));
  g_assert_cmpuint (changed, ==, 5);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, a);
  g_assert_false (wk_plan_assign (plan, 8, a, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (wk_plan_delete_area (plan, a, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (wk_plan_unassign_units (plan, all, 9), ==, 5);

  /* only unassigned */
  wk_plan_set_area_locked (plan, a, FALSE, &error);
  wk_plan_assign (plan, 8, b, &error);
  g_assert_true (wk_plan_assign_units (plan, all, 9, a, WK_ASSIGN_ONLY_UNASSIGNED, &changed, &error));
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 8), ==, b);

  /* split */
  {
    guint part[] = { 0, 1 };
    guint c = wk_plan_split_area (plan, a, part, 2, "C", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (wk_plan_get_unit_area (plan, 1), ==, c);
    g_assert_cmpstr (wk_plan_get_undo_label (plan), ==, "Split area");
    wk_plan_undo (plan);
    g_assert_null (wk_plan_get_area (plan, c));
    g_assert_cmpuint (wk_plan_get_unit_area (plan, 1), ==, a);
  }
}

static void
test_fill_region (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) region = NULL;
  guint a = wk_plan_create_area (plan, "A", NULL, &error);
  guint wall[] = { 1, 4, 7 };

  /* a wall down the middle column splits the unassigned units in two */
  wk_plan_assign_units (plan, wall, 3, a, WK_ASSIGN_DEFAULT, NULL, &error);
  region = wk_plan_dup_region (plan, 0, 1.0);
  g_assert_cmpuint (region->len, ==, 3);
  g_assert_cmpuint (g_array_index (region, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (region, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (region, guint, 2), ==, 6);
  g_clear_pointer (&region, g_array_unref);
  region = wk_plan_dup_region (plan, 4, 1.0);
  g_assert_cmpuint (region->len, ==, 3);
}

static void
test_csv_roundtrip (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkPlan) again = wk_plan_new (grid);
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = wk_test_write_file ("roundtrip.csv", "");
  g_autofree char *contents = NULL;
  guint a, b;

  a = wk_plan_create_area (plan, "Wijk, \"Noord\"", NULL, &error);
  b = wk_plan_create_area (plan, "Zuid-Oost é", NULL, &error);
  for (guint u = 0; u < 9; u++)
    if (u != 4)
      wk_plan_assign (plan, u, u < 4 ? a : b, &error);
  g_assert_true (wk_plan_export_csv (plan, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "unit_code,area\n"));
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 11);
  }

  g_assert_true (wk_plan_import_csv (again, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 9);
  g_assert_cmpuint (report->n_assigned, ==, 8);
  g_assert_cmpuint (report->unknown_codes->len, ==, 0);
  g_assert_cmpuint (wk_plan_get_n_areas (again), ==, 2);
  for (guint u = 0; u < 9; u++)
    {
      WkArea *x = wk_plan_get_area (plan, wk_plan_get_unit_area (plan, u));
      WkArea *y = wk_plan_get_area (again, wk_plan_get_unit_area (again, u));

      g_assert_cmpstr (x ? wk_area_get_name (x) : NULL, ==, y ? wk_area_get_name (y) : NULL);
    }
  /* the import is one undo step */
  g_assert_true (wk_plan_undo (again));
  g_assert_cmpuint (wk_plan_get_n_areas (again), ==, 0);
}

static void
test_csv_problems (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (3, 3, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *messy = wk_test_write_file ("messy.csv",
    "\xEF\xBB\xBFunit_code;area\r\nU0;Noord\r\nU1;Noord\r\nU1;Noord\r\nU2;Zuid\r\nU2;Noord\r\n"
    "X9;Noord\r\nU3;\r\n");
  g_autofree char *noheader = wk_test_write_file ("noheader.csv", "U0,Noord\nU1,Zuid\n");
  g_autofree char *foreign = wk_test_write_file ("foreign.csv", "unit_code,area\nBU1,A\nBU2,B\n");
  g_autofree char *empty = wk_test_write_file ("empty.csv", "");
  guint n_extras;

  g_assert_true (wk_plan_import_csv (plan, messy, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->unknown_codes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->unknown_codes, 0), "X9"));
  g_assert_cmpuint (report->duplicate_codes->len, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpuint (report->n_empty_area, ==, 1);
  g_assert_cmpuint (report->messages->len, ==, 3);
  /* U2 is in Zuid and also in Noord: a double assignment */
  g_assert_cmpstr (wk_area_get_name (wk_plan_get_area (plan, wk_plan_get_unit_area (plan, 2))), ==, "Zuid");
  g_assert_nonnull (wk_plan_get_unit_extras (plan, 2, &n_extras));
  g_assert_cmpuint (n_extras, ==, 1);
  /* assigning it resolves the double assignment */
  wk_plan_assign (plan, 2, wk_area_get_id (wk_plan_find_area (plan, "Noord")), &error);
  wk_plan_get_unit_extras (plan, 2, &n_extras);
  g_assert_cmpuint (n_extras, ==, 0);
  wk_plan_undo (plan);
  wk_plan_get_unit_extras (plan, 2, &n_extras);
  g_assert_cmpuint (n_extras, ==, 1);

  g_assert_false (wk_plan_import_csv (plan, noheader, NULL, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "noheader.csv"));
  g_assert_nonnull (strstr (error->message, "header"));
  g_clear_error (&error);
  g_assert_false (wk_plan_import_csv (plan, foreign, NULL, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "foreign.csv"));
  g_clear_error (&error);
  g_assert_false (wk_plan_import_csv (plan, empty, NULL, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV);
  g_clear_error (&error);
  g_assert_false (wk_plan_import_csv (plan, "/no/such/plan.csv", NULL, &error));
  g_assert_error (error, WK_PLAN_ERROR, WK_PLAN_ERROR_CSV);
  /* failed imports left the plan as it was */
  g_assert_cmpuint (wk_plan_get_n_areas (plan), ==, 2);
}

static void
test_duplicate (void)
{
  g_autoptr(WkDataset) grid = wk_test_grid_dataset (2, 2, 100.0);
  g_autoptr(WkPlan) plan = wk_plan_new (grid);
  g_autoptr(WkPlan) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint a = wk_plan_create_area (plan, "A", "#123456", &error);

  wk_plan_assign (plan, 3, a, &error);
  wk_plan_set_name (plan, "Scenario 1");
  copy = wk_plan_duplicate (plan);
  g_assert_cmpstr (wk_plan_get_name (copy), ==, "Scenario 1");
  g_assert_cmpuint (wk_plan_get_unit_area (copy, 3), ==, a);
  g_assert_cmpstr (wk_area_get_color (wk_plan_get_area (copy, a)), ==, "#123456");
  g_assert_cmpuint (wk_area_get_n_units (wk_plan_get_area (copy, a)), ==, 1);
  g_assert_false (wk_plan_can_undo (copy));
  /* independent */
  wk_plan_assign (copy, 0, a, &error);
  g_assert_cmpuint (wk_plan_get_unit_area (plan, 0), ==, WK_AREA_NONE);
  /* new ids do not collide */
  g_assert_cmpuint (wk_plan_create_area (copy, NULL, NULL, &error), >, a);
}

int
main (int   argc,
      char *argv[])
{
  wk_test_init (&argc, &argv);
  g_test_add_func ("/core/plan/assign-and-announce", test_assign_and_announce);
  g_test_add_func ("/core/plan/undo-redo", test_undo_redo);
  g_test_add_func ("/core/plan/groups-and-locks", test_groups_and_locks);
  g_test_add_func ("/core/plan/fill-region", test_fill_region);
  g_test_add_func ("/core/plan/csv-roundtrip", test_csv_roundtrip);
  g_test_add_func ("/core/plan/csv-problems", test_csv_problems);
  g_test_add_func ("/core/plan/duplicate", test_duplicate);
  return g_test_run ();
}
