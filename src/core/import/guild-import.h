/* guild-import.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "guild-records.h"

G_BEGIN_DECLS

/**
 * GuildImportFormat:
 *
 * The kinds of file the import pipeline reads. The identifiers returned by
 * guild_import_format_to_string() are stable: they are stored in the
 * import_batch table and printed by guildctl.
 */
typedef enum
{
  GUILD_IMPORT_FORMAT_UNKNOWN,
  GUILD_IMPORT_FORMAT_VCARD,
  GUILD_IMPORT_FORMAT_LINKEDIN_CSV,
  GUILD_IMPORT_FORMAT_GOOGLE_CSV,
  GUILD_IMPORT_FORMAT_GENERIC_CSV,
  GUILD_IMPORT_FORMAT_ICALENDAR,
  GUILD_IMPORT_FORMAT_GUILD_JSON,
} GuildImportFormat;

#define GUILD_IMPORT_ERROR (guild_import_error_quark ())

/**
 * GuildImportError:
 * @GUILD_IMPORT_ERROR_UNKNOWN_FORMAT: the file is of no kind Guild reads
 * @GUILD_IMPORT_ERROR_INVALID: the file as a whole cannot be read (a broken
 *   JSON backup); single bad records are reported as skipped instead
 * @GUILD_IMPORT_ERROR_TOO_LARGE: beyond the importer's size limits
 */
typedef enum
{
  GUILD_IMPORT_ERROR_UNKNOWN_FORMAT,
  GUILD_IMPORT_ERROR_INVALID,
  GUILD_IMPORT_ERROR_TOO_LARGE,
} GuildImportError;

GQuark guild_import_error_quark (void);

/**
 * GuildImportItem:
 * @record: a new, unsaved record
 * @line: the line of the file where the record starts (1-based)
 * @file_id: the record's `id` inside a JSON backup, 0 otherwise. In a
 *   backup, the reference fields of @record hold such file ids, not database
 *   ids; the store maps them when it applies the import.
 * @exceptions_only: an iCalendar series' cancelled occurrences whose series
 *   is not in the same text: @record is an event with only a `uid` and
 *   `exdates`, which the store adds to the stored event with that UID.
 */
typedef struct
{
  GuildRecord *record;
  guint        line;
  gint64       file_id;
  gboolean     exceptions_only;
} GuildImportItem;

/**
 * GuildImportIssue:
 * @line: the line of the file (1-based; 0 for the file as a whole)
 * @message: a translated sentence saying what was wrong
 */
typedef struct
{
  guint  line;
  char  *message;
} GuildImportIssue;

/**
 * GuildImportResult:
 * @format: what the file was read as
 * @file_name: (nullable): the file's display name
 * @items: (element-type GuildImportItem): the records read, in file order
 * @skipped: (element-type GuildImportIssue): records that were left out
 * @warnings: (element-type GuildImportIssue): records read with a part left
 *   out (an unreadable birthday, say)
 * @has_file_refs: whether reference fields hold file ids (JSON backup, and a
 *   CSV file of contacts with a Communities column)
 * @community_ids: (nullable): a CSV file's communities: the folded name
 *   (guild_text_fold()) → its file id (gint64 *)
 *
 * The outcome of parsing one file. It is plain data: it can be made on a
 * worker thread and handed to another.
 */
typedef struct
{
  GuildImportFormat  format;
  char              *file_name;
  GPtrArray         *items;
  GArray            *skipped;
  GArray            *warnings;
  gboolean           has_file_refs;
  GHashTable        *community_ids;
} GuildImportResult;

GuildImportResult *guild_import_result_new            (GuildImportFormat   format,
                                                       const char         *file_name);
void               guild_import_result_free           (GuildImportResult  *result);
void               guild_import_result_add            (GuildImportResult  *result,
                                                       GuildRecord        *record,
                                                       guint               line,
                                                       gint64              file_id);
void               guild_import_result_skip           (GuildImportResult  *result,
                                                       guint               line,
                                                       const char         *message);
void               guild_import_result_warn           (GuildImportResult  *result,
                                                       guint               line,
                                                       const char         *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildImportResult, guild_import_result_free)

const char        *guild_import_format_to_string      (GuildImportFormat   format);
GuildImportFormat  guild_import_format_from_string    (const char         *id);
const char        *guild_import_format_label          (GuildImportFormat   format);

GuildImportFormat  guild_import_detect                (const guint8       *data,
                                                       gsize               len,
                                                       const char         *file_name);
char              *guild_import_decode_text           (const guint8       *data,
                                                       gsize               len,
                                                       gsize              *out_len);

GuildImportResult *guild_import_parse                 (const guint8       *data,
                                                       gsize               len,
                                                       const char         *file_name,
                                                       GuildImportFormat   format,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
GuildImportResult *guild_import_parse_file            (GFile              *file,
                                                       GuildImportFormat   format,
                                                       GCancellable       *cancellable,
                                                       GError            **error);

GuildImportResult *guild_import_parse_vcard           (const char         *text,
                                                       gsize               len,
                                                       const char         *file_name,
                                                       GCancellable       *cancellable);
GuildImportResult *guild_import_parse_icalendar       (const char         *text,
                                                       gsize               len,
                                                       const char         *file_name,
                                                       GCancellable       *cancellable);
GuildImportResult *guild_import_parse_csv             (const char         *text,
                                                       gsize               len,
                                                       const char         *file_name,
                                                       GuildImportFormat   format,
                                                       GCancellable       *cancellable);
GuildImportResult *guild_import_parse_backup          (const char         *text,
                                                       gsize               len,
                                                       const char         *file_name,
                                                       GError            **error);

/* Reading a file in pieces (guild-import-reader.c). */
typedef struct _GuildImportReader GuildImportReader;

GuildImportReader *guild_import_reader_new            (GFile              *file,
                                                       GuildImportFormat   format,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
GuildImportReader *guild_import_reader_new_for_stream (GInputStream       *stream,
                                                       const char         *file_name,
                                                       goffset             size,
                                                       GuildImportFormat   format,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
void               guild_import_reader_free           (GuildImportReader  *self);
void               guild_import_reader_set_piece_size (GuildImportReader  *self,
                                                       gsize               piece_size,
                                                       guint               chunk_items);
GuildImportFormat  guild_import_reader_get_format     (GuildImportReader  *self);
const char        *guild_import_reader_get_file_name  (GuildImportReader  *self);
double             guild_import_reader_get_fraction   (GuildImportReader  *self);
gboolean           guild_import_reader_is_streamed    (GuildImportReader  *self);
goffset            guild_import_reader_get_size       (GuildImportReader  *self);

/* From this size on, guildctl imports a vCard, CSV or iCalendar file with
 * guild_store_import_stream(), whose memory does not grow with the file. */
#define GUILD_IMPORT_STREAM_THRESHOLD ((goffset) 64 * 1024 * 1024)
GuildImportResult *guild_import_reader_next           (GuildImportReader  *self,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
typedef void (*GuildImportReadProgress) (double   fraction,
                                         gpointer user_data);

GuildImportResult *guild_import_reader_read_all       (GuildImportReader       *self,
                                                       GuildImportReadProgress  progress,
                                                       gpointer                 progress_data,
                                                       GCancellable            *cancellable,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildImportReader, guild_import_reader_free)

/**
 * GuildCsvField:
 *
 * What a column of a CSV file of contacts holds. Several columns may map to
 * the same list field (e-mails, phones, web addresses, tags).
 */
typedef enum
{
  GUILD_CSV_FIELD_IGNORE,
  GUILD_CSV_FIELD_FULL_NAME,
  GUILD_CSV_FIELD_GIVEN_NAME,
  GUILD_CSV_FIELD_MIDDLE_NAME,
  GUILD_CSV_FIELD_FAMILY_NAME,
  GUILD_CSV_FIELD_EMAIL,
  GUILD_CSV_FIELD_PHONE,
  GUILD_CSV_FIELD_COMPANY,
  GUILD_CSV_FIELD_POSITION,
  GUILD_CSV_FIELD_URL,
  GUILD_CSV_FIELD_LOCATION,
  GUILD_CSV_FIELD_TAGS,
  GUILD_CSV_FIELD_NOTES,
  GUILD_CSV_FIELD_BIRTHDAY,
  GUILD_CSV_FIELD_CONNECTED_ON,
  GUILD_CSV_FIELD_RELATIONSHIP,
  GUILD_CSV_FIELD_COMMUNITIES,
  GUILD_N_CSV_FIELDS
} GuildCsvField;

typedef struct _GuildCsvMapping GuildCsvMapping;

const char        *guild_csv_field_label              (GuildCsvField       field);

GuildCsvMapping   *guild_csv_mapping_guess            (const char         *text,
                                                       gsize               len);
GuildCsvMapping   *guild_csv_mapping_copy             (const GuildCsvMapping *mapping);
void               guild_csv_mapping_free             (GuildCsvMapping    *mapping);
guint              guild_csv_mapping_get_n_columns    (const GuildCsvMapping *mapping);
const char        *guild_csv_mapping_get_header       (const GuildCsvMapping *mapping,
                                                       guint               column);
GuildCsvField      guild_csv_mapping_get_field        (const GuildCsvMapping *mapping,
                                                       guint               column);
void               guild_csv_mapping_set_field        (GuildCsvMapping    *mapping,
                                                       guint               column,
                                                       GuildCsvField       field);
char               guild_csv_mapping_get_delimiter    (const GuildCsvMapping *mapping);
guint              guild_csv_mapping_get_header_line  (const GuildCsvMapping *mapping);

GuildImportResult *guild_import_parse_csv_with_mapping (const char           *text,
                                                        gsize                 len,
                                                        const char           *file_name,
                                                        const GuildCsvMapping *mapping,
                                                        GCancellable         *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildCsvMapping, guild_csv_mapping_free)

/* Helpers shared by the importers and the store's matching. */
char              *guild_import_normalize_name        (const char         *name);
char              *guild_import_normalize_url         (const char         *url);
gboolean           guild_import_parse_day             (const char         *text,
                                                       gboolean            allow_yearless,
                                                       char              **day);
char              *guild_import_format_instant        (gint64              seconds);
gboolean           guild_import_parse_instant         (const char         *text,
                                                       gint64             *seconds);

G_END_DECLS
