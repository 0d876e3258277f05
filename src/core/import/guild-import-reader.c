/* guild-import-reader.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-reader"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"

/* Reading a file in pieces, so that memory does not grow with its size.
 *
 * The bytes are read a piece at a time (1 MiB by default) and cut after a
 * line break, so that neither a character nor a CR LF pair is ever split;
 * each piece is decoded in the encoding sniffed from the beginning of the
 * file and given to a parser that keeps its state between pieces (a folded
 * vCard line, a quoted CSV cell with line breaks). The records come out in
 * chunks of a few thousand, with the same line numbers as when the file is
 * read whole.
 *
 * iCalendar files are cut after whole events (guild-import-ical-stream.c);
 * Guild backups are read whole: the JSON reader needs all of the text.
 */

/* The first bytes, from which the kind of file and its encoding are told. */
#define HEAD_SIZE (64 * 1024)

/* Without a line break in this much, a piece is cut anyway. */
#define MAX_LINE (16 * 1024 * 1024)

/* Read whole, a file may not be larger than this. */
#define MAX_WHOLE_FILE (512 * 1024 * 1024)

#define DEFAULT_PIECE_SIZE (1024 * 1024)
#define DEFAULT_CHUNK_ITEMS 4096

struct _GuildImportReader
{
  GInputStream      *stream;
  char              *file_name;
  GuildImportFormat  format;
  GuildTextEncoding  encoding;
  goffset            size;
  guint64            consumed;
  gsize              piece_size;
  guint              chunk_items;

  GByteArray        *raw;       /* read, not yet decoded */
  gboolean           eof;
  gboolean           done;

  GuildVcardReader  *vcard;
  GuildCsvStream    *csv;
  GuildIcalStream   *ical;
  gsize              bom_left;  /* a calendar's BOM, until it is streamed */
};

static gboolean
is_streamed (GuildImportFormat format)
{
  return format == GUILD_IMPORT_FORMAT_VCARD || format == GUILD_IMPORT_FORMAT_LINKEDIN_CSV ||
         format == GUILD_IMPORT_FORMAT_GOOGLE_CSV || format == GUILD_IMPORT_FORMAT_GENERIC_CSV ||
         format == GUILD_IMPORT_FORMAT_ICALENDAR;
}

/* Reads at least @want more bytes, or up to the end. */
static gboolean
read_more (GuildImportReader  *self,
           gsize               want,
           GCancellable       *cancellable,
           GError            **error)
{
  gsize target = self->raw->len + want;

  while (!self->eof && self->raw->len < target)
    {
      gsize old_len = self->raw->len;
      gsize n_want = MAX (target - old_len, 64 * 1024);
      gssize n;

      g_byte_array_set_size (self->raw, old_len + n_want);
      n = g_input_stream_read (self->stream, self->raw->data + old_len, n_want,
                               cancellable, error);
      g_byte_array_set_size (self->raw, old_len + MAX (n, 0));
      if (n < 0)
        return FALSE;
      if (n == 0)
        self->eof = TRUE;
    }

  return TRUE;
}

/* Section: creating */

/**
 * guild_import_reader_new_for_stream:
 * @stream: (transfer none): the file's bytes
 * @file_name: (nullable): its name, for detection and the report
 * @size: its size in bytes, or -1 when unknown (for the progress)
 * @format: the format, or %GUILD_IMPORT_FORMAT_UNKNOWN to detect it
 *
 * Reads the beginning of @stream and tells what it is.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set (a file
 *   of no kind Guild reads, or a read error).
 */
GuildImportReader *
guild_import_reader_new_for_stream (GInputStream       *stream,
                                    const char         *file_name,
                                    goffset             size,
                                    GuildImportFormat   format,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autoptr(GuildImportReader) self = NULL;
  gsize bom_len = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (GuildImportReader, 1);
  self->stream = g_object_ref (stream);
  self->file_name = g_strdup (file_name);
  self->size = size;
  self->piece_size = DEFAULT_PIECE_SIZE;
  self->chunk_items = DEFAULT_CHUNK_ITEMS;
  self->raw = g_byte_array_new ();

  if (!read_more (self, HEAD_SIZE, cancellable, error))
    return NULL;

  if (format == GUILD_IMPORT_FORMAT_UNKNOWN)
    format = guild_import_detect (self->raw->data, self->raw->len, file_name);
  if (format == GUILD_IMPORT_FORMAT_UNKNOWN)
    {
      g_set_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("“%s” is not a file Guild can import: it is not a vCard, CSV, "
                     "iCalendar file or Guild backup."),
                   file_name != NULL ? file_name : "");
      return NULL;
    }
  self->format = format;

  if (is_streamed (format))
    {
      self->encoding = _guild_import_sniff_encoding (self->raw->data, self->raw->len, &bom_len);
      /* A calendar that fits is read whole, BOM and all. */
      if (format == GUILD_IMPORT_FORMAT_ICALENDAR)
        self->bom_left = bom_len;
      else
        {
          g_byte_array_remove_range (self->raw, 0, bom_len);
          self->consumed = bom_len;
        }
      if (format == GUILD_IMPORT_FORMAT_VCARD)
        self->vcard = _guild_vcard_reader_new (file_name);
      else if (format == GUILD_IMPORT_FORMAT_ICALENDAR)
        self->ical = _guild_ical_stream_new (file_name, self->piece_size);
      else
        self->csv = _guild_csv_stream_new (format, file_name);
    }

  return g_steal_pointer (&self);
}

/**
 * guild_import_reader_new:
 * @format: the format, or %GUILD_IMPORT_FORMAT_UNKNOWN to detect it
 *
 * Opens @file for reading in pieces. Blocking: call it on a worker thread.
 *
 * Returns: (transfer full): the reader, or %NULL with @error set.
 */
GuildImportReader *
guild_import_reader_new (GFile              *file,
                         GuildImportFormat   format,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     /* Translators: %s is a file name. */
                     _("There is no file “%s”."), name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_free (name);
  name = g_strdup (g_file_info_get_display_name (info));
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   /* Translators: %s is a folder's name. */
                   _("“%s” is a folder; import the files in it instead."), name);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* Devices and pipes report no size of their own. */
  return guild_import_reader_new_for_stream (G_INPUT_STREAM (stream), name,
                                             g_file_info_get_file_type (info) ==
                                             G_FILE_TYPE_REGULAR
                                             ? g_file_info_get_size (info) : -1,
                                             format, cancellable, error);
}

void
guild_import_reader_free (GuildImportReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->raw, g_byte_array_unref);
  g_clear_pointer (&self->vcard, _guild_vcard_reader_free);
  g_clear_pointer (&self->csv, _guild_csv_stream_free);
  g_clear_pointer (&self->ical, _guild_ical_stream_free);
  g_free (self);
}

/**
 * guild_import_reader_set_piece_size:
 *
 * How many bytes are decoded and parsed at a time (1 MiB by default), and
 * how many records a chunk holds at least, unless the file ends. Small
 * values are for tests of the boundaries.
 */
void
guild_import_reader_set_piece_size (GuildImportReader *self,
                                    gsize              piece_size,
                                    guint              chunk_items)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (piece_size > 0 && chunk_items > 0);

  self->piece_size = piece_size;
  self->chunk_items = chunk_items;
  if (self->ical != NULL)
    _guild_ical_stream_set_piece_size (self->ical, piece_size);
}

GuildImportFormat
guild_import_reader_get_format (GuildImportReader *self)
{
  g_return_val_if_fail (self != NULL, GUILD_IMPORT_FORMAT_UNKNOWN);

  return self->format;
}

const char *
guild_import_reader_get_file_name (GuildImportReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file_name;
}

/**
 * guild_import_reader_get_fraction:
 *
 * Returns: how much of the file was read, from 0 to 1 (0 when its size is
 *   not known)
 */
double
guild_import_reader_get_fraction (GuildImportReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->done)
    return 1.0;
  if (self->size <= 0)
    return 0.0;

  return MIN (1.0, (double) self->consumed / self->size);
}

/**
 * guild_import_reader_get_size:
 *
 * Returns: the file's size in bytes, or -1 when it is not known
 */
goffset
guild_import_reader_get_size (GuildImportReader *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->size;
}

/**
 * guild_import_reader_is_streamed:
 *
 * Returns: whether the file is read in pieces (vCard, CSV, iCalendar)
 *   rather than whole (Guild backup)
 */
gboolean
guild_import_reader_is_streamed (GuildImportReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return is_streamed (self->format);
}

/* Section: pieces */

static guint
unit_at (const guint8      *data,
         gsize              i,
         GuildTextEncoding  encoding)
{
  if (encoding == GUILD_TEXT_BYTES)
    return data[i];
  if (encoding == GUILD_TEXT_UTF16BE)
    return data[i] << 8 | data[i + 1];
  return data[i + 1] << 8 | data[i];
}

/* Where a piece of @data may end: after a line break, so that no character
 * and no CR LF pair is split. The last break within the first @window
 * bytes, else the first one after them; 0 when there is none. A lone CR as
 * the very last unit is not taken: a LF may follow it. */
static gsize
find_cut (const guint8      *data,
          gsize              len,
          gsize              window,
          GuildTextEncoding  encoding)
{
  gsize step = encoding == GUILD_TEXT_BYTES ? 1 : 2;
  gsize n_units = len / step;
  gsize window_units = MIN (window / step, n_units);
  gsize cr = 0;

  for (gsize u = window_units; u > 0; u--)
    {
      guint unit = unit_at (data, (u - 1) * step, encoding);

      if (unit == '\n')
        return u * step;
      if (unit == '\r' && cr == 0 && u < n_units &&
          unit_at (data, u * step, encoding) != '\n')
        cr = u * step;
    }
  if (cr > 0)
    return cr;

  for (gsize u = window_units; u < n_units; u++)
    {
      guint unit = unit_at (data, u * step, encoding);

      if (unit == '\n' || (unit == '\r' && u + 1 < n_units &&
                            unit_at (data, (u + 1) * step, encoding) != '\n'))
        return (u + 1) * step;
    }

  return 0;
}

/* A cut forced into a line longer than MAX_LINE, at a character boundary. */
static gsize
force_cut (const guint8      *data,
           gsize              len,
           GuildTextEncoding  encoding)
{
  if (encoding != GUILD_TEXT_BYTES)
    {
      gsize cut = len & ~(gsize) 1;
      guint unit;

      if (cut < 2)
        return cut;
      unit = encoding == GUILD_TEXT_UTF16BE ? (data[cut - 2] << 8 | data[cut - 1])
                                            : (data[cut - 1] << 8 | data[cut - 2]);
      return unit >= 0xD800 && unit < 0xDC00 ? cut - 2 : cut;
    }

  for (gsize back = 0; back < 4 && back < len; back++)
    if ((data[len - 1 - back] & 0xC0) != 0x80)
      return (data[len - 1 - back] & 0x80) != 0 ? len - 1 - back : len;

  return len;
}

/* Decodes and parses the next piece. Returns FALSE on an error. */
static gboolean
read_piece (GuildImportReader  *self,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autofree char *text = NULL;
  gsize cut = 0, n = 0;
  gboolean last;

  if (!read_more (self, self->raw->len < self->piece_size ? self->piece_size - self->raw->len : 0,
                  cancellable, error))
    return FALSE;

  for (;;)
    {
      if (self->eof && self->raw->len <= self->piece_size)
        {
          cut = self->raw->len;
          break;
        }
      cut = find_cut (self->raw->data, self->raw->len, self->piece_size, self->encoding);
      if (cut > 0)
        break;
      if (self->eof)
        {
          cut = self->raw->len;
          break;
        }
      if (self->raw->len >= MAX_LINE)
        {
          cut = force_cut (self->raw->data, self->raw->len, self->encoding);
          break;
        }
      if (!read_more (self, self->piece_size, cancellable, error))
        return FALSE;
    }

  last = self->eof && cut == self->raw->len;
  text = _guild_import_decode_piece (self->raw->data, cut, self->encoding, &n);
  g_byte_array_remove_range (self->raw, 0, cut);
  self->consumed += cut;

  if (self->vcard != NULL)
    {
      if (!_guild_vcard_reader_feed (self->vcard, text, n, last, cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
      if (last)
        _guild_vcard_reader_finish (self->vcard);
    }
  else if (self->ical != NULL)
    {
      if (!_guild_ical_stream_feed (self->ical, text, n, last, cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  else if (!_guild_csv_stream_feed (self->csv, text, n, last, cancellable))
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  if (last)
    self->done = TRUE;
  return TRUE;
}

static guint
pending_items (GuildImportReader *self)
{
  GuildImportResult *result;

  /* The parsers' results are theirs; only their sizes are looked at. */
  result = self->vcard != NULL ? _guild_vcard_reader_peek (self->vcard)
           : self->ical != NULL ? _guild_ical_stream_peek (self->ical)
                                : _guild_csv_stream_peek (self->csv);
  return result->items->len;
}

/* A file read whole (iCalendar, a backup). */
static GuildImportResult *
read_whole (GuildImportReader  *self,
            GCancellable       *cancellable,
            GError            **error)
{
  while (!self->eof)
    {
      if (self->raw->len > MAX_WHOLE_FILE)
        {
          g_set_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_TOO_LARGE,
                       /* Translators: %s is a file name. */
                       _("“%s” is too large to import."),
                       self->file_name != NULL ? self->file_name : "");
          return NULL;
        }
      if (!read_more (self, 1024 * 1024, cancellable, error))
        return NULL;
    }

  self->consumed = self->raw->len;
  self->done = TRUE;
  return guild_import_parse (self->raw->data, self->raw->len, self->file_name, self->format,
                             cancellable, error);
}

/**
 * guild_import_reader_next:
 *
 * Reads the next chunk of records: a few thousand, or what is left. The
 * chunks of a file together hold exactly what guild_import_parse() finds
 * in it whole, in the same order and with the same line numbers.
 *
 * Returns: (transfer full) (nullable): the chunk, or %NULL at the end
 *   (with @error unset) or on an error.
 */
GuildImportResult *
guild_import_reader_next (GuildImportReader  *self,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->done)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!is_streamed (self->format))
    return read_whole (self, cancellable, error);

  if (self->bom_left > 0)
    {
      g_byte_array_remove_range (self->raw, 0, self->bom_left);
      self->consumed = self->bom_left;
      self->bom_left = 0;
    }

  while (!self->done && pending_items (self) < self->chunk_items)
    {
      if (!read_piece (self, cancellable, error))
        return NULL;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (self->ical != NULL)
    return _guild_ical_stream_take (self->ical);
  return self->vcard != NULL ? _guild_vcard_reader_take (self->vcard)
                             : _guild_csv_stream_take (self->csv);
}

/* Section: reading a whole file through the reader */

static void
append_result (GuildImportResult *dest,
               GuildImportResult *src)
{
  for (guint i = 0; i < src->items->len; i++)
    {
      GuildImportItem *item = g_ptr_array_index (src->items, i);

      guild_import_result_add (dest, g_steal_pointer (&item->record), item->line,
                               item->file_id);
    }
  for (guint i = 0; i < src->skipped->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (src->skipped, GuildImportIssue, i);

      guild_import_result_skip (dest, issue->line, issue->message);
    }
  for (guint i = 0; i < src->warnings->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (src->warnings, GuildImportIssue, i);

      guild_import_result_warn (dest, issue->line, issue->message);
    }
}

/**
 * guild_import_reader_read_all:
 * @progress: (nullable) (scope call): called after each chunk, on the
 *   calling thread, with guild_import_reader_get_fraction()
 *
 * Reads every chunk into one result: the file's bytes are never all in
 * memory, only its records, which for a file of gigabytes are too many:
 * beyond 512 MiB the file is refused with %GUILD_IMPORT_ERROR_TOO_LARGE
 * (guild_store_import_stream() takes files of any size).
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
GuildImportResult *
guild_import_reader_read_all (GuildImportReader       *self,
                              GuildImportReadProgress  progress,
                              gpointer                 progress_data,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GuildImportResult) all = NULL;
  GuildImportResult *chunk;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* A calendar that fits is read whole: a cancelled occurrence then always
   * finds its series, wherever it is in the file. */
  if (!is_streamed (self->format) || self->format == GUILD_IMPORT_FORMAT_ICALENDAR)
    return read_whole (self, cancellable, error);

  if (self->size > MAX_WHOLE_FILE)
    {
      g_set_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to import."),
                   self->file_name != NULL ? self->file_name : "");
      return NULL;
    }

  all = guild_import_result_new (self->format, self->file_name);
  while ((chunk = guild_import_reader_next (self, cancellable, &local_error)) != NULL)
    {
      append_result (all, chunk);
      guild_import_result_free (chunk);
      if (progress != NULL)
        progress (guild_import_reader_get_fraction (self), progress_data);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&all);
}
