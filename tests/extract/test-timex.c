/* test-timex.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-timex"

#include "config.h"

#include <string.h>

#include "annals-timex.h"
#include "annals-tokenizer.h"

typedef struct
{
  const char *text;
  const char *published;   /* NULL: none */
  const char *expression;  /* the text of the expected expression */
  const char *value;       /* its TIMEX3 value */
  const char *type;
} Case;

static const char * const type_names[] = { "DATE", "TIME", "DURATION", "SET" };

/* Finds the expression that covers @expression in @text and checks it. */
static void
check_case (const Case *c)
{
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (c->text, strlen (c->text));
  g_autoptr(GArray) timexes = NULL;
  AnnalsDateline dateline;
  AnnalsDate reference;
  const char *at = strstr (c->text, c->expression);
  glong char_start, char_end;
  gboolean found = FALSE;

  g_assert_nonnull (at);
  char_start = g_utf8_pointer_to_offset (c->text, at);
  char_end = char_start + g_utf8_strlen (c->expression, -1);

  annals_date_clear (&reference);
  if (c->published != NULL)
    g_assert_true (annals_date_parse (&reference, c->published, NULL));
  else if (annals_timex_main_year (tokens) != 0)
    annals_date_set_year (&reference, annals_timex_main_year (tokens));

  annals_dateline_find (tokens, &dateline);
  timexes = annals_timex_find (tokens, &reference, &dateline);

  for (guint i = 0; i < timexes->len; i++)
    {
      const AnnalsTimex *timex = &g_array_index (timexes, AnnalsTimex, i);

      if (timex->char_start == (guint) char_start && timex->char_end == (guint) char_end)
        {
          g_test_message ("“%s” → %s %s", c->expression, type_names[timex->type], timex->value);
          g_assert_cmpstr (timex->value, ==, c->value);
          g_assert_cmpstr (type_names[timex->type], ==, c->type);
          found = TRUE;
        }
    }

  if (!found)
    {
      for (guint i = 0; i < timexes->len; i++)
        {
          const AnnalsTimex *timex = &g_array_index (timexes, AnnalsTimex, i);
          g_test_message ("found %u-%u %s", timex->char_start, timex->char_end, timex->value);
        }
      g_error ("“%s” not found as one expression in “%s”", c->expression, c->text);
    }
}

static void
run_cases (const Case *cases,
           gsize       n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    check_case (&cases[i]);
}

static void
test_full_dates (void)
{
  static const Case cases[] = {
    { "The meeting was held on 26 August 2022 in Tashkent.", "2022-09-01", "26 August 2022", "2022-08-26", "DATE" },
    { "It was held on Aug. 26, 2022, in Tashkent.", "2022-09-01", "Aug. 26, 2022", "2022-08-26", "DATE" },
    { "The record dated 2022-08-26 says so.", NULL, "2022-08-26", "2022-08-26", "DATE" },
    { "On June 23, 2006, Uzbekistan rejoined.", "2010-04-26", "June 23, 2006", "2006-06-23", "DATE" },
    { "It was first convened on 12 October 2010 in Ha Noi.", "2021-06-15", "12 October 2010", "2010-10-12", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_month_day_with_published_year (void)
{
  static const Case cases[] = {
    /* Past: the last such day on or before publication. */
    { "The ministers met on Aug 26 in Tashkent.", "2022-09-01", "Aug 26", "2022-08-26", "DATE" },
    /* Future: the summit is next year's when the day has passed. */
    { "The summit will open on January 10.", "2022-11-20", "January 10", "2023-01-10", "DATE" },
    { "Concerts are to be given on 2 September.", "2017-08-20", "2 September", "2017-09-02", "DATE" },
    /* No publication date: the year the text names. */
    { "Concerts are to be given on 2 September. 2017 marks a jubilee.", NULL, "2 September", "2017-09-02", "DATE" },
    /* Nothing to resolve against. */
    { "Concerts are to be given on 2 September.", NULL, "2 September", "XXXX-09-02", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_weekdays (void)
{
  static const Case cases[] = {
    /* Friday 2022-08-26 */
    { "The SCO said here on Friday that the meeting ended.", "2022-08-26", "Friday", "2022-08-26", "DATE" },
    /* Wednesday 2023-03-01: past tense, the Tuesday before */
    { "Cobra Gold got under way on Tuesday.", "2023-03-01", "Tuesday", "2023-02-28", "DATE" },
    /* Tuesday 2021-06-15: future tense, the Wednesday after */
    { "Rajnath Singh will on Wednesday speak virtually.", "2021-06-15", "Wednesday", "2021-06-16", "DATE" },
    { "The US is due to chair a session on Wednesday afternoon.", "2022-06-15", "Wednesday afternoon",
      "2022-06-15TAF", "TIME" },
    { "He said on Monday that the drill began.", NULL, "Monday", "XXXX-WXX-1", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_months_and_years (void)
{
  static const Case cases[] = {
    { "The 13th summit took place in September 2021 in India.", "2022-06-17", "September 2021", "2021-09", "DATE" },
    { "The next meeting will be held in 2023 in India.", "2022-08-26", "2023", "2023", "DATE" },
    { "In September, Kazakhstan is to host the Rubezh exercise.", "2026-02-12", "September", "2026-09", "DATE" },
    { "The drills took place in July.", "2026-02-12", "July", "2025-07", "DATE" },
    { "The plan covers 2021-2023 in full.", "2020-01-01", "2021-2023", "2021/2023", "DATE" },
    { "Russia will host the Vostok 2022 exercise.", "2022-08-26", "2022", "2022", "DATE" },
    { "Russia hosted Zapad-2021 in September.", "2021-10-01", "2021", "2021", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_relative (void)
{
  static const Case cases[] = {
    { "The summit will be held next year in India.", "2022-08-26", "next year", "2023", "DATE" },
    { "Exercises are to be held this year in Belarus.", "2026-02-12", "this year", "2026", "DATE" },
    { "The ministers met last month in Minsk.", "2022-08-26", "last month", "2022-07", "DATE" },
    { "Drills begin in early September near Orenburg.", "2022-08-26", "early September", "2022-09", "DATE" },
    { "A second phase is planned for mid-November.", "2020-11-04", "mid-November", "2020-11", "DATE" },
    { "The exercise will be held in the fall of this year.", "2022-03-01", "fall of this year", "2022-FA", "DATE" },
    { "Indra-2017 will take place next autumn in Russia.", "2017-06-23", "next autumn", "2017-FA", "DATE" },
    { "Bands have played 14 concerts this summer.", "2017-08-01", "this summer", "2017-SU", "DATE" },
    /* Wednesday 2022-06-15: last week is ISO week 23 */
    { "Germany already made public last week its plan.", "2022-06-15", "last week", "2022-W23", "DATE" },
    { "The talks this weekend will be busy.", "2024-05-30", "this weekend", "2024-W22-WE", "DATE" },
    { "Warships reached Qingdao yesterday.", "2019-04-30", "yesterday", "2019-04-29", "DATE" },
    { "The drill closes today.", "2010-04-26", "today", "2010-04-26", "DATE" },
    { "A summit is due at the end of the month.", "2022-06-15", "end of the month", "2022-06", "DATE" },
    { "The situation currently unfolding is grave.", "2022-08-26", "currently", "PRESENT_REF", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_ranges (void)
{
  static const Case cases[] = {
    { "The exercise runs September 1-7 near Orenburg.", "2022-08-26", "September 1-7", "2022-09-01/2022-09-07", "DATE" },
    { "The exercise runs from 1 to 7 September.", "2022-08-26", "1 to 7 September", "2022-09-01/2022-09-07", "DATE" },
    { "The festival runs from 26 August to 3 September.", "2017-08-20", "26 August to 3 September",
      "2017-08-26/2017-09-03", "DATE" },
    { "The Retreat will take place from Nov. 2 to 5.", "2015-11-02", "Nov. 2 to 5", "2015-11-02/2015-11-05", "DATE" },
    { "The dialogue runs from May 31 to June 2.", "2024-05-30", "May 31 to June 2", "2024-05-31/2024-06-02", "DATE" },
    { "The summit was held on June 24–25.", "2025-06-30", "June 24–25", "2025-06-24/2025-06-25", "DATE" },
    { "In September-October, Russia will host the exercise.", "2026-02-12", "September-October",
      "2026-09/2026-10", "DATE" },
    { "The drill is scheduled to last from yesterday to Saturday.", "2019-04-30", "yesterday to Saturday",
      "2019-04-29/2019-05-04", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_durations_and_sets (void)
{
  static const Case cases[] = {
    { "Their two-day meeting opens in the evening.", "2022-06-15", "two-day", "P2D", "DURATION" },
    { "It is a 12-day joint exercise.", "2018-12-02", "12-day", "P12D", "DURATION" },
    { "The treaty was prolonged for five years.", "2010-04-26", "five years", "P5Y", "DURATION" },
    { "The exercise is held every year.", "2023-03-01", "every year", "P1Y", "SET" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* "three days ago" is a date, not a duration; decades, quarters and
 * halves of a year; "mid-June". */
static void
test_ago_decades_quarters (void)
{
  static const Case cases[] = {
    { "Three days ago the ministers met.", "2023-05-10", "Three days ago", "2023-05-07", "DATE" },
    { "A year ago the exercise was held.", "2023-05-10", "A year ago", "2022", "DATE" },
    { "Six months ago talks began.", "2023-05-10", "Six months ago", "2022-11", "DATE" },
    { "Two weeks ago the drills ended.", "2023-05-10", "Two weeks ago", "2023-W17", "DATE" },
    { "Two decades ago the pact was signed.", "2023-05-10", "Two decades ago", "200", "DATE" },
    { "The treaty was signed 25 years ago.", "2023-05-10", "25 years ago", "1998", "DATE" },
    { "In the 1980s the alliance formed.", "2023-05-10", "1980s", "198", "DATE" },
    { "Since the 2010s the drills grew.", NULL, "2010s", "201", "DATE" },
    { "Profit in Q1 2024 rose.", "2023-05-10", "Q1 2024", "2024-Q1", "DATE" },
    { "Sales in the third quarter of 2021 rose.", "2023-05-10", "third quarter of 2021", "2021-Q3", "DATE" },
    { "Profit rose in the fourth quarter.", "1998-02-27", "fourth quarter", "1997-Q4", "DATE" },
    { "First-quarter output fell.", "1998-05-27", "First-quarter", "1998-Q1", "DATE" },
    { "The talks will end in the second quarter.", "2023-08-10", "second quarter", "2024-Q2", "DATE" },
    { "In the first half of 2022 trade grew.", "2023-05-10", "first half of 2022", "2022-H1", "DATE" },
    { "The festival will be held in mid-June.", "2023-05-10", "mid-June", "2023-06", "DATE" },
    { "Trade grew in the mid-1990s.", "1998-02-27", "mid-1990s", "199", "DATE" },
    { "Trade grew in the late 1980s.", "1998-02-27", "late 1980s", "198", "DATE" },
    { "Revenue fell last quarter.", "1998-02-27", "last quarter", "1997-Q4", "DATE" },
    { "This quarter looks better.", "1998-02-27", "This quarter", "1998-Q1", "DATE" },
    { "Output will rise next quarter.", "1998-11-27", "next quarter", "1999-Q1", "DATE" },
    { "Profit a year earlier was lower.", "1998-02-27", "a year earlier", "1997", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* Parts of a day and the weekend the article speaks of. */
static void
test_parts_of_days (void)
{
  static const Case cases[] = {
    { "He will arrive tomorrow morning.", "2023-05-10", "tomorrow morning", "2023-05-11TMO", "TIME" },
    { "The vote was held last night.", "2023-05-10", "last night", "2023-05-09TNI", "TIME" },
    { "The summit ends this afternoon.", "2023-05-10", "this afternoon", "2023-05-10TAF", "TIME" },
    { "Talks continue tonight.", "2023-05-10", "tonight", "2023-05-10TNI", "TIME" },
    { "Yesterday evening the ships docked.", "2023-05-10", "Yesterday evening", "2023-05-09TEV", "TIME" },
    { "The drills took place over the weekend.", "2023-05-10", "weekend", "2023-W18-WE", "DATE" },
    { "The fleet will sail at the weekend.", "2023-05-10", "weekend", "2023-W19-WE", "DATE" },
  };

  run_cases (cases, G_N_ELEMENTS (cases));
}

/* "more than a year ago" is a date, marked approximate: the extractor
 * does not date an event with it. */
static void
test_approximate_ago (void)
{
  const char *texts[] = { "Those talks began more than a year ago.", "The pact was signed some 20 years ago.",
                          "The drills ended a year ago.", "Profit a year earlier was lower." };
  const gboolean approximate[] = { TRUE, TRUE, FALSE, TRUE };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(AnnalsTokens) tokens = annals_tokens_new (texts[t], strlen (texts[t]));
      g_autoptr(GArray) timexes = NULL;
      AnnalsDateline dateline;
      AnnalsDate reference;
      const AnnalsTimex *timex;

      annals_date_parse (&reference, "2023-05-10", NULL);
      annals_dateline_find (tokens, &dateline);
      timexes = annals_timex_find (tokens, &reference, &dateline);
      g_assert_cmpuint (timexes->len, ==, 1);
      timex = &g_array_index (timexes, AnnalsTimex, 0);
      g_assert_cmpint (timex->type, ==, ANNALS_TIMEX_DATE);
      g_assert_cmpint ((timex->flags & ANNALS_TIMEX_APPROXIMATE) != 0, ==, approximate[t]);
    }
}

static void
test_no_false_dates (void)
{
  const char *text = "More than 1,000 servicemen and 3.5 tonnes of cargo; the COVID-19 pandemic; 620 items; "
                     "F-15C/D fighters; March forward, they may. They reached the first "
                     "quarter-final; a quarter of the troops; half of them; 2,000s of them.";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  g_autoptr(GArray) timexes = NULL;
  AnnalsDate reference;
  AnnalsDateline dateline;

  annals_date_parse (&reference, "2022-08-26", NULL);
  annals_dateline_find (tokens, &dateline);
  timexes = annals_timex_find (tokens, &reference, &dateline);

  for (guint i = 0; i < timexes->len; i++)
    g_test_message ("unexpected %s", g_array_index (timexes, AnnalsTimex, i).value);
  g_assert_cmpuint (timexes->len, ==, 0);
}

static void
test_infer_published (void)
{
  /* 2022-08-26 was a Friday; 2023-08-26 a Saturday. */
  const char *text = "BEIJING, Aug 26 (ABC): The meeting was held, said the SCO here on Friday. "
                     "They will hold Peaceful Mission 2023 and the next meeting in 2023.";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  g_autofree char *iso = NULL;
  AnnalsDateline dateline;
  AnnalsDate published;

  annals_dateline_find (tokens, &dateline);
  g_assert_true (annals_timex_infer_published (tokens, &dateline, &published));
  iso = annals_date_to_iso (&published);
  g_assert_cmpstr (iso, ==, "2022-08-26");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/extract/timex/full-dates", test_full_dates);
  g_test_add_func ("/annals/extract/timex/month-day-with-published-year", test_month_day_with_published_year);
  g_test_add_func ("/annals/extract/timex/weekdays", test_weekdays);
  g_test_add_func ("/annals/extract/timex/months-and-years", test_months_and_years);
  g_test_add_func ("/annals/extract/timex/relative", test_relative);
  g_test_add_func ("/annals/extract/timex/ranges", test_ranges);
  g_test_add_func ("/annals/extract/timex/durations-and-sets", test_durations_and_sets);
  g_test_add_func ("/annals/extract/timex/ago-decades-quarters", test_ago_decades_quarters);
  g_test_add_func ("/annals/extract/timex/approximate-ago", test_approximate_ago);
  g_test_add_func ("/annals/extract/timex/parts-of-days", test_parts_of_days);
  g_test_add_func ("/annals/extract/timex/no-false-dates", test_no_false_dates);
  g_test_add_func ("/annals/extract/timex/infer-published", test_infer_published);

  return g_test_run ();
}
