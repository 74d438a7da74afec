/* annals-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "annals-date.h"

G_DEFINE_QUARK (annals-date-error-quark, annals_date_error)

G_DEFINE_BOXED_TYPE (AnnalsDate, annals_date, annals_date_copy, annals_date_free)

/* Howard Hinnant's days_from_civil and civil_from_days: exact for the
 * proleptic Gregorian calendar over any range we use. */
gint32
annals_days_from_civil (int year,
                        int month,
                        int day)
{
  int era;
  unsigned year_of_era;
  unsigned day_of_year;
  unsigned day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = (unsigned) (year - era * 400);
  day_of_year = (153 * (unsigned) (month + (month > 2 ? -3 : 9)) + 2) / 5 + (unsigned) day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + (int) day_of_era - 719468;
}

void
annals_days_to_civil (gint32  days,
                      int    *year,
                      int    *month,
                      int    *day)
{
  gint64 z = (gint64) days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned day_of_era = (unsigned) (z - era * 146097);
  unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  gint64 y = (gint64) year_of_era + era * 400;
  unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  unsigned mp = (5 * day_of_year + 2) / 153;
  unsigned d = day_of_year - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  if (year != NULL)
    *year = (int) (y + (m <= 2));
  if (month != NULL)
    *month = (int) m;
  if (day != NULL)
    *day = (int) d;
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
annals_days_in_month (int year,
                      int month)
{
  static const int lengths[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && is_leap_year (year))
    return 29;

  return lengths[month - 1];
}

/* ISO weekday: 1 is Monday, 7 is Sunday. 1970-01-01 was a Thursday. */
int
annals_days_get_weekday (gint32 days)
{
  int r = (int) (((gint64) days % 7 + 7 + 3) % 7);

  return r + 1;
}

AnnalsDate *
annals_date_copy (const AnnalsDate *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
annals_date_free (AnnalsDate *self)
{
  g_free (self);
}

void
annals_date_clear (AnnalsDate *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
}

gboolean
annals_date_set_year (AnnalsDate *self,
                      int         year)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (year < ANNALS_DATE_YEAR_MIN || year > ANNALS_DATE_YEAR_MAX)
    return FALSE;

  self->year = (gint16) year;
  self->month = 0;
  self->day = 0;
  self->precision = ANNALS_PRECISION_YEAR;

  return TRUE;
}

gboolean
annals_date_set_month (AnnalsDate *self,
                       int         year,
                       int         month)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (month < 1 || month > 12 || !annals_date_set_year (self, year))
    return FALSE;

  self->month = (guint8) month;
  self->precision = ANNALS_PRECISION_MONTH;

  return TRUE;
}

gboolean
annals_date_set_day (AnnalsDate *self,
                     int         year,
                     int         month,
                     int         day)
{
  AnnalsDate date = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (!annals_date_set_month (&date, year, month) ||
      day < 1 || day > annals_days_in_month (year, month))
    return FALSE;

  date.day = (guint8) day;
  date.precision = ANNALS_PRECISION_DAY;
  *self = date;

  return TRUE;
}

void
annals_date_set_from_days (AnnalsDate *self,
                           gint32      days)
{
  int year, month, day;

  g_return_if_fail (self != NULL);

  annals_days_to_civil (days, &year, &month, &day);
  if (!annals_date_set_day (self, CLAMP (year, ANNALS_DATE_YEAR_MIN, ANNALS_DATE_YEAR_MAX), month, day))
    annals_date_clear (self);
}

gboolean
annals_date_is_set (const AnnalsDate *self)
{
  return self != NULL && self->precision != ANNALS_PRECISION_NONE;
}

AnnalsPrecision
annals_date_get_precision (const AnnalsDate *self)
{
  g_return_val_if_fail (self != NULL, ANNALS_PRECISION_NONE);

  return self->precision;
}

static gboolean
read_digits (const char **p,
             int          count,
             int         *value)
{
  int v = 0;

  for (int i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }

  *p += count;
  *value = v;

  return TRUE;
}

gboolean
annals_date_parse (AnnalsDate  *self,
                   const char  *text,
                   GError     **error)
{
  const char *p = text;
  int sign = 1;
  int year, month = 0, day = 0;
  AnnalsPrecision precision = ANNALS_PRECISION_YEAR;
  AnnalsDate date = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (*p == '-' || *p == '+')
    sign = *p++ == '-' ? -1 : 1;

  if (!read_digits (&p, 4, &year))
    goto invalid;

  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &month))
        goto invalid;
      precision = ANNALS_PRECISION_MONTH;

      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &day))
            goto invalid;
          precision = ANNALS_PRECISION_DAY;
        }
    }

  if (*p != '\0')
    goto invalid;

  year *= sign;

  if (year < ANNALS_DATE_YEAR_MIN || year > ANNALS_DATE_YEAR_MAX)
    {
      g_set_error (error, ANNALS_DATE_ERROR, ANNALS_DATE_ERROR_OUT_OF_RANGE,
                   _("date “%s” is outside the years -9999 to 9999"), text);
      return FALSE;
    }

  if ((precision == ANNALS_PRECISION_YEAR && annals_date_set_year (&date, year)) ||
      (precision == ANNALS_PRECISION_MONTH && annals_date_set_month (&date, year, month)) ||
      (precision == ANNALS_PRECISION_DAY && annals_date_set_day (&date, year, month, day)))
    {
      *self = date;
      return TRUE;
    }

invalid:
  {
    g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 64));

    g_set_error (error, ANNALS_DATE_ERROR, ANNALS_DATE_ERROR_INVALID,
                 _("invalid date “%s” (expected YYYY, YYYY-MM or YYYY-MM-DD)"), shown);
  }
  return FALSE;
}

char *
annals_date_to_iso (const AnnalsDate *self)
{
  char text[16];
  char *p = text;
  int year;

  if (!annals_date_is_set (self))
    return NULL;

  /* Written by hand: an import formats two dates per event. */
  year = self->year;
  g_return_val_if_fail (year >= ANNALS_DATE_YEAR_MIN && year <= ANNALS_DATE_YEAR_MAX, NULL);
  if (year < 0)
    {
      *p++ = '-';
      year = -year;
    }
  p[0] = (char) ('0' + year / 1000 % 10);
  p[1] = (char) ('0' + year / 100 % 10);
  p[2] = (char) ('0' + year / 10 % 10);
  p[3] = (char) ('0' + year % 10);
  p += 4;

  if (self->precision >= ANNALS_PRECISION_MONTH)
    {
      p[0] = '-';
      p[1] = (char) ('0' + self->month / 10 % 10);
      p[2] = (char) ('0' + self->month % 10);
      p += 3;
    }
  if (self->precision >= ANNALS_PRECISION_DAY)
    {
      p[0] = '-';
      p[1] = (char) ('0' + self->day / 10 % 10);
      p[2] = (char) ('0' + self->day % 10);
      p += 3;
    }

  return g_strndup (text, (gsize) (p - text));
}

char *
annals_date_format_year (int year)
{
  /* Astronomical year 0 is 1 BC; there is no year 0 in the display. */
  if (year <= 0)
    return g_strdup_printf (_("%d BC"), 1 - year);

  return g_strdup_printf ("%d", year);
}

static const char *
month_name (int month)
{
  static const char *names[12] = {
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return _(names[month - 1]);
}

static const char *
month_name_genitive (int month)
{
  /* The month as it reads after a day number; the same as the plain name
   * in English, declined in languages such as Russian. */
  static const char *names[12] = {
    NC_("day of month", "January"), NC_("day of month", "February"),
    NC_("day of month", "March"), NC_("day of month", "April"),
    NC_("day of month", "May"), NC_("day of month", "June"),
    NC_("day of month", "July"), NC_("day of month", "August"),
    NC_("day of month", "September"), NC_("day of month", "October"),
    NC_("day of month", "November"), NC_("day of month", "December"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "day of month", names[month - 1]);
}

char *
annals_date_format (const AnnalsDate *self)
{
  g_autofree char *year = NULL;

  if (!annals_date_is_set (self))
    return g_strdup (_("Undated"));

  year = annals_date_format_year (self->year);

  switch ((AnnalsPrecision) self->precision)
    {
    case ANNALS_PRECISION_YEAR:
      return g_steal_pointer (&year);

    case ANNALS_PRECISION_MONTH:
      /* Translators: a month and a year, e.g. “August 2022”. */
      return g_strdup_printf (C_("month and year", "%1$s %2$s"), month_name (self->month), year);

    case ANNALS_PRECISION_DAY:
      /* Translators: a day, a month and a year, e.g. “26 August 2022”. */
      return g_strdup_printf (C_("full date", "%1$d %2$s %3$s"),
                              self->day, month_name_genitive (self->month), year);

    case ANNALS_PRECISION_NONE:
    default:
      g_assert_not_reached ();
    }
}

gint32
annals_date_get_first_day (const AnnalsDate *self)
{
  if (!annals_date_is_set (self))
    return ANNALS_DAY_UNDATED;

  return annals_days_from_civil (self->year,
                                 self->precision >= ANNALS_PRECISION_MONTH ? self->month : 1,
                                 self->precision >= ANNALS_PRECISION_DAY ? self->day : 1);
}

gint32
annals_date_get_end_day (const AnnalsDate *self)
{
  if (!annals_date_is_set (self))
    return ANNALS_DAY_UNDATED;

  switch ((AnnalsPrecision) self->precision)
    {
    case ANNALS_PRECISION_YEAR:
      return annals_days_from_civil (self->year + 1, 1, 1);

    case ANNALS_PRECISION_MONTH:
      if (self->month == 12)
        return annals_days_from_civil (self->year + 1, 1, 1);
      return annals_days_from_civil (self->year, self->month + 1, 1);

    case ANNALS_PRECISION_DAY:
      return annals_days_from_civil (self->year, self->month, self->day) + 1;

    case ANNALS_PRECISION_NONE:
    default:
      g_assert_not_reached ();
    }
}

int
annals_date_compare (const AnnalsDate *a,
                     const AnnalsDate *b)
{
  gboolean a_set = annals_date_is_set (a);
  gboolean b_set = annals_date_is_set (b);
  gint32 a_first, b_first;

  /* Undated values sort after every dated one. */
  if (!a_set || !b_set)
    return a_set == b_set ? 0 : (a_set ? -1 : 1);

  a_first = annals_date_get_first_day (a);
  b_first = annals_date_get_first_day (b);
  if (a_first != b_first)
    return a_first < b_first ? -1 : 1;

  /* Same first day: the coarser period first. */
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;

  return 0;
}

gboolean
annals_date_equal (const AnnalsDate *a,
                   const AnnalsDate *b)
{
  return annals_date_compare (a, b) == 0;
}

gboolean
annals_date_contains (const AnnalsDate *outer,
                      const AnnalsDate *inner)
{
  if (!annals_date_is_set (outer) || !annals_date_is_set (inner))
    return FALSE;

  return annals_date_get_first_day (outer) <= annals_date_get_first_day (inner) &&
         annals_date_get_end_day (inner) <= annals_date_get_end_day (outer);
}
