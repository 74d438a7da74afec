/* annals-date.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ANNALS_DATE_YEAR_MIN (-9999)
#define ANNALS_DATE_YEAR_MAX 9999

/* Day numbers count days since 1970-01-01 in the proleptic Gregorian
 * calendar; an undated value sorts after every dated one. */
#define ANNALS_DAY_UNDATED G_MAXINT32

#define ANNALS_DATE_ERROR (annals_date_error_quark ())

typedef enum
{
  ANNALS_DATE_ERROR_INVALID,
  ANNALS_DATE_ERROR_OUT_OF_RANGE,
} AnnalsDateError;

typedef enum
{
  ANNALS_PRECISION_NONE,
  ANNALS_PRECISION_YEAR,
  ANNALS_PRECISION_MONTH,
  ANNALS_PRECISION_DAY,
} AnnalsPrecision;

/* A date known to the year, the month or the day. Years use ISO 8601
 * astronomical numbering: 0 is 1 BC, -43 is 44 BC. */
typedef struct
{
  gint16 year;
  guint8 month;     /* 1..12, 0 below month precision */
  guint8 day;       /* 1..31, 0 below day precision */
  guint8 precision; /* AnnalsPrecision */
} AnnalsDate;

#define ANNALS_TYPE_DATE (annals_date_get_type ())

GQuark          annals_date_error_quark   (void);
GType           annals_date_get_type      (void) G_GNUC_CONST;
AnnalsDate     *annals_date_copy          (const AnnalsDate *self);
void            annals_date_free          (AnnalsDate       *self);

void            annals_date_clear         (AnnalsDate       *self);
gboolean        annals_date_set_year      (AnnalsDate       *self,
                                           int               year);
gboolean        annals_date_set_month     (AnnalsDate       *self,
                                           int               year,
                                           int               month);
gboolean        annals_date_set_day       (AnnalsDate       *self,
                                           int               year,
                                           int               month,
                                           int               day);
void            annals_date_set_from_days (AnnalsDate       *self,
                                           gint32            days);
gboolean        annals_date_is_set        (const AnnalsDate *self);
AnnalsPrecision annals_date_get_precision (const AnnalsDate *self);

gboolean        annals_date_parse         (AnnalsDate       *self,
                                           const char       *text,
                                           GError          **error);
char           *annals_date_to_iso        (const AnnalsDate *self);
char           *annals_date_format        (const AnnalsDate *self);
char           *annals_date_format_year   (int               year);

int             annals_date_compare       (const AnnalsDate *a,
                                           const AnnalsDate *b);
gboolean        annals_date_equal         (const AnnalsDate *a,
                                           const AnnalsDate *b);
gint32          annals_date_get_first_day (const AnnalsDate *self);
gint32          annals_date_get_end_day   (const AnnalsDate *self);
gboolean        annals_date_contains      (const AnnalsDate *outer,
                                           const AnnalsDate *inner);

gint32          annals_days_from_civil    (int               year,
                                           int               month,
                                           int               day);
void            annals_days_to_civil      (gint32            days,
                                           int              *year,
                                           int              *month,
                                           int              *day);
int             annals_days_in_month      (int               year,
                                           int               month);
int             annals_days_get_weekday   (gint32            days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsDate, annals_date_free)

G_END_DECLS
