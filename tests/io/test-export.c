/* test-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "annals-export.h"
#include "io-test-utils.h"

static AnnalsEvent *
make_event (const char *id,
            const char *title,
            const char *start,
            const char *end)
{
  AnnalsEvent *event = annals_event_new (id, title);
  AnnalsDate date;

  if (start != NULL)
    {
      g_assert_true (annals_date_parse (&date, start, NULL));
      annals_event_set_start (event, &date);
    }
  if (end != NULL)
    {
      g_assert_true (annals_date_parse (&date, end, NULL));
      annals_event_set_end (event, &date);
    }

  return event;
}

static void
test_csv_quoting (void)
{
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsEvent) plain = make_event ("a", "Vostok 2022", "2022", NULL);
  g_autoptr(AnnalsEvent) awkward = make_event ("b", "Talks, \"round 2\"\nand more", "2022-08", "2022-09");
  g_autofree char *csv = NULL;

  annals_event_set_kind (plain, ANNALS_EVENT_KIND_EXERCISE);
  annals_event_set_host_country (plain, "RU");
  annals_event_add_participant (plain, "RU");
  annals_event_add_participant (plain, "CN");
  annals_event_set_confidence (plain, 0.8);
  annals_event_set_status (awkward, ANNALS_EVENT_STATUS_PLANNED);
  annals_event_set_host_place (awkward, "Moscow, Patriot Park");

  annals_event_set_add_event (set, plain);
  annals_event_set_add_event (set, awkward);
  csv = annals_export_csv (set, NULL);

  g_assert_cmpstr (csv, ==,
                   "id,title,kind,start,end,status,host_country,host_place,participants,confidence,mentions,sources\r\n"
                   "a,Vostok 2022,exercise,2022,,unknown,RU,,RU;CN,0.8,0,\r\n"
                   "b,\"Talks, \"\"round 2\"\"\nand more\",other,2022-08,2022-09,planned,,\"Moscow, Patriot Park\",,1.0,0,\r\n");
}

static void
test_ics_dates (void)
{
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsEvent) year = make_event ("year", "A year", "2022", NULL);
  g_autoptr(AnnalsEvent) month = make_event ("month", "A month", "2024-02", NULL);
  g_autoptr(AnnalsEvent) days = make_event ("days", "Some days", "2022-09-01", "2022-09-07");
  g_autoptr(AnnalsEvent) undated = make_event ("undated", "No date", NULL, NULL);
  g_autoptr(AnnalsEvent) ancient = make_event ("ides", "Ides of March", "-0043-03-15", NULL);
  g_autofree char *ics = NULL;

  annals_event_set_add_event (set, year);
  annals_event_set_add_event (set, month);
  annals_event_set_add_event (set, days);
  annals_event_set_add_event (set, undated);
  annals_event_set_add_event (set, ancient);

  g_setenv ("SOURCE_DATE_EPOCH", "1661472000", TRUE);
  ics = annals_export_ics (set, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_assert_nonnull (strstr (ics, "UID:year@annals\r\nDTSTAMP:20220826T000000Z\r\n"
                                 "DTSTART;VALUE=DATE:20220101\r\nDTEND;VALUE=DATE:20230101\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20240201\r\nDTEND;VALUE=DATE:20240301\r\n"));
  /* The end day is inclusive in Annals, exclusive in iCalendar. */
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20220901\r\nDTEND;VALUE=DATE:20220908\r\n"));
  g_assert_null (strstr (ics, "undated@annals"));
  g_assert_null (strstr (ics, "ides@annals"));
  g_assert_nonnull (strstr (ics, "CATEGORIES:OTHER\r\n"));
}

static void
test_ics_folding (void)
{
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsEvent) event = make_event ("long", "Заседание Совета министров обороны государств — членов ШОС; "
                                                     "a very long title, with commas, that needs folding", "2022", NULL);
  g_autofree char *ics = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);

  annals_event_set_add_event (set, event);
  ics = annals_export_ics (set, NULL);
  lines = g_strsplit (ics, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        g_string_append (unfolded, lines[i] + 1);
      else
        g_string_append_printf (unfolded, "\n%s", lines[i]);
    }

  g_assert_nonnull (strstr (unfolded->str,
                            "\nSUMMARY:Заседание Совета министров обороны государств — членов ШОС\\; "
                            "a very long title\\, with commas\\, that needs folding\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/io/export/csv-quoting", test_csv_quoting);
  g_test_add_func ("/annals/io/export/ics-dates", test_ics_dates);
  g_test_add_func ("/annals/io/export/ics-folding", test_ics_folding);

  return g_test_run ();
}
