/* guild-record.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "guild-types.h"
#include "guild-vocab.h"

G_BEGIN_DECLS

/**
 * GuildFieldType:
 * @GUILD_FIELD_TEXT: a string, never %NULL ("" when empty)
 * @GUILD_FIELD_VOCAB: a string from one of the vocabularies
 * @GUILD_FIELD_DAY: a day, `YYYY-MM-DD` ("" when unset; a birthday may be `--MM-DD`)
 * @GUILD_FIELD_INT: an int within [min, max]; 0 means "unset" when min > 0
 * @GUILD_FIELD_INSTANT: seconds since the epoch, UTC (0 means "unset")
 * @GUILD_FIELD_BOOL: a boolean
 * @GUILD_FIELD_REF: the id of another record (0 means none)
 * @GUILD_FIELD_STRV: a list of strings, kept in a child table
 * @GUILD_FIELD_REFS: a list of record ids, kept in a link table
 */
typedef enum
{
  GUILD_FIELD_TEXT,
  GUILD_FIELD_VOCAB,
  GUILD_FIELD_DAY,
  GUILD_FIELD_INT,
  GUILD_FIELD_INSTANT,
  GUILD_FIELD_BOOL,
  GUILD_FIELD_REF,
  GUILD_FIELD_STRV,
  GUILD_FIELD_REFS,
} GuildFieldType;

typedef enum
{
  GUILD_FIELD_FLAGS_NONE     = 0,
  /* The text must not be empty (after trimming). */
  GUILD_FIELD_REQUIRED       = 1 << 0,
  /* A day that may also be a birthday without a year (`--MM-DD`). */
  GUILD_FIELD_YEARLESS_DAY   = 1 << 1,
  /* Must look like a web address when set. */
  GUILD_FIELD_URL            = 1 << 2,
} GuildFieldFlags;

typedef struct
{
  /* The property name (dashes); the column is the same with underscores. */
  const char      *name;
  GuildFieldType   type;
  GuildFieldFlags  flags;
  /* GUILD_FIELD_VOCAB: which vocabulary; its default identifier. */
  GuildVocab       vocab;
  const char      *default_id;
  /* GUILD_FIELD_INT: the accepted range and default. */
  int              min;
  int              max;
  int              default_int;
  /* GUILD_FIELD_STRV and GUILD_FIELD_REFS: the child table, the column that
   * points back to the owner and the column holding the value. */
  const char      *table;
  const char      *owner_column;
  const char      *value_column;
} GuildField;

#define GUILD_TYPE_RECORD (guild_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (GuildRecord, guild_record, GUILD, RECORD, GObject)

struct _GuildRecordClass
{
  GObjectClass parent_class;

  /* Called by the store before validating a write: derive fields that
   * follow from others (an activity's strategy from its kind). */
  void     (*prepare)  (GuildRecord  *self);
  /* Checks that span several fields, after each field's own checks. */
  gboolean (*validate) (GuildRecord  *self,
                        GError      **error);

  /*< private >*/
  GuildRecordKind   kind;
  const char       *table;
  const GuildField *fields;
  guint             n_fields;
  GParamSpec      **field_pspecs;
  guint             first_field_prop;
  GHashTable       *field_index;     /* field name → index + 1 */
  GValue           *defaults;        /* fields' initial values, lists aside */
};

void               guild_record_class_install_fields (GuildRecordClass *klass,
                                                      GuildRecordKind   kind,
                                                      const char       *table,
                                                      const GuildField *fields,
                                                      guint             n_fields);
GType              guild_record_kind_get_type        (GuildRecordKind   kind);
const char        *guild_record_kind_get_table       (GuildRecordKind   kind);
const GuildField  *guild_record_kind_get_fields      (GuildRecordKind   kind,
                                                      guint            *n_fields);
GuildRecord       *guild_record_new_for_kind         (GuildRecordKind   kind);

GuildRecordKind    guild_record_get_kind             (GuildRecord      *self);
gint64             guild_record_get_id               (GuildRecord      *self);
void               _guild_record_set_id              (GuildRecord      *self,
                                                      gint64            id);
gint64             guild_record_get_created_at       (GuildRecord      *self);
gint64             guild_record_get_updated_at       (GuildRecord      *self);
void               _guild_record_set_times           (GuildRecord      *self,
                                                      gint64            created_at,
                                                      gint64            updated_at);

const GuildField  *guild_record_find_field           (GuildRecord      *self,
                                                      const char       *name,
                                                      guint            *index);
const char        *guild_record_get_text             (GuildRecord      *self,
                                                      const char       *name);
void               guild_record_set_text             (GuildRecord      *self,
                                                      const char       *name,
                                                      const char       *value);
void               _guild_record_take_text           (GuildRecord      *self,
                                                      const char       *name,
                                                      char             *value);
gint64             guild_record_get_int              (GuildRecord      *self,
                                                      const char       *name);
void               guild_record_set_int              (GuildRecord      *self,
                                                      const char       *name,
                                                      gint64            value);
const char * const *guild_record_get_strv            (GuildRecord      *self,
                                                      const char       *name);
void               guild_record_set_strv             (GuildRecord      *self,
                                                      const char       *name,
                                                      const char * const *value);
void               _guild_record_take_strv           (GuildRecord      *self,
                                                      const char       *name,
                                                      char            **value);
GArray            *guild_record_get_ids              (GuildRecord      *self,
                                                      const char       *name);
void               guild_record_set_ids              (GuildRecord      *self,
                                                      const char       *name,
                                                      const gint64     *ids,
                                                      guint             n_ids);

/* Direct access by field index, for the store's generic row mapping. */
const GValue      *_guild_record_peek_value          (GuildRecord      *self,
                                                      guint             index);
void               _guild_record_take_value          (GuildRecord      *self,
                                                      guint             index,
                                                      GValue           *value);

gboolean           guild_record_validate             (GuildRecord      *self,
                                                      GError          **error);
void               guild_record_copy_fields          (GuildRecord      *dest,
                                                      GuildRecord      *src);
gboolean           guild_record_fields_equal         (GuildRecord      *a,
                                                      GuildRecord      *b);

gboolean           guild_day_is_valid                (const char       *day,
                                                      gboolean          allow_yearless);
gboolean           guild_url_is_valid                (const char       *url);

/* Shorthands for the field tables of the subclasses. */
#define GUILD_TEXT(n)            { .name = n, .type = GUILD_FIELD_TEXT }
#define GUILD_REQUIRED_TEXT(n)   { .name = n, .type = GUILD_FIELD_TEXT, .flags = GUILD_FIELD_REQUIRED }
#define GUILD_URL(n)             { .name = n, .type = GUILD_FIELD_TEXT, .flags = GUILD_FIELD_URL }
#define GUILD_VOCAB(n, v, d)     { .name = n, .type = GUILD_FIELD_VOCAB, .vocab = v, .default_id = d }
#define GUILD_DAY(n)             { .name = n, .type = GUILD_FIELD_DAY }
#define GUILD_INT(n, lo, hi)     { .name = n, .type = GUILD_FIELD_INT, .min = lo, .max = hi }
#define GUILD_RATING(n)          GUILD_INT (n, 1, 5)
#define GUILD_INSTANT(n)         { .name = n, .type = GUILD_FIELD_INSTANT }
#define GUILD_BOOL(n)            { .name = n, .type = GUILD_FIELD_BOOL }
#define GUILD_REF(n)             { .name = n, .type = GUILD_FIELD_REF }
#define GUILD_STRV(n, t, o)      { .name = n, .type = GUILD_FIELD_STRV, .table = t, \
                                   .owner_column = o, .value_column = "value" }
#define GUILD_REFS(n, t, o, v)   { .name = n, .type = GUILD_FIELD_REFS, .table = t, \
                                   .owner_column = o, .value_column = v }

G_END_DECLS
