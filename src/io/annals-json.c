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

/* Longer strings are refused (ANNALS_IO_ERROR_TOO_LARGE): the streaming
 * reader holds one document or event at a time, and this bounds it. */
#define MAX_STRING_SIZE (64u << 20)

#define READ_BUFFER_SIZE (64 * 1024)

/* Checks the content of a file, one document or event at a time, and
 * hands each on as an object. */
typedef struct
{
  const char             *name;
  GString                *path;
  GHashTable             *document_lengths; /* id -> length + 1 */
  GHashTable             *event_ids;        /* ids seen so far */
  AnnalsJsonDocumentFunc  document_func;
  AnnalsJsonEventFunc     event_func;
  gpointer                user_data;
} Loader;

static const char * const document_members[] = {
  "id", "title", "source", "url", "published", "text", NULL
};

static const char * const mention_members[] = {
  "document", "start", "end", NULL
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

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (const GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            annals_json_append_string (out, l->data);
            g_string_append_c (out, ':');
            append_node (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            double value = json_node_get_double (node);

            if (isfinite (value))
              {
                static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };

                /* The shortest form that reads back as the same number. */
                for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
                  {
                    g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
                    if (g_ascii_strtod (buffer, NULL) == value)
                      break;
                  }
                g_string_append (out, buffer);
              }
            else
              g_string_append (out, "null");
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_STRING)
          annals_json_append_string (out, json_node_get_string (node));
        else
          g_string_append (out, "null");
      }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
annals_json_node_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_node (out, node);

  return g_string_free (out, FALSE);
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

  return annals_json_node_to_string (node);
}

static gboolean
load_document (Loader    *self,
               JsonNode  *node,
               GError   **error)
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

  if (g_hash_table_contains (self->document_lengths, id))
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

  g_hash_table_insert (self->document_lengths, g_strdup (id),
                       GUINT_TO_POINTER (annals_document_get_length (document) + 1));

  return self->document_func (document, self->user_data, error);
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
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      ok = fail (self, error, ANNALS_IO_ERROR_INVALID, _("offset %s out of range"), text);
    }
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
  g_autofree char *extra_json = NULL;
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

  length = GPOINTER_TO_UINT (g_hash_table_lookup (self->document_lengths, document_id));
  if (length-- == 0)
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

  if (end > length)
    {
      mark = push_member (self, "end");
      fail (self, error, ANNALS_IO_ERROR_INVALID,
            _("the mention [%u, %u) lies outside document “%s”, which has %u characters"),
            start, end, document_id, length);
      pop (self, mark);
      return FALSE;
    }

  extra_json = collect_extra (object, mention_members);
  annals_event_add_mention_full (event, document_id, start, end, extra_json);

  return TRUE;
}

static gboolean
load_event (Loader    *self,
            JsonNode  *node,
            GError   **error)
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

  g_hash_table_add (self->event_ids, g_strdup (id));

  return self->event_func (event, self->user_data, error);
}

/* Reading: a strict JSON (RFC 8259) reader that walks the file once,
 * in blocks, and builds a JsonNode for one document or event at a time,
 * so that a file of a million events never sits in memory whole. It
 * names the line and column of every syntax error. */

typedef struct
{
  const char   *name;
  FILE         *file;
  const guchar *data;
  gsize         length;
  gsize         pos;
  guchar       *buffer;
  guint64       offset;      /* bytes before data[0] */
  guint         line;
  guint         column;
  int           read_errno;
} Reader;

static int
reader_peek (Reader *self)
{
  if (self->pos < self->length)
    return self->data[self->pos];

  if (self->file == NULL)
    return -1;

  self->offset += self->length;
  self->pos = 0;
  self->data = self->buffer;
  self->length = fread (self->buffer, 1, READ_BUFFER_SIZE, self->file);

  if (self->length == 0)
    {
      if (ferror (self->file))
        self->read_errno = errno != 0 ? errno : EIO;
      return -1;
    }

  return self->data[0];
}

static void
reader_advance (Reader *self)
{
  guchar c = self->data[self->pos++];

  if (c == '\n')
    {
      self->line++;
      self->column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    {
      self->column++;
    }
}

static gboolean
reader_fail_at (Reader      *self,
                guint        line,
                guint        column,
                GError     **error,
                int          code,
                const char  *format,
                ...) G_GNUC_PRINTF (6, 7);

static gboolean
reader_fail_at (Reader      *self,
                guint        line,
                guint        column,
                GError     **error,
                int          code,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->read_errno != 0)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", self->name, g_strerror (self->read_errno));
      return FALSE;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ANNALS_IO_ERROR, code, "%s:%u:%u: %s",
               self->name, line, column, message);

  return FALSE;
}

#define reader_fail(self, error, code, ...) \
  reader_fail_at ((self), (self)->line, (self)->column, (error), (code), __VA_ARGS__)

/* What was found where something else was expected, for messages. */
static char *
describe_char (int c)
{
  if (c < 0)
    return g_strdup (_("end of file (truncated?)"));
  if (c > 0x20 && c < 0x7F)
    return g_strdup_printf ("“%c”", c);
  return g_strdup_printf (_("byte 0x%02X"), (guint) c);
}

static gboolean
fail_unexpected (Reader      *self,
                 int          c,
                 const char  *expected,
                 GError     **error)
{
  g_autofree char *found = describe_char (c);

  return reader_fail (self, error, ANNALS_IO_ERROR_PARSE,
                      _("unexpected %s, expected %s"), found, expected);
}

static void
skip_white_space (Reader *self)
{
  int c;

  while ((c = reader_peek (self)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    reader_advance (self);
}

static int
read_hex4 (Reader  *self)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int c = reader_peek (self);

      if (c < 0 || !g_ascii_isxdigit (c))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (c);
      reader_advance (self);
    }

  return value;
}

/* Reads a string whose opening quote is the current byte. */
static gboolean
read_json_string (Reader   *self,
                  GString  *out,
                  GError  **error)
{
  guint line = self->line, column = self->column;

  g_string_truncate (out, 0);
  reader_advance (self);

  for (;;)
    {
      int c = reader_peek (self);

      if (c < 0)
        return reader_fail_at (self, line, column, error, ANNALS_IO_ERROR_PARSE,
                               _("the file ends inside the string that starts here (truncated?)"));

      if (out->len > MAX_STRING_SIZE)
        return reader_fail_at (self, line, column, error, ANNALS_IO_ERROR_TOO_LARGE,
                               _("a string longer than %u MiB, the most Annals reads"),
                               MAX_STRING_SIZE >> 20);

      /* Plain ASCII up to the next quote, backslash, control character or
       * multi-byte character, in one go: no newline can be among it. */
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        {
          const guchar *start = self->data + self->pos;
          const guchar *end = self->data + self->length;
          const guchar *p = start + 1;

          while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
          g_string_append_len (out, (const char *) start, p - start);
          self->column += (guint) (p - start);
          self->pos += (gsize) (p - start);
          continue;
        }

      if (c == '"')
        {
          reader_advance (self);
          return TRUE;
        }

      if (c < 0x20)
        return reader_fail (self, error, ANNALS_IO_ERROR_PARSE,
                            _("a control character (U+%04X) in a string must be escaped"), (guint) c);

      if (c == '\\')
        {
          guint escape_line = self->line, escape_column = self->column;
          int value;

          reader_advance (self);
          c = reader_peek (self);
          if (c >= 0)
            reader_advance (self);

          switch (c)
            {
            case '"': g_string_append_c (out, '"'); break;
            case '\\': g_string_append_c (out, '\\'); break;
            case '/': g_string_append_c (out, '/'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'u':
              value = read_hex4 (self);
              if (value < 0)
                return reader_fail_at (self, escape_line, escape_column, error, ANNALS_IO_ERROR_PARSE,
                                       _("“\\u” must be followed by four hexadecimal digits"));

              if (value >= 0xD800 && value <= 0xDBFF)
                {
                  int low = -1;

                  if (reader_peek (self) == '\\')
                    {
                      reader_advance (self);
                      if (reader_peek (self) == 'u')
                        {
                          reader_advance (self);
                          low = read_hex4 (self);
                        }
                    }

                  if (low < 0xDC00 || low > 0xDFFF)
                    return reader_fail_at (self, escape_line, escape_column, error, ANNALS_IO_ERROR_ENCODING,
                                           _("a lone surrogate (\\u%04X) is not a character"), (guint) value);

                  value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (value >= 0xDC00 && value <= 0xDFFF)
                {
                  return reader_fail_at (self, escape_line, escape_column, error, ANNALS_IO_ERROR_ENCODING,
                                         _("a lone surrogate (\\u%04X) is not a character"), (guint) value);
                }
              else if (value == 0)
                {
                  return reader_fail_at (self, escape_line, escape_column, error, ANNALS_IO_ERROR_ENCODING,
                                         _("“\\u0000” (a NUL character) is not allowed in a string"));
                }

              g_string_append_unichar (out, (gunichar) value);
              break;
            default:
              {
                g_autofree char *found = describe_char (c);

                return reader_fail_at (self, escape_line, escape_column, error, ANNALS_IO_ERROR_PARSE,
                                       _("invalid escape “\\” followed by %s"), found);
              }
            }

          continue;
        }

      if (c < 0x80)
        {
          g_string_append_c (out, (char) c);
          reader_advance (self);
          continue;
        }

      /* A multi-byte UTF-8 sequence, checked as a whole. */
      {
        guint64 byte = self->offset + self->pos;
        guint lead_line = self->line, lead_column = self->column;
        gsize size = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        char sequence[4];
        gsize n = 0;

        sequence[n++] = (char) c;
        reader_advance (self);
        while (n < size && (c = reader_peek (self)) >= 0 && (c & 0xC0) == 0x80)
          {
            sequence[n++] = (char) c;
            reader_advance (self);
          }

        if (n != size || !g_utf8_validate_len (sequence, size, NULL))
          {
            g_autofree char *byte_text = g_strdup_printf ("%" G_GUINT64_FORMAT, byte);

            return reader_fail_at (self, lead_line, lead_column, error, ANNALS_IO_ERROR_ENCODING,
                                   _("invalid UTF-8 at byte %s (byte 0x%02X)"),
                                   byte_text, (guint) (guchar) sequence[0]);
          }

        g_string_append_len (out, sequence, size);
      }
    }
}

static JsonNode *
read_number (Reader  *self,
             GString *scratch,
             GError **error)
{
  guint line = self->line, column = self->column;
  gboolean is_integer = TRUE;
  int c;

  g_string_truncate (scratch, 0);

#define TAKE() G_STMT_START { g_string_append_c (scratch, (char) c); reader_advance (self); c = reader_peek (self); } G_STMT_END
#define TAKE_DIGITS() G_STMT_START { while (c >= '0' && c <= '9' && scratch->len < 400) TAKE (); } G_STMT_END

  c = reader_peek (self);
  if (c == '-')
    TAKE ();

  if (c == '0')
    TAKE ();
  else if (c >= '1' && c <= '9')
    TAKE_DIGITS ();
  else
    goto invalid;

  if (c == '.')
    {
      is_integer = FALSE;
      TAKE ();
      if (!(c >= '0' && c <= '9'))
        goto invalid;
      TAKE_DIGITS ();
    }

  if (c == 'e' || c == 'E')
    {
      is_integer = FALSE;
      TAKE ();
      if (c == '+' || c == '-')
        TAKE ();
      if (!(c >= '0' && c <= '9'))
        goto invalid;
      TAKE_DIGITS ();
    }

  if (c >= '0' && c <= '9')
    goto invalid;

#undef TAKE_DIGITS
#undef TAKE

  if (is_integer)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (scratch->str, NULL, 10);
      if (errno == 0)
        return json_node_init_int (json_node_alloc (), value);
    }

  {
    double value = g_ascii_strtod (scratch->str, NULL);

    if (!isfinite (value))
      {
        reader_fail_at (self, line, column, error, ANNALS_IO_ERROR_PARSE,
                        _("the number %s is too large"), scratch->str);
        return NULL;
      }

    return json_node_init_double (json_node_alloc (), value);
  }

invalid:
  reader_fail_at (self, line, column, error, ANNALS_IO_ERROR_PARSE,
                  _("invalid number “%s%c”"), scratch->str, c > 0x20 && c < 0x7F ? c : ' ');
  return NULL;
}

static JsonNode *
read_literal (Reader  *self,
              GError **error)
{
  static const char * const literals[] = { "true", "false", "null" };
  guint line = self->line, column = self->column;
  char word[8] = { 0, };
  gsize n = 0;
  int c;

  while (n < sizeof word - 1 && (c = reader_peek (self)) >= 'a' && c <= 'z')
    {
      word[n++] = (char) c;
      reader_advance (self);
    }

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      if (strcmp (word, literals[i]) != 0)
        continue;

      if (i == 2)
        return json_node_init_null (json_node_alloc ());

      return json_node_init_boolean (json_node_alloc (), i == 0);
    }

  reader_fail_at (self, line, column, error, ANNALS_IO_ERROR_PARSE,
                  _("unexpected “%s”, expected a value"), word);
  return NULL;
}

static JsonNode *read_value (Reader   *self,
                             GString  *scratch,
                             guint     depth,
                             GError  **error);

static JsonNode *
read_container (Reader   *self,
                GString  *scratch,
                guint     depth,
                GError  **error)
{
  gboolean is_object = reader_peek (self) == '{';
  g_autoptr(JsonNode) node = NULL;
  int c;

  if (depth > MAX_DEPTH)
    {
      reader_fail (self, error, ANNALS_IO_ERROR_PARSE,
                   _("nested deeper than %u levels"), MAX_DEPTH);
      return NULL;
    }

  reader_advance (self);
  skip_white_space (self);

  if (is_object)
    node = json_node_init_object (json_node_alloc (), json_object_new ());
  else
    node = json_node_init_array (json_node_alloc (), json_array_new ());

  /* The object and array hold a reference of their own. */
  if (is_object)
    json_object_unref (json_node_get_object (node));
  else
    json_array_unref (json_node_get_array (node));

  if (reader_peek (self) == (is_object ? '}' : ']'))
    {
      reader_advance (self);
      return g_steal_pointer (&node);
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      skip_white_space (self);

      if (is_object)
        {
          c = reader_peek (self);
          if (c != '"')
            {
              fail_unexpected (self, c, _("a member name in quotes"), error);
              return NULL;
            }
          if (!read_json_string (self, scratch, error))
            return NULL;
          name = g_strdup (scratch->str);

          skip_white_space (self);
          c = reader_peek (self);
          if (c != ':')
            {
              fail_unexpected (self, c, _("“:” after the member name"), error);
              return NULL;
            }
          reader_advance (self);
        }

      value = read_value (self, scratch, depth + 1, error);
      if (value == NULL)
        return NULL;

      if (is_object)
        json_object_set_member (json_node_get_object (node), name, value);
      else
        json_array_add_element (json_node_get_array (node), value);

      skip_white_space (self);
      c = reader_peek (self);
      if (c == ',')
        {
          reader_advance (self);
          continue;
        }
      if (c == (is_object ? '}' : ']'))
        {
          reader_advance (self);
          return g_steal_pointer (&node);
        }

      fail_unexpected (self, c, is_object ? _("“,” or “}”") : _("“,” or “]”"), error);
      return NULL;
    }
}

static JsonNode *
read_value (Reader   *self,
            GString  *scratch,
            guint     depth,
            GError  **error)
{
  int c;

  skip_white_space (self);
  c = reader_peek (self);

  switch (c)
    {
    case '{':
    case '[':
      return read_container (self, scratch, depth, error);

    case '"':
      if (!read_json_string (self, scratch, error))
        return NULL;
      return json_node_init_string (json_node_alloc (), scratch->str);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (self, scratch, error);

    case 't':
    case 'f':
    case 'n':
      return read_literal (self, error);

    default:
      fail_unexpected (self, c, _("a value"), error);
      return NULL;
    }
}

/* Reads "documents" or "events", handing on one element at a time. */
static gboolean
read_items (Reader   *self,
            Loader   *loader,
            GString  *scratch,
            gboolean  events,
            GError  **error)
{
  const char *member = events ? "events" : "documents";
  guint index = 0;
  int c;

  skip_white_space (self);
  if (reader_peek (self) != '[')
    {
      g_autoptr(JsonNode) value = read_value (self, scratch, 1, error);
      gsize mark;

      if (value == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (value))
        return TRUE;

      mark = push_member (loader, member);
      fail (loader, error, ANNALS_IO_ERROR_INVALID,
            _("expected an array, found %s"), describe_node (value));
      pop (loader, mark);
      return FALSE;
    }

  reader_advance (self);
  skip_white_space (self);
  if (reader_peek (self) == ']')
    {
      reader_advance (self);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(JsonNode) item = read_value (self, scratch, 2, error);
      gboolean ok;
      gsize mark;

      if (item == NULL)
        return FALSE;

      mark = push_member (loader, member);
      push_index (loader, index++);
      ok = events ? load_event (loader, item, error) : load_document (loader, item, error);
      pop (loader, mark);
      if (!ok)
        return FALSE;

      skip_white_space (self);
      c = reader_peek (self);
      if (c == ',')
        {
          reader_advance (self);
          continue;
        }
      if (c == ']')
        {
          reader_advance (self);
          return TRUE;
        }

      return fail_unexpected (self, c, _("“,” or “]”"), error);
    }
}

static gboolean
check_format (Loader    *loader,
              JsonNode  *value,
              GError   **error)
{
  gboolean ok = TRUE;
  gsize mark = push_member (loader, "format");

  if (!is_string_node (value) || g_strcmp0 (json_node_get_string (value), "annals-events") != 0)
    {
      if (is_string_node (value))
        ok = fail (loader, error, ANNALS_IO_ERROR_INVALID,
                   _("“%s” is not an Annals events file (expected “annals-events”)"),
                   json_node_get_string (value));
      else
        ok = fail (loader, error, ANNALS_IO_ERROR_INVALID,
                   _("expected “annals-events”, found %s"), describe_node (value));
    }

  pop (loader, mark);

  return ok;
}

static gboolean
check_version (Loader    *loader,
               JsonNode  *value,
               GError   **error)
{
  gboolean ok = TRUE;
  gsize mark = push_member (loader, "version");

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    ok = fail (loader, error, ANNALS_IO_ERROR_INVALID,
               _("expected an integer, found %s"), describe_node (value));
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

      if (json_node_get_int (value) > 1)
        ok = fail (loader, error, ANNALS_IO_ERROR_VERSION,
                   _("format version %s is newer than this version of Annals reads (1)"), text);
      else if (json_node_get_int (value) < 1)
        ok = fail (loader, error, ANNALS_IO_ERROR_INVALID,
                   _("%s is not a format version (expected 1)"), text);
    }

  pop (loader, mark);

  return ok;
}

static gboolean
read_events (Reader  *self,
             Loader  *loader,
             char   **extra_json,
             GError **error)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(JsonObject) extra = json_object_new ();
  gboolean has_format = FALSE, has_version = FALSE;
  int c;

  /* A byte order mark is not JSON, but harmless. */
  if (reader_peek (self) == 0xEF)
    {
      static const guchar bom[3] = { 0xEF, 0xBB, 0xBF };

      for (guint i = 0; i < 3; i++)
        {
          if (reader_peek (self) != bom[i])
            return fail_unexpected (self, reader_peek (self), "“{”", error);
          reader_advance (self);
        }
      self->column = 1;
    }

  skip_white_space (self);
  c = reader_peek (self);

  if (c < 0)
    {
      if (self->read_errno != 0)
        return reader_fail (self, error, ANNALS_IO_ERROR_FAILED, "%s", "");

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_EMPTY,
                   _("%s: the file is empty"), self->name);
      return FALSE;
    }

  if (c == '[')
    return fail (loader, error, ANNALS_IO_ERROR_INVALID,
                 _("expected an events object at the top level, found an array"));

  if (c != '{')
    return fail_unexpected (self, c, _("“{”, the start of an events file"), error);

  reader_advance (self);
  skip_white_space (self);

  if (reader_peek (self) != '}')
    {
      for (;;)
        {
          g_autofree char *name = NULL;

          skip_white_space (self);
          c = reader_peek (self);
          if (c != '"')
            return fail_unexpected (self, c, _("a member name in quotes"), error);
          if (!read_json_string (self, scratch, error))
            return FALSE;
          name = g_strdup (scratch->str);

          skip_white_space (self);
          c = reader_peek (self);
          if (c != ':')
            return fail_unexpected (self, c, _("“:” after the member name"), error);
          reader_advance (self);

          if (strcmp (name, "documents") == 0 || strcmp (name, "events") == 0)
            {
              if (!read_items (self, loader, scratch, name[0] == 'e', error))
                return FALSE;
            }
          else
            {
              JsonNode *value = read_value (self, scratch, 1, error);

              if (value == NULL)
                return FALSE;

              if (strcmp (name, "format") == 0)
                {
                  has_format = TRUE;
                  if (!check_format (loader, value, error))
                    {
                      json_node_unref (value);
                      return FALSE;
                    }
                  json_node_unref (value);
                }
              else if (strcmp (name, "version") == 0)
                {
                  has_version = TRUE;
                  if (!check_version (loader, value, error))
                    {
                      json_node_unref (value);
                      return FALSE;
                    }
                  json_node_unref (value);
                }
              else
                {
                  json_object_set_member (extra, name, value);
                }
            }

          skip_white_space (self);
          c = reader_peek (self);
          if (c == ',')
            {
              reader_advance (self);
              continue;
            }
          if (c == '}')
            break;

          return fail_unexpected (self, c, _("“,” or “}”"), error);
        }
    }

  reader_advance (self);
  skip_white_space (self);
  c = reader_peek (self);
  if (c >= 0)
    return reader_fail (self, error, ANNALS_IO_ERROR_PARSE,
                        _("unexpected data after the end of the events object"));
  if (self->read_errno != 0)
    return reader_fail (self, error, ANNALS_IO_ERROR_FAILED, "%s", "");

  if (!has_format)
    {
      gsize mark = push_member (loader, "format");

      fail (loader, error, ANNALS_IO_ERROR_INVALID,
            _("missing, this is not an Annals events file (expected “annals-events”)"));
      pop (loader, mark);
      return FALSE;
    }

  if (!has_version)
    {
      gsize mark = push_member (loader, "version");

      fail (loader, error, ANNALS_IO_ERROR_INVALID, _("missing, expected 1"));
      pop (loader, mark);
      return FALSE;
    }

  if (extra_json != NULL)
    {
      *extra_json = NULL;

      if (json_object_get_size (extra) > 0)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), extra);
          *extra_json = annals_json_node_to_string (node);
        }
    }

  return TRUE;
}

static gboolean
read_stream (const char              *name,
             FILE                    *file,
             const char              *data,
             gsize                    length,
             AnnalsJsonDocumentFunc   document_func,
             AnnalsJsonEventFunc      event_func,
             gpointer                 user_data,
             char                   **extra_json,
             GError                 **error)
{
  g_autoptr(GHashTable) document_lengths = NULL;
  g_autoptr(GHashTable) event_ids = NULL;
  g_autoptr(GString) path = NULL;
  g_autofree guchar *buffer = NULL;
  Reader reader = { 0, };
  Loader loader;

  document_lengths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  path = g_string_new (NULL);

  loader.name = name;
  loader.path = path;
  loader.document_lengths = document_lengths;
  loader.event_ids = event_ids;
  loader.document_func = document_func;
  loader.event_func = event_func;
  loader.user_data = user_data;

  reader.name = name;
  reader.line = 1;
  reader.column = 1;
  if (file != NULL)
    {
      buffer = g_malloc (READ_BUFFER_SIZE);
      reader.buffer = buffer;
      reader.file = file;
    }
  else
    {
      reader.data = (const guchar *) data;
      reader.length = length;
    }

  return read_events (&reader, &loader, extra_json, error);
}

static gboolean
add_document_cb (AnnalsDocument  *document,
                 gpointer         user_data,
                 GError         **error)
{
  annals_event_set_add_document (user_data, document);
  return TRUE;
}

static gboolean
add_event_cb (AnnalsEvent  *event,
              gpointer      user_data,
              GError      **error)
{
  annals_event_set_add_event (user_data, event);
  return TRUE;
}

AnnalsEventSet *
annals_json_load_data (const char  *data,
                       gssize       length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autofree char *extra_json = NULL;
  gsize size;

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

  set = annals_event_set_new ();
  if (!read_stream (display_name, NULL, data, size, add_document_cb, add_event_cb, set,
                    &extra_json, error))
    return NULL;

  annals_event_set_set_extra_json (set, extra_json);

  return g_steal_pointer (&set);
}

static FILE *
open_for_reading (const char  *path,
                  guint64      max_size,
                  GError     **error)
{
  GStatBuf info;
  FILE *file;

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

  /* Read whole, the file must have a size: a FIFO or a device could block
   * or never end. */
  if (max_size > 0 && !S_ISREG (info.st_mode))
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   _("%s: not a regular file"), path);
      return NULL;
    }

  /* The size is checked before anything is read, so a huge file is
   * refused without touching memory. */
  if (max_size > 0 && S_ISREG (info.st_mode) && (guint64) info.st_size > max_size)
    {
      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB, the most Annals reads"),
                   path, (guint) (max_size >> 20));
      return NULL;
    }

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_FAILED,
                   "%s: %s", path, g_strerror (saved_errno));
      return NULL;
    }

  return file;
}

AnnalsEventSet *
annals_json_load_file (const char  *path,
                       GError     **error)
{
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autofree char *extra_json = NULL;
  gboolean ok;
  FILE *file;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = open_for_reading (path, ANNALS_JSON_MAX_SIZE, error);
  if (file == NULL)
    return NULL;

  set = annals_event_set_new ();
  ok = read_stream (path, file, NULL, 0, add_document_cb, add_event_cb, set, &extra_json, error);
  fclose (file);

  if (!ok)
    return NULL;

  annals_event_set_set_extra_json (set, extra_json);

  return g_steal_pointer (&set);
}

gboolean
annals_json_read_file (const char              *path,
                       AnnalsJsonDocumentFunc   document_func,
                       AnnalsJsonEventFunc      event_func,
                       gpointer                 user_data,
                       char                   **extra_json,
                       GError                 **error)
{
  gboolean ok;
  FILE *file;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (document_func != NULL, FALSE);
  g_return_val_if_fail (event_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = open_for_reading (path, 0, error);
  if (file == NULL)
    return FALSE;

  ok = read_stream (path, file, NULL, 0, document_func, event_func, user_data, extra_json, error);
  fclose (file);

  return ok;
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
 * its own line after a comma, or on the same line when @indent is NULL. */
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
      g_autofree char *value = annals_json_node_to_string (json_object_get_member (object, l->data));

      if (indent != NULL)
        {
          g_string_append (out, ",\n");
          g_string_append (out, indent);
        }
      else
        g_string_append (out, ", ");
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
      g_string_append_printf (out, ", \"start\": %u, \"end\": %u", mention->start, mention->end);
      append_extra_members (out, mention->extra_json, NULL);
      g_string_append (out, " }");
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
