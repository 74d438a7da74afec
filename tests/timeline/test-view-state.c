/* test-view-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test-view-state"

#include "config.h"

#include <math.h>

#include "annals-view-state.h"
#include "timeline-test-util.h"

static void
test_group_by_nicks (void)
{
  GEnumClass *enum_class = g_type_class_ref (ANNALS_TYPE_GROUP_BY);

  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "country")->value, ==, ANNALS_GROUP_BY_COUNTRY);
  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "kind")->value, ==, ANNALS_GROUP_BY_KIND);
  g_assert_cmpint (g_enum_get_value_by_nick (enum_class, "none")->value, ==, ANNALS_GROUP_BY_NONE);
  g_assert_null (g_enum_get_value_by_nick (enum_class, "host"));
  g_type_class_unref (enum_class);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_range (void)
{
  g_autoptr(AnnalsViewState) state = annals_view_state_new ();
  guint from_notified = 0;
  guint to_notified = 0;

  g_signal_connect (state, "notify::visible-from", G_CALLBACK (count_notify), &from_notified);
  g_signal_connect (state, "notify::visible-to", G_CALLBACK (count_notify), &to_notified);

  annals_view_state_set_visible_range (state, 0, 100);
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), ==, 0);
  g_assert_cmpfloat (annals_view_state_get_visible_to (state), ==, 100);
  g_assert_cmpuint (from_notified, ==, 1);
  g_assert_cmpuint (to_notified, ==, 1);

  /* The same range again notifies nothing. */
  annals_view_state_set_visible_range (state, 0, 100);
  g_assert_cmpuint (from_notified, ==, 1);

  /* Zooming keeps the anchor at the same place in the window. */
  annals_view_state_zoom (state, 0.5, 25);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_from (state), 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (state), 62.5, 1e-9);

  annals_view_state_pan (state, -12.5);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_from (state), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (state), 50, 1e-9);

  /* Spans are clamped: never below half a day, never beyond 10,000 years. */
  annals_view_state_set_visible_range (state, 10, 10.01);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (state) -
                                  annals_view_state_get_visible_from (state),
                                  ANNALS_VIEW_STATE_MIN_SPAN, 1e-9);
  annals_view_state_zoom (state, 1e12, 10);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (state) -
                                  annals_view_state_get_visible_from (state),
                                  ANNALS_VIEW_STATE_MAX_SPAN, 1e-3);

  /* A reversed range is put in order; nonsense is ignored. */
  annals_view_state_set_visible_range (state, 200, 100);
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), ==, 100);
  annals_view_state_set_visible_range (state, NAN, 5);
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), ==, 100);
}

static void
test_zoom_to_fit (void)
{
  g_autoptr(AnnalsViewState) state = annals_view_state_new ();
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();

  annals_view_state_set_store (state, store);
  annals_view_state_zoom_to_fit (state);

  /* Vostok 2022 starts on 2022-01-01; the 2023 events end with 2023. */
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), <, timeline_test_day (2022, 1, 1));
  g_assert_cmpfloat (annals_view_state_get_visible_to (state), >, timeline_test_day (2024, 1, 1));
  g_assert_cmpfloat (annals_view_state_get_visible_to (state) - annals_view_state_get_visible_from (state),
                     <, 3 * 365.25);
}

static void
test_select_in_time_order (void)
{
  g_autoptr(AnnalsViewState) state = annals_view_state_new ();
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  guint n_dated = annals_event_store_get_n_dated (store);
  guint selected_notified = 0;

  g_assert_cmpuint (n_dated, ==, 4);
  annals_view_state_set_store (state, store);
  annals_view_state_zoom_to_fit (state);
  g_signal_connect (state, "notify::selected", G_CALLBACK (count_notify), &selected_notified);

  g_assert_null (annals_view_state_get_selected (state));
  g_assert_cmpint (annals_view_state_get_selected_position (state), ==, -1);

  for (guint i = 0; i < n_dated; i++)
    {
      g_assert_true (annals_view_state_select_next (state));
      g_assert_cmpint (annals_view_state_get_selected_position (state), ==, i);
    }
  g_assert_cmpuint (selected_notified, ==, n_dated);

  /* The last one has no next: the selection stays. */
  g_assert_false (annals_view_state_select_next (state));
  g_assert_cmpint (annals_view_state_get_selected_position (state), ==, n_dated - 1);

  g_assert_true (annals_view_state_select_previous (state));
  g_assert_cmpint (annals_view_state_get_selected_position (state), ==, n_dated - 2);

  /* Vostok 2022, the first in time, starts the year. */
  annals_view_state_select_position (state, 0);
  g_assert_cmpstr (annals_event_get_title (annals_view_state_get_selected (state)), ==, "Vostok 2022");
  g_assert_false (annals_view_state_select_previous (state));

  /* A new store drops the selection. */
  annals_view_state_set_store (state, NULL);
  g_assert_null (annals_view_state_get_selected (state));
  g_assert_false (annals_view_state_select_next (state));
}

static void
test_select_follows_range (void)
{
  g_autoptr(AnnalsViewState) state = annals_view_state_new ();
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  double span = 60;

  annals_view_state_set_store (state, store);

  /* With nothing selected, the first event in view is taken: Vostok 2022,
   * known only to the year, overlaps any range in 2022. */
  annals_view_state_set_visible_range (state, timeline_test_day (2022, 7, 20), timeline_test_day (2022, 7, 20) + span);
  g_assert_true (annals_view_state_select_next (state));
  g_assert_cmpstr (annals_event_get_title (annals_view_state_get_selected (state)), ==, "Vostok 2022");
  g_assert_true (annals_view_state_select_next (state));
  g_assert_cmpstr (annals_event_get_title (annals_view_state_get_selected (state)), ==, "SCO Defence Ministers’ Meeting");
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), ==, timeline_test_day (2022, 7, 20));

  /* Moving on to an event out of view brings the range to it, span kept. */
  g_assert_true (annals_view_state_select_next (state));
  g_assert_cmpfloat (annals_view_state_get_visible_from (state), >=, timeline_test_day (2023, 1, 1) - span);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (state) -
                                  annals_view_state_get_visible_from (state), span, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/timeline/view-state/group-by-nicks", test_group_by_nicks);
  g_test_add_func ("/annals/timeline/view-state/range", test_range);
  g_test_add_func ("/annals/timeline/view-state/zoom-to-fit", test_zoom_to_fit);
  g_test_add_func ("/annals/timeline/view-state/select-in-time-order", test_select_in_time_order);
  g_test_add_func ("/annals/timeline/view-state/select-follows-range", test_select_follows_range);

  return g_test_run ();
}
