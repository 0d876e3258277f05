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
TIMEOUT = 10.0
SKIP = 77


def log(message):
    print(message, flush=True)


class Failure(Exception):
    pass


if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    log('SKIP: needs an X display and a D-Bus session (run under xvfb-run and dbus-run-session)')
    sys.exit(SKIP)

# GTK 4 only talks to AT-SPI when the bridge is on.
os.environ.pop('NO_AT_BRIDGE', None)

try:
    from dogtail import config
    config.config.checkForA11y = False
    config.config.logDebugToFile = False
    config.config.logDebugToStdOut = False
    config.config.searchShowingOnly = False
    config.config.defaultDelay = 0.2
    config.config.actionDelay = 0.2
    config.config.typingDelay = 0.02
    from dogtail import rawinput, tree
except ImportError as error:
    log(f'SKIP: dogtail is not available ({error}); install python3-dogtail')
    sys.exit(SKIP)

build_dir = os.environ.get('GUILD_BUILD_DIR')
if not build_dir:
    here = os.path.dirname(os.path.abspath(__file__))
    build_dir = os.path.join(here, '..', '..', '_build')
build_dir = os.path.abspath(build_dir)
guild = os.path.join(build_dir, 'src', 'guild')
localedir = os.environ.get('GUILD_LOCALEDIR') or os.path.join(build_dir, 'po')

if not os.access(guild, os.X_OK):
    log(f'FAIL: {guild} is not built')
    sys.exit(1)


def wait_for(what, probe, timeout=TIMEOUT):
    """Calls probe() until it returns something true, and returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except Exception as error:  # the tree changes under our feet
            last_error = error
        time.sleep(0.1)
    detail = f' (last error: {last_error})' if last_error else ''
    raise Failure(f'timed out after {timeout:.0f} s waiting for {what}{detail}')


def find_all(node, role=None, name=None):
    """Every descendant with that role and name. GTK 4.8 reports no
    "showing" state, but Guild hides the views and states that are not on
    screen from the tree, so what is found is what is shown."""
    def predicate(child):
        return ((role is None or child.roleName == role) and
                (name is None or child.name == name))
    return node.findChildren(predicate, showingOnly=False)


def find(node, role, name, timeout=TIMEOUT):
    return wait_for(f'{role} “{name}”', lambda: (find_all(node, role, name) or [None])[0],
                    timeout)


def has_size(node):
    try:
        width, height = node.size
        return width > 0 and height > 0
    except Exception:
        return False


def find_on_screen(node, role, name, timeout=TIMEOUT):
    """The one that has a size: the view switcher is there twice, wide and
    narrow, and only one is laid out."""
    def probe():
        for child in find_all(node, role, name):
            if has_size(child):
                return child
        return None
    return wait_for(f'{role} “{name}” on screen', probe, timeout)


def click(node):
    node.doActionNamed('click')


def frames(app):
    return [child for child in app.children if child.roleName in ('frame', 'dialog', 'window')]


class App:
    def __init__(self, database, language=None):
        env = dict(os.environ)
        env.update({
            'GSETTINGS_SCHEMA_DIR': os.path.join(build_dir, 'data'),
            'GSETTINGS_BACKEND': 'memory',
            'LANG': 'C.UTF-8',
            'GUILD_LOCALEDIR': localedir,
            'GSK_RENDERER': env.get('GSK_RENDERER', 'cairo'),
        })
        env.pop('LANGUAGE', None)
        env.pop('LC_ALL', None)
        env.pop('LC_MESSAGES', None)
        env.pop('GUILD_DATABASE', None)
        if language:
            env['LANGUAGE'] = language
        self.process = subprocess.Popen([guild, '--database', database], env=env)
        self.node = wait_for('the guild application in the accessibility tree', self._find)
        self.window = wait_for('the main window',
                               lambda: next((f for f in frames(self.node)), None))

    def _find(self):
        if self.process.poll() is not None:
            raise Failure(f'guild exited early with status {self.process.returncode}')
        for app in tree.root.applications():
            # GTK names the application after the program.
            if app.name in ('guild', 'Guild'):
                return app
        return None

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


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
