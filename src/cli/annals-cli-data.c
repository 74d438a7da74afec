/* annals-cli-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "annals-cli.h"
#include "annals-database.h"
#include "annals-export.h"
#include "annals-extractor.h"
#include "annals-json.h"

/* Output is written out whenever this much has piled up. */
#define FLUSH_SIZE (1 << 20)

/* Parses a subcommand's options. Returns -1 to go on, or the exit
 * status: 0 after --help, 2 on bad usage. */
static int
parse_options (GOptionContext  *context,
               const char      *command,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      annals_cli_print_error ("%s: %s", command, error->message);
      return 2;
    }

  return -1;
}

/* Errors are one line on standard error, naming the file. */
static void
print_error (const char   *path,
             const GError *error)
{
  g_autofree char *message = g_strdelimit (g_strdup (error->message), "\r\n", ' ');

  if (path != NULL && !g_str_has_prefix (message, path))
    annals_cli_print_error ("%s: %s", path, message);
  else
    annals_cli_print_error ("%s", message);
}

/* Where output goes: standard output, or a file that replaces OUT only
 * once everything is written. */
typedef struct
{
  const char    *path;
  GOutputStream *stream;
  GString       *buffer;
} Sink;

static gboolean
sink_open (Sink        *sink,
           const char  *path,
           GError     **error)
{
  sink->path = path;
  sink->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  sink->stream = NULL;

  if (path != NULL && strcmp (path, "-") != 0)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      sink->stream = (GOutputStream *) g_file_replace (file, NULL, FALSE,
                                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                                       NULL, error);
      if (sink->stream == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
sink_flush (Sink     *sink,
            GError  **error)
{
  if (sink->buffer->len == 0)
    return TRUE;

  if (sink->stream != NULL)
    {
      if (!g_output_stream_write_all (sink->stream, sink->buffer->str, sink->buffer->len,
                                      NULL, NULL, error))
        return FALSE;
    }
  else if (fwrite (sink->buffer->str, 1, sink->buffer->len, stdout) != sink->buffer->len)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  g_string_truncate (sink->buffer, 0);

  return TRUE;
}

static gboolean
sink_maybe_flush (Sink     *sink,
                  GError  **error)
{
  return sink->buffer->len < FLUSH_SIZE || sink_flush (sink, error);
}

/* Closes the sink; on failure, or when @ok is FALSE, OUT stays as it was. */
static gboolean
sink_close (Sink      *sink,
            gboolean   ok,
            GError   **error)
{
  g_autoptr(GCancellable) cancellable = NULL;

  if (ok)
    ok = sink_flush (sink, error);

  if (sink->stream != NULL)
    {
      /* A cancelled close leaves the destination untouched. */
      if (!ok)
        {
          cancellable = g_cancellable_new ();
          g_cancellable_cancel (cancellable);
        }

      if (!g_output_stream_close (sink->stream, cancellable, ok ? error : NULL))
        ok = FALSE;
      g_clear_object (&sink->stream);
    }
  else if (ok && fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("standard output: %s"), g_strerror (saved_errno));
      ok = FALSE;
    }

  g_string_free (sink->buffer, TRUE);
  sink->buffer = NULL;

  return ok;
}

/* JSON files start with "{" (after white space) or are named "*.json";
 * anything else is an article for the extractor. */
static gboolean
looks_like_json (const char  *path,
                 gboolean    *is_json,
                 GError     **error)
{
  char buffer[4096];
  FILE *file;
  gsize n_read;
  gsize total = 0;

  *is_json = TRUE;

  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return TRUE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  while ((n_read = fread (buffer, 1, sizeof buffer, file)) > 0 && total < (1 << 20))
    {
      gsize i = 0;

      if (total == 0 && n_read >= 3 && memcmp (buffer, "\xEF\xBB\xBF", 3) == 0)
        i = 3;

      for (; i < n_read; i++)
        {
          if (!g_ascii_isspace (buffer[i]))
            {
              *is_json = buffer[i] == '{';
              fclose (file);
              return TRUE;
            }
        }

      total += n_read;
    }

  fclose (file);

  /* Empty or blank: the JSON reader says so clearly. */
  return TRUE;
}

/* import */

/* Streams one file into the import: events JSON as it is read (in a
 * thread of its own), an article through the extractor. */
static gboolean
import_file (AnnalsDatabaseImport  *import,
             const char            *path,
             GError               **error)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  GPtrArray *documents, *events;
  gboolean is_json;

  annals_database_import_next_file (import, path);

  if (!looks_like_json (path, &is_json, error))
    return FALSE;

  if (is_json)
    return annals_database_import_json_file (import, path, error);

  set = annals_extract_file (path, NULL, error);
  if (set == NULL)
    return FALSE;

  documents = annals_event_set_get_documents (set);
  events = annals_event_set_get_events (set);
  for (guint i = 0; i < documents->len; i++)
    if (!annals_database_import_document (import, g_ptr_array_index (documents, i), error))
      return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (!annals_database_import_event (import, g_ptr_array_index (events, i), error))
      return FALSE;

  return TRUE;
}

static void
remove_database_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
annals_cli_import (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_auto(GStrv) files = NULL;
  AnnalsDatabaseImport *import;
  gboolean quiet = FALSE;
  gboolean existed;
  AnnalsImportStats stats;
  int status;
  const GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database to add to (created when missing)"), N_("DB") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing on success"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… --db DB"));
  g_option_context_set_summary (context,
                                _("Adds events JSON files and article text files to a database, "
                                  "all in one transaction: on any error nothing is stored. Events "
                                  "JSON is read as a stream, so files of any size are fine."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, "import", &argc, &argv)) >= 0)
    return status;

  if (db_path == NULL)
    {
      annals_cli_print_error (_("import: --db DB is required"));
      return 2;
    }

  if (files == NULL || files[0] == NULL)
    {
      annals_cli_print_error (_("import: no FILE given"));
      return 2;
    }

  /* A missing input is reported before a database is created for it. */
  for (guint i = 0; files[i] != NULL; i++)
    {
      if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
        {
          annals_cli_print_error (_("%s: No such file"), files[i]);
          return 1;
        }
    }

  existed = g_file_test (db_path, G_FILE_TEST_EXISTS);

  database = annals_database_open (db_path, &error);
  if (database == NULL)
    {
      print_error (db_path, error);
      return 1;
    }

  import = annals_database_begin_import (database, &error);
  if (import == NULL)
    {
      print_error (db_path, error);
      return 1;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      if (!import_file (import, files[i], &error))
        {
          annals_database_abort_import (import);
          g_clear_object (&database);
          if (!existed)
            remove_database_files (db_path);
          print_error (files[i], error);
          return 1;
        }
    }

  if (!annals_database_commit_import (import, &stats, &error))
    {
      g_clear_object (&database);
      if (!existed)
        remove_database_files (db_path);
      print_error (db_path, error);
      return 1;
    }

  if (!quiet)
    {
      printf (ngettext ("%s: added %u document, ", "%s: added %u documents, ", stats.documents_added),
              db_path, stats.documents_added);
      printf (ngettext ("%u new event, ", "%u new events, ", stats.events_added),
              stats.events_added);
      printf (ngettext ("%u merged into a stored one\n", "%u merged into stored ones\n", stats.events_merged),
              stats.events_merged);
    }

  return 0;
}

/* export */

typedef enum
{
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_ICS,
} Format;

typedef struct
{
  Format            format;
  Sink             *sink;
  AnnalsJsonWriter  writer;
  gboolean          events_begun;
} Exporter;

static void
exporter_begin (Exporter *self)
{
  switch (self->format)
    {
    case FORMAT_JSON:
      annals_json_writer_begin (&self->writer, self->sink->buffer);
      break;
    case FORMAT_CSV:
      annals_export_csv_begin (self->sink->buffer);
      break;
    case FORMAT_ICS:
      annals_export_ics_begin (self->sink->buffer);
      break;
    }
}

static gboolean
exporter_add_document (AnnalsDocument  *document,
                       gpointer         user_data,
                       GError         **error)
{
  Exporter *self = user_data;

  if (self->format == FORMAT_JSON)
    annals_json_writer_add_document (&self->writer, document);

  return sink_maybe_flush (self->sink, error);
}

static gboolean
exporter_add_event (AnnalsEvent  *event,
                    gpointer      user_data,
                    GError      **error)
{
  Exporter *self = user_data;

  switch (self->format)
    {
    case FORMAT_JSON:
      if (!self->events_begun)
        annals_json_writer_begin_events (&self->writer);
      annals_json_writer_add_event (&self->writer, event);
      break;
    case FORMAT_CSV:
      annals_export_csv_add_event (self->sink->buffer, event);
      break;
    case FORMAT_ICS:
      annals_export_ics_add_event (self->sink->buffer, event);
      break;
    }

  self->events_begun = TRUE;

  return sink_maybe_flush (self->sink, error);
}

static void
exporter_end (Exporter   *self,
              const char *extra_json)
{
  switch (self->format)
    {
    case FORMAT_JSON:
      if (!self->events_begun)
        annals_json_writer_begin_events (&self->writer);
      annals_json_writer_end (&self->writer, extra_json);
      break;
    case FORMAT_CSV:
      break;
    case FORMAT_ICS:
      annals_export_ics_end (self->sink->buffer);
      break;
    }
}

int
annals_cli_export (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *extra_json = NULL;
  g_auto(GStrv) files = NULL;
  const char *input;
  Exporter exporter = { 0, };
  Sink sink = { 0, };
  gboolean ok;
  int status;
  const GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path, N_("Export this database"), N_("DB") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("json (the default), csv or ics"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT instead of standard output"), N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE]") },
    { NULL }
  };

  context = g_option_context_new (_("(--db DB | FILE) [--format json|csv|ics] [-o OUT]"));
  g_option_context_set_summary (context,
                                _("Writes the events of a database, an events JSON file or an "
                                  "article as events JSON, CSV (RFC 4180) or iCalendar."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, "export", &argc, &argv)) >= 0)
    return status;

  if (format_name == NULL || strcmp (format_name, "json") == 0)
    exporter.format = FORMAT_JSON;
  else if (strcmp (format_name, "csv") == 0)
    exporter.format = FORMAT_CSV;
  else if (strcmp (format_name, "ics") == 0)
    exporter.format = FORMAT_ICS;
  else
    {
      annals_cli_print_error (_("export: unknown format “%s” (expected json, csv or ics)"), format_name);
      return 2;
    }

  if ((db_path == NULL) == (files == NULL || files[0] == NULL) ||
      (files != NULL && files[0] != NULL && files[1] != NULL))
    {
      annals_cli_print_error (_("export: give either --db DB or one FILE"));
      return 2;
    }

  if (db_path != NULL)
    {
      g_autoptr(AnnalsDatabase) database = NULL;

      input = db_path;

      /* A missing database is not created just to export nothing. */
      if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
        {
          annals_cli_print_error (_("%s: no such database"), db_path);
          return 1;
        }

      database = annals_database_open (db_path, &error);
      if (database == NULL)
        {
          print_error (db_path, error);
          return 1;
        }

      extra_json = annals_database_dup_extra_json (database, &error);
      if (error != NULL)
        {
          print_error (db_path, error);
          return 1;
        }

      if (!sink_open (&sink, output, &error))
        {
          print_error (output, error);
          return 1;
        }

      exporter.sink = &sink;
      exporter_begin (&exporter);
      ok = annals_database_foreach (database, exporter_add_document, exporter_add_event,
                                    &exporter, &error);
      if (ok)
        exporter_end (&exporter, extra_json);
    }
  else
    {
      g_autoptr(AnnalsEventSet) set = NULL;
      gboolean is_json;

      input = files[0];
      if (!looks_like_json (input, &is_json, &error))
        {
          print_error (input, error);
          return 1;
        }

      /* An article goes through the extractor first. */
      if (!is_json)
        {
          set = annals_extract_file (input, NULL, &error);
          if (set == NULL)
            {
              print_error (input, error);
              return 1;
            }
        }

      if (!sink_open (&sink, output, &error))
        {
          print_error (output, error);
          return 1;
        }

      exporter.sink = &sink;
      exporter_begin (&exporter);

      if (is_json)
        {
          /* Events JSON streams through, whatever its size. */
          ok = annals_json_read_file (input, exporter_add_document, exporter_add_event,
                                      &exporter, &extra_json, &error);
          if (ok)
            exporter_end (&exporter, extra_json);
        }
      else
        {
          GPtrArray *documents = annals_event_set_get_documents (set);
          GPtrArray *events = annals_event_set_get_events (set);

          ok = TRUE;
          for (guint i = 0; ok && i < documents->len; i++)
            ok = exporter_add_document (g_ptr_array_index (documents, i), &exporter, &error);
          for (guint i = 0; ok && i < events->len; i++)
            ok = exporter_add_event (g_ptr_array_index (events, i), &exporter, &error);
          if (ok)
            exporter_end (&exporter, annals_event_set_get_extra_json (set));
        }
    }

  if (!ok)
    {
      sink_close (&sink, FALSE, NULL);
      print_error (input, error);
      return 1;
    }

  if (!sink_close (&sink, TRUE, &error))
    {
      print_error (output, error);
      return 1;
    }

  return 0;
}

/* generate */

typedef struct
{
  const char *code;
  const char *cities[3];
} GeneratorCountry;

static const GeneratorCountry generator_countries[] = {
  { "RU", { "Moscow", "Vladivostok", "Kazan" } },
  { "CN", { "Beijing", "Qingdao", "Shanghai" } },
  { "IN", { "New Delhi", "Pune", "Goa" } },
  { "UZ", { "Tashkent", "Samarkand", "Termez" } },
  { "KZ", { "Astana", "Almaty", "Aktau" } },
  { "US", { "Washington", "San Diego", "Honolulu" } },
  { "FR", { "Paris", "Toulon", "Brest" } },
  { "DE", { "Berlin", "Munich", "Kiel" } },
  { "GB", { "London", "Portsmouth", "Edinburgh" } },
  { "JP", { "Tokyo", "Yokosuka", "Okinawa" } },
  { "TH", { "Bangkok", "Sattahip", "Chiang Mai" } },
  { "ID", { "Jakarta", "Surabaya", "Bali" } },
  { "PH", { "Manila", "Subic Bay", "Cebu" } },
  { "AU", { "Canberra", "Darwin", "Sydney" } },
  { "BR", { "Brasília", "Rio de Janeiro", "Natal" } },
  { "ZA", { "Pretoria", "Cape Town", "Durban" } },
  { "EG", { "Cairo", "Alexandria", "Sharm El Sheikh" } },
  { "TR", { "Ankara", "Istanbul", "Izmir" } },
  { "IR", { "Tehran", "Bandar Abbas", "Isfahan" } },
  { "PK", { "Islamabad", "Karachi", "Lahore" } },
  { "KG", { "Bishkek", "Osh", "Cholpon-Ata" } },
  { "TJ", { "Dushanbe", "Khujand", "Kulob" } },
  { "BY", { "Minsk", "Brest", "Grodno" } },
  { "SG", { "Singapore", "Changi", "Sembawang" } },
  { "KR", { "Seoul", "Busan", "Pyeongtaek" } },
  { "VN", { "Hanoi", "Ho Chi Minh City", "Da Nang" } },
  { "SA", { "Riyadh", "Jeddah", "Dammam" } },
  { "AE", { "Abu Dhabi", "Dubai", "Sharjah" } },
  { "NG", { "Abuja", "Lagos", "Port Harcourt" } },
  { "MX", { "Mexico City", "Veracruz", "Guadalajara" } },
  { "AR", { "Buenos Aires", "Córdoba", "Ushuaia" } },
  { "CA", { "Ottawa", "Halifax", "Toronto" } },
};

static const char * const exercise_names[] = {
  "Vostok", "Zapad", "Tsentr", "Kavkaz", "Peaceful Mission", "Joint Sea",
  "Cobra Gold", "Malabar", "Indra", "Balikatan", "RIMPAC", "Talisman Sabre",
  "Steadfast Defender", "Baltops", "Sea Breeze", "Garuda Shield",
  "Pitch Black", "Cold Response", "Trident Juncture", "Saber Strike",
  "Defender Europe", "Northern Edge", "Keen Sword", "Red Flag",
  "Khaan Quest", "Shaheen", "Ekuverin", "Hand-in-Hand", "Mitra Shakti",
  "Union Shield", "Interaction", "Rubezh", "Noble Partner", "Kazind",
};

static const char * const organisations[] = {
  "SCO", "NATO", "CSTO", "ASEAN", "BRICS", "G20", "EU", "OSCE", "CIS",
  "African Union", "Arab League", "Quad", "ADMM-Plus", "G7", "APEC",
};

static const char * const meeting_bodies[] = {
  "Defence Ministers’", "Foreign Ministers’", "Chiefs of General Staff",
  "Interior Ministers’", "Energy Ministers’", "Finance Ministers’",
  "Trade Ministers’", "Health Ministers’", "National Security Advisers’",
  "Border Guard Chiefs’",
};

static const char * const festival_kinds[] = {
  "International Film", "Jazz", "Book", "Theatre", "Music", "Folk Music",
  "Light", "Arts", "Food", "Military Music",
};

static const char * const conference_topics[] = {
  "Security", "Arms Control", "Maritime Security", "Cyber Defence",
  "Counter-Terrorism", "Nuclear Non-Proliferation", "Climate Security",
  "Defence Industry", "Peacekeeping", "Space Security",
};

static const char * const visit_roles[] = {
  "President", "Prime Minister", "Defence Minister", "Foreign Minister",
  "Chief of General Staff",
};

static const char * const statement_topics[] = {
  "strategic partnership", "regional security", "arms control",
  "maritime cooperation", "counter-terrorism", "energy security",
};

static const char * const other_things[] = {
  "Air Show", "International Arms Fair", "Naval Parade", "Army Games",
  "Defence Expo",
};

static const char * const sources[] = {
  "FD News", "Defence Daily", "The Diplomat Review", "Global Affairs Wire",
  "Asia Security Monitor",
};

typedef struct
{
  GRand      *rand;
  guint       n_countries;
  GHashTable *titles;  /* normalized title -> times used */
} Generator;

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static const GeneratorCountry *
pick_country (Generator *self)
{
  return &generator_countries[g_rand_int_range (self->rand, 0, self->n_countries)];
}

static const char *
country_name (const char *code)
{
  const char *name = annals_country_get_untranslated_name (code);

  return name != NULL ? name : code;
}

static char *
make_title (Generator              *self,
            AnnalsEventKind         kind,
            int                     year,
            const GeneratorCountry *host,
            const char             *city)
{
  switch (kind)
    {
    case ANNALS_EVENT_KIND_EXERCISE:
      return g_strdup_printf (g_rand_boolean (self->rand) ? "%s %d" : "%s-%d",
                              PICK (self->rand, exercise_names), year);
    case ANNALS_EVENT_KIND_MEETING:
      return g_strdup_printf ("%s %s Meeting", PICK (self->rand, organisations),
                              PICK (self->rand, meeting_bodies));
    case ANNALS_EVENT_KIND_SUMMIT:
      return g_strdup_printf (g_rand_boolean (self->rand) ? "%s Summit %d" : "%2$d %1$s Summit",
                              PICK (self->rand, organisations), year);
    case ANNALS_EVENT_KIND_FESTIVAL:
      return g_strdup_printf ("%s %s Festival %d", city, PICK (self->rand, festival_kinds), year);
    case ANNALS_EVENT_KIND_CONFERENCE:
      return g_strdup_printf ("%s %s Conference %d", city, PICK (self->rand, conference_topics), year);
    case ANNALS_EVENT_KIND_VISIT:
      {
        const GeneratorCountry *guest = pick_country (self);

        return g_strdup_printf ("Visit of the %s of %s to %s", PICK (self->rand, visit_roles),
                                country_name (guest->code), country_name (host->code));
      }
    case ANNALS_EVENT_KIND_STATEMENT:
      {
        const GeneratorCountry *other = pick_country (self);

        return g_strdup_printf ("Joint Statement of %s and %s on %s",
                                country_name (host->code), country_name (other->code),
                                PICK (self->rand, statement_topics));
      }
    case ANNALS_EVENT_KIND_OTHER:
    default:
      return g_strdup_printf ("%s %s %d", city, PICK (self->rand, other_things), year);
    }
}

/* Titles repeat in real data, but a generated set should keep exactly the
 * events it names: a repeated title gets a number, "(2)", "(3)", … so
 * that no two generated events merge on import. */
static char *
make_unique_title (Generator       *self,
                   AnnalsEventKind  kind,
                   char            *title)
{
  g_autofree char *normalized = annals_event_normalize_title (title);
  g_autofree char *key = g_strdup_printf ("%d|%s", kind, normalized);
  guint used = GPOINTER_TO_UINT (g_hash_table_lookup (self->titles, key));
  char *unique;

  g_hash_table_replace (self->titles, g_steal_pointer (&key), GUINT_TO_POINTER (used + 1));

  if (used == 0)
    return title;

  unique = g_strdup_printf ("%s (%u)", title, used + 1);
  g_free (title);

  return unique;
}

static AnnalsEventKind
pick_kind (GRand *rand)
{
  static const guint weights[ANNALS_N_EVENT_KINDS] = { 22, 10, 25, 10, 12, 10, 6, 5 };
  guint value = g_rand_int_range (rand, 0, 100);

  for (guint kind = 0; kind < ANNALS_N_EVENT_KINDS; kind++)
    {
      if (value < weights[kind])
        return kind;
      value -= weights[kind];
    }

  return ANNALS_EVENT_KIND_OTHER;
}

/* One event, told by a sentence appended to @text, the body of the
 * article @document_id, where its mention points. */
static AnnalsEvent *
generate_event (Generator  *self,
                guint       index,
                const char *document_id,
                GString    *text,
                AnnalsDate *published)
{
  g_autoptr(AnnalsEvent) event = NULL;
  g_autofree char *event_id = g_strdup_printf ("gen-e%u", index);
  g_autofree char *title = NULL;
  const GeneratorCountry *host = pick_country (self);
  const char *city = host->cities[g_rand_int_range (self->rand, 0, 3)];
  AnnalsEventKind kind = pick_kind (self->rand);
  AnnalsDate start, end;
  int year = g_rand_int_range (self->rand, 1965, 2036);
  int month = g_rand_int_range (self->rand, 1, 13);
  int day = g_rand_int_range (self->rand, 1, annals_days_in_month (year, month) + 1);
  guint precision_draw = g_rand_int_range (self->rand, 0, 100);
  guint n_participants = g_rand_int_range (self->rand, 0, 5);
  guint mention_start;

  annals_date_clear (&start);
  annals_date_clear (&end);

  if (precision_draw < 45)
    annals_date_set_day (&start, year, month, day);
  else if (precision_draw < 70)
    annals_date_set_month (&start, year, month);
  else if (precision_draw < 95)
    annals_date_set_year (&start, year);

  /* A third of the dated events last a while, at their start's precision. */
  if (annals_date_is_set (&start) && g_rand_int_range (self->rand, 0, 100) < 35)
    {
      gint32 first = annals_date_get_first_day (&start);
      int end_year, end_month, end_day;

      switch (annals_date_get_precision (&start))
        {
        case ANNALS_PRECISION_DAY:
          annals_days_to_civil (first + g_rand_int_range (self->rand, 1, 15),
                                &end_year, &end_month, &end_day);
          annals_date_set_day (&end, end_year, end_month, end_day);
          break;
        case ANNALS_PRECISION_MONTH:
          end_month = month + g_rand_int_range (self->rand, 1, 3);
          annals_date_set_month (&end, year + (end_month - 1) / 12, (end_month - 1) % 12 + 1);
          break;
        case ANNALS_PRECISION_YEAR:
        case ANNALS_PRECISION_NONE:
        default:
          annals_date_set_year (&end, year + g_rand_int_range (self->rand, 1, 4));
          break;
        }
    }

  title = make_title (self, kind, year, host, city);
  title = make_unique_title (self, kind, g_steal_pointer (&title));

  event = annals_event_new (event_id, title);
  annals_event_set_kind (event, kind);
  if (annals_date_is_set (&start))
    annals_event_set_start (event, &start);
  if (annals_date_is_set (&end))
    annals_event_set_end (event, &end);

  /* Announced events lie after the generator's fixed "today", 2026-01-01,
   * so that the output does not change with the clock. */
  if (g_rand_int_range (self->rand, 0, 100) < 5)
    annals_event_set_status (event, ANNALS_EVENT_STATUS_UNKNOWN);
  else if (annals_date_is_set (&start) && year >= 2026)
    annals_event_set_status (event, ANNALS_EVENT_STATUS_PLANNED);
  else
    annals_event_set_status (event, ANNALS_EVENT_STATUS_PAST);

  annals_event_set_host_country (event, host->code);
  if (g_rand_int_range (self->rand, 0, 100) < 80)
    annals_event_set_host_place (event, city);
  annals_event_add_participant (event, host->code);
  for (guint i = 0; i < n_participants; i++)
    annals_event_add_participant (event, pick_country (self)->code);
  annals_event_set_confidence (event, g_rand_int_range (self->rand, 50, 101) / 100.0);

  /* The article is dated by the first dated event it tells. */
  if (annals_date_is_set (&start) && !annals_date_is_set (published))
    {
      gint32 first = annals_date_get_first_day (&start);
      gint32 span = annals_date_get_end_day (&start) - first;
      int p_year, p_month, p_day;

      annals_days_to_civil (first + g_rand_int_range (self->rand, 0, MAX (span, 1)),
                            &p_year, &p_month, &p_day);
      annals_date_set_day (published, p_year, p_month, p_day);
    }

  mention_start = g_utf8_strlen (text->str, -1);
  g_string_append (text, title);
  g_string_append_printf (text, " %s in %s, %s",
                          annals_event_get_status (event) == ANNALS_EVENT_STATUS_PLANNED ?
                          "will be held" : "was held",
                          city, country_name (host->code));
  if (n_participants > 0)
    g_string_append (text, ", with delegations from several countries");
  g_string_append (text, ". ");

  annals_event_add_mention (event, document_id, mention_start,
                            mention_start + (guint) g_utf8_strlen (title, -1));

  return g_steal_pointer (&event);
}

/* An article of a few hundred characters that tells 3 to 8 events (fewer
 * when @max_events is smaller), as a news report does: a dateline, a
 * sentence per event, a closing remark. Events are numbered from
 * @first_event. */
static void
generate_article (Generator       *self,
                  guint            index,
                  guint            first_event,
                  guint            max_events,
                  AnnalsDocument **document_out,
                  GPtrArray       *events)
{
  g_autoptr(AnnalsDocument) document = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *document_id = g_strdup_printf ("gen-d%u", index);
  g_autofree char *headline = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dateline = NULL;
  const GeneratorCountry *place = pick_country (self);
  const char *city = place->cities[g_rand_int_range (self->rand, 0, 3)];
  guint n_drawn = (guint) g_rand_int_range (self->rand, 3, 9);
  guint n_events = MIN (n_drawn, max_events);
  AnnalsDate published;
  gsize body_start;

  annals_date_clear (&published);

  /* The dateline comes first in the text but depends on the events: it
   * is inserted once they are told, and the mentions shifted past it. */
  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (events, generate_event (self, first_event + i, document_id, text, &published));
  g_string_append (text, "Officials said the meetings would strengthen cooperation.");

  if (annals_date_is_set (&published))
    {
      g_autofree char *date = annals_date_to_iso (&published);
      dateline = g_strdup_printf ("%s, %s. ", city, date);
    }
  else
    {
      dateline = g_strdup_printf ("%s. ", city);
    }
  g_string_prepend (text, dateline);
  body_start = g_utf8_strlen (dateline, -1);

  for (guint i = events->len - n_events; i < events->len; i++)
    {
      AnnalsEvent *event = g_ptr_array_index (events, i);
      const AnnalsMention *mention = annals_event_get_mention (event, 0);
      guint start = mention->start + (guint) body_start;
      guint end = mention->end + (guint) body_start;

      annals_event_clear_mentions (event);
      annals_event_add_mention (event, document_id, start, end);
    }

  headline = g_strdup_printf ("%s: %s", city,
                              annals_event_get_title (g_ptr_array_index (events, events->len - n_events)));
  document = annals_document_new (document_id);
  annals_document_set_title (document, headline);
  annals_document_set_source (document, PICK (self->rand, sources));
  if (g_rand_boolean (self->rand))
    {
      url = g_strdup_printf ("https://example.org/news/%u", index);
      annals_document_set_url (document, url);
    }
  if (annals_date_is_set (&published))
    annals_document_set_published (document, &published);
  annals_document_set_text (document, text->str);

  *document_out = g_steal_pointer (&document);
}

static void
generator_init (Generator *self,
                guint32    seed,
                guint      n_countries)
{
  self->rand = g_rand_new_with_seed (seed);
  self->n_countries = n_countries;
  self->titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
generator_clear (Generator *self)
{
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->titles, g_hash_table_unref);
}

/* The whole set in memory, for the benchmarks. */
static AnnalsEventSet *
generate_set (guint   n_events,
              guint32 seed,
              guint   n_countries)
{
  AnnalsEventSet *set = annals_event_set_new ();
  Generator generator;

  generator_init (&generator, seed, n_countries);

  for (guint article = 0, n_done = 0; n_done < n_events; article++)
    {
      g_autoptr(AnnalsDocument) document = NULL;
      g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

      generate_article (&generator, article, n_done, n_events - n_done, &document, events);
      annals_event_set_add_document (set, document);
      for (guint i = 0; i < events->len; i++)
        annals_event_set_add_event (set, g_ptr_array_index (events, i));
      n_done += events->len;
    }

  generator_clear (&generator);

  return set;
}

static gboolean
parse_count (const char  *text,
             guint64      min,
             guint64      max,
             guint64     *value)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtoull (text, &end, 10);

  return errno == 0 && *end == '\0' && *value >= min && *value <= max;
}

int
annals_cli_generate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *events_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *countries_text = NULL;
  g_autofree char *output = NULL;
  guint64 n_events = 1000, seed = 1, n_countries = 16;
  AnnalsJsonWriter writer;
  Generator generator;
  Sink sink = { 0, };
  gboolean ok = TRUE;
  int status;
  const GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_STRING, &events_text, N_("How many events (default 1000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the random generator (default 1)"), N_("S") },
    { "countries", 'k', 0, G_OPTION_ARG_STRING, &countries_text, N_("How many host countries, 1 to 32 (default 16)"), N_("K") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to OUT instead of standard output"), N_("OUT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Prints a synthetic events JSON data set, the same for the same "
                                  "seed: articles of a few hundred characters that each tell 3 to 8 "
                                  "events, of every kind, over seven decades, some undated."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, "generate", &argc, &argv)) >= 0)
    return status;

  if (argc > 1)
    {
      annals_cli_print_error (_("generate: unexpected argument “%s”"), argv[1]);
      return 2;
    }

  if ((events_text != NULL && !parse_count (events_text, 0, 100000000, &n_events)) ||
      (seed_text != NULL && !parse_count (seed_text, 0, G_MAXUINT32, &seed)) ||
      (countries_text != NULL && !parse_count (countries_text, 1, G_N_ELEMENTS (generator_countries), &n_countries)))
    {
      annals_cli_print_error (_("generate: --events takes 0 to 100000000, --seed 0 to %u, --countries 1 to %u"),
                              G_MAXUINT32, (guint) G_N_ELEMENTS (generator_countries));
      return 2;
    }

  if (!sink_open (&sink, output, &error))
    {
      print_error (output, error);
      return 1;
    }

  /* Documents come first in the file, events after: the same sequence is
   * generated twice from the seed, keeping one half each time, so that
   * nothing but the output buffer grows with N. */
  annals_json_writer_begin (&writer, sink.buffer);
  for (guint pass = 0; pass < 2 && ok; pass++)
    {
      generator_init (&generator, (guint32) seed, (guint) n_countries);

      if (pass == 1)
        annals_json_writer_begin_events (&writer);

      for (guint article = 0, n_done = 0; n_done < n_events && ok; article++)
        {
          g_autoptr(AnnalsDocument) document = NULL;
          g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

          generate_article (&generator, article, (guint) n_done, (guint) n_events - n_done,
                            &document, events);
          if (pass == 0)
            annals_json_writer_add_document (&writer, document);
          else
            for (guint i = 0; i < events->len; i++)
              annals_json_writer_add_event (&writer, g_ptr_array_index (events, i));
          n_done += events->len;

          ok = sink_maybe_flush (&sink, &error);
        }

      generator_clear (&generator);
    }

  if (ok)
    annals_json_writer_end (&writer, NULL);

  if (!sink_close (&sink, ok, ok ? &error : NULL) || !ok)
    {
      print_error (output != NULL ? output : _("standard output"), error);
      return 1;
    }

  return 0;
}

/* stats */

int
annals_cli_stats (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *n_documents = NULL;
  g_autofree char *n_events = NULL;
  g_autofree char *n_undated = NULL;
  g_autofree char *n_mentions = NULL;
  g_autofree char *n_merged = NULL;
  g_autofree char *n_host_countries = NULL;
  AnnalsDatabaseSummary summary;
  gint64 backlog_events, backlog_documents;
  GStatBuf info;
  int status;
  const GOptionEntry entries[] = {
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database"), N_("DB") },
    { NULL }
  };

  context = g_option_context_new (_("--db DB"));
  g_option_context_set_summary (context, _("Summarizes what a database holds."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, "stats", &argc, &argv)) >= 0)
    return status;

  if (db_path == NULL && argc == 2)
    db_path = g_strdup (argv[1]);
  else if (argc > 1)
    {
      annals_cli_print_error (_("stats: unexpected argument “%s”"), argv[1]);
      return 2;
    }

  if (db_path == NULL)
    {
      annals_cli_print_error (_("stats: --db DB is required"));
      return 2;
    }

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      annals_cli_print_error (_("%s: no such database"), db_path);
      return 1;
    }

  database = annals_database_open (db_path, &error);
  if (database == NULL || !annals_database_get_summary (database, &summary, &error))
    {
      print_error (db_path, error);
      return 1;
    }

  printf ("%s\n", db_path);
  if (g_stat (db_path, &info) == 0)
    {
      g_autofree char *size = g_format_size (info.st_size);
      printf (_("  file size:        %s\n"), size);
    }
  /* The counts are formatted apart: a message with G_GINT64_FORMAT in it
   * cannot be translated. */
  n_documents = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_documents);
  n_events = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_events);
  n_undated = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_undated);
  n_mentions = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_mentions);
  n_merged = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_merged);
  printf (_("  schema version:   %d\n"), summary.schema_version);
  printf (_("  documents:        %s\n"), n_documents);
  printf (_("  events:           %s (%s undated)\n"), n_events, n_undated);
  printf (_("  mentions:         %s (%s events with more than one)\n"), n_mentions, n_merged);

  if (annals_database_get_search_backlog (database, &backlog_events, &backlog_documents, &error))
    {
      g_autofree char *events_text = g_strdup_printf ("%" G_GINT64_FORMAT, backlog_events);
      g_autofree char *documents_text = g_strdup_printf ("%" G_GINT64_FORMAT, backlog_documents);

      if (backlog_events == 0 && backlog_documents == 0)
        printf (_("  search index:     up to date\n"));
      else
        /* Translators: the index catches up when the app opens the database or searches it. */
        printf (_("  search index:     %s events and %s documents still to index\n"),
                events_text, documents_text);
    }
  g_clear_error (&error);

  if (summary.first_day != ANNALS_DAY_UNDATED)
    {
      AnnalsDate first, last;
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;

      annals_date_set_from_days (&first, summary.first_day);
      annals_date_set_from_days (&last, summary.end_day - 1);
      first_text = annals_date_to_iso (&first);
      last_text = annals_date_to_iso (&last);
      printf (_("  time span:        %s to %s\n"), first_text, last_text);
    }

  printf (_("  by kind:\n"));
  for (guint kind = 0; kind < ANNALS_N_EVENT_KINDS; kind++)
    if (summary.n_by_kind[kind] > 0)
      printf ("    %-14s %" G_GINT64_FORMAT "\n",
              annals_event_kind_to_string (kind), summary.n_by_kind[kind]);

  n_host_countries = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_host_countries);
  printf (_("  host countries:   %s\n"), n_host_countries);
  for (guint i = 0; i < summary.n_countries; i++)
    printf ("    %s %-24s %" G_GINT64_FORMAT "\n",
            summary.countries[i].code,
            country_name (summary.countries[i].code),
            summary.countries[i].n_events);

  return 0;
}

/* bench store */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0.0;

  g_array_sort (values, compare_doubles);

  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);

  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2.0;
}

static gboolean
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);

  return g_unlink (path) == 0 || errno == ENOENT;
}

/* CPU time of this process: on a shared machine, wall time also counts
 * the time other programs held the processor. */
static double
get_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

typedef struct
{
  guint  n_events;
  double import_events_per_s;
  double import_cpu_events_per_s;
  double search_index_ms;
  double json_events_per_s;
  double open_ms;
  double load_ms;
  double check_ms;
  double ready_cpu_ms;
  double index_bytes_per_event;
  double range_query_us;
  double range_search_us;
  double range_query_hits;
  gint64 db_bytes;
} BenchResult;

static gboolean
bench_size (const char   *dir,
            guint         n_events,
            guint         n_runs,
            BenchResult  *result,
            GError      **error)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_indexes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parses = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) searches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AnnalsEventStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const AnnalsEventRecord *records;
  guint n_records;
  g_autofree char *db_path = NULL;
  g_autofree char *basename = g_strdup_printf ("bench-%u.annals", n_events);
  GStatBuf info;

  memset (result, 0, sizeof *result);
  result->n_events = n_events;
  db_path = g_build_filename (dir, basename, NULL);

  fprintf (stderr, "bench store: generating %u events…\n", n_events);
  set = generate_set (n_events, 1, 16);

  /* JSON reading, on a file small enough for the DOM reader. */
  if (n_events <= 100000)
    {
      g_autofree char *data = NULL;
      gsize length;

      data = annals_json_to_data (set, &length);
      for (guint run = 0; run < n_runs; run++)
        {
          g_autoptr(AnnalsEventSet) parsed = NULL;
          gint64 begin = g_get_monotonic_time ();
          double seconds;

          parsed = annals_json_load_data (data, length, "bench.json", error);
          if (parsed == NULL)
            return FALSE;
          seconds = (g_get_monotonic_time () - begin) / 1e6;
          g_array_append_vals (parses, &(double) { n_events / seconds }, 1);
        }
    }

  for (guint run = 0; run < n_runs; run++)
    {
      g_autoptr(AnnalsDatabase) database = NULL;
      AnnalsImportStats stats;
      gint64 begin;
      double seconds, cpu_begin;

      if (!remove_database (db_path))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", db_path, g_strerror (errno));
          return FALSE;
        }

      fprintf (stderr, "bench store: import %u events, run %u/%u…\n", n_events, run + 1, n_runs);
      cpu_begin = get_cpu_seconds ();
      begin = g_get_monotonic_time ();
      database = annals_database_open (db_path, error);
      if (database == NULL || !annals_database_add_set (database, set, &stats, error))
        return FALSE;
      g_clear_object (&database);
      seconds = (g_get_monotonic_time () - begin) / 1e6;
      g_array_append_vals (imports, &(double) { n_events / seconds }, 1);
      g_array_append_vals (cpu_imports, &(double) { n_events / MAX (get_cpu_seconds () - cpu_begin, 1e-6) }, 1);

      /* What a large import leaves for later: the app does it in the
       * background, a search before that does it first. */
      begin = g_get_monotonic_time ();
      database = annals_database_open (db_path, error);
      if (database == NULL || !annals_database_update_search_index (database, NULL, error))
        return FALSE;
      g_clear_object (&database);
      g_array_append_vals (search_indexes, &(double) { (g_get_monotonic_time () - begin) / 1e3 }, 1);
    }

  g_clear_object (&set);

  if (g_stat (db_path, &info) == 0)
    result->db_bytes = info.st_size;

  store = annals_event_store_new ();
  for (guint run = 0; run < MAX (n_runs, 3); run++)
    {
      g_autoptr(AnnalsDatabase) database = NULL;
      gint64 begin, opened, loaded;
      double cpu_begin = get_cpu_seconds ();

      /* As the app opens a library: ready to show, then checked. */
      begin = g_get_monotonic_time ();
      database = annals_database_open_with_flags (db_path, ANNALS_DATABASE_OPEN_DEFER_CHECK, error);
      if (database == NULL)
        return FALSE;
      opened = g_get_monotonic_time ();
      if (!annals_database_load_store (database, store, error))
        return FALSE;
      loaded = g_get_monotonic_time ();
      g_array_append_vals (ready_cpus, &(double) { (get_cpu_seconds () - cpu_begin) * 1e3 }, 1);
      if (!annals_database_check (database, error))
        return FALSE;
      g_array_append_vals (opens, &(double) { (opened - begin) / 1e3 }, 1);
      g_array_append_vals (loads, &(double) { (loaded - opened) / 1e3 }, 1);
      g_array_append_vals (checks, &(double) { (g_get_monotonic_time () - loaded) / 1e3 }, 1);
    }

  result->index_bytes_per_event = (double) annals_event_store_get_index_size (store) /
                                  MAX (annals_event_store_get_n_total (store), 1);

  records = annals_event_store_peek_records (store, &n_records);
  g_assert (records != NULL || n_records == 0);

  /* One-year windows at random over the generated decades: the binary
   * search, then the walk that skips rows not overlapping the window. */
  for (guint run = 0; run < 1001; run++)
    {
      int year = g_rand_int_range (rand, 1965, 2036);
      gint32 from = annals_days_from_civil (year, 1, 1);
      gint32 to = annals_days_from_civil (year + 1, 1, 1);
      guint first, last, n_hits = 0;
      gint64 begin = g_get_monotonic_time ();

      /* The store has no filter here: its rows are one array. */
      annals_event_store_find_range (store, from, to, &first, &last);
      for (const AnnalsEventRecord *record = records + first; record < records + last; record++)
        n_hits += annals_event_record_overlaps (record, from, to);

      g_array_append_vals (queries, &(double) { (double) (g_get_monotonic_time () - begin) }, 1);
      g_array_append_vals (hits, &(double) { (double) n_hits }, 1);
    }

  result->import_events_per_s = median (imports);
  result->import_cpu_events_per_s = median (cpu_imports);
  result->search_index_ms = median (search_indexes);
  result->json_events_per_s = median (parses);
  result->open_ms = median (opens);
  result->load_ms = median (loads);
  result->check_ms = median (checks);
  result->ready_cpu_ms = median (ready_cpus);
  result->range_query_us = median (queries);

  /* The binary search alone takes less than the clock's microsecond:
   * timed over many windows together. */
  for (guint run = 0; run < 5; run++)
    {
      gint64 begin = g_get_monotonic_time ();
      guint sum = 0;

      for (guint i = 0; i < 100000; i++)
        {
          int year = 1965 + (int) (i % 71);
          guint first, last;

          annals_event_store_find_range (store,
                                         annals_days_from_civil (year, 1, 1),
                                         annals_days_from_civil (year + 1, 1, 1),
                                         &first, &last);
          sum += last - first;
        }

      g_array_append_vals (searches, &(double) { (g_get_monotonic_time () - begin) / 100000.0 }, 1);
      g_assert (sum > 0 || annals_event_store_get_n_dated (store) == 0);
    }
  result->range_search_us = median (searches);
  result->range_query_hits = median (hits);

  remove_database (db_path);

  return TRUE;
}

int
annals_cli_bench_store (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (BenchResult));
  g_autofree char *sizes_text = NULL;
  g_autofree char *runs_text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_dir = NULL;
  g_auto(GStrv) sizes = NULL;
  gboolean as_json = FALSE;
  guint64 n_runs = 3;
  int status;
  const GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_STRING, &sizes_text, N_("Comma-separated sizes (default 100000,1000000)"), N_("N,…") },
    { "runs", 'r', 0, G_OPTION_ARG_STRING, &runs_text, N_("Runs per measure, of which the median is shown (default 3)"), N_("R") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("Folder for the databases (default: a temporary one)"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the figures as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Imports generated events (as annals-cli generate --seed 1 makes them: "
                                  "articles of 3 to 8 events) into a new database, opens it to a "
                                  "ready index, checks it and queries one-year ranges; prints medians."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = parse_options (context, "bench store", &argc, &argv)) >= 0)
    return status;

  if (runs_text != NULL && !parse_count (runs_text, 1, 100, &n_runs))
    {
      annals_cli_print_error (_("bench store: --runs takes 1 to 100"));
      return 2;
    }

  sizes = g_strsplit (sizes_text != NULL ? sizes_text : "100000,1000000", ",", -1);
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint64 n;

      if (!parse_count (sizes[i], 1, 10000000, &n))
        {
          annals_cli_print_error (_("bench store: --events takes sizes from 1 to 10000000"));
          return 2;
        }
    }

  if (dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("annals-bench-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          annals_cli_print_error ("bench store: %s", error->message);
          return 1;
        }
    }

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      BenchResult result;
      guint64 n;

      parse_count (sizes[i], 1, 10000000, &n);
      if (!bench_size (dir != NULL ? dir : tmp_dir, (guint) n, (guint) n_runs, &result, &error))
        {
          annals_cli_print_error ("bench store: %s", error->message);
          if (tmp_dir != NULL)
            g_rmdir (tmp_dir);
          return 1;
        }
      g_array_append_val (results, result);
    }

  if (tmp_dir != NULL)
    g_rmdir (tmp_dir);

  if (as_json)
    {
      printf ("[\n");
      for (guint i = 0; i < results->len; i++)
        {
          BenchResult *r = &g_array_index (results, BenchResult, i);

          printf ("  { \"events\": %u, \"import_events_per_s\": %.0f, \"import_cpu_events_per_s\": %.0f,"
                  " \"search_index_ms\": %.0f, \"json_read_events_per_s\": %.0f,"
                  " \"open_ms\": %.1f, \"load_index_ms\": %.1f, \"ready_ms\": %.1f, \"ready_cpu_ms\": %.1f, \"check_ms\": %.1f,"
                  " \"index_bytes_per_event\": %.1f, \"year_query_us\": %.1f, \"year_search_us\": %.3f,"
                  " \"year_query_hits\": %.0f, \"db_bytes\": %" G_GINT64_FORMAT " }%s\n",
                  r->n_events, r->import_events_per_s, r->import_cpu_events_per_s, r->search_index_ms,
                  r->json_events_per_s,
                  r->open_ms, r->load_ms, r->open_ms + r->load_ms, r->ready_cpu_ms, r->check_ms,
                  r->index_bytes_per_event, r->range_query_us, r->range_search_us, r->range_query_hits,
                  r->db_bytes, i + 1 < results->len ? "," : "");
        }
      printf ("]\n");
      return 0;
    }

  printf ("bench store (medians of %u runs; query: median of 1001 one-year windows)\n", (guint) n_runs);
  for (guint i = 0; i < results->len; i++)
    {
      BenchResult *r = &g_array_index (results, BenchResult, i);
      g_autofree char *size = g_format_size (r->db_bytes);

      printf ("%u events (database %s)\n", r->n_events, size);
      printf ("  import into a new database:  %10.0f events/s  (target ≥ 500000)\n", r->import_events_per_s);
      printf ("    per second of CPU time:    %10.0f events/s\n", r->import_cpu_events_per_s);
      printf ("  then the search index:       %10.0f ms  (%.0f events/s)\n",
              r->search_index_ms, r->n_events / MAX (r->search_index_ms / 1e3, 1e-6));
      if (r->json_events_per_s > 0)
        printf ("  read events JSON:            %10.0f events/s\n", r->json_events_per_s);
      printf ("  open (check deferred):       %10.1f ms\n", r->open_ms);
      printf ("  load the index:              %10.1f ms\n", r->load_ms);
      printf ("  open to a ready index:       %10.1f ms  (target ≤ 1000)\n", r->open_ms + r->load_ms);
      printf ("    of CPU time:               %10.1f ms\n", r->ready_cpu_ms);
      printf ("  then the integrity check:    %10.1f ms\n", r->check_ms);
      printf ("  index size:                  %10.1f bytes/event  (target ≤ 120)\n", r->index_bytes_per_event);
      printf ("  one-year range query:        %10.1f µs, %.0f events overlap it  (target ≤ 100)\n",
              r->range_query_us, r->range_query_hits);
      printf ("    of which the binary search:%10.2f µs\n", r->range_search_us);
    }

  return 0;
}
