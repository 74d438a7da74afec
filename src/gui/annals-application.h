/* annals-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ANNALS_TYPE_APPLICATION (annals_application_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsApplication, annals_application, ANNALS, APPLICATION, AdwApplication)

AnnalsApplication *annals_application_new (void);

G_END_DECLS
