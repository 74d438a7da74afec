/* annals-gui-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-gui-format"

#include "config.h"

#include <glib/gi18n.h>

#include "annals-gui-format.h"

static const char *
describe_precision (AnnalsPrecision precision)
{
  switch (precision)
    {
    case ANNALS_PRECISION_YEAR:
      return _("year only");

    case ANNALS_PRECISION_MONTH:
      return _("month only");

    case ANNALS_PRECISION_DAY:
      return _("exact day");

    case ANNALS_PRECISION_NONE:
    default:
      return _("no date");
    }
}

char *
annals_format_event_dates (AnnalsEvent *event)
{
  const AnnalsDate *start;
  const AnnalsDate *end;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_val_if_fail (ANNALS_IS_EVENT (event), NULL);

  start = annals_event_get_start (event);
  end = annals_event_get_end (event);

  start_text = annals_date_format (start);
  if (!annals_date_is_set (start) || !annals_date_is_set (end) || annals_date_equal (start, end))
    return g_steal_pointer (&start_text);

  end_text = annals_date_format (end);

  /* Translators: a span of time, e.g. “August 2022 – 2023”. */
  return g_strdup_printf (_("%s – %s"), start_text, end_text);
}

char *
annals_format_event_dates_precise (AnnalsEvent *event)
{
  const AnnalsDate *start;
  const AnnalsDate *end;
  g_autofree char *dates = NULL;

  g_return_val_if_fail (ANNALS_IS_EVENT (event), NULL);

  start = annals_event_get_start (event);
  end = annals_event_get_end (event);
  dates = annals_format_event_dates (event);

  if (!annals_date_is_set (start))
    return g_strdup (_("Undated"));

  if (annals_date_is_set (end) &&
      annals_date_get_precision (end) != annals_date_get_precision (start))
    /* Translators: dates and how precisely each end is known, e.g.
     * “August 2022 – 2023 (month only, year only)”. */
    return g_strdup_printf (_("%s (%s, %s)"),
                            dates,
                            describe_precision (annals_date_get_precision (start)),
                            describe_precision (annals_date_get_precision (end)));

  /* Translators: a date and how precisely it is known, e.g. “2023 (year only)”. */
  return g_strdup_printf (_("%s (%s)"), dates, describe_precision (annals_date_get_precision (start)));
}

char *
annals_format_country (const char *code)
{
  const char *name;

  if (code == NULL || code[0] == '\0')
    return NULL;

  name = annals_country_get_name (code);

  return g_strdup (name != NULL ? name : code);
}

char *
annals_format_n_sources (guint n_sources)
{
  return g_strdup_printf (ngettext ("%u source", "%u sources", n_sources), n_sources);
}

guint
annals_event_count_sources (AnnalsEvent *event)
{
  guint n_mentions;
  guint n_sources = 0;

  g_return_val_if_fail (ANNALS_IS_EVENT (event), 0);

  /* Events have a handful of mentions: compare each with the ones before
   * rather than build a set. */
  n_mentions = annals_event_get_n_mentions (event);
  for (guint i = 0; i < n_mentions; i++)
    {
      const char *document_id = annals_event_get_mention (event, i)->document_id;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_strcmp0 (annals_event_get_mention (event, j)->document_id, document_id) == 0;

      if (!seen)
        n_sources++;
    }

  return n_sources;
}

char *
annals_format_event_count (guint n_shown,
                           guint n_total)
{
  if (n_shown == n_total)
    return g_strdup_printf (ngettext ("%'u event", "%'u events", n_total), n_total);

  /* Translators: how many events the search and filters let through, e.g.
   * “12 of 340 events”; the plural follows the total. The ' flag groups
   * thousands as the locale does. */
  return g_strdup_printf (ngettext ("%'u of %'u event", "%'u of %'u events", n_total), n_shown, n_total);
}
