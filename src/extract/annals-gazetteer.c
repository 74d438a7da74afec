/* annals-gazetteer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-gazetteer"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "annals-gazetteer.h"
#include "annals-extract-resources.h"

#define MAX_KEY_BYTES 256

struct _AnnalsGazetteer
{
  GHashTable *names;        /* key → AnnalsPlace */
  GHashTable *first_words;  /* first token of some key → itself */
  guint       max_tokens;
};

G_DEFINE_QUARK (annals-gazetteer-error-quark, annals_gazetteer_error)

static const char * const type_names[] = {
  "country", "demonym", "capital", "city", "region", "district", "ground", "sea",
};

static void
place_free (gpointer data)
{
  AnnalsPlace *place = data;

  g_free (place->name);
  g_free (place);
}

/* Appends the text of one token to a key, folding curly apostrophes and
 * dashes so that "Alexander’s" and "Alexander's" agree. */
static gboolean
append_token (char               *key,
              gsize              *length,
              const AnnalsTokens *tokens,
              guint               index)
{
  const AnnalsToken *token = annals_tokens_get (tokens, index);
  const char *text = tokens->text + token->start;
  gsize size = token->end - token->start;

  if (annals_tokens_is_apostrophe (tokens, index))
    {
      text = "'";
      size = 1;
    }
  else if (annals_tokens_is_dash (tokens, index))
    {
      text = "-";
      size = 1;
    }

  if (*length + size + 2 >= MAX_KEY_BYTES)
    return FALSE;

  if (*length > 0)
    key[(*length)++] = ' ';
  memcpy (key + *length, text, size);
  *length += size;
  key[*length] = '\0';

  return TRUE;
}

AnnalsGazetteer *
annals_gazetteer_new (void)
{
  AnnalsGazetteer *self = g_new0 (AnnalsGazetteer, 1);

  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, place_free);
  self->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
annals_gazetteer_free (AnnalsGazetteer *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->names);
  g_hash_table_unref (self->first_words);
  g_free (self);
}

void
annals_gazetteer_add (AnnalsGazetteer *self,
                      const char      *code,
                      AnnalsPlaceType  type,
                      const char      *name)
{
  g_autoptr(AnnalsTokens) tokens = NULL;
  char key[MAX_KEY_BYTES];
  gsize length = 0;
  AnnalsPlace *place;
  guint first = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (name != NULL);

  tokens = annals_tokens_new (name, strlen (name));
  if (tokens->tokens->len == 0)
    return;

  /* "the Russian Federation" is found as "Russian Federation". */
  if (tokens->tokens->len > 1 && annals_tokens_equal (tokens, 0, "the", TRUE))
    first = 1;

  key[0] = '\0';
  for (guint i = first; i < tokens->tokens->len; i++)
    if (!append_token (key, &length, tokens, i))
      return;

  if (g_hash_table_contains (self->names, key))
    return;

  place = g_new0 (AnnalsPlace, 1);
  if (strcmp (code, "-") != 0)
    g_strlcpy (place->code, code, sizeof place->code);
  place->type = type;
  place->name = g_strdup (name);
  g_hash_table_insert (self->names, g_strdup (key), place);

  length = 0;
  append_token (key, &length, tokens, first);
  if (!g_hash_table_contains (self->first_words, key))
    g_hash_table_add (self->first_words, g_strdup (key));

  self->max_tokens = MAX (self->max_tokens, tokens->tokens->len - first);
}

gboolean
annals_gazetteer_load_data (AnnalsGazetteer *self,
                            const char      *data,
                            gsize            length,
                            const char      *name,
                            GError         **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, ANNALS_GAZETTEER_ERROR, ANNALS_GAZETTEER_ERROR_PARSE,
                   "%s: not valid UTF-8", name);
      return FALSE;
    }

  copy = g_strndup (data, length);
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) names = NULL;
      char *line = g_strstrip (lines[i]);
      guint type = G_N_ELEMENTS (type_names);

      if (line[0] == '\0' || line[0] == '#')
        continue;

      fields = g_strsplit (line, "\t", 3);
      if (g_strv_length (fields) != 3)
        {
          g_set_error (error, ANNALS_GAZETTEER_ERROR, ANNALS_GAZETTEER_ERROR_PARSE,
                       "%s:%u:1: expected CODE, TYPE and NAMES separated by tabs", name, i + 1);
          return FALSE;
        }

      if (!(strcmp (fields[0], "-") == 0 ||
            (strlen (fields[0]) == 2 && g_ascii_isupper (fields[0][0]) && g_ascii_isupper (fields[0][1]))))
        {
          g_set_error (error, ANNALS_GAZETTEER_ERROR, ANNALS_GAZETTEER_ERROR_PARSE,
                       "%s:%u:1: “%s” is not an ISO 3166-1 alpha-2 code", name, i + 1, fields[0]);
          return FALSE;
        }

      for (guint t = 0; t < G_N_ELEMENTS (type_names); t++)
        if (strcmp (fields[1], type_names[t]) == 0)
          type = t;

      if (type == G_N_ELEMENTS (type_names))
        {
          g_set_error (error, ANNALS_GAZETTEER_ERROR, ANNALS_GAZETTEER_ERROR_PARSE,
                       "%s:%u:%u: unknown type “%s”", name, i + 1,
                       (guint) strlen (fields[0]) + 2, fields[1]);
          return FALSE;
        }

      names = g_strsplit (fields[2], "|", -1);
      for (guint n = 0; names[n] != NULL; n++)
        {
          char *entry = g_strstrip (names[n]);

          if (entry[0] != '\0')
            annals_gazetteer_add (self, fields[0], type, entry);
        }
    }

  return TRUE;
}

typedef struct
{
  AnnalsGazetteer *gazetteer;
  guint            n_countries;
} IsoCodesParser;

static void
iso_codes_start_element (GMarkupParseContext  *context,
                         const char           *element_name,
                         const char          **attribute_names,
                         const char          **attribute_values,
                         gpointer              user_data,
                         GError              **error)
{
  IsoCodesParser *parser = user_data;
  const char *code = NULL;
  const char *names[3] = { NULL, NULL, NULL };

  if (strcmp (element_name, "iso_3166_entry") != 0)
    return;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (strcmp (attribute_names[i], "alpha_2_code") == 0)
        code = attribute_values[i];
      else if (strcmp (attribute_names[i], "name") == 0)
        names[0] = attribute_values[i];
      else if (strcmp (attribute_names[i], "official_name") == 0)
        names[1] = attribute_values[i];
      else if (strcmp (attribute_names[i], "common_name") == 0)
        names[2] = attribute_values[i];
    }

  if (code == NULL || strlen (code) != 2)
    return;

  parser->n_countries++;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      /* "Korea, Republic of" is not how a text names a country. */
      if (names[i] == NULL || strchr (names[i], ',') != NULL || strchr (names[i], '(') != NULL)
        continue;
      annals_gazetteer_add (parser->gazetteer, code, ANNALS_PLACE_COUNTRY, names[i]);
    }
}

gboolean
annals_gazetteer_load_iso_codes (AnnalsGazetteer *self,
                                 const char      *path,
                                 GError         **error)
{
  static const GMarkupParser markup_parser = { iso_codes_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree char *contents = NULL;
  IsoCodesParser parser = { self, 0 };
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  context = g_markup_parse_context_new (&markup_parser, 0, &parser, NULL);
  if (!g_markup_parse_context_parse (context, contents, length, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_resource (AnnalsGazetteer *self,
               const char      *name)
{
  g_autofree char *path = g_strconcat ("/io/github/annalsapp/Annals/gazetteer/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (annals_extract_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The gazetteer is missing from the extract library: %s", error->message);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!annals_gazetteer_load_data (self, data, length, name, &error))
    {
      g_critical ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

AnnalsGazetteer *
annals_gazetteer_get_default (void)
{
  static AnnalsGazetteer *gazetteer;

  if (g_once_init_enter (&gazetteer))
    {
      AnnalsGazetteer *self = annals_gazetteer_new ();
      g_autofree char *iso_path = NULL;
      g_autoptr(GError) error = NULL;

      /* The curated names go in first: on a clash they win. */
      load_resource (self, "aliases.txt");
      load_resource (self, "places.txt");

      iso_path = g_build_filename (ISO_CODES_PREFIX, "share", "xml", "iso-codes", "iso_3166-1.xml", NULL);
      if (!g_file_test (iso_path, G_FILE_TEST_EXISTS))
        {
          g_free (iso_path);
          iso_path = g_build_filename ("/usr", "share", "xml", "iso-codes", "iso_3166-1.xml", NULL);
        }
      if (!annals_gazetteer_load_iso_codes (self, iso_path, &error))
        g_debug ("Countries of iso-codes not loaded, using the aliases file only: %s", error->message);

      g_once_init_leave (&gazetteer, self);
    }

  return gazetteer;
}

const AnnalsPlace *
annals_gazetteer_match (AnnalsGazetteer    *self,
                        const AnnalsTokens *tokens,
                        guint               index,
                        guint               limit,
                        guint              *n_tokens)
{
  const AnnalsPlace *best = NULL;
  const AnnalsToken *token;
  char key[MAX_KEY_BYTES];
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);

  limit = MIN (limit, tokens->tokens->len);
  if (index >= limit)
    return NULL;

  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_WORD || !g_unichar_isupper (token->first))
    return NULL;

  key[0] = '\0';
  if (!append_token (key, &length, tokens, index) ||
      !g_hash_table_contains (self->first_words, key))
    return NULL;

  for (guint i = index; i < limit && i - index < self->max_tokens; i++)
    {
      const AnnalsPlace *place;

      if (i > index && !append_token (key, &length, tokens, i))
        break;
      /* A name never spans a line break. */
      if (i > index && (annals_tokens_get (tokens, i)->flags & ANNALS_TOKEN_NEWLINE_BEFORE) != 0)
        break;

      place = g_hash_table_lookup (self->names, key);
      if (place != NULL)
        {
          best = place;
          *n_tokens = i - index + 1;
        }
    }

  return best;
}

const AnnalsPlace *
annals_gazetteer_lookup (AnnalsGazetteer *self,
                         const char      *name)
{
  g_autoptr(AnnalsTokens) tokens = NULL;
  char key[MAX_KEY_BYTES];
  gsize length = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  tokens = annals_tokens_new (name, strlen (name));
  key[0] = '\0';
  for (guint i = 0; i < tokens->tokens->len; i++)
    if (!append_token (key, &length, tokens, i))
      return NULL;

  return g_hash_table_lookup (self->names, key);
}

guint
annals_gazetteer_get_size (AnnalsGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->names);
}
