/* guild-import.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import"

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"

/* The one entry point of every import (DESIGN.md, rule 5): the file's bytes
 * are decoded to UTF-8, its kind is picked from the content, and one of the
 * parsers turns it into unsaved records plus a list of what was left out.
 * Nothing here touches the database or any object the UI can see, so all of
 * it may run on a worker thread.
 */

G_DEFINE_QUARK (guild-import-error-quark, guild_import_error)

/* Section: results */

static void
clear_issue (gpointer data)
{
  GuildImportIssue *issue = data;

  g_free (issue->message);
}

static void
free_item (gpointer data)
{
  GuildImportItem *item = data;

  g_clear_object (&item->record);
  g_free (item);
}

/**
 * guild_import_result_new:
 * @file_name: (nullable): the file's display name
 *
 * Returns: (transfer full): an empty result.
 */
GuildImportResult *
guild_import_result_new (GuildImportFormat  format,
                         const char        *file_name)
{
  GuildImportResult *result = g_new0 (GuildImportResult, 1);

  result->format = format;
  result->file_name = g_strdup (file_name);
  result->items = g_ptr_array_new_with_free_func (free_item);
  result->skipped = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));
  g_array_set_clear_func (result->skipped, clear_issue);
  result->warnings = g_array_new (FALSE, FALSE, sizeof (GuildImportIssue));
  g_array_set_clear_func (result->warnings, clear_issue);

  return result;
}

void
guild_import_result_free (GuildImportResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->items);
  g_array_unref (result->skipped);
  g_array_unref (result->warnings);
  g_clear_pointer (&result->community_ids, g_hash_table_unref);
  g_free (result->file_name);
  g_free (result);
}

/**
 * guild_import_result_add:
 * @record: (transfer full): a new, unsaved record
 */
void
guild_import_result_add (GuildImportResult *result,
                         GuildRecord       *record,
                         guint              line,
                         gint64             file_id)
{
  GuildImportItem *item;

  g_return_if_fail (result != NULL);
  g_return_if_fail (GUILD_IS_RECORD (record));

  item = g_new0 (GuildImportItem, 1);
  item->record = record;
  item->line = line;
  item->file_id = file_id;
  g_ptr_array_add (result->items, item);
}

void
guild_import_result_skip (GuildImportResult *result,
                          guint              line,
                          const char        *message)
{
  GuildImportIssue issue = { line, g_strdup (message) };

  g_return_if_fail (result != NULL);

  g_array_append_val (result->skipped, issue);
}

void
guild_import_result_warn (GuildImportResult *result,
                          guint              line,
                          const char        *message)
{
  GuildImportIssue issue = { line, g_strdup (message) };

  g_return_if_fail (result != NULL);

  g_array_append_val (result->warnings, issue);
}

/* Section: formats */

static const struct {
  GuildImportFormat  format;
  const char        *id;
  const char        *label;
} formats[] = {
  { GUILD_IMPORT_FORMAT_UNKNOWN, "unknown", N_("Unknown") },
  { GUILD_IMPORT_FORMAT_VCARD, "vcard", N_("vCard") },
  { GUILD_IMPORT_FORMAT_LINKEDIN_CSV, "linkedin-csv", N_("LinkedIn connections (CSV)") },
  { GUILD_IMPORT_FORMAT_GOOGLE_CSV, "google-csv", N_("Google Contacts (CSV)") },
  { GUILD_IMPORT_FORMAT_GENERIC_CSV, "csv", N_("Contacts (CSV)") },
  { GUILD_IMPORT_FORMAT_ICALENDAR, "icalendar", N_("iCalendar") },
  { GUILD_IMPORT_FORMAT_GUILD_JSON, "guild-json", N_("Guild backup (JSON)") },
};

/**
 * guild_import_format_to_string:
 *
 * Returns: the format's stable identifier (`vcard`, `linkedin-csv`, …).
 */
const char *
guild_import_format_to_string (GuildImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].id;

  return "unknown";
}

GuildImportFormat
guild_import_format_from_string (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].id, id))
      return formats[i].format;

  return GUILD_IMPORT_FORMAT_UNKNOWN;
}

/**
 * guild_import_format_label:
 *
 * Returns: the format's translated name, for people.
 */
const char *
guild_import_format_label (GuildImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return _(formats[i].label);

  return _(formats[0].label);
}

/* Section: decoding */

/* Windows-1251 (what Russian Excel writes) from 0x80 up; 0x98 is unassigned. */
static const gunichar cp1251_high[128] = {
  0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
  0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
  0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
  0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
  0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
  0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
  0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
  0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
  0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
  0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
  0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
  0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
  0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
  0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
  0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

static char *
decode_cp1251 (const guint8 *data,
               gsize         len,
               gsize        *out_len)
{
  GString *out = g_string_sized_new (len + len / 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == 0)
        continue;
      if (data[i] < 0x80)
        g_string_append_c (out, data[i]);
      else
        g_string_append_unichar (out, cp1251_high[data[i] - 0x80]);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* A hand-written decoder, so that a broken surrogate or an odd length gives
 * a replacement character instead of refusing the whole file. */
static char *
decode_utf16 (const guint8 *data,
              gsize         len,
              gboolean      big_endian,
              gsize        *out_len)
{
  GString *out = g_string_sized_new (len / 2 + 1);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      gunichar u = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

      if (u >= 0xD800 && u < 0xDC00 && i + 3 < len)
        {
          gunichar lo = big_endian ? (data[i + 2] << 8 | data[i + 3])
                                   : (data[i + 3] << 8 | data[i + 2]);

          if (lo >= 0xDC00 && lo < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
              i += 2;
            }
          else
            u = 0xFFFD;
        }
      else if (u >= 0xD800 && u < 0xE000)
        u = 0xFFFD;

      if (u != 0)
        g_string_append_unichar (out, u);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
looks_like_utf16 (const guint8 *data,
                  gsize         len,
                  gboolean     *big_endian)
{
  guint even = 0, odd = 0;
  gsize n = MIN (len, 4096) & ~(gsize) 1;

  if (n < 4)
    return FALSE;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }

  /* Text in a Latin or Cyrillic script has a zero byte in most code units. */
  if (odd > n / 2 * 6 / 10 && even < n / 2 / 10)
    {
      *big_endian = FALSE;
      return TRUE;
    }
  if (even > n / 2 * 6 / 10 && odd < n / 2 / 10)
    {
      *big_endian = TRUE;
      return TRUE;
    }

  return FALSE;
}

/**
 * _guild_import_sniff_encoding:
 * @bom_len: (out): the length of a byte-order mark to skip
 *
 * Tells from the beginning of a file how its bytes are text: UTF-16 (with
 * a mark, or plainly so) or bytes (UTF-8, else Windows-1251).
 */
GuildTextEncoding
_guild_import_sniff_encoding (const guint8 *data,
                              gsize         len,
                              gsize        *bom_len)
{
  gboolean big_endian = FALSE;

  *bom_len = 0;
  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      *bom_len = 3;
      return GUILD_TEXT_BYTES;
    }
  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      *bom_len = 2;
      return data[0] == 0xFE ? GUILD_TEXT_UTF16BE : GUILD_TEXT_UTF16LE;
    }
  if (looks_like_utf16 (data, len, &big_endian))
    return big_endian ? GUILD_TEXT_UTF16BE : GUILD_TEXT_UTF16LE;

  return GUILD_TEXT_BYTES;
}

/**
 * _guild_import_decode_piece:
 *
 * Decodes bytes (after any byte-order mark) in @encoding into valid UTF-8
 * without NUL characters. For %GUILD_TEXT_BYTES, UTF-8 is kept, mostly
 * UTF-8 with a few broken bytes is repaired, and anything else is read as
 * Windows-1251.
 */
char *
_guild_import_decode_piece (const guint8      *data,
                            gsize              len,
                            GuildTextEncoding  encoding,
                            gsize             *out_len)
{
  GString *copy;
  const char *end;
  guint good = 0, bad = 0;
  char *text;
  gsize n = 0;

  if (encoding == GUILD_TEXT_UTF16LE || encoding == GUILD_TEXT_UTF16BE)
    return decode_utf16 (data, len, encoding == GUILD_TEXT_UTF16BE, out_len);

  /* Drop NULs first: they are never meant as text. */
  copy = g_string_sized_new (len + 1);
  if (memchr (data, 0, len) == NULL)
    g_string_append_len (copy, (const char *) data, len);
  else
    for (gsize i = 0; i < len; i++)
      if (data[i] != 0)
        g_string_append_c (copy, data[i]);

  if (g_utf8_validate (copy->str, copy->len, NULL))
    {
      *out_len = copy->len;
      return g_string_free (copy, FALSE);
    }

  /* Mostly UTF-8 with a few broken bytes (a cut file) stays UTF-8;
   * eight-bit text with no multi-byte sequences is Windows-1251. */
  for (const char *p = copy->str; p < copy->str + copy->len; )
    {
      if (g_utf8_validate (p, copy->str + copy->len - p, &end))
        break;
      for (const char *q = p; q < end; q++)
        good += ((guchar) *q & 0xC0) == 0xC0;
      bad++;
      p = end + 1;
    }

  if (good > bad)
    {
      text = g_utf8_make_valid (copy->str, copy->len);
      n = strlen (text);
    }
  else
    text = decode_cp1251 ((const guint8 *) copy->str, copy->len, &n);
  g_string_free (copy, TRUE);

  *out_len = n;
  return text;
}

/**
 * guild_import_decode_text:
 * @out_len: (out) (optional): the length of the text in bytes
 *
 * Decodes a file's bytes into UTF-8: UTF-8 with or without a byte-order
 * mark, UTF-16 with a mark (or plainly UTF-16 without one), and Windows-1251
 * when the bytes are not UTF-8. The result is always valid UTF-8 and holds
 * no NUL character.
 *
 * Returns: (transfer full): the text.
 */
char *
guild_import_decode_text (const guint8 *data,
                          gsize         len,
                          gsize        *out_len)
{
  GuildTextEncoding encoding;
  gsize bom_len = 0, n = 0;
  char *text;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  encoding = _guild_import_sniff_encoding (data, len, &bom_len);
  text = _guild_import_decode_piece (data + bom_len, len - bom_len, encoding, &n);

  if (out_len != NULL)
    *out_len = n;
  return text;
}

/* Section: detection */

static gboolean
line_starts_with (const char *line,
                  const char *prefix)
{
  return g_ascii_strncasecmp (line, prefix, strlen (prefix)) == 0;
}

static gboolean
has_word (const char *line,
          const char *word)
{
  return strstr (line, word) != NULL;
}

static gboolean
header_is_linkedin (const char *line)
{
  return has_word (line, "First Name") && has_word (line, "Last Name") &&
         has_word (line, "Connected On");
}

static gboolean
header_is_google (const char *line)
{
  return has_word (line, "E-mail 1 - Value") ||
         (has_word (line, "Given Name") && has_word (line, "Group Membership")) ||
         (has_word (line, "First Name") && has_word (line, "Labels") &&
          has_word (line, "Organization Name"));
}

static gboolean
name_has_suffix (const char *file_name,
                 const char *suffix)
{
  g_autofree char *lower = NULL;

  if (file_name == NULL)
    return FALSE;

  lower = g_ascii_strdown (file_name, -1);
  return g_str_has_suffix (lower, suffix);
}

/**
 * guild_import_detect:
 * @file_name: (nullable): used only when the content does not tell
 *
 * Picks the importer by the file's content; the name breaks ties.
 */
GuildImportFormat
guild_import_detect (const guint8 *data,
                     gsize         len,
                     const char   *file_name)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize n = 0;
  guint first = 0;

  g_return_val_if_fail (data != NULL || len == 0, GUILD_IMPORT_FORMAT_UNKNOWN);

  /* A look at the beginning is enough (UTF-16 needs twice the bytes). */
  text = guild_import_decode_text (data, MIN (len, 64 * 1024), &n);
  lines = g_strsplit_set (text, "\r\n", 200);

  while (lines[first] != NULL && g_strstrip (lines[first])[0] == '\0')
    first++;

  if (lines[first] != NULL)
    {
      const char *line = lines[first];

      if (line[0] == '{' || line[0] == '[')
        {
          const char *marker = strstr (text, "\"guild-backup\"");

          if (marker != NULL && marker - text < 4096)
            return GUILD_IMPORT_FORMAT_GUILD_JSON;
        }
      if (line_starts_with (line, "BEGIN:VCARD"))
        return GUILD_IMPORT_FORMAT_VCARD;
      if (line_starts_with (line, "BEGIN:VCALENDAR"))
        return GUILD_IMPORT_FORMAT_ICALENDAR;

      if (line_starts_with (line, "Notes:") || line_starts_with (line, "\"Notes:"))
        {
          for (guint i = first + 1; lines[i] != NULL && i < first + 12; i++)
            if (header_is_linkedin (lines[i]))
              return GUILD_IMPORT_FORMAT_LINKEDIN_CSV;
        }
      if (header_is_linkedin (line))
        return GUILD_IMPORT_FORMAT_LINKEDIN_CSV;
      if (header_is_google (line))
        return GUILD_IMPORT_FORMAT_GOOGLE_CSV;
    }

  /* A vCard or calendar after some junk (a mail header, a blank page). */
  for (guint i = first; lines[i] != NULL; i++)
    {
      if (line_starts_with (lines[i], "BEGIN:VCARD"))
        return GUILD_IMPORT_FORMAT_VCARD;
      if (line_starts_with (lines[i], "BEGIN:VCALENDAR"))
        return GUILD_IMPORT_FORMAT_ICALENDAR;
    }

  if (name_has_suffix (file_name, ".vcf") || name_has_suffix (file_name, ".vcard"))
    return GUILD_IMPORT_FORMAT_VCARD;
  if (name_has_suffix (file_name, ".ics") || name_has_suffix (file_name, ".ical"))
    return GUILD_IMPORT_FORMAT_ICALENDAR;
  if (name_has_suffix (file_name, ".json"))
    return GUILD_IMPORT_FORMAT_GUILD_JSON;

  /* A table: a first line with delimiters, and text that is not binary. */
  if (lines[first] != NULL)
    {
      gsize line_len = strlen (lines[first]);
      char delimiter = _guild_csv_detect_delimiter (lines[first], line_len);
      guint controls = 0;

      for (gsize i = 0; i < n; i++)
        controls += ((guchar) text[i] < 0x20 && text[i] != '\n' && text[i] != '\r' &&
                     text[i] != '\t');

      if (controls * 100 <= n &&
          (strchr (lines[first], delimiter) != NULL || name_has_suffix (file_name, ".csv")))
        return GUILD_IMPORT_FORMAT_GENERIC_CSV;
    }

  if (name_has_suffix (file_name, ".csv") || name_has_suffix (file_name, ".tsv"))
    return GUILD_IMPORT_FORMAT_GENERIC_CSV;

  return GUILD_IMPORT_FORMAT_UNKNOWN;
}

/* Section: the pipeline */

/**
 * guild_import_parse:
 * @file_name: (nullable): the file's name, for detection and the report
 * @format: the format, or %GUILD_IMPORT_FORMAT_UNKNOWN to detect it
 *
 * Reads one file's worth of bytes into records. A bad record is reported
 * in the result's skipped list; only a file that cannot be read at all (of
 * an unknown kind, or a broken backup) is an error.
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
GuildImportResult *
guild_import_parse (const guint8       *data,
                    gsize               len,
                    const char         *file_name,
                    GuildImportFormat   format,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autofree char *text = NULL;
  GuildImportResult *result = NULL;
  gsize n = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (format == GUILD_IMPORT_FORMAT_UNKNOWN)
    format = guild_import_detect (data, len, file_name);

  if (format == GUILD_IMPORT_FORMAT_UNKNOWN)
    {
      g_set_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a file Guild can import: it is not a vCard, CSV, "
                     "iCalendar file or Guild backup."),
                   file_name != NULL ? file_name : "");
      return NULL;
    }

  text = guild_import_decode_text (data, len, &n);

  switch (format)
    {
    case GUILD_IMPORT_FORMAT_VCARD:
      result = guild_import_parse_vcard (text, n, file_name, cancellable);
      break;
    case GUILD_IMPORT_FORMAT_LINKEDIN_CSV:
    case GUILD_IMPORT_FORMAT_GOOGLE_CSV:
    case GUILD_IMPORT_FORMAT_GENERIC_CSV:
      result = guild_import_parse_csv (text, n, file_name, format, cancellable);
      break;
    case GUILD_IMPORT_FORMAT_ICALENDAR:
      result = guild_import_parse_icalendar (text, n, file_name, cancellable);
      break;
    case GUILD_IMPORT_FORMAT_GUILD_JSON:
      result = guild_import_parse_backup (text, n, file_name, error);
      break;
    case GUILD_IMPORT_FORMAT_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  if (result != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&result, guild_import_result_free);

  return result;
}

/**
 * guild_import_parse_file:
 *
 * Reads @file and parses it like guild_import_parse(). vCard and CSV files
 * are read in pieces (guild_import_reader_read_all()), so their bytes are
 * never all in memory; iCalendar files and backups are read whole, up to
 * 512 MiB. Blocking: call it on a worker thread.
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
GuildImportResult *
guild_import_parse_file (GFile              *file,
                         GuildImportFormat   format,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GuildImportReader) reader = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  reader = guild_import_reader_new (file, format, cancellable, error);
  if (reader == NULL)
    return NULL;

  return guild_import_reader_read_all (reader, NULL, NULL, cancellable, error);
}

/* Section: helpers */

void
_guild_strv_add_unique (GPtrArray  *list,
                        const char *value,
                        gboolean    ignore_case)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return;

  for (guint i = 0; i < list->len; i++)
    {
      const char *other = g_ptr_array_index (list, i);

      if (other == NULL)
        continue;
      if (ignore_case ? g_ascii_strcasecmp (other, trimmed) == 0 : g_str_equal (other, trimmed))
        return;
    }

  g_ptr_array_add (list, g_steal_pointer (&trimmed));
}

/* Sets a list field from a GPtrArray of strings (not NULL-terminated). */
void
_guild_record_set_list (GuildRecord *record,
                        const char  *name,
                        GPtrArray   *list)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (list, i));
  g_ptr_array_add (strv, NULL);

  guild_record_set_strv (record, name, (const char * const *) strv->pdata);
}

/* _guild_record_set_list() that moves the strings of @list (which frees
 * its strings with g_free()) into @record rather than copying them: @list
 * is left empty. */
void
_guild_record_take_list (GuildRecord *record,
                         const char  *name,
                         GPtrArray   *list)
{
  /* An array of its own size: a GPtrArray's has room for sixteen. */
  char **strv = g_new (char *, list->len + 1);

  if (list->len > 0)
    memcpy (strv, list->pdata, sizeof (char *) * list->len);
  strv[list->len] = NULL;
  /* The strings are the record's now. */
  g_ptr_array_set_free_func (list, NULL);
  g_ptr_array_set_size (list, 0);
  g_ptr_array_set_free_func (list, g_free);
  _guild_record_take_strv (record, name, strv);
}

/* Hands over the text of @notes (and frees it) for
 * _guild_record_take_text(): %NULL when empty, otherwise a copy of its
 * length rather than the GString's larger buffer. */
char *
_guild_import_steal_text (GString *notes)
{
  char *text = notes->len > 0 ? g_strndup (notes->str, notes->len) : NULL;

  g_string_free (notes, TRUE);
  return text;
}

/* Joins the non-empty parts with single spaces. */
char *
_guild_import_join_name (const char *first,
                         ...)
{
  GString *out = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (part));

      if (*trimmed == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, trimmed);
    }
  va_end (args);

  return g_string_free (out, FALSE);
}

/* English month names and abbreviations, whatever the locale (LinkedIn
 * writes them so); also the Russian ones. Returns 0 when unknown. */
int
_guild_import_month_number (const char *name,
                            gsize       len)
{
  static const char *english[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec" };
  static const char *russian[] = { "янв", "фев", "мар", "апр", "ма", "июн",
                                   "июл", "авг", "сен", "окт", "ноя", "дек" };
  g_autofree char *word = NULL;
  g_autofree char *folded = NULL;

  if (len < 3 || len > 24)
    return 0;

  word = g_strndup (name, len);
  if (!g_utf8_validate (word, -1, NULL))
    return 0;
  folded = g_utf8_casefold (word, -1);

  for (int i = 0; i < 12; i++)
    if (g_str_has_prefix (folded, english[i]))
      return i + 1;
  for (int i = 0; i < 12; i++)
    if (g_str_has_prefix (folded, russian[i]))
      return i + 1;

  return 0;
}

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int value = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  *out = value;
  return n >= min_digits && !g_ascii_isdigit (**p);
}

/* Writes @n (0 ≤ @n < 10^@width) in @width decimal digits, zero-padded. */
static void
put_digits (char *out,
            int   n,
            int   width)
{
  for (int i = width - 1; i >= 0; i--, n /= 10)
    out[i] = (char) ('0' + n % 10);
}

static gboolean
make_day (int        year,
          int        month,
          int        day,
          gboolean   allow_yearless,
          char     **out)
{
  char buf[16];

  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99)
    return FALSE;

  /* What g_snprintf() with "%04d-%02d-%02d" or "--%02d-%02d" writes, for
   * the numbers a file's day can hold, much more cheaply: this runs for
   * every date of an import. */
  if (year == 0)
    {
      if (!allow_yearless)
        return FALSE;
      buf[0] = buf[1] = '-';
      put_digits (buf + 2, month, 2);
      buf[4] = '-';
      put_digits (buf + 5, day, 2);
      buf[7] = '\0';
    }
  else
    {
      put_digits (buf, year, 4);
      buf[4] = '-';
      put_digits (buf + 5, month, 2);
      buf[7] = '-';
      put_digits (buf + 8, day, 2);
      buf[10] = '\0';
    }

  if (!guild_day_is_valid (buf, allow_yearless))
    return FALSE;

  *out = g_strdup (buf);
  return TRUE;
}

/**
 * guild_import_parse_day:
 * @allow_yearless: whether a day without a year (a birthday) is accepted
 * @day: (out) (transfer full): `YYYY-MM-DD` or `--MM-DD`
 *
 * Reads the ways files write a day: `1985-09-23`, `19850923`, `--0923`,
 * `--09-23`, `1985-09-23T00:00:00Z`, `23 Sep 1985` (English month names
 * whatever the locale), `23.09.1985`, `09/23/1985`, `1985/09/23`.
 *
 * Returns: whether @text was a real day.
 */
gboolean
guild_import_parse_day (const char  *text,
                        gboolean     allow_yearless,
                        char       **day)
{
  g_autofree char *s = NULL;
  const char *p;
  int a = 0, b = 0, c = 0;

  g_return_val_if_fail (day != NULL, FALSE);
  *day = NULL;

  if (text == NULL)
    return FALSE;

  s = g_strstrip (g_strdup (text));
  p = s;
  if (*p == '\0' || strlen (p) > 64)
    return FALSE;

  /* --MMDD or --MM-DD */
  if (p[0] == '-' && p[1] == '-')
    {
      p += 2;
      if (strlen (p) == 4 && read_number (&p, 4, 4, &a))
        return make_day (0, a / 100, a % 100, allow_yearless, day);
      if (read_number (&p, 2, 2, &a) && *p++ == '-' && read_number (&p, 2, 2, &b) && *p == '\0')
        return make_day (0, a, b, allow_yearless, day);
      return FALSE;
    }

  if (g_ascii_isdigit (*p))
    {
      const char *start = p;

      if (!read_number (&p, 1, 8, &a))
        return FALSE;

      /* YYYYMMDD, possibly with a time after it. */
      if (p - start == 8 && (*p == '\0' || *p == 'T'))
        return make_day (a / 10000, a / 100 % 100, a % 100, allow_yearless, day);

      if (p - start == 4 && (*p == '-' || *p == '/'))
        {
          char sep = *p++;

          if (!read_number (&p, 1, 2, &b) || *p++ != sep || !read_number (&p, 1, 2, &c))
            return FALSE;
          if (*p != '\0' && *p != 'T' && *p != ' ')
            return FALSE;
          /* Apple writes a birthday without a year as year 1604. */
          if (a == 1604 && allow_yearless)
            a = 0;
          return make_day (a, b, c, allow_yearless, day);
        }

      if (p - start <= 2 && (*p == '.' || *p == '/'))
        {
          char sep = *p++;

          if (!read_number (&p, 1, 2, &b) || *p++ != sep || !read_number (&p, 2, 4, &c))
            return FALSE;
          if (*p != '\0' && *p != ' ')
            return FALSE;
          if (c < 100)
            c += c < 70 ? 2000 : 1900;
          /* Dots are day.month.year; slashes are the American month/day/year. */
          if (sep == '.')
            return make_day (c, b, a, allow_yearless, day);
          return make_day (c, a, b, allow_yearless, day);
        }

      /* 23 Sep 1985, 3 September 1985 */
      if (p - start <= 2 && *p == ' ')
        {
          const char *word;
          int month;

          while (*p == ' ')
            p++;
          word = p;
          while (*p != '\0' && *p != ' ' && *p != ',' && *p != '.')
            p++;
          month = _guild_import_month_number (word, p - word);
          while (*p == ' ' || *p == ',' || *p == '.')
            p++;
          if (month == 0 || !read_number (&p, 4, 4, &c))
            return FALSE;
          while (*p == ' ')
            p++;
          if (*p != '\0' && !g_str_has_prefix (p, "г"))
            return FALSE;
          return make_day (c, month, a, allow_yearless, day);
        }

      return FALSE;
    }

  /* Sep 23, 1985 */
  {
    const char *word = p;
    int month;

    while (*p != '\0' && *p != ' ' && *p != '.')
      p++;
    month = _guild_import_month_number (word, p - word);
    while (*p == ' ' || *p == '.')
      p++;
    if (month == 0 || !read_number (&p, 1, 2, &a))
      return FALSE;
    while (*p == ' ' || *p == ',')
      p++;
    if (!read_number (&p, 4, 4, &c) || *p != '\0')
      return FALSE;
    return make_day (c, month, a, allow_yearless, day);
  }
}

/**
 * guild_import_format_instant:
 *
 * Returns: (transfer full): @seconds as `YYYY-MM-DDTHH:MM:SSZ`.
 */
char *
guild_import_format_instant (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * guild_import_parse_instant:
 *
 * Reads an ISO 8601 instant (`YYYY-MM-DDTHH:MM:SSZ`; an offset instead of
 * `Z` is accepted, no zone at all means UTC).
 */
gboolean
guild_import_parse_instant (const char *text,
                            gint64     *seconds)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  g_return_val_if_fail (seconds != NULL, FALSE);

  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;

  *seconds = g_date_time_to_unix (dt);
  return TRUE;
}

/* The length of @text's leading ASCII: strlen() when it is all ASCII. */
static gsize
ascii_length (const char *text)
{
  const char *p = text;

  while (*p != '\0' && (guchar) *p < 0x80)
    p++;

  return p - text;
}

/**
 * _guild_import_casefold:
 *
 * g_utf8_casefold (@text, -1), quicker for ASCII (where folding is
 * lowering).
 *
 * Returns: (transfer full): the folded text.
 */
char *
_guild_import_casefold (const char *text)
{
  gsize len = ascii_length (text);
  char *folded;

  if (text[len] != '\0')
    return g_utf8_casefold (text, -1);

  folded = g_malloc (len + 1);
  for (gsize i = 0; i <= len; i++)
    folded[i] = g_ascii_tolower (text[i]);

  return folded;
}

/**
 * guild_import_normalize_name:
 *
 * Folds a name (or company) for matching: case folded, accents stripped
 * (NFKD without combining marks), runs of spaces and punctuation made one
 * space, trimmed.
 *
 * Returns: (transfer full): the key.
 */
char *
guild_import_normalize_name (const char *name)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = FALSE;
  gsize len;

  if (name == NULL)
    return g_strdup ("");

  /* Most names are ASCII, where folding is lowering, decomposing changes
   * nothing and there are no marks: the same key, without the Unicode
   * tables (this runs for every contact of an import). */
  len = ascii_length (name);
  if (name[len] == '\0')
    {
      char *key = g_malloc (len + 1);
      gsize n = 0;

      for (const char *p = name; *p != '\0'; p++)
        {
          char c = *p;

          /* g_unichar_isspace() of ASCII: not the vertical tab. */
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
              c == '.' || c == ',' || c == '-' || c == '_' || c == '"')
            {
              space = n > 0;
              continue;
            }
          if (space)
            key[n++] = ' ';
          space = FALSE;
          key[n++] = g_ascii_tolower (c);
        }
      key[n] = '\0';

      return key;
    }

  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (name, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  out = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
          type == G_UNICODE_SPACING_MARK)
        continue;
      if (g_unichar_isspace (c) || c == '.' || c == ',' || c == '-' || c == '_' || c == '"')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * guild_import_normalize_url:
 *
 * Folds a web address for matching: no scheme, no `www.`, host in lower
 * case, no trailing slash; a LinkedIn profile is reduced to its name.
 *
 * Returns: (transfer full): the key ("" for nothing).
 */
char *
guild_import_normalize_url (const char *url)
{
  g_autofree char *canonical = _guild_import_canonical_url (url);
  g_autofree char *lower = NULL;
  const char *p;
  gsize len;

  if (canonical == NULL || *canonical == '\0')
    return g_strdup ("");

  p = canonical;
  if (g_ascii_strncasecmp (p, "https://", 8) == 0)
    p += 8;
  else if (g_ascii_strncasecmp (p, "http://", 7) == 0)
    p += 7;
  if (g_ascii_strncasecmp (p, "www.", 4) == 0)
    p += 4;

  lower = _guild_import_casefold (p);
  len = strlen (lower);
  while (len > 0 && lower[len - 1] == '/')
    lower[--len] = '\0';

  return g_steal_pointer (&lower);
}

gboolean
_guild_import_looks_like_url (const char *text)
{
  return text != NULL &&
         (g_ascii_strncasecmp (text, "http://", 7) == 0 ||
          g_ascii_strncasecmp (text, "https://", 8) == 0 ||
          g_ascii_strncasecmp (text, "www.", 4) == 0);
}

/* Gives every LinkedIn profile one spelling,
 * `https://www.linkedin.com/in/NAME`, so that the same person found in a
 * vCard and in Connections.csv is matched; trims other addresses and gives
 * `www.` ones a scheme. */
char *
_guild_import_canonical_url (const char *url)
{
  g_autofree char *trimmed = NULL;
  const char *in;

  if (url == NULL)
    return g_strdup ("");

  trimmed = g_strstrip (g_strdup (url));
  in = strstr (trimmed, "linkedin.com/in/");
  if (in != NULL)
    {
      const char *slug = in + strlen ("linkedin.com/in/");
      gsize n = strcspn (slug, "/?#");

      if (n > 0)
        {
          static const char prefix[] = "https://www.linkedin.com/in/";
          char *canonical = g_malloc (sizeof prefix + n);

          /* g_strdup_printf() costs more than the rest of this together. */
          memcpy (canonical, prefix, sizeof prefix - 1);
          memcpy (canonical + sizeof prefix - 1, slug, n);
          canonical[sizeof prefix - 1 + n] = '\0';
          return canonical;
        }
    }

  if (g_ascii_strncasecmp (trimmed, "www.", 4) == 0)
    return g_strconcat ("https://", trimmed, NULL);

  return g_steal_pointer (&trimmed);
}
