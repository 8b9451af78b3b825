"""Which address a password reset link was mailed to, so that using the link verifies that address.

A reset by the link in a mail proves the person reads the address the mail went to. allauth's
link-based reset does not mark it verified (only its code-based reset does), and its token does
not say which of the user's addresses received it: the token covers all of them. Worse, making
the token copies `user.email` into an *unverified* EmailAddress row, and allauth refuses to set
up MFA while any of the user's addresses is unverified. A user whose first password comes from
«Glemt passord» (employer users from «Gi tilgang») could therefore never set up MFA.

So the adapter remembers, per link, a digest of the address it mailed the link to (in the shared
database cache, for as long as the link is valid; no address is stored), and the
`password_reset` receiver verifies that address once the link has been used to set a password.
A link that is never used verifies nothing; a link mailed to two addresses (the same token, asked
for twice in one second) verifies neither, since we cannot tell which one was read.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "brobygger.accounts.reset_links"


def _cache_key(user: Any, temp_key: str) -> str:
    digest = salted_hmac(f"{_SALT}.key", f"{user.pk}:{temp_key}", algorithm="sha256")
    return f"{_SALT}:{digest.hexdigest()}"


def _address_digest(user: Any, email: str) -> str:
    return salted_hmac(
        f"{_SALT}.address", f"{user.pk}:{email.strip().lower()}", algorithm="sha256"
    ).hexdigest()


def remember_mailed_to(user: Any, temp_key: str, email: str) -> None:
    """The reset link with `temp_key` for `user` is being mailed to `email`."""
    key = _cache_key(user, temp_key)
    digests = set(cache.get(key) or ()) | {_address_digest(user, email)}
    cache.set(key, sorted(digests), timeout=settings.PASSWORD_RESET_TIMEOUT)


def take_mailed_to(user: Any, temp_key: str, addresses: list[str]) -> str | None:
    """Which of `addresses` (the user's) the link with `temp_key` was mailed to, if exactly one;
    forgets the link either way (it is used up once the password has changed)."""
    key = _cache_key(user, temp_key)
    digests = cache.get(key) or []
    cache.delete(key)
    if len(digests) != 1:
        return None
    matches = [a for a in addresses if constant_time_compare(_address_digest(user, a), digests[0])]
    return matches[0] if len(matches) == 1 else None
