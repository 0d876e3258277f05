/* guild-store-contact-index.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-store-contact-index"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "guild-record.h"
#include "guild-store-contact-index.h"
#include "guild-store-contacts.h"
#include "guild-store-private.h"
#include "guild-text.h"

/* The contacts view shows 100,000 rows and sorts them by columns that are
 * not in the contact's row (its communities, the last interaction, the next
 * follow-up), and searches folded text. Everything it needs for that is read
 * here in a handful of aggregate queries on a worker's own connection, and
 * folded and collated there once, instead of a query or a fold per row while
 * the user scrolls or types. After that, a single changed contact is
 * recomputed from its record on the main thread (a few microseconds). */

/* The entries read by a load are packed (the index holds 100,000 of them
 * for as long as the view is open): their structs come from slabs of
 * SLAB_ENTRIES, their strings from one GStringChunk and their community ids
 * from blocks of IDS_BLOCK, instead of eight small blocks from malloc per
 * contact, each with its header, left among the freed temporaries of the
 * load. An entry recomputed later (an edited contact) owns its strings. */
/* The columns ranked by collation (see "Section: ranks"). */
enum {
  RANK_NAME,
  RANK_POSITION,
  RANK_COMPANY,
  RANK_COMMUNITIES,
  N_RANKS
};

#define SLAB_ENTRIES 1024
#define IDS_BLOCK    (64 * 1024)
#define STRING_CHUNK (1024 * 1024)

enum {
  STORAGE_IN_SLAB = 1 << 0,  /* the struct is in a slab */
  STORAGE_PACKED  = 1 << 1,  /* its strings and ids are in the packed blocks */
};

struct _GuildContactIndex
{
  gatomicrefcount  ref_count;
  GHashTable      *by_id;            /* gint64 * → GuildContactEntry, owned */
  GHashTable      *community_names;  /* gint64 * → char *, owned */
  GHashTable      *tags;             /* folded → the tag as first written */
  GPtrArray       *order[N_RANKS];   /* the entries with a text, by rank */

  /* Packed entries of a load */
  GPtrArray       *slabs;            /* GuildContactEntry[SLAB_ENTRIES] */
  guint            slab_used;
  GStringChunk    *strings;
  GPtrArray       *id_blocks;        /* gint64[IDS_BLOCK] */
  guint            ids_used;
};

G_DEFINE_BOXED_TYPE (GuildContactIndex, guild_contact_index,
                     guild_contact_index_ref, guild_contact_index_unref)

static void
entry_clear (GuildContactEntry *entry)
{
  if (entry->storage & STORAGE_PACKED)
    {
      /* The strings belong to the index's packed blocks. */
      entry->display = entry->search = entry->tags = NULL;
      entry->communities = NULL;
      entry->n_communities = 0;
      entry->storage &= ~STORAGE_PACKED;
      return;
    }

  g_clear_pointer (&entry->display, g_free);
  g_clear_pointer (&entry->search, g_free);
  g_clear_pointer (&entry->tags, g_free);
  g_clear_pointer (&entry->communities, g_free);
  entry->n_communities = 0;
}

static void
entry_free (gpointer data)
{
  GuildContactEntry *entry = data;

  entry_clear (entry);
  if (!(entry->storage & STORAGE_IN_SLAB))
    g_free (entry);
}

/**
 * guild_contact_index_new:
 *
 * Returns: (transfer full): an empty index
 */
GuildContactIndex *
guild_contact_index_new (void)
{
  GuildContactIndex *self = g_new0 (GuildContactIndex, 1);

  g_atomic_ref_count_init (&self->ref_count);
  /* The key is the entry's own id field, freed with it. */
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  self->community_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint c = 0; c < N_RANKS; c++)
    self->order[c] = g_ptr_array_new ();

  return self;
}

GuildContactIndex *
guild_contact_index_ref (GuildContactIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
guild_contact_index_unref (GuildContactIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->community_names);
  g_hash_table_unref (self->tags);
  for (guint c = 0; c < N_RANKS; c++)
    g_ptr_array_unref (self->order[c]);
  g_clear_pointer (&self->slabs, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->id_blocks, g_ptr_array_unref);
  g_free (self);
}

guint
guild_contact_index_get_size (GuildContactIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->by_id);
}

/**
 * guild_contact_index_dup_entries:
 *
 * Returns: (transfer container) (element-type GuildContactEntry): every
 *   entry, in no particular order, owned by the index
 */
GPtrArray *
guild_contact_index_dup_entries (GuildContactIndex *self)
{
  GPtrArray *entries;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);

  entries = g_ptr_array_sized_new (g_hash_table_size (self->by_id));
  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);

  return entries;
}

/**
 * guild_contact_index_lookup:
 *
 * Returns: (transfer none) (nullable): the entry of contact @id
 */
GuildContactEntry *
guild_contact_index_lookup (GuildContactIndex *self,
                            gint64             id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->by_id, &id);
}

/* Section: computing an entry */

/* Section: ranks
 *
 * The view sorts by name, position, company and communities in the user's
 * collation. Instead of a collation key per entry and column (several times
 * the text, kept for as long as the view is open), each entry has a rank
 * per column: the order of its text among all entries', equal texts with
 * equal ranks, 0 for none. A load ranks all entries at once from keys it
 * then drops; an entry changed later is placed by bisecting the entries in
 * rank order (self->order), making keys of the texts it meets. Ranks leave
 * gaps between them so that a new one fits in between; when one does not,
 * the column is numbered again. */

static guint32 *
rank_of (GuildContactEntry *entry,
         guint              column)
{
  switch (column)
    {
    case RANK_NAME:
      return &entry->name_rank;
    case RANK_POSITION:
      return &entry->position_rank;
    case RANK_COMPANY:
      return &entry->company_rank;
    case RANK_COMMUNITIES:
    default:
      return &entry->communities_rank;
    }
}

/* Returns: (transfer full) (nullable): the entry's text in @column, %NULL
 *   when it is empty */
static char *
dup_rank_text (GuildContactIndex *self,
               GuildContactEntry *entry,
               guint              column)
{
  char *text;

  switch (column)
    {
    case RANK_NAME:
      text = g_strdup (guild_contact_entry_get_name (entry));
      break;
    case RANK_POSITION:
      text = g_strdup (guild_contact_entry_get_position (entry));
      break;
    case RANK_COMPANY:
      text = g_strdup (guild_contact_entry_get_company (entry));
      break;
    case RANK_COMMUNITIES:
    default:
      text = guild_contact_index_dup_communities_text (self, entry);
      break;
    }

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
dup_rank_key (GuildContactIndex *self,
              GuildContactEntry *entry,
              guint              column)
{
  g_autofree char *text = dup_rank_text (self, entry, column);

  return text != NULL ? g_utf8_collate_key (text, -1) : NULL;
}

/* The spacing of ranks numbered afresh for @n texts. */
static guint32
rank_gap (guint n)
{
  return MAX (1, G_MAXUINT32 / ((guint64) n + 2));
}

/* Numbers @column's ranks again, evenly spaced, keeping their order. */
static void
renumber (GuildContactIndex *self,
          guint              column)
{
  GPtrArray *order = self->order[column];
  guint32 gap = rank_gap (order->len);
  guint32 previous = 0;
  guint32 rank = 0;

  for (guint i = 0; i < order->len; i++)
    {
      guint32 *r = rank_of (g_ptr_array_index (order, i), column);

      if (i == 0 || *r != previous)
        rank += gap;
      previous = *r;
      *r = rank;
    }
}

/* The first place in @column's order whose rank is not below @rank. */
static guint
lower_bound (GuildContactIndex *self,
             guint              column,
             guint32            rank)
{
  GPtrArray *order = self->order[column];
  guint lo = 0;
  guint hi = order->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (*rank_of (g_ptr_array_index (order, mid), column) < rank)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
remove_rank (GuildContactIndex *self,
             GuildContactEntry *entry,
             guint              column)
{
  GPtrArray *order = self->order[column];
  guint32 rank = *rank_of (entry, column);

  if (rank == 0)
    return;
  for (guint i = lower_bound (self, column, rank);
       i < order->len && *rank_of (g_ptr_array_index (order, i), column) == rank;
       i++)
    if (g_ptr_array_index (order, i) == entry)
      {
        g_ptr_array_remove_index (order, i);
        break;
      }
  *rank_of (entry, column) = 0;
}

static void
insert_rank (GuildContactIndex *self,
             GuildContactEntry *entry,
             guint              column)
{
  GPtrArray *order = self->order[column];
  g_autofree char *key = dup_rank_key (self, entry, column);
  guint lo = 0;
  guint hi = order->len;
  guint32 below;
  guint32 above;

  *rank_of (entry, column) = 0;
  if (key == NULL)
    return;

  /* The first entry whose text does not sort before the new one. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autofree char *other = dup_rank_key (self, g_ptr_array_index (order, mid), column);

      if (other == NULL || strcmp (other, key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < order->len)
    {
      g_autofree char *other = dup_rank_key (self, g_ptr_array_index (order, lo), column);

      /* The same text: the same rank. */
      if (other != NULL && strcmp (other, key) == 0)
        {
          *rank_of (entry, column) = *rank_of (g_ptr_array_index (order, lo), column);
          g_ptr_array_insert (order, (int) lo, entry);
          return;
        }
    }

  below = lo > 0 ? *rank_of (g_ptr_array_index (order, lo - 1), column) : 0;
  above = lo < order->len ? *rank_of (g_ptr_array_index (order, lo), column) : G_MAXUINT32;
  if (above - below < 2)
    {
      renumber (self, column);
      below = lo > 0 ? *rank_of (g_ptr_array_index (order, lo - 1), column) : 0;
      above = lo < order->len ? *rank_of (g_ptr_array_index (order, lo), column) : G_MAXUINT32;
    }
  *rank_of (entry, column) = below + (above - below) / 2;
  g_ptr_array_insert (order, (int) lo, entry);
}

typedef struct
{
  char              *key;
  GuildContactEntry *entry;
} Keyed;

static int
compare_keyed (const void *a,
               const void *b)
{
  return strcmp (((const Keyed *) a)->key, ((const Keyed *) b)->key);
}

/* Ranks every entry in every column, on the loading worker. */
static void
compute_ranks (GuildContactIndex *self)
{
  g_autofree Keyed *keyed = g_new (Keyed, g_hash_table_size (self->by_id));

  for (guint c = 0; c < N_RANKS; c++)
    {
      GHashTableIter iter;
      gpointer value;
      guint n = 0;
      guint32 gap;
      guint32 rank = 0;

      g_hash_table_iter_init (&iter, self->by_id);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GuildContactEntry *entry = value;

          *rank_of (entry, c) = 0;
          keyed[n].key = dup_rank_key (self, entry, c);
          keyed[n].entry = entry;
          if (keyed[n].key != NULL)
            n++;
        }
      qsort (keyed, n, sizeof keyed[0], compare_keyed);

      gap = rank_gap (n);
      g_ptr_array_set_size (self->order[c], 0);
      for (guint i = 0; i < n; i++)
        {
          if (i == 0 || strcmp (keyed[i - 1].key, keyed[i].key) != 0)
            rank += gap;
          *rank_of (keyed[i].entry, c) = rank;
          g_ptr_array_add (self->order[c], keyed[i].entry);
        }
      for (guint i = 0; i < n; i++)
        g_free (keyed[i].key);
    }
}

static guint32
julian_of_day (const char *day)
{
  unsigned int y, m, d;
  GDate date;

  if (day == NULL || !guild_day_is_valid (day, FALSE) ||
      sscanf (day, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

/**
 * guild_julian_today:
 *
 * Returns: today's local day as a julian day number (GDate's)
 */
guint32
guild_julian_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

static void
compute_follow_up (GuildContactEntry *entry)
{
  GDate next;
  GDate start;

  entry->follow_up = 0;
  if (entry->cadence_days <= 0)
    return;

  if (entry->last_interaction != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->last_interaction);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

      if (local == NULL)
        return;
      g_date_clear (&start, 1);
      g_date_set_dmy (&start, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
    }
  else if (entry->connected_on != 0)
    {
      g_date_clear (&start, 1);
      g_date_set_julian (&start, entry->connected_on);
    }
  else
    return;

  next = start;
  g_date_add_days (&next, (guint) entry->cadence_days);
  entry->follow_up = g_date_get_julian (&next);
}

/**
 * guild_contact_entry_is_due:
 * @today: the julian day of today (guild_julian_today())
 *
 * The same rule as guild_contact_is_due(): due on the follow-up day and
 * every day after it.
 */
gboolean
guild_contact_entry_is_due (const GuildContactEntry *entry,
                            guint32                  today)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->follow_up != 0 && entry->follow_up <= today;
}

/**
 * guild_contact_entry_get_name:
 *
 * Returns: the contact's full name ("" when it has none)
 */
const char *
guild_contact_entry_get_name (const GuildContactEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->display != NULL ? entry->display : "";
}

/**
 * guild_contact_entry_get_position:
 *
 * Returns: the contact's position ("" when unknown)
 */
const char *
guild_contact_entry_get_position (const GuildContactEntry *entry)
{
  const char *name = guild_contact_entry_get_name (entry);

  return entry->display != NULL ? name + strlen (name) + 1 : "";
}

/**
 * guild_contact_entry_get_company:
 *
 * Returns: the contact's company ("" when unknown)
 */
const char *
guild_contact_entry_get_company (const GuildContactEntry *entry)
{
  const char *position = guild_contact_entry_get_position (entry);

  return entry->display != NULL ? position + strlen (position) + 1 : "";
}

/* The three texts the view shows, each followed by a NUL, in one block. */
static char *
make_display (const char *name,
              const char *position,
              const char *company)
{
  gsize n_name = name != NULL ? strlen (name) : 0;
  gsize n_position = position != NULL ? strlen (position) : 0;
  gsize n_company = company != NULL ? strlen (company) : 0;
  char *display = g_malloc (n_name + n_position + n_company + 3);
  char *p = display;

  memcpy (p, name != NULL ? name : "", n_name + 1);
  p += n_name + 1;
  memcpy (p, position != NULL ? position : "", n_position + 1);
  p += n_position + 1;
  memcpy (p, company != NULL ? company : "", n_company + 1);

  return display;
}

static const char *
intern_relationship (const char *id)
{
  const GuildVocabEntry *v = guild_vocab_lookup (GUILD_VOCAB_RELATIONSHIP, id);

  return v != NULL ? v->id : "peer";
}

/* The raw text of one contact while the worker gathers it. */
typedef struct
{
  GuildContactEntry *entry;
  char              *name;
  char              *company;
  char              *position;
  char              *notes;
  char              *location;
  GPtrArray         *emails;
  GPtrArray         *tags;
  GArray            *communities;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->name);
  g_free (p->company);
  g_free (p->position);
  g_free (p->notes);
  g_free (p->location);
  g_clear_pointer (&p->emails, g_ptr_array_unref);
  g_clear_pointer (&p->tags, g_ptr_array_unref);
  g_clear_pointer (&p->communities, g_array_unref);
  g_free (p);
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

/* Fills @entry's derived fields from the raw values. The search text is the
 * same as guild_contact_search_text() makes from a record. */
static void
fill_entry (GuildContactIndex  *self,
            GuildContactEntry  *entry,
            const char         *name,
            const char         *company,
            const char         *position,
            const char * const *emails,
            const char * const *tags,
            const char         *notes,
            const char         *location,
            const gint64       *communities,
            guint               n_communities)
{
  g_autoptr(GString) search = g_string_new (NULL);
  g_autoptr(GString) folded_tags = g_string_new (NULL);

  append_folded (search, name);
  append_folded (search, company);
  append_folded (search, position);
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    append_folded (search, emails[i]);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *folded = guild_text_fold (tags[i]);

      append_folded (search, tags[i]);
      if (*folded == '\0')
        continue;
      g_string_append (folded_tags, folded);
      g_string_append_c (folded_tags, '\x1f');
      if (!g_hash_table_contains (self->tags, folded))
        g_hash_table_insert (self->tags, g_strdup (folded), g_strdup (tags[i]));
    }
  append_folded (search, notes);
  append_folded (search, location);

  entry->display = make_display (name, position, company);
  entry->search = g_string_free (g_steal_pointer (&search), FALSE);
  entry->tags = folded_tags->len > 0 ? g_string_free (g_steal_pointer (&folded_tags), FALSE)
                                     : NULL;
  entry->communities = n_communities > 0 ? g_memdup2 (communities, n_communities * sizeof (gint64))
                                         : NULL;
  entry->n_communities = n_communities;
  compute_follow_up (entry);
}

/**
 * guild_contact_index_update:
 * @contact: a #GuildContact as the store holds it now
 *
 * Recomputes (or adds) the contact's entry from its record, keeping the last
 * interaction already known. The entry stays at the same address.
 *
 * Returns: (transfer none): the entry
 */
GuildContactEntry *
guild_contact_index_update (GuildContactIndex *self,
                            GuildRecord       *contact)
{
  GuildContactEntry *entry;
  GArray *communities;
  char *old_texts[N_RANKS] = { NULL, };
  gboolean existed;
  gint64 id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (GUILD_IS_RECORD (contact), NULL);
  g_return_val_if_fail (guild_record_get_kind (contact) == GUILD_RECORD_CONTACT, NULL);

  id = guild_record_get_id (contact);
  entry = g_hash_table_lookup (self->by_id, &id);
  existed = entry != NULL;
  if (entry == NULL)
    {
      entry = g_new0 (GuildContactEntry, 1);
      entry->id = id;
      g_hash_table_insert (self->by_id, &entry->id, entry);
    }
  else
    {
      for (guint c = 0; c < N_RANKS; c++)
        old_texts[c] = dup_rank_text (self, entry, c);
      entry_clear (entry);
    }

  entry->relationship = intern_relationship (guild_record_get_text (contact, "relationship"));
  entry->quality = (guint8) guild_record_get_int (contact, "connection-quality");
  entry->connected_on = julian_of_day (guild_record_get_text (contact, "connected-on"));
  entry->cadence_days = (int) guild_record_get_int (contact, "cadence-days");

  communities = guild_record_get_ids (contact, "communities");
  fill_entry (self, entry,
              guild_record_get_text (contact, "full-name"),
              guild_record_get_text (contact, "company"),
              guild_record_get_text (contact, "position"),
              guild_record_get_strv (contact, "emails"),
              guild_record_get_strv (contact, "tags"),
              guild_record_get_text (contact, "notes"),
              guild_record_get_text (contact, "location"),
              communities != NULL ? (const gint64 *) (gpointer) communities->data : NULL,
              communities != NULL ? communities->len : 0);

  /* A text that did not change keeps its rank. */
  for (guint c = 0; c < N_RANKS; c++)
    {
      g_autofree char *text = dup_rank_text (self, entry, c);

      if (existed && g_strcmp0 (text, old_texts[c]) == 0)
        {
          g_free (old_texts[c]);
          continue;
        }
      g_free (old_texts[c]);
      if (existed)
        remove_rank (self, entry, c);
      insert_rank (self, entry, c);
    }

  return entry;
}

void
guild_contact_index_remove (GuildContactIndex *self,
                            gint64             id)
{
  GuildContactEntry *entry;

  g_return_if_fail (self != NULL);

  entry = g_hash_table_lookup (self->by_id, &id);
  if (entry == NULL)
    return;
  for (guint c = 0; c < N_RANKS; c++)
    remove_rank (self, entry, c);
  g_hash_table_remove (self->by_id, &id);
}

/**
 * guild_contact_index_set_last_interaction:
 * @at: the instant of the latest activity with contact @id (0: none)
 *
 * Records a newer interaction and recomputes the next follow-up.
 */
void
guild_contact_index_set_last_interaction (GuildContactIndex *self,
                                          gint64             id,
                                          gint64             at)
{
  GuildContactEntry *entry;

  g_return_if_fail (self != NULL);

  entry = g_hash_table_lookup (self->by_id, &id);
  if (entry == NULL)
    return;

  entry->last_interaction = at;
  compute_follow_up (entry);
}

/**
 * guild_contact_index_get_community_name:
 *
 * Returns: (nullable): the name of a community, as of the last load
 */
const char *
guild_contact_index_get_community_name (GuildContactIndex *self,
                                        gint64             community_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_hash_table_lookup (self->community_names, &community_id);
}

/**
 * guild_contact_index_set_community_name:
 * @name: (nullable): the new name, %NULL when the community was deleted
 */
void
guild_contact_index_set_community_name (GuildContactIndex *self,
                                        gint64             community_id,
                                        const char        *name)
{
  g_return_if_fail (self != NULL);

  if (name == NULL)
    g_hash_table_remove (self->community_names, &community_id);
  else
    g_hash_table_insert (self->community_names, g_memdup2 (&community_id, sizeof community_id),
                         g_strdup (name));
}

/**
 * guild_contact_index_dup_communities_text:
 *
 * Returns: (transfer full): the names of the entry's communities, comma
 *   separated, in the contact's order ("" when none)
 */
char *
guild_contact_index_dup_communities_text (GuildContactIndex       *self,
                                          const GuildContactEntry *entry)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < entry->n_communities; i++)
    {
      const char *name = g_hash_table_lookup (self->community_names, &entry->communities[i]);

      if (name == NULL)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name);
    }

  return g_string_free (out, FALSE);
}

static int
compare_utf8 (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * guild_contact_index_dup_tags:
 *
 * Returns: (transfer full) (element-type utf8): every tag seen, once each
 *   (ignoring case), sorted
 */
GPtrArray *
guild_contact_index_dup_tags (GuildContactIndex *self)
{
  GPtrArray *out;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (out, g_strdup (value));
  g_ptr_array_sort (out, compare_utf8);

  return out;
}

/* Section: packing */

static GuildContactEntry *
slab_entry (GuildContactIndex *self)
{
  GuildContactEntry *entry;

  if (self->slabs == NULL)
    self->slabs = g_ptr_array_new_with_free_func (g_free);
  if (self->slabs->len == 0 || self->slab_used == SLAB_ENTRIES)
    {
      g_ptr_array_add (self->slabs, g_new0 (GuildContactEntry, SLAB_ENTRIES));
      self->slab_used = 0;
    }
  entry = (GuildContactEntry *) g_ptr_array_index (self->slabs, self->slabs->len - 1)
          + self->slab_used++;
  entry->storage = STORAGE_IN_SLAB;

  return entry;
}

static char *
pack_string (GuildContactIndex *self,
             char              *text,
             gssize             len)
{
  char *packed;

  if (text == NULL)
    return NULL;
  packed = g_string_chunk_insert_len (self->strings, text, len >= 0 ? len : (gssize) strlen (text));
  g_free (text);

  return packed;
}

static gint64 *
pack_ids (GuildContactIndex *self,
          gint64            *ids,
          guint              n)
{
  gint64 *packed;

  if (ids == NULL || n == 0 || n > IDS_BLOCK)
    return ids;
  if (self->id_blocks == NULL)
    self->id_blocks = g_ptr_array_new_with_free_func (g_free);
  if (self->id_blocks->len == 0 || self->ids_used + n > IDS_BLOCK)
    {
      g_ptr_array_add (self->id_blocks, g_new (gint64, IDS_BLOCK));
      self->ids_used = 0;
    }
  packed = (gint64 *) g_ptr_array_index (self->id_blocks, self->id_blocks->len - 1)
           + self->ids_used;
  memcpy (packed, ids, n * sizeof (gint64));
  self->ids_used += n;
  g_free (ids);

  return packed;
}

/* Moves a freshly computed entry's strings and ids into the packed blocks. */
static void
pack_entry (GuildContactIndex *self,
            GuildContactEntry *entry)
{
  const char *name = guild_contact_entry_get_name (entry);
  const char *company = guild_contact_entry_get_company (entry);
  /* The three texts and the NULs between them. */
  gssize display_len = (company + strlen (company)) - name;

  if (entry->communities != NULL && entry->n_communities > IDS_BLOCK)
    return;
  if (self->strings == NULL)
    self->strings = g_string_chunk_new (STRING_CHUNK);

  entry->display = pack_string (self, entry->display, display_len);
  entry->search = pack_string (self, entry->search, -1);
  entry->tags = pack_string (self, entry->tags, -1);
  entry->communities = pack_ids (self, entry->communities, entry->n_communities);
  entry->storage |= STORAGE_PACKED;
}

/* Section: loading */

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);

  if (rc != SQLITE_OK)
    return _guild_store_set_error (db, rc, error);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Runs @sql, whose first column is a contact id, calling @row for each row
 * of a known contact. */
static gboolean
for_each_row (sqlite3       *db,
              const char    *sql,
              GHashTable    *pending,
              void         (*row) (Pending *p, sqlite3_stmt *stmt),
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint rows = 0;
  int rc;

  if (!prepare (db, sql, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Pending *p;

      if (++rows % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      p = g_hash_table_lookup (pending, &id);
      if (p != NULL)
        row (p, stmt);
    }
  if (rc != SQLITE_DONE)
    return _guild_store_set_error (db, rc, error);

  return TRUE;
}

static void
email_row (Pending      *p,
           sqlite3_stmt *stmt)
{
  if (p->emails == NULL)
    p->emails = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->emails, g_strdup (column_text (stmt, 1)));
}

static void
tag_row (Pending      *p,
         sqlite3_stmt *stmt)
{
  if (p->tags == NULL)
    p->tags = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (p->tags, g_strdup (column_text (stmt, 1)));
}

static void
membership_row (Pending      *p,
                sqlite3_stmt *stmt)
{
  gint64 community = sqlite3_column_int64 (stmt, 1);

  if (p->communities == NULL)
    p->communities = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (p->communities, community);
}

static void
interaction_row (Pending      *p,
                 sqlite3_stmt *stmt)
{
  p->entry->last_interaction = sqlite3_column_int64 (stmt, 1);
}

static const char * const *
strv_of (GPtrArray *array)
{
  if (array == NULL)
    return NULL;
  g_ptr_array_add (array, NULL);
  return (const char * const *) array->pdata;
}

static GuildContactIndex *
load_on (sqlite3       *db,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GuildContactIndex) self = guild_contact_index_new ();
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (!prepare (db, "SELECT id, name FROM community", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    guild_contact_index_set_community_name (self, sqlite3_column_int64 (stmt, 0),
                                            column_text (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pending_free);
  if (!prepare (db,
                "SELECT id, full_name, company, position, notes, location, relationship,"
                " connected_on, cadence_days, connection_quality FROM contact",
                &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Pending *p = g_new0 (Pending, 1);

      p->entry = slab_entry (self);
      p->entry->id = sqlite3_column_int64 (stmt, 0);
      p->name = g_strdup (column_text (stmt, 1));
      p->company = g_strdup (column_text (stmt, 2));
      p->position = g_strdup (column_text (stmt, 3));
      p->notes = g_strdup (column_text (stmt, 4));
      p->location = g_strdup (column_text (stmt, 5));
      p->entry->relationship = intern_relationship (column_text (stmt, 6));
      p->entry->connected_on = julian_of_day (column_text (stmt, 7));
      p->entry->cadence_days = sqlite3_column_int (stmt, 8);
      p->entry->quality = (guint8) sqlite3_column_int (stmt, 9);
      g_hash_table_insert (pending, &p->entry->id, p);
    }
  if (rc != SQLITE_DONE)
    {
      _guild_store_set_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!for_each_row (db, "SELECT contact_id, value FROM contact_email ORDER BY contact_id, position",
                     pending, email_row, cancellable, error) ||
      !for_each_row (db, "SELECT contact_id, value FROM contact_tag ORDER BY contact_id, position",
                     pending, tag_row, cancellable, error) ||
      !for_each_row (db,
                     "SELECT contact_id, community_id FROM membership"
                     " ORDER BY contact_id, position",
                     pending, membership_row, cancellable, error) ||
      /* The same query as guild_store_contacts_last_interaction(), on this
       * worker's connection; see there for the planner hints. */
      !for_each_row (db,
                     "SELECT ac.contact_id, max(a.at)"
                     " FROM activity AS a INDEXED BY activity_by_at"
                     " CROSS JOIN activity_contact AS ac ON ac.activity_id = a.id"
                     " GROUP BY ac.contact_id",
                     pending, interaction_row, cancellable, error))
    return NULL;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pending *p = value;
      GuildContactEntry *entry;

      if (g_hash_table_size (self->by_id) % 4096 == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      fill_entry (self, p->entry, p->name, p->company, p->position,
                  strv_of (p->emails), strv_of (p->tags), p->notes, p->location,
                  p->communities != NULL ? (const gint64 *) (gpointer) p->communities->data : NULL,
                  p->communities != NULL ? p->communities->len : 0);
      pack_entry (self, p->entry);
      entry = g_steal_pointer (&p->entry);
      g_hash_table_insert (self->by_id, &entry->id, entry);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  compute_ranks (self);

  return g_steal_pointer (&self);
}

/**
 * guild_store_load_contact_index:
 *
 * Reads the contact index on a connection of its own (the store's file must
 * be on disk). guild_store_load_contact_index_async() runs it on a worker.
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
GuildContactIndex *
guild_store_load_contact_index (GuildStore    *self,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);

  return guild_contact_index_load_file (guild_store_get_path (self), cancellable, error);
}

/**
 * guild_contact_index_load_file:
 * @path: a store's file (guild_store_get_path())
 *
 * Reads the contact index from the file at @path on a connection of its
 * own, on any thread.
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
GuildContactIndex *
guild_contact_index_load_file (const char    *path,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GuildContactIndex *index;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);

  db = _guild_store_open_reader (path, error);
  if (db == NULL)
    return NULL;
  index = load_on (db, cancellable, error);
  _guild_store_close_reader (db);

  return index;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GuildContactIndex *index;

  index = guild_contact_index_load_file (task_data, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, index, (GDestroyNotify) guild_contact_index_unref);
}

/**
 * guild_store_load_contact_index_async:
 *
 * Loads the contact index on a worker thread.
 */
void
guild_store_load_contact_index_async (GuildStore          *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GUILD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, guild_store_load_contact_index_async);
  g_task_set_task_data (task, g_strdup (guild_store_get_path (self)), g_free);
  g_task_run_in_thread (task, load_worker);
}

/**
 * guild_store_load_contact_index_finish:
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 */
GuildContactIndex *
guild_store_load_contact_index_finish (GuildStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (GUILD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
