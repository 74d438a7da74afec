/* annals-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-document"

#include "config.h"

#include <string.h>

#include "annals-document.h"

struct _AnnalsDocument
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *source;
  char       *url;
  char       *text;
  char       *extra_json;
  guint       length;
  AnnalsDate  published;
};

G_DEFINE_FINAL_TYPE (AnnalsDocument, annals_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_URL,
  PROP_PUBLISHED,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
annals_document_finalize (GObject *object)
{
  AnnalsDocument *self = (AnnalsDocument *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->extra_json, g_free);

  G_OBJECT_CLASS (annals_document_parent_class)->finalize (object);
}

static void
annals_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnnalsDocument *self = ANNALS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_PUBLISHED:
      g_value_set_boxed (value, &self->published);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnnalsDocument *self = ANNALS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      annals_document_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      annals_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      annals_document_set_source (self, g_value_get_string (value));
      break;

    case PROP_URL:
      annals_document_set_url (self, g_value_get_string (value));
      break;

    case PROP_PUBLISHED:
      annals_document_set_published (self, g_value_get_boxed (value));
      break;

    case PROP_TEXT:
      annals_document_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_document_class_init (AnnalsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annals_document_finalize;
  object_class->get_property = annals_document_get_property;
  object_class->set_property = annals_document_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PUBLISHED] =
    g_param_spec_boxed ("published", NULL, NULL, ANNALS_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annals_document_init (AnnalsDocument *self)
{
}

AnnalsDocument *
annals_document_new (const char *id)
{
  return g_object_new (ANNALS_TYPE_DOCUMENT, "id", id, NULL);
}

const char *
annals_document_get_id (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->id;
}

void
annals_document_set_id (AnnalsDocument *self,
                        const char     *id)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  if (set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
annals_document_get_title (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
annals_document_set_title (AnnalsDocument *self,
                           const char     *title)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
annals_document_get_source (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->source;
}

void
annals_document_set_source (AnnalsDocument *self,
                            const char     *source)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  if (set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

const char *
annals_document_get_url (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->url;
}

void
annals_document_set_url (AnnalsDocument *self,
                         const char     *url)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  if (set_string (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const AnnalsDate *
annals_document_get_published (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return &self->published;
}

void
annals_document_set_published (AnnalsDocument   *self,
                               const AnnalsDate *published)
{
  AnnalsDate date = { 0 };

  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  if (published != NULL)
    date = *published;

  if (memcmp (&date, &self->published, sizeof date) != 0)
    {
      self->published = date;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
    }
}

const char *
annals_document_get_text (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
annals_document_set_text (AnnalsDocument *self,
                          const char     *text)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (set_string (&self->text, text))
    {
      self->length = text != NULL ? (guint) g_utf8_strlen (text, -1) : 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}

const char *
annals_document_get_extra_json (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  return self->extra_json;
}

void
annals_document_set_extra_json (AnnalsDocument *self,
                                const char     *extra_json)
{
  g_return_if_fail (ANNALS_IS_DOCUMENT (self));

  set_string (&self->extra_json, extra_json);
}

guint
annals_document_get_length (AnnalsDocument *self)
{
  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), 0);

  return self->length;
}

gssize
annals_document_char_to_byte (AnnalsDocument *self,
                              guint           char_offset)
{
  const char *text;

  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), -1);

  if (char_offset > self->length)
    return -1;

  text = annals_document_get_text (self);

  return g_utf8_offset_to_pointer (text, char_offset) - text;
}

char *
annals_document_dup_span (AnnalsDocument *self,
                          guint           start,
                          guint           end)
{
  gssize start_byte, end_byte;

  g_return_val_if_fail (ANNALS_IS_DOCUMENT (self), NULL);

  if (start > end || end > self->length)
    return NULL;

  start_byte = annals_document_char_to_byte (self, start);
  end_byte = annals_document_char_to_byte (self, end);

  return g_strndup (annals_document_get_text (self) + start_byte, (gsize) (end_byte - start_byte));
}
