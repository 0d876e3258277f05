#!/usr/bin/python3
# tests/e2e/test_calendar.py: an event in the calendar, and "Did you go?".
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts $GUILD_BUILD_DIR/src/guild on a new database and, as a user would:
# opens the Calendar, adds a first event from the empty state by typing its
# title and closing the editor (it saves as you type), picks yesterday in the
# month, adds "Python meetup" there (so it is over), waits for the "Did you
# go?" banner about it and answers Yes. Then, with the app closed, guildctl
# shows the event attended and one attend_event activity linked to it. The
# same again in Russian when the build's catalogue has the calendar's
# translations.
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
                        find_on_screen, frames, localedir, log, rawinput, wait_for)

guildctl = os.path.join(build_dir, 'src', 'cli', 'guildctl')
WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
PAST = 'Python meetup'
FIRST = 'Team lunch'


def day_label(t, day):
    """The accessible name of a day in the month, as guild-month-view.c makes it."""
    weekday = t.pgettext('weekday', WEEKDAYS[(day.weekday() + 1) % 7])
    month = t.pgettext('month with a day', MONTHS[day.month - 1])
    date = t.pgettext('calendar day', '%-d %B').replace('%-d', str(day.day)).replace('%B', month)
    return t.pgettext('calendar day', '%s, %s') % (weekday, date)


def editor(app, t):
    return next((f for f in frames(app.node) if f.name in (t.gettext('New Event'),
                                                           t.gettext('Event'))), None)


def add_event(app, t, title):
    wait_for('the event editor', lambda: editor(app, t))
    # The title has the focus; GTK 4.8 cannot set an entry's text through
    # AT-SPI, so it is typed.
    rawinput.typeText(title)
    # Half a second after the last key it is saved; Escape closes the editor
    # and saves whatever is still pending.
    time.sleep(1.0)
    rawinput.pressKey('Escape')
    wait_for('the editor to close', lambda: editor(app, t) is None)


def check(workdir, t, language):
    database = os.path.join(workdir, f'calendar-{language or "en"}.db')
    app = App(database, language=language)
    try:
        window = app.window
        log(f'{language or "en"}: the empty calendar')
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

        log('add an event there: it is over')
        click(find_on_screen(window, 'push button', t.gettext('Add Event')))
        add_event(app, t, PAST)

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
