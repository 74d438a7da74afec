/* test-timeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test-timeline-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "annals-overview.h"
#include "annals-timeline-view.h"
#include "annals-timeline-view-private.h"
#include "timeline-test-util.h"

typedef struct
{
  AnnalsViewState  *state;
  AnnalsEventStore *store;
  GtkWidget        *window;
  GtkWidget        *view;
  GtkWidget        *overview;
} Fixture;

static void
wait_for_allocation (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) < 100) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  /* Let the first frame be drawn. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (gtk_widget_get_mapped (widget));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->store = timeline_test_sample_store ();
  fixture->state = annals_view_state_new ();
  annals_view_state_set_store (fixture->state, fixture->store);
  annals_view_state_zoom_to_fit (fixture->state);

  fixture->view = annals_timeline_view_new (fixture->state);
  fixture->overview = annals_overview_new (fixture->state);
  gtk_widget_set_vexpand (fixture->view, TRUE);
  gtk_box_append (GTK_BOX (box), fixture->view);
  gtk_box_append (GTK_BOX (box), fixture->overview);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_allocation (fixture->view);
  gtk_widget_grab_focus (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->state);
  g_clear_object (&fixture->store);
}

static double
visible_span (Fixture *fixture)
{
  return annals_view_state_get_visible_to (fixture->state) - annals_view_state_get_visible_from (fixture->state);
}

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->view, action, NULL));
}

static void
test_widget_properties (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_true (annals_timeline_view_get_state (ANNALS_TIMELINE_VIEW (fixture->view)) == fixture->state);
  g_assert_true (gtk_widget_get_focusable (fixture->view));
  g_assert_true (gtk_widget_has_focus (fixture->view));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (fixture->view)), ==,
                   GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
test_keyboard_navigation (Fixture       *fixture,
                          gconstpointer  data)
{
  guint n_dated = annals_event_store_get_n_dated (fixture->store);

  g_assert_null (annals_view_state_get_selected (fixture->state));

  /* Right and Left go through the events in time order. */
  for (guint i = 0; i < n_dated; i++)
    {
      activate (fixture, "timeline.select-next");
      g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, i);
    }
  activate (fixture, "timeline.select-previous");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, n_dated - 2);

  activate (fixture, "timeline.select-first");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, 0);
  activate (fixture, "timeline.select-last");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, n_dated - 1);
}

/* The action a key runs on the canvas, through the class shortcuts. */
static char *
action_for_key (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

static void
test_key_bindings (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } keys[] = {
    { GDK_KEY_Left, 0, "timeline.select-previous" },
    { GDK_KEY_Right, 0, "timeline.select-next" },
    { GDK_KEY_Up, 0, "timeline.lane-up" },
    { GDK_KEY_Down, 0, "timeline.lane-down" },
    { GDK_KEY_plus, 0, "timeline.zoom-in" },
    { GDK_KEY_minus, 0, "timeline.zoom-out" },
    { GDK_KEY_0, 0, "timeline.zoom-fit" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out" },
    { GDK_KEY_Home, 0, "timeline.select-first" },
    { GDK_KEY_End, 0, "timeline.select-last" },
    { GDK_KEY_Return, 0, "timeline.activate-selected" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *action = action_for_key (fixture->view, keys[i].keyval, keys[i].modifiers);

      g_assert_cmpstr (action, ==, keys[i].action);
    }
}

static const char *
selected_host (Fixture *fixture)
{
  AnnalsEvent *selected = annals_view_state_get_selected (fixture->state);

  g_assert_nonnull (selected);
  return annals_event_get_host_country (selected);
}

static void
test_lanes (Fixture       *fixture,
            gconstpointer  data)
{
  /* Lanes: Uzbekistan, Russia, India. Start at the Tashkent meeting. */
  annals_view_state_select_position (fixture->state, 1);
  g_assert_cmpstr (selected_host (fixture), ==, "UZ");

  activate (fixture, "timeline.lane-down");
  g_assert_cmpstr (selected_host (fixture), ==, "RU");
  activate (fixture, "timeline.lane-down");
  g_assert_cmpstr (selected_host (fixture), ==, "IN");

  /* There is no lane below India: the selection stays. */
  activate (fixture, "timeline.lane-down");
  g_assert_cmpstr (selected_host (fixture), ==, "IN");

  activate (fixture, "timeline.lane-up");
  g_assert_cmpstr (selected_host (fixture), ==, "RU");
  activate (fixture, "timeline.lane-up");
  g_assert_cmpstr (selected_host (fixture), ==, "UZ");
}

static void
test_zoom_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  double fit = visible_span (fixture);
  double middle = (annals_view_state_get_visible_from (fixture->state) +
                   annals_view_state_get_visible_to (fixture->state)) / 2;

  activate (fixture, "timeline.zoom-in");
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), fit / 1.5, 1e-6);
  /* With nothing selected it zooms around the centre. */
  g_assert_cmpfloat_with_epsilon ((annals_view_state_get_visible_from (fixture->state) +
                                   annals_view_state_get_visible_to (fixture->state)) / 2, middle, 1e-3);

  activate (fixture, "timeline.zoom-in");
  activate (fixture, "timeline.zoom-out");
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), fit / 1.5, 1e-6);

  activate (fixture, "timeline.zoom-fit");
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), fit, 1e-6);
}

static void
on_activate (AnnalsTimelineView  *view,
             AnnalsEvent         *event,
             AnnalsEvent        **activated)
{
  g_set_object (activated, event);
}

static void
test_lookup_and_activate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AnnalsEvent) activated = NULL;
  int width = gtk_widget_get_width (fixture->view);
  int height = gtk_widget_get_height (fixture->view);
  g_autoptr(GHashTable) found = g_hash_table_new (NULL, NULL);

  /* Every dated event can be found by pointing at the canvas. */
  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 4)
      {
        guint position;
        guint count;

        if (annals_timeline_view_lookup_item (ANNALS_TIMELINE_VIEW (fixture->view), x, y, &position, &count))
          {
            g_assert_cmpuint (count, ==, 1);
            g_hash_table_add (found, GUINT_TO_POINTER (position + 1));
          }
      }
  g_assert_cmpuint (g_hash_table_size (found), ==, annals_event_store_get_n_events (fixture->store));

  g_signal_connect (fixture->view, "activate", G_CALLBACK (on_activate), &activated);
  annals_view_state_select_position (fixture->state, 2);
  activate (fixture, "timeline.activate-selected");
  g_assert_true (activated == annals_view_state_get_selected (fixture->state));
}

/* Pointer input, through the code the gestures run. */

static double
time_at (Fixture *fixture,
         double   x)
{
  return annals_view_state_get_visible_from (fixture->state) +
         x * visible_span (fixture) / gtk_widget_get_width (fixture->view);
}

/* The first point event known to the month (the meeting in Tashkent):
 * its dot is in the middle of the month. */
static guint
first_month_event (Fixture *fixture)
{
  for (guint i = 0; i < annals_event_store_get_n_dated (fixture->store); i++)
    {
      const AnnalsEventRecord *record = annals_event_store_get_record (fixture->store, i);

      if (record->start_precision == ANNALS_PRECISION_MONTH && record->end_precision == ANNALS_PRECISION_NONE)
        return i;
    }

  g_assert_not_reached ();
}

/* Where the dot of a point event is: x from its most likely day, y where
 * the canvas finds it at that x. */
static void
find_event (Fixture *fixture,
            guint    position,
            double  *x,
            double  *y)
{
  const AnnalsEventRecord *record = annals_event_store_get_record (fixture->store, position);
  int height = gtk_widget_get_height (fixture->view);

  double day = record->start_precision == ANNALS_PRECISION_DAY
               ? record->first_day + 0.5
               : (record->first_day + (double) record->end_day) / 2.0;

  *x = (day - annals_view_state_get_visible_from (fixture->state)) *
       gtk_widget_get_width (fixture->view) / visible_span (fixture);

  for (*y = 0; *y < height; *y += 1)
    {
      guint found;
      guint count;

      if (annals_timeline_view_lookup_item (ANNALS_TIMELINE_VIEW (fixture->view), *x, *y, &found, &count) &&
          found == position && count == 1)
        return;
    }

  g_error ("event %u not found at x = %.1f", position, *x);
}

static void
assert_event_at (Fixture *fixture,
                 guint    position,
                 double   x,
                 double   y)
{
  guint found = G_MAXUINT;
  guint count = 0;

  g_assert_true (annals_timeline_view_lookup_item (ANNALS_TIMELINE_VIEW (fixture->view), x, y, &found, &count));
  g_assert_cmpuint (found, ==, position);
  g_assert_cmpuint (count, ==, 1);
}

static void
test_drag_pans (Fixture       *fixture,
                gconstpointer  data)
{
  AnnalsTimelineView *view = ANNALS_TIMELINE_VIEW (fixture->view);
  guint position;
  double span;
  double time;
  double x;
  double y;
  static const double offsets[] = { 60.0, 137.5, -90.0, -210.25 };

  /* A narrower range, so that the event stands alone. */
  annals_view_state_set_visible_range (fixture->state, timeline_test_day (2022, 3, 1), timeline_test_day (2022, 12, 1));
  span = visible_span (fixture);
  position = first_month_event (fixture);
  find_event (fixture, position, &x, &y);
  time = time_at (fixture, x);

  g_assert_true (_annals_timeline_view_drag_begin (view, x, y, 0));

  /* Within the threshold nothing moves: it may still be a click. */
  g_assert_false (_annals_timeline_view_drag_update (view, 2.0, 1.0));
  g_assert_cmpfloat_with_epsilon (time_at (fixture, x), time, 1e-9);

  /* Past it the drag is claimed once, and the time under the pointer
   * stays under it wherever it goes. */
  g_assert_true (_annals_timeline_view_drag_update (view, offsets[0], 0.0));
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      if (i > 0)
        g_assert_false (_annals_timeline_view_drag_update (view, offsets[i], 0.0));
      g_assert_cmpfloat_with_epsilon (time_at (fixture, x + offsets[i]), time, span * 1e-9);
      g_assert_cmpfloat_with_epsilon (visible_span (fixture), span, span * 1e-9);
      assert_event_at (fixture, position, x + offsets[i], y);
    }
  _annals_timeline_view_drag_end (view, offsets[G_N_ELEMENTS (offsets) - 1], 0.0);
  assert_event_at (fixture, position, x + offsets[G_N_ELEMENTS (offsets) - 1], y);

  /* The click that ends a drag selects nothing. */
  _annals_timeline_view_click (view, 1, x + offsets[G_N_ELEMENTS (offsets) - 1], y);
  g_assert_null (annals_view_state_get_selected (fixture->state));
}

static void
test_ctrl_scroll_zooms (Fixture       *fixture,
                        gconstpointer  data)
{
  AnnalsTimelineView *view = ANNALS_TIMELINE_VIEW (fixture->view);
  guint position = first_month_event (fixture);
  double span;
  double time;
  double x;
  double y;

  annals_view_state_set_visible_range (fixture->state, timeline_test_day (2022, 3, 1), timeline_test_day (2022, 12, 1));
  find_event (fixture, position, &x, &y);
  time = time_at (fixture, x);
  _annals_timeline_view_motion (view, x, y);

  /* A wheel notch up zooms in by 1.25 around the pointer... */
  span = visible_span (fixture);
  g_assert_true (_annals_timeline_view_scroll (view, 0, -1, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_WHEEL));
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), span / 1.25, span * 1e-9);
  g_assert_cmpfloat_with_epsilon (time_at (fixture, x), time, span * 1e-9);
  assert_event_at (fixture, position, x, y);

  /* ...two down zoom out, and a touchpad's smooth deltas zoom too. */
  span = visible_span (fixture);
  g_assert_true (_annals_timeline_view_scroll (view, 0, 2, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_WHEEL));
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), span * 1.25 * 1.25, span * 1e-9);
  g_assert_cmpfloat_with_epsilon (time_at (fixture, x), time, span * 1e-9);

  span = visible_span (fixture);
  g_assert_true (_annals_timeline_view_scroll (view, 0, -30, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_SURFACE));
  g_assert_cmpfloat (visible_span (fixture), <, span);
  g_assert_cmpfloat_with_epsilon (time_at (fixture, x), time, span * 1e-9);
  assert_event_at (fixture, position, x, y);

  /* Without Ctrl the wheel pans: the span stays. */
  span = visible_span (fixture);
  g_assert_true (_annals_timeline_view_scroll (view, 1, 0, 0, GDK_SCROLL_UNIT_WHEEL));
  g_assert_cmpfloat_with_epsilon (visible_span (fixture), span, span * 1e-9);
  g_assert_cmpfloat (time_at (fixture, x), >, time);
}

static void
test_shift_drag_zooms_to_range (Fixture       *fixture,
                                gconstpointer  data)
{
  AnnalsTimelineView *view = ANNALS_TIMELINE_VIEW (fixture->view);
  double from = annals_view_state_get_visible_from (fixture->state);
  double to = annals_view_state_get_visible_to (fixture->state);
  double start = time_at (fixture, 420.0);
  double end = time_at (fixture, 160.0);

  /* A range too short to mean anything changes nothing. */
  g_assert_true (_annals_timeline_view_drag_begin (view, 300.0, 200.0, GDK_SHIFT_MASK));
  _annals_timeline_view_drag_update (view, 1.0, 0.0);
  _annals_timeline_view_drag_end (view, 1.0, 0.0);
  g_assert_cmpfloat (annals_view_state_get_visible_from (fixture->state), ==, from);
  g_assert_cmpfloat (annals_view_state_get_visible_to (fixture->state), ==, to);

  /* Dragged right to left: the range does not move while it is drawn,
   * then the view shows exactly the dragged range. */
  g_assert_true (_annals_timeline_view_drag_begin (view, 420.0, 200.0, GDK_SHIFT_MASK));
  g_assert_true (_annals_timeline_view_drag_update (view, -130.0, 12.0));
  _annals_timeline_view_drag_update (view, -260.0, 30.0);
  g_assert_cmpfloat (annals_view_state_get_visible_from (fixture->state), ==, from);
  g_assert_cmpfloat (annals_view_state_get_visible_to (fixture->state), ==, to);
  _annals_timeline_view_drag_end (view, -260.0, 30.0);

  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_from (fixture->state), end, (to - from) * 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_view_state_get_visible_to (fixture->state), start, (to - from) * 1e-9);
}

static void
test_double_click_zooms_to_event (Fixture       *fixture,
                                  gconstpointer  data)
{
  AnnalsTimelineView *view = ANNALS_TIMELINE_VIEW (fixture->view);
  g_autoptr(AnnalsEvent) activated = NULL;
  guint position = first_month_event (fixture);
  const AnnalsEventRecord *record = annals_event_store_get_record (fixture->store, position);
  double span;
  double middle;
  double x;
  double y;

  g_signal_connect (fixture->view, "activate", G_CALLBACK (on_activate), &activated);
  annals_view_state_set_visible_range (fixture->state, timeline_test_day (2022, 3, 1), timeline_test_day (2022, 12, 1));
  span = visible_span (fixture);
  find_event (fixture, position, &x, &y);

  /* The first press selects, the second zooms to the event and opens it. */
  _annals_timeline_view_click (view, 1, x, y);
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, position);
  g_assert_null (activated);
  _annals_timeline_view_click (view, 2, x, y);
  g_assert_nonnull (activated);
  g_assert_true (activated == annals_view_state_get_selected (fixture->state));

  middle = (annals_view_state_get_visible_from (fixture->state) + annals_view_state_get_visible_to (fixture->state)) / 2.0;
  g_assert_cmpfloat (visible_span (fixture), <, span / 2.0);
  g_assert_cmpfloat_with_epsilon (middle, (record->first_day + record->end_day) / 2.0, 1e-6);

  /* The event is in view, on its own. */
  find_event (fixture, position, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (fixture->view));
}

static void
test_selection_follows_state (Fixture       *fixture,
                              gconstpointer  data)
{
  /* The list or the source pane selects through the state; the canvas
   * keeps no copy, so its next step starts from there. */
  annals_view_state_select_position (fixture->state, 2);
  activate (fixture, "timeline.select-next");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, 3);

  annals_view_state_set_selected (fixture->state, NULL);
  activate (fixture, "timeline.select-previous");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==,
                   annals_event_store_get_n_dated (fixture->store) - 1);
}

static void
test_group_by_switch (Fixture       *fixture,
                      gconstpointer  data)
{
  annals_view_state_set_group_by (fixture->state, ANNALS_GROUP_BY_NONE);
  wait_for_allocation (fixture->view);

  /* One lane: moving down has nowhere to go. */
  annals_view_state_select_position (fixture->state, 0);
  activate (fixture, "timeline.lane-down");
  g_assert_cmpint (annals_view_state_get_selected_position (fixture->state), ==, 0);
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cairo_t *cr = cairo_create (surface);
  guint32 corner;

  annals_timeline_view_render (ANNALS_TIMELINE_VIEW (fixture->view), cr, 640, 360,
                               timeline_test_day (2022, 1, 1), timeline_test_day (2023, 1, 1));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The frame is painted edge to edge with an opaque background. */
  corner = *(guint32 *) (cairo_image_surface_get_data (surface) + 359 * cairo_image_surface_get_stride (surface));
  g_assert_cmpuint (corner >> 24, ==, 0xff);
  cairo_surface_destroy (surface);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("annals-export-XXXXXX", NULL);
  static const char *names[] = { "t.png", "t.svg", "t.pdf" };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (dir, "t.gif", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "missing", "t.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (annals_timeline_view_export_to_file (ANNALS_TIMELINE_VIEW (fixture->view), path,
                                                          800, 400, 0, 0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 500);
      g_unlink (path);
    }

  g_assert_false (annals_timeline_view_export_to_file (ANNALS_TIMELINE_VIEW (fixture->view), bad,
                                                       800, 400, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);

  g_assert_false (annals_timeline_view_export_to_file (ANNALS_TIMELINE_VIEW (fixture->view), unwritable,
                                                       800, 400, 0, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_rmdir (dir);
}

static void
test_overview_span (Fixture       *fixture,
                    gconstpointer  data)
{
  gint32 first_day;
  gint32 end_day;
  double from;
  double to;

  g_assert_true (annals_event_store_get_span (fixture->store, &first_day, &end_day));
  annals_overview_get_span (ANNALS_OVERVIEW (fixture->overview), &from, &to);
  g_assert_cmpfloat (from, <=, first_day);
  g_assert_cmpfloat (to, >=, end_day);

  /* It always shows the visible window, even far from the events. */
  annals_view_state_set_visible_range (fixture->state, timeline_test_day (1990, 1, 1), timeline_test_day (1991, 1, 1));
  annals_overview_get_span (ANNALS_OVERVIEW (fixture->overview), &from, &to);
  g_assert_cmpfloat (from, <=, timeline_test_day (1990, 1, 1));
  g_assert_cmpfloat (to, >=, end_day);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The Flatpak build sandbox has no session bus, and there GTK's AT-SPI
   * backend warns (fatally) that it cannot reach one; GTK falls back to its
   * test backend, which keeps the accessible state these tests check. */
  g_setenv ("GTK_A11Y", "none", FALSE);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display: run under xvfb-run");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/annals/widget/timeline/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("properties", test_widget_properties);
  ADD ("keyboard-navigation", test_keyboard_navigation);
  ADD ("key-bindings", test_key_bindings);
  ADD ("lanes", test_lanes);
  ADD ("zoom-actions", test_zoom_actions);
  ADD ("lookup-and-activate", test_lookup_and_activate);
  ADD ("drag-pans", test_drag_pans);
  ADD ("ctrl-scroll-zooms", test_ctrl_scroll_zooms);
  ADD ("shift-drag-zooms-to-range", test_shift_drag_zooms_to_range);
  ADD ("double-click-zooms-to-event", test_double_click_zooms_to_event);
  ADD ("selection-follows-state", test_selection_follows_state);
  ADD ("group-by-switch", test_group_by_switch);
  ADD ("render", test_render);
  ADD ("export", test_export);
  g_test_add ("/annals/widget/overview/span", Fixture, NULL, fixture_set_up, test_overview_span, fixture_tear_down);

#undef ADD

  return g_test_run ();
}
