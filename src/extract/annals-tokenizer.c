/* annals-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-tokenizer"

#include "config.h"

#include <string.h>

#include "annals-tokenizer.h"

/* Words after which a period does not end a sentence: titles, month
 * abbreviations and the like. Single capital letters (initials) are
 * handled apart. */
static const char * const abbreviations[] = {
  "Adm", "Apr", "Aug", "Brig", "Capt", "Cdr", "Cmdr", "Co", "Col", "Corp",
  "Dec", "Dr", "Feb", "Fig", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr", "Jul",
  "Jun", "Lt", "Ltd", "Maj", "Mar", "Messrs", "Mr", "Mrs", "Ms", "No", "Nos",
  "Nov", "Oct", "Pres", "Prof", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt",
  "Sr", "St", "Vol", "approx", "vs",
};

static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_space_char (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

static gunichar
get_char (const char *p,
          const char *end,
          int        *n_bytes)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    {
      *n_bytes = 1;
      return c;
    }

  *n_bytes = g_utf8_skip[c];
  if (p + *n_bytes > end)
    {
      *n_bytes = end - p;
      return 0xFFFD;
    }
  return g_utf8_get_char (p);
}

static gboolean
is_abbreviation (const char *word,
                 gsize       length)
{
  if (length == 1 && g_ascii_isupper (word[0]))
    return TRUE;

  for (gsize i = 0; i < G_N_ELEMENTS (abbreviations); i++)
    if (strlen (abbreviations[i]) == length && memcmp (abbreviations[i], word, length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_opening_char (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x2018 || c == 0x00AB || c == '\'' || c == '(' || c == '[';
}

static gboolean
is_closing_char (gunichar c)
{
  return c == '"' || c == 0x201D || c == 0x2019 || c == 0x00BB || c == '\'' || c == ')' || c == ']';
}

static void
set_case_flags (AnnalsToken *token,
                const char  *text)
{
  const char *p = text + token->start;
  const char *end = text + token->end;
  gboolean all_upper = TRUE;
  guint n_letters = 0;

  if (token->first < 0x80 ? (token->first >= 'A' && token->first <= 'Z') : g_unichar_isupper (token->first))
    token->flags |= ANNALS_TOKEN_CAPITALIZED;
  else
    return;  /* a lower-case first letter: neither capitalized nor all capitals */

  while (p < end)
    {
      gunichar c = (guchar) *p;

      if (c < 0x80)
        {
          if (c >= 'a' && c <= 'z')
            {
              all_upper = FALSE;
              break;
            }
          if (c >= 'A' && c <= 'Z')
            n_letters++;
          p++;
          continue;
        }

      c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          n_letters++;
          if (!g_unichar_isupper (c))
            {
              all_upper = FALSE;
              break;
            }
        }
      p = g_utf8_next_char (p);
    }

  if (all_upper && n_letters >= 2)
    token->flags |= ANNALS_TOKEN_ALL_CAPS;
}

static void
split_sentences (AnnalsTokens *self)
{
  AnnalsSentence sentence = { 0, 0 };
  guint n = self->tokens->len;

  for (guint i = 0; i < n; i++)
    {
      AnnalsToken *token = &g_array_index (self->tokens, AnnalsToken, i);
      gboolean boundary_before = FALSE;

      if (i > sentence.first && (token->flags & ANNALS_TOKEN_NEWLINE_BEFORE) != 0)
        boundary_before = TRUE;
      else if (i > sentence.first)
        {
          const AnnalsToken *prev = &g_array_index (self->tokens, AnnalsToken, i - 1);
          guint stop = i - 1;

          /* A period followed by a closing quote or bracket ends the
           * sentence after the quote. */
          if (prev->type == ANNALS_TOKEN_PUNCT && is_closing_char (prev->first) && i >= 2 &&
              (prev->flags & ANNALS_TOKEN_SPACE_BEFORE) == 0)
            {
              const AnnalsToken *before = &g_array_index (self->tokens, AnnalsToken, i - 2);
              if (before->type == ANNALS_TOKEN_PUNCT &&
                  (before->first == '.' || before->first == '!' || before->first == '?'))
                {
                  prev = before;
                  stop = i - 2;
                }
            }

          if (prev->type == ANNALS_TOKEN_PUNCT &&
              (prev->first == '.' || prev->first == '!' || prev->first == '?' || prev->first == 0x2026) &&
              (token->flags & ANNALS_TOKEN_SPACE_BEFORE) != 0 &&
              (g_unichar_isupper (token->first) || g_unichar_isdigit (token->first) ||
               is_opening_char (token->first)))
            {
              boundary_before = TRUE;

              /* "Gen. Smith", "Aug. 26", "John C. Aquilino" */
              if (prev->first == '.' && stop > sentence.first &&
                  (prev->flags & ANNALS_TOKEN_SPACE_BEFORE) == 0)
                {
                  const AnnalsToken *word = &g_array_index (self->tokens, AnnalsToken, stop - 1);

                  if (word->type == ANNALS_TOKEN_WORD &&
                      is_abbreviation (self->text + word->start, word->end - word->start))
                    boundary_before = FALSE;
                }
            }
        }

      if (boundary_before)
        {
          sentence.last = i;
          g_array_append_val (self->sentences, sentence);
          sentence.first = i;
        }

      token->sentence = self->sentences->len;
    }

  if (n > sentence.first)
    {
      sentence.last = n;
      g_array_append_val (self->sentences, sentence);
    }

  for (guint s = 0; s < self->sentences->len; s++)
    {
      AnnalsSentence *range = &g_array_index (self->sentences, AnnalsSentence, s);
      g_array_index (self->tokens, AnnalsToken, range->first).flags |= ANNALS_TOKEN_SENTENCE_START;
    }
}

AnnalsTokens *
annals_tokens_new (const char *text,
                   gsize       length)
{
  AnnalsTokens *self;
  const char *p = text;
  const char *end = text + length;
  guint32 chars = 0;
  guint16 pending_flags = ANNALS_TOKEN_NEWLINE_BEFORE | ANNALS_TOKEN_PARAGRAPH_BEFORE;
  guint newlines = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (length < G_MAXUINT32, NULL);

  self = g_new0 (AnnalsTokens, 1);
  self->text = text;
  self->length = length;
  /* English news runs at about one token per four or five bytes; a
   * generous first guess saves copying a large array while it grows. */
  self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (AnnalsToken), length / 4 + 16);
  self->sentences = g_array_sized_new (FALSE, FALSE, sizeof (AnnalsSentence), length / 100 + 4);

  while (p < end)
    {
      AnnalsToken token = { 0 };
      int n_bytes;
      gunichar c = get_char (p, end, &n_bytes);

      if (is_space_char (c))
        {
          pending_flags |= ANNALS_TOKEN_SPACE_BEFORE;
          if (c == '\n')
            {
              pending_flags |= ANNALS_TOKEN_NEWLINE_BEFORE;
              if (++newlines >= 2)
                pending_flags |= ANNALS_TOKEN_PARAGRAPH_BEFORE;
            }
          p += n_bytes;
          chars++;
          continue;
        }

      newlines = 0;
      token.start = p - text;
      token.char_start = chars;
      token.first = c;
      token.flags = pending_flags;
      pending_flags = 0;

      if (is_word_char (c))
        {
          gboolean digits_only = TRUE;

          while (p < end)
            {
              gunichar d;

              /* ASCII letters and digits, the common case, without decoding */
              if ((guchar) *p < 0x80)
                {
                  if (!g_ascii_isalnum (*p))
                    break;
                  if (!g_ascii_isdigit (*p))
                    digits_only = FALSE;
                  p++;
                  chars++;
                  continue;
                }

              d = get_char (p, end, &n_bytes);
              if (!is_word_char (d))
                break;
              if (d >= 0x80 || !g_ascii_isdigit (d))
                digits_only = FALSE;
              p += n_bytes;
              chars++;
            }

          token.type = g_unichar_isdigit (c) ? ANNALS_TOKEN_NUMBER : ANNALS_TOKEN_WORD;
          if (digits_only)
            token.type = ANNALS_TOKEN_NUMBER;

          /* Initialisms: "U.S.", "D.C." */
          if (token.type == ANNALS_TOKEN_WORD && p - (text + token.start) == 1 &&
              g_ascii_isupper (c) && p + 1 < end && p[0] == '.' && g_ascii_isupper (p[1]))
            {
              while (p + 1 < end && p[0] == '.' && g_ascii_isupper (p[1]) &&
                     (p + 2 == end || !g_ascii_isalnum (p[2])))
                {
                  p += 2;
                  chars += 2;
                }
              if (p < end && p[0] == '.')
                {
                  p++;
                  chars++;
                }
            }
        }
      else
        {
          token.type = ANNALS_TOKEN_PUNCT;
          p += n_bytes;
          chars++;
        }

      token.end = p - text;
      token.char_end = chars;
      if (token.type == ANNALS_TOKEN_WORD)
        set_case_flags (&token, text);
      g_array_append_val (self->tokens, token);
    }

  split_sentences (self);

  return self;
}

void
annals_tokens_free (AnnalsTokens *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->tokens);
  g_array_unref (self->sentences);
  g_free (self);
}

gboolean
annals_tokens_equal (const AnnalsTokens *self,
                     guint               index,
                     const char         *word,
                     gboolean            fold_case)
{
  return annals_tokens_equal_len (self, index, word, strlen (word), fold_case);
}

const char *
annals_tokens_lower (const AnnalsTokens *self,
                     guint               index,
                     char               *buffer,
                     gsize               size)
{
  const AnnalsToken *token = annals_tokens_get (self, index);
  gsize length = MIN (token->end - token->start, size - 1);

  for (gsize i = 0; i < length; i++)
    buffer[i] = ascii_lower (self->text[token->start + i]);
  buffer[length] = '\0';

  return buffer;
}

gboolean
annals_tokens_is_apostrophe (const AnnalsTokens *self,
                             guint               index)
{
  const AnnalsToken *token;

  if (index >= self->tokens->len)
    return FALSE;
  token = annals_tokens_get (self, index);
  return token->type == ANNALS_TOKEN_PUNCT &&
         (token->first == '\'' || token->first == 0x2019 || token->first == 0x2018);
}

gboolean
annals_tokens_is_dash (const AnnalsTokens *self,
                       guint               index)
{
  const AnnalsToken *token;

  if (index >= self->tokens->len)
    return FALSE;
  token = annals_tokens_get (self, index);
  return token->type == ANNALS_TOKEN_PUNCT &&
         (token->first == '-' || (token->first >= 0x2010 && token->first <= 0x2015) || token->first == 0x2212);
}

gboolean
annals_tokens_is_joined (const AnnalsTokens *self,
                         guint               index)
{
  if (index >= self->tokens->len || index == 0)
    return FALSE;
  return (annals_tokens_get (self, index)->flags & ANNALS_TOKEN_SPACE_BEFORE) == 0;
}

int
annals_tokens_number (const AnnalsTokens *self,
                      guint               index)
{
  const AnnalsToken *token;
  int value = 0;

  if (index >= self->tokens->len)
    return -1;

  token = annals_tokens_get (self, index);
  if (token->type != ANNALS_TOKEN_NUMBER || token->end - token->start > 6)
    return -1;

  for (guint32 i = token->start; i < token->end; i++)
    {
      char c = self->text[i];
      if (!g_ascii_isdigit (c))
        return -1;
      value = value * 10 + (c - '0');
    }

  return value;
}
