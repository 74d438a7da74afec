/* annals-extractor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-model.h"

G_BEGIN_DECLS

#define ANNALS_EXTRACT_ERROR (annals_extract_error_quark ())

typedef enum
{
  ANNALS_EXTRACT_ERROR_FAILED,
  ANNALS_EXTRACT_ERROR_EMPTY,     /* nothing but white space */
  ANNALS_EXTRACT_ERROR_ENCODING,  /* not UTF-8: the byte offset */
  ANNALS_EXTRACT_ERROR_TOO_LARGE,
} AnnalsExtractError;

GQuark          annals_extract_error_quark (void);

/* Reads an article (an optional "key: value" header ended by a blank line,
 * then the body) and returns one document, whose text is the body, and the
 * events found in it. @published overrides the header's date; NULL lets
 * the header or the text decide. */
AnnalsEventSet *annals_extract_file        (const char       *path,
                                            const AnnalsDate *published,
                                            GError          **error);
AnnalsEventSet *annals_extract_text        (const char       *text,
                                            gssize            length,
                                            const char       *display_name,
                                            const AnnalsDate *published,
                                            GError          **error);

G_END_DECLS
