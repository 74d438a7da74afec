/* annals-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ANNALS_EVENT_KIND_MEETING,
  ANNALS_EVENT_KIND_SUMMIT,
  ANNALS_EVENT_KIND_EXERCISE,
  ANNALS_EVENT_KIND_FESTIVAL,
  ANNALS_EVENT_KIND_CONFERENCE,
  ANNALS_EVENT_KIND_VISIT,
  ANNALS_EVENT_KIND_STATEMENT,
  ANNALS_EVENT_KIND_OTHER,
} AnnalsEventKind;

#define ANNALS_N_EVENT_KINDS (ANNALS_EVENT_KIND_OTHER + 1)

typedef enum
{
  ANNALS_EVENT_STATUS_PAST,
  ANNALS_EVENT_STATUS_PLANNED,
  ANNALS_EVENT_STATUS_UNKNOWN,
} AnnalsEventStatus;

#define ANNALS_N_EVENT_STATUSES (ANNALS_EVENT_STATUS_UNKNOWN + 1)

#define ANNALS_TYPE_EVENT_KIND   (annals_event_kind_get_type ())
#define ANNALS_TYPE_EVENT_STATUS (annals_event_status_get_type ())

GType              annals_event_kind_get_type     (void) G_GNUC_CONST;
GType              annals_event_status_get_type   (void) G_GNUC_CONST;

/* The names of the events JSON format: "meeting", "past", ... */
const char        *annals_event_kind_to_string    (AnnalsEventKind    kind);
gboolean           annals_event_kind_from_string  (const char        *text,
                                                   AnnalsEventKind   *kind);
const char        *annals_event_status_to_string  (AnnalsEventStatus  status);
gboolean           annals_event_status_from_string (const char       *text,
                                                   AnnalsEventStatus *status);

/* Translated names for display. */
const char        *annals_event_kind_get_label    (AnnalsEventKind    kind);
const char        *annals_event_status_get_label  (AnnalsEventStatus  status);
const char        *annals_event_kind_get_icon_name (AnnalsEventKind   kind);

G_END_DECLS
