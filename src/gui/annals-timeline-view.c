/* annals-timeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-timeline-view"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "annals-gui-format.h"
#include "annals-timeline-layout.h"
#include "annals-timeline-painter.h"
#include "annals-timeline-view.h"
#include "annals-timeline-view-private.h"

#define ZOOM_STEP        1.5
#define DRAG_THRESHOLD   4.0
#define KINETIC_FRICTION 4.0
#define KINETIC_MIN      15.0

struct _AnnalsTimelineView
{
  GtkWidget              parent_instance;

  AnnalsViewState       *state;
  GSignalGroup          *state_signals;
  GSignalGroup          *store_signals;

  AnnalsTimelineLayout  *layout;
  AnnalsTimelinePainter *painter;
  AnnalsTimelinePalette  palette;
  GskRenderNode         *content;

  int                    hover;
  double                 lane_scroll;
  double                 pointer_x;
  double                 pointer_y;

  /* Dragging: the range and scroll when it began. */
  double                 drag_from;
  double                 drag_to;
  double                 drag_scroll;
  double                 drag_start_x;
  double                 range_end_x;

  /* Pinch: the range when it began and the point it zooms around. */
  double                 pinch_from;
  double                 pinch_to;
  double                 pinch_x;

  guint                  kinetic_id;
  guint                  refine_id;
  double                 kinetic_velocity;
  gint64                 kinetic_time;

  guint                  layout_dirty : 1;
  guint                  dragging : 1;
  guint                  drag_moved : 1;
  guint                  selecting_range : 1;
};

G_DEFINE_FINAL_TYPE (AnnalsTimelineView, annals_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
invalidate_content (AnnalsTimelineView *self)
{
  self->layout_dirty = TRUE;
  g_clear_pointer (&self->content, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static AnnalsEventStore *
get_store (AnnalsTimelineView *self)
{
  return self->state != NULL ? annals_view_state_get_store (self->state) : NULL;
}

static double
lanes_visible_height (AnnalsTimelineView *self)
{
  double top;
  double bottom;

  annals_timeline_layout_get_lanes_area (self->layout, &top, &bottom);

  return bottom - top;
}

static void
ensure_layout (AnnalsTimelineView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double max_scroll;

  if (!self->layout_dirty || self->state == NULL)
    return;

  self->layout_dirty = FALSE;
  annals_timeline_layout_update (self->layout, get_store (self),
                                 annals_view_state_get_group_by (self->state),
                                 annals_view_state_get_visible_from (self->state),
                                 annals_view_state_get_visible_to (self->state),
                                 width, height, self->lane_scroll);

  /* Lanes can shrink as the zoom changes; never leave empty space above. */
  max_scroll = MAX (0.0, annals_timeline_layout_get_lanes_height (self->layout) - lanes_visible_height (self));
  if (self->lane_scroll > max_scroll)
    {
      self->lane_scroll = max_scroll;
      annals_timeline_layout_update (self->layout, get_store (self),
                                     annals_view_state_get_group_by (self->state),
                                     annals_view_state_get_visible_from (self->state),
                                     annals_view_state_get_visible_to (self->state),
                                     width, height, self->lane_scroll);
    }
}

static void
set_lane_scroll (AnnalsTimelineView *self,
                 double              scroll)
{
  double max_scroll;

  ensure_layout (self);
  max_scroll = MAX (0.0, annals_timeline_layout_get_lanes_height (self->layout) - lanes_visible_height (self));
  scroll = CLAMP (scroll, 0.0, max_scroll);

  if (scroll == self->lane_scroll)
    return;

  self->lane_scroll = scroll;
  invalidate_content (self);
}

static double
days_per_pixel (AnnalsTimelineView *self)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);

  return (annals_view_state_get_visible_to (self->state) -
          annals_view_state_get_visible_from (self->state)) / width;
}

static double
x_to_time (AnnalsTimelineView *self,
           double              x)
{
  return annals_view_state_get_visible_from (self->state) + x * days_per_pixel (self);
}

static void
pan_pixels (AnnalsTimelineView *self,
            double              pixels)
{
  annals_view_state_pan (self->state, pixels * days_per_pixel (self));
}

static void
stop_kinetic (AnnalsTimelineView *self)
{
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
}

static gboolean
kinetic_tick (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double elapsed = (now - self->kinetic_time) / (double) G_USEC_PER_SEC;

  self->kinetic_time = now;
  if (self->state == NULL || elapsed <= 0)
    return G_SOURCE_CONTINUE;

  /* The content moves with the finger: a positive velocity moves it right,
   * back in time. */
  pan_pixels (self, -self->kinetic_velocity * elapsed);
  self->kinetic_velocity *= exp (-KINETIC_FRICTION * elapsed);

  if (fabs (self->kinetic_velocity) < KINETIC_MIN)
    {
      self->kinetic_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_kinetic (AnnalsTimelineView *self,
               double              velocity)
{
  stop_kinetic (self);

  if (fabs (velocity) < KINETIC_MIN * 4 || !adw_get_enable_animations (GTK_WIDGET (self)))
    return;

  self->kinetic_velocity = velocity;
  self->kinetic_time = g_get_monotonic_time ();
  self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick, NULL, NULL);
}

static char *
describe_event (AnnalsTimelineView *self,
                guint               position,
                gboolean            markup)
{
  AnnalsEventStore *store = get_store (self);
  g_autoptr(AnnalsEvent) event = NULL;
  g_autofree char *date = NULL;
  g_autofree char *host_name = NULL;
  const char *title;

  if (store == NULL || position >= annals_event_store_get_n_events (store))
    return NULL;

  event = annals_event_store_get_event (store, position);
  if (event == NULL)
    {
      const char *stored_title = annals_event_store_get_title (store, position);

      if (stored_title == NULL)
        return NULL;
      return markup ? g_markup_escape_text (stored_title, -1) : g_strdup (stored_title);
    }

  /* The date says how precisely it is known: "2023 (year only)". */
  title = annals_event_get_title (event);
  host_name = annals_format_country (annals_event_get_host_country (event));
  date = annals_format_event_dates_precise (event);

  if (markup)
    {
      g_autofree char *place = NULL;

      if (host_name != NULL)
        place = g_markup_printf_escaped (" · %s", host_name);

      return g_markup_printf_escaped ("<b>%s</b>\n%s%s\n<small>%s · %s</small>",
                                      title != NULL ? title : "",
                                      date, place != NULL ? place : "",
                                      annals_event_kind_get_label (annals_event_get_kind (event)),
                                      annals_event_status_get_label (annals_event_get_status (event)));
    }

  if (host_name != NULL)
    /* Translators: the accessible description of the selected event:
     * title, date, host country, kind */
    return g_strdup_printf (_("%s, %s, %s, %s"), title, date, host_name,
                            annals_event_kind_get_label (annals_event_get_kind (event)));

  return g_strdup_printf (_("%s, %s, %s"), title, date,
                          annals_event_kind_get_label (annals_event_get_kind (event)));
}

static void
reveal_lane_of (AnnalsTimelineView *self,
                guint               position)
{
  const AnnalsTimelineLane *lane;
  double top;
  double bottom;
  double lane_top;
  int index;

  ensure_layout (self);
  index = annals_timeline_layout_find_lane (self->layout, position);
  if (index < 0 || (guint) index >= annals_timeline_layout_get_n_lanes (self->layout))
    return;

  lane = annals_timeline_layout_get_lane (self->layout, index);
  annals_timeline_layout_get_lanes_area (self->layout, &top, &bottom);
  lane_top = lane->y + self->lane_scroll - top;

  if (lane->y < top)
    set_lane_scroll (self, lane_top);
  else if (lane->y + lane->height > bottom)
    set_lane_scroll (self, lane_top + lane->height - (bottom - top));
}

static void
on_selected_changed (AnnalsTimelineView *self)
{
  AnnalsEvent *selected = annals_view_state_get_selected (self->state);
  int position = annals_view_state_get_selected_position (self->state);
  g_autofree char *description = NULL;

  if (selected != NULL && position >= 0)
    {
      description = describe_event (self, position, FALSE);
      reveal_lane_of (self, position);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No event selected"),
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_store_changed (AnnalsTimelineView *self)
{
  annals_timeline_layout_invalidate (self->layout);
  invalidate_content (self);
}

static void
on_state_store_changed (AnnalsTimelineView *self)
{
  g_signal_group_set_target (self->store_signals, get_store (self));
  self->hover = -1;
  on_store_changed (self);
}

static void
update_palette (AnnalsTimelineView *self)
{
  static const struct {
    const char *name;
    gsize       offset;
  } named[] = {
    { "view_bg_color", G_STRUCT_OFFSET (AnnalsTimelinePalette, background) },
    { "view_fg_color", G_STRUCT_OFFSET (AnnalsTimelinePalette, foreground) },
    { "window_bg_color", G_STRUCT_OFFSET (AnnalsTimelinePalette, header_background) },
    { "accent_color", G_STRUCT_OFFSET (AnnalsTimelinePalette, accent) },
    { "destructive_color", G_STRUCT_OFFSET (AnnalsTimelinePalette, today) },
  };
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  AnnalsTimelinePalette palette;
  gboolean high_contrast = adw_style_manager_get_high_contrast (style_manager);

  annals_timeline_palette_init_default (&palette, adw_style_manager_get_dark (style_manager));

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      GdkRGBA rgba;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (gtk_style_context_lookup_color (style, named[i].name, &rgba))
        {
          AnnalsColor *color = G_STRUCT_MEMBER_P (&palette, named[i].offset);

          color->red = rgba.red;
          color->green = rgba.green;
          color->blue = rgba.blue;
          color->alpha = rgba.alpha;
        }
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  palette.high_contrast = high_contrast;
  palette.dim_foreground = palette.foreground;
  palette.dim_foreground.alpha *= high_contrast ? 0.85 : 0.55;
  palette.grid = palette.foreground;
  palette.grid.alpha = high_contrast ? 0.25 : 0.08;
  palette.lane_background = palette.foreground;
  palette.lane_background.alpha = high_contrast ? 0.06 : 0.025;

  self->palette = palette;
  invalidate_content (self);
}

static gboolean
lookup_item (AnnalsTimelineView        *self,
             double                     x,
             double                     y,
             guint                     *position,
             const AnnalsTimelineMark **mark)
{
  if (self->state == NULL || get_store (self) == NULL)
    return FALSE;

  ensure_layout (self);

  return annals_timeline_layout_lookup (self->layout, x, y, position, mark);
}

static void
zoom_around (AnnalsTimelineView *self,
             double              factor,
             double              x)
{
  if (self->state == NULL)
    return;

  annals_view_state_zoom (self->state, factor, x_to_time (self, x));
}

static double
focus_x (AnnalsTimelineView *self)
{
  int position = annals_view_state_get_selected_position (self->state);
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  /* Zoom around the selection when it is in view, else the centre. */
  if (position >= 0)
    {
      const AnnalsTimelineMark *mark;

      ensure_layout (self);
      mark = annals_timeline_layout_find_mark (self->layout, position);
      if (mark != NULL && mark->x >= 0 && mark->x <= width)
        return mark->x;
    }

  return width / 2.0;
}

/* Input */

gboolean
_annals_timeline_view_drag_begin (AnnalsTimelineView *self,
                                  double              x,
                                  double              y,
                                  GdkModifierType     modifiers)
{
  if (self->state == NULL)
    return FALSE;

  stop_kinetic (self);
  self->dragging = TRUE;
  self->drag_moved = FALSE;
  self->selecting_range = (modifiers & GDK_SHIFT_MASK) != 0;
  self->drag_from = annals_view_state_get_visible_from (self->state);
  self->drag_to = annals_view_state_get_visible_to (self->state);
  self->drag_scroll = self->lane_scroll;
  self->drag_start_x = x;
  self->range_end_x = x;

  return TRUE;
}

gboolean
_annals_timeline_view_drag_update (AnnalsTimelineView *self,
                                   double              offset_x,
                                   double              offset_y)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  gboolean started = FALSE;
  double days;

  if (!self->dragging)
    return FALSE;

  if (fabs (offset_x) + fabs (offset_y) > DRAG_THRESHOLD)
    {
      started = !self->drag_moved;
      self->drag_moved = TRUE;
    }

  if (!self->drag_moved)
    return FALSE;

  if (self->selecting_range)
    {
      self->range_end_x = self->drag_start_x + offset_x;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return started;
    }

  /* The time under the pointer stays under it. */
  days = offset_x * (self->drag_to - self->drag_from) / width;
  annals_view_state_set_visible_range (self->state, self->drag_from - days, self->drag_to - days);
  set_lane_scroll (self, self->drag_scroll - offset_y);

  return started;
}

void
_annals_timeline_view_drag_end (AnnalsTimelineView *self,
                                double              offset_x,
                                double              offset_y)
{
  if (self->dragging && self->selecting_range && self->drag_moved)
    {
      double x0 = MIN (self->drag_start_x, self->drag_start_x + offset_x);
      double x1 = MAX (self->drag_start_x, self->drag_start_x + offset_x);
      double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
      double days_per_px = (self->drag_to - self->drag_from) / width;

      if (x1 - x0 >= DRAG_THRESHOLD)
        annals_view_state_set_visible_range (self->state,
                                             self->drag_from + x0 * days_per_px,
                                             self->drag_from + x1 * days_per_px);
    }

  self->dragging = FALSE;
  self->selecting_range = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               AnnalsTimelineView *self)
{
  GdkModifierType modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!_annals_timeline_view_drag_begin (self, x, y, modifiers))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag     *gesture,
                double              offset_x,
                double              offset_y,
                AnnalsTimelineView *self)
{
  /* Past the threshold the drag is ours: no click, no swipe of a parent. */
  if (_annals_timeline_view_drag_update (self, offset_x, offset_y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_end (GtkGestureDrag     *gesture,
             double              offset_x,
             double              offset_y,
             AnnalsTimelineView *self)
{
  _annals_timeline_view_drag_end (self, offset_x, offset_y);
}

static void
on_swipe (GtkGestureSwipe    *gesture,
          double              velocity_x,
          double              velocity_y,
          AnnalsTimelineView *self)
{
  if (self->state == NULL || !self->drag_moved)
    return;

  start_kinetic (self, velocity_x);
}

void
_annals_timeline_view_click (AnnalsTimelineView *self,
                             int                 n_press,
                             double              x,
                             double              y)
{
  const AnnalsTimelineMark *mark = NULL;
  guint position;

  if (self->drag_moved || self->state == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (!lookup_item (self, x, y, &position, &mark))
    {
      if (n_press == 1)
        annals_view_state_set_selected (self->state, NULL);
      return;
    }

  if (mark != NULL && mark->count > 1)
    {
      /* A cluster opens up: zoom in around it until its events part. */
      zoom_around (self, n_press > 1 ? 0.1 : 0.25, mark->x);
      return;
    }

  annals_view_state_select_position (self->state, position);

  if (n_press == 2)
    {
      AnnalsEvent *selected = annals_view_state_get_selected (self->state);

      if (selected != NULL)
        {
          if (mark != NULL)
            annals_view_state_zoom_to_event (self->state, selected);
          g_signal_emit (self, signals[ACTIVATE], 0, selected);
        }
    }
}

static void
on_click_released (GtkGestureClick    *gesture,
                   int                 n_press,
                   double              x,
                   double              y,
                   AnnalsTimelineView *self)
{
  _annals_timeline_view_click (self, n_press, x, y);
}

gboolean
_annals_timeline_view_scroll (AnnalsTimelineView *self,
                              double              delta_x,
                              double              delta_y,
                              GdkModifierType     modifiers,
                              GdkScrollUnit       unit)
{
  gboolean wheel = unit == GDK_SCROLL_UNIT_WHEEL;
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->state == NULL)
    return FALSE;

  stop_kinetic (self);

  if (modifiers & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (1.25, delta_y) : exp (delta_y * 0.01);

      zoom_around (self, factor, self->pointer_x);
      return TRUE;
    }

  if (wheel && (modifiers & GDK_SHIFT_MASK))
    {
      delta_x = delta_y;
      delta_y = 0;
    }

  if (delta_x != 0)
    pan_pixels (self, wheel ? delta_x * width * 0.1 : delta_x);
  if (delta_y != 0)
    set_lane_scroll (self, self->lane_scroll + (wheel ? delta_y * 48.0 : delta_y));

  return TRUE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    delta_x,
           double                    delta_y,
           AnnalsTimelineView       *self)
{
  GdkModifierType modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  return _annals_timeline_view_scroll (self, delta_x, delta_y, modifiers,
                                       gtk_event_controller_scroll_get_unit (controller));
}

static void
on_scroll_decelerate (GtkEventControllerScroll *controller,
                      double                    velocity_x,
                      double                    velocity_y,
                      AnnalsTimelineView       *self)
{
  if (self->state == NULL)
    return;

  /* Scroll deltas move the view, so the content goes the other way. */
  start_kinetic (self, -velocity_x);
}

static void
on_pinch_begin (GtkGesture         *gesture,
                GdkEventSequence   *sequence,
                AnnalsTimelineView *self)
{
  double y;

  if (self->state == NULL)
    return;

  stop_kinetic (self);
  self->pinch_from = annals_view_state_get_visible_from (self->state);
  self->pinch_to = annals_view_state_get_visible_to (self->state);
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->pinch_x, &y))
    self->pinch_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
}

static void
on_pinch_scale_changed (GtkGestureZoom     *gesture,
                        double              scale,
                        AnnalsTimelineView *self)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  double span = self->pinch_to - self->pinch_from;
  double anchor = self->pinch_from + self->pinch_x / width * span;
  double new_span;
  double fraction = self->pinch_x / width;

  if (self->state == NULL || scale <= 0)
    return;

  new_span = span / scale;
  annals_view_state_set_visible_range (self->state,
                                       anchor - fraction * new_span,
                                       anchor + (1.0 - fraction) * new_span);
}

void
_annals_timeline_view_motion (AnnalsTimelineView *self,
                              double              x,
                              double              y)
{
  guint position;
  int hover = -1;

  self->pointer_x = x;
  self->pointer_y = y;

  if (!self->dragging && lookup_item (self, x, y, &position, NULL))
    hover = position;

  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AnnalsTimelineView       *self)
{
  _annals_timeline_view_motion (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          AnnalsTimelineView       *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
annals_timeline_view_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);
  const AnnalsTimelineMark *mark = NULL;
  g_autofree char *markup = NULL;
  guint position;

  if (keyboard_mode)
    {
      int selected = self->state != NULL ? annals_view_state_get_selected_position (self->state) : -1;

      if (selected < 0)
        return FALSE;
      markup = describe_event (self, selected, TRUE);
    }
  else
    {
      if (!lookup_item (self, x, y, &position, &mark))
        return FALSE;

      if (mark != NULL && mark->count > 1)
        markup = g_markup_printf_escaped (ngettext ("<b>%u event</b>\nClick to zoom in",
                                                    "<b>%u events</b>\nClick to zoom in",
                                                    mark->count),
                                          mark->count);
      else
        markup = describe_event (self, position, TRUE);
    }

  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Actions */

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  if (self->state != NULL)
    zoom_around (self, 1.0 / ZOOM_STEP, focus_x (self));
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  if (self->state != NULL)
    zoom_around (self, ZOOM_STEP, focus_x (self));
}

static void
zoom_fit_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  if (self->state != NULL)
    annals_view_state_zoom_to_fit (self->state);
}

static void
select_next_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  if (self->state == NULL)
    return;

  if (!annals_view_state_select_next (self->state))
    gtk_widget_error_bell (widget);
}

static void
select_previous_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  if (self->state == NULL)
    return;

  if (!annals_view_state_select_previous (self->state))
    gtk_widget_error_bell (widget);
}

static void
select_end (AnnalsTimelineView *self,
            gboolean            last)
{
  AnnalsEventStore *store = get_store (self);
  guint n_dated;

  if (store == NULL || (n_dated = annals_event_store_get_n_dated (store)) == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  annals_view_state_select_position (self->state, last ? n_dated - 1 : 0);
  annals_view_state_reveal_selected (self->state);
}

static void
select_first_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  select_end (ANNALS_TIMELINE_VIEW (widget), FALSE);
}

static void
select_last_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  select_end (ANNALS_TIMELINE_VIEW (widget), TRUE);
}

static void
move_lane (AnnalsTimelineView *self,
           int                 step)
{
  AnnalsEventStore *store = get_store (self);
  const AnnalsEventRecord *record;
  int position;
  int lane;
  guint target;
  double day;

  if (store == NULL)
    return;

  position = annals_view_state_get_selected_position (self->state);
  ensure_layout (self);

  if (position < 0 || (lane = annals_timeline_layout_find_lane (self->layout, position)) < 0)
    {
      if (!annals_view_state_select_next (self->state))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (lane + step < 0 || (guint) (lane + step) >= annals_timeline_layout_get_n_lanes (self->layout))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  /* The event of the next lane nearest in time to the selected one. */
  record = annals_event_store_get_record (store, position);
  day = (record->first_day + (double) record->end_day) / 2.0;
  if (annals_timeline_layout_find_in_lane (self->layout, lane + step, day, &target))
    {
      annals_view_state_select_position (self->state, target);
      annals_view_state_reveal_selected (self->state);
    }
}

static void
lane_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_lane (ANNALS_TIMELINE_VIEW (widget), -1);
}

static void
lane_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_lane (ANNALS_TIMELINE_VIEW (widget), 1);
}

static void
activate_selected_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);
  AnnalsEvent *selected = self->state != NULL ? annals_view_state_get_selected (self->state) : NULL;

  if (selected == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  g_signal_emit (self, signals[ACTIVATE], 0, selected);
}

static void
on_export_response (GtkNativeDialog    *chooser,
                    int                 response,
                    AnnalsTimelineView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      if (annals_timeline_view_export_to_file (self, path,
                                               gtk_widget_get_width (GTK_WIDGET (self)),
                                               gtk_widget_get_height (GTK_WIDGET (self)),
                                               0, 0, &error))
        /* Translators: %s is a file name. */
        message = g_strdup_printf (_("Timeline exported to “%s”"), name);
      else
        message = g_strdup (error->message);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
      else if (error != NULL)
        g_warning ("%s", error->message);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_image_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Timeline"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("timeline.png"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("PNG Image"), "image/png");
  add_filter (GTK_FILE_CHOOSER (chooser), _("SVG Image"), "image/svg+xml");
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF Document"), "application/pdf");

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GtkWidget */

static gboolean
refine_tick (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  self->refine_id = 0;
  invalidate_content (self);

  return G_SOURCE_REMOVE;
}

static void
annals_timeline_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int selected;
  cairo_t *cr;

  if (self->state == NULL || width <= 0 || height <= 0)
    return;

  ensure_layout (self);

  /* The frame is painted once per range, size, data or style; hover and
   * selection are drawn over it. */
  if (self->content == NULL)
    {
      GtkSnapshot *content = gtk_snapshot_new ();

      cr = gtk_snapshot_append_cairo (content, &GRAPHENE_RECT_INIT (0, 0, width, height));
      annals_timeline_painter_draw (self->painter, cr, self->layout, &self->palette,
                                    annals_timeline_get_today ());
      cairo_destroy (cr);
      self->content = gtk_snapshot_free_to_node (content);

      /* What was left for later (labels, when a zoom brought too many new
       * ones for one frame; the index of a large store) comes in the next
       * frames. */
      if ((!annals_timeline_painter_is_complete (self->painter) ||
           !annals_timeline_layout_is_complete (self->layout)) &&
          self->refine_id == 0)
        self->refine_id = gtk_widget_add_tick_callback (widget, refine_tick, NULL, NULL);
    }

  if (self->content != NULL)
    gtk_snapshot_append_node (snapshot, self->content);

  /* Lanes taller than the view show where they are scrolled to. */
  {
    double top;
    double bottom;
    double total = annals_timeline_layout_get_lanes_height (self->layout);

    annals_timeline_layout_get_lanes_area (self->layout, &top, &bottom);
    if (total > bottom - top + 0.5 && bottom > top)
      {
        GdkRGBA thumb = { self->palette.foreground.red, self->palette.foreground.green,
                          self->palette.foreground.blue, 0.3 };
        double visible = bottom - top;
        double length = MAX (24.0, visible * visible / total);
        double offset = top + (visible - length) * self->lane_scroll / (total - visible);
        GskRoundedRect rounded;

        gsk_rounded_rect_init_from_rect (&rounded, &GRAPHENE_RECT_INIT (width - 7, offset + 2, 4, length - 4), 2);
        gtk_snapshot_push_rounded_clip (snapshot, &rounded);
        gtk_snapshot_append_color (snapshot, &thumb, &rounded.bounds);
        gtk_snapshot_pop (snapshot);
      }
  }

  selected = annals_view_state_get_selected_position (self->state);
  if (self->hover < 0 && selected < 0 && !self->selecting_range)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->hover >= 0 && self->hover != selected)
    annals_timeline_painter_draw_highlight (self->painter, cr, self->layout, &self->palette,
                                            self->hover, FALSE);
  if (selected >= 0)
    annals_timeline_painter_draw_highlight (self->painter, cr, self->layout, &self->palette,
                                            selected, TRUE);
  if (self->selecting_range && self->drag_moved)
    {
      double x0 = MIN (self->drag_start_x, self->range_end_x);
      double x1 = MAX (self->drag_start_x, self->range_end_x);
      const AnnalsColor *accent = &self->palette.accent;

      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
annals_timeline_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 800;
    }
  else
    {
      *minimum = 180;
      *natural = 480;
    }
}

static void
annals_timeline_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  annals_timeline_painter_set_scale (self->painter, gtk_widget_get_scale_factor (widget));
  invalidate_content (self);
}

static void
annals_timeline_view_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (widget);

  GTK_WIDGET_CLASS (annals_timeline_view_parent_class)->css_changed (widget, change);

  annals_timeline_layout_set_context (self->layout, gtk_widget_get_pango_context (widget));
  update_palette (self);
}

static void
on_scale_factor_changed (AnnalsTimelineView *self)
{
  annals_timeline_painter_set_scale (self->painter, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  invalidate_content (self);
}

/* GObject */

static void
annals_timeline_view_dispose (GObject *object)
{
  AnnalsTimelineView *self = (AnnalsTimelineView *)object;

  stop_kinetic (self);
  if (self->refine_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->refine_id);
      self->refine_id = 0;
    }
  if (self->state_signals != NULL)
    g_signal_group_set_target (self->state_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->state_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->state);
  g_clear_pointer (&self->content, gsk_render_node_unref);

  G_OBJECT_CLASS (annals_timeline_view_parent_class)->dispose (object);
}

static void
annals_timeline_view_finalize (GObject *object)
{
  AnnalsTimelineView *self = (AnnalsTimelineView *)object;

  g_clear_pointer (&self->layout, annals_timeline_layout_free);
  g_clear_pointer (&self->painter, annals_timeline_painter_free);

  G_OBJECT_CLASS (annals_timeline_view_parent_class)->finalize (object);
}

static void
annals_timeline_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AnnalsTimelineView *self = ANNALS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      annals_timeline_view_set_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  modifiers,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, modifiers, action, NULL);
}

static void
annals_timeline_view_class_init (AnnalsTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annals_timeline_view_dispose;
  object_class->finalize = annals_timeline_view_finalize;
  object_class->get_property = annals_timeline_view_get_property;
  object_class->set_property = annals_timeline_view_set_property;

  widget_class->snapshot = annals_timeline_view_snapshot;
  widget_class->measure = annals_timeline_view_measure;
  widget_class->size_allocate = annals_timeline_view_size_allocate;
  widget_class->css_changed = annals_timeline_view_css_changed;
  widget_class->query_tooltip = annals_timeline_view_query_tooltip;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         ANNALS_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnnalsTimelineView::activate:
   * @event: the event to show in detail
   *
   * Emitted on Enter or a double-click on an event.
   */
  signals[ACTIVATE] =
    g_signal_new ("activate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ANNALS_TYPE_EVENT);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_fit_activated);
  gtk_widget_class_install_action (widget_class, "timeline.select-next", NULL, select_next_activated);
  gtk_widget_class_install_action (widget_class, "timeline.select-previous", NULL, select_previous_activated);
  gtk_widget_class_install_action (widget_class, "timeline.select-first", NULL, select_first_activated);
  gtk_widget_class_install_action (widget_class, "timeline.select-last", NULL, select_last_activated);
  gtk_widget_class_install_action (widget_class, "timeline.lane-up", NULL, lane_up_activated);
  gtk_widget_class_install_action (widget_class, "timeline.lane-down", NULL, lane_down_activated);
  gtk_widget_class_install_action (widget_class, "timeline.activate-selected", NULL, activate_selected_activated);
  gtk_widget_class_install_action (widget_class, "timeline.export-image", NULL, export_image_activated);

  add_binding (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out");
  add_binding (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-fit");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit");
  add_binding (widget_class, GDK_KEY_Right, 0, "timeline.select-next");
  add_binding (widget_class, GDK_KEY_KP_Right, 0, "timeline.select-next");
  add_binding (widget_class, GDK_KEY_Left, 0, "timeline.select-previous");
  add_binding (widget_class, GDK_KEY_KP_Left, 0, "timeline.select-previous");
  add_binding (widget_class, GDK_KEY_Up, 0, "timeline.lane-up");
  add_binding (widget_class, GDK_KEY_KP_Up, 0, "timeline.lane-up");
  add_binding (widget_class, GDK_KEY_Down, 0, "timeline.lane-down");
  add_binding (widget_class, GDK_KEY_KP_Down, 0, "timeline.lane-down");
  add_binding (widget_class, GDK_KEY_Home, 0, "timeline.select-first");
  add_binding (widget_class, GDK_KEY_KP_Home, 0, "timeline.select-first");
  add_binding (widget_class, GDK_KEY_End, 0, "timeline.select-last");
  add_binding (widget_class, GDK_KEY_KP_End, 0, "timeline.select-last");
  add_binding (widget_class, GDK_KEY_Return, 0, "timeline.activate-selected");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate-selected");
  add_binding (widget_class, GDK_KEY_space, 0, "timeline.activate-selected");

  gtk_widget_class_set_css_name (widget_class, "annals-timeline-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
annals_timeline_view_init (AnnalsTimelineView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  GtkGesture *drag;
  GtkGesture *swipe;
  GtkGesture *click;
  GtkGesture *pinch;
  GtkEventController *scroll;
  GtkEventController *motion;

  self->hover = -1;
  self->layout_dirty = TRUE;
  self->layout = annals_timeline_layout_new (context);
  annals_timeline_layout_set_index_budget (self->layout, 200000);
  self->painter = annals_timeline_painter_new ();
  annals_timeline_painter_set_label_budget (self->painter, 48);
  annals_timeline_palette_init_default (&self->palette, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No event selected"),
                                  -1);

  self->state_signals = g_signal_group_new (ANNALS_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->state_signals, "notify::visible-from",
                                  G_CALLBACK (invalidate_content), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::visible-to",
                                  G_CALLBACK (invalidate_content), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::group-by",
                                  G_CALLBACK (on_store_changed), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::store",
                                  G_CALLBACK (on_state_store_changed), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::selected",
                                  G_CALLBACK (on_selected_changed), self);

  self->store_signals = g_signal_group_new (ANNALS_TYPE_EVENT_STORE);
  g_signal_group_connect_swapped (self->store_signals, "items-changed",
                                  G_CALLBACK (on_store_changed), self);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (update_palette), self, G_CONNECT_SWAPPED);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  swipe = gtk_gesture_swipe_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (swipe), FALSE);
  g_signal_connect (swipe, "swipe", G_CALLBACK (on_swipe), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (swipe));
  gtk_gesture_group (drag, swipe);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  pinch = gtk_gesture_zoom_new ();
  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                            GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  g_signal_connect (scroll, "decelerate", G_CALLBACK (on_scroll_decelerate), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
annals_timeline_view_new (AnnalsViewState *state)
{
  return g_object_new (ANNALS_TYPE_TIMELINE_VIEW, "state", state, NULL);
}

AnnalsViewState *
annals_timeline_view_get_state (AnnalsTimelineView *self)
{
  g_return_val_if_fail (ANNALS_IS_TIMELINE_VIEW (self), NULL);

  return self->state;
}

void
annals_timeline_view_set_state (AnnalsTimelineView *self,
                                AnnalsViewState    *state)
{
  g_return_if_fail (ANNALS_IS_TIMELINE_VIEW (self));
  g_return_if_fail (!state || ANNALS_IS_VIEW_STATE (state));

  if (!g_set_object (&self->state, state))
    return;

  g_signal_group_set_target (self->state_signals, state);
  self->lane_scroll = 0;
  on_state_store_changed (self);
  if (state != NULL)
    on_selected_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
annals_timeline_view_lookup_item (AnnalsTimelineView *self,
                                  double              x,
                                  double              y,
                                  guint              *position,
                                  guint              *count)
{
  const AnnalsTimelineMark *mark = NULL;
  guint found;

  g_return_val_if_fail (ANNALS_IS_TIMELINE_VIEW (self), FALSE);

  if (!lookup_item (self, x, y, &found, &mark))
    return FALSE;

  if (position != NULL)
    *position = found;
  if (count != NULL)
    *count = mark != NULL ? mark->count : 1;

  return TRUE;
}

void
annals_timeline_view_render (AnnalsTimelineView *self,
                             cairo_t            *cr,
                             int                 width,
                             int                 height,
                             double              from,
                             double              to)
{
  AnnalsTimelineLayout *layout;
  g_autoptr(AnnalsTimelinePainter) painter = NULL;

  g_return_if_fail (ANNALS_IS_TIMELINE_VIEW (self));
  g_return_if_fail (cr != NULL);

  if (self->state == NULL)
    return;

  if (!(from < to))
    {
      from = annals_view_state_get_visible_from (self->state);
      to = annals_view_state_get_visible_to (self->state);
    }

  layout = annals_timeline_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  painter = annals_timeline_painter_new ();
  annals_timeline_layout_update (layout, get_store (self),
                                 annals_view_state_get_group_by (self->state),
                                 from, to, width, height, 0.0);
  annals_timeline_painter_draw (painter, cr, layout, &self->palette, annals_timeline_get_today ());
  annals_timeline_layout_free (layout);
}

gboolean
annals_timeline_view_export_to_file (AnnalsTimelineView  *self,
                                     const char          *path,
                                     int                  width,
                                     int                  height,
                                     double               from,
                                     double               to,
                                     GError             **error)
{
  g_autofree char *lower = NULL;
  g_autofree char *name = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean png = FALSE;
  cairo_t *cr;

  g_return_val_if_fail (ANNALS_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  name = g_filename_display_basename (path);
  width = CLAMP (width, 16, 16384);
  height = CLAMP (height, 16, 16384);

  if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      png = TRUE;
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s”: choose a name ending in .png, .svg or .pdf"), name);
      return FALSE;
    }

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      annals_timeline_view_render (self, cr, width, height, from, to);
      cairo_destroy (cr);

      if (png)
        status = cairo_surface_write_to_png (surface, path);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
