/* annals-eval.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-eval"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "annals-eval.h"

G_DEFINE_QUARK (annals-eval-error-quark, annals_eval_error)

static const char * const stop_words[] = {
  "the", "a", "an", "of", "on", "in", "and", "for", "to", "at", "with", "by", "s",
};

void
annals_gold_event_free (AnnalsGoldEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->title);
  g_free (event->host_place);
  g_free (event->evidence);
  g_free (event);
}

static int
column_of (char      **header,
           const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (strcmp (g_strstrip (header[i]), name) == 0)
      return i;
  return -1;
}

static const char *
field (char **fields,
       guint  n_fields,
       int    column)
{
  if (column < 0 || (guint) column >= n_fields)
    return "";
  return fields[column];
}

GPtrArray *
annals_gold_parse (const char *data,
                   gsize       length,
                   const char *display_name,
                   GError    **error)
{
  static const char * const required[] = { "title", "kind", "start", "end", "status", "host_country" };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) annals_gold_event_free);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  int columns[8];

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                   _("%s: not valid UTF-8"), display_name);
      return NULL;
    }

  copy = g_strndup (data, length);
  lines = g_strsplit (copy, "\n", -1);
  if (lines[0] == NULL || lines[0][0] == '\0')
    {
      g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                   _("%s:1:1: the header row is missing"), display_name);
      return NULL;
    }

  g_strchomp (lines[0]);
  header = g_strsplit (lines[0], "\t", -1);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      columns[i] = column_of (header, required[i]);
      if (columns[i] < 0)
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:1:1: no “%s” column in the header row"), display_name, required[i]);
          return NULL;
        }
    }
  columns[6] = column_of (header, "host_place");
  columns[7] = column_of (header, "evidence");

  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) date_error = NULL;
      AnnalsGoldEvent *event;
      guint n_fields;
      const char *value;

      g_strchomp (lines[l]);
      if (lines[l][0] == '\0')
        continue;

      fields = g_strsplit (lines[l], "\t", -1);
      n_fields = g_strv_length (fields);

      event = g_new0 (AnnalsGoldEvent, 1);
      g_ptr_array_add (events, event);
      event->title = g_strdup (field (fields, n_fields, columns[0]));
      event->host_place = g_strdup (field (fields, n_fields, columns[6]));
      event->evidence = g_strdup (field (fields, n_fields, columns[7]));

      if (!annals_event_kind_from_string (field (fields, n_fields, columns[1]), &event->kind))
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:%u: unknown kind “%s”"), display_name, l + 1, field (fields, n_fields, columns[1]));
          return NULL;
        }
      if (!annals_event_status_from_string (field (fields, n_fields, columns[4]), &event->status))
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:%u: unknown status “%s”"), display_name, l + 1, field (fields, n_fields, columns[4]));
          return NULL;
        }

      value = field (fields, n_fields, columns[2]);
      if (value[0] != '\0' && !annals_date_parse (&event->start, value, &date_error))
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:%u: bad start date: %s"), display_name, l + 1, date_error->message);
          return NULL;
        }
      value = field (fields, n_fields, columns[3]);
      if (value[0] != '\0' && !annals_date_parse (&event->end, value, &date_error))
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:%u: bad end date: %s"), display_name, l + 1, date_error->message);
          return NULL;
        }

      value = field (fields, n_fields, columns[5]);
      if (strlen (value) == 2)
        g_strlcpy (event->host_country, value, sizeof event->host_country);
      else if (value[0] != '\0')
        {
          g_set_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE,
                       _("%s:%u: “%s” is not a country code"), display_name, l + 1, value);
          return NULL;
        }
    }

  return g_steal_pointer (&events);
}

GPtrArray *
annals_gold_load (const char *path,
                  GError    **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return annals_gold_parse (contents, length, path, error);
}

static GPtrArray *
content_words (const char *title)
{
  g_autofree char *key = annals_event_normalize_title (title);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  /* Brackets and punctuation separate words too. */
  for (char *p = key; *p != '\0'; p++)
    if (*p == '(' || *p == ')' || *p == ',' || *p == ';' || *p == ':' || *p == '-' || *p == '\'')
      *p = ' ';

  parts = g_strsplit (key, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean stop = parts[i][0] == '\0';

      for (guint s = 0; s < G_N_ELEMENTS (stop_words) && !stop; s++)
        stop = strcmp (parts[i], stop_words[s]) == 0;
      if (!stop)
        g_ptr_array_add (words, g_strdup (parts[i]));
    }

  return words;
}

static gboolean
contains_words (GPtrArray *outer,
                GPtrArray *inner)
{
  if (inner->len == 0 || inner->len > outer->len)
    return FALSE;

  for (guint i = 0; i + inner->len <= outer->len; i++)
    {
      guint j = 0;

      while (j < inner->len && strcmp (g_ptr_array_index (outer, i + j), g_ptr_array_index (inner, j)) == 0)
        j++;
      if (j == inner->len)
        return TRUE;
    }

  return FALSE;
}

gboolean
annals_eval_titles_agree (const char *a,
                          const char *b,
                          double     *similarity)
{
  g_autoptr(GPtrArray) wa = content_words (a);
  g_autoptr(GPtrArray) wb = content_words (b);
  guint common = 0;
  double dice;

  if (wa->len == 0 || wb->len == 0)
    {
      *similarity = 0;
      return FALSE;
    }

  for (guint i = 0; i < wa->len; i++)
    for (guint j = 0; j < wb->len; j++)
      if (strcmp (g_ptr_array_index (wa, i), g_ptr_array_index (wb, j)) == 0)
        {
          common++;
          break;
        }

  dice = 2.0 * common / (wa->len + wb->len);
  *similarity = dice;

  if (contains_words (wa, wb) || contains_words (wb, wa))
    {
      *similarity = MAX (dice, 0.75);
      return TRUE;
    }

  return dice >= 0.5;
}

typedef struct
{
  guint  gold;
  guint  predicted;
  double score;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a;
  const Pair *pb = b;

  return (pa->score < pb->score) - (pa->score > pb->score);
}

static gboolean
same_host (const char *gold,
           const char *predicted)
{
  return g_strcmp0 (gold[0] != '\0' ? gold : NULL, predicted) == 0;
}

static gboolean
same_year (const AnnalsDate *gold,
           const AnnalsDate *predicted)
{
  if (!annals_date_is_set (gold) || predicted == NULL || !annals_date_is_set (predicted))
    return !annals_date_is_set (gold) && (predicted == NULL || !annals_date_is_set (predicted));
  return gold->year == predicted->year;
}

void
annals_eval_score (GPtrArray        *gold,
                   AnnalsEventSet   *predicted,
                   double            min_confidence,
                   AnnalsEvalCounts *counts,
                   GString          *details)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autofree int *gold_match = NULL;
  g_autofree int *predicted_match = NULL;
  GPtrArray *all = annals_event_set_get_events (predicted);

  for (guint i = 0; i < all->len; i++)
    if (annals_event_get_confidence (g_ptr_array_index (all, i)) >= min_confidence)
      g_ptr_array_add (events, g_ptr_array_index (all, i));

  for (guint g = 0; g < gold->len; g++)
    for (guint p = 0; p < events->len; p++)
      {
        const AnnalsGoldEvent *expected = g_ptr_array_index (gold, g);
        AnnalsEvent *event = g_ptr_array_index (events, p);
        const AnnalsDate *start = annals_event_get_start (event);
        Pair pair = { g, p, 0 };
        double similarity;

        if (annals_event_get_kind (event) != expected->kind)
          continue;

        if (annals_eval_titles_agree (expected->title, annals_event_get_title (event), &similarity))
          {
            /* Between equally good titles, the one with the right year
             * and host is the better pair. */
            pair.score = 2 + similarity;
            if (start != NULL && annals_date_is_set (start) && annals_date_is_set (&expected->start) &&
                start->year == expected->start.year)
              pair.score += 0.1;
            if (expected->host_country[0] != '\0' &&
                g_strcmp0 (expected->host_country, annals_event_get_host_country (event)) == 0)
              pair.score += 0.05;
          }
        else if (expected->host_country[0] != '\0' &&
                 g_strcmp0 (expected->host_country, annals_event_get_host_country (event)) == 0 &&
                 annals_date_is_set (&expected->start) && start != NULL && annals_date_is_set (start) &&
                 start->year == expected->start.year)
          pair.score = 1;
        else
          continue;

        g_array_append_val (pairs, pair);
      }

  g_array_sort (pairs, compare_pairs);
  gold_match = g_new (int, gold->len + 1);
  predicted_match = g_new (int, events->len + 1);
  for (guint g = 0; g < gold->len; g++)
    gold_match[g] = -1;
  for (guint p = 0; p < events->len; p++)
    predicted_match[p] = -1;

  for (guint i = 0; i < pairs->len; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);

      if (gold_match[pair->gold] >= 0 || predicted_match[pair->predicted] >= 0)
        continue;
      gold_match[pair->gold] = pair->predicted;
      predicted_match[pair->predicted] = pair->gold;
    }

  counts->n_gold += gold->len;
  counts->n_predicted += events->len;

  for (guint g = 0; g < gold->len; g++)
    {
      const AnnalsGoldEvent *expected = g_ptr_array_index (gold, g);
      g_autofree char *gold_start = annals_date_to_iso (&expected->start);

      if (gold_match[g] >= 0)
        {
          AnnalsEvent *event = g_ptr_array_index (events, gold_match[g]);
          g_autofree char *start = annals_event_get_start (event) ? annals_date_to_iso (annals_event_get_start (event)) : NULL;
          gboolean year_ok = same_year (&expected->start, annals_event_get_start (event));
          gboolean host_ok = same_host (expected->host_country, annals_event_get_host_country (event));
          gboolean status_ok = expected->status == annals_event_get_status (event);

          counts->n_matched++;
          counts->year_correct += year_ok;
          counts->host_correct += host_ok;
          counts->status_correct += status_ok;

          if (details != NULL)
            g_string_append_printf (details, "  match  %s%s%s  “%s” = “%s” (%s %s %s)\n",
                                    year_ok ? "" : "[year] ", host_ok ? "" : "[host] ",
                                    status_ok ? "" : "[status] ",
                                    expected->title, annals_event_get_title (event),
                                    start ? start : "-", annals_event_get_host_country (event) ?
                                    annals_event_get_host_country (event) : "-",
                                    annals_event_status_to_string (annals_event_get_status (event)));
        }
      else if (details != NULL)
        g_string_append_printf (details, "  missed “%s” (%s %s %s)\n", expected->title,
                                annals_event_kind_to_string (expected->kind),
                                gold_start ? gold_start : "-",
                                expected->host_country[0] ? expected->host_country : "-");
    }

  for (guint p = 0; details != NULL && p < events->len; p++)
    if (predicted_match[p] < 0)
      {
        AnnalsEvent *event = g_ptr_array_index (events, p);
        g_autofree char *start = annals_event_get_start (event) ? annals_date_to_iso (annals_event_get_start (event)) : NULL;

        g_string_append_printf (details, "  extra  “%s” (%s %s %s %.2f)\n", annals_event_get_title (event),
                                annals_event_kind_to_string (annals_event_get_kind (event)),
                                start ? start : "-",
                                annals_event_get_host_country (event) ? annals_event_get_host_country (event) : "-",
                                annals_event_get_confidence (event));
      }
}

double
annals_eval_precision (const AnnalsEvalCounts *counts)
{
  return counts->n_predicted > 0 ? (double) counts->n_matched / counts->n_predicted : 0;
}

double
annals_eval_recall (const AnnalsEvalCounts *counts)
{
  return counts->n_gold > 0 ? (double) counts->n_matched / counts->n_gold : 0;
}

double
annals_eval_f1 (const AnnalsEvalCounts *counts)
{
  double p = annals_eval_precision (counts);
  double r = annals_eval_recall (counts);

  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}
