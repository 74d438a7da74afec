/* annals-timex.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-model.h"
#include "annals-tokenizer.h"

G_BEGIN_DECLS

/* Temporal expressions of English news text, normalized against a
 * reference date (the publication date, or only a year when the text
 * gives nothing finer) in the conventions of TimeML's TIMEX3: values such
 * as 2022-08-26, 2022-08, 2022, 2022-W34, 2022-SU, PRESENT_REF, P2D.
 *
 * A weekday, a month without a year or a day without a month are
 * resolved with the tense of their sentence: on or after the reference
 * date when the sentence speaks of the future ("will", "is to", "due"),
 * on or before it otherwise. */

typedef enum
{
  ANNALS_TIMEX_DATE,
  ANNALS_TIMEX_TIME,
  ANNALS_TIMEX_DURATION,
  ANNALS_TIMEX_SET,
} AnnalsTimexType;

typedef enum
{
  ANNALS_TIMEX_EXPLICIT_YEAR = 1 << 0,  /* the year is written */
  ANNALS_TIMEX_RELATIVE      = 1 << 1,  /* "today", "on Friday", "last week" */
  ANNALS_TIMEX_RANGE         = 1 << 2,  /* start and end */
  ANNALS_TIMEX_REFERENCE     = 1 << 3,  /* PRESENT_REF, PAST_REF, FUTURE_REF */
  ANNALS_TIMEX_UNTIL         = 1 << 4,  /* "until October 14": an end */
  ANNALS_TIMEX_SINCE         = 1 << 5,  /* "since 2003": a beginning of a series */
  ANNALS_TIMEX_DATELINE      = 1 << 6,  /* part of the dateline */
  ANNALS_TIMEX_UNRESOLVED    = 1 << 7,  /* no reference date to resolve it */
  ANNALS_TIMEX_BARE_YEAR     = 1 << 8,  /* a year alone */
  ANNALS_TIMEX_APPROXIMATE   = 1 << 9,  /* "more than a year ago", "a year earlier": too loose to date an event */
} AnnalsTimexFlags;

typedef struct
{
  guint       first_token;  /* tokens [first_token, last_token) */
  guint       last_token;
  guint       char_start;   /* characters of the text, end exclusive */
  guint       char_end;
  guint16     type;         /* AnnalsTimexType */
  guint16     flags;        /* AnnalsTimexFlags */
  AnnalsDate  start;        /* unset for durations, sets and references */
  AnnalsDate  end;          /* set for ranges only */
  const char *granularity;  /* "day", "month", "year", "week", "season", … */
  char        value[48];    /* the TIMEX3 value */
} AnnalsTimex;

/* Where the dateline of an article is ("BEIJING, Aug 26 (ABC):"), found
 * at the start of one of its first paragraphs. */
typedef struct
{
  guint      first_token;
  guint      last_token;  /* exclusive; 0 when there is no dateline */
  char       place[64];   /* the city as written, title case */
  AnnalsDate date;        /* month and day, or a full date; year 0 when absent */
  gboolean   has_year;
} AnnalsDateline;

void    annals_dateline_find          (const AnnalsTokens *tokens,
                                       AnnalsDateline     *dateline);

/* The publication date an article implies when it has no header: the
 * dateline's day, in the year among those the text names whose weekday
 * agrees with a weekday of the first sentences. FALSE when the text does
 * not say. */
gboolean annals_timex_infer_published (const AnnalsTokens   *tokens,
                                       const AnnalsDateline *dateline,
                                       AnnalsDate           *published);

/* The year the text names most often, 0 when it names none. */
int     annals_timex_main_year        (const AnnalsTokens *tokens);

/* Every temporal expression of the text, in order. @reference is the
 * publication date (day precision), a year only, or unset. */
GArray *annals_timex_find             (const AnnalsTokens   *tokens,
                                       const AnnalsDate     *reference,
                                       const AnnalsDateline *dateline);

/* Whether the sentence speaks of the future ("will", "is to", "due to",
 * "scheduled", "planned"), from its first token to @before. */
gboolean annals_timex_sentence_is_future (const AnnalsTokens *tokens,
                                          guint               sentence,
                                          guint               before);

/* Month (1–12) named by a token ("Aug", "Aug.", "August"), 0 if none. */
int     annals_timex_month_of         (const AnnalsTokens *tokens,
                                       guint               index);

G_END_DECLS
