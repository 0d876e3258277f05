/* guild-record.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guild-record"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "guild-error.h"
#include "guild-record.h"
#include "guild-records.h"

/* A record is a bag of typed fields described by a table in each subclass
 * (GuildCommunity, GuildContact, …). Each field is a GObject property, so
 * views can bind to it, and the store maps the same table onto SQL columns.
 * Keeping one description of the fields avoids seven hand-written copies of
 * the same getters, setters and row mapping.
 */

typedef struct
{
  gint64  id;
  gint64  created_at;
  gint64  updated_at;
  GValue *values;
} GuildRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GuildRecord, guild_record, G_TYPE_OBJECT)

static GType
value_type_for_field (const GuildField *field)
{
  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      return G_TYPE_STRING;
    case GUILD_FIELD_INT:
      return G_TYPE_INT;
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_REF:
      return G_TYPE_INT64;
    case GUILD_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case GUILD_FIELD_STRV:
      return G_TYPE_STRV;
    case GUILD_FIELD_REFS:
      return G_TYPE_ARRAY;
    default:
      g_assert_not_reached ();
    }
}

static GArray *
ids_array_new (const gint64 *ids,
               guint         n_ids)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);

  if (n_ids > 0)
    g_array_append_vals (array, ids, n_ids);

  return array;
}

static void
init_field_value (const GuildField *field,
                  GValue           *value)
{
  g_value_init (value, value_type_for_field (field));

  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_DAY:
      g_value_set_static_string (value, "");
      break;
    case GUILD_FIELD_VOCAB:
      g_value_set_static_string (value, field->default_id ? field->default_id : "");
      break;
    case GUILD_FIELD_INT:
      g_value_set_int (value, field->default_int);
      break;
    case GUILD_FIELD_STRV:
      g_value_take_boxed (value, g_new0 (char *, 1));
      break;
    case GUILD_FIELD_REFS:
      g_value_take_boxed (value, ids_array_new (NULL, 0));
      break;
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_REF:
    case GUILD_FIELD_BOOL:
    default:
      break;
    }
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  guint la = a ? g_strv_length ((char **) a) : 0;
  guint lb = b ? g_strv_length ((char **) b) : 0;

  if (la != lb)
    return FALSE;

  for (guint i = 0; i < la; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
ids_equal (GArray *a,
           GArray *b)
{
  guint la = a ? a->len : 0;
  guint lb = b ? b->len : 0;

  if (la != lb)
    return FALSE;

  return la == 0 || memcmp (a->data, b->data, la * sizeof (gint64)) == 0;
}

static gboolean
values_equal (const GuildField *field,
              const GValue     *a,
              const GValue     *b)
{
  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case GUILD_FIELD_INT:
      return g_value_get_int (a) == g_value_get_int (b);
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_REF:
      return g_value_get_int64 (a) == g_value_get_int64 (b);
    case GUILD_FIELD_BOOL:
      return !g_value_get_boolean (a) == !g_value_get_boolean (b);
    case GUILD_FIELD_STRV:
      return strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
    case GUILD_FIELD_REFS:
      return ids_equal (g_value_get_boxed (a), g_value_get_boxed (b));
    default:
      g_assert_not_reached ();
    }
}

/* Copies @src into a fresh GValue normalised for @field: no NULL strings or
 * lists, and a private copy of id arrays (GArray's boxed copy only refs). */
static void
normalised_copy (const GuildField *field,
                 const GValue     *src,
                 GValue           *dest)
{
  g_value_init (dest, value_type_for_field (field));

  switch (field->type)
    {
    case GUILD_FIELD_TEXT:
    case GUILD_FIELD_VOCAB:
    case GUILD_FIELD_DAY:
      {
        const char *s = g_value_get_string (src);
        g_value_set_string (dest, s ? s : "");
      }
      break;
    case GUILD_FIELD_STRV:
      {
        const char * const *strv = g_value_get_boxed (src);
        g_value_take_boxed (dest, strv ? g_strdupv ((char **) strv) : g_new0 (char *, 1));
      }
      break;
    case GUILD_FIELD_REFS:
      {
        GArray *ids = g_value_get_boxed (src);
        g_value_take_boxed (dest, ids_array_new (ids ? (gint64 *) ids->data : NULL,
                                                 ids ? ids->len : 0));
      }
      break;
    case GUILD_FIELD_INT:
    case GUILD_FIELD_INSTANT:
    case GUILD_FIELD_REF:
    case GUILD_FIELD_BOOL:
    default:
      g_value_copy (src, dest);
      break;
    }
}

static void
store_value (GuildRecord      *self,
             guint             index,
             GValue           *value)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (self);
  const GuildField *field = &klass->fields[index];

  if (values_equal (field, &priv->values[index], value))
    {
      g_value_unset (value);
      return;
    }

  g_value_unset (&priv->values[index]);
  priv->values[index] = *value;
  memset (value, 0, sizeof *value);
  g_object_notify_by_pspec (G_OBJECT (self), klass->field_pspecs[index]);
}

static void
guild_record_finalize (GObject *object)
{
  GuildRecord *self = (GuildRecord *)object;
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    g_value_unset (&priv->values[i]);
  g_free (priv->values);

  G_OBJECT_CLASS (guild_record_parent_class)->finalize (object);
}

static void
guild_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GuildRecord *self = GUILD_RECORD (object);
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  if (pspec->owner_type == GUILD_TYPE_RECORD)
    {
      switch (prop_id)
        {
        case PROP_ID:
          g_value_set_int64 (value, priv->id);
          break;
        case PROP_CREATED_AT:
          g_value_set_int64 (value, priv->created_at);
          break;
        case PROP_UPDATED_AT:
          g_value_set_int64 (value, priv->updated_at);
          break;
        default:
          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        }
      return;
    }

  g_value_copy (&priv->values[prop_id - GUILD_RECORD_GET_CLASS (self)->first_field_prop], value);
}

static void
guild_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GuildRecord *self = GUILD_RECORD (object);
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (self);
  g_auto(GValue) copy = G_VALUE_INIT;
  guint index;

  if (pspec->owner_type == GUILD_TYPE_RECORD)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  index = prop_id - klass->first_field_prop;
  normalised_copy (&klass->fields[index], value, &copy);
  store_value (self, index, &copy);
}

/* The field values are made here rather than in init: while GObject runs
 * the ancestors' init functions the instance still points at the ancestor's
 * class, which has no fields. Plain properties are set after this. */
static void
guild_record_constructed (GObject *object)
{
  GuildRecord *self = GUILD_RECORD (object);
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  GuildRecordClass *klass = GUILD_RECORD_GET_CLASS (self);

  G_OBJECT_CLASS (guild_record_parent_class)->constructed (object);

  /* A copy of the class's initial values (numbers, static texts, no
   * lists), rather than initialising each GValue anew: an import makes a
   * record for every row. Lists are each record's own. */
  priv->values = g_memdup2 (klass->defaults, sizeof (GValue) * klass->n_fields);
  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].type == GUILD_FIELD_STRV)
      g_value_take_boxed (&priv->values[i], g_new0 (char *, 1));
    else if (klass->fields[i].type == GUILD_FIELD_REFS)
      g_value_take_boxed (&priv->values[i], ids_array_new (NULL, 0));
}

static void
guild_record_class_init (GuildRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = guild_record_constructed;
  object_class->finalize = guild_record_finalize;
  object_class->get_property = guild_record_get_property;
  object_class->set_property = guild_record_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
guild_record_init (GuildRecord *self)
{
}

/**
 * guild_record_class_install_fields:
 *
 * Called from a subclass's class_init: installs one property per field.
 * @fields must be static.
 */
void
guild_record_class_install_fields (GuildRecordClass *klass,
                                   GuildRecordKind   kind,
                                   const char       *table,
                                   const GuildField *fields,
                                   guint             n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  g_return_if_fail (GUILD_IS_RECORD_CLASS (klass));
  g_return_if_fail (kind < GUILD_N_RECORD_KINDS);

  /* GObject does not inherit get_property and set_property. */
  object_class->get_property = guild_record_get_property;
  object_class->set_property = guild_record_set_property;

  klass->kind = kind;
  klass->table = table;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->first_field_prop = N_PROPS;
  klass->field_pspecs = g_new0 (GParamSpec *, n_fields);
  /* The getters and setters find a field by name for every call, and an
   * import makes millions of calls: a table of the class's own is much
   * cheaper than GObject's property lookup (which takes a lock). */
  klass->field_index = g_hash_table_new (g_str_hash, g_str_equal);
  klass->defaults = g_new0 (GValue, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const GuildField *field = &fields[i];
      GParamSpec *pspec = NULL;

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
        case GUILD_FIELD_DAY:
          pspec = g_param_spec_string (field->name, NULL, NULL, "", flags);
          break;
        case GUILD_FIELD_VOCAB:
          pspec = g_param_spec_string (field->name, NULL, NULL, field->default_id, flags);
          break;
        case GUILD_FIELD_INT:
          pspec = g_param_spec_int (field->name, NULL, NULL,
                                    MIN (field->min, 0), field->max, field->default_int, flags);
          break;
        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_REF:
          pspec = g_param_spec_int64 (field->name, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        case GUILD_FIELD_BOOL:
          pspec = g_param_spec_boolean (field->name, NULL, NULL, FALSE, flags);
          break;
        case GUILD_FIELD_STRV:
          pspec = g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case GUILD_FIELD_REFS:
          pspec = g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_ARRAY, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      klass->field_pspecs[i] = pspec;
      g_object_class_install_property (object_class, N_PROPS + i, pspec);
      g_hash_table_insert (klass->field_index, (gpointer) field->name, GUINT_TO_POINTER (i + 1));
      /* Texts are static and lists empty (NULL) here; see constructed. */
      if (field->type == GUILD_FIELD_STRV || field->type == GUILD_FIELD_REFS)
        g_value_init (&klass->defaults[i], value_type_for_field (field));
      else
        init_field_value (field, &klass->defaults[i]);
    }
}

/**
 * guild_record_kind_get_type:
 *
 * Returns: the GType of the records of @kind.
 */
GType
guild_record_kind_get_type (GuildRecordKind kind)
{
  g_return_val_if_fail (kind < GUILD_N_RECORD_KINDS, G_TYPE_INVALID);

  switch (kind)
    {
    case GUILD_RECORD_COMMUNITY: return GUILD_TYPE_COMMUNITY;
    case GUILD_RECORD_CONTACT: return GUILD_TYPE_CONTACT;
    case GUILD_RECORD_EVENT: return GUILD_TYPE_EVENT;
    case GUILD_RECORD_ACTIVITY: return GUILD_TYPE_ACTIVITY;
    case GUILD_RECORD_CHECKIN: return GUILD_TYPE_CHECKIN;
    case GUILD_RECORD_SKILL: return GUILD_TYPE_SKILL;
    case GUILD_RECORD_COURSE: return GUILD_TYPE_COURSE;
    case GUILD_RECORD_PROFILE: return GUILD_TYPE_PROFILE;
    case GUILD_RECORD_GOALS: return GUILD_TYPE_GOALS;
    case GUILD_N_RECORD_KINDS:
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static GuildRecordClass *
kind_class (GuildRecordKind kind)
{
  GType type = guild_record_kind_get_type (kind);
  /* Record classes are never unloaded, so the peeked class stays valid. */
  GuildRecordClass *klass = g_type_class_peek (type);

  if (klass == NULL)
    {
      klass = g_type_class_ref (type);
      g_type_class_unref (klass);
    }

  return klass;
}

const char *
guild_record_kind_get_table (GuildRecordKind kind)
{
  return kind_class (kind)->table;
}

const GuildField *
guild_record_kind_get_fields (GuildRecordKind  kind,
                              guint           *n_fields)
{
  GuildRecordClass *klass = kind_class (kind);

  *n_fields = klass->n_fields;
  return klass->fields;
}

/**
 * guild_record_new_for_kind:
 *
 * Returns: (transfer full): a new, unsaved record of @kind with default values.
 */
GuildRecord *
guild_record_new_for_kind (GuildRecordKind kind)
{
  return g_object_new (guild_record_kind_get_type (kind), NULL);
}

GuildRecordKind
guild_record_get_kind (GuildRecord *self)
{
  g_return_val_if_fail (GUILD_IS_RECORD (self), GUILD_N_RECORD_KINDS);

  return GUILD_RECORD_GET_CLASS (self)->kind;
}

/**
 * guild_record_get_id:
 *
 * Returns: the record's row id, or 0 when it has not been stored.
 */
gint64
guild_record_get_id (GuildRecord *self)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_val_if_fail (GUILD_IS_RECORD (self), 0);

  return priv->id;
}

void
_guild_record_set_id (GuildRecord *self,
                      gint64       id)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_if_fail (GUILD_IS_RECORD (self));

  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
    }
}

gint64
guild_record_get_created_at (GuildRecord *self)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_val_if_fail (GUILD_IS_RECORD (self), 0);

  return priv->created_at;
}

gint64
guild_record_get_updated_at (GuildRecord *self)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_val_if_fail (GUILD_IS_RECORD (self), 0);

  return priv->updated_at;
}

void
_guild_record_set_times (GuildRecord *self,
                         gint64       created_at,
                         gint64       updated_at)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_if_fail (GUILD_IS_RECORD (self));

  if (priv->created_at != created_at)
    {
      priv->created_at = created_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
    }
  if (priv->updated_at != updated_at)
    {
      priv->updated_at = updated_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
    }
}

/* guild_record_find_field() without checking @klass: the getters and
 * setters have checked their record already. */
static const GuildField *
find_field (GuildRecordClass *klass,
            const char       *name,
            guint            *index)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (klass->field_index, name));

  if (i > 0)
    {
      i--;
    }
  else
    {
      /* Another spelling of the name ("full_name") is GObject's to know. */
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);

      if (pspec == NULL || pspec->owner_type == GUILD_TYPE_RECORD)
        return NULL;

      i = pspec->param_id - klass->first_field_prop;
    }
  if (index != NULL)
    *index = i;

  return &klass->fields[i];
}

/**
 * guild_record_find_field:
 * @index: (out) (optional): the field's index
 *
 * Returns: (nullable): the field called @name (a property name).
 */
const GuildField *
guild_record_find_field (GuildRecord *self,
                         const char  *name,
                         guint       *index)
{
  g_return_val_if_fail (GUILD_IS_RECORD (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_field (GUILD_RECORD_GET_CLASS (self), name, index);
}

static guint
require_field (GuildRecord *self,
               const char  *name,
               GType        value_type)
{
  guint index = 0;
  const GuildField *field = find_field (GUILD_RECORD_GET_CLASS (self), name, &index);

  if (field == NULL)
    g_error ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self), name);
  if (value_type_for_field (field) != value_type &&
      !(value_type == G_TYPE_INT64 && value_type_for_field (field) != G_TYPE_STRING &&
        value_type_for_field (field) != G_TYPE_STRV && value_type_for_field (field) != G_TYPE_ARRAY))
    g_error ("%s.%s is not of the type asked for", G_OBJECT_TYPE_NAME (self), name);

  return index;
}

/**
 * guild_record_get_text:
 *
 * Returns: (transfer none) (not nullable): a text, vocabulary or day field.
 */
const char *
guild_record_get_text (GuildRecord *self,
                       const char  *name)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  guint index;

  g_return_val_if_fail (GUILD_IS_RECORD (self), NULL);

  index = require_field (self, name, G_TYPE_STRING);
  return g_value_get_string (&priv->values[index]);
}

void
guild_record_set_text (GuildRecord *self,
                       const char  *name,
                       const char  *value)
{
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));

  index = require_field (self, name, G_TYPE_STRING);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value ? value : "");
  store_value (self, index, &v);
}

/**
 * _guild_record_take_text:
 * @value: (transfer full) (nullable): the new text, %NULL for none
 *
 * guild_record_set_text() that keeps @value rather than a copy (parsers
 * hand over what they made).
 */
void
_guild_record_take_text (GuildRecord *self,
                         const char  *name,
                         char        *value)
{
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));

  index = require_field (self, name, G_TYPE_STRING);
  g_value_init (&v, G_TYPE_STRING);
  if (value != NULL)
    g_value_take_string (&v, value);
  else
    g_value_set_static_string (&v, "");
  store_value (self, index, &v);
}

/**
 * guild_record_get_int:
 *
 * Returns: an int, instant, boolean or reference field, widened to 64 bits.
 */
gint64
guild_record_get_int (GuildRecord *self,
                      const char  *name)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  const GValue *value;

  g_return_val_if_fail (GUILD_IS_RECORD (self), 0);

  value = &priv->values[require_field (self, name, G_TYPE_INT64)];
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value);
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_value_get_boolean (value);
  return g_value_get_int64 (value);
}

void
guild_record_set_int (GuildRecord *self,
                      const char  *name,
                      gint64       value)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));

  index = require_field (self, name, G_TYPE_INT64);
  g_value_init (&v, G_VALUE_TYPE (&priv->values[index]));
  if (G_VALUE_HOLDS_INT (&v))
    g_value_set_int (&v, (int) CLAMP (value, G_MININT, G_MAXINT));
  else if (G_VALUE_HOLDS_BOOLEAN (&v))
    g_value_set_boolean (&v, value != 0);
  else
    g_value_set_int64 (&v, value);
  store_value (self, index, &v);
}

/**
 * guild_record_get_strv:
 *
 * Returns: (transfer none) (array zero-terminated=1): a list field; never %NULL.
 */
const char * const *
guild_record_get_strv (GuildRecord *self,
                       const char  *name)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  static const char * const empty[] = { NULL };
  const char * const *strv;

  g_return_val_if_fail (GUILD_IS_RECORD (self), NULL);

  strv = g_value_get_boxed (&priv->values[require_field (self, name, G_TYPE_STRV)]);
  return strv ? strv : empty;
}

void
guild_record_set_strv (GuildRecord        *self,
                       const char         *name,
                       const char * const *value)
{
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));

  index = require_field (self, name, G_TYPE_STRV);
  g_value_init (&v, G_TYPE_STRV);
  g_value_take_boxed (&v, value ? g_strdupv ((char **) value) : g_new0 (char *, 1));
  store_value (self, index, &v);
}

/**
 * _guild_record_take_strv:
 * @value: (transfer full) (nullable): the new list, %NULL for none
 *
 * guild_record_set_strv() that keeps @value rather than a copy.
 */
void
_guild_record_take_strv (GuildRecord  *self,
                         const char   *name,
                         char        **value)
{
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));

  index = require_field (self, name, G_TYPE_STRV);
  g_value_init (&v, G_TYPE_STRV);
  g_value_take_boxed (&v, value != NULL ? value : g_new0 (char *, 1));
  store_value (self, index, &v);
}

/**
 * guild_record_get_ids:
 *
 * Returns: (transfer none) (element-type gint64): an id-list field; do not modify it.
 */
GArray *
guild_record_get_ids (GuildRecord *self,
                      const char  *name)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_val_if_fail (GUILD_IS_RECORD (self), NULL);

  return g_value_get_boxed (&priv->values[require_field (self, name, G_TYPE_ARRAY)]);
}

void
guild_record_set_ids (GuildRecord  *self,
                      const char   *name,
                      const gint64 *ids,
                      guint         n_ids)
{
  GValue v = G_VALUE_INIT;
  guint index;

  g_return_if_fail (GUILD_IS_RECORD (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  index = require_field (self, name, G_TYPE_ARRAY);
  g_value_init (&v, G_TYPE_ARRAY);
  g_value_take_boxed (&v, ids_array_new (ids, n_ids));
  store_value (self, index, &v);
}

const GValue *
_guild_record_peek_value (GuildRecord *self,
                          guint        index)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);

  g_return_val_if_fail (GUILD_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < GUILD_RECORD_GET_CLASS (self)->n_fields, NULL);

  return &priv->values[index];
}

/* Takes ownership of @value's contents, which must already hold the field's
 * value type; notifies when it differs. */
void
_guild_record_take_value (GuildRecord *self,
                          guint        index,
                          GValue      *value)
{
  g_return_if_fail (GUILD_IS_RECORD (self));
  g_return_if_fail (index < GUILD_RECORD_GET_CLASS (self)->n_fields);

  store_value (self, index, value);
}

/**
 * guild_record_copy_fields:
 *
 * Copies every field (not the id) of @src into @dest, notifying what changed.
 */
void
guild_record_copy_fields (GuildRecord *dest,
                          GuildRecord *src)
{
  GuildRecordPrivate *spriv = guild_record_get_instance_private (src);
  GuildRecordClass *klass;

  g_return_if_fail (GUILD_IS_RECORD (dest));
  g_return_if_fail (GUILD_IS_RECORD (src));
  g_return_if_fail (G_OBJECT_TYPE (dest) == G_OBJECT_TYPE (src));

  klass = GUILD_RECORD_GET_CLASS (dest);

  g_object_freeze_notify (G_OBJECT (dest));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      GValue copy = G_VALUE_INIT;

      normalised_copy (&klass->fields[i], &spriv->values[i], &copy);
      store_value (dest, i, &copy);
    }
  _guild_record_set_times (dest, spriv->created_at, spriv->updated_at);
  g_object_thaw_notify (G_OBJECT (dest));
}

gboolean
guild_record_fields_equal (GuildRecord *a,
                           GuildRecord *b)
{
  GuildRecordPrivate *apriv = guild_record_get_instance_private (a);
  GuildRecordPrivate *bpriv = guild_record_get_instance_private (b);
  GuildRecordClass *klass;

  g_return_val_if_fail (GUILD_IS_RECORD (a), FALSE);
  g_return_val_if_fail (GUILD_IS_RECORD (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  klass = GUILD_RECORD_GET_CLASS (a);
  for (guint i = 0; i < klass->n_fields; i++)
    if (!values_equal (&klass->fields[i], &apriv->values[i], &bpriv->values[i]))
      return FALSE;

  return TRUE;
}

/**
 * guild_day_is_valid:
 *
 * Returns: whether @day is a real calendar day written `YYYY-MM-DD`, or, with
 *   @allow_yearless, `--MM-DD` (February 29th is accepted without a year).
 */
gboolean
guild_day_is_valid (const char *day,
                    gboolean    allow_yearless)
{
  int year = 2000, month, dd;

  if (day == NULL)
    return FALSE;

  if (allow_yearless && strlen (day) == 7 && day[0] == '-' && day[1] == '-')
    {
      if (!g_ascii_isdigit (day[2]) || !g_ascii_isdigit (day[3]) || day[4] != '-' ||
          !g_ascii_isdigit (day[5]) || !g_ascii_isdigit (day[6]))
        return FALSE;
      month = (day[2] - '0') * 10 + (day[3] - '0');
      dd = (day[5] - '0') * 10 + (day[6] - '0');
    }
  else
    {
      if (strlen (day) != 10 || day[4] != '-' || day[7] != '-')
        return FALSE;
      for (guint i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
          return FALSE;
      year = atoi (day);
      month = (day[5] - '0') * 10 + (day[6] - '0');
      dd = (day[8] - '0') * 10 + (day[9] - '0');
      if (year < 1)
        return FALSE;
    }

  return g_date_valid_dmy (dd, month, year);
}

/**
 * guild_url_is_valid:
 *
 * Returns: whether @url is an absolute http(s) or mailto address, or one of
 *   the chat links people paste (tg:, discord:).
 */
gboolean
guild_url_is_valid (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    {
      const char *host = g_uri_get_host (uri);
      return host != NULL && *host != '\0' && strchr (host, ' ') == NULL;
    }

  return g_ascii_strcasecmp (scheme, "mailto") == 0 ||
         g_ascii_strcasecmp (scheme, "tg") == 0;
}

/* Whether @s is empty once g_strstrip() took its white space off. */
static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;

  return TRUE;
}

static void
set_field_error (GError          **error,
                 const char       *name,
                 const char       *message)
{
  /* The field name is an identifier; the message is for people. */
  g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID, "%s: %s", name, message);
}

/**
 * guild_record_validate:
 *
 * Checks every field against its rules (required, vocabulary, day, range,
 * address). The store calls this before any write.
 *
 * Returns: %TRUE when the record can be stored.
 */
gboolean
guild_record_validate (GuildRecord  *self,
                       GError      **error)
{
  GuildRecordPrivate *priv = guild_record_get_instance_private (self);
  GuildRecordClass *klass;

  g_return_val_if_fail (GUILD_IS_RECORD (self), FALSE);

  klass = GUILD_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const GuildField *field = &klass->fields[i];
      const GValue *value = &priv->values[i];

      switch (field->type)
        {
        case GUILD_FIELD_TEXT:
          {
            const char *s = g_value_get_string (value);

            if ((field->flags & GUILD_FIELD_REQUIRED) && is_blank (s))
              {
                set_field_error (error, field->name, _("This field must not be empty."));
                return FALSE;
              }
            if (!g_utf8_validate (s, -1, NULL))
              {
                set_field_error (error, field->name, _("The text is not valid UTF-8."));
                return FALSE;
              }
            if ((field->flags & GUILD_FIELD_URL) && *s != '\0' && !guild_url_is_valid (s))
              {
                g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                             /* Translators: %s is what the user typed as a web address. */
                             _("“%s” is not a valid web address."), s);
                return FALSE;
              }
          }
          break;

        case GUILD_FIELD_VOCAB:
          if (!guild_vocab_contains (field->vocab, g_value_get_string (value)))
            {
              g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                           /* Translators: the first %s is a field's identifier, the
                            * second the value that was refused. */
                           _("%s: “%s” is not an allowed value."), field->name,
                           g_value_get_string (value));
              return FALSE;
            }
          break;

        case GUILD_FIELD_DAY:
          {
            const char *s = g_value_get_string (value);

            if ((field->flags & GUILD_FIELD_REQUIRED) && *s == '\0')
              {
                set_field_error (error, field->name, _("A date is required."));
                return FALSE;
              }
            if (*s != '\0' && !guild_day_is_valid (s, field->flags & GUILD_FIELD_YEARLESS_DAY))
              {
                g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                             /* Translators: %s is a date the program could not read. */
                             _("“%s” is not a valid date."), s);
                return FALSE;
              }
          }
          break;

        case GUILD_FIELD_INT:
          {
            int n = g_value_get_int (value);

            /* Zero stands for "unset" in fields whose scale starts at 1. */
            if (!(n == 0 && field->min > 0) && (n < field->min || n > field->max))
              {
                g_set_error (error, GUILD_STORE_ERROR, GUILD_STORE_ERROR_INVALID,
                             /* Translators: a number outside its allowed range. */
                             _("%d is outside the range %d–%d."), n, field->min, field->max);
                return FALSE;
              }
          }
          break;

        case GUILD_FIELD_STRV:
          {
            const char * const *strv = g_value_get_boxed (value);

            for (guint j = 0; strv && strv[j]; j++)
              if (!g_utf8_validate (strv[j], -1, NULL))
                {
                  set_field_error (error, field->name, _("The text is not valid UTF-8."));
                  return FALSE;
                }
          }
          break;

        case GUILD_FIELD_INSTANT:
        case GUILD_FIELD_BOOL:
        case GUILD_FIELD_REF:
        case GUILD_FIELD_REFS:
        default:
          break;
        }
    }

  if (klass->validate != NULL)
    return klass->validate (self, error);

  return TRUE;
}
