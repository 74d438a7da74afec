/* annals-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-date.h"
#include "annals-enums.h"

G_BEGIN_DECLS

/* Where an event is named: a span of a document's text, in Unicode
 * characters (code points), end exclusive. */
typedef struct
{
  char  *document_id;
  guint  start;
  guint  end;
  char  *extra_json;   /* the members a file gave it that Annals does not know, or NULL */
} AnnalsMention;

#define ANNALS_TYPE_EVENT (annals_event_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsEvent, annals_event, ANNALS, EVENT, GObject)

AnnalsEvent         *annals_event_new               (const char         *id,
                                                     const char         *title);
AnnalsEvent         *annals_event_copy              (AnnalsEvent        *self);

const char          *annals_event_get_id            (AnnalsEvent        *self);
void                 annals_event_set_id            (AnnalsEvent        *self,
                                                     const char         *id);
const char          *annals_event_get_title         (AnnalsEvent        *self);
void                 annals_event_set_title         (AnnalsEvent        *self,
                                                     const char         *title);
AnnalsEventKind      annals_event_get_kind          (AnnalsEvent        *self);
void                 annals_event_set_kind          (AnnalsEvent        *self,
                                                     AnnalsEventKind     kind);
const AnnalsDate    *annals_event_get_start         (AnnalsEvent        *self);
void                 annals_event_set_start         (AnnalsEvent        *self,
                                                     const AnnalsDate   *start);
const AnnalsDate    *annals_event_get_end           (AnnalsEvent        *self);
void                 annals_event_set_end           (AnnalsEvent        *self,
                                                     const AnnalsDate   *end);
AnnalsEventStatus    annals_event_get_status        (AnnalsEvent        *self);
void                 annals_event_set_status        (AnnalsEvent        *self,
                                                     AnnalsEventStatus   status);
const char          *annals_event_get_host_country  (AnnalsEvent        *self);
void                 annals_event_set_host_country  (AnnalsEvent        *self,
                                                     const char         *host_country);
const char          *annals_event_get_host_place    (AnnalsEvent        *self);
void                 annals_event_set_host_place    (AnnalsEvent        *self,
                                                     const char         *host_place);
const char * const  *annals_event_get_participants  (AnnalsEvent        *self);
void                 annals_event_set_participants  (AnnalsEvent        *self,
                                                     const char * const *participants);
void                 annals_event_add_participant   (AnnalsEvent        *self,
                                                     const char         *country);
double               annals_event_get_confidence    (AnnalsEvent        *self);
void                 annals_event_set_confidence    (AnnalsEvent        *self,
                                                     double              confidence);

guint                annals_event_get_n_mentions    (AnnalsEvent        *self);
const AnnalsMention *annals_event_get_mention       (AnnalsEvent        *self,
                                                     guint               position);
void                 annals_event_add_mention       (AnnalsEvent        *self,
                                                     const char         *document_id,
                                                     guint               start,
                                                     guint               end);
/* Like annals_event_add_mention(), keeping @extra_json (the text of a
 * JSON object, or NULL) with the mention. */
void                 annals_event_add_mention_full  (AnnalsEvent        *self,
                                                     const char         *document_id,
                                                     guint               start,
                                                     guint               end,
                                                     const char         *extra_json);
void                 annals_event_clear_mentions    (AnnalsEvent        *self);

/* Members of the JSON object that Annals does not know, as the text of
 * a JSON object ("{...}"), kept so that a re-export loses nothing. */
const char          *annals_event_get_extra_json    (AnnalsEvent        *self);
void                 annals_event_set_extra_json    (AnnalsEvent        *self,
                                                     const char         *extra_json);

/* The key under which two mentions of one event are merged: casefolded,
 * with hyphens, dashes, quotes and runs of spaces folded, so that
 * "Vostok 2022", "Vostok-2022" and "VOSTOK 2022" agree. */
char                *annals_event_normalize_title   (const char         *title);
gboolean             annals_event_can_merge         (AnnalsEvent        *self,
                                                     AnnalsEvent        *other);

G_END_DECLS
