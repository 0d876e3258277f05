#!/usr/bin/python3
# tests/e2e/test_calendar.py: an event in the calendar, and "Did you go?".
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Puts one community into a new database with `guildctl import` of a JSON
# backup, starts $GUILD_BUILD_DIR/src/guild on it and, as a user would: finds
# the community with Ctrl+F and Enter and sees its empty Activity timeline,
# opens the Calendar, adds a first event from the empty state by typing its
# title and closing the editor (it saves as you type), picks yesterday in the
# month, adds "Python meetup" there (so it is over), chooses the community in
# the editor's Community row, waits for the "Did you go?" banner about it and
# answers Yes. Back in the Communities view with Ctrl+1, the community's page,
# still open, lists the attend_event activity ("Attended an event") in its
# timeline. Then, with the app closed, guildctl shows the event attended, in
# the community, and one attend_event activity linked to both. The same again
# in Russian when the build's catalogue has the calendar's translations.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.

import datetime
import gettext
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_shell import (App, Failure, build_dir, click, find, find_all,  # noqa: E402
                        find_on_screen, frames, has_size, localedir, log, rawinput,
                        wait_for)
from guildtest import click_center, stored  # noqa: E402

guildctl = os.path.join(build_dir, 'src', 'cli', 'guildctl')
WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
PAST = 'Python meetup'
FIRST = 'Team lunch'
# One per language, so that the Russian run also shows a Cyrillic name.
COMMUNITY = {None: 'Open Source Circle', 'ru': 'Клуб открытого кода'}


def day_label(t, day):
    """The accessible name of a day in the month, as guild-month-view.c makes it."""
    weekday = t.pgettext('weekday', WEEKDAYS[(day.weekday() + 1) % 7])
    month = t.pgettext('month with a day', MONTHS[day.month - 1])
    date = t.pgettext('calendar day', '%-d %B').replace('%-d', str(day.day)).replace('%B', month)
    return t.pgettext('calendar day', '%s, %s') % (weekday, date)


def editor(app, t):
    return next((f for f in frames(app.node) if f.name in (t.gettext('New Event'),
                                                           t.gettext('Event'))), None)


def import_community(workdir, database, name):
    """Puts one community into the new database the way a user's backup
    would come in: `guildctl import` of a JSON backup (DESIGN.md)."""
    path = os.path.join(workdir, f'community-{os.path.basename(database)}.json')
    with open(path, 'w', encoding='utf-8') as backup:
        json.dump({'format': 'guild-backup', 'version': 1,
                   'communities': [{'id': 1, 'name': name, 'status': 'active',
                                    'format': 'online'}]},
                  backup, ensure_ascii=False)
    out = subprocess.run([guildctl, '--db', database, 'import', '--json', path],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, LANG='C.UTF-8')).stdout
    added = json.loads(out)['files'][0]['added']
    if added != 1:
        raise Failure(f'guildctl import added {added} records, 1 community expected')


def choose_community(app, t, database, title, community):
    """In the open editor, picks community in the Community row: None is
    chosen, the community is the next in its list."""
    frame = wait_for('the event editor', lambda: editor(app, t))
    row = find_on_screen(frame, 'combo box', t.gettext('Community'))
    click_center(row)
    # The popover lives on its own surface, whose positions GTK 4.8 does not
    # report: once the community is in its list, choose with the keyboard
    # (the list has the focus, on None).
    wait_for(f'“{community}” in the Community list',
             lambda: [label for label in find_all(row, 'label', community) if has_size(label)])
    time.sleep(0.5)
    rawinput.pressKey('Down')
    rawinput.pressKey('Return')
    # Saved half a second later, without a Save button.
    wait_for(f'“{title}” saved in “{community}”', lambda: stored(
        database, 'SELECT c.name FROM event e JOIN community c ON c.id = e.community_id '
        'WHERE e.title = ?', title) == [(community,)])


def add_event(app, t, title, database=None, community=None):
    wait_for('the event editor', lambda: editor(app, t))
    # The title has the focus; GTK 4.8 cannot set an entry's text through
    # AT-SPI, so it is typed.
    rawinput.typeText(title)
    if community is not None:
        choose_community(app, t, database, title, community)
    # Half a second after the last key it is saved; Escape closes the editor
    # and saves whatever is still pending.
    time.sleep(1.0)
    rawinput.pressKey('Escape')
    wait_for('the editor to close', lambda: editor(app, t) is None)


def shown(node, role, name):
    return [child for child in find_all(node, role, name) if has_size(child)]


def open_community(window, t, name):
    """Ctrl+F, the name, Enter: the first community found opens."""
    rawinput.keyCombo('<Control>f')
    time.sleep(0.3)
    rawinput.typeText(name)
    rawinput.pressKey('Return')
    # The name in the list and as the page's title.
    wait_for(f'the page of “{name}”', lambda: len(shown(window, 'label', name)) >= 2)
    find_on_screen(window, 'push button', t.gettext('Log Activity'))


def check(workdir, t, language):
    database = os.path.join(workdir, f'calendar-{language or "en"}.db')
    community = COMMUNITY[language]
    log(f'{language or "en"}: guildctl imports the community “{community}”')
    import_community(workdir, database, community)
    app = App(database, language=language)
    kind = t.pgettext('activity kind', 'Attended an event')
    try:
        window = app.window
        log('its page: nothing in the Activity timeline yet')
        open_community(window, t, community)
        find_on_screen(window, 'label', t.gettext('Nothing Logged Here Yet'))
        if shown(window, 'label', kind):
            raise Failure(f'“{kind}” is in the timeline before the event')

        log('the empty calendar')
        click(find_on_screen(window, 'page tab', t.gettext('Calendar')))
        find(window, 'label', t.gettext('No Events Yet'))
        click(find_on_screen(window, 'push button', t.gettext('Add Event')))
        add_event(app, t, FIRST)

        log('the month appears; pick yesterday')
        today = datetime.date.today()
        yesterday = today - datetime.timedelta(days=1)
        find_on_screen(window, 'push button', t.gettext('Previous Month'))
        if yesterday.month != today.month:
            click(find_on_screen(window, 'push button', t.gettext('Previous Month')))
        click(find_on_screen(window, 'push button', day_label(t, yesterday)))

        log(f'add an event there, in “{community}”: it is over')
        click(find_on_screen(window, 'push button', t.gettext('Add Event')))
        add_event(app, t, PAST, database, community)

        log('"Did you go?" asks about it; answer Yes')
        question = t.gettext('Did you go to “%s” (%s)?').split('%s')[0]
        yes = t.gettext('Yes, I went')
        no = t.gettext('No, I did not go')
        answered = False
        deadline = time.monotonic() + 20
        while not answered and time.monotonic() < deadline:
            labels = [label for label in find_all(window, 'label')
                      if label.name and label.name.startswith(question)]
            if not labels:
                time.sleep(0.2)
                continue
            if PAST in labels[0].name:
                click(find_on_screen(window, 'push button', yes))
                answered = True
            else:
                # Today's first event is over too when the test runs late.
                click(find_on_screen(window, 'push button', no))
                time.sleep(0.5)
        if not answered:
            raise Failure(f'no "Did you go?" about {PAST}')
        find(window, 'label', t.gettext('Marked as attended and added to the log'))

        log(f'Ctrl+1: “{community}” lists the activity in its timeline')
        rawinput.keyCombo('<Control>1')
        wait_for(f'the page of “{community}” again',
                 lambda: len(shown(window, 'label', community)) >= 2)
        timeline = find_on_screen(window, 'list', t.gettext('Activities'))
        # The row's heading is the kind; its accessible name starts with it.
        find_on_screen(timeline, 'label', kind)
        wait_for('the empty timeline to go',
                 lambda: not shown(window, 'label', t.gettext('Nothing Logged Here Yet')))
    finally:
        app.kill()

    log('guildctl: the event is attended, and its attend_event activity is there')
    stats = json.loads(subprocess.run([guildctl, '--db', database, 'stats', '--json'],
                                      check=True, capture_output=True, text=True).stdout)
    if stats['events'] != 2:
        raise Failure(f'{stats["events"]} events stored, 2 expected')
    backup = json.loads(subprocess.run([guildctl, '--db', database, 'export', '--format', 'json'],
                                       check=True, capture_output=True, text=True).stdout)
    event = next((e for e in backup['events'] if e['title'] == PAST), None)
    if event is None:
        raise Failure(f'no event “{PAST}” in the backup')
    if event['status'] != 'attended':
        raise Failure(f'“{PAST}” is {event["status"]}, not attended')
    attended = [a for a in backup['activities']
                if a['kind'] == 'attend_event' and a.get('event') == event['id']]
    if len(attended) != 1:
        raise Failure(f'{len(attended)} attend_event activities for “{PAST}”, 1 expected')
    if attended[0]['at'] != event['start']:
        raise Failure(f'the activity is at {attended[0]["at"]}, the event at {event["start"]}')
    ours = next((c for c in backup['communities'] if c['name'] == community), None)
    if ours is None or len(backup['communities']) != 1:
        raise Failure(f'the backup has {len(backup["communities"])} communities, '
                      f'not just “{community}”')
    if event.get('community') != ours['id']:
        raise Failure(f'“{PAST}” is in community {event.get("community")}, not “{community}”')
    if attended[0].get('community') != ours['id']:
        raise Failure(f'the activity is in community {attended[0].get("community")}, '
                      f'not “{community}”')


def russian():
    path = os.path.join(localedir, 'ru', 'LC_MESSAGES', 'guild.mo')
    if not os.path.exists(path):
        return None
    t = gettext.translation('guild', localedir=localedir, languages=['ru'])
    if t.gettext('calendar:week_start:0') == 'calendar:week_start:0':
        return None
    return t


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-calendar-')
    failures = 0
    try:
        t_ru = russian()
        runs = [('English', gettext.NullTranslations(), None)]
        if t_ru is not None:
            runs.append(('Russian', t_ru, 'ru'))
        else:
            log('SKIP: Russian: the catalogue has no calendar translations yet')
        for label, t, language in runs:
            try:
                check(workdir, t, language)
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
