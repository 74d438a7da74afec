/* annals-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-model.h"
#include "annals-io-error.h"

G_BEGIN_DECLS

typedef struct
{
  guint documents_added;
  guint events_added;
  guint events_merged;   /* events that only added a mention to a stored one */
} AnnalsImportStats;

/* What `annals-cli stats` shows. */
typedef struct
{
  gint64 n_events;
  gint64 n_documents;
  gint64 n_mentions;
  gint64 n_undated;
  gint64 n_merged;          /* events named by more than one mention */
  gint64 n_host_countries;
  gint32 first_day;         /* ANNALS_DAY_UNDATED when nothing is dated */
  gint32 end_day;
  int    schema_version;
  gint64 n_by_kind[ANNALS_N_EVENT_KINDS];
  struct
  {
    char   code[3];
    gint64 n_events;
  } countries[10];          /* the most frequent host countries */
  guint  n_countries;
} AnnalsDatabaseSummary;

typedef gboolean (*AnnalsDatabaseDocumentFunc) (AnnalsDocument  *document,
                                                gpointer         user_data,
                                                GError         **error);
typedef gboolean (*AnnalsDatabaseEventFunc)    (AnnalsEvent     *event,
                                                gpointer         user_data,
                                                GError         **error);

/* The schema version this build creates and reads (PRAGMA user_version).
 * Older databases are migrated forward on open; newer ones are refused. */
#define ANNALS_DATABASE_SCHEMA_VERSION 4

/* ANNALS_DATABASE_OPEN_DEFER_CHECK: skip the integrity check (PRAGMA
 * quick_check, about a second per gigabyte) when opening an existing
 * database, so that reading can start at once; annals_database_check()
 * runs it later. Any write (an import, a migration) runs it first, so
 * that nothing is written into a corrupt file. */
typedef enum
{
  ANNALS_DATABASE_OPEN_DEFAULT     = 0,
  ANNALS_DATABASE_OPEN_DEFER_CHECK = 1 << 0,
} AnnalsDatabaseOpenFlags;

#define ANNALS_TYPE_DATABASE (annals_database_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsDatabase, annals_database, ANNALS, DATABASE, GObject)

/* Opens (creating when missing) an Annals database; refuses files that are
 * not one, corrupt ones and newer schemas with ANNALS_IO_ERROR. */
AnnalsDatabase *annals_database_open            (const char        *path,
                                                 GError           **error);
AnnalsDatabase *annals_database_open_with_flags (const char              *path,
                                                 AnnalsDatabaseOpenFlags  flags,
                                                 GError                 **error);
/* The integrity check, once per connection: TRUE at once when it already
 * passed (always after annals_database_open()), the same error again when
 * it failed. */
gboolean        annals_database_check           (AnnalsDatabase    *self,
                                                 GError           **error);
const char     *annals_database_get_path        (AnnalsDatabase    *self);

/* Adds documents and events in one transaction, merging an event into a
 * stored one of the same kind, normalized title and compatible dates
 * (annals_event_can_merge()): the stored event gains the new mentions and
 * participants and keeps its id and other fields. A document whose id is
 * stored with the same text is not stored twice; with another text it is
 * stored under a new id ("id-2", "id-3", …) and its events' mentions follow
 * it. An event id already taken by another event gets the same suffix.
 * On failure nothing is written. */
gboolean        annals_database_add_set         (AnnalsDatabase    *self,
                                                 AnnalsEventSet    *set,
                                                 AnnalsImportStats *stats,
                                                 GError           **error);

/* Like annals_database_add_set() for several sets in one transaction:
 * all are stored or none. @names (or NULL) name the files in errors. */
gboolean        annals_database_add_sets        (AnnalsDatabase     *self,
                                                 GPtrArray          *sets,
                                                 const char * const *names,
                                                 AnnalsImportStats  *stats,
                                                 GError            **error);

/* An import piece by piece, for files read as a stream: one transaction
 * from begin to commit; after any failure, abort (which rolls back).
 * Document ids are those of the current file, set by next_file, whose
 * @name (or NULL) appears in errors. */
typedef struct _AnnalsDatabaseImport AnnalsDatabaseImport;

AnnalsDatabaseImport *annals_database_begin_import      (AnnalsDatabase        *self,
                                                         GError               **error);
void                  annals_database_import_next_file  (AnnalsDatabaseImport  *import,
                                                         const char            *name);
gboolean              annals_database_import_document   (AnnalsDatabaseImport  *import,
                                                         AnnalsDocument        *document,
                                                         GError               **error);
gboolean              annals_database_import_event      (AnnalsDatabaseImport  *import,
                                                         AnnalsEvent           *event,
                                                         GError               **error);
gboolean              annals_database_import_extra_json (AnnalsDatabaseImport  *import,
                                                         const char            *extra_json,
                                                         GError               **error);
/* Imports an events file (annals_json_read_file()) read in a thread of its
 * own while this one imports what was read: reading and importing take
 * about as long each. The errors are those of reading and importing one
 * after the other, the first in file order. */
gboolean              annals_database_import_json_file  (AnnalsDatabaseImport  *import,
                                                         const char            *path,
                                                         GError               **error);
/* Both end the import and free it. */
gboolean              annals_database_commit_import     (AnnalsDatabaseImport  *import,
                                                         AnnalsImportStats     *stats,
                                                         GError               **error);
void                  annals_database_abort_import      (AnnalsDatabaseImport  *import);

/* Fills @store with a record per stored event (keys are row ids) and makes
 * it load full events from this database on demand. */
gboolean        annals_database_load_store      (AnnalsDatabase    *self,
                                                 AnnalsEventStore  *store,
                                                 GError           **error);
AnnalsEvent    *annals_database_load_event      (AnnalsDatabase    *self,
                                                 guint32            key,
                                                 GError           **error);
AnnalsDocument *annals_database_load_document   (AnnalsDatabase    *self,
                                                 const char        *id,
                                                 GError           **error);
/* Everything, for export. */
AnnalsEventSet *annals_database_dup_set         (AnnalsDatabase    *self,
                                                 GError           **error);
/* Every document, then every event, in the order they were stored,
 * without holding them all in memory: for a streaming export. A callback
 * returning FALSE stops the walk with its error. */
gboolean        annals_database_foreach         (AnnalsDatabase            *self,
                                                 AnnalsDatabaseDocumentFunc document_func,
                                                 AnnalsDatabaseEventFunc    event_func,
                                                 gpointer                   user_data,
                                                 GError                   **error);
/* The top-level members of imported files that Annals does not know. */
char           *annals_database_dup_extra_json  (AnnalsDatabase    *self,
                                                 GError           **error);
/* Full-text search over titles and source text (FTS5 query syntax, user
 * input made safe); returns the matching keys as guint32. */
/* The full-text index may lag behind an import (a large one leaves it for
 * later, so that the events are there sooner): this brings it up to date,
 * in transactions of its own that each hold the write lock briefly. Safe
 * to run from another connection at the same time as reading; stops with
 * G_IO_ERROR_CANCELLED between transactions. annals_database_search()
 * runs it first when needed. */
gboolean        annals_database_update_search_index (AnnalsDatabase  *self,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
/* How many events and documents the full-text index lacks. */
gboolean        annals_database_get_search_backlog  (AnnalsDatabase  *self,
                                                     gint64          *n_events,
                                                     gint64          *n_documents,
                                                     GError         **error);
GArray         *annals_database_search          (AnnalsDatabase    *self,
                                                 const char        *query,
                                                 GError           **error);
gint64          annals_database_count_events    (AnnalsDatabase    *self,
                                                 GError           **error);
gint64          annals_database_count_documents (AnnalsDatabase    *self,
                                                 GError           **error);

int             annals_database_get_schema_version (AnnalsDatabase *self);
gboolean        annals_database_get_summary     (AnnalsDatabase        *self,
                                                 AnnalsDatabaseSummary *summary,
                                                 GError               **error);

G_END_DECLS
