/* test-import-fuzz.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "import/guild-import.h"


/* A deterministic mutation fuzzer: every sample file under tests/data/import
 * is mutated thousands of times with a fixed seed (flipped bytes, cuts,
 * duplicated runs, inserted quotes, line breaks, `=`, `\`, …) and run through
 * detection and every parser. Nothing may crash, leak or hang, every record
 * that comes out must be storable, and the counts must stay sane. The build
 * runs it under ASan and UBSan. GUILD_FUZZ_ITERATIONS overrides the count.
 */

#define DEFAULT_ITERATIONS 400

static const char *tokens[] = {
  "\"", "\n", "\r\n", "\r", "=", "\\", ";", ":", ",", "\t", " ", "\"\"", "=\r\n", "\\n",
  "BEGIN:VCARD\n", "END:VCARD\n", "BEGIN:VEVENT\n", "END:VEVENT\n", "BEGIN:VCALENDAR\n",
  "DTSTART:", ";VALUE=DATE:", "ENCODING=QUOTED-PRINTABLE:", "ENCODING=b:", "=C3", "\xC3",
  "\xFF\xFE", "\xEF\xBB\xBF", "{", "}", "[", "]", "\\ud83d", "\\u0000", "1e999", "-",
  "99999999999999999999", "TZID=Nowhere/Nothing:", "--", "null", "\x00",
};

static guint
count_lines (const guint8 *data,
             gsize         len)
{
  guint lines = 1;

  for (gsize i = 0; i < len; i++)
    lines += data[i] == '\n' || data[i] == '\r';

  return lines;
}

static void
insert_bytes (GByteArray   *bytes,
              guint         at,
              const guint8 *data,
              gsize         n)
{
  guint old_len = bytes->len;

  g_byte_array_set_size (bytes, old_len + n);
  memmove (bytes->data + at + n, bytes->data + at, old_len - at);
  memcpy (bytes->data + at, data, n);
}

static void
mutate (GRand      *rand,
        GByteArray *bytes)
{
  guint ops = g_rand_int_range (rand, 1, 6);

  for (guint op = 0; op < ops; op++)
    {
      guint len = bytes->len;
      guint at = len > 0 ? g_rand_int_range (rand, 0, len) : 0;

      switch (g_rand_int_range (rand, 0, 7))
        {
        case 0:
          if (len > 0)
            bytes->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:
          if (len > 0)
            bytes->data[at] = g_rand_int_range (rand, 0, 256);
          break;
        case 2:
          g_byte_array_set_size (bytes, at);
          break;
        case 3:
          if (len > 0)
            {
              guint want = g_rand_int_range (rand, 1, 200);
              guint n = MIN (len - at, want);
              g_autofree guint8 *copy = g_memdup2 (bytes->data + at, n);
              guint where = g_rand_int_range (rand, 0, len + 1);

              insert_bytes (bytes, where, copy, n);
            }
          break;
        case 4:
          if (len > 0)
            {
              guint want = g_rand_int_range (rand, 1, 64);

              g_byte_array_remove_range (bytes, at, MIN (len - at, want));
            }
          break;
        default:
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize n = *token == '\0' ? 1 : strlen (token);

            insert_bytes (bytes, at, (const guint8 *) token, n);
          }
          break;
        }
    }
}

static void
check_result (GuildImportResult *result,
              guint              lines)
{
  g_assert_nonnull (result);
  g_assert_cmpuint (result->items->len, <=, lines + 1);
  /* Each record is reported at most once, either kept or skipped. */
  g_assert_cmpuint (result->skipped->len, <=, lines + 1);

  for (guint i = 0; i < result->items->len; i++)
    {
      GuildImportItem *item = g_ptr_array_index (result->items, i);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (item->line, <=, lines);
      /* Cancelled occurrences of a series elsewhere: its UID and the dates. */
      if (item->exceptions_only)
        {
          g_assert_cmpstr (guild_record_get_text (item->record, "uid"), !=, "");
          g_assert_nonnull (guild_record_get_strv (item->record, "exdates")[0]);
          continue;
        }
      if (!guild_record_validate (item->record, &error))
        g_error ("Record %u is not storable: %s", i, error->message);
    }
  for (guint i = 0; i < result->skipped->len; i++)
    {
      const GuildImportIssue *issue = &g_array_index (result->skipped, GuildImportIssue, i);

      g_assert_cmpuint (issue->line, <=, lines);
      g_assert_true (g_utf8_validate (issue->message, -1, NULL));
    }
}

static void
run_one (const guint8      *data,
         gsize              len,
         const char        *name,
         GuildImportFormat  original)
{
  guint lines = count_lines (data, len);
  GuildImportFormat detected = guild_import_detect (data, len, name);
  GuildImportFormat forced[] = { detected, original };

  for (guint i = 0; i < G_N_ELEMENTS (forced); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GuildImportResult) result = NULL;

      if (i == 1 && forced[1] == forced[0])
        break;

      result = guild_import_parse (data, len, name, forced[i], NULL, &error);
      if (result == NULL)
        {
          /* Only a whole-file failure is an error: an unknown kind or a
           * broken backup. */
          g_assert_nonnull (error);
          g_assert_true (error->domain == GUILD_IMPORT_ERROR);
          continue;
        }
      g_assert_no_error (error);
      check_result (result, lines);
    }

  /* The generic CSV path reads anything. */
  {
    g_autofree char *text = NULL;
    gsize n = 0;
    g_autoptr(GuildCsvMapping) mapping = NULL;

    text = guild_import_decode_text (data, len, &n);
    g_assert_true (g_utf8_validate (text, n, NULL));
    g_assert_cmpuint (strlen (text), ==, n);
    mapping = guild_csv_mapping_guess (text, n);
    if (mapping != NULL)
      {
        g_autoptr(GuildImportResult) result =
          guild_import_parse_csv_with_mapping (text, n, name, mapping, NULL);

        check_result (result, count_lines ((const guint8 *) text, n));
      }
  }
}

static void
test_fuzz_samples (void)
{
  g_autoptr(GDir) dir = g_dir_open (GUILD_TEST_DATA_DIR, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("GUILD_FUZZ_ITERATIONS");
  guint iterations = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_ITERATIONS;
  const char *name;
  guint total = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* The directory's order is the file system's; the seed's must not be. */
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >, 5);

  for (guint f = 0; f < names->len; f++)
    {
      const char *file = g_ptr_array_index (names, f);
      g_autofree char *path = g_build_filename (GUILD_TEST_DATA_DIR, file, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (0x6775696c + f);
      GuildImportFormat original;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      original = guild_import_detect ((const guint8 *) data, len, file);
      g_assert_cmpint (original, !=, GUILD_IMPORT_FORMAT_UNKNOWN);

      for (guint i = 0; i < iterations; i++)
        {
          g_autoptr(GByteArray) bytes = g_byte_array_sized_new (len + 256);

          g_byte_array_append (bytes, (const guint8 *) data, len);
          mutate (rand, bytes);
          run_one (bytes->data, bytes->len, file, original);
          total++;
        }
    }

  g_test_message ("%u mutated files parsed", total);
}

static void
test_fuzz_edge_cases (void)
{
  g_autoptr(GString) long_line = g_string_new ("Name,Notes\nA,\"");
  static const char *inputs[] = {
    "", "\n", "\r\n\r\n", "\"", "\xFF\xFE", "\xFE\xFF\x00", "\xEF\xBB\xBF",
    "BEGIN:VCARD", "BEGIN:VCARD\nEND:VCARD", "BEGIN:VCALENDAR", "{", "{\"format\":\"guild-backup\"",
    "Notes:\n\"", "First Name,Last Name,Connected On\n,,", "a;b\tc,d\n\"x\"\"\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    run_one ((const guint8 *) inputs[i], strlen (inputs[i]), "edge.csv",
             GUILD_IMPORT_FORMAT_GENERIC_CSV);

  /* An absurdly long line in an unclosed quote. */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (long_line, 'x');
  run_one ((const guint8 *) long_line->str, long_line->len, "long.csv",
           GUILD_IMPORT_FORMAT_GENERIC_CSV);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* No G_TEST_OPTION_ISOLATE_DIRS: nothing here touches the user's folders,
   * and without GLib's leak of them LeakSanitizer's fast unwinder (which
   * keeps this test quick under ASan) has nothing to suppress. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guild/import/fuzz/samples", test_fuzz_samples);
  g_test_add_func ("/guild/import/fuzz/edge-cases", test_fuzz_edge_cases);

  return g_test_run ();
}
