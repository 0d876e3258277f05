/* test-ui-files.c
 *
 * Copyright 2026 The Guild developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "guild-calendar-page.h"
#include "guild-charts-page.h"
#include "guild-communities-page.h"
#include "guild-community-row.h"
#include "guild-member-chooser.h"
#include "guild-contact-editor.h"
#include "guild-contacts-page.h"
#include "guild-import-dialog.h"
#include "guild-learning-window.h"
#include "guild-preferences-window.h"
#include "guild-profile-window.h"
#include "guild-window.h"

/* Loads every .ui file in Guild's resources, so that a broken one fails here
 * rather than when someone opens the view. gtk4-builder-tool cannot check
 * templates whose parent is a libadwaita type (STYLE.md §12), so:
 *
 *   - a template is checked by instantiating its class, which parses the
 *     template and binds its children (a problem is a critical warning,
 *     fatal in a test);
 *   - any other .ui is loaded with GtkBuilder and must not report an error.
 *
 * Every template class must be known here: a new one fails the test until it
 * is added to ensure_types(). */

static void
ensure_types (void)
{
  g_type_ensure (GUILD_TYPE_WINDOW);
  g_type_ensure (GUILD_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (GUILD_TYPE_PROFILE_WINDOW);
  g_type_ensure (GUILD_TYPE_IMPORT_DIALOG);
  g_type_ensure (GUILD_TYPE_COMMUNITIES_PAGE);
  g_type_ensure (GUILD_TYPE_COMMUNITY_ROW);
  g_type_ensure (GUILD_TYPE_MEMBER_CHOOSER);
  g_type_ensure (GUILD_TYPE_CONTACTS_PAGE);
  g_type_ensure (GUILD_TYPE_CONTACT_EDITOR);
  g_type_ensure (GUILD_TYPE_CALENDAR_PAGE);
  g_type_ensure (GUILD_TYPE_CHARTS_PAGE);
  g_type_ensure (GUILD_TYPE_LEARNING_WINDOW);
}

static void
collect_ui_files (const char *path,
                  GPtrArray  *found)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = NULL;

  children = g_resources_enumerate_children (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (child, found);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (found, g_steal_pointer (&child));
    }
}

/* The class a .ui file is a template for, or NULL when it is not one. */
static char *
find_template_class (const char *contents)
{
  const char *start = strstr (contents, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;

  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

static void
check_template (const char *path,
                const char *class_name)
{
  GType type = g_type_from_name (class_name);
  GObject *object;

  g_test_message ("%s: instantiating %s", path, class_name);

  if (type == 0)
    g_error ("%s is a template for %s, which this test does not know: "
             "add it to ensure_types()", path, class_name);

  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));

  object = g_object_new (type, NULL);
  g_assert_true (GTK_IS_WIDGET (object));

  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  else
    g_object_unref (g_object_ref_sink (object));
}

static void
check_builder_file (const char *path)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) objects = NULL;

  g_test_message ("%s: loading with GtkBuilder", path);

  gtk_builder_add_from_resource (builder, path, &error);
  g_assert_no_error (error);

  objects = gtk_builder_get_objects (builder);
  g_assert_nonnull (objects);

  for (const GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_WINDOW (l->data) && gtk_widget_get_parent (l->data) == NULL)
      gtk_window_destroy (GTK_WINDOW (l->data));
}

static void
test_ui_files_load (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect_ui_files (RESOURCE_PREFIX "/", files);

  /* The window, the preferences, the shortcuts, and at least a page and a
   * row per view. */
  g_assert_cmpuint (files->len, >=, 10);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *class_name = NULL;

      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);

      class_name = find_template_class (g_bytes_get_data (bytes, NULL));
      if (class_name != NULL)
        check_template (path, class_name);
      else
        check_builder_file (path);
    }
}

/* The list views build their rows from GtkBuilderListItemFactory XML that is
 * only parsed when a row is made; instantiating a row with each factory's
 * template would need items, so the row classes are covered by
 * check_template() and test-window.c shows real rows. */

static void
test_ui_files_translation_domain (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect_ui_files (RESOURCE_PREFIX "/", files);

  /* Without the domain, the strings of a .ui file would be looked up in the
   * default domain, which only main() sets: the tests and any other program
   * linking guild-private would show them untranslated. */
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                         NULL);

      g_test_message ("%s", path);
      g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "<interface domain=\"guild\">"));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  ensure_types ();

  g_test_add_func ("/guild/ui-files/load", test_ui_files_load);
  g_test_add_func ("/guild/ui-files/translation-domain", test_ui_files_translation_domain);

  return g_test_run ();
}
