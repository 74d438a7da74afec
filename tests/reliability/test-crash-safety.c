/* test-crash-safety.c: an import killed at any moment loses nothing and
 * leaves nothing half-written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each trial copies a database that holds a few events (or none, where
 * an import takes another path: rows in batches, indexes dropped and
 * built again at the end), starts
 * `annals-cli import BIG.json --db COPY`, sends SIGKILL after a random
 * delay (over the whole run: the JSON parse, the transaction, the commit)
 * and then checks that the copy passes PRAGMA integrity_check and that
 * its data is exactly what it was before, or exactly what a complete
 * import gives: never something in between.
 *
 *   ANNALS_CRASH_TRIALS  trials (default 100)
 *   ANNALS_CRASH_EVENTS  events in the imported file (default 6000)
 * The random delays follow the test seed (--seed, printed by the run).
 */

#define G_LOG_DOMAIN "annals-test"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "annals-database.h"

#include "annals-test-child.h"

typedef struct
{
  gint64  n_events;
  char   *digest;  /* over the rows of every table but FTS shadows */
  char   *summary; /* row counts, for messages */
} DbState;

static char *work_dir;

static guint
get_env_uint (const char *name,
              guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &number, NULL))
    return fallback;

  return (guint) number;
}

static void
db_state_clear (DbState *state)
{
  g_clear_pointer (&state->digest, g_free);
  g_clear_pointer (&state->summary, g_free);
}

static gboolean
db_state_equal (const DbState *a,
                const DbState *b)
{
  return a->n_events == b->n_events && g_strcmp0 (a->digest, b->digest) == 0;
}

static char *
make_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static gboolean
is_shadow_table (const char *name,
                 GPtrArray  *virtual_tables)
{
  for (guint i = 0; i < virtual_tables->len; i++)
    {
      const char *table = g_ptr_array_index (virtual_tables, i);
      gsize length = strlen (table);

      if (strncmp (name, table, length) == 0 && name[length] == '_')
        return TRUE;
    }

  return FALSE;
}

static void
hash_table_rows (sqlite3    *db,
                 const char *table,
                 GChecksum  *checksum,
                 gint64     *n_rows)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  *n_rows = 0;
  g_checksum_update (checksum, (const guchar *) table, -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n_columns = sqlite3_column_count (stmt);

      for (int i = 0; i < n_columns; i++)
        {
          int type = sqlite3_column_type (stmt, i);
          const guchar *bytes = sqlite3_column_blob (stmt, i);
          int length = sqlite3_column_bytes (stmt, i);

          g_checksum_update (checksum, (const guchar *) &type, sizeof type);
          g_checksum_update (checksum, (const guchar *) &length, sizeof length);
          if (bytes != NULL)
            g_checksum_update (checksum, bytes, length);
        }
      (*n_rows)++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Opens read-write, so that SQLite rolls back a hot journal as any later
 * user of the file would, then checks and fingerprints the data. */
static void
read_state (const char *path,
            DbState    *state)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) virtual_tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_error ("%s fails the integrity check: %s", path, line);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_has_prefix (name, "sqlite_"))
        continue;
      if (sql != NULL && g_ascii_strncasecmp (sql, "CREATE VIRTUAL TABLE", 20) == 0)
        g_ptr_array_add (virtual_tables, g_strdup (name));
      else
        g_ptr_array_add (tables, g_strdup (name));
    }
  sqlite3_finalize (stmt);

  /* The schema too: a killed import must leave every index in place. */
  hash_table_rows (db, "sqlite_master", checksum, &(gint64) { 0 });

  /* Full-text index shadows are left out: their layout may depend on
   * merges, their content on the tables that are hashed. */
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      gint64 n_rows;

      if (is_shadow_table (table, virtual_tables))
        continue;
      hash_table_rows (db, table, checksum, &n_rows);
      g_string_append_printf (summary, "%s%s: %" G_GINT64_FORMAT,
                              summary->len ? ", " : "", table, n_rows);
    }
  sqlite3_close (db);

  /* And Annals itself opens it and counts the same. */
  database = annals_database_open (path, &error);
  g_assert_no_error (error);
  state->n_events = annals_database_count_events (database, &error);
  g_assert_no_error (error);

  state->digest = g_strdup (g_checksum_get_string (checksum));
  state->summary = g_string_free (g_steal_pointer (&summary), FALSE);
}

static gboolean
has_hot_journal (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf info;

      if (g_stat (file, &info) == 0 && info.st_size > 0)
        return TRUE;
    }

  return FALSE;
}

static void
run_cli (const char * const *argv,
         const char         *stdout_path,
         double             *seconds)
{
  AnnalsChildResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  annals_child_run (argv, stdout_path, 600 * 1000, 0, &result, &error);
  g_assert_no_error (error);
  description = annals_child_result_describe (&result);
  if (result.exit_status != 0)
    g_error ("%s %s: %s", argv[0], argv[1], description);
  if (seconds != NULL)
    *seconds = result.seconds;
  annals_child_result_clear (&result);
}

static void
test_kill_import (gconstpointer data)
{
  gboolean into_empty = GPOINTER_TO_INT (data);
  const char *cli = annals_test_get_cli ();
  guint n_trials = get_env_uint ("ANNALS_CRASH_TRIALS", 100);
  guint n_events = get_env_uint ("ANNALS_CRASH_EVENTS", 6000);
  g_autofree char *n_text = g_strdup_printf ("%u", n_events);
  g_autofree char *small_json = make_path ("small.json");
  g_autofree char *big_json = make_path ("big.json");
  g_autofree char *base_db = make_path ("base.annals");
  g_autofree char *full_db = make_path ("full.annals");
  g_autofree char *trial_db = make_path ("trial.annals");
  DbState before = { 0 };
  DbState after = { 0 };
  guint n_before = 0;
  guint n_after = 0;
  guint n_finished = 0;
  guint n_hot = 0;
  double full_seconds = 0;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  if (cli == NULL)
    {
      g_test_skip ("ANNALS_CLI is not set: run this through meson test");
      return;
    }

  /* The database before: a few events of another seed. */
  {
    const char *generate_small[] = { cli, "generate", "--events", "50", "--seed", "1", NULL };
    const char *generate_big[] = { cli, "generate", "--events", n_text, "--seed", "2", NULL };
    const char *import_small[] = { cli, "import", small_json, "--db", base_db, NULL };
    const char *import_big[] = { cli, "import", big_json, "--db", full_db, NULL };

    run_cli (generate_small, small_json, NULL);
    run_cli (generate_big, big_json, NULL);
    if (into_empty)
      {
        g_autoptr(AnnalsDatabase) empty = NULL;
        g_autoptr(GError) error = NULL;

        empty = annals_database_open (base_db, &error);
        g_assert_no_error (error);
      }
    else
      run_cli (import_small, NULL, NULL);
    read_state (base_db, &before);

    /* The database after a complete import, and how long one takes. */
    copy_file (base_db, full_db);
    run_cli (import_big, NULL, &full_seconds);
    read_state (full_db, &after);
  }

  g_test_message ("before: %" G_GINT64_FORMAT " events (%s)", before.n_events, before.summary);
  g_test_message ("after: %" G_GINT64_FORMAT " events (%s); a full import of %u events takes %.3f s",
                  after.n_events, after.summary, n_events, full_seconds);
  g_assert_cmpint (after.n_events, >, before.n_events);
  g_assert_cmpint (before.n_events, ==, into_empty ? 0 : 50);
  g_assert_false (db_state_equal (&before, &after));

  for (guint trial = 0; trial < n_trials; trial++)
    {
      const char *argv[] = { cli, "import", big_json, "--db", trial_db, NULL };
      AnnalsChildResult result = { 0 };
      g_autoptr(GError) error = NULL;
      DbState state = { 0 };
      double fraction;
      GPid pid;
      int status;

      remove_database (trial_db);
      copy_file (base_db, trial_db);

      /* Half the kills fall anywhere, half in the last part of the run,
       * where the transaction is written and committed. */
      fraction = (trial % 2 == 0) ? g_rand_double_range (rand, 0.0, 1.2)
                                  : g_rand_double_range (rand, 0.7, 1.2);

      g_assert_true (annals_child_spawn (argv, NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep ((gulong) (fraction * full_seconds * G_USEC_PER_SEC));
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          /* Runs are faster than the estimate: aim earlier. The estimate
           * follows the machine's load both ways. */
          n_finished++;
          full_seconds *= 0.95;
        }
      else
        {
          kill (pid, SIGKILL);
          annals_child_wait (pid, cli, 30 * 1000, 0, &result);
          g_assert_false (result.timed_out);
        }

      if (has_hot_journal (trial_db))
        n_hot++;

      read_state (trial_db, &state);
      if (db_state_equal (&state, &before))
        {
          /* Killed before the commit although late in the expected run:
           * runs are slower than the estimate, aim later. */
          n_before++;
          if (fraction >= 1.0)
            full_seconds *= 1.05;
        }
      else if (db_state_equal (&state, &after))
        n_after++;
      else
        g_error ("trial %u (killed at %.0f%% of the run): the database holds %" G_GINT64_FORMAT
                 " events (%s), neither the %" G_GINT64_FORMAT " before nor the %" G_GINT64_FORMAT " after",
                 trial, fraction * 100, state.n_events, state.summary,
                 before.n_events, after.n_events);
      db_state_clear (&state);
    }

  g_test_message ("%u/%u trials intact: %u as before, %u with the whole import "
                  "(%u had finished before the kill, %u left a hot journal)",
                  n_before + n_after, n_trials, n_before, n_after, n_finished, n_hot);
  g_print ("# crash safety: %u/%u intact (%u before, %u after, %u finished, %u hot journal)\n",
           n_before + n_after, n_trials, n_before, n_after, n_finished, n_hot);

  remove_database (trial_db);
  remove_database (base_db);
  remove_database (full_db);
  g_unlink (small_json);
  g_unlink (big_json);
  db_state_clear (&before);
  db_state_clear (&after);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("annals-crash-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/annals/reliability/crash-safety/kill-import", GINT_TO_POINTER (FALSE), test_kill_import);
  g_test_add_data_func ("/annals/reliability/crash-safety/kill-import-into-empty", GINT_TO_POINTER (TRUE), test_kill_import);

  status = g_test_run ();
  g_rmdir (work_dir);

  return status;
}
