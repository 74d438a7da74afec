/* annals-cli-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include "annals-cli.h"

int
annals_cli_render (int    argc,
                      char **argv)
{
  annals_cli_print_error ("render: this command is not part of this build yet");
  return 2;
}

int
annals_cli_bench_render (int    argc,
                            char **argv)
{
  annals_cli_print_error ("bench_render: this command is not part of this build yet");
  return 2;
}
