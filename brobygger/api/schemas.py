"""The API's shapes (Pydantic, through django-ninja): what the OpenAPI document describes."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    type: str = Field(description="URI for the kind of problem; about:blank for the generic ones")
    title: str
    status: int
    detail: str
    errors: list[dict[str, object]] | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    orgnr: str
    municipality_number: str | None


class CohortOut(Schema):
    id: int
    name: str
    programme_id: int
    programme_name: str
    start_date: dt.date
    end_date: dt.date


class ParticipantOut(Schema):
    id: int
    first_name: str
    last_name: str
    birth_date: dt.date | None
    municipality_number: str | None


class StatusChangeOut(Schema):
    status: str
    valid_from: dt.date
    valid_to: dt.date | None
    reason: str
    created_at: dt.datetime


class EnrolmentOut(Schema):
    id: int
    participant: ParticipantOut
    cohort_id: int
    status: str
    applied_on: dt.date
    waitlist_position: int | None
    history: list[StatusChangeOut]


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None


class CohortPage(Schema):
    items: list[CohortOut]
    next_cursor: str | None


class ParticipantPage(Schema):
    items: list[ParticipantOut]
    next_cursor: str | None


class EnrolmentPage(Schema):
    items: list[EnrolmentOut]
    next_cursor: str | None
