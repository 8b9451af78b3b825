"""Optimistic locking for edit forms (ADR 0014).

The edit page carries a signed token of the record's state as the user saw it. The service,
inside its transaction and after `select_for_update()` of the row, compares the token with the
row's current state: a difference means someone else saved in between, and the save is refused
with a message naming what changed. The row lock makes the check and the write one step, so two
saves from the same loaded version can never both pass.

The token holds a short digest of each field, not the values: it stays small for long texts and
shows nothing that the page does not.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from brobygger.core.audit import snapshot
from brobygger.core.formatting import format_day

STALE_EDIT = "stale_edit"
BAD_EDIT_TOKEN = "bad_edit_token"
# A value longer than this is named as changed, not quoted in the message.
_QUOTE_AT_MOST = 60


class StaleEdit(ValidationError):
    """A refused save. `fresh_token` is the token of the row as it is now, so the form can be
    shown again with the user's input and saved on purpose."""

    def __init__(self, message: str, *, code: str, fresh_token: str) -> None:
        super().__init__(message, code=code)
        self.fresh_token = fresh_token


def _salt(obj: models.Model) -> str:
    return f"brobygger.edit:{obj._meta.label_lower}:{obj.pk}"


def edit_state(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The JSON-friendly values of `fields` (model field names; many-to-many as sorted ids)."""
    state: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            state[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
        else:
            state[name] = snapshot(obj, [field.attname])[field.attname]  # type: ignore[union-attr]
    return state


def _digest(value: Any) -> str:
    encoded = json.dumps(value, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def _digests(state: Mapping[str, Any]) -> dict[str, str]:
    return {name: _digest(value) for name, value in state.items()}


def edit_token(
    obj: models.Model, fields: Iterable[str], *, extra: Mapping[str, Any] | None = None
) -> str:
    """The token an edit page carries for `obj` as it is now. `extra` adds state that is not a
    field of `obj` (such as its rows in another table), by name."""
    state = {**edit_state(obj, fields), **(extra or {})}
    return signing.dumps(_digests(state), salt=_salt(obj), compress=True)


# An HTTP ETag (the REST API, ADR 0019) is the same digests signed without a timestamp, so the
# same state always gives the same tag; check_unchanged tells it from an edit token by this.
VERSION_TAG_PREFIX = "v1."


def version_tag(
    obj: models.Model, fields: Iterable[str], *, extra: Mapping[str, Any] | None = None
) -> str:
    """`obj`'s state as a strong ETag: equal for equal state, checked like an edit token."""
    state = {**edit_state(obj, fields), **(extra or {})}
    signer = signing.Signer(salt=_salt(obj))
    return VERSION_TAG_PREFIX + signer.sign_object(_digests(state), compress=True)


def _seen(obj: models.Model, token: str) -> Any:
    """The digests a token or version tag carries; None when it is not one of ours."""
    try:
        if token.startswith(VERSION_TAG_PREFIX):
            signer = signing.Signer(salt=_salt(obj))
            return signer.unsign_object(token[len(VERSION_TAG_PREFIX) :])
        return signing.loads(token, salt=_salt(obj))
    except Exception:  # a forged or damaged token of any shape is refused, never a 500
        return None


def _shown(obj: models.Model, name: str) -> str | None:
    """The field's current value as the message shows it; None when only "changed" is said."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:  # `extra` state: named, not quoted
        return None
    if isinstance(field, ForeignObjectRel):  # `extra` state named like a reverse relation
        return None
    if field.many_to_many:
        names = [str(item) for item in getattr(obj, name).all()]
        return ", ".join(names) if names else _("ingen")
    value = getattr(obj, name)
    if getattr(field, "choices", None) and value not in (None, ""):
        value = getattr(obj, f"get_{name}_display")()
    if value is None or value == "":
        return _("tom")
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return format_day(value)
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if name.endswith("_ore") and isinstance(value, int):  # money in øre (CONVENTIONS rule 7)
        kroner, ore = divmod(value, 100)
        return f"{kroner:,}".replace(",", "\u00a0") + (f",{ore:02d}" if ore else "") + " kr"
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    if isinstance(field, models.FileField):
        return None
    text = str(value)
    if isinstance(field, models.TextField) or len(text) > _QUOTE_AT_MOST or "\n" in text:
        return None
    return text


def _label(obj: models.Model, name: str, labels: Mapping[str, str] | None) -> str:
    if labels and name in labels:
        return str(labels[name])
    try:
        return capfirst(str(getattr(obj._meta.get_field(name), "verbose_name", name)))
    except FieldDoesNotExist:
        return capfirst(name)


def _changes_text(obj: models.Model, names: list[str], labels: Mapping[str, str] | None) -> str:
    parts = []
    for name in names:
        shown = _shown(obj, name)
        label = _label(obj, name, labels)
        if shown is None:
            parts.append(_("%(field)s (endret)") % {"field": label})
        else:
            parts.append(_("%(field)s (nå «%(value)s»)") % {"field": label, "value": shown})
    return ", ".join(parts)


def bad_token(*, fresh_token: str) -> StaleEdit:
    return StaleEdit(
        _(
            "Skjemaet kunne ikke kontrolleres mot det som er lagret nå. Se over og lagre "
            "på nytt. Ingenting er lagret."
        ),
        code=BAD_EDIT_TOKEN,
        fresh_token=fresh_token,
    )


def stale_edit(
    obj: models.Model,
    changed: list[str],
    *,
    fresh_token: str,
    labels: Mapping[str, str] | None = None,
) -> StaleEdit:
    """The refusal of a save from an older version; `changed` names the fields (on `obj`,
    as it is now) that someone else changed."""
    if not changed:
        message = _(
            "Noen andre har lagret endringer mens du redigerte. Se over og lagre på nytt. "
            "Ingenting er lagret."
        )
    else:
        message = _(
            "Noen andre har lagret endringer mens du redigerte: %(changes)s. Se over og lagre "
            "på nytt. Ingenting er lagret."
        ) % {"changes": _changes_text(obj, changed, labels)}
    return StaleEdit(message, code=STALE_EDIT, fresh_token=fresh_token)


def check_unchanged(
    obj: models.Model,
    token: str | None,
    fields: Iterable[str],
    *,
    labels: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Refuse a save made from a version of `obj` that is no longer the current one.

    Call inside the service's transaction, on the row just fetched with `select_for_update()`,
    with the same `fields` and `extra` the edit page's token was made from. No token (a client
    that never loaded the edit page) is accepted: see ADR 0014.
    """
    if token is None or token == "":
        return
    current = _digests({**edit_state(obj, fields), **(extra or {})})
    fresh = signing.dumps(current, salt=_salt(obj), compress=True)
    seen = _seen(obj, token)
    if not isinstance(seen, dict):
        raise bad_token(fresh_token=fresh)
    changed = [name for name in current if seen.get(name) != current[name]]
    if changed:
        raise stale_edit(obj, changed, fresh_token=fresh, labels=labels)


def renew_hidden(form: forms.BaseForm, exc: ValidationError, name: str = "edit_token") -> None:
    """After a refused save, put the fresh token in the bound form's hidden field `name`, so
    the form shown again (with the user's input) saves against what is stored now."""
    fresh = getattr(exc, "fresh_token", None)
    if fresh is None or not form.is_bound:
        return
    data: Any = form.data
    data = data.copy()  # a QueryDict from request.POST (immutable); a dict in some tests
    data[form.add_prefix(name)] = fresh
    form.data = data


class EditTokenMixin(forms.Form):
    """A hidden `edit_token` field for an edit form. The view sets it from `edit_token()` on
    GET, passes `cleaned_data["edit_token"]` to the service, and calls `renew_edit_token(exc)`
    after a refused save so the next save is made against what is stored now."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def renew_edit_token(self, exc: ValidationError) -> None:
        renew_hidden(self, exc)
