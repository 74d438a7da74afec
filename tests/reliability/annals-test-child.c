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

static glong
read_resident_kb (GPid pid)
{
  char path[64];
  char buffer[128];
  long size_pages = 0;
  long resident_pages = 0;
  FILE *file;

  g_snprintf (path, sizeof path, "/proc/%d/statm", (int) pid);
  file = fopen (path, "re");
  if (file == NULL)
    return 0;
  if (fgets (buffer, sizeof buffer, file) == NULL ||
      sscanf (buffer, "%ld %ld", &size_pages, &resident_pages) != 2)
    resident_pages = 0;
  fclose (file);

  return resident_pages * (sysconf (_SC_PAGESIZE) / 1024);
}

void
annals_child_wait (GPid               pid,
                   guint              timeout_ms,
                   glong              memory_limit_kb,
                   AnnalsChildResult *result)
{
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

      if (g_get_monotonic_time () >= deadline)
        result->timed_out = TRUE;
      else if (memory_limit_kb > 0 && read_resident_kb (pid) > memory_limit_kb)
        result->over_memory = TRUE;

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
  result->max_rss_kb = usage.ru_maxrss;
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

  annals_child_wait (pid, timeout_ms, memory_limit_kb, result);

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
