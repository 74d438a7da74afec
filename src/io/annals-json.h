/* annals-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "annals-model.h"
#include "annals-io-error.h"

G_BEGIN_DECLS

/* The largest events file annals_json_load_file() and _load_data() read
 * into an AnnalsEventSet; larger ones are refused before they are read
 * (ANNALS_IO_ERROR_TOO_LARGE). annals_json_read_file() has no limit. */
#define ANNALS_JSON_MAX_SIZE (512u << 20)

/* Events JSON, format "annals-events" version 1. Errors name the file and
 * the line and column (syntax) or the JSON path (content), e.g.
 * "events.json: events[3].start: invalid date “2022-13-40”". */
AnnalsEventSet *annals_json_load_file (const char      *path,
                                       GError         **error);
AnnalsEventSet *annals_json_load_data (const char      *data,
                                       gssize           length,
                                       const char      *display_name,
                                       GError         **error);
typedef gboolean (*AnnalsJsonDocumentFunc) (AnnalsDocument  *document,
                                            gpointer         user_data,
                                            GError         **error);
typedef gboolean (*AnnalsJsonEventFunc)    (AnnalsEvent     *event,
                                            gpointer         user_data,
                                            GError         **error);

/* Reads an events file of any size in one pass, handing on each document
 * and event as soon as it is read and checked, so that memory does not
 * grow with the file (a string is at most 64 MiB). Documents must come
 * before the events that mention them, as Annals writes them. The
 * top-level members Annals does not know come back in @extra_json. A
 * callback returning FALSE stops the reading with its error. */
gboolean        annals_json_read_file (const char              *path,
                                       AnnalsJsonDocumentFunc   document_func,
                                       AnnalsJsonEventFunc      event_func,
                                       gpointer                 user_data,
                                       char                   **extra_json,
                                       GError                 **error);

char           *annals_json_to_data   (AnnalsEventSet  *set,
                                       gsize           *length);
gboolean        annals_json_save_file (AnnalsEventSet  *set,
                                       const char      *path,
                                       GError         **error);

/* Writes an events file piece by piece, so that a large one can stream
 * to its destination: begin, add_document…, begin_events, add_event…,
 * end. The caller may empty @out between calls. */
typedef struct
{
  GString *out;
  guint    n_items;
} AnnalsJsonWriter;

void            annals_json_writer_begin        (AnnalsJsonWriter *writer,
                                                 GString          *out);
void            annals_json_writer_add_document (AnnalsJsonWriter *writer,
                                                 AnnalsDocument   *document);
void            annals_json_writer_begin_events (AnnalsJsonWriter *writer);
void            annals_json_writer_add_event    (AnnalsJsonWriter *writer,
                                                 AnnalsEvent      *event);
void            annals_json_writer_end          (AnnalsJsonWriter *writer,
                                                 const char       *extra_json);

void            annals_json_append_string       (GString          *out,
                                                 const char       *text);
/* The text of a JSON node. json-glib 1.6 writes doubles with an exponent as
 * "1e+20.0", which is not JSON; this writes every number as JSON has it. */
char           *annals_json_node_to_string      (JsonNode         *node);
void            annals_json_append_double       (GString          *out,
                                                 double            value);

G_END_DECLS
