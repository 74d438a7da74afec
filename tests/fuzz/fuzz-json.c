/* fuzz-json.c: the events JSON importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-fuzz"

#include "config.h"

#include <stdlib.h>

#include "annals-json.h"
#include "annals-model.h"

#include "annals-fuzz.h"

#define DISPLAY_NAME "fuzz.json"

static void
check_error (const GError *error)
{
  if (error == NULL)
    annals_fuzz_fail ("annals_json_load_data() failed without an error");
  if (error->domain != ANNALS_IO_ERROR)
    annals_fuzz_fail ("error from domain %s, not annals-io-error: %s",
                      g_quark_to_string (error->domain), error->message);
  if (error->message == NULL || strstr (error->message, DISPLAY_NAME) == NULL)
    annals_fuzz_fail ("error message does not name the file: %s",
                      error->message ? error->message : "(null)");
}

/* Everything the importer accepts goes through the store that the
 * timeline reads, with whatever dates and kinds it let in. */
static void
fill_store (AnnalsEventSet *set)
{
  g_autoptr(AnnalsEventStore) store = annals_event_store_new ();
  GPtrArray *events = annals_event_set_get_events (set);
  gint32 first_day;
  gint32 end_day;
  guint first;
  guint last;

  annals_event_store_begin_update (store);
  for (guint i = 0; i < events->len; i++)
    annals_event_store_append_event (store, g_ptr_array_index (events, i));
  annals_event_store_end_update (store);

  if (annals_event_store_get_n_events (store) != events->len)
    annals_fuzz_fail ("the store holds %u events of %u",
                      annals_event_store_get_n_events (store), events->len);

  for (guint i = 0; i < annals_event_store_get_n_events (store); i++)
    {
      const AnnalsEventRecord *record = annals_event_store_get_record (store, i);

      if (record->first_day != ANNALS_DAY_UNDATED && record->end_day < record->first_day)
        annals_fuzz_fail ("row %u ends (%d) before it starts (%d)",
                          i, record->end_day, record->first_day);
    }

  if (annals_event_store_get_span (store, &first_day, &end_day))
    annals_event_store_find_range (store, first_day, end_day, &first, &last);
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
  g_autoptr(AnnalsEventSet) again = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported_again = NULL;
  gsize exported_length = 0;
  gsize exported_again_length = 0;

  set = annals_json_load_data ((const char *) data, size, DISPLAY_NAME, &error);
  if (set == NULL)
    {
      check_error (error);
      return 0;
    }
  if (error != NULL)
    annals_fuzz_fail ("success with an error set: %s", error->message);

  fill_store (set);

  /* What Annals accepted it must write back in a form it accepts again,
   * and the second export must not drift from the first. */
  exported = annals_json_to_data (set, &exported_length);
  if (exported == NULL)
    annals_fuzz_fail ("annals_json_to_data() returned NULL");

  again = annals_json_load_data (exported, exported_length, "export.json", &error);
  if (again == NULL)
    annals_fuzz_fail ("the export of an accepted file is refused: %s\n%s",
                      error ? error->message : "(no error)", exported);

  exported_again = annals_json_to_data (again, &exported_again_length);
  if (exported_length != exported_again_length ||
      memcmp (exported, exported_again, exported_length) != 0)
    annals_fuzz_fail ("export, import, export differs:\n%s\n---\n%s",
                      exported, exported_again);

  return 0;
}
