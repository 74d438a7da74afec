/* annals-cli-extract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "annals-article.h"
#include "annals-cli.h"
#include "annals-eval.h"
#include "annals-extractor.h"
#include "annals-gazetteer.h"
#include "annals-timex.h"
#include "annals-tokenizer.h"

/* Parses the options of a subcommand; prints usage errors itself. */
static gboolean
parse_options (GOptionContext *context,
               int            *argc,
               char         ***argv,
               const char     *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("annals-cli ", command, NULL);

  /* "Usage: annals-cli timex [OPTION…] ARTICLE" */
  g_set_prgname (prgname);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      annals_cli_print_error ("%s: %s", command, error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_published (const char *text,
                 AnnalsDate *published,
                 const char *command)
{
  g_autoptr(GError) error = NULL;

  annals_date_clear (published);
  if (text == NULL)
    return TRUE;

  if (!annals_date_parse (published, text, &error) ||
      annals_date_get_precision (published) != ANNALS_PRECISION_DAY)
    {
      annals_cli_print_error (_("%s: --published must be a date as YYYY-MM-DD, not “%s”"), command, text);
      return FALSE;
    }

  return TRUE;
}

static void
add_date_member (JsonBuilder      *builder,
                 const char       *name,
                 const AnnalsDate *date)
{
  g_autofree char *iso = date != NULL ? annals_date_to_iso (date) : NULL;

  json_builder_set_member_name (builder, name);
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_extra_members (JsonBuilder *builder,
                   const char  *extra_json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra_json == NULL)
    return;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, extra_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, json_node_copy (node));
    }
}

static void
build_event_set (JsonBuilder *builder,
                 GPtrArray   *sets)
{
  json_builder_begin_object (builder);
  add_string_member (builder, "format", "annals-events");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint s = 0; s < sets->len; s++)
    {
      GPtrArray *documents = annals_event_set_get_documents (g_ptr_array_index (sets, s));

      for (guint i = 0; i < documents->len; i++)
        {
          AnnalsDocument *document = g_ptr_array_index (documents, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "id", annals_document_get_id (document));
          add_string_member (builder, "title", annals_document_get_title (document));
          add_string_member (builder, "source", annals_document_get_source (document));
          add_string_member (builder, "url", annals_document_get_url (document));
          add_date_member (builder, "published", annals_document_get_published (document));
          add_string_member (builder, "text", annals_document_get_text (document));
          add_extra_members (builder, annals_document_get_extra_json (document));
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint s = 0; s < sets->len; s++)
    {
      GPtrArray *events = annals_event_set_get_events (g_ptr_array_index (sets, s));

      for (guint i = 0; i < events->len; i++)
        {
          AnnalsEvent *event = g_ptr_array_index (events, i);
          const char * const *participants = annals_event_get_participants (event);

          json_builder_begin_object (builder);
          add_string_member (builder, "id", annals_event_get_id (event));
          add_string_member (builder, "title", annals_event_get_title (event));
          add_string_member (builder, "kind", annals_event_kind_to_string (annals_event_get_kind (event)));
          add_date_member (builder, "start", annals_event_get_start (event));
          add_date_member (builder, "end", annals_event_get_end (event));
          add_string_member (builder, "status", annals_event_status_to_string (annals_event_get_status (event)));
          add_string_member (builder, "host_country", annals_event_get_host_country (event));
          add_string_member (builder, "host_place", annals_event_get_host_place (event));

          json_builder_set_member_name (builder, "participants");
          json_builder_begin_array (builder);
          for (guint p = 0; participants != NULL && participants[p] != NULL; p++)
            json_builder_add_string_value (builder, participants[p]);
          json_builder_end_array (builder);

          json_builder_set_member_name (builder, "mentions");
          json_builder_begin_array (builder);
          for (guint m = 0; m < annals_event_get_n_mentions (event); m++)
            {
              const AnnalsMention *mention = annals_event_get_mention (event, m);

              json_builder_begin_object (builder);
              add_string_member (builder, "document", mention->document_id);
              json_builder_set_member_name (builder, "start");
              json_builder_add_int_value (builder, mention->start);
              json_builder_set_member_name (builder, "end");
              json_builder_add_int_value (builder, mention->end);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);

          json_builder_set_member_name (builder, "confidence");
          json_builder_add_double_value (builder, ((int) (annals_event_get_confidence (event) * 100 + 0.5)) / 100.0);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

int
annals_cli_extract (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *published_text = NULL;
  g_auto(GStrv) files = NULL;
  AnnalsDate published;
  const GOptionEntry entries[] = {
    { "published", 0, 0, G_OPTION_ARG_STRING, &published_text,
      N_("Publication date of the articles, overriding their header"), N_("YYYY-MM-DD") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("ARTICLE… — print the events of news articles as events JSON"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, "extract"))
    return 2;
  if (files == NULL || files[0] == NULL)
    {
      annals_cli_print_error (_("extract: no article given (see --help)"));
      return 2;
    }
  if (!parse_published (published_text, &published, "extract"))
    return 2;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      AnnalsEventSet *set = annals_extract_file (files[i], annals_date_is_set (&published) ? &published : NULL, &error);

      if (set == NULL)
        {
          annals_cli_print_error ("%s", error->message);
          return 1;
        }
      g_ptr_array_add (sets, set);
    }

  builder = json_builder_new ();
  build_event_set (builder, sets);
  print_json (builder);

  return 0;
}

int
annals_cli_timex (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AnnalsArticle) article = NULL;
  g_autoptr(AnnalsTokens) tokens = NULL;
  g_autoptr(GArray) timexes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *published_text = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) files = NULL;
  gboolean as_json = FALSE;
  AnnalsDateline dateline;
  AnnalsDate published, reference;
  gsize length;
  const GOptionEntry entries[] = {
    { "published", 0, 0, G_OPTION_ARG_STRING, &published_text,
      N_("Publication date to resolve relative dates against"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON instead of lines"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  const char * const type_names[] = { "DATE", "TIME", "DURATION", "SET" };

  context = g_option_context_new (_("ARTICLE — list the temporal expressions of an article"));
  g_option_context_set_description (context,
    _("Each line gives the character span in the body, the text, the TIMEX3 type and value, "
      "and the granularity, separated by tabs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, "timex"))
    return 2;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      annals_cli_print_error (_("timex: give exactly one article (see --help)"));
      return 2;
    }
  if (!parse_published (published_text, &published, "timex"))
    return 2;

  if (!g_file_get_contents (files[0], &contents, &length, &error))
    {
      annals_cli_print_error ("%s", error->message);
      return 1;
    }
  article = annals_article_parse (contents, length, files[0], &error);
  if (article == NULL)
    {
      annals_cli_print_error ("%s", error->message);
      return 1;
    }

  tokens = annals_tokens_new (article->body, article->body_length);
  annals_dateline_find (tokens, &dateline);
  if (!annals_date_is_set (&published))
    published = article->published;
  if (!annals_date_is_set (&published))
    annals_timex_infer_published (tokens, &dateline, &published);
  reference = published;
  if (!annals_date_is_set (&reference) && annals_timex_main_year (tokens) != 0)
    annals_date_set_year (&reference, annals_timex_main_year (tokens));

  timexes = annals_timex_find (tokens, &reference, &dateline);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < timexes->len; i++)
        {
          const AnnalsTimex *timex = &g_array_index (timexes, AnnalsTimex, i);
          const AnnalsToken *a = annals_tokens_get (tokens, timex->first_token);
          const AnnalsToken *b = annals_tokens_get (tokens, timex->last_token - 1);
          g_autofree char *text = g_strndup (article->body + a->start, b->end - a->start);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, timex->char_start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, timex->char_end);
          add_string_member (builder, "text", text);
          add_string_member (builder, "type", type_names[timex->type]);
          add_string_member (builder, "value", timex->value);
          add_string_member (builder, "granularity", timex->granularity);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      print_json (builder);
      return 0;
    }

  for (guint i = 0; i < timexes->len; i++)
    {
      const AnnalsTimex *timex = &g_array_index (timexes, AnnalsTimex, i);
      const AnnalsToken *a = annals_tokens_get (tokens, timex->first_token);
      const AnnalsToken *b = annals_tokens_get (tokens, timex->last_token - 1);
      g_autofree char *text = g_strndup (article->body + a->start, b->end - a->start);

      for (char *p = text; *p != '\0'; p++)
        if (*p == '\n' || *p == '\t')
          *p = ' ';
      printf ("%u-%u\t%s\t%s\t%s\t%s\n", timex->char_start, timex->char_end, text,
              type_names[timex->type], timex->value, timex->granularity);
    }

  return 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
annals_cli_eval (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) dirs = NULL;
  gboolean as_json = FALSE;
  gboolean verbose = FALSE;
  double min_confidence = 0.5;
  AnnalsEvalCounts total = { 0 };
  const char *name;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the scores as JSON"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("List matched, missed and extra events"), NULL },
    { "min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_confidence,
      N_("Lowest confidence of a predicted event (default 0.5)"), N_("X") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &dirs, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("DIR — score the extractor against the gold events of a folder"));
  g_option_context_set_description (context,
    _("DIR holds articles NAME.txt with gold events NAME.events.tsv (columns title, kind, start, end, "
      "status, host_country, host_place, evidence). An event matches when kind and title agree, or, for "
      "an unnamed event, host country and start year. Prints precision, recall and F1, and the accuracy "
      "of start year and host country over matched events."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, "eval"))
    return 2;
  if (dirs == NULL || dirs[0] == NULL || dirs[1] != NULL)
    {
      annals_cli_print_error (_("eval: give exactly one folder (see --help)"));
      return 2;
    }

  dir = g_dir_open (dirs[0], 0, &error);
  if (dir == NULL)
    {
      annals_cli_print_error ("%s", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".events.tsv"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".events.tsv")));
  g_ptr_array_sort (names, compare_strings);

  if (names->len == 0)
    {
      annals_cli_print_error (_("%s: no *.events.tsv gold files"), dirs[0]);
      return 1;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "articles");
  json_builder_begin_array (builder);

  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *gold_name = g_strconcat (base, ".events.tsv", NULL);
      g_autofree char *article_name = g_strconcat (base, ".txt", NULL);
      g_autofree char *gold_path = g_build_filename (dirs[0], gold_name, NULL);
      g_autofree char *article_path = g_build_filename (dirs[0], article_name, NULL);
      g_autoptr(GPtrArray) gold = NULL;
      g_autoptr(AnnalsEventSet) set = NULL;
      g_autoptr(GString) details = g_string_new (NULL);
      AnnalsEvalCounts counts = { 0 };

      gold = annals_gold_load (gold_path, &error);
      if (gold == NULL)
        {
          annals_cli_print_error ("%s", error->message);
          return 1;
        }
      set = annals_extract_file (article_path, NULL, &error);
      if (set == NULL)
        {
          annals_cli_print_error ("%s", error->message);
          return 1;
        }

      annals_eval_score (gold, set, min_confidence, &counts, details);
      total.n_gold += counts.n_gold;
      total.n_predicted += counts.n_predicted;
      total.n_matched += counts.n_matched;
      total.year_correct += counts.year_correct;
      total.host_correct += counts.host_correct;
      total.status_correct += counts.status_correct;

      json_builder_begin_object (builder);
      add_string_member (builder, "article", base);
      json_builder_set_member_name (builder, "gold");
      json_builder_add_int_value (builder, counts.n_gold);
      json_builder_set_member_name (builder, "predicted");
      json_builder_add_int_value (builder, counts.n_predicted);
      json_builder_set_member_name (builder, "matched");
      json_builder_add_int_value (builder, counts.n_matched);
      json_builder_set_member_name (builder, "f1");
      json_builder_add_double_value (builder, annals_eval_f1 (&counts));
      json_builder_end_object (builder);

      if (!as_json)
        {
          printf ("%-44s gold %2u  predicted %2u  matched %2u  P %.2f  R %.2f  F1 %.2f\n", base,
                  counts.n_gold, counts.n_predicted, counts.n_matched, annals_eval_precision (&counts),
                  annals_eval_recall (&counts), annals_eval_f1 (&counts));
          if (verbose)
            fputs (details->str, stdout);
        }
    }

  json_builder_end_array (builder);

#define ACCURACY(n) (total.n_matched > 0 ? (double) (n) / total.n_matched : 0.0)
  if (as_json)
    {
      json_builder_set_member_name (builder, "total");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "gold");
      json_builder_add_int_value (builder, total.n_gold);
      json_builder_set_member_name (builder, "predicted");
      json_builder_add_int_value (builder, total.n_predicted);
      json_builder_set_member_name (builder, "matched");
      json_builder_add_int_value (builder, total.n_matched);
      json_builder_set_member_name (builder, "precision");
      json_builder_add_double_value (builder, annals_eval_precision (&total));
      json_builder_set_member_name (builder, "recall");
      json_builder_add_double_value (builder, annals_eval_recall (&total));
      json_builder_set_member_name (builder, "f1");
      json_builder_add_double_value (builder, annals_eval_f1 (&total));
      json_builder_set_member_name (builder, "year_accuracy");
      json_builder_add_double_value (builder, ACCURACY (total.year_correct));
      json_builder_set_member_name (builder, "host_accuracy");
      json_builder_add_double_value (builder, ACCURACY (total.host_correct));
      json_builder_set_member_name (builder, "status_accuracy");
      json_builder_add_double_value (builder, ACCURACY (total.status_correct));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      printf ("%-44s gold %2u  predicted %2u  matched %2u  P %.2f  R %.2f  F1 %.2f\n", _("total"),
              total.n_gold, total.n_predicted, total.n_matched, annals_eval_precision (&total),
              annals_eval_recall (&total), annals_eval_f1 (&total));
      printf (_("over matched events: start year %.2f  host country %.2f  status %.2f\n"),
              ACCURACY (total.year_correct), ACCURACY (total.host_correct), ACCURACY (total.status_correct));
    }
#undef ACCURACY

  return 0;
}

/* Reads the articles (*.txt) of a folder, two levels deep, in name order. */
static void
collect_articles (GPtrArray  *articles,
                  const char *path,
                  guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && depth < 2)
        collect_articles (articles, child, depth + 1);
      else if (g_str_has_suffix (child, ".txt") && g_file_get_contents (child, &contents, &length, NULL))
        {
          if (g_utf8_validate_len (contents, length, NULL))
            g_ptr_array_add (articles, contents);
          else
            g_free (contents);
        }
    }
}

/* CPU time of the calling thread: the throughput of one core, whatever
 * else the machine runs. */
static double
thread_cpu_seconds (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return g_get_monotonic_time () / 1e6;
  return now.tv_sec + now.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
annals_cli_bench_extract (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GString) single_text = NULL;
  g_autofree char *corpus_dir = NULL;
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wall_rates = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean per_article = FALSE;
  gboolean single;
  int megabytes = 20;
  int runs = 5;
  gsize total = 0;
  guint n_events = 0;
  const GOptionEntry entries[] = {
    { "corpus", 0, 0, G_OPTION_ARG_FILENAME, &corpus_dir,
      N_("Folder of articles (*.txt, searched two levels deep); default: the bundled sample and test fixtures"), N_("DIR") },
    { "mb", 0, 0, G_OPTION_ARG_INT, &megabytes, N_("Size of the corpus in MB (default 20)"), N_("N") },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Number of timed runs (default 5)"), N_("N") },
    { "per-article", 0, 0, G_OPTION_ARG_NONE, &per_article,
      N_("Extract each article in turn instead of joining them into one text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— extractor throughput on a large concatenated corpus"));
  g_option_context_set_description (context,
    _("The bodies of the corpus articles that have a header are joined and repeated up to the "
      "requested size, and the text is extracted as one article (with --per-article, the articles "
      "are repeated and each is extracted in turn). Prints the median throughput over the runs in "
      "MB/s of CPU time (one core), and of wall clock time."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, "bench extract"))
    return 2;
  single = !per_article;
  if (megabytes < 1 || megabytes > 200 || runs < 1 || runs > 100)
    {
      annals_cli_print_error (_("bench extract: --mb must be within 1–200 and --runs within 1–100"));
      return 2;
    }

  if (corpus_dir != NULL)
    collect_articles (articles, corpus_dir, 0);
  else
    {
      g_autofree char *sample = g_build_filename (SOURCE_DATADIR, "sample", NULL);
      g_autofree char *fixtures = g_build_filename (SOURCE_DATADIR, "..", "tests", "fixtures", "articles", NULL);

      collect_articles (articles, sample, 0);
      collect_articles (articles, fixtures, 0);
    }

  if (articles->len == 0)
    {
      annals_cli_print_error (_("bench extract: no article found in %s"), corpus_dir ? corpus_dir : SOURCE_DATADIR);
      return 1;
    }

  while (total < (gsize) megabytes * 1000000)
    for (guint i = 0; i < articles->len; i++)
      {
        g_ptr_array_add (texts, g_ptr_array_index (articles, i));
        total += strlen (g_ptr_array_index (articles, i));
      }

  if (single)
    {
      g_autoptr(GString) bodies = g_string_new (NULL);

      for (guint i = 0; i < articles->len; i++)
        {
          const char *contents = g_ptr_array_index (articles, i);
          g_autoptr(AnnalsArticle) article = annals_article_parse (contents, strlen (contents), "bench", NULL);

          /* Raw web pages (no header) end in page furniture, which would end
           * the joined text too: only articles with a header are joined. */
          if (article == NULL || article->header_lines == 0)
            continue;
          g_string_append_len (bodies, article->body, article->body_length);
          g_string_append (bodies, "\n\n");
        }

      if (bodies->len == 0)
        {
          annals_cli_print_error (_("bench extract: --single needs articles with a header"));
          return 1;
        }

      single_text = g_string_sized_new ((gsize) megabytes * 1000000 + bodies->len);
      while (single_text->len < (gsize) megabytes * 1000000)
        g_string_append_len (single_text, bodies->str, bodies->len);
      total = single_text->len;
    }

  /* Load the gazetteer outside the timed runs. */
  annals_gazetteer_get_default ();

  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_seconds ();
      double seconds, cpu_seconds, rate;

      n_events = 0;
      for (guint i = 0; i < (single ? 1 : texts->len); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AnnalsEventSet) set = NULL;
          const char *text = single ? single_text->str : g_ptr_array_index (texts, i);

          set = annals_extract_text (text, single ? (gssize) single_text->len : -1, "bench", NULL, &error);
          /* Articles that are not valid ones are part of a corpus too. */
          if (set != NULL)
            n_events += annals_event_set_get_events (set)->len;
        }
      seconds = (g_get_monotonic_time () - start) / 1e6;
      cpu_seconds = thread_cpu_seconds () - cpu_start;

      rate = total / 1e6 / MAX (cpu_seconds, 1e-9);
      g_array_append_val (rates, rate);
      rate = total / 1e6 / MAX (seconds, 1e-9);
      g_array_append_val (wall_rates, rate);
      printf ("run %d: %.1f MB in %.3f s CPU (%.3f s wall), %.1f MB/s per core\n", r + 1, total / 1e6,
              cpu_seconds, seconds, g_array_index (rates, double, rates->len - 1));
    }

  g_array_sort (rates, compare_doubles);
  g_array_sort (wall_rates, compare_doubles);
  printf (_("extract: %u articles, %u texts, %.1f MB%s, %u events; median %.1f MB/s per core (CPU time), "
            "%.1f MB/s wall clock, over %d runs\n"),
          articles->len, single ? 1 : texts->len, total / 1e6, single ? _(" as one text") : "", n_events,
          g_array_index (rates, double, rates->len / 2), g_array_index (wall_rates, double, wall_rates->len / 2), runs);

  return 0;
}
