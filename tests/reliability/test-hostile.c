/* test-hostile.c: hostile inputs, each a clear error or correct handling,
 * in bounded memory and time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large inputs go through annals-cli in a child process, killed at a
 * deadline or when its resident set passes the bound stated next to each
 * test; the peak is its VmHWM. Small ones run in a trapped
 * subprocess of this test, so that a crash fails one test case, not all.
 *
 * Sizes that are slow for CI come from the environment:
 *   ANNALS_HOSTILE_ARTICLE_MB  the "huge article" (CI: 20, measured: 100)
 * Under a sanitizer the extractor runs 10 to 40 times slower, and more
 * than linearly in the size of the text: there the articles are 2 MiB
 * (the 10 MiB line and the huge article run in the normal build).
 *   ANNALS_HOSTILE_EVENTS      events in the "million events" file
 *                              (CI: 200000, measured: 1000000)
 */

#define G_LOG_DOMAIN "annals-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "annals-database.h"
#include "annals-extractor.h"
#include "annals-json.h"
#include "annals-model.h"

#include "annals-test-child.h"

#define MIB (1024 * 1024)
#define KIB_PER_MIB 1024

/* Runs the body of a test in a child of this test binary: a crash or a
 * hang then fails this case with a message, and the others still run. */
#define RUN_ISOLATED(timeout_seconds) \
  G_STMT_START { \
    if (!g_test_subprocess ()) \
      { \
        g_test_trap_subprocess (NULL, (guint64) (timeout_seconds) * G_USEC_PER_SEC, \
                                G_TEST_SUBPROCESS_INHERIT_STDERR); \
        if (g_test_trap_reached_timeout ()) \
          g_test_fail_printf ("no answer within %d s: a hang", (int) (timeout_seconds)); \
        else \
          g_test_trap_assert_passed (); \
        return; \
      } \
  } G_STMT_END

static char *work_dir;

static guint
get_env_uint (const char *name,
              guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &number, NULL))
    return fallback;

  return (guint) number;
}

/* A bound stated for the optimized build, as it applies to this one:
 * AddressSanitizer pads every block and keeps up to 256 MiB of freed
 * ones in quarantine. */
static glong
scale_bound (glong native_kb)
{
  guint factor = annals_test_memory_factor ();

  return native_kb * factor + (factor > 1 ? 512 * KIB_PER_MIB : 0);
}

static char *
make_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static const char *
require_cli (void)
{
  const char *cli = annals_test_get_cli ();

  if (cli == NULL)
    g_test_skip ("ANNALS_CLI is not set: run this through meson test");

  return cli;
}

/* A child that neither hung, nor blew the bound, nor crashed, and either
 * succeeded or refused the input with one line naming @file_name. */
static void
assert_clean_ending (const AnnalsChildResult *result,
                     const char              *file_name,
                     glong                    bound_kb)
{
  g_autofree char *description = annals_child_result_describe (result);

  g_test_message ("%s", description);

  if (result->timed_out || result->over_memory || result->signal != 0 ||
      (result->exit_status != 0 && result->exit_status != 1))
    g_error ("%s: %s", file_name, description);

  if (result->max_rss_kb > bound_kb)
    g_error ("%s: peak RSS %ld KiB over the bound of %ld KiB",
             file_name, result->max_rss_kb, bound_kb);

  if (result->exit_status == 1)
    {
      g_autofree char *basename = g_path_get_basename (file_name);
      const char *text = result->stderr_text;
      const char *newline = strchr (text, '\n');

      g_assert_true (text[0] != '\0');
      g_assert_true (newline == NULL || newline[1] == '\0');
      g_assert_nonnull (strstr (text, basename));
    }
}

/* {{{ Articles */

static const char * const sentences[] = {
  "The defence ministers of the member states met in Tashkent on 24 August 2022.",
  "Russia will host the Vostok 2022 strategic exercise in September.",
  "The next meeting of the ministers will take place in India in 2023.",
  "Delegations from China, India, Kazakhstan and Pakistan attended the talks.",
  "The Peaceful Mission 2023 counter-terrorism exercise is planned in Russia.",
  "Officials said the joint statement was signed on Friday after long talks.",
  "A festival of military music was held in Samarkand in May 2021.",
  "The summit in Astana ended with a declaration on regional security.",
};

static void
append_article_text (GString *text,
                     gsize    size,
                     gboolean paragraphs)
{
  guint i = 0;

  while (text->len < size)
    {
      g_string_append (text, sentences[i % G_N_ELEMENTS (sentences)]);
      i++;
      if (paragraphs && i % 5 == 0)
        g_string_append (text, "\n\n");
      else
        g_string_append_c (text, ' ');
    }
  g_string_truncate (text, size);
}

static char *
write_article (const char *name,
               gsize       size,
               gboolean    paragraphs)
{
  g_autoptr(GString) text = g_string_sized_new (size + 256);
  g_autoptr(GError) error = NULL;
  char *path = make_path (name);

  g_string_append (text,
                   "title: A hostile article\n"
                   "source: tests\n"
                   "published: 2022-08-26\n"
                   "\n");
  append_article_text (text, size, paragraphs);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

static void
extract_article (const char *path,
                 gsize       size,
                 guint       timeout_seconds)
{
  g_autofree char *output = make_path ("extracted.json");
  const char *cli = require_cli ();
  const char *argv[] = { cli, "extract", path, NULL };
  AnnalsChildResult result;
  g_autoptr(GError) error = NULL;
  /* The bound: 64 MiB, plus 32 times the article (its text, the copy
   * inside the document, the JSON written out and the work of the
   * extractor). */
  glong bound_kb = scale_bound (64 * KIB_PER_MIB + 32 * (glong) (size / 1024));

  if (cli == NULL)
    return;

  annals_child_run (argv, output, timeout_seconds * 1000, bound_kb, &result, &error);
  g_assert_no_error (error);
  assert_clean_ending (&result, path, bound_kb);

  if (result.exit_status == 0)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (output, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_mapped_file_get_length (mapped), >, 0);
      g_assert_cmpint (g_mapped_file_get_contents (mapped)[0], ==, '{');
    }

  g_test_message ("%s: %" G_GSIZE_FORMAT " MiB article, %s in %.1f s, peak RSS %ld MiB (bound %ld MiB)",
                  path, size / MIB, result.exit_status == 0 ? "extracted" : "refused",
                  result.seconds, result.max_rss_kb / 1024, bound_kb / 1024);
  annals_child_result_clear (&result);
  g_unlink (output);
}

/* @megabytes, or at most 2 MiB under a sanitizer. */
static gsize
article_size (guint megabytes)
{
  if (annals_test_memory_factor () > 1)
    megabytes = MIN (megabytes, 2);

  return (gsize) megabytes * MIB;
}

static void
test_article_huge (void)
{
  gsize size = article_size (get_env_uint ("ANNALS_HOSTILE_ARTICLE_MB", 20));
  g_autofree char *path = write_article ("huge.txt", size, TRUE);

  extract_article (path, size, 300);
  g_unlink (path);
}

static void
test_article_one_line (void)
{
  gsize size = article_size (10);
  g_autofree char *path = write_article ("one-line.txt", size, FALSE);

  extract_article (path, size, 120);
  g_unlink (path);
}

/* One 10 MiB "word": no space, no sentence end, for the tokenizer. */
static void
test_article_one_word (void)
{
  gsize size = article_size (10);
  g_autoptr(GString) text = g_string_sized_new (size + 1);
  g_autofree char *path = make_path ("one-word.txt");
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    g_string_append_c (text, "Vostok2022-"[i % 11]);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  extract_article (path, size, 120);
  g_unlink (path);
}

/* Raw NUL bytes in an article, and bidi controls around the event names. */
static void
test_article_nul_and_bidi (void)
{
  static const char text[] =
    "title: NUL\n\n"
    "Russia will host the \xe2\x80\xae" "Vostok 2022\xe2\x80\xac exercise in September.\n\n"
    "The next meeting \0 of the ministers will take place in India in 2023.\n";
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;

  RUN_ISOLATED (30);

  set = annals_extract_text (text, sizeof text - 1, "nul.txt", NULL, &error);
  if (set == NULL)
    {
      g_test_message ("refused: %s", error->message);
      g_assert_true (error->domain == ANNALS_EXTRACT_ERROR);
      g_assert_nonnull (strstr (error->message, "nul.txt"));
    }
  else
    {
      GPtrArray *documents = annals_event_set_get_documents (set);
      AnnalsDocument *document = g_ptr_array_index (documents, 0);

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (annals_document_get_text (document), -1, NULL));
      /* Accepting it must not silently drop what follows the NUL. */
      g_assert_nonnull (strstr (annals_document_get_text (document), "India in 2023"));
    }

  /* The bidi controls alone, before the NUL, are ordinary text. */
  g_clear_object (&set);
  g_clear_error (&error);
  set = annals_extract_text (text, strlen (text), "bidi.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
}

/* }}} */

/* {{{ Events JSON */

static const char json_head[] =
  "{\"format\": \"annals-events\", \"version\": 1,\n"
  " \"documents\": [{\"id\": \"d1\", \"title\": \"Doc\", \"published\": \"2022-08-26\",\n"
  "                \"text\": \"Vostok 2022 took place in Russia.\"}],\n";

static char *
make_events_json (const char *events)
{
  return g_strdup_printf ("%s \"events\": [%s]}\n", json_head, events);
}

static void
test_json_deep_nesting (void)
{
  const guint depth = 100000;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;

  RUN_ISOLATED (60);

  /* Arrays where events belong, and objects in an unknown member, which
   * Annals keeps and so would have to write back. */
  for (guint round = 0; round < 2; round++)
    {
      g_string_truncate (json, 0);
      g_string_append (json, "{\"format\": \"annals-events\", \"version\": 1, \"documents\": [],\n");
      g_string_append (json, round == 0 ? "\"events\": " : "\"events\": [], \"extra\": ");
      for (guint i = 0; i < depth; i++)
        g_string_append (json, round == 0 ? "[" : "{\"a\":");
      g_string_append (json, round == 0 ? "" : "1");
      for (guint i = 0; i < depth; i++)
        g_string_append_c (json, round == 0 ? ']' : '}');
      g_string_append (json, "}\n");

      set = annals_json_load_data (json->str, json->len, "deep.json", &error);
      if (set == NULL)
        {
          g_test_message ("%u levels refused: %s", depth, error->message);
          g_assert_true (error->domain == ANNALS_IO_ERROR);
          g_assert_nonnull (strstr (error->message, "deep.json"));
          g_clear_error (&error);
        }
      else
        {
          g_autofree char *exported = annals_json_to_data (set, NULL);

          g_assert_no_error (error);
          g_assert_nonnull (exported);
          g_clear_object (&set);
        }
    }

  /* The bound: 64 MiB besides the 0.6 MiB of input. */
  g_test_message ("peak RSS %ld KiB", annals_test_get_high_water_kb ());
  g_assert_cmpint (annals_test_get_high_water_kb (), <=, scale_bound (64 * KIB_PER_MIB));
}

/* \u0000 escapes are valid JSON, but C strings end at a NUL: Annals must
 * refuse them with a message naming the member, or keep what follows. */
static void
test_json_nul_strings (void)
{
  static const char * const events[] = {
    "{\"id\": \"e1\", \"title\": \"Vostok\\u00002022\", \"kind\": \"exercise\", \"start\": \"2022\","
    " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}]}",
    "{\"id\": \"e\\u00001\", \"title\": \"Vostok 2022\", \"kind\": \"exercise\", \"start\": \"2022\","
    " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}]}",
    "{\"id\": \"e1\", \"title\": \"Vostok 2022\", \"kind\": \"exercise\", \"start\": \"2022\\u0000-13\","
    " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}]}",
    "{\"id\": \"e1\", \"title\": \"Vostok 2022\", \"kind\": \"exercise\\u0000\", \"start\": \"2022\","
    " \"host_country\": \"R\\u0000U\", \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}]}",
  };

  RUN_ISOLATED (30);

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *json = make_events_json (events[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;

      set = annals_json_load_data (json, -1, "nul.json", &error);
      if (set == NULL)
        {
          g_test_message ("case %u refused: %s", i, error->message);
          g_assert_true (error->domain == ANNALS_IO_ERROR);
          g_assert_nonnull (strstr (error->message, "nul.json"));
        }
      else
        {
          AnnalsEvent *event = g_ptr_array_index (annals_event_set_get_events (set), 0);

          g_assert_no_error (error);
          /* Accepted: then nothing after the NUL may have been cut. */
          g_assert_nonnull (strstr (annals_event_get_title (event), "2022"));
          g_assert_cmpuint (strlen (annals_event_get_id (event)), >=, 2);
        }
    }

  /* Raw NUL bytes (not escapes) are not JSON at all. */
  {
    g_autofree char *json = make_events_json ("");
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnalsEventSet) set = NULL;
    gsize length = strlen (json);

    json[length / 2] = '\0';
    set = annals_json_load_data (json, length, "raw-nul.json", &error);
    g_assert_null (set);
    g_assert_true (error->domain == ANNALS_IO_ERROR);
    g_assert_nonnull (strstr (error->message, "raw-nul.json"));
    g_test_message ("raw NUL refused: %s", error->message);
  }
}

/* Bidi controls are text like any other: kept through the importer, the
 * database and the exporter, and counted as one character each. */
static void
test_json_bidi_strings (void)
{
  AnnalsImportStats stats = { 0 };
  /* U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP, U+2067 RLI, U+2069 PDI,
   * U+200F RIGHT-TO-LEFT MARK. */
  static const char title[] = "\xe2\x80\xae" "2202 kotsoV" "\xe2\x80\xac";
  static const char text[] = "\xe2\x81\xa7" "\xd9\x81\xd9\x88\xd8\xb3\xd8\xaa\xd9\x88\xd9\x83" "\xe2\x81\xa9"
                             " \xe2\x80\x8f" "Vostok 2022 took place.";
  g_autofree char *json = NULL;
  g_autofree char *db_path = make_path ("bidi.annals");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsEventSet) reloaded = NULL;
  g_autoptr(AnnalsEventSet) stored = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *span = NULL;
  AnnalsDocument *document;
  AnnalsEvent *event;

  RUN_ISOLATED (30);

  /* "Vostok 2022" starts after RLI, 6 Arabic letters, PDI, a space and
   * RLM: at character 10. */
  json = g_strdup_printf ("{\"format\": \"annals-events\", \"version\": 1,"
                          " \"documents\": [{\"id\": \"d\\u202e1\", \"title\": \"%s\", \"text\": \"%s\"}],"
                          " \"events\": [{\"id\": \"e1\", \"title\": \"%s\", \"kind\": \"exercise\","
                          " \"start\": \"2022\", \"host_place\": \"%s\","
                          " \"mentions\": [{\"document\": \"d\\u202e1\", \"start\": 10, \"end\": 21}]}]}",
                          title, text, title, title);

  set = annals_json_load_data (json, -1, "bidi.json", &error);
  g_assert_no_error (error);
  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  document = g_ptr_array_index (annals_event_set_get_documents (set), 0);
  g_assert_cmpstr (annals_event_get_title (event), ==, title);
  g_assert_cmpstr (annals_event_get_host_place (event), ==, title);
  g_assert_cmpstr (annals_document_get_text (document), ==, text);
  g_assert_cmpstr (annals_document_get_id (document), ==, "d\xe2\x80\xae" "1");
  span = annals_document_dup_span (document, 10, 21);
  g_assert_cmpstr (span, ==, "Vostok 2022");

  exported = annals_json_to_data (set, NULL);
  reloaded = annals_json_load_data (exported, -1, "bidi-export.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annals_event_get_title (g_ptr_array_index (annals_event_set_get_events (reloaded), 0)),
                   ==, title);

  database = annals_database_open (db_path, &error);
  g_assert_no_error (error);
  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
  stored = annals_database_dup_set (database, &error);
  g_assert_no_error (error);
  event = g_ptr_array_index (annals_event_set_get_events (stored), 0);
  document = g_ptr_array_index (annals_event_set_get_documents (stored), 0);
  g_assert_cmpstr (annals_event_get_title (event), ==, title);
  g_assert_cmpstr (annals_document_get_text (document), ==, text);
  g_assert_cmpuint (annals_event_get_mention (event, 0)->start, ==, 10);
  g_assert_cmpuint (annals_event_get_mention (event, 0)->end, ==, 21);
  g_clear_object (&database);
  g_unlink (db_path);
}

/* Events only, all mentioning one short document: about 300 bytes an
 * event, so that a million fit under the 512 MiB Annals reads. */
static void
write_many_events (const char *path,
                   guint       n_events)
{
  static const char * const kinds[] = {
    "meeting", "summit", "exercise", "festival", "conference", "visit", "statement", "other",
  };
  static const char * const countries[] = { "RU", "IN", "CN", "UZ", "KZ", "US", "FR", "BR" };
  FILE *file = g_fopen (path, "we");

  g_assert_nonnull (file);
  fputs ("{\"format\": \"annals-events\", \"version\": 1,\n"
         " \"documents\": [{\"id\": \"d1\", \"title\": \"Many\", \"published\": \"2022-08-26\",\n"
         "                \"text\": \"Vostok 2022 took place in Russia.\"}],\n"
         " \"events\": [\n", file);
  for (guint i = 0; i < n_events; i++)
    fprintf (file,
             "  {\"id\": \"e%u\", \"title\": \"Exercise number %u\", \"kind\": \"%s\","
             " \"start\": \"%04u-%02u-%02u\", \"end\": null, \"status\": \"past\","
             " \"host_country\": \"%s\", \"participants\": [\"%s\"],"
             " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}],"
             " \"confidence\": 0.5}%s\n",
             i, i, kinds[i % G_N_ELEMENTS (kinds)],
             1950 + i % 70, 1 + i % 12, 1 + i % 28,
             countries[i % G_N_ELEMENTS (countries)], countries[(i + 1) % G_N_ELEMENTS (countries)],
             i + 1 < n_events ? "," : "");
  fputs (" ]}\n", file);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
test_json_million_events (void)
{
  guint n_events = get_env_uint ("ANNALS_HOSTILE_EVENTS", 200000);
  g_autofree char *json_path = make_path ("million.json");
  g_autofree char *db_path = make_path ("million.annals");
  const char *cli = require_cli ();
  AnnalsChildResult result;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  GStatBuf info;
  glong bound_kb;

  if (cli == NULL)
    return;

  write_many_events (json_path, n_events);
  g_assert_cmpint (g_stat (json_path, &info), ==, 0);

  /* The bound on import, which streams: 256 MiB (SQLite's 64 MiB page
   * cache, one event at a time, the merge lookups) plus 256 bytes an
   * event for the ids seen so far. */
  bound_kb = scale_bound (256 * KIB_PER_MIB + (glong) n_events / 4);
  {
    const char *argv[] = { cli, "import", json_path, "--db", db_path, NULL };

    annals_child_run (argv, NULL, 900 * 1000, bound_kb, &result, &error);
    g_assert_no_error (error);
    assert_clean_ending (&result, json_path, bound_kb);
    g_test_message ("import of %u events (%" G_GINT64_FORMAT " MiB): %.1f s, peak RSS %ld MiB (bound %ld MiB)",
                    n_events, (gint64) info.st_size / MIB, result.seconds,
                    result.max_rss_kb / 1024, bound_kb / 1024);
    g_assert_cmpint (result.exit_status, ==, 0);
    annals_child_result_clear (&result);
  }

  database = annals_database_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_count_events (database, &error), ==, n_events);
  g_clear_object (&database);

  /* The bound on export as CSV, which streams rows: the same. */
  {
    const char *argv[] = { cli, "export", "--db", db_path, "--format", "csv", NULL };

    annals_child_run (argv, NULL, 600 * 1000, bound_kb, &result, &error);
    g_assert_no_error (error);
    assert_clean_ending (&result, db_path, bound_kb);
    g_test_message ("CSV export of %u events: %.1f s, peak RSS %ld MiB (bound %ld MiB)",
                    n_events, result.seconds, result.max_rss_kb / 1024, bound_kb / 1024);
    g_assert_cmpint (result.exit_status, ==, 0);
    annals_child_result_clear (&result);
  }

  g_unlink (json_path);
  remove_database_files (db_path);
}

/* A character device never ends: the reader must stop at its size limit. */
static void
test_import_endless_device (void)
{
  const char *cli = require_cli ();
  g_autofree char *db_path = make_path ("device.annals");
  const char *argv[] = { cli, "import", "/dev/zero", "--db", db_path, NULL };
  glong bound_kb = scale_bound (1024 * KIB_PER_MIB);
  AnnalsChildResult result;
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    return;

  annals_child_run (argv, NULL, 60 * 1000, bound_kb, &result, &error);
  g_assert_no_error (error);
  assert_clean_ending (&result, "/dev/zero", bound_kb);
  g_assert_cmpint (result.exit_status, ==, 1);
  annals_child_result_clear (&result);
  g_unlink (db_path);
}

/* }}} */

/* {{{ Dates */

static void
test_dates_extreme (void)
{
  AnnalsImportStats stats = { 0 };
  static const struct {
    const char *text;
    int year;
    int month;
    int day;
  } good[] = {
    { "-9999", -9999, 0, 0 },
    { "-9999-01-01", -9999, 1, 1 },
    { "-0001-12-31", -1, 12, 31 },
    { "0000", 0, 0, 0 },
    { "0000-02-29", 0, 2, 29 },
    { "9999", 9999, 0, 0 },
    { "9999-12", 9999, 12, 0 },
    { "9999-12-31", 9999, 12, 31 },
  };
  static const char * const bad[] = {
    "10000", "-10000", "99999999999999999999", "-99999999999999999999",
    "9999-12-32", "9999-13", "-9999-00", "0000-02-30", "-", "--1", "2022-02-29",
  };
  static const char * const ordered[] = { "-9999", "-0001-12-31", "0000", "9999-12-31" };
  g_autoptr(GString) events = g_string_new (NULL);
  g_autofree char *json = NULL;
  g_autofree char *db_path = make_path ("dates.annals");
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(AnnalsEventStore) db_store = annals_event_store_new ();
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsDate date;
  gint32 previous = G_MININT32;
  guint first;
  guint last;

  RUN_ISOLATED (30);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = NULL;
      g_autofree char *formatted = NULL;
      int year, month, day;

      annals_date_clear (&date);
      annals_date_parse (&date, good[i].text, &error);
      g_assert_no_error (error);
      g_assert_cmpint (date.year, ==, good[i].year);
      g_assert_cmpint (date.month, ==, good[i].month);
      g_assert_cmpint (date.day, ==, good[i].day);
      iso = annals_date_to_iso (&date);
      g_assert_cmpstr (iso, ==, good[i].text);
      formatted = annals_date_format (&date);
      g_assert_true (g_utf8_validate (formatted, -1, NULL));

      g_assert_cmpint (annals_date_get_end_day (&date), >, annals_date_get_first_day (&date));
      annals_days_to_civil (annals_date_get_first_day (&date), &year, &month, &day);
      g_assert_cmpint (year, ==, good[i].year);
      annals_days_to_civil (annals_date_get_end_day (&date) - 1, &year, &month, &day);
      g_assert_cmpint (year, ==, good[i].year);
    }

  /* Year 0 is a leap year (proleptic Gregorian), 9999 and -9999 are not. */
  g_assert_cmpint (annals_days_in_month (0, 2), ==, 29);
  g_assert_cmpint (annals_days_from_civil (10000, 1, 1) - annals_days_from_civil (9999, 1, 1), ==, 365);
  g_assert_cmpint (annals_days_from_civil (-9998, 1, 1) - annals_days_from_civil (-9999, 1, 1), ==, 365);
  g_assert_cmpint (annals_days_from_civil (1, 1, 1) - annals_days_from_civil (0, 1, 1), ==, 366);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gboolean parsed;

      annals_date_clear (&date);
      parsed = annals_date_parse (&date, bad[i], &error);
      if (parsed)
        g_error ("“%s” accepted as %d-%u-%u", bad[i], date.year, date.month, date.day);
      g_assert_error (error, ANNALS_DATE_ERROR, error->code);
      g_assert_true (error->message[0] != '\0');
      g_clear_error (&error);
    }

  for (int year = ANNALS_DATE_YEAR_MIN; year <= ANNALS_DATE_YEAR_MAX; year += 1111)
    {
      g_autofree char *label = annals_date_format_year (year);

      g_assert_true (label != NULL && g_utf8_validate (label, -1, NULL));
    }

  /* Through the importer, the store and the database: time order holds
   * across year 0 and the undated event sorts last. */
  for (guint i = G_N_ELEMENTS (ordered); i > 0; i--)
    g_string_append_printf (events,
                            "{\"id\": \"e%u\", \"title\": \"Event %u\", \"kind\": \"other\","
                            " \"start\": \"%s\", \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 6}]},",
                            i, i, ordered[i - 1]);
  g_string_append (events,
                   "{\"id\": \"e0\", \"title\": \"Undated\", \"kind\": \"other\", \"start\": null,"
                   " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 6}]}");
  json = make_events_json (events->str);
  set = annals_json_load_data (json, -1, "dates.json", &error);
  g_assert_no_error (error);

  annals_event_store_begin_update (store);
  for (guint i = 0; i < annals_event_set_get_events (set)->len; i++)
    annals_event_store_append_event (store, g_ptr_array_index (annals_event_set_get_events (set), i));
  annals_event_store_end_update (store);

  database = annals_database_open (db_path, &error);
  g_assert_no_error (error);
  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
  annals_database_load_store (database, db_store, &error);
  g_assert_no_error (error);

  for (AnnalsEventStore *s = store; s != NULL; s = (s == store) ? db_store : NULL)
    {
      g_assert_cmpuint (annals_event_store_get_n_events (s), ==, G_N_ELEMENTS (ordered) + 1);
      previous = G_MININT32;
      for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
        {
          const AnnalsEventRecord *record = annals_event_store_get_record (s, i);

          annals_date_clear (&date);
          annals_date_parse (&date, ordered[i], &error);
          g_assert_no_error (error);
          g_assert_cmpint (record->first_day, ==, annals_date_get_first_day (&date));
          g_assert_cmpint (record->first_day, >, previous);
          previous = record->first_day;
        }
      g_assert_cmpint (annals_event_store_get_record (s, G_N_ELEMENTS (ordered))->first_day,
                       ==, ANNALS_DAY_UNDATED);

      annals_event_store_find_range (s, G_MININT32, G_MAXINT32 - 1, &first, &last);
      g_assert_cmpuint (first, ==, 0);
      g_assert_cmpuint (last, ==, G_N_ELEMENTS (ordered));
    }

  g_clear_object (&database);
  g_unlink (db_path);
}

/* }}} */

/* {{{ Databases */

static void
create_database (const char *path)
{
  AnnalsImportStats stats = { 0 };
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autofree char *json = make_events_json (
    "{\"id\": \"e1\", \"title\": \"Vostok 2022\", \"kind\": \"exercise\", \"start\": \"2022\","
    " \"host_country\": \"RU\", \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 11}]}");
  g_autoptr(GError) error = NULL;

  set = annals_json_load_data (json, -1, "small.json", &error);
  g_assert_no_error (error);
  database = annals_database_open (path, &error);
  g_assert_no_error (error);
  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
}

static void
test_db_future_schema (void)
{
  g_autofree char *path = make_path ("future.annals");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *journal = NULL;
  gsize before_length;
  gsize after_length;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  RUN_ISOLATED (30);

  create_database (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_file_get_contents (path, &before, &before_length, &error);
  g_assert_no_error (error);

  database = annals_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "future.annals"));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  /* Refusing it changed nothing. */
  g_file_get_contents (path, &after, &after_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_length, after, after_length);
  journal = g_strconcat (path, "-journal", NULL);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

/* Decision: a database path that is a symbolic link is followed, as
 * every other GNOME application does with documents; the link stays a
 * link and the target is the file that changes. */
static void
test_db_symlink (void)
{
  AnnalsImportStats stats = { 0 };
  g_autofree char *target = make_path ("target.annals");
  g_autofree char *link = make_path ("link.annals");
  g_autofree char *link_journal = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autofree char *json = make_events_json (
    "{\"id\": \"e2\", \"title\": \"Peaceful Mission 2023\", \"kind\": \"exercise\", \"start\": \"2023\","
    " \"mentions\": [{\"document\": \"d1\", \"start\": 0, \"end\": 6}]}");
  g_autoptr(GError) error = NULL;

  RUN_ISOLATED (30);

  create_database (target);
  g_assert_cmpint (symlink ("target.annals", link), ==, 0);

  database = annals_database_open (link, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_count_events (database, &error), ==, 1);
  set = annals_json_load_data (json, -1, "more.json", &error);
  g_assert_no_error (error);
  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  link_journal = g_strconcat (link, "-journal", NULL);
  g_assert_false (g_file_test (link_journal, G_FILE_TEST_EXISTS));

  database = annals_database_open (target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_count_events (database, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_unlink (link);
  g_unlink (target);
}

static void
test_db_symlink_loop (void)
{
  g_autofree char *a = make_path ("loop-a.annals");
  g_autofree char *b = make_path ("loop-b.annals");
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  RUN_ISOLATED (30);

  g_assert_cmpint (symlink ("loop-b.annals", a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.annals", b), ==, 0);

  database = annals_database_open (a, &error);
  g_assert_null (database);
  g_assert_true (error->domain == ANNALS_IO_ERROR);
  g_assert_nonnull (strstr (error->message, "loop-a.annals"));
  g_test_message ("refused: %s", error->message);

  g_unlink (a);
  g_unlink (b);
}

/* Opening a FIFO for reading blocks until a writer comes: Annals refuses
 * every path that is not a regular file (or a link to one) at once. */
static void
test_db_fifo (void)
{
  g_autofree char *path = make_path ("fifo.annals");
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  RUN_ISOLATED (10);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  database = annals_database_open (path, &error);
  g_assert_null (database);
  g_assert_true (error->domain == ANNALS_IO_ERROR);
  g_assert_nonnull (strstr (error->message, "fifo.annals"));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  /* Events JSON read whole is refused the same way, without blocking. */
  g_assert_null (annals_json_load_file (path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  /* Still a FIFO: nothing was created in its place. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));
  g_unlink (path);
}

static void
test_db_directory_and_device (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;

  RUN_ISOLATED (10);

  database = annals_database_open (work_dir, &error);
  g_assert_null (database);
  g_assert_true (error->domain == ANNALS_IO_ERROR);
  g_clear_error (&error);

  database = annals_database_open ("/dev/zero", &error);
  g_assert_null (database);
  g_assert_true (error->domain == ANNALS_IO_ERROR);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
}

/* }}} */

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = make_path (name);

      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Each trapped subprocess makes its own folder and removes it. */
  work_dir = g_dir_make_tmp ("annals-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/annals/reliability/hostile/article-huge", test_article_huge);
  g_test_add_func ("/annals/reliability/hostile/article-one-line", test_article_one_line);
  g_test_add_func ("/annals/reliability/hostile/article-one-word", test_article_one_word);
  g_test_add_func ("/annals/reliability/hostile/article-nul-and-bidi", test_article_nul_and_bidi);
  g_test_add_func ("/annals/reliability/hostile/json-deep-nesting", test_json_deep_nesting);
  g_test_add_func ("/annals/reliability/hostile/json-nul-strings", test_json_nul_strings);
  g_test_add_func ("/annals/reliability/hostile/json-bidi-strings", test_json_bidi_strings);
  g_test_add_func ("/annals/reliability/hostile/json-million-events", test_json_million_events);
  g_test_add_func ("/annals/reliability/hostile/import-endless-device", test_import_endless_device);
  g_test_add_func ("/annals/reliability/hostile/dates-extreme", test_dates_extreme);
  g_test_add_func ("/annals/reliability/hostile/db-future-schema", test_db_future_schema);
  g_test_add_func ("/annals/reliability/hostile/db-symlink", test_db_symlink);
  g_test_add_func ("/annals/reliability/hostile/db-symlink-loop", test_db_symlink_loop);
  g_test_add_func ("/annals/reliability/hostile/db-fifo", test_db_fifo);
  g_test_add_func ("/annals/reliability/hostile/db-directory-and-device", test_db_directory_and_device);

  status = g_test_run ();
  remove_work_dir ();

  return status;
}
