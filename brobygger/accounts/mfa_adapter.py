"""MFA secrets encrypted at rest (ADR 0007, amendment of issue 10).

allauth passes every secret it stores in `Authenticator.data` (the TOTP key, the recovery-code
seed) through the MFA adapter's `encrypt`/`decrypt`. Here that is Fernet (AES-128-CBC with an
HMAC-SHA256, from `cryptography`) under the key(s) in `BROBYGGER_MFA_KEY`; several keys,
comma-separated, allow rotation: the first encrypts, all decrypt. A stored value carries the
prefix `fernet:`; a value without it is a plain secret from before encryption (migration
accounts/0005 encrypts those, and decrypt still reads one rather than lock its owner out).
"""

from __future__ import annotations

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


def _derived_key() -> bytes:
    """Only for debug, demo and tests (settings refuses to start without a key otherwise)."""
    digest = hashlib.sha256(f"brobygger.mfa:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def fernet() -> MultiFernet:
    keys = list(getattr(settings, "BROBYGGER_MFA_KEYS", None) or [])
    if not keys:
        keys = [_derived_key()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "BROBYGGER_MFA_KEY must be Fernet keys (Fernet.generate_key()), comma-separated."
        ) from error


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # a plain secret from before encryption
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode("ascii")).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An MFA secret cannot be decrypted with BROBYGGER_MFA_KEY (wrong or rotated-out key)."
        ) from error


def is_encrypted(stored: object) -> bool:
    return isinstance(stored, str) and stored.startswith(PREFIX)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)
