"""Log output never carries a national id number (fødselsnummer / D-nummer), an e-mail address
or a link that logs someone in (a password-reset key, an invitation code) or opens a
participant's calendar feed (its secret token).

Code must not log one in the first place (a test scans every log record of the suite for them);
this formatter is the second line: it blanks any run of exactly 11 digits, any e-mail address
and the key of any reset or invitation link in the formatted line, tracebacks included, before
the line leaves the process.
"""

from __future__ import annotations

import logging
import re

ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
# A UUID (our record ids in paths) can hold 11 digits in a row ("…-a659-21121914630a"): one is
# left alone, read whole before its digits are looked at.
_UUID_OR_ELEVEN_DIGITS = re.compile(
    r"(?P<uuid>\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"
    r"|(?P<id>(?<!\d)\d{11}(?!\d))",
    re.IGNORECASE,
)
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The secret part of a password-reset link (allauth) and of an invitation link (invitations).
RESET_LINK = re.compile(r"(/konto/password/reset/key/)[^/\s?#'\"]+")
INVITATION_LINK = re.compile(r"(/invitasjon/)[^/\s?#'\"]+")
# The secret token of a participant's calendar feed (calendarfeed), the .ics suffix included.
CALENDAR_FEED_LINK = re.compile(r"(/kalender/)[^/\s?#'\"]+")


def has_eleven_digits(text: str) -> bool:
    """A run of exactly 11 digits outside a UUID: a national id number, or looks like one."""
    return any(match["id"] for match in _UUID_OR_ELEVEN_DIGITS.finditer(text))


def _blank_id(match: re.Match[str]) -> str:
    return match["uuid"] or "[fjernet]"


def redact(text: str) -> str:
    text = _UUID_OR_ELEVEN_DIGITS.sub(_blank_id, text)
    text = EMAIL_ADDRESS.sub("[e-post fjernet]", text)
    text = RESET_LINK.sub(r"\1[fjernet]", text)
    # Django's request log names the path of a refused request ("Method Not Allowed (POST):
    # /invitasjon/<code>/"): the code goes here.
    text = INVITATION_LINK.sub(r"\1[fjernet]", text)
    return CALENDAR_FEED_LINK.sub(r"\1[fjernet]", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
