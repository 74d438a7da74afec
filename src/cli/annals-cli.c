/* annals-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-cli"

#include "config.h"

#include <stdio.h>

#include "annals-cli.h"

void
annals_cli_print_error (const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "annals-cli: %s\n", message);
}
