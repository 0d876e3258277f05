/* guildctl.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guildctl"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "guild-export-json.h"
#include "guild-export.h"
#include "guild-generate.h"
#include "guild-metrics.h"
#include "guild-store-backup.h"
#include "guild-store-import.h"
#include "guild-store.h"

/* guildctl looks after Guild's database from the command line. Each command
 * parses its own options with a GOptionContext of its own; the global ones
 * (--db, --help, --version) come before the command, which strict POSIX
 * parsing leaves untouched for the command to read.
 *
 * Exit codes: 0 when everything worked, 1 when only part of it did, and 2
 * for errors and bad usage.
 */

enum
{
  EXIT_OK = 0,
  EXIT_PARTIAL = 1,
  EXIT_ERROR = 2,
};

/* Larger counts would take minutes and gigabytes; nobody needs them for a
 * demo or a benchmark. */
#define MAX_GENERATE_COUNT 10000000

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (const char  *path,
                    int          argc,
                    char       **argv);
} Command;

static int run_stats    (const char *path, int argc, char **argv);
static int run_generate (const char *path, int argc, char **argv);
static int run_metrics  (const char *path, int argc, char **argv);
static int run_import   (const char *path, int argc, char **argv);
static int run_export   (const char *path, int argc, char **argv);
static int run_backup   (const char *path, int argc, char **argv);

static const Command commands[] = {
  { "stats", N_("Print how many records of each kind the database holds"), run_stats },
  { "generate", N_("Fill an empty database with sample data"), run_generate },
  { "metrics", N_("Print the weekly figures behind the charts"), run_metrics },
  { "import", N_("Import contacts and events from vCard, CSV, iCalendar or backup files"),
    run_import },
  { "export", N_("Write the data out as a JSON backup, vCard, iCalendar or CSV"), run_export },
  { "backup", N_("Copy the database file safely, also while Guild runs"), run_backup },
};

/* Section: output helpers */

/* Reports a usage error: the message, then where to find help. */
static int G_GNUC_PRINTF (2, 3)
usage_error (const char *command,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *program = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  program = command != NULL ? g_strdup_printf ("guildctl %s", command) : g_strdup ("guildctl");
  g_printerr ("guildctl: %s\n", message);
  /* Translators: %s is a command line, such as “guildctl” or “guildctl stats”. */
  g_printerr (_("Try “%s --help”."), program);
  g_printerr ("\n");

  return EXIT_ERROR;
}

static int
store_error (const GError *error,
             const char   *path)
{
  g_autofree char *body = NULL;
  g_autofree char *title = guild_store_describe_error (error, path, &body);

  g_printerr ("guildctl: %s. %s\n", title, body);
  g_debug ("%s", error->message);

  return EXIT_ERROR;
}

/* Reading commands never create a database that was never there. */
static int
no_database (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_printerr ("guildctl: ");
  /* Translators: %s is a file path. */
  g_printerr (_("There is no database at %s."), display);
  g_printerr ("\n");

  return EXIT_ERROR;
}

/* JSON is written by hand: the stack is GLib, SQLite and libical only. */
static void
json_append_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
json_append_uint_member (GString    *out,
                         const char *key,
                         guint       value)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  json_append_string (out, key);
  g_string_append_printf (out, ":%u", value);
}

static void
print_stats_json (const GuildStoreStats *stats)
{
  g_autoptr(GString) out = g_string_new ("{");

  json_append_uint_member (out, "communities", stats->communities);
  json_append_uint_member (out, "contacts", stats->contacts);
  json_append_uint_member (out, "events", stats->events);
  json_append_uint_member (out, "activities", stats->activities);
  json_append_uint_member (out, "checkins", stats->checkins);
  json_append_uint_member (out, "skills", stats->skills);
  json_append_uint_member (out, "courses", stats->courses);
  json_append_uint_member (out, "memberships", stats->memberships);
  json_append_uint_member (out, "import_batches", stats->import_batches);
  g_string_append (out, "}\n");

  /* Always UTF-8, whatever the locale, unlike g_print(). */
  fwrite (out->str, 1, out->len, stdout);
}

/* Prints one line of counts, indented to set it apart from a heading. */
static void
print_line (char *text)
{
  g_print ("  %s\n", text);
  g_free (text);
}

static void
print_stats_text (const GuildStoreStats *stats)
{
  /* Translators: a line of “guildctl stats”. */
  print_line (g_strdup_printf (ngettext ("%u community", "%u communities", stats->communities),
                               stats->communities));
  /* Translators: a line of “guildctl stats”. */
  print_line (g_strdup_printf (ngettext ("%u contact", "%u contacts", stats->contacts),
                               stats->contacts));
  /* Translators: a line of “guildctl stats”. */
  print_line (g_strdup_printf (ngettext ("%u event", "%u events", stats->events),
                               stats->events));
  /* Translators: a line of “guildctl stats”; an activity is an entry of the
   * participation log. */
  print_line (g_strdup_printf (ngettext ("%u activity", "%u activities", stats->activities),
                               stats->activities));
  /* Translators: a line of “guildctl stats”; a check-in is a weekly self-assessment. */
  print_line (g_strdup_printf (ngettext ("%u check-in", "%u check-ins", stats->checkins),
                               stats->checkins));
  /* Translators: a line of “guildctl stats”. */
  print_line (g_strdup_printf (ngettext ("%u skill", "%u skills", stats->skills),
                               stats->skills));
  /* Translators: a line of “guildctl stats”; a course the user takes. */
  print_line (g_strdup_printf (ngettext ("%u course", "%u courses", stats->courses),
                               stats->courses));
  /* Translators: a line of “guildctl stats”; a contact's membership of a community. */
  print_line (g_strdup_printf (ngettext ("%u membership", "%u memberships", stats->memberships),
                               stats->memberships));
  /* Translators: a line of “guildctl stats”; an import of a file, which can be undone. */
  print_line (g_strdup_printf (ngettext ("%u import", "%u imports", stats->import_batches),
                               stats->import_batches));
}

/* Section: option parsing */

static GOptionContext *
command_context (const char         *command,
                 const char         *parameters,
                 const char         *summary,
                 const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("guildctl %s", command);
  GOptionContext *context;

  /* The usage line of the help names the command too. */
  g_set_prgname (prgname);

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  /* --help is an entry of ours, so that it prints and returns instead of
   * exiting from inside the parser. */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static void
print_help (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", help);
}

/* Parses a command's options; returns FALSE after reporting a problem. */
static gboolean
parse_command (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (*argc > 1)
    {
      /* Translators: %s is an argument the command does not take. */
      usage_error (command, _("Unexpected argument “%s”."), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_count (const char *option,
             gint64      value,
             gint64      max,
             guint      *out)
{
  if (value < 0 || value > max)
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      /* Translators: the first %s is an option, such as “--contacts”; the
       * second is the largest number it accepts. */
      usage_error ("generate", _("%s takes a number from 0 to %s."), option, max_text);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* Section: stats */

static int
run_stats (const char  *path,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GuildStoreStats stats = { 0 };
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as JSON"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context ("stats", NULL,
                             N_("Prints how many records of each kind the database holds."),
                             entries);
  if (!parse_command (context, "stats", &argc, &argv))
    return EXIT_ERROR;
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return no_database (path);

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL || !guild_store_get_stats (store, &stats, &error))
    return store_error (error, path);

  if (json)
    print_stats_json (&stats);
  else
    print_stats_text (&stats);

  return EXIT_OK;
}

/* Section: metrics */

/* Pads @text with spaces to @width characters (not bytes: Russian headers). */
static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static void
append_metrics_row (GString                *out,
                    const char             *label,
                    const GuildMetricsWeek *week,
                    const guint            *widths)
{
  const guint values[] = {
    week->activities, week->active_days, week->minutes, week->new_connections,
    week->interactions, week->reactions, week->events_attended, week->publications,
  };

  append_cell (out, label, widths[0], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%u", values[i]);
      append_cell (out, number, widths[i + 1], TRUE);
    }
  g_strchomp (out->str);
  g_string_set_size (out, strlen (out->str));
  g_string_append_c (out, '\n');
}

static void
print_metrics_text (GuildMetrics *m)
{
  const char *headers[] = {
    /* Translators: column headers of “guildctl metrics”; keep them short. */
    C_("metrics column", "Week"),
    C_("metrics column", "Activities"),
    C_("metrics column", "Days"),
    C_("metrics column", "Minutes"),
    C_("metrics column", "New contacts"),
    C_("metrics column", "Interactions"),
    C_("metrics column", "Reactions"),
    C_("metrics column", "Events"),
    C_("metrics column", "Publications"),
  };
  g_autoptr(GString) out = g_string_new (NULL);
  guint widths[G_N_ELEMENTS (headers)];
  const char *total_label = C_("metrics row", "Total");

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    widths[i] = MAX (g_utf8_strlen (headers[i], -1), 6);
  widths[0] = MAX (widths[0], MAX (8, (guint) g_utf8_strlen (total_label, -1)));

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    append_cell (out, headers[i], widths[i], i > 0);
  g_strchomp (out->str);
  g_string_set_size (out, strlen (out->str));
  g_string_append_c (out, '\n');

  for (guint w = 0; w < m->n_weeks; w++)
    append_metrics_row (out, m->weeks[w].week, &m->weeks[w], widths);
  append_metrics_row (out, total_label, &m->totals, widths);

  g_print ("%s", out->str);
  g_print (ngettext ("Streak: %u week in a row met the goal.",
                     "Streak: %u weeks in a row met the goal.", m->streak_weeks),
           m->streak_weeks);
  g_print ("\n");
}

static int
run_metrics (const char  *path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GuildMetrics) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *default_from = NULL;
  g_autofree char *default_to = NULL;
  GuildMetricsQuery query = { 0 };
  gint64 community = 0;
  gboolean json = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("First day of the period (default: twelve weeks back)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period (default: today)"),
      N_("YYYY-MM-DD") },
    { "community", 0, 0, G_OPTION_ARG_INT64, &community,
      N_("Count only this community (its id)"), N_("ID") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context ("metrics", NULL,
                             N_("Prints the figures behind the charts for every ISO week of "
                                "the period, and their totals. Weeks and days are local."),
                             entries);
  if (!parse_command (context, "metrics", &argc, &argv))
    return EXIT_ERROR;
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) start = NULL;

    default_to = g_date_time_format (now, "%Y-%m-%d");
    /* The Monday eleven weeks before this week's: twelve weeks in all. */
    start = g_date_time_add_days (now, -(g_date_time_get_day_of_week (now) - 1) - 77);
    default_from = g_date_time_format (start, "%Y-%m-%d");
  }

  query.from = from != NULL ? from : default_from;
  query.to = to != NULL ? to : default_to;
  query.community = community;

  if (community < 0)
    return usage_error ("metrics", _("--community takes the id of a community."));

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return no_database (path);

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    return store_error (error, path);

  if (community > 0)
    {
      g_autoptr(GuildRecord) found = guild_store_load (store, GUILD_RECORD_COMMUNITY, community,
                                                       &error);

      if (found == NULL)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, community);

          g_printerr ("guildctl: ");
          /* Translators: %s is a number given with --community. */
          g_printerr (_("There is no community with the id %s."), id);
          g_printerr ("\n");
          return EXIT_ERROR;
        }
    }

  metrics = guild_store_metrics (store, &query, NULL, &error);
  if (metrics == NULL)
    {
      if (g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID))
        return usage_error ("metrics", "%s", error->message);
      return store_error (error, path);
    }

  if (json)
    {
      g_autofree char *text = guild_metrics_to_json (metrics);

      g_print ("%s\n", text);
    }
  else
    print_metrics_text (metrics);

  return EXIT_OK;
}

/* Section: generate */

static void
on_generate_progress_cb (double   fraction,
                         gpointer user_data)
{
  int percent = (int) (fraction * 100 + 0.5);

  g_printerr ("\r");
  /* Translators: a progress line; %d is a percentage, and %% is a percent sign. */
  g_printerr (_("Generating sample data… %d%%"), percent);
}

static gboolean
parse_today (const char  *text,
             GDate       *date)
{
  int year, month, day;

  if (!guild_day_is_valid (text, FALSE) || sscanf (text, "%d-%d-%d", &year, &month, &day) != 3)
    {
      /* Translators: %s is what the user gave; YYYY-MM-DD must stay as it is. */
      usage_error ("generate", _("“%s” is not a day written as YYYY-MM-DD."), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static int
run_generate (const char  *path,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *display = NULL;
  g_autofree char *seconds = NULL;
  GuildGenerateOptions options;
  GuildStoreStats stats = { 0 };
  GDate today;
  gint64 seed = GUILD_GENERATE_DEFAULT_SEED;
  gint64 communities = GUILD_GENERATE_DEFAULT_COMMUNITIES;
  gint64 contacts = GUILD_GENERATE_DEFAULT_CONTACTS;
  gint64 events = GUILD_GENERATE_DEFAULT_EVENTS;
  gint64 activities = GUILD_GENERATE_DEFAULT_ACTIVITIES;
  gint64 checkins = GUILD_GENERATE_DEFAULT_CHECKINS;
  gboolean help = FALSE;
  gboolean tty;
  gint64 started;
  const GOptionEntry entries[] = {
    /* Translators: N is the placeholder in “--seed=N”, “--contacts=N” …; translate it alike
     * everywhere. */
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Make the data from seed N (default 1): the same seed gives the same data"), N_("N") },
    { "communities", 0, 0, G_OPTION_ARG_INT64, &communities,
      N_("How many communities to make (default 40)"), N_("N") },
    { "contacts", 0, 0, G_OPTION_ARG_INT64, &contacts,
      N_("How many contacts to make (default 600)"), N_("N") },
    { "events", 0, 0, G_OPTION_ARG_INT64, &events,
      N_("How many events to make (default 200)"), N_("N") },
    { "activities", 0, 0, G_OPTION_ARG_INT64, &activities,
      N_("How many activities to make (default 5000)"), N_("N") },
    { "checkins", 0, 0, G_OPTION_ARG_INT64, &checkins,
      N_("How many weekly check-ins to make (default 104)"), N_("N") },
    /* Translators: DAY is the placeholder in “--today=DAY”; translate both alike. */
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Pretend today is DAY: the data ends there (default: today)"), N_("DAY") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context ("generate", NULL,
                             N_("Fills an empty database with realistic sample data in English "
                                "and Russian, for demos and benchmarks. It refuses a database "
                                "that already holds records, so that nothing real is ever "
                                "mixed with it."),
                             entries);
  if (!parse_command (context, "generate", &argc, &argv))
    return EXIT_ERROR;
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }

  guild_generate_options_init (&options);
  if (!parse_count ("--seed", seed, G_MAXUINT32, &options.seed) ||
      !parse_count ("--communities", communities, MAX_GENERATE_COUNT, &options.communities) ||
      !parse_count ("--contacts", contacts, MAX_GENERATE_COUNT, &options.contacts) ||
      !parse_count ("--events", events, MAX_GENERATE_COUNT, &options.events) ||
      !parse_count ("--activities", activities, MAX_GENERATE_COUNT, &options.activities) ||
      !parse_count ("--checkins", checkins, MAX_GENERATE_COUNT, &options.checkins))
    return EXIT_ERROR;
  if (today_text != NULL)
    {
      if (!parse_today (today_text, &today))
        return EXIT_ERROR;
      options.today = &today;
    }

  /* Exclusive, so that a running Guild is never written under. */
  store = guild_store_open (path, GUILD_STORE_FLAGS_EXCLUSIVE, &error);
  if (store == NULL || !guild_store_get_stats (store, &stats, &error))
    return store_error (error, path);

  display = g_filename_display_name (path);
  if (stats.communities + stats.contacts + stats.events + stats.activities + stats.checkins +
      stats.skills + stats.courses + stats.import_batches > 0)
    {
      g_printerr ("guildctl: ");
      /* Translators: %s is a file path. */
      g_printerr (_("%s already holds records. Sample data goes only into an empty database, "
                    "so nothing was changed; give a new file with --db."), display);
      g_printerr ("\n");
      return EXIT_ERROR;
    }

  tty = isatty (STDERR_FILENO);
  started = g_get_monotonic_time ();
  if (!guild_generate (store, &options, tty ? on_generate_progress_cb : NULL, NULL, NULL, &error))
    {
      if (tty)
        g_printerr ("\n");
      return store_error (error, path);
    }
  if (tty)
    g_printerr ("\n");

  if (!guild_store_get_stats (store, &stats, &error))
    return store_error (error, path);

  seconds = g_strdup_printf ("%.1f", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  /* Translators: the first %s is a file path, the second a number of
   * seconds (“2.4”); the counts follow on the next lines. */
  g_print (_("Wrote sample data to %s in %s s:"), display, seconds);
  g_print ("\n");
  print_stats_text (&stats);

  return EXIT_OK;
}

/* Section: import */

/* A record left out of an import, for the report. The message is borrowed
 * from the parse result or the preview. */
typedef struct
{
  guint       line;
  guint       order;
  const char *message;
} ImportIssue;

typedef struct
{
  /* Borrowed */
  const char *db_path;
  gboolean    dry_run;
  gboolean    json;

  /* Owned */
  GuildStore *store;
  char       *scratch_dir;
  GString    *out;

  guint       taken;
  gboolean    partial;
} Import;

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const ImportIssue *x = a;
  const ImportIssue *y = b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Every record the import leaves out, from the parser and from the store,
 * in the order of the file. */
static GArray *
collect_skipped (GuildImportPreview *preview)
{
  GuildImportResult *result = preview->result;
  GArray *issues = g_array_new (FALSE, FALSE, sizeof (ImportIssue));

  for (guint i = 0; i < result->skipped->len; i++)
    {
      const GuildImportIssue *skipped = &g_array_index (result->skipped, GuildImportIssue, i);
      ImportIssue issue = { skipped->line, issues->len, skipped->message };

      g_array_append_val (issues, issue);
    }
  for (guint i = 0; i < preview->entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (preview->entries,
                                                             GuildImportPreviewEntry, i);
      const GuildImportItem *item;
      ImportIssue issue = { 0 };

      if (entry->action != GUILD_IMPORT_ACTION_SKIP)
        continue;
      item = g_ptr_array_index (result->items, entry->item);
      issue.line = item->line;
      issue.order = issues->len;
      issue.message = entry->reason != NULL ? entry->reason : "";
      g_array_append_val (issues, issue);
    }
  g_array_sort (issues, compare_issues);

  return issues;
}

static void
append_file_json (Import            *imp,
                  const char        *file,
                  GuildImportFormat  format,
                  const guint        counts[4],
                  GArray            *issues)
{
  GString *out = imp->out;

  if (out->str[out->len - 1] != '[')
    g_string_append_c (out, ',');
  g_string_append (out, "{\"file\":");
  json_append_string (out, file);
  g_string_append (out, ",\"format\":");
  json_append_string (out, guild_import_format_to_string (format));
  json_append_uint_member (out, "added", counts[0]);
  json_append_uint_member (out, "updated", counts[1]);
  json_append_uint_member (out, "unchanged", counts[2]);
  json_append_uint_member (out, "skipped", counts[3]);
  g_string_append (out, ",\"errors\":[");
  for (guint i = 0; i < issues->len; i++)
    {
      const ImportIssue *issue = &g_array_index (issues, ImportIssue, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"line\":%u,\"message\":", issue->line);
      json_append_string (out, issue->message);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}

/* A file that could not be imported at all: nothing of it was written. */
static void
report_failed_file (Import     *imp,
                    const char *file,
                    const char *message)
{
  g_autoptr(GArray) issues = g_array_new (FALSE, FALSE, sizeof (ImportIssue));
  const guint counts[4] = { 0 };
  ImportIssue issue = { 0, 0, message };

  imp->partial = TRUE;
  g_printerr ("guildctl: %s\n", message);
  if (imp->json)
    {
      g_array_append_val (issues, issue);
      append_file_json (imp, file, GUILD_IMPORT_FORMAT_UNKNOWN, counts, issues);
    }
}

static void
print_file_text (const char         *file,
                 GuildImportPreview *preview,
                 GArray             *issues)
{
  GuildImportResult *result = preview->result;

  /* Translators: the heading of a file's summary in “guildctl import”; the
   * first %s is the file name, the second its format, such as “vCard”. */
  g_print (_("%s (%s)"), file, guild_import_format_label (result->format));
  g_print ("\n");
  if (result->items->len == 0 && result->skipped->len == 0)
    {
      print_line (g_strdup (_("The file holds no records.")));
      return;
    }
  /* Translators: a line of “guildctl import”: how many records were added. */
  print_line (g_strdup_printf (ngettext ("%u added", "%u added", preview->added),
                               preview->added));
  /* Translators: a line of “guildctl import”: how many stored records the
   * file updated. */
  print_line (g_strdup_printf (ngettext ("%u updated", "%u updated", preview->updated),
                               preview->updated));
  /* Translators: a line of “guildctl import”: how many records matched
   * stored ones and added nothing. */
  print_line (g_strdup_printf (ngettext ("%u unchanged", "%u unchanged", preview->unchanged),
                               preview->unchanged));
  /* Translators: a line of “guildctl import”: how many records were left out. */
  print_line (g_strdup_printf (ngettext ("%u skipped", "%u skipped", preview->skipped),
                               preview->skipped));
  for (guint i = 0; i < issues->len; i++)
    {
      const ImportIssue *issue = &g_array_index (issues, ImportIssue, i);

      /* Translators: a record left out of an import: its line in the file,
       * then why. */
      print_line (g_strdup_printf (_("line %u: %s"), issue->line, issue->message));
    }
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const GuildImportIssue *warning = &g_array_index (result->warnings, GuildImportIssue, i);

      /* Translators: a record imported with a part left out: its line in the
       * file, then what was left out. */
      print_line (g_strdup_printf (_("line %u: warning: %s"), warning->line, warning->message));
    }
}

/* Opens the database on the first file worth importing, so that files that
 * cannot be read leave it untouched (not even created). A dry run on a
 * database that does not exist yet previews against an empty one that is
 * thrown away afterwards. */
static gboolean
ensure_store (Import  *imp,
              GError **error)
{
  g_autofree char *scratch = NULL;
  const char *path = imp->db_path;

  if (imp->store != NULL)
    return TRUE;

  if (imp->dry_run && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      imp->scratch_dir = g_dir_make_tmp ("guildctl-XXXXXX", error);
      if (imp->scratch_dir == NULL)
        return FALSE;
      path = scratch = g_build_filename (imp->scratch_dir, "dry-run.db", NULL);
    }

  /* Exclusive, so that a running Guild is never written under. */
  imp->store = guild_store_open (path, GUILD_STORE_FLAGS_EXCLUSIVE, error);
  return imp->store != NULL;
}

static void
import_clear (Import *imp)
{
  g_clear_object (&imp->store);
  if (imp->scratch_dir != NULL)
    {
      static const char *names[] = {
        "dry-run.db", "dry-run.db-wal", "dry-run.db-shm", "dry-run.db-lock",
      };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file = g_build_filename (imp->scratch_dir, names[i], NULL);

          g_unlink (file);
        }
      g_rmdir (imp->scratch_dir);
      g_clear_pointer (&imp->scratch_dir, g_free);
    }
  if (imp->out != NULL)
    g_string_free (g_steal_pointer (&imp->out), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* A large vCard or CSV file: read, matched and written a chunk at a time,
 * so that memory stays bounded (guild_store_import_stream()). The summary
 * is the same as for any other file; it keeps the first thousand skipped
 * records and says how many more there were. */
static gboolean
import_file_streamed (Import            *imp,
                      const char        *display,
                      GuildImportReader *reader)
{
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GArray) issues = g_array_new (FALSE, FALSE, sizeof (ImportIssue));
  g_autoptr(GError) error = NULL;
  g_autofree char *more = NULL;
  guint counts[4];

  if (!ensure_store (imp, &error))
    {
      store_error (error, imp->db_path);
      return FALSE;
    }

  if (!guild_store_import_stream (imp->store, reader, !imp->dry_run, &summary, NULL, NULL,
                                  &error))
    {
      g_autofree char *body = NULL;
      g_autofree char *title = guild_store_describe_error (error, imp->db_path, &body);
      g_autofree char *message = g_strdup_printf (_("%s: %s. %s"), display, title, body);

      g_debug ("%s", error->message);
      report_failed_file (imp, display, message);
      return TRUE;
    }

  for (guint i = 0; i < summary->issues->len; i++)
    {
      const GuildImportIssue *skipped = &g_array_index (summary->issues, GuildImportIssue, i);
      ImportIssue issue = { skipped->line, i, skipped->message };

      g_array_append_val (issues, issue);
    }
  if (summary->more_issues > 0)
    {
      ImportIssue issue = { 0, issues->len, NULL };

      more = g_strdup_printf (ngettext ("And %u more record skipped",
                                        "And %u more records skipped",
                                        summary->more_issues),
                              summary->more_issues);
      issue.message = more;
      g_array_append_val (issues, issue);
    }

  imp->taken += summary->added + summary->updated + summary->unchanged;
  if (summary->skipped > 0)
    imp->partial = TRUE;

  counts[0] = summary->added;
  counts[1] = summary->updated;
  counts[2] = summary->unchanged;
  counts[3] = summary->skipped;
  if (imp->json)
    {
      append_file_json (imp, display, summary->format, counts, issues);
      return TRUE;
    }

  g_print (_("%s (%s)"), display, guild_import_format_label (summary->format));
  g_print ("\n");
  if (summary->n_records == 0)
    {
      print_line (g_strdup (_("The file holds no records.")));
      return TRUE;
    }
  print_line (g_strdup_printf (ngettext ("%u added", "%u added", counts[0]), counts[0]));
  print_line (g_strdup_printf (ngettext ("%u updated", "%u updated", counts[1]), counts[1]));
  print_line (g_strdup_printf (ngettext ("%u unchanged", "%u unchanged", counts[2]), counts[2]));
  print_line (g_strdup_printf (ngettext ("%u skipped", "%u skipped", counts[3]), counts[3]));
  for (guint i = 0; i < issues->len; i++)
    {
      const ImportIssue *issue = &g_array_index (issues, ImportIssue, i);

      if (issue->line == 0)
        print_line (g_strdup (issue->message));
      else
        print_line (g_strdup_printf (_("line %u: %s"), issue->line, issue->message));
    }
  for (guint i = 0; i < summary->warnings->len; i++)
    {
      const GuildImportIssue *warning = &g_array_index (summary->warnings, GuildImportIssue, i);

      print_line (g_strdup_printf (_("line %u: warning: %s"), warning->line, warning->message));
    }

  return TRUE;
}

/* Imports one file; returns FALSE only when the database cannot be opened,
 * which ends the whole command. */
static gboolean
import_file (Import     *imp,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GuildImportReader) reader = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  g_autoptr(GuildImportPreview) preview = NULL;
  g_autoptr(GArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  guint counts[4];

  reader = guild_import_reader_new (file, GUILD_IMPORT_FORMAT_UNKNOWN, NULL, &error);
  if (reader != NULL && guild_import_reader_is_streamed (reader) &&
      guild_import_reader_get_size (reader) >= GUILD_IMPORT_STREAM_THRESHOLD)
    return import_file_streamed (imp, display, reader);
  if (reader != NULL)
    result = guild_import_reader_read_all (reader, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_autofree char *message = NULL;

      /* GIO's own words for these two name the call that failed. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: %s is a file name given to “guildctl import”. */
        message = g_strdup_printf (_("There is no file %s."), display);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        /* Translators: %s is a name given to “guildctl import”. */
        message = g_strdup_printf (_("%s is a folder; give the files in it instead."), display);
      else
        message = g_strdup (error->message);
      report_failed_file (imp, display, message);
      return TRUE;
    }

  if (!ensure_store (imp, &error))
    {
      store_error (error, imp->db_path);
      return FALSE;
    }

  /* One transaction per file: a file whose write fails leaves nothing. A
   * file that would neither add nor change anything is not written at all,
   * not even as an empty import batch. */
  if (!guild_store_import_preview (imp->store, result, &preview, NULL, &error) ||
      (!imp->dry_run && preview->added + preview->updated > 0 &&
       !guild_store_import_apply (imp->store, preview, NULL, NULL, &error)))
    {
      g_autofree char *body = NULL;
      g_autofree char *title = guild_store_describe_error (error, imp->db_path, &body);
      g_autofree char *message = NULL;

      g_debug ("%s", error->message);
      /* Translators: the first %s is the name of a file that could not be
       * imported; the second is a short heading without a full stop, the
       * third the explanation. */
      message = g_strdup_printf (_("%s: %s. %s"), display, title, body);
      report_failed_file (imp, display, message);
      return TRUE;
    }

  issues = collect_skipped (preview);
  imp->taken += preview->added + preview->updated + preview->unchanged;
  if (preview->skipped > 0)
    imp->partial = TRUE;

  if (imp->json)
    {
      counts[0] = preview->added;
      counts[1] = preview->updated;
      counts[2] = preview->unchanged;
      counts[3] = preview->skipped;
      append_file_json (imp, display, result->format, counts, issues);
    }
  else
    print_file_text (display, preview, issues);

  return TRUE;
}

static int
run_import (const char  *path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Import) imp = { 0 };
  gboolean json = FALSE;
  gboolean dry_run = FALSE;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only say what would be imported; write nothing"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  /* Translators: the placeholder of the usage line, “guildctl import [OPTION…] FILE…”. */
  context = command_context ("import", N_("FILE…"),
                             N_("Imports contacts and events from vCard, CSV (LinkedIn, Google "
                                "Contacts or any other), iCalendar files and Guild backups; "
                                "the kind of each file is found from its content. Records that "
                                "match stored ones update them instead of being added twice."),
                             entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("import", "%s", error->message);
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }
  if (argc < 2)
    return usage_error ("import", "%s", _("No file given."));

  imp.db_path = path;
  imp.dry_run = dry_run;
  imp.json = json;
  if (json)
    imp.out = g_string_new ("{\"files\":[");

  for (int i = 1; i < argc; i++)
    if (!import_file (&imp, argv[i]))
      return EXIT_ERROR;

  if (json)
    {
      g_string_append (imp.out, "]}\n");
      /* Always UTF-8, whatever the locale, unlike g_print(). */
      fwrite (imp.out->str, 1, imp.out->len, stdout);
    }
  else if (dry_run)
    g_print ("%s\n", _("This was a dry run: nothing was written."));

  if (imp.taken == 0)
    return EXIT_ERROR;
  return imp.partial ? EXIT_PARTIAL : EXIT_OK;
}

/* Section: export */

static int
run_export (const char  *path,
            int          argc,
            char       **argv)
{
  static const char *formats[] = { "json", "vcard", "ics", "csv" };
  static const char *whats[] = { "contacts", "events", "activities" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *what = NULL;
  g_autofree char *output = NULL;
  gboolean help = FALSE;
  gboolean ok = FALSE;
  const GOptionEntry entries[] = {
    /* Translators: the placeholder of “--format=FORMAT”; json, vcard, ics and csv must stay
     * as they are. */
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Write FORMAT: json (a backup of everything), vcard, ics or csv"), N_("FORMAT") },
    /* Translators: contacts, events and activities must stay as they are. */
    { "what", 0, 0, G_OPTION_ARG_STRING, &what,
      N_("What to write with vcard, ics or csv: contacts, events or activities"), N_("WHAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context ("export", NULL,
                             N_("Writes the database out in an open format. The JSON backup "
                                "holds everything and imports back unchanged."),
                             entries);
  if (!parse_command (context, "export", &argc, &argv))
    return EXIT_ERROR;
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }

  if (format == NULL)
    return usage_error ("export", "%s", _("Say which format to write with --format."));
  if (!g_strv_contains (formats, format))
    /* Translators: %s is what was given with --format; json, vcard, ics and csv must stay
     * as they are. */
    return usage_error ("export", _("Unknown format “%s”: use json, vcard, ics or csv."),
                        format);
  if (what != NULL && !g_strv_contains (whats, what))
    /* Translators: %s is what was given with --what; contacts, events and activities must
     * stay as they are. */
    return usage_error ("export", _("Unknown kind of record “%s”: use contacts, events or "
                                    "activities."), what);
  if (what != NULL && g_str_equal (format, "json"))
    return usage_error ("export", "%s", _("--what does not go with --format json: the backup "
                                          "always holds everything."));
  if (output != NULL && *output == '\0')
    return usage_error ("export", "%s", _("--output needs a file name."));

  /* vCard holds only contacts and iCalendar only events; a CSV table is
   * of contacts unless asked otherwise. */
  if (what == NULL)
    what = g_strdup (g_str_equal (format, "ics") ? "events" : "contacts");
  if ((g_str_equal (format, "vcard") && !g_str_equal (what, "contacts")) ||
      (g_str_equal (format, "ics") && !g_str_equal (what, "events")))
    /* Translators: the first %s is what was given with --what (contacts, events or
     * activities), the second a format (vcard or ics); neither is translated. */
    return usage_error ("export", _("--what %s does not go with --format %s: vCard holds "
                                    "contacts and iCalendar holds events."), what, format);

  /* Exporting must not create a database that was never there. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return no_database (path);

  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    return store_error (error, path);

  out = g_string_new (NULL);
  if (g_str_equal (format, "json"))
    ok = guild_export_json (store, out, NULL, &error);
  else if (g_str_equal (format, "vcard"))
    ok = guild_export_vcard (store, out, NULL, &error);
  else if (g_str_equal (format, "ics"))
    ok = guild_export_icalendar (store, out, NULL, &error);
  else
    ok = guild_export_csv (store,
                           g_str_equal (what, "activities") ? GUILD_RECORD_ACTIVITY
                           : g_str_equal (what, "events") ? GUILD_RECORD_EVENT
                           : GUILD_RECORD_CONTACT,
                           out, NULL, &error);
  if (!ok)
    return store_error (error, path);

  if (output != NULL)
    {
      /* g_file_set_contents() writes a temporary file and renames it, so a
       * failure never leaves half a backup behind. */
      if (!g_file_set_contents (output, out->str, out->len, &error))
        {
          g_printerr ("guildctl: %s\n", error->message);
          return EXIT_ERROR;
        }
    }
  else if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      g_printerr ("guildctl: ");
      g_printerr ("%s", _("Could not write to the standard output."));
      g_printerr ("\n");
      return EXIT_ERROR;
    }

  return EXIT_OK;
}

/* Section: backup */

static int
run_backup (const char  *path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GuildStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  context = command_context ("backup", N_("FILE"),
                             N_("Copies the database to FILE with SQLite's backup API: a "
                                "consistent copy even while Guild is writing to it. The copy "
                                "opens in Guild with --database FILE."),
                             entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("backup", "%s", error->message);
  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }

  if (argc != 2 || *argv[1] == '\0')
    return usage_error ("backup", "%s", _("Give one file to write the copy to."));

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return no_database (path);

  /* Opening the store first checks that it is a Guild database (and brings
   * its schema up to date, as every command does). */
  store = guild_store_open (path, GUILD_STORE_FLAGS_NONE, &error);
  if (store == NULL)
    return store_error (error, path);

  if (!guild_store_backup_file (path, argv[1], NULL, &error))
    {
      g_printerr ("guildctl: %s\n", error->message);
      return EXIT_ERROR;
    }

  return EXIT_OK;
}

/* Section: main */

static void
setup_locale (void)
{
  const char *localedir = g_getenv ("GUILD_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* GUILD_LOCALEDIR runs guildctl from the build tree with its catalogues
   * (<build>/po). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static char *
describe_commands (const char *default_path)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *display = g_filename_display_name (default_path);

  g_string_append (text, _("Commands:"));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  /* Translators: %s is a file path. GUILD_DATABASE and --db must stay as they are. */
  g_string_append_printf (text, _("The database is %s unless --db or GUILD_DATABASE says "
                                  "otherwise."), display);
  g_string_append_c (text, '\n');
  /* Translators: COMMAND must stay in capitals, as in the usage line. */
  g_string_append (text, _("Run “guildctl COMMAND --help” to see the options of a command."));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *description = NULL;
  gboolean help = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    /* Translators: FILE is the placeholder in “--db=FILE”; translate both alike. */
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("Use the database in FILE"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  setup_locale ();
  g_set_prgname ("guildctl");

  default_path = guild_store_default_path ();
  description = describe_commands (default_path);

  /* Translators: the placeholder of the usage line, “guildctl [OPTION…] COMMAND”. */
  context = g_option_context_new (N_("COMMAND"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, N_("Looks after Guild’s database from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_set_help_enabled (context, FALSE);
  /* Stop at the command: what follows is the command's to parse. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (NULL, "%s", error->message);

  if (help)
    {
      print_help (context);
      return EXIT_OK;
    }
  if (version)
    {
      g_print ("guildctl %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (db != NULL && *db == '\0')
    return usage_error (NULL, "%s", _("--db needs a file name."));
  if (argc < 2)
    return usage_error (NULL, "%s", _("No command given."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (db != NULL ? db : default_path, argc - 1, argv + 1);

  /* Translators: %s is what the user typed as a command. */
  return usage_error (NULL, _("Unknown command “%s”."), argv[1]);
}
