/* annals-timeline-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-timeline-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "annals-timeline-painter.h"

#define BAND_HEIGHT 10.0
#define BAR_HEIGHT  10.0

/* Kind colours from the GNOME palette, in a light and a dark variant that
 * both read against their background. */
static const char *kind_colors_light[ANNALS_N_EVENT_KINDS] = {
  "#1c71d8", /* meeting: blue 4 */
  "#813d9c", /* summit: purple 4 */
  "#c64600", /* exercise: orange 5 */
  "#26a269", /* festival: green 5 */
  "#1a5fb4", /* conference: blue 5 */
  "#a51d2d", /* visit: red 4 */
  "#986a44", /* statement: brown 3 */
  "#5e5c64", /* other: dark 2 */
};

static const char *kind_colors_dark[ANNALS_N_EVENT_KINDS] = {
  "#62a0ea", /* meeting: blue 2 */
  "#c061cb", /* summit: purple 2 */
  "#ffa348", /* exercise: orange 2 */
  "#57e389", /* festival: green 2 */
  "#99c1f1", /* conference: blue 1 */
  "#f66151", /* visit: red 2 */
  "#cdab8f", /* statement: brown 1 */
  "#c0bfbc", /* other: light 4 */
};

gboolean
annals_color_parse (AnnalsColor *color,
                    const char  *text)
{
  unsigned int red;
  unsigned int green;
  unsigned int blue;
  int consumed = 0;

  g_return_val_if_fail (color != NULL, FALSE);

  if (text == NULL ||
      sscanf (text, "#%2x%2x%2x%n", &red, &green, &blue, &consumed) != 3 ||
      consumed != 7 || text[7] != '\0')
    return FALSE;

  color->red = red / 255.0;
  color->green = green / 255.0;
  color->blue = blue / 255.0;
  color->alpha = 1.0;

  return TRUE;
}

static AnnalsColor
color_rgba (double red,
            double green,
            double blue,
            double alpha)
{
  AnnalsColor color = { red, green, blue, alpha };

  return color;
}

void
annals_timeline_palette_init_default (AnnalsTimelinePalette *palette,
                                      gboolean               dark)
{
  g_return_if_fail (palette != NULL);

  memset (palette, 0, sizeof *palette);
  palette->dark = dark;

  if (dark)
    {
      /* libadwaita's dark view colours. */
      palette->background = color_rgba (0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1.0);
      palette->foreground = color_rgba (1.0, 1.0, 1.0, 1.0);
      palette->header_background = color_rgba (0x30 / 255.0, 0x30 / 255.0, 0x30 / 255.0, 1.0);
      annals_color_parse (&palette->accent, "#78aeed");
      annals_color_parse (&palette->today, "#ff7b63");
    }
  else
    {
      palette->background = color_rgba (1.0, 1.0, 1.0, 1.0);
      palette->foreground = color_rgba (0, 0, 0, 0.8);
      palette->header_background = color_rgba (0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1.0);
      annals_color_parse (&palette->accent, "#1c71d8");
      annals_color_parse (&palette->today, "#e01b24");
    }

  palette->dim_foreground = palette->foreground;
  palette->dim_foreground.alpha *= 0.55;
  palette->grid = palette->foreground;
  palette->grid.alpha = 0.08;
  palette->lane_background = palette->foreground;
  palette->lane_background.alpha = 0.025;

  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    annals_color_parse (&palette->kinds[k], dark ? kind_colors_dark[k] : kind_colors_light[k]);
}

double
annals_timeline_get_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return annals_days_from_civil (g_date_time_get_year (now),
                                 g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now)) +
         (g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now)) / 1440.0;
}

static void
set_color (cairo_t           *cr,
           const AnnalsColor *color,
           double             alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Draws @text with its left edge at @x, vertically centred on @y, cut
 * with an ellipsis to @max_width (0: no limit). */
static void
draw_text (cairo_t           *cr,
           PangoLayout       *layout,
           const char        *text,
           double             x,
           double             y,
           double             max_width,
           gboolean           bold,
           const AnnalsColor *color)
{
  int width;
  int height;

  if (bold)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attributes);
    }
  else
    {
      pango_layout_set_attributes (layout, NULL);
    }

  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }

  pango_layout_get_pixel_size (layout, &width, &height);
  set_color (cr, color, 1.0);
  cairo_move_to (cr, x, round (y - height / 2.0));
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axis (cairo_t                     *cr,
           AnnalsTimelineLayout        *layout,
           PangoLayout                 *text,
           const AnnalsTimelinePalette *palette)
{
  double width = annals_timeline_layout_get_width (layout);
  double top;
  double bottom;
  guint n_ticks = annals_timeline_layout_get_n_ticks (layout);

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  set_color (cr, &palette->header_background, 1.0);
  cairo_rectangle (cr, 0, 0, width, ANNALS_TIMELINE_AXIS_HEIGHT);
  cairo_fill (cr);

  /* Grid lines through the lanes, stronger for the major tier. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n_ticks; i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);
      double x = floor (tick->x) + 0.5;

      if (tick->x < 0)
        continue;

      set_color (cr, &palette->grid, tick->major ? 2.0 : 1.0);
      cairo_move_to (cr, x, tick->major ? 0 : ANNALS_TIMELINE_AXIS_HEIGHT / 2.0);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < n_ticks; i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);

      if (!tick->has_label)
        continue;

      draw_text (cr, text, tick->label, tick->label_x,
                 tick->major ? 12.0 : 32.0, 0, tick->major,
                 tick->major ? &palette->foreground : &palette->dim_foreground);
    }

  set_color (cr, &palette->grid, 2.0);
  cairo_move_to (cr, 0, ANNALS_TIMELINE_AXIS_HEIGHT - 0.5);
  cairo_line_to (cr, width, ANNALS_TIMELINE_AXIS_HEIGHT - 0.5);
  cairo_stroke (cr);
}

static void
draw_lanes (cairo_t                     *cr,
            AnnalsTimelineLayout        *layout,
            PangoLayout                 *text,
            const AnnalsTimelinePalette *palette)
{
  double width = annals_timeline_layout_get_width (layout);
  guint n_lanes = annals_timeline_layout_get_n_lanes (layout);
  double top;
  double bottom;

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  for (guint l = 0; l < n_lanes; l++)
    {
      const AnnalsTimelineLane *lane = annals_timeline_layout_get_lane (layout, l);
      g_autofree char *count = NULL;
      double name_width;
      double name_height;

      if (lane->y + lane->height < top || lane->y > bottom)
        continue;

      if (l % 2 == 1)
        {
          set_color (cr, &palette->lane_background, 1.0);
          cairo_rectangle (cr, 0, lane->y, width, lane->height);
          cairo_fill (cr);
        }

      set_color (cr, &palette->grid, 1.0);
      cairo_move_to (cr, 0, floor (lane->y + lane->height) - 0.5);
      cairo_line_to (cr, width, floor (lane->y + lane->height) - 0.5);
      cairo_stroke (cr);

      draw_text (cr, text, lane->name, 12.0, lane->y + ANNALS_TIMELINE_LANE_HEADER / 2.0 + 2.0,
                 width / 2.0, TRUE, &palette->foreground);
      annals_timeline_layout_measure (layout, lane->name, TRUE, &name_width, &name_height);
      count = g_strdup_printf ("%u", lane->count);
      draw_text (cr, text, count, 12.0 + MIN (name_width, width / 2.0) + 8.0,
                 lane->y + ANNALS_TIMELINE_LANE_HEADER / 2.0 + 2.0,
                 0, FALSE, &palette->dim_foreground);
    }
}

static void
draw_today (cairo_t                     *cr,
            AnnalsTimelineLayout        *layout,
            PangoLayout                 *text,
            const AnnalsTimelinePalette *palette,
            double                       today)
{
  const AnnalsTimeScale *scale = annals_timeline_layout_get_scale (layout);
  double top;
  double bottom;
  double x;
  double label_width;
  double label_height;

  if (isnan (today) || today < scale->from || today > scale->to)
    return;

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);
  x = round (annals_time_scale_time_to_x (scale, today)) + 0.5;

  set_color (cr, &palette->today, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);

  annals_timeline_layout_measure (layout, _("Today"), TRUE, &label_width, &label_height);
  set_color (cr, &palette->today, 1.0);
  rounded_rectangle (cr, x - label_width / 2.0 - 6.0, top - label_height - 2.0,
                     label_width + 12.0, label_height + 2.0, 6.0);
  cairo_fill (cr);
  {
    AnnalsColor white = { 1.0, 1.0, 1.0, 1.0 };

    draw_text (cr, text, _("Today"), x - label_width / 2.0, top - label_height / 2.0 - 1.0,
               0, TRUE, &white);
  }
}

static void
draw_dot (cairo_t                     *cr,
          const AnnalsTimelinePalette *palette,
          const AnnalsColor           *color,
          double                       x,
          double                       y,
          AnnalsEventStatus            status)
{
  cairo_arc (cr, x, y, ANNALS_TIMELINE_MARK_RADIUS, 0, 2 * G_PI);

  if (status == ANNALS_EVENT_STATUS_PLANNED)
    {
      /* Planned events are hollow: they have not happened. */
      set_color (cr, &palette->background, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, color, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, color, status == ANNALS_EVENT_STATUS_UNKNOWN ? 0.7 : 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->background, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
draw_cluster (cairo_t                     *cr,
              PangoLayout                 *text,
              const AnnalsTimelinePalette *palette,
              const AnnalsTimelineMark    *mark)
{
  double radius = mark->count >= 100 ? 14.0 : (mark->count >= 10 ? 11.0 : 9.0);
  double angle = -G_PI / 2;
  char count[16];

  set_color (cr, &palette->background, 1.0);
  cairo_arc (cr, mark->x, mark->y, radius, 0, 2 * G_PI);
  cairo_fill (cr);

  /* The ring shows the mix of kinds, each in proportion. */
  cairo_set_line_width (cr, 3.0);
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      double sweep;

      if (mark->kind_counts[k] == 0)
        continue;

      sweep = 2 * G_PI * mark->kind_counts[k] / (double) mark->count;
      set_color (cr, &palette->kinds[k], 1.0);
      cairo_new_sub_path (cr);
      cairo_arc (cr, mark->x, mark->y, radius - 1.5, angle, angle + sweep);
      cairo_stroke (cr);
      angle += sweep;
    }

  if (mark->count < 1000)
    g_snprintf (count, sizeof count, "%u", mark->count);
  else if (mark->count < 1000000)
    g_snprintf (count, sizeof count, "%uk", mark->count / 1000);
  else
    g_snprintf (count, sizeof count, "%uM", mark->count / 1000000);

  {
    int width;
    int height;

    pango_layout_set_attributes (text, NULL);
    pango_layout_set_width (text, -1);
    pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_text (text, count, -1);
    pango_layout_get_pixel_size (text, &width, &height);
    set_color (cr, &palette->foreground, 1.0);
    cairo_move_to (cr, round (mark->x - width / 2.0), round (mark->y - height / 2.0));
    pango_cairo_show_layout (cr, text);
  }
}

static void
draw_event (cairo_t                     *cr,
            PangoLayout                 *text,
            const AnnalsTimelinePalette *palette,
            const AnnalsTimelineMark    *mark)
{
  const AnnalsColor *color = &palette->kinds[MIN (mark->kind, ANNALS_EVENT_KIND_OTHER)];
  gboolean planned = mark->status == ANNALS_EVENT_STATUS_PLANNED;

  if (mark->is_range)
    {
      double width = MAX (mark->x_end - mark->x_start, 2.0);

      rounded_rectangle (cr, mark->x_start, mark->y - BAR_HEIGHT / 2.0, width, BAR_HEIGHT, BAR_HEIGHT / 2.0);
      if (planned)
        {
          static const double dashes[] = { 4.0, 3.0 };

          set_color (cr, color, 0.15);
          cairo_fill_preserve (cr);
          set_color (cr, color, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        {
          set_color (cr, color, 0.8);
          cairo_fill (cr);
        }

      /* A start or end known only to the month or year fades out over
       * that period rather than pretending to an exact day. */
      if (mark->start_precision != ANNALS_PRECISION_DAY || mark->end_precision != ANNALS_PRECISION_DAY)
        {
          set_color (cr, &palette->background, 0.35);
          rounded_rectangle (cr, mark->x_start, mark->y - 1.0, width, 2.0, 1.0);
          cairo_fill (cr);
        }
    }
  else if (mark->start_precision != ANNALS_PRECISION_DAY && mark->x_end - mark->x_start >= 2.0)
    {
      /* Known to the month or the year: a soft band over the period, with
       * whiskers at its ends. */
      cairo_pattern_t *gradient;

      gradient = cairo_pattern_create_linear (mark->x_start, 0, mark->x_end, 0);
      cairo_pattern_add_color_stop_rgba (gradient, 0.0, color->red, color->green, color->blue, 0.06);
      cairo_pattern_add_color_stop_rgba (gradient, 0.5, color->red, color->green, color->blue, 0.28);
      cairo_pattern_add_color_stop_rgba (gradient, 1.0, color->red, color->green, color->blue, 0.06);
      cairo_set_source (cr, gradient);
      rounded_rectangle (cr, mark->x_start, mark->y - BAND_HEIGHT / 2.0,
                         mark->x_end - mark->x_start, BAND_HEIGHT, 3.0);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);

      set_color (cr, color, 0.55);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, round (mark->x_start) + 0.5, mark->y - BAND_HEIGHT / 2.0);
      cairo_line_to (cr, round (mark->x_start) + 0.5, mark->y + BAND_HEIGHT / 2.0);
      cairo_move_to (cr, round (mark->x_end) - 0.5, mark->y - BAND_HEIGHT / 2.0);
      cairo_line_to (cr, round (mark->x_end) - 0.5, mark->y + BAND_HEIGHT / 2.0);
      cairo_move_to (cr, mark->x_start, mark->y);
      cairo_line_to (cr, mark->x_end, mark->y);
      cairo_stroke (cr);
    }

  draw_dot (cr, palette, color, mark->x, mark->y, mark->status);

  if (mark->label_width > 0 && mark->title != NULL)
    draw_text (cr, text, mark->title, mark->label_x, mark->y, mark->label_width, FALSE,
               &palette->foreground);
}

static void
draw_shelf (cairo_t                     *cr,
            AnnalsTimelineLayout        *layout,
            PangoLayout                 *text,
            const AnnalsTimelinePalette *palette)
{
  AnnalsEventStore *store = annals_timeline_layout_get_store (layout);
  double width = annals_timeline_layout_get_width (layout);
  double y = annals_timeline_layout_get_shelf_y (layout);
  double middle = y + ANNALS_TIMELINE_SHELF_HEIGHT / 2.0;
  guint n_chips = annals_timeline_layout_get_n_chips (layout);
  guint hidden = annals_timeline_layout_get_n_undated_hidden (layout);

  if (y >= annals_timeline_layout_get_height (layout) || store == NULL)
    return;

  set_color (cr, &palette->header_background, 1.0);
  cairo_rectangle (cr, 0, y, width, ANNALS_TIMELINE_SHELF_HEIGHT);
  cairo_fill (cr);
  set_color (cr, &palette->grid, 2.0);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, y + 0.5);
  cairo_line_to (cr, width, y + 0.5);
  cairo_stroke (cr);

  draw_text (cr, text, _("Undated"), 12.0, middle, 0, TRUE, &palette->dim_foreground);

  for (guint i = 0; i < n_chips; i++)
    {
      const AnnalsTimelineChip *chip = annals_timeline_layout_get_chip (layout, i);
      const AnnalsEventRecord *record = annals_event_store_get_record (store, chip->position);
      const char *title = annals_event_store_get_title (store, chip->position);
      const AnnalsColor *color = &palette->kinds[MIN (record->kind, ANNALS_EVENT_KIND_OTHER)];

      rounded_rectangle (cr, chip->x, middle - 12.0, chip->width, 24.0, 12.0);
      set_color (cr, &palette->background, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->grid, 2.5);
      cairo_stroke (cr);

      cairo_arc (cr, chip->x + 12.0, middle, 4.0, 0, 2 * G_PI);
      set_color (cr, color, 1.0);
      cairo_fill (cr);

      draw_text (cr, text, title != NULL ? title : "", chip->x + 20.0, middle,
                 chip->width - 26.0, FALSE, &palette->foreground);
    }

  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more", "%u more", hidden), hidden);
      double more_width;

      annals_timeline_layout_measure (layout, more, FALSE, &more_width, NULL);
      draw_text (cr, text, more, width - more_width - 12.0, middle, 0, FALSE, &palette->dim_foreground);
    }
}

void
annals_timeline_painter_draw (cairo_t                     *cr,
                              AnnalsTimelineLayout        *layout,
                              const AnnalsTimelinePalette *palette,
                              double                       today)
{
  g_autoptr(PangoLayout) text = NULL;
  double width;
  double height;
  double top;
  double bottom;
  guint n_marks;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  text = pango_layout_new (annals_timeline_layout_get_context (layout));
  width = annals_timeline_layout_get_width (layout);
  height = annals_timeline_layout_get_height (layout);
  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  set_color (cr, &palette->background, 1.0);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, bottom - top);
  cairo_clip (cr);
  draw_lanes (cr, layout, text, palette);
  cairo_restore (cr);

  draw_axis (cr, layout, text, palette);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, bottom - top);
  cairo_clip (cr);

  n_marks = annals_timeline_layout_get_n_marks (layout);
  for (guint i = 0; i < n_marks; i++)
    {
      const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

      if (mark->y < top - ANNALS_TIMELINE_ROW_HEIGHT || mark->y > bottom + ANNALS_TIMELINE_ROW_HEIGHT)
        continue;

      if (mark->count > 1)
        draw_cluster (cr, text, palette, mark);
      else
        draw_event (cr, text, palette, mark);
    }
  cairo_restore (cr);

  draw_today (cr, layout, text, palette, today);
  draw_shelf (cr, layout, text, palette);

  cairo_restore (cr);
}

void
annals_timeline_painter_draw_highlight (cairo_t                     *cr,
                                        AnnalsTimelineLayout        *layout,
                                        const AnnalsTimelinePalette *palette,
                                        guint                        position,
                                        gboolean                     selected)
{
  const AnnalsTimelineMark *mark = annals_timeline_layout_find_mark (layout, position);
  double top;
  double bottom;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  cairo_save (cr);
  if (mark != NULL)
    {
      double left = MIN (mark->x - 9.0, mark->is_range ? mark->x_start - 4.0 : mark->x);
      double right = MAX (mark->x + 9.0, mark->is_range ? mark->x_end + 4.0 : mark->x);

      if (mark->label_width > 0)
        right = MAX (right, mark->label_x + mark->label_width + 4.0);

      cairo_rectangle (cr, 0, top, annals_timeline_layout_get_width (layout), bottom - top);
      cairo_clip (cr);
      rounded_rectangle (cr, left, mark->y - 11.0, right - left, 22.0, 11.0);
      set_color (cr, &palette->accent, selected ? 0.18 : 0.10);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->accent, selected ? 1.0 : 0.5);
      cairo_set_line_width (cr, selected ? 2.0 : 1.0);
      cairo_stroke (cr);
    }
  else
    {
      for (guint i = 0; i < annals_timeline_layout_get_n_chips (layout); i++)
        {
          const AnnalsTimelineChip *chip = annals_timeline_layout_get_chip (layout, i);
          double middle = annals_timeline_layout_get_shelf_y (layout) + ANNALS_TIMELINE_SHELF_HEIGHT / 2.0;

          if (chip->position != position)
            continue;

          rounded_rectangle (cr, chip->x - 1.0, middle - 13.0, chip->width + 2.0, 26.0, 13.0);
          set_color (cr, &palette->accent, selected ? 0.18 : 0.10);
          cairo_fill_preserve (cr);
          set_color (cr, &palette->accent, selected ? 1.0 : 0.5);
          cairo_set_line_width (cr, selected ? 2.0 : 1.0);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}
