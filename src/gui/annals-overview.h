/* annals-overview.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "annals-view-state.h"

G_BEGIN_DECLS

/* The strip under the timeline: the whole time span of the store with a
 * histogram of event density, and the visible range as a window that can
 * be dragged (or clicked to jump). */
#define ANNALS_TYPE_OVERVIEW (annals_overview_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsOverview, annals_overview, ANNALS, OVERVIEW, GtkWidget)

GtkWidget       *annals_overview_new       (AnnalsViewState *state);
AnnalsViewState *annals_overview_get_state (AnnalsOverview  *self);
void             annals_overview_set_state (AnnalsOverview  *self,
                                            AnnalsViewState *state);
/* The days shown across the strip: the store's span with a margin, and
 * always the visible range. */
void             annals_overview_get_span  (AnnalsOverview  *self,
                                            double          *from,
                                            double          *to);

G_END_DECLS
