#!/usr/bin/python3
# tests/e2e/test_import_stream.py: importing a file too large to read whole.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts $GUILD_BUILD_DIR/src/guild on a new database with a vCard file on
# its command line, with GUILD_IMPORT_STREAM_THRESHOLD lowered so that a file
# of a few hundred KiB takes the way of one of gigabytes: the preview says
# the file is large, counts its cards and lists the skipped ones with their
# lines; Import writes them; the toast offers Undo, which takes them out.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.

import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_import import App  # noqa: E402
from test_shell import Failure, click, find, find_all, has_size, log, wait_for  # noqa: E402

N_CARDS = 30
SKIP_EVERY = 10
NOTE = ('A large file: what it holds is counted rather than listed record by record, '
        'and Import reads it once more.')


def write_cards(path):
    with open(path, 'w', encoding='utf-8', newline='') as out:
        for i in range(N_CARDS):
            if i % SKIP_EVERY == SKIP_EVERY - 1:
                out.write('BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n')
            else:
                out.write(f'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\n'
                          f'EMAIL:p{i}@example.org\r\nEND:VCARD\r\n')


def count_contacts(database):
    with sqlite3.connect(f'file:{database}?mode=ro', uri=True) as db:
        return db.execute('SELECT count(*) FROM contact').fetchone()[0]


def card_line(card):
    """The line card number @card starts on: five lines a card, four for
    the skipped ones."""
    skipped_before = card // SKIP_EVERY
    return 5 * (card - skipped_before) + 4 * skipped_before + 1


def check_import(workdir):
    path = os.path.join(workdir, 'Colleagues.vcf')
    write_cards(path)
    os.environ['GUILD_IMPORT_STREAM_THRESHOLD'] = str(os.path.getsize(path) // 2)
    added = N_CARDS - N_CARDS // SKIP_EVERY
    database = os.path.join(workdir, 'guild.db')
    app = App(database, [path])
    try:
        log('the preview of the large file opens by itself')
        dialog = wait_for('the Import dialog', lambda: app.frame('Import'))
        find(dialog, 'label', 'Colleagues.vcf')
        find(dialog, 'label', NOTE)
        find(dialog, 'label', f'{added} new records')
        find(dialog, 'label', '3 records will be skipped')

        log('the skipped cards are listed with their lines')
        for k in range(N_CARDS // SKIP_EVERY):
            find(dialog, 'label', f'Line {card_line((k + 1) * SKIP_EVERY - 1)}: No name')

        log('Import writes, and the dialog closes')
        click(find(dialog, 'push button', 'Import'))
        wait_for('the Import dialog to close', lambda: app.frame('Import') is None)

        log('the contacts are written, and the toast offers Undo')
        window = wait_for('the main window', lambda: app.frame('Guild'))

        def undo_button():
            for node in find_all(app.node, 'push button'):
                # libadwaita 1.2 names it after its mnemonic and its label.
                if 'Undo' in node.name.replace('_', '') and has_size(node):
                    return node
            return None
        # The toast goes after 10 s: its button first, then look around.
        undo = wait_for('the “Undo” button of the toast', undo_button)
        log('Undo takes them out again')
        if count_contacts(database) != added:
            raise Failure(f'the database does not hold the {added} contacts')
        click(undo)
        wait_for('the contacts to be gone', lambda: count_contacts(database) == 0)
        find(window, 'label', 'No Contacts Yet')
    finally:
        app.kill()
        os.environ.pop('GUILD_IMPORT_STREAM_THRESHOLD', None)


def main():
    workdir = tempfile.mkdtemp(prefix='guild-e2e-import-stream-')
    try:
        check_import(workdir)
        log('PASS: import-stream')
        return 0
    except Failure as error:
        log(f'FAIL: import-stream: {error}')
        return 1
    except Exception as error:
        log(f'FAIL: import-stream: {type(error).__name__}: {error}')
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
