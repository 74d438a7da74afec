/* annals-event-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-event-set"

#include "config.h"

#include "annals-event-set.h"

struct _AnnalsEventSet
{
  GObject    parent_instance;

  GPtrArray *documents;
  GPtrArray *events;
  char      *extra_json;
};

G_DEFINE_FINAL_TYPE (AnnalsEventSet, annals_event_set, G_TYPE_OBJECT)

static void
annals_event_set_finalize (GObject *object)
{
  AnnalsEventSet *self = (AnnalsEventSet *) object;

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->extra_json, g_free);

  G_OBJECT_CLASS (annals_event_set_parent_class)->finalize (object);
}

static void
annals_event_set_class_init (AnnalsEventSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = annals_event_set_finalize;
}

static void
annals_event_set_init (AnnalsEventSet *self)
{
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

AnnalsEventSet *
annals_event_set_new (void)
{
  return g_object_new (ANNALS_TYPE_EVENT_SET, NULL);
}

GPtrArray *
annals_event_set_get_documents (AnnalsEventSet *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_SET (self), NULL);

  return self->documents;
}

GPtrArray *
annals_event_set_get_events (AnnalsEventSet *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_SET (self), NULL);

  return self->events;
}

void
annals_event_set_add_document (AnnalsEventSet *self,
                               AnnalsDocument *document)
{
  g_return_if_fail (ANNALS_IS_EVENT_SET (self));
  g_return_if_fail (ANNALS_IS_DOCUMENT (document));

  g_ptr_array_add (self->documents, g_object_ref (document));
}

void
annals_event_set_add_event (AnnalsEventSet *self,
                            AnnalsEvent    *event)
{
  g_return_if_fail (ANNALS_IS_EVENT_SET (self));
  g_return_if_fail (ANNALS_IS_EVENT (event));

  g_ptr_array_add (self->events, g_object_ref (event));
}

AnnalsDocument *
annals_event_set_lookup_document (AnnalsEventSet *self,
                                  const char     *id)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_SET (self), NULL);

  for (guint i = 0; i < self->documents->len; i++)
    {
      AnnalsDocument *document = g_ptr_array_index (self->documents, i);

      if (g_strcmp0 (annals_document_get_id (document), id) == 0)
        return document;
    }

  return NULL;
}

const char *
annals_event_set_get_extra_json (AnnalsEventSet *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_SET (self), NULL);

  return self->extra_json;
}

void
annals_event_set_set_extra_json (AnnalsEventSet *self,
                                 const char     *extra_json)
{
  g_return_if_fail (ANNALS_IS_EVENT_SET (self));

  if (g_strcmp0 (self->extra_json, extra_json) != 0)
    {
      g_free (self->extra_json);
      self->extra_json = g_strdup (extra_json);
    }
}
