/* annals-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "annals-database.h"
#include "annals-model.h"

G_BEGIN_DECLS

/* What a file given to Annals holds, decided by its extension and, failing
 * that, by its first bytes. */
typedef enum
{
  ANNALS_FILE_KIND_ARTICLE,
  ANNALS_FILE_KIND_EVENTS_JSON,
  ANNALS_FILE_KIND_DATABASE,
} AnnalsFileKind;

typedef enum
{
  ANNALS_LIBRARY_EXPORT_JSON,
  ANNALS_LIBRARY_EXPORT_CSV,
  ANNALS_LIBRARY_EXPORT_ICS,
} AnnalsLibraryExportFormat;

/* The database the window shows and the event store loaded from it. Every
 * change is committed to the database as it is made; slow work (opening,
 * extracting, importing, reloading) runs in a worker thread on a connection
 * of its own, and the store is refreshed on the main thread in one update. */
#define ANNALS_TYPE_LIBRARY (annals_library_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsLibrary, annals_library, ANNALS, LIBRARY, GObject)

AnnalsLibrary    *annals_library_new              (void);

AnnalsEventStore *annals_library_get_store        (AnnalsLibrary        *self);
/* The open database, or NULL before the first open has finished. */
AnnalsDatabase   *annals_library_get_database     (AnnalsLibrary        *self);
const char       *annals_library_get_path         (AnnalsLibrary        *self);
gboolean          annals_library_get_busy         (AnnalsLibrary        *self);

/* The default library: $XDG_DATA_HOME/annals/library.annals. */
char             *annals_library_dup_default_path (void);
/* The bundled sample article, compiled into the resources. */
#define ANNALS_LIBRARY_SAMPLE_RESOURCE RESOURCE_BASE_PATH "/sample/sco-defence-ministers-2022.txt"

AnnalsFileKind    annals_library_guess_file_kind  (const char           *path);

/* Opens (creating when missing) the database at @path and loads it. With
 * @seed_sample, a database that holds no event yet gets the sample's. On
 * failure the library keeps what it had. */
void              annals_library_open_async       (AnnalsLibrary        *self,
                                                   const char           *path,
                                                   gboolean              seed_sample,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          annals_library_open_finish      (AnnalsLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Starts an empty library at @path: a file already there is replaced
 * (with SQLite's -wal and -shm files beside it), after the connections to
 * it are closed when it is the open library. */
void              annals_library_create_async     (AnnalsLibrary        *self,
                                                   const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          annals_library_create_finish    (AnnalsLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Adds an events JSON file or an article (extracted) to the open database,
 * merged with what is there, in one transaction. */
void              annals_library_import_async     (AnnalsLibrary        *self,
                                                   const char           *path,
                                                   AnnalsFileKind        kind,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          annals_library_import_finish    (AnnalsLibrary        *self,
                                                   GAsyncResult         *result,
                                                   AnnalsImportStats    *stats,
                                                   GError              **error);

/* Full-text search over the open database: the matching record keys. The
 * asynchronous one runs in the worker thread, after the work queued
 * before it; a search cancelled before it starts is not run. */
GArray           *annals_library_search           (AnnalsLibrary        *self,
                                                   const char           *query,
                                                   GError              **error);
void              annals_library_search_async     (AnnalsLibrary        *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GArray           *annals_library_search_finish    (AnnalsLibrary        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Writes events to @path in the worker thread: for JSON the whole library,
 * documents included (@keys is not used); for CSV and iCalendar the events
 * of @keys, in that order. */
void              annals_library_export_async     (AnnalsLibrary             *self,
                                                   const char                *path,
                                                   AnnalsLibraryExportFormat  format,
                                                   const guint32             *keys,
                                                   guint                      n_keys,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data);
gboolean          annals_library_export_finish    (AnnalsLibrary             *self,
                                                   GAsyncResult              *result,
                                                   GError                   **error);
AnnalsDocument   *annals_library_load_document    (AnnalsLibrary        *self,
                                                   const char           *id,
                                                   GError              **error);

G_END_DECLS
