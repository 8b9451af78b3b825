import pytest
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.models import AuditEvent
from brobygger.placements.models import Evaluation
from brobygger.placements.tests.factories import make_placement
from brobygger.testing import make_user


@pytest.fixture
def placement(personas):
    return make_placement(personas)


def url(placement, kind="midway"):
    return reverse("evaluation_edit", args=[placement.pk, kind])


def test_anonymous_is_sent_to_login(client, placement):
    response = client.get(url(placement))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_another_supervisor_gets_404(client, personas, placement):
    client.force_login(make_user(role=Role.SUPERVISOR, org=personas.host))
    assert client.get(url(placement)).status_code == 404
    assert client.post(url(placement), {"text": "Hei"}).status_code == 404
    assert not Evaluation.objects.exists()


def test_coordinator_and_participant_are_refused(client, personas, placement):
    for user in (personas.coordinator, personas.participant_user):
        client.force_login(user)
        assert client.post(url(placement), {"text": "Hei"}).status_code == 403
    assert not Evaluation.objects.exists()


def test_an_unknown_kind_is_404_and_wrong_method_405(client, personas, placement):
    client.force_login(personas.supervisor)
    assert client.get(url(placement, "halfway")).status_code == 404
    assert client.put(url(placement)).status_code == 405


def test_the_supervisor_writes_then_updates_the_midway_evaluation(client, personas, placement):
    client.force_login(personas.supervisor)
    assert client.get(url(placement)).status_code == 200
    response = client.post(url(placement), {"text": "Møter presis og er godt likt."})
    assert response.status_code == 302
    assert response["Location"] == reverse("placement_detail", args=[placement.pk])
    evaluation = Evaluation.objects.get(placement=placement, kind="midway")
    assert evaluation.written_by == personas.supervisor
    assert "Møter presis og er godt likt." in client.get(url(placement)).content.decode()
    client.post(url(placement), {"text": "Tar mer ansvar nå."})
    evaluation.refresh_from_db()
    assert evaluation.text == "Tar mer ansvar nå."
    event = AuditEvent.objects.get(object_type="placements.evaluation", action="update")
    # The text itself stays out of the append-only audit trail (core.appendonly.redact).
    assert event.changes == {"text": ["[skjult]", "[skjult]"]}


def test_an_empty_evaluation_is_refused(client, personas, placement):
    client.force_login(personas.supervisor)
    response = client.post(url(placement, "final"), {"text": "   "})
    assert response.status_code == 200
    assert "Skriv evalueringen før du lagrer." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_save_from_a_page_loaded_before_another_change_is_refused(client, personas, placement):
    """Issue 10, finding 12 (ADR 0014): the evaluation is open in two tabs; the first saves;
    the second's save, made from what it showed, is refused with what changed, nothing lost."""
    client.force_login(personas.supervisor)
    token = client.get(url(placement)).context["form"]["edit_token"].value()
    assert token
    client.post(url(placement), {"text": "Første versjon.", "edit_token": token})
    assert Evaluation.objects.get(placement=placement, kind="midway").text == "Første versjon."

    response = client.post(url(placement), {"text": "Andre versjon.", "edit_token": token})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Noen andre har lagret endringer mens du redigerte: Evalueringen (endret)" in text
    assert "Andre versjon." in text  # the user's input is kept
    assert Evaluation.objects.get(placement=placement, kind="midway").text == "Første versjon."
    # The form shown again carries the fresh version: saving it now on purpose works.
    fresh = response.context["form"].data["edit_token"]
    assert fresh != token
    response = client.post(url(placement), {"text": "Andre versjon.", "edit_token": fresh})
    assert response.status_code == 302
    assert Evaluation.objects.get(placement=placement, kind="midway").text == "Andre versjon."
