/* annals-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "annals-application.h"
#include "annals-detail-pane.h"
#include "annals-library.h"
#include "annals-view-state.h"

G_BEGIN_DECLS

#define ANNALS_TYPE_WINDOW (annals_window_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsWindow, annals_window, ANNALS, WINDOW, AdwApplicationWindow)

/* The window opens the library it was showing last (GSettings
 * "last-file"), or the default one, seeded with the sample on first start. */
AnnalsWindow     *annals_window_new              (AnnalsApplication *application);
/* Opens a database instead of the current one, or adds an events file or
 * an article to it; failures are shown and change nothing. */
void              annals_window_open_file        (AnnalsWindow      *self,
                                                  GFile             *file);
/* File → New Library, once the file chooser has confirmed replacing
 * @file: an empty library there, opened. */
void              annals_window_new_library      (AnnalsWindow      *self,
                                                  GFile             *file);

AnnalsLibrary    *annals_window_get_library      (AnnalsWindow      *self);
AnnalsViewState  *annals_window_get_view_state   (AnnalsWindow      *self);
AnnalsDetailPane *annals_window_get_detail_pane  (AnnalsWindow      *self);
GtkListView      *annals_window_get_list_view    (AnnalsWindow      *self);
GtkWidget        *annals_window_get_timeline     (AnnalsWindow      *self);
/* Runs the search right away, without the search entry's typing delay. */
/* Shows the search with @text (NULL or "" closes it); the search runs in
 * the library's worker thread and narrows the events when it is done. */
void              annals_window_set_search_text  (AnnalsWindow      *self,
                                                  const char        *text);
/* The message of the last error shown to the user, or NULL. */
const char       *annals_window_get_last_error   (AnnalsWindow      *self);
/* What the window shows: "loading", "empty" (no event) or "events". */
const char       *annals_window_get_visible_page (AnnalsWindow      *self);
/* The visible count, "12 of 340 events". */
const char       *annals_window_get_count_text   (AnnalsWindow      *self);
/* TRUE while the library works, or a search or an export is under way. */
gboolean          annals_window_get_busy         (AnnalsWindow      *self);

G_END_DECLS
