"""Suite-wide pytest hooks.

Odoo skips a browser tour *silently* when Chromium or websocket-client is missing, and an
HttpCase is skipped without --odoo-http. A skipped test here is a broken promise, so any
skip fails the run.
"""


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
