/* annals-cli-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "annals-cli.h"
#include "annals-database.h"
#include "annals-json.h"
#include "annals-timeline-layout.h"
#include "annals-timeline-painter.h"
#include "annals-view-state.h"

#define DEFAULT_WIDTH  1280
#define DEFAULT_HEIGHT 800
#define FONT           "Cantarell 10"

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} OutputFormat;

static PangoContext *
create_pango_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_context_set_font_description (context, font);
  pango_cairo_context_set_resolution (context, 96.0);
  /* Metrics that do not depend on the output, so that PNG, SVG and PDF
   * place labels identically. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

static gboolean
is_database (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  char header[16] = { 0, };

  if (g_str_has_suffix (path, ".annals"))
    return TRUE;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, NULL, NULL, NULL))
    return FALSE;

  return memcmp (header, "SQLite format 3", 16) == 0;
}

static AnnalsEventStore *
load_store (const char  *path,
            GError     **error)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();

  if (is_database (path))
    {
      g_autoptr(AnnalsDatabase) database = NULL;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       _("%s: no such file"), path);
          return NULL;
        }

      database = annals_database_open (path, error);
      if (database == NULL || !annals_database_load_store (database, store, error))
        return NULL;
    }
  else
    {
      g_autoptr(AnnalsEventSet) set = annals_json_load_file (path, error);
      GPtrArray *events;

      if (set == NULL)
        return NULL;

      events = annals_event_set_get_events (set);
      annals_event_store_begin_update (store);
      for (guint i = 0; i < events->len; i++)
        annals_event_store_append_event (store, g_ptr_array_index (events, i));
      annals_event_store_end_update (store);
    }

  return g_steal_pointer (&store);
}

static gboolean
parse_group_by (const char    *text,
                AnnalsGroupBy *group_by)
{
  GEnumClass *enum_class = g_type_class_ref (ANNALS_TYPE_GROUP_BY);
  GEnumValue *value = g_enum_get_value_by_nick (enum_class, text);

  if (value != NULL)
    *group_by = value->value;
  g_type_class_unref (enum_class);

  return value != NULL;
}

static gboolean
parse_output_format (const char   *path,
                     OutputFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}

static gboolean
render_to_file (AnnalsEventStore  *store,
                AnnalsViewState   *state,
                const char        *output,
                OutputFormat       format,
                int                width,
                int                height,
                gboolean           dark,
                GError           **error)
{
  PangoContext *context = create_pango_context ();
  AnnalsTimelineLayout *layout = annals_timeline_layout_new (context);
  g_autoptr(AnnalsTimelinePainter) painter = annals_timeline_painter_new ();
  AnnalsTimelinePalette palette;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  /* The layout holds its own reference. */
  g_object_unref (context);

  switch (format)
    {
    case FORMAT_SVG:
      surface = cairo_svg_surface_create (output, width, height);
      break;
    case FORMAT_PDF:
      surface = cairo_pdf_surface_create (output, width, height);
      break;
    case FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "%s: %s", output, cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      annals_timeline_layout_free (layout);
      return FALSE;
    }

  annals_timeline_palette_init_default (&palette, dark);
  annals_timeline_layout_update (layout, store,
                                 annals_view_state_get_group_by (state),
                                 annals_view_state_get_visible_from (state),
                                 annals_view_state_get_visible_to (state),
                                 width, height, 0.0);

  cr = cairo_create (surface);
  annals_timeline_painter_draw (painter, cr, layout, &palette, annals_timeline_get_today ());
  cairo_destroy (cr);

  if (format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, output);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }

  cairo_surface_destroy (surface);
  annals_timeline_layout_free (layout);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("%s: cannot write: %s"), output, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

int
annals_cli_render (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *group_by_text = NULL;
  gboolean dark = FALSE;
  int width = DEFAULT_WIDTH;
  int height = DEFAULT_HEIGHT;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (default 1280)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (default 800)"), N_("H") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First date shown (YYYY, YYYY-MM or YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last date shown, included"), N_("DATE") },
    { "group-by", 0, 0, G_OPTION_ARG_STRING, &group_by_text, N_("Lanes by country, kind or none"), N_("country|kind|none") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — draw the events of FILE (events JSON or .annals database)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsEventStore) store = NULL;
  g_autoptr(AnnalsViewState) state = NULL;
  AnnalsGroupBy group_by = ANNALS_GROUP_BY_COUNTRY;
  OutputFormat format;
  AnnalsDate from_date;
  AnnalsDate to_date;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Draws a timeline with the same painter as the app."));
  g_set_prgname ("annals-cli render");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      annals_cli_print_error ("render: %s", error->message);
      return 2;
    }

  if (argc != 2)
    {
      annals_cli_print_error ("render: %s", _("expected exactly one FILE (see --help)"));
      return 2;
    }

  if (output == NULL)
    {
      annals_cli_print_error ("render: %s", _("missing -o OUT.(png|svg|pdf)"));
      return 2;
    }

  if (!parse_output_format (output, &format))
    {
      annals_cli_print_error (_("render: %s: unknown output format, expected .png, .svg or .pdf"), output);
      return 2;
    }

  if (width < 16 || width > 16384 || height < 16 || height > 16384)
    {
      annals_cli_print_error ("render: %s", _("width and height must be between 16 and 16384"));
      return 2;
    }

  if (group_by_text != NULL && !parse_group_by (group_by_text, &group_by))
    {
      annals_cli_print_error (_("render: --group-by: “%s” is not country, kind or none"), group_by_text);
      return 2;
    }

  annals_date_clear (&from_date);
  annals_date_clear (&to_date);
  if (from_text != NULL && !annals_date_parse (&from_date, from_text, &error))
    {
      annals_cli_print_error ("render: --from: %s", error->message);
      return 2;
    }
  if (to_text != NULL && !annals_date_parse (&to_date, to_text, &error))
    {
      annals_cli_print_error ("render: --to: %s", error->message);
      return 2;
    }

  store = load_store (argv[1], &error);
  if (store == NULL)
    {
      annals_cli_print_error ("%s", error->message);
      return 1;
    }

  state = annals_view_state_new ();
  annals_view_state_set_store (state, store);
  annals_view_state_set_group_by (state, group_by);
  annals_view_state_zoom_to_fit (state);

  if (from_text != NULL || to_text != NULL)
    {
      double from = annals_view_state_get_visible_from (state);
      double to = annals_view_state_get_visible_to (state);

      if (from_text != NULL)
        from = annals_date_get_first_day (&from_date);
      if (to_text != NULL)
        to = annals_date_get_end_day (&to_date);

      if (to <= from)
        {
          annals_cli_print_error ("render: %s", _("--to must be after --from"));
          return 2;
        }

      annals_view_state_set_visible_range (state, from, to);
    }

  if (!render_to_file (store, state, output, format, width, height, dark, &error))
    {
      annals_cli_print_error ("render: %s", error->message);
      return 1;
    }

  return 0;
}

/* Benchmark */

#define BENCH_WIDTH  1280
#define BENCH_HEIGHT 800
#define BENCH_FRAMES 40
#define BENCH_STEPS  40

static const char *bench_countries[] = {
  "RU", "CN", "IN", "KZ", "UZ", "KG", "TJ", "PK", "IR", "BY", "MN", "US",
};

/* A deterministic set of events between 1900 and 2030: mostly exact days,
 * some known to the month or year, some ranges, a few undated. */
static AnnalsEventStore *
generate_store (guint n_events)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20220826);
  AnnalsEventStore *store = annals_event_store_new ();
  gint32 first = annals_days_from_civil (1900, 1, 1);
  gint32 last = annals_days_from_civil (2030, 12, 31);
  gint32 today = (gint32) floor (annals_timeline_get_today ());
  guint16 countries[G_N_ELEMENTS (bench_countries)];
  static const char *nouns[] = { "Exercise", "Summit", "Meeting", "Festival", "Conference", "Visit", "Statement", "Talks" };

  for (guint i = 0; i < G_N_ELEMENTS (bench_countries); i++)
    countries[i] = annals_country_pack (bench_countries[i]);

  annals_event_store_begin_update (store);
  for (guint i = 0; i < n_events; i++)
    {
      AnnalsEventRecord record = { 0, };
      char title[64];
      gint32 day = g_rand_int_range (rand, first, last);
      int year;
      int month;
      int mday;
      double roll = g_rand_double (rand);

      record.key = i;
      record.kind = g_rand_int_range (rand, 0, ANNALS_N_EVENT_KINDS);
      /* A skewed choice of host countries, so lanes differ in size. */
      record.host_country = countries[(guint) (G_N_ELEMENTS (countries) * pow (g_rand_double (rand), 2.0))];
      record.n_mentions = 1;
      annals_days_to_civil (day, &year, &month, &mday);

      if (roll < 0.01)
        {
          record.first_day = ANNALS_DAY_UNDATED;
          record.end_day = ANNALS_DAY_UNDATED;
          record.start_precision = ANNALS_PRECISION_NONE;
        }
      else if (roll < 0.11)
        {
          record.first_day = annals_days_from_civil (year, 1, 1);
          record.end_day = annals_days_from_civil (year + 1, 1, 1);
          record.start_precision = ANNALS_PRECISION_YEAR;
        }
      else if (roll < 0.31)
        {
          record.first_day = annals_days_from_civil (year, month, 1);
          record.end_day = record.first_day + annals_days_in_month (year, month);
          record.start_precision = ANNALS_PRECISION_MONTH;
        }
      else
        {
          record.first_day = day;
          record.end_day = day + 1;
          record.start_precision = ANNALS_PRECISION_DAY;
          if (roll > 0.9)
            {
              record.end_day = day + g_rand_int_range (rand, 2, 30);
              record.end_precision = ANNALS_PRECISION_DAY;
            }
        }

      record.status = record.first_day != ANNALS_DAY_UNDATED && record.first_day > today
                      ? ANNALS_EVENT_STATUS_PLANNED : ANNALS_EVENT_STATUS_PAST;
      g_snprintf (title, sizeof title, "%s %u", nouns[record.kind], year);
      annals_event_store_append_record (store, &record, title);
    }
  annals_event_store_end_update (store);

  return store;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : (da > db);
}

static double
percentile (GArray *samples,
            double  fraction)
{
  guint index;

  if (samples->len == 0)
    return 0.0;

  g_array_sort (samples, compare_doubles);
  index = (guint) ceil (fraction * samples->len) - 1;
  index = MIN (index, samples->len - 1);

  if (fraction == 0.5 && samples->len % 2 == 0)
    return (g_array_index (samples, double, samples->len / 2 - 1) +
            g_array_index (samples, double, samples->len / 2)) / 2.0;

  return g_array_index (samples, double, index);
}

typedef struct
{
  AnnalsEventStore     *store;
  AnnalsViewState      *state;
  AnnalsTimelineLayout *layout;
  AnnalsTimelinePainter *painter;
  AnnalsTimelinePalette palette;
  cairo_surface_t      *surface;
  cairo_t              *cr;
  double                today;
} Bench;

static double
bench_frame (Bench *bench)
{
  gint64 start = g_get_monotonic_time ();

  annals_timeline_layout_update (bench->layout, bench->store, ANNALS_GROUP_BY_COUNTRY,
                                 annals_view_state_get_visible_from (bench->state),
                                 annals_view_state_get_visible_to (bench->state),
                                 BENCH_WIDTH, BENCH_HEIGHT, 0.0);
  annals_timeline_painter_draw (bench->painter, bench->cr, bench->layout, &bench->palette, bench->today);
  cairo_surface_flush (bench->surface);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
set_centered_span (AnnalsViewState *state,
                   double           middle,
                   double           span)
{
  annals_view_state_set_visible_range (state, middle - span / 2.0, middle + span / 2.0);
}

int
annals_cli_bench_render (int    argc,
                         char **argv)
{
  static const struct {
    const char *name;
    double      span;
  } zooms[] = {
    { "fit", 0 },
    { "decade", 3652.425 },
    { "year", 365.2425 },
    { "month", 30.436875 },
  };
  gint64 n_events = 10000;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "events", 0, 0, G_OPTION_ARG_INT64, &n_events, N_("Number of generated events (default 10000)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  PangoContext *pango_context;
  g_autoptr(GString) frames = g_string_new (NULL);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  Bench bench = { 0, };
  double middle;
  double zoom_median;
  double pan_median;
  double index_bytes;
  double first_frame;
  double medians[G_N_ELEMENTS (zooms)];
  double p95s[G_N_ELEMENTS (zooms)];

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Measures layout and paint of generated events into a 1280×800 "
                                  "ARGB32 surface: per frame at zoom to fit, a decade, a year and a "
                                  "month, per zoom step (×1.25) and per pan step (10% of the width). "
                                  "Steps are drawn as the app draws them, with at most 48 new labels "
                                  "rendered per frame."));
  g_set_prgname ("annals-cli bench render");

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      annals_cli_print_error ("bench render: %s", error->message);
      return 2;
    }

  if (argc != 1 || n_events < 1 || n_events > 50000000)
    {
      annals_cli_print_error ("bench render: %s", _("--events N must be between 1 and 50000000"));
      return 2;
    }

  bench.store = generate_store ((guint) n_events);
  bench.state = annals_view_state_new ();
  annals_view_state_set_store (bench.state, bench.store);
  pango_context = create_pango_context ();
  bench.layout = annals_timeline_layout_new (pango_context);
  g_object_unref (pango_context);
  bench.painter = annals_timeline_painter_new ();
  annals_timeline_palette_init_default (&bench.palette, FALSE);
  bench.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, BENCH_WIDTH, BENCH_HEIGHT);
  bench.cr = cairo_create (bench.surface);
  bench.today = annals_timeline_get_today ();

  annals_view_state_zoom_to_fit (bench.state);
  middle = (annals_view_state_get_visible_from (bench.state) +
            annals_view_state_get_visible_to (bench.state)) / 2.0;

  /* The first frame builds the lane index; it is not a frame of use. */
  first_frame = bench_frame (&bench);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      if (zooms[z].span == 0)
        annals_view_state_zoom_to_fit (bench.state);
      else
        set_centered_span (bench.state, middle, zooms[z].span);

      g_array_set_size (samples, 0);
      for (guint i = 0; i < BENCH_FRAMES; i++)
        {
          double ms = bench_frame (&bench);

          g_array_append_val (samples, ms);
        }
      medians[z] = percentile (samples, 0.5);
      p95s[z] = percentile (samples, 0.95);
    }

  /* Zoom and pan steps are measured as the app draws them: at most 48
   * new labels rendered per frame, the rest in the frames that follow. */
  annals_timeline_painter_set_label_budget (bench.painter, 48);

  /* Zoom steps around the centre, in from the whole span and back out. */
  annals_view_state_zoom_to_fit (bench.state);
  g_array_set_size (samples, 0);
  for (guint i = 0; i < BENCH_STEPS; i++)
    {
      double factor = i < BENCH_STEPS / 2 ? 1.0 / 1.25 : 1.25;
      gint64 start = g_get_monotonic_time ();
      double ms;

      annals_view_state_zoom (bench.state, factor, middle);
      bench_frame (&bench);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  zoom_median = percentile (samples, 0.5);

  /* Pan steps at a decade. */
  set_centered_span (bench.state, middle, zooms[1].span);
  g_array_set_size (samples, 0);
  for (guint i = 0; i < BENCH_STEPS; i++)
    {
      double span = annals_view_state_get_visible_to (bench.state) -
                    annals_view_state_get_visible_from (bench.state);
      gint64 start = g_get_monotonic_time ();
      double ms;

      annals_view_state_pan (bench.state, (i < BENCH_STEPS / 2 ? 0.1 : -0.1) * span);
      bench_frame (&bench);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  pan_median = percentile (samples, 0.5);

  index_bytes = (double) annals_event_store_get_index_size (bench.store) / (double) n_events;

  if (json)
    {
      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        g_string_append_printf (frames, "%s{\"zoom\": \"%s\", \"median_ms\": %.3f, \"p95_ms\": %.3f}",
                                z > 0 ? ", " : "", zooms[z].name, medians[z], p95s[z]);
      printf ("{\"events\": %" G_GINT64_FORMAT ", \"width\": %d, \"height\": %d, \"frames\": [%s], "
              "\"zoom_step_median_ms\": %.3f, \"pan_step_median_ms\": %.3f, "
              "\"index_bytes_per_event\": %.1f}\n",
              n_events, BENCH_WIDTH, BENCH_HEIGHT, frames->str,
              zoom_median, pan_median, index_bytes);
    }
  else
    {
      g_autofree char *n_events_text = g_strdup_printf ("%" G_GINT64_FORMAT, n_events);

      printf (_("%s events, %d×%d ARGB32\n"), n_events_text, BENCH_WIDTH, BENCH_HEIGHT);
      printf ("%-8s %10s %10s\n", _("zoom"), _("median ms"), _("p95 ms"));
      for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
        printf ("%-8s %10.3f %10.3f\n", zooms[z].name, medians[z], p95s[z]);
      printf (_("zoom step median: %.3f ms\n"), zoom_median);
      printf (_("pan step median: %.3f ms\n"), pan_median);
      printf (_("index: %.1f bytes per event\n"), index_bytes);
      printf (_("first frame (builds the lane index): %.3f ms\n"), first_frame);
    }

  cairo_destroy (bench.cr);
  cairo_surface_destroy (bench.surface);
  annals_timeline_layout_free (bench.layout);
  annals_timeline_painter_free (bench.painter);
  g_object_unref (bench.state);
  g_object_unref (bench.store);

  return 0;
}
