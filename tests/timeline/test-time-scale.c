/* test-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test-time-scale"

#include "config.h"

#include <math.h>

#include "annals-time-scale.h"
#include "timeline-test-util.h"

static void
test_mapping (void)
{
  AnnalsTimeScale scale;
  double from = timeline_test_day (2022, 1, 1);
  double to = timeline_test_day (2023, 1, 1);

  annals_time_scale_init (&scale, from, to, 10.0, 730.0);

  g_assert_cmpfloat_with_epsilon (annals_time_scale_time_to_x (&scale, from), 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_time_scale_time_to_x (&scale, to), 740.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_time_scale_time_to_x (&scale, from + 182.5), 375.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_time_scale_get_pixels_per_day (&scale), 2.0, 1e-9);

  for (double x = 0; x < 800; x += 37.5)
    g_assert_cmpfloat_with_epsilon (annals_time_scale_time_to_x (&scale, annals_time_scale_x_to_time (&scale, x)),
                                    x, 1e-6);
}

static void
test_ladder (void)
{
  static const struct {
    double         span;
    AnnalsTimeUnit unit;
    int            count;
  } cases[] = {
    { 0.5, ANNALS_TIME_UNIT_HOUR, 1 },
    { 10.0, ANNALS_TIME_UNIT_HOUR, 12 },
    { 20.0, ANNALS_TIME_UNIT_DAY, 1 },
    { 60.0, ANNALS_TIME_UNIT_DAY, 2 },
    { 100.0, ANNALS_TIME_UNIT_WEEK, 1 },
    { 365.0, ANNALS_TIME_UNIT_MONTH, 1 },
    { 3652.0, ANNALS_TIME_UNIT_MONTH, 6 },
    { 7305.0, ANNALS_TIME_UNIT_YEAR, 1 },
    { 36524.0, ANNALS_TIME_UNIT_YEAR, 5 },
    { 3652425.0, ANNALS_TIME_UNIT_YEAR, 500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnnalsTimeScale scale;
      AnnalsTimeStep step;
      double spacing;

      annals_time_scale_init (&scale, 0, cases[i].span, 0, 1280);
      step = annals_time_scale_choose_step (&scale, 36.0);
      spacing = annals_time_step_get_approx_days (step) * annals_time_scale_get_pixels_per_day (&scale);

      g_assert_cmpint (step.unit, ==, cases[i].unit);
      g_assert_cmpint (step.count, ==, cases[i].count);
      g_assert_cmpfloat (spacing, >=, 36.0);
    }
}

static GPtrArray *
tick_labels (double         from,
             double         to,
             AnnalsTimeStep step,
             gboolean       major)
{
  AnnalsTimeScale scale;
  g_autoptr(GArray) ticks = NULL;
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  annals_time_scale_init (&scale, from, to, 0, 1000);
  ticks = annals_time_scale_get_ticks (&scale, step);
  for (guint i = 0; i < ticks->len; i++)
    {
      AnnalsTick *tick = &g_array_index (ticks, AnnalsTick, i);

      g_assert_cmpfloat (tick->days, >=, from);
      g_assert_cmpfloat (tick->days, <=, to);
      g_assert_cmpfloat_with_epsilon (tick->x, annals_time_scale_time_to_x (&scale, tick->days), 1e-9);
      if (i > 0)
        g_assert_cmpfloat (tick->days, >, g_array_index (ticks, AnnalsTick, i - 1).days);
      g_ptr_array_add (labels, annals_time_step_format_tick (step, tick->days, major));
    }

  return labels;
}

static char *
join (GPtrArray *labels)
{
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (",", (char **) labels->pdata);
}

static void
test_bce_years (void)
{
  g_autoptr(GPtrArray) every_year = NULL;
  g_autoptr(GPtrArray) decades = NULL;
  g_autoptr(GPtrArray) centuries = NULL;
  g_autofree char *every_year_text = NULL;
  g_autofree char *decades_text = NULL;
  g_autofree char *centuries_text = NULL;

  /* Astronomical years -2 … 2 are 3 BC, 2 BC, 1 BC, AD 1, AD 2: 1 BC is
   * followed by AD 1, and there is no year 0. */
  every_year = tick_labels (timeline_test_day (-2, 1, 1), timeline_test_day (2, 1, 1),
                            (AnnalsTimeStep) { ANNALS_TIME_UNIT_YEAR, 1 }, FALSE);
  every_year_text = join (every_year);
  g_assert_cmpstr (every_year_text, ==, "3 BC,2 BC,1 BC,1,2");

  /* Decades fall on the years people count: 10 BC is astronomical -9. */
  decades = tick_labels (timeline_test_day (-30, 1, 1), timeline_test_day (30, 1, 1),
                         (AnnalsTimeStep) { ANNALS_TIME_UNIT_YEAR, 10 }, FALSE);
  decades_text = join (decades);
  g_assert_cmpstr (decades_text, ==, "30 BC,20 BC,10 BC,10,20,30");

  centuries = tick_labels (timeline_test_day (-499, 1, 1), timeline_test_day (300, 1, 1),
                           (AnnalsTimeStep) { ANNALS_TIME_UNIT_YEAR, 100 }, FALSE);
  centuries_text = join (centuries);
  g_assert_cmpstr (centuries_text, ==, "500 BC,400 BC,300 BC,200 BC,100 BC,100,200,300");
}

static void
test_months_and_weeks (void)
{
  g_autoptr(GPtrArray) months = NULL;
  g_autoptr(GPtrArray) quarters = NULL;
  g_autoptr(GPtrArray) weeks = NULL;
  g_autoptr(GPtrArray) major = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *quarters_text = NULL;
  g_autofree char *weeks_text = NULL;
  g_autofree char *major_text = NULL;

  months = tick_labels (timeline_test_day (2022, 6, 15), timeline_test_day (2022, 11, 2),
                        (AnnalsTimeStep) { ANNALS_TIME_UNIT_MONTH, 1 }, FALSE);
  months_text = join (months);
  g_assert_cmpstr (months_text, ==, "Jul,Aug,Sep,Oct,Nov");

  quarters = tick_labels (timeline_test_day (2021, 12, 1), timeline_test_day (2023, 1, 1),
                          (AnnalsTimeStep) { ANNALS_TIME_UNIT_MONTH, 3 }, FALSE);
  quarters_text = join (quarters);
  g_assert_cmpstr (quarters_text, ==, "Jan,Apr,Jul,Oct,Jan");

  /* Weeks start on Mondays: 2022-08-01 was one. */
  weeks = tick_labels (timeline_test_day (2022, 7, 30), timeline_test_day (2022, 8, 20),
                       (AnnalsTimeStep) { ANNALS_TIME_UNIT_WEEK, 1 }, FALSE);
  weeks_text = join (weeks);
  g_assert_cmpstr (weeks_text, ==, "1,8,15");

  major = tick_labels (timeline_test_day (2022, 7, 30), timeline_test_day (2022, 10, 20),
                       (AnnalsTimeStep) { ANNALS_TIME_UNIT_MONTH, 1 }, TRUE);
  major_text = join (major);
  g_assert_cmpstr (major_text, ==, "August 2022,September 2022,October 2022");
}

static void
test_hours (void)
{
  g_autoptr(GPtrArray) hours = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *day = NULL;
  double start = timeline_test_day (2022, 8, 26);
  AnnalsTimeStep step = { ANNALS_TIME_UNIT_HOUR, 6 };

  hours = tick_labels (start - 0.1, start + 1.0, step, FALSE);
  hours_text = join (hours);
  g_assert_cmpstr (hours_text, ==, "00:00,06:00,12:00,18:00,00:00");

  day = annals_time_step_format_tick ((AnnalsTimeStep) { ANNALS_TIME_UNIT_DAY, 1 }, start, TRUE);
  g_assert_cmpstr (day, ==, "26 August 2022");
}

static void
test_major_tier (void)
{
  AnnalsTimeStep major;

  g_assert_true (annals_time_step_get_major ((AnnalsTimeStep) { ANNALS_TIME_UNIT_DAY, 1 }, &major));
  g_assert_cmpint (major.unit, ==, ANNALS_TIME_UNIT_MONTH);
  g_assert_true (annals_time_step_get_major ((AnnalsTimeStep) { ANNALS_TIME_UNIT_MONTH, 3 }, &major));
  g_assert_cmpint (major.unit, ==, ANNALS_TIME_UNIT_YEAR);
  g_assert_false (annals_time_step_get_major ((AnnalsTimeStep) { ANNALS_TIME_UNIT_YEAR, 10 }, &major));
}

static void
test_extremes (void)
{
  AnnalsTimeScale scale;
  AnnalsTimeStep step;
  g_autoptr(GArray) ticks = NULL;

  /* 10,000 years across the window, the widest zoom. */
  annals_time_scale_init (&scale, timeline_test_day (-4999, 1, 1), timeline_test_day (5001, 1, 1), 0, 1280);
  step = annals_time_scale_choose_step (&scale, 36.0);
  ticks = annals_time_scale_get_ticks (&scale, step);
  g_assert_cmpuint (ticks->len, >, 3);
  g_assert_cmpuint (ticks->len, <, 60);

  /* A step far too fine for the span yields nothing rather than millions. */
  g_clear_pointer (&ticks, g_array_unref);
  ticks = annals_time_scale_get_ticks (&scale, (AnnalsTimeStep) { ANNALS_TIME_UNIT_HOUR, 1 });
  g_assert_cmpuint (ticks->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/timeline/time-scale/mapping", test_mapping);
  g_test_add_func ("/annals/timeline/time-scale/ladder", test_ladder);
  g_test_add_func ("/annals/timeline/time-scale/bce-years", test_bce_years);
  g_test_add_func ("/annals/timeline/time-scale/months-and-weeks", test_months_and_weeks);
  g_test_add_func ("/annals/timeline/time-scale/hours", test_hours);
  g_test_add_func ("/annals/timeline/time-scale/major-tier", test_major_tier);
  g_test_add_func ("/annals/timeline/time-scale/extremes", test_extremes);

  return g_test_run ();
}
