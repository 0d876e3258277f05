#!/usr/bin/python3
# tests/e2e/test_shell.py: the real app, driven through its accessibility tree.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts $GUILD_BUILD_DIR/src/guild on a new database and, as a user would:
# finds the four views in the view switcher, opens Contacts and sees its
# empty state, adds a contact (typing over the name of the new contact that
# opens) and sees it in the list, goes back to Communities with Ctrl+1, opens About from the main
# menu and closes it, and quits with Ctrl+Q. When the build has a Russian
# catalogue, it starts the app again with LANGUAGE=ru and checks the views'
# Russian names.
#
# It needs an X display and a D-Bus session bus with the AT-SPI registry
# (build-aux/test provides them; by hand:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     env GUILD_BUILD_DIR=$PWD/_build /usr/bin/python3 tests/e2e/test_shell.py).
# Exit status: 0 when everything passed, 1 when something failed, 77 (skipped)
# when there is no display or bus to run on.

import gettext
import os
import shutil
import subprocess
import sys
import tempfile
import time

VIEWS = ['Communities', 'Contacts', 'Calendar', 'Charts']
CONTACT = 'Ada Lovelace'

from guildtest import (  # noqa: F401  (what the checks below use)
    SKIP, TIMEOUT, App, Failure, build_dir, click, find, find_all, find_on_screen, frames,
    guild, has_size, localedir, log, rawinput, tree, wait_for)


def check_english(workdir):
    app = App(os.path.join(workdir, 'guild.db'))
    try:
        window = app.window

        log('view switcher: the four views')
        tabs = {name: find_on_screen(window, 'page tab', name) for name in VIEWS}

        log('Contacts: empty state')
        click(tabs['Contacts'])
        find(window, 'label', 'No Contacts Yet')
        add = find(window, 'push button', 'Add Contact')
        if find_all(window, 'label', 'No Communities Yet'):
            raise Failure('the Communities view is still in the tree after switching to Contacts')

        log('Contacts: add one; the new contact opens with its name selected')
        # The status page's button, not the header's (same name, same action).
        click(add)
        # The name field has the focus with "New Contact" selected; GTK 4.8
        # cannot move the focus through AT-SPI, so typing is what tests it.
        find(window, 'text', 'Full name')
        rawinput.typeText(CONTACT)
        # Escape goes back to the list, saving what was typed.
        rawinput.pressKey('Escape')
        find(window, 'label', CONTACT)
        wait_for('the empty state to go', lambda: not find_all(window, 'label', 'No Contacts Yet'))

        log('Ctrl+1: back to Communities')
        rawinput.keyCombo('<Control>1')
        find(window, 'label', 'No Communities Yet')

        log('main menu: every entry enabled, About Guild opens')
        menu_button = wait_for('the main menu button', lambda: next(
            (b for b in find_all(window, 'push button', 'Main Menu') if 'click' in b.actions),
            None))
        click(menu_button)
        for name in ('Import…', 'Export…', 'Preferences', 'Keyboard Shortcuts'):
            if not find(app.node, 'menu item', name).sensitive:
                raise Failure(f'“{name}” is disabled')
        click(find(app.node, 'menu item', 'About Guild'))
        wait_for('the About window', lambda: any(f.name == 'About' for f in frames(app.node)))
        rawinput.pressKey('Escape')
        wait_for('the About window to close',
                 lambda: not any(f.name == 'About' for f in frames(app.node)))

        log('Ctrl+Q: quit')
        rawinput.keyCombo('<Control>q')
        try:
            status = app.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            raise Failure('guild did not exit within 5 s of Ctrl+Q')
        if status != 0:
            raise Failure(f'guild exited with status {status} after Ctrl+Q')
    finally:
        app.kill()


def russian_catalogue():
    path = os.path.join(localedir, 'ru', 'LC_MESSAGES', 'guild.mo')
    return path if os.path.exists(path) else None


def check_russian(workdir, catalogue):
    translation = gettext.translation('guild', localedir=localedir, languages=['ru'])
    names = [translation.gettext(name) for name in VIEWS]
    untranslated = [name for name, russian in zip(VIEWS, names) if name == russian]
    if untranslated:
        raise Failure(f'{catalogue} has no Russian for {", ".join(untranslated)}')

    app = App(os.path.join(workdir, 'guild-ru.db'), language='ru')
    try:
        log('Russian: the four views')
        for name in names:
            find_on_screen(app.window, 'page tab', name)
    finally:
        app.kill()


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-')
    failures = 0
    try:
        for label, check in [('English', lambda: check_english(workdir)),
                             ('Russian', lambda: check_russian_or_skip(workdir))]:
            try:
                check()
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


def check_russian_or_skip(workdir):
    catalogue = russian_catalogue()
    if catalogue is None:
        log(f'SKIP: Russian: no catalogue under {localedir} (build po/ first)')
        return
    check_russian(workdir, catalogue)


if __name__ == '__main__':
    sys.exit(main())
