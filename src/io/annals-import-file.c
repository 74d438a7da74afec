/* annals-import-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-import"

#include "config.h"

#include <gio/gio.h>

#include "annals-database.h"
#include "annals-json.h"

/* The reader thread hands on what it read in batches, and waits when this
 * many are ready and not yet imported, so that memory stays bounded. */
#define BATCH_SIZE 256
#define MAX_BATCHES 16

typedef struct
{
  const char *path;

  GMutex      mutex;
  GCond       cond;
  GQueue      batches;       /* GPtrArray of AnnalsDocument and AnnalsEvent */
  gboolean    reader_done;
  gboolean    stop;          /* the import failed: the reader stops */
  GError     *read_error;
  char       *extra_json;

  GPtrArray  *filling;       /* the reader's, not under the lock */
} Pipe;

static gboolean
push_batch (Pipe    *pipe,
            GError **error)
{
  gboolean stopped;

  g_mutex_lock (&pipe->mutex);
  while (pipe->batches.length >= MAX_BATCHES && !pipe->stop)
    g_cond_wait (&pipe->cond, &pipe->mutex);
  stopped = pipe->stop;
  if (!stopped)
    {
      g_queue_push_tail (&pipe->batches, g_steal_pointer (&pipe->filling));
      g_cond_broadcast (&pipe->cond);
    }
  g_mutex_unlock (&pipe->mutex);

  if (stopped)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The import stopped");
      return FALSE;
    }

  pipe->filling = g_ptr_array_new_full (BATCH_SIZE, g_object_unref);

  return TRUE;
}

static gboolean
push_item (gpointer   item,
           Pipe      *pipe,
           GError   **error)
{
  g_ptr_array_add (pipe->filling, g_object_ref (item));

  if (pipe->filling->len < BATCH_SIZE)
    return TRUE;

  return push_batch (pipe, error);
}

static gboolean
push_document (AnnalsDocument  *document,
               gpointer         user_data,
               GError         **error)
{
  return push_item (document, user_data, error);
}

static gboolean
push_event (AnnalsEvent  *event,
            gpointer      user_data,
            GError      **error)
{
  return push_item (event, user_data, error);
}

static gpointer
read_in_thread (gpointer data)
{
  Pipe *pipe = data;
  g_autofree char *extra_json = NULL;
  GError *error = NULL;
  gboolean ok;

  pipe->filling = g_ptr_array_new_full (BATCH_SIZE, g_object_unref);
  ok = annals_json_read_file (pipe->path, push_document, push_event, pipe, &extra_json, &error);
  if (ok && pipe->filling->len > 0)
    ok = push_batch (pipe, &error);
  g_clear_pointer (&pipe->filling, g_ptr_array_unref);

  g_mutex_lock (&pipe->mutex);
  pipe->reader_done = TRUE;
  pipe->read_error = error;
  pipe->extra_json = g_steal_pointer (&extra_json);
  g_cond_broadcast (&pipe->cond);
  g_mutex_unlock (&pipe->mutex);

  return NULL;
}

static gboolean
import_batch (AnnalsDatabaseImport  *import,
              GPtrArray             *batch,
              GError               **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      gpointer item = g_ptr_array_index (batch, i);

      if (ANNALS_IS_DOCUMENT (item) ? !annals_database_import_document (import, item, error)
                                    : !annals_database_import_event (import, item, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
annals_database_import_json_file (AnnalsDatabaseImport  *import,
                                  const char            *path,
                                  GError               **error)
{
  g_autoptr(GError) import_error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *extra_json = NULL;
  Pipe pipe = { 0, };
  GThread *thread;
  GPtrArray *batch;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pipe.path = path;
  g_mutex_init (&pipe.mutex);
  g_cond_init (&pipe.cond);
  g_queue_init (&pipe.batches);

  thread = g_thread_new ("annals-json-reader", read_in_thread, &pipe);

  /* In file order: an import error for what was read comes before a
   * reading error further on, as when reading and importing take turns. */
  for (;;)
    {
      g_mutex_lock (&pipe.mutex);
      while (pipe.batches.length == 0 && !pipe.reader_done)
        g_cond_wait (&pipe.cond, &pipe.mutex);
      batch = g_queue_pop_head (&pipe.batches);
      g_cond_broadcast (&pipe.cond);
      g_mutex_unlock (&pipe.mutex);

      if (batch == NULL)
        break;

      if (!import_batch (import, batch, &import_error))
        {
          g_ptr_array_unref (batch);

          g_mutex_lock (&pipe.mutex);
          pipe.stop = TRUE;
          g_cond_broadcast (&pipe.cond);
          g_mutex_unlock (&pipe.mutex);
          break;
        }

      g_ptr_array_unref (batch);
    }

  g_thread_join (thread);

  while ((batch = g_queue_pop_head (&pipe.batches)) != NULL)
    g_ptr_array_unref (batch);
  read_error = g_steal_pointer (&pipe.read_error);
  extra_json = g_steal_pointer (&pipe.extra_json);
  g_mutex_clear (&pipe.mutex);
  g_cond_clear (&pipe.cond);

  if (import_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import_error));
      return FALSE;
    }

  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  return annals_database_import_extra_json (import, extra_json, error);
}
