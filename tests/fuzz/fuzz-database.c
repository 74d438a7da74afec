/* fuzz-database.c: the database opener, fed mutated database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-fuzz"

#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "annals-database.h"
#include "annals-json.h"
#include "annals-model.h"

#include "annals-fuzz.h"

#define FILE_NAME "fuzz.annals"

/* At most this many events are loaded in full from one input, so that a
 * database claiming millions of rows cannot turn one run into a hang. */
#define MAX_LOADED_EVENTS 64

static char *work_dir;
static char *db_path;

static void
check_error (const char   *what,
             const GError *error)
{
  if (error == NULL)
    annals_fuzz_fail ("%s failed without an error", what);
  if (error->domain != ANNALS_IO_ERROR)
    annals_fuzz_fail ("%s: error from domain %s, not annals-io-error: %s",
                      what, g_quark_to_string (error->domain), error->message);
  if (error->message == NULL || strstr (error->message, FILE_NAME) == NULL)
    annals_fuzz_fail ("%s: error message does not name the file: %s",
                      what, error->message ? error->message : "(null)");
}

static void
remove_database_files (void)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        annals_fuzz_fail ("cannot remove %s: %s", path, g_strerror (errno));
    }
}

static AnnalsEventSet *
create_small_set (void)
{
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsDocument) document = annals_document_new ("fuzz-document");
  g_autoptr(AnnalsEvent) event = annals_event_new ("fuzz-event", "Vostok 2022");
  AnnalsDate start;

  annals_document_set_title (document, "A fuzzed database");
  annals_document_set_text (document, "Vostok 2022 took place in Russia.");
  annals_event_set_add_document (set, document);

  annals_date_clear (&start);
  annals_date_set_year (&start, 2022);
  annals_event_set_kind (event, ANNALS_EVENT_KIND_EXERCISE);
  annals_event_set_start (event, &start);
  annals_event_set_host_country (event, "RU");
  annals_event_add_mention (event, "fuzz-document", 0, 11);
  annals_event_set_add_event (set, event);

  return g_steal_pointer (&set);
}

static void
exercise_database (AnnalsDatabase *database)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsEventSet) small_set = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  AnnalsImportStats stats = { 0 };
  gint64 n_events;

  n_events = annals_database_count_events (database, &error);
  if (n_events < 0)
    {
      check_error ("count_events", error);
      return;
    }
  if (annals_database_count_documents (database, &error) < 0)
    {
      check_error ("count_documents", error);
      return;
    }

  if (!annals_database_load_store (database, store, &error))
    {
      check_error ("load_store", error);
      return;
    }
  if (annals_event_store_get_n_total (store) != (guint64) n_events)
    annals_fuzz_fail ("the store has %u rows, the database counts %" G_GINT64_FORMAT,
                      annals_event_store_get_n_total (store), n_events);

  for (guint i = 0; i < MIN (annals_event_store_get_n_events (store), MAX_LOADED_EVENTS); i++)
    {
      g_autoptr(AnnalsEvent) event = annals_event_store_get_event (store, i);

      /* A row that cannot be loaded any more gives NULL and a warning at
       * most; it must not crash. */
      if (event != NULL && annals_event_get_title (event) == NULL)
        annals_fuzz_fail ("event at %u has no title", i);
    }

  /* Whatever a database holds, its export is well-formed JSON in UTF-8.
   * Content that a damaged file made inconsistent (a mention past the end
   * of its document) may be refused by the importer's checks, with a
   * clear message: that is not a failure here. */
  set = annals_database_dup_set (database, &error);
  if (set == NULL)
    check_error ("dup_set", error);
  else
    {
      g_autoptr(AnnalsEventSet) reloaded = NULL;
      g_autofree char *json = NULL;
      gsize json_length = 0;

      json = annals_json_to_data (set, &json_length);
      reloaded = annals_json_load_data (json, json_length, "export.json", &error);
      if (reloaded == NULL &&
          (error == NULL || !g_error_matches (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_INVALID)))
        annals_fuzz_fail ("the export of a database is refused by the importer: %s",
                          error ? error->message : "(no error)");
    }
  g_clear_error (&error);

  matches = annals_database_search (database, "vostok OR \"exercise\" NEAR(", &error);
  if (matches == NULL)
    check_error ("search", error);
  g_clear_error (&error);

  small_set = create_small_set ();
  if (!annals_database_add_set (database, small_set, &stats, &error))
    check_error ("add_set", error);
}

static void
remove_work_dir (void)
{
  remove_database_files ();
  g_rmdir (work_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  annals_fuzz_init_logging ();

  work_dir = g_dir_make_tmp ("annals-fuzz-db-XXXXXX", &error);
  if (work_dir == NULL)
    annals_fuzz_fail ("cannot make a work folder: %s", error->message);
  db_path = g_build_filename (work_dir, FILE_NAME, NULL);
  atexit (remove_work_dir);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (db_path == NULL)
    LLVMFuzzerInitialize (NULL, NULL);

  remove_database_files ();
  if (!g_file_set_contents (db_path, (const char *) data, size, &error))
    annals_fuzz_fail ("cannot write %s: %s", db_path, error->message);

  database = annals_database_open (db_path, &error);
  if (database == NULL)
    check_error ("open", error);
  else
    exercise_database (database);

  g_clear_object (&database);
  remove_database_files ();

  return 0;
}
