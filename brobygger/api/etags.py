"""`ETag` and `If-Match` (ADR 0019, on ADR 0014's versions): no update is lost.

A single resource's GET sends `ETag: "<tag>"`, the record's version as core.concurrency makes
it (`version_tag`: a signed digest of the fields the write may change, equal for equal state).
A PUT or PATCH must send it back in `If-Match`: missing is 428, and a tag that is not the
record's version now is 412 (the service checks it under the row lock, as the edit forms'
tokens are checked, so two writes from the same version cannot both pass). `If-Match: *`
protects nothing and is refused as missing; several tags or a weak one are refused too.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Header

from brobygger.core.concurrency import VERSION_TAG_PREFIX, version_tag
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.enrolments.services import (
    ENROLMENT_VERSION_FIELDS,
    PARTICIPANT_CONTACT_FIELDS,
    enrolment_version_extra,
)


class PreconditionRequired(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class PreconditionFailed(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


IfMatch = Header(
    None,
    alias="If-Match",
    max_length=4096,
    description="ETag-en fra GET av ressursen (kreves: uten den 428, utdatert 412)",
)


def stale_message() -> str:
    return _(
        "Ressursen er endret siden du hentet den (ETag-en stemmer ikke). Hent den på nytt og "
        "send den nye ETag-en i If-Match. Ingenting er lagret."
    )


def required_tag(if_match: str | None) -> str:
    """The version an If-Match header names; 428 when there is none, 412 when it cannot be
    one of ours."""
    value = (if_match or "").strip()
    if not value or value == "*":
        raise PreconditionRequired(
            _(
                "Send If-Match med ETag-en fra GET av ressursen, så ingen endring går tapt. "
                "Ingenting er lagret."
            )
        )
    if "," in value or value.startswith("W/"):
        raise PreconditionFailed(
            _("If-Match må være én sterk ETag, slik GET sendte den. Ingenting er lagret.")
        )
    if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
        raise PreconditionFailed(stale_message())
    tag = value[1:-1]
    # An empty tag, or an edit form's token, is never a version this API sent.
    if not tag.startswith(VERSION_TAG_PREFIX):
        raise PreconditionFailed(stale_message())
    return tag


def with_etag(response: HttpResponse, tag: str) -> None:
    response["ETag"] = f'"{tag}"'
    # Kept by core.middleware.NoStoreMiddleware, which drops every other ETag.
    response.version_etag = True  # type: ignore[attr-defined]


def participant_tag(participant: Participant) -> str:
    return version_tag(participant, PARTICIPANT_CONTACT_FIELDS)


def enrolment_tag(enrolment: Enrolment) -> str:
    """From the prefetched history: no query."""
    history = [row.pk for row in enrolment.history.all()]
    return version_tag(enrolment, ENROLMENT_VERSION_FIELDS, extra=enrolment_version_extra(history))
