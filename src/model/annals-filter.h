/* annals-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-event-store.h"

G_BEGIN_DECLS

/* What the user asked to see: kinds, statuses, one host country, a date
 * range and, from a full-text search, a set of record keys. A plain value;
 * an empty filter lets everything through. */
typedef struct _AnnalsFilter AnnalsFilter;

#define ANNALS_TYPE_FILTER (annals_filter_get_type ())

GType         annals_filter_get_type         (void) G_GNUC_CONST;
AnnalsFilter *annals_filter_new              (void);
AnnalsFilter *annals_filter_copy             (const AnnalsFilter       *self);
void          annals_filter_free             (AnnalsFilter             *self);

/* A mask of (1 << AnnalsEventKind); 0 means every kind. */
void          annals_filter_set_kinds        (AnnalsFilter             *self,
                                              guint                     kinds);
guint         annals_filter_get_kinds        (const AnnalsFilter       *self);
/* A mask of (1 << AnnalsEventStatus); 0 means every status. */
void          annals_filter_set_statuses     (AnnalsFilter             *self,
                                              guint                     statuses);
guint         annals_filter_get_statuses     (const AnnalsFilter       *self);
/* NULL or "" for any host country. */
void          annals_filter_set_host_country (AnnalsFilter             *self,
                                              const char               *code);
const char   *annals_filter_get_host_country (const AnnalsFilter       *self);
/* Events overlapping [from_day, to_day); undated events never match a
 * range. G_MININT32 and G_MAXINT32 leave a side open. */
void          annals_filter_set_days         (AnnalsFilter             *self,
                                              gint32                    from_day,
                                              gint32                    to_day);
void          annals_filter_get_days         (const AnnalsFilter       *self,
                                              gint32                   *from_day,
                                              gint32                   *to_day);
/* Only records whose key is in @keys (sorted or not); NULL for no
 * restriction. The filter keeps its own copy. */
void          annals_filter_set_keys         (AnnalsFilter             *self,
                                              const guint32            *keys,
                                              gsize                     n_keys);
gboolean      annals_filter_has_keys         (const AnnalsFilter       *self);

gboolean      annals_filter_is_empty         (const AnnalsFilter       *self);
gboolean      annals_filter_matches          (const AnnalsFilter       *self,
                                              const AnnalsEventRecord  *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsFilter, annals_filter_free)

G_END_DECLS
