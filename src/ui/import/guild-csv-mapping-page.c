/* guild-csv-mapping-page.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "guild-csv-mapping-page.h"

/* The column-mapping step of the import dialog, for a CSV file that is not a
 * LinkedIn or Google export: one row per column with its header, a value
 * from the file and what Guild reads it as (guessed from the header by
 * guild_csv_mapping_guess()). Changing a column reads the file again with the
 * corrected mapping on a worker thread and emits ::result-ready, so that the
 * dialog shows the preview of what would now be imported.
 *
 * Everything here goes through the importer's public API: the file is
 * decoded with guild_import_decode_text(), and the sample of a column is the
 * first non-empty value that column gives when it alone is read as the name. */

/* The sample values come from the start of the file only. */
#define SAMPLE_BYTES (64 * 1024)

struct _GuildCsvMappingPage
{
  AdwPreferencesGroup  parent_instance;

  GFile               *file;
  char                *name;
  GBytes              *text;
  GuildCsvMapping     *mapping;
  GPtrArray           *samples;
  GPtrArray           *rows;
  GuildImportResult   *result;
  GCancellable        *cancellable;
  guint                busy : 1;
};

enum {
  RESULT_READY,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (GuildCsvMappingPage, guild_csv_mapping_page, ADW_TYPE_PREFERENCES_GROUP)

/* Section: reading the file (worker thread) */

typedef struct
{
  GBytes          *text;
  GuildCsvMapping *mapping;
  GPtrArray       *samples;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->text, g_bytes_unref);
  g_clear_pointer (&loaded->mapping, guild_csv_mapping_free);
  g_clear_pointer (&loaded->samples, g_ptr_array_unref);
  g_free (loaded);
}

static GPtrArray *
find_samples (const char            *text,
              gsize                  len,
              const GuildCsvMapping *mapping,
              GCancellable          *cancellable)
{
  guint n_columns = guild_csv_mapping_get_n_columns (mapping);
  GPtrArray *samples = g_ptr_array_new_with_free_func (g_free);
  gsize prefix = len;

  /* A whole number of lines from the start of the file. */
  if (prefix > SAMPLE_BYTES)
    {
      prefix = SAMPLE_BYTES;
      while (prefix > 0 && text[prefix - 1] != '\n')
        prefix--;
      if (prefix == 0)
        prefix = SAMPLE_BYTES;
      while (prefix < len && (text[prefix] & 0xC0) == 0x80)
        prefix++;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GuildCsvMapping) probe = guild_csv_mapping_copy (mapping);
      g_autoptr(GuildImportResult) result = NULL;
      char *sample = g_strdup ("");

      for (guint j = 0; j < n_columns; j++)
        guild_csv_mapping_set_field (probe, j, j == i ? GUILD_CSV_FIELD_FULL_NAME
                                                      : GUILD_CSV_FIELD_IGNORE);
      if (!g_cancellable_is_cancelled (cancellable))
        result = guild_import_parse_csv_with_mapping (text, prefix, NULL, probe, cancellable);
      if (result != NULL && result->items->len > 0)
        {
          GuildImportItem *item = g_ptr_array_index (result->items, 0);

          g_free (sample);
          sample = g_strdup (guild_record_get_text (item->record, "full-name"));
        }
      g_ptr_array_add (samples, sample);
    }

  return samples;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  gsize len = 0, n = 0;
  Loaded *loaded;

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  text = guild_import_decode_text ((const guint8 *) contents, len, &n);
  g_clear_pointer (&contents, g_free);

  loaded = g_new0 (Loaded, 1);
  loaded->mapping = guild_csv_mapping_guess (text, n);
  if (loaded->mapping == NULL)
    {
      loaded_free (loaded);
      g_task_return_new_error (task, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                               "%s", _("The file has no header line"));
      return;
    }
  loaded->samples = find_samples (text, n, loaded->mapping, cancellable);
  loaded->text = g_bytes_new_take (g_steal_pointer (&text), n);

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

typedef struct
{
  GBytes          *text;
  GuildCsvMapping *mapping;
  char            *name;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_clear_pointer (&data->text, g_bytes_unref);
  g_clear_pointer (&data->mapping, guild_csv_mapping_free);
  g_free (data->name);
  g_free (data);
}

static void
parse_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  gsize len = 0;
  const char *text = g_bytes_get_data (data->text, &len);
  GuildImportResult *result;

  result = guild_import_parse_csv_with_mapping (text, len, data->name, data->mapping,
                                                cancellable);
  if (g_task_return_error_if_cancelled (task))
    guild_import_result_free (result);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) guild_import_result_free);
}

/* Section: the rows */

static void
on_parsed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GuildCsvMappingPage *self = GUILD_CSV_MAPPING_PAGE (object);
  g_autoptr(GError) error = NULL;
  GuildImportResult *parsed;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read %s again: %s", self->name, error->message);
      return;
    }

  self->busy = FALSE;
  g_clear_pointer (&self->result, guild_import_result_free);
  self->result = parsed;
  g_signal_emit (self, signals [RESULT_READY], 0);
}

static void
reparse (GuildCsvMappingPage *self)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;

  data = g_new0 (ParseData, 1);
  data->text = g_bytes_ref (self->text);
  data->mapping = guild_csv_mapping_copy (self->mapping);
  data->name = g_strdup (self->name);

  task = g_task_new (self, self->cancellable, on_parsed_cb, NULL);
  g_task_set_source_tag (task, reparse);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (task, parse_worker);
}

static void
on_selected_cb (AdwComboRow         *row,
                GParamSpec          *pspec,
                GuildCsvMappingPage *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "guild-column"));
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= GUILD_N_CSV_FIELDS)
    return;
  if (guild_csv_mapping_get_field (self->mapping, column) == (GuildCsvField) selected)
    return;

  guild_csv_mapping_set_field (self->mapping, column, selected);
  reparse (self);
}

static void
show_mapping (GuildCsvMappingPage *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  guint n_columns = guild_csv_mapping_get_n_columns (self->mapping);

  for (guint f = 0; f < GUILD_N_CSV_FIELDS; f++)
    gtk_string_list_append (fields, guild_csv_field_label (f));

  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = guild_csv_mapping_get_header (self->mapping, i);
      const char *sample = g_ptr_array_index (self->samples, i);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_combo_row_new ();

      if (header == NULL || *header == '\0')
        /* Translators: a CSV column without a header; %u is its number, from 1. */
        title = g_strdup_printf (_("Column %u"), i + 1);
      else
        title = g_strdup (header);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      if (*sample != '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("(empty)"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  guild_csv_mapping_get_field (self->mapping, i));
      g_object_set_data (G_OBJECT (row), "guild-column", GUINT_TO_POINTER (i));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_selected_cb), self);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GuildCsvMappingPage *self = GUILD_CSV_MAPPING_PAGE (object);
  g_autoptr(GError) error = NULL;
  Loaded *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);
  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the columns of %s: %s", self->name, error->message);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
        }
      return;
    }

  self->text = g_steal_pointer (&loaded->text);
  self->mapping = g_steal_pointer (&loaded->mapping);
  self->samples = g_steal_pointer (&loaded->samples);
  loaded_free (loaded);

  show_mapping (self);
}

/* Section: GObject */

static void
guild_csv_mapping_page_dispose (GObject *object)
{
  GuildCsvMappingPage *self = GUILD_CSV_MAPPING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (guild_csv_mapping_page_parent_class)->dispose (object);
}

static void
guild_csv_mapping_page_finalize (GObject *object)
{
  GuildCsvMappingPage *self = GUILD_CSV_MAPPING_PAGE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->text, g_bytes_unref);
  g_clear_pointer (&self->mapping, guild_csv_mapping_free);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->result, guild_import_result_free);

  G_OBJECT_CLASS (guild_csv_mapping_page_parent_class)->finalize (object);
}

static void
guild_csv_mapping_page_class_init (GuildCsvMappingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = guild_csv_mapping_page_dispose;
  object_class->finalize = guild_csv_mapping_page_finalize;

  /**
   * GuildCsvMappingPage::result-ready:
   *
   * Emitted when the file was read again after the user changed what a
   * column holds; take the result with
   * guild_csv_mapping_page_steal_result().
   */
  signals [RESULT_READY] =
    g_signal_new ("result-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
guild_csv_mapping_page_init (GuildCsvMappingPage *self)
{
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Columns"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Guild guessed what each column holds. Correct it "
                                           "where it is wrong; the counts below follow."));
}

/* Section: public API */

/**
 * guild_csv_mapping_page_new:
 * @file: a CSV file of contacts
 *
 * Reads @file on a worker thread and shows its columns when that is done.
 */
GtkWidget *
guild_csv_mapping_page_new (GFile *file)
{
  GuildCsvMappingPage *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (GUILD_TYPE_CSV_MAPPING_PAGE, NULL);
  self->file = g_object_ref (file);
  basename = g_file_get_basename (file);
  self->name = g_filename_display_name (basename != NULL ? basename : "");

  task = g_task_new (self, self->cancellable, on_loaded_cb, NULL);
  g_task_set_source_tag (task, guild_csv_mapping_page_new);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_worker);

  return GTK_WIDGET (self);
}

/**
 * guild_csv_mapping_page_get_ready:
 *
 * Returns: whether the columns are shown
 */
gboolean
guild_csv_mapping_page_get_ready (GuildCsvMappingPage *self)
{
  g_return_val_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self), FALSE);

  return self->mapping != NULL;
}

/**
 * guild_csv_mapping_page_get_mapping:
 *
 * Returns: (nullable): the mapping as the user left it; %NULL until ready
 */
const GuildCsvMapping *
guild_csv_mapping_page_get_mapping (GuildCsvMappingPage *self)
{
  g_return_val_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self), NULL);

  return self->mapping;
}

/**
 * guild_csv_mapping_page_get_sample:
 *
 * Returns: the value shown under @column's header ("" for none)
 */
const char *
guild_csv_mapping_page_get_sample (GuildCsvMappingPage *self,
                                   guint                column)
{
  g_return_val_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self), NULL);
  g_return_val_if_fail (self->samples != NULL && column < self->samples->len, NULL);

  return g_ptr_array_index (self->samples, column);
}

/**
 * guild_csv_mapping_page_set_field:
 *
 * Chooses @field for @column, as the user does with the column's drop-down.
 */
void
guild_csv_mapping_page_set_field (GuildCsvMappingPage *self,
                                  guint                column,
                                  GuildCsvField        field)
{
  g_return_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self));
  g_return_if_fail (column < self->rows->len);
  g_return_if_fail (field < GUILD_N_CSV_FIELDS);

  adw_combo_row_set_selected (g_ptr_array_index (self->rows, column), field);
}

/**
 * guild_csv_mapping_page_get_busy:
 *
 * Returns: whether the file is being read again with a changed mapping
 */
gboolean
guild_csv_mapping_page_get_busy (GuildCsvMappingPage *self)
{
  g_return_val_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self), FALSE);

  return self->busy;
}

/**
 * guild_csv_mapping_page_steal_result:
 *
 * Returns: (transfer full) (nullable): the file as read with the latest
 *   mapping, once ::result-ready was emitted
 */
GuildImportResult *
guild_csv_mapping_page_steal_result (GuildCsvMappingPage *self)
{
  g_return_val_if_fail (GUILD_IS_CSV_MAPPING_PAGE (self), NULL);

  return g_steal_pointer (&self->result);
}
