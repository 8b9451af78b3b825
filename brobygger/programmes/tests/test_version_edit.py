from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.programmes.models import ProgrammeVersion
from brobygger.programmes.services import version_update
from brobygger.programmes.tests.factories import BEFORE_START, DURING, frozen, login, version_post
from brobygger.testing import make_cohort

FROZEN = "Versjonen er i bruk av et kull som har startet. Lag en ny versjon."


def url(version):
    return reverse("version_edit", args=[version.pk])


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(url(personas.version))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    login(client, personas.other_coordinator)
    assert client.get(url(personas.version)).status_code == 404
    with frozen(BEFORE_START):
        assert client.post(url(personas.version), version_post(theory_hours="1")).status_code == 404
    personas.version.refresh_from_db()
    assert personas.version.theory_hours == Decimal("180")


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).put(url(personas.version)).status_code == 405


def test_before_the_cohort_starts_it_saves_and_audits_old_and_new(client, personas):
    login(client, personas.coordinator)
    with frozen(BEFORE_START):
        assert "form" in client.get(url(personas.version)).context
        response = client.post(url(personas.version), version_post(name="2024", theory_hours="170"))
    assert response.status_code == 302
    personas.version.refresh_from_db()
    assert personas.version.theory_hours == Decimal("170")
    event = AuditEvent.objects.get(
        object_type="programmes.programmeversion", object_id=personas.version.pk, action="update"
    )
    assert event.changes["theory_hours"] == ["180.00", "170.00"]
    assert "practice_weeks" not in event.changes


def test_once_a_cohort_has_started_the_version_is_frozen(client, personas):
    login(client, personas.coordinator)
    with frozen(DURING):
        page = client.get(url(personas.version)).content.decode()
        response = client.post(url(personas.version), version_post(name="2024", theory_hours="100"))
    assert FROZEN in page
    assert response.status_code == 200
    assert FROZEN in response.content.decode()
    personas.version.refresh_from_db()
    assert personas.version.theory_hours == Decimal("180")
    assert not AuditEvent.objects.filter(object_type="programmes.programmeversion").exists()


def test_the_service_refuses_on_the_start_date_itself(personas):
    with pytest.raises(ValidationError) as exc:
        version_update(
            by=personas.coordinator,
            version=personas.version,
            today=personas.cohort.start_date,
            theory_hours=Decimal("100"),
        )
    assert exc.value.messages == [FROZEN]


def test_a_version_used_only_by_a_future_cohort_can_still_change(personas):
    version = ProgrammeVersion.objects.create(programme=personas.version.programme, name="2027")
    future = make_cohort(version)
    version_update(
        by=personas.coordinator,
        version=version,
        today=future.start_date.replace(day=1),
        practice_weeks=22,
    )
    version.refresh_from_db()
    assert version.practice_weeks == 22


def test_bad_input_shows_the_message_and_saves_nothing(client, personas):
    login(client, personas.coordinator)
    with frozen(BEFORE_START):
        response = client.post(
            url(personas.version), version_post(name="2024", placement_percent="0")
        )
    assert "placement_percent" in response.context["form"].errors
    personas.version.refresh_from_db()
    assert personas.version.placement_percent == 50


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    first, second = (login(Client(), personas.coordinator) for _ in range(2))
    edit = url(personas.version)
    with frozen(BEFORE_START):
        token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
        mine = version_post(theory_hours="170", edit_token=token_first)
        assert first.post(edit, mine).status_code == 302
        late = version_post(practice_weeks="10", edit_token=token_second)
        response = second.post(edit, late)
        fresh = refused_as_stale(response, "Timer teori (nå «170»)")
        personas.version.refresh_from_db()
        assert (personas.version.theory_hours, personas.version.practice_weeks) == (170, 20)

        assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    personas.version.refresh_from_db()
    assert (personas.version.theory_hours, personas.version.practice_weeks) == (180, 10)
