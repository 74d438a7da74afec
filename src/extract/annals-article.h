/* annals-article.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "annals-model.h"

G_BEGIN_DECLS

/* An article file: an optional header of "key: value" lines (title,
 * source, url, published as YYYY-MM-DD; other keys are kept) ended by a
 * blank line, then the body. A first paragraph is a header only when all
 * its lines are "key: value" with a one-word key and one of them is a
 * known key, so a dateline such as "New Delhi: …" stays in the body.
 *
 * Encoding: the bytes must be UTF-8. Invalid UTF-8 (or a NUL byte) is an
 * error, ANNALS_EXTRACT_ERROR_ENCODING, whose message names the file and
 * the byte offset of the first bad byte; nothing is guessed or replaced,
 * so that character offsets always refer to the text the user has. A
 * leading byte order mark is skipped. */

typedef struct
{
  char       *title;
  char       *source;
  char       *url;
  AnnalsDate  published;     /* unset when the header has none */
  GPtrArray  *extra_keys;    /* other header keys, then their values */
  const char *body;          /* points into the parsed data */
  gsize       body_length;
  guint       header_lines;  /* lines before the body */
} AnnalsArticle;

/* Limit on an article's size, 256 MiB. */
#define ANNALS_ARTICLE_MAX_SIZE (256u * 1024u * 1024u)

/* @data is not copied: it must outlive the article. */
AnnalsArticle *annals_article_parse (const char    *data,
                                     gsize          length,
                                     const char    *display_name,
                                     GError       **error);
void           annals_article_free  (AnnalsArticle *self);

/* A stable id: from the url when there is one, else from the body. */
char          *annals_article_dup_id (AnnalsArticle *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsArticle, annals_article_free)

G_END_DECLS
