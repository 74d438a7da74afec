/* annals-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "annals-event-row.h"
#include "annals-export.h"
#include "annals-gui-format.h"
#include "annals-json.h"
#include "annals-overview.h"
#include "annals-timeline-painter.h"
#include "annals-timeline-view.h"
#include "annals-window.h"

#define MAX_RECENT_FILES 8

struct _AnnalsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  AnnalsLibrary        *library;
  AnnalsViewState      *state;
  AnnalsFilter         *filter;
  GtkSingleSelection   *selection;
  GtkRecentManager     *recent_manager;
  GPtrArray            *country_codes;  /* parallel to the country drop-down, "" first */
  char                 *last_error;
  char                 *count_text;
  GCancellable         *search_cancellable;
  guint                 n_searches;   /* running or waiting in the library's queue */
  guint                 n_exports;
  guint                 range_sync_source;
  guint                 header_source;
  guint                 spinner_source;
  guint                 syncing_selection : 1;
  guint                 list_detached : 1;     /* see on_store_items_changed_before() */
  guint                 list_had_focus : 1;
  guint                 syncing_filters : 1;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *busy_spinner;
  GtkMenuButton        *filter_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwLeaflet           *leaflet;
  GtkLabel             *count_label;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkBox               *timeline_box;
  GtkWidget            *timeline;
  AnnalsDetailPane     *detail_pane;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *country_dropdown;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GMenu                *file_section;
  GMenu                *recent_submenu;
  GtkButton            *open_button;
  guint                 recent_shown : 1;
  guint                 open_failed : 1;
  guint                 focused_timeline : 1;
};

G_DEFINE_FINAL_TYPE (AnnalsWindow, annals_window, ADW_TYPE_APPLICATION_WINDOW)

typedef enum
{
  CHOOSE_OPEN,
  CHOOSE_IMPORT_ARTICLE,
  CHOOSE_NEW_LIBRARY,
  CHOOSE_EXPORT,
} ChooserPurpose;

static void
show_error (AnnalsWindow *self,
            const char   *heading,
            const GError *error)
{
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (AnnalsWindow *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static char *
dup_display_name (const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);

  return g_filename_display_name (basename);
}

static void
update_title (AnnalsWindow *self)
{
  const char *path = annals_library_get_path (self->library);
  g_autofree char *default_path = annals_library_dup_default_path ();
  g_autofree char *name = NULL;

  if (path == NULL || g_strcmp0 (path, default_path) == 0)
    name = g_strdup (_("Library"));
  else
    name = dup_display_name (path);

  adw_window_title_set_subtitle (self->window_title, name);
}

static void
update_count (AnnalsWindow *self)
{
  AnnalsEventStore *store = annals_library_get_store (self->library);
  guint n_shown = annals_event_store_get_n_events (store);
  guint n_total = annals_event_store_get_n_total (store);

  g_free (self->count_text);
  self->count_text = annals_format_event_count (n_shown, n_total);
  gtk_label_set_text (self->count_label, self->count_text);

  gtk_stack_set_visible_child_name (self->list_stack, n_shown == 0 && n_total > 0 ? "no-results" : "list");

  if (annals_library_get_path (self->library) == NULL && !self->open_failed)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->main_stack, n_total == 0 ? "empty" : "events");
}

static void
add_recent (AnnalsWindow *self,
            const char   *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri != NULL)
    gtk_recent_manager_add_item (self->recent_manager, uri);
}

static void
rebuild_recent_menu (AnnalsWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent_manager);
  const char *app_name = g_get_application_name ();
  guint n_added = 0;

  g_menu_remove_all (self->recent_submenu);

  for (GList *l = items; l != NULL && n_added < MAX_RECENT_FILES; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autofree char *path = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (app_name != NULL && !gtk_recent_info_has_application (info, app_name))
        continue;

      path = g_filename_from_uri (gtk_recent_info_get_uri (info), NULL, NULL);
      if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (path));
      g_menu_append_item (self->recent_submenu, item);
      n_added++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  /* "Open Recent" sits after "Import Article…", and only when there is
   * something to reopen. */
  if (n_added > 0 && !self->recent_shown)
    g_menu_insert_submenu (self->file_section, 2, _("Open _Recent"), G_MENU_MODEL (self->recent_submenu));
  else if (n_added == 0 && self->recent_shown)
    g_menu_remove (self->file_section, 2);
  self->recent_shown = n_added > 0;
}

/* Filters and search */

static void apply_filter (AnnalsWindow *self);

static gboolean
parse_day_entry (GtkEntry *entry,
                 gboolean  is_end,
                 gint32   *day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  AnnalsDate date;

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);

  if (text[0] == '\0')
    {
      *day = is_end ? G_MAXINT32 : G_MININT32;
      return TRUE;
    }

  annals_date_clear (&date);
  if (!annals_date_parse (&date, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      *day = is_end ? G_MAXINT32 : G_MININT32;
      return FALSE;
    }

  /* A "to" date includes its whole year, month or day. */
  *day = is_end ? annals_date_get_end_day (&date) : annals_date_get_first_day (&date);
  return TRUE;
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  static const guint32 no_keys[1] = { 0 };
  g_autoptr(AnnalsWindow) self = user_data;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  self->n_searches--;
  keys = annals_library_search_finish (ANNALS_LIBRARY (object), result, &error);

  /* A newer search replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);

  if (keys == NULL)
    {
      /* An unusable query shows as an error on the entry and matches nothing. */
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), error->message);
      annals_filter_set_keys (self->filter, no_keys, 0);
    }
  else
    {
      /* An empty result still restricts: it matches nothing. */
      annals_filter_set_keys (self->filter,
                              keys->len > 0 ? &g_array_index (keys, guint32, 0) : no_keys,
                              keys->len);
    }

  apply_filter (self);
}

/* The full-text search runs in the library's worker thread, which on a
 * large library takes a while; the list and the timeline keep the
 * previous answer until the new one is there. */
static void
apply_search (AnnalsWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));

  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search_entry), NULL);

  if (self->search_cancellable != NULL)
    {
      g_cancellable_cancel (self->search_cancellable);
      g_clear_object (&self->search_cancellable);
    }

  if (query[0] == '\0' || annals_library_get_path (self->library) == NULL)
    {
      annals_filter_set_keys (self->filter, NULL, 0);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  self->n_searches++;
  annals_library_search_async (self->library, query, self->search_cancellable,
                               search_cb, g_object_ref (self));
}

static void
apply_filter (AnnalsWindow *self)
{
  AnnalsEventStore *store = annals_library_get_store (self->library);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint country = gtk_drop_down_get_selected (self->country_dropdown);
  gint32 from_day, to_day;

  /* Position 0 of each drop-down is "any". */
  if (kind == GTK_INVALID_LIST_POSITION)
    kind = 0;
  if (status == GTK_INVALID_LIST_POSITION)
    status = 0;
  if (country == GTK_INVALID_LIST_POSITION)
    country = 0;

  annals_filter_set_kinds (self->filter, kind > 0 ? 1u << (kind - 1) : 0);
  annals_filter_set_statuses (self->filter, status > 0 ? 1u << (status - 1) : 0);
  annals_filter_set_host_country (self->filter,
                                  country < self->country_codes->len ? g_ptr_array_index (self->country_codes, country) : NULL);

  parse_day_entry (self->from_entry, FALSE, &from_day);
  parse_day_entry (self->to_entry, TRUE, &to_day);
  annals_filter_set_days (self->filter, from_day, to_day);

  annals_event_store_set_filter (store, self->filter);

  /* The filter button stands out while a filter (not the search) hides
   * events. */
  if (kind > 0 || status > 0 || country > 0 || from_day != G_MININT32 || to_day != G_MAXINT32)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "accent");

  update_count (self);
}

static void
on_search_entry_search_changed (AnnalsWindow *self)
{
  apply_search (self);
  apply_filter (self);
}

static void
on_filter_changed (AnnalsWindow *self)
{
  if (self->syncing_filters)
    return;

  apply_filter (self);
}

/* Sets a drop-down from an action's string: "" or a value of the JSON
 * format ("meeting", "planned"). */
static gboolean
set_dropdown_from_string (AnnalsWindow *self,
                          GtkDropDown  *dropdown,
                          const char   *text)
{
  guint position = 0;

  if (text[0] != '\0')
    {
      if (dropdown == self->kind_dropdown)
        {
          AnnalsEventKind kind;

          if (!annals_event_kind_from_string (text, &kind))
            return FALSE;
          position = kind + 1;
        }
      else if (dropdown == self->status_dropdown)
        {
          AnnalsEventStatus status;

          if (!annals_event_status_from_string (text, &status))
            return FALSE;
          position = status + 1;
        }
      else
        {
          guint index;
          g_autofree char *upper = g_ascii_strup (text, -1);

          if (!g_ptr_array_find_with_equal_func (self->country_codes, upper, g_str_equal, &index))
            return FALSE;
          position = index;
        }
    }

  gtk_drop_down_set_selected (dropdown, position);
  return TRUE;
}

static void
filter_action_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AnnalsWindow *self = ANNALS_WINDOW (widget);
  const char *text = g_variant_get_string (parameter, NULL);
  GtkDropDown *dropdown;

  if (g_str_equal (action_name, "win.filter-kind"))
    dropdown = self->kind_dropdown;
  else if (g_str_equal (action_name, "win.filter-status"))
    dropdown = self->status_dropdown;
  else
    dropdown = self->country_dropdown;

  if (!set_dropdown_from_string (self, dropdown, text))
    g_debug ("Unknown value “%s” for %s", text, action_name);
}

static void
filter_dates_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AnnalsWindow *self = ANNALS_WINDOW (widget);
  const char *from;
  const char *to;

  g_variant_get (parameter, "(&s&s)", &from, &to);

  self->syncing_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  self->syncing_filters = FALSE;

  apply_filter (self);
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AnnalsWindow *self = ANNALS_WINDOW (widget);

  self->syncing_filters = TRUE;
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->country_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->syncing_filters = FALSE;

  apply_search (self);
  apply_filter (self);
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b)
{
  const char *code_a = *(const char * const *) a;
  const char *code_b = *(const char * const *) b;

  return g_utf8_collate (annals_country_get_name (code_a), annals_country_get_name (code_b));
}

static void
setup_filter_models (AnnalsWindow *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  const char * const *codes = annals_country_list_codes ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint i = 0; i < ANNALS_N_EVENT_KINDS; i++)
    gtk_string_list_append (kinds, annals_event_kind_get_label (i));

  gtk_string_list_append (statuses, _("Any Status"));
  for (guint i = 0; i < ANNALS_N_EVENT_STATUSES; i++)
    gtk_string_list_append (statuses, annals_event_status_get_label (i));

  /* Countries sorted by their name in the user's language. */
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) codes[i]);
  g_ptr_array_sort (sorted, compare_country_names);

  self->country_codes = g_ptr_array_new ();
  g_ptr_array_add (self->country_codes, (gpointer) "");
  gtk_string_list_append (countries, _("Any Country"));
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *code = g_ptr_array_index (sorted, i);

      g_ptr_array_add (self->country_codes, (gpointer) code);
      gtk_string_list_append (countries, annals_country_get_name (code));
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_expression (self->country_dropdown, expression);
  gtk_drop_down_set_model (self->country_dropdown, G_LIST_MODEL (countries));
}

/* The list, the timeline and the detail pane follow one view state. */

static void
scroll_list_to (AnnalsWindow *self,
                guint         position)
{
  AnnalsEventStore *store = annals_library_get_store (self->library);

  if (position >= annals_event_store_get_n_events (store))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_selection_changed (AnnalsWindow *self)
{
  guint position;

  if (self->syncing_selection)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  self->syncing_selection = TRUE;
  annals_view_state_select_position (self->state, position);
  annals_view_state_reveal_selected (self->state);
  self->syncing_selection = FALSE;

  /* In a narrow window, choosing an event in the list shows it. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_list_view_activate (AnnalsWindow *self,
                       guint         position)
{
  annals_view_state_select_position (self->state, position);
  annals_view_state_reveal_selected (self->state);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Selects in the list the event the view state has selected. */
static void
select_in_list (AnnalsWindow *self)
{
  int position = annals_view_state_get_selected_position (self->state);

  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
  self->syncing_selection = FALSE;

  if (position >= 0)
    scroll_list_to (self, position);
}

static void
on_state_selected_changed (AnnalsWindow *self)
{
  annals_detail_pane_set_event (self->detail_pane, annals_view_state_get_selected (self->state));

  if (!self->syncing_selection)
    select_in_list (self);
}

static gboolean
sync_list_to_range_cb (gpointer user_data)
{
  AnnalsWindow *self = ANNALS_WINDOW (user_data);
  AnnalsEventStore *store = annals_library_get_store (self->library);
  double from = annals_view_state_get_visible_from (self->state);
  double to = annals_view_state_get_visible_to (self->state);
  int selected = annals_view_state_get_selected_position (self->state);
  guint first, last;

  self->range_sync_source = 0;

  annals_event_store_find_range (store,
                                 (gint32) CLAMP (floor (from), G_MININT32 + 1, G_MAXINT32 - 1),
                                 (gint32) CLAMP (ceil (to), G_MININT32 + 1, G_MAXINT32 - 1),
                                 &first, &last);

  /* Keep the selection in sight when it is in the visible range. */
  if (selected >= 0 && (guint) selected >= first && (guint) selected < last)
    scroll_list_to (self, selected);
  else if (first < last)
    scroll_list_to (self, first);

  return G_SOURCE_REMOVE;
}

static void
on_state_range_changed (AnnalsWindow *self)
{
  if (self->range_sync_source == 0)
    self->range_sync_source = g_timeout_add (120, sync_list_to_range_cb, self);
}

static void
on_list_item_setup (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, annals_event_row_new ());
}

static void
on_list_item_bind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   AnnalsWindow             *self)
{
  AnnalsEventRow *row = ANNALS_EVENT_ROW (gtk_list_item_get_child (list_item));
  AnnalsEventStore *store = annals_library_get_store (self->library);
  guint position = gtk_list_item_get_position (list_item);
  guint n_dated = annals_event_store_get_n_dated (store);

  annals_event_row_set_event (row, gtk_list_item_get_item (list_item));
  annals_event_row_set_starts_undated (row, position == n_dated && position < annals_event_store_get_n_events (store));
}

static void
on_list_item_unbind (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  annals_event_row_set_event (ANNALS_EVENT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Opening and importing */

typedef struct
{
  AnnalsWindow *window;
  char         *path;
  gboolean      remember;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static OpenData *
open_data_new (AnnalsWindow *self,
               const char   *path,
               gboolean      remember)
{
  OpenData *data = g_new0 (OpenData, 1);

  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  data->remember = remember;

  return data;
}

static void
after_data_changed (AnnalsWindow *self)
{
  /* Search results are keys of the database: run it again on the new content. */
  apply_search (self);
  apply_filter (self);
  update_title (self);

  if (annals_view_state_get_selected (self->state) == NULL)
    annals_view_state_zoom_to_fit (self->state);
}

static void
library_open_failed (AnnalsWindow *self,
                     const char   *heading,
                     const GError *error)
{
  show_error (self, heading, error);

  /* Without any library open, the window says what went wrong instead of
   * waiting for one. */
  if (annals_library_get_path (self->library) == NULL)
    {
      self->open_failed = TRUE;
      adw_status_page_set_title (self->empty_page, heading);
      adw_status_page_set_description (self->empty_page, error->message);
    }
  update_count (self);
}

static void
library_opened (AnnalsWindow *self,
                OpenData     *data)
{
  if (self->open_failed)
    {
      self->open_failed = FALSE;
      adw_status_page_set_title (self->empty_page, _("No Events"));
      adw_status_page_set_description (self->empty_page,
                                       _("Open an events file or a news article to see its events on a timeline, or drop one here"));
    }
  after_data_changed (self);

  /* The first library shown puts the keyboard on the timeline, so that
   * Left and Right step through its events at once (until then there was
   * nothing but the header bar to focus). */
  if (!self->focused_timeline && g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "events"))
    {
      self->focused_timeline = TRUE;
      gtk_widget_grab_focus (self->timeline);
    }

  if (data->remember)
    {
      g_autofree char *default_path = annals_library_dup_default_path ();

      add_recent (self, data->path);
      g_settings_set_string (self->settings, "last-file",
                             g_strcmp0 (default_path, data->path) == 0 ? "" : data->path);
    }
}

/* Opening and creating a library end alike: the library is shown, or the
 * failure is, under a heading naming the file. */
static void
finish_opening (OpenData     *data,
                gboolean      success,
                const GError *error,
                gboolean      creating)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (success)
    {
      library_opened (data->window, data);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = dup_display_name (data->path);
  /* Translators: %s is a file name. */
  heading = creating ? g_strdup_printf (_("Could Not Create “%s”"), name)
                     : g_strdup_printf (_("Could Not Open “%s”"), name);
  library_open_failed (data->window, heading, error);
}

static void
open_database_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean success = annals_library_open_finish (ANNALS_LIBRARY (object), result, &error);

  finish_opening (data, success, error, FALSE);
}

static void
create_library_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean success = annals_library_create_finish (ANNALS_LIBRARY (object), result, &error);

  finish_opening (data, success, error, TRUE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  AnnalsWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_display_name (data->path);
  g_autofree char *message = NULL;
  AnnalsImportStats stats = { 0 };

  if (!annals_library_import_finish (ANNALS_LIBRARY (object), result, &stats, &error))
    {
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      heading = g_strdup_printf (_("Could Not Add “%s”"), name);
      show_error (self, heading, error);
      return;
    }

  after_data_changed (self);
  add_recent (self, data->path);

  if (stats.events_added == 0 && stats.events_merged == 0)
    /* Translators: %s is a file name. */
    message = g_strdup_printf (_("No events found in “%s”"), name);
  else
    /* Translators: %u is a number of events, %s a file name. */
    message = g_strdup_printf (ngettext ("Added %u event from “%s”", "Added %u events from “%s”",
                                         stats.events_added + stats.events_merged),
                               stats.events_added + stats.events_merged, name);
  show_toast (self, message);
}

static void
open_path (AnnalsWindow *self,
           const char   *path)
{
  AnnalsFileKind kind = annals_library_guess_file_kind (path);

  if (kind == ANNALS_FILE_KIND_DATABASE)
    annals_library_open_async (self->library, path, FALSE, NULL,
                               open_database_cb, open_data_new (self, path, TRUE));
  else
    annals_library_import_async (self->library, path, kind, NULL,
                                 import_cb, open_data_new (self, path, TRUE));
}

typedef enum
{
  EXPORT_JSON,
  EXPORT_CSV,
  EXPORT_ICS,
  EXPORT_PNG,
  EXPORT_SVG,
  EXPORT_PDF,
} ExportFormat;

static gboolean
guess_export_format (const char   *path,
                     ExportFormat *format)
{
  static const struct {
    const char   *suffix;
    ExportFormat  format;
  } suffixes[] = {
    { ".json", EXPORT_JSON },
    { ".csv", EXPORT_CSV },
    { ".ics", EXPORT_ICS },
    { ".png", EXPORT_PNG },
    { ".svg", EXPORT_SVG },
    { ".pdf", EXPORT_PDF },
  };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (lower, suffixes[i].suffix))
        {
          *format = suffixes[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

/* Draws the timeline as it is shown, with the painter the widget uses, at
 * the widget's size. */
static gboolean
render_timeline (AnnalsWindow  *self,
                 const char    *path,
                 ExportFormat   format,
                 GError       **error)
{
  PangoContext *context = gtk_widget_create_pango_context (self->timeline);
  g_autoptr(AnnalsTimelinePainter) painter = annals_timeline_painter_new ();
  AnnalsTimelineLayout *layout = annals_timeline_layout_new (context);
  AnnalsTimelinePalette palette;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width = MAX (gtk_widget_get_width (self->timeline), 640);
  int height = MAX (gtk_widget_get_height (self->timeline), 360);

  /* The layout holds its own reference. */
  g_object_unref (context);

  if (format == EXPORT_SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else if (format == EXPORT_PDF)
    surface = cairo_pdf_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  annals_timeline_palette_init_default (&palette, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  annals_timeline_layout_update (layout, annals_library_get_store (self->library),
                                 annals_view_state_get_group_by (self->state),
                                 annals_view_state_get_visible_from (self->state),
                                 annals_view_state_get_visible_to (self->state),
                                 width, height, 0.0);

  cr = cairo_create (surface);
  annals_timeline_painter_draw (painter, cr, layout, &palette, annals_timeline_get_today ());
  cairo_destroy (cr);

  if (format == EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }

  cairo_surface_destroy (surface);
  annals_timeline_layout_free (layout);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = dup_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: cannot write: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  AnnalsWindow *window;
  char         *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->window);
  g_clear_pointer (&data->path, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
show_export_error (AnnalsWindow *self,
                   const char   *path,
                   const GError *error)
{
  g_autofree char *name = dup_display_name (path);
  g_autofree char *heading = g_strdup_printf (_("Could Not Export to “%s”"), name);

  show_error (self, heading, error);
}

static void
show_exported (AnnalsWindow *self,
               const char   *path)
{
  g_autofree char *name = dup_display_name (path);
  /* Translators: %s is a file name. */
  g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

  show_toast (self, message);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  g_autoptr(GError) error = NULL;

  data->window->n_exports--;

  if (!annals_library_export_finish (ANNALS_LIBRARY (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_export_error (data->window, data->path, error);
      return;
    }

  show_exported (data->window, data->path);
}

/* Events files, spreadsheets and calendars are written in the library's
 * worker thread, as a large library takes a while; the timeline's images
 * are drawn here, with the widget's fonts, at its size. */
static void
export_to_path (AnnalsWindow *self,
                const char   *path)
{
  AnnalsEventStore *store = annals_library_get_store (self->library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) keys = NULL;
  AnnalsLibraryExportFormat library_format;
  ExportFormat format;
  ExportData *data;

  if (annals_library_get_path (self->library) == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No library is open"));
      show_export_error (self, path, error);
      return;
    }

  if (!guess_export_format (path, &format))
    {
      g_autofree char *name = dup_display_name (path);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s: unknown format; choose a name ending in .json, .csv, .ics, .png, .svg or .pdf"),
                   name);
      show_export_error (self, path, error);
      return;
    }

  switch (format)
    {
    case EXPORT_PNG:
    case EXPORT_SVG:
    case EXPORT_PDF:
      if (render_timeline (self, path, format, &error))
        show_exported (self, path);
      else
        show_export_error (self, path, error);
      return;

    case EXPORT_JSON:
      library_format = ANNALS_LIBRARY_EXPORT_JSON;
      break;

    case EXPORT_CSV:
      library_format = ANNALS_LIBRARY_EXPORT_CSV;
      break;

    case EXPORT_ICS:
    default:
      library_format = ANNALS_LIBRARY_EXPORT_ICS;
      break;
    }

  /* The events the window shows, search and filters applied, for the
   * tabular and calendar formats; the worker loads them. */
  if (library_format != ANNALS_LIBRARY_EXPORT_JSON)
    {
      guint n_events = annals_event_store_get_n_events (store);

      keys = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_events);
      for (guint i = 0; i < n_events; i++)
        g_array_append_val (keys, annals_event_store_get_record (store, i)->key);
    }

  data = g_new0 (ExportData, 1);
  data->window = g_object_ref (self);
  data->path = g_strdup (path);
  self->n_exports++;
  annals_library_export_async (self->library, path, library_format,
                               keys != NULL && keys->len > 0 ? &g_array_index (keys, guint32, 0) : NULL,
                               keys != NULL ? keys->len : 0,
                               NULL, export_cb, data);
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     AnnalsWindow    *self)
{
  ChooserPurpose purpose = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "annals-purpose"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      switch (purpose)
        {
        case CHOOSE_OPEN:
        case CHOOSE_IMPORT_ARTICLE:
          annals_window_open_file (self, file);
          break;

        case CHOOSE_NEW_LIBRARY:
          /* The chooser has asked whether to replace a file of that name. */
          annals_window_new_library (self, file);
          break;

        case CHOOSE_EXPORT:
          export_to_path (self, path);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
run_chooser (AnnalsWindow   *self,
             ChooserPurpose  purpose)
{
  GtkFileChooserNative *chooser;
  GtkFileChooser *file_chooser;
  gboolean save = purpose == CHOOSE_NEW_LIBRARY || purpose == CHOOSE_EXPORT;
  const char *title;
  const char *accept;

  switch (purpose)
    {
    case CHOOSE_OPEN:
      title = _("Open");
      accept = _("_Open");
      break;

    case CHOOSE_IMPORT_ARTICLE:
      title = _("Import Article");
      accept = _("_Import");
      break;

    case CHOOSE_NEW_LIBRARY:
      title = _("New Library");
      accept = _("_Create");
      break;

    case CHOOSE_EXPORT:
    default:
      title = _("Export Events");
      accept = _("_Export");
      break;
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept, _("_Cancel"));
  file_chooser = GTK_FILE_CHOOSER (chooser);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "annals-purpose", GINT_TO_POINTER (purpose));

  switch (purpose)
    {
    case CHOOSE_OPEN:
      add_filter (file_chooser, _("All Supported Files"), NULL, "*.annals");
      add_filter (file_chooser, _("Annals Libraries"), "application/x-annals", "*.annals");
      add_filter (file_chooser, _("Events Files"), "application/json", "*.json");
      add_filter (file_chooser, _("Articles"), "text/plain", "*.txt");
      /* The first filter takes every kind. */
      {
        g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (file_chooser);
        g_autoptr(GtkFileFilter) all = g_list_model_get_item (filters, 0);

        gtk_file_filter_add_mime_type (all, "application/json");
        gtk_file_filter_add_mime_type (all, "text/plain");
        gtk_file_filter_add_pattern (all, "*.json");
        gtk_file_filter_add_pattern (all, "*.txt");
      }
      break;

    case CHOOSE_IMPORT_ARTICLE:
      add_filter (file_chooser, _("Articles"), "text/plain", "*.txt");
      break;

    case CHOOSE_NEW_LIBRARY:
      add_filter (file_chooser, _("Annals Libraries"), NULL, "*.annals");
      gtk_file_chooser_set_current_name (file_chooser, _("Library.annals"));
      break;

    case CHOOSE_EXPORT:
      add_filter (file_chooser, _("Events Files (JSON)"), NULL, "*.json");
      add_filter (file_chooser, _("Spreadsheets (CSV)"), NULL, "*.csv");
      add_filter (file_chooser, _("Calendars (iCalendar)"), NULL, "*.ics");
      add_filter (file_chooser, _("Timeline Images (PNG)"), NULL, "*.png");
      add_filter (file_chooser, _("Timeline Drawings (SVG)"), NULL, "*.svg");
      add_filter (file_chooser, _("Timeline Documents (PDF)"), NULL, "*.pdf");
      gtk_file_chooser_set_current_name (file_chooser, _("events.json"));
      break;

    default:
      g_assert_not_reached ();
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AnnalsWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    annals_window_open_file (self, l->data);

  return files != NULL;
}

/* Actions */

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_chooser (ANNALS_WINDOW (widget), CHOOSE_OPEN);
}

static void
import_article_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  run_chooser (ANNALS_WINDOW (widget), CHOOSE_IMPORT_ARTICLE);
}

static void
new_library_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  run_chooser (ANNALS_WINDOW (widget), CHOOSE_NEW_LIBRARY);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  run_chooser (ANNALS_WINDOW (widget), CHOOSE_EXPORT);
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_path (ANNALS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_path_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_path (ANNALS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
close_search_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AnnalsWindow *self = ANNALS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_search_mode_changed (AnnalsWindow *self)
{
  gboolean searching = gtk_search_bar_get_search_mode (self->search_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-search", searching);

  /* Closing the search shows every event again. */
  if (!searching && gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
export_to_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  export_to_path (ANNALS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
go_back_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AnnalsWindow *self = ANNALS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The leaflet folds during a size allocation: the header bar changes in
 * the next idle, not in the middle of it. */
static gboolean
update_header_cb (gpointer user_data)
{
  AnnalsWindow *self = ANNALS_WINDOW (user_data);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->header_source = 0;

  /* A narrow header bar has room for the title only with an icon. */
  if (folded)
    gtk_button_set_icon_name (self->open_button, "document-open-symbolic");
  else
    gtk_button_set_label (self->open_button, _("_Open"));

  gtk_widget_set_visible (self->back_button,
                          folded &&
                          g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0);

  /* The keyboard follows the page shown: the list, or the timeline, never
   * a page out of sight (a narrow window starts on the list). */
  if (folded)
    {
      gboolean content_shown = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "content") == 0;
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      GtkWidget *shown = content_shown ? self->timeline : GTK_WIDGET (self->list_view);
      GtkWidget *hidden = adw_leaflet_get_child_by_name (self->leaflet, content_shown ? "sidebar" : "content");

      if (focus == NULL || (hidden != NULL && (focus == hidden || gtk_widget_is_ancestor (focus, hidden))))
        gtk_widget_grab_focus (shown);
    }

  return G_SOURCE_REMOVE;
}

static void
on_leaflet_changed (AnnalsWindow *self)
{
  if (self->header_source == 0)
    self->header_source = g_idle_add (update_header_cb, self);
}

static void
on_library_path_changed (AnnalsWindow *self)
{
  /* A database switch: the old selection belongs to the other database. */
  annals_view_state_set_selected (self->state, NULL);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  AnnalsWindow *self = ANNALS_WINDOW (user_data);

  self->spinner_source = 0;
  gtk_widget_set_visible (self->busy_spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy_spinner), TRUE);

  return G_SOURCE_REMOVE;
}

/* The spinner shows for work that takes a while, not for every search
 * typed. */
static void
on_library_damaged (AnnalsWindow *self,
                    const GError *error)
{
  show_error (self, _("The Library Is Damaged"), error);
}

static void
on_library_busy_changed (AnnalsWindow *self)
{
  if (annals_library_get_busy (self->library))
    {
      if (self->spinner_source == 0 && !gtk_widget_get_visible (self->busy_spinner))
        self->spinner_source = g_timeout_add (300, show_spinner_cb, self);
      return;
    }

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_widget_set_visible (self->busy_spinner, FALSE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy_spinner), FALSE);
}

static void
on_store_items_changed (AnnalsWindow *self)
{
  update_count (self);
}

/* When this many rows may come in at once, the list lets go of its model
 * for the change. */
#define LARGE_CHANGE 5000

/* On items-changed, GTK 4.8's list view asks the model for every added
 * item, and a single selection with a selected item does too, looking for
 * it: for a library of a million events (opened, or a search cleared)
 * that is a million events loaded from the database, for tens of seconds.
 * For a large change the list lets go of its model and the selection of
 * its item, before the store changes, and both come back after it (the
 * view state keeps which event is selected). */
static void
on_store_rows_replacing (AnnalsWindow *self,
                         guint         n_added_max)
{
  if (n_added_max < LARGE_CHANGE || self->list_detached)
    return;

  self->list_had_focus = gtk_widget_has_focus (GTK_WIDGET (self->list_view)) ||
                         gtk_widget_get_focus_child (GTK_WIDGET (self->list_view)) != NULL;
  self->syncing_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing_selection = FALSE;
  gtk_list_view_set_model (self->list_view, NULL);
  self->list_detached = TRUE;
}

static void
on_store_rows_replaced (AnnalsWindow *self)
{
  if (!self->list_detached)
    return;

  self->list_detached = FALSE;
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  select_in_list (self);

  if (self->list_had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The group-by choice is a setting; the action and the view state follow
 * it. */
static void
on_group_by_change_state (GSimpleAction *action,
                          GVariant      *value,
                          AnnalsWindow  *self)
{
  const char *nick = g_variant_get_string (value, NULL);

  if (g_strv_contains ((const char * const[]) { "country", "kind", "none", NULL }, nick))
    g_settings_set_string (self->settings, "group-by", nick);
}

static void
on_group_by_setting_changed (AnnalsWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "group-by");

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_settings_get_value (self->settings, "group-by"));
}

/* Window state */

static void
restore_window_state (AnnalsWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 480));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
annals_window_close_request (GtkWindow *window)
{
  AnnalsWindow *self = ANNALS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (annals_window_parent_class)->close_request (window);
}

static void
open_initial_library (AnnalsWindow *self)
{
  g_autofree char *default_path = annals_library_dup_default_path ();
  g_autofree char *last_file = g_settings_get_string (self->settings, "last-file");
  const char *path = default_path;

  /* The last database opened, as long as it is still there. */
  if (last_file[0] != '\0' && g_file_test (last_file, G_FILE_TEST_IS_REGULAR))
    path = last_file;

  annals_library_open_async (self->library, path, path == default_path, NULL,
                             open_database_cb, open_data_new (self, path, FALSE));
}

static void
setup_timeline (AnnalsWindow *self)
{
  self->timeline = annals_timeline_view_new (self->state);
  gtk_widget_set_vexpand (self->timeline, TRUE);
  gtk_box_append (self->timeline_box, self->timeline);
  gtk_box_append (self->timeline_box, annals_overview_new (self->state));
}

static void
annals_window_dispose (GObject *object)
{
  AnnalsWindow *self = ANNALS_WINDOW (object);

  g_clear_handle_id (&self->range_sync_source, g_source_remove);
  g_clear_handle_id (&self->header_source, g_source_remove);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ANNALS_TYPE_WINDOW);

  G_OBJECT_CLASS (annals_window_parent_class)->dispose (object);
}

static void
annals_window_finalize (GObject *object)
{
  AnnalsWindow *self = ANNALS_WINDOW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->state);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_manager);
  g_clear_object (&self->recent_submenu);
  g_clear_pointer (&self->filter, annals_filter_free);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->count_text, g_free);

  G_OBJECT_CLASS (annals_window_parent_class)->finalize (object);
}

static void
annals_window_class_init (AnnalsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = annals_window_dispose;
  object_class->finalize = annals_window_finalize;

  window_class->close_request = annals_window_close_request;

  g_type_ensure (ANNALS_TYPE_DETAIL_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/annals-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, file_section);
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, open_button);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.import-article", NULL, import_article_activated);
  gtk_widget_class_install_action (widget_class, "win.new-library", NULL, new_library_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_activated);
  gtk_widget_class_install_action (widget_class, "win.export-to", "s", export_to_activated);
  gtk_widget_class_install_action (widget_class, "win.close-search", NULL, close_search_activated);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_activated);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "win.filter-kind", "s", filter_action_activated);
  gtk_widget_class_install_action (widget_class, "win.filter-status", "s", filter_action_activated);
  gtk_widget_class_install_action (widget_class, "win.filter-country", "s", filter_action_activated);
  gtk_widget_class_install_action (widget_class, "win.filter-dates", "(ss)", filter_dates_activated);

  /* The accelerators shown in menus are the application's; see
   * annals-application.c. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  /* Escape closes the search wherever the focus is; the action is enabled
   * only while searching, so Escape reaches everything else otherwise. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-search", NULL);
}

static void
annals_window_init (AnnalsWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GPropertyAction) search_action = NULL;
  g_autoptr(GAction) group_by_action = NULL;
  g_autofree char *recent_path = NULL;
  GtkDropTarget *drop_target;
  AnnalsEventStore *store;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->library = annals_library_new ();
  self->state = annals_view_state_new ();
  self->filter = annals_filter_new ();
  store = annals_library_get_store (self->library);
  annals_view_state_set_store (self->state, store);

  /* Recent files live next to the library, so that each user data folder
   * (and each test's temporary one) has its own. */
  recent_path = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  self->recent_manager = g_object_new (GTK_TYPE_RECENT_MANAGER, "filename", recent_path, NULL);
  self->recent_submenu = g_menu_new ();
  g_signal_connect_object (self->recent_manager, "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);

  setup_filter_models (self);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->country_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_entry, "changed",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "changed",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_entry_search_changed), self, G_CONNECT_SWAPPED);

  search_action = g_property_action_new ("search", self->search_bar, "search-mode-enabled");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (search_action));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-search", FALSE);

  group_by_action = G_ACTION (g_simple_action_new_stateful ("group-by", G_VARIANT_TYPE_STRING,
                                                           g_settings_get_value (self->settings, "group-by")));
  g_signal_connect_object (group_by_action, "change-state",
                           G_CALLBACK (on_group_by_change_state), self, 0);
  g_signal_connect_object (self->settings, "changed::group-by",
                           G_CALLBACK (on_group_by_setting_changed), self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), group_by_action);
  g_settings_bind (self->settings, "group-by", self->state, "group-by", G_SETTINGS_BIND_GET);

  g_signal_connect_object (store, "rows-replacing",
                           G_CALLBACK (on_store_rows_replacing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "rows-replaced",
                           G_CALLBACK (on_store_rows_replaced), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_list_item_setup), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_list_item_bind), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_list_item_unbind), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_list_view_activate), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->state, "notify::selected",
                           G_CALLBACK (on_state_selected_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::visible-from",
                           G_CALLBACK (on_state_range_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::visible-to",
                           G_CALLBACK (on_state_range_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (store, "items-changed",
                           G_CALLBACK (on_store_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::path",
                           G_CALLBACK (on_library_path_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::busy",
                           G_CALLBACK (on_library_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "damaged",
                           G_CALLBACK (on_library_damaged), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_changed), self, G_CONNECT_SWAPPED);

  annals_detail_pane_set_library (self->detail_pane, self->library);
  setup_timeline (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  restore_window_state (self);
  update_title (self);
  update_count (self);
  open_initial_library (self);
}

AnnalsWindow *
annals_window_new (AnnalsApplication *application)
{
  return g_object_new (ANNALS_TYPE_WINDOW, "application", application, NULL);
}

void
annals_window_open_file (AnnalsWindow *self,
                         GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ANNALS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; Annals opens files on this computer only"), uri);
      show_error (self, _("Could Not Open the File"), error);
      return;
    }

  open_path (self, path);
}

AnnalsLibrary *
annals_window_get_library (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->library;
}

AnnalsViewState *
annals_window_get_view_state (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->state;
}

AnnalsDetailPane *
annals_window_get_detail_pane (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->detail_pane;
}

GtkListView *
annals_window_get_list_view (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->list_view;
}

GtkWidget *
annals_window_get_timeline (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->timeline;
}

void
annals_window_set_search_text (AnnalsWindow *self,
                               const char   *text)
{
  g_return_if_fail (ANNALS_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && text[0] != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  apply_search (self);
  apply_filter (self);
}

const char *
annals_window_get_last_error (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->last_error;
}

const char *
annals_window_get_visible_page (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
annals_window_get_count_text (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), NULL);

  return self->count_text;
}

/* Starts an empty library in @file, replacing what is there: the file
 * chooser has asked first. */
void
annals_window_new_library (AnnalsWindow *self,
                           GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ANNALS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; Annals opens files on this computer only"), uri);
      show_error (self, _("Could Not Create the Library"), error);
      return;
    }

  annals_library_create_async (self->library, path, NULL,
                               create_library_cb, open_data_new (self, path, TRUE));
}

gboolean
annals_window_get_busy (AnnalsWindow *self)
{
  g_return_val_if_fail (ANNALS_IS_WINDOW (self), FALSE);

  return self->n_searches > 0 || self->n_exports > 0 || annals_library_get_busy (self->library);
}
