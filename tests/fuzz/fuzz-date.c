/* fuzz-date.c: the fuzzy date parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "annals-date.h"

#include "annals-fuzz.h"

static void
check_days (const AnnalsDate *date)
{
  gint32 first_day = annals_date_get_first_day (date);
  gint32 end_day = annals_date_get_end_day (date);
  int year;
  int month;
  int day;

  if (end_day <= first_day)
    annals_fuzz_fail ("%d-%u-%u: end day %d not after first day %d",
                      date->year, date->month, date->day, end_day, first_day);

  annals_days_to_civil (first_day, &year, &month, &day);
  if (year != date->year ||
      (date->precision >= ANNALS_PRECISION_MONTH && month != date->month) ||
      (date->precision >= ANNALS_PRECISION_DAY && day != date->day))
    annals_fuzz_fail ("%d-%u-%u: first day %d is %d-%d-%d",
                      date->year, date->month, date->day, first_day, year, month, day);

  if (annals_days_from_civil (year, month, day) != first_day)
    annals_fuzz_fail ("%d-%d-%d: days do not round-trip", year, month, day);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  annals_fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *iso_again = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *formatted_year = NULL;
  AnnalsDate date;
  AnnalsDate again;

  annals_date_clear (&date);
  if (!annals_date_parse (&date, text, &error))
    {
      if (error == NULL)
        annals_fuzz_fail ("“%s” refused without an error", text);
      if (error->domain != ANNALS_DATE_ERROR || error->message == NULL || error->message[0] == '\0')
        annals_fuzz_fail ("“%s” refused with a bad error: %s", text, error->message);
      return 0;
    }
  if (error != NULL)
    annals_fuzz_fail ("“%s” accepted with an error set", text);

  if (!annals_date_is_set (&date))
    {
      /* An empty or "unknown" date: it must still print and compare. */
      iso = annals_date_to_iso (&date);
      formatted = annals_date_format (&date);
      return 0;
    }

  if (date.year < ANNALS_DATE_YEAR_MIN || date.year > ANNALS_DATE_YEAR_MAX)
    annals_fuzz_fail ("“%s” accepted as year %d, out of range", text, date.year);
  if (date.precision > ANNALS_PRECISION_DAY)
    annals_fuzz_fail ("“%s” has precision %u", text, date.precision);
  if (date.precision >= ANNALS_PRECISION_MONTH && (date.month < 1 || date.month > 12))
    annals_fuzz_fail ("“%s” accepted as month %u", text, date.month);
  if (date.precision >= ANNALS_PRECISION_DAY &&
      (date.day < 1 || date.day > annals_days_in_month (date.year, date.month)))
    annals_fuzz_fail ("“%s” accepted as day %u", text, date.day);

  check_days (&date);

  /* The canonical form parses back to the same date. */
  iso = annals_date_to_iso (&date);
  annals_date_clear (&again);
  if (!annals_date_parse (&again, iso, &error))
    annals_fuzz_fail ("“%s” printed as “%s”, which is refused: %s",
                      text, iso, error->message);
  if (!annals_date_equal (&date, &again) || annals_date_compare (&date, &again) != 0)
    annals_fuzz_fail ("“%s” printed as “%s”, which parses to another date", text, iso);
  iso_again = annals_date_to_iso (&again);
  if (g_strcmp0 (iso, iso_again) != 0)
    annals_fuzz_fail ("“%s” printed as “%s” then “%s”", text, iso, iso_again);

  if (!annals_date_contains (&date, &date))
    annals_fuzz_fail ("“%s” does not contain itself", text);

  formatted = annals_date_format (&date);
  formatted_year = annals_date_format_year (date.year);
  if (formatted == NULL || !g_utf8_validate (formatted, -1, NULL) ||
      formatted_year == NULL || !g_utf8_validate (formatted_year, -1, NULL))
    annals_fuzz_fail ("“%s” formats to invalid text", text);

  return 0;
}
