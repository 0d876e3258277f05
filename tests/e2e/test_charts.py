#!/usr/bin/python3
# tests/e2e/test_charts.py: the Charts view, driven through its accessibility tree.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates a small database with guildctl, starts $GUILD_BUILD_DIR/src/guild
# on it and, as a user would: opens Charts, reads the charts' accessible
# descriptions, changes the period to the last 4 weeks and sees the
# descriptions follow, then clicks the overview's suggestion and lands in
# the Communities view. Needs what tests/e2e/test_shell.py needs; exit
# status 0 passed, 1 failed, 77 skipped.

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




guildctl = os.path.join(build_dir, 'src', 'cli', 'guildctl')


def description(node):
    try:
        return node.description or ''
    except Exception:
        return ''


def chart_description(window, title):
    node = find(window, 'image', title)
    return wait_for(f'the description of “{title}”', lambda: description(node))


def check_charts(workdir):
    database = os.path.join(workdir, 'guild.db')
    subprocess.run([guildctl, '--db', database, 'generate', '--activities', '800',
                    '--contacts', '60', '--events', '40'], check=True,
                   stdout=subprocess.DEVNULL)
    app = App(database)
    try:
        window = app.window

        log('Charts: open the view')
        click(find_on_screen(window, 'page tab', 'Charts'))
        text = wait_for('the activities chart to describe the last quarter', lambda: (
            lambda d: d if d.startswith('Activities per week, last 13 weeks') else None)(
                chart_description(window, 'Activities per Week')))
        log(f'  {text}')
        for title in ('Connections', 'Strategy Mix', 'Participation, Last 52 Weeks'):
            log(f'  {title}: {chart_description(window, title)}')

        log('Charts: the skills chart has its card, and says what it shows')
        find(window, 'label', 'Skills: Current and Target Level')
        text = wait_for('the skills chart to describe the skills', lambda: (
            lambda d: d if d.startswith('Current and target level of ') else None)(
                chart_description(window, 'Skills chart')))
        log(f'  {text}')
        find(window, 'push button', 'Export “Skills: Current and Target Level”')

        log('Charts: change the period to the last 4 weeks')
        click(find_on_screen(window, 'push button', '4 Weeks'))
        text = wait_for('the activities chart to describe the last 4 weeks', lambda: (
            lambda d: d if d.startswith('Activities per week, last 4 weeks') else None)(
                chart_description(window, 'Activities per Week')))
        log(f'  {text}')

        log('Overview: click the suggestion, land in Communities')
        prefixes = ('Ask a question in ', 'Share something you learned in ',
                    'Write to someone you met in ')
        suggestion = wait_for('the suggestion', lambda: next(
            (n for n in find_all(window, 'push button') if n.name.startswith(prefixes)), None))
        log(f'  {suggestion.name}')
        click(suggestion)
        wait_for('the charts to leave the tree',
                 lambda: not find_all(window, 'image', 'Activities per Week'))
        # The suggestion names a community; the Communities view lists it.
        prefix = next(p for p in prefixes if suggestion.name.startswith(p))
        community = suggestion.name[len(prefix):].split(' ' + prefix)[0]
        find(window, 'label', community)
        log(f'  the Communities view shows “{community}”')
        # Not only listed: opened, its page beside the list names it too.
        wait_for(f'the page of “{community}”', lambda: len(
            [n for n in find_all(window, 'label', community) if has_size(n)]) >= 2)
        delete = find_on_screen(window, 'push button', 'Delete Community')
        wait_for('the community page to be active', lambda: delete.sensitive)
        log('  and opens its page')
    finally:
        app.kill()


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-charts-')
    try:
        check_charts(workdir)
    except Failure as failure:
        log(f'FAIL: {failure}')
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    log('PASS')
    return 0


sys.exit(main())
