/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "annals-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "extract",  annals_cli_extract,  N_("Extract events from articles and print events JSON") },
  { "timex",    annals_cli_timex,    N_("Print the temporal expressions of an article") },
  { "eval",     annals_cli_eval,     N_("Score the extractor against gold events") },
  { "import",   annals_cli_import,   N_("Add events JSON files or articles to a database") },
  { "export",   annals_cli_export,   N_("Write a database or events file as JSON, CSV or iCalendar") },
  { "render",   annals_cli_render,   N_("Draw a timeline to PNG, SVG or PDF") },
  { "generate", annals_cli_generate, N_("Print a synthetic events JSON data set") },
  { "stats",    annals_cli_stats,    N_("Summarize a database") },
  { "bench",    NULL,                N_("Measure speed and memory (store, extract, render)") },
};

static const Command benchmarks[] = {
  { "store",   annals_cli_bench_store,   N_("Import, open and query generated events") },
  { "extract", annals_cli_bench_extract, N_("Extractor throughput on a corpus") },
  { "render",  annals_cli_bench_render,  N_("Layout and paint time per frame") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: annals-cli COMMAND [OPTION…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “annals-cli COMMAND --help” for the options of a command."));
}

static int
run_bench (int    argc,
           char **argv)
{
  gboolean help;
  FILE *stream;

  if (argc >= 2)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (benchmarks); i++)
        if (strcmp (argv[1], benchmarks[i].name) == 0)
          return benchmarks[i].run (argc - 1, argv + 1);
    }

  help = argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0);
  stream = help ? stdout : stderr;

  fprintf (stream, "%s\n\n", _("Usage: annals-cli bench store|extract|render [OPTION…]"));
  for (gsize i = 0; i < G_N_ELEMENTS (benchmarks); i++)
    fprintf (stream, "  %-10s %s\n", benchmarks[i].name, _(benchmarks[i].summary));

  return help ? 0 : 2;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* ANNALS_LOCALEDIR lets tests use the catalogues of the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ANNALS_LOCALEDIR") != NULL ? g_getenv ("ANNALS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("annals-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("annals-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (argv[1], "bench") == 0)
    return run_bench (argc - 1, argv + 1);

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].run != NULL && strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  annals_cli_print_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return 2;
}
