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

#define ANNALS_TYPE_DATABASE (annals_database_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsDatabase, annals_database, ANNALS, DATABASE, GObject)

/* Opens (creating when missing) an Annals database; refuses files that are
 * not one, corrupt ones and newer schemas with ANNALS_IO_ERROR. */
AnnalsDatabase *annals_database_open            (const char        *path,
                                                 GError           **error);
const char     *annals_database_get_path        (AnnalsDatabase    *self);

/* Adds documents and events in one transaction, merging an event into a
 * stored one of the same kind, normalized title and compatible dates. On
 * failure nothing is written. */
gboolean        annals_database_add_set         (AnnalsDatabase    *self,
                                                 AnnalsEventSet    *set,
                                                 AnnalsImportStats *stats,
                                                 GError           **error);

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
/* Full-text search over titles and source text (FTS5 query syntax, user
 * input made safe); returns the matching keys as guint32. */
GArray         *annals_database_search          (AnnalsDatabase    *self,
                                                 const char        *query,
                                                 GError           **error);
gint64          annals_database_count_events    (AnnalsDatabase    *self,
                                                 GError           **error);
gint64          annals_database_count_documents (AnnalsDatabase    *self,
                                                 GError           **error);

G_END_DECLS
