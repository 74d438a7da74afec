/* annals-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "annals-database.h"
#include "annals-json.h"
#include "annals-database-private.h"
#include "annals-row-source.h"

/* "Anls": marks the file as an Annals database, so that another
 * program's SQLite file is recognised and refused. */
#define DATABASE_APPLICATION_ID 0x416E6C73

/* Long enough to wait out another import's commit, short enough that a
 * database held open by a stuck program is reported quickly. */
#define BUSY_TIMEOUT_MS 2000

struct _AnnalsDatabase
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  int           schema_version;

  sqlite3_stmt *insert_document;
  sqlite3_stmt *find_document;
  sqlite3_stmt *insert_event;
  sqlite3_stmt *find_merge_candidates;
  sqlite3_stmt *insert_mention;
  sqlite3_stmt *insert_participant;
  sqlite3_stmt *update_n_mentions;
  sqlite3_stmt *select_event;
  sqlite3_stmt *select_mentions;
  sqlite3_stmt *select_participants;
  sqlite3_stmt *select_document;
  sqlite3_stmt *flush_events;
  sqlite3_stmt *flush_mentions;
  sqlite3_stmt *flush_participants;

  /* What an import into an empty database holds back (see PendingEvent),
   * and the tables through which SQL reads it. */
  GArray          *pending_events;        /* PendingEvent */
  GArray          *pending_mentions;      /* PendingMention */
  GArray          *pending_participants;  /* PendingParticipant */
  AnnalsRowSource  events_source;
  AnnalsRowSource  mentions_source;
  AnnalsRowSource  participants_source;

  GError       *check_error;   /* what the integrity check found wrong */
  guint         checked : 1;   /* the integrity check ran on this connection */
};

G_DEFINE_FINAL_TYPE (AnnalsDatabase, annals_database, G_TYPE_OBJECT)

static void     merge_key_function   (sqlite3_context  *context,
                                      int               argc,
                                      sqlite3_value   **argv);
static gboolean register_row_sources (AnnalsDatabase   *self,
                                      GError          **error);

/* The secondary indexes, apart: an import into an empty database builds
 * them after the rows (see begin_import), which is faster than keeping
 * them sorted row by row. */
#define CREATE_EVENTS_BY_UID        "CREATE UNIQUE INDEX events_by_uid ON events (uid);"
#define CREATE_EVENTS_BY_TIME       "CREATE INDEX events_by_time ON events (first_day, end_day);"
#define CREATE_EVENTS_BY_MERGE_KEY  "CREATE INDEX events_by_merge_key ON events (merge_key);"
#define CREATE_MENTIONS_BY_DOCUMENT "CREATE INDEX mentions_by_document ON mentions (document);"
#define DROP_SECONDARY_INDEXES \
  "DROP INDEX events_by_uid;" \
  "DROP INDEX events_by_time;" \
  "DROP INDEX events_by_merge_key;" \
  "DROP INDEX mentions_by_document;"
#define CREATE_SECONDARY_INDEXES \
  CREATE_EVENTS_BY_UID \
  CREATE_EVENTS_BY_TIME \
  CREATE_EVENTS_BY_MERGE_KEY \
  CREATE_MENTIONS_BY_DOCUMENT

/* How far the full-text index goes: the rows of larger ids are indexed
 * later (see annals_database_update_search_index()). */
#define SEARCH_EVENTS_UPTO \
  "(SELECT CAST(value AS INTEGER) FROM properties WHERE key = 'search_events_upto')"
#define SEARCH_DOCUMENTS_UPTO \
  "(SELECT CAST(value AS INTEGER) FROM properties WHERE key = 'search_documents_upto')"

/* Migration i brings the schema from version i to version i + 1. They
 * only ever move forward; a database newer than the last one is refused.
 * They run with foreign keys off, so that a table can be rebuilt. */
static const char * const migrations[] = {
  /* 0 → 1: the tables. */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT,"
  "  source TEXT,"
  "  url TEXT,"
  "  published TEXT,"
  "  text TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  extra TEXT"
  ");"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL,"
  "  norm_title TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  start TEXT,"
  "  \"end\" TEXT,"
  "  first_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL,"
  "  start_precision INTEGER NOT NULL,"
  "  end_precision INTEGER NOT NULL,"
  "  host_country TEXT,"
  "  country INTEGER NOT NULL,"
  "  host_place TEXT,"
  "  confidence REAL NOT NULL,"
  "  n_mentions INTEGER NOT NULL,"
  "  extra TEXT"
  ");"
  "CREATE INDEX events_by_time ON events (first_day, end_day);"
  "CREATE INDEX events_by_title ON events (kind, norm_title);"
  "CREATE TABLE mentions ("
  "  event INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL,"
  "  \"end\" INTEGER NOT NULL,"
  "  PRIMARY KEY (event, position)"
  ") WITHOUT ROWID;"
  CREATE_MENTIONS_BY_DOCUMENT
  "CREATE TABLE participants ("
  "  event INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  country TEXT NOT NULL,"
  "  PRIMARY KEY (event, position)"
  ") WITHOUT ROWID;"
  "CREATE TABLE properties ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;",

  /* 1 → 2: full-text search over event titles and document text, filled
   * from what is already stored. */
  "CREATE VIRTUAL TABLE events_fts USING fts5 ("
  "  title, content='events', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE VIRTUAL TABLE documents_fts USING fts5 ("
  "  text, content='documents', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title) VALUES ('delete', old.id, old.title);"
  "END;"
  "CREATE TRIGGER events_fts_update AFTER UPDATE OF title ON events BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title) VALUES ('delete', old.id, old.title);"
  "  INSERT INTO events_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;"
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "INSERT INTO events_fts (events_fts) VALUES ('rebuild');"
  "INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');",

  /* 2 → 3: the events in time order with every field the index needs,
   * which replaces the index on time alone. */
  "CREATE INDEX events_in_time_order ON events (first_day, end_day, id, kind, status,"
  " start_precision, end_precision, country, n_mentions, title);"
  "DROP INDEX events_by_time;",

  /* 3 → 4: for a faster import. The merge key is a 64-bit hash of the
   * kind and normalized title instead of the title again; the event id's
   * uniqueness is an index of its own, which an import into an empty
   * database can build at the end; time has a narrow index again (the
   * store sorts what it reads); and the full-text index may lag behind the
   * rows, up to the ids in properties, and catches up in its own
   * transactions. A mention keeps the members Annals does not know. */
  "CREATE TABLE events_v4 ("
  "  id INTEGER PRIMARY KEY,"
  "  uid TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  merge_key INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  start TEXT,"
  "  \"end\" TEXT,"
  "  first_day INTEGER NOT NULL,"
  "  end_day INTEGER NOT NULL,"
  "  start_precision INTEGER NOT NULL,"
  "  end_precision INTEGER NOT NULL,"
  "  host_country TEXT,"
  "  country INTEGER NOT NULL,"
  "  host_place TEXT,"
  "  confidence REAL NOT NULL,"
  "  n_mentions INTEGER NOT NULL,"
  "  extra TEXT"
  ");"
  "INSERT INTO events_v4 (id, uid, title, merge_key, kind, status, start, \"end\", first_day,"
  " end_day, start_precision, end_precision, host_country, country, host_place, confidence,"
  " n_mentions, extra)"
  " SELECT id, uid, title, annals_merge_key (kind, title), kind, status, start, \"end\", first_day,"
  " end_day, start_precision, end_precision, host_country, country, host_place, confidence,"
  " n_mentions, extra FROM events;"
  "DROP TABLE events;"
  "ALTER TABLE events_v4 RENAME TO events;"
  CREATE_EVENTS_BY_UID
  CREATE_EVENTS_BY_TIME
  CREATE_EVENTS_BY_MERGE_KEY
  "ALTER TABLE mentions ADD COLUMN extra TEXT;"
  "DROP TRIGGER documents_fts_delete;"
  "DROP TRIGGER documents_fts_update;"
  "INSERT OR REPLACE INTO properties (key, value)"
  " VALUES ('search_events_upto', (SELECT ifnull(max(id), 0) FROM events)),"
  " ('search_documents_upto', (SELECT ifnull(max(id), 0) FROM documents));"
  "CREATE TRIGGER events_fts_delete AFTER DELETE ON events"
  " WHEN old.id <= " SEARCH_EVENTS_UPTO " BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title) VALUES ('delete', old.id, old.title);"
  "END;"
  "CREATE TRIGGER events_fts_update AFTER UPDATE OF title ON events"
  " WHEN old.id <= " SEARCH_EVENTS_UPTO " BEGIN"
  "  INSERT INTO events_fts (events_fts, rowid, title) VALUES ('delete', old.id, old.title);"
  "  INSERT INTO events_fts (rowid, title) VALUES (new.id, new.title);"
  "END;"
  "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents"
  " WHEN old.id <= " SEARCH_DOCUMENTS_UPTO " BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;"
  "CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents"
  " WHEN old.id <= " SEARCH_DOCUMENTS_UPTO " BEGIN"
  "  INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ANNALS_DATABASE_SCHEMA_VERSION);

typedef struct
{
  gint64  rowid;
  char   *uid;
  guint   length;
} StoredDocument;

static void
stored_document_free (gpointer data)
{
  StoredDocument *document = data;

  g_free (document->uid);
  g_free (document);
}

static gboolean
set_sqlite_error (const char  *path,
                  sqlite3     *db,
                  int          rc,
                  GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_BUSY,
                   _("%s: the database is locked by another program; try again when it is done"),
                   path);
      break;

    case SQLITE_READONLY:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_READ_ONLY,
                   _("%s: the database is read-only"), path);
      break;

    case SQLITE_FULL:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FULL,
                   _("%s: the disk is full or the database reached its size limit; nothing was written"),
                   path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT,
                   _("%s: the database is corrupt (%s)"), path, detail);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE,
                   _("%s: not an Annals database (%s)"), path, detail);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   _("%s: cannot open the database (%s)"), path, detail);
      break;

    default:
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", path, detail);
      break;
    }

  return FALSE;
}

static gboolean
fail_sqlite (AnnalsDatabase  *self,
             int              rc,
             GError         **error)
{
  return set_sqlite_error (self->path, self->db, rc, error);
}

static gboolean
execute (AnnalsDatabase  *self,
         const char      *sql,
         GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

static gboolean
query_int (AnnalsDatabase  *self,
           const char      *sql,
           gint64          *value,
           GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *value = 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

static gboolean
prepare (AnnalsDatabase  *self,
         sqlite3_stmt   **stmt,
         const char      *sql,
         GError         **error)
{
  int rc;

  if (*stmt != NULL)
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
      return TRUE;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

/* Runs a statement that returns no rows and resets it. */
static gboolean
step_done (AnnalsDatabase  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* What a mention row must be to become an AnnalsMention: a damaged file
 * can hold a NULL document id or a span that ends before it starts. */
#define VALID_MENTION \
  "d.uid IS NOT NULL AND m.start BETWEEN 0 AND m.\"end\" AND m.\"end\" <= 4294967295"

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  /* A damaged file can hold bytes that are not UTF-8 (or a NUL): they
   * must not reach the model, so the value reads as U+FFFD. */
  if (text != NULL && !g_utf8_validate (text, sqlite3_column_bytes (stmt, column), NULL))
    return "\xEF\xBF\xBD";

  return text;
}

static void
rollback (AnnalsDatabase *self)
{
  /* SQLite may have rolled back by itself (a full disk does that). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Checks that a file Annals is about to open is an SQLite file at all,
 * before SQLite gets to it: a text file named "x.annals" must be refused
 * without being touched. */
static gboolean
check_file (const char  *path,
            gboolean    *exists,
            GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16];
  GStatBuf info;
  FILE *file;
  gsize n_read;

  *exists = FALSE;

  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISDIR (info.st_mode))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE,
                   _("%s: is a folder, not an Annals database"), path);
      return FALSE;
    }

  /* A FIFO or a device would block or never end. */
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE,
                   _("%s: not a regular file, not an Annals database"), path);
      return FALSE;
    }

  /* An empty file is what a new database looks like to SQLite. */
  if (info.st_size == 0)
    return TRUE;

  *exists = TRUE;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  if (info.st_size < 512 || n_read != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE,
                   _("%s: not an Annals database (not an SQLite file)"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
quick_check (AnnalsDatabase  *self,
             GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 (column_text (stmt, 0), "ok") != 0)
    problem = g_strdup (column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    return fail_sqlite (self, rc, error);

  if (problem != NULL)
    {
      /* SQLite lists problems on several lines; the report is one line. */
      g_strstrip (g_strdelimit (problem, "\r\n", ' '));
      if (g_str_has_prefix (problem, "*** in database main *** "))
        memmove (problem, problem + strlen ("*** in database main *** "),
                 strlen (problem) - strlen ("*** in database main *** ") + 1);

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT,
                   _("%s: the database is corrupt (%s)"), self->path, problem);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ensure_checked (AnnalsDatabase  *self,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!self->checked)
    {
      if (!quick_check (self, &local_error))
        {
          /* A busy database is not a corrupt one: the check runs again. */
          if (g_error_matches (local_error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_BUSY))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          self->check_error = g_error_copy (local_error);
        }
      self->checked = TRUE;
    }

  if (self->check_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->check_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (AnnalsDatabase  *self,
         gint64           version,
         gint64           target,
         GError         **error)
{
  g_autofree char *set_version = NULL;

  if (sqlite3_db_readonly (self->db, "main"))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_READ_ONLY,
                   _("%s: the database is read-only and needs an upgrade to schema version %d"),
                   self->path, (int) target);
      return FALSE;
    }

  /* WAL lets the app read while an import writes; it is a property of
   * the file, so it is set once, outside a transaction. */
  if (version == 0 && !execute (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  set_version = g_strdup_printf ("PRAGMA application_id = %d", DATABASE_APPLICATION_ID);
  if (version == 0 && !execute (self, set_version, error))
    return FALSE;
  g_clear_pointer (&set_version, g_free);

  /* A migration may rebuild a table, which must not cascade to the rows
   * that refer to it; the pragma only works outside a transaction. */
  if (!execute (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  if (!execute (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (gint64 i = version; i < target; i++)
    {
      g_debug ("Migrating %s from schema version %d to %d",
               self->path, (int) i, (int) i + 1);

      if (!execute (self, migrations[i], error))
        {
          rollback (self);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) target);
  if (!execute (self, set_version, error) ||
      !execute (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }

  return execute (self, "PRAGMA foreign_keys = ON", error);
}

static gboolean
open_database (AnnalsDatabase          *self,
               gint64                   target_version,
               AnnalsDatabaseOpenFlags  flags,
               GError                 **error)
{
  const char *max_pages;
  gboolean exists;
  gint64 version, application_id, n_objects;
  int rc;

  if (!check_file (self->path, &exists, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->path, self->db, rc, error);
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  rc = sqlite3_create_function (self->db, "annals_merge_key", 2,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                NULL, merge_key_function, NULL, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  if (!register_row_sources (self, error))
    return FALSE;

  /* A new database has nothing to check. */
  self->checked = !exists;
  if (!(flags & ANNALS_DATABASE_OPEN_DEFER_CHECK) && !ensure_checked (self, error))
    return FALSE;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != DATABASE_APPLICATION_ID) ||
      (application_id == 0 && (version != 0 || n_objects != 0)))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_NOT_DATABASE,
                   _("%s: an SQLite database of another program, not an Annals database"),
                   self->path);
      return FALSE;
    }

  /* The header holds a signed number: a damaged one can be negative. */
  if (version < 0)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT,
                   _("%s: the database is corrupt (schema version %d)"),
                   self->path, (int) version);
      return FALSE;
    }

  if (version > ANNALS_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_VERSION,
                   _("%s: the database has schema version %d, newer than this version of Annals reads (%d)"),
                   self->path, (int) version, ANNALS_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!execute (self, "PRAGMA foreign_keys = ON", error) ||
      !execute (self, "PRAGMA synchronous = NORMAL", error) ||
      !execute (self, "PRAGMA cache_size = -65536", error) ||
      !execute (self, "PRAGMA threads = 2", error))
    return FALSE;

  /* Only the tests use this: it makes "the disk is full" happen at will. */
  max_pages = g_getenv ("ANNALS_TEST_MAX_PAGE_COUNT");
  if (max_pages != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GUINT64_FORMAT,
                                              g_ascii_strtoull (max_pages, NULL, 10));
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
        sqlite3_step (stmt);
      sqlite3_finalize (stmt);
    }

  if (version < target_version &&
      (!ensure_checked (self, error) || !migrate (self, version, target_version, error)))
    return FALSE;

  self->schema_version = (int) MAX (version, target_version);

  return TRUE;
}

static gboolean
lookup_document (AnnalsDatabase  *self,
                 const char      *uid,
                 gint64          *rowid,
                 guint           *length,
                 char           **text,
                 GError         **error)
{
  int rc;

  if (!prepare (self, &self->find_document,
                "SELECT id, length, text FROM documents WHERE uid = ?1", error))
    return FALSE;

  sqlite3_bind_text (self->find_document, 1, uid, -1, SQLITE_STATIC);
  rc = sqlite3_step (self->find_document);

  if (rc == SQLITE_ROW)
    {
      *rowid = sqlite3_column_int64 (self->find_document, 0);
      *length = (guint) sqlite3_column_int64 (self->find_document, 1);
      if (text != NULL)
        *text = g_strdup (column_text (self->find_document, 2));
    }
  else
    {
      *rowid = 0;
    }

  sqlite3_reset (self->find_document);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

/* Stores a document, or finds the stored one with the same id and text.
 * A stored document with the same id but another text stays as it is;
 * this one gets a new id ("id-2", "id-3", …) and its events' mentions
 * point there. */
static gboolean
add_document (AnnalsDatabase  *self,
              AnnalsDocument  *document,
              GHashTable      *stored_documents,
              guint           *n_added,
              GError         **error)
{
  const char *id = annals_document_get_id (document);
  const char *text = annals_document_get_text (document);
  const AnnalsDate *published = annals_document_get_published (document);
  g_autofree char *published_text = NULL;
  g_autofree char *uid = g_strdup (id);
  StoredDocument *stored;

  if (text == NULL)
    text = "";

  if (published != NULL && annals_date_is_set (published))
    published_text = annals_date_to_iso (published);

  for (guint attempt = 2; ; attempt++)
    {
      g_autofree char *stored_text = NULL;
      gint64 rowid;
      guint length;
      int rc;

      if (!prepare (self, &self->insert_document,
                    "INSERT INTO documents (uid, title, source, url, published, text, length, extra)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error))
        return FALSE;

      sqlite3_bind_text (self->insert_document, 1, uid, -1, SQLITE_STATIC);
      bind_text_or_null (self->insert_document, 2, annals_document_get_title (document));
      bind_text_or_null (self->insert_document, 3, annals_document_get_source (document));
      bind_text_or_null (self->insert_document, 4, annals_document_get_url (document));
      bind_text_or_null (self->insert_document, 5, published_text);
      sqlite3_bind_text (self->insert_document, 6, text, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->insert_document, 7, annals_document_get_length (document));
      bind_text_or_null (self->insert_document, 8, annals_document_get_extra_json (document));

      rc = sqlite3_step (self->insert_document);
      sqlite3_reset (self->insert_document);

      if (rc == SQLITE_DONE)
        {
          stored = g_new0 (StoredDocument, 1);
          stored->rowid = sqlite3_last_insert_rowid (self->db);
          stored->uid = g_steal_pointer (&uid);
          stored->length = annals_document_get_length (document);
          g_hash_table_insert (stored_documents, g_strdup (id), stored);
          (*n_added)++;
          return TRUE;
        }

      if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return fail_sqlite (self, rc, error);

      if (!lookup_document (self, uid, &rowid, &length, &stored_text, error))
        return FALSE;

      if (rowid != 0 && g_strcmp0 (stored_text, text) == 0)
        {
          stored = g_new0 (StoredDocument, 1);
          stored->rowid = rowid;
          stored->uid = g_steal_pointer (&uid);
          stored->length = length;
          g_hash_table_insert (stored_documents, g_strdup (id), stored);
          return TRUE;
        }

      g_free (uid);
      uid = g_strdup_printf ("%s-%u", id, attempt);
    }
}

/* The stored document a mention names: one of this import's, or one
 * stored before. */
static StoredDocument *
resolve_document (AnnalsDatabase  *self,
                  GHashTable      *stored_documents,
                  const char      *id,
                  GError         **error)
{
  StoredDocument *stored = g_hash_table_lookup (stored_documents, id);
  gint64 rowid;
  guint length;

  if (stored != NULL)
    return stored;

  if (!lookup_document (self, id, &rowid, &length, NULL, error))
    return NULL;

  if (rowid == 0)
    return NULL;

  stored = g_new0 (StoredDocument, 1);
  stored->rowid = rowid;
  stored->uid = g_strdup (id);
  stored->length = length;
  g_hash_table_insert (stored_documents, g_strdup (id), stored);

  return stored;
}

static gboolean
check_mentions (AnnalsDatabase  *self,
                AnnalsEvent     *event,
                const char      *name,
                guint            index,
                GHashTable      *stored_documents,
                GError         **error)
{
  guint n_mentions = annals_event_get_n_mentions (event);

  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);
      g_autoptr(GError) local_error = NULL;
      StoredDocument *stored;

      stored = resolve_document (self, stored_documents, mention->document_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (stored == NULL)
        {
          g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_INVALID,
                       _("%s: events[%u].mentions[%u].document: no document “%s” in the file or the database"),
                       name, index, i, mention->document_id);
          return FALSE;
        }

      if (mention->end < mention->start || mention->end > stored->length)
        {
          g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_INVALID,
                       _("%s: events[%u].mentions[%u]: the mention [%u, %u) lies outside document “%s”, which has %u characters"),
                       name, index, i, mention->start, mention->end,
                       mention->document_id, stored->length);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
insert_mention (AnnalsDatabase  *self,
                gint64           event_rowid,
                guint            position,
                gint64           document_rowid,
                guint            start,
                guint            end,
                const char      *extra_json,
                GError         **error)
{
  if (!prepare (self, &self->insert_mention,
                "INSERT INTO mentions (event, position, document, start, \"end\", extra)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error))
    return FALSE;

  sqlite3_bind_int64 (self->insert_mention, 1, event_rowid);
  sqlite3_bind_int64 (self->insert_mention, 2, position);
  sqlite3_bind_int64 (self->insert_mention, 3, document_rowid);
  sqlite3_bind_int64 (self->insert_mention, 4, start);
  sqlite3_bind_int64 (self->insert_mention, 5, end);
  bind_text_or_null (self->insert_mention, 6, extra_json);

  return step_done (self, self->insert_mention, error);
}

static gboolean
insert_participant (AnnalsDatabase  *self,
                    gint64           event_rowid,
                    guint            position,
                    const char      *country,
                    GError         **error)
{
  if (!prepare (self, &self->insert_participant,
                "INSERT INTO participants (event, position, country) VALUES (?1, ?2, ?3)",
                error))
    return FALSE;

  sqlite3_bind_int64 (self->insert_participant, 1, event_rowid);
  sqlite3_bind_int64 (self->insert_participant, 2, position);
  sqlite3_bind_text (self->insert_participant, 3, country, -1, SQLITE_STATIC);

  return step_done (self, self->insert_participant, error);
}

/* An import into an empty database holds its new events back, with their
 * mentions and participants, and writes them a batch at a time, each
 * table with one INSERT … SELECT from a row source (annals-row-source.h):
 * a statement per row cost three times as much. The events get their
 * row ids here, which the write lock held since begin_import makes safe. */
#define PENDING_BATCH 4096

typedef struct
{
  gint64             id;
  AnnalsEvent       *event;       /* a reference: its strings are read from it */
  char              *uid;         /* NULL: the event's own id */
  char              *start;
  char              *end;
  gint64             merge_key;
  AnnalsEventRecord  record;
} PendingEvent;

typedef struct
{
  gint64      event;
  gint64      document;
  guint32     position;
  guint32     start;
  guint32     end;
  const char *extra_json;   /* the event's mention's, which its PendingEvent holds */
} PendingMention;

typedef struct
{
  gint64      event;
  const char *country;   /* the event's, which its PendingEvent holds */
  guint32     position;
} PendingParticipant;

static void
pending_event_clear (gpointer data)
{
  PendingEvent *pending = data;

  g_clear_object (&pending->event);
  g_clear_pointer (&pending->uid, g_free);
  g_clear_pointer (&pending->start, g_free);
  g_clear_pointer (&pending->end, g_free);
}

static inline void
result_text_or_null (sqlite3_context *context,
                     const char      *text)
{
  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, text, -1, SQLITE_STATIC);
}

#define PENDING_EVENT_COLUMNS \
  "id, uid, title, merge_key, kind, status, start, \"end\", first_day, end_day," \
  " start_precision, end_precision, host_country, country, host_place, confidence," \
  " n_mentions, extra"

static void
pending_event_column (gconstpointer    rows,
                      guint            row,
                      int              column,
                      sqlite3_context *context)
{
  const PendingEvent *pending = (const PendingEvent *) rows + row;

  switch (column)
    {
    case 0: sqlite3_result_int64 (context, pending->id); break;
    case 1: result_text_or_null (context, pending->uid != NULL ? pending->uid
                                                               : annals_event_get_id (pending->event)); break;
    case 2: result_text_or_null (context, annals_event_get_title (pending->event)); break;
    case 3: sqlite3_result_int64 (context, pending->merge_key); break;
    case 4: sqlite3_result_int (context, pending->record.kind); break;
    case 5: sqlite3_result_int (context, pending->record.status); break;
    case 6: result_text_or_null (context, pending->start); break;
    case 7: result_text_or_null (context, pending->end); break;
    case 8: sqlite3_result_int64 (context, pending->record.first_day); break;
    case 9: sqlite3_result_int64 (context, pending->record.end_day); break;
    case 10: sqlite3_result_int (context, pending->record.start_precision); break;
    case 11: sqlite3_result_int (context, pending->record.end_precision); break;
    case 12: result_text_or_null (context, annals_event_get_host_country (pending->event)); break;
    case 13: sqlite3_result_int (context, pending->record.host_country); break;
    case 14: result_text_or_null (context, annals_event_get_host_place (pending->event)); break;
    case 15: sqlite3_result_double (context, annals_event_get_confidence (pending->event)); break;
    case 16: sqlite3_result_int64 (context, annals_event_get_n_mentions (pending->event)); break;
    case 17: result_text_or_null (context, annals_event_get_extra_json (pending->event)); break;
    default: sqlite3_result_null (context); break;
    }
}

static void
pending_mention_column (gconstpointer    rows,
                        guint            row,
                        int              column,
                        sqlite3_context *context)
{
  const PendingMention *pending = (const PendingMention *) rows + row;

  switch (column)
    {
    case 0: sqlite3_result_int64 (context, pending->event); break;
    case 1: sqlite3_result_int64 (context, pending->position); break;
    case 2: sqlite3_result_int64 (context, pending->document); break;
    case 3: sqlite3_result_int64 (context, pending->start); break;
    case 4: sqlite3_result_int64 (context, pending->end); break;
    case 5: result_text_or_null (context, pending->extra_json); break;
    default: sqlite3_result_null (context); break;
    }
}

static void
pending_participant_column (gconstpointer    rows,
                            guint            row,
                            int              column,
                            sqlite3_context *context)
{
  const PendingParticipant *pending = (const PendingParticipant *) rows + row;

  switch (column)
    {
    case 0: sqlite3_result_int64 (context, pending->event); break;
    case 1: sqlite3_result_int64 (context, pending->position); break;
    case 2: result_text_or_null (context, pending->country); break;
    default: sqlite3_result_null (context); break;
    }
}

static gboolean
register_row_sources (AnnalsDatabase  *self,
                      GError         **error)
{
  int rc;

  self->events_source.declaration = "CREATE TABLE x (" PENDING_EVENT_COLUMNS ")";
  self->events_source.column = pending_event_column;
  self->mentions_source.declaration = "CREATE TABLE x (event, position, document, start, \"end\", extra)";
  self->mentions_source.column = pending_mention_column;
  self->participants_source.declaration = "CREATE TABLE x (event, position, country)";
  self->participants_source.column = pending_participant_column;

  if ((rc = annals_row_source_register (self->db, "annals_pending_events", &self->events_source)) != SQLITE_OK ||
      (rc = annals_row_source_register (self->db, "annals_pending_mentions", &self->mentions_source)) != SQLITE_OK ||
      (rc = annals_row_source_register (self->db, "annals_pending_participants", &self->participants_source)) != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

static void
clear_pending (AnnalsDatabase *self)
{
  if (self->pending_events != NULL)
    g_array_set_size (self->pending_events, 0);
  if (self->pending_mentions != NULL)
    g_array_set_size (self->pending_mentions, 0);
  if (self->pending_participants != NULL)
    g_array_set_size (self->pending_participants, 0);
}

/* The id of the first event held back, or G_MAXINT64. */
static gint64
first_pending_id (AnnalsDatabase *self)
{
  if (self->pending_events == NULL || self->pending_events->len == 0)
    return G_MAXINT64;

  return g_array_index (self->pending_events, PendingEvent, 0).id;
}

static gboolean
run_insert_select (AnnalsDatabase   *self,
                   sqlite3_stmt    **stmt,
                   const char       *sql,
                   AnnalsRowSource  *source,
                   GArray           *rows,
                   GError          **error)
{
  gboolean ok;

  if (rows->len == 0)
    return TRUE;

  if (!prepare (self, stmt, sql, error))
    return FALSE;

  source->rows = rows->data;
  source->n_rows = rows->len;
  ok = step_done (self, *stmt, error);
  source->rows = NULL;
  source->n_rows = 0;

  return ok;
}

/* Writes what the import holds back. */
static gboolean
flush_pending (AnnalsDatabase  *self,
               GError         **error)
{
  gboolean ok;

  if (self->pending_events == NULL || self->pending_events->len == 0)
    return TRUE;

  ok = run_insert_select (self, &self->flush_events,
                          "INSERT INTO events (" PENDING_EVENT_COLUMNS ")"
                          " SELECT * FROM annals_pending_events",
                          &self->events_source, self->pending_events, error) &&
       run_insert_select (self, &self->flush_mentions,
                          "INSERT INTO mentions (event, position, document, start, \"end\", extra)"
                          " SELECT * FROM annals_pending_mentions",
                          &self->mentions_source, self->pending_mentions, error) &&
       run_insert_select (self, &self->flush_participants,
                          "INSERT INTO participants (event, position, country)"
                          " SELECT * FROM annals_pending_participants",
                          &self->participants_source, self->pending_participants, error);

  clear_pending (self);

  return ok;
}

/* The events an import may merge into, by kind and normalized title,
 * held in memory so that an import does not query the database per
 * event. Loaded once per import, at its start into an empty database,
 * after its first thousand events into one of up to 250,000 events
 * (every key of it), and kept up to date with each event the import
 * adds. Before that, and into a larger database, each event asks the
 * database for its candidates instead. */
#define MERGE_KEYS_MAX_STORED 250000
#define MERGE_KEYS_AFTER_QUERIES 1000

typedef struct
{
  gint64 rowid;
  gint32 first_day;
  guint  previous;   /* the candidate of the same key stored before, + 1, or 0 */
} MergeCandidate;

typedef struct
{
  GHashTable *newest;      /* merge key → index + 1 in candidates of the last one stored */
  GArray     *candidates;  /* MergeCandidate */
} MergeKeys;

static void
merge_keys_free (MergeKeys *keys)
{
  g_hash_table_unref (keys->newest);
  g_array_unref (keys->candidates);
  g_free (keys);
}

/* FNV-1a over the kind and the normalized title: a key that stands for
 * both in the events_by_merge_key index, stored, so never to change. Two
 * events of one key are compared in full before they merge. */
static gint64
make_merge_key (int         kind,
                const char *normalized_title)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  hash = (hash ^ (guint8) kind) * G_GUINT64_CONSTANT (0x100000001b3);
  for (const guchar *p = (const guchar *) normalized_title; *p != '\0'; p++)
    hash = (hash ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);

  return (gint64) hash;
}

/* annals_merge_key(kind, title) in SQL, for the migration to version 4. */
static void
merge_key_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  const char *title = (const char *) sqlite3_value_text (argv[1]);
  g_autofree char *normalized = annals_event_normalize_title (title != NULL ? title : "");

  sqlite3_result_int64 (context, make_merge_key (sqlite3_value_int (argv[0]), normalized));
}

/* The hash table holds the key in a pointer: where a pointer is narrower,
 * keys that differ in their high bits share a chain, and are told apart
 * when their titles are compared. */
static inline gpointer
merge_key_pointer (gint64 key)
{
  return (gpointer) (guintptr) (guint64) key;
}

static void
merge_keys_add (MergeKeys  *keys,
                gint64      key,
                gint64      rowid,
                gint32      first_day)
{
  MergeCandidate candidate = { rowid, first_day, 0 };

  candidate.previous = GPOINTER_TO_UINT (g_hash_table_lookup (keys->newest, merge_key_pointer (key)));
  g_array_append_val (keys->candidates, candidate);
  g_hash_table_replace (keys->newest, merge_key_pointer (key), GUINT_TO_POINTER (keys->candidates->len));
}

static MergeKeys *
load_merge_keys (AnnalsDatabase  *self,
                 gint64           n_stored,
                 GError         **error)
{
  const char *max_stored = g_getenv ("ANNALS_TEST_MERGE_KEYS_MAX");
  MergeKeys *keys;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The tests set a lower bound to take the other path on small data. */
  if (n_stored > (max_stored != NULL ? g_ascii_strtoll (max_stored, NULL, 10) : MERGE_KEYS_MAX_STORED))
    return NULL;

  keys = g_new0 (MergeKeys, 1);
  keys->newest = g_hash_table_new (g_direct_hash, g_direct_equal);
  keys->candidates = g_array_sized_new (FALSE, FALSE, sizeof (MergeCandidate), (guint) n_stored);

  if (n_stored == 0)
    return keys;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, merge_key, first_day FROM events ORDER BY id",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      merge_keys_add (keys,
                      sqlite3_column_int64 (stmt, 1),
                      sqlite3_column_int64 (stmt, 0),
                      sqlite3_column_int (stmt, 2));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      merge_keys_free (keys);
      fail_sqlite (self, rc, error);
      return NULL;
    }

  return keys;
}

/* Whether a stored start can hold or lie in a new one: see
 * find_merge_target(). */
static inline gboolean
candidate_in_window (gint32 first_day,
                     gint64 from,
                     gint64 to)
{
  return first_day == ANNALS_DAY_UNDATED || (first_day >= from && first_day < to);
}

#define MAX_MERGE_CANDIDATES 64

static gboolean
find_merge_target (AnnalsDatabase  *self,
                   MergeKeys       *keys,
                   AnnalsEvent     *event,
                   gint64           merge_key,
                   gint64           first_pending,
                   AnnalsEvent    **target,
                   gint64          *target_rowid,
                   GError         **error)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  const AnnalsDate *start = annals_event_get_start (event);
  gboolean dated = start != NULL && annals_date_is_set (start);
  gint64 from = G_MININT32, to = G_MAXINT32;
  int rc;

  *target = NULL;

  /* Dates merge when one start contains the other, or one is unset: a
   * stored start then begins at most a year (the longest period) before
   * this one, and before this one ends. Only those rows are loaded, so
   * that a title that recurs every year does not load every year. */
  if (dated)
    {
      from = (gint64) annals_date_get_first_day (start) - 366;
      to = annals_date_get_end_day (start);
    }

  if (keys != NULL)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (keys->newest, merge_key_pointer (merge_key)));

      /* Newest first in the chain; the candidates are wanted oldest first. */
      while (index != 0)
        {
          const MergeCandidate *candidate = &g_array_index (keys->candidates, MergeCandidate, index - 1);

          if (candidate_in_window (candidate->first_day, from, to))
            g_array_prepend_val (candidates, candidate->rowid);
          index = candidate->previous;
        }

      if (candidates->len > MAX_MERGE_CANDIDATES)
        g_array_set_size (candidates, MAX_MERGE_CANDIDATES);
    }
  else
    {
      if (!prepare (self, &self->find_merge_candidates,
                    "SELECT id FROM events WHERE merge_key = ?1"
                    " AND (first_day = 2147483647 OR (first_day >= ?2 AND first_day < ?3))"
                    " ORDER BY id LIMIT 64", error))
        return FALSE;

      sqlite3_bind_int64 (self->find_merge_candidates, 1, merge_key);
      sqlite3_bind_int64 (self->find_merge_candidates, 2, from);
      sqlite3_bind_int64 (self->find_merge_candidates, 3, to);

      while ((rc = sqlite3_step (self->find_merge_candidates)) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (self->find_merge_candidates, 0);
          g_array_append_val (candidates, rowid);
        }
      sqlite3_reset (self->find_merge_candidates);

      if (rc != SQLITE_DONE)
        return fail_sqlite (self, rc, error);
    }

  /* An undated event says nothing of which of several stored events of
   * its title it is: it merges only when there is just one. */
  if (!dated && candidates->len > 1)
    return TRUE;

  /* A candidate still among the rows an import holds back is written
   * first, to be read like any other. */
  if (candidates->len > 0 && g_array_index (candidates, gint64, candidates->len - 1) >= first_pending &&
      !flush_pending (self, error))
    return FALSE;

  for (guint i = 0; i < candidates->len; i++)
    {
      gint64 rowid = g_array_index (candidates, gint64, i);
      g_autoptr(AnnalsEvent) stored = NULL;

      stored = annals_database_load_event (self, (guint32) rowid, error);
      if (stored == NULL)
        return FALSE;

      if (annals_event_can_merge (stored, event))
        {
          *target = g_steal_pointer (&stored);
          *target_rowid = rowid;
          return TRUE;
        }
    }

  return TRUE;
}

/* Adds the mentions and participants of @event that @stored lacks. */
static gboolean
merge_into (AnnalsDatabase  *self,
            AnnalsEvent     *stored,
            gint64           rowid,
            AnnalsEvent     *event,
            GHashTable      *stored_documents,
            GError         **error)
{
  const char * const *stored_participants = annals_event_get_participants (stored);
  const char * const *participants = annals_event_get_participants (event);
  guint n_stored_mentions = annals_event_get_n_mentions (stored);
  guint n_mentions = n_stored_mentions;
  guint n_participants = stored_participants != NULL ? g_strv_length ((char **) stored_participants) : 0;

  for (guint i = 0; i < annals_event_get_n_mentions (event); i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);
      StoredDocument *document = g_hash_table_lookup (stored_documents, mention->document_id);
      gboolean known = FALSE;

      g_assert (document != NULL);

      for (guint j = 0; j < n_stored_mentions && !known; j++)
        {
          const AnnalsMention *other = annals_event_get_mention (stored, j);

          known = other->start == mention->start &&
                  other->end == mention->end &&
                  g_strcmp0 (other->document_id, document->uid) == 0;
        }

      if (known)
        continue;

      if (!insert_mention (self, rowid, n_mentions, document->rowid,
                           mention->start, mention->end, mention->extra_json, error))
        return FALSE;

      /* Keeps a second identical mention in this event from being added. */
      annals_event_add_mention_full (stored, document->uid, mention->start, mention->end,
                                     mention->extra_json);
      n_stored_mentions++;
      n_mentions++;
    }

  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      if (stored_participants != NULL && g_strv_contains (stored_participants, participants[i]))
        continue;

      if (!insert_participant (self, rowid, n_participants++, participants[i], error))
        return FALSE;
    }

  if (!prepare (self, &self->update_n_mentions,
                "UPDATE events SET n_mentions = ?2 WHERE id = ?1", error))
    return FALSE;

  sqlite3_bind_int64 (self->update_n_mentions, 1, rowid);
  sqlite3_bind_int64 (self->update_n_mentions, 2, n_mentions);

  return step_done (self, self->update_n_mentions, error);
}

static gboolean
insert_event (AnnalsDatabase  *self,
              AnnalsEvent     *event,
              gint64           merge_key,
              GHashTable      *stored_documents,
              gint64          *rowid_out,
              gint32          *first_day_out,
              GError         **error)
{
  const char *id = annals_event_get_id (event);
  const AnnalsDate *start = annals_event_get_start (event);
  const AnnalsDate *end = annals_event_get_end (event);
  const char * const *participants = annals_event_get_participants (event);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *uid = g_strdup (id);
  AnnalsEventRecord record;
  gint64 rowid;
  guint n_mentions = annals_event_get_n_mentions (event);

  annals_event_record_init_from_event (&record, event);

  if (start != NULL && annals_date_is_set (start))
    start_text = annals_date_to_iso (start);
  if (end != NULL && annals_date_is_set (end))
    end_text = annals_date_to_iso (end);

  for (guint attempt = 2; ; attempt++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!prepare (self, &self->insert_event,
                    "INSERT INTO events (uid, title, merge_key, kind, status, start, \"end\","
                    " first_day, end_day, start_precision, end_precision, host_country, country,"
                    " host_place, confidence, n_mentions, extra)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                    error))
        return FALSE;

      stmt = self->insert_event;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, annals_event_get_title (event), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, merge_key);
      sqlite3_bind_int (stmt, 4, record.kind);
      sqlite3_bind_int (stmt, 5, record.status);
      bind_text_or_null (stmt, 6, start_text);
      bind_text_or_null (stmt, 7, end_text);
      sqlite3_bind_int64 (stmt, 8, record.first_day);
      sqlite3_bind_int64 (stmt, 9, record.end_day);
      sqlite3_bind_int (stmt, 10, record.start_precision);
      sqlite3_bind_int (stmt, 11, record.end_precision);
      bind_text_or_null (stmt, 12, annals_event_get_host_country (event));
      sqlite3_bind_int (stmt, 13, record.host_country);
      bind_text_or_null (stmt, 14, annals_event_get_host_place (event));
      sqlite3_bind_double (stmt, 15, annals_event_get_confidence (event));
      sqlite3_bind_int64 (stmt, 16, n_mentions);
      bind_text_or_null (stmt, 17, annals_event_get_extra_json (event));

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);

      if (rc == SQLITE_DONE)
        break;

      if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return fail_sqlite (self, rc, error);

      /* Another event holds this id: keep the file's id recognisable. */
      g_free (uid);
      uid = g_strdup_printf ("%s-%u", id, attempt);
    }

  rowid = sqlite3_last_insert_rowid (self->db);
  if (rowid > G_MAXUINT32)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FULL,
                   _("%s: the database holds as many events as Annals can index"),
                   self->path);
      return FALSE;
    }

  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);
      StoredDocument *document = g_hash_table_lookup (stored_documents, mention->document_id);

      g_assert (document != NULL);

      if (!insert_mention (self, rowid, i, document->rowid, mention->start, mention->end,
                           mention->extra_json, error))
        return FALSE;
    }

  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    if (!insert_participant (self, rowid, i, participants[i], error))
      return FALSE;

  *rowid_out = rowid;
  *first_day_out = record.first_day;

  return TRUE;
}

/* Merges the top-level members Annals does not know into the stored ones,
 * so that a re-export keeps them. */
static gboolean
merge_extra_json (AnnalsDatabase  *self,
                  const char      *extra_json,
                  GError         **error)
{
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) incoming = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *merged = NULL;
  sqlite3_stmt *stmt = NULL;
  JsonObject *object;
  int rc;

  incoming = json_from_string (extra_json, NULL);
  if (incoming == NULL || !JSON_NODE_HOLDS_OBJECT (incoming))
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM properties WHERE key = 'extra_json'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  if (sqlite3_step (stmt) == SQLITE_ROW && column_text (stmt, 0) != NULL)
    stored = json_from_string (column_text (stmt, 0), NULL);
  sqlite3_finalize (stmt);

  if (stored == NULL || !JSON_NODE_HOLDS_OBJECT (stored))
    {
      /* The node takes its own reference to the object. */
      JsonObject *empty = json_object_new ();

      g_clear_pointer (&stored, json_node_unref);
      stored = json_node_init_object (json_node_alloc (), empty);
      json_object_unref (empty);
    }

  object = json_node_get_object (stored);
  members = json_object_get_members (json_node_get_object (incoming));
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data,
                            json_node_copy (json_object_get_member (json_node_get_object (incoming), l->data)));

  merged = annals_json_node_to_string (stored);

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT OR REPLACE INTO properties (key, value) VALUES ('extra_json', ?1)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  sqlite3_bind_text (stmt, 1, merged, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

/* Adds the events of ids in (@events_from, @events_to] and the documents
 * of ids in (@documents_from, @documents_to] to the full-text index, and
 * records how far it now goes. The caller holds a transaction. */
static gboolean
index_search_rows (AnnalsDatabase  *self,
                   gint64           events_from,
                   gint64           events_to,
                   gint64           documents_from,
                   gint64           documents_to,
                   GError         **error)
{
  static const char * const statements[] = {
    "INSERT INTO events_fts (rowid, title) SELECT id, title FROM events WHERE id > ?1 AND id <= ?2",
    "INSERT INTO documents_fts (rowid, text) SELECT id, text FROM documents WHERE id > ?1 AND id <= ?2",
    "INSERT OR REPLACE INTO properties (key, value) VALUES ('search_events_upto', ?2)",
    "INSERT OR REPLACE INTO properties (key, value) VALUES ('search_documents_upto', ?2)",
  };
  const gint64 from[] = { events_from, documents_from, events_from, documents_from };
  const gint64 to[] = { events_to, documents_to, events_to, documents_to };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (i < 2 && from[i] >= to[i])
        continue;

      rc = sqlite3_prepare_v2 (self->db, statements[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, from[i]);
          sqlite3_bind_int64 (stmt, 2, to[i]);
          rc = sqlite3_step (stmt);
        }
      sqlite3_finalize (stmt);

      if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return fail_sqlite (self, rc, error);
    }

  return TRUE;
}

/* The largest row ids of events and documents. */
static gboolean
query_max_ids (AnnalsDatabase  *self,
               gint64          *events_max,
               gint64          *documents_max,
               GError         **error)
{
  return query_int (self, "SELECT ifnull(max(id), 0) FROM events", events_max, error) &&
         query_int (self, "SELECT ifnull(max(id), 0) FROM documents", documents_max, error);
}

/* How far the full-text index goes, and how far the rows go. */
static gboolean
query_search_extent (AnnalsDatabase  *self,
                     gint64          *events_upto,
                     gint64          *events_max,
                     gint64          *documents_upto,
                     gint64          *documents_max,
                     GError         **error)
{
  return query_int (self, "SELECT ifnull(" SEARCH_EVENTS_UPTO ", 0)", events_upto, error) &&
         query_int (self, "SELECT ifnull(" SEARCH_DOCUMENTS_UPTO ", 0)", documents_upto, error) &&
         query_max_ids (self, events_max, documents_max, error);
}

/* An import into a larger database adds its rows to the full-text index
 * in its own transaction, up to this many events; a larger one, or one
 * into an index that already lags behind, leaves them for
 * annals_database_update_search_index(). */
#define SEARCH_INDEX_INLINE_MAX 20000

struct _AnnalsDatabaseImport
{
  AnnalsDatabase    *database;
  GHashTable        *stored_documents;  /* the file's document id -> StoredDocument */
  char              *name;
  guint              n_events;          /* events of the current file so far */
  gint64             events_before;
  gint64             documents_before;
  MergeKeys         *merge_keys;        /* NULL: asked of the database per event */
  gboolean           bulk;              /* into an empty database: see PendingEvent */
  gboolean           search_complete;   /* the full-text index held every row before */
  gboolean           keys_too_many;     /* the database is too large for merge_keys */
  gint64             n_stored;          /* events stored before the import */
  gint64             next_id;           /* the row id of the next event (bulk) */
  GHashTable        *uids;              /* the event ids given so far (bulk) */
  guint              n_queried;         /* events whose candidates were queried */
  guint              keys_after;        /* n_queried that makes merge_keys worth loading */
  AnnalsImportStats  stats;
};

static void
import_free (AnnalsDatabaseImport *import)
{
  AnnalsDatabase *self = import->database;

  clear_pending (self);

  /* A bulk import turned foreign keys off (see begin_import); turning them
   * on cannot fail outside a transaction. */
  if (import->bulk)
    execute (self, "PRAGMA foreign_keys = ON", NULL);

  g_clear_pointer (&import->stored_documents, g_hash_table_unref);
  g_clear_pointer (&import->merge_keys, merge_keys_free);
  g_clear_pointer (&import->uids, g_hash_table_unref);
  g_clear_pointer (&import->name, g_free);
  g_clear_object (&import->database);
  g_free (import);
}

/* Holds @event back as a new row (see PendingEvent). */
static gboolean
queue_event (AnnalsDatabaseImport  *import,
             AnnalsEvent           *event,
             gint64                 merge_key,
             GError               **error)
{
  AnnalsDatabase *self = import->database;
  const char *id = annals_event_get_id (event);
  const char * const *participants = annals_event_get_participants (event);
  const AnnalsDate *start = annals_event_get_start (event);
  const AnnalsDate *end = annals_event_get_end (event);
  guint n_mentions = annals_event_get_n_mentions (event);
  PendingEvent pending = { 0, };
  char *uid;

  if (import->next_id > G_MAXUINT32)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FULL,
                   _("%s: the database holds as many events as Annals can index"),
                   self->path);
      return FALSE;
    }

  /* The database was empty: the ids given so far are all there are. As a
   * row does, a taken id gets a suffix that keeps it recognisable. */
  uid = g_strdup (id);
  for (guint attempt = 2; g_hash_table_contains (import->uids, uid); attempt++)
    {
      g_free (uid);
      uid = g_strdup_printf ("%s-%u", id, attempt);
    }
  g_hash_table_add (import->uids, uid);

  pending.id = import->next_id++;
  pending.event = g_object_ref (event);
  pending.uid = g_strcmp0 (uid, id) != 0 ? g_strdup (uid) : NULL;
  pending.merge_key = merge_key;
  if (start != NULL && annals_date_is_set (start))
    pending.start = annals_date_to_iso (start);
  if (end != NULL && annals_date_is_set (end))
    pending.end = annals_date_to_iso (end);
  annals_event_record_init_from_event (&pending.record, event);
  g_array_append_val (self->pending_events, pending);

  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);
      StoredDocument *document = g_hash_table_lookup (import->stored_documents, mention->document_id);
      PendingMention row = { pending.id, 0, i, mention->start, mention->end, mention->extra_json };

      g_assert (document != NULL);
      row.document = document->rowid;
      g_array_append_val (self->pending_mentions, row);
    }

  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      PendingParticipant row = { pending.id, participants[i], i };

      g_array_append_val (self->pending_participants, row);
    }

  if (import->merge_keys != NULL)
    merge_keys_add (import->merge_keys, merge_key, pending.id, pending.record.first_day);

  if (self->pending_events->len >= PENDING_BATCH)
    return flush_pending (self, error);

  return TRUE;
}

static void
annals_database_finalize (GObject *object)
{
  AnnalsDatabase *self = (AnnalsDatabase *) object;

  g_clear_pointer (&self->insert_document, sqlite3_finalize);
  g_clear_pointer (&self->find_document, sqlite3_finalize);
  g_clear_pointer (&self->insert_event, sqlite3_finalize);
  g_clear_pointer (&self->find_merge_candidates, sqlite3_finalize);
  g_clear_pointer (&self->insert_mention, sqlite3_finalize);
  g_clear_pointer (&self->insert_participant, sqlite3_finalize);
  g_clear_pointer (&self->update_n_mentions, sqlite3_finalize);
  g_clear_pointer (&self->select_event, sqlite3_finalize);
  g_clear_pointer (&self->select_mentions, sqlite3_finalize);
  g_clear_pointer (&self->select_participants, sqlite3_finalize);
  g_clear_pointer (&self->select_document, sqlite3_finalize);
  g_clear_pointer (&self->flush_events, sqlite3_finalize);
  g_clear_pointer (&self->flush_mentions, sqlite3_finalize);
  g_clear_pointer (&self->flush_participants, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->check_error);
  g_clear_pointer (&self->pending_events, g_array_unref);
  g_clear_pointer (&self->pending_mentions, g_array_unref);
  g_clear_pointer (&self->pending_participants, g_array_unref);

  G_OBJECT_CLASS (annals_database_parent_class)->finalize (object);
}

static void
annals_database_class_init (AnnalsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annals_database_finalize;
}

static void
annals_database_init (AnnalsDatabase *self)
{
  self->pending_events = g_array_new (FALSE, TRUE, sizeof (PendingEvent));
  g_array_set_clear_func (self->pending_events, pending_event_clear);
  self->pending_mentions = g_array_new (FALSE, TRUE, sizeof (PendingMention));
  self->pending_participants = g_array_new (FALSE, TRUE, sizeof (PendingParticipant));
}

AnnalsDatabase *
_annals_database_open_at_version (const char  *path,
                                  int          version,
                                  GError     **error)
{
  g_autoptr(AnnalsDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= ANNALS_DATABASE_SCHEMA_VERSION, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ANNALS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, version, ANNALS_DATABASE_OPEN_DEFAULT, error))
    return NULL;

  return g_steal_pointer (&self);
}

AnnalsDatabase *
annals_database_open_with_flags (const char               *path,
                                 AnnalsDatabaseOpenFlags   flags,
                                 GError                  **error)
{
  g_autoptr(AnnalsDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ANNALS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (!open_database (self, ANNALS_DATABASE_SCHEMA_VERSION, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

AnnalsDatabase *
annals_database_open (const char  *path,
                      GError     **error)
{
  return annals_database_open_with_flags (path, ANNALS_DATABASE_OPEN_DEFAULT, error);
}

gboolean
annals_database_check (AnnalsDatabase  *self,
                       GError         **error)
{
  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure_checked (self, error);
}

const char *
annals_database_get_path (AnnalsDatabase *self)
{
  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);

  return self->path;
}

int
annals_database_get_schema_version (AnnalsDatabase *self)
{
  gint64 version = 0;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), 0);

  if (!query_int (self, "PRAGMA user_version", &version, NULL))
    return 0;

  return (int) version;
}

AnnalsDatabaseImport *
annals_database_begin_import (AnnalsDatabase  *self,
                              GError         **error)
{
  AnnalsDatabaseImport *import;
  g_autoptr(GError) local_error = NULL;
  MergeKeys *merge_keys;
  gint64 events_before, documents_before, n_events, any_rows;
  gint64 events_upto, documents_upto;
  gboolean bulk;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sqlite3_db_readonly (self->db, "main"))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_READ_ONLY,
                   _("%s: the database is read-only"), self->path);
      return NULL;
    }

  if (self->schema_version != ANNALS_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_VERSION,
                   _("%s: the database has schema version %d; imports write version %d only"),
                   self->path, self->schema_version, ANNALS_DATABASE_SCHEMA_VERSION);
      return NULL;
    }

  if (!ensure_checked (self, error))
    return NULL;

  /* Into an empty database, the rows are written in batches, and without
   * checking foreign keys: every reference is to a row this import made
   * or found (see check_mentions). The pragma only works outside a
   * transaction, so the database is looked at before it is locked, and
   * again after. */
  if (!query_int (self, "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM documents)",
                  &any_rows, error))
    return NULL;
  bulk = any_rows == 0;
  if (bulk && !execute (self, "PRAGMA foreign_keys = OFF", error))
    return NULL;

  if (!execute (self, "BEGIN IMMEDIATE", error))
    goto failed;

  if (!query_max_ids (self, &events_before, &documents_before, error) ||
      !query_int (self, "SELECT count(*) FROM events", &n_events, error))
    goto failed_in_transaction;

  /* Another program wrote in between: an ordinary import then. */
  if (bulk && (n_events != 0 || documents_before != 0))
    {
      rollback (self);
      bulk = FALSE;
      if (!execute (self, "PRAGMA foreign_keys = ON", error))
        return NULL;
      return annals_database_begin_import (self, error);
    }

  /* Rows above the index's end may have been deleted since, and their ids
   * given again: the index ends at the last row at most. */
  if (!query_int (self, "SELECT ifnull(" SEARCH_EVENTS_UPTO ", 0)", &events_upto, error) ||
      !query_int (self, "SELECT ifnull(" SEARCH_DOCUMENTS_UPTO ", 0)", &documents_upto, error) ||
      ((events_upto > events_before || documents_upto > documents_before) &&
       !index_search_rows (self, 0, MIN (events_upto, events_before),
                           0, MIN (documents_upto, documents_before), error)))
    goto failed_in_transaction;

  /* An empty database has no keys to load; otherwise they are loaded
   * once the import proves long (see import_event). */
  merge_keys = n_events == 0 ? load_merge_keys (self, 0, &local_error) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed_in_transaction;
    }

  /* Into an empty database, the rows go first and the indexes are built
   * over them at commit, in the same transaction. The in-memory merge
   * keys and event ids stand in for the indexes meanwhile. */
  if (bulk && !execute (self, DROP_SECONDARY_INDEXES, error))
    {
      merge_keys_free (merge_keys);
      goto failed_in_transaction;
    }

  import = g_new0 (AnnalsDatabaseImport, 1);
  import->database = g_object_ref (self);
  import->merge_keys = merge_keys;
  import->bulk = bulk;
  import->search_complete = events_upto >= events_before && documents_upto >= documents_before;
  import->n_stored = n_events;
  import->next_id = events_before + 1;
  if (bulk)
    import->uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The tests load the keys at once, to take that path on small data. */
  import->keys_after = g_getenv ("ANNALS_TEST_MERGE_KEYS_AFTER") != NULL ?
                       (guint) g_ascii_strtoull (g_getenv ("ANNALS_TEST_MERGE_KEYS_AFTER"), NULL, 10) :
                       MERGE_KEYS_AFTER_QUERIES;
  import->events_before = events_before;
  import->documents_before = documents_before;
  annals_database_import_next_file (import, NULL);

  return import;

failed_in_transaction:
  rollback (self);
failed:
  if (bulk)
    execute (self, "PRAGMA foreign_keys = ON", NULL);
  return NULL;
}

void
annals_database_import_next_file (AnnalsDatabaseImport *import,
                                  const char           *name)
{
  g_return_if_fail (import != NULL);

  g_clear_pointer (&import->stored_documents, g_hash_table_unref);
  import->stored_documents = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                    g_free, stored_document_free);
  g_free (import->name);
  import->name = g_strdup (name != NULL ? name : _("(events)"));
  import->n_events = 0;
}

gboolean
annals_database_import_document (AnnalsDatabaseImport  *import,
                                 AnnalsDocument        *document,
                                 GError               **error)
{
  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (document), FALSE);

  return add_document (import->database, document, import->stored_documents,
                       &import->stats.documents_added, error);
}

gboolean
annals_database_import_event (AnnalsDatabaseImport  *import,
                              AnnalsEvent           *event,
                              GError               **error)
{
  AnnalsDatabase *self;
  g_autofree char *normalized_title = NULL;
  g_autoptr(AnnalsEvent) target = NULL;
  gint64 target_rowid = 0;
  gint64 merge_key;
  guint index;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (ANNALS_IS_EVENT (event), FALSE);

  self = import->database;
  index = import->n_events++;

  if (!check_mentions (self, event, import->name, index, import->stored_documents, error))
    return FALSE;

  normalized_title = annals_event_normalize_title (annals_event_get_title (event));
  merge_key = make_merge_key (annals_event_get_kind (event), normalized_title);

  /* A few events (an article added) ask the database for their merge
   * candidates; a long import loads every key once, when the database
   * is small enough, its own rows so far included. */
  if (import->merge_keys == NULL && !import->keys_too_many &&
      import->n_queried >= import->keys_after)
    {
      g_autoptr(GError) local_error = NULL;

      import->merge_keys = load_merge_keys (self, import->n_stored + import->stats.events_added,
                                            &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      import->keys_too_many = import->merge_keys == NULL;
    }
  if (import->merge_keys == NULL)
    import->n_queried++;

  if (!find_merge_target (self, import->merge_keys, event, merge_key, first_pending_id (self),
                          &target, &target_rowid, error))
    return FALSE;

  if (target != NULL)
    {
      if (!merge_into (self, target, target_rowid, event, import->stored_documents, error))
        return FALSE;
      import->stats.events_merged++;
    }
  else if (import->bulk)
    {
      if (!queue_event (import, event, merge_key, error))
        return FALSE;
      import->stats.events_added++;
    }
  else
    {
      gint64 rowid = 0;
      gint32 first_day = ANNALS_DAY_UNDATED;

      if (!insert_event (self, event, merge_key, import->stored_documents,
                         &rowid, &first_day, error))
        return FALSE;
      if (import->merge_keys != NULL)
        merge_keys_add (import->merge_keys, merge_key, rowid, first_day);
      import->stats.events_added++;
    }

  return TRUE;
}

gboolean
annals_database_import_extra_json (AnnalsDatabaseImport  *import,
                                   const char            *extra_json,
                                   GError               **error)
{
  g_return_val_if_fail (import != NULL, FALSE);

  if (extra_json == NULL || extra_json[0] == '\0')
    return TRUE;

  return merge_extra_json (import->database, extra_json, error);
}

gboolean
annals_database_commit_import (AnnalsDatabaseImport  *import,
                               AnnalsImportStats     *stats,
                               GError               **error)
{
  AnnalsDatabase *self;
  gint64 events_max = 0, documents_max = 0;
  gboolean ok;

  g_return_val_if_fail (import != NULL, FALSE);

  self = import->database;
  ok = flush_pending (self, error) &&
       (!import->bulk || execute (self, CREATE_SECONDARY_INDEXES, error)) &&
       query_max_ids (self, &events_max, &documents_max, error);

  /* A small import into an index that is up to date keeps it so. */
  if (ok && import->search_complete &&
      events_max - import->events_before <= SEARCH_INDEX_INLINE_MAX)
    ok = index_search_rows (self, import->events_before, events_max,
                            import->documents_before, documents_max, error);

  ok = ok && execute (self, "COMMIT", error);

  if (!ok)
    rollback (self);
  else if (stats != NULL)
    *stats = import->stats;

  import_free (import);

  return ok;
}

void
annals_database_abort_import (AnnalsDatabaseImport *import)
{
  g_return_if_fail (import != NULL);

  clear_pending (import->database);
  rollback (import->database);
  import_free (import);
}

gboolean
annals_database_add_sets (AnnalsDatabase     *self,
                          GPtrArray          *sets,
                          const char * const *names,
                          AnnalsImportStats  *stats,
                          GError            **error)
{
  AnnalsDatabaseImport *import;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sets != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  import = annals_database_begin_import (self, error);
  if (import == NULL)
    return FALSE;

  for (guint i = 0; i < sets->len; i++)
    {
      AnnalsEventSet *set = g_ptr_array_index (sets, i);
      GPtrArray *documents = annals_event_set_get_documents (set);
      GPtrArray *events = annals_event_set_get_events (set);

      annals_database_import_next_file (import, names != NULL ? names[i] : NULL);

      for (guint j = 0; j < documents->len; j++)
        if (!annals_database_import_document (import, g_ptr_array_index (documents, j), error))
          goto failed;

      for (guint j = 0; j < events->len; j++)
        if (!annals_database_import_event (import, g_ptr_array_index (events, j), error))
          goto failed;

      if (!annals_database_import_extra_json (import, annals_event_set_get_extra_json (set), error))
        goto failed;
    }

  return annals_database_commit_import (import, stats, error);

failed:
  annals_database_abort_import (import);
  return FALSE;
}

gboolean
annals_database_add_set (AnnalsDatabase     *self,
                         AnnalsEventSet     *set,
                         AnnalsImportStats  *stats,
                         GError            **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ANNALS_IS_EVENT_SET (set), FALSE);

  g_ptr_array_add (sets, set);

  return annals_database_add_sets (self, sets, NULL, stats, error);
}

static AnnalsEvent *
load_event_cb (gpointer   user_data,
               guint32    key,
               GError   **error)
{
  return annals_database_load_event (user_data, key, error);
}

/* In the table's order, which is read straight through; the store sorts
 * the records by time in memory, faster than SQLite would. */
#define SELECT_RECORDS \
  "SELECT id, first_day, end_day, kind, status, start_precision," \
  " end_precision, country, n_mentions, title FROM events"

/* A read-only connection of its own for reading the records: used by
 * this thread only and closed at the end, it needs no lock around every
 * column read, which the shared connection takes (a third of the time of
 * a million rows). NULL when it cannot be had; the caller then reads
 * through the shared connection. */
static sqlite3_stmt *
open_record_scan (AnnalsDatabase  *self,
                  sqlite3        **scan_db)
{
  sqlite3_stmt *stmt = NULL;

  *scan_db = NULL;

  /* Another connection would not see this one's uncommitted rows. */
  if (!sqlite3_get_autocommit (self->db))
    return NULL;

  if (sqlite3_open_v2 (self->path, scan_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (*scan_db, BUSY_TIMEOUT_MS) != SQLITE_OK ||
      sqlite3_prepare_v2 (*scan_db, SELECT_RECORDS, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_clear_pointer (scan_db, sqlite3_close);
      return NULL;
    }

  return stmt;
}

gboolean
annals_database_load_store (AnnalsDatabase    *self,
                            AnnalsEventStore  *store,
                            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *scan_db = NULL;
  sqlite3 *db;
  int rc = SQLITE_ERROR;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The first row tells whether the scan's own connection can read (a
   * read-only folder can keep it from the WAL index): if not, the shared
   * connection reads instead. */
  stmt = open_record_scan (self, &scan_db);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          g_clear_pointer (&stmt, sqlite3_finalize);
          g_clear_pointer (&scan_db, sqlite3_close);
        }
    }

  if (stmt == NULL)
    {
      rc = sqlite3_prepare_v2 (self->db, SELECT_RECORDS, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        return fail_sqlite (self, rc, error);
      rc = sqlite3_step (stmt);
    }

  db = scan_db != NULL ? scan_db : self->db;

  annals_event_store_set_loader (store, load_event_cb, g_object_ref (self), g_object_unref);
  annals_event_store_begin_update (store);

  for (; rc == SQLITE_ROW; rc = sqlite3_step (stmt))
    {
      AnnalsEventRecord record = { 0, };

      record.key = (guint32) sqlite3_column_int64 (stmt, 0);
      record.first_day = sqlite3_column_int (stmt, 1);
      record.end_day = sqlite3_column_int (stmt, 2);
      /* Clamped as in load_event(): a damaged file can hold any number. */
      record.kind = (guint8) CLAMP (sqlite3_column_int (stmt, 3), 0, ANNALS_N_EVENT_KINDS - 1);
      record.status = (guint8) CLAMP (sqlite3_column_int (stmt, 4), 0, ANNALS_N_EVENT_STATUSES - 1);
      record.start_precision = (guint8) CLAMP (sqlite3_column_int (stmt, 5),
                                               ANNALS_PRECISION_NONE, ANNALS_PRECISION_DAY);
      record.end_precision = (guint8) CLAMP (sqlite3_column_int (stmt, 6),
                                             ANNALS_PRECISION_NONE, ANNALS_PRECISION_DAY);
      record.host_country = (guint16) sqlite3_column_int (stmt, 7);
      record.n_mentions = (guint16) MIN (sqlite3_column_int (stmt, 8), G_MAXUINT16);

      annals_event_store_append_record (store, &record, column_text (stmt, 9));
    }

  /* Even on failure the update ends, so that the store is consistent;
   * what was read so far is shown. */
  annals_event_store_end_update (store);

  if (rc != SQLITE_DONE)
    set_sqlite_error (self->path, db, rc, error);

  sqlite3_finalize (stmt);
  sqlite3_close (scan_db);

  return rc == SQLITE_DONE;
}

static gboolean
parse_stored_date (AnnalsDatabase  *self,
                   const char      *text,
                   AnnalsDate      *date,
                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  annals_date_clear (date);

  if (text == NULL)
    return TRUE;

  if (!annals_date_parse (date, text, &local_error))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_CORRUPT,
                   _("%s: the database holds a bad date (%s)"),
                   self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Builds an event from the current row of a SELECT of (uid, title, kind,
 * status, start, end, host_country, host_place, confidence, extra). */
static AnnalsEvent *
event_from_row (AnnalsDatabase  *self,
                sqlite3_stmt    *stmt,
                GError         **error)
{
  g_autoptr(AnnalsEvent) event = NULL;
  AnnalsDate start, end;

  if (!parse_stored_date (self, column_text (stmt, 4), &start, error) ||
      !parse_stored_date (self, column_text (stmt, 5), &end, error))
    return NULL;

  event = annals_event_new (column_text (stmt, 0), column_text (stmt, 1));
  annals_event_set_kind (event, CLAMP (sqlite3_column_int (stmt, 2), 0, ANNALS_N_EVENT_KINDS - 1));
  annals_event_set_status (event, CLAMP (sqlite3_column_int (stmt, 3), 0, ANNALS_N_EVENT_STATUSES - 1));
  if (annals_date_is_set (&start))
    annals_event_set_start (event, &start);
  if (annals_date_is_set (&end))
    annals_event_set_end (event, &end);
  annals_event_set_host_country (event, column_text (stmt, 6));
  annals_event_set_host_place (event, column_text (stmt, 7));
  annals_event_set_confidence (event, CLAMP (sqlite3_column_double (stmt, 8), 0.0, 1.0));
  annals_event_set_extra_json (event, column_text (stmt, 9));

  return g_steal_pointer (&event);
}

#define EVENT_COLUMNS "uid, title, kind, status, start, \"end\", host_country, host_place, confidence, extra"

AnnalsEvent *
annals_database_load_event (AnnalsDatabase  *self,
                            guint32          key,
                            GError         **error)
{
  g_autoptr(AnnalsEvent) event = NULL;
  int rc;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare (self, &self->select_event,
                "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1", error))
    return NULL;

  sqlite3_bind_int64 (self->select_event, 1, key);
  rc = sqlite3_step (self->select_event);

  if (rc == SQLITE_ROW)
    event = event_from_row (self, self->select_event, error);
  sqlite3_reset (self->select_event);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   _("%s: no event with key %u"), self->path, key);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }
  if (event == NULL)
    return NULL;

  if (!prepare (self, &self->select_mentions,
                "SELECT d.uid, m.start, m.\"end\", m.extra FROM mentions m"
                " JOIN documents d ON d.id = m.document"
                " WHERE m.event = ?1 AND " VALID_MENTION " ORDER BY m.position", error))
    return NULL;

  sqlite3_bind_int64 (self->select_mentions, 1, key);
  while ((rc = sqlite3_step (self->select_mentions)) == SQLITE_ROW)
    annals_event_add_mention_full (event,
                                   column_text (self->select_mentions, 0),
                                   (guint) sqlite3_column_int64 (self->select_mentions, 1),
                                   (guint) sqlite3_column_int64 (self->select_mentions, 2),
                                   column_text (self->select_mentions, 3));
  sqlite3_reset (self->select_mentions);
  if (rc != SQLITE_DONE)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  if (!prepare (self, &self->select_participants,
                "SELECT country FROM participants WHERE event = ?1 ORDER BY position", error))
    return NULL;

  sqlite3_bind_int64 (self->select_participants, 1, key);
  while ((rc = sqlite3_step (self->select_participants)) == SQLITE_ROW)
    annals_event_add_participant (event, column_text (self->select_participants, 0));
  sqlite3_reset (self->select_participants);
  if (rc != SQLITE_DONE)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&event);
}

#define DOCUMENT_COLUMNS "uid, title, source, url, published, text, extra"

static AnnalsDocument *
document_from_row (AnnalsDatabase  *self,
                   sqlite3_stmt    *stmt,
                   GError         **error)
{
  g_autoptr(AnnalsDocument) document = NULL;
  AnnalsDate published;

  if (!parse_stored_date (self, column_text (stmt, 4), &published, error))
    return NULL;

  document = annals_document_new (column_text (stmt, 0));
  annals_document_set_title (document, column_text (stmt, 1));
  annals_document_set_source (document, column_text (stmt, 2));
  annals_document_set_url (document, column_text (stmt, 3));
  if (annals_date_is_set (&published))
    annals_document_set_published (document, &published);
  annals_document_set_text (document, column_text (stmt, 5));
  annals_document_set_extra_json (document, column_text (stmt, 6));

  return g_steal_pointer (&document);
}

AnnalsDocument *
annals_database_load_document (AnnalsDatabase  *self,
                               const char      *id,
                               GError         **error)
{
  g_autoptr(AnnalsDocument) document = NULL;
  int rc;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare (self, &self->select_document,
                "SELECT " DOCUMENT_COLUMNS " FROM documents WHERE uid = ?1", error))
    return NULL;

  sqlite3_bind_text (self->select_document, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->select_document);
  if (rc == SQLITE_ROW)
    document = document_from_row (self, self->select_document, error);
  sqlite3_reset (self->select_document);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   _("%s: no document “%s”"), self->path, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&document);
}

gboolean
annals_database_foreach (AnnalsDatabase          *self,
                         AnnalsDatabaseDocumentFunc document_func,
                         AnnalsDatabaseEventFunc  event_func,
                         gpointer                 user_data,
                         GError                 **error)
{
  sqlite3_stmt *documents = NULL;
  sqlite3_stmt *events = NULL;
  sqlite3_stmt *mentions = NULL;
  sqlite3_stmt *participants = NULL;
  gboolean ok = FALSE;
  int rc, mention_rc = SQLITE_DONE, participant_rc = SQLITE_DONE;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One read transaction, so that the four cursors see the same data. */
  if (!execute (self, "BEGIN", error))
    return FALSE;

  if ((rc = sqlite3_prepare_v2 (self->db,
                                "SELECT " DOCUMENT_COLUMNS " FROM documents ORDER BY id",
                                -1, &documents, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (self->db,
                                "SELECT " EVENT_COLUMNS ", id FROM events ORDER BY id",
                                -1, &events, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (self->db,
                                "SELECT m.event, d.uid, m.start, m.\"end\", m.extra FROM mentions m"
                                " JOIN documents d ON d.id = m.document"
                                " WHERE " VALID_MENTION
                                " ORDER BY m.event, m.position",
                                -1, &mentions, NULL)) != SQLITE_OK ||
      (rc = sqlite3_prepare_v2 (self->db,
                                "SELECT event, country FROM participants ORDER BY event, position",
                                -1, &participants, NULL)) != SQLITE_OK)
    {
      fail_sqlite (self, rc, error);
      goto out;
    }

  while (document_func != NULL && (rc = sqlite3_step (documents)) == SQLITE_ROW)
    {
      g_autoptr(AnnalsDocument) document = document_from_row (self, documents, error);

      if (document == NULL || !document_func (document, user_data, error))
        goto out;
    }
  if (document_func != NULL && rc != SQLITE_DONE)
    {
      fail_sqlite (self, rc, error);
      goto out;
    }

  if (event_func != NULL)
    {
      mention_rc = sqlite3_step (mentions);
      participant_rc = sqlite3_step (participants);
    }

  /* Events, mentions and participants are all sorted by event row id:
   * the three cursors advance together. */
  while (event_func != NULL && (rc = sqlite3_step (events)) == SQLITE_ROW)
    {
      g_autoptr(AnnalsEvent) event = event_from_row (self, events, error);
      gint64 rowid = sqlite3_column_int64 (events, 10);

      if (event == NULL)
        goto out;

      while (mention_rc == SQLITE_ROW && sqlite3_column_int64 (mentions, 0) <= rowid)
        {
          if (sqlite3_column_int64 (mentions, 0) == rowid)
            annals_event_add_mention_full (event,
                                           column_text (mentions, 1),
                                           (guint) sqlite3_column_int64 (mentions, 2),
                                           (guint) sqlite3_column_int64 (mentions, 3),
                                           column_text (mentions, 4));
          mention_rc = sqlite3_step (mentions);
        }

      while (participant_rc == SQLITE_ROW && sqlite3_column_int64 (participants, 0) <= rowid)
        {
          if (sqlite3_column_int64 (participants, 0) == rowid)
            annals_event_add_participant (event, column_text (participants, 1));
          participant_rc = sqlite3_step (participants);
        }

      if (!event_func (event, user_data, error))
        goto out;
    }

  if (event_func != NULL)
    {
      if (rc == SQLITE_DONE && mention_rc != SQLITE_ROW && mention_rc != SQLITE_DONE)
        rc = mention_rc;
      if (rc == SQLITE_DONE && participant_rc != SQLITE_ROW && participant_rc != SQLITE_DONE)
        rc = participant_rc;

      if (rc != SQLITE_DONE)
        {
          fail_sqlite (self, rc, error);
          goto out;
        }
    }

  ok = TRUE;

out:
  sqlite3_finalize (documents);
  sqlite3_finalize (events);
  sqlite3_finalize (mentions);
  sqlite3_finalize (participants);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return ok;
}

char *
annals_database_dup_extra_json (AnnalsDatabase  *self,
                                GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  char *extra_json = NULL;
  int rc;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "SELECT value FROM properties WHERE key = 'extra_json'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    extra_json = g_strdup (column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  return extra_json;
}

static gboolean
add_document_to_set_cb (AnnalsDocument  *document,
                        gpointer         user_data,
                        GError         **error)
{
  annals_event_set_add_document (user_data, document);
  return TRUE;
}

static gboolean
add_event_to_set_cb (AnnalsEvent  *event,
                     gpointer      user_data,
                     GError      **error)
{
  annals_event_set_add_event (user_data, event);
  return TRUE;
}

AnnalsEventSet *
annals_database_dup_set (AnnalsDatabase  *self,
                         GError         **error)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *extra_json = NULL;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  set = annals_event_set_new ();

  if (!annals_database_foreach (self, add_document_to_set_cb, add_event_to_set_cb, set, error))
    return NULL;

  extra_json = annals_database_dup_extra_json (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  annals_event_set_set_extra_json (set, extra_json);

  return g_steal_pointer (&set);
}

/* Turns what the user typed into an FTS5 query that cannot be a syntax
 * error: every word quoted, all of them required, the last one a prefix
 * so that results come while typing. */
static char *
make_fts_query (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\r", -1);
  g_autoptr(GString) fts = g_string_new (NULL);
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;

      if (n_words++ > 0)
        g_string_append_c (fts, ' ');

      g_string_append_c (fts, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (fts, '"');
          g_string_append_c (fts, *p);
        }
      g_string_append_c (fts, '"');
    }

  if (n_words == 0)
    return NULL;

  g_string_append_c (fts, '*');

  return g_string_free (g_steal_pointer (&fts), FALSE);
}

/* Rows the index takes in one transaction, so that the write lock is
 * never held for long while the app or an import waits for it. */
#define SEARCH_INDEX_EVENTS_PER_STEP 100000
#define SEARCH_INDEX_DOCUMENTS_PER_STEP 20000

gboolean
annals_database_get_search_backlog (AnnalsDatabase  *self,
                                    gint64          *n_events,
                                    gint64          *n_documents,
                                    GError         **error)
{
  gint64 events_upto, events_max, documents_upto, documents_max;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!query_search_extent (self, &events_upto, &events_max, &documents_upto, &documents_max, error))
    return FALSE;

  if (n_events != NULL)
    *n_events = MAX (events_max - events_upto, 0);
  if (n_documents != NULL)
    *n_documents = MAX (documents_max - documents_upto, 0);

  return TRUE;
}

gboolean
annals_database_update_search_index (AnnalsDatabase  *self,
                                     GCancellable    *cancellable,
                                     GError         **error)
{
  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      gint64 events_upto, events_max, documents_upto, documents_max;
      gint64 events_to, documents_to;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* Nothing to do must not need the write lock: a read-only database
       * with a complete index searches. */
      if (!query_search_extent (self, &events_upto, &events_max, &documents_upto, &documents_max, error))
        return FALSE;
      if (events_upto == events_max && documents_upto == documents_max)
        return TRUE;

      if (sqlite3_db_readonly (self->db, "main"))
        {
          g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_READ_ONLY,
                       _("%s: the database is read-only"), self->path);
          return FALSE;
        }

      if (!execute (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* Read again under the lock: another connection may have gone on. */
      if (!query_search_extent (self, &events_upto, &events_max, &documents_upto, &documents_max, error))
        {
          rollback (self);
          return FALSE;
        }

      /* Above the last row, the rows were deleted: see begin_import. */
      events_upto = MIN (events_upto, events_max);
      documents_upto = MIN (documents_upto, documents_max);
      events_to = MIN (events_max, events_upto + SEARCH_INDEX_EVENTS_PER_STEP);
      documents_to = MIN (documents_max, documents_upto + SEARCH_INDEX_DOCUMENTS_PER_STEP);

      if (!index_search_rows (self, events_upto, events_to, documents_upto, documents_to, error) ||
          !execute (self, "COMMIT", error))
        {
          rollback (self);
          return FALSE;
        }
    }
}

/* Adds to @keys the events past the full-text index that the words of
 * @query all appear in (in the title or a source's text, ignoring ASCII
 * case; the last word as a prefix is implied by substring matching), when
 * the index cannot be brought up to date: a read-only database. */
static gboolean
search_backlog (AnnalsDatabase  *self,
                const char      *query,
                GArray          *keys,
                GError         **error)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n\r", -1);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  guint n_words = 0;
  int rc;

  g_string_append (sql,
                   "SELECT e.id FROM events e WHERE e.id > ifnull(" SEARCH_EVENTS_UPTO ", 0)");
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        n_words++;
        g_string_append_printf (sql,
                                " AND (instr(lower(e.title), lower(?%u)) > 0 OR EXISTS ("
                                "SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document"
                                " WHERE m.event = e.id AND instr(lower(d.text), lower(?%u)) > 0))",
                                n_words, n_words);
      }
  if (n_words == 0)
    return TRUE;
  g_string_append (sql, " UNION SELECT m.event FROM mentions m JOIN documents d ON d.id = m.document"
                        " WHERE m.event <= ifnull(" SEARCH_EVENTS_UPTO ", 0)"
                        " AND d.id > ifnull(" SEARCH_DOCUMENTS_UPTO ", 0)");
  for (guint i = 0, n = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        n++;
        g_string_append_printf (sql, " AND instr(lower(d.text), lower(?%u)) > 0", n);
      }

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);

  for (guint i = 0, n = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      sqlite3_bind_text (stmt, (int) ++n, words[i], -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 key = (guint32) sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, key);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

GArray *
annals_database_search (AnnalsDatabase  *self,
                        const char      *query,
                        GError         **error)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fts_query = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean backlog = FALSE;
  int rc;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!g_utf8_validate (query, -1, NULL))
    return g_steal_pointer (&keys);

  fts_query = make_fts_query (query);
  if (fts_query == NULL)
    return g_steal_pointer (&keys);

  /* Every event is found, indexed or not: the index catches up first,
   * and where it cannot be written, the rest is read row by row. */
  if (!annals_database_update_search_index (self, NULL, &local_error))
    {
      if (!g_error_matches (local_error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_READ_ONLY) &&
          !g_error_matches (local_error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      backlog = TRUE;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT rowid FROM events_fts WHERE events_fts MATCH ?1"
                           " UNION"
                           " SELECT m.event FROM documents_fts f"
                           " JOIN mentions m ON m.document = f.rowid"
                           " WHERE documents_fts MATCH ?1"
                           " ORDER BY 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, fts_query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 key = (guint32) sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, key);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      fail_sqlite (self, rc, error);
      return NULL;
    }

  if (backlog)
    {
      guint n_indexed = keys->len;

      if (!search_backlog (self, query, keys, error))
        return NULL;

      /* One ordered list without repeats, as the index alone gives. */
      if (keys->len > n_indexed)
        {
          guint n = 0;

          g_array_sort (keys, compare_keys);
          for (guint i = 0; i < keys->len; i++)
            if (n == 0 || g_array_index (keys, guint32, i) != g_array_index (keys, guint32, n - 1))
              g_array_index (keys, guint32, n++) = g_array_index (keys, guint32, i);
          g_array_set_size (keys, n);
        }
    }

  return g_steal_pointer (&keys);
}

gint64
annals_database_count_events (AnnalsDatabase  *self,
                              GError         **error)
{
  gint64 count;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM events", &count, error))
    return -1;

  return count;
}

gint64
annals_database_count_documents (AnnalsDatabase  *self,
                                 GError         **error)
{
  gint64 count;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), -1);

  if (!query_int (self, "SELECT count(*) FROM documents", &count, error))
    return -1;

  return count;
}

gboolean
annals_database_get_summary (AnnalsDatabase       *self,
                             AnnalsDatabaseSummary *summary,
                             GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ANNALS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->first_day = ANNALS_DAY_UNDATED;
  summary->end_day = ANNALS_DAY_UNDATED;
  summary->schema_version = annals_database_get_schema_version (self);

  if (!query_int (self, "SELECT count(*) FROM events", &summary->n_events, error) ||
      !query_int (self, "SELECT count(*) FROM documents", &summary->n_documents, error) ||
      !query_int (self, "SELECT count(*) FROM mentions", &summary->n_mentions, error) ||
      !query_int (self, "SELECT count(*) FROM events WHERE first_day = 2147483647",
                  &summary->n_undated, error) ||
      !query_int (self, "SELECT count(*) FROM events WHERE n_mentions > 1",
                  &summary->n_merged, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT min(first_day), max(end_day) FROM events"
                           " WHERE first_day != 2147483647",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      summary->first_day = sqlite3_column_int (stmt, 0);
      summary->end_day = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return fail_sqlite (self, rc, error);

  rc = sqlite3_prepare_v2 (self->db, "SELECT kind, count(*) FROM events GROUP BY kind",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);

      if (kind >= 0 && kind < ANNALS_N_EVENT_KINDS)
        summary->n_by_kind[kind] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail_sqlite (self, rc, error);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT host_country, count(*) AS n FROM events"
                           " WHERE host_country IS NOT NULL"
                           " GROUP BY host_country ORDER BY n DESC, host_country LIMIT 10",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail_sqlite (self, rc, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW &&
         summary->n_countries < G_N_ELEMENTS (summary->countries))
    {
      guint i = summary->n_countries++;

      g_strlcpy (summary->countries[i].code, column_text (stmt, 0),
                 sizeof summary->countries[i].code);
      summary->countries[i].n_events = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail_sqlite (self, rc, error);

  if (!query_int (self, "SELECT count(DISTINCT host_country) FROM events",
                  &summary->n_host_countries, error))
    return FALSE;

  return TRUE;
}
