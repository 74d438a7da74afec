/* annals-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "annals-model.h"
#include "annals-io-error.h"

G_BEGIN_DECLS

/* Events JSON, format "annals-events" version 1. Errors name the file and
 * the line and column (syntax) or the JSON path (content), e.g.
 * "events.json: events[3].start: invalid date “2022-13-40”". */
AnnalsEventSet *annals_json_load_file (const char      *path,
                                       GError         **error);
AnnalsEventSet *annals_json_load_data (const char      *data,
                                       gssize           length,
                                       const char      *display_name,
                                       GError         **error);
char           *annals_json_to_data   (AnnalsEventSet  *set,
                                       gsize           *length);
gboolean        annals_json_save_file (AnnalsEventSet  *set,
                                       const char      *path,
                                       GError         **error);

G_END_DECLS
