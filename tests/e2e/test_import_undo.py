#!/usr/bin/python3
# tests/e2e/test_import_undo.py: undoing an import that changed a contact who was already there.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Ada Lovelace is in the database (imported from one file); a second file, imported with
# guildctl, gives her a new company and adds Cy Young. In the app the user opens Import
# History… from the main menu, presses Undo on the second file's row, confirms in the dialog,
# which says what will happen, and reads the toast. The database then holds Ada with her old
# company again, and no Cy.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_shell import Failure, click, find, find_all, log, wait_for  # noqa: E402
from test_import_extras import GUILDCTL, App  # noqa: E402

FIRST = ('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n'
         'ORG:Old Company\r\nEND:VCARD\r\n')
SECOND = ('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n'
          'ORG:Analytical Engines\r\nEND:VCARD\r\n'
          'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nEMAIL:cy@example.com\r\nEND:VCARD\r\n')


def companies(database):
    with sqlite3.connect(database) as db:
        return dict(db.execute('SELECT full_name, company FROM contact'))


def check_undo(workdir):
    database = os.path.join(workdir, 'undo.db')
    for name, text in (('first.vcf', FIRST), ('second.vcf', SECOND)):
        path = os.path.join(workdir, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        subprocess.run([GUILDCTL, '--db', database, 'import', path], check=True,
                       stdout=subprocess.DEVNULL)
    if companies(database) != {'Ada Lovelace': 'Analytical Engines', 'Cy Young': ''}:
        raise Failure(f'unexpected contacts before the undo: {companies(database)}')

    app = App(database)
    try:
        window = wait_for('the main window', lambda: app.frame('Guild'))

        log('main menu ▸ Import History…')
        menu_button = wait_for('the main menu button', lambda: next(
            (b for b in find_all(window, 'push button', 'Main Menu') if 'click' in b.actions),
            None))
        click(menu_button)
        click(find(app.node, 'menu item', 'Import History…'))
        history = wait_for('the Import History window', lambda: app.frame('Import History'))
        find(history, 'label', 'Undo removes what an import added and puts back what it '
                               'changed in records that were already there, except what was '
                               'edited since.')

        log('Undo on second.vcf; the dialog says what goes and what comes back')
        # GTK 4.8 adds the button's own label to the name it is given.
        click(wait_for('the Undo button of second.vcf', lambda: next(
            (b for b in find_all(history, 'push button')
             if b.name.startswith('Undo the import of second.vcf')), None)))
        find(app.node, 'label', 'The 1 record this import added will be removed. The 1 '
                                'record it updated gets back what it held before, except '
                                'what was edited since.')
        # AdwMessageDialog lays its responses out twice (wide and narrow); either will do.
        click(wait_for('the Undo Import response', lambda: next(
            (b for b in find_all(app.node, 'push button')
             if b.name.endswith('Undo Import') and 'click' in b.actions), None)))
        find(history, 'label', 'Import undone: 1 record removed')

        log('Ada has her old company again; Cy is gone')
        wait_for('the undo in the database',
                 lambda: companies(database) == {'Ada Lovelace': 'Old Company'})
        find(history, 'label', 'Undone')
    finally:
        app.kill()


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-import-undo-')
    try:
        check_undo(workdir)
        log('PASS: import undo restores updated records')
        return 0
    except Failure as error:
        log(f'FAIL: import undo: {error}')
        return 1
    except Exception as error:
        log(f'FAIL: import undo: {type(error).__name__}: {error}')
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
