/* annals-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-window"

#include "config.h"

#include <glib/gi18n.h>

#include "annals-window.h"

struct _AnnalsWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (AnnalsWindow, annals_window, ADW_TYPE_APPLICATION_WINDOW)

static void
annals_window_class_init (AnnalsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/annals-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnalsWindow, toast_overlay);
}

static void
annals_window_init (AnnalsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_return_if_fail (ANNALS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
}
