"""Figures the security tests report at the end of the run (core/tests/conftest.py prints them
in pytest's terminal summary, so they show without -s)."""

LINES: list[str] = []


def add(line: str) -> None:
    LINES.append(line)
    print("\n" + line)
