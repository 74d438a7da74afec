/* annals-eval.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* Scoring the extractor against gold events.
 *
 * Gold files are tab-separated with a header row naming the columns
 * title, kind, start, end, status, host_country, host_place, evidence
 * (any order; extra columns are ignored).
 *
 * A predicted event (confidence ≥ the threshold, 0.5 by default) matches
 * a gold event of the same kind when their titles agree: the normalized
 * titles are equal, one contains the other word for word, or they share
 * at least half of their content words (Dice coefficient ≥ 0.5). An
 * event that matches no title may still match on host country and start
 * year when both are given and equal. Matching is one to one, best pairs
 * first. Start year and host accuracies are over matched pairs; two empty
 * values agree. */

typedef struct
{
  char            *title;
  AnnalsEventKind  kind;
  AnnalsDate       start;
  AnnalsDate       end;
  AnnalsEventStatus status;
  char             host_country[3];
  char            *host_place;
  char            *evidence;
} AnnalsGoldEvent;

typedef struct
{
  guint n_gold;
  guint n_predicted;
  guint n_matched;
  guint year_correct;
  guint host_correct;
  guint status_correct;
} AnnalsEvalCounts;

#define ANNALS_EVAL_ERROR (annals_eval_error_quark ())

typedef enum
{
  ANNALS_EVAL_ERROR_PARSE,
} AnnalsEvalError;

GQuark     annals_eval_error_quark   (void);

/* An array of AnnalsGoldEvent *. */
GPtrArray *annals_gold_load          (const char             *path,
                                      GError                **error);
GPtrArray *annals_gold_parse         (const char             *data,
                                      gsize                   length,
                                      const char             *display_name,
                                      GError                **error);
void       annals_gold_event_free    (AnnalsGoldEvent        *event);

/* Adds the counts of one article to @counts. When @details is not NULL,
 * one line per gold and predicted event is appended to it. */
void       annals_eval_score         (GPtrArray              *gold,
                                      AnnalsEventSet         *predicted,
                                      double                  min_confidence,
                                      AnnalsEvalCounts       *counts,
                                      GString                *details);

double     annals_eval_precision     (const AnnalsEvalCounts *counts);
double     annals_eval_recall        (const AnnalsEvalCounts *counts);
double     annals_eval_f1            (const AnnalsEvalCounts *counts);

/* Whether two event titles agree, in the sense above. */
gboolean   annals_eval_titles_agree  (const char             *a,
                                      const char             *b,
                                      double                 *similarity);

G_END_DECLS
