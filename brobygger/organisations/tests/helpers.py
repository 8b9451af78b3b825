"""Shared bits for the organisations tests (invented organisation numbers only)."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brobygger.accounts.models import Membership

# Valid check digits (stdnum.no.orgnr), invented.
ORGNR_OK = "900000200"
ORGNR_OK_2 = "900000219"
ORGNR_BAD_CHECK = "900000201"
BAD_CHECK_MESSAGE = "Organisasjonsnummeret er ikke gyldig: ni siffer med riktig kontrollsiffer."
DUPLICATE_MESSAGE = "Det finnes allerede en organisasjon med dette organisasjonsnummeret."


def today() -> dt.date:
    return timezone.localdate()


def users_url(org) -> str:  # type: ignore[no-untyped-def]
    return reverse("organisation_users", args=[org.pk])


def roles_url(org, user) -> str:  # type: ignore[no-untyped-def]
    return reverse("organisation_member_roles", args=[org.pk, user.pk])


def end_url(org, user) -> str:  # type: ignore[no-untyped-def]
    return reverse("organisation_member_end", args=[org.pk, user.pk])


def held(user, org) -> set[str]:  # type: ignore[no-untyped-def]
    """The roles `user` holds at `org` today."""
    rows = Membership.objects.active().filter(user=user, organisation=org)
    return set(rows.values_list("role", flat=True))


def add_role(user, org, role) -> Membership:  # type: ignore[no-untyped-def]
    return Membership.objects.create(user=user, organisation=org, role=role)


def signed_in_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client
