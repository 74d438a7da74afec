/* test-extractor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-extractor"

#include "config.h"

#include <string.h>

#include "annals-eval.h"
#include "annals-extractor.h"

typedef struct
{
  const char        *words;      /* words the first mention must cover */
  AnnalsEventKind    kind;
  const char        *start;      /* ISO date, one of two accepted, or NULL for undated */
  const char        *start_alt;
  AnnalsEventStatus  status;
  const char        *host;
  const char        *place;
} Expected;

/* The five events of the sample article (issue 4). */
static const Expected sample_events[] = {
  { "Defence Ministers’ Meeting", ANNALS_EVENT_KIND_MEETING, "2022-08", "2022", ANNALS_EVENT_STATUS_PAST, "UZ", "Tashkent" },
  { "Peaceful Mission 2023", ANNALS_EVENT_KIND_EXERCISE, "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "RU", NULL },
  { "Vostok 2022", ANNALS_EVENT_KIND_EXERCISE, "2022", NULL, ANNALS_EVENT_STATUS_PAST, "RU", NULL },
  { "next SCO Defence Ministers’ Meeting", ANNALS_EVENT_KIND_MEETING, "2023", NULL, ANNALS_EVENT_STATUS_PLANNED, "IN", NULL },
  { "Trumpet of Peace International Military Band Festival", ANNALS_EVENT_KIND_FESTIVAL, NULL, NULL,
    ANNALS_EVENT_STATUS_PAST, NULL, NULL },
};

static char *
source_path (const char *first,
             ...)
{
  const char *root = g_getenv ("ANNALS_SOURCE_DIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) (root != NULL ? root : "."));
  g_ptr_array_add (parts, (gpointer) first);
  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static char *
shared_path (const char *relative)
{
  const char *shared = g_getenv ("ANNALS_SHARED_DIR");

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (shared, relative, NULL);
}

/* The text of an event's first mention, from its document. */
static char *
dup_first_mention (AnnalsEventSet *set,
                   AnnalsEvent    *event)
{
  const AnnalsMention *mention;
  AnnalsDocument *document;

  g_assert_cmpuint (annals_event_get_n_mentions (event), >, 0);
  mention = annals_event_get_mention (event, 0);
  document = annals_event_set_lookup_document (set, mention->document_id);
  g_assert_nonnull (document);

  return annals_document_dup_span (document, mention->start, mention->end);
}

static void
check_sample_events (AnnalsEventSet *set)
{
  GPtrArray *events = annals_event_set_get_events (set);
  guint confident = 0;

  for (guint i = 0; i < events->len; i++)
    if (annals_event_get_confidence (g_ptr_array_index (events, i)) >= 0.5)
      confident++;

  for (guint e = 0; e < G_N_ELEMENTS (sample_events); e++)
    {
      const Expected *expected = &sample_events[e];
      AnnalsEvent *found = NULL;

      for (guint i = 0; i < events->len && found == NULL; i++)
        {
          AnnalsEvent *event = g_ptr_array_index (events, i);
          g_autofree char *mention = dup_first_mention (set, event);

          if (annals_event_get_confidence (event) >= 0.5 && strstr (mention, expected->words) != NULL &&
              annals_event_get_kind (event) == expected->kind)
            {
              /* "Defence Ministers’ Meeting" must not find the next one */
              if (e == 0 && strstr (mention, "next") != NULL)
                continue;
              found = event;
            }
        }

      if (found == NULL)
        g_error ("no event named by “%s”", expected->words);

      {
        const AnnalsDate *start = annals_event_get_start (found);
        g_autofree char *iso = start != NULL ? annals_date_to_iso (start) : NULL;

        g_test_message ("%s: %s %s %s %s", annals_event_get_title (found), iso ? iso : "undated",
                        annals_event_status_to_string (annals_event_get_status (found)),
                        annals_event_get_host_country (found) ? annals_event_get_host_country (found) : "-",
                        annals_event_get_host_place (found) ? annals_event_get_host_place (found) : "-");
        if (expected->start == NULL)
          g_assert_null (iso);
        else if (g_strcmp0 (iso, expected->start) != 0)
          g_assert_cmpstr (iso, ==, expected->start_alt);
        g_assert_cmpint (annals_event_get_status (found), ==, expected->status);
        g_assert_cmpstr (annals_event_get_host_country (found), ==, expected->host);
        if (expected->place != NULL)
          g_assert_cmpstr (annals_event_get_host_place (found), ==, expected->place);
      }
    }

  /* No other event reaches 0.5: not the publication, not World War II,
   * not the COVID-19 pandemic. */
  g_assert_cmpuint (confident, ==, G_N_ELEMENTS (sample_events));
}

static void
test_sample (void)
{
  g_autofree char *path = source_path ("data", "sample", "sco-defence-ministers-2022.txt", NULL);
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsDocument *document;

  set = annals_extract_file (path, NULL, &error);
  g_assert_no_error (error);
  check_sample_events (set);

  document = g_ptr_array_index (annals_event_set_get_documents (set), 0);
  g_assert_cmpstr (annals_document_get_title (document), ==, "SCO outlines steps to enhance defence and security cooperation");
  g_assert_true (g_str_has_prefix (annals_document_get_text (document), "BEIJING, Aug 26 (ABC):"));
}

static void
test_sample_raw_page (void)
{
  g_autofree char *path = shared_path ("corpus/sco-defence-ministers-2022.raw.txt");
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the shared corpus (ANNALS_SHARED_DIR) is not here");
      return;
    }

  set = annals_extract_file (path, NULL, &error);
  g_assert_no_error (error);
  check_sample_events (set);
}

static void
test_sample_without_published (void)
{
  g_autofree char *path = source_path ("data", "sample", "sco-defence-ministers-2022.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  line = strstr (text->str, "published: 2022-08-26\n");
  g_assert_nonnull (line);
  g_string_erase (text, line - text->str, strlen ("published: 2022-08-26\n"));

  set = annals_extract_text (text->str, text->len, "no-published.txt", NULL, &error);
  g_assert_no_error (error);
  check_sample_events (set);
}

static void
test_fixtures (void)
{
  g_autofree char *dir_path = source_path ("tests", "fixtures", "articles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  AnnalsEvalCounts total = { 0 };
  const char *name;
  guint n_articles = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *base = NULL;
      g_autofree char *gold_path = NULL;
      g_autofree char *article_path = NULL;
      g_autoptr(GPtrArray) gold = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) details = g_string_new (NULL);
      AnnalsEvalCounts counts = { 0 };

      if (!g_str_has_suffix (name, ".events.tsv"))
        continue;

      base = g_strndup (name, strlen (name) - strlen (".events.tsv"));
      gold_path = g_build_filename (dir_path, name, NULL);
      article_path = g_strconcat (dir_path, G_DIR_SEPARATOR_S, base, ".txt", NULL);
      gold = annals_gold_load (gold_path, &error);
      g_assert_no_error (error);
      set = annals_extract_file (article_path, NULL, &error);
      g_assert_no_error (error);

      annals_eval_score (gold, set, 0.5, &counts, details);
      g_test_message ("%s:\n%s", base, details->str);
      g_assert_cmpuint (counts.n_matched, ==, counts.n_gold);
      g_assert_cmpuint (counts.n_predicted, ==, counts.n_gold);
      g_assert_cmpuint (counts.year_correct, ==, counts.n_matched);
      g_assert_cmpuint (counts.host_correct, ==, counts.n_matched);
      g_assert_cmpuint (counts.status_correct, ==, counts.n_matched);
      total.n_gold += counts.n_gold;
      n_articles++;
    }

  g_assert_cmpuint (n_articles, >=, 6);
  g_assert_cmpuint (total.n_gold, >=, 10);
}

static void
test_stable_ids (void)
{
  g_autofree char *path = source_path ("data", "sample", "sco-defence-ministers-2022.txt", NULL);
  g_autoptr(AnnalsEventSet) first = annals_extract_file (path, NULL, NULL);
  g_autoptr(AnnalsEventSet) second = annals_extract_file (path, NULL, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *a = annals_event_set_get_events (first);
  GPtrArray *b = annals_event_set_get_events (second);

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const char *id = annals_event_get_id (g_ptr_array_index (a, i));

      g_assert_cmpstr (id, ==, annals_event_get_id (g_ptr_array_index (b, i)));
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
    }

  g_assert_cmpstr (annals_document_get_id (g_ptr_array_index (annals_event_set_get_documents (first), 0)), ==,
                   annals_document_get_id (g_ptr_array_index (annals_event_set_get_documents (second), 0)));
}

static void
test_character_offsets (void)
{
  /* Non-ASCII text before the event: offsets count characters. */
  const char *text = "title: Ünïcode test\npublished: 2021-10-01\n\n"
                     "«Всё готово» — the ministers said. Zapad-2021 was held in Russia last month, "
                     "and the exercise was a success.";
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  AnnalsEvent *zapad = NULL;
  GPtrArray *events;

  set = annals_extract_text (text, -1, "offsets.txt", NULL, &error);
  g_assert_no_error (error);
  events = annals_event_set_get_events (set);
  for (guint i = 0; i < events->len; i++)
    if (strcmp (annals_event_get_title (g_ptr_array_index (events, i)), "Zapad-2021") == 0)
      zapad = g_ptr_array_index (events, i);

  g_assert_nonnull (zapad);
  {
    g_autofree char *mention = dup_first_mention (set, zapad);
    const AnnalsMention *first = annals_event_get_mention (zapad, 0);

    g_assert_cmpstr (mention, ==, "Zapad-2021");
    g_assert_cmpuint (first->start, ==, 35);
    g_assert_cmpuint (first->end, ==, 45);
  }
  /* "the exercise" is a second mention of it, not a new event */
  g_assert_cmpuint (annals_event_get_n_mentions (zapad), ==, 2);
  g_assert_cmpstr (annals_event_get_host_country (zapad), ==, "RU");
  g_assert_cmpint (annals_event_get_kind (zapad), ==, ANNALS_EVENT_KIND_EXERCISE);
}

static void
test_invalid_utf8 (void)
{
  const char text[] = "title: bad\n\nThe drill \xff\xfe began.";
  g_autoptr(GError) error = NULL;
  AnnalsEventSet *set;

  set = annals_extract_text (text, sizeof text - 1, "bad.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "bad.txt: invalid UTF-8 at byte offset 22 (the text must be UTF-8)");

  /* A NUL byte is reported the same way. */
  g_clear_error (&error);
  set = annals_extract_text ("abc\0def", 7, "nul.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "byte offset 3"));
}

static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  AnnalsEventSet *set;

  set = annals_extract_text ("", 0, "empty.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_EMPTY);
  g_clear_error (&error);

  set = annals_extract_text ("title: x\npublished: 2022-08-26\n\n \n\t\n", -1, "blank.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_EMPTY);
  g_clear_error (&error);

  set = annals_extract_text ("title: x\npublished: 2022-13-45\n\nText.", -1, "date.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "date.txt:2:12:"));
  g_clear_error (&error);

  set = annals_extract_file ("/nonexistent/article.txt", NULL, &error);
  g_assert_null (set);
  g_assert_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/article.txt"));
}

static void
test_dateline_is_body (void)
{
  /* "New Delhi:" starts the body, it is not a header line. */
  const char *text = "New Delhi: India will host the Shakti 2026 exercise in Rajasthan in May 2026.";
  g_autoptr(AnnalsEventSet) set = annals_extract_text (text, -1, "dateline.txt", NULL, NULL);
  AnnalsDocument *document;

  g_assert_nonnull (set);
  document = g_ptr_array_index (annals_event_set_get_documents (set), 0);
  g_assert_cmpstr (annals_document_get_text (document), ==, text);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, ==, 1);
  g_assert_cmpstr (annals_event_get_host_country (g_ptr_array_index (annals_event_set_get_events (set), 0)), ==, "IN");
}

static void
test_page_furniture (void)
{
  /* A web page: a headline path above, another story's teaser below. */
  const char *text = "Home > News\n\n"
                     "BEIJING, Aug 26 (ABC): The SCO Defence Ministers' Meeting held in Tashkent agreed on "
                     "steps, said SCO Secretariat here on Friday.\n\n"
                     "Related Articles\n\n"
                     "MOSCOW, Aug 25 (TASS): Russia and China held the Joint Sea-2022 naval exercise in the "
                     "Sea of Japan, the ministry said.\n";
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *events;
  guint confident = 0;

  set = annals_extract_text (text, -1, "page.txt", NULL, &error);
  g_assert_no_error (error);
  events = annals_event_set_get_events (set);
  for (guint i = 0; i < events->len; i++)
    {
      AnnalsEvent *event = g_ptr_array_index (events, i);

      if (annals_event_get_confidence (event) >= 0.5)
        {
          confident++;
          g_assert_cmpstr (annals_event_get_host_country (event), ==, "UZ");
        }
    }
  g_assert_cmpuint (confident, ==, 1);
}

static void
test_headline_host (void)
{
  const char *text = "title: Kazakhstan to host SCO defence chiefs\npublished: 2024-04-20\n\n"
                     "The SCO Defence Ministers' Meeting will take place here on April 26, drawing "
                     "delegations from the member states.";
  g_autoptr(AnnalsEventSet) set = annals_extract_text (text, -1, "headline.txt", NULL, NULL);
  AnnalsEvent *event;

  g_assert_nonnull (set);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, ==, 1);
  event = g_ptr_array_index (annals_event_set_get_events (set), 0);
  g_assert_cmpstr (annals_event_get_host_country (event), ==, "KZ");
  g_assert_cmpint (annals_event_get_status (event), ==, ANNALS_EVENT_STATUS_PLANNED);
}

static AnnalsEvent *
find_event_titled (AnnalsEventSet *set,
                   const char     *title)
{
  GPtrArray *events = annals_event_set_get_events (set);

  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (annals_event_get_title (g_ptr_array_index (events, i)), title) == 0)
      return g_ptr_array_index (events, i);

  return NULL;
}

/* "Garuda Shield began in 2009": the first edition of the series the
 * article is about, dated; the current edition keeps its own date, and a
 * start in the article's own year is not an earlier edition. A series
 * named by its acronym is found too. */
static void
test_first_edition (void)
{
  const char *text = "title: Garuda Shield opens in Indonesia\npublished: 2023-08-31\n\n"
                     "The Garuda Shield exercise opened in Baturaja on Thursday with troops from "
                     "several countries.\n\n"
                     "Garuda Shield began in 2009 as a bilateral drill between Indonesia and the "
                     "United States. This year it began on August 31.";
  g_autoptr(AnnalsEventSet) set = annals_extract_text (text, -1, "garuda.txt", NULL, NULL);
  AnnalsEvent *current, *first;
  g_autofree char *first_start = NULL;
  g_autofree char *current_start = NULL;

  g_assert_nonnull (set);
  current = find_event_titled (set, "Garuda Shield exercise");
  first = find_event_titled (set, "Garuda Shield (first edition)");
  g_assert_nonnull (current);
  g_assert_nonnull (first);
  first_start = annals_date_to_iso (annals_event_get_start (first));
  current_start = annals_date_to_iso (annals_event_get_start (current));
  g_assert_cmpstr (first_start, ==, "2009");
  g_assert_cmpstr (current_start, ==, "2023-08-31");
  g_assert_cmpint (annals_event_get_status (first), ==, ANNALS_EVENT_STATUS_PAST);
  g_assert_cmpint (annals_event_get_kind (first), ==, ANNALS_EVENT_KIND_EXERCISE);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, ==, 2);

  {
    const char *acronym_text = "title: Defence ministers meet online\npublished: 2021-06-16\n\n"
                               "The ASEAN Defence Ministers' Meeting Plus was held by video link on "
                               "Wednesday.\n\n"
                               "The ADMM-Plus was first convened on 12 October 2010 in Ha Noi.";
    g_autoptr(AnnalsEventSet) acronym_set = annals_extract_text (acronym_text, -1, "admm.txt", NULL, NULL);
    g_autofree char *inaugural_start = NULL;
    AnnalsEvent *inaugural;

    g_assert_nonnull (acronym_set);
    inaugural = find_event_titled (acronym_set, "ADMM-Plus (first edition)");
    g_assert_nonnull (inaugural);
    inaugural_start = annals_date_to_iso (annals_event_get_start (inaugural));
    g_assert_cmpstr (inaugural_start, ==, "2010-10-12");
  }
}

static void
test_random_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (4);
  static const char * const pieces[] = {
    "exercise", "Vostok", " 2022", "-", "’s", " in ", "Tashkent", ", ", ". ", "\n\n", "the next", " Meeting",
    "(", ")", "«", "»", "from ", " to ", "Aug.", " 26", "Friday", "MOSCOW, ", "—", "U.S.", "ё", "2021-2023",
    "hosted by", " of ", "A", ":", "\t", "…", "\xe2\x80\x8b",
  };

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 0, 200);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      /* Sometimes break the encoding too. */
      if (round % 7 == 0 && text->len > 0)
        text->str[g_rand_int_range (rand, 0, text->len)] = (char) g_rand_int_range (rand, 128, 256);

      set = annals_extract_text (text->str, text->len, "random.txt", NULL, &error);
      g_assert_true ((set == NULL) == (error != NULL));
      if (set != NULL)
        {
          GPtrArray *events = annals_event_set_get_events (set);
          AnnalsDocument *document = g_ptr_array_index (annals_event_set_get_documents (set), 0);
          guint length = annals_document_get_length (document);

          for (guint e = 0; e < events->len; e++)
            {
              AnnalsEvent *event = g_ptr_array_index (events, e);

              for (guint m = 0; m < annals_event_get_n_mentions (event); m++)
                {
                  const AnnalsMention *mention = annals_event_get_mention (event, m);
                  g_assert_cmpuint (mention->start, <, mention->end);
                  g_assert_cmpuint (mention->end, <=, length);
                }
            }
        }
    }

  g_rand_free (rand);
}

static void
test_ten_megabytes (void)
{
  g_autofree char *path = source_path ("data", "sample", "sco-defence-ministers-2022.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;
  guint confident = 0;
  GPtrArray *events;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  body = strstr (contents, "\n\n") + 2;

  /* One article of repeated text, 10 MB: it must finish (time is not
   * measured here; the benchmark does that). */
  text = g_string_new ("title: repeated\npublished: 2022-08-26\n\n");
  while (text->len < 10 * 1000 * 1000)
    {
      g_string_append (text, body);
      g_string_append (text, "\n\n");
    }

  set = annals_extract_text (text->str, text->len, "ten-megabytes.txt", NULL, &error);
  g_assert_no_error (error);

  /* The same events, each with many mentions. */
  events = annals_event_set_get_events (set);
  for (guint i = 0; i < events->len; i++)
    if (annals_event_get_confidence (g_ptr_array_index (events, i)) >= 0.5)
      confident++;
  g_assert_cmpuint (confident, ==, G_N_ELEMENTS (sample_events));
}

/* Ten megabytes of many different articles: many events, none merged
 * across articles by accident; it must finish in linear time too. */
static void
test_ten_megabytes_varied (void)
{
  g_autofree char *dir_path = source_path ("tests", "fixtures", "articles", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GString) bodies = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      const char *body;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      /* Articles with a header only: a raw page ends in furniture. */
      body = strstr (contents, "\n\n");
      if (body == NULL || !g_str_has_prefix (contents, "title:"))
        continue;
      g_string_append (bodies, body + 2);
      g_string_append (bodies, "\n\n");
    }
  g_assert_cmpuint (bodies->len, >, 0);

  text = g_string_new ("title: varied\npublished: 2024-06-01\n\n");
  while (text->len < 10 * 1000 * 1000)
    g_string_append_len (text, bodies->str, bodies->len);

  set = annals_extract_text (text->str, text->len, "varied.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annals_event_set_get_events (set)->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/extract/sample/events", test_sample);
  g_test_add_func ("/annals/extract/sample/raw-page", test_sample_raw_page);
  g_test_add_func ("/annals/extract/sample/without-published", test_sample_without_published);
  g_test_add_func ("/annals/extract/fixtures/gold", test_fixtures);
  g_test_add_func ("/annals/extract/ids/stable", test_stable_ids);
  g_test_add_func ("/annals/extract/offsets/characters", test_character_offsets);
  g_test_add_func ("/annals/extract/input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/annals/extract/input/bad", test_bad_input);
  g_test_add_func ("/annals/extract/input/dateline-is-body", test_dateline_is_body);
  g_test_add_func ("/annals/extract/input/page-furniture", test_page_furniture);
  g_test_add_func ("/annals/extract/input/headline-host", test_headline_host);
  g_test_add_func ("/annals/extract/editions/first", test_first_edition);
  g_test_add_func ("/annals/extract/input/random", test_random_bytes);
  g_test_add_func ("/annals/extract/linear/ten-megabytes", test_ten_megabytes);
  g_test_add_func ("/annals/extract/linear/ten-megabytes-varied", test_ten_megabytes_varied);

  return g_test_run ();
}
