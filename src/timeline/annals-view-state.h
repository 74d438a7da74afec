/* annals-view-state.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* How the timeline splits events into lanes. Registered as a GEnum whose
 * nicks ("country", "kind", "none") GSettings binds to. */
typedef enum
{
  ANNALS_GROUP_BY_COUNTRY,
  ANNALS_GROUP_BY_KIND,
  ANNALS_GROUP_BY_NONE,
} AnnalsGroupBy;

#define ANNALS_TYPE_GROUP_BY (annals_group_by_get_type ())

GType annals_group_by_get_type (void) G_GNUC_CONST;

/* The narrowest and widest visible spans, in days: about a day across the
 * window, and 10,000 years. */
#define ANNALS_VIEW_STATE_MIN_SPAN 0.5
#define ANNALS_VIEW_STATE_MAX_SPAN (10000.0 * 365.2425)

/* The one object the timeline, the event list and the source pane share:
 * which events (store), which one is selected, which time range is
 * visible (days since 1970-01-01 as doubles, from < to) and how lanes are
 * grouped. Widgets bind to it and keep no private copies. */
#define ANNALS_TYPE_VIEW_STATE (annals_view_state_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsViewState, annals_view_state, ANNALS, VIEW_STATE, GObject)

AnnalsViewState  *annals_view_state_new              (void);

AnnalsEventStore *annals_view_state_get_store        (AnnalsViewState  *self);
void              annals_view_state_set_store        (AnnalsViewState  *self,
                                                      AnnalsEventStore *store);

/* The selected event, or NULL. Selecting an event that the store does not
 * hold is allowed (e.g. from a search result that is filtered out). */
AnnalsEvent      *annals_view_state_get_selected     (AnnalsViewState  *self);
void              annals_view_state_set_selected     (AnnalsViewState  *self,
                                                      AnnalsEvent      *event);
/* The store position of the selection, or -1 when nothing is selected or
 * the store does not hold it. */
int               annals_view_state_get_selected_position (AnnalsViewState *self);
/* Selects the event at a store position (loading it from the store). */
void              annals_view_state_select_position  (AnnalsViewState  *self,
                                                      guint             position);

double            annals_view_state_get_visible_from (AnnalsViewState  *self);
double            annals_view_state_get_visible_to   (AnnalsViewState  *self);
/* Sets both ends at once (one notify for each end that changed); the span
 * is clamped to [MIN_SPAN, MAX_SPAN] around its centre. */
void              annals_view_state_set_visible_range (AnnalsViewState *self,
                                                      double            from,
                                                      double            to);
/* Multiplies the span by @factor (< 1 zooms in) keeping @anchor (a day)
 * at the same fraction of the window. */
void              annals_view_state_zoom             (AnnalsViewState  *self,
                                                      double            factor,
                                                      double            anchor);
/* Moves the range by @days (negative: back in time). */
void              annals_view_state_pan              (AnnalsViewState  *self,
                                                      double            days);
/* Shows the whole span of the store's dated events with a margin; a
 * default range around today when there are none. */
void              annals_view_state_zoom_to_fit      (AnnalsViewState  *self);
/* Shows [first_day, end_day) of one event with room around it. */
void              annals_view_state_zoom_to_event    (AnnalsViewState  *self,
                                                      AnnalsEvent      *event);
/* Keeps the range when the selection is visible, else centres it. */
void              annals_view_state_reveal_selected  (AnnalsViewState  *self);

/* Selects the next or previous dated event in time order (store order);
 * with nothing selected, the first or last one visible. Returns FALSE when
 * there is none to move to. The range follows so the selection is seen. */
gboolean          annals_view_state_select_next      (AnnalsViewState  *self);
gboolean          annals_view_state_select_previous  (AnnalsViewState  *self);

AnnalsGroupBy     annals_view_state_get_group_by     (AnnalsViewState  *self);
void              annals_view_state_set_group_by     (AnnalsViewState  *self,
                                                      AnnalsGroupBy     group_by);

G_END_DECLS
