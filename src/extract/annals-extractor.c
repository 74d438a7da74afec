/* annals-extractor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-extractor"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "annals-article.h"
#include "annals-extractor.h"
#include "annals-gazetteer.h"
#include "annals-timex.h"
#include "annals-tokenizer.h"

/* How events are found
 *
 * 1. Event nouns ("meeting", "exercise", "drills", "war games", …) with
 *    the modifiers before them ("the next SCO Defence Ministers’ Meeting",
 *    "a joint military counter-terrorist command post exercise") and a
 *    name after them ("exercise Peaceful Mission 2023").
 * 2. Names with a year ("Vostok 2022", "Zapad-2021"), with an alias in
 *    brackets ("Rubezh-2010 (Frontier-2001)"), whose kind comes from an
 *    apposition ("Indra-2017, the first exercise …") or the sentence.
 * 3. A mention that repeats a name, or a definite bare noun ("the
 *    meeting", "this exercise"), adds a mention to the event it refers to.
 * 4. Each mention collects the dates, the host and the status cues of its
 *    sentence; the event keeps the finest consistent date.
 */

#define MAX_MODIFIERS 12

/* Coreference and containment look back over this many events at most, so
 * that the work per mention stays bounded however long the text is. */
#define RECENT_EVENTS 64
#define RECENT_FIRST(self) ((self)->candidates->len > RECENT_EVENTS ? (self)->candidates->len - RECENT_EVENTS : 0)
#define HOST_WINDOW   24

typedef enum
{
  NOUN_STRONG,   /* names an event on its own */
  NOUN_WEAK,     /* needs a name or a complement: "session", "talks" */
} NounStrength;

typedef struct
{
  const char      *word;
  AnnalsEventKind  kind;
  NounStrength     strength;
  gboolean         plural;
} EventNoun;

static const EventNoun event_nouns[] = {
  { "meeting",       ANNALS_EVENT_KIND_MEETING,    NOUN_STRONG, FALSE },
  { "meetings",      ANNALS_EVENT_KIND_MEETING,    NOUN_STRONG, TRUE },
  { "summit",        ANNALS_EVENT_KIND_SUMMIT,     NOUN_STRONG, FALSE },
  { "summits",       ANNALS_EVENT_KIND_SUMMIT,     NOUN_STRONG, TRUE },
  { "exercise",      ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, FALSE },
  { "exercises",     ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, TRUE },
  { "drill",         ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, FALSE },
  { "drills",        ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, TRUE },
  { "wargame",       ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, FALSE },
  { "wargames",      ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, TRUE },
  { "manoeuvres",    ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, TRUE },
  { "maneuvers",     ANNALS_EVENT_KIND_EXERCISE,   NOUN_STRONG, TRUE },
  { "festival",      ANNALS_EVENT_KIND_FESTIVAL,   NOUN_STRONG, FALSE },
  { "tattoo",        ANNALS_EVENT_KIND_FESTIVAL,   NOUN_STRONG, FALSE },
  { "concert",       ANNALS_EVENT_KIND_FESTIVAL,   NOUN_WEAK,   FALSE },
  { "concerts",      ANNALS_EVENT_KIND_FESTIVAL,   NOUN_WEAK,   TRUE },
  { "conference",    ANNALS_EVENT_KIND_CONFERENCE, NOUN_STRONG, FALSE },
  { "forum",         ANNALS_EVENT_KIND_CONFERENCE, NOUN_STRONG, FALSE },
  { "dialogue",      ANNALS_EVENT_KIND_CONFERENCE, NOUN_WEAK,   FALSE },
  { "talks",         ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "consultations", ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "session",       ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "retreat",       ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "briefing",      ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "gathering",     ANNALS_EVENT_KIND_MEETING,    NOUN_WEAK,   FALSE },
  { "visit",         ANNALS_EVENT_KIND_VISIT,      NOUN_STRONG, FALSE },
  { "parade",        ANNALS_EVENT_KIND_OTHER,      NOUN_STRONG, FALSE },
  { "call",          ANNALS_EVENT_KIND_OTHER,      NOUN_WEAK,   FALSE },
  { "announcement",  ANNALS_EVENT_KIND_STATEMENT,  NOUN_WEAK,   FALSE },
};

/* Words that may stand between a determiner and an event noun. */
static const char * const modifier_words[] = {
  "joint", "military", "naval", "navy", "air", "land", "sea", "ground",
  "command", "post", "staff", "strategic", "tactical", "operational",
  "combined", "bilateral", "trilateral", "multilateral", "international",
  "annual", "regular", "major", "special", "specialized", "specialised",
  "ministerial", "defence", "defense", "security", "ministers", "foreign",
  "informal", "extraordinary", "emergency", "virtual", "online", "video",
  "peacekeeping", "humanitarian", "rescue", "maritime", "amphibious",
  "airborne", "field", "training", "firing", "army", "aerospace", "missile",
  "nuclear", "cyber", "computer", "headquarters", "mobilization", "snap",
  "surprise", "readiness", "combat", "war", "band", "music", "leaders",
  "heads", "first", "second", "third", "fourth", "fifth", "sixth",
  "seventh", "eighth", "ninth", "tenth", "final", "next", "previous",
  "upcoming", "forthcoming", "inaugural", "ordinary", "large", "largest",
  "biggest", "main", "big", "counter-terrorism", "counterterrorism",
  "anti-terrorism", "counter-terrorist", "anti-terrorist", "terrorist",
  "force", "forces", "police", "border", "coast", "guard", "ministry",
  "government", "cabinet", "consultative", "council", "working", "expert",
  "experts", "level", "high", "senior", "official", "officials", "chiefs",
  "commanders", "navies", "phone", "telephone", "search", "garrison",
  "demonstration", "live", "fire", "drill", "exercise", "evacuation",
  "logistics", "medical", "engineering", "chemical", "radiation",
  "biological", "electronic", "warfare", "submarine", "anti-submarine",
  "parachute", "marine", "mountain", "desert", "arctic", "urban",
  "open-air", "military-music", "brass", "orchestra", "state", "defence-ministerial",
};

static const char * const determiners[] = {
  "the", "a", "an", "this", "that", "these", "those", "its", "their", "our",
  "his", "her", "such", "any", "each", "every", "all", "both", "another",
};

static const char * const reporting_verbs[] = {
  "said", "says", "say", "told", "tells", "reported", "reports", "announced",
  "stated", "noted", "added", "stressed", "according", "quoted", "cited",
  "citing", "wrote", "declared",
};

static const char * const planned_cues[] = {
  "will", "shall", "scheduled", "planned", "plans", "plan", "due",
  "upcoming", "forthcoming", "intend", "intends", "expected", "would",
  "next", "decided", "agreed", "proposed", "prepare", "preparing",
};

static const char * const function_words[] = {
  "the", "a", "an", "in", "on", "at", "since", "by", "from", "for", "this",
  "that", "these", "those", "last", "next", "its", "their", "our", "his",
  "her", "as", "and", "but", "after", "before", "during", "until", "with",
  "to", "of", "it", "he", "she", "they", "we", "i", "some", "all", "both",
  "between", "when", "while", "where", "mr", "mrs", "ms", "dr",
};

static const char * const ordinal_words[] = {
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
  "eighth", "ninth", "tenth", "eleventh", "twelfth",
};

static const char * const complement_stops[] = {
  "is", "are", "was", "were", "will", "has", "have", "had", "said", "says",
  "which", "who", "that", "held", "in", "at", "to", "from", "for", "with",
  "by", "would", "took", "takes", "opened", "began", "ended",
};

static const char * const host_verbs[] = {
  "host", "hosts", "hosted", "hosting", "chair", "chairs", "chaired", "chairing",
};

static const char * const role_words[] = {
  "ministers", "leaders", "chiefs", "heads", "presidents", "officials", "commanders",
  "delegations", "envoys", "advisers", "advisors", "representatives", "premiers",
};

/* Words that may lead to an event's place, looked at by find_host (). */
static const char * const host_cues[] = {
  "in", "at", "near", "across", "territory", "under", "hosted", "organised", "organized",
  "held", "staged", "chaired", "here", "while", "whereas", "after", "before", "from",
  "involving", "between", "including", "against", "host", "hosts", "hosting", "chair",
  "chairs", "chairing", "will",
};

static const char * const past_cues[] = {
  "was", "were", "held", "took", "ended", "concluded", "began", "begun",
  "began", "opened", "hosted", "staged", "conducted", "had", "has",
  "have", "ago", "last", "underway", "under", "took", "is", "are",
  "being", "runs", "run", "continues", "kicked",
};

typedef enum
{
  LEX_MODIFIER    = 1 << 0,
  LEX_DETERMINER  = 1 << 1,
  LEX_REPORTING   = 1 << 2,
  LEX_PLANNED     = 1 << 3,
  LEX_PAST        = 1 << 4,
  LEX_FUNCTION    = 1 << 5,
  LEX_STOP        = 1 << 6,
  LEX_NOUN        = 1 << 7,
  LEX_ORDINAL     = 1 << 8,
  LEX_HOST_VERB   = 1 << 9,
  LEX_MONTH       = 1 << 10,
  LEX_ROLE        = 1 << 11,
  LEX_MEET        = 1 << 12,
  LEX_HOST_CUE    = 1 << 13,
  LEX_EDITION     = 1 << 14,
  LEX_COMPLETED   = 1 << 15,
} LexFlags;

typedef struct
{
  guint           first;        /* tokens [first, last) that name the event */
  guint           last;
  guint           sentence;
  AnnalsEventKind kind;
  gboolean        has_kind;
  gboolean        named;        /* a proper name is part of it */
  gboolean        bare;         /* a determiner and the noun only */
  gboolean        definite;     /* "the", "this", "that" */
  gboolean        plural;
  gboolean        is_next;
  gboolean        weak;
  gboolean        reporting;    /* "press conference", "news briefing" */
  guint           n_modifiers;
  guint           possessor;    /* token of "X" in "X's exercise", 0 if none */
  gboolean        consumed;     /* a list head: "exercises — A, B and C" */
  gboolean        repeat;       /* a name said again: background, not dated here */
  gboolean        by_verb;      /* "ministers met", "to meet his counterpart" */
  gboolean        predicative;  /* "as a …", "is a …" */
  gboolean        is_session;   /* headed by "session" */
  gboolean        kind_guessed; /* no event noun said it */
  gboolean        edition;      /* "the previous one", "its first edition" */
  char            series_host[3];
  guint           coordinated_with;  /* mention index + 1 of "X and the Y" */
  char            place_code[3];/* a place among its words: "the Madrid meeting" */
  gboolean        past_clause;  /* "was held", "took place" */
  char            list_host[3]; /* for list items: "B in Russia" */
  const char     *list_place;
  int             name_year;
  char           *title;
  char           *name_key;     /* the name without year or noun */
  char           *alias_key;
  char           *ordinal;
} Mention;

typedef struct
{
  AnnalsEvent     *event;
  GPtrArray       *keys;        /* normalized titles and aliases */
  char            *name_key;
  int              name_year;
  AnnalsEventKind  kind;
  gboolean         has_kind;
  gboolean         is_next;
  char            *ordinal;
  guint            last_token;  /* of the latest mention */
  guint            first_sentence;
  guint            n_mentions;
  double           score;
  AnnalsDate       start;
  AnnalsDate       end;
  gboolean         dated_by_text;
  gboolean         dated_relatively;  /* by "this weekend", "on Friday" */
  gboolean         dated_by_container;
  gboolean         ongoing;           /* under way at publication */
  gpointer         container;         /* the event this one happens at */
  int              host_strength;
  guint            n_hosts;      /* countries listed as places ("in A, B and C") */
  gboolean         planned_cue;
  gboolean         past_cue;
  gboolean         named;
  gboolean         weak;
  gboolean         reporting;
  gboolean         plural;
  guint            n_modifiers;
  char            *core;          /* core_name () of name_key */
  gboolean         kind_guessed;
} Candidate;

typedef struct
{
  AnnalsArticle     *article;
  AnnalsTokens      *tokens;
  AnnalsGazetteer   *gazetteer;
  AnnalsDateline     dateline;
  AnnalsDate         published;   /* day precision, or unset */
  AnnalsDate         reference;   /* published, or a year */
  GArray            *timexes;
  gint32            *timex_at;    /* per token: timex index + 1, or 0 */
  char              *document_id;
  GPtrArray         *candidates;  /* Candidate */
  GArray            *mentions;    /* Mention of the current sentence */
  guint              lead_sentence;  /* the first sentence of running text */
  guint16           *lex;            /* per token: LexFlags of its word */
  guint16           *sentence_lex;   /* per sentence: the LexFlags of all its words */
  GPtrArray         *participants;   /* country codes listed in one sentence */
  guint              participants_sentence;  /* its first token + 1 */
  GHashTable        *name_words;     /* first words of the names of events */
  GHashTable        *keys;           /* normalized title or alias → Candidate */
  GHashTable        *names;          /* name_key of a named event → Candidate */
  int                plan_year;      /* "are to be held this year" in the lead */
  char               headline_host[3];  /* "Malaysia to host …" in the title */
  guint              article_end;    /* first token of the furniture after the article */
  guint              inside_cue_sentence;  /* first token + 1 of the sentence below */
  gboolean           inside_cue;
} Extraction;

G_DEFINE_QUARK (annals-extract-error-quark, annals_extract_error)

static void
add_words (GHashTable         *table,
           const char * const *words,
           gsize               n_words,
           guint               flag)
{
  for (gsize i = 0; i < n_words; i++)
    {
      guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (table, words[i]));
      g_hash_table_insert (table, (gpointer) words[i], GUINT_TO_POINTER (flags | flag));
    }
}

/* Word lists as one table, looked up once per token. */
static GHashTable *
get_lexicon (void)
{
  static GHashTable *lexicon;

  if (g_once_init_enter (&lexicon))
    {
      static const char * const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      };
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      add_words (table, modifier_words, G_N_ELEMENTS (modifier_words), LEX_MODIFIER);
      add_words (table, determiners, G_N_ELEMENTS (determiners), LEX_DETERMINER);
      add_words (table, reporting_verbs, G_N_ELEMENTS (reporting_verbs), LEX_REPORTING);
      add_words (table, planned_cues, G_N_ELEMENTS (planned_cues), LEX_PLANNED);
      add_words (table, past_cues, G_N_ELEMENTS (past_cues), LEX_PAST);
      add_words (table, function_words, G_N_ELEMENTS (function_words), LEX_FUNCTION);
      add_words (table, complement_stops, G_N_ELEMENTS (complement_stops), LEX_STOP);
      add_words (table, ordinal_words, G_N_ELEMENTS (ordinal_words), LEX_ORDINAL);
      add_words (table, host_verbs, G_N_ELEMENTS (host_verbs), LEX_HOST_VERB);
      add_words (table, months, G_N_ELEMENTS (months), LEX_MONTH);
      add_words (table, role_words, G_N_ELEMENTS (role_words), LEX_ROLE);
      add_words (table, host_cues, G_N_ELEMENTS (host_cues), LEX_HOST_CUE);
      add_words (table, (const char * const[]) { "one", "edition" }, 2, LEX_EDITION);
      add_words (table, (const char * const[]) { "was", "were", "took", "ended", "concluded", "began" }, 6,
                 LEX_COMPLETED);
      add_words (table, (const char * const[]) { "met", "meet", "meets", "gathered", "gather", "convened",
                                                 "meeting", "gathering" }, 8, LEX_MEET);
      for (guint i = 0; i < G_N_ELEMENTS (event_nouns); i++)
        add_words (table, &event_nouns[i].word, 1, LEX_NOUN);
      add_words (table, (const char * const[]) { "war" }, 1, LEX_NOUN);

      g_once_init_leave (&lexicon, table);
    }

  return lexicon;
}

static void
tag_words (Extraction *self)
{
  GHashTable *lexicon = get_lexicon ();
  guint n = self->tokens->tokens->len;

  self->lex = g_new0 (guint16, n + 1);
  self->sentence_lex = g_new0 (guint16, self->tokens->sentences->len + 1);
  for (guint i = 0; i < n; i++)
    {
      const AnnalsToken *token = annals_tokens_get (self->tokens, i);
      char buffer[24];

      /* No listed word is longer than 18 bytes or shorter than one. */
      if (token->type != ANNALS_TOKEN_WORD || token->end - token->start > 18)
        continue;
      annals_tokens_lower (self->tokens, i, buffer, sizeof buffer);
      self->lex[i] = GPOINTER_TO_UINT (g_hash_table_lookup (lexicon, buffer));
      self->sentence_lex[token->sentence] |= self->lex[i];
    }
}

static inline gboolean
has_lex (Extraction *self,
         guint       index,
         guint       flags)
{
  return index < self->tokens->tokens->len && (self->lex[index] & flags) != 0;
}


/* Only for string literals. */
#define word_is(tokens, index, word) \
  annals_tokens_equal_len ((tokens), (index), "" word, sizeof (word) - 1, TRUE)

static gboolean
is_capitalized_word (const AnnalsTokens *tokens,
                     guint               index)
{
  const AnnalsToken *token;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  return token->type == ANNALS_TOKEN_WORD && (token->flags & ANNALS_TOKEN_CAPITALIZED) != 0;
}

static gboolean
is_punct_char (const AnnalsTokens *tokens,
               guint               index,
               gunichar            c)
{
  const AnnalsToken *token;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  return token->type == ANNALS_TOKEN_PUNCT && token->first == c;
}

static gboolean
is_year_token (Extraction *self,
               guint       index,
               int        *year)
{
  const AnnalsTimex *timex;
  gint32 at;

  if (index >= self->tokens->tokens->len)
    return FALSE;
  at = self->timex_at[index];
  if (at == 0)
    return FALSE;
  timex = &g_array_index (self->timexes, AnnalsTimex, at - 1);
  if ((timex->flags & ANNALS_TIMEX_BARE_YEAR) == 0 || timex->first_token != index ||
      (timex->flags & ANNALS_TIMEX_RANGE) != 0)
    return FALSE;

  *year = timex->start.year;
  return TRUE;
}

/* A capitalized word that does not start a name: sentence-initial
 * function words, months and weekdays. */
static gboolean
is_name_word (Extraction *self,
              guint       index)
{

  const AnnalsTokens *tokens = self->tokens;

  if (!is_capitalized_word (tokens, index))
    return FALSE;
  if (has_lex (self, index, LEX_FUNCTION))
    return FALSE;
  if (has_lex (self, index, LEX_MONTH) && annals_timex_month_of (tokens, index) != 0)
    return FALSE;
  if (self->timex_at[index] != 0)
    return FALSE;

  return TRUE;
}

static const EventNoun *
event_noun_at (Extraction *self,
               guint       index,
               guint      *noun_end)
{
  const AnnalsTokens *tokens = self->tokens;
  char buffer[32];

  if (!has_lex (self, index, LEX_NOUN))
    return NULL;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  *noun_end = index + 1;

  /* "war games", "war game" */
  if (strcmp (buffer, "war") == 0 && (word_is (tokens, index + 1, "games") || word_is (tokens, index + 1, "game")))
    {
      static const EventNoun war_games = { "war games", ANNALS_EVENT_KIND_EXERCISE, NOUN_STRONG, TRUE };
      *noun_end = index + 2;
      return &war_games;
    }

  for (guint i = 0; i < G_N_ELEMENTS (event_nouns); i++)
    if (strcmp (buffer, event_nouns[i].word) == 0)
      {
        /* "exercise" before "of" or "to" is mostly the verb or "the exercise of power" */
        if (strcmp (buffer, "call") == 0 &&
            !(index > 0 && (word_is (tokens, index - 1, "phone") || word_is (tokens, index - 1, "telephone"))))
          return NULL;
        if (strcmp (buffer, "retreat") == 0 && !is_capitalized_word (tokens, index))
          return NULL;
        /* "a meeting" used as a verb: "were meeting", "is gathering" */
        if ((strcmp (buffer, "meeting") == 0 || strcmp (buffer, "gathering") == 0) && index > 0 &&
            (word_is (tokens, index - 1, "are") || word_is (tokens, index - 1, "is") ||
             word_is (tokens, index - 1, "were") || word_is (tokens, index - 1, "was") ||
             word_is (tokens, index - 1, "be") || word_is (tokens, index - 1, "been")))
          return NULL;
        /* The verb "to exercise", "to drill", "to visit" */
        if (index > 0 && word_is (tokens, index - 1, "to") &&
            (strcmp (buffer, "exercise") == 0 || strcmp (buffer, "drill") == 0 || strcmp (buffer, "visit") == 0 ||
             strcmp (buffer, "call") == 0))
          return NULL;
        return &event_nouns[i];
      }

  return NULL;
}

/* Lower-case words shaped like adjectives: "biennial", "strategic",
 * "extensive", "preliminary", "eastern", "biggest". */
static gboolean
is_adjective_like (const AnnalsTokens *tokens,
                   guint               index)
{
  static const char * const suffixes[] = {
    "al", "ic", "ive", "ary", "ous", "ern", "est", "ful", "ian", "ese", "ish", "ent", "ant",
  };
  const AnnalsToken *token;
  char buffer[32];
  gsize length;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  if (token->type != ANNALS_TOKEN_WORD || !g_unichar_islower (token->first))
    return FALSE;

  annals_tokens_lower (tokens, index, buffer, sizeof buffer);
  length = strlen (buffer);
  if (length < 5)
    return FALSE;
  /* Nouns that look like adjectives: "festival", "official", "arrival", "event" */
  if (strcmp (buffer, "festival") == 0 || strcmp (buffer, "arrival") == 0 || strcmp (buffer, "proposal") == 0 ||
      strcmp (buffer, "approval") == 0 || strcmp (buffer, "capital") == 0 || strcmp (buffer, "present") == 0 ||
      strcmp (buffer, "student") == 0 || strcmp (buffer, "agreement") == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (buffer, suffixes[i]))
      return TRUE;
  return FALSE;
}

static char *
dup_tokens_text (Extraction *self,
                 guint       first,
                 guint       last)
{
  const AnnalsTokens *tokens = self->tokens;
  const AnnalsToken *a = annals_tokens_get (tokens, first);
  const AnnalsToken *b = annals_tokens_get (tokens, last - 1);
  g_autofree char *text = g_strndup (tokens->text + a->start, b->end - a->start);
  char *p;

  /* A title is one line. */
  for (p = text; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  return g_steal_pointer (&text);
}

static char *
normalize_span (Extraction *self,
                guint       first,
                guint       last)
{
  g_autofree char *text = NULL;

  if (last <= first)
    return NULL;
  text = dup_tokens_text (self, first, last);
  return annals_event_normalize_title (text);
}

static gboolean
is_ordinal (Extraction *self,
            guint       index)
{
  const AnnalsTokens *tokens = self->tokens;

  const AnnalsToken *token;

  if (index >= tokens->tokens->len)
    return FALSE;
  token = annals_tokens_get (tokens, index);
  if (token->type == ANNALS_TOKEN_NUMBER && annals_tokens_number (tokens, index) < 0)
    return TRUE;  /* "14th", "21st" */
  return has_lex (self, index, LEX_ORDINAL);
}

/* Whether every capitalized word in [first, last) is a country, a
 * demonym or an all-capitals abbreviation, so that the words do not make
 * a name of their own ("Russian-Indian", "SCO", "NATO"). */
static gboolean
is_only_affiliation (Extraction *self,
                     guint       first,
                     guint       last)
{
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = first; i < last;)
    {
      const AnnalsToken *token = annals_tokens_get (tokens, i);
      const AnnalsPlace *place;
      guint n = 0;

      if (token->type != ANNALS_TOKEN_WORD || !g_unichar_isupper (token->first))
        {
          i++;
          continue;
        }
      place = annals_gazetteer_match (self->gazetteer, tokens, i, last, &n);
      if (place != NULL)
        {
          i += n;
          continue;
        }
      if ((token->flags & ANNALS_TOKEN_ALL_CAPS) != 0)
        {
          i++;
          continue;
        }
      return FALSE;
    }

  return TRUE;
}

static void
mention_clear (Mention *mention)
{
  g_free (mention->title);
  g_free (mention->name_key);
  g_free (mention->alias_key);
  g_free (mention->ordinal);
}

static gboolean
overlaps_mention (Extraction *self,
                  guint       first,
                  guint       last)
{
  for (guint i = 0; i < self->mentions->len; i++)
    {
      const Mention *m = &g_array_index (self->mentions, Mention, i);
      if (first < m->last && m->first < last)
        return TRUE;
    }
  return FALSE;
}

/* "(Frontier-2001)", "(Air Bridge-2018)" after a name: its end, or @index. */
static guint
match_alias (Extraction *self,
             guint       index,
             guint       limit,
             char      **alias_key)
{
  const AnnalsTokens *tokens = self->tokens;
  guint i = index + 1;
  int year;

  if (!is_punct_char (tokens, index, '('))
    return index;

  while (i < limit && i < index + 8 && (is_capitalized_word (tokens, i) || annals_tokens_is_dash (tokens, i) ||
                                        is_year_token (self, i, &year) || word_is (tokens, i, "of")))
    i++;

  if (i == index + 1 || !is_punct_char (tokens, i, ')'))
    return index;

  *alias_key = normalize_span (self, index + 1, i);
  return i + 1;
}

/* Builds a mention around the event noun at [noun, noun_end). */
static gboolean
build_noun_mention (Extraction      *self,
                    const EventNoun *noun,
                    guint            noun_index,
                    guint            noun_end,
                    guint            sentence_first,
                    guint            sentence_last,
                    Mention         *mention)
{
  const AnnalsTokens *tokens = self->tokens;
  guint first = noun_index;
  guint name_first = G_MAXUINT, name_last = 0;
  guint n_modifiers = 0;
  guint last = noun_end;
  gboolean capitalized_noun = is_capitalized_word (tokens, noun_index);
  int year = 0;
  guint year_index = 0;

  memset (mention, 0, sizeof *mention);
  mention->kind = noun->kind;
  mention->has_kind = TRUE;
  mention->plural = noun->plural;
  mention->weak = noun->strength == NOUN_WEAK;
  mention->is_session = strcmp (noun->word, "session") == 0;

  /* Modifiers to the left. */
  while (first > sentence_first && n_modifiers < MAX_MODIFIERS)
    {
      guint i = first - 1;
      const AnnalsToken *token = annals_tokens_get (tokens, i);

      if ((annals_tokens_get (tokens, first)->flags & ANNALS_TOKEN_NEWLINE_BEFORE) != 0)
        break;

      /* "the world’s largest exercise": a possessive determines */
      if (word_is (tokens, i, "s") && i >= sentence_first + 2 && annals_tokens_is_joined (tokens, i) &&
          annals_tokens_is_apostrophe (tokens, i - 1) && annals_tokens_is_joined (tokens, i - 1) &&
          !is_capitalized_word (tokens, i - 2))
        {
          mention->definite = TRUE;
          break;
        }

      /* A possessor: "NATO's summit", "Russia’s Vostok exercise" */
      if (word_is (tokens, i, "s") && i >= sentence_first + 2 && annals_tokens_is_joined (tokens, i) &&
          annals_tokens_is_apostrophe (tokens, i - 1) && annals_tokens_is_joined (tokens, i - 1) &&
          is_capitalized_word (tokens, i - 2))
        {
          mention->definite = TRUE;
          mention->possessor = i - 2;
          first = i - 2;
          /* "the U.S. Navy’s …" */
          while (first > sentence_first && first + 3 > mention->possessor && is_capitalized_word (tokens, first - 1) &&
                 !has_lex (self, first - 1, LEX_DETERMINER))
            first--;
          n_modifiers++;
          break;
        }

      /* An alias in brackets after a name: "Tsentr-2019 (Center-2019) strategic … exercise" */
      if (is_punct_char (tokens, i, ')') && i > sentence_first + 2)
        {
          guint open = i - 1;
          int value;

          while (open > sentence_first && open + 6 > i && !is_punct_char (tokens, open, '(') &&
                 (is_capitalized_word (tokens, open) || annals_tokens_is_dash (tokens, open) ||
                  is_year_token (self, open, &value)))
            open--;
          if (is_punct_char (tokens, open, '(') && open + 1 < i && open > sentence_first &&
              is_year_token (self, open - 1, &value) && is_year_token (self, i - 1, &value))
            {
              g_free (mention->alias_key);
              mention->alias_key = normalize_span (self, open + 1, i);
              first = open;
              continue;
            }
        }

      /* An abbreviation in brackets inside a name: "Ministers' Meeting (ADMM) Retreat" */
      if (is_punct_char (tokens, i, ')') && i >= sentence_first + 3 && is_punct_char (tokens, i - 2, '(') &&
          (annals_tokens_get (tokens, i - 1)->flags & ANNALS_TOKEN_ALL_CAPS) != 0 &&
          is_capitalized_word (tokens, i - 3))
        {
          first = i - 2;
          continue;
        }

      /* Durations: "two-day meeting", "12-day joint exercise" */
      if (token->type == ANNALS_TOKEN_WORD && i >= sentence_first + 2 && annals_tokens_is_dash (tokens, i - 1) &&
          annals_tokens_is_joined (tokens, i - 1) && annals_tokens_is_joined (tokens, i) &&
          (word_is (tokens, i, "day") || word_is (tokens, i, "week") || word_is (tokens, i, "month") ||
           word_is (tokens, i, "nation") || word_is (tokens, i, "country") || word_is (tokens, i, "scale") ||
           word_is (tokens, i, "level") || word_is (tokens, i, "year") || word_is (tokens, i, "long")))
        {
          first = i - 1;
          n_modifiers++;
          continue;
        }

      if (token->type == ANNALS_TOKEN_PUNCT)
        {
          /* Hyphens inside compounds: "counter-terrorist", "Zapad-2021" */
          if (annals_tokens_is_dash (tokens, i) && annals_tokens_is_joined (tokens, i) &&
              annals_tokens_is_joined (tokens, i + 1) && i > sentence_first)
            {
              first = i;
              continue;
            }
          /* Possessive plural "Ministers’" or "leaders'" */
          if (annals_tokens_is_apostrophe (tokens, i) && annals_tokens_is_joined (tokens, i) && i > sentence_first &&
              annals_tokens_get (tokens, i - 1)->type == ANNALS_TOKEN_WORD &&
              tokens->text[annals_tokens_get (tokens, i - 1)->end - 1] == 's')
            {
              first = i;
              continue;
            }
          break;
        }

      /* "the" inside a name: "Rim of the Pacific exercise" */
      if (word_is (tokens, i, "the") && name_first == i + 1 && i >= sentence_first + 2 &&
          word_is (tokens, i - 1, "of") && is_name_word (self, i - 2))
        {
          first = i;
          continue;
        }

      if (has_lex (self, i, LEX_DETERMINER))
        {
          if (word_is (tokens, i, "the") || word_is (tokens, i, "this") || word_is (tokens, i, "that") ||
              word_is (tokens, i, "these") || word_is (tokens, i, "its") || word_is (tokens, i, "their"))
            mention->definite = TRUE;
          break;
        }

      if (token->type == ANNALS_TOKEN_NUMBER && annals_tokens_is_dash (tokens, i + 1) &&
          annals_tokens_is_joined (tokens, i + 1) && i + 1 == first)
        {
          first = i;
          continue;
        }

      if (token->type == ANNALS_TOKEN_NUMBER)
        {
          int value;

          if (is_year_token (self, i, &value))
            {
              /* A year right before the noun belongs to a name: "Vostok 2022 exercise" */
              if (year == 0)
                {
                  year = value;
                  year_index = i;
                }
              first = i;
              n_modifiers++;
              continue;
            }
          if (is_ordinal (self, i))
            {
              mention->ordinal = normalize_span (self, i, i + 1);
              first = i;
              n_modifiers++;
            }
          break;
        }

      if (is_capitalized_word (tokens, i))
        {
          if (!is_name_word (self, i) && !(i > sentence_first && annals_tokens_is_dash (tokens, i + 1)))
            {
              if (is_ordinal (self, i))
                {
                  mention->ordinal = normalize_span (self, i, i + 1);
                  first = i;
                  n_modifiers++;
                }
              break;
            }
          /* A name word starting the sentence counts only if more name
           * words follow it ("Peace Mission exercise", not "Troops exercise"). */
          if (i == sentence_first && !is_capitalized_word (tokens, i + 1) && !capitalized_noun)
            break;
          if (name_first == G_MAXUINT || name_last == 0)
            name_last = i + 1;
          name_first = i;
          first = i;
          n_modifiers++;
          continue;
        }

      /* "of" inside a name: "Trumpet of Peace International …" */
      if ((word_is (tokens, i, "of") || word_is (tokens, i, "and")) &&
          (name_first == i + 1 || (name_first == i + 2 && word_is (tokens, i + 1, "the"))) &&
          is_name_word (self, i - 1 < sentence_first ? i : i - 1) && i > sentence_first)
        {
          first = i;
          continue;
        }

      if (word_is (tokens, i, "and") && i > sentence_first &&
          (has_lex (self, i - 1, LEX_MODIFIER) ||
           annals_tokens_is_dash (tokens, i - 2)))
        {
          first = i;
          continue;
        }

      if (has_lex (self, i, LEX_MODIFIER) || is_adjective_like (tokens, i) ||
          /* the tail of a compound: "counter-terrorism", "anti-aircraft" */
          (i > sentence_first && annals_tokens_is_dash (tokens, i - 1) && annals_tokens_is_joined (tokens, i) &&
           annals_tokens_is_joined (tokens, i - 1) && i + 1 < noun_index + 1) ||
          (annals_tokens_is_dash (tokens, i + 1) && annals_tokens_is_joined (tokens, i + 1) && i + 1 < noun_index))
        {
          if (word_is (tokens, i, "next") || word_is (tokens, i, "upcoming") || word_is (tokens, i, "forthcoming"))
            mention->is_next = TRUE;
          if (word_is (tokens, i, "plenary"))
            mention->reporting = TRUE;
          if (is_ordinal (self, i) || word_is (tokens, i, "previous") || word_is (tokens, i, "final"))
            mention->ordinal = normalize_span (self, i, i + 1);
          first = i;
          n_modifiers++;
          continue;
        }

      /* "press conference", "news briefing": the report, not an event;
       * "plenary session", "opening ceremony": a programme item */
      if (word_is (tokens, i, "press") || word_is (tokens, i, "news") || word_is (tokens, i, "media") ||
          word_is (tokens, i, "plenary") || word_is (tokens, i, "opening") || word_is (tokens, i, "closing"))
        mention->reporting = TRUE;
      break;
    }

  /* Drop a dangling "and" or hyphen at the left edge. */
  while (first < noun_index && (word_is (tokens, first, "and") || word_is (tokens, first, "of") ||
                                annals_tokens_get (tokens, first)->type == ANNALS_TOKEN_PUNCT))
    first++;

  mention->n_modifiers = n_modifiers;

  /* A name after the noun: "exercise Peaceful Mission 2023", "Exercise CI18" */
  if (noun->kind == ANNALS_EVENT_KIND_EXERCISE && !noun->plural)
    {
      guint i = noun_end;

      while (i < sentence_last && i < noun_end + 5 && is_name_word (self, i))
        {
          guint n = 0;
          if (annals_gazetteer_match (self->gazetteer, tokens, i, sentence_last, &n) != NULL && i == noun_end)
            break;
          i++;
          if (annals_tokens_is_dash (tokens, i) && annals_tokens_is_joined (tokens, i) &&
              annals_tokens_is_joined (tokens, i + 1))
            i++;
        }
      if (i > noun_end)
        {
          guint name_end = i;
          int value;

          if (annals_tokens_is_dash (tokens, name_end) && is_year_token (self, name_end + 1, &value))
            name_end++;
          if (is_year_token (self, name_end, &value))
            {
              year = value;
              year_index = name_end;
              name_end++;
            }
          while (name_end > noun_end && annals_tokens_get (tokens, name_end - 1)->type == ANNALS_TOKEN_PUNCT)
            name_end--;
          if (year != 0 || (annals_tokens_get (tokens, noun_end)->flags & ANNALS_TOKEN_ALL_CAPS) != 0 ||
              name_end - noun_end >= 2 || capitalized_noun)
            {
              name_first = noun_end;
              name_last = name_end;
              last = name_end;
              mention->named = TRUE;
            }
        }
    }

  /* A name goes on after a capitalized noun: "Defence Ministers' Meeting Plus" */
  if (capitalized_noun && last == noun_end)
    {
      guint i = noun_end;

      while (i < sentence_last && i < noun_end + 2 && is_name_word (self, i) &&
             annals_gazetteer_match (self->gazetteer, tokens, i, sentence_last, &(guint){ 0 }) == NULL &&
             event_noun_at (self, i, &(guint){ 0 }) == NULL)
        i++;
      /* "Ministers' Meeting (ADMM) Retreat" */
      if (i == noun_end && is_punct_char (tokens, i, '(') && i + 3 < sentence_last &&
          (annals_tokens_get (tokens, i + 1)->flags & ANNALS_TOKEN_ALL_CAPS) != 0 &&
          is_punct_char (tokens, i + 2, ')') && is_name_word (self, i + 3))
        i += 4;
      last = i;
    }

  /* "talks with his Chinese counterpart Li Shangfu": a bilateral meeting */
  if ((noun->kind == ANNALS_EVENT_KIND_MEETING) && word_is (tokens, last, "with"))
    {
      guint j = last + 1;

      while (j < sentence_last && j < last + 5 && !word_is (tokens, j, "counterpart") &&
             !word_is (tokens, j, "counterparts"))
        j++;
      if (j < sentence_last && j < last + 5)
        {
          guint name_end = j + 1;

          if (is_punct_char (tokens, name_end, ','))
            name_end++;
          while (name_end < sentence_last && name_end < j + 7 && is_capitalized_word (tokens, name_end))
            name_end++;
          if (name_end > j + 1 && is_capitalized_word (tokens, name_end - 1))
            last = name_end;
          else
            last = j + 1;
          mention->weak = FALSE;
        }
    }

  /* A complement: "summit of heads of state", "session of the … commission" */
  if (word_is (tokens, last, "of") && !mention->named)
    {
      guint i = last + 1;
      guint end = last;


      while (i < sentence_last && i < last + 14)
        {
          const AnnalsToken *token = annals_tokens_get (tokens, i);

          if (token->type == ANNALS_TOKEN_PUNCT && !(annals_tokens_is_dash (tokens, i) && annals_tokens_is_joined (tokens, i)) &&
              !annals_tokens_is_apostrophe (tokens, i))
            break;
          if (has_lex (self, i, LEX_STOP))
            break;
          if (self->timex_at[i] != 0)
            break;
          i++;
          if (token->type == ANNALS_TOKEN_WORD && !word_is (tokens, i - 1, "the") &&
              !word_is (tokens, i - 1, "and") && !word_is (tokens, i - 1, "of") && !word_is (tokens, i - 1, "on"))
            end = i;
        }
      if (end > last + 1)
        {
          if (noun->strength == NOUN_WEAK || noun->kind == ANNALS_EVENT_KIND_MEETING)
            {
              /* "gathering of NATO leaders", "meeting of heads of state" */
              for (guint j = last; j < end; j++)
                if (word_is (tokens, j, "leaders") || (word_is (tokens, j, "heads") && word_is (tokens, j + 2, "state")))
                  mention->kind = ANNALS_EVENT_KIND_SUMMIT;
              mention->weak = FALSE;
              /* "of BRICS National Security Advisers" names it; "of NATO leaders" does not */
              mention->named = mention->named ||
                               ((is_capitalized_word (tokens, last + 1) || is_capitalized_word (tokens, last + 2)) &&
                                !is_only_affiliation (self, last + 1, end));
            }
          last = end;
        }
    }

  if (name_first != G_MAXUINT && !mention->named)
    {
      if (name_last == 0)
        name_last = name_first + 1;
      if (!is_only_affiliation (self, name_first, noun_index))
        mention->named = TRUE;
    }
  if (capitalized_noun && first < noun_index && is_capitalized_word (tokens, noun_index - 1))
    mention->named = TRUE;

  /* "summit of heads of state" */
  for (guint j = first; j < noun_index; j++)
    if (word_is (tokens, j, "leaders") || word_is (tokens, j, "heads"))
      if (mention->kind == ANNALS_EVENT_KIND_MEETING)
        mention->kind = ANNALS_EVENT_KIND_SUMMIT;

  /* "a long-running bilateral Field Training Exercise": a description */
  for (guint i = first; i > sentence_first && i + 5 > first && year == 0; i--)
    {
      const AnnalsToken *before = annals_tokens_get (tokens, i - 1);

      if (word_is (tokens, i - 1, "a") || word_is (tokens, i - 1, "an"))
        {
          /* …unless the name holds a place: "a special Malacca Straits
           * Patrol briefing" */
          gboolean has_place = FALSE;

          for (guint k = first; k < noun_index && !has_place; k++)
            has_place = annals_gazetteer_match (self->gazetteer, tokens, k, noun_index, &(guint){ 0 }) != NULL &&
                        !is_only_affiliation (self, first, noun_index);
          if (!has_place)
            mention->named = FALSE;
          break;
        }
      if (!((before->type == ANNALS_TOKEN_WORD && g_unichar_islower (before->first)) ||
            annals_tokens_is_dash (tokens, i - 1)))
        break;
    }

  mention->first = first;
  mention->last = last;
  mention->bare = (first == noun_index && last == noun_end);

  if (first >= sentence_first + 2 && (word_is (tokens, first - 1, "a") || word_is (tokens, first - 1, "an")) &&
      (word_is (tokens, first - 2, "as") || word_is (tokens, first - 2, "is") || word_is (tokens, first - 2, "was") ||
       word_is (tokens, first - 2, "be") || word_is (tokens, first - 2, "becomes") || word_is (tokens, first - 2, "remains")))
    mention->predicative = TRUE;

  /* "the Madrid meeting", "the Tashkent summit" */
  for (guint i = first; i < noun_index; i++)
    {
      guint n = 0;
      const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, i, noun_index, &n);

      if (place != NULL && place->type != ANNALS_PLACE_DEMONYM && place->code[0] != '\0')
        {
          g_strlcpy (mention->place_code, place->code, sizeof mention->place_code);
          break;
        }
    }
  mention->name_year = year;

  /* The title: a named event with a year is called by its name alone. */
  if (year != 0 && name_first != G_MAXUINT && year_index >= name_first)
    {
      guint title_first = name_first;

      /* "Sino-Russian Joint Sea-2019": affiliations are not the name */
      while (title_first < year_index)
        {
          guint n = 0;
          const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, title_first, year_index, &n);

          if (place == NULL)
            break;
          title_first += n;
          while (title_first < year_index && annals_tokens_is_dash (tokens, title_first))
            title_first++;
        }
      if (title_first >= year_index)
        title_first = name_first;

      mention->title = dup_tokens_text (self, title_first, year_index + 1);
      mention->name_key = normalize_span (self, title_first, year_index > title_first && annals_tokens_is_dash (tokens, year_index - 1) ?
                                          year_index - 1 : year_index);
      mention->named = TRUE;
    }
  else
    {
      mention->title = dup_tokens_text (self, first, last);
      if (mention->named && name_first != G_MAXUINT)
        {
          guint key_last = name_last > name_first ? name_last : noun_index;
          if (key_last > noun_index && name_first < noun_index)
            key_last = noun_index;
          mention->name_key = normalize_span (self, name_first, MAX (key_last, name_first + 1));
        }
    }

  /* An alias in brackets right after: "exercise X-2020 (Y-2020)" */
  if (is_punct_char (tokens, mention->last, '('))
    {
      guint after = match_alias (self, mention->last, sentence_last, &mention->alias_key);
      if (after > mention->last)
        mention->last = after;
    }

  return TRUE;
}

/* A name with a year that no noun phrase took: "Vostok 2022",
 * "Rubezh-2010 (Frontier-2001)". */
static gboolean
build_name_mention (Extraction *self,
                    guint       year_index,
                    guint       sentence_first,
                    guint       sentence_last,
                    Mention    *mention)
{
  const AnnalsTokens *tokens = self->tokens;
  guint name_end = year_index;
  guint first;
  int year;

  if (!is_year_token (self, year_index, &year))
    return FALSE;

  if (annals_tokens_is_dash (tokens, name_end - 1) && annals_tokens_is_joined (tokens, name_end - 1) &&
      annals_tokens_is_joined (tokens, year_index))
    name_end--;
  else if (annals_tokens_is_joined (tokens, year_index))
    return FALSE;

  first = name_end;
  while (first > sentence_first && name_end - first < 8)
    {
      guint i = first - 1;

      if (is_name_word (self, i))
        {
          first = i;
          continue;
        }
      if (((word_is (tokens, i, "of") && !annals_tokens_is_joined (tokens, i)) ||
           (annals_tokens_is_dash (tokens, i) && annals_tokens_is_joined (tokens, i) && annals_tokens_is_joined (tokens, i + 1))) &&
          i > sentence_first && first < name_end && is_name_word (self, i - 1))
        {
          first = i;
          continue;
        }
      break;
    }

  if (first == name_end)
    return FALSE;

  /* "Sino-Russian", "Indian": affiliations before a name are not part of it */
  while (first < name_end)
    {
      guint n = 0;
      const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, first, name_end, &n);

      if (place == NULL || first + n >= name_end || place->type != ANNALS_PLACE_DEMONYM)
        break;
      first += n;
      while (first < name_end && annals_tokens_is_dash (tokens, first))
        first++;
    }

  /* A heading or kicker: "BRICS 2022: …" */
  if (is_punct_char (tokens, year_index + 1, ':') &&
      (annals_tokens_get (tokens, first)->flags & ANNALS_TOKEN_NEWLINE_BEFORE) != 0)
    return FALSE;

  /* A country and a year is not a name ("Russia 2022") */
  {
    guint n = 0;
    const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, first, name_end, &n);
    if (place != NULL && first + n == name_end)
      return FALSE;
  }

  memset (mention, 0, sizeof *mention);
  mention->first = first;
  mention->last = year_index + 1;
  mention->named = TRUE;
  mention->name_year = year;
  mention->title = dup_tokens_text (self, first, year_index + 1);
  mention->name_key = normalize_span (self, first, name_end);

  if (is_punct_char (tokens, mention->last, '('))
    mention->last = match_alias (self, mention->last, sentence_last, &mention->alias_key);

  /* The kind, from an apposition: "X, the first joint air exercise",
   * "a bigger exercise, X" */
  {
    guint i = mention->last;
    guint noun_end;
    const EventNoun *noun;

    if (is_punct_char (tokens, i, ','))
      {
        guint j = i + 1;

        if (has_lex (self, j, LEX_DETERMINER))
          j++;
        for (guint k = j; k < sentence_last && k < j + 8; k++)
          {
            if ((noun = event_noun_at (self, k, &noun_end)) != NULL)
              {
                mention->kind = noun->kind;
                mention->has_kind = TRUE;
                break;
              }
            if (annals_tokens_get (tokens, k)->type == ANNALS_TOKEN_PUNCT && !annals_tokens_is_dash (tokens, k))
              break;
          }
      }

    if (!mention->has_kind && first >= sentence_first + 2 && is_punct_char (tokens, first - 1, ','))
      {
        noun = event_noun_at (self, first - 2, &noun_end);
        if (noun != NULL)
          {
            mention->kind = noun->kind;
            mention->has_kind = TRUE;
          }
      }
  }

  return TRUE;
}

/* Candidates */

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_clear_object (&candidate->event);
  g_ptr_array_unref (candidate->keys);
  g_free (candidate->name_key);
  g_free (candidate->ordinal);
  g_free (candidate->core);
  g_free (candidate);
}

static gboolean
has_key (Candidate  *candidate,
         const char *key)
{
  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < candidate->keys->len; i++)
    if (strcmp (g_ptr_array_index (candidate->keys, i), key) == 0)
      return TRUE;
  return FALSE;
}

static void
add_key (Extraction *self,
         Candidate  *candidate,
         const char *key)
{
  if (key == NULL || key[0] == '\0' || has_key (candidate, key))
    return;

  g_ptr_array_add (candidate->keys, g_strdup (key));
  if (!g_hash_table_contains (self->keys, key))
    g_hash_table_insert (self->keys, g_strdup (key), candidate);
}

/* A name without the words any event name may have: "Spasskaya Tower
 * International Military Festival" and "10th Spasskaya Tower Military
 * Festival" are both "spasskaya tower". */
static char *
core_name (const char *name_key)
{
  static const char * const generic[] = {
    "international", "military", "band", "bands", "music", "festival", "joint",
    "exercise", "exercises", "drills", "drill", "meeting", "summit", "annual",
    "army", "naval", "forces", "games",
  };
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) core = g_string_new (NULL);

  if (name_key == NULL)
    return NULL;

  words = g_strsplit (name_key, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean skip = words[i][0] == '\0';

      for (guint g = 0; g < G_N_ELEMENTS (generic) && !skip; g++)
        skip = strcmp (words[i], generic[g]) == 0;
      if (!skip)
        {
          if (core->len > 0)
            g_string_append_c (core, ' ');
          g_string_append (core, words[i]);
        }
    }

  if (core->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&core), FALSE);
}

/* Whether @a starts with the words of @b, or the other way round. */
static gboolean
keys_share_prefix (const char *a,
                   const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  gsize n = MIN (la, lb);

  if (n == 0 || strncmp (a, b, n) != 0)
    return FALSE;
  return la == lb || (la > n ? a[n] == ' ' : b[n] == ' ');
}

static gboolean
compatible (Candidate     *candidate,
            const Mention *mention)
{
  if (mention->has_kind && candidate->has_kind && mention->kind != candidate->kind)
    return FALSE;
  if (mention->name_year != 0 && candidate->name_year != 0 && mention->name_year != candidate->name_year)
    return FALSE;
  /* "the next meeting" is not the meeting the text reported before it;
   * a later "the meeting" may well be the next one. */
  if (mention->is_next && !candidate->is_next)
    return FALSE;
  if (mention->ordinal != NULL && candidate->ordinal != NULL && strcmp (mention->ordinal, candidate->ordinal) != 0)
    return FALSE;
  if (mention->ordinal != NULL && candidate->ordinal == NULL && candidate->is_next)
    return FALSE;
  /* "the previous Peace Mission exercise" is not Peace Mission-2021 */
  if (mention->ordinal != NULL && candidate->ordinal == NULL && candidate->name_year != 0 && mention->name_year == 0)
    return FALSE;
  return TRUE;
}

static Candidate *
find_referent (Extraction    *self,
               const Mention *mention,
               const char    *title_key)
{
  g_autofree char *mention_core = NULL;
  Candidate *best = NULL;
  Candidate *found;

  /* The same title or alias, by lookup; a bare noun ("concerts",
   * "talks") is too common a title to join two events by. */
  found = mention->bare ? NULL : g_hash_table_lookup (self->keys, title_key);
  if (found != NULL && compatible (found, mention))
    return found;
  if (mention->alias_key != NULL)
    {
      found = g_hash_table_lookup (self->keys, mention->alias_key);
      if (found != NULL && compatible (found, mention))
        return found;
    }

  if (mention->name_key != NULL && mention->has_kind)
    mention_core = core_name (mention->name_key);

  for (guint i = RECENT_FIRST (self); i < self->candidates->len && (mention->name_key != NULL || mention->is_next); i++)
    {
      Candidate *candidate = g_ptr_array_index (self->candidates, i);

      if (!compatible (candidate, mention))
        continue;

      if (mention->name_key != NULL && candidate->name_key != NULL &&
          keys_share_prefix (mention->name_key, candidate->name_key))
        return candidate;
      /* At least two words: "Spasskaya Tower", not "SCO" */
      if (mention_core != NULL && candidate->core != NULL && candidate->has_kind &&
          strchr (mention_core, ' ') != NULL && strcmp (mention_core, candidate->core) == 0)
        return candidate;
      if (candidate->named && mention->name_key != NULL && has_key (candidate, mention->name_key))
        return candidate;
      /* Two mentions of "the next summit" name the same one. */
      if (mention->is_next && candidate->is_next && mention->has_kind && candidate->has_kind)
        return candidate;
    }

  /* "the Madrid meeting": the gathering held there, meeting or summit */
  if (mention->definite && mention->place_code[0] != '\0' && !mention->named &&
      (mention->kind == ANNALS_EVENT_KIND_MEETING || mention->kind == ANNALS_EVENT_KIND_SUMMIT))
    {
      for (guint i = self->candidates->len; i > RECENT_FIRST (self); i--)
        {
          Candidate *candidate = g_ptr_array_index (self->candidates, i - 1);

          if ((candidate->kind == ANNALS_EVENT_KIND_MEETING || candidate->kind == ANNALS_EVENT_KIND_SUMMIT) &&
              g_strcmp0 (annals_event_get_host_country (candidate->event), mention->place_code) == 0 &&
              (best == NULL || candidate->last_token > best->last_token))
            best = candidate;
        }
      if (best != NULL)
        return best;
    }

  /* "the meeting", "this exercise", "the 2024 dialogue", "NATO's summit",
   * "the meetings": the latest event of its kind, a named one first. */
  if (mention->definite && mention->has_kind && !mention->named && (!mention->plural || mention->bare))
    {
      for (int pass = 0; pass < 2 && best == NULL; pass++)
        for (guint i = self->candidates->len; i > RECENT_FIRST (self); i--)
          {
            Candidate *candidate = g_ptr_array_index (self->candidates, i - 1);

            if (!candidate->has_kind || candidate->kind != mention->kind || candidate->reporting)
              continue;
            if (pass == 0 && !candidate->named)
              continue;
            /* "the meeting" is not the talks mentioned in passing */
            if (candidate->weak && !mention->weak)
              continue;
            if (mention->place_code[0] != '\0' && annals_event_get_host_country (candidate->event) != NULL &&
                strcmp (mention->place_code, annals_event_get_host_country (candidate->event)) != 0)
              continue;
            /* "X met Y on the sidelines of the meeting": another meeting */
            if (candidate->first_sentence == mention->sentence && mention->sentence > 0 &&
                candidate->n_mentions > 0 && self->candidates->len > 1 && candidate->last_token <= mention->first &&
                !candidate->named)
              continue;
            if (!compatible (candidate, mention))
              continue;
            /* "NATO's summit … was held" is not the summit still to come */
            if (mention->past_clause && (candidate->is_next || candidate->planned_cue))
              continue;
            if (best == NULL || candidate->last_token > best->last_token)
              best = candidate;
          }
    }

  return best;
}

/* Dates, hosts, status */

static gboolean
is_attribution_timex (Extraction        *self,
                      const AnnalsTimex *timex)
{
  const AnnalsTokens *tokens = self->tokens;
  guint first = timex->first_token;
  guint sentence_first = g_array_index (tokens->sentences, AnnalsSentence,
                                        annals_tokens_get (tokens, first)->sentence).first;

  /* "said on Friday", "said SCO Secretariat here on Friday", "told reporters on Monday" */
  for (guint i = first; i > sentence_first && i + 6 > first; i--)
    {
      if (has_lex (self, i - 1, LEX_REPORTING))
        return TRUE;
      if (annals_tokens_get (tokens, i - 1)->type == ANNALS_TOKEN_PUNCT &&
          !is_punct_char (tokens, i - 1, '.'))
        break;
    }
  /* "At a press conference here on Monday" */
  for (guint i = first; i > sentence_first && i + 6 > first; i--)
    if (word_is (tokens, i - 1, "press") || word_is (tokens, i - 1, "news"))
      return TRUE;

  return FALSE;
}

static gboolean
timex_is_usable (Extraction        *self,
                 const AnnalsTimex *timex)
{
  if (timex->type == ANNALS_TIMEX_DURATION || timex->type == ANNALS_TIMEX_SET)
    return FALSE;
  /* "more than a year ago" dates nothing precisely enough */
  if ((timex->flags & (ANNALS_TIMEX_DATELINE | ANNALS_TIMEX_REFERENCE | ANNALS_TIMEX_SINCE |
                       ANNALS_TIMEX_APPROXIMATE)) != 0)
    return FALSE;
  if (!annals_date_is_set (&timex->start) && !annals_date_is_set (&timex->end))
    return FALSE;
  return TRUE;
}

static void
apply_date (Candidate         *candidate,
            const AnnalsTimex *timex,
            int                name_year)
{
  AnnalsDate start = timex->start;
  AnnalsDate end = timex->end;

  /* A date written without its year takes the year of the name. */
  if (name_year != 0 && (timex->flags & ANNALS_TIMEX_EXPLICIT_YEAR) == 0 && annals_date_is_set (&start) &&
      start.year != name_year && (timex->flags & ANNALS_TIMEX_RELATIVE) == 0)
    {
      int shift = name_year - start.year;
      start.year += shift;
      if (annals_date_is_set (&end))
        end.year += shift;

      /* 29 February does not move to a common year. */
      if ((start.precision == ANNALS_PRECISION_DAY &&
           start.day > annals_days_in_month (start.year, start.month)) ||
          (end.precision == ANNALS_PRECISION_DAY &&
           end.day > annals_days_in_month (end.year, end.month)))
        return;
    }

  if (name_year != 0 && annals_date_is_set (&start) && start.year != name_year)
    return;

  if ((timex->flags & ANNALS_TIMEX_UNTIL) != 0)
    {
      if (!annals_date_is_set (&candidate->end) ||
          annals_date_get_precision (&start) > annals_date_get_precision (&candidate->end))
        candidate->end = start;
      if (!annals_date_is_set (&candidate->start) && name_year != 0)
        annals_date_set_year (&candidate->start, name_year);
      candidate->dated_by_text = TRUE;
      return;
    }

  if (!annals_date_is_set (&candidate->start) ||
      (annals_date_get_precision (&start) > annals_date_get_precision (&candidate->start) &&
       annals_date_contains (&candidate->start, &start)) ||
      /* "from May 31 to June 2" says more than "this weekend" */
      (candidate->dated_relatively && (timex->flags & (ANNALS_TIMEX_RELATIVE | ANNALS_TIMEX_RANGE)) == ANNALS_TIMEX_RANGE &&
       annals_date_get_first_day (&start) <= annals_date_get_first_day (&candidate->start) &&
       annals_date_get_end_day (&end) >= annals_date_get_end_day (&candidate->start)))
    {
      candidate->start = start;
      annals_date_clear (&candidate->end);
      if (annals_date_is_set (&end))
        candidate->end = end;
      candidate->dated_by_text = TRUE;
      candidate->dated_relatively = (timex->flags & ANNALS_TIMEX_RELATIVE) != 0;
    }
}


typedef struct
{
  char        code[3];
  const char *place;  /* borrowed from the gazetteer */
  guint       place_first, place_last;
  int         strength;
  guint       n_countries;
} Host;

static gboolean
read_location (Extraction *self,
               guint       index,
               guint       limit,
               Host       *host,
               guint      *end)
{
  const AnnalsTokens *tokens = self->tokens;
  const AnnalsPlace *place;
  guint n = 0;

  if (word_is (tokens, index, "the"))
    index++;

  place = annals_gazetteer_match (self->gazetteer, tokens, index, limit, &n);
  if (place == NULL || place->type == ANNALS_PLACE_DEMONYM)
    return FALSE;

  *end = index + n;
  if (place->type == ANNALS_PLACE_COUNTRY)
    {
      g_strlcpy (host->code, place->code, sizeof host->code);
      /* "Russia’s Eastern Military District" */
      if (annals_tokens_is_apostrophe (self->tokens, index + n) && word_is (tokens, index + n + 1, "s"))
        {
          guint m = 0;
          const AnnalsPlace *inner = annals_gazetteer_match (self->gazetteer, tokens, index + n + 2, limit, &m);

          if (inner != NULL && inner->type != ANNALS_PLACE_COUNTRY && inner->type != ANNALS_PLACE_DEMONYM &&
              (inner->code[0] == '\0' || strcmp (inner->code, place->code) == 0))
            {
              host->place = inner->name;
              host->place_first = index + n + 2;
              host->place_last = index + n + 2 + m;
              *end = index + n + 2 + m;
            }
        }
      return TRUE;
    }

  host->place = place->name;
  host->place_first = index;
  host->place_last = index + n;
  g_strlcpy (host->code, place->code, sizeof host->code);

  /* "Tashkent, Republic of Uzbekistan", "Ha Noi, Viet Nam" */
  if (is_punct_char (tokens, index + n, ','))
    {
      guint m = 0;
      const AnnalsPlace *country = annals_gazetteer_match (self->gazetteer, tokens, index + n + 1, limit, &m);

      if (country != NULL && country->type == ANNALS_PLACE_COUNTRY &&
          (host->code[0] == '\0' || strcmp (country->code, host->code) == 0))
        {
          g_strlcpy (host->code, country->code, sizeof host->code);
          *end = index + n + 1 + m;
        }
    }

  return TRUE;
}

static gboolean
is_host_cue_verb (Extraction *self,
                  guint       index)
{

  return has_lex (self, index, LEX_HOST_VERB);
}

/* Countries listed after a location: "in Belarus, Kazakhstan and Russia". */
static guint
count_listed_countries (Extraction *self,
                        guint       index,
                        guint       limit)
{
  const AnnalsTokens *tokens = self->tokens;
  guint count = 1;

  while (index < limit && (is_punct_char (tokens, index, ',') || word_is (tokens, index, "and")))
    {
      guint n = 0;
      guint next = index + 1;
      const AnnalsPlace *place;

      if (word_is (tokens, next, "and"))
        next++;
      place = annals_gazetteer_match (self->gazetteer, tokens, next, limit, &n);
      if (place == NULL || place->type != ANNALS_PLACE_COUNTRY)
        break;
      count++;
      index = next + n;
    }

  return count;
}

static gboolean
find_host (Extraction    *self,
           const Mention *mention,
           guint          sentence_first,
           guint          sentence_last,
           Host          *host)
{
  const AnnalsTokens *tokens = self->tokens;
  guint limit = MIN (sentence_last, mention->last + HOST_WINDOW);
  guint end;

  memset (host, 0, sizeof *host);

  /* To the right: "held in X", "in X", "hosted by X", "on the territory of X",
   * "by the Armed Forces of X", "which X hosts", "under X's chairship", "here" */
  for (guint i = mention->last; i < limit; i++)
    {
      const AnnalsToken *token = annals_tokens_get (tokens, i);

      if (token->type == ANNALS_TOKEN_PUNCT && (token->first == ';' || token->first == 0x00AB))
        break;
      /* Most words say nothing of a place: skip them at once. */
      if (token->type != ANNALS_TOKEN_WORD ||
          (!has_lex (self, i, LEX_HOST_CUE | LEX_REPORTING) && (token->flags & ANNALS_TOKEN_CAPITALIZED) == 0))
        {
          if (i > mention->last && token->type == ANNALS_TOKEN_WORD && overlaps_mention (self, i, i + 1))
            break;
          continue;
        }
      if (has_lex (self, i, LEX_REPORTING) || word_is (tokens, i, "while") ||
          word_is (tokens, i, "whereas") || word_is (tokens, i, "after") || word_is (tokens, i, "before") ||
          word_is (tokens, i, "from") || word_is (tokens, i, "involving") || word_is (tokens, i, "between") ||
          word_is (tokens, i, "including") || word_is (tokens, i, "against"))
        break;
      /* Another event starts: its place is its own. */
      if (i > mention->last && overlaps_mention (self, i, i + 1))
        break;

      if ((word_is (tokens, i, "in") || word_is (tokens, i, "at") || word_is (tokens, i, "near") ||
           word_is (tokens, i, "across")) &&
          (read_location (self, i + 1, sentence_last, host, &end) ||
           /* "in and around Hawaii", "in or near Minsk" */
           ((word_is (tokens, i + 1, "and") || word_is (tokens, i + 1, "or")) &&
            read_location (self, i + 3, sentence_last, host, &end))))
        {
          host->strength = 2;
          host->n_countries = count_listed_countries (self, end, sentence_last);
          /* A sea names no host: "in the Bay of Bengal off Visakhapatnam" */
          if (host->code[0] == '\0' && word_is (tokens, end, "off"))
            {
              Host coast = { 0 };
              if (read_location (self, end + 1, sentence_last, &coast, &end))
                g_strlcpy (host->code, coast.code, sizeof host->code);
            }
          if (host->code[0] == '\0')
            host->strength = 1;
          return TRUE;
        }
      if (word_is (tokens, i, "territory") && word_is (tokens, i + 1, "of") &&
          read_location (self, i + 2, sentence_last, host, &end))
        {
          host->strength = 3;
          return TRUE;
        }
      if (word_is (tokens, i, "under") && read_location (self, i + 1, sentence_last, host, &end) &&
          annals_tokens_is_apostrophe (tokens, end) && word_is (tokens, end + 1, "s"))
        {
          host->strength = 3;
          host->place = NULL;
          return TRUE;
        }
      if ((word_is (tokens, i, "hosted") || word_is (tokens, i, "organised") || word_is (tokens, i, "organized") ||
           word_is (tokens, i, "held") || word_is (tokens, i, "staged") || word_is (tokens, i, "chaired")) &&
          word_is (tokens, i + 1, "by"))
        {
          guint j = i + 2;

          if (word_is (tokens, j, "the"))
            j++;
          /* "by the Armed Forces of X", "by the Ministry of Defence of X" */
          for (guint k = j; k < MIN (j + 6, sentence_last); k++)
            if (word_is (tokens, k, "of") && read_location (self, k + 1, sentence_last, host, &end))
              {
                host->strength = 3;
                return TRUE;
              }
          if (!word_is (tokens, i, "held") && !word_is (tokens, i, "staged") &&
              read_location (self, j, sentence_last, host, &end))
            {
              host->strength = 3;
              return TRUE;
            }
        }
      /* "Cobra Gold, which Thailand hosts every year" */
      if (read_location (self, i, sentence_last, host, &end) && host->code[0] != '\0' &&
          (is_host_cue_verb (self, end) || (word_is (tokens, end, "will") && is_host_cue_verb (self, end + 1))))
        {
          host->strength = 3;
          return TRUE;
        }
      memset (host, 0, sizeof *host);
      if (word_is (tokens, i, "here") && self->dateline.place[0] != '\0')
        {
          const AnnalsPlace *place = annals_gazetteer_lookup (self->gazetteer, self->dateline.place);
          if (place != NULL && place->code[0] != '\0')
            {
              g_strlcpy (host->code, place->code, sizeof host->code);
              host->place = place->type == ANNALS_PLACE_COUNTRY ? NULL : place->name;
              host->strength = 1;
              return TRUE;
            }
        }
    }

  /* To the left: "X will host", "X is hosting the meeting", "X will be the
   * venue for" */
  for (guint i = mention->first; i > sentence_first && i + 16 > mention->first; i--)
    {
      guint verb = i - 1;

      if (is_host_cue_verb (self, verb) ||
          (word_is (tokens, verb, "venue") && word_is (tokens, verb + 1, "for")) ||
          (word_is (tokens, verb, "for") && verb > sentence_first && word_is (tokens, verb - 1, "venue")))
        {
          /* The host is the nearest place before the verb. */
          for (guint j = verb; j > sentence_first && j + 9 > verb; j--)
            {
              Host candidate = { 0 };
              guint k = j - 1;

              if (read_location (self, k, verb, &candidate, &end) && end <= verb && candidate.code[0] != '\0')
                {
                  *host = candidate;
                  host->strength = 3;
                  return TRUE;
                }
            }
          break;
        }
      if (has_lex (self, verb, LEX_REPORTING))
        break;
    }

  /* The organiser as the subject: "the Malaysian Armed Forces will give
   * a special … briefing", "Russia’s Defence Ministry will hold …" */
  for (guint i = mention->first; i > sentence_first && i + 4 > mention->first; i--)
    {
      guint verb = i - 1;

      if (!(word_is (tokens, verb, "give") || word_is (tokens, verb, "gives") || word_is (tokens, verb, "hold") ||
            word_is (tokens, verb, "holds") || word_is (tokens, verb, "conduct") || word_is (tokens, verb, "conducts") ||
            word_is (tokens, verb, "stage") || word_is (tokens, verb, "stages") || word_is (tokens, verb, "organise") ||
            word_is (tokens, verb, "organize") || word_is (tokens, verb, "organises") || word_is (tokens, verb, "organizes")))
        continue;
      if (verb > sentence_first && (word_is (tokens, verb - 1, "will") || word_is (tokens, verb - 1, "to")))
        verb--;
      /* "Armed Forces", "Defence Ministry", "Navy" after a demonym or a country */
      for (guint j = verb; j > sentence_first && j + 6 > verb; j--)
        {
          guint n = 0;
          const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, j - 1, verb, &n);

          if (place != NULL && place->code[0] != '\0' &&
              (place->type == ANNALS_PLACE_DEMONYM || place->type == ANNALS_PLACE_COUNTRY) &&
              j - 1 + n < verb && is_capitalized_word (tokens, j - 1 + n +
                                                       (annals_tokens_is_apostrophe (tokens, j - 1 + n) ? 2 : 0)))
            {
              g_strlcpy (host->code, place->code, sizeof host->code);
              host->place = NULL;
              host->strength = 2;
              return TRUE;
            }
          if (!is_capitalized_word (tokens, j - 1) && !annals_tokens_is_apostrophe (tokens, j - 1) &&
              !word_is (tokens, j - 1, "s") && !word_is (tokens, j - 1, "the"))
            break;
        }
      break;
    }

  /* Still to the left, weaker: "gather in Singapore for the …", "reached
   * Qingdao … for the … exercise" */
  for (guint i = mention->first; i > sentence_first && i + 20 > mention->first; i--)
    {
      guint k = i - 1;

      if (overlaps_mention (self, k, k + 1) && k + 1 < mention->first)
        break;
      if (has_lex (self, k, LEX_REPORTING))
        break;
      if ((word_is (tokens, k, "in") || word_is (tokens, k, "at") || word_is (tokens, k, "reached") ||
           word_is (tokens, k, "to")) &&
          read_location (self, k + 1, mention->first, host, &end) && host->code[0] != '\0')
        {
          host->strength = 1;
          host->n_countries = count_listed_countries (self, end, mention->first);
          return TRUE;
        }
      memset (host, 0, sizeof *host);
    }

  /* "Russia’s Vostok exercise": the possessor, weakest */
  if (mention->possessor > 0 && read_location (self, mention->possessor, mention->last, host, &end) &&
      host->code[0] != '\0')
    {
      host->strength = 1;
      host->place = NULL;
      return TRUE;
    }

  memset (host, 0, sizeof *host);
  return FALSE;
}

/* Where the clause of a mention starts: after a reporting verb that
 * comes before it ("Shoigu said … at a session": the session is not in
 * the reported clause). */
static guint
clause_start (Extraction    *self,
              const Mention *mention,
              guint          sentence_first)
{
  for (guint i = mention->first; i > sentence_first; i--)
    if (has_lex (self, i - 1, LEX_REPORTING))
      return i;
  return sentence_first;
}

static gboolean
has_planned_cue (Extraction    *self,
                 const Mention *mention,
                 guint          sentence_first,
                 guint          sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;
  guint limit = MIN (sentence_last, mention->last + 10);
  guint from = clause_start (self, mention, sentence_first);

  if (mention->is_next)
    return TRUE;

  /* The cue must be in the mention's own clause: not after a reporting
   * verb, nor after a comma ("Going by the G7 meetings, it will …"). */
  for (guint i = mention->last; i < limit; i++)
    if (has_lex (self, i, LEX_REPORTING) || is_punct_char (tokens, i, ','))
      limit = i;

  for (guint i = from; i < limit; i++)
    {
      if (has_lex (self, i, LEX_PLANNED))
        {
          /* "decided", "agreed" only with "to hold", "to conduct" */
          if ((word_is (tokens, i, "decided") || word_is (tokens, i, "agreed") || word_is (tokens, i, "proposed")) &&
              !(word_is (tokens, i + 1, "to") &&
                (word_is (tokens, i + 2, "hold") || word_is (tokens, i + 2, "conduct") ||
                 word_is (tokens, i + 2, "stage") || word_is (tokens, i + 2, "organize") ||
                 word_is (tokens, i + 2, "organise") || word_is (tokens, i + 2, "host"))))
            continue;
          /* "next" only as a modifier of the event itself counts */
          if (word_is (tokens, i, "next") && !(i >= mention->first && i < mention->last))
            continue;
          return TRUE;
        }
      if ((word_is (tokens, i, "is") || word_is (tokens, i, "are")) && word_is (tokens, i + 1, "to") &&
          !word_is (tokens, i + 2, "blame"))
        return TRUE;
      if (word_is (tokens, i, "to") && word_is (tokens, i + 1, "be") &&
          (word_is (tokens, i + 2, "held") || word_is (tokens, i + 2, "hosted") || word_is (tokens, i + 2, "staged") ||
           word_is (tokens, i + 2, "conducted") || word_is (tokens, i + 2, "organized") || word_is (tokens, i + 2, "organised")))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_past_cue (Extraction    *self,
              const Mention *mention,
              guint          sentence_first,
              guint          sentence_last)
{
  guint limit = MIN (sentence_last, mention->last + 10);

  for (guint i = clause_start (self, mention, sentence_first); i < limit; i++)
    if (has_lex (self, i, LEX_PAST))
      return TRUE;
  return FALSE;
}

/* "was held", "took place", "ended": a clause about the past */
static gboolean
has_completed_cue (Extraction    *self,
                   const Mention *mention,
                   guint          sentence_first,
                   guint          sentence_last)
{
  guint limit = MIN (sentence_last, mention->last + 8);

  for (guint i = clause_start (self, mention, sentence_first); i < limit; i++)
    if (has_lex (self, i, LEX_COMPLETED))
      return TRUE;
  return FALSE;
}

/* The lead of a report names its main event: "… held in Tashkent …",
 * "… summit … is under way in Bishkek". */
static int
lead_aspect (Extraction    *self,
             const Mention *mention,
             guint          sentence_first,
             guint          sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = sentence_first; i < sentence_last; i++)
    {
      if ((word_is (tokens, i, "under") && word_is (tokens, i + 1, "way")) || word_is (tokens, i, "underway") ||
          (word_is (tokens, i, "is") && word_is (tokens, i + 1, "being")) ||
          (word_is (tokens, i, "are") && word_is (tokens, i + 1, "being")) ||
          word_is (tokens, i, "opens") || word_is (tokens, i, "begins") || word_is (tokens, i, "kicks") ||
          word_is (tokens, i, "begun") || word_is (tokens, i, "started") || word_is (tokens, i, "starts") ||
          word_is (tokens, i, "kicked") || word_is (tokens, i, "opened") || word_is (tokens, i, "launched") ||
          (word_is (tokens, i, "taking") && word_is (tokens, i + 1, "place")))
        return 1;
    }
  for (guint i = sentence_first; i < sentence_last; i++)
    if (word_is (tokens, i, "held") || word_is (tokens, i, "took") || word_is (tokens, i, "ended") ||
        word_is (tokens, i, "concluded") || word_is (tokens, i, "closed") || word_is (tokens, i, "met"))
      return -1;

  return 0;
}

static void
collect_participants (Extraction    *self,
                      Candidate     *candidate,
                      guint          sentence_first,
                      guint          sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;
  GPtrArray *codes = self->participants;
  guint list_items = 0;

  /* Found once per sentence, then given to each of its events. */
  if (self->participants_sentence == sentence_first + 1)
    goto add;
  self->participants_sentence = sentence_first + 1;
  g_ptr_array_set_size (codes, 0);

  for (guint i = sentence_first; i < sentence_last;)
    {
      guint n = 0;
      const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, i, sentence_last, &n);

      if (place != NULL && place->code[0] != '\0' &&
          (place->type == ANNALS_PLACE_COUNTRY || place->type == ANNALS_PLACE_DEMONYM))
        {
          gboolean in_list = is_punct_char (tokens, i + n, ',') || word_is (tokens, i + n, "and") ||
                             (i > 0 && (is_punct_char (tokens, i - 1, ',') || word_is (tokens, i - 1, "and")));
          if (in_list)
            {
              list_items++;
              g_ptr_array_add (codes, (gpointer) place->code);
            }
          i += n;
          continue;
        }
      i++;
    }

  if (list_items < 2)
    g_ptr_array_set_size (codes, 0);

add:
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      const char * const *existing = annals_event_get_participants (candidate->event);
      gboolean seen = FALSE;

      for (guint j = 0; existing != NULL && existing[j] != NULL; j++)
        if (strcmp (existing[j], code) == 0)
          seen = TRUE;
      if (!seen)
        annals_event_add_participant (candidate->event, code);
    }
}

/* Keeps the first word of a name, so that later sentences look for the
 * name only where a word could start it. */
static void
remember_name (Extraction *self,
               Candidate  *candidate,
               const char *name_key)
{
  const char *space;

  if (name_key == NULL || name_key[0] == '\0')
    return;
  if (candidate->named && !g_hash_table_contains (self->names, name_key))
    g_hash_table_insert (self->names, g_strdup (name_key), candidate);
  space = strchr (name_key, ' ');
  g_hash_table_add (self->name_words, space ? g_strndup (name_key, space - name_key) : g_strdup (name_key));
}

static Candidate *
candidate_new (Extraction    *self,
               const Mention *mention,
               const char    *title_key)
{
  Candidate *candidate = g_new0 (Candidate, 1);
  g_autofree char *title = g_strdup (mention->title);

  /* Titles start with a capital: "Joint military … exercise" */
  if (title[0] != '\0' && g_ascii_islower (title[0]))
    title[0] = g_ascii_toupper (title[0]);

  /* Another edition of a series shares its kind: "RIMPAC 2022" */
  if (!mention->has_kind && mention->name_key != NULL)
    for (guint i = RECENT_FIRST (self); i < self->candidates->len; i++)
      {
        Candidate *edition = g_ptr_array_index (self->candidates, i);

        if (edition->has_kind && edition->name_key != NULL && strcmp (edition->name_key, mention->name_key) == 0)
          {
            candidate->kind = edition->kind;
            candidate->has_kind = TRUE;
          }
      }

  candidate->event = annals_event_new (NULL, title);
  candidate->keys = g_ptr_array_new_with_free_func (g_free);
  add_key (self, candidate, title_key);
  add_key (self, candidate, mention->alias_key);
  candidate->name_key = g_strdup (mention->name_key);
  candidate->core = core_name (candidate->name_key);
  candidate->named = mention->named;
  remember_name (self, candidate, candidate->name_key);
  candidate->name_year = mention->name_year;
  if (mention->has_kind)
    {
      candidate->kind = mention->kind;
      candidate->has_kind = TRUE;
    }
  candidate->is_next = mention->is_next;
  candidate->ordinal = g_strdup (mention->ordinal);
  candidate->first_sentence = mention->sentence;
  candidate->named = mention->named;
  candidate->weak = mention->weak && !mention->named;
  candidate->reporting = mention->reporting;
  candidate->kind_guessed = mention->kind_guessed;
  candidate->plural = mention->plural;
  candidate->n_modifiers = mention->n_modifiers;
  if (mention->name_year != 0)
    annals_date_set_year (&candidate->start, mention->name_year);

  g_ptr_array_add (self->candidates, candidate);
  return candidate;
}

static gboolean
is_inside_cue_uncached (const AnnalsTokens *tokens,
                        guint               sentence_first,
                        guint               sentence_last)
{

  for (guint i = sentence_first; i < sentence_last; i++)
    {
      if ((word_is (tokens, i, "sidelines") || word_is (tokens, i, "sideline") ||
           (word_is (tokens, i, "side") && annals_tokens_is_dash (tokens, i + 1))) &&
          i > sentence_first && (word_is (tokens, i - 1, "the") || word_is (tokens, i - 1, "its")))
        return TRUE;
      if (word_is (tokens, i, "at") && word_is (tokens, i + 1, "the") && word_is (tokens, i + 2, "event"))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_inside_cue (Extraction *self,
               guint       sentence_first,
               guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;

  /* Worked out once per sentence */
  if (self->inside_cue_sentence == sentence_first + 1)
    return self->inside_cue;
  self->inside_cue_sentence = sentence_first + 1;
  self->inside_cue = is_inside_cue_uncached (tokens, sentence_first, sentence_last);
  return self->inside_cue;
}


/* Adds @mention to @candidate with what its sentence says: host, status
 * cues, participants. */
static void
attach_mention (Extraction    *self,
                Candidate     *candidate,
                const Mention *mention,
                guint          sentence_first,
                guint          sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;
  const AnnalsToken *first = annals_tokens_get (tokens, mention->first);
  const AnnalsToken *last = annals_tokens_get (tokens, mention->last - 1);
  Host host;

  annals_event_add_mention (candidate->event, self->document_id, first->char_start, last->char_end);
  candidate->last_token = MAX (candidate->last_token, mention->last);
  candidate->n_mentions++;

  if ((!candidate->has_kind || candidate->kind_guessed) && mention->has_kind && !mention->kind_guessed)
    {
      candidate->kind = mention->kind;
      candidate->has_kind = TRUE;
      candidate->kind_guessed = FALSE;
    }

  if (mention->series_host[0] != '\0' && candidate->host_strength < 1 && !candidate->named)
    {
      annals_event_set_host_country (candidate->event, mention->series_host);
      candidate->host_strength = 1;
    }

  if (mention->list_host[0] != '\0' && candidate->host_strength < 2)
    {
      annals_event_set_host_country (candidate->event, mention->list_host);
      annals_event_set_host_place (candidate->event, mention->list_place);
      candidate->host_strength = 2;
    }
  else if (candidate->host_strength < 3 &&
           find_host (self, mention, sentence_first, sentence_last, &host) && host.strength > candidate->host_strength)
    {
      if (host.code[0] != '\0')
        annals_event_set_host_country (candidate->event, host.code);
      annals_event_set_host_place (candidate->event, host.place);
      candidate->host_strength = host.strength;
      candidate->n_hosts = host.n_countries;
    }

  /* "at the event", "on its sidelines": inside the latest named event */
  if (candidate->container == NULL && is_inside_cue (self, sentence_first, sentence_last))
    {
      Candidate *latest = NULL;

      /* "on the sidelines of the SCO Defence Ministers' Meeting": named in this sentence */
      for (guint c = RECENT_FIRST (self); c < self->candidates->len; c++)
        {
          Candidate *other = g_ptr_array_index (self->candidates, c);

          if (other != candidate && !other->weak && other->last_token > mention->last &&
              other->last_token <= sentence_last && (latest == NULL || other->last_token < latest->last_token))
            latest = other;
        }
      /* "the 15th ADMM was held …; after it concluded, … took place on the
       * sidelines": named earlier in this sentence */
      for (guint c = RECENT_FIRST (self); c < self->candidates->len && latest == NULL; c++)
        {
          Candidate *other = g_ptr_array_index (self->candidates, c);

          if (other != candidate && !other->weak && other->last_token <= mention->first &&
              other->last_token > sentence_first)
            latest = other;
        }
      if (latest != NULL)
        {
          candidate->container = latest;
          goto contained;
        }

      /* The event named last before this sentence: "On its sidelines";
       * gatherings (meetings, summits, forums) have sidelines more often
       * than exercises do. */
      for (int pass = 0; pass < 2 && latest == NULL; pass++)
        for (guint c = RECENT_FIRST (self); c < self->candidates->len; c++)
          {
            Candidate *other = g_ptr_array_index (self->candidates, c);

            if (other == candidate || other->weak || other->last_token > sentence_first)
              continue;
            if (pass == 0 && other->kind == ANNALS_EVENT_KIND_EXERCISE)
              continue;
            if (latest == NULL || other->last_token > latest->last_token)
              latest = other;
          }
      candidate->container = latest;
    }
contained:

  if (candidate->planned_cue || has_planned_cue (self, mention, sentence_first, sentence_last))
    candidate->planned_cue = TRUE;
  else if (!candidate->past_cue && has_past_cue (self, mention, sentence_first, sentence_last))
    candidate->past_cue = TRUE;

  /* Participants are listed where an event is introduced. */
  if (candidate->n_mentions <= 3)
    collect_participants (self, candidate, sentence_first, sentence_last);
}

static Candidate *
process_mention (Extraction *self,
                 Mention    *mention,
                 guint       sentence_first,
                 guint       sentence_last)
{
  g_autofree char *title_key = annals_event_normalize_title (mention->title);
  Candidate *candidate;

  mention->past_clause = !has_planned_cue (self, mention, sentence_first, sentence_last) &&
                         has_completed_cue (self, mention, sentence_first, sentence_last);
  candidate = find_referent (self, mention, title_key);

  /* "opened the Collective Security Council session": a session of the
   * summit or meeting just reported */
  if (candidate == NULL && mention->is_session && !mention->reporting)
    for (guint c = self->candidates->len; c > RECENT_FIRST (self) && candidate == NULL; c--)
      {
        Candidate *other = g_ptr_array_index (self->candidates, c - 1);

        if (!other->weak && other->has_kind &&
            (other->kind == ANNALS_EVENT_KIND_SUMMIT || other->kind == ANNALS_EVENT_KIND_MEETING) &&
            other->first_sentence + 2 >= mention->sentence && other->first_sentence < mention->sentence)
          candidate = other;
      }

  if (candidate == NULL)
    {
      /* A bare "the meeting" with nothing to refer to, or a bare plural
       * ("exercises"), is not an event of its own. */
      if (mention->bare && mention->definite)
        return NULL;
      /* "as a bilateral drill", "is a joint exercise": a description */
      if (mention->predicative)
        return NULL;
      if (mention->reporting)
        return NULL;
      candidate = candidate_new (self, mention, title_key);
    }
  else
    {
      add_key (self, candidate, title_key);
      add_key (self, candidate, mention->alias_key);
      if (candidate->name_year == 0 && mention->name_year != 0)
        {
          candidate->name_year = mention->name_year;
          if (!annals_date_is_set (&candidate->start))
            annals_date_set_year (&candidate->start, mention->name_year);
        }
      if (mention->named && !candidate->named)
        {
          g_autofree char *title = g_strdup (mention->title);
          candidate->named = TRUE;
          candidate->weak = FALSE;
          g_free (candidate->name_key);
          candidate->name_key = g_strdup (mention->name_key);
          g_free (candidate->core);
          candidate->core = core_name (candidate->name_key);
          remember_name (self, candidate, candidate->name_key);
          annals_event_set_title (candidate->event, title);
        }
      if (!mention->weak)
        candidate->weak = FALSE;
    }

  attach_mention (self, candidate, mention, sentence_first, sentence_last);
  return candidate;
}

/* "Since its first edition in 2004": the year of the first edition,
 * though it starts a series. */
static gboolean
is_edition_date (Extraction        *self,
                 const AnnalsTimex *timex,
                 guint              sentence_first,
                 guint              sentence_last)
{
  if ((timex->flags & ANNALS_TIMEX_SINCE) == 0 || !annals_date_is_set (&timex->start))
    return FALSE;

  for (guint m = 0; m < self->mentions->len; m++)
    {
      const Mention *mention = &g_array_index (self->mentions, Mention, m);

      if (mention->edition && mention->last <= timex->first_token && mention->last + 3 > timex->first_token)
        return TRUE;
    }

  return FALSE;
}

static gboolean
starts_with_pronoun (Extraction *self,
                     guint       sentence_first)
{
  const AnnalsTokens *tokens = self->tokens;

  return word_is (tokens, sentence_first, "They") || word_is (tokens, sentence_first, "It") ||
         word_is (tokens, sentence_first, "He") || word_is (tokens, sentence_first, "She") ||
         word_is (tokens, sentence_first, "We") || word_is (tokens, sentence_first, "Both") ||
         (word_is (tokens, sentence_first, "The") && word_is (tokens, sentence_first + 1, "two"));
}

/* Gives each usable date of the sentence to the nearest mention. */
static void
assign_dates (Extraction *self,
              guint       sentence_first,
              guint       sentence_last,
              Candidate **owners)
{
  guint low = 0, high = self->timexes->len;

  /* The first date of the sentence, by bisection: dates are in text order. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->timexes, AnnalsTimex, middle).first_token < sentence_first)
        low = middle + 1;
      else
        high = middle;
    }

  /* "Earlier this week, the BRICS NSAs exchanged views. They met by video
   * link for the 12th Meeting …": a sentence that goes on with a pronoun
   * and gives no date of its own keeps the date of the one before. */
  {
    gboolean dated = FALSE;

    for (guint t = low; t < self->timexes->len; t++)
      {
        const AnnalsTimex *timex = &g_array_index (self->timexes, AnnalsTimex, t);

        if (timex->first_token >= sentence_last)
          break;
        if (timex_is_usable (self, timex))
          dated = TRUE;
      }

    if (!dated && low > 0 && self->mentions->len > 0 && owners[0] != NULL &&
        starts_with_pronoun (self, sentence_first))
      {
        const AnnalsTimex *previous = &g_array_index (self->timexes, AnnalsTimex, low - 1);
        const AnnalsToken *token = annals_tokens_get (self->tokens, previous->first_token);

        if (token->sentence + 1 == annals_tokens_get (self->tokens, sentence_first)->sentence &&
            timex_is_usable (self, previous) && !is_attribution_timex (self, previous))
          for (guint m = 0; m < self->mentions->len; m++)
            if (owners[m] != NULL && !g_array_index (self->mentions, Mention, m).repeat &&
                !g_array_index (self->mentions, Mention, m).plural)
              {
                apply_date (owners[m], previous, owners[m]->name_year);
                break;
              }
      }
  }

  for (guint t = low; t < self->timexes->len; t++)
    {
      const AnnalsTimex *timex = &g_array_index (self->timexes, AnnalsTimex, t);
      guint best = G_MAXUINT;
      guint best_distance = G_MAXUINT;
      gboolean attribution;

      if (timex->first_token >= sentence_last)
        break;
      if (!timex_is_usable (self, timex) && !is_edition_date (self, timex, sentence_first, sentence_last))
        continue;
      attribution = is_attribution_timex (self, timex);

      for (guint m = 0; m < self->mentions->len; m++)
        {
          const Mention *mention = &g_array_index (self->mentions, Mention, m);
          guint distance;

          if (owners[m] == NULL || mention->repeat)
            continue;
          if ((timex->flags & ANNALS_TIMEX_SINCE) != 0 && !mention->edition)
            continue;
          /* A year written out belongs to an event of that year:
           * "Peace Mission 2010 … from September 9 to 25, 2010, while …" */
          if ((timex->flags & ANNALS_TIMEX_EXPLICIT_YEAR) != 0 && owners[m]->name_year != 0 &&
              annals_date_is_set (&timex->start) && timex->start.year != owners[m]->name_year)
            continue;
          /* The date of a statement dates only the occasion it was made
           * at: "said on Friday at a session of …" */
          if (attribution && !(mention->first >= timex->last_token && mention->first <= timex->last_token + 3 &&
                               (word_is (self->tokens, timex->last_token, "at") ||
                                word_is (self->tokens, timex->last_token, "during"))))
            continue;
          /* Inside the mention: the year of a name, or "the 2024 dialogue" */
          if (timex->first_token >= mention->first && timex->last_token <= mention->last)
            {
              distance = 0;
            }
          else if (timex->first_token >= mention->last)
            distance = timex->first_token - mention->last;
          else
            distance = mention->first - timex->last_token + 1;  /* prefer dates after */

          if (distance < best_distance)
            {
              best_distance = distance;
              best = m;
            }
        }

      if (best == G_MAXUINT)
        continue;

      {
        const Mention *mention = &g_array_index (self->mentions, Mention, best);
        if (timex->first_token >= mention->first && timex->last_token <= mention->last &&
            (timex->flags & ANNALS_TIMEX_BARE_YEAR) != 0 && mention->name_year == timex->start.year)
          continue;
        apply_date (owners[best], timex, owners[best]->name_year);
      }
    }
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const Mention *ma = a;
  const Mention *mb = b;

  return (ma->first > mb->first) - (ma->first < mb->first);
}

/* "@first, [the] @second": the second renames the first. Also
 * "‘@first’, a …" and "@first, code-named @second". */
static gboolean
is_apposition (Extraction    *self,
               const Mention *first,
               const Mention *second)
{
  const AnnalsTokens *tokens = self->tokens;
  guint i = first->last;

  if (i < tokens->tokens->len && annals_tokens_get (tokens, i)->type == ANNALS_TOKEN_PUNCT &&
      annals_tokens_is_joined (tokens, i) && !is_punct_char (tokens, i, ',') &&
      (annals_tokens_is_apostrophe (tokens, i) || is_punct_char (tokens, i, '"') ||
       is_punct_char (tokens, i, 0x201D) || is_punct_char (tokens, i, 0x00BB)))
    i++;
  if (!is_punct_char (tokens, i, ','))
    return FALSE;
  i++;
  if (word_is (tokens, i, "code") && annals_tokens_is_dash (tokens, i + 1) && word_is (tokens, i + 2, "named"))
    i += 3;
  else if (word_is (tokens, i, "codenamed") || word_is (tokens, i, "dubbed") || word_is (tokens, i, "called") ||
           word_is (tokens, i, "named"))
    i++;
  else if (word_is (tokens, i, "known") && word_is (tokens, i + 1, "as"))
    i += 2;
  if (has_lex (self, i, LEX_DETERMINER))
    i++;
  return i == second->first;
}

/* "Several large exercises took place — Echelon and Interaction in
 * Russia, and Unbreakable Brotherhood in Tajikistan": each name is an
 * event of the kind of the plural noun before the list. */
/* "the G7 and Nato meetings": two events, one for each name. */
static void
split_coordinated_names (Extraction *self)
{
  const AnnalsTokens *tokens = self->tokens;
  guint n_mentions = self->mentions->len;

  for (guint m = 0; m < n_mentions; m++)
    {
      Mention *mention = &g_array_index (self->mentions, Mention, m);
      g_autofree char *noun = NULL;
      g_autofree char *first_name = NULL;
      g_autofree char *second_name = NULL;
      Mention second;
      gsize length;

      if (!mention->plural || mention->last - mention->first != 4 || !word_is (tokens, mention->first + 1, "and") ||
          !is_capitalized_word (tokens, mention->first) || !is_capitalized_word (tokens, mention->first + 2))
        continue;

      /* "meetings" → "meeting" */
      noun = dup_tokens_text (self, mention->last - 1, mention->last);
      length = strlen (noun);
      if (length > 1 && noun[length - 1] == 's')
        noun[length - 1] = '\0';

      first_name = dup_tokens_text (self, mention->first, mention->first + 1);
      second_name = dup_tokens_text (self, mention->first + 2, mention->first + 3);

      second = *mention;
      second.first = mention->first + 2;
      second.title = g_strdup_printf ("%s %s", second_name, noun);
      second.name_key = normalize_span (self, second.first, second.first + 1);
      second.alias_key = NULL;
      second.ordinal = NULL;
      second.plural = FALSE;
      second.named = TRUE;

      g_free (mention->title);
      g_free (mention->name_key);
      mention->title = g_strdup_printf ("%s %s", first_name, noun);
      mention->name_key = normalize_span (self, mention->first, mention->first + 1);
      mention->last = mention->first + 1;
      mention->plural = FALSE;
      mention->named = TRUE;
      mention->bare = FALSE;

      g_array_append_val (self->mentions, second);
    }
}

/* Adds a mention of an edition of @series over tokens [first, last):
 * "@name (@ordinal edition)", with a year at the end of @name left out
 * when @name_has_year ("Cope India 2018" → "Cope India"). */
static void
add_edition_mention (Extraction *self,
                     Candidate  *series,
                     guint       sentence_index,
                     guint       first,
                     guint       last,
                     const char *name,
                     gboolean    name_has_year,
                     const char *ordinal,
                     gboolean    past)
{
  g_autofree char *base = g_strdup (name);
  Mention mention = { 0 };
  char *cut;

  if (name_has_year &&
      (((cut = strrchr (base, ' ')) != NULL && g_ascii_isdigit (cut[1])) ||
       ((cut = strrchr (base, '-')) != NULL && g_ascii_isdigit (cut[1]))))
    *cut = '\0';

  mention.first = first;
  mention.last = last;
  mention.sentence = sentence_index;
  mention.kind = series->kind;
  mention.has_kind = TRUE;
  mention.edition = TRUE;
  mention.past_clause = past;
  mention.ordinal = g_ascii_strdown (ordinal, -1);
  /* Titles are data, stored and shared: they are not translated. */
  mention.title = g_strdup_printf ("%s (%s edition)", base, mention.ordinal);
  /* A series held in one country holds its editions there, unless the
   * text says otherwise (an explicit place wins over this). */
  if (annals_event_get_host_country (series->event) != NULL)
    g_strlcpy (mention.series_host, annals_event_get_host_country (series->event), sizeof mention.series_host);
  g_array_append_val (self->mentions, mention);
}

/* "the previous one was held in 2010", "its first edition in 2004": an
 * earlier or later edition of the series named last. */
static void
add_editions (Extraction *self,
              guint       sentence_index,
              guint       sentence_first,
              guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = sentence_first + 1; i + 1 < sentence_last; i++)
    {
      Candidate *series = NULL;
      g_autofree char *ordinal = NULL;

      if (!has_lex (self, i + 1, LEX_EDITION))
        continue;
      if (!(word_is (tokens, i, "previous") || word_is (tokens, i, "last") || word_is (tokens, i, "first") ||
            word_is (tokens, i, "inaugural") || is_ordinal (self, i)))
        continue;
      if (!(word_is (tokens, i - 1, "the") || word_is (tokens, i - 1, "its") || word_is (tokens, i - 1, "their")))
        continue;
      if (overlaps_mention (self, i, i + 2))
        continue;
      /* "the two-week drill, the seventh edition of the biennial exercise":
       * a description of the event at hand */
      if (word_is (tokens, i + 2, "of") || (i >= sentence_first + 2 && is_punct_char (tokens, i - 2, ',')))
        continue;
      /* "the first one to …" is a description, "the previous one was held" an event */
      if (word_is (tokens, i + 1, "one") && !(word_is (tokens, i + 2, "was") || word_is (tokens, i + 2, "took") ||
                                              word_is (tokens, i + 2, "had") || word_is (tokens, i + 2, "in")))
        continue;

      /* The series named in the same sentence ("Since its first edition
       * in 2004, Cope India has grown"), else the one named last */
      for (guint m = 0; m < self->mentions->len && series == NULL; m++)
        {
          const Mention *named = &g_array_index (self->mentions, Mention, m);

          if (!named->repeat || named->name_key == NULL)
            continue;
          for (guint c = RECENT_FIRST (self); c < self->candidates->len && series == NULL; c++)
            {
              Candidate *candidate = g_ptr_array_index (self->candidates, c);
              if (candidate->named && candidate->name_key != NULL && strcmp (candidate->name_key, named->name_key) == 0)
                series = candidate;
            }
        }
      for (guint c = self->candidates->len; c > RECENT_FIRST (self) && series == NULL; c--)
        {
          Candidate *candidate = g_ptr_array_index (self->candidates, c - 1);
          if (candidate->named && candidate->has_kind && !candidate->kind_guessed && candidate->name_key != NULL)
            series = candidate;
        }
      if (series == NULL)
        continue;

      ordinal = dup_tokens_text (self, i, i + 1);
      add_edition_mention (self, series, sentence_index, i - 1, i + 2,
                           annals_event_get_title (series->event), series->name_year != 0,
                           ordinal, FALSE);
    }
}

/* Whether the words of @subject name the series of @key: the same words,
 * or with acronyms for runs of them ("admm plus" for "asean defence
 * ministers meeting plus"). */
static gboolean
names_series (const char *subject,
              const char *key)
{
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) names = NULL;
  guint n = 0;

  if (subject == NULL || key == NULL)
    return FALSE;
  if (strcmp (subject, key) == 0)
    return TRUE;

  words = g_strsplit (subject, " ", -1);
  names = g_strsplit (key, " ", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      gsize length = strlen (words[w]);
      gboolean initials = length >= 2;

      if (names[n] != NULL && strcmp (words[w], names[n]) == 0)
        {
          n++;
          continue;
        }

      for (gsize k = 0; k < length && initials; k++)
        initials = names[n + k] != NULL && names[n + k][0] == words[w][k] && g_ascii_isalpha (words[w][k]);
      if (!initials)
        return FALSE;
      n += length;
    }

  return names[n] == NULL;
}

/* "Malabar began in 1992 as a bilateral drill", "The exercise was first
 * held in 2005": the first edition of a series named before, when the
 * sentence dates it with a written year earlier than the series' own. */
static void
add_first_editions (Extraction *self,
                    guint       sentence_index,
                    guint       sentence_first,
                    guint       sentence_last)
{
  static const char * const first_verbs[] = {
    "held", "convened", "staged", "conducted", "organised", "organized", "launched", "hosted",
  };
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = sentence_first + 1; i + 2 < sentence_last; i++)
    {
      Candidate *series = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *name = NULL;
      const AnnalsTimex *date = NULL;
      guint verb_last, subject_first;
      int series_year;

      /* "X began in", "X started on", "X was first held in" */
      if ((word_is (tokens, i, "began") || word_is (tokens, i, "started")) &&
          (word_is (tokens, i + 1, "in") || word_is (tokens, i + 1, "on")))
        verb_last = i + 1;
      else if ((word_is (tokens, i, "was") || word_is (tokens, i, "were")) && word_is (tokens, i + 1, "first") &&
               i + 3 < sentence_last &&
               (word_is (tokens, i + 3, "in") || word_is (tokens, i + 3, "on")))
        {
          gboolean known = FALSE;

          for (guint v = 0; v < G_N_ELEMENTS (first_verbs) && !known; v++)
            known = annals_tokens_equal (tokens, i + 2, first_verbs[v], TRUE);
          if (!known)
            continue;
          verb_last = i + 3;
        }
      else
        continue;

      if (overlaps_mention (self, i, verb_last + 1))
        continue;

      /* The subject: a name right before the verb, or "the exercise". */
      subject_first = i;
      while (subject_first > sentence_first && subject_first + 5 > i &&
             (is_name_word (self, subject_first - 1) ||
              (annals_tokens_is_dash (tokens, subject_first - 1) && annals_tokens_is_joined (tokens, subject_first - 1))))
        subject_first--;
      if (subject_first == i)
        continue;
      subject = normalize_span (self, subject_first, i);
      if (subject == NULL || subject[0] == '\0')
        continue;

      for (guint c = self->candidates->len; c > RECENT_FIRST (self) && series == NULL; c--)
        {
          Candidate *candidate = g_ptr_array_index (self->candidates, c - 1);

          if (!candidate->named || !candidate->has_kind || candidate->kind_guessed)
            continue;
          if ((candidate->core != NULL && strcmp (candidate->core, subject) == 0) ||
              names_series (subject, candidate->name_key))
            series = candidate;
          else
            {
              /* The name key leaves the noun out: "ADMM" stands for it too. */
              g_autofree char *title = annals_event_normalize_title (annals_event_get_title (candidate->event));

              if (names_series (subject, title))
                series = candidate;
            }
        }
      if (series == NULL)
        continue;

      /* A written year right after the verb, before the series' own. */
      for (guint t = 0; t < self->timexes->len && date == NULL; t++)
        {
          const AnnalsTimex *timex = &g_array_index (self->timexes, AnnalsTimex, t);

          if (timex->first_token > verb_last && timex->first_token <= verb_last + 2 &&
              timex->last_token <= sentence_last &&
              (timex->flags & ANNALS_TIMEX_EXPLICIT_YEAR) != 0 && timex_is_usable (self, timex))
            date = timex;
        }
      /* The series' own year, or that of the article */
      series_year = series->name_year != 0 ? series->name_year :
                    annals_date_is_set (&series->start) ? series->start.year :
                    annals_date_is_set (&self->reference) ? self->reference.year : 0;
      if (date == NULL || series_year == 0 || date->start.year >= series_year)
        continue;

      /* The series as this sentence names it: "ADMM-Plus (first edition)" */
      name = dup_tokens_text (self, subject_first, i);
      add_edition_mention (self, series, sentence_index, i, verb_last, name, TRUE, "first", TRUE);
      return;
    }
}

/* "The Third ADMM-Plus and the ASEAN Defense Ministers' Meeting (ADMM)
 * Retreat will take place …": a name coordinated with an event is an
 * event of the same kind, on the same dates. */
static void
add_coordinated_names (Extraction *self,
                       guint       sentence_index,
                       guint       sentence_first,
                       guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;
  guint n_mentions = self->mentions->len;

  for (guint m = 0; m < n_mentions; m++)
    {
      const Mention *event = &g_array_index (self->mentions, Mention, m);
      Mention mention = { 0 };
      guint and_index = event->first;
      guint name_last, name_first;

      if (event->plural || !event->has_kind || event->by_verb)
        continue;
      if (and_index > sentence_first && word_is (tokens, and_index - 1, "the"))
        and_index--;
      if (and_index <= sentence_first + 1 || !word_is (tokens, and_index - 1, "and"))
        continue;

      name_last = and_index - 1;
      name_first = name_last;
      while (name_first > sentence_first && name_first + 5 > name_last &&
             (is_name_word (self, name_first - 1) ||
              (annals_tokens_is_dash (tokens, name_first - 1) && annals_tokens_is_joined (tokens, name_first - 1) &&
               annals_tokens_is_joined (tokens, name_first))))
        name_first--;
      if (name_first == name_last || overlaps_mention (self, name_first, name_last))
        continue;
      /* Countries and people are not events: "Russia and the …"; an event
       * name has a number, an ordinal or a joined part ("ADMM-Plus") */
      if (is_only_affiliation (self, name_first, name_last))
        continue;
      {
        gboolean eventlike = name_first > sentence_first && is_ordinal (self, name_first - 1);

        for (guint k = name_first; k < name_last && !eventlike; k++)
          eventlike = annals_tokens_get (tokens, k)->type == ANNALS_TOKEN_NUMBER ||
                      g_unichar_isdigit (g_utf8_get_char (tokens->text + annals_tokens_get (tokens, k)->end - 1)) ||
                      annals_tokens_is_dash (tokens, k);
        if (!eventlike)
          continue;
      }
      if (annals_tokens_is_dash (tokens, name_first))
        continue;

      /* An ordinal before the name belongs to it: "the Third ADMM-Plus" */
      if (name_first > sentence_first && is_ordinal (self, name_first - 1))
        {
          name_first--;
          mention.ordinal = normalize_span (self, name_first, name_first + 1);
        }
      if (!(name_first == sentence_first || word_is (tokens, name_first - 1, "the") ||
            word_is (tokens, name_first - 1, "The")))
        {
          g_free (mention.ordinal);
          continue;
        }

      mention.first = name_first;
      mention.last = name_last;
      mention.sentence = sentence_index;
      mention.kind = event->kind;
      mention.has_kind = TRUE;
      mention.named = TRUE;
      mention.coordinated_with = m + 1;
      mention.title = dup_tokens_text (self, name_first, name_last);
      mention.name_key = normalize_span (self, mention.ordinal != NULL ? name_first + 1 : name_first, name_last);
      g_array_append_val (self->mentions, mention);
    }
}

static void
add_list_items (Extraction *self,
                guint       sentence_index,
                guint       sentence_first,
                guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;
  guint n_mentions = self->mentions->len;

  for (guint m = 0; m < n_mentions; m++)
    {
      Mention head = g_array_index (self->mentions, Mention, m);
      guint start = G_MAXUINT;
      guint pending_from;
      guint i;

      if (!head.plural || head.named)
        continue;

      for (i = head.last; i < sentence_last && i < head.last + 5; i++)
        {
          if (is_punct_char (tokens, i, 0x2014) || is_punct_char (tokens, i, 0x2013) || is_punct_char (tokens, i, ':') ||
              (annals_tokens_is_dash (tokens, i) && !annals_tokens_is_joined (tokens, i)))
            {
              start = i + 1;
              break;
            }
          if ((word_is (tokens, i, "such") && word_is (tokens, i + 1, "as")) || word_is (tokens, i, "including") ||
              word_is (tokens, i, "namely"))
            {
              start = i + (word_is (tokens, i, "such") ? 2 : 1);
              break;
            }
          if (annals_tokens_get (tokens, i)->type == ANNALS_TOKEN_PUNCT)
            break;
        }
      if (start == G_MAXUINT)
        continue;

      pending_from = self->mentions->len;
      for (i = start; i < sentence_last;)
        {
          guint j = i;
          guint end;
          Host host = { 0 };

          if (is_punct_char (tokens, i, ',') || word_is (tokens, i, "and") || word_is (tokens, i, "or"))
            {
              i++;
              continue;
            }
          if (word_is (tokens, i, "in") && read_location (self, i + 1, sentence_last, &host, &end))
            {
              for (guint p = pending_from; p < self->mentions->len; p++)
                {
                  Mention *item = &g_array_index (self->mentions, Mention, p);
                  g_strlcpy (item->list_host, host.code, sizeof item->list_host);
                  item->list_place = host.place;
                }
              pending_from = self->mentions->len;
              i = end;
              continue;
            }
          while (j < sentence_last && j < i + 5 &&
                 (is_name_word (self, j) || (j > i && word_is (tokens, j, "of") && is_name_word (self, j + 1))))
            j++;
          if (j == i || overlaps_mention (self, i, j))
            break;
          {
            guint n = 0;
            if (annals_gazetteer_match (self->gazetteer, tokens, i, j, &n) != NULL && i + n == j)
              break;
          }

          {
            Mention item = { 0 };

            item.first = i;
            item.last = j;
            item.sentence = sentence_index;
            item.kind = head.kind;
            item.has_kind = TRUE;
            item.named = TRUE;
            item.title = dup_tokens_text (self, i, j);
            item.name_key = normalize_span (self, i, j);
            g_array_append_val (self->mentions, item);
          }
          i = j;
        }

      if (self->mentions->len > n_mentions)
        g_array_index (self->mentions, Mention, m).consumed = TRUE;
    }
}


static gboolean
is_meet_verb (Extraction *self,
              guint       index)
{
  const AnnalsTokens *tokens = self->tokens;

  if (!has_lex (self, index, LEX_MEET))
    return FALSE;

  if (word_is (tokens, index, "met") || word_is (tokens, index, "meet") || word_is (tokens, index, "meets") ||
      word_is (tokens, index, "gathered") || word_is (tokens, index, "gather") || word_is (tokens, index, "convened"))
    return TRUE;
  /* "are gathering", "were meeting" */
  return (word_is (tokens, index, "meeting") || word_is (tokens, index, "gathering")) && index > 0 &&
         (word_is (tokens, index - 1, "are") || word_is (tokens, index - 1, "were") ||
          word_is (tokens, index - 1, "is") || word_is (tokens, index - 1, "was"));
}

/* Skips auxiliaries backwards: "are", "will", "is also due to", "were set to". */
static guint
skip_auxiliaries_back (Extraction *self,
                       guint       index,
                       guint       sentence_first)
{
  const AnnalsTokens *tokens = self->tokens;

  while (index > sentence_first &&
         (word_is (tokens, index - 1, "are") || word_is (tokens, index - 1, "is") || word_is (tokens, index - 1, "were") ||
          word_is (tokens, index - 1, "was") || word_is (tokens, index - 1, "will") || word_is (tokens, index - 1, "also") ||
          word_is (tokens, index - 1, "to") || word_is (tokens, index - 1, "due") || word_is (tokens, index - 1, "set") ||
          word_is (tokens, index - 1, "expected") || word_is (tokens, index - 1, "would") ||
          word_is (tokens, index - 1, "have") || word_is (tokens, index - 1, "has") || word_is (tokens, index - 1, "had") ||
          word_is (tokens, index - 1, "already") || word_is (tokens, index - 1, "scheduled")))
    index--;

  return index;
}

/* Meetings told by a verb: "NATO defence ministers are gathering on
 * Wednesday", "Mr Austin is also due to meet his Chinese counterpart,
 * Admiral Dong Jun". */
static void
add_verb_meetings (Extraction *self,
                   guint       sentence_index,
                   guint       sentence_first,
                   guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;

  for (guint verb = sentence_first + 1; verb < sentence_last; verb++)
    {
      Mention mention = { 0 };
      guint subject_end, subject_first;
      guint j;

      if (!is_meet_verb (self, verb) || overlaps_mention (self, verb, verb + 1))
        continue;

      subject_end = skip_auxiliaries_back (self, verb, sentence_first);
      if (subject_end == sentence_first)
        continue;

      /* "… meet his Chinese counterpart, Admiral Dong Jun" */
      j = verb + 1;
      if (word_is (tokens, j, "with"))
        j++;
      if (word_is (tokens, j, "his") || word_is (tokens, j, "her") || word_is (tokens, j, "their"))
        {
          guint counterpart = j + 1;
          g_autoptr(GString) title = g_string_new (NULL);
          guint name_first, name_last;

          while (counterpart < sentence_last && counterpart < j + 4 &&
                 !word_is (tokens, counterpart, "counterpart") && !word_is (tokens, counterpart, "counterparts"))
            counterpart++;
          if (counterpart >= sentence_last || counterpart >= j + 4)
            continue;

          /* The subject: a capitalized name before the verb */
          subject_first = subject_end;
          while (subject_first > sentence_first && subject_first + 6 > subject_end &&
                 is_capitalized_word (tokens, subject_first - 1))
            subject_first--;
          if (subject_first == subject_end)
            continue;

          name_first = subject_first;
          if (word_is (tokens, name_first, "Mr") || word_is (tokens, name_first, "Mrs") || word_is (tokens, name_first, "Ms"))
            name_first++;
          g_string_append_len (title, tokens->text + annals_tokens_get (tokens, name_first)->start,
                               annals_tokens_get (tokens, subject_end - 1)->end - annals_tokens_get (tokens, name_first)->start);

          mention.last = counterpart + 1;
          /* ", Admiral Dong Jun" */
          if (is_punct_char (tokens, counterpart + 1, ','))
            {
              name_last = counterpart + 2;
              while (name_last < sentence_last && name_last < counterpart + 7 && is_capitalized_word (tokens, name_last))
                name_last++;
              if (name_last > counterpart + 2)
                {
                  g_string_append (title, " – ");
                  g_string_append_len (title, tokens->text + annals_tokens_get (tokens, counterpart + 2)->start,
                                       annals_tokens_get (tokens, name_last - 1)->end -
                                       annals_tokens_get (tokens, counterpart + 2)->start);
                  mention.last = name_last;
                }
            }
          g_string_append (title, " meeting");

          mention.first = subject_first;
          mention.title = g_string_free (g_steal_pointer (&title), FALSE);
        }
      else
        {
          /* "NATO defence ministers are gathering"; "Defense ministers of the
           * SCO member states met" */
          if (!has_lex (self, subject_end - 1, LEX_ROLE))
            {
              guint role = subject_end - 1;

              while (role > sentence_first && role + 12 > subject_end && !has_lex (self, role, LEX_ROLE) &&
                     (is_capitalized_word (tokens, role) || word_is (tokens, role, "of") || word_is (tokens, role, "the") ||
                      word_is (tokens, role, "member") || word_is (tokens, role, "states") ||
                      word_is (tokens, role, "countries") || word_is (tokens, role, "nations") ||
                      is_punct_char (tokens, role, '(') || is_punct_char (tokens, role, ')')))
                role--;
              if (!has_lex (self, role, LEX_ROLE) || !word_is (tokens, role + 1, "of"))
                continue;
              subject_end = role + 1;
            }

          subject_first = subject_end - 1;
          while (subject_first > sentence_first && subject_first + 6 > subject_end &&
                 (is_capitalized_word (tokens, subject_first - 1) || has_lex (self, subject_first - 1, LEX_MODIFIER) ||
                  annals_tokens_get (tokens, subject_first - 1)->type == ANNALS_TOKEN_NUMBER) &&
                 !has_lex (self, subject_first - 1, LEX_DETERMINER | LEX_FUNCTION))
            subject_first--;
          /* "The ministers met": a bare role is not enough */
          if (subject_first + 1 == subject_end)
            continue;

          mention.first = subject_first;
          mention.last = verb + 1;
          {
            g_autofree char *subject = dup_tokens_text (self, subject_first, skip_auxiliaries_back (self, verb, sentence_first));
            mention.title = g_strdup_printf ("%s meeting", subject);
          }
          if (word_is (tokens, subject_end - 1, "leaders") || word_is (tokens, subject_end - 1, "heads") ||
              word_is (tokens, subject_end - 1, "presidents") || word_is (tokens, subject_end - 1, "premiers"))
            mention.kind = ANNALS_EVENT_KIND_SUMMIT;
          else
            mention.kind = ANNALS_EVENT_KIND_MEETING;
        }

      if (overlaps_mention (self, mention.first, mention.last))
        {
          mention_clear (&mention);
          continue;
        }

      mention.sentence = sentence_index;
      if (mention.kind != ANNALS_EVENT_KIND_SUMMIT)
        mention.kind = ANNALS_EVENT_KIND_MEETING;
      mention.has_kind = TRUE;
      mention.n_modifiers = 2;
      mention.by_verb = TRUE;
      g_array_append_val (self->mentions, mention);
    }
}

/* A name seen before, now without its year or noun: "Cobra Gold, which
 * Thailand hosts every year". */
static void
add_known_names (Extraction *self,
                 guint       sentence_index,
                 guint       sentence_first,
                 guint       sentence_last)
{
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = sentence_first; i < sentence_last; i++)
    {
      g_autofree char *key = NULL;
      Candidate *found = NULL;
      guint j = i;
      guint n = 0;

      if (!is_name_word (self, i) || overlaps_mention (self, i, i + 1))
        continue;
      {
        char buffer[32];
        if (annals_tokens_get (tokens, i)->end - annals_tokens_get (tokens, i)->start >= sizeof buffer ||
            !g_hash_table_contains (self->name_words, annals_tokens_lower (tokens, i, buffer, sizeof buffer)))
          continue;
      }

      while (j < sentence_last && j < i + 5 && !overlaps_mention (self, j, j + 1) &&
             (is_name_word (self, j) || (j > i && word_is (tokens, j, "of") && is_name_word (self, j + 1)) ||
              (j > i && annals_tokens_is_dash (tokens, j) && annals_tokens_is_joined (tokens, j) &&
               annals_tokens_is_joined (tokens, j + 1) && is_name_word (self, j + 1))))
        j++;

      if (annals_gazetteer_match (self->gazetteer, tokens, i, j, &n) != NULL && i + n == j)
        {
          i = j - 1;
          continue;
        }

      key = normalize_span (self, i, j);
      found = g_hash_table_lookup (self->names, key);

      if (found != NULL)
        {
          Mention mention = { 0 };

          mention.first = i;
          mention.last = j;
          mention.sentence = sentence_index;
          mention.named = TRUE;
          mention.kind = found->kind;
          mention.has_kind = found->has_kind;
          mention.title = dup_tokens_text (self, i, j);
          mention.name_key = g_steal_pointer (&key);
          mention.repeat = TRUE;
          g_array_append_val (self->mentions, mention);
        }
      i = j - 1;
    }
}

/* Whether the words after a name make it a piece of equipment: "Mirage
 * 2000 and C-130J aircraft", "S-400 systems". */
static gboolean
is_equipment_context (Extraction *self,
                      guint       index,
                      guint       sentence_last)
{
  static const char * const words[] = {
    "aircraft", "fighters", "fighter", "jets", "jet", "tanks", "tank", "helicopters", "helicopter",
    "missiles", "missile", "systems", "system", "rifles", "vehicles", "drones", "planes", "ships",
  };
  const AnnalsTokens *tokens = self->tokens;

  for (guint i = index; i < sentence_last && i < index + 6; i++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      if (annals_tokens_equal (tokens, i, words[w], TRUE))
        return TRUE;

  return FALSE;
}

static gboolean
is_counterpart_meeting (const Mention *mention)
{
  return mention->title != NULL && strstr (mention->title, " – ") != NULL;
}

static void
process_sentence (Extraction *self,
                  guint       sentence_index)
{
  const AnnalsTokens *tokens = self->tokens;
  const AnnalsSentence *sentence = &g_array_index (tokens->sentences, AnnalsSentence, sentence_index);
  guint first = sentence->first;
  guint last = sentence->last;
  g_autofree Candidate **owners = NULL;

  /* Headlines, kickers and page furniture above the lead restate it; the
   * furniture after the article ("Related stories", another story's
   * teaser) is not part of it. */
  if (sentence_index < self->lead_sentence || first >= self->article_end)
    return;

  /* The dateline is not part of any event. */
  if (self->dateline.last_token > first && self->dateline.first_token <= first)
    first = MIN (self->dateline.last_token, last);

  for (guint i = 0; i < self->mentions->len; i++)
    mention_clear (&g_array_index (self->mentions, Mention, i));
  g_array_set_size (self->mentions, 0);

  /* Noun phrases */
  for (guint i = first; i < last; i++)
    {
      guint noun_end;
      const EventNoun *noun = event_noun_at (self, i, &noun_end);
      Mention mention;

      if (noun == NULL)
        continue;
      /* "exercise drills": the second noun heads the phrase */
      {
        guint next_end;
        if (event_noun_at (self, noun_end, &next_end) != NULL)
          continue;
      }

      if (build_noun_mention (self, noun, i, noun_end, first, last, &mention))
        {
          mention.sentence = sentence_index;
          /* Overlaps an earlier phrase: keep the longer one */
          if (overlaps_mention (self, mention.first, mention.last))
            {
              mention_clear (&mention);
              continue;
            }
          g_array_append_val (self->mentions, mention);
          i = MAX (i, mention.last - 1);
        }
    }

  /* Names with a year that no phrase took */
  for (guint i = first; i < last; i++)
    {
      Mention mention;

      if (self->timex_at[i] == 0 || overlaps_mention (self, i, i + 1))
        continue;
      if (build_name_mention (self, i, first, last, &mention))
        {
          mention.sentence = sentence_index;
          if (overlaps_mention (self, mention.first, mention.last))
            {
              mention_clear (&mention);
              continue;
            }
          if (!mention.has_kind)
            {
              /* The kind of a name, from an event noun of its sentence, else
               * the kind the whole text speaks of most */
              for (guint k = first; k < last; k++)
                {
                  guint noun_end;
                  const EventNoun *noun = event_noun_at (self, k, &noun_end);
                  if (noun != NULL && noun->strength == NOUN_STRONG)
                    {
                      mention.kind = noun->kind;
                      mention.has_kind = TRUE;
                      mention.weak = TRUE;
                      break;
                    }
                }
              /* A name with a year and no event noun anywhere near it
               * ("Zapad-2021 took place …") is, in defence news, an
               * exercise far more often than anything else. */
              if (!mention.has_kind &&
                  (!annals_date_is_set (&self->published) || ABS (mention.name_year - self->published.year) > 6 ||
                   is_equipment_context (self, mention.last, last)))
                {
                  /* "Mirage 2000 … aircraft": a model, not an event */
                  mention_clear (&mention);
                  continue;
                }
              if (!mention.has_kind)
                {
                  mention.kind = ANNALS_EVENT_KIND_EXERCISE;
                  mention.has_kind = TRUE;
                  mention.weak = TRUE;
                  mention.kind_guessed = TRUE;
                }
            }
          g_array_append_val (self->mentions, mention);
        }
    }

  split_coordinated_names (self);
  add_coordinated_names (self, sentence_index, first, last);
  add_list_items (self, sentence_index, first, last);
  add_known_names (self, sentence_index, first, last);
  if ((self->sentence_lex[sentence_index] & LEX_EDITION) != 0)
    add_editions (self, sentence_index, first, last);
  add_first_editions (self, sentence_index, first, last);
  if ((self->sentence_lex[sentence_index] & LEX_MEET) != 0)
    add_verb_meetings (self, sentence_index, first, last);

  if (self->mentions->len == 0)
    return;

  g_array_sort (self->mentions, compare_mentions);
  owners = g_new0 (Candidate *, self->mentions->len);

  /* Named mentions first, so that an apposition ("Indra-2017, the first
   * exercise …", "a bigger exercise, Boyevoye Bratstvo-2018") joins the
   * named event instead of making one of its own. */
  for (int pass = 0; pass < 2; pass++)
    for (guint m = 0; m < self->mentions->len; m++)
      {
        Mention *mention = &g_array_index (self->mentions, Mention, m);
        Candidate *owner = NULL;

        if (mention->named != (pass == 0) || mention->consumed)
          continue;

        for (guint n = 0; n < self->mentions->len && owner == NULL; n++)
          {
            const Mention *other = &g_array_index (self->mentions, Mention, n);

            if (n == m || owners[n] == NULL)
              continue;
            /* "Defence ministers … met in Bishkek for the regular meeting of
             * the Council …": the verb and the noun tell one meeting */
            if (mention->by_verb && !other->by_verb && other->has_kind && !other->plural &&
                (other->kind == ANNALS_EVENT_KIND_MEETING || other->kind == ANNALS_EVENT_KIND_SUMMIT) &&
                !is_counterpart_meeting (mention))
              {
                owner = owners[n];
                continue;
              }
            if (!other->named)
              continue;
            if (is_apposition (self, other, mention) || is_apposition (self, mention, other))
              owner = owners[n];
          }

        if (owner != NULL)
          {
            attach_mention (self, owner, mention, first, last);
            if (!mention->weak)
              owner->weak = FALSE;
            owners[m] = owner;
            continue;
          }

        owners[m] = process_mention (self, mention, first, last);
      }

  /* Coordinated events share dates and place: one takes the other's. */
  for (guint m = 0; m < self->mentions->len; m++)
    {
      const Mention *mention = &g_array_index (self->mentions, Mention, m);

      if (mention->coordinated_with == 0 || owners[m] == NULL)
        continue;
      for (guint n = 0; n < self->mentions->len; n++)
        {
          const Mention *other = &g_array_index (self->mentions, Mention, n);

          /* mentions were sorted: find the partner by its tokens */
          if (n != m && owners[n] != NULL && owners[n] != owners[m] && other->first > mention->last &&
              other->first <= mention->last + 2 && owners[m]->container == NULL)
            {
              owners[m]->container = owners[n];
              owners[m]->planned_cue = owners[m]->planned_cue || owners[n]->planned_cue;
            }
        }
    }

  assign_dates (self, first, last, owners);
}

static void
finish_candidate (Extraction *self,
                  Candidate  *candidate)
{
  const AnnalsDate *published = &self->published;
  gboolean has_published = annals_date_is_set (published);
  AnnalsEventStatus status = ANNALS_EVENT_STATUS_PAST;
  double score = 0.25;
  const AnnalsSentence *first_sentence;

  first_sentence = &g_array_index (self->tokens->sentences, AnnalsSentence, candidate->first_sentence);

  /* An event inside another takes its dates and place. */
  if (candidate->container != NULL)
    {
      Candidate *container = candidate->container;

      if (!annals_date_is_set (&candidate->start) && annals_date_is_set (&container->start))
        {
          candidate->start = container->start;
          candidate->end = container->end;
          candidate->dated_by_container = TRUE;
        }
      if (annals_event_get_host_country (candidate->event) == NULL &&
          annals_event_get_host_country (container->event) != NULL)
        {
          annals_event_set_host_country (candidate->event, annals_event_get_host_country (container->event));
          annals_event_set_host_place (candidate->event, annals_event_get_host_place (container->event));
        }
    }

  /* The lead's own event without a date of its own happened around the
   * publication date. */
  if (has_published && candidate->first_sentence >= self->lead_sentence &&
      candidate->first_sentence <= self->lead_sentence + 1 && !candidate->weak &&
      (!annals_date_is_set (&candidate->start) ||
       (annals_date_get_precision (&candidate->start) == ANNALS_PRECISION_YEAR &&
        candidate->start.year == published->year)))
    {
      int aspect = lead_aspect (self, NULL, first_sentence->first, first_sentence->last);

      /* Under way at publication: it began by then. */
      if (aspect > 0)
        {
          candidate->start = *published;
          candidate->ongoing = TRUE;
        }
      else if (aspect < 0 && !annals_date_is_set (&candidate->start) && !candidate->planned_cue)
        annals_date_set_month (&candidate->start, published->year, published->month);
    }

  /* The host the headline names, for the events of the lead that name none */
  if (annals_event_get_host_country (candidate->event) == NULL && self->headline_host[0] != '\0' &&
      candidate->first_sentence >= self->lead_sentence && candidate->first_sentence <= self->lead_sentence + 1)
    annals_event_set_host_country (candidate->event, self->headline_host);

  /* The dateline's city is where an event of the dateline's day took
   * place, when the text names no other place ("MOSCOW, June 23 … said on
   * Friday at a session of …"). */
  if (annals_event_get_host_country (candidate->event) == NULL && self->dateline.place[0] != '\0' &&
      has_published && annals_date_get_precision (&candidate->start) == ANNALS_PRECISION_DAY &&
      annals_date_equal (&candidate->start, published) && !annals_date_is_set (&candidate->end) &&
      !candidate->ongoing)
    {
      const AnnalsPlace *place = annals_gazetteer_lookup (self->gazetteer, self->dateline.place);

      if (place != NULL && place->code[0] != '\0' && place->type != ANNALS_PLACE_DEMONYM)
        {
          annals_event_set_host_country (candidate->event, place->code);
          if (place->type != ANNALS_PLACE_COUNTRY)
            annals_event_set_host_place (candidate->event, place->name);
        }
    }

  /* "Exercises … are to be held this year": events the plan lists without
   * a date of their own take the year of the plan. */
  if (!annals_date_is_set (&candidate->start) && candidate->planned_cue && self->plan_year != 0 &&
      candidate->first_sentence > self->lead_sentence)
    annals_date_set_year (&candidate->start, self->plan_year);

  /* Status: against the publication date when both are known, else by the
   * words of the text. */
  if (has_published && annals_date_is_set (&candidate->start))
    {
      gint32 day = annals_date_get_first_day (published);
      gint32 first_day = annals_date_get_first_day (&candidate->start);
      gint32 end_day = annals_date_get_end_day (annals_date_is_set (&candidate->end) ? &candidate->end : &candidate->start);

      if (candidate->ongoing && first_day <= day)
        status = ANNALS_EVENT_STATUS_PAST;
      else if (first_day > day)
        status = ANNALS_EVENT_STATUS_PLANNED;
      else if (end_day <= day)
        status = ANNALS_EVENT_STATUS_PAST;
      else if (candidate->planned_cue && annals_date_get_precision (&candidate->start) == ANNALS_PRECISION_DAY &&
               first_day == day)
        status = ANNALS_EVENT_STATUS_PLANNED;
      else if (candidate->planned_cue && annals_date_get_precision (&candidate->start) != ANNALS_PRECISION_DAY &&
               !candidate->past_cue)
        status = ANNALS_EVENT_STATUS_PLANNED;
      else
        status = ANNALS_EVENT_STATUS_PAST;
    }
  else if (candidate->planned_cue)
    status = ANNALS_EVENT_STATUS_PLANNED;
  else if (candidate->past_cue || has_published)
    status = ANNALS_EVENT_STATUS_PAST;
  else
    status = ANNALS_EVENT_STATUS_UNKNOWN;

  /* Confidence: how much of an event the text gives. A proper name
   * counts most; a dated, placed common noun phrase ("a joint exercise
   * … from December 3-14 in West Bengal") comes close; a generic plural
   * ("bilateral drills", "exercises … in A, B and C") stays low. */
  if (candidate->named)
    score += 0.35;
  if (candidate->has_kind && !candidate->weak)
    score += 0.15;
  if (candidate->dated_by_text)
    score += candidate->named ? 0.1 : 0.2;
  else if (candidate->dated_by_container)
    score += 0.1;
  else if (candidate->name_year != 0)
    score += 0.1;
  if (candidate->weak && candidate->dated_by_text && !candidate->named)
    score += 0.3;
  if (annals_event_get_host_country (candidate->event) != NULL)
    score += 0.1;
  if (candidate->n_mentions > 1)
    score += 0.05;
  if (candidate->n_modifiers >= 2 && !candidate->named)
    score += 0.05;
  if (candidate->plural && !candidate->named)
    score -= 0.15;
  /* "a strategic command and staff exercise is to …": announced */
  if (!candidate->plural && !candidate->named && !candidate->weak && candidate->planned_cue && candidate->n_modifiers >= 2)
    score += 0.05;
  if (candidate->n_hosts > 1 && !candidate->named)
    score -= 0.2;
  else if (candidate->plural && candidate->host_strength >= 2 && !candidate->named)
    score += 0.1;
  if (!candidate->has_kind)
    score -= 0.2;
  if (candidate->kind_guessed)
    score -= 0.15;
  if (candidate->weak && !candidate->named)
    score -= 0.1;
  if (candidate->reporting)
    score = 0.1;
  score = CLAMP (score, 0.05, 0.95);

  /* "from 7 to 6 November": an end before the start is a slip of the
   * text; the event keeps its start. */
  if (annals_date_is_set (&candidate->start) && annals_date_is_set (&candidate->end) &&
      annals_date_get_first_day (&candidate->end) < annals_date_get_first_day (&candidate->start))
    annals_date_clear (&candidate->end);

  annals_event_set_kind (candidate->event, candidate->has_kind ? candidate->kind : ANNALS_EVENT_KIND_OTHER);
  annals_event_set_status (candidate->event, status);
  annals_event_set_start (candidate->event, annals_date_is_set (&candidate->start) ? &candidate->start : NULL);
  annals_event_set_end (candidate->event, annals_date_is_set (&candidate->end) ? &candidate->end : NULL);
  annals_event_set_confidence (candidate->event, score);
}

/* Where a web page's text stops being the article: a short line such as
 * "Related Articles", "Load More", "Leave a Reply"; what follows (teasers
 * of other stories) is not part of it. */
static void
find_article_end (Extraction *self)
{
  static const char * const markers[] = {
    "related", "load more", "read more", "also read", "leave a reply", "check also", "share this",
    "subscribe", "you may also like", "more from", "more stories", "recommended", "advertisement",
    "comments", "tags:", "previous article", "next article", "most read", "trending",
  };
  const AnnalsTokens *tokens = self->tokens;
  guint n = tokens->tokens->len;
  guint start = 0;

  self->article_end = n;
  if (self->lead_sentence < tokens->sentences->len)
    start = g_array_index (tokens->sentences, AnnalsSentence, self->lead_sentence).last;

  for (guint i = start; i < n; i++)
    {
      const AnnalsToken *token = annals_tokens_get (tokens, i);
      const char *line;
      gsize line_length;
      const char *eol;

      if ((token->flags & ANNALS_TOKEN_NEWLINE_BEFORE) == 0)
        continue;

      line = tokens->text + token->start;
      eol = memchr (line, '\n', tokens->length - token->start);
      line_length = eol != NULL ? (gsize) (eol - line) : tokens->length - token->start;

      /* Short lines only: a marker, not a sentence that starts with "Related". */
      if (line_length <= 40)
        for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
          if (g_ascii_strncasecmp (line, markers[m], strlen (markers[m])) == 0)
            {
              self->article_end = i;
              return;
            }

    }
}

/* The host a headline names: "Malaysia to host ASEAN defence chiefs …",
 * "Ankara will host NATO's July 2026 summit". */
static void
find_headline_host (Extraction *self)
{
  g_autoptr(AnnalsTokens) tokens = NULL;
  const char *title = self->article->title;

  self->headline_host[0] = '\0';
  if (title == NULL || title[0] == '\0')
    return;

  tokens = annals_tokens_new (title, strlen (title));
  for (guint i = 1; i < tokens->tokens->len; i++)
    {
      static const char * const verbs[] = { "host", "hosts", "hosting", "hosted" };
      gboolean verb = FALSE;

      for (guint v = 0; v < G_N_ELEMENTS (verbs); v++)
        verb = verb || annals_tokens_equal (tokens, i, verbs[v], TRUE);
      if (!verb)
        continue;

      /* The place right before: "Malaysia to host", "Ankara will host" */
      for (guint j = 0; j < i; j++)
        {
          guint n = 0;
          const AnnalsPlace *place = annals_gazetteer_match (self->gazetteer, tokens, j, i, &n);

          if (place != NULL && place->code[0] != '\0' && place->type != ANNALS_PLACE_DEMONYM && j + n + 2 >= i)
            {
              g_strlcpy (self->headline_host, place->code, sizeof self->headline_host);
              return;
            }
        }
      return;
    }
}

/* The year a lead announces a plan for: "Exercises … are to be held this
 * year", "will hold … next year". */
static void
find_plan_year (Extraction *self)
{
  const AnnalsTokens *tokens = self->tokens;
  const AnnalsSentence *lead;

  self->plan_year = 0;
  if (self->lead_sentence >= tokens->sentences->len)
    return;
  lead = &g_array_index (tokens->sentences, AnnalsSentence, self->lead_sentence);
  if (!annals_timex_sentence_is_future (tokens, self->lead_sentence, lead->last))
    return;

  for (guint t = 0; t < self->timexes->len; t++)
    {
      const AnnalsTimex *timex = &g_array_index (self->timexes, AnnalsTimex, t);

      if (timex->first_token < lead->first)
        continue;
      if (timex->first_token >= lead->last)
        break;
      if ((timex->flags & ANNALS_TIMEX_RELATIVE) != 0 && annals_date_get_precision (&timex->start) == ANNALS_PRECISION_YEAR)
        {
          self->plan_year = timex->start.year;
          return;
        }
    }
}

static gboolean
extract (Extraction *self,
         GError    **error)
{
  tag_words (self);

  for (guint t = 0; t < self->timexes->len; t++)
    {
      const AnnalsTimex *timex = &g_array_index (self->timexes, AnnalsTimex, t);
      for (guint i = timex->first_token; i < timex->last_token; i++)
        self->timex_at[i] = t + 1;
    }

  /* The lead: the sentence of the dateline, else the first sentence of
   * running text (headlines and kickers are short). */
  self->lead_sentence = 0;
  if (self->dateline.last_token > 0 && self->dateline.last_token < self->tokens->tokens->len)
    self->lead_sentence = annals_tokens_get (self->tokens, self->dateline.last_token)->sentence;
  else if (self->dateline.last_token > 0)
    self->lead_sentence = annals_tokens_get (self->tokens, self->dateline.first_token)->sentence;
  else
    for (guint s = 0; s < self->tokens->sentences->len; s++)
      {
        const AnnalsSentence *sentence = &g_array_index (self->tokens->sentences, AnnalsSentence, s);
        if (sentence->last - sentence->first >= 12)
          {
            self->lead_sentence = s;
            break;
          }
      }

  find_plan_year (self);
  find_headline_host (self);
  find_article_end (self);

  for (guint s = 0; s < self->tokens->sentences->len; s++)
    process_sentence (self, s);

  for (guint c = 0; c < self->candidates->len; c++)
    finish_candidate (self, g_ptr_array_index (self->candidates, c));

  return TRUE;
}

static void
extraction_clear (Extraction *self)
{
  g_clear_pointer (&self->tokens, annals_tokens_free);
  g_clear_pointer (&self->timexes, g_array_unref);
  g_clear_pointer (&self->timex_at, g_free);
  g_clear_pointer (&self->lex, g_free);
  g_clear_pointer (&self->sentence_lex, g_free);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->name_words, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->document_id, g_free);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  if (self->mentions != NULL)
    {
      for (guint i = 0; i < self->mentions->len; i++)
        mention_clear (&g_array_index (self->mentions, Mention, i));
      g_clear_pointer (&self->mentions, g_array_unref);
    }
}

static char *
make_event_id (const char *document_id,
               const char *title_key,
               GHashTable *used)
{
  g_autofree char *input = g_strconcat (document_id, "\n", title_key, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, input, -1);
  g_autofree char *base = g_strdup_printf ("ev-%.12s", checksum);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (used, base));

  /* Events of one title in one text are numbered in text order: the first
   * keeps the plain id. */
  g_hash_table_insert (used, g_strdup (base), GUINT_TO_POINTER (count + 1));
  if (count == 0)
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s-%u", base, count + 1);
}

static char *
default_title (AnnalsArticle *article,
               const char    *display_name)
{
  const char *eol;

  if (article->title != NULL && article->title[0] != '\0')
    return g_strdup (article->title);

  /* The first line of the text, when it is short enough to be a headline */
  eol = memchr (article->body, '\n', article->body_length);
  if (eol != NULL && eol - article->body < 200 && eol > article->body)
    {
      g_autofree char *line = g_strndup (article->body, eol - article->body);
      g_strstrip (line);
      if (line[0] != '\0')
        return g_steal_pointer (&line);
    }

  if (display_name != NULL)
    return g_path_get_basename (display_name);

  return g_strdup ("Untitled article");
}

AnnalsEventSet *
annals_extract_text (const char       *text,
                     gssize            length,
                     const char       *display_name,
                     const AnnalsDate *published,
                     GError          **error)
{
  g_autoptr(AnnalsArticle) article = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsDocument) document = NULL;
  g_autoptr(GHashTable) used_ids = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  Extraction self = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (text);

  article = annals_article_parse (text, length, display_name, error);
  if (article == NULL)
    return NULL;

  self.article = article;
  self.gazetteer = annals_gazetteer_get_default ();
  self.tokens = annals_tokens_new (article->body, article->body_length);
  self.document_id = annals_article_dup_id (article);
  self.candidates = g_ptr_array_new_with_free_func (candidate_free);
  self.mentions = g_array_new (FALSE, FALSE, sizeof (Mention));
  self.participants = g_ptr_array_new ();
  self.name_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  annals_dateline_find (self.tokens, &self.dateline);

  if (published != NULL && annals_date_is_set (published))
    self.published = *published;
  else if (annals_date_is_set (&article->published))
    self.published = article->published;
  else if (!annals_timex_infer_published (self.tokens, &self.dateline, &self.published))
    annals_date_clear (&self.published);

  if (annals_date_is_set (&self.published))
    self.reference = self.published;
  else
    {
      int year = annals_timex_main_year (self.tokens);
      if (year != 0)
        annals_date_set_year (&self.reference, year);
    }

  self.timexes = annals_timex_find (self.tokens, &self.reference, &self.dateline);
  self.timex_at = g_new0 (gint32, self.tokens->tokens->len + 1);

  if (!extract (&self, error))
    {
      extraction_clear (&self);
      return NULL;
    }

  set = annals_event_set_new ();
  document = annals_document_new (self.document_id);
  title = default_title (article, display_name);
  annals_document_set_title (document, title);
  annals_document_set_source (document, article->source);
  annals_document_set_url (document, article->url);
  if (annals_date_is_set (&self.published))
    annals_document_set_published (document, &self.published);
  body = g_strndup (article->body, article->body_length);
  annals_document_set_text (document, body);
  if (article->extra_keys->len > 0)
    {
      g_autoptr(GString) json = g_string_new ("{");

      for (guint i = 0; i + 1 < article->extra_keys->len; i += 2)
        {
          g_autofree char *key = g_strescape (g_ptr_array_index (article->extra_keys, i), NULL);
          g_autofree char *value = g_strescape (g_ptr_array_index (article->extra_keys, i + 1), NULL);

          g_string_append_printf (json, "%s\"%s\": \"%s\"", i > 0 ? ", " : "", key, value);
        }
      g_string_append_c (json, '}');
      annals_document_set_extra_json (document, json->str);
    }
  annals_event_set_add_document (set, document);

  used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint c = 0; c < self.candidates->len; c++)
    {
      Candidate *candidate = g_ptr_array_index (self.candidates, c);
      g_autofree char *key = annals_event_normalize_title (annals_event_get_title (candidate->event));
      g_autofree char *id = make_event_id (self.document_id, key, used_ids);

      annals_event_set_id (candidate->event, id);
      annals_event_set_add_event (set, candidate->event);
    }

  extraction_clear (&self);

  return g_steal_pointer (&set);
}

AnnalsEventSet *
annals_extract_file (const char       *path,
                     const AnnalsDate *published,
                     GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  GStatBuf info;

  g_return_val_if_fail (path != NULL, NULL);

  /* A device or a FIFO may never end (/dev/zero): only regular files are
   * read, and none larger than an article may be. */
  if (g_stat (path, &info) == 0)
    {
      if (!S_ISREG (info.st_mode))
        {
          g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_FAILED,
                       _("%s: not a regular file"), path);
          return NULL;
        }
      if ((guint64) info.st_size > ANNALS_ARTICLE_MAX_SIZE)
        {
          g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_TOO_LARGE,
                       _("%s: the article is larger than %u MiB"), path,
                       ANNALS_ARTICLE_MAX_SIZE / (1024u * 1024u));
          return NULL;
        }
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ANNALS_EXTRACT_ERROR, ANNALS_EXTRACT_ERROR_FAILED,
                   "%s", local_error->message);
      return NULL;
    }

  return annals_extract_text (contents, length, path, published, error);
}
