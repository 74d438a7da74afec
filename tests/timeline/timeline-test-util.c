/* timeline-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-timeline-test"

#include "config.h"

#include <pango/pangocairo.h>

#include "timeline-test-util.h"

PangoContext *
timeline_test_create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");

  pango_context_set_font_description (context, font);
  pango_cairo_context_set_resolution (context, 96.0);

  return context;
}

AnnalsEvent *
timeline_test_event (const char        *id,
                     const char        *title,
                     AnnalsEventKind    kind,
                     const char        *start,
                     const char        *end,
                     AnnalsEventStatus  status,
                     const char        *host_country)
{
  AnnalsEvent *event = annals_event_new (id, title);
  AnnalsDate date;

  annals_event_set_kind (event, kind);
  annals_event_set_status (event, status);
  annals_event_set_host_country (event, host_country);

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

AnnalsEventStore *
timeline_test_sample_store (void)
{
  AnnalsEventStore *store = annals_event_store_new ();
  AnnalsEvent *events[] = {
    timeline_test_event ("tashkent-2022", "SCO Defence Ministers’ Meeting", ANNALS_EVENT_KIND_MEETING,
                         "2022-08", NULL, ANNALS_EVENT_STATUS_PAST, "UZ"),
    timeline_test_event ("peaceful-mission-2023", "Peaceful Mission 2023", ANNALS_EVENT_KIND_EXERCISE,
                         "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "RU"),
    timeline_test_event ("vostok-2022", "Vostok 2022", ANNALS_EVENT_KIND_EXERCISE,
                         "2022", NULL, ANNALS_EVENT_STATUS_PAST, "RU"),
    timeline_test_event ("trumpet-of-peace", "Trumpet of Peace Festival", ANNALS_EVENT_KIND_FESTIVAL,
                         NULL, NULL, ANNALS_EVENT_STATUS_UNKNOWN, NULL),
    timeline_test_event ("meeting-2023", "SCO Defence Ministers’ Meeting 2023", ANNALS_EVENT_KIND_MEETING,
                         "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "IN"),
  };

  annals_event_store_begin_update (store);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      annals_event_store_append_event (store, events[i]);
      g_object_unref (events[i]);
    }
  annals_event_store_end_update (store);

  return store;
}

double
timeline_test_day (int year,
                   int month,
                   int day)
{
  return annals_days_from_civil (year, month, day);
}
