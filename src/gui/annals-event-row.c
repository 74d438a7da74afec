/* annals-event-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "annals-event-row.h"
#include "annals-gui-format.h"

struct _AnnalsEventRow
{
  GtkWidget    parent_instance;

  AnnalsEvent *event;

  GtkWidget   *box;
  GtkLabel    *undated_heading;
  GtkImage    *kind_image;
  GtkLabel    *title_label;
  GtkLabel    *dates_label;
  GtkLabel    *country_label;
  GtkLabel    *sources_label;
};

G_DEFINE_FINAL_TYPE (AnnalsEventRow, annals_event_row, GTK_TYPE_WIDGET)

static void
annals_event_row_dispose (GObject *object)
{
  AnnalsEventRow *self = ANNALS_EVENT_ROW (object);

  g_clear_object (&self->event);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (annals_event_row_parent_class)->dispose (object);
}

static void
annals_event_row_class_init (AnnalsEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annals_event_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/annals-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, box);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, undated_heading);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, dates_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, country_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsEventRow, sources_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annals-event-row");
}

static void
annals_event_row_init (AnnalsEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
annals_event_row_new (void)
{
  return g_object_new (ANNALS_TYPE_EVENT_ROW, NULL);
}

AnnalsEvent *
annals_event_row_get_event (AnnalsEventRow *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_ROW (self), NULL);

  return self->event;
}

void
annals_event_row_set_event (AnnalsEventRow *self,
                            AnnalsEvent    *event)
{
  g_autofree char *dates = NULL;
  g_autofree char *country = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *description = NULL;
  guint n_sources;

  g_return_if_fail (ANNALS_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || ANNALS_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  if (event == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->dates_label, "");
      gtk_label_set_text (self->country_label, "");
      gtk_label_set_text (self->sources_label, "");
      return;
    }

  dates = annals_format_event_dates_precise (event);
  country = annals_format_country (annals_event_get_host_country (event));
  /* A source is an article, however often it names the event. */
  n_sources = annals_event_count_sources (event);
  sources = annals_format_n_sources (n_sources);

  gtk_image_set_from_icon_name (self->kind_image,
                                annals_event_kind_get_icon_name (annals_event_get_kind (event)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_image),
                               annals_event_kind_get_label (annals_event_get_kind (event)));
  gtk_label_set_text (self->title_label, annals_event_get_title (event));
  gtk_label_set_text (self->dates_label, dates);
  gtk_label_set_text (self->country_label, country != NULL ? country : "");
  gtk_widget_set_visible (GTK_WIDGET (self->country_label), country != NULL);
  gtk_label_set_text (self->sources_label, sources);

  /* Translators: what a screen reader says for a row of the event list:
   * kind, dates, host country, number of sources. */
  description = g_strdup_printf (_("%s, %s, %s, %s"),
                                 annals_event_kind_get_label (annals_event_get_kind (event)),
                                 dates,
                                 country != NULL ? country : _("no host country"),
                                 sources);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, annals_event_get_title (event),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

const char *
annals_event_row_get_sources_text (AnnalsEventRow *self)
{
  g_return_val_if_fail (ANNALS_IS_EVENT_ROW (self), NULL);

  return gtk_label_get_text (self->sources_label);
}

void
annals_event_row_set_starts_undated (AnnalsEventRow *self,
                                     gboolean        starts_undated)
{
  g_return_if_fail (ANNALS_IS_EVENT_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->undated_heading), starts_undated);
}
