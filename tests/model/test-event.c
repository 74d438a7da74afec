/* test-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "annals-model.h"

static void
test_normalize_title (void)
{
  const char *same[] = {
    "Vostok 2022", "Vostok-2022", "VOSTOK 2022", "  Vostok   2022 ", "Vostok–2022", "the Vostok 2022",
  };
  g_autofree char *key = annals_event_normalize_title (same[0]);
  g_autofree char *apostrophes = annals_event_normalize_title ("SCO Defence Ministers’ Meeting");
  g_autofree char *straight = annals_event_normalize_title ("SCO Defence Ministers' Meeting");

  g_assert_cmpstr (key, ==, "vostok 2022");
  for (guint i = 1; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *other = annals_event_normalize_title (same[i]);
      g_assert_cmpstr (other, ==, key);
    }
  g_assert_cmpstr (apostrophes, ==, straight);
}

/* Titles of plain ASCII and common punctuation take a byte-wise path;
 * the rest NFKC and case folding. Both must give the same keys. */
static void
test_normalize_title_paths (void)
{
  const struct {
    const char *title;
    const char *key;
  } cases[] = {
    { "The  \"Peaceful Mission\" 2023.", "peaceful mission 2023" },
    { "«Vostok» ‘2022’", "vostok 2022" },
    { "Indra‑2021", "indra 2021" },                  /* U+2011, NFKC gives U+2010 */
    { "Indra\xC2\xA0" "2021", "indra 2021" },          /* no-break space */
    { "ＡＤＭＭ-Plus", "admm plus" },                  /* full-width letters */
    { "Straße Festival", "strasse festival" },        /* case folding beyond ASCII */
    { "Cafe\xCC\x81 Summit", "café summit" },          /* combining accent, composed */
    { "ВОСТОК-2022", "восток 2022" },
    { "the", "the" },
    { "The ", "the" },
    { " — ", "" },
    { "Bad \xFF title", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = annals_event_normalize_title (cases[i].title);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_can_merge (void)
{
  g_autoptr(AnnalsEvent) a = annals_event_new ("a", "Vostok 2022");
  g_autoptr(AnnalsEvent) b = annals_event_new ("b", "Vostok-2022");
  g_autoptr(AnnalsEvent) c = annals_event_new ("c", "Vostok 2022");
  AnnalsDate year, month, other_year;

  annals_date_set_year (&year, 2022);
  annals_date_set_month (&month, 2022, 9);
  annals_date_set_year (&other_year, 2018);

  annals_event_set_kind (a, ANNALS_EVENT_KIND_EXERCISE);
  annals_event_set_kind (b, ANNALS_EVENT_KIND_EXERCISE);
  annals_event_set_kind (c, ANNALS_EVENT_KIND_MEETING);
  annals_event_set_start (a, &year);
  annals_event_set_start (b, &month);

  g_assert_true (annals_event_can_merge (a, b));
  g_assert_false (annals_event_can_merge (a, c));

  annals_event_set_start (b, &other_year);
  g_assert_false (annals_event_can_merge (a, b));
}

static void
test_participants_and_mentions (void)
{
  g_autoptr(AnnalsEvent) event = annals_event_new ("e", "Peaceful Mission 2023");
  g_autoptr(AnnalsEvent) copy = NULL;
  const AnnalsMention *mention;

  annals_event_add_participant (event, "RU");
  annals_event_add_participant (event, "CN");
  annals_event_add_participant (event, "RU");
  g_assert_cmpuint (g_strv_length ((char **) annals_event_get_participants (event)), ==, 2);

  annals_event_add_mention (event, "doc", 10, 31);
  annals_event_add_mention (event, "doc", 10, 31);
  annals_event_add_mention (event, "doc", 40, 47);
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 2);

  /* Many mentions: duplicates are still refused, in any order. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 100; i++)
      annals_event_add_mention (event, i % 2 ? "doc" : "other", 100 + i, 110 + i);
  annals_event_add_mention (event, "doc", 10, 31);
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 102);
  annals_event_clear_mentions (event);
  annals_event_add_mention (event, "doc", 10, 31);
  annals_event_add_mention (event, "doc", 40, 47);
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 2);

  copy = annals_event_copy (event);
  mention = annals_event_get_mention (copy, 1);
  g_assert_cmpstr (mention->document_id, ==, "doc");
  g_assert_cmpuint (mention->start, ==, 40);
  g_assert_cmpuint (mention->end, ==, 47);
}

static void
test_document_spans (void)
{
  g_autoptr(AnnalsDocument) document = annals_document_new ("d");
  g_autofree char *span = NULL;

  annals_document_set_text (document, "Defence Ministers’ Meeting in Tashkent");
  g_assert_cmpuint (annals_document_get_length (document), ==, 38);
  /* The curly apostrophe is one character but three bytes. */
  g_assert_cmpint (annals_document_char_to_byte (document, 19), ==, 21);
  span = annals_document_dup_span (document, 30, 38);
  g_assert_cmpstr (span, ==, "Tashkent");
  g_assert_null (annals_document_dup_span (document, 30, 39));
}

static void
test_countries (void)
{
  char code[3];

  if (!annals_country_is_valid ("RU"))
    {
      g_test_skip ("iso-codes is not installed");
      return;
    }

  g_assert_true (annals_country_is_valid ("UZ"));
  g_assert_false (annals_country_is_valid ("XX"));
  g_assert_false (annals_country_is_valid ("uzb"));
  g_assert_cmpstr (annals_country_get_untranslated_name ("UZ"), ==, "Uzbekistan");
  g_assert_cmpstr (annals_country_get_untranslated_name ("RU"), ==, "Russia");
  g_assert_cmpstr (annals_country_get_untranslated_name ("KR"), ==, "South Korea");

  annals_country_unpack (annals_country_pack ("IN"), code);
  g_assert_cmpstr (code, ==, "IN");
  g_assert_cmpuint (annals_country_pack (NULL), ==, 0);
  g_assert_cmpuint (annals_country_pack ("India"), ==, 0);
}

static void
test_kind_names (void)
{
  AnnalsEventKind kind;
  AnnalsEventStatus status;

  for (guint i = 0; i < ANNALS_N_EVENT_KINDS; i++)
    {
      g_assert_true (annals_event_kind_from_string (annals_event_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (annals_event_kind_from_string ("party", &kind));
  g_assert_true (annals_event_status_from_string ("planned", &status));
  g_assert_cmpint (status, ==, ANNALS_EVENT_STATUS_PLANNED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/model/event/normalize-title", test_normalize_title);
  g_test_add_func ("/annals/model/event/normalize-title-paths", test_normalize_title_paths);
  g_test_add_func ("/annals/model/event/can-merge", test_can_merge);
  g_test_add_func ("/annals/model/event/participants-and-mentions", test_participants_and_mentions);
  g_test_add_func ("/annals/model/document/spans", test_document_spans);
  g_test_add_func ("/annals/model/countries", test_countries);
  g_test_add_func ("/annals/model/kind-names", test_kind_names);

  return g_test_run ();
}
