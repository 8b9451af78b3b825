"""Bearer secrets stored only as a hash: 32 random bytes, URL-safe (43 characters, 256 bits).

Shared by the calendar feed addresses and the API clients' tokens. Only the SHA-256 of a token
is stored, so the database never holds a usable secret; the person sees it once, when it is
made. (Invitation codes are typed by people and have their own alphabet: invitations/tokens.py.)
"""

from __future__ import annotations

import hashlib
import secrets

# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours.
MAX_LENGTH = 64


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
