/* annals-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each subcommand takes its own argv (argv[0] is the subcommand's name)
 * and returns the process exit status: 0 success, 1 bad input, 2 bad
 * usage. Errors go to standard error as one line. */

/* annals-cli-data.c */
int annals_cli_import      (int argc, char **argv);
int annals_cli_export      (int argc, char **argv);
int annals_cli_generate    (int argc, char **argv);
int annals_cli_stats       (int argc, char **argv);
int annals_cli_bench_store (int argc, char **argv);

/* annals-cli-extract.c */
int annals_cli_extract       (int argc, char **argv);
int annals_cli_timex         (int argc, char **argv);
int annals_cli_eval          (int argc, char **argv);
int annals_cli_bench_extract (int argc, char **argv);

/* annals-cli-render.c */
int annals_cli_render       (int argc, char **argv);
int annals_cli_bench_render (int argc, char **argv);

/* annals-cli.c */
void annals_cli_print_error (const char *format,
                             ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
