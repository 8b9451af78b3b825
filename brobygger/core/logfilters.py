"""Log output never carries a national id number (fødselsnummer / D-nummer).

Code must not log one in the first place (a test scans every log record of the suite for them);
this formatter is the second line: it blanks any run of exactly 11 digits in the formatted
line, tracebacks included, before the line leaves the process.
"""

from __future__ import annotations

import logging
import re

ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")


def redact(text: str) -> str:
    return ELEVEN_DIGITS.sub("[fjernet]", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
