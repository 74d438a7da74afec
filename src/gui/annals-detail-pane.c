/* annals-detail-pane.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "annals-detail-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "annals-detail-pane.h"
#include "annals-gui-format.h"

/* One stop when stepping through an event's mentions. */
typedef struct
{
  guint mention;            /* position in the event's mentions */
  guint document;           /* which of the event's articles, from 0 */
  guint index_in_document;  /* which of that article's mentions, from 0 */
} MentionStep;

struct _AnnalsDetailPane
{
  GtkWidget      parent_instance;

  AnnalsLibrary *library;
  AnnalsEvent   *event;
  GArray        *steps;           /* of MentionStep */
  GArray        *document_sizes;  /* mentions per article, as guint */
  char          *shown_document_id;
  guint          source;          /* position in @steps */
  GtkTextTag    *mention_tag;
  GtkTextMark   *mention_mark;
  guint          scroll_source;
  guint          unscroll_source;
  guint          scroll_frames;
  guint          scroll_stable_frames;
  double         mention_on_screen;
  gint64         follow_until;
  gboolean       scrolled_by_hand;
  gboolean       has_mention;

  GtkWidget     *stack;
  GtkLabel      *title_label;
  GtkLabel      *kind_label;
  GtkLabel      *dates_label;
  GtkLabel      *status_label;
  GtkLabel      *host_label;
  GtkLabel      *participants_label;
  GtkLabel      *confidence_label;
  GtkLabel      *document_title_label;
  GtkLabel      *document_meta_label;
  GtkLabel      *source_position_label;
  GtkWidget     *source_navigation;
  GtkTextView   *text_view;
};

G_DEFINE_FINAL_TYPE (AnnalsDetailPane, annals_detail_pane, GTK_TYPE_WIDGET)

/* The highlight is the accent colour, translucent, so that the text keeps
 * its own colour and stays readable in light, dark and high-contrast
 * styles; it is looked up again whenever the style changes. */
static void
update_mention_colors (AnnalsDetailPane *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA accent;

  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  accent.alpha = adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) ? 0.5 : 0.3;
  g_object_set (self->mention_tag, "background-rgba", &accent, NULL);
}

static void
show_document_message (AnnalsDetailPane *self,
                       const char       *message)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_text_buffer_set_text (buffer, message, -1);
  g_clear_pointer (&self->shown_document_id, g_free);
  gtk_label_set_text (self->document_title_label, "");
  gtk_label_set_text (self->document_meta_label, "");
}

/* The text view lays new text out over the next frames, and lines change
 * height as they are wrapped to the final width (the pane may still be
 * settling into a new window size), in idle time after the lines in sight.
 * GtkTextView lays out the lines around a mark before it scrolls to it, so
 * the view asks for the mention again on each frame for a moment, and
 * after that until the mention has stayed in the same place in sight for
 * a few frames; scrolling by hand ends it at once. */
#define SCROLL_FOLLOW_USEC (G_USEC_PER_SEC * 3 / 4)
#define SCROLL_STABLE_FRAMES 3
#define SCROLL_MAX_FRAMES 240

static gboolean
scroll_to_mention_cb (GtkWidget     *widget,
                      GdkFrameClock *frame_clock,
                      gpointer       user_data)
{
  AnnalsDetailPane *self = ANNALS_DETAIL_PANE (user_data);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));
  GdkRectangle location;
  GtkTextIter iter;
  double page_size = gtk_adjustment_get_page_size (vadjustment);
  double on_screen;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->mention_mark);
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  on_screen = location.y - gtk_adjustment_get_value (vadjustment);

  if (page_size > 0 && on_screen >= 0 && on_screen + location.height <= page_size &&
      fabs (on_screen - self->mention_on_screen) < 1.0)
    self->scroll_stable_frames++;
  else
    self->scroll_stable_frames = 0;
  self->mention_on_screen = on_screen;

  if (!self->scrolled_by_hand &&
      (g_get_monotonic_time () < self->follow_until || self->scroll_stable_frames < SCROLL_STABLE_FRAMES) &&
      ++self->scroll_frames < SCROLL_MAX_FRAMES)
    {
      /* Put the mention a third of the way down the view. */
      gtk_text_view_scroll_to_mark (self->text_view, self->mention_mark, 0.0, TRUE, 0.0, 1.0 / 3.0);
      return G_SOURCE_CONTINUE;
    }

  self->scroll_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
on_text_view_scroll (AnnalsDetailPane *self)
{
  self->scrolled_by_hand = TRUE;
  return GDK_EVENT_PROPAGATE;
}

/* The text wraps to the width of the view, so there is never anything to
 * scroll to sideways. GtkTextView still sizes its horizontal adjustment to
 * the widest line it has laid out, which lags behind when the pane
 * narrows (the leaflet folding, a window made smaller), and anything that
 * scrolls a mark into view would then move the lines' starts out of
 * sight. */
static gboolean
unscroll_sideways_cb (gpointer user_data)
{
  AnnalsDetailPane *self = ANNALS_DETAIL_PANE (user_data);
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));

  self->unscroll_source = 0;
  if (gtk_adjustment_get_value (hadjustment) != 0.0)
    gtk_adjustment_set_value (hadjustment, 0.0);

  return G_SOURCE_REMOVE;
}

static void
keep_text_unscrolled_sideways (AnnalsDetailPane *self,
                               GtkAdjustment    *hadjustment)
{
  /* Not from inside the signal: the change may come from the end of the
   * adjustment's animation, which GTK 4.8 does not expect to be re-entered
   * (it then disconnects its frame clock handler twice). Before the next
   * layout and paint all the same. */
  if (gtk_adjustment_get_value (hadjustment) != 0.0 && self->unscroll_source == 0)
    self->unscroll_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, unscroll_sideways_cb, self, NULL);
}

static void
start_scroll_to_mention (AnnalsDetailPane *self)
{
  /* GtkTextView scrolls to the mark once the text around it is laid out;
   * it aligns the mark sideways too, which keep_text_unscrolled_sideways()
   * undoes at once. */
  gtk_text_view_scroll_to_mark (self->text_view, self->mention_mark, 0.0, TRUE, 0.0, 1.0 / 3.0);

  self->scroll_frames = 0;
  self->scroll_stable_frames = 0;
  self->mention_on_screen = -1.0;
  self->follow_until = g_get_monotonic_time () + SCROLL_FOLLOW_USEC;
  self->scrolled_by_hand = FALSE;
  if (self->scroll_source == 0)
    self->scroll_source = gtk_widget_add_tick_callback (GTK_WIDGET (self->text_view),
                                                        scroll_to_mention_cb, self, NULL);
}

/* In a narrow window the pane is a page of its own, shown after the event
 * was chosen: the mention is scrolled to once the text has a size. */
static void
on_text_view_map (AnnalsDetailPane *self)
{
  if (self->has_mention)
    start_scroll_to_mention (self);
}

/* Orders the event's mentions for stepping through them: article by
 * article, in the order the articles first mention the event, and within
 * an article in the order of the mentions. */
static void
order_mentions (AnnalsDetailPane *self)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autoptr(GArray) document_of = NULL;
  guint n_mentions;

  g_array_set_size (self->steps, 0);
  g_array_set_size (self->document_sizes, 0);

  if (self->event == NULL)
    return;

  n_mentions = annals_event_get_n_mentions (self->event);
  document_of = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_mentions);

  for (guint i = 0; i < n_mentions; i++)
    {
      const AnnalsMention *mention = annals_event_get_mention (self->event, i);
      guint document;

      if (!g_ptr_array_find_with_equal_func (documents, mention->document_id, g_str_equal, &document))
        {
          document = documents->len;
          g_ptr_array_add (documents, mention->document_id);
          g_array_append_val (self->document_sizes, (guint) { 0 });
        }
      g_array_append_val (document_of, document);
    }

  for (guint document = 0; document < documents->len; document++)
    {
      for (guint i = 0; i < n_mentions; i++)
        {
          MentionStep step;

          if (g_array_index (document_of, guint, i) != document)
            continue;

          step.mention = i;
          step.document = document;
          step.index_in_document = g_array_index (self->document_sizes, guint, document)++;
          g_array_append_val (self->steps, step);
        }
    }
}

/* “Mention 2 of 3” when one article names the event several times,
 * “Source 2 of 3” when each of several articles names it once, and both
 * when several articles name it, some more than once. */
static char *
format_step (AnnalsDetailPane *self,
             guint             position)
{
  const MentionStep *step = &g_array_index (self->steps, MentionStep, position);
  guint n_documents = self->document_sizes->len;
  guint n_in_document = g_array_index (self->document_sizes, guint, step->document);

  if (n_documents == 1)
    /* Translators: which of an event's mentions in one article is shown,
     * e.g. “Mention 2 of 3”. */
    return g_strdup_printf (_("Mention %u of %u"), position + 1, self->steps->len);

  if (n_in_document == 1)
    /* Translators: which of the articles that mention an event is shown,
     * e.g. “Source 2 of 3”. */
    return g_strdup_printf (_("Source %u of %u"), step->document + 1, n_documents);

  /* Translators: which article and which of its mentions of the event is
   * shown, e.g. “Source 2 of 3 · mention 1 of 2”. */
  return g_strdup_printf (_("Source %u of %u · mention %u of %u"),
                          step->document + 1, n_documents,
                          step->index_in_document + 1, n_in_document);
}

static void
show_source (AnnalsDetailPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const AnnalsMention *mention;
  g_autoptr(AnnalsDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *position = NULL;
  g_autoptr(GString) meta = NULL;
  const AnnalsDate *published;
  GtkTextIter start, end;
  guint n_steps = self->steps->len;
  guint length;

  self->has_mention = FALSE;
  gtk_widget_set_visible (self->source_navigation, n_steps > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.previous-source", self->source > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.next-source", self->source + 1 < n_steps);

  if (n_steps == 0)
    {
      show_document_message (self, _("No article mentions this event."));
      gtk_label_set_text (self->source_position_label, "");
      g_clear_pointer (&self->shown_document_id, g_free);
      return;
    }

  position = format_step (self, self->source);
  gtk_label_set_text (self->source_position_label, position);

  mention = annals_event_get_mention (self->event,
                                      g_array_index (self->steps, MentionStep, self->source).mention);
  if (self->library != NULL)
    document = annals_library_load_document (self->library, mention->document_id, &error);

  if (document == NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The article “%s” could not be read: %s"),
                                 mention->document_id,
                                 error != NULL ? error->message : _("no library is open"));
      show_document_message (self, message);
      g_clear_pointer (&self->shown_document_id, g_free);
      return;
    }

  gtk_label_set_text (self->document_title_label,
                      annals_document_get_title (document) != NULL
                        ? annals_document_get_title (document)
                        : annals_document_get_id (document));

  meta = g_string_new (annals_document_get_source (document));
  published = annals_document_get_published (document);
  if (published != NULL && annals_date_is_set (published))
    {
      g_autofree char *date = annals_date_format (published);

      if (meta->len > 0)
        g_string_append (meta, " · ");
      g_string_append (meta, date);
    }
  gtk_label_set_text (self->document_meta_label, meta->str);
  gtk_widget_set_visible (GTK_WIDGET (self->document_meta_label), meta->len > 0);

  /* Stepping between mentions of one article moves the highlight only, so
   * the text keeps its place while the view scrolls. */
  if (g_strcmp0 (self->shown_document_id, mention->document_id) == 0)
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_remove_tag (buffer, self->mention_tag, &start, &end);
    }
  else
    {
      gtk_text_buffer_set_text (buffer, annals_document_get_text (document) ?: "", -1);
      g_free (self->shown_document_id);
      self->shown_document_id = g_strdup (mention->document_id);
    }

  length = annals_document_get_length (document);
  if (mention->start >= mention->end || mention->end > length)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, mention->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, mention->end);
  gtk_text_buffer_apply_tag (buffer, self->mention_tag, &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_buffer_move_mark (buffer, self->mention_mark, &start);

  self->has_mention = TRUE;
  start_scroll_to_mention (self);
}

static void
show_event (AnnalsDetailPane *self)
{
  const char * const *participants;
  g_autofree char *dates = NULL;
  g_autofree char *country = NULL;
  g_autofree char *host = NULL;
  g_autofree char *confidence = NULL;
  g_autoptr(GString) participant_names = NULL;
  const char *place;

  if (self->event == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "event");

  gtk_label_set_text (self->title_label, annals_event_get_title (self->event));
  gtk_label_set_text (self->kind_label, annals_event_kind_get_label (annals_event_get_kind (self->event)));

  dates = annals_format_event_dates_precise (self->event);
  gtk_label_set_text (self->dates_label, dates);
  gtk_label_set_text (self->status_label,
                      annals_event_status_get_label (annals_event_get_status (self->event)));

  country = annals_format_country (annals_event_get_host_country (self->event));
  place = annals_event_get_host_place (self->event);
  if (country != NULL && place != NULL && place[0] != '\0')
    /* Translators: a place and its country, e.g. “Tashkent, Uzbekistan”. */
    host = g_strdup_printf (_("%s, %s"), place, country);
  else if (country != NULL)
    host = g_steal_pointer (&country);
  else if (place != NULL && place[0] != '\0')
    host = g_strdup (place);
  else
    host = g_strdup (_("Unknown"));
  gtk_label_set_text (self->host_label, host);

  participant_names = g_string_new (NULL);
  participants = annals_event_get_participants (self->event);
  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      g_autofree char *name = annals_format_country (participants[i]);

      if (participant_names->len > 0)
        g_string_append (participant_names, _(", "));
      g_string_append (participant_names, name);
    }
  gtk_label_set_text (self->participants_label,
                      participant_names->len > 0 ? participant_names->str : _("Not named"));

  /* Translators: the extractor's confidence in an event, as a percentage. */
  confidence = g_strdup_printf (_("%.0f %%"), 100.0 * annals_event_get_confidence (self->event));
  gtk_label_set_text (self->confidence_label, confidence);

  show_source (self);
}

static void
step_source_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AnnalsDetailPane *self = ANNALS_DETAIL_PANE (widget);

  if (self->event == NULL)
    return;

  if (g_str_equal (action_name, "detail.next-source"))
    annals_detail_pane_set_source (self, self->source + 1);
  else if (self->source > 0)
    annals_detail_pane_set_source (self, self->source - 1);
}

static void
on_style_changed (AnnalsDetailPane *self)
{
  update_mention_colors (self);
}

static void
annals_detail_pane_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (annals_detail_pane_parent_class)->root (widget);

  update_mention_colors (ANNALS_DETAIL_PANE (widget));
}

static void
annals_detail_pane_dispose (GObject *object)
{
  AnnalsDetailPane *self = ANNALS_DETAIL_PANE (object);

  if (self->scroll_source != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->text_view), self->scroll_source);
  self->scroll_source = 0;
  g_clear_handle_id (&self->unscroll_source, g_source_remove);
  g_clear_object (&self->event);
  g_clear_object (&self->library);
  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (annals_detail_pane_parent_class)->dispose (object);
}

static void
annals_detail_pane_finalize (GObject *object)
{
  AnnalsDetailPane *self = ANNALS_DETAIL_PANE (object);

  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->document_sizes, g_array_unref);
  g_clear_pointer (&self->shown_document_id, g_free);

  G_OBJECT_CLASS (annals_detail_pane_parent_class)->finalize (object);
}

static void
annals_detail_pane_class_init (AnnalsDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = annals_detail_pane_dispose;
  object_class->finalize = annals_detail_pane_finalize;

  widget_class->root = annals_detail_pane_root;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/annals-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, kind_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, dates_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, host_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, participants_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, confidence_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, document_title_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, document_meta_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, source_position_label);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, source_navigation);
  gtk_widget_class_bind_template_child (widget_class, AnnalsDetailPane, text_view);

  gtk_widget_class_install_action (widget_class, "detail.previous-source", NULL, step_source_activated);
  gtk_widget_class_install_action (widget_class, "detail.next-source", NULL, step_source_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK, "detail.previous-source", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK, "detail.next-source", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annals-detail-pane");
}

static void
annals_detail_pane_init (AnnalsDetailPane *self)
{
  GtkEventController *scroll;
  GtkTextBuffer *buffer;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->steps = g_array_new (FALSE, FALSE, sizeof (MentionStep));
  self->document_sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->mention_tag = gtk_text_buffer_create_tag (buffer, "mention",
                                                  "underline", PANGO_UNDERLINE_SINGLE,
                                                  NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->mention_mark = gtk_text_buffer_create_mark (buffer, "mention", &start, TRUE);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_text_view_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), scroll);

  g_signal_connect_object (self->text_view, "map",
                           G_CALLBACK (on_text_view_map), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view)), "value-changed",
                           G_CALLBACK (keep_text_unscrolled_sideways), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_changed), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.previous-source", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.next-source", FALSE);
}

GtkWidget *
annals_detail_pane_new (void)
{
  return g_object_new (ANNALS_TYPE_DETAIL_PANE, NULL);
}

void
annals_detail_pane_set_library (AnnalsDetailPane *self,
                                AnnalsLibrary    *library)
{
  g_return_if_fail (ANNALS_IS_DETAIL_PANE (self));
  g_return_if_fail (library == NULL || ANNALS_IS_LIBRARY (library));

  if (g_set_object (&self->library, library))
    {
      g_clear_pointer (&self->shown_document_id, g_free);
      show_event (self);
    }
}

AnnalsEvent *
annals_detail_pane_get_event (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), NULL);

  return self->event;
}

void
annals_detail_pane_set_event (AnnalsDetailPane *self,
                              AnnalsEvent      *event)
{
  g_return_if_fail (ANNALS_IS_DETAIL_PANE (self));
  g_return_if_fail (event == NULL || ANNALS_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  self->source = 0;
  g_clear_pointer (&self->shown_document_id, g_free);
  order_mentions (self);
  show_event (self);
}

guint
annals_detail_pane_get_source (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), 0);

  return self->source;
}

void
annals_detail_pane_set_source (AnnalsDetailPane *self,
                               guint             source)
{
  g_return_if_fail (ANNALS_IS_DETAIL_PANE (self));

  if (self->event == NULL || source >= self->steps->len || source == self->source)
    return;

  self->source = source;
  show_source (self);
}

const char *
annals_detail_pane_get_position_text (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), NULL);

  return self->steps->len > 1 ? gtk_label_get_text (self->source_position_label) : NULL;
}

gboolean
annals_detail_pane_get_following_mention (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), FALSE);

  return self->scroll_source != 0;
}

const char *
annals_detail_pane_get_title (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), NULL);

  return self->event != NULL ? gtk_label_get_text (self->title_label) : NULL;
}

GtkTextView *
annals_detail_pane_get_text_view (AnnalsDetailPane *self)
{
  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), NULL);

  return self->text_view;
}

gboolean
annals_detail_pane_get_highlight (AnnalsDetailPane *self,
                                  guint            *start,
                                  guint            *end)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  GtkTextIter tag_end;

  g_return_val_if_fail (ANNALS_IS_DETAIL_PANE (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, &iter);

  if (!gtk_text_iter_starts_tag (&iter, self->mention_tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&iter, self->mention_tag))
    return FALSE;

  tag_end = iter;
  gtk_text_iter_forward_to_tag_toggle (&tag_end, self->mention_tag);

  if (start != NULL)
    *start = gtk_text_iter_get_offset (&iter);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&tag_end);

  return TRUE;
}
