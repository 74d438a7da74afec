/* annals-timex.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-timex"

#include "config.h"

#include <string.h>

#include "annals-gazetteer.h"
#include "annals-timex.h"

typedef enum
{
  TENSE_NEUTRAL,
  TENSE_PAST,
  TENSE_FUTURE,
} Tense;

typedef struct
{
  const AnnalsTokens *tokens;
  AnnalsDate          reference;  /* day, year only, or unset */
  GArray             *result;
  guint               n_tokens;
  guint               tense_sentence;  /* sentence + 1 whose tense is known */
  Tense               tense;
} Finder;

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december",
};

static const char * const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static const char * const number_words[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
  "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
  "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
};

static const char * const future_cues[] = {
  "will", "shall", "'ll", "scheduled", "planned", "plans", "plan", "due",
  "upcoming", "forthcoming", "intend", "intends", "expected", "would",
  "tomorrow", "next", "going",
};

static const char * const past_cues[] = {
  "was", "were", "had", "ago", "last", "yesterday", "previous", "earlier",
  "took", "held", "ended", "began", "concluded", "met", "hosted",
};

/* Helpers on tokens */

/* Only for string literals. */
#define lower_is(tokens, index, word) \
  annals_tokens_equal_len ((tokens), (index), "" word, sizeof (word) - 1, TRUE)

static gboolean
lower_in (const AnnalsTokens *tokens,
          guint               index,
          const char * const *words,
          gsize               n_words)
{
  char buffer[32];

  if (index >= tokens->tokens->len)
    return FALSE;
  if (annals_tokens_get (tokens, index)->type != ANNALS_TOKEN_WORD)
    return FALSE;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  for (gsize i = 0; i < n_words; i++)
    if (strcmp (buffer, words[i]) == 0)
      return TRUE;

  return FALSE;
}

int
annals_timex_month_of (const AnnalsTokens *tokens,
                       guint               index)
{
  const AnnalsToken *token;
  char buffer[16];
  gsize length;

  if (index >= tokens->tokens->len)
    return 0;

  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_WORD || !g_unichar_isupper (token->first))
    return 0;

  length = token->end - token->start;
  if (length < 3 || length > 9)
    return 0;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  for (int m = 0; m < 12; m++)
    {
      if (strcmp (buffer, month_names[m]) == 0)
        return m + 1;
      /* "Aug", "Sept" */
      if ((length == 3 || (length == 4 && m == 8)) && strncmp (buffer, month_names[m], length) == 0)
        return m + 1;
    }

  return 0;
}

static int
weekday_of (const AnnalsTokens *tokens,
            guint               index)
{
  const AnnalsToken *token;
  char buffer[16];

  if (index >= tokens->tokens->len)
    return 0;
  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_WORD || !g_unichar_isupper (token->first))
    return 0;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  for (int d = 0; d < 7; d++)
    if (strcmp (buffer, weekday_names[d]) == 0)
      return d + 1;

  return 0;
}

static int
number_word_of (const AnnalsTokens *tokens,
                guint               index)
{
  char buffer[16];
  int value = annals_tokens_number (tokens, index);

  if (value >= 0)
    return value;
  if (index >= tokens->tokens->len || annals_tokens_get (tokens, index)->type != ANNALS_TOKEN_WORD)
    return -1;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  for (guint i = 0; i < G_N_ELEMENTS (number_words); i++)
    if (strcmp (buffer, number_words[i]) == 0)
      return i;
  if (strcmp (buffer, "a") == 0 || strcmp (buffer, "an") == 0)
    return 1;

  return -1;
}

static gboolean
is_year (const AnnalsTokens *tokens,
         guint               index,
         int                *year)
{
  const AnnalsToken *token;
  int value;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_NUMBER || token->end - token->start != 4)
    return FALSE;

  value = annals_tokens_number (tokens, index);
  if (value < 1800 || value > 2199)
    return FALSE;

  /* "1,000" and "3.5" are not years. */
  if (index > 0 && annals_tokens_is_joined (tokens, index))
    {
      const AnnalsToken *prev = annals_tokens_get (tokens, index - 1);
      if (prev->type == ANNALS_TOKEN_PUNCT && (prev->first == ',' || prev->first == '.' || prev->first == '$'))
        return FALSE;
    }
  if (index + 1 < tokens->tokens->len && annals_tokens_is_joined (tokens, index + 1))
    {
      const AnnalsToken *next = annals_tokens_get (tokens, index + 1);
      if (next->type == ANNALS_TOKEN_PUNCT && (next->first == ',' || next->first == '.') &&
          index + 2 < tokens->tokens->len && annals_tokens_is_joined (tokens, index + 2) &&
          annals_tokens_get (tokens, index + 2)->type == ANNALS_TOKEN_NUMBER)
        return FALSE;
      if (next->first == '%')
        return FALSE;
    }

  *year = value;
  return TRUE;
}

/* A day of the month: "26", "26th", "1st". */
static gboolean
is_day (const AnnalsTokens *tokens,
        guint               index,
        int                *day)
{
  const AnnalsToken *token;
  const char *text;
  gsize length;
  int value = 0;
  gsize i;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_NUMBER)
    return FALSE;

  text = tokens->text + token->start;
  length = token->end - token->start;
  /* A third digit is enough to refuse: reading on would overflow. */
  for (i = 0; i < length && i < 3 && g_ascii_isdigit (text[i]); i++)
    value = value * 10 + (text[i] - '0');

  if (i == 0 || i > 2)
    return FALSE;
  if (i < length)
    {
      const char *suffix = text + i;
      gsize n = length - i;

      if (!(n == 2 && (strncmp (suffix, "st", 2) == 0 || strncmp (suffix, "nd", 2) == 0 ||
                       strncmp (suffix, "rd", 2) == 0 || strncmp (suffix, "th", 2) == 0)))
        return FALSE;
    }
  if (value < 1 || value > 31)
    return FALSE;

  /* "3.5", "1,000" */
  if (index + 2 < tokens->tokens->len && annals_tokens_is_joined (tokens, index + 1))
    {
      const AnnalsToken *next = annals_tokens_get (tokens, index + 1);
      if ((next->first == ',' || next->first == '.' || next->first == ':') &&
          annals_tokens_is_joined (tokens, index + 2) &&
          annals_tokens_get (tokens, index + 2)->type == ANNALS_TOKEN_NUMBER)
        return FALSE;
    }

  *day = value;
  return TRUE;
}

static gboolean
is_punct (const AnnalsTokens *tokens,
          guint               index,
          gunichar            c)
{
  const AnnalsToken *token;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  return token->type == ANNALS_TOKEN_PUNCT && token->first == c;
}

/* A range joiner: "-", "–", "to", "until", "through", "and". */
static gboolean
is_range_joiner (const AnnalsTokens *tokens,
                 guint               index)
{
  return annals_tokens_is_dash (tokens, index) ||
         lower_is (tokens, index, "to") || lower_is (tokens, index, "until") ||
         lower_is (tokens, index, "till") || lower_is (tokens, index, "through") ||
         lower_is (tokens, index, "and");
}

/* Skips a period after an abbreviated month ("Aug."). */
static guint
skip_month_period (const AnnalsTokens *tokens,
                   guint               index)
{
  if (index > 0 && is_punct (tokens, index, '.') && annals_tokens_is_joined (tokens, index) &&
      (annals_tokens_get (tokens, index - 1)->end - annals_tokens_get (tokens, index - 1)->start <= 3 ||
       lower_is (tokens, index - 1, "sept")))
    return index + 1;
  return index;
}

/* Future and past cue words, looked up once per word. */
static GHashTable *
get_tense_cues (void)
{
  static GHashTable *cues;

  if (g_once_init_enter (&cues))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (past_cues); i++)
        g_hash_table_insert (table, (gpointer) past_cues[i], GINT_TO_POINTER (TENSE_PAST));
      for (guint i = 0; i < G_N_ELEMENTS (future_cues); i++)
        g_hash_table_insert (table, (gpointer) future_cues[i], GINT_TO_POINTER (TENSE_FUTURE));
      g_once_init_leave (&cues, table);
    }

  return cues;
}

static Tense
sentence_tense_uncached (const AnnalsTokens *tokens,
                         guint               index)
{
  const AnnalsToken *token = annals_tokens_get (tokens, index);
  const AnnalsSentence *sentence = &g_array_index (tokens->sentences, AnnalsSentence, token->sentence);
  Tense tense = TENSE_NEUTRAL;

  for (guint i = sentence->first; i < sentence->last; i++)
    {
      const AnnalsToken *word = annals_tokens_get (tokens, i);

      char buffer[16];
      Tense cue;

      /* Every cue is a word of two to eleven letters. */
      if (word->type != ANNALS_TOKEN_WORD || word->end - word->start < 2 || word->end - word->start > 11)
        continue;
      cue = GPOINTER_TO_INT (g_hash_table_lookup (get_tense_cues (), annals_tokens_lower (tokens, i, buffer, sizeof buffer)));
      if (cue == TENSE_FUTURE)
        return TENSE_FUTURE;
      /* "is to host", "are to be held" */
      if ((lower_is (tokens, i, "is") || lower_is (tokens, i, "are")) && lower_is (tokens, i + 1, "to"))
        return TENSE_FUTURE;
      if (lower_is (tokens, i, "to") && lower_is (tokens, i + 1, "be") &&
          (lower_is (tokens, i + 2, "held") || lower_is (tokens, i + 2, "hosted")))
        return TENSE_FUTURE;
      if (tense == TENSE_NEUTRAL && cue == TENSE_PAST)
        tense = TENSE_PAST;
    }

  return tense;
}

/* The tense of the sentence of token @index, worked out once per sentence. */
static Tense
sentence_tense (Finder *finder,
                guint   index)
{
  guint sentence = annals_tokens_get (finder->tokens, index)->sentence;

  if (finder->tense_sentence != sentence + 1)
    {
      finder->tense_sentence = sentence + 1;
      finder->tense = sentence_tense_uncached (finder->tokens, index);
    }

  return finder->tense;
}

gboolean
annals_timex_sentence_is_future (const AnnalsTokens *tokens,
                                 guint               sentence,
                                 guint               before)
{
  const AnnalsSentence *range;

  if (sentence >= tokens->sentences->len)
    return FALSE;

  range = &g_array_index (tokens->sentences, AnnalsSentence, sentence);
  for (guint i = range->first; i < MIN (before, range->last); i++)
    {
      if (lower_in (tokens, i, future_cues, G_N_ELEMENTS (future_cues)) &&
          !lower_is (tokens, i, "would") && !lower_is (tokens, i, "tomorrow") &&
          !lower_is (tokens, i, "next"))
        return TRUE;
      if ((lower_is (tokens, i, "is") || lower_is (tokens, i, "are")) && lower_is (tokens, i + 1, "to"))
        return TRUE;
    }

  return FALSE;
}

/* Building results */

static void
set_value_from_dates (AnnalsTimex *timex)
{
  g_autofree char *start = annals_date_to_iso (&timex->start);
  g_autofree char *end = annals_date_to_iso (&timex->end);

  if (start != NULL && end != NULL)
    g_snprintf (timex->value, sizeof timex->value, "%s/%s", start, end);
  else if (start != NULL)
    g_strlcpy (timex->value, start, sizeof timex->value);

  if (timex->granularity == NULL)
    {
      switch (annals_date_get_precision (&timex->start))
        {
        case ANNALS_PRECISION_DAY:
          timex->granularity = "day";
          break;
        case ANNALS_PRECISION_MONTH:
          timex->granularity = "month";
          break;
        case ANNALS_PRECISION_YEAR:
          timex->granularity = "year";
          break;
        case ANNALS_PRECISION_NONE:
        default:
          timex->granularity = "none";
          break;
        }
    }
}

static void
emit (Finder      *finder,
      AnnalsTimex *timex,
      guint        first,
      guint        last)
{
  const AnnalsTokens *tokens = finder->tokens;

  timex->first_token = first;
  timex->last_token = last;
  timex->char_start = annals_tokens_get (tokens, first)->char_start;
  timex->char_end = annals_tokens_get (tokens, last - 1)->char_end;

  if (timex->value[0] == '\0')
    set_value_from_dates (timex);

  if (first > 0 && (lower_is (tokens, first - 1, "until") || lower_is (tokens, first - 1, "till") ||
                    (lower_is (tokens, first - 1, "through") && first > 1 &&
                     (lower_is (tokens, first - 2, "run") || lower_is (tokens, first - 2, "runs") ||
                      lower_is (tokens, first - 2, "last") || lower_is (tokens, first - 2, "lasts") ||
                      lower_is (tokens, first - 2, "continue") || lower_is (tokens, first - 2, "continues")))))
    timex->flags |= ANNALS_TIMEX_UNTIL;
  /* "since 2003", "Since its first edition in 2004" */
  for (guint i = first; i > 0 && i + 5 > first; i--)
    {
      if (lower_is (tokens, i - 1, "since"))
        {
          timex->flags |= ANNALS_TIMEX_SINCE;
          break;
        }
      if (annals_tokens_get (tokens, i - 1)->type == ANNALS_TOKEN_PUNCT)
        break;
    }

  g_array_append_val (finder->result, *timex);
}

static int
reference_year (Finder *finder)
{
  return annals_date_is_set (&finder->reference) ? finder->reference.year : 0;
}

/* The year of a month and day written without one. */
static int
guess_year (Finder *finder,
            int     month,
            int     day,
            Tense   tense,
            guint16 *flags)
{
  int year = reference_year (finder);

  if (year == 0)
    {
      *flags |= ANNALS_TIMEX_UNRESOLVED;
      return 0;
    }

  if (finder->reference.precision == ANNALS_PRECISION_DAY)
    {
      int ref = finder->reference.month * 32 + finder->reference.day;
      int here = month * 32 + (day > 0 ? day : (tense == TENSE_FUTURE ? 31 : 1));

      /* A date more than about two months away on the wrong side of the
       * publication date belongs to the next or previous year. */
      if (tense == TENSE_FUTURE && here < ref - 64)
        year++;
      else if (tense == TENSE_PAST && here > ref + 64)
        year--;
      else if (tense != TENSE_FUTURE && here > ref + 6 * 32)
        year--;
    }

  return year;
}

static void
set_day_checked (AnnalsDate *date,
                 int         year,
                 int         month,
                 int         day)
{
  if (year == 0 || !annals_date_set_day (date, year, month, day))
    annals_date_clear (date);
}

static void
set_month_checked (AnnalsDate *date,
                   int         year,
                   int         month)
{
  if (year == 0 || !annals_date_set_month (date, year, month))
    annals_date_clear (date);
}

static void
write_unresolved (AnnalsTimex *timex,
                  int          month,
                  int          day)
{
  if (day > 0)
    g_snprintf (timex->value, sizeof timex->value, "XXXX-%02d-%02d", month, day);
  else
    g_snprintf (timex->value, sizeof timex->value, "XXXX-%02d", month);
  timex->granularity = day > 0 ? "day" : "month";
}

/* Patterns. Each returns the index after the expression, or @index when
 * nothing matched. */

/* 2022-08-26 */
static guint
match_iso (Finder *finder,
           guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  int year, month, day;

  if (!is_year (tokens, index, &year) ||
      !annals_tokens_is_dash (tokens, index + 1) || !annals_tokens_is_joined (tokens, index + 1) ||
      !annals_tokens_is_joined (tokens, index + 2) || !annals_tokens_is_joined (tokens, index + 3) ||
      !annals_tokens_is_dash (tokens, index + 3) || !annals_tokens_is_joined (tokens, index + 4))
    return index;

  month = annals_tokens_number (tokens, index + 2);
  day = annals_tokens_number (tokens, index + 4);
  if (annals_tokens_get (tokens, index + 2)->end - annals_tokens_get (tokens, index + 2)->start != 2 ||
      !annals_date_set_day (&timex.start, year, month, day))
    return index;

  timex.type = ANNALS_TIMEX_DATE;
  timex.flags = ANNALS_TIMEX_EXPLICIT_YEAR;
  emit (finder, &timex, index, index + 5);
  return index + 5;
}

/* An optional ", 2022" or " 2022" after a day. */
static guint
match_trailing_year (const AnnalsTokens *tokens,
                     guint               index,
                     int                *year)
{
  if (is_punct (tokens, index, ',') && is_year (tokens, index + 1, year))
    return index + 2;
  if (is_year (tokens, index, year))
    return index + 1;
  return index;
}

/* "Aug 26", "Aug. 26, 2022", "September 1-7", "from Nov. 2 to 5",
 * "from May 31 to June 2", "June 24–25", "September-October 2026",
 * "April 2017", "in September". */
static guint
match_month_first (Finder *finder,
                   guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  int month = annals_timex_month_of (tokens, index);
  int day = 0, end_day = 0, end_month = 0, year = 0;
  guint i;
  Tense tense;

  if (month == 0)
    return index;

  i = skip_month_period (tokens, index + 1);
  tense = sentence_tense (finder, index);
  timex.type = ANNALS_TIMEX_DATE;

  if (is_day (tokens, i, &day) && !is_year (tokens, i, &year))
    {
      guint after = i + 1;

      /* A range: "3-14", "2 to 5", "31 to June 2" */
      if (is_range_joiner (tokens, after))
        {
          int other_month = annals_timex_month_of (tokens, after + 1);
          guint j = other_month ? skip_month_period (tokens, after + 2) : after + 1;

          if (is_day (tokens, j, &end_day) && !lower_is (tokens, after, "and"))
            {
              end_month = other_month ? other_month : month;
              after = j + 1;
            }
          else
            end_day = 0;
        }

      after = match_trailing_year (tokens, after, &year);
      if (year != 0)
        timex.flags |= ANNALS_TIMEX_EXPLICIT_YEAR;
      else
        year = guess_year (finder, month, day, tense, &timex.flags);

      if (year == 0)
        write_unresolved (&timex, month, day);
      else
        {
          set_day_checked (&timex.start, year, month, day);
          if (end_day > 0)
            {
              int end_year = end_month < month ? year + 1 : year;
              set_day_checked (&timex.end, end_year, end_month, end_day);
              timex.flags |= ANNALS_TIMEX_RANGE;
            }
          if (!annals_date_is_set (&timex.start))
            return index;
        }

      emit (finder, &timex, index, after);
      return after;
    }

  /* "September-October", "September to November 2026" */
  if ((annals_tokens_is_dash (tokens, i) || lower_is (tokens, i, "to")) &&
      (end_month = annals_timex_month_of (tokens, i + 1)) != 0)
    {
      guint after = match_trailing_year (tokens, skip_month_period (tokens, i + 2), &year);

      if (year != 0)
        timex.flags |= ANNALS_TIMEX_EXPLICIT_YEAR;
      else
        year = guess_year (finder, month, 0, tense, &timex.flags);

      if (year == 0)
        write_unresolved (&timex, month, 0);
      else
        {
          set_month_checked (&timex.start, year, month);
          set_month_checked (&timex.end, end_month < month ? year + 1 : year, end_month);
          timex.flags |= ANNALS_TIMEX_RANGE;
        }
      emit (finder, &timex, index, after);
      return after;
    }

  /* "April 2017", "July of 2026" */
  if (is_year (tokens, i, &year) ||
      (lower_is (tokens, i, "of") && is_year (tokens, i + 1, &year) && i++))
    {
      set_month_checked (&timex.start, year, month);
      timex.flags |= ANNALS_TIMEX_EXPLICIT_YEAR;
      emit (finder, &timex, index, i + 1);
      return i + 1;
    }

  /* A month alone, where it cannot be the verb "march" or "may". */
  {
    gboolean ambiguous = (month == 3 || month == 5);
    gboolean introduced = index > 0 &&
      (lower_is (tokens, index - 1, "in") || lower_is (tokens, index - 1, "since") ||
       lower_is (tokens, index - 1, "until") || lower_is (tokens, index - 1, "by") ||
       lower_is (tokens, index - 1, "early") || lower_is (tokens, index - 1, "late") ||
       lower_is (tokens, index - 1, "mid") || lower_is (tokens, index - 1, "of") ||
       lower_is (tokens, index - 1, "during") || lower_is (tokens, index - 1, "from") ||
       lower_is (tokens, index - 1, "through") || lower_is (tokens, index - 1, "last") ||
       lower_is (tokens, index - 1, "next") || lower_is (tokens, index - 1, "this") ||
       /* "mid-June" */
       (index > 1 && annals_tokens_is_dash (tokens, index - 1) &&
        (lower_is (tokens, index - 2, "mid") || lower_is (tokens, index - 2, "early") ||
         lower_is (tokens, index - 2, "late"))));
    const AnnalsToken *token = annals_tokens_get (tokens, index);

    if (ambiguous && !introduced)
      return index;
    if (token->end - token->start <= 4 && !introduced)
      return index;

    if (index > 0 && lower_is (tokens, index - 1, "last"))
      tense = TENSE_PAST;
    else if (index > 0 && lower_is (tokens, index - 1, "next"))
      tense = TENSE_FUTURE;

    year = guess_year (finder, month, 0, tense, &timex.flags);
    if (year == 0)
      write_unresolved (&timex, month, 0);
    else
      set_month_checked (&timex.start, year, month);
    timex.flags |= ANNALS_TIMEX_RELATIVE;
    emit (finder, &timex, index, skip_month_period (tokens, index + 1));
    return skip_month_period (tokens, index + 1);
  }
}

/* "26 August 2022", "2 September", "from 26 August to 3 September",
 * "from 1 to 7 September", "1-7 September 2022". */
static guint
match_day_first (Finder *finder,
                 guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  int day, month, end_day = 0, end_month = 0, year = 0;
  guint i = index + 1;
  Tense tense;

  if (!is_day (tokens, index, &day))
    return index;

  /* "1 to 7 September" */
  if (is_range_joiner (tokens, i) && !lower_is (tokens, i, "and") &&
      is_day (tokens, i + 1, &end_day) && (end_month = annals_timex_month_of (tokens, i + 2)) != 0)
    {
      month = end_month;
      i = skip_month_period (tokens, i + 3);
    }
  else if (lower_is (tokens, i, "of") && annals_timex_month_of (tokens, i + 1))
    {
      month = annals_timex_month_of (tokens, i + 1);
      i = skip_month_period (tokens, i + 2);
    }
  else if ((month = annals_timex_month_of (tokens, i)) != 0)
    {
      i = skip_month_period (tokens, i + 1);
      /* "26 August to 3 September" */
      if (is_range_joiner (tokens, i) && !lower_is (tokens, i, "and") &&
          is_day (tokens, i + 1, &end_day) && (end_month = annals_timex_month_of (tokens, i + 2)) != 0)
        i = skip_month_period (tokens, i + 3);
      else
        end_day = 0;
    }
  else
    return index;

  tense = sentence_tense (finder, index);
  timex.type = ANNALS_TIMEX_DATE;
  i = match_trailing_year (tokens, i, &year);
  if (year != 0)
    timex.flags |= ANNALS_TIMEX_EXPLICIT_YEAR;
  else
    year = guess_year (finder, month, day, tense, &timex.flags);

  if (year == 0)
    write_unresolved (&timex, month, day);
  else
    {
      int start_month = month;

      if (end_day > 0 && end_month == month)
        start_month = month;
      set_day_checked (&timex.start, year, start_month, day);
      if (end_day > 0)
        {
          set_day_checked (&timex.end, year, end_month, end_day);
          timex.flags |= ANNALS_TIMEX_RANGE;
        }
      if (!annals_date_is_set (&timex.start))
        return index;
    }

  emit (finder, &timex, index, i);
  return i;
}

/* "2022", "2021-2023", "2021 to 2023" */
static guint
match_year (Finder *finder,
            guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  int year, end_year;
  guint after = index + 1;

  if (!is_year (tokens, index, &year))
    return index;

  /* "COVID-2019"-like codes and "F-2000" are not years of an event; a
   * year joined to a name ("Zapad-2021") is, and is kept. */
  timex.type = ANNALS_TIMEX_DATE;
  timex.flags = ANNALS_TIMEX_EXPLICIT_YEAR | ANNALS_TIMEX_BARE_YEAR;
  annals_date_set_year (&timex.start, year);

  if ((annals_tokens_is_dash (tokens, after) || lower_is (tokens, after, "to")) &&
      is_year (tokens, after + 1, &end_year) && end_year > year)
    {
      annals_date_set_year (&timex.end, end_year);
      timex.flags |= ANNALS_TIMEX_RANGE;
      after += 2;
    }

  emit (finder, &timex, index, after);
  return after;
}

static void
set_season (AnnalsTimex *timex,
            int          year,
            const char  *season)
{
  static const struct { const char *name; const char *code; int first; int last; } seasons[] = {
    { "spring", "SP", 3, 5 },
    { "summer", "SU", 6, 8 },
    { "autumn", "FA", 9, 11 },
    { "fall",   "FA", 9, 11 },
    { "winter", "WI", 12, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seasons); i++)
    {
      if (strcmp (season, seasons[i].name) != 0)
        continue;

      timex->granularity = "season";
      if (year == 0)
        {
          g_snprintf (timex->value, sizeof timex->value, "XXXX-%s", seasons[i].code);
          timex->flags |= ANNALS_TIMEX_UNRESOLVED;
          return;
        }
      g_snprintf (timex->value, sizeof timex->value, "%04d-%s", year, seasons[i].code);
      annals_date_set_month (&timex->start, year, seasons[i].first);
      annals_date_set_month (&timex->end, seasons[i].last < seasons[i].first ? year + 1 : year,
                             seasons[i].last);
      timex->flags |= ANNALS_TIMEX_RANGE;
      return;
    }
}

static gboolean
is_season (const AnnalsTokens *tokens,
           guint               index,
           char               *buffer,
           gsize               size)
{
  static const char * const seasons[] = { "spring", "summer", "autumn", "fall", "winter" };

  if (!lower_in (tokens, index, seasons, G_N_ELEMENTS (seasons)))
    return FALSE;
  annals_tokens_lower (tokens, index, buffer, size);
  return TRUE;
}

/* The week of a day number: Monday to Sunday. */
static void
set_week (AnnalsTimex *timex,
          gint32       day,
          gboolean     weekend)
{
  gint32 monday = day - (annals_days_get_weekday (day) - 1);
  gint32 first = weekend ? monday + 5 : monday;
  gint32 last = monday + 6;
  AnnalsDate thursday;
  int y1, m1, d1, y2, m2, d2;
  int week;

  annals_date_set_from_days (&thursday, monday + 3);
  week = (monday + 3 - annals_days_from_civil (thursday.year, 1, 1)) / 7 + 1;
  if (weekend)
    g_snprintf (timex->value, sizeof timex->value, "%04d-W%02d-WE", thursday.year, week);
  else
    g_snprintf (timex->value, sizeof timex->value, "%04d-W%02d", thursday.year, week);
  timex->granularity = weekend ? "weekend" : "week";

  annals_days_to_civil (first, &y1, &m1, &d1);
  annals_days_to_civil (last, &y2, &m2, &d2);
  if (weekend)
    {
      annals_date_set_day (&timex->start, y1, m1, d1);
      annals_date_set_day (&timex->end, y2, m2, d2);
      timex->flags |= ANNALS_TIMEX_RANGE;
    }
  /* A week is dated by the finest unit that holds it whole. */
  else if (y1 == y2 && m1 == m2)
    annals_date_set_month (&timex->start, y1, m1);
  else if (y1 == y2)
    annals_date_set_year (&timex->start, y1);
}

/* "morning", "afternoon", "evening" or "night" at @index: the TIMEX3
 * code of that part of a day, or NULL. */
static const char *
day_part_of (const AnnalsTokens *tokens,
             guint               index)
{
  if (lower_is (tokens, index, "morning"))
    return "MO";
  if (lower_is (tokens, index, "afternoon"))
    return "AF";
  if (lower_is (tokens, index, "evening"))
    return "EV";
  if (lower_is (tokens, index, "night"))
    return "NI";
  return NULL;
}

/* Makes @timex, a day, the time of @part of it. */
static void
set_day_part (AnnalsTimex *timex,
              const char  *part)
{
  g_autofree char *iso = annals_date_to_iso (&timex->start);

  timex->type = ANNALS_TIMEX_TIME;
  if (iso != NULL)
    g_snprintf (timex->value, sizeof timex->value, "%sT%s", iso, part);
  timex->granularity = "day";
}

/* "today", "yesterday", "this year", "next autumn", "last week",
 * "earlier this week", "at the end of the month", "on Friday",
 * "early September", "mid-November", "in the fall of this year". */
static guint
match_relative (Finder *finder,
                guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  const AnnalsDate *ref = &finder->reference;
  gboolean has_day = ref->precision == ANNALS_PRECISION_DAY;
  gint32 ref_day = has_day ? annals_date_get_first_day (ref) : 0;
  int ref_year = reference_year (finder);
  char season[16];
  int weekday;
  guint i = index;
  int offset = 0;

  timex.type = ANNALS_TIMEX_DATE;
  timex.flags = ANNALS_TIMEX_RELATIVE;

  /* today, yesterday, tomorrow */
  if (lower_is (tokens, i, "today") || lower_is (tokens, i, "yesterday") ||
      lower_is (tokens, i, "tomorrow") || lower_is (tokens, i, "tonight"))
    {
      const char *part = lower_is (tokens, i, "tonight") ? "NI" : day_part_of (tokens, i + 1);
      guint after = part != NULL && !lower_is (tokens, i, "tonight") ? i + 2 : i + 1;

      offset = lower_is (tokens, i, "yesterday") ? -1 : lower_is (tokens, i, "tomorrow") ? 1 : 0;
      if (has_day)
        {
          annals_date_set_from_days (&timex.start, ref_day + offset);
          /* "tomorrow morning", "tonight" */
          if (part != NULL)
            set_day_part (&timex, part);
        }
      else
        {
          g_strlcpy (timex.value, offset < 0 ? "PAST_REF" : offset > 0 ? "FUTURE_REF" : "PRESENT_REF",
                     sizeof timex.value);
          timex.flags |= ANNALS_TIMEX_UNRESOLVED | ANNALS_TIMEX_REFERENCE;
          after = i + 1;
        }
      emit (finder, &timex, i, after);
      return after;
    }

  /* "last night", "this morning" */
  if (has_day && (lower_is (tokens, i, "last") || lower_is (tokens, i, "this")) &&
      day_part_of (tokens, i + 1) != NULL &&
      (lower_is (tokens, i, "this") || lower_is (tokens, i + 1, "night")))
    {
      annals_date_set_from_days (&timex.start, ref_day - (lower_is (tokens, i, "last") ? 1 : 0));
      set_day_part (&timex, day_part_of (tokens, i + 1));
      emit (finder, &timex, i, i + 2);
      return i + 2;
    }

  /* "over the weekend", "at the weekend": the last one, or in a sentence
   * about the future the next one */
  if (lower_is (tokens, i, "weekend") && i > 1 && lower_is (tokens, i - 1, "the") &&
      (lower_is (tokens, i - 2, "over") || lower_is (tokens, i - 2, "at") ||
       lower_is (tokens, i - 2, "during") || lower_is (tokens, i - 2, "on")))
    {
      int ref_weekday;

      if (!has_day)
        return index;
      ref_weekday = annals_days_get_weekday (ref_day);
      if (ref_weekday >= 6)
        set_week (&timex, ref_day, TRUE);
      else if (sentence_tense (finder, i) == TENSE_FUTURE)
        set_week (&timex, ref_day + (6 - ref_weekday), TRUE);
      else
        set_week (&timex, ref_day - ref_weekday, TRUE);
      emit (finder, &timex, i, i + 1);
      return i + 1;
    }

  /* Weekdays: "on Friday", "last Monday", "next Tuesday", "Wednesday afternoon" */
  if ((weekday = weekday_of (tokens, i)) != 0)
    {
      Tense tense = sentence_tense (finder, i);
      guint after = i + 1;

      if (i > 0 && lower_is (tokens, i - 1, "last"))
        tense = TENSE_PAST;
      else if (i > 0 && (lower_is (tokens, i - 1, "next") || lower_is (tokens, i - 1, "coming")))
        tense = TENSE_FUTURE;

      if (has_day)
        {
          int ref_weekday = annals_days_get_weekday (ref_day);
          gint32 day;

          if (tense == TENSE_FUTURE)
            day = ref_day + (weekday - ref_weekday + 7) % 7;
          else
            day = ref_day - (ref_weekday - weekday + 7) % 7;
          annals_date_set_from_days (&timex.start, day);
        }
      else
        {
          g_snprintf (timex.value, sizeof timex.value, "XXXX-WXX-%d", weekday);
          timex.granularity = "day";
          timex.flags |= ANNALS_TIMEX_UNRESOLVED;
        }

      if (day_part_of (tokens, after) != NULL)
        {
          set_day_part (&timex, day_part_of (tokens, after));
          after++;
        }

      emit (finder, &timex, i, after);
      return after;
    }

  /* "early September", "mid-November", "late 2022", "the end of the month" */
  if (lower_is (tokens, i, "early") || lower_is (tokens, i, "mid") || lower_is (tokens, i, "late"))
    {
      guint j = i + 1;
      if (annals_tokens_is_dash (tokens, j))
        j++;
      if (annals_timex_month_of (tokens, j) || is_year (tokens, j, &offset))
        {
          guint before = finder->result->len;
          guint after = annals_timex_month_of (tokens, j) ? match_month_first (finder, j) : match_year (finder, j);

          if (after > j && finder->result->len > before)
            {
              AnnalsTimex *last = &g_array_index (finder->result, AnnalsTimex, finder->result->len - 1);
              last->first_token = i;
              last->char_start = annals_tokens_get (tokens, i)->char_start;
              return after;
            }
        }
      return index;
    }

  /* "this year", "next autumn", "last week", "earlier this week",
   * "later this month", "the past week", "this coming spring" */
  {
    guint j = i;
    int direction;

    if (lower_is (tokens, j, "earlier") || lower_is (tokens, j, "later"))
      j++;

    if (lower_is (tokens, j, "this") || lower_is (tokens, j, "current"))
      direction = 0;
    else if (lower_is (tokens, j, "next") || lower_is (tokens, j, "coming"))
      direction = 1;
    else if (lower_is (tokens, j, "last") || lower_is (tokens, j, "past") || lower_is (tokens, j, "previous") ||
             (lower_is (tokens, j, "latest") && lower_is (tokens, j + 1, "quarter")))
      direction = -1;
    else
      direction = 2;

    if (direction != 2)
      {
        guint unit = j + 1;

        if (lower_is (tokens, unit, "coming"))
          unit++;

        if (lower_is (tokens, unit, "year"))
          {
            if (ref_year == 0)
              {
                g_snprintf (timex.value, sizeof timex.value, "XXXX");
                timex.flags |= ANNALS_TIMEX_UNRESOLVED;
              }
            else
              annals_date_set_year (&timex.start, ref_year + direction);
            emit (finder, &timex, i, unit + 1);
            return unit + 1;
          }
        if (lower_is (tokens, unit, "month"))
          {
            if (ref->precision >= ANNALS_PRECISION_MONTH)
              {
                int month = ref->month + direction;
                int year = ref_year;
                if (month < 1) { month = 12; year--; }
                if (month > 12) { month = 1; year++; }
                annals_date_set_month (&timex.start, year, month);
              }
            else
              {
                g_strlcpy (timex.value, "XXXX-XX", sizeof timex.value);
                timex.flags |= ANNALS_TIMEX_UNRESOLVED;
              }
            emit (finder, &timex, i, unit + 1);
            return unit + 1;
          }
        if (lower_is (tokens, unit, "quarter") && !annals_tokens_is_dash (tokens, unit + 1))
          {
            if (ref->precision >= ANNALS_PRECISION_MONTH)
              {
                int quarter = (ref->year * 12 + ref->month - 1) / 3 + direction;

                g_snprintf (timex.value, sizeof timex.value, "%04d-Q%d", quarter / 4, quarter % 4 + 1);
                annals_date_set_month (&timex.start, quarter / 4, (quarter % 4) * 3 + 1);
                annals_date_set_month (&timex.end, quarter / 4, (quarter % 4) * 3 + 3);
                timex.flags |= ANNALS_TIMEX_RANGE;
              }
            else
              {
                g_strlcpy (timex.value, "XXXX-QX", sizeof timex.value);
                timex.flags |= ANNALS_TIMEX_UNRESOLVED;
              }
            timex.granularity = "quarter";
            emit (finder, &timex, i, unit + 1);
            return unit + 1;
          }
        if (lower_is (tokens, unit, "week") || lower_is (tokens, unit, "weekend"))
          {
            gboolean weekend = lower_is (tokens, unit, "weekend");

            if (has_day)
              set_week (&timex, ref_day + 7 * direction, weekend);
            else
              {
                g_strlcpy (timex.value, weekend ? "XXXX-WXX-WE" : "XXXX-WXX", sizeof timex.value);
                timex.granularity = weekend ? "weekend" : "week";
                timex.flags |= ANNALS_TIMEX_UNRESOLVED;
              }
            emit (finder, &timex, i, unit + 1);
            return unit + 1;
          }
        if (is_season (tokens, unit, season, sizeof season))
          {
            int year = ref_year;

            /* "next autumn" said in autumn is a year away; said in June it
             * is this year's. */
            if (year != 0 && direction != 0)
              {
                int ref_month = ref->precision >= ANNALS_PRECISION_MONTH ? ref->month : 6;
                int season_start = strcmp (season, "spring") == 0 ? 3 : strcmp (season, "summer") == 0 ? 6 :
                                   strcmp (season, "winter") == 0 ? 12 : 9;

                if (direction > 0 && ref_month >= season_start)
                  year++;
                else if (direction < 0 && ref_month < season_start + 3)
                  year--;
              }
            set_season (&timex, year, season);
            emit (finder, &timex, i, unit + 1);
            return unit + 1;
          }
      }
  }

  /* "the end of the month", "the beginning of this year" */
  if (lower_is (tokens, i, "end") || lower_is (tokens, i, "beginning") || lower_is (tokens, i, "start") ||
      lower_is (tokens, i, "middle"))
    {
      if (lower_is (tokens, i + 1, "of") && lower_is (tokens, i + 2, "the") &&
          (lower_is (tokens, i + 3, "month") || lower_is (tokens, i + 3, "year")))
        {
          if (lower_is (tokens, i + 3, "month") && ref->precision >= ANNALS_PRECISION_MONTH)
            annals_date_set_month (&timex.start, ref_year, ref->month);
          else if (lower_is (tokens, i + 3, "year") && ref_year != 0)
            annals_date_set_year (&timex.start, ref_year);
          else
            {
              g_strlcpy (timex.value, "XXXX-XX", sizeof timex.value);
              timex.flags |= ANNALS_TIMEX_UNRESOLVED;
            }
          emit (finder, &timex, i, i + 4);
          return i + 4;
        }
      return index;
    }

  /* "in the fall of this year", "summer of 2022", "in autumn" */
  if (is_season (tokens, i, season, sizeof season))
    {
      int year = 0;
      guint after = i + 1;

      if (lower_is (tokens, after, "of") && is_year (tokens, after + 1, &year))
        after += 2;
      else if (lower_is (tokens, after, "of") && lower_is (tokens, after + 1, "this") &&
               lower_is (tokens, after + 2, "year"))
        {
          year = ref_year;
          after += 3;
        }
      else if (is_year (tokens, after, &year))
        after += 1;
      else if (i > 0 && (lower_is (tokens, i - 1, "in") || lower_is (tokens, i - 1, "the")))
        year = ref_year;
      else
        return index;

      set_season (&timex, year, season);
      emit (finder, &timex, i, after);
      return after;
    }

  /* References: "now", "currently", "recently", "in the future" */
  if (lower_is (tokens, i, "now") || lower_is (tokens, i, "currently") || lower_is (tokens, i, "nowadays"))
    {
      g_strlcpy (timex.value, "PRESENT_REF", sizeof timex.value);
      timex.flags |= ANNALS_TIMEX_REFERENCE;
      timex.granularity = "reference";
      emit (finder, &timex, i, i + 1);
      return i + 1;
    }
  if (lower_is (tokens, i, "recently") || lower_is (tokens, i, "previously") || lower_is (tokens, i, "formerly"))
    {
      g_strlcpy (timex.value, "PAST_REF", sizeof timex.value);
      timex.flags |= ANNALS_TIMEX_REFERENCE;
      timex.granularity = "reference";
      emit (finder, &timex, i, i + 1);
      return i + 1;
    }
  if (lower_is (tokens, i, "future") && i > 1 && lower_is (tokens, i - 1, "the") && lower_is (tokens, i - 2, "in"))
    {
      g_strlcpy (timex.value, "FUTURE_REF", sizeof timex.value);
      timex.flags |= ANNALS_TIMEX_REFERENCE;
      timex.granularity = "reference";
      emit (finder, &timex, i - 2, i + 1);
      return i + 1;
    }

  return index;
}

/* "two-day", "12-day", "five years", "18 months"; "every year", "annual". */
/* The date @count units (D, W, M, Y or E for decades) before the
 * reference, at the unit's granularity; FALSE when the reference is not
 * fine enough for the unit. */
static gboolean
set_ago (Finder      *finder,
         AnnalsTimex *timex,
         int          count,
         char         unit)
{
  const AnnalsDate *reference = &finder->reference;
  AnnalsPrecision precision = annals_date_get_precision (reference);

  switch (unit)
    {
    case 'D':
    case 'W':
      {
        gint32 day;
        int year, month, d;

        if (precision != ANNALS_PRECISION_DAY)
          return FALSE;
        day = annals_date_get_first_day (reference) - count * (unit == 'W' ? 7 : 1);
        if (unit == 'W')
          {
            set_week (timex, day, FALSE);
            return TRUE;
          }
        annals_days_to_civil (day, &year, &month, &d);
        set_day_checked (&timex->start, year, month, d);
        return annals_date_is_set (&timex->start);
      }

    case 'M':
      {
        int months;

        if (precision < ANNALS_PRECISION_MONTH)
          return FALSE;
        months = reference->year * 12 + (reference->month - 1) - count;
        if (months < 12)
          return FALSE;
        set_month_checked (&timex->start, months / 12, months % 12 + 1);
        return annals_date_is_set (&timex->start);
      }

    case 'Y':
      if (precision < ANNALS_PRECISION_YEAR || reference->year - count < ANNALS_DATE_YEAR_MIN)
        return FALSE;
      annals_date_set_year (&timex->start, reference->year - count);
      return TRUE;

    case 'E':
      {
        int decade;

        if (precision < ANNALS_PRECISION_YEAR || reference->year - 10 * count < 0)
          return FALSE;
        decade = (reference->year - 10 * count) / 10;
        g_snprintf (timex->value, sizeof timex->value, "%03d", decade);
        timex->granularity = "decade";
        annals_date_set_year (&timex->start, decade * 10);
        annals_date_set_year (&timex->end, decade * 10 + 9);
        timex->flags |= ANNALS_TIMEX_RANGE;
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* "the 1980s" (the token "1980s"): value "198" */
static guint
match_decade (Finder *finder,
              guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  const AnnalsToken *token = annals_tokens_get (tokens, index);
  const char *text = tokens->text + token->start;
  AnnalsTimex timex = { 0 };
  int year;

  if (token->end - token->start != 5 || text[4] != 's' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || text[3] != '0')
    return index;

  /* "2,000s": a number; "mid-1990s": a decade */
  if (index > 0 && annals_tokens_is_joined (tokens, index) &&
      annals_tokens_get (tokens, index - 1)->type == ANNALS_TOKEN_PUNCT &&
      !(index > 1 && annals_tokens_is_dash (tokens, index - 1) &&
        (lower_is (tokens, index - 2, "mid") || lower_is (tokens, index - 2, "early") ||
         lower_is (tokens, index - 2, "late"))))
    return index;

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10;
  if (year < 1000)
    return index;

  g_snprintf (timex.value, sizeof timex.value, "%03d", year / 10);
  timex.granularity = "decade";
  annals_date_set_year (&timex.start, year);
  annals_date_set_year (&timex.end, year + 9);
  timex.flags |= ANNALS_TIMEX_RANGE | ANNALS_TIMEX_EXPLICIT_YEAR;

  /* "the late 1980s", "the mid-1990s": the decade, with its part named */
  {
    guint first = index;

    if (first > 1 && annals_tokens_is_dash (tokens, first - 1) &&
        (lower_is (tokens, first - 2, "mid") || lower_is (tokens, first - 2, "early") ||
         lower_is (tokens, first - 2, "late")))
      first -= 2;
    else if (first > 0 &&
             (lower_is (tokens, first - 1, "early") || lower_is (tokens, first - 1, "late")))
      first -= 1;
    emit (finder, &timex, first, index + 1);
  }

  return index + 1;
}

/* "Q1 2024", "the third quarter of 2021", "first-quarter", "the first
 * half of 2022". A quarter without a year is the last one that began
 * by the reference date, or in a sentence about the future the next one
 * not yet over. */
static guint
match_quarter (Finder *finder,
               guint   index)
{
  static const char * const ordinals[] = { "first", "second", "third", "fourth" };
  const AnnalsTokens *tokens = finder->tokens;
  AnnalsTimex timex = { 0 };
  char buffer[8];
  guint i = index;
  int part = 0, n_parts = 4, year = 0, first_month, last_month;

  annals_tokens_lower (tokens, i, buffer, sizeof buffer);
  if (buffer[0] == 'q' && buffer[1] >= '1' && buffer[1] <= '4' && buffer[2] == '\0')
    {
      part = buffer[1] - '0';
      i++;
    }
  else
    {
      for (guint o = 0; o < G_N_ELEMENTS (ordinals); o++)
        if (strcmp (buffer, ordinals[o]) == 0)
          part = (int) o + 1;
      if (part == 0)
        return index;
      i++;
      if (annals_tokens_is_dash (tokens, i) && annals_tokens_is_joined (tokens, i))
        i++;
      if (lower_is (tokens, i, "quarter"))
        n_parts = 4;
      else if (lower_is (tokens, i, "half") && part <= 2)
        n_parts = 2;
      else
        return index;
      /* "the first quarter-final" */
      if (annals_tokens_is_dash (tokens, i + 1) && annals_tokens_is_joined (tokens, i + 1))
        return index;
      i++;
    }

  if (is_year (tokens, i, &year))
    i++;
  else if (lower_is (tokens, i, "of") && is_year (tokens, i + 1, &year))
    i += 2;
  else if (n_parts == 2)
    return index;   /* "the first half" of a match, not of a year */

  first_month = (part - 1) * (12 / n_parts) + 1;
  last_month = part * (12 / n_parts);

  if (year != 0)
    timex.flags |= ANNALS_TIMEX_EXPLICIT_YEAR;
  else if ((year = reference_year (finder)) != 0)
    {
      timex.flags |= ANNALS_TIMEX_RELATIVE;
      if (annals_date_get_precision (&finder->reference) >= ANNALS_PRECISION_MONTH)
        {
          int month = finder->reference.month;

          if (sentence_tense (finder, index) == TENSE_FUTURE)
            {
              if (last_month < month)
                year++;
            }
          else if (first_month > month)
            year--;
        }
    }

  timex.granularity = n_parts == 4 ? "quarter" : "half";
  if (year == 0)
    {
      g_snprintf (timex.value, sizeof timex.value, "XXXX-%c%d", n_parts == 4 ? 'Q' : 'H', part);
      timex.flags |= ANNALS_TIMEX_UNRESOLVED;
    }
  else
    {
      g_snprintf (timex.value, sizeof timex.value, "%04d-%c%d", year, n_parts == 4 ? 'Q' : 'H', part);
      annals_date_set_month (&timex.start, year, first_month);
      annals_date_set_month (&timex.end, year, last_month);
      timex.flags |= ANNALS_TIMEX_RANGE;
    }
  emit (finder, &timex, index, i);

  return i;
}

static guint
match_duration (Finder *finder,
                guint   index)
{
  const AnnalsTokens *tokens = finder->tokens;
  static const struct { const char *word; char unit; } units[] = {
    { "day", 'D' }, { "days", 'D' }, { "week", 'W' }, { "weeks", 'W' },
    { "month", 'M' }, { "months", 'M' }, { "year", 'Y' }, { "years", 'Y' },
    { "decade", 'E' }, { "decades", 'E' },
  };
  AnnalsTimex timex = { 0 };
  guint i = index;
  int count;

  if ((lower_is (tokens, i, "every") || lower_is (tokens, i, "each")) && i + 1 < finder->n_tokens)
    {
      for (guint u = 0; u < G_N_ELEMENTS (units); u++)
        if (annals_tokens_equal (tokens, i + 1, units[u].word, TRUE))
          {
            timex.type = ANNALS_TIMEX_SET;
            g_snprintf (timex.value, sizeof timex.value, "P1%c", units[u].unit);
            timex.granularity = "set";
            emit (finder, &timex, i, i + 2);
            return i + 2;
          }
      return index;
    }

  if (lower_is (tokens, i, "annual") || lower_is (tokens, i, "annually") || lower_is (tokens, i, "yearly"))
    {
      timex.type = ANNALS_TIMEX_SET;
      g_strlcpy (timex.value, "P1Y", sizeof timex.value);
      timex.granularity = "set";
      emit (finder, &timex, i, i + 1);
      return i + 1;
    }

  count = number_word_of (tokens, i);
  if (count <= 0 || count > 1000)
    return index;

  {
    guint j = i + 1;

    if (annals_tokens_is_dash (tokens, j) && annals_tokens_is_joined (tokens, j))
      j++;
    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      if (annals_tokens_equal (tokens, j, units[u].word, TRUE))
        {
          /* "three days ago", "a year ago": a date before the reference */
          /* "a year earlier", said of the time of the article */
          if (j == i + 1 && (lower_is (tokens, j + 1, "ago") || lower_is (tokens, j + 1, "earlier")) &&
              set_ago (finder, &timex, count, units[u].unit))
            {
              timex.flags |= ANNALS_TIMEX_RELATIVE;
              /* "earlier" may count from another date than the article's */
              if (lower_is (tokens, j + 1, "earlier"))
                timex.flags |= ANNALS_TIMEX_APPROXIMATE;
              if (i > 0 &&
                  (lower_is (tokens, i - 1, "over") || lower_is (tokens, i - 1, "nearly") ||
                   lower_is (tokens, i - 1, "almost") || lower_is (tokens, i - 1, "about") ||
                   lower_is (tokens, i - 1, "around") || lower_is (tokens, i - 1, "some") ||
                   lower_is (tokens, i - 1, "roughly") ||
                   (i > 1 && lower_is (tokens, i - 1, "than") &&
                    (lower_is (tokens, i - 2, "more") || lower_is (tokens, i - 2, "less")))))
                timex.flags |= ANNALS_TIMEX_APPROXIMATE;
              emit (finder, &timex, i, j + 2);
              return j + 2;
            }

          /* "a year later" is not a duration of an event; keep "a" for
           * "a year" only after "for". */
          if (annals_tokens_get (tokens, i)->type == ANNALS_TOKEN_WORD && count == 1 &&
              !(i > 0 && lower_is (tokens, i - 1, "for")))
            return index;

          /* "last year" has been matched before; "2 years" needs a number */
          timex.type = ANNALS_TIMEX_DURATION;
          if (units[u].unit == 'E')
            g_snprintf (timex.value, sizeof timex.value, "P%dE", count);
          else
            g_snprintf (timex.value, sizeof timex.value, "P%d%c", count, units[u].unit);
          timex.granularity = "duration";
          emit (finder, &timex, i, j + 1);
          return j + 1;
        }
  }

  return index;
}

int
annals_timex_main_year (const AnnalsTokens *tokens)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int best = 0;
  guint best_count = 0;

  for (guint i = 0; i < tokens->tokens->len; i++)
    {
      int year;

      if (is_year (tokens, i, &year) && year >= 1900)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (year))) + 1;

          g_hash_table_insert (counts, GINT_TO_POINTER (year), GUINT_TO_POINTER (count));
          if (count > best_count || (count == best_count && year > best))
            {
              best = year;
              best_count = count;
            }
        }
    }

  return best;
}

/* Whether the line before token @index holds running text (many words). */
static gboolean
previous_line_is_long (const AnnalsTokens *tokens,
                       guint               index)
{
  guint count = 0;

  for (guint i = index; i > 0 && count < 40; i--)
    {
      count++;
      if ((annals_tokens_get (tokens, i - 1)->flags & ANNALS_TOKEN_NEWLINE_BEFORE) != 0)
        break;
    }

  return count >= 40;
}

void
annals_dateline_find (const AnnalsTokens *tokens,
                      AnnalsDateline     *dateline)
{
  AnnalsGazetteer *gazetteer = annals_gazetteer_get_default ();
  guint n = tokens->tokens->len;
  guint paragraphs = 0;

  memset (dateline, 0, sizeof *dateline);

  /* The dateline opens the first paragraph of running text; headings,
   * kickers and page furniture may come before it. */
  for (guint start = 0; start < n && paragraphs < 8; start++)
    {
      const AnnalsToken *token = annals_tokens_get (tokens, start);
      g_autoptr(GString) place = NULL;
      guint i = start;
      int month = 0, day = 0, year = 0;
      gboolean known_place = FALSE;

      if ((token->flags & ANNALS_TOKEN_NEWLINE_BEFORE) == 0)
        continue;
      paragraphs++;
      if (start > 0 && previous_line_is_long (tokens, start))
        break;

      /* The place: up to four capitalized words. */
      place = g_string_new (NULL);
      while (i < n && i < start + 4 && annals_tokens_get (tokens, i)->type == ANNALS_TOKEN_WORD &&
             g_unichar_isupper (annals_tokens_get (tokens, i)->first))
        {
          const AnnalsToken *word = annals_tokens_get (tokens, i);
          g_autofree char *text = g_strndup (tokens->text + word->start, word->end - word->start);

          if ((word->flags & ANNALS_TOKEN_ALL_CAPS) != 0)
            {
              g_autofree char *lower = g_utf8_strdown (text, -1);
              g_autofree char *rest = g_strdup (g_utf8_next_char (lower));
              char first[8] = { 0 };

              g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (lower)), first);
              g_free (text);
              text = g_strconcat (first, rest, NULL);
            }
          if (place->len > 0)
            g_string_append_c (place, ' ');
          g_string_append (place, text);
          i++;
        }

      if (i == start)
        continue;

      {
        const AnnalsPlace *entry = annals_gazetteer_lookup (gazetteer, place->str);
        known_place = entry != NULL && entry->type != ANNALS_PLACE_DEMONYM;
      }

      if (is_punct (tokens, i, ','))
        {
          guint j = i + 1;

          if ((month = annals_timex_month_of (tokens, j)) != 0)
            {
              j = skip_month_period (tokens, j + 1);
              if (!is_day (tokens, j, &day))
                continue;
              j++;
            }
          else if (is_day (tokens, j, &day) && (month = annals_timex_month_of (tokens, j + 1)) != 0)
            j = skip_month_period (tokens, j + 2);
          else if (!known_place)
            continue;

          if (month != 0)
            j = match_trailing_year (tokens, j, &year);
          if (month == 0 && !known_place)
            continue;

          /* The end: "(ABC):", "/TASS/.", ", Asia-Plus --", "-", ":" */
          while (j < n && j < i + 16)
            {
              const AnnalsToken *t = annals_tokens_get (tokens, j);

              if (t->type == ANNALS_TOKEN_PUNCT && (t->first == ':' || t->first == 0x2013 || t->first == 0x2014 ||
                                                     t->first == '-'))
                {
                  j++;
                  while (j < n && annals_tokens_is_dash (tokens, j))
                    j++;
                  break;
                }
              if (t->type == ANNALS_TOKEN_PUNCT && t->first == '.' && j + 1 < n &&
                  g_unichar_isupper (annals_tokens_get (tokens, j + 1)->first) &&
                  annals_tokens_get (tokens, j + 1)->type == ANNALS_TOKEN_WORD &&
                  (annals_tokens_get (tokens, j + 1)->flags & ANNALS_TOKEN_SPACE_BEFORE) != 0 &&
                  j > i + 3)
                {
                  j++;
                  break;
                }
              j++;
            }

          dateline->first_token = start;
          dateline->last_token = j;
          g_strlcpy (dateline->place, known_place ? place->str : "", sizeof dateline->place);
          if (month != 0)
            {
              dateline->date.year = year;
              dateline->date.month = month;
              dateline->date.day = day;
              dateline->date.precision = ANNALS_PRECISION_DAY;
              dateline->has_year = year != 0;
            }
          return;
        }

      /* "New Delhi:", "BANGKOK –" */
      if (known_place &&
          (is_punct (tokens, i, ':') || is_punct (tokens, i, 0x2013) || is_punct (tokens, i, 0x2014) ||
           (annals_tokens_is_dash (tokens, i) && !annals_tokens_is_joined (tokens, i))))
        {
          dateline->first_token = start;
          dateline->last_token = i + 1;
          g_strlcpy (dateline->place, place->str, sizeof dateline->place);
          return;
        }
    }
}

gboolean
annals_timex_infer_published (const AnnalsTokens   *tokens,
                              const AnnalsDateline *dateline,
                              AnnalsDate           *published)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int weekdays[8] = { 0 };
  guint n = tokens->tokens->len;
  guint limit;

  annals_date_clear (published);

  if (dateline->last_token == 0 || dateline->date.month == 0)
    {
      int year = annals_timex_main_year (tokens);
      if (year == 0)
        return FALSE;
      annals_date_set_year (published, year);
      return FALSE;
    }

  if (dateline->has_year)
    return annals_date_set_day (published, dateline->date.year, dateline->date.month, dateline->date.day);

  /* Weekdays named in the dateline's sentence and the next one. */
  {
    guint lead = annals_tokens_get (tokens, dateline->first_token)->sentence;

    limit = n;
    if (tokens->sentences->len > lead + 2)
      limit = g_array_index (tokens->sentences, AnnalsSentence, lead + 2).first;
  }
  for (guint i = dateline->first_token; i < limit; i++)
    {
      int weekday = weekday_of (tokens, i);
      if (weekday != 0)
        weekdays[weekday] = 1;
    }

  for (guint i = 0; i < n; i++)
    {
      int year;
      if (is_year (tokens, i, &year))
        g_array_append_val (years, year);
    }

  /* The years named, then the years around them (an article may name
   * only last year's or next year's events): first one whose weekday for
   * the dateline's day is a weekday of the lead, then one where the lead's
   * weekday is the day before (a report of yesterday's news). */
  for (int pass = 0; pass < 6; pass++)
    for (guint y = 0; y < years->len; y++)
      {
        static const int offsets[] = { 0, -1, 1 };
        int year = g_array_index (years, int, y) + offsets[pass % 3];
        gint32 day;
        int weekday;

        if (annals_days_in_month (year, dateline->date.month) < dateline->date.day)
          continue;
        day = annals_days_from_civil (year, dateline->date.month, dateline->date.day);
        weekday = annals_days_get_weekday (day);
        if ((pass < 3 && weekdays[weekday]) ||
            (pass >= 3 && weekdays[weekday == 1 ? 7 : weekday - 1]))
          return annals_date_set_day (published, year, dateline->date.month, dateline->date.day);
      }

  if (years->len > 0)
    {
      int year = annals_timex_main_year (tokens);
      return annals_date_set_day (published, year, dateline->date.month, dateline->date.day);
    }

  return FALSE;
}

/* "from yesterday to Saturday", "from Monday until June 2": two
 * expressions joined into one range. */
static void
merge_ranges (Finder *finder)
{
  const AnnalsTokens *tokens = finder->tokens;
  GArray *result = finder->result;

  for (guint t = 0; t + 1 < result->len; t++)
    {
      AnnalsTimex *a = &g_array_index (result, AnnalsTimex, t);
      AnnalsTimex *b = &g_array_index (result, AnnalsTimex, t + 1);

      if (a->first_token == 0 || !(lower_is (tokens, a->first_token - 1, "from") ||
                                   lower_is (tokens, a->first_token - 1, "between")))
        continue;
      if (b->first_token != a->last_token + 1 || !is_range_joiner (tokens, a->last_token))
        continue;
      if ((a->flags | b->flags) & ANNALS_TIMEX_RANGE || a->type != ANNALS_TIMEX_DATE || b->type != ANNALS_TIMEX_DATE ||
          !annals_date_is_set (&a->start) || !annals_date_is_set (&b->start))
        continue;

      a->end = b->start;
      a->last_token = b->last_token;
      a->char_end = b->char_end;
      a->flags |= ANNALS_TIMEX_RANGE;
      a->flags &= ~(ANNALS_TIMEX_UNTIL | ANNALS_TIMEX_BARE_YEAR);
      a->value[0] = '\0';
      a->granularity = NULL;
      set_value_from_dates (a);
      g_array_remove_index (result, t + 1);
    }
}

/* The words a temporal expression can start with; any other word is
 * skipped at once. */
static gboolean
is_trigger (const AnnalsTokens *tokens,
            guint               index)
{
  static GHashTable *triggers;
  const AnnalsToken *token = annals_tokens_get (tokens, index);
  char buffer[16];

  if (g_once_init_enter (&triggers))
    {
      static const char * const words[] = {
        "today", "yesterday", "tomorrow", "tonight", "early", "mid", "late",
        "earlier", "later", "this", "current", "next", "coming", "last", "past",
        "previous", "end", "beginning", "start", "middle", "now", "currently",
        "nowadays", "recently", "previously", "formerly", "future", "every",
        "each", "annual", "annually", "yearly", "a", "an", "spring", "summer",
        "autumn", "fall", "winter", "sept", "first", "second", "third", "fourth", "weekend", "latest",
        "q1", "q2", "q3", "q4",
      };
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        g_hash_table_add (table, (gpointer) words[i]);
      for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
        g_hash_table_add (table, (gpointer) month_names[i]);
      for (guint i = 0; i < G_N_ELEMENTS (weekday_names); i++)
        g_hash_table_add (table, (gpointer) weekday_names[i]);
      for (guint i = 0; i < G_N_ELEMENTS (number_words); i++)
        g_hash_table_add (table, (gpointer) number_words[i]);
      g_once_init_leave (&triggers, table);
    }

  /* No trigger word is longer than ten letters ("previously"). */
  if (token->end - token->start > 10)
    return FALSE;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  if (g_hash_table_contains (triggers, buffer))
    return TRUE;

  /* "Aug", "Sept", "Nov": month abbreviations */
  if (token->end - token->start == 3)
    for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
      if (strncmp (buffer, month_names[i], 3) == 0)
        return TRUE;

  return FALSE;
}

GArray *
annals_timex_find (const AnnalsTokens   *tokens,
                   const AnnalsDate     *reference,
                   const AnnalsDateline *dateline)
{
  Finder finder = { 0 };

  finder.tokens = tokens;
  finder.n_tokens = tokens->tokens->len;
  finder.result = g_array_new (FALSE, FALSE, sizeof (AnnalsTimex));
  if (reference != NULL)
    finder.reference = *reference;

  for (guint i = 0; i < finder.n_tokens;)
    {
      const AnnalsToken *token = annals_tokens_get (tokens, i);
      guint next = i;
      guint before = finder.result->len;

      if (token->type == ANNALS_TOKEN_NUMBER)
        {
          next = match_decade (&finder, i);
          if (next == i)
            next = match_iso (&finder, i);
          if (next == i)
            next = match_day_first (&finder, i);
          if (next == i)
            next = match_year (&finder, i);
          if (next == i)
            next = match_duration (&finder, i);
        }
      else if (token->type == ANNALS_TOKEN_WORD && is_trigger (tokens, i))
        {
          if (g_unichar_isupper (token->first))
            next = match_month_first (&finder, i);
          if (next == i)
            next = match_quarter (&finder, i);
          if (next == i)
            next = match_relative (&finder, i);
          if (next == i)
            next = match_duration (&finder, i);
        }

      if (dateline != NULL && dateline->last_token > 0)
        for (guint t = before; t < finder.result->len; t++)
          {
            AnnalsTimex *timex = &g_array_index (finder.result, AnnalsTimex, t);
            if (timex->first_token >= dateline->first_token && timex->last_token <= dateline->last_token)
              timex->flags |= ANNALS_TIMEX_DATELINE;
          }

      i = next > i ? next : i + 1;
    }

  merge_ranges (&finder);

  return finder.result;
}
