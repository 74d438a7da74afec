/* annals-gui-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* "2022", "August 2022 – 2023", "Undated". */
char *annals_format_event_dates         (AnnalsEvent      *event);
/* The dates followed by their precision: "2023 (year only)". */
char *annals_format_event_dates_precise (AnnalsEvent      *event);
/* "Russian Federation"; the code itself when iso-codes does not know it;
 * NULL for none. */
char *annals_format_country             (const char       *code);
/* "3 sources". */
char *annals_format_n_sources           (guint             n_sources);
/* The number of distinct articles that mention @event: its sources. */
guint annals_event_count_sources        (AnnalsEvent      *event);
/* "12 of 340 events", or "340 events" when nothing is filtered out. */
char *annals_format_event_count         (guint             n_shown,
                                         guint             n_total);

G_END_DECLS
