/* annals-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-event-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "annals-countries.h"
#include "annals-event-store.h"
#include "annals-filter.h"

/* The store keeps every event as a 24-byte record in one array sorted by
 * time, with titles in one pool of bytes. What the filter lets through is
 * a list of record indices (or all of them); over it a running maximum of
 * end days makes "what overlaps [from, to)" two binary searches. Event
 * objects exist only while someone holds one. */

typedef struct
{
  guint32 key;
  guint32 index;
} KeyEntry;

struct _AnnalsEventStore
{
  GObject              parent_instance;

  GArray              *records;       /* AnnalsEventRecord, sorted */
  GByteArray          *titles;
  GPtrArray           *owned;         /* AnnalsEvent by key, when not loaded on demand */
  GArray              *visible;       /* guint32 record indices; NULL when unfiltered */
  GArray              *max_end;       /* gint32 running maximum of end_day, visible order */
  GArray              *key_index;     /* KeyEntry by key, made on first look-up */
  GHashTable          *live;          /* key → AnnalsEvent (weak) */
  AnnalsFilter        *filter;
  guint                n_dated;

  AnnalsEventLoadFunc  load_func;
  gpointer             load_data;
  GDestroyNotify       load_destroy;
  guint64              n_loaded;      /* events made by load_func so far */

  GArray              *pending_records;
  GByteArray          *pending_titles;
  GPtrArray           *pending_owned;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AnnalsEventStore, annals_event_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ROWS_REPLACING,
  ROWS_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark key_quark;

static inline guint
visible_count (AnnalsEventStore *self)
{
  return self->visible != NULL ? self->visible->len : self->records->len;
}

static inline guint32
visible_index (AnnalsEventStore *self,
               guint             position)
{
  return self->visible != NULL ? g_array_index (self->visible, guint32, position) : position;
}

static inline const AnnalsEventRecord *
visible_record (AnnalsEventStore *self,
                guint             position)
{
  return &g_array_index (self->records, AnnalsEventRecord, visible_index (self, position));
}

static int
compare_records (const AnnalsEventRecord *a,
                 const AnnalsEventRecord *b)
{
  if (a->first_day != b->first_day)
    return a->first_day < b->first_day ? -1 : 1;
  if (a->end_day != b->end_day)
    return a->end_day < b->end_day ? -1 : 1;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return 0;
}

static int
compare_records_qsort (const void *a,
                       const void *b)
{
  return compare_records (a, b);
}

static void
on_live_event_finalized (gpointer  data,
                         GObject  *where_the_object_was)
{
  AnnalsEventStore *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
clear_live (AnnalsEventStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, on_live_event_finalized, self);
      g_hash_table_iter_remove (&iter);
    }
}

/* Recomputes what the filter lets through and the running maximum. */
static void
rebuild_visible (AnnalsEventStore *self)
{
  gint32 running = G_MININT32;
  guint n;

  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->key_index, g_array_unref);

  if (!annals_filter_is_empty (self->filter))
    {
      self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);
      for (guint i = 0; i < self->records->len; i++)
        if (annals_filter_matches (self->filter, &g_array_index (self->records, AnnalsEventRecord, i)))
          {
            guint32 index = i;
            g_array_append_val (self->visible, index);
          }
    }

  n = visible_count (self);
  g_array_set_size (self->max_end, 0);
  self->n_dated = 0;

  for (guint i = 0; i < n; i++)
    {
      const AnnalsEventRecord *record = visible_record (self, i);

      if (record->first_day == ANNALS_DAY_UNDATED)
        break;

      running = MAX (running, record->end_day);
      g_array_append_val (self->max_end, running);
      self->n_dated++;
    }
}

static gboolean
same_visible_row (AnnalsEventStore        *self,
                  const AnnalsEventRecord *a,
                  const char              *a_title,
                  guint                    b_position)
{
  const AnnalsEventRecord *b = visible_record (self, b_position);

  /* Keys of rows kept as objects are the store's own numbering, which a
   * rebuild renews; only database row ids identify a row across updates. */
  if (self->load_func != NULL && a->key != b->key)
    return FALSE;

  return a->first_day == b->first_day && a->end_day == b->end_day &&
         memcmp (&a->host_country, &b->host_country,
                 sizeof *a - G_STRUCT_OFFSET (AnnalsEventRecord, host_country)) == 0 &&
         strcmp (a_title, (const char *) self->titles->data + b->title) == 0;
}

static guint32
append_title (GByteArray *titles,
              const char *title)
{
  guint32 offset = titles->len;

  if (title == NULL)
    title = "";
  g_byte_array_append (titles, (const guint8 *) title, (guint) strlen (title) + 1);

  return offset;
}

static void
annals_event_store_finalize (GObject *object)
{
  AnnalsEventStore *self = (AnnalsEventStore *) object;

  clear_live (self);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->titles, g_byte_array_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->max_end, g_array_unref);
  g_clear_pointer (&self->key_index, g_array_unref);
  g_clear_pointer (&self->filter, annals_filter_free);
  g_clear_pointer (&self->pending_records, g_array_unref);
  g_clear_pointer (&self->pending_titles, g_byte_array_unref);
  g_clear_pointer (&self->pending_owned, g_ptr_array_unref);

  if (self->load_destroy != NULL)
    self->load_destroy (self->load_data);

  G_OBJECT_CLASS (annals_event_store_parent_class)->finalize (object);
}

static void
annals_event_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AnnalsEventStore *self = ANNALS_EVENT_STORE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, visible_count (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GType
annals_event_store_get_item_type (GListModel *model)
{
  return ANNALS_TYPE_EVENT;
}

static guint
annals_event_store_get_n_items (GListModel *model)
{
  return visible_count (ANNALS_EVENT_STORE (model));
}

static gpointer
annals_event_store_get_item (GListModel *model,
                             guint       position)
{
  AnnalsEventStore *self = ANNALS_EVENT_STORE (model);

  if (position >= visible_count (self))
    return NULL;

  return annals_event_store_get_event (self, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = annals_event_store_get_item_type;
  iface->get_n_items = annals_event_store_get_n_items;
  iface->get_item = annals_event_store_get_item;
}

static void
annals_event_store_class_init (AnnalsEventStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annals_event_store_finalize;
  object_class->get_property = annals_event_store_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AnnalsEventStore::rows-replacing:
   * @n_added_max: at most this many rows come in
   *
   * Emitted when the rows are about to change all at once (an update, a
   * filter), while the store still holds the old ones; rows-replaced
   * follows, after items-changed if any. A view that would read every
   * added row (GTK's list view does) can let go of the model meanwhile.
   */
  signals[ROWS_REPLACING] =
    g_signal_new ("rows-replacing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[ROWS_REPLACED] =
    g_signal_new ("rows-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  key_quark = g_quark_from_static_string ("annals-event-store-key");
}

static void
annals_event_store_init (AnnalsEventStore *self)
{
  self->records = g_array_new (FALSE, FALSE, sizeof (AnnalsEventRecord));
  self->titles = g_byte_array_new ();
  self->owned = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_end = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->live = g_hash_table_new (NULL, NULL);
}

static void
emit_changed (AnnalsEventStore *self,
              guint             position,
              guint             removed,
              guint             added)
{
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

AnnalsEventStore *
annals_event_store_new (void)
{
  return g_object_new (ANNALS_TYPE_EVENT_STORE, NULL);
}

void
annals_event_store_set_loader (AnnalsEventStore    *self,
                               AnnalsEventLoadFunc  func,
                               gpointer             user_data,
                               GDestroyNotify       destroy)
{
  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));

  if (self->load_destroy != NULL)
    self->load_destroy (self->load_data);

  self->load_func = func;
  self->load_data = user_data;
  self->load_destroy = destroy;
  clear_live (self);
}

void
annals_event_record_init_from_event (AnnalsEventRecord *record,
                                     AnnalsEvent       *event)
{
  const AnnalsDate *start, *end;
  guint n_mentions;

  g_return_if_fail (record != NULL);
  g_return_if_fail (ANNALS_IS_EVENT (event));

  start = annals_event_get_start (event);
  end = annals_event_get_end (event);
  n_mentions = annals_event_get_n_mentions (event);

  memset (record, 0, sizeof *record);
  record->kind = annals_event_get_kind (event);
  record->status = annals_event_get_status (event);
  record->host_country = annals_country_pack (annals_event_get_host_country (event));
  record->n_mentions = (guint16) MIN (n_mentions, G_MAXUINT16);
  record->start_precision = annals_date_get_precision (start);
  record->end_precision = ANNALS_PRECISION_NONE;

  if (!annals_date_is_set (start))
    {
      record->first_day = ANNALS_DAY_UNDATED;
      record->end_day = ANNALS_DAY_UNDATED;
      return;
    }

  record->first_day = annals_date_get_first_day (start);
  record->end_day = annals_date_get_end_day (start);

  if (annals_date_is_set (end) && annals_date_get_end_day (end) > record->first_day)
    {
      record->end_day = MAX (record->end_day, annals_date_get_end_day (end));
      record->end_precision = annals_date_get_precision (end);
    }
}

static void
ensure_pending (AnnalsEventStore *self)
{
  if (self->pending_records != NULL)
    return;

  self->pending_records = g_array_new (FALSE, FALSE, sizeof (AnnalsEventRecord));
  self->pending_titles = g_byte_array_new ();
  self->pending_owned = g_ptr_array_new_with_free_func (g_object_unref);
}

void
annals_event_store_begin_update (AnnalsEventStore *self)
{
  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));

  g_clear_pointer (&self->pending_records, g_array_unref);
  g_clear_pointer (&self->pending_titles, g_byte_array_unref);
  g_clear_pointer (&self->pending_owned, g_ptr_array_unref);
  ensure_pending (self);
}

void
annals_event_store_append_record (AnnalsEventStore        *self,
                                  const AnnalsEventRecord *record,
                                  const char              *title)
{
  AnnalsEventRecord copy;

  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));
  g_return_if_fail (record != NULL);

  ensure_pending (self);

  copy = *record;
  if (copy.first_day == ANNALS_DAY_UNDATED)
    copy.end_day = ANNALS_DAY_UNDATED;
  else if (copy.end_day <= copy.first_day)
    copy.end_day = copy.first_day + 1;
  copy.title = append_title (self->pending_titles, title);
  g_array_append_val (self->pending_records, copy);
}

guint32
annals_event_store_append_event (AnnalsEventStore *self,
                                 AnnalsEvent      *event)
{
  AnnalsEventRecord record;
  guint32 key;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);
  g_return_val_if_fail (ANNALS_IS_EVENT (event), 0);

  ensure_pending (self);

  key = self->pending_owned->len;
  annals_event_record_init_from_event (&record, event);
  record.key = key;
  g_object_set_qdata (G_OBJECT (event), key_quark, GUINT_TO_POINTER (key + 1));
  g_ptr_array_add (self->pending_owned, g_object_ref (event));
  annals_event_store_append_record (self, &record, annals_event_get_title (event));

  return key;
}

static gboolean
is_sorted (GArray *records)
{
  for (guint i = 1; i < records->len; i++)
    if (compare_records (&g_array_index (records, AnnalsEventRecord, i - 1),
                         &g_array_index (records, AnnalsEventRecord, i)) > 0)
      return FALSE;

  return TRUE;
}

static inline guint64
time_sort_key (const AnnalsEventRecord *record)
{
  /* Biased so that the order of the unsigned key is that of the days. */
  return ((guint64) ((guint32) record->first_day ^ 0x80000000u) << 32) |
         ((guint32) record->end_day ^ 0x80000000u);
}

/* Sorts records that are in key order by time, keeping key order among
 * equal times: what compare_records() gives, for a database read in row
 * order. A stable LSD radix sort on 16-bit digits of the time, which
 * skips digits that all records share; a fifth of qsort()'s time. */
static void
radix_sort_by_time (GArray *records)
{
  guint n = records->len;
  AnnalsEventRecord *from = (AnnalsEventRecord *) (gpointer) records->data;
  g_autofree AnnalsEventRecord *buffer = g_new (AnnalsEventRecord, n);
  g_autofree guint *counts = g_new (guint, 65536);
  AnnalsEventRecord *to = buffer;

  for (guint shift = 0; shift < 64; shift += 16)
    {
      guint first = (guint) (time_sort_key (&from[0]) >> shift) & 0xffff;
      gboolean all_same = TRUE;
      guint sum = 0;

      memset (counts, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        {
          guint digit = (guint) (time_sort_key (&from[i]) >> shift) & 0xffff;

          counts[digit]++;
          all_same &= digit == first;
        }
      if (all_same)
        continue;

      for (guint d = 0; d < 65536; d++)
        {
          guint count = counts[d];

          counts[d] = sum;
          sum += count;
        }
      for (guint i = 0; i < n; i++)
        to[counts[(time_sort_key (&from[i]) >> shift) & 0xffff]++] = from[i];

      {
        AnnalsEventRecord *swap = from;

        from = to;
        to = swap;
      }
    }

  if (from != (AnnalsEventRecord *) (gpointer) records->data)
    memcpy (records->data, from, (gsize) n * sizeof (AnnalsEventRecord));
}

static gboolean
is_in_key_order (GArray *records)
{
  for (guint i = 1; i < records->len; i++)
    if (g_array_index (records, AnnalsEventRecord, i - 1).key >
        g_array_index (records, AnnalsEventRecord, i).key)
      return FALSE;

  return TRUE;
}

void
annals_event_store_end_update (AnnalsEventStore *self)
{
  g_autoptr(AnnalsEventStore) old = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;

  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));

  ensure_pending (self);

  g_signal_emit (self, signals[ROWS_REPLACING], 0, self->pending_records->len);

  if (is_sorted (self->pending_records))
    ;
  else if (self->pending_records->len >= 4096 && is_in_key_order (self->pending_records))
    radix_sort_by_time (self->pending_records);
  else
    qsort (self->pending_records->data, self->pending_records->len,
           sizeof (AnnalsEventRecord), compare_records_qsort);

  /* Keep the old content aside to find the rows that really changed. */
  old = g_object_new (ANNALS_TYPE_EVENT_STORE, NULL);
  g_array_unref (old->records);
  g_byte_array_unref (old->titles);
  old->records = g_steal_pointer (&self->records);
  old->titles = g_steal_pointer (&self->titles);
  old->visible = g_steal_pointer (&self->visible);
  old->load_func = self->load_func;
  old_n = old->visible != NULL ? old->visible->len : old->records->len;

  clear_live (self);
  self->records = g_steal_pointer (&self->pending_records);
  self->titles = g_steal_pointer (&self->pending_titles);
  g_ptr_array_unref (self->owned);
  self->owned = g_steal_pointer (&self->pending_owned);
  rebuild_visible (self);
  new_n = visible_count (self);

  while (prefix < old_n && prefix < new_n &&
         same_visible_row (old, visible_record (self, prefix),
                           (const char *) self->titles->data + visible_record (self, prefix)->title,
                           prefix))
    prefix++;

  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         same_visible_row (old, visible_record (self, new_n - 1 - suffix),
                           (const char *) self->titles->data + visible_record (self, new_n - 1 - suffix)->title,
                           old_n - 1 - suffix))
    suffix++;

  emit_changed (self, prefix, old_n - prefix - suffix, new_n - prefix - suffix);
  g_signal_emit (self, signals[ROWS_REPLACED], 0);
}

void
annals_event_store_remove_all (AnnalsEventStore *self)
{
  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));

  annals_event_store_begin_update (self);
  annals_event_store_end_update (self);
}

guint32
annals_event_store_add_event (AnnalsEventStore *self,
                              AnnalsEvent      *event)
{
  AnnalsEventRecord record;
  guint lo = 0, hi;
  guint old_n;
  int position;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);
  g_return_val_if_fail (ANNALS_IS_EVENT (event), 0);

  annals_event_record_init_from_event (&record, event);
  record.key = self->owned->len;
  record.title = append_title (self->titles, annals_event_get_title (event));
  g_object_set_qdata (G_OBJECT (event), key_quark, GUINT_TO_POINTER (record.key + 1));
  g_ptr_array_add (self->owned, g_object_ref (event));

  hi = self->records->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_records (&g_array_index (self->records, AnnalsEventRecord, mid), &record) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->records, lo, record);

  old_n = visible_count (self) - (self->visible == NULL ? 1 : 0);
  rebuild_visible (self);

  position = annals_event_store_find_key (self, record.key);
  if (position >= 0)
    emit_changed (self, (guint) position, 0, 1);
  else
    g_assert (visible_count (self) == old_n);

  return record.key;
}

void
annals_event_store_set_filter (AnnalsEventStore   *self,
                               const AnnalsFilter *filter)
{
  guint old_n;

  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));

  if (annals_filter_is_empty (filter) && annals_filter_is_empty (self->filter))
    return;

  old_n = visible_count (self);
  g_signal_emit (self, signals[ROWS_REPLACING], 0, self->records->len);
  g_clear_pointer (&self->filter, annals_filter_free);
  if (!annals_filter_is_empty (filter))
    self->filter = annals_filter_copy (filter);

  rebuild_visible (self);
  emit_changed (self, 0, old_n, visible_count (self));
  g_signal_emit (self, signals[ROWS_REPLACED], 0);
}

const AnnalsFilter *
annals_event_store_get_filter (AnnalsEventStore *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), NULL);

  return self->filter;
}

guint
annals_event_store_get_n_total (AnnalsEventStore *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);

  return self->records->len;
}

guint
annals_event_store_get_n_events (AnnalsEventStore *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);

  return visible_count (self);
}

guint
annals_event_store_get_n_dated (AnnalsEventStore *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);

  return self->n_dated;
}

const AnnalsEventRecord *
annals_event_store_get_record (AnnalsEventStore *self,
                               guint             position)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (position < visible_count (self), NULL);

  return visible_record (self, position);
}

const AnnalsEventRecord *
annals_event_store_peek_records (AnnalsEventStore *self,
                                 guint            *n_records)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (n_records != NULL, NULL);

  if (self->visible != NULL || self->records->len == 0)
    {
      *n_records = 0;
      return NULL;
    }

  *n_records = self->records->len;

  return (const AnnalsEventRecord *) self->records->data;
}

const char *
annals_event_store_get_title (AnnalsEventStore *self,
                              guint             position)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (position < visible_count (self), NULL);

  return (const char *) self->titles->data + visible_record (self, position)->title;
}

static AnnalsEvent *
event_from_record (AnnalsEventStore        *self,
                   const AnnalsEventRecord *record)
{
  AnnalsEvent *event = annals_event_new (NULL, (const char *) self->titles->data + record->title);
  char code[3];

  annals_event_set_kind (event, record->kind);
  annals_event_set_status (event, record->status);
  annals_country_unpack (record->host_country, code);
  annals_event_set_host_country (event, code);

  if (record->first_day != ANNALS_DAY_UNDATED)
    {
      AnnalsDate start = { 0 };
      int year, month, day;

      annals_days_to_civil (record->first_day, &year, &month, &day);
      if (record->start_precision == ANNALS_PRECISION_YEAR)
        annals_date_set_year (&start, year);
      else if (record->start_precision == ANNALS_PRECISION_MONTH)
        annals_date_set_month (&start, year, month);
      else
        annals_date_set_day (&start, year, month, day);
      annals_event_set_start (event, &start);
    }

  return event;
}

AnnalsEvent *
annals_event_store_get_event (AnnalsEventStore *self,
                              guint             position)
{
  const AnnalsEventRecord *record;
  AnnalsEvent *event;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (position < visible_count (self), NULL);

  record = visible_record (self, position);

  if (self->load_func == NULL && record->key < self->owned->len)
    return g_object_ref (g_ptr_array_index (self->owned, record->key));

  event = g_hash_table_lookup (self->live, GUINT_TO_POINTER (record->key));
  if (event != NULL)
    return g_object_ref (event);

  if (self->load_func != NULL)
    {
      event = self->load_func (self->load_data, record->key, &error);
      self->n_loaded++;
    }

  if (event == NULL)
    {
      /* The row is still shown, with what the index knows of it. */
      if (error != NULL)
        g_debug ("Could not load event %u: %s", record->key, error->message);
      event = event_from_record (self, record);
    }

  g_object_set_qdata (G_OBJECT (event), key_quark, GUINT_TO_POINTER (record->key + 1));
  g_hash_table_insert (self->live, GUINT_TO_POINTER (record->key), event);
  g_object_weak_ref (G_OBJECT (event), on_live_event_finalized, self);

  return event;
}

static int
compare_key_entries (const void *a,
                     const void *b)
{
  const KeyEntry *ka = a;
  const KeyEntry *kb = b;

  return ka->key < kb->key ? -1 : ka->key > kb->key;
}

int
annals_event_store_find_key (AnnalsEventStore *self,
                             guint32           key)
{
  KeyEntry needle = { key, 0 };
  const KeyEntry *found;
  guint lo = 0, hi;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), -1);

  if (self->key_index == NULL)
    {
      self->key_index = g_array_sized_new (FALSE, FALSE, sizeof (KeyEntry), self->records->len);
      for (guint i = 0; i < self->records->len; i++)
        {
          KeyEntry entry = { g_array_index (self->records, AnnalsEventRecord, i).key, i };
          g_array_append_val (self->key_index, entry);
        }
      qsort (self->key_index->data, self->key_index->len, sizeof (KeyEntry), compare_key_entries);
    }

  found = bsearch (&needle, self->key_index->data, self->key_index->len,
                   sizeof (KeyEntry), compare_key_entries);
  if (found == NULL)
    return -1;

  if (self->visible == NULL)
    return (int) found->index;

  hi = self->visible->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 index = g_array_index (self->visible, guint32, mid);

      if (index == found->index)
        return (int) mid;
      if (index < found->index)
        lo = mid + 1;
      else
        hi = mid;
    }

  return -1;
}

guint32
annals_event_store_get_event_key (AnnalsEvent *event)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (event), G_MAXUINT32);

  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (event), key_quark)) - 1;
}

int
annals_event_store_find_event (AnnalsEventStore *self,
                               AnnalsEvent      *event)
{
  gpointer data;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), -1);
  g_return_val_if_fail (ANNALS_IS_EVENT (event), -1);

  data = g_object_get_qdata (G_OBJECT (event), key_quark);
  if (data == NULL)
    return -1;

  return annals_event_store_find_key (self, GPOINTER_TO_UINT (data) - 1);
}

void
annals_event_store_find_range (AnnalsEventStore *self,
                               gint32            from_day,
                               gint32            to_day,
                               guint            *first,
                               guint            *last)
{
  guint lo, hi, start, end;

  g_return_if_fail (ANNALS_IS_EVENT_STORE (self));
  g_return_if_fail (first != NULL && last != NULL);

  /* end: the first row that starts at or after to_day. */
  lo = 0;
  hi = self->n_dated;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (visible_record (self, mid)->first_day < to_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  end = lo;

  /* start: the first row by which some event reaches past from_day. */
  lo = 0;
  hi = end;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->max_end, gint32, mid) <= from_day)
        lo = mid + 1;
      else
        hi = mid;
    }
  start = lo;

  *first = start;
  *last = MAX (start, end);
}

gboolean
annals_event_store_get_span (AnnalsEventStore *self,
                             gint32           *first_day,
                             gint32           *end_day)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), FALSE);

  if (self->n_dated == 0)
    return FALSE;

  if (first_day != NULL)
    *first_day = visible_record (self, 0)->first_day;
  if (end_day != NULL)
    *end_day = g_array_index (self->max_end, gint32, self->n_dated - 1);

  return TRUE;
}

guint64
annals_event_store_get_n_loaded (AnnalsEventStore *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);

  return self->n_loaded;
}

gsize
annals_event_store_get_index_size (AnnalsEventStore *self)
{
  gsize size;

  g_return_val_if_fail (ANNALS_IS_EVENT_STORE (self), 0);

  size = (gsize) self->records->len * sizeof (AnnalsEventRecord) +
         self->titles->len +
         (gsize) self->max_end->len * sizeof (gint32);
  if (self->visible != NULL)
    size += (gsize) self->visible->len * sizeof (guint32);
  if (self->key_index != NULL)
    size += (gsize) self->key_index->len * sizeof (KeyEntry);

  return size;
}
