/* annals-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-enums"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "annals-enums.h"

static const GEnumValue kind_values[] = {
  { ANNALS_EVENT_KIND_MEETING, "ANNALS_EVENT_KIND_MEETING", "meeting" },
  { ANNALS_EVENT_KIND_SUMMIT, "ANNALS_EVENT_KIND_SUMMIT", "summit" },
  { ANNALS_EVENT_KIND_EXERCISE, "ANNALS_EVENT_KIND_EXERCISE", "exercise" },
  { ANNALS_EVENT_KIND_FESTIVAL, "ANNALS_EVENT_KIND_FESTIVAL", "festival" },
  { ANNALS_EVENT_KIND_CONFERENCE, "ANNALS_EVENT_KIND_CONFERENCE", "conference" },
  { ANNALS_EVENT_KIND_VISIT, "ANNALS_EVENT_KIND_VISIT", "visit" },
  { ANNALS_EVENT_KIND_STATEMENT, "ANNALS_EVENT_KIND_STATEMENT", "statement" },
  { ANNALS_EVENT_KIND_OTHER, "ANNALS_EVENT_KIND_OTHER", "other" },
  { 0, NULL, NULL },
};

static const GEnumValue status_values[] = {
  { ANNALS_EVENT_STATUS_PAST, "ANNALS_EVENT_STATUS_PAST", "past" },
  { ANNALS_EVENT_STATUS_PLANNED, "ANNALS_EVENT_STATUS_PLANNED", "planned" },
  { ANNALS_EVENT_STATUS_UNKNOWN, "ANNALS_EVENT_STATUS_UNKNOWN", "unknown" },
  { 0, NULL, NULL },
};

GType
annals_event_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("AnnalsEventKind", kind_values));

  return type_id;
}

GType
annals_event_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("AnnalsEventStatus", status_values));

  return type_id;
}

const char *
annals_event_kind_to_string (AnnalsEventKind kind)
{
  g_return_val_if_fail (kind < ANNALS_N_EVENT_KINDS, "other");

  return kind_values[kind].value_nick;
}

gboolean
annals_event_kind_from_string (const char      *text,
                               AnnalsEventKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < ANNALS_N_EVENT_KINDS; i++)
    if (strcmp (text, kind_values[i].value_nick) == 0)
      {
        *kind = (AnnalsEventKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
annals_event_status_to_string (AnnalsEventStatus status)
{
  g_return_val_if_fail (status < ANNALS_N_EVENT_STATUSES, "unknown");

  return status_values[status].value_nick;
}

gboolean
annals_event_status_from_string (const char        *text,
                                 AnnalsEventStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < ANNALS_N_EVENT_STATUSES; i++)
    if (strcmp (text, status_values[i].value_nick) == 0)
      {
        *status = (AnnalsEventStatus) i;
        return TRUE;
      }

  return FALSE;
}

const char *
annals_event_kind_get_label (AnnalsEventKind kind)
{
  static const char *labels[ANNALS_N_EVENT_KINDS] = {
    N_("Meeting"), N_("Summit"), N_("Exercise"), N_("Festival"),
    N_("Conference"), N_("Visit"), N_("Statement"), N_("Other"),
  };

  g_return_val_if_fail (kind < ANNALS_N_EVENT_KINDS, _("Other"));

  return _(labels[kind]);
}

const char *
annals_event_status_get_label (AnnalsEventStatus status)
{
  static const char *labels[ANNALS_N_EVENT_STATUSES] = {
    N_("Past"), N_("Planned"), N_("Unknown"),
  };

  g_return_val_if_fail (status < ANNALS_N_EVENT_STATUSES, _("Unknown"));

  return _(labels[status]);
}

const char *
annals_event_kind_get_icon_name (AnnalsEventKind kind)
{
  /* Icons of the Adwaita theme that every GNOME runtime has. */
  static const char *icons[ANNALS_N_EVENT_KINDS] = {
    "system-users-symbolic",          /* meeting */
    "starred-symbolic",               /* summit */
    "find-location-symbolic",         /* exercise */
    "emblem-music-symbolic",          /* festival */
    "network-workgroup-symbolic",     /* conference */
    "mark-location-symbolic",         /* visit */
    "chat-message-new-symbolic",      /* statement */
    "view-more-horizontal-symbolic",  /* other */
  };

  g_return_val_if_fail (kind < ANNALS_N_EVENT_KINDS, icons[ANNALS_EVENT_KIND_OTHER]);

  return icons[kind];
}
