/* fuzz-common.h: what every libFuzzer target of the import parsers checks.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "import/guild-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Beyond crashes and sanitizer reports, a parser's result must hold: every
 * record it keeps is one the store would accept, and every message is text.
 * abort() makes libFuzzer save the input as a crash. */
static inline void
fuzz_check_result (const GuildImportResult *result)
{
  if (result == NULL)
    return;

  for (guint i = 0; i < result->items->len; i++)
    {
      GuildImportItem *item = g_ptr_array_index (result->items, i);
      g_autoptr(GError) error = NULL;

      /* Cancelled occurrences whose series is elsewhere carry only the
       * series' UID and the dates, which the store adds to it. */
      if (item->exceptions_only)
        {
          if (*guild_record_get_text (item->record, "uid") == '\0' ||
              guild_record_get_strv (item->record, "exdates")[0] == NULL)
            {
              g_printerr ("record %u: cancelled occurrences without a UID or a date\n", i);
              abort ();
            }
          continue;
        }

      if (!guild_record_validate (item->record, &error))
        {
          g_printerr ("record %u is not storable: %s\n", i, error->message);
          abort ();
        }
    }

  for (guint i = 0; i < result->skipped->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (result->skipped, GuildImportIssue, i);

      if (issue->message == NULL || !g_utf8_validate (issue->message, -1, NULL))
        abort ();
    }
}

/* Parses DATA as FORMAT the way the app does (decoding included). Only a
 * whole-file failure may come back without a result, and it must say why. */
static inline void
fuzz_parse_as (const uint8_t     *data,
               size_t             size,
               const char        *file_name,
               GuildImportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GuildImportResult) result = NULL;

  result = guild_import_parse (data, size, file_name, format, NULL, &error);
  if (result == NULL && (error == NULL || error->domain != GUILD_IMPORT_ERROR))
    {
      g_printerr ("no result and no import error\n");
      abort ();
    }
  fuzz_check_result (result);
}
