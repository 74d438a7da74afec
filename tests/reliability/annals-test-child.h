/* annals-test-child.h: runs annals-cli as a child, bounded in time and memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sys/types.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int      exit_status;   /* -1 when a signal ended it */
  int      signal;        /* 0 when it exited */
  gboolean timed_out;     /* killed at the deadline */
  gboolean over_memory;   /* killed when its resident set passed the limit */
  glong    max_rss_kb;    /* peak resident set (VmHWM after exec) */
  double   seconds;
  char    *stderr_text;
} AnnalsChildResult;

/* Memory bounds are stated for an optimized build; sanitizers and
 * debuggers multiply what a process holds, so bounds are scaled by this. */
guint    annals_test_memory_factor   (void);

/* Starts argv (argv[0] a path) with standard output to @stdout_path (or
 * /dev/null) and standard error to @stderr_path (or /dev/null). */
gboolean annals_child_spawn          (const char * const *argv,
                                      const char         *stdout_path,
                                      const char         *stderr_path,
                                      GPid               *pid,
                                      GError            **error);

/* Waits for @pid, killing it at @timeout_ms or when its resident set
 * passes @memory_limit_kb (0: no limit). Its peak is measured once it
 * runs @program (argv[0]; NULL: at once). */
void     annals_child_wait           (GPid                pid,
                                      const char         *program,
                                      guint               timeout_ms,
                                      glong               memory_limit_kb,
                                      AnnalsChildResult  *result);

/* Both at once, with standard error captured into @result. */
gboolean annals_child_run            (const char * const *argv,
                                      const char         *stdout_path,
                                      guint               timeout_ms,
                                      glong               memory_limit_kb,
                                      AnnalsChildResult  *result,
                                      GError            **error);
void     annals_child_result_clear   (AnnalsChildResult  *result);
char    *annals_child_result_describe (const AnnalsChildResult *result);

/* The peak resident set of this process since its exec: VmHWM, not
 * getrusage(), which also counts what a fork shared with the parent. */
glong    annals_test_get_high_water_kb (void);

/* The annals-cli that meson built (ANNALS_CLI), or NULL. */
const char *annals_test_get_cli      (void);

G_END_DECLS
