/* annals-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* CSV as RFC 4180 describes it: CRLF line ends, a header row, fields with
 * commas, quotes or line breaks quoted, quotes doubled. One row per event;
 * participants and sources are joined with ";". */
void  annals_export_csv_begin     (GString        *out);
void  annals_export_csv_add_event (GString        *out,
                                   AnnalsEvent    *event);
char *annals_export_csv           (AnnalsEventSet *set,
                                   gsize          *length);

/* iCalendar (RFC 5545): one VEVENT per dated event, with DATE values that
 * cover the event's precision (2022 runs from 2022-01-01 to 2023-01-01,
 * exclusive). Undated events and years before 1 AD, which iCalendar
 * cannot express, are left out. DTSTAMP is now, or SOURCE_DATE_EPOCH. */
void  annals_export_ics_begin     (GString        *out);
/* Returns FALSE when the event was left out. */
gboolean annals_export_ics_add_event (GString     *out,
                                      AnnalsEvent *event);
void  annals_export_ics_end       (GString        *out);
char *annals_export_ics           (AnnalsEventSet *set,
                                   gsize          *length);

G_END_DECLS
