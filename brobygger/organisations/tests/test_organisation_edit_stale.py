"""Optimistic locking on the organisation edit form (ADR 0014): an edit from an older version
is refused with what changed, and nothing of it is saved."""

from django.test import Client
from django.urls import reverse

from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.organisations.tests.helpers import ORGNR_OK_2


def edit_url(org):
    return reverse("organisation_edit", args=[org.pk])


def data(org, **changes):
    return {
        "name": org.name,
        "kind": org.kind,
        "orgnr": org.orgnr,
        "municipality": org.municipality.number if org.municipality else "",
        **changes,
    }


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    org = personas.stavanger
    first, second = Client(), Client()
    first.force_login(personas.admin)
    second.force_login(personas.admin)
    token_first, token_second = (
        loaded_token(first, edit_url(org)),
        loaded_token(second, edit_url(org)),
    )
    saved = first.post(edit_url(org), data(org, name="Stavanger MB", edit_token=token_first))
    assert saved.status_code == 302
    late = data(org, orgnr=ORGNR_OK_2, edit_token=token_second)
    response = second.post(edit_url(org), late)
    fresh = refused_as_stale(response, "(nå «Stavanger MB»)")
    org.refresh_from_db()
    assert (org.name, org.orgnr) == ("Stavanger MB", "")

    assert second.post(edit_url(org), {**late, "edit_token": fresh}).status_code == 302
    org.refresh_from_db()
    assert org.orgnr == ORGNR_OK_2
