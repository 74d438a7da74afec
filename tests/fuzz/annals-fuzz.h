/* annals-fuzz.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

/* The libFuzzer entry points. Each fuzz-*.c defines both; libFuzzer calls
 * them when built with clang -fsanitize=fuzzer, and the regression replay
 * test (tests/reliability/fuzz-replay.c, built by any compiler) calls them
 * with every committed seed and regression input. */
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A failure of the code under test, as opposed to an input it rejects:
 * abort so that libFuzzer records the input and the replay test fails. */
#define annals_fuzz_fail(...) \
  G_STMT_START { \
    g_printerr ("annals-fuzz: " __VA_ARGS__); \
    g_printerr ("\n"); \
    abort (); \
  } G_STMT_END

/* Criticals (g_return_if_fail) mean a module passed on something it should
 * have refused: they are bugs, so they abort like a sanitizer report.
 * GLib's own fatal path raises SIGTRAP, which libFuzzer does not catch,
 * hence a writer that calls abort() itself. */
static inline GLogWriterOutput
annals_fuzz_log_writer (GLogLevelFlags   log_level,
                        const GLogField *fields,
                        gsize            n_fields,
                        gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      const char *domain = "";
      const char *message = "";

      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 && fields[i].length < 0)
            domain = fields[i].value;
          else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
            message = fields[i].value;
        }
      g_printerr ("annals-fuzz: %s: %s\n", domain, message);
      abort ();
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static inline void
annals_fuzz_init_logging (void)
{
  static gboolean done;

  if (!done)
    g_log_set_writer_func (annals_fuzz_log_writer, NULL, NULL);
  done = TRUE;
}

G_END_DECLS
