/* annals-event-set.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-document.h"
#include "annals-event.h"

G_BEGIN_DECLS

/* What one events file holds, or what the extractor finds in one
 * article: documents and the events that mention them. */

#define ANNALS_TYPE_EVENT_SET (annals_event_set_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsEventSet, annals_event_set, ANNALS, EVENT_SET, GObject)

AnnalsEventSet *annals_event_set_new             (void);
GPtrArray      *annals_event_set_get_documents   (AnnalsEventSet *self);
GPtrArray      *annals_event_set_get_events      (AnnalsEventSet *self);
void            annals_event_set_add_document    (AnnalsEventSet *self,
                                                  AnnalsDocument *document);
void            annals_event_set_add_event       (AnnalsEventSet *self,
                                                  AnnalsEvent    *event);
AnnalsDocument *annals_event_set_lookup_document (AnnalsEventSet *self,
                                                  const char     *id);
/* Top-level members of the file that Annals does not know. */
const char     *annals_event_set_get_extra_json  (AnnalsEventSet *self);
void            annals_event_set_set_extra_json  (AnnalsEventSet *self,
                                                  const char     *extra_json);

G_END_DECLS
