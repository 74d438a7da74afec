/* annals-row-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Sets the value of @column of row @row of @rows. */
typedef void (*AnnalsRowSourceColumnFunc) (gconstpointer     rows,
                                           guint             row,
                                           int               column,
                                           sqlite3_context  *context);

/* An array of C structs that SQL reads as a table: an import writes a
 * batch of rows with one INSERT … SELECT instead of one statement per
 * row, which is where most of the time of a row went. The caller owns the
 * struct, which must outlive the connection, and points @rows at the
 * batch before each statement that reads it. */
typedef struct
{
  const char                *declaration;  /* "CREATE TABLE x (a, b, …)" */
  AnnalsRowSourceColumnFunc  column;
  gconstpointer              rows;
  guint                      n_rows;
} AnnalsRowSource;

int annals_row_source_register (sqlite3         *db,
                                const char      *name,
                                AnnalsRowSource *source);

G_END_DECLS
