/* test-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test-layout"

#include "config.h"

#include <math.h>

#include "annals-timeline-layout.h"
#include "annals-timeline-painter.h"
#include "timeline-test-util.h"

static AnnalsTimelineLayout *
create_layout (void)
{
  PangoContext *context = timeline_test_create_context ();
  AnnalsTimelineLayout *layout = annals_timeline_layout_new (context);

  g_object_unref (context);

  return layout;
}

static void
test_sample_lanes (void)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  AnnalsTimelineLayout *layout = create_layout ();
  static const char *expected[] = { "Uzbekistan", "Russia", "India" };
  static const guint counts[] = { 1, 2, 1 };
  guint n_singles = 0;

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 1280, 800, 0);

  /* Lanes come in the order the article names their first event. */
  g_assert_cmpuint (annals_timeline_layout_get_n_lanes (layout), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const AnnalsTimelineLane *lane = annals_timeline_layout_get_lane (layout, i);

      g_assert_cmpstr (lane->name, ==, expected[i]);
      g_assert_cmpuint (lane->count, ==, counts[i]);
    }

  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);
      const AnnalsTimelineLane *lane = annals_timeline_layout_get_lane (layout, mark->lane);
      AnnalsEventRecord record = *annals_event_store_get_record (store, mark->position);
      char code[3];

      g_assert_cmpuint (mark->count, ==, 1);
      annals_country_unpack (record.host_country, code);
      g_assert_cmpstr (lane->name, ==, annals_country_get_name (code));
      g_assert_cmpfloat (mark->y, >, lane->y);
      g_assert_cmpfloat (mark->y, <, lane->y + lane->height);
      /* Every title fits at this size. */
      g_assert_cmpfloat (mark->label_width, >, 0);
      n_singles++;
    }
  g_assert_cmpuint (n_singles, ==, 4);

  /* The festival has no date: it is on the shelf, not on a lane. */
  g_assert_cmpfloat (annals_timeline_layout_get_shelf_y (layout), <, 800);
  g_assert_cmpuint (annals_timeline_layout_get_n_chips (layout), ==, 1);
  g_assert_cmpstr (annals_event_store_get_title (store, annals_timeline_layout_get_chip (layout, 0)->position),
                   ==, "Trumpet of Peace Festival");
  g_assert_cmpuint (annals_timeline_layout_get_n_undated_hidden (layout), ==, 0);

  annals_timeline_layout_free (layout);
}

static void
test_group_by (void)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  AnnalsTimelineLayout *layout = create_layout ();

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_KIND,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 1280, 800, 0);
  g_assert_cmpuint (annals_timeline_layout_get_n_lanes (layout), ==, 2);
  g_assert_cmpstr (annals_timeline_layout_get_lane (layout, 0)->name, ==,
                   annals_event_kind_get_label (ANNALS_EVENT_KIND_MEETING));
  g_assert_cmpuint (annals_timeline_layout_get_lane (layout, 0)->count, ==, 2);
  g_assert_cmpstr (annals_timeline_layout_get_lane (layout, 1)->name, ==,
                   annals_event_kind_get_label (ANNALS_EVENT_KIND_EXERCISE));

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_NONE,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 1280, 800, 0);
  g_assert_cmpuint (annals_timeline_layout_get_n_lanes (layout), ==, 1);
  g_assert_cmpuint (annals_timeline_layout_get_lane (layout, 0)->count, ==, 4);

  annals_timeline_layout_free (layout);
}

static AnnalsEventStore *
store_of_days (const double *days,
               guint         n_days,
               const char   *country)
{
  AnnalsEventStore *store = annals_event_store_new ();

  annals_event_store_begin_update (store);
  for (guint i = 0; i < n_days; i++)
    {
      g_autoptr(AnnalsEvent) event = NULL;
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Exercise number %u", i);
      AnnalsDate date;

      event = annals_event_new (id, title);
      annals_event_set_kind (event, i % 2 == 0 ? ANNALS_EVENT_KIND_EXERCISE : ANNALS_EVENT_KIND_MEETING);
      annals_event_set_host_country (event, country);
      annals_date_set_from_days (&date, (gint32) days[i]);
      annals_event_set_start (event, &date);
      annals_event_store_append_event (store, event);
    }
  annals_event_store_end_update (store);

  return store;
}

static guint
count_clusters (AnnalsTimelineLayout *layout,
                guint                *n_single)
{
  guint clusters = 0;

  *n_single = 0;
  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

      if (mark->count > 1)
        clusters++;
      else
        (*n_single)++;
    }

  return clusters;
}

static void
test_clusters (void)
{
  double day = timeline_test_day (2022, 8, 24);
  double days[] = { day, day + 10 };
  g_autoptr(AnnalsEventStore) store = store_of_days (days, G_N_ELEMENTS (days), "UZ");
  AnnalsTimelineLayout *layout = create_layout ();
  double width = 1000;
  /* Ten days are ANNALS_TIMELINE_CLUSTER_SPACING pixels at this span. */
  double threshold = 10 * width / ANNALS_TIMELINE_CLUSTER_SPACING;
  static const double factors[] = { 0.2, 0.9, 0.99, 1.01, 1.1, 5.0 };

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    {
      double span = threshold * factors[i];
      gboolean merged = factors[i] > 1.0;
      guint n_single;
      guint n_clusters;

      annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                     day + 5 - span / 2, day + 5 + span / 2, width, 400, 0);
      n_clusters = count_clusters (layout, &n_single);

      if (merged)
        {
          const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, 0);
          const AnnalsTimeScale *scale = annals_timeline_layout_get_scale (layout);
          double x0 = annals_time_scale_time_to_x (scale, day + 0.5);
          double x1 = annals_time_scale_time_to_x (scale, day + 10.5);

          g_assert_cmpuint (n_clusters, ==, 1);
          g_assert_cmpuint (n_single, ==, 0);
          g_assert_cmpuint (mark->count, ==, 2);
          g_assert_cmpuint (mark->kind_counts[ANNALS_EVENT_KIND_EXERCISE], ==, 1);
          g_assert_cmpuint (mark->kind_counts[ANNALS_EVENT_KIND_MEETING], ==, 1);
          g_assert_cmpfloat_with_epsilon (mark->x, (x0 + x1) / 2, 1e-6);
          g_assert_null (annals_timeline_layout_find_mark (layout, mark->position));
          /* Either event finds the cluster that holds it. */
          g_assert_true (annals_timeline_layout_find_cluster (layout, 0) == mark);
          g_assert_true (annals_timeline_layout_find_cluster (layout, 1) == mark);
        }
      else
        {
          g_assert_cmpuint (n_clusters, ==, 0);
          g_assert_cmpuint (n_single, ==, 2);
          g_assert_null (annals_timeline_layout_find_cluster (layout, 0));
        }
    }

  annals_timeline_layout_free (layout);
}

static void
test_dense_aggregates (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AnnalsEventStore) store = NULL;
  AnnalsTimelineLayout *layout = create_layout ();
  double first = timeline_test_day (2000, 1, 1);
  guint total = 0;

  for (guint i = 0; i < 5000; i++)
    {
      double day = first + (i * 7919) % 3650;

      g_array_append_val (days, day);
    }
  store = store_of_days ((double *) days->data, days->len, "RU");

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 first, first + 3650, 1000, 400, 0);

  /* Far more events than pixels: a bounded number of marks, every event
   * counted exactly once. */
  g_assert_cmpuint (annals_timeline_layout_get_n_marks (layout), <=, 1000 / 12 + 2);
  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);
      guint by_kind = 0;

      for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
        by_kind += mark->kind_counts[k];
      g_assert_cmpuint (by_kind, ==, mark->count);
      total += mark->count;
    }
  g_assert_cmpuint (total, ==, 5000);

  annals_timeline_layout_free (layout);
}

static void
append_record (AnnalsEventStore *store,
               guint             key,
               AnnalsEventKind   kind,
               gint32            first_day,
               gint32            end_day,
               AnnalsPrecision   start_precision,
               AnnalsPrecision   end_precision)
{
  AnnalsEventRecord record = { 0, };
  g_autofree char *title = g_strdup_printf ("Event %u", key);

  record.key = key;
  record.kind = kind;
  record.host_country = annals_country_pack ("RU");
  record.n_mentions = 1;
  record.first_day = first_day;
  record.end_day = end_day;
  record.start_precision = start_precision;
  record.end_precision = end_precision;
  record.status = ANNALS_EVENT_STATUS_PAST;
  annals_event_store_append_record (store, &record, title);
}

/* Counts what the marks of a dense lane stand for, and checks that it is
 * every event overlapping [from, to), with marks in view. */
static void
assert_dense_lane_complete (AnnalsEventStore *store,
                            guint             budget,
                            double            from,
                            double            to)
{
  AnnalsTimelineLayout *layout = create_layout ();
  guint expected = 0;
  guint total = 0;

  for (guint i = 0; i < annals_event_store_get_n_dated (store); i++)
    if (annals_event_record_overlaps (annals_event_store_get_record (store, i), (gint32) floor (from), (gint32) ceil (to)))
      expected++;

  annals_timeline_layout_set_index_budget (layout, budget);
  do
    annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY, from, to, 1000, 400, 0);
  while (!annals_timeline_layout_is_complete (layout));

  /* Frames elsewhere first: searches start from where the last frame's
   * ended, which must not change what is found. */
  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY, from - 700, to - 700, 1000, 400, 0);
  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY, from + 400, to + 2000, 1000, 400, 0);
  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY, from, to, 1000, 400, 0);

  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

      total += mark->count;
      if (mark->count > 1)
        {
          g_assert_cmpfloat (mark->x, >=, 0);
          g_assert_cmpfloat (mark->x, <=, 1000);
        }
      else
        {
          g_assert_cmpfloat (mark->x_end, >=, 0);
          g_assert_cmpfloat (mark->x_start, <=, 1000);
        }
    }
  g_assert_cmpuint (annals_timeline_layout_get_n_marks (layout), <=, 1000 / 12 + 2);
  g_assert_cmpuint (total, ==, expected);

  /* Each of them is found on its own or in a cluster (to light it up
   * when it is selected). */
  for (guint i = 0; i < annals_event_store_get_n_dated (store); i++)
    if (annals_event_record_overlaps (annals_event_store_get_record (store, i), (gint32) floor (from), (gint32) ceil (to)))
      g_assert_true (annals_timeline_layout_find_mark (layout, i) != NULL ||
                     annals_timeline_layout_find_cluster (layout, i) != NULL);

  annals_timeline_layout_free (layout);
}

static void
test_dense_ongoing (void)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  gint32 first = (gint32) timeline_test_day (2000, 1, 1);
  gint32 view = (gint32) timeline_test_day (2004, 7, 1);
  gint32 gap = (gint32) timeline_test_day (2008, 3, 1);
  guint key = 0;

  /* Dense point events, and among them events that began before the view
   * and go on into it: years, months, ranges of days and of years, of
   * several kinds; and some that ended just before it. */
  annals_event_store_begin_update (store);
  for (gint32 day = first; day < first + 3650; day++)
    {
      /* Three weeks without a new event: at the left edge there is only
       * what goes on. */
      if (day < gap || day >= gap + 21)
        {
          append_record (store, key++, ANNALS_EVENT_KIND_MEETING, day, day + 1,
                         ANNALS_PRECISION_DAY, ANNALS_PRECISION_NONE);
          append_record (store, key++, ANNALS_EVENT_KIND_VISIT, day, day + 1,
                         ANNALS_PRECISION_DAY, ANNALS_PRECISION_NONE);
        }
      if (day == (gint32) timeline_test_day (2008, 1, 1))
        append_record (store, key++, ANNALS_EVENT_KIND_STATEMENT, day, (gint32) timeline_test_day (2009, 1, 1),
                       ANNALS_PRECISION_YEAR, ANNALS_PRECISION_NONE);
      if (day == (gint32) timeline_test_day (2004, 1, 1))
        append_record (store, key++, ANNALS_EVENT_KIND_SUMMIT, day, (gint32) timeline_test_day (2005, 1, 1),
                       ANNALS_PRECISION_YEAR, ANNALS_PRECISION_NONE);
      if (day == (gint32) timeline_test_day (2004, 6, 1))
        append_record (store, key++, ANNALS_EVENT_KIND_FESTIVAL, day, (gint32) timeline_test_day (2004, 7, 1),
                       ANNALS_PRECISION_MONTH, ANNALS_PRECISION_NONE);
      if (day == (gint32) timeline_test_day (2004, 6, 20))
        append_record (store, key++, ANNALS_EVENT_KIND_EXERCISE, day, (gint32) timeline_test_day (2004, 7, 9),
                       ANNALS_PRECISION_DAY, ANNALS_PRECISION_DAY);
      if (day == (gint32) timeline_test_day (2001, 3, 1))
        append_record (store, key++, ANNALS_EVENT_KIND_CONFERENCE, day, (gint32) timeline_test_day (2006, 1, 1),
                       ANNALS_PRECISION_MONTH, ANNALS_PRECISION_YEAR);
      if (day == (gint32) timeline_test_day (2003, 3, 1))
        append_record (store, key++, ANNALS_EVENT_KIND_OTHER, day, (gint32) timeline_test_day (2003, 12, 1),
                       ANNALS_PRECISION_MONTH, ANNALS_PRECISION_MONTH);
    }
  annals_event_store_end_update (store);

  /* At a year and at a month, the index built at once or in steps. */
  assert_dense_lane_complete (store, 0, view, view + 365);
  assert_dense_lane_complete (store, 997, view, view + 365);
  assert_dense_lane_complete (store, 0, view + 3, view + 33);
  /* Starting within a day, and at the very first day. */
  assert_dense_lane_complete (store, 0, view + 0.5, view + 365.5);
  assert_dense_lane_complete (store, 0, first, first + 365);
  /* Only the year's statement goes on at the left edge. */
  assert_dense_lane_complete (store, 0, gap, gap + 365);
  assert_dense_lane_complete (store, 0, gap, gap + 60);
}

static guint
assert_labels_apart (AnnalsTimelineLayout *layout)
{
  guint n_marks = annals_timeline_layout_get_n_marks (layout);
  double width = annals_timeline_layout_get_width (layout);
  guint n_labels = 0;

  for (guint i = 0; i < n_marks; i++)
    {
      const AnnalsTimelineMark *a = annals_timeline_layout_get_mark (layout, i);

      if (a->label_width <= 0)
        continue;

      n_labels++;
      g_assert_cmpfloat (a->label_x, >=, 0);
      g_assert_cmpfloat (a->label_x + a->label_width, <=, width);

      for (guint j = 0; j < n_marks; j++)
        {
          const AnnalsTimelineMark *b = annals_timeline_layout_get_mark (layout, j);
          double left = b->x - ANNALS_TIMELINE_MARK_RADIUS;
          double right = b->x + ANNALS_TIMELINE_MARK_RADIUS;

          if (i == j || b->lane != a->lane || b->row != a->row)
            continue;

          /* Not over another label... */
          if (b->label_width > 0)
            g_assert_true (a->label_x + a->label_width <= b->label_x ||
                           b->label_x + b->label_width <= a->label_x);

          /* ...nor over another mark. */
          g_assert_true (a->label_x + a->label_width <= left || right <= a->label_x);
        }
    }

  return n_labels;
}

static void
test_labels_never_overlap (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AnnalsEventStore) store = NULL;
  AnnalsTimelineLayout *layout = create_layout ();
  double first = timeline_test_day (2022, 1, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const double spans[] = { 20, 60, 120, 365, 1000 };
  guint n_labels = 0;

  for (guint i = 0; i < 80; i++)
    {
      double day = first + g_rand_int_range (rand, 0, 365);

      g_array_append_val (days, day);
    }
  store = store_of_days ((double *) days->data, days->len, "IN");

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    for (double from = first - 30; from < first + 365; from += spans[i] / 3)
      {
        annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                       from, from + spans[i], 900, 600, 0);
        n_labels += assert_labels_apart (layout);
      }

  g_assert_cmpuint (n_labels, >, 100);

  annals_timeline_layout_free (layout);
}

static void
assert_tick_labels_apart (AnnalsTimelineLayout *layout)
{
  double width = annals_timeline_layout_get_width (layout);

  for (int tier = 0; tier < 2; tier++)
    {
      double previous_end = -G_MAXDOUBLE;
      guint n_labels = 0;

      for (guint i = 0; i < annals_timeline_layout_get_n_ticks (layout); i++)
        {
          const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);

          if (tick->major != tier || !tick->has_label)
            continue;

          g_assert_nonnull (tick->label);
          g_assert_cmpfloat (tick->label_width, >, 0);
          g_assert_cmpfloat (tick->label_x, >=, previous_end + ANNALS_TIMELINE_TICK_LABEL_GAP);
          g_assert_cmpfloat (tick->label_x + tick->label_width, <=, width);
          previous_end = tick->label_x + tick->label_width;
          n_labels++;
        }

      /* The minor tier always says something. */
      if (tier == 0)
        g_assert_cmpuint (n_labels, >=, 1);
    }
}

static void
test_tick_labels_never_overlap (void)
{
  AnnalsTimelineLayout *layout = create_layout ();
  static const double widths[] = { 240, 640, 1280, 2560 };
  double middle = timeline_test_day (2022, 8, 26);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (double span = 0.5; span <= 10000 * 365.2425; span *= 1.37)
      {
        annals_timeline_layout_update (layout, NULL, ANNALS_GROUP_BY_COUNTRY,
                                       middle - span / 2, middle + span / 2, widths[w], 400, 0);
        assert_tick_labels_apart (layout);
      }

  annals_timeline_layout_free (layout);
}

static void
test_edge_label_yields (void)
{
  AnnalsTimelineLayout *layout = create_layout ();
  gboolean named_2022 = FALSE;

  /* The left edge lies in the last days of 2021: naming 2021 there must not
   * push out the label of 2022, a few pixels to the right. */
  annals_timeline_layout_update (layout, NULL, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2021, 12, 20), timeline_test_day (2024, 1, 20),
                                 770, 400, 0);

  for (guint i = 0; i < annals_timeline_layout_get_n_ticks (layout); i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);

      if (tick->major && tick->has_label && g_strcmp0 (tick->label, "2022") == 0)
        named_2022 = TRUE;
      if (tick->major && tick->has_label)
        g_assert_cmpstr (tick->label, !=, "2021");
    }

  g_assert_true (named_2022);
  assert_tick_labels_apart (layout);

  annals_timeline_layout_free (layout);
}

static void
test_bce_axis (void)
{
  AnnalsTimelineLayout *layout = create_layout ();
  guint n_bce = 0;
  guint n_ce = 0;

  annals_timeline_layout_update (layout, NULL, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (-60, 1, 1), timeline_test_day (40, 1, 1), 1000, 400, 0);

  for (guint i = 0; i < annals_timeline_layout_get_n_ticks (layout); i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);
      int year;

      g_assert_cmpstr (tick->label, !=, "0");
      g_assert_cmpstr (tick->label, !=, "0 BC");

      if (g_str_has_suffix (tick->label, " BC"))
        {
          year = atoi (tick->label);
          n_bce++;
        }
      else
        {
          year = atoi (tick->label);
          n_ce++;
        }

      /* Round numbers as people count them, on both sides of the era. */
      g_assert_cmpint (year, >, 0);
      g_assert_cmpint (year % 5, ==, 0);
    }

  g_assert_cmpuint (n_bce, >=, 5);
  g_assert_cmpuint (n_ce, >=, 3);

  annals_timeline_layout_free (layout);
}

static void
test_lookup (void)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  AnnalsTimelineLayout *layout = create_layout ();
  const AnnalsTimelineMark *found = NULL;
  guint position;

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 1280, 800, 0);

  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

      g_assert_true (annals_timeline_layout_lookup (layout, mark->x, mark->y, &position, &found));
      g_assert_cmpuint (position, ==, mark->position);
      g_assert_true (found == mark);
      g_assert_true (annals_timeline_layout_find_mark (layout, position) == mark);
    }

  /* The axis and empty space hold nothing; the shelf holds its chip. */
  g_assert_false (annals_timeline_layout_lookup (layout, 600, 10, &position, NULL));
  g_assert_false (annals_timeline_layout_lookup (layout, 1270, 700, &position, NULL));
  g_assert_true (annals_timeline_layout_lookup (layout,
                                                annals_timeline_layout_get_chip (layout, 0)->x + 5,
                                                annals_timeline_layout_get_shelf_y (layout) + 20,
                                                &position, &found));
  g_assert_null (found);
  g_assert_cmpuint (position, ==, annals_event_store_get_n_dated (store));

  /* From the Tashkent meeting (August 2022), India's nearest is 2023. */
  g_assert_true (annals_timeline_layout_find_in_lane (layout, 2, timeline_test_day (2022, 8, 15), &position));
  g_assert_cmpstr (annals_event_store_get_title (store, position), ==, "SCO Defence Ministers’ Meeting 2023");
  g_assert_false (annals_timeline_layout_find_in_lane (layout, 7, 0, &position));

  annals_timeline_layout_free (layout);
}

static void
test_precision_extent (void)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  AnnalsTimelineLayout *layout = create_layout ();
  const AnnalsTimeScale *scale;

  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 1280, 800, 0);
  scale = annals_timeline_layout_get_scale (layout);

  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);
      const AnnalsEventRecord *record = annals_event_store_get_record (store, mark->position);

      /* Known to the year or month: the band covers the whole period and
       * the dot is in its middle, never on a made-up first day. */
      g_assert_cmpfloat_with_epsilon (mark->x_start, annals_time_scale_time_to_x (scale, record->first_day), 1e-6);
      g_assert_cmpfloat_with_epsilon (mark->x_end, annals_time_scale_time_to_x (scale, record->end_day), 1e-6);
      g_assert_cmpfloat_with_epsilon (mark->x, (mark->x_start + mark->x_end) / 2, 1e-6);
      g_assert_false (mark->is_range);
    }

  annals_timeline_layout_free (layout);
}

static void
test_shared_periods (void)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  AnnalsTimelineLayout *layout = create_layout ();
  AnnalsEvent *events[] = {
    timeline_test_event ("a", "Exercise A", ANNALS_EVENT_KIND_EXERCISE, "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "RU"),
    timeline_test_event ("b", "Meeting B", ANNALS_EVENT_KIND_MEETING, "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "RU"),
    timeline_test_event ("c", "Summit C", ANNALS_EVENT_KIND_SUMMIT, "2023-05-10", NULL, ANNALS_EVENT_STATUS_PAST, "RU"),
    timeline_test_event ("d", "Decade", ANNALS_EVENT_KIND_OTHER, "2015-01-01", "2030-12-31", ANNALS_EVENT_STATUS_PAST, "RU"),
  };
  const AnnalsTimeScale *scale;
  gboolean seen_band = FALSE;
  gboolean seen_range = FALSE;
  gboolean seen_day = FALSE;

  annals_event_store_begin_update (store);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      annals_event_store_append_event (store, events[i]);
      g_object_unref (events[i]);
    }
  annals_event_store_end_update (store);

  /* A month of 2023: the two events known only to 2023 share the year's
   * band; the range that began in 2015 is found and drawn as a bar. */
  annals_timeline_layout_update (layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2023, 5, 1), timeline_test_day (2023, 6, 1),
                                 1000, 400, 0);
  scale = annals_timeline_layout_get_scale (layout);
  g_assert_cmpuint (annals_timeline_layout_get_n_marks (layout), ==, 3);

  for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

      if (mark->is_range)
        {
          seen_range = TRUE;
          g_assert_cmpfloat (mark->x_start, <, 0);
          g_assert_cmpfloat (mark->x_end, >, 1000);
        }
      else if (mark->count == 2)
        {
          seen_band = TRUE;
          g_assert_cmpfloat_with_epsilon (mark->x_start, annals_time_scale_time_to_x (scale, timeline_test_day (2023, 1, 1)), 1e-6);
          g_assert_cmpfloat_with_epsilon (mark->x_end, annals_time_scale_time_to_x (scale, timeline_test_day (2024, 1, 1)), 1e-6);
          g_assert_cmpuint (mark->kind_counts[ANNALS_EVENT_KIND_EXERCISE], ==, 1);
          g_assert_cmpuint (mark->kind_counts[ANNALS_EVENT_KIND_MEETING], ==, 1);
          /* Its count stays in view, inside the band. */
          g_assert_cmpfloat (mark->x, >, 0);
          g_assert_cmpfloat (mark->x, <, 1000);
        }
      else
        {
          seen_day = TRUE;
          g_assert_cmpstr (mark->title, ==, "Summit C");
        }
    }

  g_assert_true (seen_band && seen_range && seen_day);
  annals_timeline_layout_free (layout);
}

static void
test_extremes (void)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  AnnalsTimelineLayout *layout = create_layout ();
  static const char *dates[][2] = {
    { "-9999", NULL }, { "9999-12-31", NULL }, { "-0044-03-15", NULL }, { "0001", "0100" },
    { "1900-01", "2030-12" }, { NULL, NULL }, { "2022-08-24", "2022-08-24" },
  };
  static const double spans[] = { 0.5, 3, 400, 36524, 10000 * 365.2425 };
  static const double middles[] = { -3652425, -16000, 19000, 2900000 };
  static const double sizes[][2] = { { 1, 1 }, { 16, 16 }, { 300, 120 }, { 2500, 1500 } };
  g_autoptr(AnnalsTimelinePainter) painter = annals_timeline_painter_new ();
  AnnalsTimelinePalette palette;

  annals_timeline_palette_init_default (&palette, TRUE);

  annals_event_store_begin_update (store);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i);
      g_autoptr(AnnalsEvent) event = timeline_test_event (id, "Edge & <case>", i % ANNALS_N_EVENT_KINDS,
                                                          dates[i][0], dates[i][1],
                                                          ANNALS_EVENT_STATUS_UNKNOWN, i % 2 ? "ZZ" : NULL);

      annals_event_store_append_event (store, event);
    }
  annals_event_store_end_update (store);

  /* Nothing here may crash, or place a mark outside its lane. */
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[z][0], sizes[z][1]);
      cairo_t *cr = cairo_create (surface);

      for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
        for (guint m = 0; m < G_N_ELEMENTS (middles); m++)
          {
            annals_timeline_layout_update (layout, store, (s + m) % 3,
                                           middles[m] - spans[s] / 2, middles[m] + spans[s] / 2,
                                           sizes[z][0], sizes[z][1], s * 10.0);
            annals_timeline_painter_draw (painter, cr, layout, &palette, middles[m]);
            g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

            for (guint i = 0; i < annals_timeline_layout_get_n_marks (layout); i++)
              {
                const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);
                const AnnalsTimelineLane *lane = annals_timeline_layout_get_lane (layout, mark->lane);

                g_assert_true (isfinite (mark->x));
                g_assert_cmpfloat (mark->y, >, lane->y);
                g_assert_cmpfloat (mark->y, <, lane->y + lane->height);
              }
          }

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  annals_timeline_layout_free (layout);
}

static void
test_index_in_steps (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AnnalsEventStore) store = NULL;
  AnnalsTimelineLayout *stepped = create_layout ();
  AnnalsTimelineLayout *whole = create_layout ();
  double first = timeline_test_day (2000, 1, 1);
  guint updates = 0;

  for (guint i = 0; i < 1000; i++)
    {
      double day = first + i * 3;

      g_array_append_val (days, day);
    }
  store = store_of_days ((double *) days->data, days->len, "KZ");

  /* A hundred rows an update: ten updates, each drawing what is indexed. */
  annals_timeline_layout_set_index_budget (stepped, 100);
  do
    {
      annals_timeline_layout_update (stepped, store, ANNALS_GROUP_BY_COUNTRY, first, first + 3000, 800, 400, 0);
      updates++;
      g_assert_cmpuint (annals_timeline_layout_get_n_lanes (stepped), ==, 1);
      g_assert_cmpuint (annals_timeline_layout_get_lane (stepped, 0)->count, ==, MIN (updates * 100, 1000));
    }
  while (!annals_timeline_layout_is_complete (stepped));
  g_assert_cmpuint (updates, ==, 10);

  /* Complete, it lays out exactly as an index built in one go. */
  annals_timeline_layout_update (whole, store, ANNALS_GROUP_BY_COUNTRY, first, first + 3000, 800, 400, 0);
  g_assert_true (annals_timeline_layout_is_complete (whole));
  g_assert_cmpuint (annals_timeline_layout_get_n_marks (stepped), ==, annals_timeline_layout_get_n_marks (whole));
  for (guint i = 0; i < annals_timeline_layout_get_n_marks (whole); i++)
    {
      const AnnalsTimelineMark *a = annals_timeline_layout_get_mark (stepped, i);
      const AnnalsTimelineMark *b = annals_timeline_layout_get_mark (whole, i);

      g_assert_cmpuint (a->count, ==, b->count);
      g_assert_cmpfloat (a->x, ==, b->x);
    }

  /* A change of the store starts again. */
  annals_timeline_layout_invalidate (stepped);
  annals_timeline_layout_update (stepped, store, ANNALS_GROUP_BY_COUNTRY, first, first + 3000, 800, 400, 0);
  g_assert_false (annals_timeline_layout_is_complete (stepped));

  annals_timeline_layout_free (stepped);
  annals_timeline_layout_free (whole);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/timeline/layout/sample-lanes", test_sample_lanes);
  g_test_add_func ("/annals/timeline/layout/group-by", test_group_by);
  g_test_add_func ("/annals/timeline/layout/clusters", test_clusters);
  g_test_add_func ("/annals/timeline/layout/dense-aggregates", test_dense_aggregates);
  g_test_add_func ("/annals/timeline/layout/dense-ongoing", test_dense_ongoing);
  g_test_add_func ("/annals/timeline/layout/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/annals/timeline/layout/tick-labels-never-overlap", test_tick_labels_never_overlap);
  g_test_add_func ("/annals/timeline/layout/edge-label-yields", test_edge_label_yields);
  g_test_add_func ("/annals/timeline/layout/bce-axis", test_bce_axis);
  g_test_add_func ("/annals/timeline/layout/lookup", test_lookup);
  g_test_add_func ("/annals/timeline/layout/precision-extent", test_precision_extent);
  g_test_add_func ("/annals/timeline/layout/shared-periods", test_shared_periods);
  g_test_add_func ("/annals/timeline/layout/extremes", test_extremes);
  g_test_add_func ("/annals/timeline/layout/index-in-steps", test_index_in_steps);

  return g_test_run ();
}
