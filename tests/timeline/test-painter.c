/* test-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test-painter"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "annals-timeline-painter.h"
#include "timeline-test-util.h"

#define WIDTH  900
#define HEIGHT 400

typedef struct
{
  AnnalsTimelineLayout  *layout;
  AnnalsTimelinePainter *painter;
  AnnalsTimelinePalette  palette;
  cairo_surface_t       *surface;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  PangoContext *context = timeline_test_create_context ();

  fixture->layout = annals_timeline_layout_new (context);
  fixture->painter = annals_timeline_painter_new ();
  fixture->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  annals_timeline_palette_init_default (&fixture->palette, GPOINTER_TO_INT (data));
  g_object_unref (context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  annals_timeline_layout_free (fixture->layout);
  annals_timeline_painter_free (fixture->painter);
  cairo_surface_destroy (fixture->surface);
}

static void
paint (Fixture          *fixture,
       AnnalsEventStore *store,
       double            from,
       double            to,
       double            today)
{
  cairo_t *cr = cairo_create (fixture->surface);

  annals_timeline_layout_update (fixture->layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 from, to, WIDTH, HEIGHT, 0);
  annals_timeline_painter_draw (fixture->painter, cr, fixture->layout, &fixture->palette, today);
  cairo_destroy (cr);
  cairo_surface_flush (fixture->surface);
}

static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           double          *red,
           double          *green,
           double          *blue)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(guint32 *) (data + y * stride + x * 4);

  /* Opaque backgrounds: premultiplied values are the colour itself. */
  g_assert_cmpuint (pixel >> 24, ==, 0xff);
  *red = ((pixel >> 16) & 0xff) / 255.0;
  *green = ((pixel >> 8) & 0xff) / 255.0;
  *blue = (pixel & 0xff) / 255.0;
}

static double
distance_to (cairo_surface_t   *surface,
             int                x,
             int                y,
             const AnnalsColor *color)
{
  double red;
  double green;
  double blue;

  get_pixel (surface, x, y, &red, &green, &blue);

  return fabs (red - color->red) + fabs (green - color->green) + fabs (blue - color->blue);
}

static AnnalsEventStore *
store_of (AnnalsEvent *event)
{
  AnnalsEventStore *store = annals_event_store_new ();

  annals_event_store_add_event (store, event);
  g_object_unref (event);

  return store;
}

static void
test_marks_at_scale (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = store_of (timeline_test_event ("t", "", ANNALS_EVENT_KIND_MEETING,
                                                                     "2022-08-24", NULL,
                                                                     ANNALS_EVENT_STATUS_PAST, "UZ"));
  const AnnalsColor *meeting = &fixture->palette.kinds[ANNALS_EVENT_KIND_MEETING];
  double from = timeline_test_day (2022, 8, 1);
  double to = timeline_test_day (2022, 10, 1);
  double day = timeline_test_day (2022, 8, 24);
  static const double shifts[] = { 0, -20, 17.5 };

  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      AnnalsTimeScale scale;
      const AnnalsTimelineMark *mark;
      int x;
      int y;

      paint (fixture, store, from + shifts[i], to + shifts[i], NAN);

      /* The scale is computed independently of the layout. */
      annals_time_scale_init (&scale, from + shifts[i], to + shifts[i], 0, WIDTH);
      x = (int) round (annals_time_scale_time_to_x (&scale, day + 0.5));
      mark = annals_timeline_layout_get_mark (fixture->layout, 0);
      y = (int) round (mark->y);

      g_assert_cmpfloat (distance_to (fixture->surface, x, y, meeting), <, 0.1);
      g_assert_cmpfloat (distance_to (fixture->surface, x + 12, y, meeting), >, 0.5);
      g_assert_cmpfloat (distance_to (fixture->surface, x - 12, y, meeting), >, 0.5);
    }
}

static void
test_planned_is_hollow (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = store_of (timeline_test_event ("t", "", ANNALS_EVENT_KIND_EXERCISE,
                                                                     "2023-06-10", NULL,
                                                                     ANNALS_EVENT_STATUS_PLANNED, "RU"));
  const AnnalsColor *exercise = &fixture->palette.kinds[ANNALS_EVENT_KIND_EXERCISE];
  const AnnalsTimelineMark *mark;
  int x;
  int y;

  paint (fixture, store, timeline_test_day (2023, 5, 1), timeline_test_day (2023, 7, 1), NAN);
  mark = annals_timeline_layout_get_mark (fixture->layout, 0);
  x = (int) round (mark->x);
  y = (int) round (mark->y);

  /* The centre is empty, the ring carries the colour. */
  g_assert_cmpfloat (distance_to (fixture->surface, x, y, &fixture->palette.background), <, 0.1);
  g_assert_cmpfloat (distance_to (fixture->surface, x + (int) ANNALS_TIMELINE_MARK_RADIUS, y, exercise), <, 0.35);
}

static void
test_precision_band (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = store_of (timeline_test_event ("v", "", ANNALS_EVENT_KIND_EXERCISE,
                                                                     "2022", NULL,
                                                                     ANNALS_EVENT_STATUS_PAST, "RU"));
  const AnnalsColor *exercise = &fixture->palette.kinds[ANNALS_EVENT_KIND_EXERCISE];
  AnnalsTimeScale scale;
  double from = timeline_test_day (2021, 7, 1);
  double to = timeline_test_day (2023, 7, 1);
  const AnnalsTimelineMark *mark;
  int middle;
  int y;

  paint (fixture, store, from, to, NAN);
  annals_time_scale_init (&scale, from, to, 0, WIDTH);
  mark = annals_timeline_layout_get_mark (fixture->layout, 0);
  y = (int) round (mark->y);

  /* Known to the year: the dot sits mid-year, not on 1 January. */
  middle = (int) round (annals_time_scale_time_to_x (&scale, (timeline_test_day (2022, 1, 1) +
                                                              timeline_test_day (2023, 1, 1)) / 2));
  g_assert_cmpfloat (distance_to (fixture->surface, middle, y, exercise), <, 0.1);

  /* A soft band spans the year: tinted inside, plain outside. */
  for (int month = 2; month <= 11; month += 3)
    {
      int x = (int) round (annals_time_scale_time_to_x (&scale, timeline_test_day (2022, month, 15)));

      if (abs (x - middle) < 10)
        continue;
      g_assert_cmpfloat (distance_to (fixture->surface, x, y - 3, &fixture->palette.background), >, 0.02);
    }
  g_assert_cmpfloat (distance_to (fixture->surface,
                                  (int) round (annals_time_scale_time_to_x (&scale, timeline_test_day (2021, 10, 15))),
                                  y - 3, &fixture->palette.background), <, 0.01);
}

static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  double today = timeline_test_day (2023, 3, 15);
  AnnalsTimeScale scale;
  double from = timeline_test_day (2022, 1, 1);
  double to = timeline_test_day (2024, 1, 1);
  int x;

  paint (fixture, store, from, to, today);
  annals_time_scale_init (&scale, from, to, 0, WIDTH);
  x = (int) round (annals_time_scale_time_to_x (&scale, today));

  g_assert_cmpfloat (distance_to (fixture->surface, x, HEIGHT / 3, &fixture->palette.today), <, 0.2);
  g_assert_cmpfloat (distance_to (fixture->surface, x + 30, HEIGHT / 3, &fixture->palette.today), >, 0.5);
}

static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  AnnalsTimelinePalette light;
  double red;
  double green;
  double blue;

  paint (fixture, store, timeline_test_day (2022, 1, 1), timeline_test_day (2024, 1, 1), NAN);

  /* The lane area of the first lane carries the palette's background. */
  g_assert_cmpfloat (distance_to (fixture->surface, WIDTH - 3, 50, &fixture->palette.background), <, 0.02);

  annals_timeline_palette_init_default (&light, FALSE);
  get_pixel (fixture->surface, WIDTH - 3, 50, &red, &green, &blue);
  if (fixture->palette.dark)
    g_assert_cmpfloat (red + green + blue, <, 0.5);
  else
    g_assert_cmpfloat (red + green + blue, >, 2.5);
}

static void
test_label_budget (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  double first = timeline_test_day (2022, 1, 1);
  guint frames = 0;

  annals_event_store_begin_update (store);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Meeting %u", i);
      g_autofree char *date = g_strdup_printf ("2022-%02u-15", i + 1);
      g_autoptr(AnnalsEvent) event = timeline_test_event (id, title, ANNALS_EVENT_KIND_MEETING, date, NULL,
                                                          ANNALS_EVENT_STATUS_PAST, "IN");

      annals_event_store_append_event (store, event);
    }
  annals_event_store_end_update (store);

  /* Two new labels a frame: the frames that follow bring the rest. */
  annals_timeline_painter_set_label_budget (fixture->painter, 2);
  do
    {
      paint (fixture, store, first, first + 365, NAN);
      frames++;
    }
  while (!annals_timeline_painter_is_complete (fixture->painter) && frames < 100);

  g_assert_true (annals_timeline_painter_is_complete (fixture->painter));
  g_assert_cmpuint (frames, >=, 12 / 2);
  g_assert_cmpuint (frames, <=, 12 / 2 + 1);

  /* Without a bound, a frame is always complete. */
  annals_timeline_painter_set_label_budget (fixture->painter, 0);
  paint (fixture, store, first + 30, first + 400, NAN);
  g_assert_true (annals_timeline_painter_is_complete (fixture->painter));
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static void
test_vector_output (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AnnalsEventStore) store = timeline_test_sample_store ();
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surfaces[2];

  surfaces[0] = cairo_svg_surface_create_for_stream (append_bytes, svg, WIDTH, HEIGHT);
  surfaces[1] = cairo_pdf_surface_create_for_stream (append_bytes, pdf, WIDTH, HEIGHT);

  annals_timeline_layout_update (fixture->layout, store, ANNALS_GROUP_BY_COUNTRY,
                                 timeline_test_day (2021, 11, 1), timeline_test_day (2024, 3, 1),
                                 WIDTH, HEIGHT, 0);

  for (guint i = 0; i < G_N_ELEMENTS (surfaces); i++)
    {
      cairo_t *cr = cairo_create (surfaces[i]);

      annals_timeline_painter_draw (fixture->painter, cr, fixture->layout, &fixture->palette, NAN);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_finish (surfaces[i]);
      g_assert_cmpint (cairo_surface_status (surfaces[i]), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surfaces[i]);
    }

  /* Vector output keeps text as text, not as pictures of it. */
  g_byte_array_append (svg, (const guint8 *) "", 1);
  g_assert_nonnull (strstr ((const char *) svg->data, "<svg"));
  g_assert_null (strstr ((const char *) svg->data, "<image"));
  g_assert_cmpuint (pdf->len, >, 1000);
  g_assert_true (memcmp (pdf->data, "%PDF", 4) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int dark = 0; dark <= 1; dark++)
    {
      const char *style = dark ? "dark" : "light";
      g_autofree char *marks = g_strdup_printf ("/annals/timeline/painter/%s/marks-at-scale", style);
      g_autofree char *planned = g_strdup_printf ("/annals/timeline/painter/%s/planned-is-hollow", style);
      g_autofree char *band = g_strdup_printf ("/annals/timeline/painter/%s/precision-band", style);
      g_autofree char *today = g_strdup_printf ("/annals/timeline/painter/%s/today", style);
      g_autofree char *background = g_strdup_printf ("/annals/timeline/painter/%s/background", style);

      g_test_add (marks, Fixture, GINT_TO_POINTER (dark), fixture_set_up, test_marks_at_scale, fixture_tear_down);
      g_test_add (planned, Fixture, GINT_TO_POINTER (dark), fixture_set_up, test_planned_is_hollow, fixture_tear_down);
      g_test_add (band, Fixture, GINT_TO_POINTER (dark), fixture_set_up, test_precision_band, fixture_tear_down);
      g_test_add (today, Fixture, GINT_TO_POINTER (dark), fixture_set_up, test_today, fixture_tear_down);
      g_test_add (background, Fixture, GINT_TO_POINTER (dark), fixture_set_up, test_background, fixture_tear_down);
    }
  g_test_add ("/annals/timeline/painter/vector-output", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_vector_output, fixture_tear_down);
  g_test_add ("/annals/timeline/painter/label-budget", Fixture, GINT_TO_POINTER (0),
              fixture_set_up, test_label_budget, fixture_tear_down);

  return g_test_run ();
}
