/* annals-timeline-painter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "annals-timeline-layout.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} AnnalsColor;

/* The colours the painter uses. The widget fills it from libadwaita's
 * named colours whenever the style changes; exporters use a default. */
typedef struct
{
  AnnalsColor background;
  AnnalsColor foreground;
  AnnalsColor dim_foreground;
  AnnalsColor grid;
  AnnalsColor lane_background;
  AnnalsColor header_background;
  AnnalsColor accent;
  AnnalsColor today;
  AnnalsColor kinds[ANNALS_N_EVENT_KINDS];
  gboolean    dark;
  gboolean    high_contrast;
} AnnalsTimelinePalette;

void     annals_timeline_palette_init_default (AnnalsTimelinePalette       *palette,
                                               gboolean                     dark);
/* Parses "#rrggbb" or "rgba(...)"-free hex forms; FALSE on bad input. */
gboolean annals_color_parse                   (AnnalsColor                 *color,
                                               const char                  *text);

/* The painter keeps small caches (rendered text, mark sprites) between
 * frames so that a frame costs little more than copying them; they are
 * dropped when the palette or the scale changes. */
typedef struct _AnnalsTimelinePainter AnnalsTimelinePainter;

AnnalsTimelinePainter *annals_timeline_painter_new  (void);
void     annals_timeline_painter_free         (AnnalsTimelinePainter       *self);
/* The device pixels per layout pixel of the target (the widget's scale
 * factor), so cached images stay sharp. */
void     annals_timeline_painter_set_scale    (AnnalsTimelinePainter       *self,
                                               int                          scale);

/* At most @budget labels not drawn before are rendered per frame (0, the
 * default, for no bound: exports are always complete). After a frame that
 * left some out, is_complete() is FALSE and the caller draws again. */
void     annals_timeline_painter_set_label_budget (AnnalsTimelinePainter *self,
                                                   guint                  budget);
gboolean annals_timeline_painter_is_complete  (AnnalsTimelinePainter       *self);

/* Draws the whole frame (axis, lanes, marks, labels, today, shelf) for
 * @layout onto @cr, whose origin is the layout's top-left corner. @today
 * is a day number, or NAN to leave the today marker out. */
void     annals_timeline_painter_draw         (AnnalsTimelinePainter       *self,
                                               cairo_t                     *cr,
                                               AnnalsTimelineLayout        *layout,
                                               const AnnalsTimelinePalette *palette,
                                               double                       today);
/* Draws the hover or selection ring over an event drawn by the frame. */
void     annals_timeline_painter_draw_highlight (AnnalsTimelinePainter     *self,
                                               cairo_t                     *cr,
                                               AnnalsTimelineLayout        *layout,
                                               const AnnalsTimelinePalette *palette,
                                               guint                        position,
                                               gboolean                     selected);

/* Today as a day number, in local time. */
double   annals_timeline_get_today            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsTimelinePainter, annals_timeline_painter_free)

G_END_DECLS
