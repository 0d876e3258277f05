/* guild-json.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-json"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-json.h"

/* A small, strict JSON reader (RFC 8259) for Guild's backups: valid UTF-8
 * only, no comments or trailing commas, nesting and string sizes limited,
 * \uXXXX escapes with surrogate pairs, integers kept exact in 64 bits. An
 * error names the line and column, so a hand-edited backup can be fixed.
 */

#define MAX_STRING (64 * 1024 * 1024)

struct _GuildJsonNode
{
  GuildJsonType  type;
  guint          line;
  union {
    gboolean     boolean;
    gint64       integer;
    double       number;
    char        *string;
  } v;
  GPtrArray     *children;   /* arrays and objects: GuildJsonNode */
  GPtrArray     *keys;       /* objects: char * */
};

typedef struct
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;
  gsize       line_start;
} Reader;

G_DEFINE_QUARK (guild-json-error-quark, guild_json_error)

void
guild_json_node_free (GuildJsonNode *node)
{
  if (node == NULL)
    return;

  if (node->type == GUILD_JSON_STRING)
    g_free (node->v.string);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_free (node);
}

static GuildJsonNode *
node_new (GuildJsonType  type,
          guint          line)
{
  GuildJsonNode *node = g_new0 (GuildJsonNode, 1);

  node->type = type;
  node->line = line;
  if (type == GUILD_JSON_ARRAY || type == GUILD_JSON_OBJECT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) guild_json_node_free);
  if (type == GUILD_JSON_OBJECT)
    node->keys = g_ptr_array_new_with_free_func (g_free);

  return node;
}

static gboolean
fail (Reader       *reader,
      GError      **error,
      GuildJsonError code,
      const char   *message)
{
  glong column = g_utf8_strlen (reader->text + reader->line_start,
                                MIN (reader->pos, reader->len) - reader->line_start) + 1;

  g_set_error (error, GUILD_JSON_ERROR, code,
               /* Translators: the first two numbers are a line and a column
                * in a file; the %s says what is wrong there. */
               _("Line %u, column %ld: %s"), reader->line, column, message);
  return FALSE;
}

static void
skip_space (Reader *reader)
{
  while (reader->pos < reader->len)
    {
      char c = reader->text[reader->pos];

      if (c == '\n')
        {
          reader->line++;
          reader->line_start = reader->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        break;
      reader->pos++;
    }
}

static gboolean
literal (Reader     *reader,
         const char *word)
{
  gsize n = strlen (word);

  if (reader->len - reader->pos < n || memcmp (reader->text + reader->pos, word, n) != 0)
    return FALSE;

  reader->pos += n;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      char c = p[i];

      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= c - '0';
      else if (c >= 'a' && c <= 'f')
        value |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        value |= c - 'A' + 10;
      else
        return -1;
    }

  return value;
}

static char *
read_string (Reader  *reader,
             GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* The opening quote. */
  reader->pos++;

  while (TRUE)
    {
      guchar c;

      if (reader->pos >= reader->len)
        {
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("The text ends inside a string."));
          return NULL;
        }
      if (out->len > MAX_STRING)
        {
          fail (reader, error, GUILD_JSON_ERROR_LIMIT, _("A string is too long."));
          return NULL;
        }

      c = reader->text[reader->pos];
      if (c == '"')
        {
          reader->pos++;
          break;
        }
      if (c < 0x20)
        {
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX,
                _("A control character must be escaped inside a string."));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, c);
          reader->pos++;
          continue;
        }

      if (reader->pos + 1 >= reader->len)
        {
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("The text ends inside a string."));
          return NULL;
        }

      c = reader->text[reader->pos + 1];
      reader->pos += 2;
      switch (c)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int unit;
            gunichar ch;

            if (reader->len - reader->pos < 4 || (unit = hex4 (reader->text + reader->pos)) < 0)
              {
                fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A \\u escape needs four hex digits."));
                return NULL;
              }
            reader->pos += 4;
            ch = unit;

            if (unit >= 0xD800 && unit < 0xDC00)
              {
                int low;

                if (reader->len - reader->pos < 6 || reader->text[reader->pos] != '\\' ||
                    reader->text[reader->pos + 1] != 'u' ||
                    (low = hex4 (reader->text + reader->pos + 2)) < 0xDC00 || low >= 0xE000)
                  {
                    fail (reader, error, GUILD_JSON_ERROR_ENCODING,
                          _("A surrogate \\u escape is not followed by its pair."));
                    return NULL;
                  }
                reader->pos += 6;
                ch = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (unit >= 0xDC00 && unit < 0xE000)
              {
                fail (reader, error, GUILD_JSON_ERROR_ENCODING,
                      _("A surrogate \\u escape is not followed by its pair."));
                return NULL;
              }
            else if (unit == 0)
              {
                fail (reader, error, GUILD_JSON_ERROR_ENCODING,
                      _("A string must not contain the character U+0000."));
                return NULL;
              }

            g_string_append_unichar (out, ch);
          }
          break;
        default:
          reader->pos -= 1;
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("Unknown escape in a string."));
          return NULL;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GuildJsonNode *
read_number (Reader  *reader,
             GError **error)
{
  const char *start = reader->text + reader->pos;
  const char *p = start;
  const char *end = reader->text + reader->len;
  gboolean is_int = TRUE;
  g_autofree char *copy = NULL;
  GuildJsonNode *node;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    {
      fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A number is not written correctly."));
      return NULL;
    }
  if (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1]))
    {
      fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A number must not start with 0."));
      return NULL;
    }
  while (p < end && g_ascii_isdigit (*p))
    p++;
  if (p < end && *p == '.')
    {
      is_int = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          reader->pos = p - reader->text;
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A number is not written correctly."));
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      is_int = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          reader->pos = p - reader->text;
          fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A number is not written correctly."));
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p - start > 400)
    {
      fail (reader, error, GUILD_JSON_ERROR_LIMIT, _("A number is too long."));
      return NULL;
    }

  copy = g_strndup (start, p - start);
  reader->pos = p - reader->text;

  if (is_int)
    {
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (copy, NULL, 10);
      if (errno == 0)
        {
          node = node_new (GUILD_JSON_INT, reader->line);
          node->v.integer = value;
          return node;
        }
    }

  node = node_new (GUILD_JSON_DOUBLE, reader->line);
  node->v.number = g_ascii_strtod (copy, NULL);
  return node;
}

static GuildJsonNode *
read_value (Reader  *reader,
            guint    depth,
            GError **error)
{
  g_autoptr(GuildJsonNode) node = NULL;
  char c;

  skip_space (reader);
  if (reader->pos >= reader->len)
    {
      fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("The text ends where a value was expected."));
      return NULL;
    }

  c = reader->text[reader->pos];
  if (c == '{' || c == '[')
    {
      char close = c == '{' ? '}' : ']';
      gboolean object = c == '{';

      if (depth >= GUILD_JSON_MAX_DEPTH)
        {
          fail (reader, error, GUILD_JSON_ERROR_LIMIT, _("The data is nested too deeply."));
          return NULL;
        }

      node = node_new (object ? GUILD_JSON_OBJECT : GUILD_JSON_ARRAY, reader->line);
      reader->pos++;
      skip_space (reader);
      if (reader->pos < reader->len && reader->text[reader->pos] == close)
        {
          reader->pos++;
          return g_steal_pointer (&node);
        }

      while (TRUE)
        {
          GuildJsonNode *child;

          if (object)
            {
              char *key;

              skip_space (reader);
              if (reader->pos >= reader->len || reader->text[reader->pos] != '"')
                {
                  fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A key in quotes was expected."));
                  return NULL;
                }
              if (!(key = read_string (reader, error)))
                return NULL;
              g_ptr_array_add (node->keys, key);
              skip_space (reader);
              if (reader->pos >= reader->len || reader->text[reader->pos] != ':')
                {
                  fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A colon was expected."));
                  return NULL;
                }
              reader->pos++;
            }

          if (!(child = read_value (reader, depth + 1, error)))
            {
              if (object)
                g_ptr_array_set_size (node->keys, node->keys->len - 1);
              return NULL;
            }
          g_ptr_array_add (node->children, child);

          skip_space (reader);
          if (reader->pos < reader->len && reader->text[reader->pos] == ',')
            {
              reader->pos++;
              continue;
            }
          if (reader->pos < reader->len && reader->text[reader->pos] == close)
            {
              reader->pos++;
              return g_steal_pointer (&node);
            }

          fail (reader, error, GUILD_JSON_ERROR_SYNTAX,
                object ? _("A comma or } was expected.") : _("A comma or ] was expected."));
          return NULL;
        }
    }

  if (c == '"')
    {
      char *s;
      guint line = reader->line;

      if (!(s = read_string (reader, error)))
        return NULL;
      node = node_new (GUILD_JSON_STRING, line);
      node->v.string = s;
      return g_steal_pointer (&node);
    }

  if (c == '-' || g_ascii_isdigit (c))
    return read_number (reader, error);

  if (literal (reader, "true") || literal (reader, "false"))
    {
      node = node_new (GUILD_JSON_BOOL, reader->line);
      node->v.boolean = reader->text[reader->pos - 1] == 'e' && reader->text[reader->pos - 2] == 'u';
      return g_steal_pointer (&node);
    }
  if (literal (reader, "null"))
    return node_new (GUILD_JSON_NULL, reader->line);

  fail (reader, error, GUILD_JSON_ERROR_SYNTAX, _("A value was expected."));
  return NULL;
}

/**
 * guild_json_parse:
 *
 * Returns: (transfer full): the document's root, or %NULL with @error set
 *   (%GUILD_JSON_ERROR, its message naming the line and column).
 */
GuildJsonNode *
guild_json_parse (const char  *text,
                  gsize        len,
                  GError     **error)
{
  Reader reader = { text, len, 0, 1, 0 };
  const char *bad = NULL;
  GuildJsonNode *root;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (!g_utf8_validate (text, len, &bad))
    {
      reader.pos = bad - text;
      for (gsize i = 0; i < reader.pos; i++)
        if (text[i] == '\n')
          {
            reader.line++;
            reader.line_start = i + 1;
          }
      fail (&reader, error, GUILD_JSON_ERROR_ENCODING, _("The text is not valid UTF-8."));
      return NULL;
    }

  /* A byte-order mark is tolerated. */
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = reader.line_start = 3;

  root = read_value (&reader, 0, error);
  if (root == NULL)
    return NULL;

  skip_space (&reader);
  if (reader.pos < reader.len)
    {
      fail (&reader, error, GUILD_JSON_ERROR_SYNTAX, _("There is more text after the data."));
      guild_json_node_free (root);
      return NULL;
    }

  return root;
}

GuildJsonType
guild_json_node_get_type (const GuildJsonNode *node)
{
  return node != NULL ? node->type : GUILD_JSON_NULL;
}

guint
guild_json_node_get_line (const GuildJsonNode *node)
{
  return node != NULL ? node->line : 0;
}

/**
 * guild_json_node_get_bool:
 *
 * Returns: the value; %FALSE for a missing node or one of another type.
 */
gboolean
guild_json_node_get_bool (const GuildJsonNode *node)
{
  return node != NULL && node->type == GUILD_JSON_BOOL && node->v.boolean;
}

/**
 * guild_json_node_get_int:
 *
 * Returns: the integer; a whole double is accepted; 0 otherwise.
 */
gint64
guild_json_node_get_int (const GuildJsonNode *node)
{
  if (node == NULL)
    return 0;
  if (node->type == GUILD_JSON_INT)
    return node->v.integer;
  if (node->type == GUILD_JSON_DOUBLE && node->v.number >= -9.0e18 && node->v.number <= 9.0e18)
    return (gint64) node->v.number;
  return 0;
}

double
guild_json_node_get_double (const GuildJsonNode *node)
{
  if (node == NULL)
    return 0;
  if (node->type == GUILD_JSON_DOUBLE)
    return node->v.number;
  if (node->type == GUILD_JSON_INT)
    return (double) node->v.integer;
  return 0;
}

/**
 * guild_json_node_get_string:
 *
 * Returns: (nullable): the string, or %NULL when @node is not one.
 */
const char *
guild_json_node_get_string (const GuildJsonNode *node)
{
  return node != NULL && node->type == GUILD_JSON_STRING ? node->v.string : NULL;
}

guint
guild_json_node_get_length (const GuildJsonNode *node)
{
  return node != NULL && node->children != NULL ? node->children->len : 0;
}

const GuildJsonNode *
guild_json_node_get_element (const GuildJsonNode *node,
                             guint                index)
{
  if (node == NULL || node->children == NULL || index >= node->children->len)
    return NULL;

  return g_ptr_array_index (node->children, index);
}

const char *
guild_json_node_get_key (const GuildJsonNode *node,
                         guint                index)
{
  if (node == NULL || node->keys == NULL || index >= node->keys->len)
    return NULL;

  return g_ptr_array_index (node->keys, index);
}

/**
 * guild_json_object_get:
 *
 * Returns: (nullable): the member's value (the last one when a key repeats),
 *   or %NULL when @node is not an object or has no such member.
 */
const GuildJsonNode *
guild_json_object_get (const GuildJsonNode *node,
                       const char          *key)
{
  if (node == NULL || node->type != GUILD_JSON_OBJECT)
    return NULL;

  for (guint i = node->keys->len; i > 0; i--)
    if (g_str_equal (g_ptr_array_index (node->keys, i - 1), key))
      return g_ptr_array_index (node->children, i - 1);

  return NULL;
}

/**
 * guild_json_append_string:
 *
 * Appends @text as a JSON string: quoted, with `"`, `\` and control
 * characters escaped; everything else stays UTF-8.
 */
void
guild_json_append_string (GString    *out,
                          const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}
