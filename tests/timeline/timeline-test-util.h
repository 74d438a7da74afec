/* timeline-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "annals-model.h"

G_BEGIN_DECLS

PangoContext     *timeline_test_create_context (void);
AnnalsEvent      *timeline_test_event          (const char        *id,
                                                const char        *title,
                                                AnnalsEventKind    kind,
                                                const char        *start,
                                                const char        *end,
                                                AnnalsEventStatus  status,
                                                const char        *host_country);
/* The events of the bundled sample article, as the extractor reports them. */
AnnalsEventStore *timeline_test_sample_store   (void);
double            timeline_test_day            (int                year,
                                                int                month,
                                                int                day);

G_END_DECLS
