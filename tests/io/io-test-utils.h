/* io-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

static inline char *
io_test_source_path (const char *first,
                     ...)
{
  const char *root = g_getenv ("ANNALS_SOURCE_DIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_assert_nonnull (root);
  g_ptr_array_add (parts, (gpointer) root);
  g_ptr_array_add (parts, (gpointer) first);

  va_start (args, first);
  for (const char *part = va_arg (args, const char *); part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);

  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static inline char *
io_test_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Two JSON texts with the same values; objects compare without regard to
 * member order. */
static inline void
io_test_assert_json_equal (const char *expected,
                           const char *actual)
{
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;

  a = json_from_string (expected, &error);
  g_assert_no_error (error);
  b = json_from_string (actual, &error);
  g_assert_no_error (error);

  if (!json_node_equal (a, b))
    {
      g_test_message ("expected:\n%s\nactual:\n%s", expected, actual);
      g_assert_true (json_node_equal (a, b));
    }
}

static inline char *
io_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("annals-io-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static inline void
io_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        io_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

G_END_DECLS
