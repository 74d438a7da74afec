/* test-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "annals-model.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static AnnalsEvent *
make_event (const char      *title,
            const char      *start,
            const char      *end,
            AnnalsEventKind  kind,
            const char      *host)
{
  AnnalsEvent *event = annals_event_new (title, title);
  AnnalsDate date;

  if (start != NULL)
    {
      g_assert_true (annals_date_parse (&date, start, NULL));
      annals_event_set_start (event, &date);
    }
  if (end != NULL)
    {
      g_assert_true (annals_date_parse (&date, end, NULL));
      annals_event_set_end (event, &date);
    }
  annals_event_set_kind (event, kind);
  annals_event_set_host_country (event, host);

  return event;
}

static AnnalsEventStore *
make_sample_store (void)
{
  AnnalsEventStore *store = annals_event_store_new ();
  struct {
    const char *title, *start, *end;
    AnnalsEventKind kind;
    const char *host;
  } events[] = {
    { "Peaceful Mission 2023", "2023", NULL, ANNALS_EVENT_KIND_EXERCISE, "RU" },
    { "Trumpet of Peace Festival", NULL, NULL, ANNALS_EVENT_KIND_FESTIVAL, NULL },
    { "SCO Defence Ministers' Meeting", "2022-08", NULL, ANNALS_EVENT_KIND_MEETING, "UZ" },
    { "Vostok 2022", "2022-09-01", "2022-09-07", ANNALS_EVENT_KIND_EXERCISE, "RU" },
    { "Next SCO Defence Ministers' Meeting", "2023", NULL, ANNALS_EVENT_KIND_MEETING, "IN" },
  };

  annals_event_store_begin_update (store);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(AnnalsEvent) event = make_event (events[i].title, events[i].start, events[i].end,
                                                 events[i].kind, events[i].host);
      annals_event_store_append_event (store, event);
    }
  annals_event_store_end_update (store);

  return store;
}

static void
test_time_order (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  const char *expected[] = {
    "SCO Defence Ministers' Meeting", "Vostok 2022", "Peaceful Mission 2023",
    "Next SCO Defence Ministers' Meeting", "Trumpet of Peace Festival",
  };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
  g_assert_cmpuint (annals_event_store_get_n_dated (store), ==, 4);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == ANNALS_TYPE_EVENT);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AnnalsEvent) event = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (annals_event_store_get_title (store, i), ==, expected[i]);
      g_assert_cmpstr (annals_event_get_title (event), ==, expected[i]);
      g_assert_cmpint (annals_event_store_find_event (store, event), ==, (int) i);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 5));
}

/* Records in key order, as a database reads them, are sorted by time
 * through another path than records in any order: both give the same
 * order, ties by key, over days of every sign and undated records. */
static void
test_time_order_large (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(AnnalsEventStore) in_key_order = annals_event_store_new ();
  g_autoptr(AnnalsEventStore) shuffled = annals_event_store_new ();
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (AnnalsEventRecord));
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    {
      AnnalsEventRecord record = { 0, };

      record.key = i + 1;
      if (g_rand_int_range (rand, 0, 20) == 0)
        record.first_day = ANNALS_DAY_UNDATED;
      else
        {
          /* Few distinct days, so that many ties fall to the key. */
          record.first_day = g_rand_int_range (rand, -800, 800) * 4500;
          record.end_day = record.first_day + g_rand_int_range (rand, 1, 3);
        }
      g_array_append_val (records, record);
    }

  annals_event_store_begin_update (in_key_order);
  for (guint i = 0; i < n; i++)
    annals_event_store_append_record (in_key_order, &g_array_index (records, AnnalsEventRecord, i), "x");
  annals_event_store_end_update (in_key_order);

  annals_event_store_begin_update (shuffled);
  for (guint i = 0; i < n; i++)
    {
      guint j = (i * 7919) % n;   /* 7919 is prime to n: a permutation */

      annals_event_store_append_record (shuffled, &g_array_index (records, AnnalsEventRecord, j), "x");
    }
  annals_event_store_end_update (shuffled);

  for (guint i = 0; i < n; i++)
    {
      const AnnalsEventRecord *a = annals_event_store_get_record (in_key_order, i);
      const AnnalsEventRecord *b = annals_event_store_get_record (shuffled, i);

      g_assert_cmpuint (a->key, ==, b->key);
      if (i > 0)
        {
          const AnnalsEventRecord *previous = annals_event_store_get_record (in_key_order, i - 1);

          g_assert_true (previous->first_day < a->first_day ||
                         (previous->first_day == a->first_day &&
                          (previous->end_day < a->end_day ||
                           (previous->end_day == a->end_day && previous->key < a->key))));
        }
    }
}

static void
record_signal (GPtrArray  *log,
               const char *name,
               GListModel *model)
{
  g_ptr_array_add (log, g_strdup_printf ("%s %u", name, g_list_model_get_n_items (model)));
}

static void
on_rows_replacing (AnnalsEventStore *store,
                   guint             n_added_max,
                   GPtrArray        *log)
{
  record_signal (log, "replacing", G_LIST_MODEL (store));
  g_ptr_array_add (log, g_strdup_printf ("at most %u", n_added_max));
}

static void
on_items_changed_log (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GPtrArray  *log)
{
  record_signal (log, "changed", model);
}

static void
on_rows_replaced (AnnalsEventStore *store,
                  GPtrArray        *log)
{
  record_signal (log, "replaced", G_LIST_MODEL (store));
}

/* A view is told before the rows change all at once, while the store
 * still holds the old rows, and after: for an update and for a filter. */
static void
test_rows_replacing (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  AnnalsFilter *filter = annals_filter_new ();
  AnnalsEventRecord record = { 0, };

  g_signal_connect (store, "rows-replacing", G_CALLBACK (on_rows_replacing), log);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_log), log);
  g_signal_connect (store, "rows-replaced", G_CALLBACK (on_rows_replaced), log);

  annals_event_store_begin_update (store);
  record.key = 1;
  record.first_day = 100;
  record.end_day = 101;
  annals_event_store_append_record (store, &record, "One");
  record.key = 2;
  annals_event_store_append_record (store, &record, "Two");
  annals_event_store_end_update (store);

  annals_filter_set_keys (filter, (const guint32[]) { 1 }, 1);
  annals_event_store_set_filter (store, filter);
  annals_filter_free (filter);

  g_ptr_array_add (log, NULL);
  joined = g_strjoinv (", ", (char **) log->pdata);
  g_assert_cmpstr (joined, ==,
                   "replacing 5, at most 2, changed 2, replaced 2, "
                   "replacing 2, at most 2, changed 1, replaced 1");
}

static void
test_range_query (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  gint32 from = annals_days_from_civil (2022, 9, 5);
  gint32 to = annals_days_from_civil (2022, 9, 6);
  guint first, last, hits = 0;
  gint32 span_first, span_end;

  /* Only Vostok (1-7 September) overlaps 5 September; the August meeting
   * ends before it and the 2023 events start after. */
  annals_event_store_find_range (store, from, to, &first, &last);
  for (guint i = first; i < last; i++)
    if (annals_event_record_overlaps (annals_event_store_get_record (store, i), from, to))
      {
        g_assert_cmpstr (annals_event_store_get_title (store, i), ==, "Vostok 2022");
        hits++;
      }
  g_assert_cmpuint (hits, ==, 1);
  g_assert_cmpuint (first, ==, 1);

  annals_event_store_find_range (store, annals_days_from_civil (1990, 1, 1),
                                 annals_days_from_civil (1991, 1, 1), &first, &last);
  g_assert_cmpuint (first, ==, last);

  g_assert_true (annals_event_store_get_span (store, &span_first, &span_end));
  g_assert_cmpint (span_first, ==, annals_days_from_civil (2022, 8, 1));
  g_assert_cmpint (span_end, ==, annals_days_from_civil (2024, 1, 1));
}

static void
test_range_query_random (void)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  annals_event_store_begin_update (store);
  for (guint i = 0; i < 5000; i++)
    {
      AnnalsEventRecord record = { 0 };

      record.first_day = g_rand_int_range (rand, 0, 20000);
      record.end_day = record.first_day + (g_rand_boolean (rand) ? 1 : g_rand_int_range (rand, 1, 2000));
      record.key = i;
      record.kind = (guint8) g_rand_int_range (rand, 0, ANNALS_N_EVENT_KINDS);
      annals_event_store_append_record (store, &record, "event");
    }
  annals_event_store_end_update (store);

  for (guint q = 0; q < 200; q++)
    {
      gint32 from = g_rand_int_range (rand, -100, 21000);
      gint32 to = from + g_rand_int_range (rand, 1, 3000);
      guint first, last, in_range = 0, brute = 0;

      annals_event_store_find_range (store, from, to, &first, &last);
      for (guint i = first; i < last; i++)
        in_range += annals_event_record_overlaps (annals_event_store_get_record (store, i), from, to);
      for (guint i = 0; i < annals_event_store_get_n_events (store); i++)
        brute += annals_event_record_overlaps (annals_event_store_get_record (store, i), from, to);

      g_assert_cmpuint (in_range, ==, brute);
    }
}

static void
test_minimal_changes (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  g_autoptr(AnnalsEvent) event = make_event ("Zapad 2021", "2021", NULL, ANNALS_EVENT_KIND_EXERCISE, "BY");
  g_autoptr(AnnalsEvent) later = make_event ("Tsentr 2023", "2023-09", NULL, ANNALS_EVENT_KIND_EXERCISE, "RU");
  Change change = { 0 };

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &change);

  annals_event_store_add_event (store, event);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* Rebuilding with one more row late in time touches only the tail. */
  annals_event_store_begin_update (store);
  for (guint i = 0; i < annals_event_store_get_n_events (store); i++)
    {
      g_autoptr(AnnalsEvent) item = annals_event_store_get_event (store, i);
      annals_event_store_append_event (store, item);
    }
  annals_event_store_append_event (store, later);
  annals_event_store_end_update (store);

  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 5);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpstr (annals_event_store_get_title (store, 5), ==, "Tsentr 2023");
}

static void
test_filter (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  g_autoptr(AnnalsFilter) filter = annals_filter_new ();
  Change change = { 0 };
  guint first, last;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &change);

  annals_filter_set_kinds (filter, 1u << ANNALS_EVENT_KIND_MEETING);
  annals_event_store_set_filter (store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (change.removed, ==, 5);
  g_assert_cmpuint (change.added, ==, 2);
  g_assert_cmpuint (annals_event_store_get_n_total (store), ==, 5);

  annals_event_store_find_range (store, annals_days_from_civil (2023, 1, 1),
                                 annals_days_from_civil (2024, 1, 1), &first, &last);
  g_assert_cmpuint (last - first, ==, 1);
  g_assert_cmpstr (annals_event_store_get_title (store, first), ==, "Next SCO Defence Ministers' Meeting");

  annals_filter_set_kinds (filter, 0);
  annals_filter_set_host_country (filter, "RU");
  annals_event_store_set_filter (store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  annals_filter_set_host_country (filter, NULL);
  annals_filter_set_days (filter, annals_days_from_civil (2022, 1, 1), annals_days_from_civil (2023, 1, 1));
  annals_event_store_set_filter (store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  annals_event_store_set_filter (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 5);
}

static void
test_peek_records (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  g_autoptr(AnnalsEventStore) empty = annals_event_store_new ();
  g_autoptr(AnnalsFilter) filter = annals_filter_new ();
  const AnnalsEventRecord *records;
  guint n_records = 99;

  records = annals_event_store_peek_records (store, &n_records);
  g_assert_nonnull (records);
  g_assert_cmpuint (n_records, ==, 5);
  for (guint i = 0; i < n_records; i++)
    g_assert_true (&records[i] == annals_event_store_get_record (store, i));

  g_assert_null (annals_event_store_peek_records (empty, &n_records));
  g_assert_cmpuint (n_records, ==, 0);

  /* Filtered, the visible rows are not contiguous any more. */
  annals_filter_set_kinds (filter, 1u << ANNALS_EVENT_KIND_MEETING);
  annals_event_store_set_filter (store, filter);
  n_records = 99;
  g_assert_null (annals_event_store_peek_records (store, &n_records));
  g_assert_cmpuint (n_records, ==, 0);

  annals_event_store_set_filter (store, NULL);
  records = annals_event_store_peek_records (store, &n_records);
  g_assert_cmpuint (n_records, ==, 5);
  g_assert_cmpint (records[0].first_day, ==, annals_event_store_get_record (store, 0)->first_day);
  g_assert_cmpstr (annals_event_store_get_title (store, 0), ==, "SCO Defence Ministers' Meeting");
}

static void
test_filter_keys (void)
{
  g_autoptr(AnnalsEventStore) store = make_sample_store ();
  g_autoptr(AnnalsFilter) filter = annals_filter_new ();
  g_autoptr(AnnalsEvent) event = annals_event_store_get_event (store, 1);
  guint32 key = annals_event_store_get_event_key (event);

  annals_filter_set_keys (filter, &key, 1);
  annals_event_store_set_filter (store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (annals_event_store_get_title (store, 0), ==, "Vostok 2022");
  g_assert_cmpint (annals_event_store_find_key (store, key), ==, 0);

  /* A search that matches nothing shows nothing, unlike no search. */
  annals_filter_set_keys (filter, NULL, 0);
  g_assert_false (annals_filter_has_keys (filter));
  annals_filter_set_keys (filter, &key, 0);
  g_assert_true (annals_filter_has_keys (filter));
  annals_event_store_set_filter (store, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static AnnalsEvent *
load_event (gpointer   user_data,
            guint32    key,
            GError   **error)
{
  guint *loads = user_data;
  g_autofree char *title = g_strdup_printf ("Loaded %u", key);

  (*loads)++;

  return annals_event_new (NULL, title);
}

static void
test_lazy_objects (void)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  guint loads = 0;

  annals_event_store_set_loader (store, load_event, &loads, NULL);
  annals_event_store_begin_update (store);
  for (guint i = 0; i < 100000; i++)
    {
      AnnalsEventRecord record = { 0 };

      record.first_day = (gint32) (i % 9000);
      record.end_day = record.first_day + 1;
      record.key = i + 1;
      annals_event_store_append_record (store, &record, "Exercise");
    }
  annals_event_store_end_update (store);

  g_assert_cmpuint (loads, ==, 0);
  {
    g_autoptr(AnnalsEvent) a = g_list_model_get_item (G_LIST_MODEL (store), 500);
    g_autoptr(AnnalsEvent) b = g_list_model_get_item (G_LIST_MODEL (store), 500);

    /* The same row gives the same object while it lives. */
    g_assert_true (a == b);
    g_assert_cmpuint (loads, ==, 1);
  }
  {
    g_autoptr(AnnalsEvent) c = g_list_model_get_item (G_LIST_MODEL (store), 500);
    g_assert_cmpuint (loads, ==, 2);
  }

  /* 24-byte records, the titles and the running maximum. */
  g_assert_cmpuint (annals_event_store_get_index_size (store) / 100000, <=, 48);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annals/model/event-store/time-order", test_time_order);
  g_test_add_func ("/annals/model/event-store/time-order-large", test_time_order_large);
  g_test_add_func ("/annals/model/event-store/rows-replacing", test_rows_replacing);
  g_test_add_func ("/annals/model/event-store/range-query", test_range_query);
  g_test_add_func ("/annals/model/event-store/range-query-random", test_range_query_random);
  g_test_add_func ("/annals/model/event-store/minimal-changes", test_minimal_changes);
  g_test_add_func ("/annals/model/event-store/filter", test_filter);
  g_test_add_func ("/annals/model/event-store/filter-keys", test_filter_keys);
  g_test_add_func ("/annals/model/event-store/peek-records", test_peek_records);
  g_test_add_func ("/annals/model/event-store/lazy-objects", test_lazy_objects);

  return g_test_run ();
}
