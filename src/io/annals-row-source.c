/* annals-row-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "annals-row-source.h"

typedef struct
{
  sqlite3_vtab     base;
  AnnalsRowSource *source;
} RowSourceTable;

typedef struct
{
  sqlite3_vtab_cursor  base;
  guint                row;
} RowSourceCursor;

static int
row_source_connect (sqlite3             *db,
                    void                *aux,
                    int                  argc,
                    const char * const  *argv,
                    sqlite3_vtab       **vtab,
                    char               **error_message)
{
  AnnalsRowSource *source = aux;
  RowSourceTable *table;
  int rc;

  rc = sqlite3_declare_vtab (db, source->declaration);
  if (rc != SQLITE_OK)
    return rc;

  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->source = source;
  *vtab = &table->base;

  return SQLITE_OK;
}

static int
row_source_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);

  return SQLITE_OK;
}

static int
row_source_best_index (sqlite3_vtab       *vtab,
                       sqlite3_index_info *info)
{
  RowSourceTable *table = (RowSourceTable *) vtab;

  /* Always read whole, in order. */
  info->estimatedCost = (double) MAX (table->source->n_rows, 1);
  info->estimatedRows = MAX (table->source->n_rows, 1);

  return SQLITE_OK;
}

static int
row_source_open (sqlite3_vtab         *vtab,
                 sqlite3_vtab_cursor **cursor)
{
  RowSourceCursor *self = sqlite3_malloc (sizeof *self);

  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof *self);
  *cursor = &self->base;

  return SQLITE_OK;
}

static int
row_source_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);

  return SQLITE_OK;
}

static int
row_source_filter (sqlite3_vtab_cursor  *cursor,
                   int                   index_number,
                   const char           *index_string,
                   int                   argc,
                   sqlite3_value       **argv)
{
  ((RowSourceCursor *) cursor)->row = 0;

  return SQLITE_OK;
}

static int
row_source_next (sqlite3_vtab_cursor *cursor)
{
  ((RowSourceCursor *) cursor)->row++;

  return SQLITE_OK;
}

static int
row_source_eof (sqlite3_vtab_cursor *cursor)
{
  RowSourceTable *table = (RowSourceTable *) cursor->pVtab;

  return ((RowSourceCursor *) cursor)->row >= table->source->n_rows;
}

static int
row_source_column (sqlite3_vtab_cursor *cursor,
                   sqlite3_context     *context,
                   int                  column)
{
  RowSourceTable *table = (RowSourceTable *) cursor->pVtab;

  table->source->column (table->source->rows, ((RowSourceCursor *) cursor)->row, column, context);

  return SQLITE_OK;
}

static int
row_source_rowid (sqlite3_vtab_cursor *cursor,
                  sqlite3_int64       *rowid)
{
  *rowid = ((RowSourceCursor *) cursor)->row;

  return SQLITE_OK;
}

/* Eponymous only (no xCreate): the table exists on every connection it
 * is registered on, under its module's name, and never in the file. */
static const sqlite3_module row_source_module = {
  .iVersion = 0,
  .xCreate = NULL,
  .xConnect = row_source_connect,
  .xBestIndex = row_source_best_index,
  .xDisconnect = row_source_disconnect,
  .xDestroy = row_source_disconnect,
  .xOpen = row_source_open,
  .xClose = row_source_close,
  .xFilter = row_source_filter,
  .xNext = row_source_next,
  .xEof = row_source_eof,
  .xColumn = row_source_column,
  .xRowid = row_source_rowid,
};

int
annals_row_source_register (sqlite3         *db,
                            const char      *name,
                            AnnalsRowSource *source)
{
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (name != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (source != NULL && source->declaration != NULL && source->column != NULL,
                        SQLITE_MISUSE);

  return sqlite3_create_module_v2 (db, name, &row_source_module, source, NULL);
}
