/* fuzz-icalendar.c: libFuzzer target for the iCalendar parser.
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_parse_as (data, size, "fuzz.ics", GUILD_IMPORT_FORMAT_ICALENDAR);
  return 0;
}
