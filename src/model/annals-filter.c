/* annals-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-filter"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "annals-countries.h"
#include "annals-filter.h"

struct _AnnalsFilter
{
  guint32  kinds;
  guint32  statuses;
  guint16  host_country;
  gint32   from_day;
  gint32   to_day;
  guint32 *keys;      /* sorted, NULL for no restriction */
  gsize    n_keys;
};

G_DEFINE_BOXED_TYPE (AnnalsFilter, annals_filter, annals_filter_copy, annals_filter_free)

AnnalsFilter *
annals_filter_new (void)
{
  AnnalsFilter *self = g_new0 (AnnalsFilter, 1);

  self->from_day = G_MININT32;
  self->to_day = G_MAXINT32;

  return self;
}

AnnalsFilter *
annals_filter_copy (const AnnalsFilter *self)
{
  AnnalsFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  if (self->keys != NULL)
    copy->keys = g_memdup2 (self->keys, MAX (self->n_keys, 1) * sizeof (guint32));

  return copy;
}

void
annals_filter_free (AnnalsFilter *self)
{
  if (self == NULL)
    return;

  g_free (self->keys);
  g_free (self);
}

void
annals_filter_set_kinds (AnnalsFilter *self,
                         guint         kinds)
{
  g_return_if_fail (self != NULL);

  self->kinds = kinds & ((1u << ANNALS_N_EVENT_KINDS) - 1);
}

guint
annals_filter_get_kinds (const AnnalsFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kinds;
}

void
annals_filter_set_statuses (AnnalsFilter *self,
                            guint         statuses)
{
  g_return_if_fail (self != NULL);

  self->statuses = statuses & ((1u << ANNALS_N_EVENT_STATUSES) - 1);
}

guint
annals_filter_get_statuses (const AnnalsFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->statuses;
}

void
annals_filter_set_host_country (AnnalsFilter *self,
                                const char   *code)
{
  g_return_if_fail (self != NULL);

  self->host_country = annals_country_pack (code);
}

const char *
annals_filter_get_host_country (const AnnalsFilter *self)
{
  static char codes[2][3];
  static guint which;
  char *code;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->host_country == 0)
    return NULL;

  /* Two buffers so that comparing two filters' countries works. */
  code = codes[which++ % 2];
  annals_country_unpack (self->host_country, code);

  return code;
}

void
annals_filter_set_days (AnnalsFilter *self,
                        gint32        from_day,
                        gint32        to_day)
{
  g_return_if_fail (self != NULL);

  self->from_day = from_day;
  self->to_day = to_day;
}

void
annals_filter_get_days (const AnnalsFilter *self,
                        gint32             *from_day,
                        gint32             *to_day)
{
  g_return_if_fail (self != NULL);

  if (from_day != NULL)
    *from_day = self->from_day;
  if (to_day != NULL)
    *to_day = self->to_day;
}

static int
compare_keys (const void *a,
              const void *b)
{
  guint32 ka = *(const guint32 *) a;
  guint32 kb = *(const guint32 *) b;

  return ka < kb ? -1 : ka > kb;
}

void
annals_filter_set_keys (AnnalsFilter  *self,
                        const guint32 *keys,
                        gsize          n_keys)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (keys != NULL || n_keys == 0);

  g_clear_pointer (&self->keys, g_free);
  self->n_keys = 0;

  if (keys == NULL)
    return;

  self->keys = g_new (guint32, MAX (n_keys, 1));
  if (n_keys > 0)
    {
      memcpy (self->keys, keys, n_keys * sizeof (guint32));
      qsort (self->keys, n_keys, sizeof (guint32), compare_keys);
    }
  self->n_keys = n_keys;
}

gboolean
annals_filter_has_keys (const AnnalsFilter *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->keys != NULL;
}

gboolean
annals_filter_is_empty (const AnnalsFilter *self)
{
  return self == NULL ||
         (self->kinds == 0 && self->statuses == 0 && self->host_country == 0 &&
          self->from_day == G_MININT32 && self->to_day == G_MAXINT32 && self->keys == NULL);
}

gboolean
annals_filter_matches (const AnnalsFilter      *self,
                       const AnnalsEventRecord *record)
{
  g_return_val_if_fail (record != NULL, FALSE);

  if (self == NULL)
    return TRUE;

  if (self->kinds != 0 && (self->kinds & (1u << record->kind)) == 0)
    return FALSE;

  if (self->statuses != 0 && (self->statuses & (1u << record->status)) == 0)
    return FALSE;

  if (self->host_country != 0 && self->host_country != record->host_country)
    return FALSE;

  if ((self->from_day != G_MININT32 || self->to_day != G_MAXINT32) &&
      !annals_event_record_overlaps (record, self->from_day, self->to_day))
    return FALSE;

  if (self->keys != NULL &&
      bsearch (&record->key, self->keys, self->n_keys, sizeof (guint32), compare_keys) == NULL)
    return FALSE;

  return TRUE;
}
