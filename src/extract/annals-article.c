/* annals-article.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-article"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "annals-article.h"
#include "annals-extractor.h"

static const char * const known_keys[] = { "title", "source", "url", "published" };

static gboolean
is_key (const char *line,
        gsize       length,
        gsize      *key_length)
{
  gsize i = 0;

  if (length == 0 || !g_ascii_isalpha (line[0]))
    return FALSE;

  while (i < length && (g_ascii_isalnum (line[i]) || line[i] == '_' || line[i] == '-'))
    i++;

  if (i >= length || line[i] != ':' || i > 32)
    return FALSE;

  *key_length = i;
  return TRUE;
}

static gboolean
is_blank (const char *line,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

void
annals_article_free (AnnalsArticle *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->source);
  g_free (self->url);
  g_clear_pointer (&self->extra_keys, g_ptr_array_unref);
  g_free (self);
}

AnnalsArticle *
annals_article_parse (const char *data,
                      gsize       length,
                      const char *display_name,
                      GError    **error)
{
  g_autoptr(AnnalsArticle) self = NULL;
  const char *end_of_valid = NULL;
  const char *p, *end;
  gboolean has_known_key = FALSE;
  gboolean header = TRUE;
  guint lines = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (display_name == NULL)
    display_name = _("(text)");

  if (length > ANNALS_ARTICLE_MAX_SIZE)
    {
      g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_TOO_LARGE,
                   _("%s: the article is larger than %u MiB"), display_name,
                   ANNALS_ARTICLE_MAX_SIZE / (1024u * 1024u));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end_of_valid))
    {
      /* The number apart: a message with G_GSIZE_FORMAT cannot be translated. */
      g_autofree char *offset = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) (end_of_valid - data));

      g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_ENCODING,
                   _("%s: invalid UTF-8 at byte offset %s (the text must be UTF-8)"),
                   display_name, offset);
      return NULL;
    }

  self = g_new0 (AnnalsArticle, 1);
  self->extra_keys = g_ptr_array_new_with_free_func (g_free);
  p = data;
  end = data + length;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  /* First pass: is the first paragraph a header? */
  {
    const char *q = p;

    while (q < end)
      {
        const char *eol = memchr (q, '\n', end - q);
        gsize line_length = (eol != NULL ? eol : end) - q;
        gsize key_length;

        if (is_blank (q, line_length))
          break;
        if (!is_key (q, line_length, &key_length))
          {
            header = FALSE;
            break;
          }
        for (guint k = 0; k < G_N_ELEMENTS (known_keys); k++)
          if (key_length == strlen (known_keys[k]) && g_ascii_strncasecmp (q, known_keys[k], key_length) == 0)
            has_known_key = TRUE;
        if (eol == NULL)
          {
            /* A header must be ended by a blank line. */
            header = FALSE;
            break;
          }
        q = eol + 1;
      }

    if (q == p)
      header = FALSE;
    header = header && has_known_key;
  }

  while (header && p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize line_length = (eol != NULL ? eol : end) - p;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      gsize key_length;

      lines++;
      if (is_blank (p, line_length))
        {
          p = eol != NULL ? eol + 1 : end;
          break;
        }

      is_key (p, line_length, &key_length);
      key = g_ascii_strdown (p, key_length);
      value = g_strstrip (g_strndup (p + key_length + 1, line_length - key_length - 1));

      if (strcmp (key, "title") == 0)
        {
          g_free (self->title);
          self->title = g_steal_pointer (&value);
        }
      else if (strcmp (key, "source") == 0)
        {
          g_free (self->source);
          self->source = g_steal_pointer (&value);
        }
      else if (strcmp (key, "url") == 0)
        {
          g_free (self->url);
          self->url = g_steal_pointer (&value);
        }
      else if (strcmp (key, "published") == 0)
        {
          g_autoptr(GError) date_error = NULL;

          if (!annals_date_parse (&self->published, value, &date_error) ||
              annals_date_get_precision (&self->published) != ANNALS_PRECISION_DAY)
            {
              g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_FAILED,
                           _("%s:%u:%u: “published” must be a date as YYYY-MM-DD, not “%s”"),
                           display_name, lines, (guint) key_length + 3, value);
              return NULL;
            }
        }
      else if (strcmp (key, "id") == 0 || strcmp (key, "text") == 0)
        {
          /* Kept with the other metadata, these would replace the
           * document's own id or text when it is written as JSON. */
        }
      else
        {
          g_ptr_array_add (self->extra_keys, g_steal_pointer (&key));
          g_ptr_array_add (self->extra_keys, g_steal_pointer (&value));
        }

      p = eol != NULL ? eol + 1 : end;
    }

  self->header_lines = lines;
  self->body = p;
  self->body_length = end - p;

  if (is_blank (self->body, self->body_length))
    {
      g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_EMPTY,
                   _("%s: the article has no text"), display_name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

char *
annals_article_dup_id (AnnalsArticle *self)
{
  g_autofree char *checksum = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->url != NULL && self->url[0] != '\0')
    checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, self->url, -1);
  else
    {
      /* The first 64 KiB and the length identify a text well enough, and
       * keep a very large one from costing a full pass. */
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
      char length[32];

      g_checksum_update (sum, (const guchar *) self->body, MIN (self->body_length, 65536));
      g_snprintf (length, sizeof length, "\n%" G_GSIZE_FORMAT, self->body_length);
      g_checksum_update (sum, (const guchar *) length, -1);
      checksum = g_strdup (g_checksum_get_string (sum));
    }

  return g_strdup_printf ("doc-%.12s", checksum);
}
