/* guild-import-dialog.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-csv-mapping-page.h"
#include "guild-import-dialog.h"
#include "guild-post.h"
#include "guild-store-import.h"

/* The app's side of the one import pipeline (DESIGN.md rule 5): whatever
 * brought the files (the chooser, a drop, `guild FILE…`), this dialog reads
 * them on a worker thread, shows what importing would do, and writes only
 * when the user presses Import. Reading, checking against the database and
 * writing all run on worker threads behind a progress bar; Cancel stops
 * any of them and leaves the database untouched (the write is one
 * transaction, rolled back). */

/* Beyond this many, a file's skipped records are summed up in one row: a
 * list of thousands of rows would only make the dialog slow to open. */
#define MAX_ISSUE_ROWS 500

/* From this size on, a vCard or CSV file is not read into memory: its
 * preview is a dry run of the import that only counts (and keeps the first
 * skipped records), and Import reads it again, writing as it goes
 * (guild_store_import_stream_async()). The tests lower it with the
 * GUILD_IMPORT_STREAM_THRESHOLD environment variable, in bytes. */
static goffset
stream_threshold (void)
{
  const char *env = g_getenv ("GUILD_IMPORT_STREAM_THRESHOLD");

  if (env != NULL && *env != '\0')
    return g_ascii_strtoll (env, NULL, 10);

  return GUILD_IMPORT_STREAM_THRESHOLD;
}

typedef struct
{
  GFile              *file;
  char               *name;
  GuildImportResult  *result;
  GuildImportPreview *preview;
  GError             *error;
  GtkWidget          *mapping_page;
  GtkWidget          *counts_list;
  guint               remap_generation;
  /* A file too large to read whole: only its summary is kept. */
  GuildImportFormat   format;
  gboolean            streamed;
  GuildImportSummary *summary;
  /* For a streamed CSV file of no known kind: its columns as read from the
   * header line. */
  GuildCsvMapping    *mapping;
} FileOutcome;

struct _GuildImportDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *progress_page;
  GtkProgressBar *progress_bar;
  GtkBox        *files_box;
  GtkLabel      *summary_label;
  GtkButton     *import_button;

  /* Owned */
  GuildStore    *store;
  GPtrArray     *outcomes;
  GCancellable  *cancellable;

  guint          pulse_source;
  /* The next outcome to preview, while previewing. */
  guint          previewing;
  /* Column mappings being matched against the database again. */
  guint          remapping;
  guint          applying : 1;

  /* While writing: what is written so far, file by file. The files read
   * whole go first, in one transaction; then each streamed one, in its
   * own. */
  GArray        *written_batches;
  guint          n_written;
  guint          n_failed;
  guint          n_contacts;
  guint          n_events;
  guint          stage;
  guint          n_stages;
  guint          next_streamed;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildImportDialog, guild_import_dialog, ADW_TYPE_WINDOW)

static void
file_outcome_free (FileOutcome *outcome)
{
  /* The preview borrows the result, so it goes first. */
  g_clear_pointer (&outcome->preview, guild_import_preview_free);
  g_clear_pointer (&outcome->result, guild_import_result_free);
  g_clear_pointer (&outcome->summary, guild_import_summary_free);
  g_clear_pointer (&outcome->mapping, guild_csv_mapping_free);
  g_clear_object (&outcome->file);
  g_clear_pointer (&outcome->name, g_free);
  g_clear_error (&outcome->error);
  g_clear_object (&outcome->mapping_page);
  g_free (outcome);
}

/* Section: reading the files */

static char *
describe_read_error (const GError *error,
                     const char   *name)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is the name of a file to import. */
    return g_strdup_printf (_("There is no file %s."), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    /* Translators: %s is the name of a folder someone tried to import. */
    return g_strdup_printf (_("%s is a folder; choose the files in it instead."), name);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    /* Translators: %s is the name of a file to import. */
    return g_strdup_printf (_("You are not allowed to read %s."), name);
  if (error->domain == GUILD_IMPORT_ERROR)
    return g_strdup (error->message);
  if (g_error_matches (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_LOCKED))
    return g_strdup (_("Another import is being written. Try again when it is done."));

  /* Translators: %s is the name of a file to import. */
  return g_strdup_printf (_("%s could not be read."), name);
}

/* How far reading the files has come, posted from the worker to the main
 * context; the dialog is looked at there only. */
typedef struct
{
  GTask *task;
  double fraction;
} ReadProgress;

static gboolean
read_progress_dispatch (gpointer user_data)
{
  ReadProgress *progress = user_data;
  GuildImportDialog *self = g_task_get_source_object (progress->task);

  if (self->outcomes == NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, progress->fraction);
    }

  return G_SOURCE_REMOVE;
}

static void
read_progress_free (gpointer user_data)
{
  ReadProgress *progress = user_data;

  g_object_unref (progress->task);
  g_free (progress);
}

typedef struct
{
  GTask  *task;
  guint   index;
  guint   n_files;
  gint64  last_post;
} ReadState;

/* On the worker, after each chunk of records: a few posts a second. */
static void
on_read_progress_cb (double   fraction,
                     gpointer user_data)
{
  ReadState *state = user_data;
  ReadProgress *progress;
  gint64 now = g_get_monotonic_time ();

  if (now - state->last_post < G_USEC_PER_SEC / 5)
    return;

  state->last_post = now;
  progress = g_new0 (ReadProgress, 1);
  progress->task = g_object_ref (state->task);
  progress->fraction = (state->index + fraction) / state->n_files;
  guild_post_to_context (g_task_get_context (state->task), G_PRIORITY_DEFAULT,
                         read_progress_dispatch, progress, read_progress_free);
}

/* The columns of a CSV file as the streamed import will read them: guessed
 * from the header, which is in the first lines. Blocking. */
static GuildCsvMapping *
read_header_mapping (GFile        *file,
                     GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *head = g_malloc (64 * 1024);
  g_autofree char *text = NULL;
  gsize n_read = 0, n = 0;

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, 64 * 1024, &n_read,
                                cancellable, NULL))
    return NULL;

  /* Up to the last whole line. */
  while (n_read > 0 && head[n_read - 1] != '\n')
    n_read--;
  text = guild_import_decode_text (head, n_read, &n);

  return guild_csv_mapping_guess (text, n);
}

/* Runs on a worker thread: only the GFiles (immutable) and new plain data
 * cross over. vCard and CSV files are read in pieces, with progress. */
static void
parse_files_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) outcomes = NULL;
  ReadState state = { task, 0, files->len, 0 };
  goffset threshold = stream_threshold ();

  outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) file_outcome_free);

  for (guint i = 0; i < files->len; i++)
    {
      FileOutcome *outcome = g_new0 (FileOutcome, 1);
      g_autofree char *basename = NULL;
      g_autoptr(GuildImportReader) reader = NULL;

      outcome->file = g_object_ref (g_ptr_array_index (files, i));
      basename = g_file_get_basename (outcome->file);
      outcome->name = g_filename_display_name (basename != NULL ? basename : "");
      state.index = i;
      reader = guild_import_reader_new (outcome->file, GUILD_IMPORT_FORMAT_UNKNOWN, cancellable,
                                        &outcome->error);
      if (reader != NULL)
        outcome->format = guild_import_reader_get_format (reader);
      if (reader != NULL && guild_import_reader_is_streamed (reader) &&
          guild_import_reader_get_size (reader) >= threshold)
        {
          /* Checked against the database later, as it is imported. */
          outcome->streamed = TRUE;
          if (outcome->format == GUILD_IMPORT_FORMAT_GENERIC_CSV)
            outcome->mapping = read_header_mapping (outcome->file, cancellable);
        }
      else if (reader != NULL)
        outcome->result = guild_import_reader_read_all (reader, on_read_progress_cb, &state,
                                                        cancellable, &outcome->error);
      g_ptr_array_add (outcomes, outcome);

      if (g_task_return_error_if_cancelled (task))
        return;
    }

  g_task_return_pointer (task, g_steal_pointer (&outcomes), (GDestroyNotify) g_ptr_array_unref);
}

/* Section: showing the preview */

static GtkWidget *
new_row (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

static char *
format_issue (guint       line,
              const char *message)
{
  if (line == 0)
    return g_strdup (message);

  /* Translators: a record left out of an import, or read only in part:
   * %u is its line in the file, %s the reason. */
  return g_strdup_printf (_("Line %u: %s"), line, message);
}

/* @more: how many more there are beyond @issues (a streamed file keeps
 * only the first ones) */
static void
add_issue_rows (AdwExpanderRow *expander,
                GArray         *issues,
                guint           more)
{
  for (guint i = 0; i <= issues->len; i++)
    {
      const GuildImportIssue *issue;
      g_autofree char *text = NULL;
      GtkWidget *row;

      if (i == MAX_ISSUE_ROWS || (i == issues->len && more > 0))
        {
          guint rest = issues->len - i + more;

          /* Translators: the last row of a long list of records left out of
           * an import; %u is how many more there are. */
          text = g_strdup_printf (ngettext ("And %u more", "And %u more", rest), rest);
          adw_expander_row_add_row (expander, new_row (text));
          break;
        }
      if (i == issues->len)
        break;

      issue = &g_array_index (issues, GuildImportIssue, i);
      text = format_issue (issue->line, issue->message);
      row = new_row (text);
      gtk_widget_add_css_class (row, "property");
      adw_expander_row_add_row (expander, row);
    }
}

/* An expandable row with one row per issue. */
static GtkWidget *
new_issues_row (const char *title,
                const char *icon_name,
                GArray     *issues,
                guint       more)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                               gtk_image_new_from_icon_name (icon_name));
  add_issue_rows (ADW_EXPANDER_ROW (expander), issues, more);

  return expander;
}

static gint
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const GuildImportIssue *issue_a = a;
  const GuildImportIssue *issue_b = b;

  return (issue_a->line > issue_b->line) - (issue_a->line < issue_b->line);
}

/* The parser's skipped records and the store's, in line order. The
 * messages stay borrowed from the result and the preview. */
static GArray *
collect_skipped (const FileOutcome *outcome)
{
  GuildImportResult *result = outcome->result;
  GArray *issues = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));

  g_array_append_vals (issues, result->skipped->data, result->skipped->len);
  for (guint i = 0; i < outcome->preview->entries->len; i++)
    {
      const GuildImportPreviewEntry *entry = &g_array_index (outcome->preview->entries,
                                                             GuildImportPreviewEntry, i);
      const GuildImportItem *item;
      GuildImportIssue issue;

      if (entry->action != GUILD_IMPORT_ACTION_SKIP)
        continue;
      item = g_ptr_array_index (result->items, entry->item);
      issue.line = item->line;
      issue.message = entry->reason != NULL ? entry->reason : (char *) "";
      g_array_append_val (issues, issue);
    }
  g_array_sort (issues, compare_issues);

  return issues;
}

static void
add_count_row (GtkListBox *list,
               const char *text,
               const char *icon_name)
{
  GtkWidget *row = new_row (text);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_append (list, row);
}

static void on_mapping_result_ready_cb (GuildImportDialog   *self,
                                        GuildCsvMappingPage *page);
static void add_counts_list            (FileOutcome         *outcome,
                                        GtkWidget           *section);

static GtkWidget *
new_note (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");

  return label;
}

/* A file too large to be read whole says so; a CSV file of no known kind
 * shows how its columns are read, since they cannot be chosen here. */
static void
add_streamed_notes (FileOutcome *outcome,
                    GtkWidget   *section)
{
  GuildCsvMapping *mapping = outcome->mapping;
  GtkWidget *list;

  gtk_box_append (GTK_BOX (section),
                  new_note (_("A large file: what it holds is counted rather than listed "
                              "record by record, and Import reads it once more.")));

  if (outcome->format != GUILD_IMPORT_FORMAT_GENERIC_CSV)
    return;

  if (mapping == NULL)
    {
      gtk_box_append (GTK_BOX (section),
                      new_note (_("Its columns could not be told from its first line.")));
      return;
    }

  gtk_box_append (GTK_BOX (section),
                  new_note (_("Its columns are read by their names in the first line; "
                              "a file this large cannot have them chosen by hand. Columns "
                              "Guild does not recognise are left out.")));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Columns"),
                                  -1);
  for (guint c = 0; c < guild_csv_mapping_get_n_columns (mapping); c++)
    {
      const char *header = guild_csv_mapping_get_header (mapping, c);
      GuildCsvField field = guild_csv_mapping_get_field (mapping, c);
      GtkWidget *row = new_row (header != NULL && *header != '\0' ? header : "—");
      GtkWidget *value = gtk_label_new (field == GUILD_CSV_FIELD_IGNORE
                                        ? _("Left out")
                                        : guild_csv_field_label (field));

      gtk_widget_add_css_class (value, field == GUILD_CSV_FIELD_IGNORE ? "dim-label"
                                                                        : "accent");
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (section), list);
}

static void
add_file_section (GuildImportDialog *self,
                  FileOutcome       *outcome)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (outcome->name);
  GtkWidget *subtitle;
  g_autofree char *text = NULL;

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (section), heading);

  if (outcome->error != NULL)
    text = describe_read_error (outcome->error, outcome->name);
  else
    text = g_strdup (guild_import_format_label (outcome->format));

  subtitle = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, outcome->error != NULL ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (section), subtitle);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (section),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  if (outcome->streamed && outcome->error == NULL)
    add_streamed_notes (outcome, section);

  /* A CSV file of no known kind: the column-mapping step. A change there
   * reads the file again and replaces only the counts below it. */
  if (outcome->result != NULL && outcome->result->format == GUILD_IMPORT_FORMAT_GENERIC_CSV)
    {
      if (outcome->mapping_page == NULL)
        {
          outcome->mapping_page = g_object_ref_sink (guild_csv_mapping_page_new (outcome->file));
          gtk_widget_set_margin_top (outcome->mapping_page, 6);
          g_signal_connect_object (outcome->mapping_page, "result-ready",
                                   G_CALLBACK (on_mapping_result_ready_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      if (gtk_widget_get_parent (outcome->mapping_page) != NULL)
        gtk_box_remove (GTK_BOX (gtk_widget_get_parent (outcome->mapping_page)),
                        outcome->mapping_page);
      gtk_box_append (GTK_BOX (section), outcome->mapping_page);
    }

  add_counts_list (outcome, section);
  gtk_box_append (self->files_box, section);
}

/* The counts of what importing a file would do, one row each; @skipped
 * and @warnings list the first problems, @more_skipped and @more_warnings
 * count the rest. */
static GtkWidget *
new_counts_list (const char *name,
                 guint       added,
                 guint       updated,
                 guint       unchanged,
                 guint       n_skipped,
                 GArray     *skipped,
                 guint       more_skipped,
                 GArray     *warnings,
                 guint       more_warnings)
{
  GtkWidget *list = gtk_list_box_new ();
  guint n_warnings = warnings->len + more_warnings;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  if (added + updated + unchanged + n_skipped == 0)
    add_count_row (GTK_LIST_BOX (list), _("The file holds no records"),
                   "dialog-information-symbolic");

  if (added > 0)
    {
      g_autofree char *row_text =
        /* Translators: what importing a file would do; %u is a count. */
        g_strdup_printf (ngettext ("%u new record", "%u new records", added), added);

      add_count_row (GTK_LIST_BOX (list), row_text, "list-add-symbolic");
    }
  if (updated > 0)
    {
      g_autofree char *row_text =
        g_strdup_printf (ngettext ("%u record will update an existing one",
                                   "%u records will update existing ones",
                                   updated),
                         updated);

      add_count_row (GTK_LIST_BOX (list), row_text, "view-refresh-symbolic");
    }
  if (unchanged > 0)
    {
      g_autofree char *row_text =
        g_strdup_printf (ngettext ("%u record is already there",
                                   "%u records are already there",
                                   unchanged),
                         unchanged);

      add_count_row (GTK_LIST_BOX (list), row_text, "object-select-symbolic");
    }
  if (n_skipped > 0)
    {
      g_autofree char *row_text =
        g_strdup_printf (ngettext ("%u record will be skipped",
                                   "%u records will be skipped",
                                   n_skipped),
                         n_skipped);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           new_issues_row (row_text, "dialog-warning-symbolic", skipped,
                                           more_skipped));
    }
  if (n_warnings > 0)
    {
      g_autofree char *row_text =
        g_strdup_printf (ngettext ("%u record will be read only in part",
                                   "%u records will be read only in part",
                                   n_warnings),
                         n_warnings);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           new_issues_row (row_text, "dialog-information-symbolic", warnings,
                                           more_warnings));
    }

  return list;
}

/* What importing the file would do, as a list below the file's name. */
static void
add_counts_list (FileOutcome *outcome,
                 GtkWidget   *section)
{
  GuildImportPreview *preview = outcome->preview;
  GuildImportSummary *summary = outcome->summary;

  outcome->counts_list = NULL;

  if (preview != NULL)
    {
      g_autoptr(GArray) issues = collect_skipped (outcome);

      outcome->counts_list = new_counts_list (outcome->name, preview->added, preview->updated,
                                              preview->unchanged, preview->skipped, issues, 0,
                                              outcome->result->warnings, 0);
    }
  else if (summary != NULL)
    /* The issues the summary kept are in line order already. */
    outcome->counts_list = new_counts_list (outcome->name, summary->added, summary->updated,
                                            summary->unchanged, summary->skipped,
                                            summary->issues, summary->more_issues,
                                            summary->warnings, summary->more_warnings);

  if (outcome->counts_list != NULL)
    gtk_box_append (GTK_BOX (section), outcome->counts_list);
}

static guint
count_to_write (GuildImportDialog *self)
{
  guint total = 0;

  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->preview != NULL)
        total += outcome->preview->added + outcome->preview->updated;
      else if (outcome->summary != NULL)
        total += outcome->summary->added + outcome->summary->updated;
    }

  return total;
}

/* Shows how far a worker has come; @title says what it is doing. */
static void
show_progress (GuildImportDialog *self,
               const char        *title,
               double             fraction)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  adw_status_page_set_title (self->progress_page, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_stack_set_visible_child_name (self->stack, "progress");
}

/* The line above the files, and whether Import can be pressed. */
static void
update_summary (GuildImportDialog *self)
{
  guint total;

  total = count_to_write (self);
  if (total > 0)
    {
      /* Translators: %u is how many records importing would write. */
      g_autofree char *text =
        g_strdup_printf (ngettext ("Importing will add or update %u record. "
                                   "Nothing is written until you press Import.",
                                   "Importing will add or update %u records. "
                                   "Nothing is written until you press Import.",
                                   total),
                         total);

      gtk_label_set_text (self->summary_label, text);
    }
  else
    gtk_label_set_text (self->summary_label, _("There is nothing new to import."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", total > 0);
  if (total > 0)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

static void
show_preview (GuildImportDialog *self)
{
  for (guint i = 0; i < self->outcomes->len; i++)
    add_file_section (self, g_ptr_array_index (self->outcomes, i));

  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  /* Enter imports, through the default widget (Cancel, which had the
   * focus while the files were read, would take it otherwise); Escape
   * cancels; Tab goes to the buttons and the rows. */
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->import_button)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* A corrected column mapping: the file as read with it, matched against the
 * database on a worker. Only the newest request for a file is shown. */
typedef struct
{
  GuildImportDialog *self;
  GtkWidget         *page;
  GuildImportResult *result;
  guint              generation;
} Remap;

static void
remap_free (Remap *remap)
{
  g_clear_object (&remap->self);
  g_clear_object (&remap->page);
  g_clear_pointer (&remap->result, guild_import_result_free);
  g_free (remap);
}

static void
on_remap_preview_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Remap *remap = user_data;
  GuildImportDialog *self = remap->self;
  g_autoptr(GError) error = NULL;
  GuildImportPreview *preview;

  preview = guild_store_import_preview_finish (GUILD_STORE (object), result, &error);
  self->remapping--;

  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, i);
      GtkWidget *section;

      if (outcome->mapping_page != remap->page || outcome->remap_generation != remap->generation)
        continue;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->applying)
        break;

      g_clear_pointer (&outcome->preview, guild_import_preview_free);
      g_clear_pointer (&outcome->result, guild_import_result_free);
      g_clear_error (&outcome->error);
      outcome->result = g_steal_pointer (&remap->result);
      outcome->preview = g_steal_pointer (&preview);
      if (outcome->preview == NULL)
        {
          g_warning ("Could not preview %s: %s", outcome->name, error->message);
          g_set_error_literal (&outcome->error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                               _("The database could not be searched for these records."));
        }

      /* Only the counts change: the columns keep the focus and the place. */
      section = gtk_widget_get_parent (outcome->mapping_page);
      if (outcome->counts_list != NULL)
        gtk_box_remove (GTK_BOX (section), outcome->counts_list);
      add_counts_list (outcome, section);
      update_summary (self);
      break;
    }

  g_clear_pointer (&preview, guild_import_preview_free);
  remap_free (remap);
}

/* The user corrected a column of a CSV file: its preview starts again from
 * the file as read with the new mapping. */
static void
on_mapping_result_ready_cb (GuildImportDialog   *self,
                            GuildCsvMappingPage *page)
{
  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, i);
      GuildImportResult *result;
      Remap *remap;

      if (outcome->mapping_page != GTK_WIDGET (page))
        continue;
      result = guild_csv_mapping_page_steal_result (page);
      if (result == NULL)
        return;

      /* Until the new counts are in, Import would write the old reading. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);

      remap = g_new0 (Remap, 1);
      remap->self = g_object_ref (self);
      remap->page = g_object_ref (GTK_WIDGET (page));
      remap->result = result;
      remap->generation = ++outcome->remap_generation;
      self->remapping++;
      guild_store_import_preview_async (self->store, remap->result, self->cancellable,
                                        NULL, NULL, NULL,
                                        on_remap_preview_done_cb, remap);
      return;
    }
}

static void preview_next (GuildImportDialog *self);

/* The fraction of the whole preview, over every file. */
static void
on_preview_progress_cb (double   fraction,
                        gpointer user_data)
{
  GuildImportDialog *self = user_data;
  guint n = MAX (self->outcomes->len, 1);

  if (self->applying)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, (self->previewing + fraction) / n);
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GuildImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  FileOutcome *outcome;
  GuildImportPreview *preview;

  preview = guild_store_import_preview_finish (GUILD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->outcomes == NULL)
    {
      g_clear_pointer (&preview, guild_import_preview_free);
      return;
    }

  outcome = g_ptr_array_index (self->outcomes, self->previewing);
  outcome->preview = preview;
  if (preview == NULL)
    {
      g_warning ("Could not preview %s: %s", outcome->name, error->message);
      g_set_error_literal (&outcome->error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                           _("The database could not be searched for these records."));
    }

  self->previewing++;
  preview_next (self);
}

/* The dry run of a file too large to read whole is done. */
static void
on_stream_preview_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GuildImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GuildImportSummary *summary;
  FileOutcome *outcome;

  summary = guild_store_import_stream_finish (GUILD_STORE (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->outcomes == NULL)
    {
      g_clear_pointer (&summary, guild_import_summary_free);
      return;
    }

  outcome = g_ptr_array_index (self->outcomes, self->previewing);
  outcome->summary = summary;
  if (summary == NULL)
    {
      g_warning ("Could not preview %s: %s", outcome->name, error->message);
      outcome->error = g_steal_pointer (&error);
    }

  self->previewing++;
  preview_next (self);
}

/* Matches the files' records against the database, one file after the
 * other, on a worker thread with a connection of its own. */
static void
preview_next (GuildImportDialog *self)
{
  while (self->previewing < self->outcomes->len)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, self->previewing);

      if (outcome->streamed && outcome->error == NULL)
        {
          guild_store_import_stream_async (self->store, outcome->file, FALSE, self->cancellable,
                                           on_preview_progress_cb, g_object_ref (self),
                                           g_object_unref, on_stream_preview_done_cb,
                                           g_object_ref (self));
          return;
        }
      if (outcome->result != NULL)
        {
          guild_store_import_preview_async (self->store, outcome->result, self->cancellable,
                                            on_preview_progress_cb, g_object_ref (self),
                                            g_object_unref, on_preview_done_cb,
                                            g_object_ref (self));
          return;
        }
      self->previewing++;
    }

  show_preview (self);
}

static void
on_parse_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GuildImportDialog *self = GUILD_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;

  outcomes = g_task_propagate_pointer (G_TASK (result), &error);
  if (outcomes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the files to import: %s", error->message);
      return;
    }

  self->outcomes = g_steal_pointer (&outcomes);
  self->previewing = 0;
  show_progress (self, _("Checking Records…"), 0.0);
  preview_next (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  GuildImportDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

/* Section: actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GuildImportDialog *self = GUILD_IMPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);

  /* A write being rolled back: the dialog stays until the database is as
   * it was, so that nothing can touch it half-way. */
  if (self->applying)
    {
      show_progress (self, _("Cancelling…"), gtk_progress_bar_get_fraction (self->progress_bar));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_apply_progress_cb (double   fraction,
                      gpointer user_data)
{
  GuildImportDialog *self = user_data;

  if (!g_cancellable_is_cancelled (self->cancellable))
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   (self->stage + fraction) / MAX (self->n_stages, 1));
}

/* Everything is written, or what was written before a cancel or a failure:
 * the window shows where it went and offers to undo it. */
static void
finish_import (GuildImportDialog *self)
{
  g_autoptr(GVariant) batches = NULL;
  const char *view = NULL;

  self->applying = FALSE;

  /* Show the user where most of what was written went. */
  if (self->n_contacts > 0 && self->n_contacts >= self->n_events)
    view = "contacts";
  else if (self->n_events > 0)
    view = "calendar";

  batches = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                           self->written_batches->data,
                                                           self->written_batches->len,
                                                           sizeof (gint64)));
  g_signal_emit (self, signals [IMPORTED], 0, self->n_written, self->n_failed, batches, view);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
has_streamed_writes (FileOutcome *outcome)
{
  return outcome->streamed && outcome->summary != NULL &&
         outcome->summary->added + outcome->summary->updated > 0;
}

static void apply_next_streamed (GuildImportDialog *self);

/* A file too large to read whole was imported, or not. */
static void
on_stream_apply_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GuildImportDialog) self = user_data;
  g_autoptr(GuildImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  FileOutcome *outcome = g_ptr_array_index (self->outcomes, self->next_streamed);
  gint64 batch = 0;

  summary = guild_store_import_stream_finish (GUILD_STORE (object), result, &batch, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Rolled back. What was written before stays, and can be undone. */
      if (self->written_batches->len == 0)
        {
          self->applying = FALSE;
          gtk_window_destroy (GTK_WINDOW (self));
        }
      else
        finish_import (self);
      return;
    }

  if (summary == NULL)
    {
      g_warning ("Could not import %s: %s", outcome->name, error->message);
      self->n_failed++;
    }
  else if (batch > 0)
    {
      g_array_append_val (self->written_batches, batch);
      self->n_written += summary->added + summary->updated;
      /* The files read in pieces hold contacts (and their communities). */
      self->n_contacts += summary->added + summary->updated;
    }

  self->next_streamed++;
  self->stage++;
  apply_next_streamed (self);
}

/* The files too large to read whole, one after the other, each in its own
 * transaction: read again, matched and written chunk by chunk. */
static void
apply_next_streamed (GuildImportDialog *self)
{
  for (; self->next_streamed < self->outcomes->len; self->next_streamed++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, self->next_streamed);

      if (!has_streamed_writes (outcome))
        continue;

      guild_store_import_stream_async (self->store, outcome->file, TRUE, self->cancellable,
                                       on_apply_progress_cb, g_object_ref (self),
                                       g_object_unref, on_stream_apply_done_cb,
                                       g_object_ref (self));
      return;
    }

  finish_import (self);
}

static void
on_apply_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GuildImportDialog) self = user_data;
  g_autoptr(GArray) batch_ids = NULL;
  g_autoptr(GError) error = NULL;
  guint next = 0;

  if (!guild_store_import_apply_finish (GUILD_STORE (object), result, &batch_ids, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Rolled back: nothing was written. */
          self->applying = FALSE;
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      g_warning ("Could not import: %s", error->message);
    }

  /* The files read whole are written together: all of them, or none. */
  for (guint i = 0; i < self->outcomes->len; i++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->preview == NULL || outcome->preview->added + outcome->preview->updated == 0)
        continue;

      if (batch_ids == NULL)
        {
          self->n_failed++;
          continue;
        }

      g_array_append_val (self->written_batches, g_array_index (batch_ids, gint64, next));
      next++;
      self->n_written += outcome->preview->added + outcome->preview->updated;

      for (guint j = 0; j < outcome->preview->entries->len; j++)
        {
          const GuildImportPreviewEntry *entry = &g_array_index (outcome->preview->entries,
                                                                 GuildImportPreviewEntry, j);
          const GuildImportItem *item = g_ptr_array_index (outcome->result->items, entry->item);

          if (entry->action != GUILD_IMPORT_ACTION_NEW &&
              entry->action != GUILD_IMPORT_ACTION_UPDATE)
            continue;
          if (guild_record_get_kind (item->record) == GUILD_RECORD_CONTACT)
            self->n_contacts++;
          else if (guild_record_get_kind (item->record) == GUILD_RECORD_EVENT)
            self->n_events++;
        }
    }

  self->stage++;
  apply_next_streamed (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GuildImportDialog *self = GUILD_IMPORT_DIALOG (widget);
  g_autoptr(GPtrArray) previews = g_ptr_array_new ();

  g_assert (GUILD_IS_IMPORT_DIALOG (self));

  if (self->outcomes == NULL || self->applying)
    return;

  self->n_stages = 0;
  for (guint i = 0; i < self->outcomes->len; i++)
    {
      FileOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->preview != NULL && outcome->preview->added + outcome->preview->updated > 0)
        g_ptr_array_add (previews, outcome->preview);
      if (has_streamed_writes (outcome))
        self->n_stages++;
    }
  if (previews->len > 0)
    self->n_stages++;
  if (self->n_stages == 0)
    return;

  self->applying = TRUE;
  self->stage = 0;
  self->next_streamed = 0;
  self->n_written = self->n_failed = self->n_contacts = self->n_events = 0;
  g_clear_pointer (&self->written_batches, g_array_unref);
  self->written_batches = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);
  show_progress (self, _("Importing…"), 0.0);

  /* The files read whole first, in one transaction on a worker thread:
   * Cancel rolls all of it back. Their previews hold what the database
   * held when they were made, so nothing may be written before them. */
  if (previews->len > 0)
    guild_store_import_apply_async (self->store, previews, self->cancellable,
                                    on_apply_progress_cb, g_object_ref (self), g_object_unref,
                                    on_apply_done_cb, g_object_ref (self));
  else
    apply_next_streamed (self);
}

/* Section: GObject */

static gboolean
guild_import_dialog_close_request (GtkWindow *window)
{
  GuildImportDialog *self = GUILD_IMPORT_DIALOG (window);

  /* While a write is rolled back the dialog stays; it closes by itself. */
  if (self->applying)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "import.cancel", NULL);
      return TRUE;
    }

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (guild_import_dialog_parent_class)->close_request (window);
}

static void
guild_import_dialog_dispose (GObject *object)
{
  GuildImportDialog *self = (GuildImportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GUILD_TYPE_IMPORT_DIALOG);

  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->written_batches, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (guild_import_dialog_parent_class)->dispose (object);
}

static void
guild_import_dialog_class_init (GuildImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = guild_import_dialog_dispose;
  window_class->close_request = guild_import_dialog_close_request;

  /**
   * GuildImportDialog::imported:
   * @n_records: how many records were added or updated
   * @n_failed: how many files could not be written
   * @batches: (type GVariant): the import batches written, as "ax"
   * @view: (nullable): the window's view that shows most of the records
   *   written: "contacts" or "calendar"
   *
   * Emitted when the user pressed Import and the files were written.
   */
  signals [IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_VARIANT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/guild-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, files_box);
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GuildImportDialog, import_button);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
guild_import_dialog_init (GuildImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", FALSE);
}

/* Section: public API */

/**
 * guild_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the database to import into
 * @files: (array length=n_files): the files
 *
 * Starts reading @files at once; the dialog shows the preview when that is
 * done.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GuildImportDialog *
guild_import_dialog_new (GtkWindow   *parent,
                         GuildStore  *store,
                         GFile      **files,
                         guint        n_files)
{
  GuildImportDialog *self;
  g_autoptr(GTask) task = NULL;
  GPtrArray *task_files;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GUILD_IS_STORE (store), NULL);
  g_return_val_if_fail (files != NULL && n_files > 0, NULL);

  self = g_object_new (GUILD_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->pulse_source = g_timeout_add (100, pulse_cb, self);

  task_files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (task_files, g_object_ref (files[i]));
  task = g_task_new (self, self->cancellable, on_parse_done_cb, NULL);
  g_task_set_source_tag (task, guild_import_dialog_new);
  g_task_set_task_data (task, task_files, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, parse_files_worker);

  return self;
}

/**
 * guild_import_dialog_get_ready:
 *
 * Returns: whether the files were read and the preview is shown
 */
gboolean
guild_import_dialog_get_ready (GuildImportDialog *self)
{
  g_return_val_if_fail (GUILD_IS_IMPORT_DIALOG (self), FALSE);

  return self->outcomes != NULL && self->previewing >= self->outcomes->len &&
         self->remapping == 0;
}

/**
 * guild_import_dialog_get_n_files:
 *
 * Returns: how many files the preview shows, 0 until it is ready
 */
guint
guild_import_dialog_get_n_files (GuildImportDialog *self)
{
  g_return_val_if_fail (GUILD_IS_IMPORT_DIALOG (self), 0);

  return guild_import_dialog_get_ready (self) ? self->outcomes->len : 0;
}

/**
 * guild_import_dialog_get_counts:
 * @file: the index of a file
 * @counts: (out caller-allocates): new, updated, unchanged and skipped
 *
 * Returns: %FALSE when the file could not be read
 */
gboolean
guild_import_dialog_get_counts (GuildImportDialog *self,
                                guint              file,
                                guint              counts[4])
{
  FileOutcome *outcome;

  g_return_val_if_fail (GUILD_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->outcomes != NULL && file < self->outcomes->len, FALSE);

  outcome = g_ptr_array_index (self->outcomes, file);
  if (outcome->summary != NULL)
    {
      counts[0] = outcome->summary->added;
      counts[1] = outcome->summary->updated;
      counts[2] = outcome->summary->unchanged;
      counts[3] = outcome->summary->skipped;
      return TRUE;
    }
  if (outcome->preview == NULL)
    return FALSE;

  counts[0] = outcome->preview->added;
  counts[1] = outcome->preview->updated;
  counts[2] = outcome->preview->unchanged;
  counts[3] = outcome->preview->skipped;

  return TRUE;
}

/**
 * guild_import_dialog_get_applying:
 *
 * Returns: whether the import is being written (or, after Cancel, rolled
 *   back) on a worker thread
 */
gboolean
guild_import_dialog_get_applying (GuildImportDialog *self)
{
  g_return_val_if_fail (GUILD_IS_IMPORT_DIALOG (self), FALSE);

  return self->applying;
}
