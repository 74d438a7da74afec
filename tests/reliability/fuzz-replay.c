/* fuzz-replay.c: replays the fuzz seeds and regressions without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one tests/fuzz/fuzz-TARGET.c, this runs its entry point on
 * every file of tests/fuzz/corpus/TARGET/ and tests/fuzz/regressions/TARGET/,
 * one test case per file, so that every crash the fuzzer ever found stays
 * fixed in the ordinary (gcc, sanitizer or valgrind) test runs.
 */

#define G_LOG_DOMAIN "annals-fuzz"

#include "config.h"

#include <string.h>

#include "annals-fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET must name the fuzz target"
#endif

static void
test_replay (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s: %s", path, error->message);

  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", path, length);

  /* libFuzzer hands over a buffer of exactly the input's size, never
   * NULL: copy it so that a read past the end is caught by the
   * sanitizers and valgrind. */
  {
    g_autofree guint8 *input = g_malloc (MAX (length, 1));

    memcpy (input, contents, length);
    LLVMFuzzerTestOneInput (input, length);
  }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
add_folder (const char *kind,
            const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_strcmp0 (name, "README.md") != 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/annals/reliability/replay/%s/%s/%s",
                                                    FUZZ_TARGET, kind, file_name);

      g_test_add_data_func_full (test_path,
                                 g_build_filename (folder, file_name, NULL),
                                 test_replay, g_free);
    }

  return names->len;
}

int
main (int    argc,
      char **argv)
{
  const char *source_dir = g_getenv ("ANNALS_SOURCE_DIR");
  g_autofree char *corpus = NULL;
  g_autofree char *regressions = NULL;
  guint n_inputs;

  g_test_init (&argc, &argv, NULL);

  if (source_dir == NULL)
    g_error ("ANNALS_SOURCE_DIR is not set: run this through meson test");

  LLVMFuzzerInitialize (&argc, &argv);

  corpus = g_build_filename (source_dir, "tests", "fuzz", "corpus", FUZZ_TARGET, NULL);
  regressions = g_build_filename (source_dir, "tests", "fuzz", "regressions", FUZZ_TARGET, NULL);
  n_inputs = add_folder ("seed", corpus);
  n_inputs += add_folder ("regression", regressions);

  if (n_inputs == 0)
    g_error ("no inputs in %s nor %s", corpus, regressions);

  return g_test_run ();
}
