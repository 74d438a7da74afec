/* annals-tokenizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words, numbers and punctuation of a text, with their byte and character
 * offsets, grouped into sentences. The text must be valid UTF-8.
 *
 * A word is a run of letters, marks and digits that starts with a letter;
 * a number a run of digits (an ordinal suffix such as "14th" stays in the
 * token). Hyphens, apostrophes and every other mark are tokens of their
 * own, with ANNALS_TOKEN_SPACE_BEFORE telling whether white space came
 * first, so "Zapad-2021" is three joined tokens. Initialisms with periods
 * ("U.S.", "U.K.") are one word. */

typedef enum
{
  ANNALS_TOKEN_WORD,
  ANNALS_TOKEN_NUMBER,
  ANNALS_TOKEN_PUNCT,
} AnnalsTokenType;

typedef enum
{
  ANNALS_TOKEN_SPACE_BEFORE     = 1 << 0,
  ANNALS_TOKEN_NEWLINE_BEFORE   = 1 << 1,
  ANNALS_TOKEN_PARAGRAPH_BEFORE = 1 << 2,
  ANNALS_TOKEN_CAPITALIZED      = 1 << 3, /* first letter upper case */
  ANNALS_TOKEN_ALL_CAPS         = 1 << 4, /* two letters or more, all upper case */
  ANNALS_TOKEN_SENTENCE_START   = 1 << 5,
} AnnalsTokenFlags;

typedef struct
{
  guint32 start;       /* bytes */
  guint32 end;
  guint32 char_start;  /* Unicode characters */
  guint32 char_end;
  guint32 sentence;
  guint16 type;        /* AnnalsTokenType */
  guint16 flags;       /* AnnalsTokenFlags */
  gunichar first;      /* the first character, for quick tests */
} AnnalsToken;

typedef struct
{
  guint first;  /* token index */
  guint last;   /* exclusive */
} AnnalsSentence;

typedef struct
{
  const char  *text;
  gsize        length;
  GArray      *tokens;     /* AnnalsToken */
  GArray      *sentences;  /* AnnalsSentence */
} AnnalsTokens;

AnnalsTokens *annals_tokens_new        (const char         *text,
                                        gsize               length);
void          annals_tokens_free       (AnnalsTokens       *self);

static inline const AnnalsToken *
annals_tokens_get (const AnnalsTokens *self,
                   guint               index)
{
  return &g_array_index (self->tokens, AnnalsToken, index);
}

/* Whether token @index is exactly @word (ASCII case-insensitive when
 * @fold_case). */
gboolean      annals_tokens_equal      (const AnnalsTokens *self,
                                        guint               index,
                                        const char         *word,
                                        gboolean            fold_case);
/* The same, with the length of @word given: "word_is" style macros pass
 * sizeof of a literal. */
static inline gboolean
annals_tokens_equal_len (const AnnalsTokens *self,
                         guint               index,
                         const char         *word,
                         gsize               length,
                         gboolean            fold_case)
{
  const AnnalsToken *token;
  const char *text;

  if (index >= self->tokens->len)
    return FALSE;

  token = &g_array_index (self->tokens, AnnalsToken, index);
  if (token->end - token->start != length)
    return FALSE;

  text = self->text + token->start;
  for (gsize i = 0; i < length; i++)
    {
      char a = text[i];
      char b = word[i];

      if (fold_case)
        {
          a = a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a;
          b = b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        }
      if (a != b)
        return FALSE;
    }

  return TRUE;
}
/* Lower-case ASCII copy of a token into @buffer (truncated), for lookups. */
const char   *annals_tokens_lower      (const AnnalsTokens *self,
                                        guint               index,
                                        char               *buffer,
                                        gsize               size);
/* Whether the token is an apostrophe (straight or curly). */
gboolean      annals_tokens_is_apostrophe (const AnnalsTokens *self,
                                           guint               index);
/* Whether the token is a hyphen or a dash of any kind. */
gboolean      annals_tokens_is_dash    (const AnnalsTokens *self,
                                        guint               index);
/* Whether the token is joined to the one before (no white space). */
gboolean      annals_tokens_is_joined  (const AnnalsTokens *self,
                                        guint               index);
/* The value of a number token, -1 when it is not a plain number. */
int           annals_tokens_number     (const AnnalsTokens *self,
                                        guint               index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnalsTokens, annals_tokens_free)

G_END_DECLS
