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

from guildtest import (  # noqa: F401  (what the checks below use)
    SKIP, TIMEOUT, App, Failure, build_dir, click, find, find_all, find_on_screen, frames,
    guild, has_size, localedir, log, rawinput, tree, wait_for)


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
