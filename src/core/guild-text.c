/* guild-text.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-text"

#include "config.h"

#include <string.h>

#include "guild-record.h"
#include "guild-text.h"

/* Section: folding */

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

/* What the general path below gives for ASCII text, without its three
 * copies: most names, addresses and companies are plain ASCII. */
static char *
fold_ascii (const char *text)
{
  char *out = g_malloc (strlen (text) + 1);
  char *q = out;
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = q != out;
          continue;
        }

      if (space)
        *q++ = ' ';
      space = FALSE;
      *q++ = g_ascii_tolower (*p);
    }
  *q = '\0';

  return out;
}

/**
 * guild_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for matching: case folded (`Ольга` and `ОЛЬГА` both become
 * `ольга`, `ß` becomes `ss`), compatibility-decomposed with the combining
 * marks dropped (`José` becomes `jose`, `Ёлка` becomes `елка`), and every run
 * of white space turned into one space, with none at either end.
 *
 * SQLite's `lower()` and `LIKE` fold only ASCII, so searches fold in C.
 *
 * Returns: (transfer full): the folded text ("" for %NULL or invalid UTF-8)
 */
char *
guild_text_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  if (is_ascii (text))
    return fold_ascii (text);

  /* Case folding first: it can produce decomposable characters (İ becomes
   * i with a combining dot), which the decomposition then splits. */
  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (g_unichar_isspace (c))
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
 * guild_text_matches:
 * @folded_haystack: text folded with guild_text_fold()
 * @folded_needle: what the user typed, folded with guild_text_fold()
 *
 * Whether the needle is found in the haystack: as a whole, or word by word
 * in any order (`anna google` finds "Anna … Google"). An empty needle matches
 * everything.
 */
gboolean
guild_text_matches (const char *folded_haystack,
                    const char *folded_needle)
{
  const char *word;

  g_return_val_if_fail (folded_haystack != NULL, FALSE);
  g_return_val_if_fail (folded_needle != NULL, FALSE);

  if (*folded_needle == '\0' || strstr (folded_haystack, folded_needle) != NULL)
    return TRUE;

  /* Word by word, without copying: this runs once per row per keystroke. */
  word = folded_needle;
  while (*word != '\0')
    {
      const char *end = strchr (word, ' ');
      gsize len = end != NULL ? (gsize) (end - word) : strlen (word);
      const char *p = folded_haystack;
      gboolean found = FALSE;

      if (len > 0)
        {
          while ((p = strchr (p, word[0])) != NULL)
            {
              if (strncmp (p, word, len) == 0)
                {
                  found = TRUE;
                  break;
                }
              p++;
            }
          if (!found)
            return FALSE;
        }

      if (end == NULL)
        break;
      word = end + 1;
    }

  return TRUE;
}

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;

  folded = guild_text_fold (text);
  if (*folded == '\0')
    return;

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, folded);
}

/**
 * guild_contact_search_text:
 * @contact: a #GuildContact
 *
 * The one folded string the contacts search looks in: the full name,
 * company, position, e-mails, notes, tags and location.
 *
 * Returns: (transfer full): the folded text
 */
char *
guild_contact_search_text (GuildRecord *contact)
{
  static const char * const texts[] = { "full-name", "company", "position" };
  static const char * const lists[] = { "emails", "tags" };
  GString *out;

  g_return_val_if_fail (GUILD_IS_RECORD (contact), NULL);
  g_return_val_if_fail (guild_record_get_kind (contact) == GUILD_RECORD_CONTACT, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    append_folded (out, guild_record_get_text (contact, texts[i]));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char * const *values = guild_record_get_strv (contact, lists[i]);

      for (guint j = 0; values != NULL && values[j] != NULL; j++)
        append_folded (out, values[j]);
    }
  append_folded (out, guild_record_get_text (contact, "notes"));
  append_folded (out, guild_record_get_text (contact, "location"));

  return g_string_free (out, FALSE);
}

/* Section: profile addresses */

static gboolean
is_linkedin_host (const char *host)
{
  /* linkedin.com, www.linkedin.com, and the country hosts (uk.linkedin.com). */
  return g_str_equal (host, "linkedin.com") || g_str_has_suffix (host, ".linkedin.com");
}

/**
 * guild_profile_url_normalize:
 * @url: a web address as the user or an import wrote it
 *
 * A key under which two addresses of the same profile are equal: without
 * the scheme, `www.`, fragment or trailing slashes, the host in lower case;
 * a LinkedIn profile becomes `linkedin.com/in/NAME` (NAME unescaped and
 * folded, whatever the country host, query or sub-page).
 *
 * Returns: (transfer full): the key, "" when there is nothing to compare
 */
char *
guild_profile_url_normalize (const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  const char *rest;
  const char *slash;
  char *hash;
  gsize len;

  if (url == NULL)
    return g_strdup ("");

  trimmed = g_strstrip (g_strdup (url));
  rest = trimmed;
  if (g_ascii_strncasecmp (rest, "https://", 8) == 0)
    rest += 8;
  else if (g_ascii_strncasecmp (rest, "http://", 7) == 0)
    rest += 7;
  else if (g_str_has_prefix (rest, "//"))
    rest += 2;

  if ((hash = strchr (rest, '#')) != NULL)
    *hash = '\0';

  slash = strpbrk (rest, "/?");
  host = g_ascii_strdown (rest, slash != NULL ? slash - rest : -1);
  rest = slash != NULL ? slash : "";

  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);
  /* A port or user name never tells two profiles apart. */
  if (strchr (host, ':') != NULL)
    *strchr (host, ':') = '\0';
  if (*host == '\0')
    return g_strdup ("");

  if (is_linkedin_host (host) && g_str_has_prefix (rest, "/in/"))
    {
      const char *name = rest + 4;
      g_autofree char *raw = g_strndup (name, strcspn (name, "/?"));
      g_autofree char *unescaped = g_uri_unescape_string (raw, NULL);
      g_autofree char *folded = guild_text_fold (unescaped != NULL ? unescaped : raw);

      if (*folded == '\0')
        return g_strdup ("");
      return g_strconcat ("linkedin.com/in/", folded, NULL);
    }

  len = strlen (rest);
  while (len > 0 && rest[len - 1] == '/')
    len--;

  return g_strdup_printf ("%s%.*s", host, (int) len, rest);
}
