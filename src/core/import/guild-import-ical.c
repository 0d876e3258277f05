/* guild-import-ical.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-ical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "guild-import-private.h"

/* iCalendar files (Meetup and Google Calendar feeds, single-event files)
 * read with libical. Times become UTC seconds: a TZID is resolved through
 * the file's VTIMEZONE or libical's built-in zones, floating times are the
 * local time of this machine, and all-day events start at UTC midnight of
 * their day with an exclusive end. Recurrence rules and exceptions are kept
 * as text; occurrences are expanded when shown.
 *
 * libical gives no line numbers, so the BEGIN:VEVENT lines are counted
 * beforehand: the nth event component is the nth such line.
 */

typedef struct
{
  GuildImportResult *result;
  GArray            *event_lines;
  guint              n_events;
  GHashTable        *masters;     /* uid → GuildRecord (borrowed) */
  GArray            *overrides;   /* Override: cancelled occurrences */
} Parser;

/* A cancelled occurrence of a series (a VEVENT with RECURRENCE-ID). */
typedef struct
{
  char  *uid;
  char  *exdate;
  guint  line;
} Override;

static void
clear_override (gpointer data)
{
  Override *o = data;

  g_free (o->uid);
  g_free (o->exdate);
}

static void
init_libical (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* A malformed file must never abort the program. */
      icalerror_set_errors_are_fatal (0);
      g_once_init_leave (&done, 1);
    }
}

static GArray *
find_event_lines (const char *text,
                  gsize       len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 1;
  gsize pos = 0;

  while (pos < len)
    {
      if (len - pos >= 12 && g_ascii_strncasecmp (text + pos, "BEGIN:VEVENT", 12) == 0)
        g_array_append_val (lines, line);

      while (pos < len && text[pos] != '\n' && text[pos] != '\r')
        pos++;
      if (pos < len && text[pos] == '\r' && pos + 1 < len && text[pos + 1] == '\n')
        pos++;
      pos++;
      line++;
    }

  return lines;
}

static char *
property_text (icalcomponent    *comp,
               icalproperty_kind kind)
{
  icalproperty *prop = icalcomponent_get_first_property (comp, kind);
  char *value;
  char *copy;

  if (prop == NULL)
    return g_strdup ("");

  value = icalproperty_get_value_as_string_r (prop);
  if (value == NULL)
    return g_strdup ("");

  copy = g_utf8_make_valid (value, -1);
  icalmemory_free_buffer (value);

  return g_strstrip (copy);
}

/* The text of a TEXT property, unescaped (libical unescapes on parsing). */
static char *
text_of (icalcomponent    *comp,
         icalproperty_kind kind)
{
  icalproperty *prop = icalcomponent_get_first_property (comp, kind);
  icalvalue *value;
  const char *text = NULL;

  if (prop == NULL)
    return g_strdup ("");

  value = icalproperty_get_value (prop);
  if (value != NULL && icalvalue_isa (value) == ICAL_TEXT_VALUE)
    text = icalvalue_get_text (value);
  if (text == NULL)
    return property_text (comp, kind);

  return g_strstrip (g_utf8_make_valid (text, -1));
}

static gboolean
time_is_sane (struct icaltimetype t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (icaltime_is_null_time (t))
    return FALSE;
  /* Guild's instants are seconds after 1970 (0 meaning none), so an earlier
   * time cannot be stored: the event is skipped, not stored broken. */
  if (t.year < 1971 || t.year > 9999)
    return FALSE;

  dt = g_date_time_new_utc (t.year, t.month, t.day,
                            t.is_date ? 0 : t.hour, t.is_date ? 0 : t.minute,
                            t.is_date ? 0 : MIN (t.second, 59));
  return dt != NULL;
}

/* Resolves a date-time property to UTC seconds. */
static gboolean
read_time (Parser         *parser,
           icalcomponent  *comp,
           icalproperty   *prop,
           guint           line,
           gboolean       *is_date,
           gint64         *seconds,
           char          **tzid_out)
{
  struct icaltimetype t;
  icalparameter *param;
  const char *tzid = NULL;

  if (prop == NULL)
    return FALSE;

  t = icalproperty_get_datetime_with_component (prop, comp);
  if (!time_is_sane (t))
    return FALSE;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (param != NULL)
    tzid = icalparameter_get_tzid (param);

  *is_date = t.is_date;
  if (tzid_out != NULL)
    *tzid_out = g_strdup (tzid != NULL && !t.is_date ? tzid : "");

  if (t.is_date)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (t.year, t.month, t.day, 0, 0, 0);

      *seconds = g_date_time_to_unix (dt);
      return TRUE;
    }

  if (icaltime_is_utc (t))
    {
      *seconds = icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
      return TRUE;
    }

  if (t.zone == NULL && tzid != NULL)
    {
      icaltimezone *zone = icaltimezone_get_builtin_timezone (tzid);

      if (zone == NULL)
        zone = icaltimezone_get_builtin_timezone_from_tzid (tzid);
      if (zone != NULL)
        t.zone = zone;
      else if (line != 0)
        {
          g_autofree char *message =
            /* Translators: %s is a time zone name from a calendar file. */
            g_strdup_printf (_("Unknown time zone “%s”; the time was read as local time"), tzid);

          guild_import_result_warn (parser->result, line, message);
        }
    }

  if (t.zone != NULL)
    {
      *seconds = icaltime_as_timet_with_zone (t, t.zone);
      return TRUE;
    }

  /* A floating time is the same wall-clock time wherever one is. */
  {
    g_autoptr(GDateTime) local = g_date_time_new_local (t.year, t.month, t.day, t.hour,
                                                        t.minute, MIN (t.second, 59));

    if (local == NULL)
      return FALSE;
    *seconds = g_date_time_to_unix (local);
  }

  return TRUE;
}

static char *
format_exdate (gint64   seconds,
               gboolean is_date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (seconds);

  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, is_date ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ");
}

static char *
stable_uid (icalcomponent *comp)
{
  g_autofree char *summary = property_text (comp, ICAL_SUMMARY_PROPERTY);
  g_autofree char *start = property_text (comp, ICAL_DTSTART_PROPERTY);
  g_autofree char *location = property_text (comp, ICAL_LOCATION_PROPERTY);
  g_autofree char *key = g_strjoin ("\n", summary, start, location, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  return g_strconcat (hash, "@import.guild", NULL);
}

static void
skip_event (Parser     *parser,
            guint       line,
            const char *message)
{
  guild_import_result_skip (parser->result, line, message);
}

static void
read_event (Parser        *parser,
            icalcomponent *comp,
            guint          line)
{
  g_autoptr(GuildRecord) event = NULL;
  g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = text_of (comp, ICAL_SUMMARY_PROPERTY);
  g_autofree char *notes = text_of (comp, ICAL_DESCRIPTION_PROPERTY);
  g_autofree char *location = text_of (comp, ICAL_LOCATION_PROPERTY);
  g_autofree char *url = property_text (comp, ICAL_URL_PROPERTY);
  g_autofree char *rrule = property_text (comp, ICAL_RRULE_PROPERTY);
  g_autofree char *uid = property_text (comp, ICAL_UID_PROPERTY);
  g_autofree char *tzid = NULL;
  icalproperty *start_prop = icalcomponent_get_first_property (comp, ICAL_DTSTART_PROPERTY);
  icalproperty *end_prop = icalcomponent_get_first_property (comp, ICAL_DTEND_PROPERTY);
  icalproperty *prop;
  gboolean all_day = FALSE, end_is_date = FALSE;
  gint64 starts = 0, ends = 0;

  if (start_prop == NULL)
    {
      skip_event (parser, line, _("The event has no start time"));
      return;
    }

  if (!read_time (parser, comp, start_prop, line, &all_day, &starts, &tzid))
    {
      g_autofree char *raw = property_text (comp, ICAL_DTSTART_PROPERTY);
      g_autofree char *message =
        /* Translators: %s is a date as written in the imported file. */
        g_strdup_printf (_("Unreadable date “%s”"), raw);

      skip_event (parser, line, message);
      return;
    }

  if (*uid == '\0')
    {
      g_free (uid);
      uid = stable_uid (comp);
    }

  /* A changed single occurrence shares its series' UID: a cancelled one
   * becomes an exception of the series, others are left to the series. */
  prop = icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY);
  if (prop != NULL)
    {
      gboolean is_date = FALSE;
      gint64 when = 0;

      if (icalcomponent_get_status (comp) == ICAL_STATUS_CANCELLED &&
          read_time (parser, comp, prop, 0, &is_date, &when, NULL))
        {
          Override o = { g_strdup (uid), format_exdate (when, is_date), line };

          if (o.exdate != NULL)
            g_array_append_val (parser->overrides, o);
          else
            clear_override (&o);
        }
      return;
    }

  if (end_prop != NULL)
    {
      if (!read_time (parser, comp, end_prop, 0, &end_is_date, &ends, NULL))
        ends = 0;
    }
  else if ((prop = icalcomponent_get_first_property (comp, ICAL_DURATION_PROPERTY)) != NULL)
    {
      struct icaldurationtype duration = icalproperty_get_duration (prop);

      if (!icaldurationtype_is_bad_duration (duration) && !duration.is_neg)
        ends = starts + icaldurationtype_as_int (duration);
    }
  else if (all_day)
    ends = starts + 24 * 60 * 60;

  if (ends < starts)
    ends = 0;

  for (prop = icalcomponent_get_first_property (comp, ICAL_EXDATE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (comp, ICAL_EXDATE_PROPERTY))
    {
      gboolean is_date = FALSE;
      gint64 when = 0;

      if (read_time (parser, comp, prop, 0, &is_date, &when, NULL))
        {
          g_autofree char *exdate = format_exdate (when, is_date || all_day);

          if (exdate != NULL)
            _guild_strv_add_unique (exdates, exdate, FALSE);
        }
    }

  prop = icalcomponent_get_first_property (comp, ICAL_GEO_PROPERTY);
  if (prop != NULL)
    {
      struct icalgeotype geo = icalproperty_get_geo (prop);
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
      char *with_geo;

      if (geo.lat >= -90 && geo.lat <= 90 && geo.lon >= -180 && geo.lon <= 180)
        {
          g_ascii_formatd (lat, sizeof lat, "%.6f", geo.lat);
          g_ascii_formatd (lon, sizeof lon, "%.6f", geo.lon);
          if (*location == '\0')
            with_geo = g_strdup_printf ("%s, %s", lat, lon);
          else
            with_geo = g_strdup_printf ("%s (%s, %s)", location, lat, lon);
          g_free (location);
          location = with_geo;
        }
    }

  if (*title == '\0')
    {
      g_free (title);
      /* Translators: the title given to a calendar event that has none. */
      title = g_strdup (_("Untitled event"));
    }

  /* An address the store would refuse goes to the notes instead. */
  if (*url != '\0' && !guild_url_is_valid (url))
    {
      char *with_url = *notes != '\0' ? g_strconcat (notes, "\n", url, NULL) : g_strdup (url);

      g_free (notes);
      notes = with_url;
      url[0] = '\0';
    }

  event = GUILD_RECORD (guild_event_new (title, starts, ends));
  guild_record_set_text (event, "uid", uid);
  guild_record_set_int (event, "all-day", all_day);
  guild_record_set_text (event, "tzid", tzid);
  guild_record_set_text (event, "rrule", rrule);
  _guild_record_set_list (event, "exdates", exdates);
  guild_record_set_text (event, "location", location);
  guild_record_set_text (event, "url", url);
  guild_record_set_text (event, "notes", notes);
  if (icalcomponent_get_status (comp) == ICAL_STATUS_CANCELLED)
    guild_record_set_text (event, "status", "cancelled");

  /* Guild's own exports carry the exact kind and status. */
  for (icalproperty *x = icalcomponent_get_first_property (comp, ICAL_X_PROPERTY);
       x != NULL;
       x = icalcomponent_get_next_property (comp, ICAL_X_PROPERTY))
    {
      const char *x_name = icalproperty_get_x_name (x);
      const char *x_value = icalproperty_get_x (x);

      if (x_name == NULL || x_value == NULL)
        continue;
      if (g_ascii_strcasecmp (x_name, "X-GUILD-STATUS") == 0 &&
          guild_vocab_contains (GUILD_VOCAB_EVENT_STATUS, x_value))
        guild_record_set_text (event, "status", x_value);
      else if (g_ascii_strcasecmp (x_name, "X-GUILD-KIND") == 0 &&
               guild_vocab_contains (GUILD_VOCAB_EVENT_KIND, x_value))
        guild_record_set_text (event, "kind", x_value);
    }

  if (!g_hash_table_contains (parser->masters, uid))
    g_hash_table_insert (parser->masters, g_strdup (uid), event);
  guild_import_result_add (parser->result, g_steal_pointer (&event), line, 0);
}

static void
read_calendar (Parser        *parser,
               icalcomponent *calendar,
               GCancellable  *cancellable)
{
  for (icalcomponent *comp = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       comp != NULL;
       comp = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      guint index = parser->n_events++;
      guint line = index < parser->event_lines->len
                   ? g_array_index (parser->event_lines, guint, index) : 0;

      if ((index & 0x3ff) == 0 && g_cancellable_is_cancelled (cancellable))
        return;

      read_event (parser, comp, line);
    }
}

static void
add_exdate (GuildRecord *event,
            const char  *exdate)
{
  g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
  const char * const *current = guild_record_get_strv (event, "exdates");

  for (guint j = 0; current[j] != NULL; j++)
    _guild_strv_add_unique (exdates, current[j], FALSE);
  _guild_strv_add_unique (exdates, exdate, FALSE);
  _guild_record_set_list (event, "exdates", exdates);
}

/* Cancelled occurrences join their series' exceptions. One whose series is
 * not in this text (a feed of changes, or a piece of a large file) becomes
 * an item of its own that only carries the UID and the dates, for the store
 * to add to the stored event (GuildImportItem.exceptions_only). */
static void
apply_overrides (Parser *parser)
{
  g_autoptr(GHashTable) orphans = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < parser->overrides->len; i++)
    {
      const Override *o = &g_array_index (parser->overrides, Override, i);
      GuildRecord *master = g_hash_table_lookup (parser->masters, o->uid);
      GuildImportItem *item;

      if (master == NULL)
        master = g_hash_table_lookup (orphans, o->uid);
      if (master == NULL)
        {
          master = GUILD_RECORD (guild_event_new ("", 0, 0));
          guild_record_set_text (master, "uid", o->uid);
          guild_import_result_add (parser->result, master, o->line, 0);
          item = g_ptr_array_index (parser->result->items, parser->result->items->len - 1);
          item->exceptions_only = TRUE;
          g_hash_table_insert (orphans, (gpointer) guild_record_get_text (master, "uid"), master);
        }
      add_exdate (master, o->exdate);
    }
}

/**
 * guild_import_parse_icalendar:
 * @text: decoded UTF-8 text
 *
 * Returns: (transfer full): the events of every VEVENT, and those left out
 *   with the line of their BEGIN:VEVENT.
 */
GuildImportResult *
guild_import_parse_icalendar (const char   *text,
                              gsize         len,
                              const char   *file_name,
                              GCancellable *cancellable)
{
  g_return_val_if_fail (text != NULL || len == 0, NULL);

  return _guild_import_parse_icalendar_piece (text, len, 0, 1, file_name, cancellable);
}

/**
 * _guild_import_parse_icalendar_piece:
 * @events_from: where in @text the events begin: lines before it (the
 *   calendar's header and time zones of a piece) are not counted
 * @first_line: the line of the file that @events_from is on
 *
 * Parses a piece of a calendar (guild-import-ical-stream.c), with the line
 * numbers of the file it was cut from.
 */
GuildImportResult *
_guild_import_parse_icalendar_piece (const char   *text,
                                     gsize         len,
                                     gsize         events_from,
                                     guint         first_line,
                                     const char   *file_name,
                                     GCancellable *cancellable)
{
  Parser parser = { 0 };
  g_autofree char *copy = NULL;
  icalcomponent *root;
  icalcomponent_kind kind;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (events_from <= len && first_line > 0, NULL);

  init_libical ();

  parser.result = guild_import_result_new (GUILD_IMPORT_FORMAT_ICALENDAR, file_name);
  parser.event_lines = find_event_lines (text + events_from, len - events_from);
  for (guint i = 0; i < parser.event_lines->len; i++)
    g_array_index (parser.event_lines, guint, i) += first_line - 1;
  parser.masters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser.overrides = g_array_new (FALSE, FALSE, sizeof (Override));
  g_array_set_clear_func (parser.overrides, clear_override);

  copy = g_strndup (text, len);
  root = icalparser_parse_string (copy);
  kind = root != NULL ? icalcomponent_isa (root) : ICAL_NO_COMPONENT;

  if (kind == ICAL_VCALENDAR_COMPONENT)
    read_calendar (&parser, root, cancellable);
  else if (kind == ICAL_XROOT_COMPONENT)
    {
      for (icalcomponent *cal = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           cal != NULL;
           cal = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        read_calendar (&parser, cal, cancellable);
    }
  else if (kind == ICAL_VEVENT_COMPONENT)
    {
      parser.n_events = 1;
      read_event (&parser, root,
                  parser.event_lines->len > 0 ? g_array_index (parser.event_lines, guint, 0) : 1);
    }

  if (root != NULL)
    icalcomponent_free (root);

  if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_XROOT_COMPONENT &&
      kind != ICAL_VEVENT_COMPONENT && events_from > 0)
    {
      /* A piece of a calendar that libical could not read at all. */
      for (guint i = 0; i < parser.event_lines->len; i++)
        guild_import_result_skip (parser.result, g_array_index (parser.event_lines, guint, i),
                                  _("The event could not be read"));
    }
  else if (kind != ICAL_VCALENDAR_COMPONENT && kind != ICAL_XROOT_COMPONENT &&
           kind != ICAL_VEVENT_COMPONENT)
    guild_import_result_skip (parser.result, 1, _("Not an iCalendar file"));
  else if (!g_cancellable_is_cancelled (cancellable))
    {
      /* Events libical could not make sense of at all. */
      for (guint i = parser.n_events; i < parser.event_lines->len; i++)
        guild_import_result_skip (parser.result, g_array_index (parser.event_lines, guint, i),
                                  _("The event could not be read"));
    }

  apply_overrides (&parser);

  g_array_unref (parser.event_lines);
  g_hash_table_unref (parser.masters);
  g_array_unref (parser.overrides);

  return parser.result;
}
