"""Issuing again after an invalidation: a new diploma with a new code; the old stays invalid."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from brobygger.core.models import AuditEvent
from brobygger.diplomas.models import Diploma
from brobygger.diplomas.services import diploma_invalidate, diploma_issue
from brobygger.diplomas.tests.factories import make_diploma

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today_and_empty_cache(time_machine):
    time_machine.move_to("2026-11-21 12:00+01:00", tick=False)
    cache.clear()


def issue_url(personas):
    return reverse("diploma_issue", args=[personas.enrolment.pk])


def detail(client, personas):
    return client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()


def verify(client, code):
    return client.get(reverse("diploma_verify"), {"kode": code}).content.decode()


def test_issuing_after_an_invalidation_makes_a_new_diploma_with_a_new_code(client, personas):
    old = make_diploma(personas)
    diploma_invalidate(diploma=old, by=personas.coordinator, reason="Feil navn på vitnemålet")
    client.force_login(personas.coordinator)
    assert "Utsted nytt vitnemål" in detail(client, personas)

    response = client.post(issue_url(personas), follow=True)

    diplomas = list(Diploma.objects.filter(completion=old.completion).order_by("pk"))
    assert len(diplomas) == 2
    first, new = diplomas
    assert first.pk == old.pk and not first.is_valid
    assert first.invalidation_reason == "Feil navn på vitnemålet"
    assert new.is_valid and new.code != old.code
    assert new.issued_by == personas.coordinator
    page = response.content.decode()
    assert f"Et nytt vitnemål er utstedt, med kontrollkode {new.display_code}." in page
    assert f"({old.display_code}) er fortsatt ugyldig" in page
    assert AuditEvent.objects.filter(
        object_type="diplomas.diploma", object_id=str(new.pk), action="create"
    ).exists()
    # The page now offers the new diploma, and lists the old one as earlier.
    page = detail(client, personas)
    assert reverse("diploma_pdf", args=[new.pk]) in page
    assert "Tidligere vitnemål" in page and old.display_code in page
    # Anyone checking: the new code is valid, the old one still says invalid.
    client.logout()
    assert "Gyldig vitnemål" in verify(client, new.display_code)
    assert "Ugyldig vitnemål" in verify(client, old.display_code)


def test_the_old_diploma_cannot_be_downloaded_the_new_one_can(client, personas):
    old = make_diploma(personas)
    diploma_invalidate(diploma=old, by=personas.coordinator, reason="Feil")
    new = diploma_issue(completion=old.completion, by=personas.coordinator)
    client.force_login(personas.participant_user)
    assert client.get(reverse("diploma_pdf", args=[old.pk])).status_code == 404
    assert client.get(reverse("diploma_pdf", args=[new.pk])).status_code == 200


def test_issuing_while_a_valid_diploma_exists_says_so_and_makes_nothing(client, personas):
    diploma = make_diploma(personas)
    client.force_login(personas.coordinator)

    response = client.post(issue_url(personas), follow=True)

    page = response.content.decode()
    assert f"allerede utstedt, med kontrollkode {diploma.display_code}" in page
    assert "Vitnemålet er utstedt" not in page
    assert Diploma.objects.get() == diploma
    assert AuditEvent.objects.filter(object_type="diplomas.diploma", action="create").count() == 1


def test_the_service_refuses_a_second_valid_diploma(personas):
    diploma = make_diploma(personas)
    with pytest.raises(ValidationError) as error:
        diploma_issue(completion=diploma.completion, by=personas.coordinator)
    assert error.value.code == "already_issued"
    assert Diploma.objects.count() == 1


def test_the_database_allows_one_valid_diploma_per_completion(personas):
    diploma = make_diploma(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Diploma.objects.create(
            completion=diploma.completion,
            code="0123456789AB",
            issued_at=timezone.now(),
            issued_by=personas.coordinator,
        )


def test_the_first_issue_names_the_code(client, personas):
    from brobygger.diplomas.tests.factories import make_completion

    make_completion(personas)
    client.force_login(personas.coordinator)
    page = client.post(issue_url(personas), follow=True).content.decode()
    diploma = Diploma.objects.get()
    assert f"Vitnemålet er utstedt, med kontrollkode {diploma.display_code}." in page
