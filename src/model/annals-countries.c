/* annals-countries.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-countries"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "annals-countries.h"

#define ISO_3166_DOMAIN "iso_3166-1"

typedef struct
{
  char *code;
  char *name;        /* the short name iso-codes gives, untranslated */
  char *local_name;  /* a shorter name of our own, already marked N_() */
} Country;

typedef struct
{
  GHashTable *by_code;
  GPtrArray  *codes;
} CountryTable;

/* iso-codes names a few countries by their formal short name only; the
 * timeline's lane headers want the name people use. */
static const struct {
  const char *code;
  const char *name;
} short_names[] = {
  { "BN", N_("Brunei") },
  { "PS", N_("Palestine") },
  { "RU", N_("Russia") },
};

static void
country_free (gpointer data)
{
  Country *country = data;

  g_free (country->code);
  g_free (country->name);
  g_free (country);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  CountryTable *table = user_data;
  const char *code = NULL;
  const char *name = NULL;
  const char *common_name = NULL;
  Country *country;

  if (strcmp (element_name, "iso_3166_entry") != 0)
    return;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (strcmp (attribute_names[i], "alpha_2_code") == 0)
        code = attribute_values[i];
      else if (strcmp (attribute_names[i], "name") == 0)
        name = attribute_values[i];
      else if (strcmp (attribute_names[i], "common_name") == 0)
        common_name = attribute_values[i];
    }

  if (code == NULL || strlen (code) != 2 || name == NULL)
    return;

  country = g_new0 (Country, 1);
  country->code = g_strdup (code);
  country->name = g_strdup (common_name != NULL ? common_name : name);
  for (guint i = 0; i < G_N_ELEMENTS (short_names); i++)
    if (strcmp (short_names[i].code, code) == 0)
      country->local_name = (char *) short_names[i].name;

  g_hash_table_replace (table->by_code, country->code, country);
  g_ptr_array_add (table->codes, country->code);
}

static gboolean
load_table (CountryTable *table,
            const char   *prefix)
{
  static const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autofree char *path = g_build_filename (prefix, "share", "xml", "iso-codes", "iso_3166-1.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *localedir = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  context = g_markup_parse_context_new (&parser, 0, table, NULL);
  if (!g_markup_parse_context_parse (context, contents, (gssize) length, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    return FALSE;

  localedir = g_build_filename (prefix, "share", "locale", NULL);
  bindtextdomain (ISO_3166_DOMAIN, localedir);
  bind_textdomain_codeset (ISO_3166_DOMAIN, "UTF-8");

  return table->codes->len > 0;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static CountryTable *
get_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      CountryTable *new_table = g_new0 (CountryTable, 1);
      const char *prefixes[] = { g_getenv ("ANNALS_ISO_CODES_PREFIX"), ISO_CODES_PREFIX, "/usr", "/app" };

      new_table->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, country_free);
      new_table->codes = g_ptr_array_new ();

      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          if (prefixes[i] == NULL)
            continue;
          if (load_table (new_table, prefixes[i]))
            break;
          g_hash_table_remove_all (new_table->by_code);
          g_ptr_array_set_size (new_table->codes, 0);
        }

      if (new_table->codes->len == 0)
        g_message ("iso-codes not found: country names are shown as codes");

      g_ptr_array_sort (new_table->codes, compare_codes);
      g_ptr_array_add (new_table->codes, NULL);

      g_once_init_leave (&table, (gsize) new_table);
    }

  return (CountryTable *) table;
}

gboolean
annals_country_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 2)
    return FALSE;

  return g_hash_table_contains (get_table ()->by_code, code);
}

const char *
annals_country_get_name (const char *code)
{
  Country *country;

  if (code == NULL)
    return NULL;

  country = g_hash_table_lookup (get_table ()->by_code, code);
  if (country == NULL)
    return code;

  if (country->local_name != NULL)
    return _(country->local_name);

  return dgettext (ISO_3166_DOMAIN, country->name);
}

const char *
annals_country_get_untranslated_name (const char *code)
{
  Country *country;

  if (code == NULL)
    return NULL;

  country = g_hash_table_lookup (get_table ()->by_code, code);
  if (country == NULL)
    return code;

  return country->local_name != NULL ? country->local_name : country->name;
}

const char * const *
annals_country_list_codes (void)
{
  return (const char * const *) get_table ()->codes->pdata;
}

guint16
annals_country_pack (const char *code)
{
  if (code == NULL || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) || code[2] != '\0')
    return 0;

  return (guint16) (((guint) g_ascii_toupper (code[0]) << 8) | (guint) g_ascii_toupper (code[1]));
}

void
annals_country_unpack (guint16 packed,
                       char    code[3])
{
  if (packed == 0)
    {
      code[0] = '\0';
      return;
    }

  code[0] = (char) (packed >> 8);
  code[1] = (char) (packed & 0xff);
  code[2] = '\0';
}
