/* annals-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "annals-application.h"

G_BEGIN_DECLS

#define ANNALS_TYPE_WINDOW (annals_window_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsWindow, annals_window, ANNALS, WINDOW, AdwApplicationWindow)

AnnalsWindow *annals_window_new       (AnnalsApplication *application);
void          annals_window_open_file (AnnalsWindow      *self,
                                       GFile             *file);

G_END_DECLS
