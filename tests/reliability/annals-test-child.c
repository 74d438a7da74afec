/* annals-test-child.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "annals-test-child.h"

#define POLL_INTERVAL_US 2000

guint
annals_test_memory_factor (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return 4;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return 4;
# else
  return 1;
# endif
#else
  return 1;
#endif
}

const char *
annals_test_get_cli (void)
{
  const char *cli = g_getenv ("ANNALS_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;

  return cli;
}

gboolean
annals_child_spawn (const char * const  *argv,
                    const char          *stdout_path,
                    const char          *stderr_path,
                    GPid                *pid,
                    GError             **error)
{
  const char *out = stdout_path ? stdout_path : "/dev/null";
  const char *err = stderr_path ? stderr_path : "/dev/null";
  pid_t child;

  child = fork ();
  if (child < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FORK,
                   "fork: %s", g_strerror (saved_errno));
      return FALSE;
    }

  if (child == 0)
    {
      /* Only async-signal-safe calls between fork and exec. */
      int in_fd = open ("/dev/null", O_RDONLY);
      int out_fd = open (out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err_fd = open (err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

      if (in_fd < 0 || out_fd < 0 || err_fd < 0 ||
          dup2 (in_fd, 0) < 0 || dup2 (out_fd, 1) < 0 || dup2 (err_fd, 2) < 0)
        _exit (127);

      execv (argv[0], (char * const *) argv);
      _exit (127);
    }

  *pid = child;
  return TRUE;
}

/* The resident set and its high-water mark of @pid, from
 * /proc/PID/status, once it runs @name (before its exec, a child still
 * has the address space, and the high-water mark, of this test). */
static gboolean
read_memory_kb (GPid        pid,
                const char *name,
                glong      *resident_kb,
                glong      *high_water_kb)
{
  char path[64];
  char line[256];
  gboolean named = (name == NULL);
  FILE *file;

  *resident_kb = 0;
  *high_water_kb = 0;

  g_snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  file = fopen (path, "re");
  if (file == NULL)
    return FALSE;

  while (fgets (line, sizeof line, file) != NULL)
    {
      if (g_str_has_prefix (line, "Name:"))
        {
          g_strstrip (line);
          /* The kernel keeps 15 bytes of the name. */
          named = (name == NULL || strncmp (g_strchug (line + 5), name, 15) == 0);
        }
      else if (g_str_has_prefix (line, "VmRSS:"))
        *resident_kb = strtol (line + 6, NULL, 10);
      else if (g_str_has_prefix (line, "VmHWM:"))
        *high_water_kb = strtol (line + 6, NULL, 10);
    }
  fclose (file);

  return named;
}

glong
annals_test_get_high_water_kb (void)
{
  glong resident_kb;
  glong high_water_kb;
  struct rusage usage = { 0 };

  if (read_memory_kb (getpid (), NULL, &resident_kb, &high_water_kb) && high_water_kb > 0)
    return high_water_kb;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void
annals_child_wait (GPid               pid,
                   const char        *program,
                   guint              timeout_ms,
                   glong              memory_limit_kb,
                   AnnalsChildResult *result)
{
  g_autofree char *name = program ? g_path_get_basename (program) : NULL;
  glong high_water_kb = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) timeout_ms * 1000;
  struct rusage usage = { 0 };
  int status = 0;
  pid_t done;

  result->timed_out = FALSE;
  result->over_memory = FALSE;

  for (;;)
    {
      done = wait4 (pid, &status, WNOHANG, &usage);
      if (done == pid || (done < 0 && errno != EINTR))
        break;

      {
        glong resident_kb;
        glong sample_kb;

        if (read_memory_kb (pid, name, &resident_kb, &sample_kb))
          {
            high_water_kb = MAX (high_water_kb, sample_kb);
            if (memory_limit_kb > 0 && resident_kb > memory_limit_kb)
              result->over_memory = TRUE;
          }
      }
      if (g_get_monotonic_time () >= deadline)
        result->timed_out = TRUE;

      if (result->timed_out || result->over_memory)
        {
          kill (pid, SIGKILL);
          while ((done = wait4 (pid, &status, 0, &usage)) < 0 && errno == EINTR)
            ;
          break;
        }

      g_usleep (POLL_INTERVAL_US);
    }

  result->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  /* wait4() also counts the pages the child shared with this test
   * before its exec, which under a sanitizer or valgrind are hundreds of
   * MiB: the child's own high-water mark is the measure, when one was
   * read (a child that ends within a poll interval is small anyway). */
  result->max_rss_kb = high_water_kb > 0 ? high_water_kb : usage.ru_maxrss;
  if (done == pid && WIFEXITED (status))
    {
      result->exit_status = WEXITSTATUS (status);
      result->signal = 0;
    }
  else
    {
      result->exit_status = -1;
      result->signal = (done == pid && WIFSIGNALED (status)) ? WTERMSIG (status) : 0;
    }
}

gboolean
annals_child_run (const char * const  *argv,
                  const char          *stdout_path,
                  guint                timeout_ms,
                  glong                memory_limit_kb,
                  AnnalsChildResult   *result,
                  GError             **error)
{
  g_autofree char *stderr_path = NULL;
  GPid pid;
  int fd;

  memset (result, 0, sizeof *result);

  fd = g_file_open_tmp ("annals-stderr-XXXXXX", &stderr_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  if (!annals_child_spawn (argv, stdout_path, stderr_path, &pid, error))
    {
      g_unlink (stderr_path);
      return FALSE;
    }

  annals_child_wait (pid, argv[0], timeout_ms, memory_limit_kb, result);

  if (!g_file_get_contents (stderr_path, &result->stderr_text, NULL, NULL))
    result->stderr_text = g_strdup ("");
  g_unlink (stderr_path);

  return TRUE;
}

void
annals_child_result_clear (AnnalsChildResult *result)
{
  g_clear_pointer (&result->stderr_text, g_free);
}

char *
annals_child_result_describe (const AnnalsChildResult *result)
{
  g_autofree char *ending = NULL;

  if (result->timed_out)
    ending = g_strdup ("killed at the deadline (a hang)");
  else if (result->over_memory)
    ending = g_strdup ("killed over the memory bound");
  else if (result->signal != 0)
    ending = g_strdup_printf ("killed by signal %d (%s)",
                              result->signal, g_strsignal (result->signal));
  else
    ending = g_strdup_printf ("exit status %d", result->exit_status);

  return g_strdup_printf ("%s after %.2f s, peak RSS %ld KiB; stderr: %s",
                          ending, result->seconds, result->max_rss_kb,
                          result->stderr_text ? result->stderr_text : "");
}
