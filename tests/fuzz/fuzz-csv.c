/* fuzz-csv.c: libFuzzer target for the CSV readers: detection of the kind,
 * the encoding and the delimiter, LinkedIn, Google and generic CSV, and the
 * column mapping the app lets the user correct.
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
  GuildImportFormat detected = guild_import_detect (data, size, "fuzz.csv");
  g_autofree char *text = NULL;
  g_autoptr(GuildCsvMapping) mapping = NULL;
  gsize n = 0;

  /* Whatever the content looks like, each CSV reader must cope. */
  fuzz_parse_as (data, size, "fuzz.csv", GUILD_IMPORT_FORMAT_LINKEDIN_CSV);
  fuzz_parse_as (data, size, "fuzz.csv", GUILD_IMPORT_FORMAT_GOOGLE_CSV);
  fuzz_parse_as (data, size, "fuzz.csv", GUILD_IMPORT_FORMAT_GENERIC_CSV);

  text = guild_import_decode_text (data, size, &n);
  if (text == NULL || !g_utf8_validate (text, n, NULL) || strlen (text) != n)
    abort ();

  mapping = guild_csv_mapping_guess (text, n);
  if (mapping != NULL)
    {
      g_autoptr(GuildCsvMapping) copy = NULL;
      guint columns = guild_csv_mapping_get_n_columns (mapping);

      for (guint i = 0; i < columns; i++)
        {
          const char *header = guild_csv_mapping_get_header (mapping, i);

          if (header != NULL && !g_utf8_validate (header, -1, NULL))
            abort ();
        }

      {
        g_autoptr(GuildImportResult) result =
          guild_import_parse_csv_with_mapping (text, n, "fuzz.csv", mapping, NULL);

        fuzz_check_result (result);
      }

      /* The user corrects the guess: every column becomes something else,
       * chosen by the input itself. */
      copy = guild_csv_mapping_copy (mapping);
      for (guint i = 0; i < columns; i++)
        guild_csv_mapping_set_field (copy, i,
                                     (GuildCsvField) ((i + (size > 0 ? data[size - 1] : 0))
                                                      % GUILD_N_CSV_FIELDS));
      {
        g_autoptr(GuildImportResult) result =
          guild_import_parse_csv_with_mapping (text, n, "fuzz.csv", copy, NULL);

        fuzz_check_result (result);
      }
    }

  (void) detected;
  return 0;
}
