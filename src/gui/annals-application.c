/* annals-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-application"

#include "config.h"

#include <glib/gi18n.h>

#include "annals-application.h"
#include "annals-resources.h"
#include "annals-window.h"

struct _AnnalsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AnnalsApplication, annals_application, ADW_TYPE_APPLICATION)

static AnnalsWindow *
get_window (AnnalsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (annals_window_new (self));

  return ANNALS_WINDOW (window);
}

static void
annals_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (ANNALS_APPLICATION (app))));
}

static void
annals_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AnnalsWindow *window = get_window (ANNALS_APPLICATION (app));

  /* The library opens first; every file is then added to it, or, for a
   * database, opened instead, in the order given. */
  for (int i = 0; i < n_files; i++)
    annals_window_open_file (window, files[i]);

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows saves their state; the database has nothing
   * unsaved. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Annals developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (window,
                         "application-name", _("Annals"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "comments", _("Turn news articles into an interactive timeline"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/annalsapp/annals",
                         "issue-url", "https://github.com/annalsapp/annals/issues",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
annals_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.import-article", { "<Control>i", NULL } },
    { "win.new-library", { "<Control>n", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.clear-filters", { "<Control><Shift>r", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (annals_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
annals_application_class_init (AnnalsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* Referencing the resource bundle links it in from the static library;
   * its constructor registers it. */
  g_assert (annals_get_resource () != NULL);

  app_class->activate = annals_application_activate;
  app_class->open = annals_application_open;
  app_class->startup = annals_application_startup;
}

static void
annals_application_init (AnnalsApplication *self)
{
}

AnnalsApplication *
annals_application_new (void)
{
  return g_object_new (ANNALS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
