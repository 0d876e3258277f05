#!/usr/bin/python3
# tests/e2e/test_import.py: importing a file given on the command line.
#
# Copyright 2026 The Guild developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts $GUILD_BUILD_DIR/src/guild on a new database with a vCard file on
# its command line (`guild --database X FILE`), as a user would: finds the
# import preview, sees what it promises, presses Import, and finds a contact
# from the file in the Contacts view.
#
# The same needs and exit statuses as test_shell.py, whose helpers it uses.

import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from test_shell import (Failure, click, find, find_all,  # noqa: E402
                        find_on_screen, log, wait_for)
import guildtest  # noqa: E402

SOURCE_DIR = os.environ.get('GUILD_SOURCE_DIR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..')
SAMPLE = os.path.join(SOURCE_DIR, 'tests', 'data', 'import', 'apple-3.0.vcf')
CONTACT = 'Anna Ivanova'


def App(database, files=()):
    """guild opening files; the import dialog comes before the window."""
    return guildtest.App(database, files=files, wait_window=False)


def check_import(workdir):
    app = App(os.path.join(workdir, 'guild.db'), [SAMPLE])
    try:
        log('the preview opens by itself')
        dialog = wait_for('the Import dialog', lambda: app.frame('Import'))
        find(dialog, 'label', 'apple-3.0.vcf')
        find(dialog, 'label', '1 new record')
        find(dialog, 'label', '1 record will be skipped')

        log('Import writes, and the dialog closes')
        click(find(dialog, 'push button', 'Import'))
        wait_for('the Import dialog to close', lambda: app.frame('Import') is None)

        log('the contact is in the Contacts view')
        window = wait_for('the main window', lambda: app.frame('Guild'))
        click(find_on_screen(window, 'page tab', 'Contacts'))
        find(window, 'label', CONTACT)
        if find_all(window, 'label', 'No Contacts Yet'):
            raise Failure('the Contacts view still shows its empty state')
    finally:
        app.kill()


def main():
    if not os.path.exists(SAMPLE):
        log(f'FAIL: no sample file at {SAMPLE}')
        return 1
    workdir = tempfile.mkdtemp(prefix='guild-e2e-import-')
    try:
        check_import(workdir)
        log('PASS: import')
        return 0
    except Failure as error:
        log(f'FAIL: import: {error}')
        return 1
    except Exception as error:
        log(f'FAIL: import: {type(error).__name__}: {error}')
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
