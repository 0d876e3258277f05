/* guild-import-vcard.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-vcard"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"

/* vCard 2.1, 3.0 and 4.0 as Apple, Google, Outlook, Android, Nextcloud and
 * Thunderbird write them. The text is unfolded into logical lines (with
 * quoted-printable soft breaks and 2.1-style base64 blocks), each split into
 * group, name, parameters and value; a card collects the properties Guild
 * keeps. Anything unknown is passed over, so a strange card loses a field,
 * never the file.
 */

typedef struct
{
  guint      line;
  char      *full_name;
  char      *given;
  char      *family;
  char      *built_name;
  char      *company;
  char      *position;
  char      *role;
  char      *location;
  char      *birthday;
  char      *relationship;
  char      *connected_on;
  GPtrArray *emails;
  GPtrArray *phones;
  GPtrArray *urls;
  GPtrArray *tags;
  GString   *notes;
} Card;

typedef struct
{
  GuildImportResult *result;
  Card              *card;
  gboolean           seen_card;
  /* A property's parameters, in the line being read; kept from line to
   * line so that a line costs no allocation for them. */
  GPtrArray         *param_names;
  GPtrArray         *param_values;
} Parser;

static Card *
card_new (guint line)
{
  Card *card = g_new0 (Card, 1);

  card->line = line;
  card->emails = g_ptr_array_new_with_free_func (g_free);
  card->phones = g_ptr_array_new_with_free_func (g_free);
  card->urls = g_ptr_array_new_with_free_func (g_free);
  card->tags = g_ptr_array_new_with_free_func (g_free);
  card->notes = g_string_new (NULL);

  return card;
}

static void
card_free (Card *card)
{
  g_free (card->full_name);
  g_free (card->given);
  g_free (card->family);
  g_free (card->built_name);
  g_free (card->company);
  g_free (card->position);
  g_free (card->role);
  g_free (card->location);
  g_free (card->birthday);
  g_free (card->relationship);
  g_free (card->connected_on);
  g_ptr_array_unref (card->emails);
  g_ptr_array_unref (card->phones);
  g_ptr_array_unref (card->urls);
  g_ptr_array_unref (card->tags);
  if (card->notes != NULL)
    g_string_free (card->notes, TRUE);
  g_free (card);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Card, card_free)

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static void
replace_str (char       **slot,
                  const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

/* Section: values */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GString *
decode_quoted_printable (const char *raw)
{
  GString *out = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '=' && p[1] != '\0' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          char byte = (char) (hex_value (p[1]) << 4 | hex_value (p[2]));

          if (byte != '\0')
            g_string_append_c (out, byte);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  return out;
}

/* Quoted-printable bytes are in the CHARSET of the property (UTF-8 when
 * none is given); other values were decoded with the file. */
static char *
decode_value (const char *raw,
              gboolean    quoted_printable,
              const char *charset)
{
  g_autoptr(GString) bytes = NULL;

  if (!quoted_printable)
    return g_strdup (raw);

  bytes = decode_quoted_printable (raw);

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (charset, "windows-1251") != 0 &&
      g_ascii_strcasecmp (charset, "cp1251") != 0)
    {
      g_autofree char *converted = g_convert (bytes->str, bytes->len, "UTF-8", charset,
                                              NULL, NULL, NULL);

      if (converted != NULL && g_utf8_validate (converted, -1, NULL))
        return g_steal_pointer (&converted);
    }

  return guild_import_decode_text ((const guint8 *) bytes->str, bytes->len, NULL);
}

/* Undoes the text escapes of vCard 3.0 and 4.0 (`\n`, `\,`, `\;`, `\\`) and
 * Apple's `\:`. */
static char *
unescape (const char *text,
          gsize       len)
{
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char next = text[++i];

          out[n++] = next == 'n' || next == 'N' ? '\n' : next;
        }
      else
        out[n++] = text[i];
    }
  out[n] = '\0';

  return g_strstrip (out);
}

/* Splits a structured value at unescaped @separator and unescapes each part. */
static GPtrArray *
split_value (const char *value,
             char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = value;
  const char *p;

  for (p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == separator)
        {
          g_ptr_array_add (parts, unescape (start, p - start));
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, unescape (start, p - start));

  return parts;
}

static const char *
part (GPtrArray *parts,
      guint      index)
{
  return index < parts->len ? g_ptr_array_index (parts, index) : "";
}

/* Section: properties */

/* A property of a logical line, parsed in place: the name, the parameters
 * and the value point into the line. */
typedef struct
{
  char      *name;
  GPtrArray *param_names;   /* the parser's */
  GPtrArray *param_values;
  char      *value;
} Property;

static const char *
property_param (Property   *prop,
                const char *name)
{
  for (guint i = 0; i < prop->param_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (prop->param_names, i), name) == 0)
      return g_ptr_array_index (prop->param_values, i);

  return NULL;
}

/* @param is one parameter of the line, ended by a NUL. */
static void
add_param (Property *prop,
           char     *param)
{
  char *eq = strchr (param, '=');
  const char *name;
  char *value;

  if (eq != NULL)
    {
      *eq = '\0';
      name = g_strstrip (param);
      value = eq + 1;
    }
  else if (g_ascii_strcasecmp (param, "QUOTED-PRINTABLE") == 0 ||
           g_ascii_strcasecmp (param, "BASE64") == 0 ||
           g_ascii_strcasecmp (param, "8BIT") == 0)
    {
      /* vCard 2.1 lets the parameter's name go. */
      name = "ENCODING";
      value = param;
    }
  else
    {
      name = "TYPE";
      value = param;
    }

  if (*value == '"')
    {
      gsize n = strlen (value);

      value++;
      if (n >= 2 && value[n - 2] == '"')
        value[n - 2] = '\0';
    }

  g_ptr_array_add (prop->param_names, (gpointer) name);
  g_ptr_array_add (prop->param_values, value);
}

/* Splits `group.NAME;param=x;param:value` in place. Returns FALSE for a
 * line that is not a property. */
static gboolean
parse_property (char     *line,
                Property *prop)
{
  char *colon = NULL, *p, *start;
  char *dot;
  gboolean quoted = FALSE;

  for (p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL || colon == line)
    return FALSE;

  prop->value = colon + 1;

  quoted = FALSE;
  start = line;
  for (p = line; ; p++)
    {
      gboolean end = p == colon;

      if (!end && *p == '"')
        quoted = !quoted;
      if (end || (*p == ';' && !quoted))
        {
          *p = '\0';
          if (prop->name == NULL)
            prop->name = start;
          else if (p > start)
            add_param (prop, start);
          start = p + 1;
        }
      if (end)
        break;
    }

  for (p = prop->name; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);

  /* Drop the group (item1.URL): every group's property is kept alike. */
  dot = strrchr (prop->name, '.');
  if (dot != NULL)
    prop->name = dot + 1;

  g_strstrip (prop->name);
  return prop->name[0] != '\0';
}

static gboolean
is_base64 (Property *prop)
{
  const char *encoding = property_param (prop, "ENCODING");

  return encoding != NULL &&
         (g_ascii_strcasecmp (encoding, "B") == 0 || g_ascii_strcasecmp (encoding, "BASE64") == 0);
}

static void
set_once (char       **slot,
          const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strdup (value);
}

/* set_once() that keeps *@value (and leaves it %NULL) rather than a copy. */
static void
take_once (char **slot,
           char **value)
{
  if (*slot == NULL && *value != NULL && **value != '\0')
    *slot = g_steal_pointer (value);
}

static void
add_url (Card       *card,
         const char *value)
{
  g_autofree char *url = _guild_import_canonical_url (value);

  if (*url != '\0')
    _guild_strv_add_unique (card->urls, url, FALSE);
}

static void
apply_property (Parser   *parser,
                Property *prop,
                guint     line)
{
  Card *card = parser->card;
  const char *encoding = property_param (prop, "ENCODING");
  gboolean qp = encoding != NULL && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0;
  g_autofree char *decoded = NULL;
  const char *value;
  const char *name = prop->name;

  /* Photos, logos, keys and sounds are binary; Guild keeps none of them. */
  if (is_base64 (prop) || g_str_equal (name, "PHOTO") || g_str_equal (name, "LOGO") ||
      g_str_equal (name, "KEY") || g_str_equal (name, "SOUND"))
    return;

  /* The line is the parser's to change: only an encoded value is copied. */
  if (qp)
    value = decoded = decode_value (prop->value, qp, property_param (prop, "CHARSET"));
  else
    value = prop->value;

  if (g_str_equal (name, "FN"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      take_once (&card->full_name, &text);
    }
  else if (g_str_equal (name, "N"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ';');

      set_once (&card->family, part (parts, 0));
      set_once (&card->given, part (parts, 1));
      if (card->built_name == NULL)
        {
          char *built = _guild_import_join_name (part (parts, 3), part (parts, 1), part (parts, 2),
                                                 part (parts, 0), part (parts, 4), NULL);

          if (*built != '\0')
            card->built_name = built;
          else
            g_free (built);
        }
    }
  else if (g_str_equal (name, "ORG"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ';');

      set_once (&card->company, part (parts, 0));
    }
  else if (g_str_equal (name, "TITLE"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      take_once (&card->position, &text);
    }
  else if (g_str_equal (name, "ROLE"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      take_once (&card->role, &text);
    }
  else if (g_str_equal (name, "EMAIL"))
    {
      g_autofree char *text = unescape (value, strlen (value));
      const char *address = text;

      if (g_ascii_strncasecmp (address, "mailto:", 7) == 0)
        address += 7;
      _guild_strv_add_unique (card->emails, address, TRUE);
    }
  else if (g_str_equal (name, "TEL"))
    {
      g_autofree char *text = unescape (value, strlen (value));
      const char *number = text;

      if (g_ascii_strncasecmp (number, "tel:", 4) == 0)
        number += 4;
      _guild_strv_add_unique (card->phones, number, FALSE);
    }
  else if (g_str_equal (name, "URL"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      add_url (card, text);
    }
  else if (g_str_equal (name, "X-SOCIALPROFILE"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      /* Apple writes a profile as a web address, or as "x-apple:user" with
       * nothing to open; only the addresses are kept. */
      if (_guild_import_looks_like_url (text))
        add_url (card, text);
    }
  /* Guild's own exports keep what vCard has no property for. */
  else if (g_str_equal (name, "X-GUILD-RELATIONSHIP"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      if (guild_vocab_contains (GUILD_VOCAB_RELATIONSHIP, text))
        replace_str (&card->relationship, text);
    }
  else if (g_str_equal (name, "X-GUILD-CONNECTED-ON"))
    {
      g_autofree char *text = unescape (value, strlen (value));
      g_autofree char *day = NULL;

      /* Written like BDAY (20240229), or as 2024-02-29. */
      if (guild_import_parse_day (text, FALSE, &day))
        replace_str (&card->connected_on, day);
    }
  else if (g_str_equal (name, "CATEGORIES"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ',');

      for (guint i = 0; i < parts->len; i++)
        _guild_strv_add_unique (card->tags, g_ptr_array_index (parts, i), FALSE);
    }
  else if (g_str_equal (name, "BDAY"))
    {
      g_autofree char *text = unescape (value, strlen (value));
      g_autofree char *day = NULL;

      if (card->birthday != NULL || *text == '\0')
        return;
      if (guild_import_parse_day (text, TRUE, &day))
        card->birthday = g_steal_pointer (&day);
      else
        {
          g_autofree char *message =
            /* Translators: %s is a birthday as written in the imported file. */
            g_strdup_printf (_("Unreadable date “%s”; the contact was imported without it"),
                             text);

          guild_import_result_warn (parser->result, line, message);
        }
    }
  else if (g_str_equal (name, "NOTE"))
    {
      g_autofree char *text = unescape (value, strlen (value));

      if (*text != '\0')
        {
          if (card->notes->len > 0)
            g_string_append_c (card->notes, '\n');
          if (card->notes->len + strlen (text) < GUILD_IMPORT_MAX_VALUE)
            g_string_append (card->notes, text);
        }
    }
  else if (g_str_equal (name, "ADR"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ';');

      /* The town says where someone is; the street is not needed. */
      set_once (&card->location, part (parts, 3));
      set_once (&card->location, part (parts, 4));
      set_once (&card->location, part (parts, 6));
    }
}

/* Section: cards */

static void
finish_card (Parser *parser)
{
  g_autoptr(Card) card = g_steal_pointer (&parser->card);
  const char *name;
  char **name_slot, **position_slot;
  GuildRecord *record;

  name = card->full_name != NULL ? card->full_name : card->built_name;
  if (name == NULL || *name == '\0')
    {
      guild_import_result_skip (parser->result, card->line, _("No name"));
      return;
    }

  /* The card goes away: its texts and lists move into the contact. */
  name_slot = card->full_name != NULL ? &card->full_name : &card->built_name;
  position_slot = card->position != NULL ? &card->position : &card->role;
  record = guild_record_new_for_kind (GUILD_RECORD_CONTACT);
  _guild_record_take_text (record, "full-name",
                           g_steal_pointer (name_slot));
  _guild_record_take_text (record, "given-name", g_steal_pointer (&card->given));
  _guild_record_take_text (record, "family-name", g_steal_pointer (&card->family));
  _guild_record_take_text (record, "company", g_steal_pointer (&card->company));
  _guild_record_take_text (record, "position", g_steal_pointer (position_slot));
  _guild_record_take_text (record, "location", g_steal_pointer (&card->location));
  _guild_record_take_text (record, "birthday", g_steal_pointer (&card->birthday));
  if (card->relationship != NULL)
    _guild_record_take_text (record, "relationship", g_steal_pointer (&card->relationship));
  if (card->connected_on != NULL)
    _guild_record_take_text (record, "connected-on", g_steal_pointer (&card->connected_on));
  _guild_record_take_text (record, "notes", _guild_import_steal_text (g_steal_pointer (&card->notes)));
  _guild_record_take_list (record, "emails", card->emails);
  _guild_record_take_list (record, "phones", card->phones);
  _guild_record_take_list (record, "urls", card->urls);
  _guild_record_take_list (record, "tags", card->tags);

  guild_import_result_add (parser->result, record, card->line, 0);
}

static void
handle_line (Parser *parser,
             char   *line,
             guint   line_number)
{
  Property prop = { 0 };

  g_ptr_array_set_size (parser->param_names, 0);
  g_ptr_array_set_size (parser->param_values, 0);
  prop.param_names = parser->param_names;
  prop.param_values = parser->param_values;
  if (!parse_property (line, &prop))
    return;

  if (g_str_equal (prop.name, "BEGIN") &&
      g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") == 0)
    {
      if (parser->card != NULL)
        {
          guild_import_result_skip (parser->result, parser->card->line,
                                    _("The card is not complete (no END:VCARD)"));
          g_clear_pointer (&parser->card, card_free);
        }
      parser->card = card_new (line_number);
      parser->seen_card = TRUE;
    }
  else if (g_str_equal (prop.name, "END") &&
           g_ascii_strcasecmp (g_strstrip (prop.value), "VCARD") == 0)
    {
      if (parser->card != NULL)
        finish_card (parser);
    }
  else if (parser->card != NULL)
    apply_property (parser, &prop, line_number);
}

/* Whether the part of @line before its first colon holds @word (upper
 * case), ignoring case. Runs for every line: it allocates nothing. */
static gboolean
head_has (const char *line,
          const char *word)
{
  const char *colon = strchr (line, ':');
  gsize n = strlen (word);

  if (colon == NULL)
    return FALSE;

  for (const char *p = line; p + n <= colon; p++)
    if (g_ascii_strncasecmp (p, word, n) == 0)
      return TRUE;

  return FALSE;
}

/* Section: reading, in one piece or in many */

struct _GuildVcardReader
{
  Parser   parser;
  GString *logical;
  guint    logical_line;
  guint    line_number;
  guint    n_lines;
  gboolean have_logical;
  gboolean qp;
  gboolean base64;
};

GuildVcardReader *
_guild_vcard_reader_new (const char *file_name)
{
  GuildVcardReader *reader = g_new0 (GuildVcardReader, 1);

  reader->parser.result = guild_import_result_new (GUILD_IMPORT_FORMAT_VCARD, file_name);
  reader->parser.param_names = g_ptr_array_new ();
  reader->parser.param_values = g_ptr_array_new ();
  reader->logical = g_string_new (NULL);

  return reader;
}

void
_guild_vcard_reader_free (GuildVcardReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->parser.card, card_free);
  g_clear_pointer (&reader->parser.result, guild_import_result_free);
  g_ptr_array_unref (reader->parser.param_names);
  g_ptr_array_unref (reader->parser.param_values);
  g_string_free (reader->logical, TRUE);
  g_free (reader);
}

GuildImportResult *
_guild_vcard_reader_peek (GuildVcardReader *reader)
{
  return reader->parser.result;
}

/* Hands over what was read so far and starts an empty result. */
GuildImportResult *
_guild_vcard_reader_take (GuildVcardReader *reader)
{
  GuildImportResult *result = reader->parser.result;

  reader->parser.result = guild_import_result_new (result->format, result->file_name);
  return result;
}

/**
 * _guild_vcard_reader_feed:
 * @text: decoded text that ends with a line break, unless @last
 * @last: whether @text is the end of the file
 *
 * Reads the lines of @text; a logical line folded over the end of @text is
 * finished by the next call. Giving a file in pieces that end with line
 * breaks reads exactly what giving it whole does, line numbers included.
 *
 * Returns: %FALSE when cancelled.
 */
gboolean
_guild_vcard_reader_feed (GuildVcardReader *reader,
                          const char       *text,
                          gsize             len,
                          gboolean          last,
                          GCancellable     *cancellable)
{
  Parser *parser = &reader->parser;
  GString *logical = reader->logical;
  gsize pos = 0;

  while (pos <= len)
    {
      gsize end = pos;
      const char *line;
      gsize line_len;
      gboolean at_end = pos == len;

      /* The end of a piece that is not the end of the file: the next piece
       * goes on from here. */
      if (at_end && !last)
        break;

      while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
      line = text + pos;
      line_len = end - pos;
      reader->line_number++;

      if ((++reader->n_lines & 0xfff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      if (reader->have_logical && !at_end && line_len > 0 && (line[0] == ' ' || line[0] == '\t'))
        {
          /* A folded line continues the one before. */
          if (!reader->base64 && logical->len < 2 * GUILD_IMPORT_MAX_VALUE)
            g_string_append_len (logical, line + 1, line_len - 1);
        }
      else if (reader->have_logical && !at_end && reader->qp && logical->len > 0 &&
               logical->str[logical->len - 1] == '=')
        {
          /* A quoted-printable soft line break. */
          g_string_truncate (logical, logical->len - 1);
          if (logical->len < 2 * GUILD_IMPORT_MAX_VALUE)
            g_string_append_len (logical, line, line_len);
        }
      else if (reader->have_logical && !at_end && reader->base64 && line_len > 0 &&
               memchr (line, ':', line_len) == NULL)
        {
          /* vCard 2.1 base64 runs on unfolded lines up to a blank one. */
        }
      else
        {
          if (reader->have_logical)
            handle_line (parser, logical->str, reader->logical_line);

          g_string_truncate (logical, 0);
          reader->have_logical = FALSE;
          if (!at_end && line_len > 0)
            {
              g_string_append_len (logical, line, MIN (line_len, 2 * GUILD_IMPORT_MAX_VALUE));
              reader->logical_line = reader->line_number;
              reader->have_logical = TRUE;
              reader->qp = head_has (logical->str, "QUOTED-PRINTABLE");
              reader->base64 = head_has (logical->str, "BASE64") ||
                               head_has (logical->str, "ENCODING=B");
            }
        }

      if (at_end)
        break;

      if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
        end++;
      pos = end + 1;
      if (end >= len)
        pos = len;
    }

  return TRUE;
}

/* After the last piece: what is left open is reported. */
void
_guild_vcard_reader_finish (GuildVcardReader *reader)
{
  Parser *parser = &reader->parser;

  if (parser->card != NULL)
    {
      guild_import_result_skip (parser->result, parser->card->line,
                                _("The card is not complete (no END:VCARD)"));
      g_clear_pointer (&parser->card, card_free);
    }

  if (!parser->seen_card)
    guild_import_result_skip (parser->result, 1, _("Not a vCard"));
}

/**
 * guild_import_parse_vcard:
 * @text: decoded UTF-8 text
 *
 * Returns: (transfer full): the contacts of every card, and the cards left
 *   out with their first line.
 */
GuildImportResult *
guild_import_parse_vcard (const char   *text,
                          gsize         len,
                          const char   *file_name,
                          GCancellable *cancellable)
{
  GuildVcardReader *reader;
  GuildImportResult *result;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  reader = _guild_vcard_reader_new (file_name);
  /* Cancelled, what was read so far is returned as before. */
  _guild_vcard_reader_feed (reader, text, len, TRUE, cancellable);
  _guild_vcard_reader_finish (reader);
  result = _guild_vcard_reader_take (reader);
  _guild_vcard_reader_free (reader);

  return result;
}
