/* guild-community-filter.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-community-filter"

#include "config.h"

#include <string.h>

#include "guild-community-filter.h"
#include "guild-text.h"

/* What the Communities list shows and in which order, as plain data that the
 * tests check without widgets: the folded search query, and per field the
 * set of values chosen. A community matches when it contains the query and,
 * for each field with values chosen, has one of them (OR within a field,
 * AND across fields).
 *
 * The communities-filters setting is a{ss}: field → the chosen values
 * joined with commas (identifiers hold none; a language's commas are
 * dropped on the way in). */

static const GuildCommunityFilterField fields[] = {
  { "platform", GUILD_VOCAB_PLATFORM },
  { "format",   GUILD_VOCAB_FORMAT },
  { "reach",    GUILD_VOCAB_REACH },
  { "focus",    GUILD_VOCAB_FOCUS },
  { "stage",    GUILD_VOCAB_STAGE },
  { "status",   GUILD_VOCAB_COMMUNITY_STATUS },
  { "language", GUILD_N_VOCABS },
};

struct _GuildCommunityFilter
{
  char       *query;
  /* One set of chosen values per entry of fields[]; NULL when none. */
  GHashTable *chosen[G_N_ELEMENTS (fields)];
};

const GuildCommunityFilterField *
guild_community_filter_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (fields);

  return fields;
}

static int
field_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return (int) i;

  return -1;
}

GuildCommunityFilter *
guild_community_filter_new (void)
{
  GuildCommunityFilter *self = g_new0 (GuildCommunityFilter, 1);

  self->query = g_strdup ("");

  return self;
}

void
guild_community_filter_free (GuildCommunityFilter *self)
{
  if (self == NULL)
    return;

  guild_community_filter_clear (self);
  g_free (self->query);
  g_free (self);
}

/**
 * guild_community_filter_set_query:
 * @query: (nullable): what the user typed
 *
 * Returns: whether the folded query changed
 */
gboolean
guild_community_filter_set_query (GuildCommunityFilter *self,
                                  const char           *query)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  folded = guild_text_fold (query);
  if (g_strcmp0 (folded, self->query) == 0)
    return FALSE;

  g_free (self->query);
  self->query = g_steal_pointer (&folded);

  return TRUE;
}

const char *
guild_community_filter_get_query (GuildCommunityFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->query;
}

/**
 * guild_community_filter_set_value:
 * @chosen: whether communities with @value in @field are shown
 *
 * Returns: whether anything changed
 */
gboolean
guild_community_filter_set_value (GuildCommunityFilter *self,
                                  const char           *field,
                                  const char           *value,
                                  gboolean              chosen)
{
  int i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if ((i = field_index (field)) < 0 || *value == '\0' || strchr (value, ',') != NULL)
    return FALSE;

  if (fields[i].vocab != GUILD_N_VOCABS && !guild_vocab_contains (fields[i].vocab, value))
    return FALSE;

  if (chosen)
    {
      if (self->chosen[i] == NULL)
        self->chosen[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      return g_hash_table_add (self->chosen[i], g_strdup (value));
    }

  if (self->chosen[i] == NULL || !g_hash_table_remove (self->chosen[i], value))
    return FALSE;
  if (g_hash_table_size (self->chosen[i]) == 0)
    g_clear_pointer (&self->chosen[i], g_hash_table_unref);

  return TRUE;
}

gboolean
guild_community_filter_has_value (GuildCommunityFilter *self,
                                  const char           *field,
                                  const char           *value)
{
  int i;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((i = field_index (field)) < 0 || self->chosen[i] == NULL)
    return FALSE;

  return g_hash_table_contains (self->chosen[i], value);
}

/**
 * guild_community_filter_count:
 *
 * Returns: how many values are chosen over all fields
 */
guint
guild_community_filter_count (GuildCommunityFilter *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (self->chosen[i] != NULL)
      n += g_hash_table_size (self->chosen[i]);

  return n;
}

/**
 * guild_community_filter_value_change:
 * @chosen: whether a value of @field is about to be chosen (or unchosen)
 *
 * How choosing or unchoosing one value of @field changes what is shown, for
 * gtk_filter_changed(): the first value of a field narrows the list, a
 * further one widens it, and unchoosing does the opposite. Call it before
 * the change.
 */
GtkFilterChange
guild_community_filter_value_change (GuildCommunityFilter *self,
                                     const char           *field,
                                     gboolean              chosen)
{
  int i;
  guint n;

  g_return_val_if_fail (self != NULL, GTK_FILTER_CHANGE_DIFFERENT);

  if ((i = field_index (field)) < 0)
    return GTK_FILTER_CHANGE_DIFFERENT;

  n = self->chosen[i] != NULL ? g_hash_table_size (self->chosen[i]) : 0;

  if (chosen)
    return n == 0 ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT;

  return n <= 1 ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT;
}

/**
 * guild_community_filter_clear:
 *
 * Forgets every chosen value (not the query).
 */
void
guild_community_filter_clear (GuildCommunityFilter *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (&self->chosen[i], g_hash_table_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * guild_community_filter_to_variant:
 *
 * Returns: (transfer floating): the chosen values as the a{ss} of the
 *   communities-filters setting, sorted so that equal filters give equal
 *   values
 */
GVariant *
guild_community_filter_to_variant (GuildCommunityFilter *self)
{
  GVariantBuilder builder;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree const char **values = NULL;
      g_autofree char *joined = NULL;

      if (self->chosen[i] == NULL)
        continue;

      values = (const char **) g_hash_table_get_keys_as_array (self->chosen[i], NULL);
      qsort (values, g_hash_table_size (self->chosen[i]), sizeof (char *), compare_strings);
      joined = g_strjoinv (",", (char **) values);
      g_variant_builder_add (&builder, "{ss}", fields[i].field, joined);
    }

  return g_variant_builder_end (&builder);
}

/**
 * guild_community_filter_load:
 * @variant: an a{ss} from the communities-filters setting
 *
 * Replaces the chosen values; unknown fields and values are skipped.
 */
void
guild_community_filter_load (GuildCommunityFilter *self,
                             GVariant             *variant)
{
  GVariantIter iter;
  const char *field;
  const char *joined;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_variant_is_of_type (variant, G_VARIANT_TYPE ("a{ss}")));

  guild_community_filter_clear (self);

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_next (&iter, "{&s&s}", &field, &joined))
    {
      g_auto(GStrv) values = g_strsplit (joined, ",", -1);

      for (guint i = 0; values[i] != NULL; i++)
        guild_community_filter_set_value (self, field, values[i], TRUE);
    }
}

/**
 * guild_community_filter_matches:
 *
 * Returns: whether @item is shown
 */
gboolean
guild_community_filter_matches (GuildCommunityFilter *self,
                                GuildCommunityItem   *item)
{
  GuildRecord *record;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (GUILD_IS_COMMUNITY_ITEM (item), FALSE);

  record = GUILD_RECORD (guild_community_item_get_community (item));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (self->chosen[i] != NULL &&
        !g_hash_table_contains (self->chosen[i], guild_record_get_text (record, fields[i].field)))
      return FALSE;

  if (self->query[0] == '\0')
    return TRUE;

  return guild_text_matches (guild_community_item_get_search_text (item), self->query);
}

static const char * const sort_names[] = { "name", "last-activity", "joined" };

GuildCommunitySort
guild_community_sort_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (name, sort_names[i]) == 0)
      return (GuildCommunitySort) i;

  return GUILD_COMMUNITY_SORT_NAME;
}

const char *
guild_community_sort_to_string (GuildCommunitySort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (sort_names), "name");

  return sort_names[sort];
}

/**
 * guild_community_sort_compare:
 *
 * Orders two rows for @sort. Ties, and rows without an activity or a join
 * date (which go last), fall back to the name.
 */
int
guild_community_sort_compare (GuildCommunitySort  sort,
                              GuildCommunityItem *a,
                              GuildCommunityItem *b)
{
  int cmp = 0;

  switch (sort)
    {
    case GUILD_COMMUNITY_SORT_LAST_ACTIVITY:
      {
        gint64 x = guild_community_item_get_last_activity (a);
        gint64 y = guild_community_item_get_last_activity (b);

        cmp = (x < y) - (x > y);
      }
      break;

    case GUILD_COMMUNITY_SORT_JOINED:
      {
        const char *x = guild_record_get_text (GUILD_RECORD (guild_community_item_get_community (a)),
                                               "joined-on");
        const char *y = guild_record_get_text (GUILD_RECORD (guild_community_item_get_community (b)),
                                               "joined-on");

        /* Days compare as text; the empty day sorts after every real one. */
        cmp = -strcmp (x, y);
      }
      break;

    case GUILD_COMMUNITY_SORT_NAME:
    default:
      break;
    }

  if (cmp != 0)
    return cmp;

  cmp = strcmp (guild_community_item_get_sort_key (a), guild_community_item_get_sort_key (b));
  if (cmp != 0)
    return cmp;

  return (guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (a))) >
          guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (b)))) -
         (guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (a))) <
          guild_record_get_id (GUILD_RECORD (guild_community_item_get_community (b))));
}
