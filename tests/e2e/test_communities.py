#!/usr/bin/python3
# tests/e2e/test_communities.py: the Communities view, the way a person uses it.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts $GUILD_BUILD_DIR/src/guild on a new database and, in English and then
# in Russian: sees the first-run empty state with "Add Community" and
# "Import…", makes two communities with Ctrl+N and names them by typing, moves
# to the description with Tab and types one (and checks in the database that
# it was saved once typing paused), searches with Ctrl+F and sees the other
# community leave the list, deletes the community with the detail page's
# Delete button and brings it back with Ctrl+Z, the keyboard's way to the
# toast's Undo.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.
# Russian labels come from the build's catalogue; a string it does not have
# yet is looked for in English.

import gettext
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_shell import (App, Failure, find, find_all, localedir, log,  # noqa: E402
                        rawinput, wait_for)
from guildtest import stored  # noqa: E402

FIRST = 'Design Club'
SECOND = 'Rust Moscow'
DESCRIPTION = 'Weekly meetups on Wednesdays'


def find_button(node, label):
    """A push button by its label. GTK 4.8 joins a button's accessible label
    and the text of its label ("_Label Label"), so either half will do."""
    def probe():
        for button in find_all(node, 'push button'):
            name = button.name or ''
            if name == label or name.startswith(label + ' ') or name.endswith(' ' + label):
                if 'click' in button.actions:
                    return button
        return None
    return wait_for(f'push button “{label}”', probe)


def check(workdir, language):
    if language:
        translation = gettext.translation('guild', localedir=localedir, languages=[language],
                                          fallback=True)
    else:
        translation = gettext.NullTranslations()

    def _(text):
        return translation.gettext(text).replace('_', '')

    database = os.path.join(workdir, f'guild-{language or "en"}.db')
    app = App(database, language=language)
    try:
        window = app.window

        log(f'{language or "en"}: first-run empty state')
        find(window, 'label', _('No Communities Yet'))
        find_button(window, _('Add Community'))
        find_button(window, _('Import…'))

        log(f'{language or "en"}: Ctrl+N makes a community named by typing')
        for name in (FIRST, SECOND):
            rawinput.keyCombo('<Control>n')
            find(window, 'label', _('New Community'))
            # The name is focused and selected: typing replaces it.
            time.sleep(0.3)
            rawinput.typeText(name)
            find(window, 'label', name)
        wait_for('both communities saved', lambda: sorted(
            row[0] for row in stored(database, 'SELECT name FROM community')) == [FIRST, SECOND])

        log(f'{language or "en"}: Tab to the description and type it')
        rawinput.pressKey('Tab')
        time.sleep(0.3)
        rawinput.typeText(DESCRIPTION)
        # Saved once typing pauses, without any Save button.
        wait_for('the description saved', lambda: stored(
            database, 'SELECT description FROM community WHERE name = ?', SECOND) ==
            [(DESCRIPTION,)])

        log(f'{language or "en"}: Ctrl+F searches as you type')
        rawinput.keyCombo('<Control>f')
        time.sleep(0.3)
        rawinput.typeText('MOSCOW')
        wait_for(f'“{FIRST}” to leave the list',
                 lambda: not find_all(window, 'label', FIRST))
        find(window, 'label', SECOND)
        rawinput.typeText('zzz')
        find(window, 'label', _('No Matching Communities'))
        rawinput.pressKey('Escape')
        find(window, 'label', FIRST)

        log(f'{language or "en"}: delete, then Undo in the toast')
        find_button(window, _('Delete Community')).doActionNamed('click')
        wait_for('the community deleted', lambda: stored(
            database, 'SELECT count(*) FROM community WHERE name = ?', SECOND) == [(0,)])
        # The toast offers Undo; Ctrl+Z does the same from the keyboard while
        # it is up (and does not wait for the accessibility tree).
        rawinput.keyCombo('<Control>z')
        wait_for('the community back, with what was typed', lambda: stored(
            database, 'SELECT description FROM community WHERE name = ?', SECOND) ==
            [(DESCRIPTION,)])
        find(window, 'label', SECOND)
    finally:
        app.kill()


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-communities-')
    failures = 0
    try:
        for language in (None, 'ru'):
            label = language or 'English'
            try:
                check(workdir, language)
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
