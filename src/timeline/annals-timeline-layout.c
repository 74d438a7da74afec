/* annals-timeline-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-timeline-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "annals-timeline-layout.h"

/* Lanes with more candidate events than this many per bin of the width are
 * drawn from counts per bin (binary searches), never event by event. */
#define DETAIL_PER_BIN      3
/* Events longer than this many days (ranges, dates known to the year) are
 * also kept in one list per lane, to find those that began long before
 * the visible range without scanning everything since. */
#define SHORT_DURATION      31
#define LONG_SCAN_LIMIT     4096
#define AGGREGATE_BIN_WIDTH 40.0
#define MARK_GAP            6.0
#define LABEL_GAP           4.0
#define LABEL_MAX_WIDTH     400.0
#define LABEL_MIN_WIDTH     40.0
#define CHIP_PADDING        26.0
#define CHIP_SPACING        8.0

typedef struct
{
  gint32  first_day;
  guint32 position;
} Entry;

typedef struct
{
  guint16  key;
  guint32  min_key;
  guint    count;
  char    *name;
  /* Dated events of the lane, one time-sorted array per kind. */
  GArray  *entries[ANNALS_N_EVENT_KINDS];
  gint32   max_duration[ANNALS_N_EVENT_KINDS];
  /* The end days of the same events, sorted: how many of those that began
   * before a day still go on is two binary searches. */
  GArray  *end_days[ANNALS_N_EVENT_KINDS];
  guint    n_sorted_end_days[ANNALS_N_EVENT_KINDS];
  /* Where the last frame found its first candidates and the end of the
   * events that began before it: hints for the next frame. */
  guint    first_hint[ANNALS_N_EVENT_KINDS];
  guint    ended_hint[ANNALS_N_EVENT_KINDS];
  /* The events longer than SHORT_DURATION, whatever their kind. */
  GArray  *long_entries;
  gint32   max_long_duration;
} LaneIndex;

struct _AnnalsTimelineLayout
{
  PangoContext     *context;
  PangoLayout      *measure_layout;
  GHashTable       *label_widths;
  GHashTable       *text_sizes;

  /* The index, rebuilt when the store or the grouping changes. */
  AnnalsEventStore *store;
  AnnalsGroupBy     group_by;
  GPtrArray        *lane_index;
  GHashTable       *country_lanes;
  int               kind_lanes[ANNALS_N_EVENT_KINDS];
  LaneIndex       **lanes_by_key;
  guint             build_position;
  guint             index_budget;
  guint             index_valid : 1;
  guint             building : 1;

  /* The frame. */
  AnnalsTimeScale   scale;
  double            width;
  double            height;
  double            lanes_top;
  double            lanes_bottom;
  double            lanes_height;
  double            shelf_y;
  GArray           *lanes;
  GArray           *marks;
  GArray           *ticks;
  GArray           *chips;
  guint             n_undated_hidden;
};

static void
lane_index_free (gpointer data)
{
  LaneIndex *lane = data;

  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      g_clear_pointer (&lane->entries[k], g_array_unref);
      g_clear_pointer (&lane->end_days[k], g_array_unref);
    }
  g_clear_pointer (&lane->long_entries, g_array_unref);
  g_free (lane->name);
  g_free (lane);
}

static void
clear_lane (gpointer data)
{
  AnnalsTimelineLane *lane = data;

  g_clear_pointer (&lane->name, g_free);
}

static void
clear_tick (gpointer data)
{
  AnnalsTimelineTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  gint32 day_a = *(const gint32 *) a;
  gint32 day_b = *(const gint32 *) b;

  return day_a < day_b ? -1 : (day_a > day_b);
}

/* Sorts the end days appended since the last time (@n_sorted of them
 * were sorted already) and merges them in, so that indexing a large store
 * over several frames stays linear per frame. */
static void
sort_end_days (GArray *end_days,
               guint  *n_sorted)
{
  gint32 *days = (gint32 *) (gpointer) end_days->data;
  guint n = end_days->len;
  guint middle = *n_sorted;
  g_autofree gint32 *merged = NULL;
  guint a = 0;
  guint b = middle;
  guint out = 0;

  if (middle >= n)
    return;

  qsort (days + middle, n - middle, sizeof (gint32), compare_days);
  *n_sorted = n;
  if (middle == 0 || days[middle - 1] <= days[middle])
    return;

  merged = g_new (gint32, n);
  while (a < middle && b < n)
    merged[out++] = days[a] <= days[b] ? days[a++] : days[b++];
  while (a < middle)
    merged[out++] = days[a++];
  while (b < n)
    merged[out++] = days[b++];
  memcpy (days, merged, n * sizeof (gint32));
}

static int
compare_lanes_by_first_appearance (gconstpointer a,
                                   gconstpointer b)
{
  const LaneIndex *lane_a = *(const LaneIndex * const *) a;
  const LaneIndex *lane_b = *(const LaneIndex * const *) b;

  /* Events without a host country go last. */
  if ((lane_a->key == 0) != (lane_b->key == 0))
    return lane_a->key == 0 ? 1 : -1;
  if (lane_a->min_key != lane_b->min_key)
    return lane_a->min_key < lane_b->min_key ? -1 : 1;
  return (int) lane_a->key - (int) lane_b->key;
}

static int
compare_lanes_by_key (gconstpointer a,
                      gconstpointer b)
{
  const LaneIndex *lane_a = *(const LaneIndex * const *) a;
  const LaneIndex *lane_b = *(const LaneIndex * const *) b;

  return (int) lane_a->key - (int) lane_b->key;
}

static int
lane_for_record (AnnalsTimelineLayout    *self,
                 const AnnalsEventRecord *record)
{
  switch (self->group_by)
    {
    case ANNALS_GROUP_BY_COUNTRY:
      {
        gpointer value;

        if (g_hash_table_lookup_extended (self->country_lanes,
                                          GUINT_TO_POINTER (record->host_country),
                                          NULL, &value))
          return GPOINTER_TO_INT (value);
        return -1;
      }

    case ANNALS_GROUP_BY_KIND:
      return record->kind < ANNALS_N_EVENT_KINDS ? self->kind_lanes[record->kind] : -1;

    case ANNALS_GROUP_BY_NONE:
    default:
      return self->lane_index->len > 0 ? 0 : -1;
    }
}

static char *
lane_name (AnnalsGroupBy group_by,
           guint16       key)
{
  switch (group_by)
    {
    case ANNALS_GROUP_BY_COUNTRY:
      {
        char code[3];
        const char *name;

        if (key == 0)
          return g_strdup (_("No Host Country"));

        annals_country_unpack (key, code);
        name = annals_country_get_name (code);
        return g_strdup (name != NULL ? name : code);
      }

    case ANNALS_GROUP_BY_KIND:
      return g_strdup (annals_event_kind_get_label (key));

    case ANNALS_GROUP_BY_NONE:
    default:
      return g_strdup (_("All Events"));
    }
}

static void
begin_index (AnnalsTimelineLayout *self)
{
  g_ptr_array_set_size (self->lane_index, 0);
  g_hash_table_remove_all (self->country_lanes);
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    self->kind_lanes[k] = -1;
  g_clear_pointer (&self->lanes_by_key, g_free);
  self->build_position = 0;
  self->building = FALSE;
  self->index_valid = self->store == NULL;

  if (self->store == NULL)
    return;

  /* Lane keys are 16 bits: a direct table beats hashing a million times. */
  self->lanes_by_key = g_new0 (LaneIndex *, G_MAXUINT16 + 1);
  self->building = TRUE;
}

/* Indexes up to @limit more rows (0: all that are left). Rows come in time
 * order, so every array stays sorted and a partial index can be drawn. */
static void
continue_index (AnnalsTimelineLayout *self,
                guint                 limit)
{
  guint n_dated = annals_event_store_get_n_dated (self->store);
  guint end = limit > 0 ? MIN (n_dated, self->build_position + limit) : n_dated;

  /* Undated events have no place on a lane: they sit on the shelf. */
  for (guint i = self->build_position; i < end; i++)
    {
      const AnnalsEventRecord *record = annals_event_store_get_record (self->store, i);
      guint kind = MIN (record->kind, ANNALS_EVENT_KIND_OTHER);
      Entry entry = { record->first_day, i };
      gint32 duration = record->end_day - record->first_day;
      guint16 key;
      LaneIndex *lane;

      if (record->first_day == ANNALS_DAY_UNDATED)
        continue;

      switch (self->group_by)
        {
        case ANNALS_GROUP_BY_COUNTRY:
          key = record->host_country;
          break;
        case ANNALS_GROUP_BY_KIND:
          key = kind;
          break;
        case ANNALS_GROUP_BY_NONE:
        default:
          key = 0;
          break;
        }

      lane = self->lanes_by_key[key];
      if (lane == NULL)
        {
          lane = g_new0 (LaneIndex, 1);
          lane->key = key;
          lane->min_key = G_MAXUINT32;
          lane->name = lane_name (self->group_by, key);
          self->lanes_by_key[key] = lane;
          g_ptr_array_add (self->lane_index, lane);
        }

      lane->count++;
      lane->min_key = MIN (lane->min_key, record->key);

      if (lane->entries[kind] == NULL)
        {
          lane->entries[kind] = g_array_new (FALSE, FALSE, sizeof (Entry));
          lane->end_days[kind] = g_array_new (FALSE, FALSE, sizeof (gint32));
        }
      g_array_append_val (lane->entries[kind], entry);
      g_array_append_val (lane->end_days[kind], record->end_day);

      if (duration > SHORT_DURATION)
        {
          if (lane->long_entries == NULL)
            lane->long_entries = g_array_new (FALSE, FALSE, sizeof (Entry));
          g_array_append_val (lane->long_entries, entry);
          lane->max_long_duration = MAX (lane->max_long_duration, duration);
        }
      else
        {
          lane->max_duration[kind] = MAX (lane->max_duration[kind], duration);
        }
    }
  self->build_position = end;

  for (guint i = 0; i < self->lane_index->len; i++)
    {
      LaneIndex *lane = g_ptr_array_index (self->lane_index, i);

      for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
        if (lane->end_days[k] != NULL)
          sort_end_days (lane->end_days[k], &lane->n_sorted_end_days[k]);
    }

  /* Kind lanes follow the order of the kinds; country lanes the order in
   * which the sources first name them. */
  if (self->group_by == ANNALS_GROUP_BY_KIND)
    g_ptr_array_sort (self->lane_index, compare_lanes_by_key);
  else
    g_ptr_array_sort (self->lane_index, compare_lanes_by_first_appearance);

  g_hash_table_remove_all (self->country_lanes);
  for (guint i = 0; i < self->lane_index->len; i++)
    {
      LaneIndex *lane = g_ptr_array_index (self->lane_index, i);

      if (self->group_by == ANNALS_GROUP_BY_COUNTRY)
        g_hash_table_insert (self->country_lanes, GUINT_TO_POINTER (lane->key), GINT_TO_POINTER (i));
      else if (self->group_by == ANNALS_GROUP_BY_KIND)
        self->kind_lanes[lane->key] = (int) i;
    }

  if (end >= n_dated)
    {
      g_clear_pointer (&self->lanes_by_key, g_free);
      self->building = FALSE;
      self->index_valid = TRUE;
    }
}

/* The first entry at or after @index whose day is >= @day. */
static guint
lower_bound (GArray *entries,
             guint   index,
             double  day)
{
  guint high = entries->len;

  while (index < high)
    {
      guint middle = index + (high - index) / 2;

      if (g_array_index (entries, Entry, middle).first_day < day)
        index = middle + 1;
      else
        high = middle;
    }

  return index;
}

/* The first of @n days (gint32 at the start of records @stride bytes
 * apart, sorted) that is >= @day, or > @day when @after_equal, for an
 * answer likely near @hint: steps of growing size from there, then a
 * binary search in the last one. The answer costs the log of its distance
 * from the hint, and touches little memory: the previous frame's answer
 * is a good hint while panning and zooming, the previous bin's for the
 * next bin. */
static guint
search_near (const void *data,
             gsize       stride,
             guint       n,
             guint       hint,
             double      day,
             gboolean    after_equal)
{
#define DAY_AT(i) ((double) *(const gint32 *) (gconstpointer) ((const guint8 *) data + (gsize) (i) * stride))
#define IS_BEFORE(i) (after_equal ? DAY_AT (i) <= day : DAY_AT (i) < day)
  guint step = 1;
  guint low;
  guint high;

  hint = MIN (hint, n);
  if (hint < n && IS_BEFORE (hint))
    {
      low = hint;
      while (low + step < n && IS_BEFORE (low + step))
        {
          low += step;
          step *= 2;
        }
      high = MIN (low + step, n);
      low++;
    }
  else
    {
      high = hint;
      while (high >= step && !IS_BEFORE (high - step))
        {
          high -= step;
          step *= 2;
        }
      low = high >= step ? high - step + 1 : 0;
    }

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (IS_BEFORE (middle))
        low = middle + 1;
      else
        high = middle;
    }

  return low;
#undef IS_BEFORE
#undef DAY_AT
}

static guint
search_entries (GArray *entries,
                guint   hint,
                double  day)
{
  return search_near (entries->data, sizeof (Entry), entries->len, hint, day, FALSE);
}

static double
measure_label (AnnalsTimelineLayout    *self,
               const AnnalsEventRecord *record,
               const char              *title)
{
  gpointer value;
  int width;

  if (g_hash_table_lookup_extended (self->label_widths, GUINT_TO_POINTER (record->key), NULL, &value))
    return GPOINTER_TO_UINT (value);

  pango_layout_set_attributes (self->measure_layout, NULL);
  pango_layout_set_text (self->measure_layout, title, -1);
  pango_layout_get_pixel_size (self->measure_layout, &width, NULL);
  width = MIN (width, (int) LABEL_MAX_WIDTH);
  g_hash_table_insert (self->label_widths, GUINT_TO_POINTER (record->key), GUINT_TO_POINTER ((guint) width));

  return width;
}

static void
init_event_mark (AnnalsTimelineLayout    *self,
                 AnnalsTimelineMark      *mark,
                 guint                    position,
                 const AnnalsEventRecord *record)
{
  double first = record->first_day;
  double end = record->end_day;

  memset (mark, 0, sizeof *mark);
  mark->position = position;
  mark->count = 1;
  mark->kind = MIN (record->kind, ANNALS_EVENT_KIND_OTHER);
  mark->kind_counts[mark->kind] = 1;
  mark->status = record->status;
  mark->start_precision = record->start_precision;
  mark->end_precision = record->end_precision;
  mark->is_range = record->end_precision != ANNALS_PRECISION_NONE;
  mark->title = annals_event_store_get_title (self->store, position);
  mark->x_start = annals_time_scale_time_to_x (&self->scale, first);
  mark->x_end = annals_time_scale_time_to_x (&self->scale, end);

  /* The dot sits at the most likely point: the day itself, or the middle
   * of the month or year the date is known to. A range starts its bar at
   * its first day. */
  if (mark->is_range)
    mark->x = mark->x_start;
  else if (record->start_precision == ANNALS_PRECISION_DAY)
    mark->x = annals_time_scale_time_to_x (&self->scale, first + 0.5);
  else
    mark->x = (mark->x_start + mark->x_end) / 2.0;
}

static double
mark_radius (const AnnalsTimelineMark *mark)
{
  if (mark->count > 1)
    return mark->count >= 100 ? 14.0 : (mark->count >= 10 ? 11.0 : 9.0);
  return ANNALS_TIMELINE_MARK_RADIUS;
}

static void
mark_extent (const AnnalsTimelineMark *mark,
             double                   *left,
             double                   *right)
{
  double radius = mark_radius (mark);

  *left = mark->x - radius;
  *right = mark->x + radius;
  if (mark->is_range || mark->start_precision != ANNALS_PRECISION_DAY)
    {
      *left = MIN (*left, mark->x_start);
      *right = MAX (*right, mark->x_end);
    }
}

static int
compare_marks_by_x (gconstpointer a,
                    gconstpointer b)
{
  const AnnalsTimelineMark *mark_a = a;
  const AnnalsTimelineMark *mark_b = b;

  if (mark_a->x != mark_b->x)
    return mark_a->x < mark_b->x ? -1 : 1;
  return mark_a->position < mark_b->position ? -1 : (mark_a->position > mark_b->position);
}

static gboolean
is_point_like (const AnnalsTimelineMark *mark)
{
  return mark->count > 1 || mark->x_end - mark->x_start < ANNALS_TIMELINE_CLUSTER_SPACING;
}

static void
add_to_cluster (AnnalsTimelineMark       *cluster,
                const AnnalsTimelineMark *mark)
{
  double total = cluster->count + mark->count;

  cluster->x = (cluster->x * cluster->count + mark->x * mark->count) / total;
  cluster->x_start = MIN (cluster->x_start, mark->x_start);
  cluster->x_end = MAX (cluster->x_end, mark->x_end);
  cluster->count += mark->count;
  cluster->position = MIN (cluster->position, mark->position);
  cluster->is_range = FALSE;
  cluster->title = NULL;
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    cluster->kind_counts[k] += mark->kind_counts[k];
  if (mark->status != cluster->status)
    cluster->status = ANNALS_EVENT_STATUS_UNKNOWN;
}

static void
clamp_into_view (AnnalsTimelineLayout *self,
                 AnnalsTimelineMark   *mark)
{
  double radius = mark_radius (mark);
  double low = MAX (mark->x_start, 0.0) + radius + 2.0;
  double high = MIN (mark->x_end, self->width) - radius - 2.0;

  if (low <= high)
    mark->x = CLAMP (mark->x, low, high);
}

/* Lane events one by one: few enough that each gets its own mark unless
 * closer than the cluster spacing to its neighbour. Events known only to
 * the same month or year share one band with their count. */
static void
collect_detailed (AnnalsTimelineLayout *self,
                  LaneIndex            *lane,
                  const guint          *first,
                  const guint          *last,
                  guint                 long_first,
                  guint                 long_last,
                  GArray               *items)
{
  g_autoptr(GArray) singles = g_array_new (FALSE, FALSE, sizeof (AnnalsTimelineMark));
  gint32 from = (gint32) floor (self->scale.from);
  gint32 to = (gint32) ceil (self->scale.to);
  int cluster = -1;
  double cluster_start = 0.0;
  int period = -1;

  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      for (guint i = first[k]; i < last[k]; i++)
        {
          guint position = g_array_index (lane->entries[k], Entry, i).position;
          const AnnalsEventRecord *record = annals_event_store_get_record (self->store, position);
          AnnalsTimelineMark mark;

          /* Long events come from their own list below. */
          if (record->end_day - record->first_day > SHORT_DURATION ||
              !annals_event_record_overlaps (record, from, to))
            continue;

          init_event_mark (self, &mark, position, record);
          g_array_append_val (singles, mark);
        }
    }

  for (guint i = long_first; i < long_last; i++)
    {
      guint position = g_array_index (lane->long_entries, Entry, i).position;
      const AnnalsEventRecord *record = annals_event_store_get_record (self->store, position);
      AnnalsTimelineMark mark;

      if (!annals_event_record_overlaps (record, from, to))
        continue;

      init_event_mark (self, &mark, position, record);
      g_array_append_val (singles, mark);
    }

  g_array_sort (singles, compare_marks_by_x);

  for (guint i = 0; i < singles->len; i++)
    {
      AnnalsTimelineMark *mark = &g_array_index (singles, AnnalsTimelineMark, i);

      if (!is_point_like (mark))
        {
          /* A band for a month or year: merge with one for the same one. */
          if (!mark->is_range && period >= 0)
            {
              AnnalsTimelineMark *shared = &g_array_index (items, AnnalsTimelineMark, period);

              if (shared->x_start == mark->x_start && shared->x_end == mark->x_end)
                {
                  add_to_cluster (shared, mark);
                  continue;
                }
            }

          g_array_append_val (items, *mark);
          if (!mark->is_range)
            period = items->len - 1;
          continue;
        }

      if (cluster >= 0 && mark->x - cluster_start < ANNALS_TIMELINE_CLUSTER_SPACING)
        {
          add_to_cluster (&g_array_index (items, AnnalsTimelineMark, cluster), mark);
          continue;
        }

      g_array_append_val (items, *mark);
      cluster = items->len - 1;
      cluster_start = mark->x;
    }

  /* A shared band's count goes where the band is visible. */
  for (guint i = 0; i < items->len; i++)
    {
      AnnalsTimelineMark *mark = &g_array_index (items, AnnalsTimelineMark, i);

      if (mark->count > 1 && mark->x_end - mark->x_start >= ANNALS_TIMELINE_CLUSTER_SPACING)
        clamp_into_view (self, mark);
    }
}

/* One event of kind @k that began before @day and still goes on at it,
 * looked for backwards from the last that began before it. */
static gboolean
find_ongoing (AnnalsTimelineLayout *self,
              LaneIndex            *lane,
              guint                 k,
              double                day,
              guint                *position)
{
  GArray *entries = lane->entries[k];
  guint before = lower_bound (entries, 0, day);

  /* Short events first: only the last month's can still go on. */
  for (guint i = before; i > 0; i--)
    {
      const Entry *entry = &g_array_index (entries, Entry, i - 1);
      const AnnalsEventRecord *record = annals_event_store_get_record (self->store, entry->position);

      if (entry->first_day < day - SHORT_DURATION - 1)
        break;
      if (record->end_day > day)
        {
          *position = entry->position;
          return TRUE;
        }
    }

  if (lane->long_entries == NULL)
    return FALSE;

  for (guint i = lower_bound (lane->long_entries, 0, day); i > 0; i--)
    {
      const Entry *entry = &g_array_index (lane->long_entries, Entry, i - 1);
      const AnnalsEventRecord *record = annals_event_store_get_record (self->store, entry->position);

      if (MIN (record->kind, ANNALS_EVENT_KIND_OTHER) == k && record->end_day > day)
        {
          *position = entry->position;
          return TRUE;
        }
    }

  return FALSE;
}

/* Too many events to look at one by one: count them per bin of a fixed
 * grid of time (so that panning does not reshuffle the clusters) with two
 * binary searches per bin and kind. Events that began before the visible
 * range and still go on in it count in the bin at the left edge. */
static void
collect_aggregated (AnnalsTimelineLayout *self,
                    LaneIndex            *lane,
                    const guint          *first,
                    GArray               *items)
{
  double bin_days = AGGREGATE_BIN_WIDTH / annals_time_scale_get_pixels_per_day (&self->scale);
  double first_bin = floor (self->scale.from / bin_days);
  guint n_bins = (guint) ceil (self->scale.to / bin_days - first_bin) + 1;
  g_autofree AnnalsTimelineMark *bins = g_new0 (AnnalsTimelineMark, n_bins);
  guint ongoing = 0;
  guint ongoing_kinds[ANNALS_N_EVENT_KINDS] = { 0, };

  for (guint b = 0; b < n_bins; b++)
    bins[b].position = G_MAXUINT;

  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      GArray *entries = lane->entries[k];
      guint index;

      if (entries == NULL)
        continue;

      index = search_entries (entries, first[k], self->scale.from);

      /* While the index is being built its end days are sorted only up to
       * what was indexed; they are complete once it is. */
      if (lane->n_sorted_end_days[k] == entries->len)
        {
          guint ended = search_near (lane->end_days[k]->data, sizeof (gint32), lane->end_days[k]->len,
                                     lane->ended_hint[k], self->scale.from, TRUE);

          lane->ended_hint[k] = ended;

          if (index > ended)
            {
              bins[0].count += index - ended;
              bins[0].kind_counts[k] += index - ended;
              ongoing += index - ended;
              ongoing_kinds[k] += index - ended;
            }
        }

      for (guint b = 0; b < n_bins && index < entries->len; b++)
        {
          double bin_end = (first_bin + b + 1) * bin_days;
          guint next = search_entries (entries, index, MIN (bin_end, self->scale.to));

          if (next > index)
            {
              guint position = g_array_index (entries, Entry, index).position;

              bins[b].count += next - index;
              bins[b].kind_counts[k] += next - index;
              bins[b].position = MIN (bins[b].position, position);
            }
          index = next;
        }
    }

  /* A bin with only ongoing events still names one of them. */
  if (bins[0].position == G_MAXUINT && ongoing > 0)
    for (guint k = 0; k < ANNALS_N_EVENT_KINDS && bins[0].position == G_MAXUINT; k++)
      if (ongoing_kinds[k] > 0 && !find_ongoing (self, lane, k, self->scale.from, &bins[0].position))
        {
          /* Cannot happen with a complete index; never draw a count
           * without an event behind it. */
          bins[0].count -= ongoing_kinds[k];
          bins[0].kind_counts[k] = 0;
        }

  /* A bin cut by an edge is drawn in view; where that would put it on
   * its neighbour, it joins the neighbour instead. */
  for (guint b = 0; b < n_bins; b++)
    {
      double x = annals_time_scale_time_to_x (&self->scale, (first_bin + b + 0.5) * bin_days);
      guint neighbour;

      if (bins[b].count == 0)
        continue;
      if (x < AGGREGATE_BIN_WIDTH / 2.0 && b + 1 < n_bins)
        neighbour = b + 1;
      else if (x > self->width - AGGREGATE_BIN_WIDTH / 2.0 && b > 0)
        neighbour = b - 1;
      else
        continue;
      if (bins[neighbour].count == 0)
        continue;

      bins[neighbour].count += bins[b].count;
      bins[neighbour].position = MIN (bins[neighbour].position, bins[b].position);
      for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
        bins[neighbour].kind_counts[k] += bins[b].kind_counts[k];
      bins[b].count = 0;
    }

  for (guint b = 0; b < n_bins; b++)
    {
      AnnalsTimelineMark *bin = &bins[b];

      if (bin->count == 0)
        continue;

      if (bin->count == 1)
        {
          AnnalsTimelineMark mark;

          init_event_mark (self, &mark, bin->position,
                           annals_event_store_get_record (self->store, bin->position));
          g_array_append_val (items, mark);
        }
      else
        {
          bin->x = annals_time_scale_time_to_x (&self->scale, (first_bin + b + 0.5) * bin_days);
          bin->status = ANNALS_EVENT_STATUS_UNKNOWN;
          bin->kind = ANNALS_EVENT_KIND_OTHER;
          for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
            if (bin->kind_counts[k] > bin->kind_counts[bin->kind])
              bin->kind = k;

          /* Bins cut by an edge hold events in view (and the left one
           * those that go on there): their count stays in view. */
          bin->x = CLAMP (bin->x, mark_radius (bin) + 2.0, self->width - mark_radius (bin) - 2.0);
          bin->x_start = bin->x;
          bin->x_end = bin->x;
          g_array_append_val (items, *bin);
        }
    }
}

/* A label cut short is cut in steps, so that its rendered picture is
 * found again in the painter's cache as the view moves. */
static double
shorten_label (double available)
{
  return floor (available / 16.0) * 16.0;
}

/* Stacks marks into rows and places each label right of its mark, in the
 * mark's row, shortening or dropping it rather than letting it overlap. */
static guint
place_points (AnnalsTimelineLayout *self,
              GArray               *items)
{
  double row_end[ANNALS_TIMELINE_MAX_ROWS];
  double row_mark_end[ANNALS_TIMELINE_MAX_ROWS];
  int row_last[ANNALS_TIMELINE_MAX_ROWS];
  guint n_rows = 0;

  for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS; r++)
    {
      row_end[r] = -G_MAXDOUBLE;
      row_mark_end[r] = -G_MAXDOUBLE;
      row_last[r] = -1;
    }

  for (guint i = 0; i < items->len; i++)
    {
      AnnalsTimelineMark *mark = &g_array_index (items, AnnalsTimelineMark, i);
      double left;
      double right;
      double previous_end;
      double covered_end;
      int row = -1;

      if (mark->is_range)
        continue;

      mark_extent (mark, &left, &right);

      for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS && row < 0; r++)
        if (row_end[r] + MARK_GAP <= left)
          row = r;

      /* No free row: take one whose last label can give way. */
      for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS && row < 0; r++)
        if (row_mark_end[r] + MARK_GAP <= left)
          row = r;

      if (row < 0)
        {
          row = 0;
          for (guint r = 1; r < ANNALS_TIMELINE_MAX_ROWS; r++)
            if (row_mark_end[r] < row_mark_end[row])
              row = r;
        }

      previous_end = row_mark_end[row];
      if (row_last[row] >= 0)
        {
          AnnalsTimelineMark *previous = &g_array_index (items, AnnalsTimelineMark, row_last[row]);

          if (previous->label_width > 0 && previous->label_x + previous->label_width + MARK_GAP > left)
            {
              double available = left - MARK_GAP - previous->label_x;

              available = shorten_label (available);
              previous->label_width = available >= LABEL_MIN_WIDTH ? available : 0;
            }
          if (previous->label_width > 0)
            previous_end = MAX (previous_end, previous->label_x + previous->label_width);
        }

      /* Marks earlier in the row may reach past this one (long bars):
       * a label never goes over them. */
      covered_end = row_mark_end[row];

      mark->row = row;
      mark->label_width = 0;
      mark->label_x = right + LABEL_GAP;
      row_mark_end[row] = MAX (row_mark_end[row], right);
      row_end[row] = row_mark_end[row];
      row_last[row] = i;
      n_rows = MAX (n_rows, (guint) row + 1);

      if (mark->count == 1 && mark->title != NULL && mark->title[0] != '\0' &&
          mark->label_x < self->width && covered_end + MARK_GAP <= left)
        {
          double width = measure_label (self,
                                        annals_event_store_get_record (self->store, mark->position),
                                        mark->title);

          double room = self->width - 2.0 - mark->label_x;

          if (width > room && left - LABEL_GAP - width >= 2.0 &&
              previous_end + MARK_GAP <= left - LABEL_GAP - width)
            {
              /* No room before the right edge: the label goes left of
               * its mark, where the row is free. */
              mark->label_x = left - LABEL_GAP - width;
              mark->label_width = width;
            }
          else if (width <= room || shorten_label (room) >= LABEL_MIN_WIDTH)
            {
              mark->label_width = width <= room ? width : shorten_label (room);
              row_end[row] = mark->label_x + mark->label_width;
            }
        }
    }

  return n_rows;
}


typedef struct
{
  double left;
  double right;
} Span;

static gboolean
row_is_free (GArray *spans,
             double  left,
             double  right)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->left < right + MARK_GAP && left < span->right + MARK_GAP)
        return FALSE;
    }

  return TRUE;
}

static void
add_span (GArray *spans,
          double  left,
          double  right)
{
  Span span = { left, right };

  g_array_append_val (spans, span);
}

/* Points and clusters take rows first, so that long bars never hide
 * them or their labels; bars then go where a row is free, else under
 * the other marks of the least busy row, without a label. */
static guint
place_rows (AnnalsTimelineLayout *self,
            GArray               *items)
{
  GArray *spans[ANNALS_TIMELINE_MAX_ROWS];
  guint n_rows = place_points (self, items);

  for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS; r++)
    spans[r] = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = 0; i < items->len; i++)
    {
      AnnalsTimelineMark *mark = &g_array_index (items, AnnalsTimelineMark, i);
      double left;
      double right;

      if (mark->is_range)
        continue;

      mark_extent (mark, &left, &right);
      add_span (spans[mark->row], left, right);
      if (mark->label_width > 0)
        add_span (spans[mark->row], mark->label_x, mark->label_x + mark->label_width);
    }

  for (guint i = 0; i < items->len; i++)
    {
      AnnalsTimelineMark *mark = &g_array_index (items, AnnalsTimelineMark, i);
      double left;
      double right;
      int row = -1;

      if (!mark->is_range)
        continue;

      mark_extent (mark, &left, &right);
      mark->label_width = 0;
      mark->label_x = right + LABEL_GAP;

      for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS && row < 0; r++)
        if (row_is_free (spans[r], left, right))
          row = r;

      if (row >= 0)
        {
          if (mark->title != NULL && mark->title[0] != '\0' && mark->label_x < self->width)
            {
              double width = measure_label (self,
                                            annals_event_store_get_record (self->store, mark->position),
                                            mark->title);

              if (width > self->width - 2.0 - mark->label_x)
                width = shorten_label (self->width - 2.0 - mark->label_x);
              if (width >= LABEL_MIN_WIDTH &&
                  row_is_free (spans[row], mark->label_x, mark->label_x + width))
                {
                  mark->label_width = width;
                  add_span (spans[row], mark->label_x, mark->label_x + width);
                }
            }
        }
      else
        {
          row = 0;
          for (guint r = 1; r < ANNALS_TIMELINE_MAX_ROWS; r++)
            if (spans[r]->len < spans[row]->len)
              row = r;
          mark->under = TRUE;
        }

      mark->row = row;
      add_span (spans[row], left, right);
      n_rows = MAX (n_rows, (guint) row + 1);
    }

  for (guint r = 0; r < ANNALS_TIMELINE_MAX_ROWS; r++)
    g_array_unref (spans[r]);

  return MAX (n_rows, 1);
}

static void
layout_lanes (AnnalsTimelineLayout *self,
              double                lane_scroll)
{
  double y = self->lanes_top - lane_scroll;
  double total = 0.0;
  guint n_bins = (guint) ceil (self->width / AGGREGATE_BIN_WIDTH) + 2;

  for (guint l = 0; l < self->lane_index->len; l++)
    {
      LaneIndex *index = g_ptr_array_index (self->lane_index, l);
      AnnalsTimelineLane lane = { 0, };
      guint first[ANNALS_N_EVENT_KINDS] = { 0, };
      guint last[ANNALS_N_EVENT_KINDS] = { 0, };
      guint long_first = 0;
      guint long_last = 0;
      guint n_candidates = 0;
      g_autoptr(GArray) items = NULL;

      lane.key = index->key;
      lane.name = g_strdup (index->name);
      lane.count = index->count;
      lane.y = y;
      lane.n_rows = 1;

      if (y < self->lanes_bottom)
        {
          items = g_array_new (FALSE, FALSE, sizeof (AnnalsTimelineMark));

          for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
            {
              if (index->entries[k] == NULL)
                continue;
              first[k] = search_entries (index->entries[k], index->first_hint[k],
                                         self->scale.from - MIN (index->max_duration[k], SHORT_DURATION));
              last[k] = search_entries (index->entries[k], first[k], self->scale.to);
              index->first_hint[k] = first[k];
              n_candidates += last[k] - first[k];
            }

          /* Long events that began before the range count once per
           * shared period (they are drawn as one band); looking for them
           * stops at a bound. */
          if (index->long_entries != NULL && n_candidates <= n_bins * DETAIL_PER_BIN)
            {
              gint32 previous_first = G_MININT32;
              gint32 from_day = (gint32) floor (self->scale.from);
              gint32 to_day = (gint32) ceil (self->scale.to);

              long_first = lower_bound (index->long_entries, 0, self->scale.from - index->max_long_duration);
              long_last = lower_bound (index->long_entries, long_first, self->scale.to);
              if (long_last - long_first > LONG_SCAN_LIMIT)
                n_candidates = G_MAXUINT;
              else
                for (guint i = long_first; i < long_last; i++)
                  {
                    const Entry *entry = &g_array_index (index->long_entries, Entry, i);
                    const AnnalsEventRecord *record = annals_event_store_get_record (self->store, entry->position);

                    if (!annals_event_record_overlaps (record, from_day, to_day))
                      continue;
                    if (record->end_precision != ANNALS_PRECISION_NONE || record->first_day != previous_first)
                      n_candidates++;
                    previous_first = record->first_day;
                  }
            }

          if (n_candidates <= n_bins * DETAIL_PER_BIN)
            collect_detailed (self, index, first, last, long_first, long_last, items);
          else
            collect_aggregated (self, index, first, items);

          lane.n_rows = place_rows (self, items);

          for (guint i = 0; i < items->len; i++)
            {
              AnnalsTimelineMark *mark = &g_array_index (items, AnnalsTimelineMark, i);

              mark->lane = l;
              mark->y = y + ANNALS_TIMELINE_LANE_HEADER + (mark->row + 0.5) * ANNALS_TIMELINE_ROW_HEIGHT;
            }

          /* Marks of a lane scrolled above the area are not drawn. */
          lane.height = ANNALS_TIMELINE_LANE_HEADER + lane.n_rows * ANNALS_TIMELINE_ROW_HEIGHT + ANNALS_TIMELINE_LANE_PADDING;
          if (y + lane.height > self->lanes_top)
            g_array_append_vals (self->marks, items->data, items->len);
        }

      lane.height = ANNALS_TIMELINE_LANE_HEADER + lane.n_rows * ANNALS_TIMELINE_ROW_HEIGHT + ANNALS_TIMELINE_LANE_PADDING;
      y += lane.height;
      total += lane.height;
      g_array_append_val (self->lanes, lane);
    }

  self->lanes_height = total;
}

static gboolean
place_tick_labels (AnnalsTimelineLayout *self,
                   guint                 first,
                   gboolean              must_fit)
{
  double previous_end = -G_MAXDOUBLE;

  for (guint i = first; i < self->ticks->len; i++)
    {
      AnnalsTimelineTick *tick = &g_array_index (self->ticks, AnnalsTimelineTick, i);
      double height;

      annals_timeline_layout_measure (self, tick->label, tick->major, &tick->label_width, &height);
      tick->label_x = tick->x + 4.0;
      tick->has_label = tick->label_x >= previous_end + ANNALS_TIMELINE_TICK_LABEL_GAP &&
                        tick->label_x + tick->label_width <= self->width;

      if (!tick->has_label && must_fit && tick->label_x + tick->label_width <= self->width)
        return FALSE;

      if (tick->has_label)
        previous_end = tick->label_x + tick->label_width;
    }

  return TRUE;
}

static void
append_ticks (AnnalsTimelineLayout *self,
              AnnalsTimeStep        step,
              gboolean              major)
{
  g_autoptr(GArray) ticks = annals_time_scale_get_ticks (&self->scale, step);

  for (guint i = 0; i < ticks->len; i++)
    {
      AnnalsTick *tick = &g_array_index (ticks, AnnalsTick, i);
      AnnalsTimelineTick timeline_tick = { 0, };

      timeline_tick.x = tick->x;
      timeline_tick.major = major;
      timeline_tick.label = annals_time_step_format_tick (step, tick->days, major);
      g_array_append_val (self->ticks, timeline_tick);
    }
}

static void
layout_ticks (AnnalsTimelineLayout *self)
{
  AnnalsTimeStep step = annals_time_scale_choose_step (&self->scale, 36.0);
  AnnalsTimeStep major;

  /* Take coarser steps until every minor label fits without touching its
   * neighbour; the ladder is short, so this ends quickly. */
  for (guint attempt = 0; attempt < 24; attempt++)
    {
      g_array_set_size (self->ticks, 0);
      append_ticks (self, step, FALSE);
      if (place_tick_labels (self, 0, TRUE))
        break;
      step = annals_time_scale_choose_step (&self->scale,
                                            annals_time_step_get_approx_days (step) *
                                            annals_time_scale_get_pixels_per_day (&self->scale) + 1.0);
    }
  place_tick_labels (self, 0, FALSE);

  if (annals_time_step_get_major (step, &major))
    {
      guint first = self->ticks->len;
      g_autoptr(GArray) ticks = annals_time_scale_get_ticks (&self->scale, major);
      AnnalsTimelineTick pinned = { 0, };

      /* The period the left edge is in is named at the edge, unless the
       * next label needs the room. */
      if (ticks->len == 0 || g_array_index (ticks, AnnalsTick, 0).x > self->scale.x + 1.0)
        {
          double width;

          pinned.x = self->scale.x - 0.5;
          pinned.major = TRUE;
          pinned.label = annals_time_step_format_tick (major, self->scale.from, TRUE);
          annals_timeline_layout_measure (self, pinned.label, TRUE, &width, NULL);

          if (ticks->len == 0 ||
              g_array_index (ticks, AnnalsTick, 0).x > pinned.x + width + ANNALS_TIMELINE_TICK_LABEL_GAP)
            g_array_append_val (self->ticks, pinned);
          else
            g_free (pinned.label);
        }
      append_ticks (self, major, TRUE);
      place_tick_labels (self, first, FALSE);
    }
}

static void
layout_shelf (AnnalsTimelineLayout *self)
{
  guint n_events = annals_event_store_get_n_events (self->store);
  guint n_dated = annals_event_store_get_n_dated (self->store);
  double caption_width;
  double caption_height;
  double x;
  double limit = self->width - 8.0;

  annals_timeline_layout_measure (self, _("Undated"), TRUE, &caption_width, &caption_height);
  x = 12.0 + caption_width + 12.0;

  for (guint i = n_dated; i < n_events; i++)
    {
      const AnnalsEventRecord *record = annals_event_store_get_record (self->store, i);
      const char *title = annals_event_store_get_title (self->store, i);
      AnnalsTimelineChip chip;
      double width = measure_label (self, record, title != NULL ? title : "") + CHIP_PADDING;

      if (x + width > limit)
        {
          g_autofree char *more = NULL;
          double more_width;

          /* Make room for the count of those left out. */
          more = g_strdup_printf (ngettext ("%u more", "%u more", n_events - i), n_events - i);
          annals_timeline_layout_measure (self, more, FALSE, &more_width, NULL);
          while (self->chips->len > 0 &&
                 g_array_index (self->chips, AnnalsTimelineChip, self->chips->len - 1).x +
                 g_array_index (self->chips, AnnalsTimelineChip, self->chips->len - 1).width >
                 self->width - more_width - 24.0)
            g_array_set_size (self->chips, self->chips->len - 1);

          self->n_undated_hidden = n_events - n_dated - self->chips->len;
          break;
        }

      chip.position = i;
      chip.x = x;
      chip.width = width;
      g_array_append_val (self->chips, chip);
      x += width + CHIP_SPACING;
    }
}

AnnalsTimelineLayout *
annals_timeline_layout_new (PangoContext *context)
{
  AnnalsTimelineLayout *self = g_new0 (AnnalsTimelineLayout, 1);

  self->label_widths = g_hash_table_new (NULL, NULL);
  self->text_sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lane_index = g_ptr_array_new_with_free_func (lane_index_free);
  self->country_lanes = g_hash_table_new (NULL, NULL);
  self->lanes = g_array_new (FALSE, TRUE, sizeof (AnnalsTimelineLane));
  g_array_set_clear_func (self->lanes, clear_lane);
  self->marks = g_array_new (FALSE, TRUE, sizeof (AnnalsTimelineMark));
  self->ticks = g_array_new (FALSE, TRUE, sizeof (AnnalsTimelineTick));
  g_array_set_clear_func (self->ticks, clear_tick);
  self->chips = g_array_new (FALSE, TRUE, sizeof (AnnalsTimelineChip));
  annals_time_scale_init (&self->scale, 0, 365, 0, 100);
  annals_timeline_layout_set_context (self, context);

  return self;
}

void
annals_timeline_layout_free (AnnalsTimelineLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->measure_layout);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->label_widths, g_hash_table_unref);
  g_clear_pointer (&self->text_sizes, g_hash_table_unref);
  g_clear_pointer (&self->lane_index, g_ptr_array_unref);
  g_clear_pointer (&self->lanes_by_key, g_free);
  g_clear_pointer (&self->country_lanes, g_hash_table_unref);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->chips, g_array_unref);
  g_free (self);
}

void
annals_timeline_layout_invalidate (AnnalsTimelineLayout *self)
{
  g_return_if_fail (self != NULL);

  self->index_valid = FALSE;
  self->building = FALSE;
  g_hash_table_remove_all (self->label_widths);
}

void
annals_timeline_layout_set_context (AnnalsTimelineLayout *self,
                                    PangoContext         *context)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_clear_object (&self->measure_layout);
  self->measure_layout = pango_layout_new (context);
  g_hash_table_remove_all (self->label_widths);
  g_hash_table_remove_all (self->text_sizes);
}

void
annals_timeline_layout_update (AnnalsTimelineLayout *self,
                               AnnalsEventStore     *store,
                               AnnalsGroupBy         group_by,
                               double                from,
                               double                to,
                               double                width,
                               double                height,
                               double                lane_scroll)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!store || ANNALS_IS_EVENT_STORE (store));

  if (store != self->store || group_by != self->group_by)
    {
      g_set_object (&self->store, store);
      self->group_by = group_by;
      annals_timeline_layout_invalidate (self);
    }

  if (!self->index_valid)
    {
      if (!self->building)
        begin_index (self);
      if (self->building)
        continue_index (self, self->index_budget);
    }

  self->width = MAX (width, 1.0);
  self->height = MAX (height, 1.0);
  annals_time_scale_init (&self->scale, from, to, 0.0, self->width);

  g_array_set_size (self->lanes, 0);
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->ticks, 0);
  g_array_set_size (self->chips, 0);
  self->n_undated_hidden = 0;

  self->lanes_top = ANNALS_TIMELINE_AXIS_HEIGHT;
  self->shelf_y = self->height;
  if (store != NULL &&
      annals_event_store_get_n_events (store) > annals_event_store_get_n_dated (store))
    self->shelf_y = self->height - ANNALS_TIMELINE_SHELF_HEIGHT;
  self->lanes_bottom = self->shelf_y;

  layout_ticks (self);

  if (store == NULL)
    return;

  layout_lanes (self, lane_scroll);
  if (self->shelf_y < self->height)
    layout_shelf (self);
}

void
annals_timeline_layout_set_index_budget (AnnalsTimelineLayout *self,
                                         guint                 rows)
{
  g_return_if_fail (self != NULL);

  self->index_budget = rows;
}

gboolean
annals_timeline_layout_is_complete (AnnalsTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->index_valid;
}

const AnnalsTimeScale *
annals_timeline_layout_get_scale (AnnalsTimelineLayout *self)
{
  return &self->scale;
}

AnnalsEventStore *
annals_timeline_layout_get_store (AnnalsTimelineLayout *self)
{
  return self->store;
}

double
annals_timeline_layout_get_width (AnnalsTimelineLayout *self)
{
  return self->width;
}

double
annals_timeline_layout_get_height (AnnalsTimelineLayout *self)
{
  return self->height;
}

PangoContext *
annals_timeline_layout_get_context (AnnalsTimelineLayout *self)
{
  return self->context;
}

guint
annals_timeline_layout_get_n_lanes (AnnalsTimelineLayout *self)
{
  return self->lanes->len;
}

const AnnalsTimelineLane *
annals_timeline_layout_get_lane (AnnalsTimelineLayout *self,
                                 guint                 lane)
{
  g_return_val_if_fail (lane < self->lanes->len, NULL);

  return &g_array_index (self->lanes, AnnalsTimelineLane, lane);
}

int
annals_timeline_layout_find_lane (AnnalsTimelineLayout *self,
                                  guint                 position)
{
  const AnnalsEventRecord *record;

  if (self->store == NULL || position >= annals_event_store_get_n_events (self->store))
    return -1;

  record = annals_event_store_get_record (self->store, position);
  return lane_for_record (self, record);
}

gboolean
annals_timeline_layout_find_in_lane (AnnalsTimelineLayout *self,
                                     guint                 lane,
                                     double                day,
                                     guint                *position)
{
  LaneIndex *index;
  double best_distance = G_MAXDOUBLE;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (lane >= self->lane_index->len)
    return FALSE;

  index = g_ptr_array_index (self->lane_index, lane);
  for (guint k = 0; k < ANNALS_N_EVENT_KINDS; k++)
    {
      GArray *entries = index->entries[k];
      guint at;

      if (entries == NULL || entries->len == 0)
        continue;

      at = lower_bound (entries, 0, day);
      for (guint i = at > 0 ? at - 1 : 0; i <= at && i < entries->len; i++)
        {
          const Entry *entry = &g_array_index (entries, Entry, i);
          double distance = fabs (entry->first_day - day);

          if (distance < best_distance)
            {
              best_distance = distance;
              *position = entry->position;
              found = TRUE;
            }
        }
    }

  return found;
}

double
annals_timeline_layout_get_lanes_height (AnnalsTimelineLayout *self)
{
  return self->lanes_height;
}

void
annals_timeline_layout_get_lanes_area (AnnalsTimelineLayout *self,
                                       double               *top,
                                       double               *bottom)
{
  *top = self->lanes_top;
  *bottom = self->lanes_bottom;
}

guint
annals_timeline_layout_get_n_marks (AnnalsTimelineLayout *self)
{
  return self->marks->len;
}

const AnnalsTimelineMark *
annals_timeline_layout_get_mark (AnnalsTimelineLayout *self,
                                 guint                 index)
{
  g_return_val_if_fail (index < self->marks->len, NULL);

  return &g_array_index (self->marks, AnnalsTimelineMark, index);
}

const AnnalsTimelineMark *
annals_timeline_layout_find_mark (AnnalsTimelineLayout *self,
                                  guint                 position)
{
  for (guint i = 0; i < self->marks->len; i++)
    {
      const AnnalsTimelineMark *mark = &g_array_index (self->marks, AnnalsTimelineMark, i);

      if (mark->count == 1 && mark->position == position)
        return mark;
    }

  return NULL;
}

const AnnalsTimelineMark *
annals_timeline_layout_find_cluster (AnnalsTimelineLayout *self,
                                     guint                 position)
{
  const AnnalsTimelineMark *best = NULL;
  const AnnalsEventRecord *record;
  AnnalsTimelineMark event;
  double best_distance = G_MAXDOUBLE;
  double reach = AGGREGATE_BIN_WIDTH / 2.0;
  double start_x;
  int lane;

  g_return_val_if_fail (self != NULL, NULL);

  lane = annals_timeline_layout_find_lane (self, position);
  if (lane < 0)
    return NULL;

  record = annals_event_store_get_record (self->store, position);
  init_event_mark (self, &event, position, record);

  /* Dense lanes count an event in the bin of its start, or in the bin at
   * the left edge when it began before the view and goes on in it. */
  start_x = event.x_start;
  if (annals_event_record_overlaps (record, (gint32) floor (self->scale.from), (gint32) ceil (self->scale.to)))
    {
      start_x = MAX (start_x, 0.0);
      /* A bin at an edge may have joined its neighbour. */
      if (start_x < AGGREGATE_BIN_WIDTH || start_x > self->width - AGGREGATE_BIN_WIDTH)
        reach = 1.5 * AGGREGATE_BIN_WIDTH;
    }

  /* Clusters are built from marks within their reach: the nearest one in
   * the lane whose extent (or bin) covers the event holds it. */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const AnnalsTimelineMark *mark = &g_array_index (self->marks, AnnalsTimelineMark, i);
      double left;
      double right;
      double distance;

      if (mark->count < 2 || mark->lane != (guint) lane)
        continue;

      mark_extent (mark, &left, &right);
      left = MIN (left, mark->x - reach);
      right = MAX (right, mark->x + reach);
      if (event.x >= left && event.x <= right)
        distance = fabs (event.x - mark->x);
      else if (start_x >= left && start_x <= right)
        distance = fabs (start_x - mark->x);
      else
        continue;

      if (distance < best_distance)
        {
          best = mark;
          best_distance = distance;
        }
    }

  return best;
}

guint
annals_timeline_layout_get_n_ticks (AnnalsTimelineLayout *self)
{
  return self->ticks->len;
}

const AnnalsTimelineTick *
annals_timeline_layout_get_tick (AnnalsTimelineLayout *self,
                                 guint                 index)
{
  g_return_val_if_fail (index < self->ticks->len, NULL);

  return &g_array_index (self->ticks, AnnalsTimelineTick, index);
}

double
annals_timeline_layout_get_shelf_y (AnnalsTimelineLayout *self)
{
  return self->shelf_y;
}

guint
annals_timeline_layout_get_n_chips (AnnalsTimelineLayout *self)
{
  return self->chips->len;
}

const AnnalsTimelineChip *
annals_timeline_layout_get_chip (AnnalsTimelineLayout *self,
                                 guint                 index)
{
  g_return_val_if_fail (index < self->chips->len, NULL);

  return &g_array_index (self->chips, AnnalsTimelineChip, index);
}

guint
annals_timeline_layout_get_n_undated_hidden (AnnalsTimelineLayout *self)
{
  return self->n_undated_hidden;
}

gboolean
annals_timeline_layout_lookup (AnnalsTimelineLayout       *self,
                               double                      x,
                               double                      y,
                               guint                      *position,
                               const AnnalsTimelineMark  **mark)
{
  const AnnalsTimelineMark *best = NULL;
  double best_distance = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (y >= self->shelf_y)
    {
      for (guint i = 0; i < self->chips->len; i++)
        {
          const AnnalsTimelineChip *chip = &g_array_index (self->chips, AnnalsTimelineChip, i);

          if (x >= chip->x && x < chip->x + chip->width)
            {
              if (position != NULL)
                *position = chip->position;
              if (mark != NULL)
                *mark = NULL;
              return TRUE;
            }
        }
      return FALSE;
    }

  if (y < self->lanes_top)
    return FALSE;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const AnnalsTimelineMark *candidate = &g_array_index (self->marks, AnnalsTimelineMark, i);
      double left;
      double right;
      double distance;

      if (fabs (y - candidate->y) > ANNALS_TIMELINE_ROW_HEIGHT / 2.0)
        continue;

      mark_extent (candidate, &left, &right);
      left -= 3.0;
      right += 3.0;
      if (candidate->label_width > 0)
        {
          left = MIN (left, candidate->label_x);
          right = MAX (right, candidate->label_x + candidate->label_width);
        }

      if (x < left || x > right)
        continue;

      distance = fabs (x - candidate->x);
      if (distance < best_distance)
        {
          best = candidate;
          best_distance = distance;
        }
    }

  if (best == NULL)
    return FALSE;

  if (position != NULL)
    *position = best->position;
  if (mark != NULL)
    *mark = best;

  return TRUE;
}

void
annals_timeline_layout_measure (AnnalsTimelineLayout *self,
                                const char           *text,
                                gboolean              bold,
                                double               *width,
                                double               *height)
{
  g_autofree char *key = g_strdup_printf ("%d%s", bold, text);
  gpointer value;
  int pixel_width;
  int pixel_height;

  /* Tick labels, lane names and the like recur from frame to frame. */
  if (g_hash_table_lookup_extended (self->text_sizes, key, NULL, &value))
    {
      pixel_width = GPOINTER_TO_UINT (value) >> 12;
      pixel_height = GPOINTER_TO_UINT (value) & 0xfff;
    }
  else
    {
      if (bold)
        {
          g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

          pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (self->measure_layout, attributes);
        }

      pango_layout_set_text (self->measure_layout, text, -1);
      pango_layout_get_pixel_size (self->measure_layout, &pixel_width, &pixel_height);
      pango_layout_set_attributes (self->measure_layout, NULL);

      pixel_width = CLAMP (pixel_width, 0, 0xfffff);
      pixel_height = CLAMP (pixel_height, 0, 0xfff);
      if (g_hash_table_size (self->text_sizes) > 4096)
        g_hash_table_remove_all (self->text_sizes);
      g_hash_table_insert (self->text_sizes, g_steal_pointer (&key),
                           GUINT_TO_POINTER (((guint) pixel_width << 12) | (guint) pixel_height));
    }

  if (width != NULL)
    *width = pixel_width;
  if (height != NULL)
    *height = pixel_height;
}
