/* annals-time-scale.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-time-scale"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "annals-date.h"
#include "annals-time-scale.h"

static const AnnalsTimeStep ladder[] = {
  { ANNALS_TIME_UNIT_HOUR, 1 },
  { ANNALS_TIME_UNIT_HOUR, 3 },
  { ANNALS_TIME_UNIT_HOUR, 6 },
  { ANNALS_TIME_UNIT_HOUR, 12 },
  { ANNALS_TIME_UNIT_DAY, 1 },
  { ANNALS_TIME_UNIT_DAY, 2 },
  { ANNALS_TIME_UNIT_WEEK, 1 },
  { ANNALS_TIME_UNIT_MONTH, 1 },
  { ANNALS_TIME_UNIT_MONTH, 3 },
  { ANNALS_TIME_UNIT_MONTH, 6 },
  { ANNALS_TIME_UNIT_YEAR, 1 },
  { ANNALS_TIME_UNIT_YEAR, 2 },
  { ANNALS_TIME_UNIT_YEAR, 5 },
  { ANNALS_TIME_UNIT_YEAR, 10 },
  { ANNALS_TIME_UNIT_YEAR, 20 },
  { ANNALS_TIME_UNIT_YEAR, 50 },
  { ANNALS_TIME_UNIT_YEAR, 100 },
  { ANNALS_TIME_UNIT_YEAR, 200 },
  { ANNALS_TIME_UNIT_YEAR, 500 },
  { ANNALS_TIME_UNIT_YEAR, 1000 },
  { ANNALS_TIME_UNIT_YEAR, 2000 },
  { ANNALS_TIME_UNIT_YEAR, 5000 },
};

static const char *month_abbreviations[] = {
  NC_("month abbreviation", "Jan"), NC_("month abbreviation", "Feb"),
  NC_("month abbreviation", "Mar"), NC_("month abbreviation", "Apr"),
  NC_("month abbreviation", "May"), NC_("month abbreviation", "Jun"),
  NC_("month abbreviation", "Jul"), NC_("month abbreviation", "Aug"),
  NC_("month abbreviation", "Sep"), NC_("month abbreviation", "Oct"),
  NC_("month abbreviation", "Nov"), NC_("month abbreviation", "Dec"),
};

static const char *month_names[] = {
  NC_("month name", "January"), NC_("month name", "February"),
  NC_("month name", "March"), NC_("month name", "April"),
  NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"),
  NC_("month name", "September"), NC_("month name", "October"),
  NC_("month name", "November"), NC_("month name", "December"),
};

/* Days can only be turned into calendar dates within the years the model
 * expresses; clamp before converting. */
static gint32
clamp_day (double days)
{
  static gint32 first = 0;
  static gint32 last = 0;

  if (first == 0)
    {
      first = annals_days_from_civil (ANNALS_DATE_YEAR_MIN, 1, 1);
      last = annals_days_from_civil (ANNALS_DATE_YEAR_MAX, 12, 31);
    }

  if (days < first)
    return first;
  if (days > last)
    return last;

  return (gint32) floor (days);
}

void
annals_time_scale_init (AnnalsTimeScale *self,
                        double           from,
                        double           to,
                        double           x,
                        double           width)
{
  g_return_if_fail (self != NULL);

  self->from = from;
  self->to = to > from ? to : from + 1.0;
  self->x = x;
  self->width = width > 1.0 ? width : 1.0;
}

double
annals_time_scale_time_to_x (const AnnalsTimeScale *self,
                             double                 days)
{
  return self->x + (days - self->from) * self->width / (self->to - self->from);
}

double
annals_time_scale_x_to_time (const AnnalsTimeScale *self,
                             double                 x)
{
  return self->from + (x - self->x) * (self->to - self->from) / self->width;
}

double
annals_time_scale_get_pixels_per_day (const AnnalsTimeScale *self)
{
  return self->width / (self->to - self->from);
}

double
annals_time_step_get_approx_days (AnnalsTimeStep step)
{
  switch (step.unit)
    {
    case ANNALS_TIME_UNIT_HOUR:
      return step.count / 24.0;
    case ANNALS_TIME_UNIT_DAY:
      return step.count;
    case ANNALS_TIME_UNIT_WEEK:
      return step.count * 7.0;
    case ANNALS_TIME_UNIT_MONTH:
      return step.count * 30.436875;
    case ANNALS_TIME_UNIT_YEAR:
    default:
      return step.count * 365.2425;
    }
}

AnnalsTimeStep
annals_time_scale_choose_step (const AnnalsTimeScale *self,
                               double                 min_spacing)
{
  double pixels_per_day = annals_time_scale_get_pixels_per_day (self);

  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    {
      /* Months and years are uneven: February is the narrowest month. */
      double shortest = annals_time_step_get_approx_days (ladder[i]);

      if (ladder[i].unit == ANNALS_TIME_UNIT_MONTH)
        shortest = ladder[i].count * 28.0 + (ladder[i].count - 1) * 3.0;

      if (shortest * pixels_per_day >= min_spacing)
        return ladder[i];
    }

  return ladder[G_N_ELEMENTS (ladder) - 1];
}

gboolean
annals_time_step_get_major (AnnalsTimeStep  step,
                            AnnalsTimeStep *major)
{
  switch (step.unit)
    {
    case ANNALS_TIME_UNIT_HOUR:
      *major = (AnnalsTimeStep) { ANNALS_TIME_UNIT_DAY, 1 };
      return TRUE;
    case ANNALS_TIME_UNIT_DAY:
    case ANNALS_TIME_UNIT_WEEK:
      *major = (AnnalsTimeStep) { ANNALS_TIME_UNIT_MONTH, 1 };
      return TRUE;
    case ANNALS_TIME_UNIT_MONTH:
      *major = (AnnalsTimeStep) { ANNALS_TIME_UNIT_YEAR, 1 };
      return TRUE;
    case ANNALS_TIME_UNIT_YEAR:
    default:
      return FALSE;
    }
}

static void
add_tick (const AnnalsTimeScale *self,
          GArray                *ticks,
          double                 days)
{
  AnnalsTick tick = { days, annals_time_scale_time_to_x (self, days) };

  g_array_append_val (ticks, tick);
}

static void
add_year_ticks (const AnnalsTimeScale *self,
                GArray                *ticks,
                int                    count)
{
  int first_year;
  int last_year;
  int month;
  int day;
  gint64 n;

  annals_days_to_civil (clamp_day (self->from), &first_year, &month, &day);
  annals_days_to_civil (clamp_day (self->to), &last_year, &month, &day);
  if (annals_days_from_civil (first_year, 1, 1) < self->from)
    first_year++;

  /* Years before AD 1: label n BC sits at astronomical year 1 - n, so a
   * tick every @count years falls on n a multiple of @count. */
  if (first_year <= 0)
    {
      gint64 n_first = 1 - (gint64) MIN (last_year, 0);
      gint64 n_last = 1 - (gint64) first_year;

      n = ((n_last / count) * count);
      for (; n >= n_first && n >= 1; n -= count)
        add_tick (self, ticks, annals_days_from_civil ((int) (1 - n), 1, 1));
    }

  n = MAX (first_year, 1);
  n = ((n + count - 1) / count) * count;
  for (; n <= last_year; n += count)
    add_tick (self, ticks, annals_days_from_civil ((int) n, 1, 1));
}

static void
add_month_ticks (const AnnalsTimeScale *self,
                 GArray                *ticks,
                 int                    count)
{
  int year;
  int month;
  int day;
  gint32 last = clamp_day (self->to);

  annals_days_to_civil (clamp_day (self->from), &year, &month, &day);
  month = ((month - 1) / count) * count + 1;

  for (;;)
    {
      gint32 first_day = annals_days_from_civil (year, month, 1);

      if (first_day > last || year > ANNALS_DATE_YEAR_MAX)
        break;
      if (first_day >= self->from)
        add_tick (self, ticks, first_day);

      month += count;
      if (month > 12)
        {
          month -= 12;
          year++;
        }
    }
}

GArray *
annals_time_scale_get_ticks (const AnnalsTimeScale *self,
                             AnnalsTimeStep         step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (AnnalsTick));
  double step_days;
  double first;

  g_return_val_if_fail (self != NULL, ticks);
  g_return_val_if_fail (step.count > 0, ticks);

  /* Never produce more ticks than pixels. */
  step_days = annals_time_step_get_approx_days (step);
  if ((self->to - self->from) / step_days > self->width + 2)
    return ticks;

  switch (step.unit)
    {
    case ANNALS_TIME_UNIT_HOUR:
    case ANNALS_TIME_UNIT_DAY:
      first = ceil (self->from / step_days) * step_days;
      for (double t = first; t <= self->to; t += step_days)
        add_tick (self, ticks, t);
      break;

    case ANNALS_TIME_UNIT_WEEK:
      /* 1970-01-05, day 4, was a Monday. */
      first = ceil ((self->from - 4.0) / step_days) * step_days + 4.0;
      for (double t = first; t <= self->to; t += step_days)
        add_tick (self, ticks, t);
      break;

    case ANNALS_TIME_UNIT_MONTH:
      add_month_ticks (self, ticks, step.count);
      break;

    case ANNALS_TIME_UNIT_YEAR:
    default:
      add_year_ticks (self, ticks, step.count);
      break;
    }

  return ticks;
}

char *
annals_time_step_format_tick (AnnalsTimeStep step,
                              double         days,
                              gboolean       major)
{
  g_autofree char *year_text = NULL;
  int year;
  int month;
  int day;

  annals_days_to_civil (clamp_day (days + 1e-6), &year, &month, &day);
  year_text = annals_date_format_year (year);

  switch (step.unit)
    {
    case ANNALS_TIME_UNIT_HOUR:
      return g_strdup_printf ("%02d:00", (int) floor (fmod (days - floor (days), 1.0) * 24.0 + 0.5) % 24);

    case ANNALS_TIME_UNIT_DAY:
    case ANNALS_TIME_UNIT_WEEK:
      if (major)
        /* Translators: a day, its month and year, e.g. "26 August 2022" */
        return g_strdup_printf (C_("tick label", "%1$d %2$s %3$s"),
                                day,
                                g_dpgettext2 (NULL, "month name", month_names[month - 1]),
                                year_text);
      return g_strdup_printf ("%d", day);

    case ANNALS_TIME_UNIT_MONTH:
      if (major)
        /* Translators: a month and its year, e.g. "August 2022" */
        return g_strdup_printf (C_("tick label", "%1$s %2$s"),
                                g_dpgettext2 (NULL, "month name", month_names[month - 1]),
                                year_text);
      return g_strdup (g_dpgettext2 (NULL, "month abbreviation", month_abbreviations[month - 1]));

    case ANNALS_TIME_UNIT_YEAR:
    default:
      return g_steal_pointer (&year_text);
    }
}
