/* annals-event-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "annals-event.h"

G_BEGIN_DECLS

/* One event in the compact, time-sorted index: 24 bytes, no GObject. */
typedef struct
{
  gint32  first_day;       /* first day of the start, ANNALS_DAY_UNDATED if undated */
  gint32  end_day;         /* exclusive: after the end, or after the start's period */
  guint32 key;             /* the database row id, or the store's own number */
  guint32 title;           /* offset into the store's title pool */
  guint16 host_country;    /* annals_country_pack () */
  guint8  kind;            /* AnnalsEventKind */
  guint8  status;          /* AnnalsEventStatus */
  guint8  start_precision; /* AnnalsPrecision */
  guint8  end_precision;   /* AnnalsPrecision, NONE for a point event */
  guint16 n_mentions;      /* how many sources name it, saturated */
} AnnalsEventRecord;

/* Creates the full event behind a record key, for rows that are not kept
 * as objects (a database loads them on demand). */
typedef AnnalsEvent *(*AnnalsEventLoadFunc) (gpointer   user_data,
                                             guint32    key,
                                             GError   **error);

typedef struct _AnnalsFilter AnnalsFilter;

#define ANNALS_TYPE_EVENT_STORE (annals_event_store_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsEventStore, annals_event_store, ANNALS, EVENT_STORE, GObject)

AnnalsEventStore        *annals_event_store_new             (void);

void                     annals_event_store_set_loader      (AnnalsEventStore        *self,
                                                             AnnalsEventLoadFunc      func,
                                                             gpointer                 user_data,
                                                             GDestroyNotify           destroy);

/* Adds one event, kept as an object; emits items-changed for its row. */
guint32                  annals_event_store_add_event       (AnnalsEventStore        *self,
                                                             AnnalsEvent             *event);

/* Replaces the content in one step: begin_update, any number of
 * append_record/append_event, end_update. end_update sorts and emits a
 * single items-changed over the rows that really differ. */
void                     annals_event_store_begin_update    (AnnalsEventStore        *self);
void                     annals_event_store_append_record   (AnnalsEventStore        *self,
                                                             const AnnalsEventRecord *record,
                                                             const char              *title);
guint32                  annals_event_store_append_event    (AnnalsEventStore        *self,
                                                             AnnalsEvent             *event);
void                     annals_event_store_end_update      (AnnalsEventStore        *self);
void                     annals_event_store_remove_all      (AnnalsEventStore        *self);

void                     annals_event_record_init_from_event (AnnalsEventRecord      *record,
                                                             AnnalsEvent             *event);

/* The rows the filter lets through, in time order (undated last), are
 * what the GListModel and the queries below see. */
void                     annals_event_store_set_filter      (AnnalsEventStore        *self,
                                                             const AnnalsFilter      *filter);
const AnnalsFilter      *annals_event_store_get_filter      (AnnalsEventStore        *self);
guint                    annals_event_store_get_n_total     (AnnalsEventStore        *self);

guint                    annals_event_store_get_n_events    (AnnalsEventStore        *self);
guint                    annals_event_store_get_n_dated     (AnnalsEventStore        *self);
const AnnalsEventRecord *annals_event_store_get_record      (AnnalsEventStore        *self,
                                                             guint                    position);
/* The visible records as one array, in position order, when no filter is
 * set (NULL otherwise, or when empty): a query walks them without a call
 * per row. Valid until the next change of the store. */
const AnnalsEventRecord *annals_event_store_peek_records    (AnnalsEventStore        *self,
                                                             guint                   *n_records);
const char              *annals_event_store_get_title       (AnnalsEventStore        *self,
                                                             guint                    position);
AnnalsEvent             *annals_event_store_get_event       (AnnalsEventStore        *self,
                                                             guint                    position);
/* The position of a record key or of an event from this store, or -1. */
int                      annals_event_store_find_key        (AnnalsEventStore        *self,
                                                             guint32                  key);
int                      annals_event_store_find_event      (AnnalsEventStore        *self,
                                                             AnnalsEvent             *event);
guint32                  annals_event_store_get_event_key   (AnnalsEvent             *event);

/* Positions [*first, *last) holding every dated row that overlaps
 * [from_day, to_day), in O(log n); rows in it that do not overlap are few
 * and the caller skips them with annals_event_record_overlaps(). */
void                     annals_event_store_find_range      (AnnalsEventStore        *self,
                                                             gint32                   from_day,
                                                             gint32                   to_day,
                                                             guint                   *first,
                                                             guint                   *last);
gboolean                 annals_event_store_get_span        (AnnalsEventStore        *self,
                                                             gint32                  *first_day,
                                                             gint32                  *end_day);
/* Bytes held by the index, the title pool included. */
gsize                    annals_event_store_get_index_size  (AnnalsEventStore        *self);
/* How many events the loader has made so far: how lazily the views read
 * the store (a million rows must not mean a million loads). */
guint64                  annals_event_store_get_n_loaded    (AnnalsEventStore        *self);

static inline gboolean
annals_event_record_overlaps (const AnnalsEventRecord *record,
                              gint32                   from_day,
                              gint32                   to_day)
{
  return record->first_day != ANNALS_DAY_UNDATED &&
         record->first_day < to_day &&
         record->end_day > from_day;
}

G_END_DECLS
