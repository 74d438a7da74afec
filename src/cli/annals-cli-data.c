/* annals-cli-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include "annals-cli.h"

int
annals_cli_import (int    argc,
                      char **argv)
{
  annals_cli_print_error ("import: this command is not part of this build yet");
  return 2;
}

int
annals_cli_export (int    argc,
                      char **argv)
{
  annals_cli_print_error ("export: this command is not part of this build yet");
  return 2;
}

int
annals_cli_generate (int    argc,
                        char **argv)
{
  annals_cli_print_error ("generate: this command is not part of this build yet");
  return 2;
}

int
annals_cli_stats (int    argc,
                     char **argv)
{
  annals_cli_print_error ("stats: this command is not part of this build yet");
  return 2;
}

int
annals_cli_bench_store (int    argc,
                           char **argv)
{
  annals_cli_print_error ("bench_store: this command is not part of this build yet");
  return 2;
}
