/* annals-timeline-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "annals-model.h"
#include "annals-time-scale.h"
#include "annals-view-state.h"

G_BEGIN_DECLS

/* Geometry, in pixels. */
#define ANNALS_TIMELINE_AXIS_HEIGHT   44.0
#define ANNALS_TIMELINE_LANE_HEADER   24.0
#define ANNALS_TIMELINE_ROW_HEIGHT    26.0
#define ANNALS_TIMELINE_LANE_PADDING  8.0
#define ANNALS_TIMELINE_SHELF_HEIGHT  40.0
#define ANNALS_TIMELINE_MAX_ROWS      3
#define ANNALS_TIMELINE_MARK_RADIUS   5.0
/* Point events whose marks are closer than this merge into a cluster. */
#define ANNALS_TIMELINE_CLUSTER_SPACING 12.0
/* Minimum distance between two tick labels of one tier. */
#define ANNALS_TIMELINE_TICK_LABEL_GAP 12.0

typedef struct
{
  guint16  key;          /* packed country, kind, or 0 */
  char    *name;
  guint    count;        /* events in the lane, undated ones included */
  double   y;            /* top of the lane, header included */
  double   height;
  guint    n_rows;
} AnnalsTimelineLane;

/* A mark is one event or a cluster of events. */
typedef struct
{
  double       x;             /* the most likely point, or the cluster's centre */
  double       x_start;       /* extent of the band or bar; == x for a day-exact point */
  double       x_end;
  double       y;             /* vertical centre */
  guint        position;      /* store position of the (first) event */
  guint        count;         /* 1 for an event */
  guint        lane;
  guint        row;
  guint        kind_counts[ANNALS_N_EVENT_KINDS];
  const char  *title;         /* owned by the store */
  guint8       kind;
  guint8       status;
  guint8       start_precision;
  guint8       end_precision;
  double       label_x;
  double       label_width;   /* 0 without a label */
  guint        is_range : 1;
  guint        under : 1;     /* a bar that found no free row: drawn faint, beneath */
} AnnalsTimelineMark;

typedef struct
{
  double  x;
  char   *label;
  double  label_x;
  double  label_width;
  guint   major : 1;
  guint   has_label : 1;
} AnnalsTimelineTick;

typedef struct
{
  guint   position;
  double  x;
  double  width;   /* of the chip, label included */
} AnnalsTimelineChip;

/* Everything the painter draws for one frame, computed from the store, the
 * visible range, the size and the font. Plain data; the index of lanes
 * behind it is kept across frames until the store or the grouping changes. */
typedef struct _AnnalsTimelineLayout AnnalsTimelineLayout;

AnnalsTimelineLayout     *annals_timeline_layout_new          (PangoContext         *context);
void                      annals_timeline_layout_free         (AnnalsTimelineLayout *self);

/* Drops the per-lane index; call when the store's rows change. */
void                      annals_timeline_layout_invalidate   (AnnalsTimelineLayout *self);
void                      annals_timeline_layout_set_context  (AnnalsTimelineLayout *self,
                                                               PangoContext         *context);

/* Indexing a new store (or grouping) takes at most @rows rows per update
 * (0, the default: all at once), so that a million events never block a
 * frame; until it is complete, is_complete() is FALSE and the lanes show
 * the events indexed so far. */
void                      annals_timeline_layout_set_index_budget (AnnalsTimelineLayout *self,
                                                               guint                 rows);
gboolean                  annals_timeline_layout_is_complete  (AnnalsTimelineLayout *self);

/* Lays out [from, to) days of @store in a @width × @height area, lanes
 * scrolled up by @lane_scroll pixels. */
void                      annals_timeline_layout_update       (AnnalsTimelineLayout *self,
                                                               AnnalsEventStore     *store,
                                                               AnnalsGroupBy         group_by,
                                                               double                from,
                                                               double                to,
                                                               double                width,
                                                               double                height,
                                                               double                lane_scroll);

const AnnalsTimeScale    *annals_timeline_layout_get_scale    (AnnalsTimelineLayout *self);
AnnalsEventStore         *annals_timeline_layout_get_store    (AnnalsTimelineLayout *self);
double                    annals_timeline_layout_get_width    (AnnalsTimelineLayout *self);
double                    annals_timeline_layout_get_height   (AnnalsTimelineLayout *self);
PangoContext             *annals_timeline_layout_get_context  (AnnalsTimelineLayout *self);

guint                     annals_timeline_layout_get_n_lanes  (AnnalsTimelineLayout *self);
const AnnalsTimelineLane *annals_timeline_layout_get_lane     (AnnalsTimelineLayout *self,
                                                               guint                 lane);
/* The lane an event at a store position belongs to, or -1. */
int                       annals_timeline_layout_find_lane    (AnnalsTimelineLayout *self,
                                                               guint                 position);
/* The dated event of @lane whose start is nearest to @day (within the
 * whole store, not only the visible range). */
gboolean                  annals_timeline_layout_find_in_lane (AnnalsTimelineLayout *self,
                                                               guint                 lane,
                                                               double                day,
                                                               guint                *position);
/* Total height of all lanes, to scroll them. */
double                    annals_timeline_layout_get_lanes_height (AnnalsTimelineLayout *self);
/* The band between the axis and the shelf where lanes are drawn. */
void                      annals_timeline_layout_get_lanes_area (AnnalsTimelineLayout *self,
                                                               double               *top,
                                                               double               *bottom);

guint                     annals_timeline_layout_get_n_marks  (AnnalsTimelineLayout *self);
const AnnalsTimelineMark *annals_timeline_layout_get_mark     (AnnalsTimelineLayout *self,
                                                               guint                 index);
/* The mark drawn for a store position, or NULL when it is not visible on
 * its own (it may be inside a cluster). */
const AnnalsTimelineMark *annals_timeline_layout_find_mark    (AnnalsTimelineLayout *self,
                                                               guint                 position);

/* The cluster or shared band that holds a store position, or NULL. */
const AnnalsTimelineMark *annals_timeline_layout_find_cluster (AnnalsTimelineLayout *self,
                                                               guint                 position);

guint                     annals_timeline_layout_get_n_ticks  (AnnalsTimelineLayout *self);
const AnnalsTimelineTick *annals_timeline_layout_get_tick     (AnnalsTimelineLayout *self,
                                                               guint                 index);

/* The undated shelf: its top (the height when there is no shelf), chips
 * that fit, and how many undated events did not fit. */
double                    annals_timeline_layout_get_shelf_y  (AnnalsTimelineLayout *self);
guint                     annals_timeline_layout_get_n_chips  (AnnalsTimelineLayout *self);
const AnnalsTimelineChip *annals_timeline_layout_get_chip     (AnnalsTimelineLayout *self,
                                                               guint                 index);
guint                     annals_timeline_layout_get_n_undated_hidden (AnnalsTimelineLayout *self);

/* What is under a point: a mark, a chip of the shelf, or nothing. Returns
 * the store position through @position, and the mark (NULL for a chip). */
gboolean                  annals_timeline_layout_lookup       (AnnalsTimelineLayout       *self,
                                                               double                      x,
                                                               double                      y,
                                                               guint                      *position,
                                                               const AnnalsTimelineMark  **mark);

/* Measures a text in the layout's font (logical width, height). */
void                      annals_timeline_layout_measure      (AnnalsTimelineLayout *self,
                                                               const char           *text,
                                                               gboolean              bold,
                                                               double               *width,
                                                               double               *height);

G_END_DECLS
