/* annals-timeline-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "annals-timeline-view.h"

G_BEGIN_DECLS

/* What the widget's gestures and controllers do, in widget coordinates,
 * so that tests drive the same code as the pointer. */

/* A drag begins at (@x, @y); Shift selects a range to zoom to. FALSE when
 * there is nothing to drag. */
gboolean _annals_timeline_view_drag_begin  (AnnalsTimelineView *self,
                                            double              x,
                                            double              y,
                                            GdkModifierType     modifiers);
/* The pointer is @offset_x, @offset_y from where the drag began. TRUE when
 * this update made it a drag (past the threshold): the gesture claims it. */
gboolean _annals_timeline_view_drag_update (AnnalsTimelineView *self,
                                            double              offset_x,
                                            double              offset_y);
void     _annals_timeline_view_drag_end    (AnnalsTimelineView *self,
                                            double              offset_x,
                                            double              offset_y);
/* A click (@n_press 2 for a double click) released at (@x, @y). */
void     _annals_timeline_view_click       (AnnalsTimelineView *self,
                                            int                 n_press,
                                            double              x,
                                            double              y);
gboolean _annals_timeline_view_scroll      (AnnalsTimelineView *self,
                                            double              delta_x,
                                            double              delta_y,
                                            GdkModifierType     modifiers,
                                            GdkScrollUnit       unit);
/* The pointer moved to (@x, @y). */
void     _annals_timeline_view_motion      (AnnalsTimelineView *self,
                                            double              x,
                                            double              y);

G_END_DECLS
