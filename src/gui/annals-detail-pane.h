/* annals-detail-pane.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "annals-library.h"

G_BEGIN_DECLS

/* The selected event's fields and, below them, the article that mentions
 * it with the mention highlighted; "Source 2 of 3" steps through the
 * event's mentions. */
#define ANNALS_TYPE_DETAIL_PANE (annals_detail_pane_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsDetailPane, annals_detail_pane, ANNALS, DETAIL_PANE, GtkWidget)

GtkWidget   *annals_detail_pane_new             (void);
void         annals_detail_pane_set_library     (AnnalsDetailPane *self,
                                                 AnnalsLibrary    *library);
AnnalsEvent *annals_detail_pane_get_event       (AnnalsDetailPane *self);
void         annals_detail_pane_set_event       (AnnalsDetailPane *self,
                                                 AnnalsEvent      *event);
/* The mention shown, 0-based, and stepping through them: article by
 * article, in the order the articles first mention the event. */
guint        annals_detail_pane_get_source        (AnnalsDetailPane *self);
void         annals_detail_pane_set_source        (AnnalsDetailPane *self,
                                                   guint             source);
/* “Mention 2 of 3”, “Source 2 of 3 · mention 1 of 2”; NULL when the event
 * has one mention or none. */
const char  *annals_detail_pane_get_position_text (AnnalsDetailPane *self);

/* TRUE while the source view still scrolls to the mention, as the text
 * settles into its width. */
gboolean     annals_detail_pane_get_following_mention (AnnalsDetailPane *self);

const char  *annals_detail_pane_get_title       (AnnalsDetailPane *self);
GtkTextView *annals_detail_pane_get_text_view   (AnnalsDetailPane *self);
/* The highlighted span of the source text, in characters; FALSE when
 * nothing is highlighted. */
gboolean     annals_detail_pane_get_highlight   (AnnalsDetailPane *self,
                                                 guint            *start,
                                                 guint            *end);

G_END_DECLS
