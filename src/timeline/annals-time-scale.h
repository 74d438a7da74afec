/* annals-time-scale.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Time is counted in days since 1970-01-01 (proleptic Gregorian) as a
 * double; the fraction is the time of day. */

typedef enum
{
  ANNALS_TIME_UNIT_HOUR,
  ANNALS_TIME_UNIT_DAY,
  ANNALS_TIME_UNIT_WEEK,
  ANNALS_TIME_UNIT_MONTH,
  ANNALS_TIME_UNIT_YEAR,
} AnnalsTimeUnit;

/* One rung of the calendar tick ladder: every @count units. */
typedef struct
{
  AnnalsTimeUnit unit;
  int            count;
} AnnalsTimeStep;

typedef struct
{
  double days;
  double x;
} AnnalsTick;

/* Maps [from, to) days onto [x, x + width) pixels. */
typedef struct
{
  double from;
  double to;
  double x;
  double width;
} AnnalsTimeScale;

void            annals_time_scale_init           (AnnalsTimeScale       *self,
                                                  double                 from,
                                                  double                 to,
                                                  double                 x,
                                                  double                 width);
double          annals_time_scale_time_to_x      (const AnnalsTimeScale *self,
                                                  double                 days);
double          annals_time_scale_x_to_time      (const AnnalsTimeScale *self,
                                                  double                 x);
double          annals_time_scale_get_pixels_per_day (const AnnalsTimeScale *self);

/* The finest rung of the ladder (hours … millennia) whose ticks are at
 * least @min_spacing pixels apart. */
AnnalsTimeStep  annals_time_scale_choose_step    (const AnnalsTimeScale *self,
                                                  double                 min_spacing);
/* The coarser tier shown above @step (days under months, months under
 * years); FALSE when @step is already in years. */
gboolean        annals_time_step_get_major       (AnnalsTimeStep         step,
                                                  AnnalsTimeStep        *major);
double          annals_time_step_get_approx_days (AnnalsTimeStep         step);

/* The ticks of @step inside the scale's range, in order. Years are aligned
 * on the years people count: 10 BC, 1 BC, AD 1, AD 10 — there is no year 0. */
GArray         *annals_time_scale_get_ticks      (const AnnalsTimeScale *self,
                                                  AnnalsTimeStep         step);
/* The label of a tick: short for the minor tier ("Aug", "26", "14:00");
 * for the major tier, the period of the step named in full ("August
 * 2022" for a month, "26 August 2022" for a day, "2022" for a year). */
char           *annals_time_step_format_tick     (AnnalsTimeStep         step,
                                                  double                 days,
                                                  gboolean               major);

G_END_DECLS
