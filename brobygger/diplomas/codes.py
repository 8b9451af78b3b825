"""Verification codes: random, unambiguous when read aloud or typed from paper."""

from __future__ import annotations

import secrets

# Crockford's base32: no I, L, O or U, so a code copied by hand has fewer mistakes.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12  # 60 bits: guessing is hopeless, and the check page is rate limited too.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str:
    """What a person typed ("abcd-efgh 1jkm") as a stored code, or "" if it cannot be one."""
    cleaned = "".join(ch for ch in raw.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return cleaned
