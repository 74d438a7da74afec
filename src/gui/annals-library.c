/* annals-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-library"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "annals-export.h"
#include "annals-extractor.h"
#include "annals-json.h"
#include "annals-library.h"
#include "annals-resources.h"

typedef enum
{
  JOB_OPEN,
  JOB_IMPORT,
  JOB_SEARCH,
  JOB_EXPORT,
} JobType;

/* One piece of work for the worker thread. The worker fills in
 * @database (for an open), @scratch and @stats; the main thread applies
 * them once the worker is done. Searches and exports only read: they get
 * the library's reading connection in @database and hand it back. */
typedef struct
{
  JobType                  type;
  char                    *database_path;
  char                    *file_path;
  AnnalsFileKind           kind;
  AnnalsDatabase          *database;
  AnnalsEventStore        *scratch;
  AnnalsImportStats        stats;
  char                    *query;
  GArray                  *keys;      /* of guint32: the events to export, or the search's answer */
  AnnalsLibraryExportFormat format;
  guint                    seed_sample : 1;
  guint                    replace : 1;
} Job;

struct _AnnalsLibrary
{
  GObject           parent_instance;

  AnnalsEventStore *store;
  AnnalsDatabase   *database;
  char             *path;

  /* A second connection to the same database, used by searches and
   * exports in the worker thread: opening one checks the whole file, which
   * takes a while on a large library, so it is kept between jobs. */
  AnnalsDatabase   *reader;

  /* Jobs run one at a time, in the order they were asked for, so that the
   * store always ends up showing the latest state of the database. */
  GQueue            pending;
  GTask            *running;
};

G_DEFINE_FINAL_TYPE (AnnalsLibrary, annals_library, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void finish_job (AnnalsLibrary *self);

static void
job_free (Job *job)
{
  g_clear_pointer (&job->database_path, g_free);
  g_clear_pointer (&job->file_path, g_free);
  g_clear_object (&job->database);
  g_clear_object (&job->scratch);
  g_clear_pointer (&job->query, g_free);
  g_clear_pointer (&job->keys, g_array_unref);
  g_free (job);
}

static gboolean
seed_with_sample (AnnalsDatabase  *database,
                  GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  const char *text;
  gsize length;

  bytes = g_resources_lookup_data (ANNALS_LIBRARY_SAMPLE_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (bytes == NULL)
    return FALSE;

  text = g_bytes_get_data (bytes, &length);
  set = annals_extract_text (text, length, "sco-defence-ministers-2022.txt", NULL, error);
  if (set == NULL)
    return FALSE;

  return annals_database_add_set (database, set, NULL, error);
}

/* Makes way for a new database at @path: the file and SQLite's journal
 * files beside it go. */
static gboolean
remove_database_files (const char  *path,
                       GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (name) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display_name = g_filename_display_name (name);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not replace “%s”: %s"), display_name, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

/* The database finds events by their title or by the text of the articles
 * that mention them, which for a long article is every event in it. Keep
 * the events whose title or whose mentioning sentences hold every word,
 * which is what the reader means; past REFINE_LIMIT results the database's
 * answer stands, to keep the search quick. */
#define REFINE_LIMIT 5000

static GArray *refine_results (AnnalsDatabase *database,
                               GArray         *keys,
                               const char     *query);

static GArray *
search_database (AnnalsDatabase  *database,
                 const char      *query,
                 GError         **error)
{
  g_autoptr(GArray) keys = annals_database_search (database, query, error);

  if (keys == NULL || keys->len > REFINE_LIMIT)
    return g_steal_pointer (&keys);

  return refine_results (database, keys, query);
}

static gboolean
export_events (AnnalsDatabase             *database,
               const char                 *path,
               AnnalsLibraryExportFormat   format,
               GArray                     *keys,
               GCancellable               *cancellable,
               GError                    **error)
{
  g_autoptr(GString) out = NULL;

  if (format == ANNALS_LIBRARY_EXPORT_JSON)
    {
      /* The whole library, documents included, so that it can be
       * imported again without loss. */
      g_autoptr(AnnalsEventSet) set = annals_database_dup_set (database, error);

      return set != NULL && annals_json_save_file (set, path, error);
    }

  /* Event by event, so that a large library is never held whole. */
  out = g_string_new (NULL);
  if (format == ANNALS_LIBRARY_EXPORT_CSV)
    annals_export_csv_begin (out);
  else
    annals_export_ics_begin (out);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(AnnalsEvent) event = annals_database_load_event (database, g_array_index (keys, guint32, i), error);

      if (event == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (format == ANNALS_LIBRARY_EXPORT_CSV)
        annals_export_csv_add_event (out, event);
      else
        annals_export_ics_add_event (out, event);
    }

  if (format == ANNALS_LIBRARY_EXPORT_ICS)
    annals_export_ics_end (out);

  return g_file_set_contents (path, out->str, out->len, error);
}

static void
run_read_job (GTask *task,
              Job   *job)
{
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->database == NULL)
    {
      job->database = annals_database_open_with_flags (job->database_path,
                                                       ANNALS_DATABASE_OPEN_DEFER_CHECK,
                                                       &error);
      if (job->database == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (job->type == JOB_SEARCH)
    {
      job->keys = search_database (job->database, job->query, &error);
      if (job->keys == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  else if (!export_events (job->database, job->file_path, job->format, job->keys,
                           g_task_get_cancellable (task), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(AnnalsDatabase) database = NULL;
  g_autoptr(AnnalsEventStore) scratch = NULL;
  GError *error = NULL;

  if (job->type == JOB_SEARCH || job->type == JOB_EXPORT)
    {
      run_read_job (task, job);
      return;
    }

  if (job->type == JOB_OPEN && job->replace && !remove_database_files (job->database_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->type == JOB_OPEN)
    {
      g_autofree char *folder = g_path_get_dirname (job->database_path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Could not create the folder “%s”: %s"),
                                   folder, g_strerror (saved_errno));
          return;
        }
    }

  /* The integrity check of a large library takes seconds: the library is
   * shown first and checked after, in its own thread. Writing checks
   * first by itself. */
  database = annals_database_open_with_flags (job->database_path,
                                              ANNALS_DATABASE_OPEN_DEFER_CHECK,
                                              &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->type == JOB_OPEN && job->seed_sample)
    {
      gint64 n_events = annals_database_count_events (database, &error);

      if (n_events < 0 || (n_events == 0 && !seed_with_sample (database, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (job->type == JOB_IMPORT)
    {
      g_autoptr(AnnalsEventSet) set = NULL;

      if (job->kind == ANNALS_FILE_KIND_EVENTS_JSON)
        set = annals_json_load_file (job->file_path, &error);
      else
        set = annals_extract_file (job->file_path, NULL, &error);

      if (set == NULL ||
          g_task_return_error_if_cancelled (task) ||
          !annals_database_add_set (database, set, &job->stats, &error))
        {
          if (error != NULL)
            g_task_return_error (task, error);
          return;
        }
    }

  scratch = annals_event_store_new ();
  if (!annals_database_load_store (database, scratch, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->scratch = g_steal_pointer (&scratch);
  if (job->type == JOB_OPEN)
    job->database = g_steal_pointer (&database);

  g_task_return_boolean (task, TRUE);
}

static AnnalsEvent *
load_event_cb (gpointer   user_data,
               guint32    key,
               GError   **error)
{
  return annals_database_load_event (ANNALS_DATABASE (user_data), key, error);
}

/* Copies the records the worker loaded into the store the widgets show,
 * in one update, so that only rows that differ are announced. */
static void
refresh_store (AnnalsLibrary    *self,
               AnnalsEventStore *scratch)
{
  guint n_events = annals_event_store_get_n_events (scratch);

  annals_event_store_begin_update (self->store);
  for (guint i = 0; i < n_events; i++)
    annals_event_store_append_record (self->store,
                                      annals_event_store_get_record (scratch, i),
                                      annals_event_store_get_title (scratch, i));
  annals_event_store_end_update (self->store);
}

/* Brings the full-text index up to date after a large import (which
 * leaves it behind so that the events show sooner), beside the jobs.
 * Until it is done, a search does it itself, or reads the rest. */
static void
update_search_index (AnnalsDatabase *database)
{
  g_autoptr(GError) error = NULL;

  if (!annals_database_update_search_index (database, NULL, &error))
    g_debug ("The search index of %s was not updated: %s",
             annals_database_get_path (database), error->message);
}

static void
index_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  GError *error = NULL;

  database = annals_database_open_with_flags (task_data, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  if (database == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  update_search_index (database);

  g_task_return_boolean (task, TRUE);
}

static void
start_search_index (AnnalsLibrary *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_source_tag (task, start_search_index);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, index_in_thread);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(AnnalsDatabase) database = NULL;
  GError *error = NULL;

  /* A connection of its own, so that the check reads beside the jobs. */
  database = annals_database_open_with_flags (task_data, ANNALS_DATABASE_OPEN_DEFER_CHECK, &error);
  if (database == NULL || !annals_database_check (database, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  update_search_index (database);

  g_task_return_boolean (task, TRUE);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AnnalsLibrary *self = ANNALS_LIBRARY (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_strcmp0 (g_task_get_task_data (G_TASK (result)), self->path) == 0)
    g_signal_emit (self, signals[DAMAGED], 0, error);
}

static void
start_check (AnnalsLibrary *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, check_done_cb, NULL);

  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, check_in_thread);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AnnalsLibrary *self = ANNALS_LIBRARY (object);
  g_autoptr(GTask) outer = g_steal_pointer (&self->running);
  Job *job = g_task_get_task_data (outer);
  GError *error = NULL;

  g_assert (outer == user_data);

  /* The reading connection comes back, if it still reads the open
   * library. */
  if ((job->type == JOB_SEARCH || job->type == JOB_EXPORT) && job->database != NULL)
    {
      if (g_strcmp0 (job->database_path, self->path) == 0)
        g_set_object (&self->reader, job->database);
      g_clear_object (&job->database);
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      finish_job (self);
      return;
    }

  if (job->type == JOB_OPEN)
    {
      g_set_object (&self->database, job->database);
      annals_event_store_set_loader (self->store,
                                     load_event_cb,
                                     g_object_ref (self->database),
                                     g_object_unref);
      if (g_strcmp0 (self->path, job->database_path) != 0)
        {
          g_free (self->path);
          self->path = g_strdup (job->database_path);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
        }
    }

  if (job->type == JOB_OPEN || job->type == JOB_IMPORT)
    {
      refresh_store (self, job->scratch);
      g_clear_object (&job->scratch);
    }

  if (job->type == JOB_OPEN)
    start_check (self);
  else if (job->type == JOB_IMPORT)
    start_search_index (self);

  g_task_return_boolean (outer, TRUE);
  finish_job (self);
}

static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf stat_a, stat_b;

  if (g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0)
    return stat_a.st_dev == stat_b.st_dev && stat_a.st_ino == stat_b.st_ino;

  return g_strcmp0 (a, b) == 0;
}

/* Closes every connection to the open database, before its file is
 * replaced: a connection that outlived the file would, on closing, remove
 * the new database's write-ahead log, which has the same name. */
static void
close_database (AnnalsLibrary *self)
{
  annals_event_store_begin_update (self->store);
  annals_event_store_end_update (self->store);
  annals_event_store_set_loader (self->store, NULL, NULL, NULL);
  g_clear_object (&self->reader);
  g_clear_object (&self->database);
  g_clear_pointer (&self->path, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

static void
start_next_job (AnnalsLibrary *self)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  if (self->running == NULL)
    {
      outer = g_queue_pop_head (&self->pending);

      if (outer != NULL)
        {
          Job *job = g_task_get_task_data (outer);

          if (job->type != JOB_OPEN && self->path == NULL)
            {
              g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                       _("No library is open"));
              g_object_unref (outer);
              start_next_job (self);
              return;
            }

          /* An import, search or export works on whatever database is
           * open when it runs. */
          if (job->type != JOB_OPEN)
            job->database_path = g_strdup (self->path);

          if (job->type == JOB_SEARCH || job->type == JOB_EXPORT)
            {
              if (self->reader != NULL && g_strcmp0 (annals_database_get_path (self->reader), self->path) != 0)
                g_clear_object (&self->reader);
              job->database = g_steal_pointer (&self->reader);
            }

          if (job->type == JOB_OPEN && job->replace && self->path != NULL &&
              is_same_file (job->database_path, self->path))
            close_database (self);

          self->running = outer;
          inner = g_task_new (self, g_task_get_cancellable (outer), job_done_cb, outer);
          g_task_set_source_tag (inner, start_next_job);
          g_task_set_task_data (inner, job, NULL);
          g_task_run_in_thread (inner, run_job);
        }
    }
}

static void
finish_job (AnnalsLibrary *self)
{
  start_next_job (self);

  if (!annals_library_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
queue_job (AnnalsLibrary *self,
           GTask         *task)
{
  gboolean was_busy = annals_library_get_busy (self);

  g_queue_push_tail (&self->pending, task);
  start_next_job (self);

  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
annals_library_dispose (GObject *object)
{
  AnnalsLibrary *self = ANNALS_LIBRARY (object);
  GTask *task;

  while ((task = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The library was closed"));
      g_object_unref (task);
    }

  g_clear_object (&self->reader);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (annals_library_parent_class)->dispose (object);
}

static void
annals_library_finalize (GObject *object)
{
  AnnalsLibrary *self = ANNALS_LIBRARY (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (annals_library_parent_class)->finalize (object);
}

static void
annals_library_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AnnalsLibrary *self = ANNALS_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, annals_library_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_library_class_init (AnnalsLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* The sample lives in the resource bundle; referencing it links it in
   * from the static library, and its constructor registers it. */
  g_assert (annals_get_resource () != NULL);

  object_class->dispose = annals_library_dispose;
  object_class->finalize = annals_library_finalize;
  object_class->get_property = annals_library_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The integrity check that follows opening found the file damaged: what
   * is shown may be incomplete, and nothing is written to it. */
  signals[DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
annals_library_init (AnnalsLibrary *self)
{
  self->store = annals_event_store_new ();
  g_queue_init (&self->pending);
}

AnnalsLibrary *
annals_library_new (void)
{
  return g_object_new (ANNALS_TYPE_LIBRARY, NULL);
}

AnnalsEventStore *
annals_library_get_store (AnnalsLibrary *self)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), NULL);

  return self->store;
}

AnnalsDatabase *
annals_library_get_database (AnnalsLibrary *self)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), NULL);

  return self->database;
}

const char *
annals_library_get_path (AnnalsLibrary *self)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), NULL);

  return self->path;
}

gboolean
annals_library_get_busy (AnnalsLibrary *self)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), FALSE);

  return self->running != NULL || self->pending.length > 0;
}

char *
annals_library_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "annals", "library.annals", NULL);
}

AnnalsFileKind
annals_library_guess_file_kind (const char *path)
{
  static const char sqlite_magic[] = "SQLite format 3";
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[64] = { 0 };
  gsize n_read = 0;

  g_return_val_if_fail (path != NULL, ANNALS_FILE_KIND_ARTICLE);

  if (g_str_has_suffix (path, ".annals"))
    return ANNALS_FILE_KIND_DATABASE;
  if (g_str_has_suffix (path, ".json"))
    return ANNALS_FILE_KIND_EVENTS_JSON;

  /* Without a telling extension, look at the first bytes; a file that
   * cannot be read is left to the article reader to report. */
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n_read, NULL, NULL))
    return ANNALS_FILE_KIND_ARTICLE;

  if (n_read >= sizeof sqlite_magic && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0)
    return ANNALS_FILE_KIND_DATABASE;

  for (gsize i = 0; i < n_read; i++)
    {
      if (g_ascii_isspace (head[i]))
        continue;
      return head[i] == '{' ? ANNALS_FILE_KIND_EVENTS_JSON : ANNALS_FILE_KIND_ARTICLE;
    }

  return ANNALS_FILE_KIND_ARTICLE;
}

void
annals_library_open_async (AnnalsLibrary       *self,
                           const char          *path,
                           gboolean             seed_sample,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANNALS_IS_LIBRARY (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_OPEN;
  job->database_path = g_strdup (path);
  job->seed_sample = !!seed_sample;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, annals_library_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  queue_job (self, task);
}

gboolean
annals_library_open_finish (AnnalsLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
annals_library_import_async (AnnalsLibrary       *self,
                             const char          *path,
                             AnnalsFileKind       kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANNALS_IS_LIBRARY (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (kind != ANNALS_FILE_KIND_DATABASE);

  job = g_new0 (Job, 1);
  job->type = JOB_IMPORT;
  job->kind = kind;
  job->file_path = g_strdup (path);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, annals_library_import_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  queue_job (self, task);
}

gboolean
annals_library_import_finish (AnnalsLibrary      *self,
                              GAsyncResult       *result,
                              AnnalsImportStats  *stats,
                              GError            **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = job->stats;

  return TRUE;
}

/* The sentence of @text around the characters [start, end): from after the
 * previous sentence end (or line break) to the next one. */
static char *
dup_sentence (AnnalsDocument *document,
              guint           start,
              guint           end)
{
  const char *text = annals_document_get_text (document);
  gssize start_byte = annals_document_char_to_byte (document, start);
  gssize end_byte = annals_document_char_to_byte (document, end);
  gsize length;
  gsize first, last;

  if (text == NULL || start_byte < 0)
    return NULL;

  length = strlen (text);
  if (end_byte < 0 || (gsize) end_byte > length)
    end_byte = length;

  for (first = start_byte; first > 0; first--)
    if (strchr (".!?\n", text[first - 1]) != NULL)
      break;
  for (last = end_byte; last < length; last++)
    if (strchr (".!?\n", text[last]) != NULL)
      break;

  return g_utf8_casefold (text + first, last - first);
}

static gboolean
contains_every_word (const char * const *words,
                     const char         *title,
                     const char         *sentence)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if ((title == NULL || strstr (title, words[i]) == NULL) &&
          (sentence == NULL || strstr (sentence, words[i]) == NULL))
        return FALSE;
    }

  return TRUE;
}

static GArray *
refine_results (AnnalsDatabase *database,
                GArray         *keys,
                const char     *query)
{
  g_autofree char *folded = g_utf8_casefold (query, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\"", -1);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  GArray *refined = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; i < keys->len; i++)
    {
      guint32 key = g_array_index (keys, guint32, i);
      g_autoptr(AnnalsEvent) event = annals_database_load_event (database, key, NULL);
      g_autofree char *title = NULL;
      gboolean matches = FALSE;

      if (event == NULL)
        continue;

      title = g_utf8_casefold (annals_event_get_title (event), -1);
      matches = contains_every_word ((const char * const *) words, title, NULL);

      for (guint m = 0; !matches && m < annals_event_get_n_mentions (event); m++)
        {
          const AnnalsMention *mention = annals_event_get_mention (event, m);
          AnnalsDocument *document = g_hash_table_lookup (documents, mention->document_id);
          g_autofree char *sentence = NULL;

          if (document == NULL)
            {
              document = annals_database_load_document (database, mention->document_id, NULL);
              if (document == NULL)
                continue;
              g_hash_table_insert (documents, g_strdup (mention->document_id), document);
            }

          sentence = dup_sentence (document, mention->start, mention->end);
          matches = contains_every_word ((const char * const *) words, title, sentence);
        }

      if (matches)
        g_array_append_val (refined, key);
    }

  return refined;
}

GArray *
annals_library_search (AnnalsLibrary  *self,
                       const char     *query,
                       GError        **error)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (self->database == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No library is open"));
      return NULL;
    }

  return search_database (self->database, query, error);
}

AnnalsDocument *
annals_library_load_document (AnnalsLibrary  *self,
                              const char     *id,
                              GError        **error)
{
  g_return_val_if_fail (ANNALS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (self->database == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No library is open"));
      return NULL;
    }

  return annals_database_load_document (self->database, id, error);
}

void
annals_library_create_async (AnnalsLibrary       *self,
                             const char          *path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANNALS_IS_LIBRARY (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_OPEN;
  job->database_path = g_strdup (path);
  job->replace = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, annals_library_create_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  queue_job (self, task);
}

gboolean
annals_library_create_finish (AnnalsLibrary  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
annals_library_search_async (AnnalsLibrary       *self,
                             const char          *query,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANNALS_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  job = g_new0 (Job, 1);
  job->type = JOB_SEARCH;
  job->query = g_strdup (query);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, annals_library_search_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  queue_job (self, task);
}

GArray *
annals_library_search_finish (AnnalsLibrary  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));

  return g_array_ref (job->keys);
}

void
annals_library_export_async (AnnalsLibrary             *self,
                             const char                *path,
                             AnnalsLibraryExportFormat  format,
                             const guint32             *keys,
                             guint                      n_keys,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (ANNALS_IS_LIBRARY (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (format == ANNALS_LIBRARY_EXPORT_JSON || keys != NULL || n_keys == 0);

  job = g_new0 (Job, 1);
  job->type = JOB_EXPORT;
  job->file_path = g_strdup (path);
  job->format = format;
  job->keys = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_keys);
  if (n_keys > 0)
    g_array_append_vals (job->keys, keys, n_keys);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, annals_library_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  queue_job (self, task);
}

gboolean
annals_library_export_finish (AnnalsLibrary  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
