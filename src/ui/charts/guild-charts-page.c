/* guild-charts-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-charts-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "guild-a11y.h"
#include "guild-chart.h"
#include "guild-charts-model.h"
#include "guild-charts-page.h"
#include "guild-compat.h"
#include "guild-format.h"
#include "guild-label-factory.h"
#include "guild-overview.h"
#include "guild-records.h"
#include "guild-skills-chart.h"
#include "guild-view-state.h"
#include "guild-window.h"

/* The Charts view: an overview of this week at the top, then a period and a
 * community to chart, and the charts of the seed's metrics.
 *
 * Nothing here reads the database on the main thread. The figures of the
 * period (guild_store_metrics_async), those of the last 52 weeks for the
 * heatmap, the overview (guild_store_overview_async) and the list of
 * communities are computed on workers, each with a reader connection of its
 * own; when they are all back the page swaps them in at once. A change in
 * the store starts the same reload after a quiet moment (debounced at
 * G_PRIORITY_LOW), and only while the page is on screen. */

#define RELOAD_DELAY_MS 400

struct _GuildChartsPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkFlowBox      *overview_box;
  GtkFlowBox      *charts_box;
  GtkToggleButton *period_buttons[4];
  GtkDropDown     *period_dropdown;   /* the same choice, where the buttons do not fit */
  GtkBox          *toolbar;
  GtkDropDown     *community_dropdown;

  /* Owned */
  GuildStore      *store;
  GSettings       *settings;
  GCancellable    *cancellable;         /* the overview and the communities */
  GCancellable    *charts_cancellable;  /* the period's figures and the heatmap's */
  GArray          *community_ids;   /* gint64, parallel to the dropdown */
  GtkStringList   *community_names;
  GuildMetrics    *metrics;
  GuildMetrics    *heatmap;
  GuildOverview   *overview;
  GuildChart      *charts[GUILD_CHARTS_N_CHARTS];
  GuildSkillsChart *skills_chart;
  GtkListBox      *overview_lists[4];

  guint            reload_source;
  guint            narrow_source;
  int              narrow;            /* the toolbar's layout: -1 none yet */
  guint            pending_overview;
  guint            pending_charts;
  guint            overview_changed : 1;
  guint            requested : 1;
  guint            dirty : 1;
  guint            filling_communities : 1;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  LIST_WEEK,
  LIST_UPCOMING,
  LIST_FOLLOW_UP,
  LIST_SUGGESTIONS,
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (GuildChartsPage, guild_charts_page, GTK_TYPE_WIDGET)

/* What a reload computes: the period's figures (and the heatmap's, for one
 * community) whenever the period or community changes; the overview and the
 * list of communities only when the store has changed. */
typedef enum
{
  RELOAD_CHARTS = 1 << 0,
  RELOAD_ALL = 0xff,
} ReloadFlags;

static void
today_string (char out[12])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_snprintf (out, 12, "%04d-%02d-%02d", g_date_time_get_year (now), g_date_time_get_month (now),
              g_date_time_get_day_of_month (now));
}

static GuildChartsPeriod
selected_period (GuildChartsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->period_buttons); i++)
    if (gtk_toggle_button_get_active (self->period_buttons[i]))
      return i;

  return GUILD_CHARTS_PERIOD_QUARTER;
}

static gint64
selected_community (GuildChartsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->community_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->community_ids->len)
    return 0;

  return g_array_index (self->community_ids, gint64, selected);
}

/* Section: the overview */

static GtkWidget *
add_row (GuildChartsPage *self,
         guint            list,
         const char      *title,
         const char      *subtitle,
         const char      *action,
         GVariant        *target)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The arrow is a button that the row activates: GTK 4.8 gives list rows no
   * action over AT-SPI, so a screen reader (and dogtail) needs the button. */
  if (action != NULL)
    {
      GtkWidget *arrow = gtk_button_new_from_icon_name ("go-next-symbolic");

      gtk_widget_add_css_class (arrow, "flat");
      gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (arrow), action);
      if (target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (arrow), target);
      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), arrow);
    }
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_list_box_append (self->overview_lists[list], row);
  return row;
}

static GVariant *
record_target (const char *kind,
               gint64      id)
{
  return g_variant_new ("(sx)", kind, id);
}

static void
add_goal_row (GuildChartsPage *self,
              const char      *title,
              guint            done,
              guint            goal)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (goal > 0)
    /* Translators: progress towards a goal, "3 of 5". */
    subtitle = g_strdup_printf (_("%u of %u"), done, goal);
  else
    /* Translators: a figure of this week without a goal set; %u is the figure. */
    subtitle = g_strdup_printf (_("%u — no goal set"), done);

  row = add_row (self, LIST_WEEK, title, subtitle, "app.preferences", NULL);

  if (goal > 0)
    {
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, goal);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (done, goal));
      gtk_widget_set_size_request (bar, 96, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
      /* The bar goes before the row's arrow. */
      gtk_widget_insert_after (bar, gtk_widget_get_parent (bar), NULL);
      gtk_widget_insert_before (bar, gtk_widget_get_parent (bar),
                                gtk_widget_get_last_child (gtk_widget_get_parent (bar)));
    }
}

static char *
suggestion_text (GuildStrategy  strategy,
                 const char    *community)
{
  switch (strategy)
    {
    case GUILD_STRATEGY_LEARNING:
      /* Translators: a suggestion from the seed's learning strategy; %s is a community. */
      return g_strdup_printf (_("Ask a question in %s"), community);
    case GUILD_STRATEGY_VALUE_CREATION:
      /* Translators: a suggestion from the seed's value creation strategy; %s is a community. */
      return g_strdup_printf (_("Share something you learned in %s"), community);
    case GUILD_STRATEGY_CONNECTING:
      /* Translators: a suggestion from the seed's connecting strategy; %s is a community. */
      return g_strdup_printf (_("Write to someone you met in %s"), community);
    case GUILD_N_STRATEGIES:
    default:
      g_return_val_if_reached (g_strdup (community));
    }
}

static const char *
suggestion_reason (GuildStrategy strategy)
{
  switch (strategy)
    {
    case GUILD_STRATEGY_LEARNING:
      return _("Learning is the strategy you have used least this month");
    case GUILD_STRATEGY_VALUE_CREATION:
      return _("Value creation is the strategy you have used least this month");
    case GUILD_STRATEGY_CONNECTING:
      return _("Connecting is the strategy you have used least this month");
    case GUILD_N_STRATEGIES:
    default: g_return_val_if_reached ("");
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_overview (GuildChartsPage *self)
{
  GuildOverview *o = self->overview;
  g_autofree char *streak = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->overview_lists); i++)
    clear_list (self->overview_lists[i]);

  add_goal_row (self, _("Sessions this week"), o->done[GUILD_GOAL_SESSIONS_PER_WEEK],
                o->goal[GUILD_GOAL_SESSIONS_PER_WEEK]);
  add_goal_row (self, _("Minutes this week"), o->done[GUILD_GOAL_MINUTES_PER_WEEK],
                o->goal[GUILD_GOAL_MINUTES_PER_WEEK]);
  add_goal_row (self, _("New connections this month"), o->done[GUILD_GOAL_CONNECTIONS_PER_MONTH],
                o->goal[GUILD_GOAL_CONNECTIONS_PER_MONTH]);
  add_goal_row (self, _("Publications this month"), o->done[GUILD_GOAL_PUBLICATIONS_PER_MONTH],
                o->goal[GUILD_GOAL_PUBLICATIONS_PER_MONTH]);
  add_goal_row (self, _("Events this month"), o->done[GUILD_GOAL_EVENTS_PER_MONTH],
                o->goal[GUILD_GOAL_EVENTS_PER_MONTH]);

  /* Translators: the streak in the overview. */
  streak = g_strdup_printf (ngettext ("%u week in a row at the sessions goal",
                                      "%u weeks in a row at the sessions goal",
                                      o->year->streak_weeks),
                            o->year->streak_weeks);
  add_row (self, LIST_WEEK, _("Streak"), streak, NULL, NULL);

  for (guint i = 0; i < o->upcoming->len; i++)
    {
      GuildOverviewItem *item = g_ptr_array_index (o->upcoming, i);
      g_autofree char *when = guild_format_event_time (item->when, FALSE);

      add_row (self, LIST_UPCOMING, item->name, when, "win.show-record",
               record_target ("event", item->id));
    }
  if (o->upcoming->len == 0)
    add_row (self, LIST_UPCOMING, _("Nothing planned in the next 7 days"),
             _("Open the calendar"), "win.view", g_variant_new_string ("calendar"));

  for (guint i = 0; i < o->due->len; i++)
    {
      GuildOverviewItem *item = g_ptr_array_index (o->due, i);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (item->when);
      g_autofree char *day = guild_format_date_time (dt, _("%-d %B"));
      g_autofree char *subtitle = NULL;

      /* Translators: a contact due for follow-up; %s is a day and month. */
      subtitle = g_strdup_printf (_("Time to get in touch — since %s"), day);
      add_row (self, LIST_FOLLOW_UP, item->name, subtitle, "win.show-record",
               record_target ("contact", item->id));
    }
  for (guint i = 0; i < o->quiet->len; i++)
    {
      GuildOverviewItem *item = g_ptr_array_index (o->quiet, i);
      g_autofree char *subtitle = NULL;

      if (item->when > 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (item->when);
          g_autofree char *day = guild_format_date_time (dt, _("%-d %B %Y"));

          /* Translators: a community gone quiet; %s is the day of its latest activity. */
          subtitle = g_strdup_printf (_("Quiet — last activity on %s"), day);
        }
      else
        subtitle = g_strdup (_("Quiet — no activity logged yet"));

      add_row (self, LIST_FOLLOW_UP, item->name, subtitle, "win.show-record",
               record_target ("community", item->id));
    }
  if (o->due->len == 0 && o->quiet->len == 0)
    add_row (self, LIST_FOLLOW_UP, _("Nobody is due and no community has gone quiet"),
             _("Open your contacts"), "win.view", g_variant_new_string ("contacts"));

  if (o->suggest_community > 0)
    {
      g_autofree char *title = suggestion_text (o->neglected, o->suggest_community_name);

      add_row (self, LIST_SUGGESTIONS, title, suggestion_reason (o->neglected),
               "win.show-record", record_target ("community", o->suggest_community));
    }
  else
    add_row (self, LIST_SUGGESTIONS, _("Join a community to get suggestions"),
             _("Add one in the Communities view"), "win.view",
             g_variant_new_string ("communities"));
}

static GtkListBox *
add_overview_section (GuildChartsPage *self,
                      const char      *heading)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), list);
  gtk_flow_box_append (self->overview_box, box);

  return GTK_LIST_BOX (list);
}

/* Section: charts */

/* What a card knows of its chart: how to export it, and under what name. */
typedef struct
{
  GuildChartExportFunc  export;
  char                 *file_name;
} CardInfo;

static void
card_info_free (gpointer data)
{
  CardInfo *info = data;

  g_free (info->file_name);
  g_free (info);
}

typedef struct
{
  GtkWidget        *chart;
  GuildChartFormat  format;
} ExportData;

static void
on_save_file_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportData *data = user_data;
  CardInfo *info = g_object_get_data (G_OBJECT (data->chart), "guild-chart-card");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = guild_compat_save_file_finish (result, &error);
  g_autofree char *path = NULL;

  if (file != NULL && (path = g_file_get_path (file)) != NULL && info != NULL &&
      !info->export (data->chart, path, data->format, &error))
    {
      GtkRoot *root = gtk_widget_get_root (data->chart);

      g_warning ("Could not export a chart: %s", error->message);
      if (GUILD_IS_WINDOW (root))
        guild_window_add_toast (GUILD_WINDOW (root), adw_toast_new (error->message));
    }

  g_object_unref (data->chart);
  g_free (data);
}

static void
on_export_activate_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWidget *chart = user_data;
  const char *format = g_variant_get_string (parameter, NULL);
  ExportData *data = g_new0 (ExportData, 1);
  g_autofree char *name = NULL;
  CardInfo *info = g_object_get_data (G_OBJECT (chart), "guild-chart-card");

  data->chart = g_object_ref (chart);
  data->format = g_str_equal (format, "svg") ? GUILD_CHART_FORMAT_SVG : GUILD_CHART_FORMAT_PNG;
  name = g_strdup_printf ("%s.%s", info && info->file_name ? info->file_name : "chart", format);

  guild_compat_save_file (chart, _("Export Chart"), name, NULL, on_save_file_cb, data);
}

static gboolean
export_chart (GtkWidget         *chart,
              const char        *path,
              GuildChartFormat   format,
              GError           **error)
{
  return guild_chart_export (GUILD_CHART (chart), path, format, error);
}

/* A card around @chart: its title, a subtitle if any, a menu to export it
 * with @export, and the chart. */
static GtkWidget *
make_card (GtkWidget            *chart,
           const char           *title,
           const char           *subtitle,
           const char           *file_name,
           GuildChartExportFunc  export_func)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) export = g_simple_action_new ("export", G_VARIANT_TYPE_STRING);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *menu_label = NULL;
  CardInfo *info;
  GtkWidget *card, *header, *titles, *label, *button;

  if (title == NULL)
    title = "";

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "guild-chart-card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 6);
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (titles), label);
  if (subtitle != NULL)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (titles), label);
    }
  gtk_box_append (GTK_BOX (header), titles);

  g_menu_append (menu, _("Export as PNG…"), "chart.export::png");
  g_menu_append (menu, _("Export as SVG…"), "chart.export::svg");
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: the menu button of a chart; %s is its title. */
  menu_label = g_strdup_printf (_("Export “%s”"), title);
  gtk_widget_set_tooltip_text (button, _("Export"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
  gtk_box_append (GTK_BOX (header), button);
  gtk_box_append (GTK_BOX (card), header);

  gtk_widget_set_vexpand (chart, TRUE);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  info = g_new0 (CardInfo, 1);
  info->export = export_func;
  info->file_name = g_strdup (file_name);
  g_object_set_data_full (G_OBJECT (chart), "guild-chart-card", info, card_info_free);
  gtk_box_append (GTK_BOX (card), chart);

  g_signal_connect_object (export, "activate", G_CALLBACK (on_export_activate_cb), chart, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (export));
  gtk_widget_insert_action_group (card, "chart", G_ACTION_GROUP (group));

  return card;
}

static void
add_chart (GuildChartsPage *self,
           GuildChartsId    id)
{
  GtkWidget *chart = guild_chart_new ();
  GtkWidget *card;

  guild_chart_set_title (GUILD_CHART (chart), guild_charts_get_title (id));
  card = make_card (chart, guild_charts_get_title (id), NULL, guild_charts_get_file_name (id),
                    export_chart);
  self->charts[id] = GUILD_CHART (chart);

  if (id == GUILD_CHARTS_HEATMAP)
    {
      /* The heatmap spans the width, under the toolbar. */
      gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->charts_box))),
                                  card, gtk_widget_get_prev_sibling (GTK_WIDGET (self->charts_box)));
    }
  else
    gtk_flow_box_append (self->charts_box, card);
}

/* The skills chart of the Learning window, after the courses chart. It
 * shows every skill as it is now, whatever the period and the community, and
 * loads and follows the store by itself once the page loads. */
static void
add_skills_chart (GuildChartsPage *self)
{
  GtkWidget *chart = guild_skills_chart_new (NULL);

  self->skills_chart = GUILD_SKILLS_CHART (chart);
  gtk_widget_set_valign (chart, GTK_ALIGN_START);
  gtk_flow_box_append (self->charts_box,
                       make_card (chart, _("Skills: Current and Target Level"),
                                  _("All your skills as they are now, whatever the period or community"),
                                  "skills", guild_skills_chart_export));
}

static void
fill_charts (GuildChartsPage *self)
{
  GuildChartsPeriod period = selected_period (self);
  char today[12];

  today_string (today);

  for (guint id = 0; id < GUILD_CHARTS_N_CHARTS; id++)
    {
      GuildMetrics *m = id == GUILD_CHARTS_HEATMAP ? self->heatmap : self->metrics;
      g_autoptr(GuildChartData) data = NULL;
      g_autofree char *description = NULL;

      if (m == NULL)
        continue;

      data = guild_charts_build (id, m, m->sessions_goal, today);
      description = guild_charts_describe (id, m, period, today);
      guild_chart_set_data (self->charts[id], data);
      guild_chart_set_description (self->charts[id], description);
    }
}

/* Section: loading */

/* A database with nothing in it yet gets the view's empty state, which says
 * what to do, rather than a page of empty charts. */
static gboolean
nothing_recorded (GuildChartsPage *self)
{
  GuildOverview *o = self->overview;
  GuildMetrics *m = self->metrics;

  return o != NULL && m != NULL &&
         self->community_ids->len <= 1 &&
         o->upcoming->len == 0 &&
         o->year->totals.activities == 0 && o->year->totals.checkins == 0 &&
         o->year->totals.connections_total == 0 && o->year->totals.events_attended == 0 &&
         m->totals.activities == 0 && m->totals.checkins == 0 &&
         m->totals.connections_total == 0 && m->totals.events_attended == 0;
}

static void
finish_one (GuildChartsPage *self,
            guint           *pending)
{
  g_assert (*pending > 0);

  if (--*pending > 0 || self->pending_charts > 0 || self->pending_overview > 0)
    return;

  if (self->overview != NULL)
    {
      if (selected_community (self) == 0 && self->heatmap != self->overview->year)
        {
          g_clear_pointer (&self->heatmap, guild_metrics_unref);
          self->heatmap = guild_metrics_ref (self->overview->year);
        }
      if (self->overview_changed)
        fill_overview (self);
      self->overview_changed = FALSE;
    }
  if (self->metrics != NULL)
    fill_charts (self);

  gtk_stack_set_visible_child_name (self->stack, guild_view_state_get_name (
    nothing_recorded (self) ? GUILD_VIEW_STATE_EMPTY : GUILD_VIEW_STATE_ITEMS));
}

/* A result that arrives after dispose (a worker may finish in the moment
 * between the cancel and its check) is dropped. */
static gboolean
is_disposed (GuildChartsPage *self,
             GuildMetrics    *m)
{
  if (self->community_ids != NULL)
    return FALSE;

  if (m != NULL)
    guild_metrics_unref (m);
  return TRUE;
}

static void
on_metrics_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GuildChartsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GuildMetrics *m = guild_store_metrics_finish (GUILD_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_disposed (self, m))
    return;
  if (m == NULL)
    g_warning ("Could not compute the charts: %s", error->message);
  else
    {
      g_clear_pointer (&self->metrics, guild_metrics_unref);
      self->metrics = m;
    }

  finish_one (self, &self->pending_charts);
}

static void
on_heatmap_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GuildChartsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GuildMetrics *m = guild_store_metrics_finish (GUILD_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_disposed (self, m))
    return;
  if (m == NULL)
    g_warning ("Could not compute the heatmap: %s", error->message);
  else
    {
      g_clear_pointer (&self->heatmap, guild_metrics_unref);
      self->heatmap = m;
    }

  finish_one (self, &self->pending_charts);
}

static void
on_overview_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GuildChartsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GuildOverview *o = guild_store_overview_finish (GUILD_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->community_ids == NULL)
    {
      g_clear_pointer (&o, guild_overview_unref);
      return;
    }
  if (o == NULL)
    g_warning ("Could not compute the overview: %s", error->message);
  else
    {
      g_clear_pointer (&self->overview, guild_overview_unref);
      self->overview = o;
      self->overview_changed = TRUE;
    }

  finish_one (self, &self->pending_overview);
}

static void
on_communities_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GuildChartsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = guild_store_list_finish (GUILD_STORE (object), result, &error);
  g_autoptr(GPtrArray) names = NULL;
  gint64 selected;
  guint position = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->community_ids == NULL)
    return;
  if (records == NULL)
    {
      g_warning ("Could not list the communities: %s", error->message);
      finish_one (self, &self->pending_overview);
      return;
    }

  selected = selected_community (self);
  names = g_ptr_array_new ();
  g_array_set_size (self->community_ids, 1);
  g_ptr_array_add (names, (gpointer) _("All Communities"));
  for (guint i = 0; i < records->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (records, i);
      gint64 id = guild_record_get_id (record);

      g_array_append_val (self->community_ids, id);
      g_ptr_array_add (names, (gpointer) guild_record_get_text (record, "name"));
      if (id == selected)
        position = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->filling_communities = TRUE;
  gtk_string_list_splice (self->community_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->community_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->community_dropdown, position);
  self->filling_communities = FALSE;

  finish_one (self, &self->pending_overview);
}

static void
reload (GuildChartsPage *self,
        ReloadFlags      flags)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GuildChartsPeriod period;
  GuildMetricsQuery query = { 0 };
  GuildOverviewQuery overview = { 0 };
  g_autofree char *from = NULL;
  gint64 community;
  char today[12];
  GDate date;

  g_assert (GUILD_IS_CHARTS_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  /* A newer request makes an older one's results useless: cancel it. A
   * cancelled callback returns without counting itself done. */
  g_cancellable_cancel (self->charts_cancellable);
  g_clear_object (&self->charts_cancellable);
  self->charts_cancellable = g_cancellable_new ();
  self->pending_charts = 0;
  if (flags == RELOAD_ALL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->pending_overview = 0;
    }

  today_string (today);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  period = selected_period (self);
  community = selected_community (self);
  from = guild_charts_period_from (period, &date);

  query.from = from;
  query.to = today;
  query.community = community;
  self->pending_charts++;
  guild_store_metrics_async (self->store, &query, self->charts_cancellable, on_metrics_cb,
                             g_object_ref (self));

  if (community != 0)
    {
      g_autofree char *year = guild_charts_period_from (GUILD_CHARTS_PERIOD_YEAR, &date);
      GuildMetricsQuery heat = { year, today, community, NULL };

      self->pending_charts++;
      guild_store_metrics_async (self->store, &heat, self->charts_cancellable, on_heatmap_cb,
                                 g_object_ref (self));
    }

  if (flags != RELOAD_ALL)
    return;

  overview.today = today;
  overview.now = g_date_time_to_unix (now);
  overview.quiet_weeks = self->settings ? g_settings_get_int (self->settings, "quiet-weeks") : 3;
  self->pending_overview++;
  guild_store_overview_async (self->store, &overview, self->cancellable, on_overview_cb,
                              g_object_ref (self));

  self->pending_overview++;
  guild_store_list_async (self->store, GUILD_RECORD_COMMUNITY, self->cancellable,
                          on_communities_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  GuildChartsPage *self = user_data;

  self->reload_source = 0;
  reload (self, RELOAD_ALL);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (GuildChartsPage *self)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  if (!self->requested)
    return;

  /* Aggregates are not free on big data: recompute only when on screen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add_full (G_PRIORITY_LOW, RELOAD_DELAY_MS, reload_cb, self, NULL);
}

static void
on_store_changed_cb (GuildChartsPage *self,
                     guint            kind,
                     gint64           id,
                     guint            change,
                     GuildStore      *store)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  queue_reload (self);
}

static void
on_settings_changed_cb (GuildChartsPage *self,
                        const char      *key,
                        GSettings       *settings)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  queue_reload (self);
}

static void
on_filter_changed_cb (GuildChartsPage *self)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  if (self->requested && !self->filling_communities)
    reload (self, RELOAD_CHARTS);
}

static void
on_period_toggled_cb (GuildChartsPage *self,
                      GtkToggleButton *button)
{
  g_assert (GUILD_IS_CHARTS_PAGE (self));

  /* Of the two buttons that change, the one turned on reloads. */
  if (gtk_toggle_button_get_active (button))
    {
      gtk_drop_down_set_selected (self->period_dropdown, selected_period (self));
      on_filter_changed_cb (self);
    }
}

/* The narrow window's drop-down presses the button of its period, which
 * reloads; set back to the same period, it changes nothing. */
static void
on_period_selected_cb (GuildChartsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  g_assert (GUILD_IS_CHARTS_PAGE (self));

  if (selected < G_N_ELEMENTS (self->period_buttons))
    gtk_toggle_button_set_active (self->period_buttons[selected], TRUE);
}

/* Section: GtkWidget */

/* Below this width the toolbar's title goes above the period and the
 * community, which then have the width to themselves. */
#define NARROW_WIDTH 560

static gboolean
apply_narrow_cb (gpointer user_data)
{
  GuildChartsPage *self = user_data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;
  GtkWidget *buttons = gtk_widget_get_parent (GTK_WIDGET (self->period_buttons[0]));

  self->narrow_source = 0;
  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->toolbar, narrow ? 6 : 12);
  /* Narrow, the four buttons would not fit beside the community anyway:
   * hidden (they still hold the period), the squeezer asks only for the
   * drop-down's width, leaving the rest to the community's name. */
  gtk_widget_set_visible (buttons, !narrow);
  return G_SOURCE_REMOVE;
}

/* The toolbar's layout follows the width the page gets; changing it while
 * allocating would ask for another allocation from inside this one, so it
 * changes right after. Either layout fits a narrow window. */
static void
guild_charts_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (widget);
  int narrow = width < NARROW_WIDTH;

  if (narrow != self->narrow && self->narrow_source == 0)
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_cb, self, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
guild_charts_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* With a layout manager GTK would not call size_allocate, so the page
 * measures its one child itself. */
static void
guild_charts_page_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
guild_charts_page_map (GtkWidget *widget)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (widget);

  GTK_WIDGET_CLASS (guild_charts_page_parent_class)->map (widget);

  if (self->dirty)
    queue_reload (self);
}

/* Section: GObject */

static void
guild_charts_page_dispose (GObject *object)
{
  GuildChartsPage *self = (GuildChartsPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->charts_cancellable);
  g_clear_object (&self->charts_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_CHARTS_PAGE);

  /* A widget with a layout manager unparents its own children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->community_names);
  g_clear_pointer (&self->community_ids, g_array_unref);
  g_clear_pointer (&self->metrics, guild_metrics_unref);
  g_clear_pointer (&self->heatmap, guild_metrics_unref);
  g_clear_pointer (&self->overview, guild_overview_unref);

  G_OBJECT_CLASS (guild_charts_page_parent_class)->dispose (object);
}

static void
guild_charts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_charts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GuildChartsPage *self = GUILD_CHARTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      guild_charts_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
guild_charts_page_class_init (GuildChartsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_charts_page_dispose;
  object_class->get_property = guild_charts_page_get_property;
  object_class->set_property = guild_charts_page_set_property;

  widget_class->map = guild_charts_page_map;
  widget_class->size_allocate = guild_charts_page_size_allocate;
  widget_class->measure = guild_charts_page_measure;
  widget_class->get_request_mode = guild_charts_page_get_request_mode;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         GUILD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX
                                               "/charts/guild-charts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, charts_box);
  gtk_widget_class_bind_template_child_full (widget_class, "period_4_weeks", FALSE,
                                             G_STRUCT_OFFSET (GuildChartsPage, period_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "period_quarter", FALSE,
                                             G_STRUCT_OFFSET (GuildChartsPage, period_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "period_year", FALSE,
                                             G_STRUCT_OFFSET (GuildChartsPage, period_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "period_all", FALSE,
                                             G_STRUCT_OFFSET (GuildChartsPage, period_buttons[3]));
  gtk_widget_class_bind_template_callback (widget_class, on_period_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, toolbar);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, GuildChartsPage, community_dropdown);

}

static void
guild_charts_page_init (GuildChartsPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  gint64 all = 0;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  guild_a11y_follow_stack (GTK_WIDGET (self->stack));
  self->narrow = -1;
  /* The drop-down starts where the buttons do (Quarter). */
  gtk_drop_down_set_selected (self->period_dropdown, selected_period (self));

  if (source != NULL &&
      (schema = g_settings_schema_source_lookup (source, "io.github.guildapp.Guild", TRUE)) != NULL)
    self->settings = g_settings_new ("io.github.guildapp.Guild");

  self->community_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (self->community_ids, all);
  self->community_names = gtk_string_list_new ((const char * const []) { _("All Communities"), NULL });
  gtk_drop_down_set_model (self->community_dropdown, G_LIST_MODEL (self->community_names));
  factory = guild_label_factory_new (TRUE, 24);
  gtk_drop_down_set_factory (self->community_dropdown, factory);
  g_object_unref (factory);
  factory = guild_label_factory_new (FALSE, 40);
  gtk_drop_down_set_list_factory (self->community_dropdown, factory);
  g_object_unref (factory);

  self->overview_lists[LIST_WEEK] = add_overview_section (self, _("This Week"));
  self->overview_lists[LIST_UPCOMING] = add_overview_section (self, _("Next 7 Days"));
  self->overview_lists[LIST_FOLLOW_UP] = add_overview_section (self, _("Follow Up"));
  self->overview_lists[LIST_SUGGESTIONS] = add_overview_section (self, _("Suggestion"));

  for (guint id = 0; id < GUILD_CHARTS_N_CHARTS; id++)
    {
      add_chart (self, id);
      if (id == GUILD_CHARTS_COURSES)
        add_skills_chart (self);
    }

  g_signal_connect_object (self->community_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::quiet-weeks",
                             G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Section: public API */

/**
 * guild_charts_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store shown
 */
GuildStore *
guild_charts_page_get_store (GuildChartsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), NULL);

  return self->store;
}

/**
 * guild_charts_page_set_store:
 * @store: (nullable): the store to show
 *
 * Sets the store the page shows. Nothing is read until
 * guild_charts_page_load() is called.
 */
void
guild_charts_page_set_store (GuildChartsPage *self,
                             GuildStore      *store)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));
  g_return_if_fail (store == NULL || GUILD_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);

  if (!g_set_object (&self->store, store))
    return;

  self->requested = FALSE;
  self->dirty = FALSE;
  guild_skills_chart_set_store (self->skills_chart, NULL);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  if (store != NULL)
    g_signal_connect_object (store, "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

/**
 * guild_charts_page_load:
 *
 * Computes the charts, on workers, the first time it is called; afterwards
 * the page recomputes them when the store changes.
 */
void
guild_charts_page_load (GuildChartsPage *self)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));

  if (self->store == NULL || self->requested)
    return;

  self->requested = TRUE;
  guild_skills_chart_set_store (self->skills_chart, self->store);
  reload (self, RELOAD_ALL);
}

/**
 * guild_charts_page_get_chart:
 *
 * Returns: (transfer none): one of the page's charts, for the tests
 */
GtkWidget *
guild_charts_page_get_chart (GuildChartsPage *self,
                             guint            id)
{
  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), NULL);
  g_return_val_if_fail (id < GUILD_CHARTS_N_CHARTS, NULL);

  return GTK_WIDGET (self->charts[id]);
}

/**
 * guild_charts_page_is_loading:
 *
 * Returns: whether figures are being computed
 */
gboolean
guild_charts_page_is_loading (GuildChartsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), FALSE);

  return self->pending_charts > 0 || self->pending_overview > 0 || self->reload_source != 0;
}

/**
 * guild_charts_page_set_period:
 *
 * Shows @period, as if its button was pressed.
 */
void
guild_charts_page_set_period (GuildChartsPage   *self,
                              GuildChartsPeriod  period)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));
  g_return_if_fail (period <= GUILD_CHARTS_PERIOD_ALL);

  gtk_toggle_button_set_active (self->period_buttons[period], TRUE);
}

/**
 * guild_charts_page_add_chart:
 * @chart: a #GuildChart with its title set, which the caller keeps filled
 * @file_name: the name its export offers, without an extension
 *
 * Adds a chart of another feature (the skills chart, say) to the page, in
 * a card like the others', with the same export menu.
 */
void
guild_charts_page_add_chart (GuildChartsPage *self,
                             GuildChart      *chart,
                             const char      *file_name)
{
  g_return_if_fail (GUILD_IS_CHARTS_PAGE (self));
  g_return_if_fail (GUILD_IS_CHART (chart));
  g_return_if_fail (file_name != NULL);

  gtk_flow_box_append (self->charts_box,
                       make_card (GTK_WIDGET (chart), guild_chart_get_title (chart), NULL,
                                  file_name, export_chart));
}

/**
 * _guild_charts_page_get_skills_chart:
 *
 * Returns: (transfer none): the skills chart's widget, for the tests
 */
GtkWidget *
_guild_charts_page_get_skills_chart (GuildChartsPage *self)
{
  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), NULL);

  return GTK_WIDGET (self->skills_chart);
}

/**
 * _guild_charts_page_export:
 * @chart: a chart in one of the page's cards
 *
 * Exports @chart the way its card's menu does, without the file chooser:
 * for the tests.
 */
gboolean
_guild_charts_page_export (GuildChartsPage   *self,
                           GtkWidget         *chart,
                           const char        *path,
                           GuildChartFormat   format,
                           GError           **error)
{
  CardInfo *info;

  g_return_val_if_fail (GUILD_IS_CHARTS_PAGE (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (chart), FALSE);

  info = g_object_get_data (G_OBJECT (chart), "guild-chart-card");
  g_return_val_if_fail (info != NULL, FALSE);

  return info->export (chart, path, format, error);
}
