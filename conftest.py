"""Suite-wide pytest hooks.

Odoo skips a browser tour *silently* when Chromium or websocket-client is missing, and an
HttpCase is skipped without --odoo-http. A skipped test here is a broken promise, so any
skip fails the run.

Odoo's own runner (odoo-bin --test-enable) only runs the test modules imported in
tests/__init__.py, while pytest finds every test_*.py file: a module missing from the imports
fails the run, so both runners run the same tests.
"""

import re
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).parent / "jianxi_internship" / "tests"


def pytest_sessionstart(session):
    imported = set(re.findall(r"^from \. import (test_\w+)$", (TESTS_DIR / "__init__.py").read_text(), re.M))
    missing = sorted(path.stem for path in TESTS_DIR.glob("test_*.py") if path.stem not in imported)
    if missing:
        raise pytest.UsageError(
            f"jianxi_internship/tests/__init__.py does not import {', '.join(missing)}: Odoo's runner would skip it"
        )


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(
            f"FAILED: {len(skipped)} test(s) were skipped; this suite allows no skip.", red=True
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and exitstatus == 0:
        session.exitstatus = 1
