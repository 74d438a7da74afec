/* annals-timeline-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "annals-view-state.h"

G_BEGIN_DECLS

/* The timeline canvas. It draws the events of its view state's store
 * with the shared painter and keeps no state of its own beyond hover and
 * scrolling: selection, visible range and grouping live in the view
 * state. Actions: timeline.zoom-in, timeline.zoom-out, timeline.zoom-fit,
 * timeline.select-next, timeline.select-previous, timeline.lane-up,
 * timeline.lane-down, timeline.select-first, timeline.select-last,
 * timeline.activate-selected, timeline.export-image (asks for a file and
 * writes the visible range as PNG, SVG or PDF). The "activate" signal (AnnalsEvent *) is
 * emitted on Enter or a double-click on an event. */
#define ANNALS_TYPE_TIMELINE_VIEW (annals_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsTimelineView, annals_timeline_view, ANNALS, TIMELINE_VIEW, GtkWidget)

GtkWidget       *annals_timeline_view_new         (AnnalsViewState    *state);
AnnalsViewState *annals_timeline_view_get_state   (AnnalsTimelineView *self);
void             annals_timeline_view_set_state   (AnnalsTimelineView *self,
                                                   AnnalsViewState    *state);

/* The store position of the event or cluster under a point of the
 * widget; FALSE over empty space. @count is how many events the mark
 * holds (1 for an event). */
gboolean         annals_timeline_view_lookup_item (AnnalsTimelineView *self,
                                                   double              x,
                                                   double              y,
                                                   guint              *position,
                                                   guint              *count);

/* Draws what the widget shows onto any cairo context, for Export…: the
 * visible range, or @from/@to days when @from < @to. */
void             annals_timeline_view_render      (AnnalsTimelineView *self,
                                                   cairo_t            *cr,
                                                   int                 width,
                                                   int                 height,
                                                   double              from,
                                                   double              to);

/* Writes what the widget shows (or @from/@to days when @from < @to) to a
 * PNG, SVG or PDF file, chosen by its extension. */
gboolean         annals_timeline_view_export_to_file (AnnalsTimelineView *self,
                                                      const char         *path,
                                                      int                 width,
                                                      int                 height,
                                                      double              from,
                                                      double              to,
                                                      GError            **error);

G_END_DECLS
