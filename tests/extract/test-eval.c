/* test-eval.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-eval"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "annals-eval.h"
#include "annals-extractor.h"

static const char gold_header[] = "title\tkind\tstart\tend\tstatus\thost_country\thost_place\tevidence\n";

static void
test_parse_errors (void)
{
  static const struct { const char *data; const char *message; } cases[] = {
    { "", "gold.tsv:1:1: the header row is missing" },
    { "title\tkind\tstart\tend\tstatus\n", "gold.tsv:1:1: no “host_country” column in the header row" },
    { "title\tkind\tstart\tend\tstatus\thost_country\nX\tparty\t2022\t\tpast\tRU\n", "gold.tsv:2: unknown kind “party”" },
    { "title\tkind\tstart\tend\tstatus\thost_country\nX\tmeeting\t2022\t\tdone\tRU\n", "gold.tsv:2: unknown status “done”" },
    { "title\tkind\tstart\tend\tstatus\thost_country\nX\tmeeting\t2022\t\tpast\tRUS\n", "gold.tsv:2: “RUS” is not a country code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) gold = annals_gold_parse (cases[i].data, strlen (cases[i].data), "gold.tsv", &error);

      g_assert_null (gold);
      g_assert_error (error, ANNALS_EVAL_ERROR, ANNALS_EVAL_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_titles (void)
{
  static const struct { const char *a; const char *b; gboolean agree; } cases[] = {
    { "Vostok 2022", "Vostok-2022", TRUE },
    { "Rubezh", "Rubezh joint exercise", TRUE },
    { "13th BRICS summit", "The 13th BRICS summit", TRUE },
    { "Air Bridge-2018 (Vozdushny Most-2018)", "Vozdushny Most-2018", TRUE },
    { "NATO summit in Madrid", "Summit", TRUE },
    { "Zapad-2021", "Vostok 2022", FALSE },
    { "Special briefing on the Malacca Straits Patrol", "Malacca Straits Patrol briefing", TRUE },
    { "Cope India (first edition)", "Bilateral drills", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double similarity;
      g_assert_cmpint (annals_eval_titles_agree (cases[i].a, cases[i].b, &similarity), ==, cases[i].agree);
    }
}

static void
test_score (void)
{
  g_autoptr(GString) data = g_string_new (gold_header);
  g_autoptr(GPtrArray) gold = NULL;
  g_autoptr(AnnalsEventSet) set = annals_event_set_new ();
  g_autoptr(AnnalsEvent) vostok = annals_event_new ("a", "Vostok 2022");
  g_autoptr(AnnalsEvent) meeting = annals_event_new ("b", "Joint meeting");
  g_autoptr(AnnalsEvent) extra = annals_event_new ("c", "Army Games");
  g_autoptr(AnnalsEvent) unsure = annals_event_new ("d", "Zapad-2021");
  g_autoptr(GError) error = NULL;
  AnnalsEvalCounts counts = { 0 };
  AnnalsDate date;

  g_string_append (data, "Vostok 2022\texercise\t2022-09-01\t2022-09-07\tpast\tRU\t\tVostok 2022\n");
  g_string_append (data, "SCO ministers' meeting\tmeeting\t2022-08\t\tpast\tUZ\tTashkent\tmeeting\n");
  g_string_append (data, "Zapad-2021\texercise\t2021\t\tpast\tRU\t\tZapad-2021\n");
  gold = annals_gold_parse (data->str, data->len, "gold.tsv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gold->len, ==, 3);

  annals_event_set_kind (vostok, ANNALS_EVENT_KIND_EXERCISE);
  annals_date_set_year (&date, 2022);
  annals_event_set_start (vostok, &date);
  annals_event_set_host_country (vostok, "BY");
  annals_event_set_confidence (vostok, 0.9);

  /* Unnamed: matches on host and start year */
  annals_event_set_kind (meeting, ANNALS_EVENT_KIND_MEETING);
  annals_date_set_month (&date, 2022, 8);
  annals_event_set_start (meeting, &date);
  annals_event_set_host_country (meeting, "UZ");
  annals_event_set_confidence (meeting, 0.6);

  annals_event_set_kind (extra, ANNALS_EVENT_KIND_OTHER);
  annals_event_set_confidence (extra, 0.7);

  /* Below the threshold: not a prediction */
  annals_event_set_kind (unsure, ANNALS_EVENT_KIND_EXERCISE);
  annals_event_set_confidence (unsure, 0.3);

  annals_event_set_add_event (set, vostok);
  annals_event_set_add_event (set, meeting);
  annals_event_set_add_event (set, extra);
  annals_event_set_add_event (set, unsure);

  annals_eval_score (gold, set, 0.5, &counts, NULL);
  g_assert_cmpuint (counts.n_gold, ==, 3);
  g_assert_cmpuint (counts.n_predicted, ==, 3);
  g_assert_cmpuint (counts.n_matched, ==, 2);
  g_assert_cmpuint (counts.year_correct, ==, 2);
  g_assert_cmpuint (counts.host_correct, ==, 1);
  g_assert_cmpfloat_with_epsilon (annals_eval_precision (&counts), 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_eval_recall (&counts), 2.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (annals_eval_f1 (&counts), 2.0 / 3, 1e-9);
}

/* The development corpus: not in the repository. The scores are reported
 * and kept above a floor that catches regressions. */
static void
test_dev_corpus (void)
{
  const char *shared = g_getenv ("ANNALS_SHARED_DIR");
  g_autofree char *dir_path = shared != NULL ? g_build_filename (shared, "corpus", "dev", NULL) : NULL;
  g_autoptr(GDir) dir = NULL;
  AnnalsEvalCounts total = { 0 };
  const char *name;

  if (dir_path == NULL || !g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the development corpus (ANNALS_SHARED_DIR/corpus/dev) is not here");
      return;
    }

  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *base = NULL;
      g_autofree char *gold_path = NULL;
      g_autofree char *article_path = NULL;
      g_autoptr(GPtrArray) gold = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_suffix (name, ".events.tsv"))
        continue;
      base = g_strndup (name, strlen (name) - strlen (".events.tsv"));
      gold_path = g_build_filename (dir_path, name, NULL);
      article_path = g_strconcat (dir_path, G_DIR_SEPARATOR_S, base, ".txt", NULL);

      gold = annals_gold_load (gold_path, &error);
      g_assert_no_error (error);
      set = annals_extract_file (article_path, NULL, &error);
      g_assert_no_error (error);
      annals_eval_score (gold, set, 0.5, &total, NULL);
    }

  g_assert_cmpuint (total.n_gold, >, 0);
  g_test_message ("dev: gold %u, predicted %u, matched %u; P %.2f R %.2f F1 %.2f; "
                  "start year %.2f, host %.2f, status %.2f over matched",
                  total.n_gold, total.n_predicted, total.n_matched, annals_eval_precision (&total),
                  annals_eval_recall (&total), annals_eval_f1 (&total),
                  total.n_matched ? (double) total.year_correct / total.n_matched : 0.0,
                  total.n_matched ? (double) total.host_correct / total.n_matched : 0.0,
                  total.n_matched ? (double) total.status_correct / total.n_matched : 0.0);

  /* Regression floors, well below the scores measured when this was written. */
  g_assert_cmpfloat (annals_eval_f1 (&total), >=, 0.85);
  g_assert_cmpfloat ((double) total.year_correct / total.n_matched, >=, 0.9);
  g_assert_cmpfloat ((double) total.host_correct / total.n_matched, >=, 0.8);
}

/* annals-cli extract, timex and eval from the outside: exit statuses and
 * output. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("ANNALS_CLI");
  const char *root = g_getenv ("ANNALS_SOURCE_DIR");
  g_autofree char *sample = NULL;
  g_autofree char *fixtures = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (cli == NULL || root == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ANNALS_CLI or ANNALS_SOURCE_DIR is not set");
      return;
    }
  sample = g_build_filename (root, "data", "sample", "sco-defence-ministers-2022.txt", NULL);
  fixtures = g_build_filename (root, "tests", "fixtures", "articles", NULL);

  {
    const char *argv[] = { cli, "extract", sample, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "\"format\" : \"annals-events\""));
    g_assert_nonnull (strstr (out, "\"title\" : \"Vostok 2022\""));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *argv[] = { cli, "timex", sample, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "\tAug 26\tDATE\t2022-08-26\tday\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *argv[] = { cli, "eval", fixtures, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "total"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A missing file: one line naming it, status 1 */
  {
    const char *argv[] = { cli, "extract", "/nonexistent/article.txt", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_nonnull (strstr (err, "/nonexistent/article.txt"));
    g_assert_cmpuint (strlen (out), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Bad usage: status 2 */
  {
    const char *argv[] = { cli, "extract", "--published", "tomorrow", sample, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/extract/eval/parse-errors", test_parse_errors);
  g_test_add_func ("/annals/extract/eval/titles", test_titles);
  g_test_add_func ("/annals/extract/eval/score", test_score);
  g_test_add_func ("/annals/extract/eval/dev-corpus", test_dev_corpus);
  g_test_add_func ("/annals/extract/cli/commands", test_cli);

  return g_test_run ();
}
