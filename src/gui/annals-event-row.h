/* annals-event-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* One event in the sidebar list: kind icon, title, dates with their
 * precision, host country and number of sources. */
#define ANNALS_TYPE_EVENT_ROW (annals_event_row_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsEventRow, annals_event_row, ANNALS, EVENT_ROW, GtkWidget)

GtkWidget   *annals_event_row_new               (void);
AnnalsEvent *annals_event_row_get_event         (AnnalsEventRow *self);
void         annals_event_row_set_event         (AnnalsEventRow *self,
                                                 AnnalsEvent    *event);
/* "2 sources": the number of articles that mention the event. */
const char  *annals_event_row_get_sources_text  (AnnalsEventRow *self);
/* Shows the "Undated" heading above the row: set on the first undated
 * event of the list. */
void         annals_event_row_set_starts_undated (AnnalsEventRow *self,
                                                 gboolean        starts_undated);

G_END_DECLS
