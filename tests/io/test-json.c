/* test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "annals-json.h"
#include "io-test-utils.h"

static const char *good_files[] = {
  "minimal.json", "full.json", "unknown-fields.json", "vostok-a.json", "vostok-b.json",
};

static void
test_load_minimal (void)
{
  g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", "minimal.json", NULL);
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  AnnalsDocument *document;
  AnnalsEvent *event;
  const AnnalsMention *mention;
  const char * const *participants;

  set = annals_json_load_file (path, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (annals_event_set_get_documents (set)->len, ==, 1);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, ==, 1);

  document = annals_event_set_lookup_document (set, "d1");
  g_assert_nonnull (document);
  g_assert_cmpstr (annals_document_get_source (document), ==, "FD News");
  g_assert_null (annals_document_get_url (document));
  g_assert_cmpuint (annals_document_get_length (document), ==, 31);

  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  g_assert_cmpstr (annals_event_get_title (event), ==, "Vostok 2022");
  g_assert_cmpint (annals_event_get_kind (event), ==, ANNALS_EVENT_KIND_EXERCISE);
  g_assert_cmpint (annals_event_get_status (event), ==, ANNALS_EVENT_STATUS_PAST);
  start = annals_date_to_iso (annals_event_get_start (event));
  g_assert_cmpstr (start, ==, "2022");
  g_assert_false (annals_date_is_set (annals_event_get_end (event)));
  g_assert_cmpstr (annals_event_get_host_country (event), ==, "RU");
  participants = annals_event_get_participants (event);
  g_assert_cmpstr (participants[0], ==, "RU");
  g_assert_cmpstr (participants[1], ==, "CN");
  g_assert_null (participants[2]);
  g_assert_cmpfloat (annals_event_get_confidence (event), ==, 0.8);
  g_assert_cmpuint (annals_event_get_n_mentions (event), ==, 1);
  mention = annals_event_get_mention (event, 0);
  g_assert_cmpstr (mention->document_id, ==, "d1");
  g_assert_cmpuint (mention->start, ==, 0);
  g_assert_cmpuint (mention->end, ==, 11);
  g_assert_null (annals_event_get_extra_json (event));
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_files); i++)
    {
      g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", good_files[i], NULL);
      g_autofree char *original = io_test_read (path);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(AnnalsEventSet) again = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good_files[i]);

      set = annals_json_load_file (path, &error);
      g_assert_no_error (error);
      first = annals_json_to_data (set, NULL);
      io_test_assert_json_equal (original, first);

      /* What Annals writes, it reads back to the same text. */
      again = annals_json_load_data (first, -1, "first", &error);
      g_assert_no_error (error);
      second = annals_json_to_data (again, NULL);
      g_assert_cmpstr (first, ==, second);
    }
}

static void
test_unknown_fields (void)
{
  g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", "unknown-fields.json", NULL);
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsEvent *event;

  set = annals_json_load_file (path, &error);
  g_assert_no_error (error);

  g_assert_nonnull (strstr (annals_event_set_get_extra_json (set), "\"generator\""));
  g_assert_nonnull (strstr (annals_event_set_get_extra_json (set), "\"license\""));
  g_assert_null (strstr (annals_event_set_get_extra_json (set), "\"events\""));

  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  g_assert_nonnull (strstr (annals_event_get_extra_json (event), "\"geo\""));
  g_assert_nonnull (strstr (annals_event_get_extra_json (event), "\"notes\":null"));
  g_assert_null (strstr (annals_event_get_extra_json (event), "\"title\""));

  g_assert_nonnull (strstr (annals_document_get_extra_json (annals_event_set_lookup_document (set, "doc-ташкент")),
                            "\"language\":\"ru\""));
}

static void
test_unknown_numbers (void)
{
  static const char data[] =
    "{\"format\":\"annals-events\",\"version\":1,\"big\":1e20,\"documents\":[],"
    "\"events\":[{\"id\":\"e\",\"title\":\"Zapad 2021\",\"kind\":\"exercise\","
    "\"x\":{\"n\":[1.5,-2e-7,15,true,null,\"s\"],\"tiny\":5e-324}}]}";
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsEventSet) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  AnnalsEvent *event, *event_again;
  gsize length;

  /* Numbers json-glib would write as "1e+20.0" survive the round trip. */
  set = annals_json_load_data (data, -1, "numbers.json", &error);
  g_assert_no_error (error);
  written = annals_json_to_data (set, &length);
  again = annals_json_load_data (written, (gssize) length, "written.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (annals_event_set_get_extra_json (again), ==, annals_event_set_get_extra_json (set));
  g_assert_nonnull (strstr (annals_event_set_get_extra_json (again), "1e+20"));
  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  event_again = g_ptr_array_index (annals_event_set_get_events (again), 0);
  g_assert_cmpstr (annals_event_get_extra_json (event_again), ==, annals_event_get_extra_json (event));
  g_assert_nonnull (strstr (annals_event_get_extra_json (event_again), "-2e-07"));
}

typedef struct
{
  const char   *data;
  AnnalsIoError code;
  const char   *message;
} ErrorCase;

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "", ANNALS_IO_ERROR_EMPTY, "t.json: the file is empty" },
    { " \n\t ", ANNALS_IO_ERROR_EMPTY, "t.json: the file is empty" },
    { "{\n  \"format\": \"annals-events\",\n  \"version\": 1,\n  \"events\": [", ANNALS_IO_ERROR_PARSE, "t.json:4:" },
    { "{\"format\": \"annals-events\" \"version\": 1}", ANNALS_IO_ERROR_PARSE, "t.json:1:" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"x\": \"\xC3\x28\"}", ANNALS_IO_ERROR_ENCODING,
      "t.json:1:49: invalid UTF-8 at byte 48 (byte 0xC3)" },
    { "[]", ANNALS_IO_ERROR_INVALID, "t.json: expected an events object at the top level, found an array" },
    { "{\"format\": \"annals-events\", \"version\": 2}", ANNALS_IO_ERROR_VERSION,
      "t.json: version: format version 2 is newer than this version of Annals reads (1)" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"events\": [{}, {}, {}, "
      "{\"id\": \"e\", \"title\": \"t\", \"kind\": \"meeting\", \"start\": 2022}]}",
      ANNALS_IO_ERROR_INVALID, "t.json: events[0].id: missing, expected a string" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"events\": ["
      "{\"id\": \"e\", \"title\": \"t\", \"kind\": \"meeting\", \"start\": 2022}]}",
      ANNALS_IO_ERROR_INVALID, "t.json: events[0].start: expected a string, found a number" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"events\": ["
      "{\"id\": \"e\", \"title\": \"t\", \"kind\": \"meeting\", \"start\": \"2022-13-40\"}]}",
      ANNALS_IO_ERROR_INVALID, "t.json: events[0].start: invalid date “2022-13-40”" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"events\": ["
      "{\"id\": \"e\", \"title\": \"t\", \"kind\": \"meeting\", \"participants\": [\"RU\", \"XX\"]}]}",
      ANNALS_IO_ERROR_INVALID, "t.json: events[0].participants[1]: unknown country code “XX”" },
    { "{\"format\": \"annals-events\", \"version\": 1, \"documents\": [{\"id\": \"d\", \"text\": \"Ташкент\"}],"
      " \"events\": [{\"id\": \"e\", \"title\": \"t\", \"kind\": \"meeting\","
      " \"mentions\": [{\"document\": \"d\", \"start\": 0, \"end\": 8}]}]}",
      ANNALS_IO_ERROR_INVALID,
      "t.json: events[0].mentions[0].end: the mention [0, 8) lies outside document “d”, which has 7 characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GError) error = NULL;

      set = annals_json_load_data (cases[i].data, -1, "t.json", &error);
      g_assert_null (set);
      g_assert_error (error, ANNALS_IO_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
    }
}

static void
test_mention_in_characters (void)
{
  /* Offsets count code points: "Ташкент" is 7 characters, 14 bytes. */
  const char *data =
    "{\"format\": \"annals-events\", \"version\": 1,"
    " \"documents\": [{\"id\": \"d\", \"text\": \"Ташкент 2022\"}],"
    " \"events\": [{\"id\": \"e\", \"title\": \"Ташкент 2022\", \"kind\": \"meeting\","
    " \"mentions\": [{\"document\": \"d\", \"start\": 0, \"end\": 12}]}]}";
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;

  set = annals_json_load_data (data, -1, "t.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
}

static void
test_doubles (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0.8, "0.8" }, { 1.0, "1.0" }, { 0.0, "0.0" }, { 1.0 / 3.0, "0.3333333333333333" },
    { 0.1 + 0.2, "0.30000000000000004" }, { 1e-7, "1e-07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      annals_json_append_double (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
}

static void
test_escapes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  annals_json_append_string (out, "a\"b\\c\nd\te\x01 «ж»");
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\nd\\te\\u0001 «ж»\"");
}

static void
test_bad_fixtures (void)
{
  g_autofree char *bad_dir = io_test_source_path ("tests", "fixtures", "bad", NULL);
  g_autofree char *expected_path = g_build_filename (bad_dir, "EXPECTED.tsv", NULL);
  g_autofree char *expected = io_test_read (expected_path);
  g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);
  guint n_checked = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", 3);
      if (g_strcmp0 (fields[1], "import") != 0)
        continue;

      path = g_build_filename (bad_dir, fields[0], NULL);
      set = annals_json_load_file (path, &error);
      g_assert_null (set);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ANNALS_IO_ERROR);
      if (strstr (error->message, fields[2]) == NULL || !g_str_has_prefix (error->message, path))
        g_error ("%s: “%s” lacks “%s”", fields[0], error->message, fields[2]);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 30);
}

/* annals_json_load_file() builds the whole set in memory: a file over
 * the bound is refused before anything is read. */
static void
test_too_large (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "huge.json", NULL);
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;

  file = fopen (path, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (fputc ('{', file), ==, '{');
  g_assert_cmpint (ftruncate (fileno (file), (off_t) ANNALS_JSON_MAX_SIZE + 1), ==, 0);
  fclose (file);

  set = annals_json_load_file (path, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_IO_ERROR, ANNALS_IO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "larger than 512 MiB"));

  io_test_remove_tree (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/io/json/load-minimal", test_load_minimal);
  g_test_add_func ("/annals/io/json/round-trip", test_round_trip);
  g_test_add_func ("/annals/io/json/unknown-fields", test_unknown_fields);
  g_test_add_func ("/annals/io/json/unknown-numbers", test_unknown_numbers);
  g_test_add_func ("/annals/io/json/errors", test_errors);
  g_test_add_func ("/annals/io/json/mention-in-characters", test_mention_in_characters);
  g_test_add_func ("/annals/io/json/doubles", test_doubles);
  g_test_add_func ("/annals/io/json/escapes", test_escapes);
  g_test_add_func ("/annals/io/json/bad-fixtures", test_bad_fixtures);
  g_test_add_func ("/annals/io/json/too-large", test_too_large);

  return g_test_run ();
}
