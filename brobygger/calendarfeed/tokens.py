"""Calendar feed tokens: the shared scheme in core/tokens.py (only the SHA-256 is stored; the
participant sees the address once, when it is made)."""

from __future__ import annotations

from brobygger.core.tokens import MAX_LENGTH, digest, new_token

__all__ = ["MAX_LENGTH", "digest", "new_token"]
