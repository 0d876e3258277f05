#!/usr/bin/python3
# tests/e2e/guildtest.py: what the end-to-end tests share.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Importing it skips the test (exit 77) when there is no display, D-Bus
# session or dogtail, and fails it when the app is not built. It gives the
# paths of the build, the tree-walking helpers and App, which starts guild on
# a database and finds its main window in the accessibility tree.

import os
import sqlite3
import subprocess
import sys
import time

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


def click_center(node):
    """A real click in the middle of node, for widgets GTK 4.8 offers no
    AT-SPI action on (a combo row). Under Xvfb without a window manager every
    window sits at 0,0, so the window coordinates GTK 4.8 reports are screen
    coordinates."""
    x, y = node.position
    width, height = node.size
    rawinput.click(x + width // 2, y + height // 2)


def stored(database, sql, *args):
    """Reads the app's database beside the app, read-only, as guildctl would."""
    connection = sqlite3.connect(f'file:{database}?mode=ro', uri=True, timeout=5)
    try:
        return connection.execute(sql, args).fetchall()
    finally:
        connection.close()


def frames(app):
    return [child for child in app.children if child.roleName in ('frame', 'dialog', 'window')]


class App:
    """guild on database, in language (None: English), opening files; env
    adds to its environment. With wait_window, waits for the main window."""

    def __init__(self, database, language=None, files=(), env=None, wait_window=True):
        environment = dict(os.environ)
        environment.update({
            'GSETTINGS_SCHEMA_DIR': os.path.join(build_dir, 'data'),
            'GSETTINGS_BACKEND': 'memory',
            'LANG': 'C.UTF-8',
            'GUILD_LOCALEDIR': localedir,
            'GSK_RENDERER': environment.get('GSK_RENDERER', 'cairo'),
        })
        for name in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'GUILD_DATABASE'):
            environment.pop(name, None)
        if language:
            environment['LANGUAGE'] = language
        environment.update(env or {})
        self.process = subprocess.Popen([guild, '--database', database] + list(files),
                                        env=environment)
        self.node = wait_for('the guild application in the accessibility tree', self._find)
        if wait_window:
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

    def frame(self, name):
        return next((f for f in frames(self.node) if f.name == name), None)

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
