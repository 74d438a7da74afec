/* test-gazetteer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gazetteer"

#include "config.h"

#include <string.h>

#include "annals-gazetteer.h"
#include "annals-model.h"

static void
check_place (const char      *name,
             const char      *code,
             AnnalsPlaceType  type)
{
  const AnnalsPlace *place = annals_gazetteer_lookup (annals_gazetteer_get_default (), name);

  if (place == NULL)
    g_error ("“%s” is not in the gazetteer", name);
  g_assert_cmpstr (place->code, ==, code);
  g_assert_cmpint (place->type, ==, type);
}

static void
test_defence_places (void)
{
  check_place ("Tashkent", "UZ", ANNALS_PLACE_CAPITAL);
  check_place ("Astana", "KZ", ANNALS_PLACE_CAPITAL);
  check_place ("New Delhi", "IN", ANNALS_PLACE_CAPITAL);
  check_place ("Bishkek", "KG", ANNALS_PLACE_CAPITAL);
  check_place ("Dushanbe", "TJ", ANNALS_PLACE_CAPITAL);
  check_place ("Qingdao", "CN", ANNALS_PLACE_CITY);
  check_place ("Chelyabinsk", "RU", ANNALS_PLACE_CITY);
  check_place ("Orenburg", "RU", ANNALS_PLACE_CITY);
  check_place ("Samarkand", "UZ", ANNALS_PLACE_CITY);
  check_place ("Yekaterinburg", "RU", ANNALS_PLACE_CITY);
  check_place ("Eastern Military District", "RU", ANNALS_PLACE_DISTRICT);
  check_place ("Chebarkul", "RU", ANNALS_PLACE_GROUND);
  check_place ("Chorukh-Dayron training grounds", "TJ", ANNALS_PLACE_GROUND);
  check_place ("Alexander’s Garden", "RU", ANNALS_PLACE_CITY);
  check_place ("Alexander's Garden", "RU", ANNALS_PLACE_CITY);
  check_place ("Bay of Bengal", "", ANNALS_PLACE_SEA);
}

static void
test_country_names (void)
{
  /* The aliases file */
  check_place ("Russian Federation", "RU", ANNALS_PLACE_COUNTRY);
  check_place ("Republic of Uzbekistan", "UZ", ANNALS_PLACE_COUNTRY);
  check_place ("Kyrgyz Republic", "KG", ANNALS_PLACE_COUNTRY);
  check_place ("PRC", "CN", ANNALS_PLACE_COUNTRY);
  check_place ("U.S.", "US", ANNALS_PLACE_COUNTRY);
  check_place ("Russian", "RU", ANNALS_PLACE_DEMONYM);
  check_place ("Uzbek", "UZ", ANNALS_PLACE_DEMONYM);
  check_place ("Indian", "IN", ANNALS_PLACE_DEMONYM);
  check_place ("Chinese", "CN", ANNALS_PLACE_DEMONYM);
}

static void
test_iso_codes (void)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "xml", "iso-codes", "iso_3166-1.xml", NULL);
  g_autoptr(AnnalsGazetteer) gazetteer = annals_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  const AnnalsPlace *place;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("iso-codes is not installed");
      return;
    }

  g_assert_true (annals_gazetteer_load_iso_codes (gazetteer, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (annals_gazetteer_get_size (gazetteer), >=, 249);

  /* name, official name and common name */
  place = annals_gazetteer_lookup (gazetteer, "Viet Nam");
  g_assert_nonnull (place);
  g_assert_cmpstr (place->code, ==, "VN");
  place = annals_gazetteer_lookup (gazetteer, "Islamic Republic of Afghanistan");
  g_assert_nonnull (place);
  g_assert_cmpstr (place->code, ==, "AF");
  place = annals_gazetteer_lookup (gazetteer, "South Korea");
  g_assert_nonnull (place);
  g_assert_cmpstr (place->code, ==, "KR");
  /* "Korea, Republic of" is not a name a text uses */
  g_assert_null (annals_gazetteer_lookup (gazetteer, "Korea, Republic of"));
}

static void
test_every_capital (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ANNALS_SOURCE_DIR") ? g_getenv ("ANNALS_SOURCE_DIR") : ".",
                                            "data", "gazetteer", "places.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) capitals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  guint n_entries = 0;

  if (g_getenv ("ANNALS_SOURCE_DIR") == NULL || !g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("ANNALS_SOURCE_DIR is not set");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) names = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      names = g_strsplit (fields[2], "|", -1);
      n_entries += g_strv_length (names);
      if (strcmp (fields[1], "capital") == 0)
        {
          g_assert_true (annals_country_is_valid (fields[0]));
          g_hash_table_add (capitals, g_strdup (fields[0]));
        }
    }

  /* Every member of the United Nations has its capital here. */
  g_test_message ("%u capitals, %u names in places.txt", g_hash_table_size (capitals), n_entries);
  g_assert_cmpuint (g_hash_table_size (capitals), >=, 193);
  g_assert_cmpuint (n_entries, >=, 500);
}

static void
test_match_tokens (void)
{
  const char *text = "held in Tashkent, Republic of Uzbekistan, and in Russia’s Eastern Military District";
  g_autoptr(AnnalsTokens) tokens = annals_tokens_new (text, strlen (text));
  AnnalsGazetteer *gazetteer = annals_gazetteer_get_default ();
  const AnnalsPlace *place;
  guint n = 0;

  place = annals_gazetteer_match (gazetteer, tokens, 2, tokens->tokens->len, &n);
  g_assert_nonnull (place);
  g_assert_cmpstr (place->code, ==, "UZ");
  g_assert_cmpuint (n, ==, 1);

  place = annals_gazetteer_match (gazetteer, tokens, 4, tokens->tokens->len, &n);
  g_assert_nonnull (place);
  g_assert_cmpstr (place->name, ==, "Republic of Uzbekistan");
  g_assert_cmpuint (n, ==, 3);

  /* "in" is not a place; lower-case words never start one */
  g_assert_null (annals_gazetteer_match (gazetteer, tokens, 1, tokens->tokens->len, &n));
}

static void
test_bad_data (void)
{
  static const struct { const char *data; const char *message; } cases[] = {
    { "RU\tcity\n", "bad.txt:1:1: expected CODE, TYPE and NAMES separated by tabs" },
    { "# comment\nRUS\tcity\tMoscow\n", "bad.txt:2:1: “RUS” is not an ISO 3166-1 alpha-2 code" },
    { "RU\ttown\tMoscow\n", "bad.txt:1:4: unknown type “town”" },
    { "RU\tcity\tMos\xff\n", "bad.txt: not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnalsGazetteer) gazetteer = annals_gazetteer_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (annals_gazetteer_load_data (gazetteer, cases[i].data, strlen (cases[i].data), "bad.txt", &error));
      g_assert_error (error, ANNALS_GAZETTEER_ERROR, ANNALS_GAZETTEER_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/extract/gazetteer/defence-places", test_defence_places);
  g_test_add_func ("/annals/extract/gazetteer/country-names", test_country_names);
  g_test_add_func ("/annals/extract/gazetteer/iso-codes", test_iso_codes);
  g_test_add_func ("/annals/extract/gazetteer/every-capital", test_every_capital);
  g_test_add_func ("/annals/extract/gazetteer/match-tokens", test_match_tokens);
  g_test_add_func ("/annals/extract/gazetteer/bad-data", test_bad_data);

  return g_test_run ();
}
