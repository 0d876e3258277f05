/* guild-import-ical-stream.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-import-ical"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-import-private.h"

/* An iCalendar file read in pieces, so that memory does not grow with it.
 *
 * The text is cut after a top-level END:VEVENT (a whole, unfolded line).
 * Each piece is parsed by guild_import_parse_icalendar() as a calendar of
 * its own: BEGIN:VCALENDAR, the file's header properties (VERSION, PRODID,
 * CALSCALE, METHOD, X-WR-TIMEZONE), every VTIMEZONE seen so far (they come
 * before the events and are small), the piece's events and END:VCALENDAR.
 * Line numbers are those of the file.
 *
 * A cancelled occurrence of a series (a VEVENT with the series' UID and a
 * RECURRENCE-ID) becomes an exception of the series only when both are in
 * the same piece, so a piece is never cut between events that share a UID;
 * calendars write a series and its changed occurrences together. */

/* A single event or time zone larger than this is cut anyway. */
#define MAX_PIECE (64 * 1024 * 1024)
#define MAX_TIMEZONES (16 * 1024 * 1024)
/* Of a logical line, only its beginning is looked at (UID included). */
#define MAX_UNFOLDED 4096
#define MAX_RAW_LINE (16 * 1024 * 1024)

typedef enum
{
  IN_NOTHING,
  IN_EVENT,
  IN_TIMEZONE,
  IN_OTHER,     /* a VTODO or the like: passed on with the events */
  IN_DROPPED,   /* a runaway time zone: left out */
} Inside;

struct _GuildIcalStream
{
  char              *file_name;
  gsize              piece_size;
  GuildImportResult *result;

  GString           *header;
  GString           *timezones;
  gsize              timezone_start;
  GString           *pending;
  guint              pending_line;    /* the file's line pending begins on */

  /* Where the pending text will be cut, once the next event has another
   * UID: 0 for nowhere yet. */
  gsize              cut_pos;
  guint              cut_line;
  char              *cut_uid;

  Inside             inside;
  guint              depth;
  char              *uid;
  gsize              event_start;     /* in pending, of the current event */
  guint              event_line;
  gboolean           seen_event;
  gboolean           seen_calendar;

  /* The logical line being read: its raw text (folded lines included) and
   * the beginning of it unfolded. */
  GString           *raw;
  GString           *unfolded;
  guint              raw_line;
  guint              raw_lines;
  guint              line;            /* the next physical line */
  GString           *partial;         /* a line not yet ended */
};

GuildIcalStream *
_guild_ical_stream_new (const char *file_name,
                        gsize       piece_size)
{
  GuildIcalStream *self = g_new0 (GuildIcalStream, 1);

  self->file_name = g_strdup (file_name);
  self->piece_size = MAX (piece_size, 1);
  self->result = guild_import_result_new (GUILD_IMPORT_FORMAT_ICALENDAR, file_name);
  self->header = g_string_new (NULL);
  self->timezones = g_string_new (NULL);
  self->pending = g_string_new (NULL);
  self->raw = g_string_new (NULL);
  self->unfolded = g_string_new (NULL);
  self->partial = g_string_new (NULL);
  self->line = 1;

  return self;
}

void
_guild_ical_stream_free (GuildIcalStream *self)
{
  if (self == NULL)
    return;

  g_free (self->file_name);
  guild_import_result_free (self->result);
  g_string_free (self->header, TRUE);
  g_string_free (self->timezones, TRUE);
  g_string_free (self->pending, TRUE);
  g_string_free (self->raw, TRUE);
  g_string_free (self->unfolded, TRUE);
  g_string_free (self->partial, TRUE);
  g_free (self->cut_uid);
  g_free (self->uid);
  g_free (self);
}

void
_guild_ical_stream_set_piece_size (GuildIcalStream *self,
                                   gsize            piece_size)
{
  self->piece_size = MAX (piece_size, 1);
}

GuildImportResult *
_guild_ical_stream_peek (GuildIcalStream *self)
{
  return self->result;
}

GuildImportResult *
_guild_ical_stream_take (GuildIcalStream *self)
{
  GuildImportResult *result = self->result;

  self->result = guild_import_result_new (GUILD_IMPORT_FORMAT_ICALENDAR, self->file_name);
  return result;
}

static void
append_result (GuildImportResult *dest,
               GuildImportResult *src)
{
  for (guint i = 0; i < src->items->len; i++)
    {
      GuildImportItem *item = g_ptr_array_index (src->items, i);

      guild_import_result_add (dest, g_steal_pointer (&item->record), item->line,
                               item->file_id);
    }
  for (guint i = 0; i < src->skipped->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (src->skipped, GuildImportIssue, i);

      guild_import_result_skip (dest, issue->line, issue->message);
    }
  for (guint i = 0; i < src->warnings->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (src->warnings, GuildImportIssue, i);

      guild_import_result_warn (dest, issue->line, issue->message);
    }
}

/* Parses the first @upto bytes of the pending text; the rest begins on
 * @next_line. */
static void
flush (GuildIcalStream *self,
       gsize            upto,
       guint            next_line,
       GCancellable    *cancellable)
{
  g_autoptr(GString) text = NULL;
  g_autoptr(GuildImportResult) piece = NULL;
  gsize events_from;

  if (upto == 0)
    return;

  text = g_string_sized_new (self->header->len + self->timezones->len + upto + 64);
  g_string_append (text, "BEGIN:VCALENDAR\r\n");
  g_string_append_len (text, self->header->str, self->header->len);
  g_string_append_len (text, self->timezones->str, self->timezone_start);
  events_from = text->len;
  g_string_append_len (text, self->pending->str, upto);
  if (upto > 0 && self->pending->str[upto - 1] != '\n' && self->pending->str[upto - 1] != '\r')
    g_string_append (text, "\r\n");
  g_string_append (text, "END:VCALENDAR\r\n");

  piece = _guild_import_parse_icalendar_piece (text->str, text->len, events_from,
                                               self->pending_line, self->file_name,
                                               cancellable);
  append_result (self->result, piece);

  g_string_erase (self->pending, 0, upto);
  self->pending_line = next_line;
}

static gboolean
is_line (const GString *unfolded,
         const char    *what)
{
  gsize len = strlen (what);
  gsize n = unfolded->len;

  while (n > 0 && g_ascii_isspace (unfolded->str[n - 1]))
    n--;

  return n == len && g_ascii_strncasecmp (unfolded->str, what, len) == 0;
}

static gboolean
has_prefix (const GString *unfolded,
            const char    *prefix)
{
  gsize len = strlen (prefix);

  return unfolded->len >= len && g_ascii_strncasecmp (unfolded->str, prefix, len) == 0;
}

static gboolean
is_header_property (const GString *unfolded)
{
  static const char * const names[] = {
    "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-TIMEZONE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len = strlen (names[i]);

      if (unfolded->len > len && g_ascii_strncasecmp (unfolded->str, names[i], len) == 0 &&
          (unfolded->str[len] == ':' || unfolded->str[len] == ';'))
        return TRUE;
    }
  return FALSE;
}

static void
add_pending (GuildIcalStream *self)
{
  if (self->pending->len == 0)
    self->pending_line = self->raw_line;
  g_string_append_len (self->pending, self->raw->str, self->raw->len);
}

/* An event has ended: cut after it once the pending text is long enough,
 * but never between events with the same UID. */
static void
event_ended (GuildIcalStream *self,
             guint            next_line,
             GCancellable    *cancellable)
{
  if (self->cut_pos > 0)
    {
      if (self->uid != NULL && g_strcmp0 (self->uid, self->cut_uid) == 0)
        {
          self->cut_pos = self->pending->len;
          self->cut_line = next_line;
          return;
        }
      flush (self, self->cut_pos, self->cut_line, cancellable);
      self->cut_pos = 0;
      g_clear_pointer (&self->cut_uid, g_free);
    }

  if (self->pending->len >= self->piece_size)
    {
      self->cut_pos = self->pending->len;
      self->cut_line = next_line;
      g_free (self->cut_uid);
      self->cut_uid = g_strdup (self->uid);
    }
}

static void
process_line (GuildIcalStream *self,
              GCancellable    *cancellable)
{
  GString *u = self->unfolded;
  guint next_line = self->raw_line + self->raw_lines;
  gboolean begins = has_prefix (u, "BEGIN:");
  gboolean ends = has_prefix (u, "END:");

  if (self->raw->len == 0)
    return;

  if (self->inside == IN_NOTHING)
    {
      if (is_line (u, "BEGIN:VCALENDAR"))
        self->seen_calendar = TRUE;
      else if (is_line (u, "END:VCALENDAR"))
        ;
      else if (is_line (u, "BEGIN:VEVENT"))
        {
          self->seen_event = TRUE;
          self->inside = IN_EVENT;
          self->depth = 1;
          g_clear_pointer (&self->uid, g_free);
          add_pending (self);
          self->event_start = self->pending->len - self->raw->len;
          self->event_line = self->raw_line;
        }
      else if (is_line (u, "BEGIN:VTIMEZONE"))
        {
          self->inside = IN_TIMEZONE;
          self->depth = 1;
          g_string_append_len (self->timezones, self->raw->str, self->raw->len);
        }
      else if (begins)
        {
          self->inside = IN_OTHER;
          self->depth = 1;
          add_pending (self);
        }
      else if (!self->seen_event && is_header_property (u))
        {
          if (self->header->len < 64 * 1024)
            g_string_append_len (self->header, self->raw->str, self->raw->len);
        }
      else if (self->seen_event || self->pending->len > 0)
        add_pending (self);
      else if (self->header->len < 64 * 1024)
        /* Other properties of the calendar, such as X-WR-CALNAME. */
        g_string_append_len (self->header, self->raw->str, self->raw->len);
      return;
    }

  if (self->inside == IN_TIMEZONE)
    g_string_append_len (self->timezones, self->raw->str, self->raw->len);
  else if (self->inside != IN_DROPPED)
    add_pending (self);

  if (self->inside == IN_EVENT && self->depth == 1 &&
      (has_prefix (u, "UID:") || has_prefix (u, "UID;")))
    {
      const char *colon = strchr (u->str, ':');

      g_free (self->uid);
      self->uid = g_strstrip (g_strdup (colon + 1));
    }

  if (begins)
    self->depth++;
  else if (ends)
    self->depth--;

  if (self->depth == 0)
    {
      Inside was = self->inside;

      self->inside = IN_NOTHING;
      if (was == IN_EVENT)
        event_ended (self, next_line, cancellable);
      else if (was == IN_TIMEZONE)
        self->timezone_start = self->timezones->len;
      return;
    }

  if (self->inside == IN_TIMEZONE && self->timezones->len > MAX_TIMEZONES)
    {
      g_string_truncate (self->timezones, self->timezone_start);
      self->inside = IN_DROPPED;
    }
  else if (self->pending->len > MAX_PIECE && self->inside != IN_DROPPED)
    {
      /* An event without an end: what there is of it is parsed, and the
       * rest of it read as if outside of any event. */
      self->cut_pos = 0;
      g_clear_pointer (&self->cut_uid, g_free);
      flush (self, self->pending->len, next_line, cancellable);
      self->inside = IN_NOTHING;
      self->depth = 0;
    }
}

/* Takes one physical line, with its line break. */
static void
take_line (GuildIcalStream *self,
           const char      *line,
           gsize            len,
           GCancellable    *cancellable)
{
  gsize body = len;

  while (body > 0 && (line[body - 1] == '\n' || line[body - 1] == '\r'))
    body--;

  if (len > 0 && (line[0] == ' ' || line[0] == '\t') && self->raw->len > 0)
    {
      if (self->raw->len < MAX_RAW_LINE)
        g_string_append_len (self->raw, line, len);
      if (self->unfolded->len < MAX_UNFOLDED && body > 1)
        g_string_append_len (self->unfolded, line + 1,
                             MIN (body - 1, MAX_UNFOLDED - self->unfolded->len));
      self->raw_lines++;
      self->line++;
      return;
    }

  process_line (self, cancellable);
  g_string_truncate (self->raw, 0);
  g_string_truncate (self->unfolded, 0);
  g_string_append_len (self->raw, line, MIN (len, MAX_RAW_LINE));
  g_string_append_len (self->unfolded, line, MIN (body, MAX_UNFOLDED));
  self->raw_line = self->line;
  self->raw_lines = 1;
  self->line++;
}

/**
 * _guild_ical_stream_feed:
 * @text: decoded text that ends with a line break, unless @last
 * @last: whether @text is the end of the file
 *
 * Returns: %FALSE when cancelled
 */
gboolean
_guild_ical_stream_feed (GuildIcalStream *self,
                         const char      *text,
                         gsize            len,
                         gboolean         last,
                         GCancellable    *cancellable)
{
  gsize pos = 0;

  if (self->partial->len > 0)
    {
      if (self->partial->len < MAX_RAW_LINE)
        g_string_append_len (self->partial, text, len);
      text = self->partial->str;
      len = self->partial->len;
    }

  while (pos < len)
    {
      gsize end = pos;

      while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
      if (end == len && !last)
        break;
      if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
        end++;
      if (end < len)
        end++;
      take_line (self, text + pos, end - pos, cancellable);
      pos = end;
      if ((self->line & 0x3fff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;
    }

  if (text == self->partial->str)
    g_string_erase (self->partial, 0, pos);
  else if (pos < len)
    g_string_append_len (self->partial, text + pos, len - pos);

  /* A line with no end in sight (a binary file) is taken as it is. */
  if (self->partial->len >= MAX_RAW_LINE)
    {
      take_line (self, self->partial->str, self->partial->len, cancellable);
      g_string_truncate (self->partial, 0);
    }

  if (!last)
    return !g_cancellable_is_cancelled (cancellable);

  process_line (self, cancellable);
  g_string_truncate (self->raw, 0);
  g_string_truncate (self->unfolded, 0);

  if (!self->seen_calendar && !self->seen_event)
    {
      guild_import_result_skip (self->result, 1, _("Not an iCalendar file"));
      return TRUE;
    }

  if (self->cut_pos > 0)
    {
      flush (self, self->cut_pos, self->cut_line, cancellable);
      self->event_start -= MIN (self->event_start, self->cut_pos);
    }
  self->cut_pos = 0;
  /* A file cut short: the events before the unfinished one are read on
   * their own, so that it alone is reported. */
  if (self->inside == IN_EVENT && self->event_start > 0)
    flush (self, self->event_start, self->event_line, cancellable);
  flush (self, self->pending->len, self->line, cancellable);

  return !g_cancellable_is_cancelled (cancellable);
}
