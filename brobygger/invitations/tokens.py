"""Invitation codes: one secret that is both the link's last part and the code a person types.

16 characters from a 30-letter alphabet without look-alikes (no 0/O, 1/I/L, U) carry about 78
bits: far beyond guessing within 14 days under the code form's rate limit. Only the SHA-256 of
the normalised code is stored, so the database never holds a usable code.
"""

from __future__ import annotations

import hashlib
import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
LENGTH = 16
GROUP = 4


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a person typed, as stored: upper case, spaces and dashes gone."""
    return re.sub(r"[\s\-]", "", typed or "").upper()


def looks_valid(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def grouped(code: str) -> str:
    """ABCD-EFGH-JKMN-PQRS: easier to read aloud and type."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
