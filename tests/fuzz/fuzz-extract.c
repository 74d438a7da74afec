/* fuzz-extract.c: the article reader and the event extractor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-fuzz"

#include "config.h"

#include <stdlib.h>

#include "annals-extractor.h"
#include "annals-json.h"
#include "annals-model.h"

#include "annals-fuzz.h"

#define DISPLAY_NAME "fuzz.txt"

static void
check_error (const GError *error)
{
  if (error == NULL)
    annals_fuzz_fail ("annals_extract_text() failed without an error");
  if (error->domain != ANNALS_EXTRACT_ERROR)
    annals_fuzz_fail ("error from domain %s, not annals-extract-error: %s",
                      g_quark_to_string (error->domain), error->message);
  if (error->message == NULL || strstr (error->message, DISPLAY_NAME) == NULL)
    annals_fuzz_fail ("error message does not name the file: %s",
                      error->message ? error->message : "(null)");
}

/* Every mention must point inside the text of a document of the set. */
static void
check_events (AnnalsEventSet *set)
{
  GPtrArray *documents = annals_event_set_get_documents (set);
  GPtrArray *events = annals_event_set_get_events (set);

  if (documents->len != 1)
    annals_fuzz_fail ("an article gave %u documents", documents->len);

  for (guint i = 0; i < documents->len; i++)
    {
      AnnalsDocument *document = g_ptr_array_index (documents, i);
      const char *text = annals_document_get_text (document);

      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        annals_fuzz_fail ("document %u has no valid UTF-8 text", i);
      if (annals_document_get_length (document) != (guint) g_utf8_strlen (text, -1))
        annals_fuzz_fail ("document %u: length %u, text of %ld characters", i,
                          annals_document_get_length (document),
                          g_utf8_strlen (text, -1));
    }

  for (guint i = 0; i < events->len; i++)
    {
      AnnalsEvent *event = g_ptr_array_index (events, i);
      const AnnalsDate *start = annals_event_get_start (event);
      const AnnalsDate *end = annals_event_get_end (event);
      const char *title = annals_event_get_title (event);

      if (title == NULL || title[0] == '\0' || !g_utf8_validate (title, -1, NULL))
        annals_fuzz_fail ("event %u has no valid title", i);
      if (annals_event_get_n_mentions (event) == 0)
        annals_fuzz_fail ("event %u “%s” has no mention", i, title);
      if (start != NULL && annals_date_is_set (start) &&
          end != NULL && annals_date_is_set (end) &&
          annals_date_get_first_day (end) < annals_date_get_first_day (start))
        annals_fuzz_fail ("event %u “%s” ends before it starts", i, title);

      for (guint j = 0; j < annals_event_get_n_mentions (event); j++)
        {
          const AnnalsMention *mention = annals_event_get_mention (event, j);
          AnnalsDocument *document;
          g_autofree char *span = NULL;

          document = annals_event_set_lookup_document (set, mention->document_id);
          if (document == NULL)
            annals_fuzz_fail ("event %u “%s” names unknown document “%s”",
                              i, title, mention->document_id);
          if (mention->start >= mention->end ||
              mention->end > annals_document_get_length (document))
            annals_fuzz_fail ("event %u “%s”: mention [%u, %u) outside a text of %u",
                              i, title, mention->start, mention->end,
                              annals_document_get_length (document));
          span = annals_document_dup_span (document, mention->start, mention->end);
          if (span == NULL)
            annals_fuzz_fail ("event %u “%s”: no text at [%u, %u)",
                              i, title, mention->start, mention->end);
        }
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  annals_fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnalsEventSet) set = NULL;
  g_autoptr(AnnalsEventSet) reloaded = NULL;
  g_autofree char *json = NULL;
  gsize json_length = 0;
  AnnalsDate published;

  /* Half the inputs also have a publication date, which anchors relative
   * expressions ("next year", "on Friday") that are left undated otherwise. */
  annals_date_clear (&published);
  annals_date_set_day (&published, 2022, 8, 26);

  set = annals_extract_text ((const char *) data, size, DISPLAY_NAME,
                             (size % 2) ? &published : NULL, &error);
  if (set == NULL)
    {
      check_error (error);
      return 0;
    }
  if (error != NULL)
    annals_fuzz_fail ("success with an error set: %s", error->message);

  check_events (set);

  /* What the extractor prints, the importer must accept. */
  json = annals_json_to_data (set, &json_length);
  reloaded = annals_json_load_data (json, json_length, "extracted.json", &error);
  if (reloaded == NULL)
    annals_fuzz_fail ("the extractor's output is refused by the importer: %s\n%s",
                      error ? error->message : "(no error)", json);

  return 0;
}
