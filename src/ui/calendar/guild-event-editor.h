/* guild-event-editor.h
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "guild-store.h"

G_BEGIN_DECLS

/**
 * GuildRepeat:
 * The simple recurrence rules the editor offers; anything else is "custom"
 * and is kept as it is.
 */
typedef struct
{
  char   freq[8];       /* "", "DAILY", "WEEKLY", "MONTHLY" */
  int    interval;      /* >= 1 */
  int    count;         /* 0: no count */
  char   until[17];     /* "" or YYYYMMDD or YYYYMMDDTHHMMSSZ */
  gboolean custom;      /* a rule the editor cannot show */
} GuildRepeat;

gboolean guild_repeat_parse  (const char        *rrule,
                              GuildRepeat       *out);
char    *guild_repeat_format (const GuildRepeat *repeat);
gboolean guild_time_parse    (const char        *text,
                              int               *hour,
                              int               *minute);

#define GUILD_TYPE_EVENT_EDITOR (guild_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (GuildEventEditor, guild_event_editor, GUILD, EVENT_EDITOR, AdwWindow)

GuildEventEditor *guild_event_editor_new      (GtkWindow        *parent,
                                               GuildStore       *store,
                                               gint64            event_id,
                                               gint64            occurrence_start,
                                               const GDate      *day);
gint64            guild_event_editor_get_event_id (GuildEventEditor *self);
gboolean          guild_event_editor_save_now (GuildEventEditor *self);

G_END_DECLS
