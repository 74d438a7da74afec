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

/* Writes @event as schema version 1 stored it, with SQL of that version. */
static void
insert_v1_event (sqlite3     *db,
                 gint64       id,
                 AnnalsEvent *event,
                 gint64       document,
                 guint        start,
                 guint        end)
{
  const char * const *participants = annals_event_get_participants (event);
  g_autofree char *normalized = annals_event_normalize_title (annals_event_get_title (event));
  g_autofree char *start_text = annals_date_to_iso (annals_event_get_start (event));
  AnnalsEventRecord record;
  sqlite3_stmt *stmt = NULL;

  annals_event_record_init_from_event (&record, event);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO events (id, uid, title, norm_title, kind, status, start,"
                                       " first_day, end_day, start_precision, end_precision, host_country,"
                                       " country, confidence, n_mentions)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0.9, 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, annals_event_get_id (event), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, annals_event_get_title (event), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, normalized, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, record.kind);
  sqlite3_bind_int (stmt, 6, record.status);
  sqlite3_bind_text (stmt, 7, start_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, record.first_day);
  sqlite3_bind_int64 (stmt, 9, record.end_day);
  sqlite3_bind_int (stmt, 10, record.start_precision);
  sqlite3_bind_int (stmt, 11, record.end_precision);
  sqlite3_bind_text (stmt, 12, annals_event_get_host_country (event), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, record.host_country);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO mentions VALUES (?1, 0, ?2, ?3, ?4)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO participants VALUES (?1, ?2, ?3)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, participants[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

/* A database of schema version 1, with rows as version 1 wrote them,
 * migrates to the current version with nothing lost: events, their
 * mentions and participants, the search index, and merge keys that match
 * what an import computes. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  const char *text = "Russia held Vostok 2022 with China. Ministers met in Tashkent in August.";
  g_autoptr(AnnalsDatabase) old = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(AnnalsEvent) vostok = annals_event_new ("vostok", "Vostok 2022");
  g_autoptr(AnnalsEvent) meeting = annals_event_new ("meeting", "Tashkent Ministers’ Meeting");
  g_autoptr(AnnalsEvent) loaded = NULL;
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsDocument) document = NULL;
  g_autoptr(AnnalsEvent) again = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = NULL;
  AnnalsImportStats stats;
  AnnalsDate date;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n_events, n_documents;

  old = _annals_database_open_at_version (fixture->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_get_schema_version (old), ==, 1);
  g_clear_object (&old);

  annals_event_set_kind (vostok, ANNALS_EVENT_KIND_EXERCISE);
  annals_date_set_year (&date, 2022);
  annals_event_set_start (vostok, &date);
  annals_event_set_host_country (vostok, "RU");
  annals_event_add_participant (vostok, "RU");
  annals_event_add_participant (vostok, "CN");
  annals_event_set_kind (meeting, ANNALS_EVENT_KIND_MEETING);
  annals_date_set_month (&date, 2022, 8);
  annals_event_set_start (meeting, &date);
  annals_event_set_host_country (meeting, "UZ");

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO documents (id, uid, title, text, length)"
                                       " VALUES (1, 'old-article', 'Old article', ?1, ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) strlen (text));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  insert_v1_event (db, 1, vostok, 1, 12, 23);
  insert_v1_event (db, 2, meeting, 1, 36, 72);
  sqlite3_close (db);

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annals_database_get_schema_version (database), ==, ANNALS_DATABASE_SCHEMA_VERSION);

  indexes = query_text (fixture->path,
                        "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                        " WHERE type = 'index' AND name LIKE 'events_%' ORDER BY name)");
  g_assert_cmpstr (indexes, ==, "events_by_merge_key events_by_time events_by_uid");

  /* The rows, with what refers to them. */
  loaded = annals_database_load_event (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (annals_event_get_title (loaded), ==, "Vostok 2022");
  g_assert_cmpint (annals_event_get_kind (loaded), ==, ANNALS_EVENT_KIND_EXERCISE);
  g_assert_cmpuint (g_strv_length ((char **) annals_event_get_participants (loaded)), ==, 2);
  g_assert_cmpstr (annals_event_get_participants (loaded)[1], ==, "CN");
  g_assert_cmpuint (annals_event_get_n_mentions (loaded), ==, 1);
  g_assert_cmpuint (annals_event_get_mention (loaded, 0)->start, ==, 12);

  /* The search index, which version 2 built, is whole. */
  annals_database_get_search_backlog (database, &n_events, &n_documents, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, 0);
  g_assert_cmpint (n_documents, ==, 0);
  keys = annals_database_search (database, "ministers", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_clear_pointer (&keys, g_array_unref);
  keys = annals_database_search (database, "tashkent meeting", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpuint (g_array_index (keys, guint32, 0), ==, 2);

  /* The keys the migration computed find the events an import names
   * the same way. */
  document = annals_document_new ("new-article");
  annals_document_set_text (document, "Vostok-2022 ended in September.");
  annals_event_set_add_document (set, document);
  again = annals_event_new ("again", "Vostok-2022");
  annals_event_set_kind (again, ANNALS_EVENT_KIND_EXERCISE);
  annals_date_set_month (&date, 2022, 9);
  annals_event_set_start (again, &date);
  annals_event_add_mention (again, "new-article", 0, 11);
  annals_event_set_add_event (set, again);
  annals_database_add_set (database, set, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events_merged, ==, 1);
  g_assert_cmpuint (stats.events_added, ==, 0);
  g_clear_object (&loaded);
  loaded = annals_database_load_event (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_get_n_mentions (loaded), ==, 2);

  annals_database_load_store (database, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 2);
  g_assert_cmpint (annals_event_store_get_record (store, 0)->first_day, <=,
                   annals_event_store_get_record (store, 1)->first_day);
}

/* Events made for the bulk tests: @n of them, each of the first
 * @n_repeats followed by a second one of the same title and a date
 * inside its year, which merges into it while it is still held back.
 * The ids repeat every @id_period events. */
static AnnalsEventSet *
make_bulk_set (guint n,
               guint n_repeats,
               guint id_period)
{
  AnnalsEventSet *set = annals_event_set_new ();
  g_autoptr(AnnalsDocument) document = annals_document_new ("bulk");
  guint count = 0;

  annals_document_set_text (document, "Zanzibar hosted them all.");
  annals_event_set_add_document (set, document);

  for (guint i = 0; i < n; i++)
    for (guint repeat = 0; repeat < (i < n_repeats ? 2 : 1); repeat++)
      {
        g_autofree char *id = g_strdup_printf ("event-%u", count++ % id_period);
        g_autofree char *title = g_strdup_printf ("Exercise Number %u", i);
        g_autoptr(AnnalsEvent) event = annals_event_new (id, title);
        AnnalsDate date;

        if (repeat == 0)
          annals_date_set_year (&date, 1950 + (int) (i % 70));
        else
          annals_date_set_day (&date, 1950 + (int) (i % 70), 3, 1);
        annals_event_set_kind (event, ANNALS_EVENT_KIND_EXERCISE);
        annals_event_set_start (event, &date);
        annals_event_set_host_country (event, "TZ");
        annals_event_add_participant (event, "TZ");
        annals_event_add_participant (event, repeat == 0 ? "KE" : "UG");
        annals_event_add_mention (event, "bulk", repeat == 0 ? 0 : 9, repeat == 0 ? 8 : 15);
        annals_event_set_add_event (set, event);
      }

  return set;
}

/* A failed import into an empty database, which writes in batches with
 * its indexes dropped and foreign keys off, leaves it empty, with every
 * index, and ready for the next import. */
static void
test_rollback_bulk (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventSet) set = make_bulk_set (6000, 0, 1000000);
  g_autoptr(AnnalsEventSet) good = make_bulk_set (10, 0, 1000000);
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = NULL;
  AnnalsImportStats stats;
  AnnalsEvent *event;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);

  /* Past the first batch, an event names a document that is nowhere. */
  event = g_ptr_array_index (annals_event_set_get_events (set), 5000);
  annals_event_add_mention (event, "elsewhere", 0, 1);
  g_assert_false (annals_database_add_set (database, set, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 0);
  g_assert_cmpint (annals_database_count_documents (database, NULL), ==, 0);
  indexes = query_text (fixture->path,
                        "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                        " WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name)");
  g_assert_cmpstr (indexes, ==, "events_by_merge_key events_by_time events_by_uid mentions_by_document");

  annals_database_add_set (database, good, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events_added, ==, 10);
  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 10);
  g_assert_true (annals_database_check (database, &error));
  g_assert_no_error (error);
  g_assert_null (query_text (fixture->path, "PRAGMA foreign_key_check"));
}

/* An import into an empty database writes its rows in batches and builds
 * the indexes at the end; one into a database that holds rows writes row
 * by row. Both store the same: merges into events still held back, the
 * ids made unique, mentions and participants. */
static void
test_bulk_import (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AnnalsEventSet) set = make_bulk_set (6000, 3000, 5000);
  g_autoptr(AnnalsEventSet) seed = annals_event_set_new ();
  g_autoptr(AnnalsEvent) seed_event = annals_event_new ("seed", "Seed Exercise");
  g_autofree char *row_path = g_strconcat (fixture->path, ".rows", NULL);
  g_autoptr(AnnalsDatabase) bulk = NULL;
  g_autoptr(AnnalsDatabase) rows = NULL;
  g_autoptr(AnnalsEventSet) bulk_set = NULL;
  g_autoptr(AnnalsEventSet) rows_set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = NULL;
  AnnalsImportStats bulk_stats, rows_stats;
  GPtrArray *bulk_events, *rows_events;

  annals_event_set_add_event (seed, seed_event);

  bulk = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  annals_database_add_set (bulk, set, &bulk_stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bulk_stats.events_added, ==, 6000);
  g_assert_cmpuint (bulk_stats.events_merged, ==, 3000);

  rows = annals_database_open (row_path, &error);
  g_assert_no_error (error);
  annals_database_add_set (rows, seed, NULL, &error);
  g_assert_no_error (error);
  annals_database_add_set (rows, set, &rows_stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows_stats.events_added, ==, bulk_stats.events_added);
  g_assert_cmpuint (rows_stats.events_merged, ==, bulk_stats.events_merged);

  /* The indexes are back, foreign keys are on again, and the file is
   * consistent. */
  indexes = query_text (fixture->path,
                        "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master"
                        " WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name)");
  g_assert_cmpstr (indexes, ==, "events_by_merge_key events_by_time events_by_uid mentions_by_document");
  g_assert_true (annals_database_check (bulk, &error));
  g_assert_no_error (error);
  g_assert_null (query_text (fixture->path, "PRAGMA foreign_key_check"));

  bulk_set = annals_database_dup_set (bulk, &error);
  g_assert_no_error (error);
  rows_set = annals_database_dup_set (rows, &error);
  g_assert_no_error (error);
  bulk_events = annals_event_set_get_events (bulk_set);
  rows_events = annals_event_set_get_events (rows_set);
  g_assert_cmpuint (bulk_events->len, ==, 6000);
  g_assert_cmpuint (rows_events->len, ==, 6001);

  for (guint i = 0; i < bulk_events->len; i++)
    {
      AnnalsEvent *a = g_ptr_array_index (bulk_events, i);
      AnnalsEvent *b = g_ptr_array_index (rows_events, i + 1);

      g_assert_cmpstr (annals_event_get_id (a), ==, annals_event_get_id (b));
      g_assert_cmpstr (annals_event_get_title (a), ==, annals_event_get_title (b));
      g_assert_cmpuint (annals_event_get_n_mentions (a), ==, annals_event_get_n_mentions (b));
      g_assert_cmpuint (annals_event_get_n_mentions (a), ==, i < 3000 ? 2 : 1);
      g_assert_cmpuint (g_strv_length ((char **) annals_event_get_participants (a)), ==, i < 3000 ? 3 : 2);
    }

  /* Ids repeat every 5000 events, and each of the first 3000 events is
   * followed by its repeat, which takes an id but merges: event i < 2500
   * is "event-2i", event 2500 the second "event-0", and event 4000 (the
   * 7000th id) the second "event-2000". */
  g_assert_cmpstr (annals_event_get_id (g_ptr_array_index (bulk_events, 0)), ==, "event-0");
  g_assert_cmpstr (annals_event_get_id (g_ptr_array_index (bulk_events, 1000)), ==, "event-2000");
  g_assert_cmpstr (annals_event_get_id (g_ptr_array_index (bulk_events, 2500)), ==, "event-0-2");
  g_assert_cmpstr (annals_event_get_id (g_ptr_array_index (bulk_events, 4000)), ==, "event-2000-2");
}

/* A large import leaves the full-text index behind; searching brings it
 * up to date first, or, when the database cannot be written, reads the
 * rows past it. Nothing is missed either way. */
static void
test_search_backlog (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AnnalsEventSet) set = make_bulk_set (30000, 0, 1000000);
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 n_events, n_documents;

  annals_event_set_title (g_ptr_array_index (annals_event_set_get_events (set), 29999), "Kilimanjaro Summit");

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);
  annals_database_add_set (database, set, NULL, &error);
  g_assert_no_error (error);

  annals_database_get_search_backlog (database, &n_events, &n_documents, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, 30000);
  g_assert_cmpint (n_documents, ==, 1);

  g_cancellable_cancel (cancellable);
  g_assert_false (annals_database_update_search_index (database, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Another program holds the write lock: the rows are read instead. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  keys = annals_database_search (database, "kilimanjaro", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpuint (g_array_index (keys, guint32, 0), ==, 30000);
  g_clear_pointer (&keys, g_array_unref);
  keys = annals_database_search (database, "zanzibar hosted", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 30000);
  g_clear_pointer (&keys, g_array_unref);
  annals_database_get_search_backlog (database, &n_events, NULL, &error);
  g_assert_cmpint (n_events, ==, 30000);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);

  /* Then the index catches up, and the same searches give the same. */
  keys = annals_database_search (database, "kilimanjaro", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpuint (g_array_index (keys, guint32, 0), ==, 30000);
  g_clear_pointer (&keys, g_array_unref);
  annals_database_get_search_backlog (database, &n_events, &n_documents, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_events, ==, 0);
  g_assert_cmpint (n_documents, ==, 0);
  keys = annals_database_search (database, "zanzibar hosted", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 30000);
}

/* Writes @set as a file with @tail in place of its last bytes. */
static char *
write_events_file (Fixture        *fixture,
                   const char     *name,
                   AnnalsEventSet *set,
                   const char     *tail)
{
  g_autofree char *data = annals_json_to_data (set, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (tail != NULL)
    {
      g_autofree char *cut = g_strndup (data, strlen (data) - 8);
      g_free (data);
      data = g_strconcat (cut, tail, NULL);
    }
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static gboolean
import_json_file (AnnalsDatabase     *database,
                  const char         *path,
                  AnnalsImportStats  *stats,
                  GError            **error)
{
  AnnalsDatabaseImport *import = annals_database_begin_import (database, error);

  if (import == NULL)
    return FALSE;

  annals_database_import_next_file (import, path);
  if (!annals_database_import_json_file (import, path, error))
    {
      annals_database_abort_import (import);
      return FALSE;
    }

  return annals_database_commit_import (import, stats, error);
}

/* A file is read in a thread while what was read is imported: the same
 * rows as an import of the loaded file, and the same first error. */
static void
test_import_json_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AnnalsEventSet) set = make_bulk_set (5000, 1000, 1000000);
  g_autofree char *good = write_events_file (fixture, "good.json", set, NULL);
  g_autofree char *cut = write_events_file (fixture, "cut.json", set, "]}");
  g_autofree char *bad_path = NULL;
  g_autofree char *other_path = g_strconcat (fixture->path, ".other", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsImportStats stats;
  AnnalsEvent *event;

  database = annals_database_open (fixture->path, &error);
  g_assert_no_error (error);

  /* Cut short at its end: the error says where, and nothing is stored. */
  g_assert_false (import_json_file (database, cut, NULL, &error));
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cut.json:"));
  g_clear_error (&error);
  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 0);

  /* An event far into the file names a document that is not there, and
   * the file is cut short after it: the event's error comes first. */
  event = g_ptr_array_index (annals_event_set_get_events (set), 4500);
  annals_event_clear_mentions (event);
  annals_event_add_mention (event, "nowhere", 0, 1);
  bad_path = write_events_file (fixture, "bad.json", set, "]}");
  g_assert_false (import_json_file (database, bad_path, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "events[4500].mentions[0].document"));
  g_clear_error (&error);
  g_assert_cmpint (annals_database_count_events (database, NULL), ==, 0);

  g_assert_true (import_json_file (database, good, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events_added, ==, 5000);
  g_assert_cmpuint (stats.events_merged, ==, 1000);

  other = annals_database_open (other_path, &error);
  g_assert_no_error (error);
  g_clear_object (&set);
  set = make_bulk_set (5000, 1000, 1000000);
  annals_database_add_set (other, set, NULL, &error);
  g_assert_no_error (error);
  after = export_json (database);
  expected = export_json (other);
  g_assert_cmpstr (after, ==, expected);
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
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  database = annals_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "schema version 5"));
  g_clear_error (&error);

  /* The version is a signed number in the file's header. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  database = annals_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "schema version -2"));
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
  ADD ("rollback-bulk", test_rollback_bulk);
  ADD ("store", test_store);
  ADD ("store-in-transaction", test_store_in_transaction);
  ADD ("search", test_search);
  ADD ("migration", test_migration);
  ADD ("bulk-import", test_bulk_import);
  ADD ("search-backlog", test_search_backlog);
  ADD ("import-json-file", test_import_json_file);
  ADD ("refused-files", test_refused_files);
  ADD ("corrupt", test_corrupt);
  ADD ("corrupt-deferred", test_corrupt_deferred);
  ADD ("deferred-check", test_deferred_check);
  ADD ("busy", test_busy);
  ADD ("full", test_full);

#undef ADD

  return g_test_run ();
}
