/* annals-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-json"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "annals-json.h"

/* Nesting deeper than this is refused before json-glib sees the data:
 * its parser recurses, and a file of a million '[' must not exhaust the
 * stack. Annals' own format needs five levels. */
#define MAX_DEPTH 512

typedef struct
{
  const char *name;
  GString    *path;
  GHashTable *documents;  /* id -> AnnalsDocument, borrowed from the set */
  GHashTable *event_ids;  /* ids seen so far */
} Loader;

static const char * const top_level_members[] = {
  "format", "version", "documents", "events", NULL
};

static const char * const document_members[] = {
  "id", "title", "source", "url", "published", "text", NULL
};

static const char * const event_members[] = {
  "id", "title", "kind", "start", "end", "status", "host_country",
  "host_place", "participants", "mentions", "confidence", NULL
};

static gboolean
fail (Loader      *self,
      GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Loader      *self,
      GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (self->path->len > 0)
    g_set_error (error, ANNALS_IO_ERROR, code, "%s: %s: %s",
                 self->name, self->path->str, message);
  else
    g_set_error (error, ANNALS_IO_ERROR, code, "%s: %s", self->name, message);

  return FALSE;
}

static gsize
push_member (Loader     *self,
             const char *member)
{
  gsize length = self->path->len;

  if (length > 0)
    g_string_append_c (self->path, '.');
  g_string_append (self->path, member);

  return length;
}

static gsize
push_index (Loader *self,
            guint   index)
{
  gsize length = self->path->len;

  g_string_append_printf (self->path, "[%u]", index);

  return length;
}

static void
pop (Loader *self,
     gsize   length)
{
  g_string_truncate (self->path, length);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        case G_TYPE_INT64:
        case G_TYPE_DOUBLE:
          return _("a number");
        default:
          return _("a value");
        }
    }
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number_node (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);

  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Reads an optional string member; NULL when it is missing or null, and
 * an error when @required and it is missing, null or empty. */
static gboolean
read_string (Loader      *self,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             const char **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;

  *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;

      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            node == NULL ? _("missing, expected a string") : _("expected a string, found null"));
      pop (self, mark);
      return FALSE;
    }

  if (!is_string_node (node))
    {
      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("expected a string, found %s"), describe_node (node));
      pop (self, mark);
      return FALSE;
    }

  *value = json_node_get_string (node);

  /* json-glib turns a lone surrogate escape ("\ud800") into bytes that
   * are not UTF-8. */
  if (!g_utf8_validate (*value, -1, NULL))
    {
      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_ENCODING, _("not valid UTF-8 (a lone surrogate escape)"));
      pop (self, mark);
      return FALSE;
    }

  if (required && (*value)[0] == '\0')
    {
      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_INVALID, _("must not be empty"));
      pop (self, mark);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_date (Loader      *self,
           JsonObject  *object,
           const char  *member,
           AnnalsDate  *date,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize mark;

  annals_date_clear (date);

  if (!read_string (self, object, member, FALSE, &text, error))
    return FALSE;

  if (text == NULL)
    return TRUE;

  if (!annals_date_parse (date, text, &local_error))
    {
      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            "%s", local_error->message);
      pop (self, mark);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_country (Loader      *self,
              JsonNode    *node,
              const char **code,
              GError     **error)
{
  const char *text;

  if (!is_string_node (node))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("expected a country code, found %s"), describe_node (node));

  text = json_node_get_string (node);
  if (!annals_country_is_valid (text))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("unknown country code “%s” (expected ISO 3166-1 alpha-2, like “RU”)"), text);

  *code = text;

  return TRUE;
}

static gboolean
read_array (Loader      *self,
            JsonObject  *object,
            const char  *member,
            JsonArray  **array,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;

  *array = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mark = push_member (self, member);
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("expected an array, found %s"), describe_node (node));
      pop (self, mark);
      return FALSE;
    }

  *array = json_node_get_array (node);

  return TRUE;
}

static gboolean
is_known_member (const char         *name,
                 const char * const *known)
{
  for (guint i = 0; known[i] != NULL; i++)
    if (strcmp (name, known[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The members Annals does not know, as the text of a JSON object, or
 * NULL when there are none. */
static char *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_known_member (name, known))
        continue;

      if (extra == NULL)
        extra = json_object_new ();

      json_object_set_member (extra, name,
                              json_node_copy (json_object_get_member (object, name)));
    }

  if (extra == NULL)
    return NULL;

  node = json_node_init_object (json_node_alloc (), extra);

  return json_to_string (node, FALSE);
}

static gboolean
load_document (Loader          *self,
               JsonNode        *node,
               AnnalsEventSet  *set,
               GError         **error)
{
  g_autoptr(AnnalsDocument) document = NULL;
  g_autofree char *extra = NULL;
  JsonObject *object;
  const char *id, *title, *source, *url, *text;
  AnnalsDate published;
  gsize mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("expected a document object, found %s"), describe_node (node));

  object = json_node_get_object (node);

  if (!read_string (self, object, "id", TRUE, &id, error) ||
      !read_string (self, object, "title", FALSE, &title, error) ||
      !read_string (self, object, "source", FALSE, &source, error) ||
      !read_string (self, object, "url", FALSE, &url, error) ||
      !read_date (self, object, "published", &published, error) ||
      !read_string (self, object, "text", FALSE, &text, error))
    return FALSE;

  if (text == NULL)
    {
      mark = push_member (self, "text");
      fail (self, error, ANNALS_IO_ERROR_INVALID, _("missing, expected the document’s text"));
      pop (self, mark);
      return FALSE;
    }

  if (g_hash_table_contains (self->documents, id))
    {
      mark = push_member (self, "id");
      fail (self, error, ANNALS_IO_ERROR_INVALID, _("a second document with id “%s”"), id);
      pop (self, mark);
      return FALSE;
    }

  document = annals_document_new (id);
  annals_document_set_title (document, title);
  annals_document_set_source (document, source);
  annals_document_set_url (document, url);
  if (annals_date_is_set (&published))
    annals_document_set_published (document, &published);
  annals_document_set_text (document, text);

  extra = collect_extra (object, document_members);
  annals_document_set_extra_json (document, extra);

  annals_event_set_add_document (set, document);
  g_hash_table_insert (self->documents,
                       (gpointer) annals_document_get_id (document),
                       document);

  return TRUE;
}

static gboolean
read_offset (Loader      *self,
             JsonObject  *object,
             const char  *member,
             guint       *offset,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gboolean ok = TRUE;
  gint64 value;
  gsize mark;

  mark = push_member (self, member);

  if (node == NULL)
    ok = fail (self, error, ANNALS_IO_ERROR_INVALID, _("missing, expected a character offset"));
  else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    ok = fail (self, error, ANNALS_IO_ERROR_INVALID,
               _("expected a character offset (an integer), found %s"), describe_node (node));
  else if ((value = json_node_get_int (node)) < 0 || value > G_MAXINT32)
    ok = fail (self, error, ANNALS_IO_ERROR_INVALID,
               _("offset %" G_GINT64_FORMAT " out of range"), value);
  else
    *offset = (guint) value;

  pop (self, mark);

  return ok;
}

static gboolean
load_mention (Loader       *self,
              JsonNode     *node,
              AnnalsEvent  *event,
              GError      **error)
{
  AnnalsDocument *document;
  JsonObject *object;
  const char *document_id;
  guint start, end, length;
  gsize mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("expected a mention object, found %s"), describe_node (node));

  object = json_node_get_object (node);

  if (!read_string (self, object, "document", TRUE, &document_id, error) ||
      !read_offset (self, object, "start", &start, error) ||
      !read_offset (self, object, "end", &end, error))
    return FALSE;

  document = g_hash_table_lookup (self->documents, document_id);
  if (document == NULL)
    {
      mark = push_member (self, "document");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("no document “%s” in this file"), document_id);
      pop (self, mark);
      return FALSE;
    }

  if (end < start)
    {
      mark = push_member (self, "end");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("the mention ends (%u) before it starts (%u)"), end, start);
      pop (self, mark);
      return FALSE;
    }

  length = annals_document_get_length (document);
  if (end > length)
    {
      mark = push_member (self, "end");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("the mention [%u, %u) lies outside document “%s”, which has %u characters"),
            start, end, document_id, length);
      pop (self, mark);
      return FALSE;
    }

  annals_event_add_mention (event, document_id, start, end);

  return TRUE;
}

static gboolean
load_event (Loader          *self,
            JsonNode        *node,
            AnnalsEventSet  *set,
            GError         **error)
{
  g_autoptr(AnnalsEvent) event = NULL;
  g_autofree char *extra = NULL;
  JsonObject *object;
  JsonArray *participants, *mentions;
  JsonNode *confidence;
  const char *id, *title, *kind_name, *status_name, *host_country, *host_place;
  AnnalsEventKind kind;
  AnnalsEventStatus status = ANNALS_EVENT_STATUS_UNKNOWN;
  AnnalsDate start, end;
  gsize mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("expected an event object, found %s"), describe_node (node));

  object = json_node_get_object (node);

  if (!read_string (self, object, "id", TRUE, &id, error) ||
      !read_string (self, object, "title", TRUE, &title, error) ||
      !read_string (self, object, "kind", TRUE, &kind_name, error) ||
      !read_date (self, object, "start", &start, error) ||
      !read_date (self, object, "end", &end, error) ||
      !read_string (self, object, "status", FALSE, &status_name, error) ||
      !read_string (self, object, "host_place", FALSE, &host_place, error) ||
      !read_array (self, object, "participants", &participants, error) ||
      !read_array (self, object, "mentions", &mentions, error))
    return FALSE;

  if (g_hash_table_contains (self->event_ids, id))
    {
      mark = push_member (self, "id");
      fail (self, error, ANNALS_IO_ERROR_INVALID, _("a second event with id “%s”"), id);
      pop (self, mark);
      return FALSE;
    }

  if (!annals_event_kind_from_string (kind_name, &kind))
    {
      mark = push_member (self, "kind");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("unknown kind “%s” (expected meeting, summit, exercise, festival, conference, visit, statement or other)"),
            kind_name);
      pop (self, mark);
      return FALSE;
    }

  if (status_name != NULL && !annals_event_status_from_string (status_name, &status))
    {
      mark = push_member (self, "status");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("unknown status “%s” (expected past, planned or unknown)"), status_name);
      pop (self, mark);
      return FALSE;
    }

  if (annals_date_is_set (&end))
    {
      mark = push_member (self, "end");

      if (!annals_date_is_set (&start))
        {
          fail (self, error, ANNALS_IO_ERROR_INVALID, _("an end without a start"));
          pop (self, mark);
          return FALSE;
        }

      if (annals_date_get_end_day (&end) <= annals_date_get_first_day (&start))
        {
          g_autofree char *start_text = annals_date_to_iso (&start);
          g_autofree char *end_text = annals_date_to_iso (&end);

          fail (self, error, ANNALS_IO_ERROR_INVALID,
                _("the end “%s” is before the start “%s”"), end_text, start_text);
          pop (self, mark);
          return FALSE;
        }

      pop (self, mark);
    }

  event = annals_event_new (id, title);
  annals_event_set_kind (event, kind);
  annals_event_set_status (event, status);
  if (annals_date_is_set (&start))
    annals_event_set_start (event, &start);
  if (annals_date_is_set (&end))
    annals_event_set_end (event, &end);
  annals_event_set_host_place (event, host_place);

  node = json_object_get_member (object, "host_country");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      mark = push_member (self, "host_country");
      if (!read_country (self, node, &host_country, error))
        {
          pop (self, mark);
          return FALSE;
        }
      pop (self, mark);
      annals_event_set_host_country (event, host_country);
    }

  for (guint i = 0; participants != NULL && i < json_array_get_length (participants); i++)
    {
      const char *code;

      mark = push_member (self, "participants");
      push_index (self, i);
      if (!read_country (self, json_array_get_element (participants, i), &code, error))
        {
          pop (self, mark);
          return FALSE;
        }
      pop (self, mark);
      annals_event_add_participant (event, code);
    }

  for (guint i = 0; mentions != NULL && i < json_array_get_length (mentions); i++)
    {
      mark = push_member (self, "mentions");
      push_index (self, i);
      if (!load_mention (self, json_array_get_element (mentions, i), event, error))
        {
          pop (self, mark);
          return FALSE;
        }
      pop (self, mark);
    }

  confidence = json_object_get_member (object, "confidence");
  if (confidence != NULL && !JSON_NODE_HOLDS_NULL (confidence))
    {
      double value;

      mark = push_member (self, "confidence");

      if (!is_number_node (confidence))
        {
          fail (self, error, ANNALS_IO_ERROR_INVALID,
                _("expected a number from 0 to 1, found %s"), describe_node (confidence));
          pop (self, mark);
          return FALSE;
        }

      value = json_node_get_double (confidence);
      if (!(value >= 0.0 && value <= 1.0))
        {
          fail (self, error, ANNALS_IO_ERROR_INVALID,
                _("%g is not a number from 0 to 1"), value);
          pop (self, mark);
          return FALSE;
        }

      pop (self, mark);
      annals_event_set_confidence (event, value);
    }

  extra = collect_extra (object, event_members);
  annals_event_set_extra_json (event, extra);

  annals_event_set_add_event (set, event);
  g_hash_table_add (self->event_ids, (gpointer) annals_event_get_id (event));

  return TRUE;
}

static gboolean
load_root (Loader          *self,
           JsonNode        *root,
           AnnalsEventSet  *set,
           GError         **error)
{
  g_autofree char *extra = NULL;
  JsonObject *object;
  JsonArray *documents, *events;
  JsonNode *version;
  const char *format;
  gsize mark;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (self, error, ANNALS_IO_ERROR_INVALID,
                 _("expected an events object at the top level, found %s"),
                 describe_node (root));

  object = json_node_get_object (root);

  if (!read_string (self, object, "format", FALSE, &format, error))
    return FALSE;

  if (g_strcmp0 (format, "annals-events") != 0)
    {
      mark = push_member (self, "format");
      if (format == NULL)
        fail (self, error, ANNALS_IO_ERROR_INVALID,
              _("missing, this is not an Annals events file (expected “annals-events”)"));
      else
        fail (self, error, ANNALS_IO_ERROR_INVALID,
              _("“%s” is not an Annals events file (expected “annals-events”)"), format);
      pop (self, mark);
      return FALSE;
    }

  version = json_object_get_member (object, "version");
  mark = push_member (self, "version");
  if (version == NULL)
    {
      fail (self, error, ANNALS_IO_ERROR_INVALID, _("missing, expected 1"));
      pop (self, mark);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("expected an integer, found %s"), describe_node (version));
      pop (self, mark);
      return FALSE;
    }
  if (json_node_get_int (version) > 1)
    {
      fail (self, error, ANNALS_IO_ERROR_VERSION,
            _("format version %" G_GINT64_FORMAT " is newer than this version of Annals reads (1)"),
            json_node_get_int (version));
      pop (self, mark);
      return FALSE;
    }
  if (json_node_get_int (version) < 1)
    {
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("%" G_GINT64_FORMAT " is not a format version (expected 1)"),
            json_node_get_int (version));
      pop (self, mark);
      return FALSE;
    }
  pop (self, mark);

  if (!read_array (self, object, "documents", &documents, error) ||
      !read_array (self, object, "events", &events, error))
    return FALSE;

  for (guint i = 0; documents != NULL && i < json_array_get_length (documents); i++)
    {
      mark = push_member (self, "documents");
      push_index (self, i);
      if (!load_document (self, json_array_get_element (documents, i), set, error))
        return FALSE;
      pop (self, mark);
    }

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      mark = push_member (self, "events");
      push_index (self, i);
      if (!load_event (self, json_array_get_element (events, i), set, error))
        return FALSE;
      pop (self, mark);
    }

  extra = collect_extra (object, top_level_members);
  annals_event_set_set_extra_json (set, extra);

  return TRUE;
}

static void
locate_offset (const char *data,
               gsize       offset,
               guint      *line,
               guint      *column)
{
  *line = 1;
  *column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) data[i] & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

static gboolean
is_blank (const char *data,
          gsize       size)
{
  for (gsize i = 0; i < size; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;

  return TRUE;
}

/* A first pass over the bytes, before json-glib sees them: refuses
 * nesting that would make its recursive parser run out of stack, a file
 * that ends inside a string or with brackets still open (a truncated
 * file, reported where it ends), and anything after the top-level value,
 * which json-glib lets through. */
static gboolean
scan_structure (const char  *data,
                gsize        length,
                const char  *name,
                GError     **error)
{
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  guint depth = 0;
  gsize string_start = 0;
  guint line, column;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (started && depth == 0 && !g_ascii_isspace (c))
        {
          locate_offset (data, i, &line, &column);
          g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE,
                       _("%s:%u:%u: unexpected data after the end of the JSON object"),
                       name, line, column);
          return FALSE;
        }

      if (c == '"')
        {
          in_string = TRUE;
          string_start = i;
        }
      else if (c == '[' || c == '{')
        {
          started = TRUE;
          if (++depth > MAX_DEPTH)
            {
              locate_offset (data, i, &line, &column);
              g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE,
                           _("%s:%u:%u: nested deeper than %u levels"),
                           name, line, column, MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  if (in_string)
    {
      locate_offset (data, string_start, &line, &column);
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE,
                   _("%s:%u:%u: the file ends inside the string that starts here (truncated?)"),
                   name, line, column);
      return FALSE;
    }

  if (depth > 0)
    {
      locate_offset (data, length, &line, &column);
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE,
                   ngettext ("%s:%u:%u: unexpected end of file, %u bracket still open (truncated?)",
                             "%s:%u:%u: unexpected end of file, %u brackets still open (truncated?)",
                             depth),
                   name, line, column, depth);
      return FALSE;
    }

  return TRUE;
}

AnnalsEventSet *
annals_json_load_data (const char  *data,
                       gssize       length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GHashTable) event_ids = NULL;
  g_autoptr(GString) path = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end;
  gsize size;
  Loader loader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _("(data)");

  size = length < 0 ? strlen (data) : (gsize) length;

  if (size > ANNALS_JSON_MAX_SIZE)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB, the most Annals reads"),
                   display_name, ANNALS_JSON_MAX_SIZE >> 20);
      return NULL;
    }

  if (!g_utf8_validate_len (data, size, &end))
    {
      guint line, column;

      locate_offset (data, end - data, &line, &column);
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_ENCODING,
                   _("%s:%u:%u: invalid UTF-8 at byte %" G_GSIZE_FORMAT " (byte 0x%02X)"),
                   display_name, line, column, (gsize) (end - data), (guchar) *end);
      return NULL;
    }

  /* A byte order mark is not JSON, but harmless. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (is_blank (data, size))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_EMPTY,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  if (!scan_structure (data, size, display_name, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      const char *message = local_error->message;

      /* json-glib names the data "<data>": name the file instead. */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_PARSE,
                   "%s:%s", display_name, message);
      return NULL;
    }

  set = annals_event_set_new ();
  documents = g_hash_table_new (g_str_hash, g_str_equal);
  event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  path = g_string_new (NULL);

  loader.name = display_name;
  loader.path = path;
  loader.documents = documents;
  loader.event_ids = event_ids;

  if (!load_root (&loader, json_parser_get_root (parser), set, error))
    return NULL;

  return g_steal_pointer (&set);
}

AnnalsEventSet *
annals_json_load_file (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The size is checked before anything is read, so a huge file is
   * refused without touching memory. */
  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  if (S_ISDIR (info.st_mode))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   _("%s: is a folder, not an events file"), path);
      return NULL;
    }

  if (S_ISREG (info.st_mode) && (guint64) info.st_size > ANNALS_JSON_MAX_SIZE)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB, the most Annals reads"),
                   path, ANNALS_JSON_MAX_SIZE >> 20);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s", local_error->message);
      return NULL;
    }

  return annals_json_load_data (contents, length, path, error);
}

/* Writing */

void
annals_json_append_string (GString    *out,
                           const char *text)
{
  const char *p;

  g_string_append_c (out, '"');

  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }

  g_string_append_c (out, '"');
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    annals_json_append_string (out, text);
}

static void
append_date (GString          *out,
             const AnnalsDate *date)
{
  g_autofree char *text = NULL;

  if (date == NULL || !annals_date_is_set (date))
    {
      g_string_append (out, "null");
      return;
    }

  text = annals_date_to_iso (date);
  annals_json_append_string (out, text);
}

/* The shortest text that reads back as the same double, always with a
 * fraction so that it stays a floating-point number. */
void
annals_json_append_double (GString *out,
                           double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* Appends the members of @extra_json (the text of an object), each on
 * its own line after a comma. */
static void
append_extra_members (GString    *out,
                      const char *extra_json,
                      const char *indent)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (extra_json == NULL || extra_json[0] == '\0')
    return;

  node = json_from_string (extra_json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_warning ("Dropping extra members that are not a JSON object: %s", extra_json);
      return;
    }

  object = json_node_get_object (node);
  members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = json_to_string (json_object_get_member (object, l->data), FALSE);

      g_string_append (out, ",\n");
      g_string_append (out, indent);
      annals_json_append_string (out, l->data);
      g_string_append (out, ": ");
      g_string_append (out, value);
    }
}

void
annals_json_writer_begin (AnnalsJsonWriter *writer,
                          GString          *out)
{
  writer->out = out;
  writer->n_items = 0;

  g_string_append (out,
                   "{\n"
                   "  \"format\": \"annals-events\",\n"
                   "  \"version\": 1,\n"
                   "  \"documents\": [");
}

static void
begin_item (AnnalsJsonWriter *writer)
{
  g_string_append (writer->out, writer->n_items > 0 ? ",\n    {\n" : "\n    {\n");
  writer->n_items++;
}

static void
end_array (AnnalsJsonWriter *writer)
{
  g_string_append (writer->out, writer->n_items > 0 ? "\n  ]" : "]");
  writer->n_items = 0;
}

void
annals_json_writer_add_document (AnnalsJsonWriter *writer,
                                 AnnalsDocument   *document)
{
  GString *out = writer->out;

  begin_item (writer);

  g_string_append (out, "      \"id\": ");
  annals_json_append_string (out, annals_document_get_id (document));
  g_string_append (out, ",\n      \"title\": ");
  append_nullable_string (out, annals_document_get_title (document));
  g_string_append (out, ",\n      \"source\": ");
  append_nullable_string (out, annals_document_get_source (document));
  g_string_append (out, ",\n      \"url\": ");
  append_nullable_string (out, annals_document_get_url (document));
  g_string_append (out, ",\n      \"published\": ");
  append_date (out, annals_document_get_published (document));
  g_string_append (out, ",\n      \"text\": ");
  annals_json_append_string (out, annals_document_get_text (document) ?
                                  annals_document_get_text (document) : "");
  append_extra_members (out, annals_document_get_extra_json (document), "      ");
  g_string_append (out, "\n    }");
}

void
annals_json_writer_begin_events (AnnalsJsonWriter *writer)
{
  end_array (writer);
  g_string_append (writer->out, ",\n  \"events\": [");
}

void
annals_json_writer_add_event (AnnalsJsonWriter *writer,
                              AnnalsEvent      *event)
{
  GString *out = writer->out;
  const char * const *participants;
  guint n_mentions;

  begin_item (writer);

  g_string_append (out, "      \"id\": ");
  annals_json_append_string (out, annals_event_get_id (event));
  g_string_append (out, ",\n      \"title\": ");
  annals_json_append_string (out, annals_event_get_title (event));
  g_string_append (out, ",\n      \"kind\": ");
  annals_json_append_string (out, annals_event_kind_to_string (annals_event_get_kind (event)));
  g_string_append (out, ",\n      \"start\": ");
  append_date (out, annals_event_get_start (event));
  g_string_append (out, ",\n      \"end\": ");
  append_date (out, annals_event_get_end (event));
  g_string_append (out, ",\n      \"status\": ");
  annals_json_append_string (out, annals_event_status_to_string (annals_event_get_status (event)));
  g_string_append (out, ",\n      \"host_country\": ");
  append_nullable_string (out, annals_event_get_host_country (event));
  g_string_append (out, ",\n      \"host_place\": ");
  append_nullable_string (out, annals_event_get_host_place (event));

  g_string_append (out, ",\n      \"participants\": [");
  participants = annals_event_get_participants (event);
  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      annals_json_append_string (out, participants[i]);
    }
  g_string_append (out, "]");

  g_string_append (out, ",\n      \"mentions\": [");
  n_mentions = annals_event_get_n_mentions (event);
  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (event, i);

      g_string_append (out, i > 0 ? ",\n        { \"document\": " : "\n        { \"document\": ");
      annals_json_append_string (out, mention->document_id);
      g_string_append_printf (out, ", \"start\": %u, \"end\": %u }", mention->start, mention->end);
    }
  g_string_append (out, n_mentions > 0 ? "\n      ]" : "]");

  g_string_append (out, ",\n      \"confidence\": ");
  annals_json_append_double (out, annals_event_get_confidence (event));

  append_extra_members (out, annals_event_get_extra_json (event), "      ");
  g_string_append (out, "\n    }");
}

void
annals_json_writer_end (AnnalsJsonWriter *writer,
                        const char       *extra_json)
{
  end_array (writer);
  append_extra_members (writer->out, extra_json, "  ");
  g_string_append (writer->out, "\n}\n");
}

char *
annals_json_to_data (AnnalsEventSet *set,
                     gsize          *length)
{
  AnnalsJsonWriter writer;
  GPtrArray *documents, *events;
  GString *out;

  g_return_val_if_fail (ANNALS_IS_EVENT_SET (set), NULL);

  out = g_string_new (NULL);
  documents = annals_event_set_get_documents (set);
  events = annals_event_set_get_events (set);

  annals_json_writer_begin (&writer, out);
  for (guint i = 0; i < documents->len; i++)
    annals_json_writer_add_document (&writer, g_ptr_array_index (documents, i));
  annals_json_writer_begin_events (&writer);
  for (guint i = 0; i < events->len; i++)
    annals_json_writer_add_event (&writer, g_ptr_array_index (events, i));
  annals_json_writer_end (&writer, annals_event_set_get_extra_json (set));

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

gboolean
annals_json_save_file (AnnalsEventSet  *set,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (ANNALS_IS_EVENT_SET (set), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = annals_json_to_data (set, &length);

  /* Written to a temporary file and renamed: a failure leaves the old
   * file as it was. */
  if (!g_file_set_contents (path, data, length, &local_error))
    {
      g_set_error (error, ANNALS_IO_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ?
                   ANNALS_IO_ERROR_FULL : ANNALS_IO_ERROR_FAILED,
                   "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}
