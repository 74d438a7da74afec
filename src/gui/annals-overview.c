/* annals-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "annals-overview.h"

#define BIN_WIDTH 3

struct _AnnalsOverview
{
  GtkWidget         parent_instance;

  AnnalsViewState  *state;
  GSignalGroup     *state_signals;
  GSignalGroup     *store_signals;

  /* Events per bin of BIN_WIDTH pixels over [span_from, span_to). */
  GArray           *histogram;
  guint             histogram_max;
  double            span_from;
  double            span_to;
  GskRenderNode    *histogram_node;

  GdkRGBA           accent;
  GdkRGBA           foreground;

  double            drag_offset;
  double            drag_start_x;
};

G_DEFINE_FINAL_TYPE (AnnalsOverview, annals_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AnnalsEventStore *
get_store (AnnalsOverview *self)
{
  return self->state != NULL ? annals_view_state_get_store (self->state) : NULL;
}

static void
invalidate_histogram (AnnalsOverview *self)
{
  g_array_set_size (self->histogram, 0);
  g_clear_pointer (&self->histogram_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The first dated position whose start is at or after @day. */
static guint
lower_bound (AnnalsEventStore *store,
             guint             n_dated,
             double            day)
{
  guint low = 0;
  guint high = n_dated;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (annals_event_store_get_record (store, middle)->first_day < day)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static void
compute_span (AnnalsOverview *self)
{
  AnnalsEventStore *store = get_store (self);
  double from = annals_view_state_get_visible_from (self->state);
  double to = annals_view_state_get_visible_to (self->state);
  gint32 first_day;
  gint32 end_day;

  if (store != NULL && annals_event_store_get_span (store, &first_day, &end_day))
    {
      double margin = MAX ((end_day - (double) first_day) * 0.12, 30.0);

      from = MIN (from, first_day - margin);
      to = MAX (to, end_day + margin);
    }

  if (from != self->span_from || to != self->span_to)
    {
      self->span_from = from;
      self->span_to = to;
      invalidate_histogram (self);
    }
}

static void
ensure_histogram (AnnalsOverview *self,
                  int             width)
{
  AnnalsEventStore *store = get_store (self);
  guint n_bins = MAX (width / BIN_WIDTH, 1);
  guint n_dated;
  guint previous;

  if (self->histogram->len == n_bins || store == NULL)
    return;

  /* Two binary searches per bin, whatever the number of events. */
  g_array_set_size (self->histogram, n_bins);
  self->histogram_max = 0;
  n_dated = annals_event_store_get_n_dated (store);
  previous = lower_bound (store, n_dated, self->span_from);

  for (guint b = 0; b < n_bins; b++)
    {
      double bin_end = self->span_from + (b + 1) * (self->span_to - self->span_from) / n_bins;
      guint next = lower_bound (store, n_dated, bin_end);

      g_array_index (self->histogram, guint, b) = next - previous;
      self->histogram_max = MAX (self->histogram_max, next - previous);
      previous = next;
    }
}

static double
time_to_x (AnnalsOverview *self,
           double          days)
{
  return (days - self->span_from) / (self->span_to - self->span_from) * gtk_widget_get_width (GTK_WIDGET (self));
}

static double
x_to_time (AnnalsOverview *self,
           double          x)
{
  return self->span_from + x / MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1) * (self->span_to - self->span_from);
}

static void
on_range_changed (AnnalsOverview *self)
{
  compute_span (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_store_changed (AnnalsOverview *self)
{
  invalidate_histogram (self);
  on_range_changed (self);
}

static void
on_state_store_changed (AnnalsOverview *self)
{
  g_signal_group_set_target (self->store_signals, get_store (self));
  on_store_changed (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               AnnalsOverview *self)
{
  double from;
  double to;
  double time;

  if (self->state == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  from = annals_view_state_get_visible_from (self->state);
  to = annals_view_state_get_visible_to (self->state);
  time = x_to_time (self, x);
  self->drag_start_x = x;

  /* Grabbing the window keeps the point grabbed under the pointer; a
   * press elsewhere moves the window there first. */
  if (time >= from && time <= to)
    {
      self->drag_offset = time - from;
    }
  else
    {
      self->drag_offset = (to - from) / 2.0;
      annals_view_state_pan (self->state, time - self->drag_offset - from);
    }
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                AnnalsOverview *self)
{
  double from;
  double to;
  double new_from;

  if (self->state == NULL)
    return;

  from = annals_view_state_get_visible_from (self->state);
  to = annals_view_state_get_visible_to (self->state);
  new_from = x_to_time (self, self->drag_start_x + offset_x) - self->drag_offset;
  annals_view_state_set_visible_range (self->state, new_from, new_from + (to - from));
}

static void
update_colors (AnnalsOverview *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (style, "accent_color", &self->accent))
    gdk_rgba_parse (&self->accent, "#1c71d8");
  gtk_style_context_get_color (style, &self->foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_clear_pointer (&self->histogram_node, gsk_render_node_unref);
}

static void
annals_overview_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (annals_overview_parent_class)->css_changed (widget, change);

  update_colors (ANNALS_OVERVIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
annals_overview_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AnnalsOverview *self = ANNALS_OVERVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA window_fill = self->accent;
  GdkRGBA shade = self->foreground;
  GskRoundedRect outline;
  double x0;
  double x1;

  if (self->state == NULL || width <= 0 || height <= 0)
    return;

  compute_span (self);
  ensure_histogram (self, width);

  if (self->histogram_node == NULL && self->histogram->len > 0 && self->histogram_max > 0)
    {
      GtkSnapshot *bars = gtk_snapshot_new ();
      GdkRGBA bar = self->foreground;
      double bin_width = width / (double) self->histogram->len;

      bar.alpha = 0.35;
      for (guint b = 0; b < self->histogram->len; b++)
        {
          guint count = g_array_index (self->histogram, guint, b);
          double bar_height;

          if (count == 0)
            continue;

          /* A square-root scale keeps sparse years visible next to busy ones. */
          bar_height = MAX (1.0, sqrt (count / (double) self->histogram_max) * (height - 8));
          gtk_snapshot_append_color (bars, &bar,
                                     &GRAPHENE_RECT_INIT (b * bin_width, height - 4 - bar_height,
                                                          MAX (bin_width - 1, 1), bar_height));
        }
      self->histogram_node = gtk_snapshot_free_to_node (bars);
    }

  if (self->histogram_node != NULL)
    gtk_snapshot_append_node (snapshot, self->histogram_node);

  x0 = CLAMP (time_to_x (self, annals_view_state_get_visible_from (self->state)), 0, width);
  x1 = CLAMP (time_to_x (self, annals_view_state_get_visible_to (self->state)), 0, width);
  if (x1 - x0 < 4)
    {
      double middle = (x0 + x1) / 2.0;

      x0 = middle - 2;
      x1 = middle + 2;
    }

  /* What is out of view is shaded. */
  shade.alpha = 0.06;
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, x0, height));
  gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x1, 0, width - x1, height));

  window_fill.alpha = 0.15;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0, 1, x1 - x0, height - 2), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &window_fill, &outline.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { 2, 2, 2, 2 },
                              (GdkRGBA[4]) { self->accent, self->accent, self->accent, self->accent });
}

static void
annals_overview_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 800;
    }
  else
    {
      *minimum = 40;
      *natural = 48;
    }
}

static void
annals_overview_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  invalidate_histogram (ANNALS_OVERVIEW (widget));
}

static void
annals_overview_dispose (GObject *object)
{
  AnnalsOverview *self = (AnnalsOverview *)object;

  if (self->state_signals != NULL)
    g_signal_group_set_target (self->state_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->state_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->state);
  g_clear_pointer (&self->histogram_node, gsk_render_node_unref);

  G_OBJECT_CLASS (annals_overview_parent_class)->dispose (object);
}

static void
annals_overview_finalize (GObject *object)
{
  AnnalsOverview *self = (AnnalsOverview *)object;

  g_clear_pointer (&self->histogram, g_array_unref);

  G_OBJECT_CLASS (annals_overview_parent_class)->finalize (object);
}

static void
annals_overview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnnalsOverview *self = ANNALS_OVERVIEW (object);

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
annals_overview_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnnalsOverview *self = ANNALS_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      annals_overview_set_state (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_overview_class_init (AnnalsOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annals_overview_dispose;
  object_class->finalize = annals_overview_finalize;
  object_class->get_property = annals_overview_get_property;
  object_class->set_property = annals_overview_set_property;

  widget_class->snapshot = annals_overview_snapshot;
  widget_class->measure = annals_overview_measure;
  widget_class->size_allocate = annals_overview_size_allocate;
  widget_class->css_changed = annals_overview_css_changed;

  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         ANNALS_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "annals-overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
annals_overview_init (AnnalsOverview *self)
{
  GtkGesture *drag;

  self->histogram = g_array_new (FALSE, TRUE, sizeof (guint));
  self->span_from = 0;
  self->span_to = 1;
  gdk_rgba_parse (&self->accent, "#1c71d8");
  gdk_rgba_parse (&self->foreground, "#000000");

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Drag the window to move through time"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overview of the whole time span"),
                                  -1);

  self->state_signals = g_signal_group_new (ANNALS_TYPE_VIEW_STATE);
  g_signal_group_connect_swapped (self->state_signals, "notify::visible-from",
                                  G_CALLBACK (on_range_changed), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::visible-to",
                                  G_CALLBACK (on_range_changed), self);
  g_signal_group_connect_swapped (self->state_signals, "notify::store",
                                  G_CALLBACK (on_state_store_changed), self);

  self->store_signals = g_signal_group_new (ANNALS_TYPE_EVENT_STORE);
  g_signal_group_connect_swapped (self->store_signals, "items-changed",
                                  G_CALLBACK (on_store_changed), self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
annals_overview_new (AnnalsViewState *state)
{
  return g_object_new (ANNALS_TYPE_OVERVIEW, "state", state, NULL);
}

AnnalsViewState *
annals_overview_get_state (AnnalsOverview *self)
{
  g_return_val_if_fail (ANNALS_IS_OVERVIEW (self), NULL);

  return self->state;
}

void
annals_overview_set_state (AnnalsOverview  *self,
                           AnnalsViewState *state)
{
  g_return_if_fail (ANNALS_IS_OVERVIEW (self));
  g_return_if_fail (!state || ANNALS_IS_VIEW_STATE (state));

  if (!g_set_object (&self->state, state))
    return;

  g_signal_group_set_target (self->state_signals, state);
  if (state != NULL)
    on_state_store_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
annals_overview_get_span (AnnalsOverview *self,
                          double         *from,
                          double         *to)
{
  g_return_if_fail (ANNALS_IS_OVERVIEW (self));

  if (self->state != NULL)
    compute_span (self);

  if (from != NULL)
    *from = self->span_from;
  if (to != NULL)
    *to = self->span_to;
}
