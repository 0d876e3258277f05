/* guild-import-csv.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"
#include "guild-records.h"
#include "guild-text.h"
#include "guild-vocab.h"

/* CSV files of contacts: LinkedIn's Connections.csv, Google Contacts' two
 * header generations, and any other table, whose columns are guessed from
 * the header (in English or Russian) into a GuildCsvMapping that the app can
 * show and let the user correct. All three share one reader and one
 * row-to-contact step; they differ only in the mapping and a few rules.
 */

/* A quoted cell longer than this is taken for a stray quote: the record is
 * reported and reading starts again on the next line. */
#define MAX_QUOTED_CELL (256 * 1024)

struct _GuildCsvMapping
{
  GuildImportFormat  format;
  char               delimiter;
  guint              header_line;
  gsize              data_offset;
  guint              data_line;
  GPtrArray         *headers;
  GArray            *fields;
};

/* Section: the reader */

void
_guild_csv_reader_init (GuildCsvReader *reader,
                        const char     *text,
                        gsize           len,
                        char            delimiter)
{
  reader->text = text;
  reader->len = len;
  reader->pos = 0;
  reader->line = 1;
  reader->delimiter = delimiter;
  reader->hit_end = FALSE;
}

static void
push_cell (GPtrArray *cells,
           GString   *cell)
{
  g_ptr_array_add (cells, g_strndup (cell->str, cell->len));
  g_string_truncate (cell, 0);
}

/**
 * _guild_csv_reader_next:
 * @cells: (element-type utf8): emptied, then filled with the record's cells
 * @line: (out): the line the record starts on
 * @broken: (out): set when a quoted cell never closed; @cells is then empty
 *   and reading goes on from the line after the record's first
 *
 * Returns: %FALSE at the end of the text.
 */
gboolean
_guild_csv_reader_next (GuildCsvReader *reader,
                        GPtrArray      *cells,
                        guint          *line,
                        gboolean       *broken)
{
  const char *text = reader->text;
  g_autoptr(GString) cell = g_string_new (NULL);
  gsize start = reader->pos;
  guint start_line = reader->line;
  gboolean in_quotes = FALSE, was_quoted = FALSE;
  gsize quoted_len = 0;

  g_ptr_array_set_size (cells, 0);
  *broken = FALSE;
  *line = reader->line;
  reader->hit_end = FALSE;

  if (reader->pos >= reader->len)
    return FALSE;

  while (reader->pos < reader->len)
    {
      char c = text[reader->pos];

      if (in_quotes)
        {
          if (c == '"')
            {
              if (reader->pos + 1 < reader->len && text[reader->pos + 1] == '"')
                {
                  g_string_append_c (cell, '"');
                  reader->pos += 2;
                }
              else
                {
                  in_quotes = FALSE;
                  reader->pos++;
                }
              continue;
            }

          if (++quoted_len > MAX_QUOTED_CELL)
            break;

          if (c == '\r' || c == '\n')
            {
              if (c == '\r' && reader->pos + 1 < reader->len && text[reader->pos + 1] == '\n')
                reader->pos++;
              reader->line++;
              g_string_append_c (cell, '\n');
            }
          else
            g_string_append_c (cell, c);
          reader->pos++;
          continue;
        }

      if (c == '"' && cell->len == 0 && !was_quoted)
        {
          in_quotes = was_quoted = TRUE;
          quoted_len = 0;
          reader->pos++;
          continue;
        }

      if (c == reader->delimiter)
        {
          push_cell (cells, cell);
          was_quoted = FALSE;
          reader->pos++;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          if (c == '\r' && reader->pos + 1 < reader->len && text[reader->pos + 1] == '\n')
            reader->pos++;
          reader->pos++;
          reader->line++;
          push_cell (cells, cell);
          return TRUE;
        }

      if (cell->len < GUILD_IMPORT_MAX_VALUE)
        g_string_append_c (cell, c);
      reader->pos++;
    }

  reader->hit_end = reader->pos >= reader->len;

  if (in_quotes)
    {
      /* Start again after the first line of the broken record. */
      g_ptr_array_set_size (cells, 0);
      *broken = TRUE;
      reader->pos = start;
      reader->line = start_line;
      while (reader->pos < reader->len && text[reader->pos] != '\n' && text[reader->pos] != '\r')
        reader->pos++;
      if (reader->pos < reader->len)
        {
          if (text[reader->pos] == '\r' && reader->pos + 1 < reader->len &&
              text[reader->pos + 1] == '\n')
            reader->pos++;
          reader->pos++;
          reader->line++;
        }
      return TRUE;
    }

  push_cell (cells, cell);
  return TRUE;
}

/**
 * _guild_csv_detect_delimiter:
 *
 * Returns: the delimiter of a header line: `,`, `;` or a tab, whichever
 *   occurs most often outside quotes (a comma on a tie).
 */
char
_guild_csv_detect_delimiter (const char *text,
                             gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < len && text[i] != '\0'; i++)
    {
      char c = text[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (in_quotes)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

/* Section: the mapping */

static const char *field_labels[] = {
  /* Translators: a CSV column that is not imported. */
  N_("Ignore"),
  N_("Full name"),
  N_("First name"),
  N_("Middle name"),
  N_("Last name"),
  N_("E-mail"),
  N_("Phone"),
  N_("Company"),
  N_("Position"),
  N_("Web address"),
  N_("Location"),
  N_("Tags"),
  N_("Notes"),
  N_("Birthday"),
  N_("Connected on"),
  N_("Relationship"),
  N_("Communities"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_labels) == GUILD_N_CSV_FIELDS);

/**
 * guild_csv_field_label:
 *
 * Returns: the field's translated name, for the column-mapping step.
 */
const char *
guild_csv_field_label (GuildCsvField field)
{
  g_return_val_if_fail (field < GUILD_N_CSV_FIELDS, NULL);

  return _(field_labels[field]);
}

typedef struct
{
  GuildCsvField  field;
  const char    *words;
} HeaderRule;

/* Whole header cells (folded), separated by '|'. */
static const HeaderRule exact_rules[] = {
  { GUILD_CSV_FIELD_FULL_NAME, "name|full name|display name|contact|contact name|фио|ф.и.о.|"
                               "полное имя|контакт|имя и фамилия" },
  { GUILD_CSV_FIELD_GIVEN_NAME, "first name|given name|firstname|first" },
  { GUILD_CSV_FIELD_MIDDLE_NAME, "middle name|additional name|отчество" },
  { GUILD_CSV_FIELD_FAMILY_NAME, "last name|family name|surname|lastname|last|фамилия" },
  { GUILD_CSV_FIELD_COMPANY, "company|organization|organisation|employer|organization name|"
                             "organization 1 - name|компания|организация|место работы|"
                             "работодатель" },
  { GUILD_CSV_FIELD_POSITION, "position|title|job title|role|organization title|"
                              "organization 1 - title|должность|позиция|роль" },
  { GUILD_CSV_FIELD_NOTES, "notes|note|comment|comments|заметки|заметка|примечание|"
                           "примечания|комментарий" },
  { GUILD_CSV_FIELD_TAGS, "tags|tag|labels|groups|group membership|category|categories|"
                          "теги|метки|группы|категории" },
  { GUILD_CSV_FIELD_URL, "url|urls|website|web site|web|linkedin|linkedin url|profile|profile url|"
                         "homepage|сайт|ссылка|профиль|веб-сайт" },
  { GUILD_CSV_FIELD_LOCATION, "city|location|town|address 1 - city|город|местоположение|"
                              "населённый пункт|населенный пункт" },
  { GUILD_CSV_FIELD_BIRTHDAY, "birthday|birth date|date of birth|день рождения|дата рождения" },
  { GUILD_CSV_FIELD_CONNECTED_ON, "connected on|connected|date added|added|met on|"
                                  "дата знакомства|знакомы с|добавлен" },
  { GUILD_CSV_FIELD_RELATIONSHIP, "relationship|отношения|кем приходится" },
  { GUILD_CSV_FIELD_COMMUNITIES, "communities|community|member of|сообщества|сообщество" },
};

static GuildCsvField
guess_field (const char *header,
             gboolean    has_family_column,
             gboolean    has_company)
{
  g_autofree char *folded = NULL;
  g_autofree char *trimmed = NULL;
  gsize len;

  trimmed = g_strstrip (g_strdup (header));
  len = strlen (trimmed);
  while (len > 0 && (trimmed[len - 1] == ':' || trimmed[len - 1] == '*'))
    trimmed[--len] = '\0';
  folded = g_utf8_casefold (trimmed, -1);

  /* Google's numbered columns: only the values, not their types or labels. */
  if (strstr (folded, " - ") != NULL)
    {
      if (g_str_has_suffix (folded, " - value"))
        {
          if (g_str_has_prefix (folded, "e-mail") || g_str_has_prefix (folded, "email"))
            return GUILD_CSV_FIELD_EMAIL;
          if (g_str_has_prefix (folded, "phone"))
            return GUILD_CSV_FIELD_PHONE;
          if (g_str_has_prefix (folded, "website"))
            return GUILD_CSV_FIELD_URL;
          return GUILD_CSV_FIELD_IGNORE;
        }
      if (g_str_equal (folded, "address 1 - city"))
        return GUILD_CSV_FIELD_LOCATION;
      if (g_str_equal (folded, "organization 1 - name"))
        return has_company ? GUILD_CSV_FIELD_IGNORE : GUILD_CSV_FIELD_COMPANY;
      if (g_str_equal (folded, "organization 1 - title"))
        return GUILD_CSV_FIELD_POSITION;
      return GUILD_CSV_FIELD_IGNORE;
    }

  /* "Имя" is the first name next to a "Фамилия" column, else the whole name. */
  if (g_str_equal (folded, "имя"))
    return has_family_column ? GUILD_CSV_FIELD_GIVEN_NAME : GUILD_CSV_FIELD_FULL_NAME;

  for (guint i = 0; i < G_N_ELEMENTS (exact_rules); i++)
    {
      g_auto(GStrv) words = g_strsplit (exact_rules[i].words, "|", -1);

      if (g_strv_contains ((const char * const *) words, folded))
        return exact_rules[i].field;
    }

  if (strstr (folded, "mail") != NULL || strstr (folded, "почт") != NULL)
    return GUILD_CSV_FIELD_EMAIL;
  if (strstr (folded, "phone") != NULL || strstr (folded, "mobile") != NULL ||
      strstr (folded, "телефон") != NULL || g_str_equal (folded, "tel"))
    return GUILD_CSV_FIELD_PHONE;

  return GUILD_CSV_FIELD_IGNORE;
}

static gboolean
header_is_linkedin (const char *line)
{
  return strstr (line, "First Name") != NULL && strstr (line, "Last Name") != NULL;
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

/* Finds the header line: LinkedIn's comes after its "Notes:" preamble; in
 * any other file it is the first line that is not blank. */
static gboolean
find_header (const char        *text,
             gsize              len,
             GuildImportFormat  format,
             gsize             *offset,
             guint             *line)
{
  gsize pos = 0, first_pos = G_MAXSIZE;
  guint n = 1, first_line = 0;

  while (pos < len && n <= 40)
    {
      gsize end = pos;
      g_autofree char *current = NULL;

      while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
      current = g_strndup (text + pos, end - pos);

      if (first_pos == G_MAXSIZE && !is_blank (current) &&
          !g_str_has_prefix (current, "Notes:"))
        {
          first_pos = pos;
          first_line = n;
        }
      if (format == GUILD_IMPORT_FORMAT_LINKEDIN_CSV && header_is_linkedin (current))
        {
          *offset = pos;
          *line = n;
          return TRUE;
        }

      if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
        end++;
      pos = end + 1;
      n++;
    }

  /* The first line of a quoted preamble is no header. */
  if (format == GUILD_IMPORT_FORMAT_LINKEDIN_CSV || first_pos == G_MAXSIZE)
    return FALSE;

  *offset = first_pos;
  *line = first_line;
  return TRUE;
}

static GuildCsvMapping *
mapping_guess (const char        *text,
               gsize              len,
               GuildImportFormat  format)
{
  g_autoptr(GuildCsvMapping) mapping = g_new0 (GuildCsvMapping, 1);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GuildCsvReader reader;
  gboolean broken, has_family = FALSE, has_company = FALSE;
  gsize offset = 0;
  guint line = 0;

  mapping->format = format;
  mapping->headers = g_ptr_array_new_with_free_func (g_free);
  mapping->fields = g_array_new (FALSE, TRUE, sizeof (GuildCsvField));

  if (!find_header (text, len, format, &offset, &line))
    return NULL;

  mapping->delimiter = _guild_csv_detect_delimiter (text + offset, len - offset);
  _guild_csv_reader_init (&reader, text, len, mapping->delimiter);
  reader.pos = offset;
  reader.line = line;
  if (!_guild_csv_reader_next (&reader, cells, &mapping->header_line, &broken) || broken)
    return NULL;

  mapping->data_offset = reader.pos;
  mapping->data_line = reader.line;

  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (cells, i), -1);

      g_strstrip (folded);
      has_family |= g_str_equal (folded, "фамилия");
    }

  for (guint i = 0; i < cells->len; i++)
    {
      const char *header = g_ptr_array_index (cells, i);
      GuildCsvField field = guess_field (header, has_family, has_company);

      /* Only the first company column counts (Google has one per job). */
      if (field == GUILD_CSV_FIELD_COMPANY)
        {
          if (has_company)
            field = GUILD_CSV_FIELD_IGNORE;
          has_company = TRUE;
        }

      g_ptr_array_add (mapping->headers, g_strstrip (g_strdup (header)));
      g_array_append_val (mapping->fields, field);
    }

  return g_steal_pointer (&mapping);
}

/**
 * guild_csv_mapping_guess:
 *
 * Reads the header of a CSV file (decoded text) and guesses what each column
 * holds.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL when the text
 *   has no header line.
 */
GuildCsvMapping *
guild_csv_mapping_guess (const char *text,
                         gsize       len)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  return mapping_guess (text, len, GUILD_IMPORT_FORMAT_GENERIC_CSV);
}

GuildCsvMapping *
guild_csv_mapping_copy (const GuildCsvMapping *mapping)
{
  GuildCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_memdup2 (mapping, sizeof *mapping);
  copy->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < mapping->headers->len; i++)
    g_ptr_array_add (copy->headers, g_strdup (g_ptr_array_index (mapping->headers, i)));
  copy->fields = g_array_copy (mapping->fields);

  return copy;
}

void
guild_csv_mapping_free (GuildCsvMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_clear_pointer (&mapping->headers, g_ptr_array_unref);
  g_clear_pointer (&mapping->fields, g_array_unref);
  g_free (mapping);
}

guint
guild_csv_mapping_get_n_columns (const GuildCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);

  return mapping->fields->len;
}

const char *
guild_csv_mapping_get_header (const GuildCsvMapping *mapping,
                              guint                  column)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (column < mapping->headers->len, NULL);

  return g_ptr_array_index (mapping->headers, column);
}

GuildCsvField
guild_csv_mapping_get_field (const GuildCsvMapping *mapping,
                             guint                  column)
{
  g_return_val_if_fail (mapping != NULL, GUILD_CSV_FIELD_IGNORE);

  if (column >= mapping->fields->len)
    return GUILD_CSV_FIELD_IGNORE;

  return g_array_index (mapping->fields, GuildCsvField, column);
}

void
guild_csv_mapping_set_field (GuildCsvMapping *mapping,
                             guint            column,
                             GuildCsvField    field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < mapping->fields->len);
  g_return_if_fail (field < GUILD_N_CSV_FIELDS);

  g_array_index (mapping->fields, GuildCsvField, column) = field;
}

char
guild_csv_mapping_get_delimiter (const GuildCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, ',');

  return mapping->delimiter;
}

guint
guild_csv_mapping_get_header_line (const GuildCsvMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);

  return mapping->header_line;
}

/* Section: rows to contacts */

/* Splits a multi-valued cell: Google joins values with " ::: "; other files
 * use commas or semicolons for lists of addresses and tags. */
static void
add_values (GPtrArray  *list,
            const char *cell,
            gboolean    split_commas,
            gboolean    ignore_case)
{
  g_auto(GStrv) parts = g_strsplit (cell, ":::", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (split_commas)
        {
          g_auto(GStrv) sub = g_strsplit_set (parts[i], ",;", -1);

          for (guint j = 0; sub[j] != NULL; j++)
            _guild_strv_add_unique (list, sub[j], ignore_case);
        }
      else
        _guild_strv_add_unique (list, parts[i], ignore_case);
    }
}

static void
add_tags (GPtrArray         *tags,
          const char        *cell,
          GuildImportFormat  format)
{
  g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);

  add_values (raw, cell, format != GUILD_IMPORT_FORMAT_GOOGLE_CSV, FALSE);

  for (guint i = 0; i < raw->len; i++)
    {
      const char *tag = g_ptr_array_index (raw, i);
      g_autofree char *folded = g_ascii_strdown (tag, -1);

      /* Google's system groups say nothing about the person. */
      g_strdelimit (folded, " ", '*');
      if (g_str_equal (folded, "**mycontacts") || g_str_equal (folded, "**my*contacts") ||
          g_str_equal (folded, "**starred") ||
          (format == GUILD_IMPORT_FORMAT_GOOGLE_CSV && g_str_equal (folded, "mycontacts")))
        continue;
      if (g_str_has_prefix (tag, "* "))
        tag += 2;
      _guild_strv_add_unique (tags, tag, FALSE);
    }
}

static void
set_first (char       **slot,
           const char  *cell)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (cell));

  if (*slot == NULL && *trimmed != '\0')
    *slot = g_steal_pointer (&trimmed);
}

/* set_first() of a cell that is trimmed already and can be kept. */
static void
take_first (char **slot,
            char **trimmed)
{
  if (*slot == NULL && **trimmed != '\0')
    *slot = g_steal_pointer (trimmed);
}

/* A relationship as Guild's CSV export writes it (its id, "hiring_manager"),
 * or its label in English or in the UI's language; "" when it is neither. */
static const char *
relationship_id (const char *cell)
{
  g_autofree char *folded = g_utf8_casefold (cell, -1);
  const GuildVocabEntry *entries;
  guint n = 0;

  entries = guild_vocab_entries (GUILD_VOCAB_RELATIONSHIP, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_utf8_casefold (entries[i].label, -1);
      g_autofree char *translated =
        g_utf8_casefold (guild_vocab_entry_label (GUILD_VOCAB_RELATIONSHIP, &entries[i]), -1);

      if (g_str_equal (folded, entries[i].id) || g_str_equal (folded, label) ||
          g_str_equal (folded, translated))
        return entries[i].id;
    }

  return "";
}

static void
warn_date (GuildImportResult *result,
           guint              line,
           const char        *value)
{
  g_autofree char *message =
    /* Translators: %s is a date as written in the imported file. */
    g_strdup_printf (_("Unreadable date “%s”; the contact was imported without it"), value);

  guild_import_result_warn (result, line, message);
}

static gboolean
cells_empty (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);

      for (const char *p = cell; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Community names (Guild's own CSV export writes them, joined by " ::: ").
 *
 * Each distinct name (folded with guild_text_fold(), so "Python Moscow" and
 * "python moscow" are one) becomes a community record of the file, ahead of
 * the contact naming it, and the contact refers to it by file id, as in a
 * backup. The preview then matches it to a stored community by its folded
 * name like any community of a backup: an existing one is "unchanged" and
 * the contact joins it; an unknown name is created, and shows in the
 * preview's count of new records — a membership is never dropped silently,
 * and the person can rename or delete the community afterwards (or undo the
 * whole import). */
static void
add_communities (GuildImportResult *result,
                 GArray            *ids,
                 const char        *cell,
                 guint              line)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  add_values (names, cell, FALSE, FALSE);
  if (result->community_ids == NULL)
    result->community_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *folded = guild_text_fold (name);
      gint64 *id;

      if (*folded == '\0')
        continue;

      id = g_hash_table_lookup (result->community_ids, folded);
      if (id == NULL)
        {
          id = g_new (gint64, 1);
          *id = g_hash_table_size (result->community_ids) + 1;
          g_hash_table_insert (result->community_ids, g_steal_pointer (&folded), id);
          guild_import_result_add (result, GUILD_RECORD (guild_community_new (name)), line, *id);
        }
      g_array_append_val (ids, *id);
    }

  if (ids->len > 0)
    result->has_file_refs = TRUE;
}

static void
row_to_contact (GuildImportResult     *result,
                const GuildCsvMapping *mapping,
                GPtrArray             *cells,
                guint                  line)
{
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *full = NULL, *given = NULL, *middle = NULL, *family = NULL;
  g_autofree char *company = NULL, *position = NULL, *location = NULL;
  g_autofree char *birthday = NULL, *connected = NULL;
  g_autofree char *relationship = NULL;
  g_autoptr(GArray) communities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *community_cell = NULL;
  GuildRecord *record;
  gboolean generic = mapping->format == GUILD_IMPORT_FORMAT_GENERIC_CSV;

  for (guint i = 0; i < cells->len; i++)
    {
      /* The row's cells are not needed after this: each is trimmed in
       * place and kept by the field it goes to. */
      g_autofree char *trimmed = g_strstrip ((char *) g_steal_pointer (&cells->pdata[i]));

      if (*trimmed == '\0')
        continue;

      switch (guild_csv_mapping_get_field (mapping, i))
        {
        case GUILD_CSV_FIELD_FULL_NAME:
          take_first (&full, &trimmed);
          break;
        case GUILD_CSV_FIELD_GIVEN_NAME:
          take_first (&given, &trimmed);
          break;
        case GUILD_CSV_FIELD_MIDDLE_NAME:
          take_first (&middle, &trimmed);
          break;
        case GUILD_CSV_FIELD_FAMILY_NAME:
          take_first (&family, &trimmed);
          break;
        case GUILD_CSV_FIELD_EMAIL:
          add_values (emails, trimmed, generic || strchr (trimmed, ':') == NULL, TRUE);
          break;
        case GUILD_CSV_FIELD_PHONE:
          add_values (phones, trimmed, FALSE, FALSE);
          break;
        case GUILD_CSV_FIELD_URL:
          {
            g_autoptr(GPtrArray) raw = g_ptr_array_new_with_free_func (g_free);

            add_values (raw, trimmed, FALSE, FALSE);
            for (guint j = 0; j < raw->len; j++)
              {
                g_autofree char *url = _guild_import_canonical_url (g_ptr_array_index (raw, j));

                _guild_strv_add_unique (urls, url, FALSE);
              }
          }
          break;
        case GUILD_CSV_FIELD_COMPANY:
          take_first (&company, &trimmed);
          break;
        case GUILD_CSV_FIELD_POSITION:
          take_first (&position, &trimmed);
          break;
        case GUILD_CSV_FIELD_LOCATION:
          take_first (&location, &trimmed);
          break;
        case GUILD_CSV_FIELD_TAGS:
          add_tags (tags, trimmed, mapping->format);
          break;
        case GUILD_CSV_FIELD_NOTES:
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append (notes, trimmed);
          break;
        case GUILD_CSV_FIELD_BIRTHDAY:
          if (birthday == NULL && !guild_import_parse_day (trimmed, TRUE, &birthday))
            warn_date (result, line, trimmed);
          break;
        case GUILD_CSV_FIELD_CONNECTED_ON:
          if (connected == NULL && !guild_import_parse_day (trimmed, FALSE, &connected))
            warn_date (result, line, trimmed);
          break;
        case GUILD_CSV_FIELD_RELATIONSHIP:
          set_first (&relationship, relationship_id (trimmed));
          break;
        case GUILD_CSV_FIELD_COMMUNITIES:
          set_first (&community_cell, trimmed);
          break;
        case GUILD_CSV_FIELD_IGNORE:
        case GUILD_N_CSV_FIELDS:
        default:
          break;
        }
    }

  if (full == NULL)
    full = _guild_import_join_name (given ? given : "", middle ? middle : "",
                                    family ? family : "", NULL);

  /* LinkedIn rows without a name are people who left; elsewhere an address
   * is a name good enough to keep the person. */
  if (*full == '\0' && mapping->format != GUILD_IMPORT_FORMAT_LINKEDIN_CSV && emails->len > 0)
    {
      g_free (full);
      full = g_strdup (g_ptr_array_index (emails, 0));
    }

  if (*full == '\0')
    {
      guild_import_result_skip (result, line, _("No name"));
      return;
    }

  /* Only a row that is kept brings its communities. */
  if (community_cell != NULL)
    add_communities (result, communities, community_cell, line);

  /* What the row made moves into the contact rather than being copied. */
  record = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  _guild_record_take_text (record, "full-name", g_steal_pointer (&full));
  _guild_record_take_text (record, "given-name", g_steal_pointer (&given));
  _guild_record_take_text (record, "family-name", g_steal_pointer (&family));
  _guild_record_take_text (record, "company", g_steal_pointer (&company));
  _guild_record_take_text (record, "position", g_steal_pointer (&position));
  _guild_record_take_text (record, "location", g_steal_pointer (&location));
  _guild_record_take_text (record, "notes", _guild_import_steal_text (g_steal_pointer (&notes)));
  _guild_record_take_text (record, "birthday", g_steal_pointer (&birthday));
  _guild_record_take_text (record, "connected-on", g_steal_pointer (&connected));
  if (relationship != NULL)
    _guild_record_take_text (record, "relationship", g_steal_pointer (&relationship));
  _guild_record_take_list (record, "emails", emails);
  _guild_record_take_list (record, "phones", phones);
  _guild_record_take_list (record, "urls", urls);
  _guild_record_take_list (record, "tags", tags);
  if (communities->len > 0)
    guild_record_set_ids (record, "communities",
                          (const gint64 *) (gpointer) communities->data, communities->len);

  guild_import_result_add (result, record, line, 0);
}

/* Reads rows from where @reader stands. Unless @last, a row that may go on
 * beyond the end of the text is left for the next piece: @reader then
 * stands at its start. Returns %FALSE when cancelled. */
static gboolean
read_rows (GuildCsvReader        *reader,
           GuildImportResult     *result,
           const GuildCsvMapping *mapping,
           gboolean               last,
           GCancellable          *cancellable)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean broken;
  guint line, n = 0;

  for (;;)
    {
      gsize start = reader->pos;
      guint start_line = reader->line;

      if (!_guild_csv_reader_next (reader, cells, &line, &broken))
        break;
      if (!last && reader->hit_end)
        {
          reader->pos = start;
          reader->line = start_line;
          break;
        }

      if ((++n & 0x3ff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      if (broken)
        {
          guild_import_result_skip (result, line,
                                    _("A quoted cell is not closed; the row was left out"));
          continue;
        }
      if (cells_empty (cells))
        continue;

      row_to_contact (result, mapping, cells, line);
    }

  return TRUE;
}

static GuildImportResult *
parse_rows (const char            *text,
            gsize                  len,
            const char            *file_name,
            const GuildCsvMapping *mapping,
            GCancellable          *cancellable)
{
  GuildImportResult *result = guild_import_result_new (mapping->format, file_name);
  GuildCsvReader reader;

  _guild_csv_reader_init (&reader, text, len, mapping->delimiter);
  reader.pos = MIN (mapping->data_offset, len);
  reader.line = mapping->data_line;
  read_rows (&reader, result, mapping, TRUE, cancellable);

  return result;
}

/**
 * guild_import_parse_csv_with_mapping:
 * @text: the same decoded text the mapping was guessed from
 *
 * Reads the rows of a CSV file of contacts with a mapping the user may have
 * corrected.
 *
 * Returns: (transfer full): the result.
 */
GuildImportResult *
guild_import_parse_csv_with_mapping (const char            *text,
                                     gsize                  len,
                                     const char            *file_name,
                                     const GuildCsvMapping *mapping,
                                     GCancellable          *cancellable)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);

  return parse_rows (text, len, file_name, mapping, cancellable);
}

/**
 * guild_import_parse_csv:
 * @format: %GUILD_IMPORT_FORMAT_LINKEDIN_CSV, %GUILD_IMPORT_FORMAT_GOOGLE_CSV
 *   or %GUILD_IMPORT_FORMAT_GENERIC_CSV
 *
 * Reads a CSV file of contacts with the mapping guessed from its header.
 *
 * Returns: (transfer full): the result.
 */
GuildImportResult *
guild_import_parse_csv (const char         *text,
                        gsize               len,
                        const char         *file_name,
                        GuildImportFormat   format,
                        GCancellable       *cancellable)
{
  g_autoptr(GuildCsvMapping) mapping = NULL;
  GuildImportResult *result;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  mapping = mapping_guess (text, len, format);
  if (mapping == NULL && format == GUILD_IMPORT_FORMAT_LINKEDIN_CSV)
    mapping = mapping_guess (text, len, GUILD_IMPORT_FORMAT_GENERIC_CSV);

  if (mapping == NULL)
    {
      result = guild_import_result_new (format, file_name);
      guild_import_result_skip (result, 1, _("The file has no header line"));
      return result;
    }

  mapping->format = format;
  return parse_rows (text, len, file_name, mapping, cancellable);
}

/* Section: in pieces */

/* The header is looked for in the first 40 lines (find_header); a piece
 * this long surely holds them, or the file has no header there. */
#define HEADER_WINDOW (256 * 1024)

struct _GuildCsvStream
{
  GuildImportFormat  format;
  GuildCsvMapping   *mapping;
  GString           *text;       /* not yet read */
  gsize              pos;
  guint              line;
  gboolean           no_header;
  GuildImportResult *result;
};

GuildCsvStream *
_guild_csv_stream_new (GuildImportFormat  format,
                       const char        *file_name)
{
  GuildCsvStream *stream = g_new0 (GuildCsvStream, 1);

  stream->format = format;
  stream->text = g_string_new (NULL);
  stream->result = guild_import_result_new (format, file_name);

  return stream;
}

void
_guild_csv_stream_free (GuildCsvStream *stream)
{
  if (stream == NULL)
    return;

  g_clear_pointer (&stream->mapping, guild_csv_mapping_free);
  g_string_free (stream->text, TRUE);
  g_clear_pointer (&stream->result, guild_import_result_free);
  g_free (stream);
}

GuildImportResult *
_guild_csv_stream_peek (GuildCsvStream *stream)
{
  return stream->result;
}

GuildImportResult *
_guild_csv_stream_take (GuildCsvStream *stream)
{
  GuildImportResult *result = stream->result;

  stream->result = guild_import_result_new (result->format, result->file_name);
  return result;
}

static guint
count_lines (const char *text,
             gsize       len)
{
  guint n = 0;

  for (const char *p = text; (p = memchr (p, '\n', text + len - p)) != NULL; p++)
    n++;

  return n;
}

/**
 * _guild_csv_stream_feed:
 * @text: decoded text that ends with a line break, unless @last
 *
 * Reads the rows @text completes. Giving a file in pieces reads exactly
 * what guild_import_parse_csv() reads from it whole, line numbers included.
 *
 * Returns: %FALSE when cancelled.
 */
gboolean
_guild_csv_stream_feed (GuildCsvStream *stream,
                        const char     *text,
                        gsize           len,
                        gboolean        last,
                        GCancellable   *cancellable)
{
  GuildCsvReader reader;
  gboolean ok;

  g_string_append_len (stream->text, text, len);
  if (stream->no_header)
    return TRUE;

  if (stream->mapping == NULL)
    {
      if (!last && stream->text->len < HEADER_WINDOW &&
          count_lines (stream->text->str, stream->text->len) <= 40)
        return TRUE;

      stream->mapping = mapping_guess (stream->text->str, stream->text->len, stream->format);
      if (stream->mapping == NULL && stream->format == GUILD_IMPORT_FORMAT_LINKEDIN_CSV)
        stream->mapping = mapping_guess (stream->text->str, stream->text->len,
                                         GUILD_IMPORT_FORMAT_GENERIC_CSV);
      if (stream->mapping == NULL)
        {
          stream->no_header = TRUE;
          guild_import_result_skip (stream->result, 1, _("The file has no header line"));
          g_string_truncate (stream->text, 0);
          return TRUE;
        }
      stream->mapping->format = stream->format;
      stream->pos = MIN (stream->mapping->data_offset, stream->text->len);
      stream->line = stream->mapping->data_line;
    }

  _guild_csv_reader_init (&reader, stream->text->str, stream->text->len,
                          stream->mapping->delimiter);
  reader.pos = stream->pos;
  reader.line = stream->line;
  ok = read_rows (&reader, stream->result, stream->mapping, last, cancellable);

  /* What was read is dropped: the text kept is at most one row. */
  g_string_erase (stream->text, 0, reader.pos);
  stream->pos = 0;
  stream->line = reader.line;

  return ok;
}
