/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * annals-cli import, export, generate and stats, run as a user runs
 * them: every bad input exits 1 with one line on standard error naming
 * the file and the problem, and leaves the database as it was.
 */

#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "io-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs annals-cli with the arguments (NULL-terminated) and, when @env is
 * given, those extra environment variables ("NAME=value"). */
static void
run_cli_env (Run         *run,
             const char  *env,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("ANNALS_CLI");
  int wait_status;
  va_list args;

  g_assert_nonnull (cli);

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) first);
  va_start (args, first);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (env != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env, "=", 2);
      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define run_cli(run, ...) run_cli_env ((run), NULL, __VA_ARGS__)

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* One line, ending in a newline, that names @name and contains
 * @expected. */
static void
assert_one_line_error (const Run  *run,
                       const char *name,
                       const char *expected)
{
  const char *newline = strchr (run->err, '\n');

  if (run->status != 1 || newline == NULL || newline[1] != '\0' ||
      strstr (run->err, name) == NULL || strstr (run->err, expected) == NULL)
    g_test_message ("status %d, stderr: %s(expected “%s” naming “%s”)",
                    run->status, run->err, expected, name);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_nonnull (strstr (run->err, name));
  g_assert_nonnull (strstr (run->err, expected));
}

/* A database holding the minimal good file. */
static char *
make_database (const char *dir,
               const char *name)
{
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "minimal.json", NULL);
  char *db = g_build_filename (dir, name, NULL);
  g_auto(Run) run = { 0, };

  run_cli (&run, "import", "--quiet", good, "--db", db, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  return db;
}

static void
test_bad_fixtures (void)
{
  g_autofree char *bad_dir = io_test_source_path ("tests", "fixtures", "bad", NULL);
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "minimal.json", NULL);
  g_autofree char *expected_path = g_build_filename (bad_dir, "EXPECTED.tsv", NULL);
  g_autofree char *expected = io_test_read (expected_path);
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = make_database (tmp, "library.annals");
  g_autofree char *before = checksum_file (db);
  g_auto(GStrv) lines = g_strsplit (expected, "\n", -1);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_checked = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autofree char *after = NULL;
      g_auto(Run) run = { 0, };

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      path = g_build_filename (bad_dir, fields[0], NULL);
      g_hash_table_add (listed, g_strdup (fields[0]));

      if (g_strcmp0 (fields[1], "import") == 0)
        {
          /* The bad file imported into a good database. */
          run_cli (&run, "import", path, "--db", db, NULL);
          assert_one_line_error (&run, fields[0], fields[2]);
          after = checksum_file (db);
          g_assert_cmpstr (after, ==, before);
        }
      else if (g_strcmp0 (fields[1], "db") == 0)
        {
          /* The bad file given as the database. */
          g_autofree char *file_before = checksum_file (path);
          g_autofree char *file_after = NULL;

          run_cli (&run, "import", good, "--db", path, NULL);
          assert_one_line_error (&run, fields[0], fields[2]);
          file_after = checksum_file (path);
          g_assert_cmpstr (file_after, ==, file_before);
        }
      else
        {
          g_error ("EXPECTED.tsv line %u: unknown mode “%s”", i + 1, fields[1]);
        }

      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 30);

  /* Every fixture has its expected message. */
  dir = g_dir_open (bad_dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, "EXPECTED.tsv") != 0 && !g_hash_table_contains (listed, name))
      g_error ("tests/fixtures/bad/%s has no line in EXPECTED.tsv", name);

  io_test_remove_tree (tmp);
}

static void
test_too_large (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = make_database (tmp, "library.annals");
  g_autofree char *before = checksum_file (db);
  g_autofree char *after = NULL;
  g_autofree char *big = g_build_filename (tmp, "huge.json", NULL);
  g_autofree char *long_string = g_build_filename (tmp, "long-string.json", NULL);
  g_auto(Run) run_import = { 0, };
  g_auto(Run) run_export = { 0, };
  g_auto(Run) run_string = { 0, };
  const char *head = "{\"format\": \"annals-events\", \"version\": 1, \"documents\": [{\"id\": \"d\", \"text\": \"";
  char *block;
  FILE *file;
  int fd;

  /* A sparse file: 600 MiB that take no room on disk. Import and export
   * stream it and stop at the first bad byte. */
  fd = open (big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "{", 1), ==, 1);
  g_assert_cmpint (ftruncate (fd, (off_t) 600 << 20), ==, 0);
  close (fd);

  run_cli (&run_import, "import", big, "--db", db, NULL);
  assert_one_line_error (&run_import, "huge.json", ":1:2: unexpected byte 0x00");
  after = checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  run_cli (&run_export, "export", big, NULL);
  assert_one_line_error (&run_export, "huge.json", ":1:2: unexpected byte 0x00");
  g_assert_cmpstr (run_export.out, ==, "");

  /* One string of 65 MiB: more than a document's text may hold. */
  file = fopen (long_string, "w");
  g_assert_nonnull (file);
  fputs (head, file);
  block = g_malloc (1 << 20);
  memset (block, 'a', 1 << 20);
  for (guint i = 0; i < 65; i++)
    g_assert_cmpuint (fwrite (block, 1, 1 << 20, file), ==, 1 << 20);
  fputs ("\"}], \"events\": []}", file);
  fclose (file);
  g_free (block);

  run_cli (&run_string, "import", long_string, "--db", db, NULL);
  assert_one_line_error (&run_string, "long-string.json", ":1:77: a string longer than 64 MiB");
  g_free (after);
  after = checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  io_test_remove_tree (tmp);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_database_errors (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "full.json", NULL);
  g_autofree char *newer = make_database (tmp, "newer.annals");
  g_autofree char *other = g_build_filename (tmp, "other.annals", NULL);
  g_autofree char *newer_before = NULL;
  g_autofree char *newer_after = NULL;
  g_autofree char *other_before = NULL;
  g_autofree char *other_after = NULL;
  g_auto(Run) run_newer = { 0, };
  g_auto(Run) run_other = { 0, };
  g_auto(Run) run_folder = { 0, };

  exec_sql (newer, "PRAGMA user_version = 99");
  newer_before = checksum_file (newer);
  run_cli (&run_newer, "import", good, "--db", newer, NULL);
  assert_one_line_error (&run_newer, "newer.annals", "schema version 99, newer than");
  newer_after = checksum_file (newer);
  g_assert_cmpstr (newer_after, ==, newer_before);

  exec_sql (other, "CREATE TABLE contacts (name TEXT)");
  other_before = checksum_file (other);
  run_cli (&run_other, "import", good, "--db", other, NULL);
  assert_one_line_error (&run_other, "other.annals", "not an Annals database");
  other_after = checksum_file (other);
  g_assert_cmpstr (other_after, ==, other_before);

  run_cli (&run_folder, "import", good, "--db", tmp, NULL);
  assert_one_line_error (&run_folder, tmp, "is a folder");

  io_test_remove_tree (tmp);
}

static void
test_corrupt_database (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *generated = g_build_filename (tmp, "generated.json", NULL);
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "minimal.json", NULL);
  g_autofree char *db = g_build_filename (tmp, "corrupt.annals", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run_generate = { 0, };
  g_auto(Run) run_import = { 0, };
  g_auto(Run) run = { 0, };
  gsize length;

  run_cli (&run_generate, "generate", "--events", "3000", "--seed", "3", "-o", generated, NULL);
  g_assert_cmpint (run_generate.status, ==, 0);
  run_cli (&run_import, "import", "--quiet", generated, "--db", db, NULL);
  g_assert_cmpint (run_import.status, ==, 0);

  /* A copy with bytes overwritten in the middle, as a bad sector or a
   * stray write would leave it. */
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16 * 4096);
  memset (contents + 4 * 4096, 0xA5, 8 * 4096);
  g_file_set_contents (db, contents, length, &error);
  g_assert_no_error (error);
  before = checksum_file (db);

  run_cli (&run, "import", good, "--db", db, NULL);
  assert_one_line_error (&run, "corrupt.annals", "corrupt");
  after = checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  io_test_remove_tree (tmp);
}

static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  const char *argv[] = { "chattr", immutable ? "+i" : "-i", path, NULL };
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &wait_status, NULL))
    return FALSE;

  return g_spawn_check_wait_status (wait_status, NULL);
}

static void
test_read_only_database (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "full.json", NULL);
  g_autofree char *db = make_database (tmp, "read-only.annals");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean immutable = FALSE;
  g_auto(Run) run = { 0, };
  g_auto(Run) run_export = { 0, };

  g_assert_cmpint (g_chmod (db, 0444), ==, 0);

  /* Root writes to any file whatever its mode: make it immutable too. */
  if (access (db, W_OK) == 0)
    {
      immutable = set_immutable (db, TRUE);
      if (!immutable || access (db, W_OK) == 0)
        {
          g_chmod (db, 0644);
          io_test_remove_tree (tmp);
          g_test_skip ("the file stays writable (running as root without chattr)");
          return;
        }
    }

  before = checksum_file (db);
  run_cli (&run, "import", good, "--db", db, NULL);
  assert_one_line_error (&run, "read-only.annals", "read-only");
  after = checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  /* Reading still works. */
  run_cli (&run_export, "export", "--db", db, NULL);
  g_assert_cmpint (run_export.status, ==, 0);
  g_assert_nonnull (strstr (run_export.out, "Vostok 2022"));

  if (immutable)
    set_immutable (db, FALSE);
  g_chmod (db, 0644);
  io_test_remove_tree (tmp);
}

static void
test_locked_database (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "full.json", NULL);
  g_autofree char *db_path = make_database (tmp, "locked.annals");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0, };
  g_auto(Run) run_after = { 0, };
  sqlite3 *db = NULL;

  /* Another program in the middle of a write. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  run_cli (&run, "import", good, "--db", db_path, NULL);
  assert_one_line_error (&run, "locked.annals", "locked by another program");

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Once the other program is done, the same import goes through. */
  before = checksum_file (db_path);
  run_cli (&run_after, "import", good, "--db", db_path, NULL);
  g_assert_cmpint (run_after.status, ==, 0);
  after = checksum_file (db_path);
  g_assert_cmpstr (after, !=, before);

  io_test_remove_tree (tmp);
}

static void
test_full_disk (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *generated = g_build_filename (tmp, "generated.json", NULL);
  g_autofree char *db = make_database (tmp, "full.annals");
  g_autofree char *before = checksum_file (db);
  g_autofree char *after = NULL;
  g_autofree char *limit = NULL;
  g_auto(Run) run_generate = { 0, };
  g_auto(Run) run = { 0, };
  g_auto(Run) run_export = { 0, };
  GStatBuf info;

  run_cli (&run_generate, "generate", "--events", "2000", "-o", generated, NULL);
  g_assert_cmpint (run_generate.status, ==, 0);

  /* No room to grow beyond the pages the database has now. */
  g_assert_cmpint (g_stat (db, &info), ==, 0);
  limit = g_strdup_printf ("ANNALS_TEST_MAX_PAGE_COUNT=%" G_GINT64_FORMAT,
                           (gint64) info.st_size / 4096 + 1);
  run_cli_env (&run, limit, "import", generated, "--db", db, NULL);
  assert_one_line_error (&run, "full.annals", "disk is full");
  after = checksum_file (db);
  g_assert_cmpstr (after, ==, before);

  run_cli (&run_export, "export", "--db", db, NULL);
  g_assert_cmpint (run_export.status, ==, 0);
  g_assert_null (strstr (run_export.out, "gen-e1"));

  io_test_remove_tree (tmp);
}

static void
test_round_trip (void)
{
  const char *files[] = { "minimal.json", "full.json", "unknown-fields.json" };
  g_autofree char *tmp = io_test_make_tmp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = io_test_source_path ("tests", "fixtures", "good", files[i], NULL);
      g_autofree char *db = g_build_filename (tmp, files[i], NULL);
      g_autofree char *original = io_test_read (path);
      g_auto(Run) run_import = { 0, };
      g_auto(Run) run_export = { 0, };
      g_auto(Run) run_file = { 0, };

      run_cli (&run_import, "import", path, "--db", db, NULL);
      g_assert_cmpint (run_import.status, ==, 0);

      run_cli (&run_export, "export", "--db", db, "--format", "json", NULL);
      g_assert_cmpint (run_export.status, ==, 0);
      io_test_assert_json_equal (original, run_export.out);

      /* A file exports as itself too. */
      run_cli (&run_file, "export", path, NULL);
      g_assert_cmpint (run_file.status, ==, 0);
      g_assert_cmpstr (run_file.out, ==, run_export.out);
    }

  io_test_remove_tree (tmp);
}

static void
test_merge (void)
{
  g_autofree char *a = io_test_source_path ("tests", "fixtures", "good", "vostok-a.json", NULL);
  g_autofree char *b = io_test_source_path ("tests", "fixtures", "good", "vostok-b.json", NULL);
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (tmp, "merge.annals", NULL);
  g_auto(Run) run_a = { 0, };
  g_auto(Run) run_b = { 0, };
  g_auto(Run) run_export = { 0, };

  run_cli (&run_a, "import", a, "--db", db, NULL);
  g_assert_cmpint (run_a.status, ==, 0);
  run_cli (&run_b, "import", b, "--db", db, NULL);
  g_assert_cmpint (run_b.status, ==, 0);
  g_assert_nonnull (strstr (run_b.out, "0 new events, 1 merged"));

  run_cli (&run_export, "export", "--db", db, "--format", "csv", NULL);
  g_assert_cmpint (run_export.status, ==, 0);
  g_assert_cmpstr (run_export.out, ==,
                   "id,title,kind,start,end,status,host_country,host_place,participants,confidence,mentions,sources\r\n"
                   "vostok,Vostok 2022,exercise,2022,,planned,RU,,RU;CN;IN,0.8,2,article-a:17-28;article-b:4-15\r\n");

  io_test_remove_tree (tmp);
}

static void
test_generate (void)
{
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (tmp, "generated.annals", NULL);
  g_autofree char *file = g_build_filename (tmp, "generated.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_auto(Run) first = { 0, };
  g_auto(Run) second = { 0, };
  g_auto(Run) other_seed = { 0, };
  g_auto(Run) to_file = { 0, };
  g_auto(Run) import = { 0, };
  g_auto(Run) stats = { 0, };
  g_autoptr(GHashTable) texts = NULL;
  g_autofree char *expected_import = NULL;
  JsonArray *events, *documents;
  guint n_undated = 0, n_ranges = 0, precisions = 0, n_documents;

  run_cli (&first, "generate", "--events", "500", "--seed", "42", NULL);
  run_cli (&second, "generate", "--events", "500", "--seed", "42", NULL);
  run_cli (&other_seed, "generate", "--events", "500", "--seed", "43", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, second.out);
  g_assert_cmpstr (first.out, !=, other_seed.out);

  root = json_from_string (first.out, &error);
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (root), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 500);

  /* Articles tell 3 to 8 events each, every one named inside its text. */
  documents = json_object_get_array_member (json_node_get_object (root), "documents");
  n_documents = json_array_get_length (documents);
  g_assert_cmpuint (n_documents, >=, 500 / 8);
  g_assert_cmpuint (n_documents, <=, 500 / 3 + 1);
  texts = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_documents; i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);

      g_hash_table_insert (texts, (gpointer) json_object_get_string_member (document, "id"),
                           (gpointer) json_object_get_string_member (document, "text"));
    }
  expected_import = g_strdup_printf ("%u documents, 500 new events, 0 merged", n_documents);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonNode *start = json_object_get_member (event, "start");
      JsonObject *mention;
      const char *text, *from, *to;
      char *named;

      g_hash_table_add (kinds, (gpointer) json_object_get_string_member (event, "kind"));
      g_hash_table_add (countries, (gpointer) json_object_get_string_member (event, "host_country"));
      if (JSON_NODE_HOLDS_NULL (start))
        n_undated++;
      else
        precisions |= 1 << strlen (json_node_get_string (start));
      if (!JSON_NODE_HOLDS_NULL (json_object_get_member (event, "end")))
        n_ranges++;
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (event, "mentions")), ==, 1);

      mention = json_array_get_object_element (json_object_get_array_member (event, "mentions"), 0);
      text = g_hash_table_lookup (texts, json_object_get_string_member (mention, "document"));
      g_assert_nonnull (text);
      from = g_utf8_offset_to_pointer (text, json_object_get_int_member (mention, "start"));
      to = g_utf8_offset_to_pointer (text, json_object_get_int_member (mention, "end"));
      named = g_strndup (from, to - from);
      g_assert_cmpstr (named, ==, json_object_get_string_member (event, "title"));
      g_free (named);
    }

  g_assert_cmpuint (g_hash_table_size (kinds), ==, 8);
  g_assert_cmpuint (g_hash_table_size (countries), >=, 12);
  g_assert_cmpuint (n_undated, >, 0);
  g_assert_cmpuint (n_ranges, >, 0);
  g_assert_cmpuint (precisions, ==, (1 << 4) | (1 << 7) | (1 << 10));

  /* Every generated event is stored, none merged, and the file is valid. */
  run_cli (&to_file, "generate", "--events", "500", "--seed", "42", "-o", file, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  run_cli (&import, "import", file, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, expected_import));

  run_cli (&stats, "stats", "--db", db, NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_nonnull (strstr (stats.out, "events:           500"));
  g_assert_nonnull (strstr (stats.out, "mentions:         500 (0 events with more than one)"));
  g_assert_nonnull (strstr (stats.out, "search index:     up to date"));

  io_test_remove_tree (tmp);
}

static void
test_usage (void)
{
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "minimal.json", NULL);
  g_auto(Run) no_db = { 0, };
  g_auto(Run) no_file = { 0, };
  g_auto(Run) bad_format = { 0, };
  g_auto(Run) bad_option = { 0, };
  g_auto(Run) bad_count = { 0, };
  g_auto(Run) missing = { 0, };
  g_auto(Run) half = { 0, };
  g_autofree char *bad = io_test_source_path ("tests", "fixtures", "bad", "invalid-date.json", NULL);
  const char *commands[] = { "import", "export", "generate", "stats" };

  run_cli (&no_db, "import", good, NULL);
  g_assert_cmpint (no_db.status, ==, 2);
  g_assert_nonnull (strstr (no_db.err, "--db"));

  run_cli (&no_file, "import", "--db", "x.annals", NULL);
  g_assert_cmpint (no_file.status, ==, 2);

  run_cli (&bad_format, "export", good, "--format", "xml", NULL);
  g_assert_cmpint (bad_format.status, ==, 2);
  g_assert_nonnull (strstr (bad_format.err, "xml"));

  run_cli (&bad_option, "stats", "--frobnicate", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);

  run_cli (&bad_count, "generate", "--events", "many", NULL);
  g_assert_cmpint (bad_count.status, ==, 2);

  run_cli (&missing, "import", "/nonexistent/events.json", "--db", "x.annals", NULL);
  assert_one_line_error (&missing, "/nonexistent/events.json", "No such file");
  g_assert_false (g_file_test ("x.annals", G_FILE_TEST_EXISTS));

  /* A good file then a bad one: nothing stored, no new database left. */
  run_cli (&half, "import", good, bad, "--db", "x.annals", NULL);
  assert_one_line_error (&half, "invalid-date.json", "events[3].start: invalid date");
  g_assert_false (g_file_test ("x.annals", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("x.annals-wal", G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) help = { 0, };

      run_cli (&help, commands[i], "--help", NULL);
      g_assert_cmpint (help.status, ==, 0);
      g_assert_nonnull (strstr (help.out, "annals-cli"));
    }
}

static void
test_export_formats (void)
{
  g_autofree char *good = io_test_source_path ("tests", "fixtures", "good", "full.json", NULL);
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (tmp, "formats.annals", NULL);
  g_autofree char *ics = g_build_filename (tmp, "out.ics", NULL);
  g_autofree char *ics_text = NULL;
  g_auto(Run) import = { 0, };
  g_auto(Run) export_ics = { 0, };
  g_auto(Run) export_missing = { 0, };

  run_cli (&import, "import", good, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run_cli (&export_ics, "export", "--db", db, "--format", "ics", "-o", ics, NULL);
  g_assert_cmpint (export_ics.status, ==, 0);
  g_assert_cmpstr (export_ics.out, ==, "");
  ics_text = io_test_read (ics);
  g_assert_true (g_str_has_prefix (ics_text, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics_text, "SUMMARY:Vostok 2022\r\nLOCATION:Russia"));
  g_assert_nonnull (strstr (ics_text, "DTSTART;VALUE=DATE:20230101\r\nDTEND;VALUE=DATE:20240101\r\n"));
  g_assert_true (g_str_has_suffix (ics_text, "END:VCALENDAR\r\n"));

  run_cli (&export_missing, "export", "--db", "/nonexistent.annals", NULL);
  assert_one_line_error (&export_missing, "/nonexistent.annals", "no such database");

  io_test_remove_tree (tmp);
}

/* The acceptance path: the bundled sample article imported and
 * exported gives back the events the extractor finds in it. */
static void
test_sample (void)
{
  g_autofree char *sample = io_test_source_path ("data", "sample", "sco-defence-ministers-2022.txt", NULL);
  g_autofree char *tmp = io_test_make_tmp_dir ();
  g_autofree char *db = g_build_filename (tmp, "sample.annals", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) extract = { 0, };
  g_auto(Run) import = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) export = { 0, };

  run_cli (&extract, "extract", sample, NULL);
  g_assert_cmpstr (extract.err, ==, "");
  g_assert_cmpint (extract.status, ==, 0);

  run_cli (&import, "import", sample, "--db", db, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (&export, "export", "--db", db, "--format", "json", NULL);
  g_assert_cmpint (export.status, ==, 0);
  io_test_assert_json_equal (extract.out, export.out);

  root = json_from_string (export.out, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "events")), >=, 3);

  /* Importing it a second time merges every event into itself. */
  run_cli (&again, "import", sample, "--db", db, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "added 0 documents, 0 new events"));

  io_test_remove_tree (tmp);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/io/cli/bad-fixtures", test_bad_fixtures);
  g_test_add_func ("/annals/io/cli/too-large", test_too_large);
  g_test_add_func ("/annals/io/cli/database-errors", test_database_errors);
  g_test_add_func ("/annals/io/cli/corrupt-database", test_corrupt_database);
  g_test_add_func ("/annals/io/cli/read-only-database", test_read_only_database);
  g_test_add_func ("/annals/io/cli/locked-database", test_locked_database);
  g_test_add_func ("/annals/io/cli/full-disk", test_full_disk);
  g_test_add_func ("/annals/io/cli/round-trip", test_round_trip);
  g_test_add_func ("/annals/io/cli/merge", test_merge);
  g_test_add_func ("/annals/io/cli/generate", test_generate);
  g_test_add_func ("/annals/io/cli/usage", test_usage);
  g_test_add_func ("/annals/io/cli/export-formats", test_export_formats);
  g_test_add_func ("/annals/io/cli/sample", test_sample);

  return g_test_run ();
}
