"""Helpers for the invitation tests: the code a page showed once, and a new participant."""

from __future__ import annotations

import re
from typing import Any

from brobygger.testing import make_enrolment, make_participant

CODE_RE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b")
LINK_RE = re.compile(r"https?://[^\s]+/invitasjon/([A-Z2-9]{16})/")


def shown_code(response: Any) -> str:
    match = CODE_RE.search(response.content.decode())
    assert match, "the page shows no invitation code"
    return match.group(1)


def mailed_link_path(message: Any) -> str:
    match = LINK_RE.search(message.body)
    assert match, message.body
    return f"/invitasjon/{match.group(1)}/"


def new_enrolment(personas: Any, **participant_fields: Any) -> Any:
    """A person just registered in the running cohort: no login yet."""
    participant = make_participant("Nora", "Nyberg", **participant_fields)
    return make_enrolment(personas.cohort, participant=participant)
