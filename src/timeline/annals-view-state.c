/* annals-view-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-view-state"

#include "config.h"

#include <math.h>

#include "annals-view-state.h"

struct _AnnalsViewState
{
  GObject           parent_instance;

  AnnalsEventStore *store;
  AnnalsEvent      *selected;
  double            visible_from;
  double            visible_to;
  AnnalsGroupBy     group_by;
};

G_DEFINE_FINAL_TYPE (AnnalsViewState, annals_view_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED,
  PROP_VISIBLE_FROM,
  PROP_VISIBLE_TO,
  PROP_GROUP_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
annals_group_by_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { ANNALS_GROUP_BY_COUNTRY, "ANNALS_GROUP_BY_COUNTRY", "country" },
        { ANNALS_GROUP_BY_KIND, "ANNALS_GROUP_BY_KIND", "kind" },
        { ANNALS_GROUP_BY_NONE, "ANNALS_GROUP_BY_NONE", "none" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("AnnalsGroupBy"), values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static double
today_days (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return annals_days_from_civil (g_date_time_get_year (now),
                                 g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now));
}

static gboolean
position_is_dated (AnnalsViewState *self,
                   guint            position)
{
  const AnnalsEventRecord *record = annals_event_store_get_record (self->store, position);

  return record != NULL && record->first_day != ANNALS_DAY_UNDATED;
}

static void
reveal_position (AnnalsViewState *self,
                 guint            position)
{
  const AnnalsEventRecord *record = annals_event_store_get_record (self->store, position);
  double span = self->visible_to - self->visible_from;
  double margin = span * 0.05;
  double middle;

  if (record == NULL || record->first_day == ANNALS_DAY_UNDATED)
    return;

  /* Anything of it in view will do: a year-long event need not have
   * its first day on screen. */
  if (record->first_day <= self->visible_to - margin &&
      record->end_day >= self->visible_from + margin)
    return;

  middle = ((double) record->first_day + (double) record->end_day) / 2.0;
  annals_view_state_set_visible_range (self, middle - span / 2.0, middle + span / 2.0);
}

static void
annals_view_state_dispose (GObject *object)
{
  AnnalsViewState *self = (AnnalsViewState *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (annals_view_state_parent_class)->dispose (object);
}

static void
annals_view_state_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnnalsViewState *self = ANNALS_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;

    case PROP_VISIBLE_FROM:
      g_value_set_double (value, self->visible_from);
      break;

    case PROP_VISIBLE_TO:
      g_value_set_double (value, self->visible_to);
      break;

    case PROP_GROUP_BY:
      g_value_set_enum (value, self->group_by);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_view_state_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnnalsViewState *self = ANNALS_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      annals_view_state_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTED:
      annals_view_state_set_selected (self, g_value_get_object (value));
      break;

    case PROP_VISIBLE_FROM:
      annals_view_state_set_visible_range (self, g_value_get_double (value), self->visible_to);
      break;

    case PROP_VISIBLE_TO:
      annals_view_state_set_visible_range (self, self->visible_from, g_value_get_double (value));
      break;

    case PROP_GROUP_BY:
      annals_view_state_set_group_by (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_view_state_class_init (AnnalsViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = annals_view_state_dispose;
  object_class->get_property = annals_view_state_get_property;
  object_class->set_property = annals_view_state_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ANNALS_TYPE_EVENT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         ANNALS_TYPE_EVENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIBLE_FROM] =
    g_param_spec_double ("visible-from", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIBLE_TO] =
    g_param_spec_double ("visible-to", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 365.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP_BY] =
    g_param_spec_enum ("group-by", NULL, NULL,
                       ANNALS_TYPE_GROUP_BY,
                       ANNALS_GROUP_BY_COUNTRY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annals_view_state_init (AnnalsViewState *self)
{
  double today = today_days ();

  self->visible_from = today - 365.2425 * 2;
  self->visible_to = today + 365.2425;
  self->group_by = ANNALS_GROUP_BY_COUNTRY;
}

AnnalsViewState *
annals_view_state_new (void)
{
  return g_object_new (ANNALS_TYPE_VIEW_STATE, NULL);
}

AnnalsEventStore *
annals_view_state_get_store (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), NULL);

  return self->store;
}

void
annals_view_state_set_store (AnnalsViewState  *self,
                             AnnalsEventStore *store)
{
  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));
  g_return_if_fail (!store || ANNALS_IS_EVENT_STORE (store));

  if (g_set_object (&self->store, store))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      annals_view_state_set_selected (self, NULL);
    }
}

AnnalsEvent *
annals_view_state_get_selected (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), NULL);

  return self->selected;
}

void
annals_view_state_set_selected (AnnalsViewState *self,
                                AnnalsEvent     *event)
{
  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));
  g_return_if_fail (!event || ANNALS_IS_EVENT (event));

  if (g_set_object (&self->selected, event))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
annals_view_state_get_selected_position (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), -1);

  if (self->store == NULL || self->selected == NULL)
    return -1;

  return annals_event_store_find_event (self->store, self->selected);
}

void
annals_view_state_select_position (AnnalsViewState *self,
                                   guint            position)
{
  g_autoptr(AnnalsEvent) event = NULL;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  if (self->store == NULL || position >= annals_event_store_get_n_events (self->store))
    return;

  event = annals_event_store_get_event (self->store, position);
  annals_view_state_set_selected (self, event);
}

double
annals_view_state_get_visible_from (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), 0.0);

  return self->visible_from;
}

double
annals_view_state_get_visible_to (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), 0.0);

  return self->visible_to;
}

void
annals_view_state_set_visible_range (AnnalsViewState *self,
                                     double           from,
                                     double           to)
{
  double span;
  double middle;
  gboolean from_changed;
  gboolean to_changed;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  if (!isfinite (from) || !isfinite (to))
    return;

  if (to < from)
    {
      double swap = from;

      from = to;
      to = swap;
    }

  span = CLAMP (to - from, ANNALS_VIEW_STATE_MIN_SPAN, ANNALS_VIEW_STATE_MAX_SPAN);
  middle = (from + to) / 2.0;

  /* Keep the view within the years the dates can express, with a margin. */
  middle = CLAMP (middle,
                  annals_days_from_civil (ANNALS_DATE_YEAR_MIN, 1, 1),
                  annals_days_from_civil (ANNALS_DATE_YEAR_MAX, 12, 31));
  from = middle - span / 2.0;
  to = middle + span / 2.0;

  from_changed = from != self->visible_from;
  to_changed = to != self->visible_to;

  if (!from_changed && !to_changed)
    return;

  self->visible_from = from;
  self->visible_to = to;

  g_object_freeze_notify (G_OBJECT (self));
  if (from_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_FROM]);
  if (to_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_TO]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
annals_view_state_zoom (AnnalsViewState *self,
                        double           factor,
                        double           anchor)
{
  double span;
  double new_span;
  double fraction;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  if (!(factor > 0.0) || !isfinite (factor) || !isfinite (anchor))
    return;

  span = self->visible_to - self->visible_from;
  new_span = CLAMP (span * factor, ANNALS_VIEW_STATE_MIN_SPAN, ANNALS_VIEW_STATE_MAX_SPAN);
  fraction = span > 0.0 ? (anchor - self->visible_from) / span : 0.5;

  annals_view_state_set_visible_range (self,
                                       anchor - fraction * new_span,
                                       anchor + (1.0 - fraction) * new_span);
}

void
annals_view_state_pan (AnnalsViewState *self,
                       double           days)
{
  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  annals_view_state_set_visible_range (self, self->visible_from + days, self->visible_to + days);
}

void
annals_view_state_zoom_to_fit (AnnalsViewState *self)
{
  gint32 first_day;
  gint32 end_day;
  double span;
  double margin;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  if (self->store == NULL ||
      !annals_event_store_get_span (self->store, &first_day, &end_day))
    {
      double today = today_days ();

      annals_view_state_set_visible_range (self, today - 365.2425 * 2, today + 365.2425);
      return;
    }

  span = MAX ((double) end_day - (double) first_day, 30.0);
  margin = span * 0.06;
  annals_view_state_set_visible_range (self, first_day - margin, first_day + span + margin);
}

void
annals_view_state_zoom_to_event (AnnalsViewState *self,
                                 AnnalsEvent     *event)
{
  AnnalsEventRecord record;
  double span;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));
  g_return_if_fail (ANNALS_IS_EVENT (event));

  annals_event_record_init_from_event (&record, event);
  if (record.first_day == ANNALS_DAY_UNDATED)
    return;

  span = MAX ((double) record.end_day - (double) record.first_day, 1.0);
  annals_view_state_set_visible_range (self,
                                       record.first_day - span * 0.5,
                                       record.end_day + span * 0.5);
}

void
annals_view_state_reveal_selected (AnnalsViewState *self)
{
  int position;

  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));

  position = annals_view_state_get_selected_position (self);
  if (position >= 0)
    reveal_position (self, position);
}

static gboolean
select_step (AnnalsViewState *self,
             int              step)
{
  guint n_dated;
  int position;

  if (self->store == NULL)
    return FALSE;

  n_dated = annals_event_store_get_n_dated (self->store);
  if (n_dated == 0)
    return FALSE;

  position = annals_view_state_get_selected_position (self);

  if (position < 0 || !position_is_dated (self, position))
    {
      guint first;
      guint last;
      gint32 from = (gint32) floor (MAX (self->visible_from, G_MININT32 + 1.0));
      gint32 to = (gint32) ceil (MIN (self->visible_to, G_MAXINT32 - 1.0));

      /* Start from the first (or last) event in view, else from the end. */
      annals_event_store_find_range (self->store, from, to, &first, &last);
      while (first < last &&
             !annals_event_record_overlaps (annals_event_store_get_record (self->store, first), from, to))
        first++;
      while (last > first &&
             !annals_event_record_overlaps (annals_event_store_get_record (self->store, last - 1), from, to))
        last--;

      if (first < last)
        position = step > 0 ? (int) first : (int) last - 1;
      else
        position = step > 0 ? 0 : (int) n_dated - 1;
    }
  else
    {
      position += step;
      if (position < 0 || position >= (int) n_dated)
        return FALSE;
    }

  annals_view_state_select_position (self, position);
  reveal_position (self, position);

  return TRUE;
}

gboolean
annals_view_state_select_next (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), FALSE);

  return select_step (self, 1);
}

gboolean
annals_view_state_select_previous (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), FALSE);

  return select_step (self, -1);
}

AnnalsGroupBy
annals_view_state_get_group_by (AnnalsViewState *self)
{
  g_return_val_if_fail (ANNALS_IS_VIEW_STATE (self), ANNALS_GROUP_BY_COUNTRY);

  return self->group_by;
}

void
annals_view_state_set_group_by (AnnalsViewState *self,
                                AnnalsGroupBy    group_by)
{
  g_return_if_fail (ANNALS_IS_VIEW_STATE (self));
  g_return_if_fail (group_by <= ANNALS_GROUP_BY_NONE);

  if (self->group_by == group_by)
    return;

  self->group_by = group_by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY]);
}
