/* test-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tokenizer"

#include "config.h"

#include <string.h>

#include "annals-timex.h"
#include "annals-tokenizer.h"

static char *
dup_sentence (AnnalsTokens *tokens,
              guint         index)
{
  const AnnalsSentence *sentence = &g_array_index (tokens->sentences, AnnalsSentence, index);
  const AnnalsToken *first = annals_tokens_get (tokens, sentence->first);
  const AnnalsToken *last = annals_tokens_get (tokens, sentence->last - 1);

  return g_strndup (tokens->text + first->start, last->end - first->start);
}

static void
test_abbreviations (void)
{
  const char *text = "Gen. Smith met U.S. officials on Aug. 26 in Washington. The talks ended. Lt. Col. Ivanov left.";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gboolean found_us = FALSE;

  g_assert_cmpuint (tokens->sentences->len, ==, 3);
  first = dup_sentence (tokens, 0);
  second = dup_sentence (tokens, 1);
  g_assert_cmpstr (first, ==, "Gen. Smith met U.S. officials on Aug. 26 in Washington.");
  g_assert_cmpstr (second, ==, "The talks ended.");

  for (guint i = 0; i < tokens->tokens->len; i++)
    if (annals_tokens_equal (tokens, i, "U.S.", FALSE))
      found_us = TRUE;
  g_assert_true (found_us);
}

static void
test_missing_space (void)
{
  const char *text = "among the member states,said SCO Secretariat here on Friday. . According to a communique";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  g_autofree char *last = NULL;
  guint said = G_MAXUINT;

  for (guint i = 0; i < tokens->tokens->len; i++)
    if (annals_tokens_equal (tokens, i, "said", FALSE))
      said = i;

  g_assert_cmpuint (said, !=, G_MAXUINT);
  g_assert_true (annals_tokens_equal (tokens, said - 1, ",", FALSE));
  g_assert_true (annals_tokens_equal (tokens, said - 2, "states", FALSE));
  g_assert_true (annals_tokens_is_joined (tokens, said));

  /* The doubled period ends one sentence; "According" starts the last. */
  last = dup_sentence (tokens, tokens->sentences->len - 1);
  g_assert_cmpstr (last, ==, "According to a communique");
}

static void
test_curly_quotes (void)
{
  const char *text = "“This is the largest drill,” he said. Russia’s troops and the ministers’ meeting.";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  guint apostrophes = 0;

  g_assert_cmpuint (tokens->sentences->len, ==, 2);
  for (guint i = 0; i < tokens->tokens->len; i++)
    if (annals_tokens_is_apostrophe (tokens, i))
      apostrophes++;
  g_assert_cmpuint (apostrophes, ==, 2);
}

static void
test_character_offsets (void)
{
  /* Two-byte and three-byte characters before the name. */
  const char *text = "Ünïted — “Zapad-2021” began.";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  guint zapad = G_MAXUINT;

  for (guint i = 0; i < tokens->tokens->len; i++)
    if (annals_tokens_equal (tokens, i, "Zapad", FALSE))
      zapad = i;

  g_assert_cmpuint (zapad, !=, G_MAXUINT);
  g_assert_cmpuint (annals_tokens_get (tokens, zapad)->char_start, ==, 10);
  g_assert_cmpuint (annals_tokens_get (tokens, zapad)->start, ==, 16);
  g_assert_true (annals_tokens_is_dash (tokens, zapad + 1));
  g_assert_true (annals_tokens_is_joined (tokens, zapad + 1));
  g_assert_cmpint (annals_tokens_number (tokens, zapad + 2), ==, 2021);
  g_assert_cmpuint (annals_tokens_get (tokens, zapad + 2)->char_end, ==, 20);
}

static void
test_datelines (void)
{
  static const struct { const char *text; const char *place; int month; int day; int year; } cases[] = {
    { "MOSCOW, March 3. /TASS/. The exercise ends.", "Moscow", 3, 3, 0 },
    { "NEW DELHI, Jan 5 (Reuters) - India said.", "New Delhi", 1, 5, 0 },
    { "KHUJAND, April 26, 2010, Asia-Plus  -- Live fire.", "Khujand", 4, 26, 2010 },
    { "BEIJING, Aug 26 (ABC): The meeting held.", "Beijing", 8, 26, 0 },
    { "New Delhi: Rajnath Singh will speak.", "New Delhi", 0, 0, 0 },
    { "BANGKOK – Cobra Gold got under way.", "Bangkok", 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnalsTokens) tokens = annals_tokens_new (cases[i].text, strlen (cases[i].text));
      AnnalsDateline dateline;

      annals_dateline_find (tokens, &dateline);
      g_assert_cmpuint (dateline.last_token, >, 0);
      g_assert_cmpstr (dateline.place, ==, cases[i].place);
      g_assert_cmpint (dateline.date.month, ==, cases[i].month);
      g_assert_cmpint (dateline.date.day, ==, cases[i].day);
      g_assert_cmpint (dateline.date.year, ==, cases[i].year);
    }
}

static void
test_no_dateline (void)
{
  const char *texts[] = {
    "BRICS 2022: The 14th BRICS summit is scheduled for June 23.",
    "The ministers met in Tashkent.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AnnalsTokens) tokens = annals_tokens_new (texts[i], strlen (texts[i]));
      AnnalsDateline dateline;

      annals_dateline_find (tokens, &dateline);
      g_assert_cmpuint (dateline.last_token, ==, 0);
    }
}

static void
test_paragraphs (void)
{
  const char *text = "Headline without a period\n\nBody text starts here. It goes on\nLoad More";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));

  g_assert_cmpuint (tokens->sentences->len, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/extract/tokens/abbreviations", test_abbreviations);
  g_test_add_func ("/annals/extract/tokens/missing-space", test_missing_space);
  g_test_add_func ("/annals/extract/tokens/curly-quotes", test_curly_quotes);
  g_test_add_func ("/annals/extract/tokens/character-offsets", test_character_offsets);
  g_test_add_func ("/annals/extract/tokens/paragraphs", test_paragraphs);
  g_test_add_func ("/annals/extract/dateline/found", test_datelines);
  g_test_add_func ("/annals/extract/dateline/absent", test_no_dateline);

  return g_test_run ();
}
