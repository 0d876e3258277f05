/* guild-import-private.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "guild-import.h"

G_BEGIN_DECLS

/* Beyond this, a single cell or property value is cut: no real contact has a
 * note of 1 MiB, and a runaway quote must not eat the whole file. */
#define GUILD_IMPORT_MAX_VALUE (1024 * 1024)

/* A CSV reader over decoded text (RFC 4180: quoted cells, doubled quotes,
 * line breaks inside quotes). It knows the line each record starts on. */
typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
  char        delimiter;
  /* Set when the last record ran into the end of the text without a line
   * break: in a file read in pieces, it may go on in the next one. */
  gboolean    hit_end;
} GuildCsvReader;

void      _guild_csv_reader_init       (GuildCsvReader *reader,
                                        const char     *text,
                                        gsize           len,
                                        char            delimiter);
gboolean  _guild_csv_reader_next       (GuildCsvReader *reader,
                                        GPtrArray      *cells,
                                        guint          *line,
                                        gboolean       *broken);
char      _guild_csv_detect_delimiter  (const char     *text,
                                        gsize           len);

/* Appends @value to @list (a GPtrArray of owned strings) unless it is empty
 * or already there; e-mail addresses compare without case. */
void      _guild_strv_add_unique       (GPtrArray      *list,
                                        const char     *value,
                                        gboolean        ignore_case);
void      _guild_record_set_list       (GuildRecord    *record,
                                        const char     *name,
                                        GPtrArray      *list);
void      _guild_record_take_list      (GuildRecord    *record,
                                        const char     *name,
                                        GPtrArray      *list);
char     *_guild_import_steal_text     (GString        *notes);
char     *_guild_import_join_name      (const char     *first,
                                        ...) G_GNUC_NULL_TERMINATED;
int       _guild_import_month_number   (const char     *name,
                                        gsize           len);
char     *_guild_import_canonical_url  (const char     *url);
gboolean  _guild_import_looks_like_url (const char     *text);
char     *_guild_import_casefold       (const char     *text);

/* How a file's bytes are text (guild-import.c). */
typedef enum
{
  GUILD_TEXT_BYTES,
  GUILD_TEXT_UTF16LE,
  GUILD_TEXT_UTF16BE,
} GuildTextEncoding;

GuildTextEncoding  _guild_import_sniff_encoding (const guint8      *data,
                                                 gsize              len,
                                                 gsize             *bom_len);
char              *_guild_import_decode_piece   (const guint8      *data,
                                                 gsize              len,
                                                 GuildTextEncoding  encoding,
                                                 gsize             *out_len);

/* CSV read in pieces that end with line breaks (guild-import-csv.c). */
typedef struct _GuildCsvStream GuildCsvStream;

GuildCsvStream    *_guild_csv_stream_new      (GuildImportFormat  format,
                                               const char        *file_name);
void               _guild_csv_stream_free     (GuildCsvStream    *stream);
gboolean           _guild_csv_stream_feed     (GuildCsvStream    *stream,
                                               const char        *text,
                                               gsize              len,
                                               gboolean           last,
                                               GCancellable      *cancellable);
GuildImportResult *_guild_csv_stream_take     (GuildCsvStream    *stream);
GuildImportResult *_guild_csv_stream_peek     (GuildCsvStream    *stream);

/* vCard read in pieces that end with line breaks (guild-import-vcard.c). */
typedef struct _GuildVcardReader GuildVcardReader;

GuildVcardReader  *_guild_vcard_reader_new    (const char       *file_name);
void               _guild_vcard_reader_free   (GuildVcardReader *reader);
gboolean           _guild_vcard_reader_feed   (GuildVcardReader *reader,
                                               const char       *text,
                                               gsize             len,
                                               gboolean          last,
                                               GCancellable     *cancellable);
void               _guild_vcard_reader_finish (GuildVcardReader *reader);
GuildImportResult *_guild_vcard_reader_take   (GuildVcardReader *reader);
GuildImportResult *_guild_vcard_reader_peek   (GuildVcardReader *reader);

/* iCalendar read in pieces cut after whole events
 * (guild-import-ical-stream.c, guild-import-ical.c). */
typedef struct _GuildIcalStream GuildIcalStream;

GuildImportResult *_guild_import_parse_icalendar_piece (const char   *text,
                                                        gsize         len,
                                                        gsize         events_from,
                                                        guint         first_line,
                                                        const char   *file_name,
                                                        GCancellable *cancellable);
GuildIcalStream   *_guild_ical_stream_new     (const char       *file_name,
                                               gsize             piece_size);
void               _guild_ical_stream_free    (GuildIcalStream  *stream);
void               _guild_ical_stream_set_piece_size (GuildIcalStream *stream,
                                                      gsize            piece_size);
gboolean           _guild_ical_stream_feed    (GuildIcalStream  *stream,
                                               const char       *text,
                                               gsize             len,
                                               gboolean          last,
                                               GCancellable     *cancellable);
GuildImportResult *_guild_ical_stream_take    (GuildIcalStream  *stream);
GuildImportResult *_guild_ical_stream_peek    (GuildIcalStream  *stream);

char       *_guild_backup_json_key     (GuildRecordKind  kind,
                                        const char      *field);
const char *_guild_backup_section      (GuildRecordKind  kind,
                                        gboolean        *has_ids);

G_END_DECLS
