/* annals-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-event"

#include "config.h"

#include <string.h>

#include "annals-event.h"

struct _AnnalsEvent
{
  GObject            parent_instance;

  char              *id;
  char              *title;
  char              *host_country;
  char              *host_place;
  GStrv              participants;
  GArray            *mentions;
  GHashTable        *mention_index;  /* made once there are many mentions */
  char              *extra_json;
  double             confidence;
  AnnalsDate         start;
  AnnalsDate         end;
  AnnalsEventKind    kind;
  AnnalsEventStatus  status;
};

G_DEFINE_FINAL_TYPE (AnnalsEvent, annals_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_STATUS,
  PROP_HOST_COUNTRY,
  PROP_HOST_PLACE,
  PROP_CONFIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_mention (gpointer data)
{
  AnnalsMention *mention = data;

  g_clear_pointer (&mention->document_id, g_free);
  g_clear_pointer (&mention->extra_json, g_free);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
annals_event_finalize (GObject *object)
{
  AnnalsEvent *self = (AnnalsEvent *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->host_country, g_free);
  g_clear_pointer (&self->host_place, g_free);
  g_clear_pointer (&self->participants, g_strfreev);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->mention_index, g_hash_table_unref);
  g_clear_pointer (&self->extra_json, g_free);

  G_OBJECT_CLASS (annals_event_parent_class)->finalize (object);
}

static void
annals_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AnnalsEvent *self = ANNALS_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_START:
      g_value_set_boxed (value, &self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, &self->end);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_HOST_COUNTRY:
      g_value_set_string (value, self->host_country);
      break;

    case PROP_HOST_PLACE:
      g_value_set_string (value, self->host_place);
      break;

    case PROP_CONFIDENCE:
      g_value_set_double (value, self->confidence);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_event_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AnnalsEvent *self = ANNALS_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      annals_event_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      annals_event_set_title (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      annals_event_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_START:
      annals_event_set_start (self, g_value_get_boxed (value));
      break;

    case PROP_END:
      annals_event_set_end (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      annals_event_set_status (self, g_value_get_enum (value));
      break;

    case PROP_HOST_COUNTRY:
      annals_event_set_host_country (self, g_value_get_string (value));
      break;

    case PROP_HOST_PLACE:
      annals_event_set_host_place (self, g_value_get_string (value));
      break;

    case PROP_CONFIDENCE:
      annals_event_set_confidence (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
annals_event_class_init (AnnalsEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = annals_event_finalize;
  object_class->get_property = annals_event_get_property;
  object_class->set_property = annals_event_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ANNALS_TYPE_EVENT_KIND, ANNALS_EVENT_KIND_OTHER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, ANNALS_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, ANNALS_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ANNALS_TYPE_EVENT_STATUS, ANNALS_EVENT_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOST_COUNTRY] =
    g_param_spec_string ("host-country", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HOST_PLACE] =
    g_param_spec_string ("host-place", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFIDENCE] =
    g_param_spec_double ("confidence", NULL, NULL, 0.0, 1.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
annals_event_init (AnnalsEvent *self)
{
  self->kind = ANNALS_EVENT_KIND_OTHER;
  self->status = ANNALS_EVENT_STATUS_UNKNOWN;
  self->confidence = 1.0;
  self->mentions = g_array_new (FALSE, TRUE, sizeof (AnnalsMention));
  g_array_set_clear_func (self->mentions, clear_mention);
}

AnnalsEvent *
annals_event_new (const char *id,
                  const char *title)
{
  return g_object_new (ANNALS_TYPE_EVENT, "id", id, "title", title, NULL);
}

AnnalsEvent *
annals_event_copy (AnnalsEvent *self)
{
  AnnalsEvent *copy;

  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  copy = annals_event_new (self->id, self->title);
  copy->kind = self->kind;
  copy->status = self->status;
  copy->start = self->start;
  copy->end = self->end;
  copy->confidence = self->confidence;
  copy->host_country = g_strdup (self->host_country);
  copy->host_place = g_strdup (self->host_place);
  copy->participants = g_strdupv (self->participants);
  copy->extra_json = g_strdup (self->extra_json);
  for (guint i = 0; i < self->mentions->len; i++)
    {
      const AnnalsMention *mention = &g_array_index (self->mentions, AnnalsMention, i);

      annals_event_add_mention_full (copy, mention->document_id, mention->start, mention->end,
                                     mention->extra_json);
    }

  return copy;
}

const char *
annals_event_get_id (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return self->id;
}

void
annals_event_set_id (AnnalsEvent *self,
                     const char  *id)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (set_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
annals_event_get_title (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return self->title;
}

void
annals_event_set_title (AnnalsEvent *self,
                        const char  *title)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

AnnalsEventKind
annals_event_get_kind (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), ANNALS_EVENT_KIND_OTHER);

  return self->kind;
}

void
annals_event_set_kind (AnnalsEvent     *self,
                       AnnalsEventKind  kind)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));
  g_return_if_fail (kind < ANNALS_N_EVENT_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const AnnalsDate *
annals_event_get_start (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return &self->start;
}

static gboolean
set_date (AnnalsDate       *field,
          const AnnalsDate *value)
{
  AnnalsDate date = { 0 };

  if (value != NULL)
    date = *value;

  if (memcmp (field, &date, sizeof date) == 0)
    return FALSE;

  *field = date;

  return TRUE;
}

void
annals_event_set_start (AnnalsEvent      *self,
                        const AnnalsDate *start)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (set_date (&self->start, start))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
}

const AnnalsDate *
annals_event_get_end (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return &self->end;
}

void
annals_event_set_end (AnnalsEvent      *self,
                      const AnnalsDate *end)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (set_date (&self->end, end))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

AnnalsEventStatus
annals_event_get_status (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), ANNALS_EVENT_STATUS_UNKNOWN);

  return self->status;
}

void
annals_event_set_status (AnnalsEvent       *self,
                         AnnalsEventStatus  status)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));
  g_return_if_fail (status < ANNALS_N_EVENT_STATUSES);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

const char *
annals_event_get_host_country (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return self->host_country;
}

void
annals_event_set_host_country (AnnalsEvent *self,
                               const char  *host_country)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (host_country != NULL && host_country[0] == '\0')
    host_country = NULL;

  if (set_string (&self->host_country, host_country))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_COUNTRY]);
}

const char *
annals_event_get_host_place (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return self->host_place;
}

void
annals_event_set_host_place (AnnalsEvent *self,
                             const char  *host_place)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  if (host_place != NULL && host_place[0] == '\0')
    host_place = NULL;

  if (set_string (&self->host_place, host_place))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_PLACE]);
}

const char * const *
annals_event_get_participants (AnnalsEvent *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ANNALS_IS_EVENT (self), none);

  return self->participants != NULL ? (const char * const *) self->participants : none;
}

void
annals_event_set_participants (AnnalsEvent        *self,
                               const char * const *participants)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  g_clear_pointer (&self->participants, g_strfreev);
  if (participants != NULL)
    for (guint i = 0; participants[i] != NULL; i++)
      annals_event_add_participant (self, participants[i]);
}

void
annals_event_add_participant (AnnalsEvent *self,
                              const char  *country)
{
  guint n;

  g_return_if_fail (ANNALS_IS_EVENT (self));
  g_return_if_fail (country != NULL);

  if (self->participants != NULL && g_strv_contains ((const char * const *) self->participants, country))
    return;

  n = self->participants != NULL ? g_strv_length (self->participants) : 0;
  self->participants = g_renew (char *, self->participants, n + 2);
  self->participants[n] = g_strdup (country);
  self->participants[n + 1] = NULL;
}

double
annals_event_get_confidence (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), 0.0);

  return self->confidence;
}

void
annals_event_set_confidence (AnnalsEvent *self,
                             double       confidence)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  confidence = CLAMP (confidence, 0.0, 1.0);
  if (self->confidence != confidence)
    {
      self->confidence = confidence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENCE]);
    }
}

guint
annals_event_get_n_mentions (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), 0);

  return self->mentions->len;
}

const AnnalsMention *
annals_event_get_mention (AnnalsEvent *self,
                          guint        position)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);
  g_return_val_if_fail (position < self->mentions->len, NULL);

  return &g_array_index (self->mentions, AnnalsMention, position);
}

static char *
mention_key (const char *document_id,
             guint       start,
             guint       end)
{
  return g_strdup_printf ("%u:%u:%s", start, end, document_id);
}

/* Past this many mentions, duplicates are found through a hash table, so
 * that adding every mention of a long text stays linear. */
#define MENTION_INDEX_THRESHOLD 16

void
annals_event_add_mention (AnnalsEvent *self,
                          const char  *document_id,
                          guint        start,
                          guint        end)
{
  annals_event_add_mention_full (self, document_id, start, end, NULL);
}

void
annals_event_add_mention_full (AnnalsEvent *self,
                               const char  *document_id,
                               guint        start,
                               guint        end,
                               const char  *extra_json)
{
  AnnalsMention mention;

  g_return_if_fail (ANNALS_IS_EVENT (self));
  g_return_if_fail (document_id != NULL);
  g_return_if_fail (start <= end);

  if (self->mention_index == NULL && self->mentions->len >= MENTION_INDEX_THRESHOLD)
    {
      self->mention_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < self->mentions->len; i++)
        {
          const AnnalsMention *other = &g_array_index (self->mentions, AnnalsMention, i);

          g_hash_table_add (self->mention_index, mention_key (other->document_id, other->start, other->end));
        }
    }

  if (self->mention_index != NULL)
    {
      if (!g_hash_table_add (self->mention_index, mention_key (document_id, start, end)))
        return;
    }
  else
    {
      for (guint i = 0; i < self->mentions->len; i++)
        {
          const AnnalsMention *other = &g_array_index (self->mentions, AnnalsMention, i);

          if (other->start == start && other->end == end && strcmp (other->document_id, document_id) == 0)
            return;
        }
    }

  mention.document_id = g_strdup (document_id);
  mention.start = start;
  mention.end = end;
  mention.extra_json = extra_json != NULL && extra_json[0] != '\0' ? g_strdup (extra_json) : NULL;
  g_array_append_val (self->mentions, mention);
}

void
annals_event_clear_mentions (AnnalsEvent *self)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  g_array_set_size (self->mentions, 0);
  g_clear_pointer (&self->mention_index, g_hash_table_unref);
}

const char *
annals_event_get_extra_json (AnnalsEvent *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT (self), NULL);

  return self->extra_json;
}

void
annals_event_set_extra_json (AnnalsEvent *self,
                             const char  *extra_json)
{
  g_return_if_fail (ANNALS_IS_EVENT (self));

  set_string (&self->extra_json, extra_json);
}

static gboolean
is_fold_to_space (gunichar c)
{
  return g_unichar_isspace (c) ||
         c == '-' || c == '_' || c == '/' ||
         (c >= 0x2010 && c <= 0x2015) || /* hyphens and dashes */
         c == 0x2212;                    /* minus sign */
}

static gboolean
is_dropped (gunichar c)
{
  return c == '\'' || c == '"' || c == '.' || c == ',' ||
         c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D ||
         c == 0x02BC || c == 0x00AB || c == 0x00BB;
}

/* The characters outside ASCII that the fast path below knows: each is
 * its own NFKC form and case fold, and is dropped or folds to a space. */
static gboolean
is_simple_punctuation (gunichar c)
{
  return (is_dropped (c) || is_fold_to_space (c)) &&
         c != 0x2011 && !g_unichar_isspace (c);
}

/* The key of a title made of ASCII and the punctuation above, byte by
 * byte: NFKC and case folding change only the ASCII capitals there. NULL
 * when the title holds anything else. */
static char *
normalize_simple_title (const char *title)
{
  gsize length = strlen (title);
  char *key = g_malloc (length + 1);
  gsize n = 0;
  gboolean pending_space = FALSE;

  for (const guchar *p = (const guchar *) title; *p != '\0'; )
    {
      gunichar c = *p;
      gboolean space, dropped;

      if (c < 0x80)
        {
          p++;
          space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
                  c == '-' || c == '_' || c == '/';
          dropped = c == '\'' || c == '"' || c == '.' || c == ',';
        }
      else
        {
          c = g_utf8_get_char_validated ((const char *) p, -1);
          if (c == (gunichar) -1 || c == (gunichar) -2 || !is_simple_punctuation (c))
            {
              g_free (key);
              return NULL;
            }
          p = (const guchar *) g_utf8_next_char (p);
          space = is_fold_to_space (c);
          dropped = !space;
        }

      if (dropped)
        continue;

      if (space)
        {
          pending_space = n > 0;
          continue;
        }

      if (pending_space)
        key[n++] = ' ';
      pending_space = FALSE;
      key[n++] = g_ascii_tolower ((char) c);
    }

  key[n] = '\0';

  if (g_str_has_prefix (key, "the "))
    memmove (key, key + 4, n - 4 + 1);

  return key;
}

char *
annals_event_normalize_title (const char *title)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) key = NULL;
  gboolean pending_space = FALSE;
  char *key_fast;

  if (title == NULL)
    return g_strdup ("");

  /* Most titles: a fifth of the cost of an import of generated events
   * went to the general path. */
  if ((key_fast = normalize_simple_title (title)) != NULL)
    return key_fast;

  normalized = g_utf8_normalize (title, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return g_strdup ("");

  folded = g_utf8_casefold (normalized, -1);
  key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped (c))
        continue;

      if (is_fold_to_space (c))
        {
          pending_space = key->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (key, ' ');
      pending_space = FALSE;
      g_string_append_unichar (key, c);
    }

  if (g_str_has_prefix (key->str, "the "))
    g_string_erase (key, 0, 4);

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static gboolean
dates_compatible (const AnnalsDate *a,
                  const AnnalsDate *b)
{
  if (!annals_date_is_set (a) || !annals_date_is_set (b))
    return TRUE;

  return annals_date_contains (a, b) || annals_date_contains (b, a);
}

gboolean
annals_event_can_merge (AnnalsEvent *self,
                        AnnalsEvent *other)
{
  g_autofree char *key = NULL;
  g_autofree char *other_key = NULL;

  g_return_val_if_fail (ANNALS_IS_EVENT (self), FALSE);
  g_return_val_if_fail (ANNALS_IS_EVENT (other), FALSE);

  if (self->kind != other->kind)
    return FALSE;

  key = annals_event_normalize_title (self->title);
  other_key = annals_event_normalize_title (other->title);
  if (key[0] == '\0' || strcmp (key, other_key) != 0)
    return FALSE;

  return dates_compatible (&self->start, &other->start) &&
         dates_compatible (&self->end, &other->end);
}
