/* guild-platform.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-platform"

#include "config.h"

#include <string.h>

#include "guild-platform.h"

/* What a web address dropped on the window says about the community behind
 * it. Pure functions over strings, so that the tests check them without a
 * display. */

/* The host of an http(s) address, lower case and without "www.", and the
 * path (starting with "/", maybe empty), or FALSE for anything else. */
static gboolean
split_url (const char  *url,
           char       **host,
           char       **path)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *uri_host;
  g_autofree char *lower = NULL;

  if (url == NULL)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  uri_host = g_uri_get_host (uri);
  if (scheme == NULL || uri_host == NULL || *uri_host == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return FALSE;

  lower = g_ascii_strdown (uri_host, -1);
  if (g_str_has_prefix (lower, "www."))
    *host = g_strdup (lower + strlen ("www."));
  else
    *host = g_steal_pointer (&lower);
  *path = g_ascii_strdown (g_uri_get_path (uri), -1);

  return TRUE;
}

/* Whether @host is @domain or one of its subdomains (m.vk.com, groups.xing.com). */
static gboolean
host_is (const char *host,
         const char *domain)
{
  gsize host_len = strlen (host);
  gsize domain_len = strlen (domain);

  if (host_len == domain_len)
    return strcmp (host, domain) == 0;

  return host_len > domain_len &&
         host[host_len - domain_len - 1] == '.' &&
         strcmp (host + host_len - domain_len, domain) == 0;
}

/**
 * guild_is_web_address:
 * @text: (nullable): text, such as what a browser drops
 *
 * Returns: whether @text is one http or https address, give or take the
 *   white space around it
 */
gboolean
guild_is_web_address (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (strpbrk (stripped, " \t\r\n") != NULL)
    return FALSE;

  return split_url (stripped, &host, &path);
}

/**
 * guild_guess_platform:
 * @url: (nullable): a web address
 *
 * Guesses the platform a community lives on from its address.
 *
 * Returns: an identifier of the platform vocabulary; "other" when the host
 *   says nothing, or @url is no web address
 */
const char *
guild_guess_platform (const char *url)
{
  static const struct {
    const char *domain;
    const char *path_prefix;
    const char *platform;
  } rules[] = {
    { "linkedin.com", "/groups", "linkedin" },
    { "discord.gg", NULL, "discord" },
    { "discord.com", NULL, "discord" },
    { "discordapp.com", NULL, "discord" },
    { "t.me", NULL, "telegram" },
    { "telegram.me", NULL, "telegram" },
    { "meetup.com", NULL, "meetup" },
    { "reddit.com", "/r/", "reddit" },
    { "slack.com", NULL, "slack" },
    { "github.com", NULL, "github" },
    { "habr.com", NULL, "habr" },
    { "vk.com", NULL, "vk" },
    { "stackoverflow.com", NULL, "stack_overflow" },
    { "behance.net", NULL, "behance" },
    { "dribbble.com", NULL, "dribbble" },
    { "medium.com", NULL, "medium" },
    { "researchgate.net", NULL, "researchgate" },
    { "xing.com", NULL, "xing" },
    { "facebook.com", "/groups", "facebook" },
  };
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;

  if (!split_url (url, &host, &path))
    return "other";

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (!host_is (host, rules[i].domain))
        continue;
      if (rules[i].path_prefix != NULL && !g_str_has_prefix (path, rules[i].path_prefix))
        continue;
      return rules[i].platform;
    }

  return "other";
}

/**
 * guild_guess_community_name:
 * @url: a web address
 *
 * A name for a new community from its address: the last part of the path,
 * with dashes and underscores as spaces ("https://www.meetup.com/gnome-berlin/"
 * gives "gnome berlin"), or the host when the path is empty.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL when @url is no
 *   web address
 */
char *
guild_guess_community_name (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;
  const char *last = NULL;

  if (!split_url (url, &host, &path))
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri != NULL)
    {
      parts = g_strsplit (g_uri_get_path (uri), "/", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          last = parts[i];
    }

  if (last != NULL && g_utf8_validate (last, -1, NULL))
    {
      g_autofree char *name = g_strdup (last);

      g_strdelimit (name, "-_+", ' ');
      g_strstrip (name);
      if (*name != '\0')
        return g_steal_pointer (&name);
    }

  return g_steal_pointer (&host);
}
