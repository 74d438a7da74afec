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
#include <string.h>

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

typedef enum
{
  INK_FOREGROUND,
  INK_DIM,
  INK_WHITE,
  N_INKS
} Ink;

#define MAX_SPRITES 4096
#define CLUSTERS_COMPOSED_PER_FRAME 64

struct _AnnalsTimelinePainter
{
  GHashTable            *sprites;
  PangoLayout           *text;
  PangoContext          *context;
  AnnalsTimelinePalette  palette;
  int                    scale;
  /* Width of the frame being drawn. */
  double                 width;
  /* New labels rendered per frame at most (0: no bound), and how many
   * waited for a later frame. */
  guint                  label_budget;
  guint                  labels_rendered;
  guint                  labels_deferred;
  /* Cluster pictures put together in this frame. */
  guint                  clusters_composed;
  guint                  palette_set : 1;
  /* Drawing for SVG or PDF: everything stays vector, nothing is cached. */
  guint                  vector : 1;
};

static void
set_color (cairo_t           *cr,
           const AnnalsColor *color,
           double             alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static const AnnalsColor *
ink_color (AnnalsTimelinePainter *self,
           Ink                    ink)
{
  static const AnnalsColor white = { 1.0, 1.0, 1.0, 1.0 };

  switch (ink)
    {
    case INK_DIM:
      return &self->palette.dim_foreground;
    case INK_WHITE:
      return &white;
    case INK_FOREGROUND:
    case N_INKS:
    default:
      return &self->palette.foreground;
    }
}

/* Corners as Bézier quarter circles: cheaper than arcs, which matters for
 * the hundreds of bars a dense frame can hold. */
static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  const double kappa = 0.5522847498;
  double k;

  radius = MIN (radius, MIN (width, height) / 2.0);
  k = radius * kappa;

  cairo_new_sub_path (cr);
  cairo_move_to (cr, x + radius, y);
  cairo_line_to (cr, x + width - radius, y);
  cairo_curve_to (cr, x + width - radius + k, y, x + width, y + radius - k, x + width, y + radius);
  cairo_line_to (cr, x + width, y + height - radius);
  cairo_curve_to (cr, x + width, y + height - radius + k, x + width - radius + k, y + height, x + width - radius, y + height);
  cairo_line_to (cr, x + radius, y + height);
  cairo_curve_to (cr, x + radius - k, y + height, x, y + height - radius + k, x, y + height - radius);
  cairo_line_to (cr, x, y + radius);
  cairo_curve_to (cr, x, y + radius - k, x + radius - k, y, x + radius, y);
  cairo_close_path (cr);
}

static void
prepare_text (AnnalsTimelinePainter *self,
              const char            *text,
              gboolean               bold,
              double                 max_width)
{
  if (bold)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (self->text, attributes);
    }
  else
    {
      pango_layout_set_attributes (self->text, NULL);
    }

  pango_layout_set_text (self->text, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (self->text, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (self->text, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (self->text, -1);
      pango_layout_set_ellipsize (self->text, PANGO_ELLIPSIZE_NONE);
    }
}

static cairo_surface_t *
create_sprite (AnnalsTimelinePainter *self,
               int                    width,
               int                    height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         width * self->scale,
                                                         height * self->scale);

  cairo_surface_set_device_scale (surface, self->scale, self->scale);

  return surface;
}

static void
store_sprite (AnnalsTimelinePainter *self,
              char                  *key,
              cairo_surface_t       *surface)
{
  if (g_hash_table_size (self->sprites) >= MAX_SPRITES)
    g_hash_table_remove_all (self->sprites);

  g_hash_table_insert (self->sprites, key, surface);
}

static void
paint_sprite (cairo_t         *cr,
              cairo_surface_t *sprite,
              double           x,
              double           y)
{
  /* A surface source without extend is bounded by the sprite: painting
   * it builds no path. */
  cairo_set_source_surface (cr, sprite, x, y);
  cairo_paint (cr);
}

/* The cache key of a rendered text: put together by hand, as a dense
 * frame looks up hundreds. */
static char *
make_text_key (const char *text,
               double      max_width,
               gboolean    bold,
               Ink         ink)
{
  gsize length = strlen (text);
  char *key = g_malloc (length + 16);
  char digits[12];
  guint width = (guint) MAX (max_width, 0.0);
  guint n = 0;
  char *end = key;

  *end++ = 't';
  *end++ = bold ? '1' : '0';
  *end++ = (char) ('0' + ink);
  do
    {
      digits[n++] = (char) ('0' + width % 10);
      width /= 10;
    }
  while (width > 0 && n < sizeof digits);
  while (n > 0)
    *end++ = digits[--n];
  *end++ = ':';
  memcpy (end, text, length + 1);

  return key;
}

/* Text that recurs (ticks, lane names, counts) is rendered once and then
 * copied. */
static cairo_surface_t *
get_text_sprite (AnnalsTimelinePainter *self,
                 const char            *text,
                 double                 max_width,
                 gboolean               bold,
                 Ink                    ink)
{
  g_autofree char *key = make_text_key (text, max_width, bold, ink);
  cairo_surface_t *sprite = g_hash_table_lookup (self->sprites, key);

  if (sprite == NULL)
    {
      int width;
      int height;
      cairo_t *sprite_cr;

      prepare_text (self, text, bold, max_width);
      pango_layout_get_pixel_size (self->text, &width, &height);

      /* Room for glyphs that reach past their logical box. */
      sprite = create_sprite (self, width + 4, height + 2);
      sprite_cr = cairo_create (sprite);
      set_color (sprite_cr, ink_color (self, ink), 1.0);
      cairo_move_to (sprite_cr, 2, 1);
      pango_cairo_show_layout (sprite_cr, self->text);
      cairo_destroy (sprite_cr);

      store_sprite (self, g_steal_pointer (&key), sprite);
    }

  return sprite;
}

/* Draws @text with its left edge at @x, vertically centred on @y, cut
 * with an ellipsis to @max_width (0: no limit). */
static void
draw_text (AnnalsTimelinePainter *self,
           cairo_t               *cr,
           const char            *text,
           double                 x,
           double                 y,
           double                 max_width,
           gboolean               bold,
           Ink                    ink)
{
  cairo_surface_t *sprite;
  double height;

  if (self->vector)
    {
      int pixel_height;

      prepare_text (self, text, bold, max_width);
      pango_layout_get_pixel_size (self->text, NULL, &pixel_height);
      set_color (cr, ink_color (self, ink), 1.0);
      cairo_move_to (cr, round (x), round (y - pixel_height / 2.0));
      pango_cairo_show_layout (cr, self->text);
      return;
    }

  sprite = get_text_sprite (self, text, max_width, bold, ink);
  height = cairo_image_surface_get_height (sprite) / (double) self->scale;
  paint_sprite (cr, sprite, round (x) - 2, round (y - height / 2.0));
}

static void
fill_rectangle (cairo_t           *cr,
                const AnnalsColor *color,
                double             alpha,
                double             x,
                double             y,
                double             width,
                double             height)
{
  set_color (cr, color, alpha);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

static void
draw_axis (AnnalsTimelinePainter *self,
           cairo_t               *cr,
           AnnalsTimelineLayout  *layout,
           double                 today_left,
           double                 today_right)
{
  const AnnalsTimelinePalette *palette = &self->palette;
  double width = annals_timeline_layout_get_width (layout);
  double top;
  double bottom;
  guint n_ticks = annals_timeline_layout_get_n_ticks (layout);

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  fill_rectangle (cr, &palette->header_background, 1.0, 0, 0, width, ANNALS_TIMELINE_AXIS_HEIGHT);

  /* Grid lines through the lanes, stronger for the major tier. */
  for (guint i = 0; i < n_ticks; i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);
      double y = tick->major ? 0 : ANNALS_TIMELINE_AXIS_HEIGHT / 2.0;

      if (tick->x < 0)
        continue;

      fill_rectangle (cr, &palette->grid, tick->major ? 2.0 : 1.0,
                      floor (tick->x), y, 1.0, bottom - y);
    }

  for (guint i = 0; i < n_ticks; i++)
    {
      const AnnalsTimelineTick *tick = annals_timeline_layout_get_tick (layout, i);

      if (!tick->has_label)
        continue;

      /* The today marker's label has the upper row at its place. */
      if (tick->major && tick->label_x < today_right && tick->label_x + tick->label_width > today_left)
        continue;

      draw_text (self, cr, tick->label, tick->label_x,
                 tick->major ? 12.0 : 32.0, 0, tick->major,
                 tick->major ? INK_FOREGROUND : INK_DIM);
    }

  fill_rectangle (cr, &palette->grid, 2.0, 0, ANNALS_TIMELINE_AXIS_HEIGHT - 1.0, width, 1.0);
}

static void
draw_lanes (AnnalsTimelinePainter *self,
            cairo_t               *cr,
            AnnalsTimelineLayout  *layout)
{
  const AnnalsTimelinePalette *palette = &self->palette;
  double width = annals_timeline_layout_get_width (layout);
  guint n_lanes = annals_timeline_layout_get_n_lanes (layout);
  double top;
  double bottom;

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  for (guint l = 0; l < n_lanes; l++)
    {
      const AnnalsTimelineLane *lane = annals_timeline_layout_get_lane (layout, l);
      char count[16];
      double name_width;
      double header_y = lane->y + ANNALS_TIMELINE_LANE_HEADER / 2.0 + 2.0;

      if (lane->y + lane->height < top || lane->y > bottom)
        continue;

      if (l % 2 == 1)
        fill_rectangle (cr, &palette->lane_background, 1.0, 0, lane->y, width, lane->height);

      fill_rectangle (cr, &palette->grid, 1.0, 0, floor (lane->y + lane->height) - 1.0, width, 1.0);

      annals_timeline_layout_measure (layout, lane->name, TRUE, &name_width, NULL);
      name_width = MIN (name_width, width / 2.0);
      draw_text (self, cr, lane->name, 12.0, header_y, width / 2.0, TRUE, INK_FOREGROUND);
      g_snprintf (count, sizeof count, "%u", lane->count);
      draw_text (self, cr, count, 12.0 + name_width + 8.0, header_y, 0, FALSE, INK_DIM);
    }
}

/* Where the today label goes in the upper row of the axis, or FALSE when
 * today is out of view. */
static gboolean
get_today_label (AnnalsTimelineLayout *layout,
                 double                today,
                 double               *left,
                 double               *right)
{
  const AnnalsTimeScale *scale = annals_timeline_layout_get_scale (layout);
  double width;
  double x;

  if (isnan (today) || today < scale->from || today > scale->to)
    return FALSE;

  x = round (annals_time_scale_time_to_x (scale, today));
  annals_timeline_layout_measure (layout, _("Today"), TRUE, &width, NULL);
  *left = x - width / 2.0 - 6.0;
  *right = x + width / 2.0 + 6.0;

  /* Keep it whole at the edges. */
  if (*left < 2.0)
    {
      *right += 2.0 - *left;
      *left = 2.0;
    }
  if (*right > annals_timeline_layout_get_width (layout) - 2.0)
    {
      *left -= *right - (annals_timeline_layout_get_width (layout) - 2.0);
      *right = annals_timeline_layout_get_width (layout) - 2.0;
    }

  return TRUE;
}

static void
draw_today (AnnalsTimelinePainter *self,
            cairo_t               *cr,
            AnnalsTimelineLayout  *layout,
            double                 today)
{
  const AnnalsTimeScale *scale = annals_timeline_layout_get_scale (layout);
  double top;
  double bottom;
  double x;
  double left;
  double right;
  double label_height;

  if (!get_today_label (layout, today, &left, &right))
    return;

  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);
  x = round (annals_time_scale_time_to_x (scale, today));

  fill_rectangle (cr, &self->palette.today, 0.9, x - 1.0, 22.0, 2.0, bottom - 22.0);

  annals_timeline_layout_measure (layout, _("Today"), TRUE, NULL, &label_height);
  set_color (cr, &self->palette.today, 1.0);
  rounded_rectangle (cr, left, 11.0 - label_height / 2.0 - 1.0, right - left, label_height + 2.0, 6.0);
  cairo_fill (cr);
  draw_text (self, cr, _("Today"), left + 6.0, 11.0, 0, TRUE, INK_WHITE);
}

static void
draw_dot_path (cairo_t                     *cr,
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

#define DOT_SPRITE_SIZE 16

static void
draw_dot (AnnalsTimelinePainter *self,
          cairo_t               *cr,
          guint                  kind,
          AnnalsEventStatus      status,
          double                 x,
          double                 y)
{
  g_autofree char *key = NULL;
  cairo_surface_t *sprite;

  if (self->vector)
    {
      draw_dot_path (cr, &self->palette, &self->palette.kinds[kind], x, y, status);
      return;
    }

  key = g_malloc (5);
  key[0] = 'd';
  key[1] = (char) ('0' + kind);
  key[2] = ':';
  key[3] = (char) ('0' + status);
  key[4] = '\0';
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL)
    {
      cairo_t *sprite_cr;

      sprite = create_sprite (self, DOT_SPRITE_SIZE, DOT_SPRITE_SIZE);
      sprite_cr = cairo_create (sprite);
      draw_dot_path (sprite_cr, &self->palette, &self->palette.kinds[kind],
                     DOT_SPRITE_SIZE / 2.0, DOT_SPRITE_SIZE / 2.0, status);
      cairo_destroy (sprite_cr);
      store_sprite (self, g_steal_pointer (&key), sprite);
    }

  paint_sprite (cr, sprite, round (x) - DOT_SPRITE_SIZE / 2.0, round (y) - DOT_SPRITE_SIZE / 2.0);
}

#define BAND_STRIP_WIDTH 128

static void
set_band_gradient (cairo_t           *cr,
                   const AnnalsColor *color,
                   double             left,
                   double             right)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (left, 0, right, 0);

  cairo_pattern_add_color_stop_rgba (gradient, 0.0, color->red, color->green, color->blue, 0.06);
  cairo_pattern_add_color_stop_rgba (gradient, 0.5, color->red, color->green, color->blue, 0.28);
  cairo_pattern_add_color_stop_rgba (gradient, 1.0, color->red, color->green, color->blue, 0.06);
  cairo_set_source (cr, gradient);
  cairo_pattern_destroy (gradient);
}

/* Known to the month or the year: a soft band over the period, with
 * whiskers at its ends; the dot goes at the most likely point. The band
 * fades out from its middle; on an image the fade is one row rendered
 * once per colour and stretched, which costs far less per pixel than a
 * gradient, and a dense frame has a few dozen bands across its width. */
static void
draw_band (AnnalsTimelinePainter    *self,
           cairo_t                  *cr,
           const AnnalsTimelineMark *mark,
           const AnnalsColor        *color)
{
  double width = mark->x_end - mark->x_start;
  double top = mark->y - BAND_HEIGHT / 2.0;
  /* What is in view: a year at a month's zoom reaches far past the edges,
   * and cairo would clip the shapes pixel row by pixel row. */
  double left = MAX (mark->x_start, -2.0);
  double right = MIN (mark->x_end, self->width + 2.0);

  if (left >= right)
    return;

  if (self->vector)
    {
      set_band_gradient (cr, color, mark->x_start, mark->x_end);
    }
  else
    {
      char key[32];
      cairo_surface_t *strip;
      cairo_pattern_t *pattern;
      cairo_matrix_t matrix;

      g_snprintf (key, sizeof key, "b%.4f%.4f%.4f", color->red, color->green, color->blue);
      strip = g_hash_table_lookup (self->sprites, key);
      if (strip == NULL)
        {
          cairo_t *strip_cr;

          strip = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BAND_STRIP_WIDTH, 1);
          strip_cr = cairo_create (strip);
          set_band_gradient (strip_cr, color, 0, BAND_STRIP_WIDTH);
          cairo_paint (strip_cr);
          cairo_destroy (strip_cr);
          store_sprite (self, g_strdup (key), strip);
        }

      pattern = cairo_pattern_create_for_surface (strip);
      cairo_matrix_init_scale (&matrix, BAND_STRIP_WIDTH / MAX (width, 1.0), 1.0 / BAND_HEIGHT);
      cairo_matrix_translate (&matrix, -mark->x_start, -top);
      cairo_pattern_set_matrix (pattern, &matrix);
      cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
      cairo_pattern_set_filter (pattern, CAIRO_FILTER_FAST);
      cairo_set_source (cr, pattern);
      cairo_pattern_destroy (pattern);
    }

  cairo_rectangle (cr, left, top, right - left, BAND_HEIGHT);
  cairo_fill (cr);

  fill_rectangle (cr, color, 0.55, left, mark->y - 0.5, right - left, 1.0);
  if (mark->x_start == left)
    fill_rectangle (cr, color, 0.55, round (mark->x_start), top, 1.0, BAND_HEIGHT);
  if (mark->x_end == right)
    fill_rectangle (cr, color, 0.55, round (mark->x_end) - 1.0, top, 1.0, BAND_HEIGHT);
}

static double
cluster_radius (guint count)
{
  return count >= 100 ? 14.0 : (count >= 10 ? 11.0 : 9.0);
}

static void
draw_ring (AnnalsTimelinePainter *self,
           cairo_t               *cr,
           double                 x,
           double                 y,
           double                 radius,
           const guint           *shares,
           guint                  total_shares)
{
  double angle = -G_PI / 2;

  set_color (cr, &self->palette.background, 1.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_set_line_width (cr, 3.0);
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      double sweep;

      if (shares[k] == 0)
        continue;

      sweep = 2 * G_PI * shares[k] / (double) total_shares;
      set_color (cr, &self->palette.kinds[k], 1.0);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius - 1.5, angle, angle + sweep);
      cairo_stroke (cr);
      angle += sweep;
    }
}

/* A count as a cluster shows it: 999, then 1k, 1M. */
static void
format_count (guint  count,
              char  *text)
{
  char digits[12];
  const char *suffix = "";
  guint n = 0;

  if (count >= 1000000)
    {
      count /= 1000000;
      suffix = "M";
    }
  else if (count >= 1000)
    {
      count /= 1000;
      suffix = "k";
    }

  do
    {
      digits[n++] = (char) ('0' + count % 10);
      count /= 10;
    }
  while (count > 0);

  while (n > 0)
    *text++ = digits[--n];
  strcpy (text, suffix);
}

static cairo_surface_t *
get_ring_sprite (AnnalsTimelinePainter *self,
                 double                 radius,
                 const guint           *shares,
                 guint                  total_shares)
{
  int size = (int) (2 * radius + 2);
  char key[64];
  cairo_surface_t *sprite;

  g_snprintf (key, sizeof key, "r%d:%u.%u.%u.%u.%u.%u.%u.%u", (int) radius,
              shares[0], shares[1], shares[2], shares[3], shares[4], shares[5], shares[6], shares[7]);
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL)
    {
      cairo_t *sprite_cr;

      sprite = create_sprite (self, size, size);
      sprite_cr = cairo_create (sprite);
      draw_ring (self, sprite_cr, size / 2.0, size / 2.0, radius, shares, total_shares);
      cairo_destroy (sprite_cr);
      store_sprite (self, g_strdup (key), sprite);
    }

  return sprite;
}

static cairo_surface_t *
get_count_sprite (AnnalsTimelinePainter *self,
                  const char            *count)
{
  char key[32];
  cairo_surface_t *sprite;

  g_snprintf (key, sizeof key, "n:%s", count);
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL)
    {
      cairo_surface_t *glyphs[16];
      cairo_t *sprite_cr;
      double total = 0.0;
      double height = 0.0;
      double x = 0.0;
      guint n = 0;

      for (const char *c = count; *c != '\0' && n < G_N_ELEMENTS (glyphs); c++, n++)
        {
          char character[2] = { *c, '\0' };

          /* Held while in use: a full cache may drop them. */
          glyphs[n] = cairo_surface_reference (get_text_sprite (self, character, 0, FALSE, INK_FOREGROUND));
          total += cairo_image_surface_get_width (glyphs[n]) / (double) self->scale - 4.0;
          height = MAX (height, cairo_image_surface_get_height (glyphs[n]) / (double) self->scale);
        }

      sprite = create_sprite (self, (int) ceil (total) + 4, (int) ceil (height));
      sprite_cr = cairo_create (sprite);
      for (guint i = 0; i < n; i++)
        {
          paint_sprite (sprite_cr, glyphs[i], x, 0);
          x += cairo_image_surface_get_width (glyphs[i]) / (double) self->scale - 4.0;
          cairo_surface_destroy (glyphs[i]);
        }
      cairo_destroy (sprite_cr);
      store_sprite (self, g_strdup (key), sprite);
    }

  return sprite;
}

static void
draw_cluster (AnnalsTimelinePainter    *self,
              cairo_t                  *cr,
              const AnnalsTimelineMark *mark)
{
  double radius = cluster_radius (mark->count);
  int size = (int) (2 * radius + 2);
  guint shares[ANNALS_N_EVENT_KINDS];
  guint total_shares = 0;
  char key[3 + ANNALS_N_EVENT_KINDS + 16];
  char count[16];
  cairo_surface_t *sprite;

  /* The ring shows the mix of kinds in eighths (a kind that is there
   * always shows), so that clusters of about the same mix share one
   * rendered ring. */
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      shares[k] = (guint) round (8.0 * mark->kind_counts[k] / (double) mark->count);
      if (shares[k] == 0 && mark->kind_counts[k] > 0)
        shares[k] = 1;
      total_shares += shares[k];
    }

  /* Events sharing a month or a year share its band. */
  if (mark->start_precision != ANNALS_PRECISION_DAY && mark->x_end - mark->x_start >= 2.0)
    draw_band (self, cr, mark, &self->palette.kinds[MIN (mark->kind, ANNALS_EVENT_KIND_OTHER)]);

  format_count (mark->count, count);

  if (self->vector)
    {
      int width;

      draw_ring (self, cr, mark->x, mark->y, radius, shares, total_shares);
      prepare_text (self, count, FALSE, 0);
      pango_layout_get_pixel_size (self->text, &width, NULL);
      draw_text (self, cr, count, mark->x - width / 2.0, mark->y, 0, FALSE, INK_FOREGROUND);
      return;
    }

  /* The ring is drawn once per mix, the count once per number (set from
   * one rendered glyph per character), and the two are put together once
   * per mix and number: a dense frame copies one small picture per
   * cluster, and a zoom that brings hundreds of new clusters renders next
   * to nothing new. */
  /* Hundreds of clusters a frame: the key is put together by hand. */
  key[0] = 'c';
  key[1] = (char) ('a' + (int) radius);
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    key[2 + k] = (char) ('0' + shares[k]);
  key[2 + ANNALS_N_EVENT_KINDS] = ':';
  strcpy (key + 3 + ANNALS_N_EVENT_KINDS, count);
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL && self->clusters_composed >= CLUSTERS_COMPOSED_PER_FRAME)
    {
      /* A zoom brings new counts everywhere: past a few new pictures a
       * frame, the ring and the count are copied one after the other. */
      cairo_surface_t *ring = cairo_surface_reference (get_ring_sprite (self, radius, shares, total_shares));
      cairo_surface_t *number = get_count_sprite (self, count);

      paint_sprite (cr, ring, round (mark->x) - size / 2, round (mark->y) - size / 2);
      paint_sprite (cr, number,
                    round (mark->x - cairo_image_surface_get_width (number) / (2.0 * self->scale)),
                    round (mark->y - cairo_image_surface_get_height (number) / (2.0 * self->scale)));
      cairo_surface_destroy (ring);
      return;
    }
  if (sprite == NULL)
    {
      cairo_surface_t *ring = cairo_surface_reference (get_ring_sprite (self, radius, shares, total_shares));
      cairo_surface_t *number = cairo_surface_reference (get_count_sprite (self, count));
      double number_width = cairo_image_surface_get_width (number) / (double) self->scale;
      double number_height = cairo_image_surface_get_height (number) / (double) self->scale;
      int width = MAX (size, (int) ceil (number_width));
      cairo_t *sprite_cr;

      sprite = create_sprite (self, width, size);
      sprite_cr = cairo_create (sprite);
      paint_sprite (sprite_cr, ring, (width - size) / 2, 0);
      paint_sprite (sprite_cr, number,
                    round ((width - number_width) / 2.0),
                    round ((size - number_height) / 2.0));
      cairo_destroy (sprite_cr);
      cairo_surface_destroy (ring);
      cairo_surface_destroy (number);
      store_sprite (self, g_strdup (key), sprite);
      self->clusters_composed++;
    }
  paint_sprite (cr, sprite,
                round (mark->x) - cairo_image_surface_get_width (sprite) / self->scale / 2,
                round (mark->y) - size / 2);
}

static void
draw_event (AnnalsTimelinePainter    *self,
            cairo_t                  *cr,
            const AnnalsTimelineMark *mark)
{
  const AnnalsTimelinePalette *palette = &self->palette;
  guint kind = MIN (mark->kind, ANNALS_EVENT_KIND_OTHER);
  const AnnalsColor *color = &palette->kinds[kind];
  gboolean planned = mark->status == ANNALS_EVENT_STATUS_PLANNED;

  if (mark->is_range && mark->under)
    {
      /* No row of its own: a thin line along the bottom of the row,
       * clear of the marks and of the labels' glyphs. */
      rounded_rectangle (cr, mark->x_start, mark->y + ANNALS_TIMELINE_ROW_HEIGHT / 2.0 - 3.5,
                         MAX (mark->x_end - mark->x_start, 2.0), 3.0, 1.5);
      set_color (cr, color, planned ? 0.3 : 0.45);
      cairo_fill (cr);
      return;
    }
  else if (mark->is_range)
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

      /* A start or end known only to the month or year is marked by a
       * pale core: the bar is as long as the dates allow, not exact. */
      if (mark->start_precision != ANNALS_PRECISION_DAY || mark->end_precision != ANNALS_PRECISION_DAY)
        fill_rectangle (cr, &palette->background, 0.45, mark->x_start + 2.0, mark->y - 1.0, MAX (width - 4.0, 0), 2.0);
    }
  else if (mark->start_precision != ANNALS_PRECISION_DAY && mark->x_end - mark->x_start >= 2.0)
    {
      draw_band (self, cr, mark, color);
    }

  draw_dot (self, cr, kind, mark->status, mark->x, mark->y);

  if (mark->label_width > 0 && mark->title != NULL)
    {
      /* Rendering a new label is the costliest thing in a frame: when a
       * zoom brings hundreds, some wait for the next frame. */
      if (self->label_budget > 0 && !self->vector)
        {
          g_autofree char *key = make_text_key (mark->title, mark->label_width, FALSE, INK_FOREGROUND);

          if (!g_hash_table_contains (self->sprites, key))
            {
              if (self->labels_rendered >= self->label_budget)
                {
                  self->labels_deferred++;
                  return;
                }
              self->labels_rendered++;
            }
        }

      draw_text (self, cr, mark->title, mark->label_x, mark->y, mark->label_width, FALSE, INK_FOREGROUND);
    }
}

static void
draw_shelf (AnnalsTimelinePainter *self,
            cairo_t               *cr,
            AnnalsTimelineLayout  *layout)
{
  const AnnalsTimelinePalette *palette = &self->palette;
  AnnalsEventStore *store = annals_timeline_layout_get_store (layout);
  double width = annals_timeline_layout_get_width (layout);
  double y = annals_timeline_layout_get_shelf_y (layout);
  double middle = y + ANNALS_TIMELINE_SHELF_HEIGHT / 2.0;
  guint n_chips = annals_timeline_layout_get_n_chips (layout);
  guint hidden = annals_timeline_layout_get_n_undated_hidden (layout);

  if (y >= annals_timeline_layout_get_height (layout) || store == NULL)
    return;

  fill_rectangle (cr, &palette->header_background, 1.0, 0, y, width, ANNALS_TIMELINE_SHELF_HEIGHT);
  fill_rectangle (cr, &palette->grid, 2.0, 0, y, width, 1.0);

  draw_text (self, cr, _("Undated"), 12.0, middle, 0, TRUE, INK_DIM);

  for (guint i = 0; i < n_chips; i++)
    {
      const AnnalsTimelineChip *chip = annals_timeline_layout_get_chip (layout, i);
      const AnnalsEventRecord *record = annals_event_store_get_record (store, chip->position);
      const char *title = annals_event_store_get_title (store, chip->position);
      const AnnalsColor *color = &palette->kinds[MIN (record->kind, ANNALS_EVENT_KIND_OTHER)];

      rounded_rectangle (cr, chip->x + 0.5, middle - 11.5, chip->width - 1.0, 23.0, 11.5);
      set_color (cr, &palette->background, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->grid, 2.5);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      cairo_arc (cr, chip->x + 12.0, middle, 4.0, 0, 2 * G_PI);
      set_color (cr, color, 1.0);
      cairo_fill (cr);

      draw_text (self, cr, title != NULL ? title : "", chip->x + 20.0, middle,
                 chip->width - 26.0, FALSE, INK_FOREGROUND);
    }

  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more", "%u more", hidden), hidden);
      double more_width;

      annals_timeline_layout_measure (layout, more, FALSE, &more_width, NULL);
      draw_text (self, cr, more, width - more_width - 12.0, middle, 0, FALSE, INK_DIM);
    }
}

static void
use_palette (AnnalsTimelinePainter       *self,
             AnnalsTimelineLayout        *layout,
             const AnnalsTimelinePalette *palette)
{
  PangoContext *context = annals_timeline_layout_get_context (layout);

  if (!self->palette_set || memcmp (&self->palette, palette, sizeof *palette) != 0)
    {
      self->palette = *palette;
      self->palette_set = TRUE;
      g_hash_table_remove_all (self->sprites);
    }

  if (context != self->context)
    {
      g_set_object (&self->context, context);
      g_clear_object (&self->text);
      self->text = pango_layout_new (context);
      g_hash_table_remove_all (self->sprites);
    }
}

AnnalsTimelinePainter *
annals_timeline_painter_new (void)
{
  AnnalsTimelinePainter *self = g_new0 (AnnalsTimelinePainter, 1);

  self->sprites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cairo_surface_destroy);
  self->scale = 1;

  return self;
}

void
annals_timeline_painter_free (AnnalsTimelinePainter *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_object (&self->text);
  g_clear_object (&self->context);
  g_free (self);
}

void
annals_timeline_painter_set_label_budget (AnnalsTimelinePainter *self,
                                          guint                  budget)
{
  g_return_if_fail (self != NULL);

  self->label_budget = budget;
}

gboolean
annals_timeline_painter_is_complete (AnnalsTimelinePainter *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->labels_deferred == 0;
}

void
annals_timeline_painter_set_scale (AnnalsTimelinePainter *self,
                                   int                    scale)
{
  g_return_if_fail (self != NULL);

  scale = CLAMP (scale, 1, 8);
  if (scale == self->scale)
    return;

  self->scale = scale;
  g_hash_table_remove_all (self->sprites);
}

void
annals_timeline_painter_draw (AnnalsTimelinePainter       *self,
                              cairo_t                     *cr,
                              AnnalsTimelineLayout        *layout,
                              const AnnalsTimelinePalette *palette,
                              double                       today)
{
  double width;
  double height;
  double top;
  double bottom;
  guint n_marks;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  use_palette (self, layout, palette);
  self->labels_rendered = 0;
  self->labels_deferred = 0;
  self->clusters_composed = 0;
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      self->vector = TRUE;
      break;
    default:
      self->vector = FALSE;
      break;
    }
  width = annals_timeline_layout_get_width (layout);
  height = annals_timeline_layout_get_height (layout);
  self->width = width;
  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  set_color (cr, &palette->background, 1.0);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, bottom - top);
  cairo_clip (cr);
  draw_lanes (self, cr, layout);
  cairo_restore (cr);

  {
    double today_left = 0.0;
    double today_right = 0.0;

    get_today_label (layout, today, &today_left, &today_right);
    draw_axis (self, cr, layout, today_left, today_right);
  }

  /* The today line runs under the marks; its label is in the axis. */
  draw_today (self, cr, layout, today);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, bottom - top);
  cairo_clip (cr);

  /* Bars first: where rows run out they lie under the other marks. */
  n_marks = annals_timeline_layout_get_n_marks (layout);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_marks; i++)
      {
        const AnnalsTimelineMark *mark = annals_timeline_layout_get_mark (layout, i);

        if ((pass == 0) != (mark->count == 1 && mark->is_range))
          continue;
        if (mark->y < top - ANNALS_TIMELINE_ROW_HEIGHT || mark->y > bottom + ANNALS_TIMELINE_ROW_HEIGHT)
          continue;

        if (mark->count > 1)
          draw_cluster (self, cr, mark);
        else
          draw_event (self, cr, mark);
      }
  cairo_restore (cr);

  draw_shelf (self, cr, layout);

  cairo_restore (cr);
}

static void
highlight_path (cairo_t                     *cr,
                const AnnalsTimelinePalette *palette,
                gboolean                     selected)
{
  set_color (cr, &palette->accent, selected ? 0.18 : 0.10);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->accent, selected ? 1.0 : 0.5);
  cairo_set_line_width (cr, selected ? 2.0 : 1.0);
  cairo_stroke (cr);
}

void
annals_timeline_painter_draw_highlight (AnnalsTimelinePainter       *self,
                                        cairo_t                     *cr,
                                        AnnalsTimelineLayout        *layout,
                                        const AnnalsTimelinePalette *palette,
                                        guint                        position,
                                        gboolean                     selected)
{
  const AnnalsTimelineMark *mark;
  double top;
  double bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  /* An event inside a cluster lights up its cluster. */
  mark = annals_timeline_layout_find_mark (layout, position);
  if (mark == NULL)
    mark = annals_timeline_layout_find_cluster (layout, position);
  annals_timeline_layout_get_lanes_area (layout, &top, &bottom);

  cairo_save (cr);
  if (mark != NULL)
    {
      double reach = mark->count > 1 ? cluster_radius (mark->count) + 3.0 : 9.0;
      double left = mark->x - reach;
      double right = mark->x + reach;

      if (mark->is_range)
        {
          left = MIN (left, mark->x_start - 4.0);
          right = MAX (right, mark->x_end + 4.0);
        }
      if (mark->label_width > 0)
        {
          left = MIN (left, mark->label_x - 4.0);
          right = MAX (right, mark->label_x + mark->label_width + 4.0);
        }

      cairo_rectangle (cr, 0, top, annals_timeline_layout_get_width (layout), bottom - top);
      cairo_clip (cr);
      rounded_rectangle (cr, left, mark->y - MAX (reach, 11.0), right - left,
                         2 * MAX (reach, 11.0), MAX (reach, 11.0));
      highlight_path (cr, palette, selected);
    }
  else
    {
      double middle = annals_timeline_layout_get_shelf_y (layout) + ANNALS_TIMELINE_SHELF_HEIGHT / 2.0;

      for (guint i = 0; i < annals_timeline_layout_get_n_chips (layout); i++)
        {
          const AnnalsTimelineChip *chip = annals_timeline_layout_get_chip (layout, i);

          if (chip->position != position)
            continue;

          rounded_rectangle (cr, chip->x - 1.0, middle - 13.0, chip->width + 2.0, 26.0, 13.0);
          highlight_path (cr, palette, selected);
        }
    }
  cairo_restore (cr);
}
