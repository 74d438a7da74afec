/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "annals-model.h"

static void
test_parse_precisions (void)
{
  AnnalsDate date;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_assert_true (annals_date_parse (&date, "2022", &error));
  g_assert_no_error (error);
  g_assert_cmpint (date.precision, ==, ANNALS_PRECISION_YEAR);
  g_assert_cmpint (date.year, ==, 2022);

  g_assert_true (annals_date_parse (&date, "2022-08", &error));
  g_assert_cmpint (date.precision, ==, ANNALS_PRECISION_MONTH);
  g_assert_cmpint (date.month, ==, 8);

  g_assert_true (annals_date_parse (&date, "2022-08-26", &error));
  g_assert_cmpint (date.precision, ==, ANNALS_PRECISION_DAY);
  g_assert_cmpint (date.day, ==, 26);
  iso = annals_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "2022-08-26");
}

/* ISO text and back, against printf's formatting, over the whole range
 * of years and every precision. */
static void
test_iso_round_trip (void)
{
  const int years[] = { -9999, -1000, -43, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2022, 9999 };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    for (int month = 1; month <= 12; month += 11)
      for (int day = 1; day <= 28; day += 27)
        {
          AnnalsDate dates[3], parsed;
          g_autofree char *year_text = years[i] < 0 ? g_strdup_printf ("-%04d", -years[i])
                                                    : g_strdup_printf ("%04d", years[i]);
          const char *expected_suffix[3];
          g_autofree char *month_suffix = g_strdup_printf ("-%02d", month);
          g_autofree char *day_suffix = g_strdup_printf ("-%02d-%02d", month, day);

          annals_date_set_year (&dates[0], years[i]);
          annals_date_set_month (&dates[1], years[i], month);
          annals_date_set_day (&dates[2], years[i], month, day);
          expected_suffix[0] = "";
          expected_suffix[1] = month_suffix;
          expected_suffix[2] = day_suffix;

          for (guint p = 0; p < 3; p++)
            {
              g_autofree char *iso = annals_date_to_iso (&dates[p]);
              g_autofree char *expected = g_strconcat (year_text, expected_suffix[p], NULL);

              g_assert_cmpstr (iso, ==, expected);
              g_assert_true (annals_date_parse (&parsed, iso, NULL));
              g_assert_cmpint (annals_date_compare (&parsed, &dates[p]), ==, 0);
              g_assert_cmpint (parsed.precision, ==, dates[p].precision);
            }
        }
}

static void
test_parse_invalid (void)
{
  const char *bad[] = {
    "2022-13-40", "2022-02-30", "2023-02-29", "22", "2022-8", "2022-08-26T10:00",
    "", "abcd", "10000", "-10000", "2022-00", "2022-01-00", " 2022",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      AnnalsDate date = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (annals_date_parse (&date, bad[i], &error));
      g_assert_error (error, ANNALS_DATE_ERROR, ANNALS_DATE_ERROR_INVALID);
      g_assert_false (annals_date_is_set (&date));
    }
}

static void
test_leap_years (void)
{
  AnnalsDate date;

  g_assert_true (annals_date_parse (&date, "2024-02-29", NULL));
  g_assert_true (annals_date_parse (&date, "2000-02-29", NULL));
  g_assert_false (annals_date_parse (&date, "1900-02-29", NULL));
  g_assert_cmpint (annals_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (annals_days_in_month (2100, 2), ==, 28);
}

static void
test_bce (void)
{
  AnnalsDate date;
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *one = NULL;

  g_assert_true (annals_date_parse (&date, "-0043", NULL));
  g_assert_cmpint (date.year, ==, -43);
  iso = annals_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "-0043");
  shown = annals_date_format (&date);
  g_assert_cmpstr (shown, ==, "44 BC");

  /* Astronomical year 0 is 1 BC and year 1 follows it. */
  zero = annals_date_format_year (0);
  one = annals_date_format_year (1);
  g_assert_cmpstr (zero, ==, "1 BC");
  g_assert_cmpstr (one, ==, "1");

  g_assert_true (annals_date_parse (&date, "-9999-01-01", NULL));
  g_assert_true (annals_date_parse (&date, "9999-12-31", NULL));
}

static void
test_days_round_trip (void)
{
  g_assert_cmpint (annals_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (annals_days_from_civil (2022, 8, 26), ==, 19230);
  /* 2022-08-26 was a Friday. */
  g_assert_cmpint (annals_days_get_weekday (19230), ==, 5);

  for (gint32 days = annals_days_from_civil (-9999, 1, 1);
       days <= annals_days_from_civil (9999, 12, 31);
       days += 997)
    {
      int year, month, day;

      annals_days_to_civil (days, &year, &month, &day);
      g_assert_cmpint (annals_days_from_civil (year, month, day), ==, days);
      g_assert_cmpint (day, <=, annals_days_in_month (year, month));
    }
}

static void
test_interval (void)
{
  AnnalsDate year, month, day;

  annals_date_set_year (&year, 2022);
  annals_date_set_month (&month, 2022, 12);
  annals_date_set_day (&day, 2022, 12, 31);

  g_assert_cmpint (annals_date_get_first_day (&year), ==, annals_days_from_civil (2022, 1, 1));
  g_assert_cmpint (annals_date_get_end_day (&year), ==, annals_days_from_civil (2023, 1, 1));
  g_assert_cmpint (annals_date_get_end_day (&month), ==, annals_days_from_civil (2023, 1, 1));
  g_assert_cmpint (annals_date_get_end_day (&day) - annals_date_get_first_day (&day), ==, 1);
  g_assert_true (annals_date_contains (&year, &month));
  g_assert_true (annals_date_contains (&month, &day));
  g_assert_false (annals_date_contains (&day, &year));
}

static void
test_order (void)
{
  AnnalsDate a, b, c, undated = { 0 };

  annals_date_set_year (&a, 2022);
  annals_date_set_month (&b, 2022, 1);
  annals_date_set_day (&c, 2021, 12, 31);

  g_assert_cmpint (annals_date_compare (&c, &a), <, 0);
  g_assert_cmpint (annals_date_compare (&a, &b), <, 0);
  g_assert_cmpint (annals_date_compare (&b, &a), >, 0);
  g_assert_cmpint (annals_date_compare (&a, &a), ==, 0);
  g_assert_cmpint (annals_date_compare (&a, &undated), <, 0);
  g_assert_cmpint (annals_date_compare (&undated, &c), >, 0);
  g_assert_cmpint (annals_date_compare (&undated, &undated), ==, 0);
}

static void
test_format (void)
{
  AnnalsDate date;
  g_autofree char *year = NULL;
  g_autofree char *month = NULL;
  g_autofree char *day = NULL;
  g_autofree char *none = NULL;

  annals_date_set_year (&date, 2023);
  year = annals_date_format (&date);
  annals_date_set_month (&date, 2022, 8);
  month = annals_date_format (&date);
  annals_date_set_day (&date, 2022, 8, 26);
  day = annals_date_format (&date);
  annals_date_clear (&date);
  none = annals_date_format (&date);

  g_assert_cmpstr (year, ==, "2023");
  g_assert_cmpstr (month, ==, "August 2022");
  g_assert_cmpstr (day, ==, "26 August 2022");
  g_assert_cmpstr (none, ==, "Undated");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/model/date/parse-precisions", test_parse_precisions);
  g_test_add_func ("/annals/model/date/iso-round-trip", test_iso_round_trip);
  g_test_add_func ("/annals/model/date/parse-invalid", test_parse_invalid);
  g_test_add_func ("/annals/model/date/leap-years", test_leap_years);
  g_test_add_func ("/annals/model/date/bce", test_bce);
  g_test_add_func ("/annals/model/date/days-round-trip", test_days_round_trip);
  g_test_add_func ("/annals/model/date/interval", test_interval);
  g_test_add_func ("/annals/model/date/order", test_order);
  g_test_add_func ("/annals/model/date/format", test_format);

  return g_test_run ();
}
