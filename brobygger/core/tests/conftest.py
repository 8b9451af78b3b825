"""The privacy scan of the run's log lines and URLs must see everything: it runs last. The
security tests' figures (matrix, fuzz) are printed in the terminal summary."""

from brobygger.core.tests import summary

LAST = "test_log_privacy.py::test_no_log_line_or_url_of_the_run_names_a_person"


def pytest_collection_modifyitems(session, config, items):
    last = [item for item in items if item.nodeid.endswith(LAST)]
    items[:] = [item for item in items if item not in last] + last


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if summary.LINES:
        terminalreporter.section("security figures")
        for line in summary.LINES:
            terminalreporter.write_line(line)
