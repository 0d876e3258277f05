/* guild-month-view.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-month-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-format.h"
#include "guild-month-view.h"
#include "guild-store-events.h"

/* A month drawn as a calendar: a row of weekday names, then one row per week
 * with a cell per day. A cell holds its day's number (a button that selects
 * the day) and its events as coloured chips, and "+N more" when they do not
 * fit. The cells are made once; a month switch relabels them and rebuilds
 * only the chips of the occurrences the page loaded for the visible range. */

struct _GuildMonthView
{
  GtkWidget         parent_instance;

  /* Owned */
  GtkWidget        *grid;
  GtkWidget        *headers[7];
  GtkWidget        *cells[7 * GUILD_MONTH_MAX_WEEKS];
  GtkWidget        *day_buttons[7 * GUILD_MONTH_MAX_WEEKS];
  GtkWidget        *chip_boxes[7 * GUILD_MONTH_MAX_WEEKS];
  GPtrArray        *occurrences;
  GTimeZone        *tz;

  GuildMonthLayout  layout;
  /* The local midnight starting each shown day, and the one after the last,
   * UTC seconds; and 00:00 UTC of the first day's date, for all-day events. */
  gint64            midnights[7 * GUILD_MONTH_MAX_WEEKS + 1];
  gint64            first_date_utc;
  guint             year;
  guint             month;
  gboolean          compact;
  GDate             today;
  GDate             selected;
};

enum {
  DAY_SELECTED,
  OCCURRENCE_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildMonthView, guild_month_view, GTK_TYPE_WIDGET)

static guint
cell_index_of (GuildMonthView *self,
               GtkWidget      *widget)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->cells); i++)
    if (self->cells[i] == widget || self->day_buttons[i] == widget ||
        gtk_widget_is_ancestor (widget, self->cells[i]))
      return i;

  g_return_val_if_reached (0);
}

static void
select_cell (GuildMonthView *self,
             guint           index)
{
  GDate day;

  guild_month_layout_day (&self->layout, index, &day);
  guild_month_view_set_selected (self, &day);
  g_signal_emit (self, signals [DAY_SELECTED], 0, g_date_get_julian (&day));
}

static void
on_day_button_clicked_cb (GuildMonthView *self,
                          GtkButton      *button)
{
  g_assert (GUILD_IS_MONTH_VIEW (self));

  select_cell (self, cell_index_of (self, GTK_WIDGET (button)));
}

static void
on_cell_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GuildMonthView  *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  select_cell (self, cell_index_of (self, cell));
}

static void
on_chip_clicked_cb (GuildMonthView *self,
                    GtkButton      *chip)
{
  gint64 *data = g_object_get_data (G_OBJECT (chip), "guild-occurrence");

  g_assert (GUILD_IS_MONTH_VIEW (self));

  g_signal_emit (self, signals [OCCURRENCE_ACTIVATED], 0, data[0], data[1]);
}

static void
on_more_clicked_cb (GuildMonthView *self,
                    GtkButton      *button)
{
  g_assert (GUILD_IS_MONTH_VIEW (self));

  select_cell (self, cell_index_of (self, GTK_WIDGET (button)));
}

static char *
format_day_label (guint        weekday,
                  const GDate *day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                                                 g_date_get_day (day), 0, 0, 0);
  /* Translators: a day in the calendar without its weekday, as in "5 November".
   * %B is the month's name as it follows a day number. */
  /* xgettext:no-c-format */
  g_autofree char *date = guild_format_date_time (dt, C_("calendar day", "%-d %B"));

  /* Translators: a day in the calendar, for screen readers: the weekday and
   * the date, as in "Tuesday, 5 November". */
  return g_strdup_printf (C_("calendar day", "%s, %s"), guild_weekday_name (weekday), date);
}

static void
update_cells (GuildMonthView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->cells); i++)
    {
      GtkWidget *cell = self->cells[i];
      guint row = i / 7;
      GDate day;
      char number[4];
      g_autofree char *accessible = NULL;

      gtk_widget_set_visible (cell, row < self->layout.n_weeks);
      if (row >= self->layout.n_weeks)
        continue;

      guild_month_layout_day (&self->layout, i, &day);
      g_snprintf (number, sizeof number, "%u", g_date_get_day (&day));
      gtk_button_set_label (GTK_BUTTON (self->day_buttons[i]), number);
      accessible = format_day_label (guild_month_layout_weekday (&self->layout, i % 7), &day);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

      if (g_date_get_month (&day) != self->month)
        gtk_widget_add_css_class (cell, "dimmed");
      else
        gtk_widget_remove_css_class (cell, "dimmed");

      if (g_date_valid (&self->today) && g_date_compare (&day, &self->today) == 0)
        gtk_widget_add_css_class (cell, "today");
      else
        gtk_widget_remove_css_class (cell, "today");

      if (g_date_valid (&self->selected) && g_date_compare (&day, &self->selected) == 0)
        gtk_widget_add_css_class (cell, "selected");
      else
        gtk_widget_remove_css_class (cell, "selected");
    }

  for (guint c = 0; c < 7; c++)
    {
      guint weekday = guild_month_layout_weekday (&self->layout, c);

      gtk_label_set_label (GTK_LABEL (self->headers[c]), guild_weekday_abbreviation (weekday));
    }
}

/* Every cell keeps GUILD_MONTH_VIEW_CHIP_ROWS chips and a "+N more" made
 * once: a month switch only relabels and recolours them, which keeps it
 * within a frame however many events the month holds. */
static GtkWidget *
make_chip (GuildMonthView *self)
{
  GtkWidget *chip = gtk_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_button_set_child (GTK_BUTTON (chip), label);
  gtk_widget_add_css_class (chip, "guild-chip");
  gtk_widget_set_visible (chip, FALSE);
  g_object_set_data_full (G_OBJECT (chip), "guild-occurrence", g_new0 (gint64, 2), g_free);
  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return chip;
}

static void
show_chip (GuildMonthView        *self,
           GtkWidget             *chip,
           const GuildOccurrence *occurrence)
{
  const char *old_class = g_object_get_data (G_OBJECT (chip), "guild-kind-class");
  g_autofree char *css = g_strconcat ("kind-", occurrence->kind, NULL);
  g_autofree char *text = NULL;
  gint64 *data = g_object_get_data (G_OBJECT (chip), "guild-occurrence");

  if (occurrence->all_day)
    text = g_strdup (occurrence->title);
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (occurrence->start);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* Translators: an event in a calendar cell: its start time and title,
       * as in "19:00 Python meetup". */
      text = g_strdup_printf (C_("calendar chip", "%s %s"), time, occurrence->title);
    }

  if (g_strcmp0 (old_class, css) != 0)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (chip, old_class);
      gtk_widget_add_css_class (chip, css);
      g_object_set_data_full (G_OBJECT (chip), "guild-kind-class", g_steal_pointer (&css), g_free);
    }

  /* Too narrow for text: a coloured bar per event, named for screen readers
   * and in its tooltip. */
  gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (chip))), text);
  gtk_widget_set_visible (gtk_button_get_child (GTK_BUTTON (chip)), !self->compact);
  if (self->compact)
    gtk_widget_add_css_class (chip, "compact");
  else
    gtk_widget_remove_css_class (chip, "compact");
  if (g_strcmp0 (occurrence->status, "cancelled") == 0)
    gtk_widget_add_css_class (chip, "cancelled");
  else
    gtk_widget_remove_css_class (chip, "cancelled");

  gtk_widget_set_tooltip_text (chip, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
  data[0] = occurrence->event_id;
  data[1] = occurrence->start;
  gtk_widget_set_visible (chip, TRUE);
}

static void
update_midnights (GuildMonthView *self)
{
  g_autoptr(GDateTime) utc = NULL;
  guint n = 7 * self->layout.n_weeks;

  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(GDateTime) midnight = NULL;
      GDate d;

      guild_month_layout_day (&self->layout, i, &d);
      midnight = g_date_time_new (self->tz, g_date_get_year (&d), g_date_get_month (&d),
                                  g_date_get_day (&d), 0, 0, 0);
      self->midnights[i] = g_date_time_to_unix (midnight);
    }

  utc = g_date_time_new_utc (g_date_get_year (&self->layout.first),
                             g_date_get_month (&self->layout.first),
                             g_date_get_day (&self->layout.first), 0, 0, 0);
  self->first_date_utc = g_date_time_to_unix (utc);
}

/**
 * guild_month_view_index_of:
 *
 * Returns: the cell of the day @occurrence starts on, or -1 when it is not
 *   shown. Cheap: no date arithmetic per occurrence, so that a month with
 *   thousands of occurrences is placed within a frame.
 */
int
guild_month_view_index_of (GuildMonthView        *self,
                           const GuildOccurrence *occurrence)
{
  guint n;
  guint lo = 0, hi;

  g_return_val_if_fail (GUILD_IS_MONTH_VIEW (self), -1);
  g_return_val_if_fail (occurrence != NULL, -1);

  n = 7 * self->layout.n_weeks;

  /* An all-day occurrence is on its date wherever the user is. */
  if (occurrence->all_day)
    {
      gint64 offset = occurrence->start - self->first_date_utc;
      gint64 index;

      if (offset < 0)
        return -1;
      index = offset / (24 * 60 * 60);
      return index < n ? (int) index : -1;
    }

  if (occurrence->start < self->midnights[0] || occurrence->start >= self->midnights[n])
    return -1;

  /* The last midnight at or before the start. */
  hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->midnights[mid] <= occurrence->start)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

static void
update_chips (GuildMonthView *self)
{
  GPtrArray *per_cell[7 * GUILD_MONTH_MAX_WEEKS] = { NULL, };

  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      GuildOccurrence *occurrence = g_ptr_array_index (self->occurrences, i);
      int index;

      if ((index = guild_month_view_index_of (self, occurrence)) < 0)
        continue;
      if (per_cell[index] == NULL)
        per_cell[index] = g_ptr_array_new ();
      g_ptr_array_add (per_cell[index], occurrence);
    }

  for (guint i = 0; i < G_N_ELEMENTS (per_cell); i++)
    {
      guint n = per_cell[i] != NULL ? per_cell[i]->len : 0;
      guint shown = guild_month_visible_chips (n, GUILD_MONTH_VIEW_CHIP_ROWS);
      GtkWidget *child = gtk_widget_get_first_child (self->chip_boxes[i]);

      for (guint k = 0; k < GUILD_MONTH_VIEW_CHIP_ROWS;
           k++, child = gtk_widget_get_next_sibling (child))
        {
          if (k < shown)
            show_chip (self, child, g_ptr_array_index (per_cell[i], k));
          else
            gtk_widget_set_visible (child, FALSE);
        }

      /* The last child is "+N more". */
      if (shown < n)
        {
          g_autofree char *label = NULL;

          /* Translators: in a calendar day too full to show every event;
           * clicking it shows the day's events in the agenda. */
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more",
                                                n - shown),
                                   n - shown);
          gtk_button_set_label (GTK_BUTTON (child), label);
        }
      gtk_widget_set_visible (child, shown < n);

      g_clear_pointer (&per_cell[i], g_ptr_array_unref);
    }
}

/* Section: GObject */

static void
guild_month_view_dispose (GObject *object)
{
  GuildMonthView *self = (GuildMonthView *)object;

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (guild_month_view_parent_class)->dispose (object);
}

static void
guild_month_view_class_init (GuildMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = guild_month_view_dispose;

  /**
   * GuildMonthView::day-selected:
   * @julian: the day, as g_date_get_julian() numbers it
   */
  signals [DAY_SELECTED] =
    g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * GuildMonthView::occurrence-activated:
   * @event_id: the event
   * @start: the occurrence's start
   */
  signals [OCCURRENCE_ACTIVATED] =
    g_signal_new ("occurrence-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "guild-month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
guild_month_view_init (GuildMonthView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->tz = g_time_zone_new_local ();
  g_date_clear (&self->today, 1);
  g_date_clear (&self->selected, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (self->grid), FALSE);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);

  for (guint c = 0; c < 7; c++)
    {
      self->headers[c] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->headers[c], "weekday");
      gtk_widget_add_css_class (self->headers[c], "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), self->headers[c], c, 0, 1, 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->cells); i++)
    {
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *button = gtk_button_new_with_label ("");
      GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_widget_add_css_class (cell, "day");
      gtk_widget_set_hexpand (cell, TRUE);
      gtk_widget_set_vexpand (cell, TRUE);
      gtk_widget_set_overflow (cell, GTK_OVERFLOW_HIDDEN);
      gtk_widget_add_css_class (button, "day-number");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_day_button_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (cell), button);
      gtk_box_append (GTK_BOX (cell), chips);
      for (guint k = 0; k < GUILD_MONTH_VIEW_CHIP_ROWS; k++)
        gtk_box_append (GTK_BOX (chips), make_chip (self));
      {
        GtkWidget *more = gtk_button_new_with_label ("");

        gtk_widget_add_css_class (more, "guild-more");
        gtk_widget_add_css_class (more, "flat");
        gtk_widget_set_halign (more, GTK_ALIGN_START);
        gtk_widget_set_visible (more, FALSE);
        g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked_cb), self,
                                 G_CONNECT_SWAPPED);
        gtk_box_append (GTK_BOX (chips), more);
      }
      g_signal_connect_object (click, "pressed", G_CALLBACK (on_cell_pressed_cb), self, 0);
      gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));

      self->cells[i] = cell;
      self->day_buttons[i] = button;
      self->chip_boxes[i] = chips;
      gtk_grid_attach (GTK_GRID (self->grid), cell, i % 7, 1 + i / 7, 1, 1);
    }

  guild_month_view_set_month (self, g_date_time_get_year (now), g_date_time_get_month (now),
                              guild_week_start_from_locale ());
}

/* Section: public API */

GtkWidget *
guild_month_view_new (void)
{
  return g_object_new (GUILD_TYPE_MONTH_VIEW, NULL);
}

/**
 * guild_month_view_set_month:
 * @week_start: 0 (Sunday) to 6 (Saturday)
 *
 * Shows @month of @year. The chips go until the next
 * guild_month_view_set_occurrences().
 */
void
guild_month_view_set_month (GuildMonthView *self,
                            guint           year,
                            guint           month,
                            guint           week_start)
{
  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);

  self->year = year;
  self->month = month;
  guild_month_layout_compute (year, month, week_start, &self->layout);
  update_midnights (self);
  update_cells (self);
}

const GuildMonthLayout *
guild_month_view_get_layout (GuildMonthView *self)
{
  g_return_val_if_fail (GUILD_IS_MONTH_VIEW (self), NULL);

  return &self->layout;
}

/**
 * guild_month_view_get_range:
 * @start: (out): the first shown day's local midnight, UTC seconds
 * @end: (out): the local midnight after the last shown day
 */
void
guild_month_view_get_range (GuildMonthView *self,
                            gint64         *start,
                            gint64         *end)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  GDate after;

  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));

  guild_month_layout_day (&self->layout, 7 * self->layout.n_weeks, &after);
  first = g_date_time_new (self->tz, g_date_get_year (&self->layout.first),
                           g_date_get_month (&self->layout.first),
                           g_date_get_day (&self->layout.first), 0, 0, 0);
  last = g_date_time_new (self->tz, g_date_get_year (&after), g_date_get_month (&after),
                          g_date_get_day (&after), 0, 0, 0);
  *start = g_date_time_to_unix (first);
  *end = g_date_time_to_unix (last);
}

/**
 * guild_month_view_set_occurrences:
 * @occurrences: (nullable) (element-type GuildOccurrence): sorted by start
 */
void
guild_month_view_set_occurrences (GuildMonthView *self,
                                  GPtrArray      *occurrences)
{
  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));

  if (occurrences != NULL)
    g_ptr_array_ref (occurrences);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  self->occurrences = occurrences;
  update_chips (self);
}

/**
 * guild_month_view_set_compact:
 * @compact: whether the days are too narrow for the events' titles
 */
void
guild_month_view_set_compact (GuildMonthView *self,
                              gboolean        compact)
{
  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));

  if (self->compact == !!compact)
    return;

  self->compact = !!compact;
  update_chips (self);
}

gboolean
guild_month_view_get_compact (GuildMonthView *self)
{
  g_return_val_if_fail (GUILD_IS_MONTH_VIEW (self), FALSE);

  return self->compact;
}

void
guild_month_view_set_today (GuildMonthView *self,
                            const GDate    *today)
{
  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));
  g_return_if_fail (today != NULL);

  self->today = *today;
  update_cells (self);
}

/**
 * guild_month_view_set_selected:
 * @day: (nullable): the day the agenda shows
 */
void
guild_month_view_set_selected (GuildMonthView *self,
                               const GDate    *day)
{
  g_return_if_fail (GUILD_IS_MONTH_VIEW (self));

  if (day != NULL)
    self->selected = *day;
  else
    g_date_clear (&self->selected, 1);
  update_cells (self);
}

/**
 * guild_month_view_get_cell:
 * @index: row by row from the top left
 *
 * Returns: (transfer none): the day cell, for tests
 */
GtkWidget *
guild_month_view_get_cell (GuildMonthView *self,
                           guint           index)
{
  g_return_val_if_fail (GUILD_IS_MONTH_VIEW (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (self->cells), NULL);

  return self->cells[index];
}

/**
 * guild_month_view_get_header:
 *
 * Returns: (transfer none): the label over @column
 */
GtkWidget *
guild_month_view_get_header (GuildMonthView *self,
                             guint           column)
{
  g_return_val_if_fail (GUILD_IS_MONTH_VIEW (self), NULL);
  g_return_val_if_fail (column < 7, NULL);

  return self->headers[column];
}
