/* guild-json.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GUILD_JSON_ERROR (guild_json_error_quark ())

typedef enum
{
  GUILD_JSON_ERROR_SYNTAX,
  GUILD_JSON_ERROR_ENCODING,
  GUILD_JSON_ERROR_LIMIT,
} GuildJsonError;

GQuark guild_json_error_quark (void);

typedef enum
{
  GUILD_JSON_NULL,
  GUILD_JSON_BOOL,
  GUILD_JSON_INT,
  GUILD_JSON_DOUBLE,
  GUILD_JSON_STRING,
  GUILD_JSON_ARRAY,
  GUILD_JSON_OBJECT,
} GuildJsonType;

typedef struct _GuildJsonNode GuildJsonNode;

/* Nesting deeper than this is refused (a backup needs four levels). */
#define GUILD_JSON_MAX_DEPTH 64

GuildJsonNode       *guild_json_parse            (const char          *text,
                                                  gsize                len,
                                                  GError             **error);
void                 guild_json_node_free        (GuildJsonNode       *node);

GuildJsonType        guild_json_node_get_type    (const GuildJsonNode *node);
guint                guild_json_node_get_line    (const GuildJsonNode *node);
gboolean             guild_json_node_get_bool    (const GuildJsonNode *node);
gint64               guild_json_node_get_int     (const GuildJsonNode *node);
double               guild_json_node_get_double  (const GuildJsonNode *node);
const char          *guild_json_node_get_string  (const GuildJsonNode *node);
guint                guild_json_node_get_length  (const GuildJsonNode *node);
const GuildJsonNode *guild_json_node_get_element (const GuildJsonNode *node,
                                                  guint                index);
const char          *guild_json_node_get_key     (const GuildJsonNode *node,
                                                  guint                index);
const GuildJsonNode *guild_json_object_get       (const GuildJsonNode *node,
                                                  const char          *key);

/* Writing: a string with JSON escapes, for the exporter. */
void                 guild_json_append_string    (GString             *out,
                                                  const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuildJsonNode, guild_json_node_free)

G_END_DECLS
