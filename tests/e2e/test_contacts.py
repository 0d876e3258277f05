#!/usr/bin/python3
# tests/e2e/test_contacts.py: the contacts view, driven through the accessibility tree.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# In English and then in Russian, on a new database holding one community
# (imported with guildctl from a JSON backup), as a user would: opens
# Contacts, adds a contact with Ctrl+N and types their name, adds them to the
# community, edits their company, goes back, searches for them in lower case,
# opens them from the search with Enter, deletes them with Delete Contact and
# brings them back with the toast's Undo, and quits. Then it reads the
# database: the contact is there, with the company typed and the membership.
#
# Needs an X display and a D-Bus session bus with the AT-SPI registry (see
# test_shell.py). Exit status: 0 passed, 1 failed, 77 skipped.

import gettext
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import guildtest  # noqa: E402  (exits 77 itself without a display, a bus or dogtail)
from guildtest import (App, Failure, build_dir, find_all, has_size,  # noqa: E402
                       localedir, log, rawinput, wait_for)

# Longer than guildtest's: the contacts view reads in the background on a
# loaded machine.
TIMEOUT = 15.0

guildctl = os.path.join(build_dir, 'src', 'cli', 'guildctl')
if not os.access(guildctl, os.X_OK):
    log(f'FAIL: {guildctl} is not built')
    sys.exit(1)


def find(node, role, name, timeout=TIMEOUT):
    """The first such node that is laid out (has a size)."""
    return guildtest.find_on_screen(node, role, name, timeout)


def click(node):
    if 'click' in node.actions:
        node.doActionNamed('click')
    else:
        node.click()


def make_database(path, community):
    backup = path + '.json'
    with open(backup, 'w', encoding='utf-8') as f:
        json.dump({'format': 'guild-backup', 'version': 1,
                   'communities': [{'id': 1, 'name': community, 'platform': 'meetup'}]},
                  f, ensure_ascii=False)
    subprocess.run([guildctl, '--db', path, 'import', backup], check=True,
                   stdout=subprocess.DEVNULL)


def run(workdir, language, words):
    if language:
        translation = gettext.translation('guild', localedir=localedir, languages=[language],
                                          fallback=True)
    else:
        translation = gettext.NullTranslations()
    _ = translation.gettext
    pgettext = translation.pgettext

    database = os.path.join(workdir, f'guild-{language or "en"}.db')
    make_database(database, words['community'])
    app = App(database, language)
    try:
        window = app.window

        log(f'{words["label"]}: Contacts, empty')
        rawinput.keyCombo('<Control>2')
        find(window, 'label', _('No Contacts Yet'))

        log(f'{words["label"]}: Ctrl+N adds a contact, its name ready to be typed over')
        rawinput.keyCombo('<Control>n')
        find(window, 'text', _('Full name'))
        rawinput.typeText(words['name'])
        find(window, 'label', words['name'])   # the detail page's title follows

        log(f'{words["label"]}: add them to the community')
        click(find(window, 'push button', _('Add to the chosen community')))
        find(window, None, words['community'])

        log(f'{words["label"]}: edit the company')
        company = find(window, 'text', _('Company'))
        company.click()
        rawinput.typeText(words['company'])
        time.sleep(0.8)   # the autosave's pause

        log(f'{words["label"]}: Ctrl+L, "pub", Return logs an activity with them')
        rawinput.keyCombo('<Control>l')
        wait_for('the Log Activity dialog', lambda: next(
            (f for f in app.node.children if f.name == _('Log Activity')), None))
        published = pgettext('activity kind', 'Published')
        rawinput.typeText('pub' if not language else published[:4].lower())
        rawinput.pressKey('Return')
        wait_for('the dialog to close', lambda: not any(
            f.name == _('Log Activity') for f in app.node.children))
        wait_for('the activity in the contact’s timeline',
                 lambda: find_all(window, 'label', published))

        log(f'{words["label"]}: back to the list (Escape), then search in lower case')
        rawinput.pressKey('Escape')
        find(window, 'label', words['name'])
        # The row follows the store: the new company and the activity's day,
        # in words of the interface's language.
        find(window, 'label', words['company'])
        find(window, 'label', pgettext('relative day', 'today'))
        rawinput.keyCombo('<Control>f')
        rawinput.typeText(words['search'])
        wait_for('the list to show the contact found',
                 lambda: find_all(window, 'label', words['company']))
        rawinput.typeText('zzz')
        find(window, 'label', _('No Contacts Found'))
        for _i in range(3):
            rawinput.pressKey('BackSpace')
        wait_for('the contact to come back',
                 lambda: find_all(window, 'label', words['company']))

        log(f'{words["label"]}: Enter opens them; Delete Contact; Undo restores')
        rawinput.pressKey('Return')
        find(window, 'push button', _('Mark Contacted Today'))
        click(find(window, 'push button', _('Delete Contact')))
        deleted = translation.ngettext('%u contact deleted', '%u contacts deleted', 1) % 1
        undo_name = _('_Undo').replace('_', '')

        def undo_button():
            for node in find_all(app.node, 'push button'):
                # libadwaita 1.2 names it after its mnemonic and its label.
                if undo_name in node.name.replace('_', '') and has_size(node):
                    return node
            return None
        # The toast goes after 10 s: find its button first, then look around.
        undo = wait_for(f'the “{undo_name}” button of the toast', undo_button)
        find(window, None, deleted)
        find(window, 'label', _('No Contacts Yet'))
        click(undo)
        wait_for('the contact to be back after Undo',
                 lambda: find_all(window, 'label', words['company']))

        log(f'{words["label"]}: Ctrl+Q')
        rawinput.keyCombo('<Control>q')
        try:
            status = app.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            raise Failure('guild did not exit within 10 s of Ctrl+Q')
        if status != 0:
            raise Failure(f'guild exited with status {status}')
    finally:
        app.kill()

    log(f'{words["label"]}: what the database holds')
    db = sqlite3.connect(database)
    try:
        rows = db.execute('SELECT c.full_name, c.company, m.community_id FROM contact c'
                          ' LEFT JOIN membership m ON m.contact_id = c.id').fetchall()
    finally:
        db.close()
    if rows != [(words['name'], words['company'], 1)]:
        raise Failure(f'the database holds {rows!r}')
    del pgettext


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-contacts-')
    failures = 0
    runs = [
        ('English', None, {'label': 'English', 'community': 'Berlin Python',
                           'name': 'Ada Lovelace', 'company': 'Analytical Engines',
                           'search': 'ada love'}),
        # The virtual keyboard types Latin letters only: the Russian run
        # types Latin names (Cyrillic search folding is covered by
        # test-contacts-ui and test-contact-index) under the Russian UI.
        ('Russian', 'ru', {'label': 'Russian', 'community': 'Питерский Python',
                           'name': 'Olga Smirnova', 'company': 'Yandex',
                           'search': 'OLGA'}),
    ]
    try:
        for label, language, words in runs:
            try:
                run(workdir, language, words)
                log(f'PASS: {label}')
            except Failure as error:
                failures += 1
                log(f'FAIL: {label}: {error}')
            except Exception as error:
                failures += 1
                log(f'FAIL: {label}: {type(error).__name__}: {error}')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
