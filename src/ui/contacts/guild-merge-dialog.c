/* guild-merge-dialog.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-merge-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-merge-dialog.h"
#include "guild-record.h"
#include "guild-records.h"
#include "guild-store-contacts.h"

/* "Possible Duplicates": the pairs guild_store_find_duplicates() found, and
 * for the chosen pair what the merged contact would keep (computed with
 * guild_contact_merge_preview(), the same rules as the merge), so that the
 * user sees that nothing is lost before pressing Merge. The page merges and
 * offers Undo. */

#define MAX_PAIRS 200

struct _GuildMergeDialog
{
  AdwWindow        parent_instance;

  /* Owned */
  GuildStore      *store;
  GPtrArray       *pairs;       /* GuildContactDuplicate, copies */
  GuildRecord     *first;
  GuildRecord     *second;

  /* Borrowed */
  GtkListBox      *pair_list;
  GtkCheckButton  *keep_first;
  GtkCheckButton  *keep_second;
  GtkListBox      *preview;
  GtkButton       *merge_button;

  guint            selected;
};

enum {
  SIGNAL_MERGE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildMergeDialog, guild_merge_dialog, ADW_TYPE_WINDOW)

static const char *
reason_label (GuildDuplicateReason reason)
{
  switch (reason)
    {
    case GUILD_DUPLICATE_SAME_EMAIL:
      return _("Same e-mail address");
    case GUILD_DUPLICATE_SAME_URL:
      return _("Same profile address");
    case GUILD_DUPLICATE_SAME_NAME_AND_COMPANY:
      return _("Same name and company");
    default:
      return "";
    }
}

static void
add_preview_row (GuildMergeDialog *self,
                 const char       *title,
                 const char       *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->preview, row);
}

static void
add_preview_strv (GuildMergeDialog *self,
                  const char       *title,
                  GuildRecord      *record,
                  const char       *field)
{
  const char * const *values = guild_record_get_strv (record, field);
  g_autofree char *joined = values != NULL ? g_strjoinv (", ", (char **) values) : NULL;

  add_preview_row (self, title, joined);
}

static void
update_preview (GuildMergeDialog *self)
{
  g_autoptr(GuildRecord) merged = NULL;
  GuildRecord *keep;
  GuildRecord *drop;
  GtkWidget *child;
  GArray *communities;
  char number[32];

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_list_box_remove (self->preview, child);

  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button),
                            self->first != NULL && self->second != NULL);
  if (self->first == NULL || self->second == NULL)
    return;

  keep = gtk_check_button_get_active (self->keep_second) ? self->second : self->first;
  drop = keep == self->first ? self->second : self->first;
  merged = guild_contact_merge_preview (keep, drop);

  add_preview_row (self, _("Full name"), guild_record_get_text (merged, "full-name"));
  add_preview_row (self, C_("job", "Position"), guild_record_get_text (merged, "position"));
  add_preview_row (self, _("Company"), guild_record_get_text (merged, "company"));
  add_preview_row (self, _("Location"), guild_record_get_text (merged, "location"));
  add_preview_strv (self, _("E-mail Addresses"), merged, "emails");
  add_preview_strv (self, _("Phone Numbers"), merged, "phones");
  add_preview_strv (self, _("Web Addresses"), merged, "urls");
  add_preview_row (self, _("Relationship"),
                   guild_vocab_label (GUILD_VOCAB_RELATIONSHIP,
                                      guild_record_get_text (merged, "relationship")));
  add_preview_row (self, _("Date met (YYYY-MM-DD)"), guild_record_get_text (merged, "connected-on"));
  add_preview_row (self, _("Birthday"), guild_record_get_text (merged, "birthday"));
  if (guild_record_get_int (merged, "connection-quality") > 0)
    {
      g_snprintf (number, sizeof number, "%d",
                  (int) guild_record_get_int (merged, "connection-quality"));
      add_preview_row (self, _("Connection quality"), number);
    }
  add_preview_strv (self, _("Tags"), merged, "tags");
  communities = guild_record_get_ids (merged, "communities");
  if (communities != NULL && communities->len > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Member of %u community",
                                                         "Member of %u communities",
                                                         communities->len),
                                               communities->len);

      add_preview_row (self, _("Communities"), text);
    }
  add_preview_row (self, _("Notes"), guild_record_get_text (merged, "notes"));
}

static void
load_pair (GuildMergeDialog *self,
           guint             index)
{
  GuildContactDuplicate *d;
  g_autofree char *first_label = NULL;
  g_autofree char *second_label = NULL;

  g_clear_object (&self->first);
  g_clear_object (&self->second);
  self->selected = index;

  if (index < self->pairs->len)
    {
      d = g_ptr_array_index (self->pairs, index);
      self->first = guild_store_load (self->store, GUILD_RECORD_CONTACT, d->a, NULL);
      self->second = guild_store_load (self->store, GUILD_RECORD_CONTACT, d->b, NULL);
    }

  if (self->first != NULL && self->second != NULL)
    {
      /* Translators: a choice in the merge window; %s is a contact's name. */
      first_label = g_strdup_printf (_("Keep the details of %s first"),
                                     guild_record_get_text (self->first, "full-name"));
      second_label = g_strdup_printf (_("Keep the details of %s first"),
                                      guild_record_get_text (self->second, "full-name"));
      gtk_check_button_set_label (self->keep_first, first_label);
      gtk_check_button_set_label (self->keep_second, second_label);
    }

  update_preview (self);
}

static void
on_pair_selected_cb (GuildMergeDialog *self,
                     GtkListBoxRow    *row)
{
  if (row != NULL)
    load_pair (self, (guint) gtk_list_box_row_get_index (row));
}

static void
on_merge_clicked_cb (GuildMergeDialog *self)
{
  GuildRecord *keep;
  GuildRecord *drop;

  if (self->first == NULL || self->second == NULL)
    return;

  keep = gtk_check_button_get_active (self->keep_second) ? self->second : self->first;
  drop = keep == self->first ? self->second : self->first;
  g_signal_emit (self, signals [SIGNAL_MERGE], 0,
                 guild_record_get_id (keep), guild_record_get_id (drop));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
guild_merge_dialog_dispose (GObject *object)
{
  GuildMergeDialog *self = (GuildMergeDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->first);
  g_clear_object (&self->second);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);

  G_OBJECT_CLASS (guild_merge_dialog_parent_class)->dispose (object);
}

static void
guild_merge_dialog_class_init (GuildMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_merge_dialog_dispose;

  /**
   * GuildMergeDialog::merge:
   * @keep: the contact that stays
   * @drop: the contact merged into it
   */
  signals [SIGNAL_MERGE] =
    g_signal_new ("merge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
guild_merge_dialog_init (GuildMergeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *pairs_label = gtk_label_new (_("Contacts that look like the same person"));
  GtkWidget *result_label = gtk_label_new (_("After merging"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_window_set_title (GTK_WINDOW (self), _("Possible Duplicates"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->merge_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Merge")));
  gtk_widget_add_css_class (GTK_WIDGET (self->merge_button), "suggested-action");
  g_signal_connect_object (self->merge_button, "clicked", G_CALLBACK (on_merge_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->merge_button));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);

  gtk_label_set_xalign (GTK_LABEL (pairs_label), 0);
  gtk_widget_add_css_class (pairs_label, "heading");
  gtk_box_append (GTK_BOX (content), pairs_label);

  self->pair_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->pair_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pair_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Possible duplicates"), -1);
  g_signal_connect_object (self->pair_list, "row-selected", G_CALLBACK (on_pair_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->pair_list));

  self->keep_first = GTK_CHECK_BUTTON (gtk_check_button_new ());
  self->keep_second = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_check_button_set_group (self->keep_second, self->keep_first);
  gtk_check_button_set_active (self->keep_first, TRUE);
  g_signal_connect_object (self->keep_first, "toggled", G_CALLBACK (update_preview), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->keep_first));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->keep_second));

  gtk_label_set_xalign (GTK_LABEL (result_label), 0);
  gtk_widget_add_css_class (result_label, "heading");
  gtk_box_append (GTK_BOX (content), result_label);
  self->preview = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->preview, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("After merging"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->preview));

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * guild_merge_dialog_new:
 * @duplicates: (element-type GuildContactDuplicate): the pairs found
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GuildMergeDialog *
guild_merge_dialog_new (GtkWindow  *parent,
                        GuildStore *store,
                        GPtrArray  *duplicates)
{
  GuildMergeDialog *self;

  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (duplicates != NULL, NULL);

  self = g_object_new (GUILD_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->pairs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < duplicates->len && self->pairs->len < MAX_PAIRS; i++)
    {
      GuildContactDuplicate *d = g_ptr_array_index (duplicates, i);
      g_autoptr(GuildRecord) a = guild_store_load (store, GUILD_RECORD_CONTACT, d->a, NULL);
      g_autoptr(GuildRecord) b = guild_store_load (store, GUILD_RECORD_CONTACT, d->b, NULL);
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (a == NULL || b == NULL)
        continue;

      /* Translators: two contacts that may be the same person. */
      title = g_strdup_printf (_("%s and %s"), guild_record_get_text (a, "full-name"),
                               guild_record_get_text (b, "full-name"));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason_label (d->reason));
      gtk_list_box_append (self->pair_list, row);
      g_ptr_array_add (self->pairs, g_memdup2 (d, sizeof *d));
    }

  if (self->pairs->len > 0)
    gtk_list_box_select_row (self->pair_list, gtk_list_box_get_row_at_index (self->pair_list, 0));
  else
    update_preview (self);

  return self;
}

/**
 * guild_merge_dialog_select_pair:
 *
 * Chooses a pair and which of the two keeps its details (for the tests).
 */
void
guild_merge_dialog_select_pair (GuildMergeDialog *self,
                                guint             index,
                                gboolean          keep_second)
{
  g_return_if_fail (GUILD_IS_MERGE_DIALOG (self));

  gtk_list_box_select_row (self->pair_list, gtk_list_box_get_row_at_index (self->pair_list,
                                                                           (int) index));
  gtk_check_button_set_active (keep_second ? self->keep_second : self->keep_first, TRUE);
}

/* For the tests: the rows of the preview. */
GListModel *
_guild_merge_dialog_get_preview_rows (GuildMergeDialog *self)
{
  g_return_val_if_fail (GUILD_IS_MERGE_DIALOG (self), NULL);

  return gtk_widget_observe_children (GTK_WIDGET (self->preview));
}
