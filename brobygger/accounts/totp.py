"""A TOTP code is accepted once per authenticator app (ADR 0007, amendment of issue 10).

allauth remembers a used code in the cache for one TOTP period (30 s), but with
`MFA_TOTP_TOLERANCE = 1` a code stays valid for three periods (up to 90 s): a code replayed
31-89 s later was accepted again. The cache entry could also be culled or cleared early. So the
time step of the last accepted code is kept with the authenticator itself, in its database row,
and a code is accepted only for a later time step (RFC 6238 §5.2: the verifier must not accept
a second attempt of the same OTP). The row is locked while it is checked and written, so two
logins racing with the same code cannot both win.

`install()` (accounts.apps) puts `validate_code` in place of allauth's `TOTP.validate_code`,
the one method every TOTP check at login and re-authentication goes through.
"""

from __future__ import annotations

from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from allauth.mfa.utils import decrypt
from django.db import transaction

LAST_COUNTER = "last_counter"


def matching_counter(secret: str, code: str) -> int | None:
    """The time step (within the tolerance) whose code `code` is, or None."""
    for counter in totp_auth.yield_hotp_counters_from_time():
        expected = totp_auth.format_hotp_value(totp_auth.hotp_value(secret, counter))
        if compare_user_code(actual=code, expected=expected):
            return counter
    return None


def validate_code(self: totp_auth.TOTP, code: str) -> bool:
    if totp_auth._is_insecure_bypass(code):
        return True
    counter = matching_counter(decrypt(self.instance.data["secret"]), code)
    if counter is None:
        return False
    with transaction.atomic():
        locked = Authenticator.objects.select_for_update().filter(pk=self.instance.pk).first()
        if locked is None:
            return False
        last = locked.data.get(LAST_COUNTER)
        if isinstance(last, int) and counter <= last:
            return False  # this code, or a later one, was accepted already
        locked.data[LAST_COUNTER] = counter
        locked.save(update_fields=["data"])
    self.instance.data = locked.data
    return True


def mark_used(authenticator: Authenticator, code: str) -> None:
    """The code typed to activate the app (allauth checks it without marking it used)."""
    counter = matching_counter(decrypt(authenticator.data["secret"]), code) if code else None
    if counter is None:
        return
    with transaction.atomic():
        locked = Authenticator.objects.select_for_update().filter(pk=authenticator.pk).first()
        if locked is not None and counter > (locked.data.get(LAST_COUNTER) or -1):
            locked.data[LAST_COUNTER] = counter
            locked.save(update_fields=["data"])


def install() -> None:
    totp_auth.TOTP.validate_code = validate_code  # type: ignore[method-assign]
