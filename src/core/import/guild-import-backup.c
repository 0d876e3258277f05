/* guild-import-backup.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-backup"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"
#include "guild-json.h"

/* Guild's JSON backup (DESIGN.md), version 1. Each record's keys are its
 * field names with underscores, except for the few renamed below; the same
 * table drives the exporter, so the two cannot disagree. Reference fields
 * keep the ids used inside the file; the store maps them on apply.
 */

#define BACKUP_VERSION 1

static const struct {
  GuildRecordKind  kind;
  const char      *field;
  const char      *key;
} renamed[] = {
  { GUILD_RECORD_EVENT, "starts-at", "start" },
  { GUILD_RECORD_EVENT, "ends-at", "end" },
  { GUILD_RECORD_EVENT, "community-id", "community" },
  { GUILD_RECORD_ACTIVITY, "community-id", "community" },
  { GUILD_RECORD_ACTIVITY, "event-id", "event" },
  { GUILD_RECORD_COURSE, "community-id", "community" },
  { GUILD_RECORD_CHECKIN, "day", "on" },
};

static const struct {
  GuildRecordKind  kind;
  const char      *section;
  gboolean         has_ids;
} sections[] = {
  { GUILD_RECORD_COMMUNITY, "communities", TRUE },
  { GUILD_RECORD_CONTACT, "contacts", TRUE },
  { GUILD_RECORD_EVENT, "events", TRUE },
  { GUILD_RECORD_ACTIVITY, "activities", TRUE },
  { GUILD_RECORD_SKILL, "skills", TRUE },
  { GUILD_RECORD_COURSE, "courses", TRUE },
  { GUILD_RECORD_CHECKIN, "checkins", FALSE },
};

/**
 * _guild_backup_json_key:
 *
 * Returns: (transfer full): the backup's key for a field of @kind.
 */
char *
_guild_backup_json_key (GuildRecordKind  kind,
                        const char      *field)
{
  char *key;

  for (guint i = 0; i < G_N_ELEMENTS (renamed); i++)
    if (renamed[i].kind == kind && g_str_equal (renamed[i].field, field))
      return g_strdup (renamed[i].key);

  key = g_strdup (field);
  g_strdelimit (key, "-", '_');
  return key;
}

/**
 * _guild_backup_section:
 * @has_ids: (out) (optional): whether its records carry an "id"
 *
 * Returns: the backup's array holding records of @kind, or %NULL for the
 *   profile and goals (single objects).
 */
const char *
_guild_backup_section (GuildRecordKind  kind,
                       gboolean        *has_ids)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sections[i].kind == kind)
      {
        if (has_ids != NULL)
          *has_ids = sections[i].has_ids;
        return sections[i].section;
      }

  return NULL;
}

static char *
wrong_type (const char *key)
{
  /* Translators: %s is a key in a JSON backup file. */
  return g_strdup_printf (_("“%s” has a value of the wrong type"), key);
}

/* Fills @record from @object. Returns NULL, or why the record is refused. */
static char *
read_record (GuildRecord         *record,
             const GuildJsonNode *object)
{
  guint n_fields;
  const GuildField *fields = guild_record_kind_get_fields (guild_record_get_kind (record),
                                                            &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      g_autofree char *key = _guild_backup_json_key (guild_record_get_kind (record), field->name);
      const GuildJsonNode *value = guild_json_object_get (object, key);
      GuildJsonType type = guild_json_node_get_type (value);

      if (value == NULL || type == GUILD_JSON_NULL)
        continue;

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_VOCAB:
        case GUILD_FIELD_DAY:
          if (type != GUILD_JSON_STRING)
            return wrong_type (key);
          guild_record_set_text (record, field->name, guild_json_node_get_string (value));
          break;

        case GUILD_FIELD_INT:
        case GUILD_FIELD_REF:
          if (type != GUILD_JSON_INT)
            return wrong_type (key);
          if (field->type == GUILD_FIELD_INT &&
              (guild_json_node_get_int (value) < G_MININT ||
               guild_json_node_get_int (value) > G_MAXINT))
            return wrong_type (key);
          guild_record_set_int (record, field->name, guild_json_node_get_int (value));
          break;

        case GUILD_FIELD_BOOL:
          if (type != GUILD_JSON_BOOL)
            return wrong_type (key);
          guild_record_set_int (record, field->name, guild_json_node_get_bool (value));
          break;

        case GUILD_FIELD_INSTANT:
          {
            gint64 seconds = 0;

            if (type == GUILD_JSON_INT)
              seconds = guild_json_node_get_int (value);
            else if (type != GUILD_JSON_STRING)
              return wrong_type (key);
            else if (!guild_import_parse_instant (guild_json_node_get_string (value), &seconds))
              /* Translators: %s is a date as written in the imported file. */
              return g_strdup_printf (_("Unreadable date “%s”"), guild_json_node_get_string (value));
            guild_record_set_int (record, field->name, seconds);
          }
          break;

        case GUILD_FIELD_STRV:
          {
            g_autoptr(GPtrArray) list = g_ptr_array_new ();

            if (type != GUILD_JSON_ARRAY)
              return wrong_type (key);
            for (guint j = 0; j < guild_json_node_get_length (value); j++)
              {
                const char *s = guild_json_node_get_string (guild_json_node_get_element (value, j));

                if (s == NULL)
                  return wrong_type (key);
                g_ptr_array_add (list, (gpointer) s);
              }
            g_ptr_array_add (list, NULL);
            guild_record_set_strv (record, field->name, (const char * const *) list->pdata);
          }
          break;

        case GUILD_FIELD_REFS:
          {
            g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

            if (type != GUILD_JSON_ARRAY)
              return wrong_type (key);
            for (guint j = 0; j < guild_json_node_get_length (value); j++)
              {
                const GuildJsonNode *element = guild_json_node_get_element (value, j);
                gint64 id = guild_json_node_get_int (element);

                if (guild_json_node_get_type (element) != GUILD_JSON_INT)
                  return wrong_type (key);
                g_array_append_val (ids, id);
              }
            guild_record_set_ids (record, field->name, (gint64 *) ids->data, ids->len);
          }
          break;

        default:
          break;
        }
    }

  return NULL;
}

static void
read_one (GuildImportResult   *result,
          GuildRecordKind      kind,
          const GuildJsonNode *object,
          gboolean             has_ids)
{
  g_autoptr(GuildRecord) record = guild_record_new_for_kind (kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (record);
  guint line = guild_json_node_get_line (object);
  gint64 file_id = 0;

  if (guild_json_node_get_type (object) != GUILD_JSON_OBJECT)
    {
      guild_import_result_skip (result, line, _("The record is not an object"));
      return;
    }

  if (has_ids)
    {
      const GuildJsonNode *id = guild_json_object_get (object, "id");

      if (id != NULL && guild_json_node_get_type (id) != GUILD_JSON_INT)
        {
          g_autofree char *message = wrong_type ("id");

          guild_import_result_skip (result, line, message);
          return;
        }
      file_id = guild_json_node_get_int (id);
    }

  problem = read_record (record, object);
  if (problem != NULL)
    {
      guild_import_result_skip (result, line, problem);
      return;
    }

  if (kind == GUILD_RECORD_EVENT && guild_record_get_int (record, "starts-at") == 0)
    {
      guild_import_result_skip (result, line, _("The event has no start time"));
      return;
    }

  if (klass->prepare != NULL && kind != GUILD_RECORD_EVENT)
    klass->prepare (record);
  if (!guild_record_validate (record, &error))
    {
      guild_import_result_skip (result, line, error->message);
      return;
    }

  guild_import_result_add (result, g_steal_pointer (&record), line, file_id);
}

/**
 * guild_import_parse_backup:
 * @text: decoded UTF-8 text
 *
 * Reads a Guild JSON backup. A file that is not valid JSON, or not a backup
 * of a version this Guild knows, is an error; a single bad record is skipped.
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
GuildImportResult *
guild_import_parse_backup (const char  *text,
                           gsize        len,
                           const char  *file_name,
                           GError     **error)
{
  g_autoptr(GuildJsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GuildImportResult) result = NULL;
  const GuildJsonNode *node;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  root = guild_json_parse (text, len, &local_error);
  if (root == NULL)
    {
      g_set_error (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                   /* Translators: %s says where the file is broken and how. */
                   _("The backup cannot be read. %s"), local_error->message);
      return NULL;
    }

  if (g_strcmp0 (guild_json_node_get_string (guild_json_object_get (root, "format")),
                 "guild-backup") != 0)
    {
      g_set_error_literal (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                           _("The file is JSON but not a Guild backup."));
      return NULL;
    }

  node = guild_json_object_get (root, "version");
  if (guild_json_node_get_type (node) != GUILD_JSON_INT || guild_json_node_get_int (node) < 1)
    {
      g_set_error_literal (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                           _("The backup has no valid version number."));
      return NULL;
    }
  if (guild_json_node_get_int (node) > BACKUP_VERSION)
    {
      g_set_error_literal (error, GUILD_IMPORT_ERROR, GUILD_IMPORT_ERROR_INVALID,
                           _("The backup was made by a newer version of Guild. Update Guild "
                             "to import it."));
      return NULL;
    }

  result = guild_import_result_new (GUILD_IMPORT_FORMAT_GUILD_JSON, file_name);
  result->has_file_refs = TRUE;

  node = guild_json_object_get (root, "profile");
  if (guild_json_node_get_type (node) == GUILD_JSON_OBJECT)
    read_one (result, GUILD_RECORD_PROFILE, node, FALSE);
  node = guild_json_object_get (root, "goals");
  if (guild_json_node_get_type (node) == GUILD_JSON_OBJECT)
    read_one (result, GUILD_RECORD_GOALS, node, FALSE);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      node = guild_json_object_get (root, sections[s].section);
      if (node == NULL || guild_json_node_get_type (node) == GUILD_JSON_NULL)
        continue;
      if (guild_json_node_get_type (node) != GUILD_JSON_ARRAY)
        {
          g_autofree char *message = wrong_type (sections[s].section);

          guild_import_result_skip (result, guild_json_node_get_line (node), message);
          continue;
        }

      for (guint i = 0; i < guild_json_node_get_length (node); i++)
        read_one (result, sections[s].kind, guild_json_node_get_element (node, i),
                  sections[s].has_ids);
    }

  return g_steal_pointer (&result);
}
