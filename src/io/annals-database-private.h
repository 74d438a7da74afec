/* annals-database-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "annals-database.h"

G_BEGIN_DECLS

/* Opens a database migrated up to @version only (creating it at that
 * version), so that tests can build an old database and check that
 * annals_database_open() migrates it forward. */
AnnalsDatabase *_annals_database_open_at_version (const char  *path,
                                                  int          version,
                                                  GError     **error);

G_END_DECLS
