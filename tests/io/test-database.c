/* test-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "annals-database.h"
#include "annals-database-private.h"
#include "annals-json.h"
#include "io-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = io_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "test.annals", NULL);

  /* Merge candidates come from a query per event for the first events
   * of an import, then from memory (loaded once) when the database is
   * small: the "-queried" tests never load them, the "-in-memory" tests
   * load them at once. */
  g_unsetenv ("ANNALS_TEST_MERGE_KEYS_MAX");
  g_unsetenv ("ANNALS_TEST_MERGE_KEYS_AFTER");
  if (g_strcmp0 (data, "queried") == 0)
    g_setenv ("ANNALS_TEST_MERGE_KEYS_MAX", "0", TRUE);
  else if (g_strcmp0 (data, "in-memory") == 0)
    g_setenv ("ANNALS_TEST_MERGE_KEYS_AFTER", "0", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  io_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static AnnalsEventSet *
load_good (const char *name)
{
  g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", name, NULL);
  g_autoptr(GError) error = NULL;
  AnnalsEventSet *set;

  set = annals_json_load_file (path, &error);
  g_assert_no_error (error);

  return set;
}

static void
import_good (AnnalsDatabase    *database,
             const char        *name,
             AnnalsImportStats *stats)
{
  g_autoptr(AnnalsEventSet) set = load_good (name);
  g_autoptr(GError) error = NULL;

  annals_database_add_set (database, set, stats, &error);
  g_assert_no_error (error);
}

static char *
export_json (AnnalsDatabase *database)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;

  set = annals_database_dup_set (database, &error);
  g_assert_no_error (error);

  return annals_json_to_data (set, NULL);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *files[] = { "minimal.json", "full.json", "unknown-fields.json" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", files[i], NULL);
      g_autofree char *db_path = g_strdup_printf ("%s.%u", fixture->path, i);
      g_autofree char *original = io_test_read (path);
      g_autofree char *exported = NULL;
      g_autofree char *reopened_export = NULL;
      g_autoptr(AnnalsDatabase) database = NULL;
      g_autoptr(AnnalsDatabase) reopened = NULL;
      g_autoptr(GError) error = NULL;
      AnnalsImportStats stats;

      database = annals_database_open (db_path, &error);
      g_assert_no_error (error);
      import_good (database, files[i], &stats);
      g_assert_cmpuint (stats.events_merged, ==, 0);

      exported = export_json (database);
      io_test_assert_json_equal (original, exported);

      g_clear_object (&database);
      reopened = annals_database_open (db_path, &error);
      g_assert_no_error (error);
      reopened_export = export_json (reopened);
      g_assert_cmpstr (reopened_export, ==, exported);
    }
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsImportStats stats;
  const char * const *participants;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);

  import_good (database, "vostok-a.json", &stats);
  g_assert_cmpuint (stats.events_added, ==, 1);
  import_good (database, "vostok-b.json", &stats);
  g_assert_cmpuint (stats.documents_added, ==, 1);
  g_assert_cmpuint (stats.events_added, ==, 0);
  g_assert_cmpuint (stats.events_merged, ==, 1);

  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 1);
  g_assert_cmpint (annals_database_count_documents (database, NULL), ==, 2);

  event = annals_database_load_event (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annals_event_get_title (event), ==, "Vostok 2022");
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 2);
  g_assert_cmpstr (annals_event_get_mention (event, 0)->document_id, ==, "article-a");
  g_assert_cmpstr (annals_event_get_mention (event, 1)->document_id, ==, "article-b");
  participants = annals_event_get_participants (event);
  g_assert_cmpuint (g_strv_length ((char **) participants), ==, 3);
  g_assert_true (g_strv_contains (participants, "IN"));

  /* The same file again adds nothing. */
  import_good (database, "vostok-b.json", &stats);
  g_assert_cmpuint (stats.documents_added, ==, 0);
  g_assert_cmpuint (stats.events_added, ==, 0);
  g_assert_cmpuint (stats.events_merged, ==, 1);
  g_clear_object (&event);
  event = annals_database_load_event (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 2);
}

static AnnalsEvent *
make_meeting (const char *id,
              const char *start)
{
  AnnalsEvent *event = annals_event_new (id, "NATO Defence Ministers' Meeting");
  AnnalsDate date;

  annals_event_set_kind (event, ANNALS_EVENT_KIND_MEETING);
  if (start != NULL)
    {
      g_assert_true (annals_date_parse (&date, start, NULL));
      annals_event_set_start (event, &date);
    }

  return event;
}

/* A title that recurs every year merges only with the event whose date
 * it fits. */
static void
test_merge_dates (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct { const char *start; gboolean merged; } imports[] = {
    { "2020-02-12", FALSE },
    { "2021-02-17", FALSE },
    { "2021-10", FALSE },
    { "2021", TRUE },          /* contains (and merges with) the first of 2021 */
    { "2021-10-21", TRUE },
    { "2019", FALSE },
    { NULL, FALSE },           /* undated: which of the four? none */
  };
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
      g_autoptr(AnnalsEvent) event = make_meeting ("nato", imports[i].start);
      AnnalsImportStats stats;

      annals_event_set_add_event (set, event);
      annals_database_add_set (database, set, &stats, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.events_merged, ==, imports[i].merged ? 1 : 0);
    }

  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 5);
}

/* An undated event merges with the one stored event of its kind and
 * title, and with none when there are several. */
static void
test_merge_undated (Fixture       *fixture,
                    gconstpointer  data)
{
  const struct { const char *start; guint added, merged; } imports[] = {
    { "2021-02-17", 1, 0 },
    { NULL, 0, 1 },            /* the only one */
    { "2022-02-16", 1, 0 },
    { NULL, 1, 0 },            /* one of two: its own event */
    { NULL, 1, 0 },            /* one of three, one of them undated */
  };
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEvent) first = NULL;
  g_autoptr(GError) error = NULL;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (imports); i++)
    {
      g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
      g_autoptr(AnnalsEvent) event = make_meeting ("nato", imports[i].start);
      AnnalsImportStats stats;

      annals_event_set_add_event (set, event);
      annals_database_add_set (database, set, &stats, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.events_added, ==, imports[i].added);
      g_assert_cmpuint (stats.events_merged, ==, imports[i].merged);
    }

  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 4);

  /* The same within one import: the second undated event finds two. */
  {
    g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
    g_autoptr(AnnalsEvent) summit = make_meeting ("summit-2030", "2030");
    g_autoptr(AnnalsEvent) undated = make_meeting ("summit-undated", NULL);
    g_autoptr(AnnalsEvent) summit_2031 = make_meeting ("summit-2031", "2031");
    g_autoptr(AnnalsEvent) undated_again = make_meeting ("summit-undated-again", NULL);
    AnnalsImportStats stats;

    annals_event_set_title (summit, "Tashkent Summit");
    annals_event_set_title (undated, "Tashkent  summit");
    annals_event_set_title (summit_2031, "Tashkent Summit");
    annals_event_set_title (undated_again, "Tashkent-Summit");
    annals_event_set_add_event (set, summit);
    annals_event_set_add_event (set, undated);
    annals_event_set_add_event (set, summit_2031);
    annals_event_set_add_event (set, undated_again);
    annals_database_add_set (database, set, &stats, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stats.events_added, ==, 3);
    g_assert_cmpuint (stats.events_merged, ==, 1);
  }

  first = annals_database_load_event (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annals_event_get_id (first), ==, "nato");
}

static void
test_ids (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = load_good ("vostok-a.json");
  g_autoptr(AnnalsEventSet) exported = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsDocument *document;
  AnnalsEvent *event;
  AnnalsImportStats stats;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "vostok-a.json", &stats);

  /* Same document id, other text; same event id, another event. */
  document = g_ptr_array_index (annals_event_set_get_documents (set), 0);
  annals_document_set_text (document, "Russia will hold Zapad 2021 with Belarus.");
  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  annals_event_set_title (event, "Zapad 2021");
  annals_event_clear_mentions (event);
  annals_event_add_mention (event, "article-a", 17, 27);

  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.documents_added, ==, 1);
  g_assert_cmpuint (stats.events_added, ==, 1);

  exported = annals_database_dup_set (database, &error);
  g_assert_no_error (error);
  document = g_ptr_array_index (annals_event_set_get_documents (exported), 1);
  g_assert_cmpstr (annals_document_get_id (document), ==, "article-a-2");
  event = g_ptr_array_index (annals_event_set_get_events (exported), 1);
  g_assert_cmpstr (annals_event_get_id (event), ==, "vostok-2");
  g_assert_cmpstr (annals_event_get_title (event), ==, "Zapad 2021");
  g_assert_cmpstr (annals_event_get_mention (event, 0)->document_id, ==, "article-a-2");
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = load_good ("full.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsEvent *event;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "minimal.json", NULL);
  before = export_json (database);

  /* The fifth event names a document that is nowhere: the four before
   * it must not stay. */
  event = g_ptr_array_index (annals_event_set_get_events (set), 4);
  annals_event_add_mention (event, "elsewhere", 0, 1);

  g_assert_false (annals_database_add_set (database, set, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "events[4].mentions[1].document: no document “elsewhere”"));

  after = export_json (database);
  g_assert_cmpstr (after, ==, before);
}

/* The records are read on a connection of their own, except inside this
 * connection's transaction, whose rows only it sees. */
static void
test_store_in_transaction (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsDatabase) other = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(AnnalsEvent) event = annals_event_new ("tsentr", "Tsentr 2023");
  g_autoptr(GError) error = NULL;
  AnnalsDatabaseImport *import;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "full.json", NULL);

  import = annals_database_begin_import (database, &error);
  g_assert_no_error (error);
  g_assert_true (annals_database_import_event (import, event, &error));

  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 10);

  other = annals_database_open_with_flags (fixture->path, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  annals_database_load_store (other, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 9);

  annals_database_abort_import (import);
  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 9);
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(AnnalsEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  const AnnalsEventRecord *record;
  guint first, last, n_hits = 0;
  int position;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "full.json", NULL);

  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 9);
  g_assert_cmpuint (annals_event_store_get_n_dated (store), ==, 8);

  /* The first in time is 44 BC; the undated one comes last. */
  g_assert_cmpstr (annals_event_store_get_title (store, 0), ==, "Assassination of Caesar");
  g_assert_cmpstr (annals_event_store_get_title (store, 8), ==, "BRICS Summit");

  /* Rows load their full event from the database. */
  position = annals_event_store_find_key (store, 2);
  g_assert_cmpint (position, >=, 0);
  record = annals_event_store_get_record (store, position);
  g_assert_cmpuint (record->kind, ==, ANNALS_EVENT_KIND_EXERCISE);
  g_assert_cmpuint (record->host_country, ==, annals_country_pack ("RU"));
  g_assert_cmpuint (record->n_mentions, ==, 1);
  event = annals_event_store_get_event (store, position);
  g_assert_cmpstr (annals_event_get_title (event), ==, "Vostok 2022");
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 1);

  annals_event_store_find_range (store,
                                 annals_days_from_civil (2022, 1, 1),
                                 annals_days_from_civil (2023, 1, 1),
                                 &first, &last);
  for (guint i = first; i < last; i++)
    if (annals_event_record_overlaps (annals_event_store_get_record (store, i),
                                      annals_days_from_civil (2022, 1, 1),
                                      annals_days_from_civil (2023, 1, 1)))
      n_hits++;
  g_assert_cmpuint (n_hits, ==, 5);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  /* An event matches through its title or the text of a document that
   * mentions it; full.json's article mentions events 1, 2, 3 and 5. */
  const struct { const char *query; guint n_keys; guint32 first_key; } cases[] = {
    { "brics", 1, 6 },
    { "moscow", 1, 8 },
    { "vostok", 4, 1 },
    { "VOSTOK 20", 4, 1 },
    { "ides march", 4, 1 },
    { "tashk", 5, 1 },
    { "\"unbalanced (AND OR NEAR", 0, 0 },
    { "   ", 0, 0 },
  };

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "full.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) keys = annals_database_search (database, cases[i].query, &error);

      g_assert_no_error (error);
      g_assert_nonnull (keys);
      g_test_message ("“%s”: %u keys", cases[i].query, keys->len);
      g_assert_cmpuint (keys->len, ==, cases[i].n_keys);
      if (cases[i].n_keys > 0)
        g_assert_cmpuint (g_array_index (keys, guint32, 0), ==, cases[i].first_key);
    }
}

static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) old = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  old = _annals_database_open_at_version (fixture->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_get_schema_version (old), ==, 1);
  import_good (old, "full.json", NULL);
  g_clear_object (&old);

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_get_schema_version (database), ==, ANNALS_DATABASE_SCHEMA_VERSION);

  /* The search index was built from what version 1 stored. */
  keys = annals_database_search (database, "brics", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_clear_pointer (&keys, g_array_unref);
  keys = annals_database_search (database, "ides", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 4);

  /* Version 3 reads the index from the time-ordered index. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat(name, ' ') FROM"
                                       " (SELECT name FROM sqlite_master WHERE type = 'index'"
                                       " AND name LIKE 'events_%' ORDER BY name)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "events_by_title events_in_time_order");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, annals_database_count_events (database, NULL));
  for (guint i = 1; i < annals_event_store_get_n_dated (store); i++)
    g_assert_cmpint (annals_event_store_get_record (store, i - 1)->first_day, <=,
                     annals_event_store_get_record (store, i)->first_day);
}

static void
test_refused_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_file_set_contents (fixture->path, "{\"format\": \"annals-events\"}", -1, &error);
  g_assert_no_error (error);
  database = annals_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  g_unlink (fixture->path);
  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  database = annals_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "schema version 4"));
}

/* A database of 2000 events with six pages in the middle overwritten;
 * returns its bytes. */
static char *
make_corrupt_database (Fixture *fixture,
                       gsize   *length_out)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Exercise number %u of a long series", i);
      g_autoptr(AnnalsEvent) event = annals_event_new (id, title);

      annals_event_set_add_event (set, event);
    }
  annals_database_add_set (database, set, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 12 * 4096);
  memset (contents + 3 * 4096 + 100, 0x5A, 6 * 4096);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);

  *length_out = length;

  return g_steal_pointer (&contents);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  contents = make_corrupt_database (fixture, &length);

  database = annals_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, fixture->path));
}

/* Opened without the check, a corrupt database is read as far as it can
 * be; the check, when it runs, reports it, and nothing is written. */
static void
test_corrupt_deferred (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = load_good ("minimal.json");
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize length, after_length;

  contents = make_corrupt_database (fixture, &length);

  database = annals_database_open_with_flags (fixture->path, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  g_assert_false (annals_database_check (database, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, fixture->path));
  g_clear_error (&error);

  /* The verdict is kept: the same error, without checking again. */
  g_assert_false (annals_database_check (database, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_object (&database);

  /* An import checks first, even when nobody asked for the check. */
  database = annals_database_open_with_flags (fixture->path, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_false (annals_database_add_set (database, set, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT);
  g_clear_object (&database);

  g_file_get_contents (fixture->path, &after, &after_length, NULL);
  g_assert_cmpmem (after, after_length, contents, length);
}

static void
test_deferred_check (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(GError) error = NULL;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "minimal.json", NULL);
  g_clear_object (&database);

  database = annals_database_open_with_flags (fixture->path, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), >, 0);

  g_assert_true (annals_database_check (database, &error));
  g_assert_no_error (error);
  import_good (database, "full.json", NULL);
  g_assert_true (annals_database_check (database, &error));
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = load_good ("full.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "minimal.json", NULL);
  before = export_json (database);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (annals_database_add_set (database, set, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_BUSY);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  after = export_json (database);
  g_assert_cmpstr (after, ==, before);
}

static void
test_full (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;
  char pages[32];

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  import_good (database, "minimal.json", NULL);
  before = export_json (database);
  g_clear_object (&database);

  g_assert_cmpint (g_stat (fixture->path, &info), ==, 0);
  g_snprintf (pages, sizeof pages, "%" G_GINT64_FORMAT, (gint64) info.st_size / 4096 + 2);
  g_setenv ("ANNALS_TEST_MAX_PAGE_COUNT", pages, TRUE);
  database = annals_database_open (fixture->path, &error);
  g_unsetenv ("ANNALS_TEST_MAX_PAGE_COUNT");
  g_assert_no_error (error);

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("Exercise number %u of a long series", i);
      g_autoptr(AnnalsEvent) event = annals_event_new (id, title);

      annals_event_set_add_event (set, event);
    }

  g_assert_false (annals_database_add_set (database, set, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FULL);
  g_clear_error (&error);
  g_clear_object (&database);

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  after = export_json (database);
  g_assert_cmpstr (after, ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/annals/io/database/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("merge", test_merge);
  ADD ("merge-dates", test_merge_dates);
  ADD ("merge-undated", test_merge_undated);
  g_test_add ("/annals/io/database/merge-queried", Fixture, "queried", fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/annals/io/database/merge-dates-queried", Fixture, "queried", fixture_set_up, test_merge_dates, fixture_tear_down);
  g_test_add ("/annals/io/database/merge-undated-queried", Fixture, "queried", fixture_set_up, test_merge_undated, fixture_tear_down);
  g_test_add ("/annals/io/database/merge-in-memory", Fixture, "in-memory", fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/annals/io/database/merge-dates-in-memory", Fixture, "in-memory", fixture_set_up, test_merge_dates, fixture_tear_down);
  g_test_add ("/annals/io/database/merge-undated-in-memory", Fixture, "in-memory", fixture_set_up, test_merge_undated, fixture_tear_down);
  ADD ("ids", test_ids);
  ADD ("rollback", test_rollback);
  ADD ("store", test_store);
  ADD ("store-in-transaction", test_store_in_transaction);
  ADD ("search", test_search);
  ADD ("migration", test_migration);
  ADD ("refused-files", test_refused_files);
  ADD ("corrupt", test_corrupt);
  ADD ("corrupt-deferred", test_corrupt_deferred);
  ADD ("deferred-check", test_deferred_check);
  ADD ("busy", test_busy);
  ADD ("full", test_full);

#undef ADD

  return g_test_run ();
}
