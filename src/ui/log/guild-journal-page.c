/* guild-journal-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-journal-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-activity-timeline.h"
#include "guild-checkin-dialog.h"
#include "guild-journal-page.h"
#include "guild-records.h"
#include "guild-store-activities.h"
#include "guild-window.h"

/* The Journal view: every logged activity, newest first, narrowed by
 * strategy, kind, community and period and searched (folded) over notes,
 * links, community names and contact names. The filters run in SQL on a
 * worker, and the list holds ids only (GuildActivityList), so a million
 * activities filter in a frame or two. Above it, once a week from the
 * check-in day, a quiet offer of the weekly check-in that "Not now" puts
 * away until next week. */

#define SEARCH_DELAY_MS 150

enum {
  PERIOD_ALL,
  PERIOD_7_DAYS,
  PERIOD_30_DAYS,
  PERIOD_THIS_MONTH,
  PERIOD_THIS_YEAR,
};

struct _GuildJournalPage
{
  GtkWidget        parent_instance;

  /* Owned */
  GuildStore      *store;
  GSettings       *settings;
  GArray          *community_ids;
  GCancellable    *cancellable;

  /* Children */
  GtkStack        *stack;
  GtkWidget       *box;
  GtkRevealer     *prompt_revealer;
  GtkLabel        *prompt_label;
  GtkWidget       *empty_checkin_button;
  GtkWidget       *search_entry;
  GtkDropDown     *strategy_drop;
  GtkDropDown     *kind_drop;
  GtkDropDown     *community_drop;
  GtkDropDown     *period_drop;
  GuildActivityTimeline *timeline;

  guint            search_source;
  guint            watching : 1;
  guint            loaded : 1;
  guint            filling : 1;
};

G_DEFINE_FINAL_TYPE (GuildJournalPage, guild_journal_page, GTK_TYPE_WIDGET)

/* Section: filters */

static const char *
vocab_id_at (GuildVocab vocab,
             guint      position)
{
  guint n;
  const GuildVocabEntry *entries = guild_vocab_entries (vocab, &n);

  /* Position 0 is "All". */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > n)
    return NULL;

  return entries[position - 1].id;
}

static void
period_bounds (guint   period,
               gint64 *from,
               gint64 *to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  *from = 0;
  *to = 0;

  switch (period)
    {
    case PERIOD_7_DAYS:
      start = g_date_time_add_days (now, -7);
      break;
    case PERIOD_30_DAYS:
      start = g_date_time_add_days (now, -30);
      break;
    case PERIOD_THIS_MONTH:
      start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                     1, 0, 0, 0);
      break;
    case PERIOD_THIS_YEAR:
      start = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
      break;
    case PERIOD_ALL:
    default:
      return;
    }

  *from = g_date_time_to_unix (start);
}

static gboolean
filter_is_default (const GuildActivityFilter *filter)
{
  return (filter->search == NULL || filter->search[0] == '\0') && filter->strategy == NULL &&
         filter->kind == NULL && filter->community_id == 0 && filter->from == 0;
}

/* The page's own state, as every view has: "loading" until the first read,
 * "empty" when nothing is logged at all (not merely filtered away), else
 * "items". */
static void
update_state (GuildJournalPage *self)
{
  GuildActivityList *list = guild_activity_timeline_get_list (self->timeline);
  const char *state = "items";

  if (list == NULL || (!guild_activity_list_get_complete (list) &&
                       g_list_model_get_n_items (G_LIST_MODEL (list)) == 0))
    state = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0 &&
           filter_is_default (guild_activity_list_get_filter (list)) &&
           !guild_activity_list_get_loading (list))
    state = "empty";

  /* Once past loading, an emptied filter stays in the list's own state. */
  if (g_strcmp0 (state, "loading") == 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
apply_filters (GuildJournalPage *self)
{
  g_autoptr(GuildActivityFilter) filter = guild_activity_filter_new ();
  guint community;

  if (self->store == NULL || !self->loaded || self->filling)
    return;

  filter->strategy = g_strdup (vocab_id_at (GUILD_VOCAB_STRATEGY,
                                            gtk_drop_down_get_selected (self->strategy_drop)));
  filter->kind = g_strdup (vocab_id_at (GUILD_VOCAB_ACTIVITY_KIND,
                                        gtk_drop_down_get_selected (self->kind_drop)));
  community = gtk_drop_down_get_selected (self->community_drop);
  if (community != GTK_INVALID_LIST_POSITION && community < self->community_ids->len)
    filter->community_id = g_array_index (self->community_ids, gint64, community);
  period_bounds (gtk_drop_down_get_selected (self->period_drop), &filter->from, &filter->to);
  filter->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (filter->search[0] != '\0' || filter->strategy != NULL || filter->kind != NULL ||
      filter->community_id != 0 || filter->from != 0)
    guild_activity_timeline_set_empty_text (self->timeline, _("No Matching Activities"),
                                            _("Try other filters or another search."));
  else
    guild_activity_timeline_set_empty_text (self->timeline, _("No Activities Yet"),
                                            _("Log what you do in your communities with Ctrl+L: what you read, asked, published, and who you met."));

  guild_activity_timeline_set_filter (self->timeline, filter);

  if (!self->watching)
    {
      GuildActivityList *list = guild_activity_timeline_get_list (self->timeline);

      self->watching = TRUE;
      g_signal_connect_object (list, "items-changed", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loading", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::complete", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
    }
  update_state (self);
}

static void
on_filter_changed_cb (GuildJournalPage *self)
{
  apply_filters (self);
}

static gboolean
search_cb (gpointer user_data)
{
  GuildJournalPage *self = user_data;

  self->search_source = 0;
  apply_filters (self);

  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GuildJournalPage *self)
{
  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY_MS, search_cb, self);
}

static GtkDropDown *
make_drop_down (GtkWidget  *parent,
                const char *accessible_name)
{
  GtkWidget *drop = gtk_drop_down_new (NULL, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gtk_widget_set_tooltip_text (drop, accessible_name);
  gtk_flow_box_append (GTK_FLOW_BOX (parent), drop);

  return GTK_DROP_DOWN (drop);
}

static void
fill_vocab (GtkDropDown *drop,
            GuildVocab   vocab,
            const char  *all)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GuildVocabEntry *entries = guild_vocab_entries (vocab, &n);

  gtk_string_list_append (list, all);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, guild_vocab_entry_label (vocab, &entries[i]));
  gtk_drop_down_set_model (drop, G_LIST_MODEL (list));
  g_object_unref (list);
}

static void
on_communities_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GuildJournalPage) self = user_data;
  g_autoptr(GPtrArray) communities = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringList *names;
  gint64 current = 0;
  guint selected = 0;
  guint old;

  communities = guild_store_list_finish (GUILD_STORE (object), result, &error);
  if (communities == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the communities: %s", error->message);
      return;
    }

  old = gtk_drop_down_get_selected (self->community_drop);
  if (old != GTK_INVALID_LIST_POSITION && old < self->community_ids->len)
    current = g_array_index (self->community_ids, gint64, old);

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All communities"));
  g_array_set_size (self->community_ids, 1);
  g_array_index (self->community_ids, gint64, 0) = 0;
  for (guint i = 0; i < communities->len; i++)
    {
      GuildRecord *c = g_ptr_array_index (communities, i);
      gint64 id = guild_record_get_id (c);

      gtk_string_list_append (names, guild_record_get_text (c, "name"));
      g_array_append_val (self->community_ids, id);
      if (id == current)
        selected = self->community_ids->len - 1;
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->community_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->community_drop, selected);
  self->filling = FALSE;
  g_object_unref (names);

  /* A community that went away takes its filter with it. */
  if (current != 0 && selected == 0)
    apply_filters (self);
}

static void
load_communities (GuildJournalPage *self)
{
  guild_store_list_async (self->store, GUILD_RECORD_COMMUNITY, self->cancellable,
                          on_communities_cb, g_object_ref (self));
}

/* Section: check-in prompt */

static GDate *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                         (GDateMonth) g_date_time_get_month (now),
                         (GDateYear) g_date_time_get_year (now));
}

/**
 * guild_journal_page_update_checkin_prompt:
 * @today: (nullable): the local day (%NULL: today)
 *
 * Shows or hides the weekly check-in's offer.
 */
void
guild_journal_page_update_checkin_prompt (GuildJournalPage *self,
                                          const GDate      *today)
{
  g_autoptr(GDate) local_today = NULL;
  g_autoptr(GuildCheckin) checkin = NULL;
  g_autofree char *day = NULL;
  g_autofree char *dismissed = NULL;
  gboolean offer;

  g_return_if_fail (GUILD_IS_JOURNAL_PAGE (self));

  if (self->store == NULL)
    return;

  if (today == NULL)
    today = local_today = today_local ();

  checkin = guild_store_dup_checkin_for_week (self->store, today, NULL);
  day = g_settings_get_string (self->settings, "checkin-day");
  dismissed = g_settings_get_string (self->settings, "checkin-dismissed-week");
  offer = guild_checkin_should_offer (today, guild_weekday_from_name (day), checkin != NULL,
                                      dismissed);
  gtk_revealer_set_reveal_child (self->prompt_revealer, offer);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_revealer), offer);
  gtk_widget_set_visible (self->empty_checkin_button, offer);
}

gboolean
guild_journal_page_get_checkin_offered (GuildJournalPage *self)
{
  g_return_val_if_fail (GUILD_IS_JOURNAL_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->prompt_revealer);
}

static void
on_checkin_clicked_cb (GuildJournalPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GuildCheckinDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = guild_checkin_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_not_now_clicked_cb (GuildJournalPage *self)
{
  g_autoptr(GDate) today = today_local ();
  g_autofree char *week = guild_week_id (today);

  g_settings_set_string (self->settings, "checkin-dismissed-week", week);
  guild_journal_page_update_checkin_prompt (self, NULL);
}

static void
on_store_changed_cb (GuildJournalPage *self,
                     guint             kind,
                     gint64            id,
                     guint             change,
                     GuildStore       *store)
{
  if (!self->loaded)
    return;

  if (kind == GUILD_RECORD_CHECKIN)
    guild_journal_page_update_checkin_prompt (self, NULL);
  else if (kind == GUILD_RECORD_COMMUNITY)
    load_communities (self);
}

/* Section: GObject */

static void
guild_journal_page_dispose (GObject *object)
{
  GuildJournalPage *self = (GuildJournalPage *)object;

  g_clear_handle_id (&self->search_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->stack));
  self->stack = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->community_ids, g_array_unref);

  G_OBJECT_CLASS (guild_journal_page_parent_class)->dispose (object);
}

static void
guild_journal_page_class_init (GuildJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_journal_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guildjournalpage");
}

static void
guild_journal_page_init (GuildJournalPage *self)
{
  GtkWidget *prompt_box;
  GtkWidget *buttons;
  GtkWidget *button;
  GtkWidget *filters;
  GtkWidget *bar;
  GtkStringList *periods;

  self->settings = g_settings_new (GUILD_SETTINGS_SCHEMA);
  self->cancellable = g_cancellable_new ();
  self->community_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->community_ids, 1);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  {
    GtkWidget *spinner = gtk_spinner_new ();
    GtkWidget *empty = adw_status_page_new ();
    GtkWidget *log_button = gtk_button_new_with_mnemonic (_("_Log Activity"));

    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_widget_set_size_request (spinner, 32, 32);
    gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
    gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
    gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Loading activities"), -1);
    gtk_stack_add_named (self->stack, spinner, "loading");

    adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
    adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Activities Yet"));
    adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                     _("Log what you do in your communities — what you read, asked, published, and who you met. Press Ctrl+L from anywhere."));
    gtk_widget_add_css_class (log_button, "pill");
    gtk_widget_add_css_class (log_button, "suggested-action");
    gtk_widget_set_halign (log_button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (log_button), "win.log-activity");
    gtk_actionable_set_action_target (GTK_ACTIONABLE (log_button), "s", "");
    gtk_accessible_update_property (GTK_ACCESSIBLE (log_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Log Activity"), -1);
    {
      GtkWidget *empty_buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      gtk_box_append (GTK_BOX (empty_buttons), log_button);
      /* With nothing logged yet, the week's check-in is offered here. */
      self->empty_checkin_button = gtk_button_new_with_mnemonic (_("Weekly _Check-in…"));
      gtk_widget_add_css_class (self->empty_checkin_button, "pill");
      gtk_widget_set_halign (self->empty_checkin_button, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (self->empty_checkin_button, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->empty_checkin_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Weekly Check-in"), -1);
      g_signal_connect_swapped (self->empty_checkin_button, "clicked",
                                G_CALLBACK (on_checkin_clicked_cb), self);
      gtk_box_append (GTK_BOX (empty_buttons), self->empty_checkin_button);
      adw_status_page_set_child (ADW_STATUS_PAGE (empty), empty_buttons);
    }
    gtk_stack_add_named (self->stack, empty, "empty");
  }

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_stack_add_named (self->stack, self->box, "items");
  gtk_stack_set_visible_child_name (self->stack, "loading");

  /* The weekly check-in's offer. */
  self->prompt_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_revealer), FALSE);
  prompt_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (prompt_box, "card");
  gtk_widget_set_margin_start (prompt_box, 12);
  gtk_widget_set_margin_end (prompt_box, 12);
  gtk_widget_set_margin_top (prompt_box, 12);
  self->prompt_label = GTK_LABEL (gtk_label_new (_("How did this week go? A weekly check-in takes a minute.")));
  gtk_label_set_wrap (self->prompt_label, TRUE);
  gtk_label_set_xalign (self->prompt_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->prompt_label), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->prompt_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->prompt_label), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->prompt_label), 8);
  gtk_box_append (GTK_BOX (prompt_box), GTK_WIDGET (self->prompt_label));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_end (buttons, 12);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  button = gtk_button_new_with_mnemonic (_("_Not Now"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_not_now_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Check In"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_checkin_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (prompt_box), buttons);
  {
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 880);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
    adw_clamp_set_child (ADW_CLAMP (clamp), prompt_box);
    gtk_revealer_set_child (self->prompt_revealer, clamp);
  }
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->prompt_revealer));

  /* Search and filters; they wrap onto more lines when narrow. */
  bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text",
                _("Search notes, links, communities and people"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search activities"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), self->search_entry);

  filters = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (filters), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (filters), FALSE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (filters), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (filters), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (filters), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (filters), 6);
  gtk_box_append (GTK_BOX (bar), filters);
  self->strategy_drop = make_drop_down (filters, _("Strategy"));
  fill_vocab (self->strategy_drop, GUILD_VOCAB_STRATEGY, _("All strategies"));
  self->kind_drop = make_drop_down (filters, _("Kind"));
  fill_vocab (self->kind_drop, GUILD_VOCAB_ACTIVITY_KIND, _("All kinds"));
  self->community_drop = make_drop_down (filters, _("Community"));
  {
    GtkStringList *all = gtk_string_list_new (NULL);

    gtk_string_list_append (all, _("All communities"));
    gtk_drop_down_set_model (self->community_drop, G_LIST_MODEL (all));
    g_object_unref (all);
  }
  self->period_drop = make_drop_down (filters, _("Period"));
  periods = gtk_string_list_new (NULL);
  gtk_string_list_append (periods, _("All time"));
  gtk_string_list_append (periods, _("Last 7 days"));
  gtk_string_list_append (periods, _("Last 30 days"));
  gtk_string_list_append (periods, _("This month"));
  gtk_string_list_append (periods, _("This year"));
  gtk_drop_down_set_model (self->period_drop, G_LIST_MODEL (periods));
  g_object_unref (periods);
  {
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 880);
    adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
    adw_clamp_set_child (ADW_CLAMP (clamp), bar);
    gtk_box_append (GTK_BOX (self->box), clamp);
  }

  g_signal_connect_swapped (self->strategy_drop, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->kind_drop, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->community_drop, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->period_drop, "notify::selected",
                            G_CALLBACK (on_filter_changed_cb), self);

  self->timeline = GUILD_ACTIVITY_TIMELINE (guild_activity_timeline_new (NULL));
  gtk_widget_set_vexpand (GTK_WIDGET (self->timeline), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->timeline));

  g_signal_connect_object (self->settings, "changed::checkin-day",
                           G_CALLBACK (guild_journal_page_update_checkin_prompt), self,
                           G_CONNECT_SWAPPED);
}

/* Section: public API */

void
guild_journal_page_set_store (GuildJournalPage *self,
                              GuildStore       *store)
{
  g_return_if_fail (GUILD_IS_JOURNAL_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  guild_activity_timeline_set_store (self->timeline, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/**
 * guild_journal_page_load:
 *
 * Reads the journal, the first time the view is shown.
 */
void
guild_journal_page_load (GuildJournalPage *self)
{
  g_return_if_fail (GUILD_IS_JOURNAL_PAGE (self));

  if (self->loaded || self->store == NULL)
    return;

  self->loaded = TRUE;
  load_communities (self);
  apply_filters (self);
  guild_journal_page_update_checkin_prompt (self, NULL);
}

GtkWidget *
_guild_journal_page_get_timeline (GuildJournalPage *self)
{
  return GTK_WIDGET (self->timeline);
}

GtkWidget *
_guild_journal_page_get_search (GuildJournalPage *self)
{
  return self->search_entry;
}

GtkWidget *
_guild_journal_page_get_prompt_label (GuildJournalPage *self)
{
  return GTK_WIDGET (self->prompt_label);
}

void
_guild_journal_page_set_strategy (GuildJournalPage *self,
                                  guint             position)
{
  gtk_drop_down_set_selected (self->strategy_drop, position);
}

void
_guild_journal_page_set_period (GuildJournalPage *self,
                                guint             position)
{
  gtk_drop_down_set_selected (self->period_drop, position);
}
