/* annals-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-export"

#include "config.h"

#include <string.h>

#include "annals-export.h"
#include "annals-json.h"

/* CSV */

static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    last)
{
  if (text != NULL)
    {
      if (strpbrk (text, ",\"\r\n") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = text; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        {
          g_string_append (out, text);
        }
    }

  g_string_append (out, last ? "\r\n" : ",");
}

void
annals_export_csv_begin (GString *out)
{
  g_string_append (out,
                   "id,title,kind,start,end,status,host_country,host_place,"
                   "participants,confidence,mentions,sources\r\n");
}

static char *
date_to_iso (const AnnalsDate *date)
{
  if (date == NULL || !annals_date_is_set (date))
    return NULL;

  return annals_date_to_iso (date);
}

void
annals_export_csv_add_event (GString     *out,
                             AnnalsEvent *event)
{
  g_autofree char *start = date_to_iso (annals_event_get_start (event));
  g_autofree char *end = date_to_iso (annals_event_get_end (event));
  g_autofree char *participants = NULL;
  g_autofree char *mentions = NULL;
  g_autoptr(GString) confidence = g_string_new (NULL);
  g_autoptr(GString) sources = g_string_new (NULL);
  guint n_mentions = annals_event_get_n_mentions (event);

  if (annals_event_get_participants (event) != NULL)
    participants = g_strjoinv (";", (char **) annals_event_get_participants (event));

  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);

      if (i > 0)
        g_string_append_c (sources, ';');
      g_string_append_printf (sources, "%s:%u-%u",
                              mention->document_id, mention->start, mention->end);
    }

  annals_json_append_double (confidence, annals_event_get_confidence (event));
  mentions = g_strdup_printf ("%u", n_mentions);

  append_csv_field (out, annals_event_get_id (event), FALSE);
  append_csv_field (out, annals_event_get_title (event), FALSE);
  append_csv_field (out, annals_event_kind_to_string (annals_event_get_kind (event)), FALSE);
  append_csv_field (out, start, FALSE);
  append_csv_field (out, end, FALSE);
  append_csv_field (out, annals_event_status_to_string (annals_event_get_status (event)), FALSE);
  append_csv_field (out, annals_event_get_host_country (event), FALSE);
  append_csv_field (out, annals_event_get_host_place (event), FALSE);
  append_csv_field (out, participants, FALSE);
  append_csv_field (out, confidence->str, FALSE);
  append_csv_field (out, mentions, FALSE);
  append_csv_field (out, sources->str, TRUE);
}

char *
annals_export_csv (AnnalsEventSet *set,
                   gsize          *length)
{
  GPtrArray *events = annals_event_set_get_events (set);
  GString *out = g_string_new (NULL);

  annals_export_csv_begin (out);
  for (guint i = 0; i < events->len; i++)
    annals_export_csv_add_event (out, g_ptr_array_index (events, i));

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* iCalendar */

/* Appends one content line, folded after 75 octets without splitting a
 * UTF-8 sequence (RFC 5545, 3.1). */
static void
append_ics_line (GString    *out,
                 const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize size = g_utf8_next_char (p) - p;

      if (width + size > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }

      g_string_append_len (out, p, size);
      width += size;
    }

  g_string_append (out, "\r\n");
}

static void
append_ics_text (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

static void
append_ics_property (GString    *out,
                     const char *name,
                     const char *text)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_ics_text (line, text);
  append_ics_line (out, line->str);
}

static gboolean
format_ics_date (gint32  days,
                 char   *buffer,
                 gsize   size)
{
  int year, month, day;

  annals_days_to_civil (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    return FALSE;

  g_snprintf (buffer, size, "%04d%02d%02d", year, month, day);

  return TRUE;
}

void
annals_export_ics_begin (GString *out)
{
  append_ics_line (out, "BEGIN:VCALENDAR");
  append_ics_line (out, "VERSION:2.0");
  append_ics_line (out, "PRODID:-//Annals//Annals " PACKAGE_VERSION "//EN");
  append_ics_line (out, "CALSCALE:GREGORIAN");
}

static char *
dup_timestamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  if (epoch != NULL && epoch[0] != '\0')
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  if (now == NULL)
    now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%dT%H%M%SZ");
}

gboolean
annals_export_ics_add_event (GString     *out,
                             AnnalsEvent *event)
{
  g_autofree char *uid = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(GString) location = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  AnnalsEventRecord record;
  char start[16], end[16];
  const char *host_place = annals_event_get_host_place (event);
  const char *host_country = annals_event_get_host_country (event);

  annals_event_record_init_from_event (&record, event);

  if (record.first_day == ANNALS_DAY_UNDATED ||
      !format_ics_date (record.first_day, start, sizeof start) ||
      !format_ics_date (MAX (record.end_day, record.first_day + 1), end, sizeof end))
    return FALSE;

  uid = g_strdup_printf ("%s@annals", annals_event_get_id (event));
  stamp = dup_timestamp ();

  append_ics_line (out, "BEGIN:VEVENT");
  append_ics_property (out, "UID", uid);
  g_string_append_printf (out, "DTSTAMP:%s\r\n", stamp);
  g_string_append_printf (out, "DTSTART;VALUE=DATE:%s\r\n", start);
  g_string_append_printf (out, "DTEND;VALUE=DATE:%s\r\n", end);
  append_ics_property (out, "SUMMARY", annals_event_get_title (event));

  if (host_place != NULL)
    g_string_append (location, host_place);
  if (host_country != NULL)
    {
      const char *country_name = annals_country_get_name (host_country);

      if (location->len > 0)
        g_string_append (location, ", ");
      g_string_append (location, country_name != NULL ? country_name : host_country);
    }
  if (location->len > 0)
    append_ics_property (out, "LOCATION", location->str);

  {
    g_autofree char *category = g_ascii_strup (annals_event_kind_to_string (annals_event_get_kind (event)), -1);
    append_ics_property (out, "CATEGORIES", category);
  }

  if (annals_event_get_status (event) == ANNALS_EVENT_STATUS_PLANNED)
    append_ics_line (out, "STATUS:TENTATIVE");
  else if (annals_event_get_status (event) == ANNALS_EVENT_STATUS_PAST)
    append_ics_line (out, "STATUS:CONFIRMED");

  for (guint i = 0; i < annals_event_get_n_mentions (event); i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);

      if (i > 0)
        g_string_append_c (description, '\n');
      g_string_append_printf (description, "%s [%u, %u)",
                              mention->document_id, mention->start, mention->end);
    }
  if (description->len > 0)
    append_ics_property (out, "DESCRIPTION", description->str);

  append_ics_line (out, "END:VEVENT");

  return TRUE;
}

void
annals_export_ics_end (GString *out)
{
  append_ics_line (out, "END:VCALENDAR");
}

char *
annals_export_ics (AnnalsEventSet *set,
                   gsize          *length)
{
  GPtrArray *events = annals_event_set_get_events (set);
  GString *out = g_string_new (NULL);

  annals_export_ics_begin (out);
  for (guint i = 0; i < events->len; i++)
    annals_export_ics_add_event (out, g_ptr_array_index (events, i));
  annals_export_ics_end (out);

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
