/* test-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's library without a display: opening, seeding, importing in
 * a worker thread, the order of queued jobs, failures that change nothing,
 * and the strings the window shows.
 */

#define G_LOG_DOMAIN "test-library"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "annals-database.h"
#include "annals-gui-format.h"
#include "annals-json.h"
#include "annals-library.h"

typedef struct
{
  char          *folder;
  AnnalsLibrary *library;
  guint          n_pending;
  GPtrArray     *errors;   /* messages, or "" for success, in completion order */
  GPtrArray     *search_results;  /* of GArray, in completion order */
} Fixture;

static const char events_json[] =
  "{ \"format\": \"annals-events\", \"version\": 1,\n"
  "  \"documents\": [ { \"id\": \"d1\", \"title\": \"Cobra Gold\", \"source\": \"Wire\", \"url\": null,\n"
  "                   \"published\": \"2024-02-27\", \"text\": \"Cobra Gold 2024 opened in Thailand.\" } ],\n"
  "  \"events\": [ { \"id\": \"e1\", \"title\": \"Cobra Gold 2024\", \"kind\": \"exercise\", \"start\": \"2024-02\",\n"
  "                \"end\": null, \"status\": \"past\", \"host_country\": \"TH\", \"host_place\": null,\n"
  "                \"participants\": [\"TH\", \"US\"], \"confidence\": 1.0,\n"
  "                \"mentions\": [ { \"document\": \"d1\", \"start\": 0, \"end\": 15 } ] } ] }\n";

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("annals-test-library-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->library = annals_library_new ();
  fixture->errors = g_ptr_array_new_with_free_func (g_free);
  fixture->search_results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  g_clear_object (&fixture->library);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
  g_ptr_array_unref (fixture->errors);
  g_ptr_array_unref (fixture->search_results);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == annals_library_open_async)
    ok = annals_library_open_finish (ANNALS_LIBRARY (object), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == annals_library_create_async)
    ok = annals_library_create_finish (ANNALS_LIBRARY (object), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == annals_library_export_async)
    ok = annals_library_export_finish (ANNALS_LIBRARY (object), result, &error);
  else if (g_task_get_source_tag (G_TASK (result)) == annals_library_search_async)
    {
      g_autoptr(GArray) keys = annals_library_search_finish (ANNALS_LIBRARY (object), result, &error);

      ok = keys != NULL;
      if (ok)
        g_ptr_array_add (fixture->search_results, g_array_ref (keys));
    }
  else
    ok = annals_library_import_finish (ANNALS_LIBRARY (object), result, NULL, &error);

  g_ptr_array_add (fixture->errors, g_strdup (ok ? "" : error->message));
  fixture->n_pending--;
}

static void
wait_for_jobs (Fixture *fixture)
{
  while (fixture->n_pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (annals_library_get_busy (fixture->library));
}

static void
open_library (Fixture    *fixture,
              const char *path,
              gboolean    seed)
{
  fixture->n_pending++;
  annals_library_open_async (fixture->library, path, seed, NULL, job_done_cb, fixture);
}

static void
import_file (Fixture    *fixture,
             const char *path)
{
  fixture->n_pending++;
  annals_library_import_async (fixture->library, path, annals_library_guess_file_kind (path),
                               NULL, job_done_cb, fixture);
}

static int
find_title (AnnalsEventStore *store,
            const char       *needle)
{
  for (guint i = 0; i < annals_event_store_get_n_events (store); i++)
    if (strstr (annals_event_store_get_title (store, i), needle) != NULL)
      return (int) i;

  return -1;
}

static void
test_guess_kind (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *json = write_file (fixture, "events", "  \n{ \"format\": 1 }", -1);
  g_autofree char *article = write_file (fixture, "article", "title: x\n\nBody.", -1);
  g_autofree char *database = write_file (fixture, "db", "SQLite format 3\0rest", 20);

  g_assert_cmpint (annals_library_guess_file_kind ("/nowhere/a.annals"), ==, ANNALS_FILE_KIND_DATABASE);
  g_assert_cmpint (annals_library_guess_file_kind ("/nowhere/a.json"), ==, ANNALS_FILE_KIND_EVENTS_JSON);
  g_assert_cmpint (annals_library_guess_file_kind ("/nowhere/a.txt"), ==, ANNALS_FILE_KIND_ARTICLE);
  g_assert_cmpint (annals_library_guess_file_kind (json), ==, ANNALS_FILE_KIND_EVENTS_JSON);
  g_assert_cmpint (annals_library_guess_file_kind (article), ==, ANNALS_FILE_KIND_ARTICLE);
  g_assert_cmpint (annals_library_guess_file_kind (database), ==, ANNALS_FILE_KIND_DATABASE);
}

static void
test_seed (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *seeded = g_build_filename (fixture->folder, "seeded.annals", NULL);
  g_autofree char *plain = g_build_filename (fixture->folder, "plain.annals", NULL);
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  guint n_sample;

  g_assert_null (annals_library_get_path (fixture->library));

  open_library (fixture, seeded, TRUE);
  g_assert_true (annals_library_get_busy (fixture->library));
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), ==, "");
  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, seeded);
  n_sample = annals_event_store_get_n_total (store);
  g_assert_cmpuint (n_sample, >, 0);
  g_assert_cmpint (find_title (store, "Vostok 2022"), >=, 0);

  /* Seeding happens once: reopening does not add the sample again. */
  open_library (fixture, seeded, TRUE);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, n_sample);

  /* Another database, unseeded, starts empty. */
  open_library (fixture, plain, FALSE);
  wait_for_jobs (fixture);
  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, plain);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 0);
}

/* Jobs run in the order asked; an import goes into the database open when
 * it runs. */
static void
test_queue_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *first = g_build_filename (fixture->folder, "first.annals", NULL);
  g_autofree char *second = g_build_filename (fixture->folder, "second.annals", NULL);
  g_autofree char *json = write_file (fixture, "cobra.json", events_json, -1);
  AnnalsEventStore *store = annals_library_get_store (fixture->library);

  open_library (fixture, first, FALSE);
  open_library (fixture, second, FALSE);
  import_file (fixture, json);
  wait_for_jobs (fixture);

  g_assert_cmpuint (fixture->errors->len, ==, 3);
  for (guint i = 0; i < fixture->errors->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->errors, i), ==, "");

  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, second);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 1);
  g_assert_cmpint (find_title (store, "Cobra Gold 2024"), ==, 0);

  /* The first database was left empty. */
  open_library (fixture, first, FALSE);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 0);
}

/* Failures name the file and change nothing. */
static void
test_failures_keep_data (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autofree char *json = write_file (fixture, "cobra.json", events_json, -1);
  g_autofree char *truncated = write_file (fixture, "truncated.json", events_json, 80);
  g_autofree char *not_database = write_file (fixture, "notes.annals", "just some notes\n", -1);
  g_autofree char *empty = write_file (fixture, "empty.txt", "", -1);
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  const char *message;

  /* Nothing open yet: an import has nowhere to go. */
  import_file (fixture, json);
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 0), !=, "");

  open_library (fixture, library, FALSE);
  import_file (fixture, json);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 1);

  import_file (fixture, truncated);
  open_library (fixture, not_database, FALSE);
  import_file (fixture, empty);
  wait_for_jobs (fixture);

  message = g_ptr_array_index (fixture->errors, 3);
  g_test_message ("truncated: %s", message);
  g_assert_nonnull (strstr (message, "truncated.json"));
  message = g_ptr_array_index (fixture->errors, 4);
  g_test_message ("not a database: %s", message);
  g_assert_nonnull (strstr (message, "notes.annals"));
  message = g_ptr_array_index (fixture->errors, 5);
  g_test_message ("empty article: %s", message);
  g_assert_cmpstr (message, !=, "");

  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, library);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 1);
}

/* Searching finds events by title or by the sentence that names them,
 * not by the rest of their article. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  int position;

  open_library (fixture, library, TRUE);
  wait_for_jobs (fixture);

  keys = annals_library_search (fixture->library, "Peaceful", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  position = annals_event_store_find_key (store, g_array_index (keys, guint32, 0));
  g_assert_cmpint (position, >=, 0);
  g_assert_nonnull (strstr (annals_event_store_get_title (store, position), "Peaceful Mission"));
  g_clear_pointer (&keys, g_array_unref);

  keys = annals_library_search (fixture->library, "nosuchwordanywhere", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 0);
}

/* A large import leaves the full-text index behind (so that its events
 * show sooner); the library brings it up to date in the background,
 * without a search asking for it. */
static void
test_search_index_background (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autofree char *json = g_build_filename (fixture->folder, "many.json", NULL);
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsDocument) document = annals_document_new ("many");
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_events = -1, n_documents = -1;
  gint64 deadline;

  annals_document_set_text (document, "Exercises in Fiji.");
  annals_event_set_add_document (set, document);
  for (guint i = 0; i < 30000; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Bula Exercise %u", i);
      g_autoptr(AnnalsEvent) event = annals_event_new (id, title);

      annals_event_set_kind (event, ANNALS_EVENT_KIND_EXERCISE);
      annals_event_add_mention (event, "many", 0, 9);
      annals_event_set_add_event (set, event);
    }
  annals_json_save_file (set, json, &error);
  g_assert_no_error (error);

  open_library (fixture, library, FALSE);
  wait_for_jobs (fixture);
  import_file (fixture, json);
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 1), ==, "");
  g_assert_cmpuint (annals_event_store_get_n_total (annals_library_get_store (fixture->library)), ==, 30000);

  database = annals_database_open (library, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      annals_database_get_search_backlog (database, &n_events, &n_documents, &error);
      g_assert_no_error (error);
      if (n_events == 0 && n_documents == 0)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  g_assert_cmpint (n_events, ==, 0);
  g_assert_cmpint (n_documents, ==, 0);

  keys = annals_library_search (fixture->library, "bula 29999", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
}

/* The same searches in the worker thread: queued behind an import, they
 * see its events; a cancelled one is not answered. */
static void
test_search_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autofree char *json = write_file (fixture, "cobra.json", events_json, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  GArray *keys;
  int position;

  open_library (fixture, library, TRUE);
  import_file (fixture, json);

  fixture->n_pending++;
  annals_library_search_async (fixture->library, "Cobra", NULL, job_done_cb, fixture);
  fixture->n_pending++;
  annals_library_search_async (fixture->library, "Peaceful", cancellable, job_done_cb, fixture);
  g_cancellable_cancel (cancellable);
  fixture->n_pending++;
  annals_library_search_async (fixture->library, "\"unbalanced", NULL, job_done_cb, fixture);

  /* Nothing is answered before the main loop runs again. */
  g_assert_true (annals_library_get_busy (fixture->library));
  g_assert_cmpuint (fixture->search_results->len, ==, 0);
  wait_for_jobs (fixture);

  g_assert_cmpuint (fixture->errors->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 2), ==, "");
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 3), !=, "");
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 4), ==, "");

  /* Cobra's answer, and the query with a stray quote, made safe, matches
   * nothing. */
  g_assert_cmpuint (fixture->search_results->len, ==, 2);
  keys = g_ptr_array_index (fixture->search_results, 0);
  g_assert_cmpuint (keys->len, ==, 1);
  position = annals_event_store_find_key (store, g_array_index (keys, guint32, 0));
  g_assert_cmpint (position, >=, 0);
  g_assert_cmpstr (annals_event_store_get_title (store, position), ==, "Cobra Gold 2024");
  keys = g_ptr_array_index (fixture->search_results, 1);
  g_assert_cmpuint (keys->len, ==, 0);
}

/* Exports run in the worker thread and write the events asked for. */
static void
test_export_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autofree char *csv = g_build_filename (fixture->folder, "events.csv", NULL);
  g_autofree char *ics = g_build_filename (fixture->folder, "events.ics", NULL);
  g_autofree char *json = g_build_filename (fixture->folder, "events.json", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->folder, "no-such-folder", "events.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  guint32 keys[1];
  int vostok;

  open_library (fixture, library, TRUE);
  wait_for_jobs (fixture);
  vostok = find_title (store, "Vostok 2022");
  g_assert_cmpint (vostok, >=, 0);
  keys[0] = annals_event_store_get_record (store, vostok)->key;

  fixture->n_pending += 4;
  annals_library_export_async (fixture->library, csv, ANNALS_LIBRARY_EXPORT_CSV, keys, 1, NULL, job_done_cb, fixture);
  annals_library_export_async (fixture->library, ics, ANNALS_LIBRARY_EXPORT_ICS, keys, 1, NULL, job_done_cb, fixture);
  annals_library_export_async (fixture->library, json, ANNALS_LIBRARY_EXPORT_JSON, NULL, 0, NULL, job_done_cb, fixture);
  annals_library_export_async (fixture->library, unwritable, ANNALS_LIBRARY_EXPORT_CSV, keys, 1, NULL, job_done_cb, fixture);
  /* The callbacks come with a later turn of the main loop. */
  g_assert_true (annals_library_get_busy (fixture->library));
  g_assert_cmpuint (fixture->errors->len, ==, 1);
  wait_for_jobs (fixture);

  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 1), ==, "");
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 2), ==, "");
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 3), ==, "");
  g_test_message ("unwritable: %s", (char *) g_ptr_array_index (fixture->errors, 4));
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->errors, 4), "events.csv"));

  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Vostok 2022"));
  g_assert_null (strstr (contents, "Peaceful Mission"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (ics, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "Vostok 2022"));

  set = annals_json_load_file (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, ==, annals_event_store_get_n_total (store));
}

/* A new library replaces a file of its name, even the library that is
 * open, and what it held is gone; the new one takes imports. */
static void
test_create_replaces (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *library = g_build_filename (fixture->folder, "library.annals", NULL);
  g_autofree char *other = g_build_filename (fixture->folder, "other.annals", NULL);
  g_autofree char *json = write_file (fixture, "cobra.json", events_json, -1);
  AnnalsEventStore *store = annals_library_get_store (fixture->library);
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  /* Another library, not open, with events. */
  open_library (fixture, other, TRUE);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), >, 0);

  open_library (fixture, library, TRUE);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), >, 0);

  fixture->n_pending++;
  annals_library_create_async (fixture->library, other, NULL, job_done_cb, fixture);
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 2), ==, "");
  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, other);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 0);

  /* The open one, replaced while open, after a search left its reading
   * connection open too. */
  open_library (fixture, library, FALSE);
  fixture->n_pending++;
  annals_library_search_async (fixture->library, "Vostok", NULL, job_done_cb, fixture);
  wait_for_jobs (fixture);
  g_assert_cmpuint (annals_event_store_get_n_total (store), >, 0);

  fixture->n_pending++;
  annals_library_create_async (fixture->library, library, NULL, job_done_cb, fixture);
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 5), ==, "");
  g_assert_cmpstr (annals_library_get_path (fixture->library), ==, library);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 0);

  import_file (fixture, json);
  wait_for_jobs (fixture);
  g_assert_cmpstr (g_ptr_array_index (fixture->errors, 6), ==, "");
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 1);

  /* Closing the library leaves the new database whole: what it holds is
   * there for the next connection. */
  g_clear_object (&fixture->library);
  database = annals_database_open (library, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_count_events (database, &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&database);
  fixture->library = annals_library_new ();
}

static void
test_format (void)
{
  g_autofree char *one = annals_format_event_count (1, 1);
  g_autofree char *some = annals_format_event_count (12, 340);
  g_autofree char *sources = annals_format_n_sources (3);
  g_autofree char *country = annals_format_country ("UZ");
  g_autofree char *unknown = annals_format_country ("ZZ");
  g_autoptr(AnnalsEvent) event = annals_event_new ("e", "Peaceful Mission 2023");
  g_autofree char *precise = NULL;
  AnnalsDate date;

  g_assert_cmpstr (one, ==, "1 event");
  g_assert_cmpstr (some, ==, "12 of 340 events");
  g_assert_cmpstr (sources, ==, "3 sources");
  g_assert_cmpstr (country, ==, "Uzbekistan");
  g_assert_cmpstr (unknown, ==, "ZZ");
  g_assert_null (annals_format_country (NULL));

  annals_date_clear (&date);
  g_assert_true (annals_date_set_year (&date, 2023));
  annals_event_set_start (event, &date);
  precise = annals_format_event_dates_precise (event);
  g_assert_cmpstr (precise, ==, "2023 (year only)");

  /* Sources are the articles, not the mentions. */
  g_assert_cmpuint (annals_event_count_sources (event), ==, 0);
  annals_event_add_mention (event, "tashkent", 10, 31);
  annals_event_add_mention (event, "tashkent", 400, 421);
  annals_event_add_mention (event, "tashkent", 900, 921);
  g_assert_cmpuint (annals_event_count_sources (event), ==, 1);
  annals_event_add_mention (event, "moscow", 5, 26);
  annals_event_add_mention (event, "tashkent", 1000, 1021);
  g_assert_cmpuint (annals_event_count_sources (event), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/annals/gui/library/guess-kind", Fixture, NULL, fixture_set_up, test_guess_kind, fixture_tear_down);
  g_test_add ("/annals/gui/library/seed", Fixture, NULL, fixture_set_up, test_seed, fixture_tear_down);
  g_test_add ("/annals/gui/library/queue-order", Fixture, NULL, fixture_set_up, test_queue_order, fixture_tear_down);
  g_test_add ("/annals/gui/library/failures-keep-data", Fixture, NULL, fixture_set_up, test_failures_keep_data, fixture_tear_down);
  g_test_add ("/annals/gui/library/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/annals/gui/library/search-index-background", Fixture, NULL, fixture_set_up, test_search_index_background, fixture_tear_down);
  g_test_add ("/annals/gui/library/search-async", Fixture, NULL, fixture_set_up, test_search_async, fixture_tear_down);
  g_test_add ("/annals/gui/library/export-async", Fixture, NULL, fixture_set_up, test_export_async, fixture_tear_down);
  g_test_add ("/annals/gui/library/create-replaces", Fixture, NULL, fixture_set_up, test_create_replaces, fixture_tear_down);
  g_test_add_func ("/annals/gui/format", test_format);

  return g_test_run ();
}
