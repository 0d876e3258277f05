/* guild-export-json.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-export-json"

#include "config.h"

#include "guild-export-json.h"
#include "import/guild-import-private.h"
#include "import/guild-json.h"

/* Writes the JSON backup of DESIGN.md. The output is deterministic: keys in
 * the order of the record's fields, records in the order of their ids, two
 * spaces of indentation, and ids inside the file numbered from 1 in that
 * order. So exporting, importing into an empty database and exporting again
 * gives the same bytes.
 */

typedef struct
{
  GPtrArray  *records[GUILD_N_RECORD_KINDS];
  GHashTable *file_ids[GUILD_N_RECORD_KINDS];   /* database id → position */
} Export;

static gint64
file_id (Export          *e,
         GuildRecordKind  kind,
         gint64           id)
{
  gpointer position;

  if (id == 0 || e->file_ids[kind] == NULL)
    return 0;

  position = g_hash_table_lookup (e->file_ids[kind], &id);
  return position != NULL ? GPOINTER_TO_UINT (position) : 0;
}

static GuildRecordKind
ref_kind (const char *field)
{
  if (g_str_equal (field, "met-at-community") || g_str_equal (field, "community-id") ||
      g_str_equal (field, "communities"))
    return GUILD_RECORD_COMMUNITY;
  if (g_str_equal (field, "met-at-event") || g_str_equal (field, "event-id"))
    return GUILD_RECORD_EVENT;
  if (g_str_equal (field, "skills"))
    return GUILD_RECORD_SKILL;
  return GUILD_RECORD_CONTACT;
}

static void
write_record (Export      *e,
              GString     *out,
              GuildRecord *record,
              gint64       position,
              const char  *indent)
{
  GuildRecordKind kind = guild_record_get_kind (record);
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (kind, &n_fields);
  gboolean first = TRUE;

  g_string_append (out, "{\n");
  if (position > 0)
    {
      g_string_append_printf (out, "%s  \"id\": %" G_GINT64_FORMAT, indent, position);
      first = FALSE;
    }

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      g_autofree char *key = _guild_backup_json_key (kind, field->name);

      g_string_append_printf (out, "%s\n%s  ", first ? "" : ",", indent);
      first = FALSE;
      guild_json_append_string (out, key);
      g_string_append (out, ": ");

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
          guild_json_append_string (out, guild_record_get_text (record, field->name));
          break;
        case GUILD_FIELD_DAY:
          if (*guild_record_get_text (record, field->name) == '\0')
            g_string_append (out, "null");
          else
            guild_json_append_string (out, guild_record_get_text (record, field->name));
          break;
        case GUILD_FIELD_INT:
          if (field->min > 0 && guild_record_get_int (record, field->name) == 0)
            g_string_append (out, "null");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                    guild_record_get_int (record, field->name));
          break;
        case GUILD_FIELD_INSTANT:
          {
            gint64 seconds = guild_record_get_int (record, field->name);
            g_autofree char *text = seconds != 0 ? guild_import_format_instant (seconds) : NULL;

            if (text == NULL || *text == '\0')
              g_string_append (out, "null");
            else
              guild_json_append_string (out, text);
          }
          break;
        case GUILD_FIELD_BOOL:
          g_string_append (out, guild_record_get_int (record, field->name) ? "true" : "false");
          break;
        case GUILD_FIELD_REF:
          {
            gint64 id = file_id (e, ref_kind (field->name),
                                 guild_record_get_int (record, field->name));

            if (id == 0)
              g_string_append (out, "null");
            else
              g_string_append_printf (out, "%" G_GINT64_FORMAT, id);
          }
          break;
        case GUILD_FIELD_STRV:
          {
            const char * const *strv = guild_record_get_strv (record, field->name);

            g_string_append_c (out, '[');
            for (guint j = 0; strv[j] != NULL; j++)
              {
                if (j > 0)
                  g_string_append (out, ", ");
                guild_json_append_string (out, strv[j]);
              }
            g_string_append_c (out, ']');
          }
          break;
        case GUILD_FIELD_REFS:
          {
            GArray *ids = guild_record_get_ids (record, field->name);
            gboolean first_id = TRUE;

            g_string_append_c (out, '[');
            for (guint j = 0; j < ids->len; j++)
              {
                gint64 id = file_id (e, ref_kind (field->name), g_array_index (ids, gint64, j));

                if (id == 0)
                  continue;
                g_string_append_printf (out, "%s%" G_GINT64_FORMAT, first_id ? "" : ", ", id);
                first_id = FALSE;
              }
            g_string_append_c (out, ']');
          }
          break;
        default:
          g_string_append (out, "null");
          break;
        }
    }

  g_string_append_printf (out, "\n%s}", indent);
}

/**
 * guild_export_json:
 * @out: where the backup is appended
 *
 * Writes every record of @store as a Guild JSON backup. Reads on the store's
 * connection.
 */
gboolean
guild_export_json (GuildStore    *store,
                   GString       *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  static const GuildRecordKind order[] = {
    GUILD_RECORD_COMMUNITY, GUILD_RECORD_CONTACT, GUILD_RECORD_EVENT, GUILD_RECORD_ACTIVITY,
    GUILD_RECORD_SKILL, GUILD_RECORD_COURSE, GUILD_RECORD_CHECKIN,
  };
  Export e = { { 0 } };
  g_autoptr(GuildProfile) profile = NULL;
  g_autoptr(GuildGoals) goals = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (GUILD_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!(profile = guild_store_dup_profile (store, error)) ||
      !(goals = guild_store_dup_goals (store, error)))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      GuildRecordKind kind = order[k];

      e.records[kind] = guild_store_list (store, kind, cancellable, error);
      if (e.records[kind] == NULL)
        goto out;

      e.file_ids[kind] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < e.records[kind]->len; i++)
        {
          gint64 id = guild_record_get_id (g_ptr_array_index (e.records[kind], i));

          g_hash_table_insert (e.file_ids[kind], g_memdup2 (&id, sizeof id),
                               GUINT_TO_POINTER (i + 1));
        }
    }

  g_string_append (out, "{\n  \"format\": \"guild-backup\",\n  \"version\": 1,\n  \"profile\": ");
  write_record (&e, out, GUILD_RECORD (profile), 0, "  ");
  g_string_append (out, ",\n  \"goals\": ");
  write_record (&e, out, GUILD_RECORD (goals), 0, "  ");

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      GuildRecordKind kind = order[k];
      gboolean has_ids = FALSE;
      const char *section = _guild_backup_section (kind, &has_ids);
      GPtrArray *records = e.records[kind];

      g_string_append_printf (out, ",\n  \"%s\": [", section);
      for (guint i = 0; i < records->len; i++)
        {
          g_string_append (out, i > 0 ? ",\n    " : "\n    ");
          write_record (&e, out, g_ptr_array_index (records, i), has_ids ? i + 1 : 0, "    ");
        }
      g_string_append (out, records->len > 0 ? "\n  ]" : "]");
    }
  g_string_append (out, "\n}\n");
  ok = TRUE;

out:
  for (guint k = 0; k < GUILD_N_RECORD_KINDS; k++)
    {
      g_clear_pointer (&e.records[k], g_ptr_array_unref);
      g_clear_pointer (&e.file_ids[k], g_hash_table_unref);
    }
  return ok;
}
