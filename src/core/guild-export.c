/* guild-export.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-export"

#include "config.h"

#include <string.h>
#include <libical/ical.h>

#include "guild-export.h"
#include "guild-recurrence.h"
#include "import/guild-import-private.h"

/* Writes contacts as vCard 4.0, events as iCalendar and contacts, events or
 * activities as CSV. Output is deterministic: records in the order of their
 * ids, and nothing taken from the clock, so the same database always gives
 * the same bytes. The vCard and iCalendar files are made to be read back by
 * Guild's own importers with nothing lost; fields those formats have no
 * property for go into X-GUILD- properties, which other programs keep or
 * ignore.
 */

#define FOLD_OCTETS 75

/* A namespace for the contacts' UIDs, so that they are stable for a given
 * database without being guessable from another program's numbering. */
#define CONTACT_UID_NAMESPACE "6f1c9a52-3b0e-4d57-9a34-7c2e5b8d1f60"

/* Section: helpers */

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  gint64 id_a = guild_record_get_id (*(GuildRecord **) a);
  gint64 id_b = guild_record_get_id (*(GuildRecord **) b);

  return id_a < id_b ? -1 : id_a > id_b;
}

static GPtrArray *
list_sorted (GuildStore       *store,
             GuildRecordKind   kind,
             GCancellable     *cancellable,
             GError          **error)
{
  GPtrArray *records = guild_store_list (store, kind, cancellable, error);

  if (records != NULL)
    g_ptr_array_sort (records, compare_by_id);
  return records;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* id → record (borrowed from @records). */
static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      GuildRecord *record = g_ptr_array_index (records, i);
      gint64 id = guild_record_get_id (record);

      g_hash_table_insert (index, g_memdup2 (&id, sizeof id), record);
    }
  return index;
}

static GuildRecord *
lookup (GHashTable *index,
        gint64      id)
{
  return id != 0 ? g_hash_table_lookup (index, &id) : NULL;
}

/**
 * _guild_export_append_folded:
 *
 * Appends one content line, folded as RFC 5545 and RFC 6350 ask: no line is
 * longer than 75 octets without its CRLF, continuation lines start with a
 * space, and a fold never falls inside a UTF-8 sequence.
 */
void
_guild_export_append_folded (GString    *out,
                             const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize room = FOLD_OCTETS;

  while (len - pos > room)
    {
      gsize cut = pos + room;

      /* Back off to the first byte of a character. */
      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      room = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, len - pos);
  g_string_append (out, "\r\n");
}

/* The TEXT escapes shared by vCard and iCalendar. */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;
        case ',':
          g_string_append (line, "\\,");
          break;
        case ';':
          g_string_append (line, "\\;");
          break;
        case '\n':
          g_string_append (line, "\\n");
          break;
        case '\r':
          if (p[1] != '\n')
            g_string_append (line, "\\n");
          break;
        default:
          g_string_append_c (line, *p);
          break;
        }
    }
}

/* Appends `NAME:value` with @value escaped, unless @value is empty. */
static void
add_text (GString    *out,
          const char *name,
          const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;

  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  _guild_export_append_folded (out, line->str);
}

/* Appends `NAME:value` as it is: for URIs, rules and dates. Line breaks
 * cannot be in such a value, so they become spaces. */
static void
add_raw (GString    *out,
         const char *name,
         const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;

  line = g_strconcat (name, ":", value, NULL);
  g_strdelimit (line, "\r\n", ' ');
  _guild_export_append_folded (out, line);
}

/* Section: vCard */

static char *
contact_uid (GuildRecord *contact)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *key = g_strdup_printf ("contact:%" G_GINT64_FORMAT,
                                          guild_record_get_id (contact));
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) CONTACT_UID_NAMESPACE, -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  /* A name-based (version 5) UUID, as RFC 4122 makes them. */
  digest[6] = (digest[6] & 0x0F) | 0x50;
  digest[8] = (digest[8] & 0x3F) | 0x80;

  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* `1985-09-23` → `19850923`; `--09-23` → `--0923`. */
static char *
vcard_date (const char *day)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_str_has_prefix (day, "--"))
    {
      g_string_append (out, "--");
      day += 2;
    }
  for (const char *p = day; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (out, *p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
write_card (GString     *out,
            GuildRecord *contact)
{
  const char *given = guild_record_get_text (contact, "given-name");
  const char *family = guild_record_get_text (contact, "family-name");
  const char *company = guild_record_get_text (contact, "company");
  const char *location = guild_record_get_text (contact, "location");
  const char *birthday = guild_record_get_text (contact, "birthday");
  const char *connected_on = guild_record_get_text (contact, "connected-on");
  const char * const *tags = guild_record_get_strv (contact, "tags");
  const char * const *list;
  g_autofree char *uid = contact_uid (contact);
  g_autoptr(GString) line = NULL;

  _guild_export_append_folded (out, "BEGIN:VCARD");
  _guild_export_append_folded (out, "VERSION:4.0");
  add_raw (out, "UID", uid);
  add_text (out, "FN", guild_record_get_text (contact, "full-name"));

  line = g_string_new ("N:");
  append_escaped (line, family);
  g_string_append_c (line, ';');
  append_escaped (line, given);
  g_string_append (line, ";;;");
  _guild_export_append_folded (out, line->str);

  add_text (out, "ORG", company);
  add_text (out, "TITLE", guild_record_get_text (contact, "position"));

  list = guild_record_get_strv (contact, "emails");
  for (guint i = 0; list[i] != NULL; i++)
    add_text (out, "EMAIL", list[i]);
  list = guild_record_get_strv (contact, "phones");
  for (guint i = 0; list[i] != NULL; i++)
    add_text (out, "TEL", list[i]);
  list = guild_record_get_strv (contact, "urls");
  for (guint i = 0; list[i] != NULL; i++)
    add_raw (out, "URL", list[i]);

  if (*location != '\0')
    {
      g_string_assign (line, "ADR;TYPE=work:;;;");
      append_escaped (line, location);
      g_string_append (line, ";;;");
      _guild_export_append_folded (out, line->str);
    }

  if (*birthday != '\0')
    {
      g_autofree char *date = vcard_date (birthday);

      add_raw (out, "BDAY", date);
    }

  if (tags[0] != NULL)
    {
      g_string_assign (line, "CATEGORIES:");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          append_escaped (line, tags[i]);
        }
      _guild_export_append_folded (out, line->str);
    }

  add_text (out, "NOTE", guild_record_get_text (contact, "notes"));
  add_text (out, "X-GUILD-RELATIONSHIP", guild_record_get_text (contact, "relationship"));
  if (*connected_on != '\0')
    {
      g_autofree char *date = vcard_date (connected_on);

      add_raw (out, "X-GUILD-CONNECTED-ON", date);
    }
  _guild_export_append_folded (out, "END:VCARD");
}

/**
 * guild_export_vcard:
 * @out: where the cards are appended
 *
 * Writes every contact of @store as a vCard 4.0 card.
 */
gboolean
guild_export_vcard (GuildStore    *store,
                    GString       *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return guild_export_vcard_selection (store, NULL, out, NULL, cancellable, error);
}

/**
 * guild_export_vcard_selection:
 * @ids: (nullable) (element-type gint64): the contacts to write; %NULL for all
 * @out: where the cards are appended
 * @n_written: (out) (optional): how many cards were written
 *
 * Writes the contacts of @store whose ids are in @ids (in id order; ids of
 * contacts that no longer exist are passed over) as vCard 4.0 cards.
 */
gboolean
guild_export_vcard_selection (GuildStore    *store,
                              GArray        *ids,
                              GString       *out,
                              guint         *n_written,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  guint n = 0;

  g_return_val_if_fail (GUILD_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  contacts = list_sorted (store, GUILD_RECORD_CONTACT, cancellable, error);
  if (contacts == NULL)
    return FALSE;

  if (ids != NULL)
    {
      wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (wanted, &g_array_index (ids, gint64, i));
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      GuildRecord *contact = g_ptr_array_index (contacts, i);
      gint64 id = guild_record_get_id (contact);

      if (wanted != NULL && !g_hash_table_contains (wanted, &id))
        continue;
      write_card (out, contact);
      n++;
    }

  if (n_written != NULL)
    *n_written = n;

  return TRUE;
}

/* Section: iCalendar */

static char *
utc_stamp (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y%m%dT%H%M%SZ") : g_strdup ("");
}

static char *
utc_date (gint64 seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  return dt != NULL ? g_date_time_format (dt, "%Y%m%d") : g_strdup ("");
}

static icaltimezone *
find_zone (const char *tzid)
{
  if (tzid == NULL || *tzid == '\0')
    return NULL;
  return icaltimezone_get_builtin_timezone (tzid);
}

/* Writes a start or an end: a day, a wall-clock time in @zone, or UTC. */
static void
add_time (GString      *out,
          const char   *name,
          gint64        seconds,
          gboolean      all_day,
          const char   *tzid,
          icaltimezone *zone)
{
  g_autofree char *line = NULL;

  if (all_day)
    {
      g_autofree char *date = utc_date (seconds);

      line = g_strdup_printf ("%s;VALUE=DATE:%s", name, date);
    }
  else if (zone != NULL)
    {
      struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) seconds, 0, zone);

      line = g_strdup_printf ("%s;TZID=%s:%04d%02d%02dT%02d%02d%02d", name, tzid,
                              t.year, t.month, t.day, t.hour, t.minute, t.second);
    }
  else
    {
      g_autofree char *stamp = utc_stamp (seconds);

      line = g_strdup_printf ("%s:%s", name, stamp);
    }

  _guild_export_append_folded (out, line);
}

/* Guild keeps exceptions as `YYYY-MM-DD` (all-day events) or UTC instants. */
static void
add_exdate (GString    *out,
            const char *exdate)
{
  g_autofree char *line = NULL;
  gint64 when = 0;

  if (strlen (exdate) == 10)
    {
      g_autofree char *compact = vcard_date (exdate);

      line = g_strconcat ("EXDATE;VALUE=DATE:", compact, NULL);
    }
  else if (guild_instant_parse (exdate, &when) || guild_import_parse_instant (exdate, &when))
    {
      g_autofree char *stamp = utc_stamp (when);

      line = g_strconcat ("EXDATE:", stamp, NULL);
    }
  else
    return;

  _guild_export_append_folded (out, line);
}

static const char *
ical_status (const char *status)
{
  if (g_str_equal (status, "cancelled"))
    return "CANCELLED";
  if (g_str_equal (status, "planned"))
    return "TENTATIVE";
  return "CONFIRMED";
}

static void
write_event (GString     *out,
             GuildRecord *event)
{
  const char *tzid = guild_record_get_text (event, "tzid");
  const char *status = guild_record_get_text (event, "status");
  const char * const *exdates = guild_record_get_strv (event, "exdates");
  gboolean all_day = guild_record_get_int (event, "all-day") != 0;
  gint64 starts = guild_record_get_int (event, "starts-at");
  gint64 ends = guild_record_get_int (event, "ends-at");
  gint64 updated = guild_record_get_updated_at (event);
  icaltimezone *zone = all_day ? NULL : find_zone (tzid);
  g_autofree char *stamp = utc_stamp (updated > 0 ? updated : starts);

  _guild_export_append_folded (out, "BEGIN:VEVENT");
  add_text (out, "UID", guild_record_get_text (event, "uid"));
  add_raw (out, "DTSTAMP", stamp);
  add_time (out, "DTSTART", starts, all_day, tzid, zone);

  if (all_day)
    {
      /* The end of a day-long event is the day after its last one. */
      gint64 day = 24 * 60 * 60;
      gint64 end_day = ends > starts ? ends + (day - ((ends % day) + day) % day) % day
                                   : starts + day;

      add_time (out, "DTEND", end_day, TRUE, tzid, NULL);
    }
  else if (ends >= starts && ends != 0)
    add_time (out, "DTEND", ends, FALSE, tzid, zone);

  add_raw (out, "RRULE", guild_record_get_text (event, "rrule"));
  for (guint i = 0; exdates[i] != NULL; i++)
    add_exdate (out, exdates[i]);

  add_text (out, "SUMMARY", guild_record_get_text (event, "title"));
  add_raw (out, "STATUS", ical_status (status));
  add_text (out, "LOCATION", guild_record_get_text (event, "location"));
  add_raw (out, "URL", guild_record_get_text (event, "url"));
  add_text (out, "DESCRIPTION", guild_record_get_text (event, "notes"));
  add_text (out, "X-GUILD-KIND", guild_record_get_text (event, "kind"));
  add_text (out, "X-GUILD-STATUS", status);
  _guild_export_append_folded (out, "END:VEVENT");
}

/* libical's built-in zones carry a long TZID of their own; the file names
 * them as the events do, so that any reader finds them. */
static void
write_timezone (GString    *out,
                const char *tzid)
{
  icaltimezone *zone = find_zone (tzid);
  icalcomponent *comp;
  icalproperty *prop;
  g_auto(GStrv) lines = NULL;
  char *text;

  if (zone == NULL || (comp = icaltimezone_get_component (zone)) == NULL)
    return;

  comp = icalcomponent_new_clone (comp);
  prop = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);
  if (prop != NULL)
    icalproperty_set_tzid (prop, tzid);

  text = icalcomponent_as_ical_string_r (comp);
  icalcomponent_free (comp);
  if (text == NULL)
    return;

  /* Unfolded again and written with this file's own folding. */
  {
    g_autoptr(GString) unfolded = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      {
        if ((p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')))
          p += 2;
        else if (p[0] == '\n' && (p[1] == ' ' || p[1] == '\t'))
          p += 1;
        else if (*p != '\r')
          g_string_append_c (unfolded, *p);
      }
    lines = g_strsplit (unfolded->str, "\n", -1);
  }
  icalmemory_free_buffer (text);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      _guild_export_append_folded (out, lines[i]);
}

/**
 * guild_export_icalendar:
 * @out: where the calendar is appended
 *
 * Writes every event of @store as one iCalendar file, with the VTIMEZONE of
 * each time zone the events use.
 */
gboolean
guild_export_icalendar (GuildStore    *store,
                        GString       *out,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GUILD_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  events = list_sorted (store, GUILD_RECORD_EVENT, cancellable, error);
  if (events == NULL)
    return FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      GuildRecord *event = g_ptr_array_index (events, i);
      const char *tzid = guild_record_get_text (event, "tzid");

      if (!guild_record_get_int (event, "all-day") && find_zone (tzid) != NULL)
        _guild_strv_add_unique (zones, tzid, FALSE);
    }
  g_ptr_array_sort (zones, compare_strings);

  _guild_export_append_folded (out, "BEGIN:VCALENDAR");
  _guild_export_append_folded (out, "VERSION:2.0");
  _guild_export_append_folded (out, "PRODID:-//Guild//Guild//EN");
  _guild_export_append_folded (out, "CALSCALE:GREGORIAN");

  for (guint i = 0; i < zones->len; i++)
    write_timezone (out, g_ptr_array_index (zones, i));
  for (guint i = 0; i < events->len; i++)
    write_event (out, g_ptr_array_index (events, i));

  _guild_export_append_folded (out, "END:VCALENDAR");
  return TRUE;
}

/* Section: CSV */

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (*text) ||
      (*text != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

static void
append_row (GString           *out,
            const char * const *cells,
            guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    append_cell (out, cells[i], i == 0);
  g_string_append (out, "\r\n");
}

/* Google's separator for several values in one cell. */
static char *
join_list (const char * const *list)
{
  return g_strjoinv (" ::: ", (GStrv) list);
}

static char *
join_names (GArray     *ids,
            GHashTable *index,
            const char *field)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      GuildRecord *record = lookup (index, g_array_index (ids, gint64, i));

      if (record != NULL)
        g_ptr_array_add (names, (gpointer) guild_record_get_text (record, field));
    }
  g_ptr_array_add (names, NULL);

  return join_list ((const char * const *) names->pdata);
}

static char *
format_int (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
write_contacts_csv (GString    *out,
                    GPtrArray  *contacts,
                    GHashTable *communities)
{
  static const char *header[] = {
    "Name", "Given name", "Family name", "Company", "Position", "E-mails", "Phones", "URLs",
    "Location", "Relationship", "Connected on", "Tags", "Notes", "Communities",
  };

  append_row (out, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < contacts->len; i++)
    {
      GuildRecord *c = g_ptr_array_index (contacts, i);
      g_autofree char *emails = join_list (guild_record_get_strv (c, "emails"));
      g_autofree char *phones = join_list (guild_record_get_strv (c, "phones"));
      g_autofree char *urls = join_list (guild_record_get_strv (c, "urls"));
      g_autofree char *tags = join_list (guild_record_get_strv (c, "tags"));
      g_autofree char *member_of = join_names (guild_record_get_ids (c, "communities"),
                                               communities, "name");
      const char *cells[] = {
        guild_record_get_text (c, "full-name"),
        guild_record_get_text (c, "given-name"),
        guild_record_get_text (c, "family-name"),
        guild_record_get_text (c, "company"),
        guild_record_get_text (c, "position"),
        emails, phones, urls,
        guild_record_get_text (c, "location"),
        guild_record_get_text (c, "relationship"),
        guild_record_get_text (c, "connected-on"),
        tags,
        guild_record_get_text (c, "notes"),
        member_of,
      };

      append_row (out, cells, G_N_ELEMENTS (cells));
    }
}

static void
write_events_csv (GString    *out,
                  GPtrArray  *events,
                  GHashTable *communities)
{
  static const char *header[] = {
    "Title", "Starts", "Ends", "All day", "Time zone", "Repeat", "Exceptions", "Kind",
    "Status", "Location", "URL", "Community", "Notes",
  };

  append_row (out, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < events->len; i++)
    {
      GuildRecord *e = g_ptr_array_index (events, i);
      gint64 ends = guild_record_get_int (e, "ends-at");
      g_autofree char *starts_text = guild_instant_format (guild_record_get_int (e, "starts-at"));
      g_autofree char *ends_text = ends != 0 ? guild_instant_format (ends) : g_strdup ("");
      g_autofree char *exdates = join_list (guild_record_get_strv (e, "exdates"));
      GuildRecord *community = lookup (communities, guild_record_get_int (e, "community-id"));
      const char *cells[] = {
        guild_record_get_text (e, "title"),
        starts_text, ends_text,
        guild_record_get_int (e, "all-day") ? "yes" : "no",
        guild_record_get_text (e, "tzid"),
        guild_record_get_text (e, "rrule"),
        exdates,
        guild_record_get_text (e, "kind"),
        guild_record_get_text (e, "status"),
        guild_record_get_text (e, "location"),
        guild_record_get_text (e, "url"),
        community != NULL ? guild_record_get_text (community, "name") : "",
        guild_record_get_text (e, "notes"),
      };

      append_row (out, cells, G_N_ELEMENTS (cells));
    }
}

static void
write_activities_csv (GString    *out,
                      GPtrArray  *activities,
                      GHashTable *communities,
                      GHashTable *events,
                      GHashTable *contacts)
{
  static const char *header[] = {
    "Date", "Kind", "Strategy", "Minutes", "Community", "Event", "Contacts", "Likes",
    "Comments", "Reposts", "URL", "Note",
  };

  append_row (out, header, G_N_ELEMENTS (header));

  for (guint i = 0; i < activities->len; i++)
    {
      GuildRecord *a = g_ptr_array_index (activities, i);
      g_autofree char *at = guild_instant_format (guild_record_get_int (a, "at"));
      g_autofree char *minutes = format_int (guild_record_get_int (a, "minutes"));
      g_autofree char *likes = format_int (guild_record_get_int (a, "likes"));
      g_autofree char *comments = format_int (guild_record_get_int (a, "comments"));
      g_autofree char *reposts = format_int (guild_record_get_int (a, "reposts"));
      g_autofree char *people = join_names (guild_record_get_ids (a, "contacts"), contacts,
                                            "full-name");
      GuildRecord *community = lookup (communities, guild_record_get_int (a, "community-id"));
      GuildRecord *event = lookup (events, guild_record_get_int (a, "event-id"));
      const char *cells[] = {
        at,
        guild_record_get_text (a, "kind"),
        guild_record_get_text (a, "strategy"),
        minutes,
        community != NULL ? guild_record_get_text (community, "name") : "",
        event != NULL ? guild_record_get_text (event, "title") : "",
        people, likes, comments, reposts,
        guild_record_get_text (a, "url"),
        guild_record_get_text (a, "note"),
      };

      append_row (out, cells, G_N_ELEMENTS (cells));
    }
}

/**
 * guild_export_csv:
 * @kind: %GUILD_RECORD_CONTACT, %GUILD_RECORD_EVENT or %GUILD_RECORD_ACTIVITY
 * @out: where the table is appended
 *
 * Writes one kind of record as a CSV table (RFC 4180, UTF-8 with a byte
 * order mark so that spreadsheets read it as UTF-8, a header row, commas,
 * CRLF). Several values in one cell are joined with " ::: " as Google
 * Contacts does; references are written as names.
 */
gboolean
guild_export_csv (GuildStore       *store,
                  GuildRecordKind   kind,
                  GString          *out,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) communities = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) community_index = NULL;
  g_autoptr(GHashTable) event_index = NULL;
  g_autoptr(GHashTable) contact_index = NULL;

  g_return_val_if_fail (GUILD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == GUILD_RECORD_CONTACT || kind == GUILD_RECORD_EVENT ||
                        kind == GUILD_RECORD_ACTIVITY, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!(communities = list_sorted (store, GUILD_RECORD_COMMUNITY, cancellable, error)) ||
      !(records = list_sorted (store, kind, cancellable, error)))
    return FALSE;
  community_index = index_by_id (communities);

  g_string_append (out, "\xEF\xBB\xBF");

  if (kind == GUILD_RECORD_CONTACT)
    write_contacts_csv (out, records, community_index);
  else if (kind == GUILD_RECORD_EVENT)
    write_events_csv (out, records, community_index);
  else
    {
      if (!(events = list_sorted (store, GUILD_RECORD_EVENT, cancellable, error)) ||
          !(contacts = list_sorted (store, GUILD_RECORD_CONTACT, cancellable, error)))
        return FALSE;
      event_index = index_by_id (events);
      contact_index = index_by_id (contacts);
      write_activities_csv (out, records, community_index, event_index, contact_index);
    }

  return TRUE;
}
