/* annals-cli-extract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include "annals-cli.h"

int
annals_cli_extract (int    argc,
                       char **argv)
{
  annals_cli_print_error ("extract: this command is not part of this build yet");
  return 2;
}

int
annals_cli_timex (int    argc,
                     char **argv)
{
  annals_cli_print_error ("timex: this command is not part of this build yet");
  return 2;
}

int
annals_cli_eval (int    argc,
                    char **argv)
{
  annals_cli_print_error ("eval: this command is not part of this build yet");
  return 2;
}

int
annals_cli_bench_extract (int    argc,
                             char **argv)
{
  annals_cli_print_error ("bench_extract: this command is not part of this build yet");
  return 2;
}
