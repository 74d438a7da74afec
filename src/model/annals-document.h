/* annals-document.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "annals-date.h"

G_BEGIN_DECLS

#define ANNALS_TYPE_DOCUMENT (annals_document_get_type ())

G_DECLARE_FINAL_TYPE (AnnalsDocument, annals_document, ANNALS, DOCUMENT, GObject)

AnnalsDocument   *annals_document_new            (const char       *id);

const char       *annals_document_get_id         (AnnalsDocument   *self);
void              annals_document_set_id         (AnnalsDocument   *self,
                                                  const char       *id);
const char       *annals_document_get_title      (AnnalsDocument   *self);
void              annals_document_set_title      (AnnalsDocument   *self,
                                                  const char       *title);
const char       *annals_document_get_source     (AnnalsDocument   *self);
void              annals_document_set_source     (AnnalsDocument   *self,
                                                  const char       *source);
const char       *annals_document_get_url        (AnnalsDocument   *self);
void              annals_document_set_url        (AnnalsDocument   *self,
                                                  const char       *url);
const AnnalsDate *annals_document_get_published  (AnnalsDocument   *self);
void              annals_document_set_published  (AnnalsDocument   *self,
                                                  const AnnalsDate *published);
const char       *annals_document_get_text       (AnnalsDocument   *self);
void              annals_document_set_text       (AnnalsDocument   *self,
                                                  const char       *text);
const char       *annals_document_get_extra_json (AnnalsDocument   *self);
void              annals_document_set_extra_json (AnnalsDocument   *self,
                                                  const char       *extra_json);

/* Length of the text in Unicode characters. */
guint             annals_document_get_length     (AnnalsDocument   *self);
/* Byte offset of a character offset; -1 past the end. */
gssize            annals_document_char_to_byte   (AnnalsDocument   *self,
                                                  guint             char_offset);
/* The text of a span of characters, or NULL when it is out of range. */
char             *annals_document_dup_span       (AnnalsDocument   *self,
                                                  guint             start,
                                                  guint             end);

G_END_DECLS
