/* annals-countries.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ISO 3166-1 countries, read once from iso-codes. Names are translated
 * through iso-codes' own gettext domain. */

gboolean    annals_country_is_valid     (const char *code);
const char *annals_country_get_name     (const char *code);
const char *annals_country_get_untranslated_name (const char *code);
/* Every alpha-2 code, sorted; owned by the table. */
const char * const *annals_country_list_codes (void);

/* A two-letter code packed into 16 bits, 0 for none; used by the compact
 * event index. */
guint16     annals_country_pack         (const char *code);
void        annals_country_unpack       (guint16     packed,
                                         char        code[3]);

G_END_DECLS
