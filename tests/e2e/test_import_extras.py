#!/usr/bin/python3
# tests/e2e/test_import_extras.py: the CSV column-mapping step and Export… from the menu.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# 1. Starts guild (in English) with a semicolon-separated Windows-1251 CSV file of contacts on
#    its command line, as Russian Excel writes them. The import dialog shows the column-mapping
#    step with the guess and a sample value per column; the user changes the column “Работа”
#    from Ignore to Company with the mouse and the keyboard, presses Import, and finds the
#    contact in the Contacts view; the database holds the company from the corrected column.
# 2. Starts guild on a database with contacts, chooses Export As ▸ Contacts as vCard… in the
#    main menu, saves under a path typed into the file chooser, and checks the toast and the
#    file written.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_shell import (Failure, build_dir, click, find, find_all,  # noqa: E402
                        find_on_screen, log, wait_for)
import guildtest  # noqa: E402

from dogtail import rawinput  # noqa: E402

SOURCE_DIR = os.environ.get('GUILD_SOURCE_DIR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..')
SAMPLE = os.path.join(SOURCE_DIR, 'tests', 'data', 'import', 'generic-semicolon-1251.csv')
CONTACT = 'Марина Соколова'
COMPANY = 'ООО «Северный ветер»'
GUILDCTL = os.path.join(build_dir, 'src', 'cli', 'guildctl')


def App(database, files=()):
    """guild opening files, with the file chooser in its own process rather
    than a portal's."""
    return guildtest.App(database, files=files, env={'GTK_USE_PORTAL': '0'}, wait_window=False)


def x_window(title):
    """The X windows on the screen with this title."""
    return subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', f'^{title}$'],
                          capture_output=True, text=True).stdout.split()


def window_origin(title):
    """Where the X window with this title is on the screen: GTK 4.8 reports
    positions relative to its own window, not to the screen."""
    ids = x_window(title)
    if not ids:
        raise Failure(f'no window “{title}” on the screen')
    geometry = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', ids[-1]],
                              capture_output=True, text=True).stdout
    values = dict(line.split('=', 1) for line in geometry.split() if '=' in line)
    return int(values['X']), int(values['Y'])


def click_at(node, title):
    """A real pointer click in the middle of node, in the window with this
    title: GTK 4.8 offers no AT-SPI action on a combo row."""
    origin_x, origin_y = window_origin(title)
    x, y = node.position
    width, height = node.size
    rawinput.click(origin_x + x + width // 2, origin_y + y + height // 2)


def contacts_in_database(path):
    with sqlite3.connect(f'file:{path}?mode=ro', uri=True) as db:
        return dict(db.execute('SELECT full_name, company FROM contact'))


def check_mapping(workdir):
    database = os.path.join(workdir, 'guild.db')
    app = App(database, [SAMPLE])
    try:
        log('the preview opens with the column-mapping step')
        dialog = wait_for('the Import dialog', lambda: app.frame('Import'))
        find(dialog, 'label', 'generic-semicolon-1251.csv')
        find(dialog, 'label', 'Columns')
        find(dialog, 'label', '3 new records')

        log('the guess, decoded from Windows-1251, with a sample of each column')
        work = find_on_screen(dialog, 'combo box', 'Работа')
        find(work, 'label', COMPANY)
        find(work, 'label', 'Ignore')
        find(find_on_screen(dialog, 'combo box', 'ФИО'), 'label', 'Full name')
        find(find_on_screen(dialog, 'combo box', 'Эл. почта'), 'label', 'E-mail')

        log('“Работа” becomes Company')
        click_at(work, 'Import')
        # The list of fields pops up with Ignore chosen; Company is 7 below it.
        find_on_screen(app.node, 'label', 'Company')
        time.sleep(0.3)
        for _ in range(7):
            rawinput.pressKey('Down')
        rawinput.pressKey('Return')
        wait_for('“Работа” to read Company', lambda: find_all(work, 'label', 'Company'))
        # The preview is made again from the file read with the new mapping.
        find(dialog, 'label', '3 new records')

        log('Import writes, and the dialog closes')
        click(find(dialog, 'push button', 'Import'))
        wait_for('the Import dialog to close', lambda: app.frame('Import') is None)

        log('the contact is in the Contacts view, with the company from the corrected column')
        window = wait_for('the main window', lambda: app.frame('Guild'))
        click(find_on_screen(window, 'page tab', 'Contacts'))
        find(window, 'label', CONTACT)
        contacts = contacts_in_database(database)
        if contacts.get(CONTACT) != COMPANY:
            raise Failure(f'{CONTACT} was stored with the company {contacts.get(CONTACT)!r}')
        if len(contacts) != 3:
            raise Failure(f'{len(contacts)} contacts were stored instead of 3')
    finally:
        app.kill()


def check_export(workdir):
    database = os.path.join(workdir, 'export.db')
    target = os.path.join(workdir, 'my-contacts.vcf')
    subprocess.run([GUILDCTL, '--db', database, 'generate', '--communities', '2',
                    '--contacts', '7', '--events', '1', '--activities', '1', '--checkins', '1'],
                   check=True, stdout=subprocess.DEVNULL)
    app = App(database)
    try:
        window = wait_for('the main window', lambda: app.frame('Guild'))

        log('main menu ▸ Export As ▸ Contacts as vCard…')
        menu_button = wait_for('the main menu button', lambda: next(
            (b for b in find_all(window, 'push button', 'Main Menu') if 'click' in b.actions),
            None))
        click(menu_button)
        for name in ('Back Up Database…', 'Import History…'):
            if not find(app.node, 'menu item', name).sensitive:
                raise Failure(f'“{name}” is disabled')
        click(find(app.node, 'menu item', 'Export As'))
        click(find(app.node, 'menu item', 'Contacts as vCard…'))

        log('the file chooser suggests a name; a path is typed instead')
        # GTK 4.8's own chooser is not in the accessibility tree as a window of the app;
        # it is found on the screen by its title, and used with the keyboard.
        wait_for('the file chooser', lambda: x_window('Export Contacts as vCard'))
        time.sleep(0.5)
        rawinput.keyCombo('<Control>a')
        rawinput.typeText(target)
        rawinput.pressKey('Return')
        wait_for('the file chooser to close', lambda: not x_window('Export Contacts as vCard'))

        log('the toast says how many; the file holds them')
        find(window, 'label', 'Exported 7 contacts')
        wait_for('the vCard file', lambda: os.path.exists(target))
        with open(target, encoding='utf-8') as f:
            text = f.read()
        if text.count('BEGIN:VCARD') != 7 or 'VERSION:4.0' not in text:
            raise Failure('the exported file does not hold 7 vCard 4.0 cards')
        leftovers = [n for n in os.listdir(workdir) if n.startswith('my-contacts.vcf.')]
        if leftovers:
            raise Failure(f'temporary files were left behind: {leftovers}')
    finally:
        app.kill()


def main():
    if not os.path.exists(SAMPLE):
        log(f'FAIL: no sample file at {SAMPLE}')
        return 1
    workdir = tempfile.mkdtemp(prefix='guild-e2e-import-extras-')
    try:
        check_mapping(workdir)
        log('PASS: CSV column mapping')
        check_export(workdir)
        log('PASS: export from the menu')
        return 0
    except Failure as error:
        log(f'FAIL: import extras: {error}')
        return 1
    except Exception as error:
        log(f'FAIL: import extras: {type(error).__name__}: {error}')
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
