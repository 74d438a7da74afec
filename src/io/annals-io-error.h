/* annals-io-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ANNALS_IO_ERROR (annals_io_error_quark ())

typedef enum
{
  ANNALS_IO_ERROR_FAILED,
  ANNALS_IO_ERROR_EMPTY,        /* an empty file */
  ANNALS_IO_ERROR_PARSE,        /* not well-formed: line and column */
  ANNALS_IO_ERROR_INVALID,      /* well-formed, wrong content: a JSON path */
  ANNALS_IO_ERROR_ENCODING,     /* not UTF-8: a byte offset */
  ANNALS_IO_ERROR_VERSION,      /* a newer format or schema version */
  ANNALS_IO_ERROR_TOO_LARGE,    /* over the size Annals reads */
  ANNALS_IO_ERROR_NOT_DATABASE, /* not an SQLite file */
  ANNALS_IO_ERROR_CORRUPT,      /* fails the quick check */
  ANNALS_IO_ERROR_READ_ONLY,
  ANNALS_IO_ERROR_BUSY,         /* locked by another process */
  ANNALS_IO_ERROR_FULL,         /* the disk or the page limit is full */
} AnnalsIoError;

GQuark annals_io_error_quark (void);

G_END_DECLS
