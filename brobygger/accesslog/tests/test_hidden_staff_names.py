"""/innsynslogg/skjulte-navn/: an administrator hides a named employee's name in participants'
read log, with a coded reason (issue 10, ADR 0009 amendment 2)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.accesslog import hidden_names
from brobygger.accesslog.models import HiddenNameReason, HiddenStaffName
from brobygger.accounts.models import Role
from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.testing import make_user

URL = reverse("hidden_staff_names")


def remove_url(hidden: HiddenStaffName) -> str:
    return reverse("hidden_staff_name_remove", args=[hidden.pk])


def test_login_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["coordinator", "participant_user", "analyst"])
def test_only_administrators_have_the_page(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(URL).status_code == 403
    hidden = hidden_names.staff_name_hide(
        user=personas.teacher, reason=HiddenNameReason.THREAT, by=personas.admin
    )
    assert client.post(remove_url(hidden)).status_code == 403
    assert HiddenStaffName.objects.filter(pk=hidden.pk).exists()


def test_removing_takes_post_only(client, personas):
    hidden = hidden_names.staff_name_hide(
        user=personas.teacher, reason=HiddenNameReason.THREAT, by=personas.admin
    )
    client.force_login(personas.admin)
    assert client.get(remove_url(hidden)).status_code == 405
    assert client.put(URL).status_code == 405


def test_the_admin_hides_a_name_with_a_coded_reason_and_it_is_audited(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        URL,
        {"user": personas.supervisor.pk, "reason": "other", "reason_text": "Trusler i saken"},
    )
    assert response.status_code == 302 and response["Location"] == URL
    hidden = HiddenStaffName.objects.get()
    assert (hidden.user, hidden.reason, hidden.reason_text, hidden.set_by) == (
        personas.supervisor,
        "other",
        "Trusler i saken",
        personas.admin,
    )
    event = AuditEvent.objects.get(object_type="accesslog.hiddenstaffname", action="create")
    assert event.actor == personas.admin
    assert event.changes["reason"] == [None, "other"]
    # What the text says stays out of the append-only trail; that it was given does not.
    assert event.changes["reason_text"] == [None, REDACTED]
    page = client.get(URL).content.decode()
    assert "vises ikke lenger i deltakernes innsynslogg" in page
    assert "Trusler i saken" in page and personas.supervisor.get_full_name() in page


def test_other_needs_a_description_and_nothing_is_saved(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, {"user": personas.supervisor.pk, "reason": "other"})
    assert response.status_code == 200
    assert "Beskriv grunnen når du velger «Annet»." in response.content.decode()
    assert not HiddenStaffName.objects.exists()
    response = client.post(URL, {"user": personas.supervisor.pk})
    assert "Velg en grunn." in response.content.decode()
    assert not HiddenStaffName.objects.exists()


def test_only_staff_can_be_chosen(client, personas):
    client.force_login(personas.admin)
    response = client.post(URL, {"user": personas.participant_user.pk, "reason": "threat"})
    assert "Velg en ansatt fra lista." in response.content.decode()
    with pytest.raises(ValidationError) as error:
        hidden_names.staff_name_hide(
            user=personas.participant_user, reason="threat", by=personas.admin
        )
    assert "Bare ansatte" in str(error.value)
    assert not HiddenStaffName.objects.exists()


def test_changing_the_reason_is_audited_and_removing_shows_the_name_again(client, personas):
    hidden = hidden_names.staff_name_hide(
        user=personas.teacher, reason=HiddenNameReason.THREAT, by=personas.admin
    )
    hidden_names.staff_name_hide(
        user=personas.teacher, reason=HiddenNameReason.PROTECTED_ADDRESS, by=personas.admin
    )
    update = AuditEvent.objects.get(object_type="accesslog.hiddenstaffname", action="update")
    assert update.changes == {"reason": ["threat", "protected_address"]}
    client.force_login(personas.admin)
    response = client.post(remove_url(hidden))
    assert response["Location"] == URL
    assert not HiddenStaffName.objects.exists()
    deleted = AuditEvent.objects.get(object_type="accesslog.hiddenstaffname", action="delete")
    assert deleted.changes["deleted"]["user_id"] == personas.teacher.pk
    assert "vises igjen" in client.get(URL).content.decode()


def test_a_missing_exception_is_404(client, personas):
    client.force_login(personas.admin)
    assert client.post(reverse("hidden_staff_name_remove", args=[999999])).status_code == 404


def test_the_review_page_links_to_it(client, personas):
    client.force_login(personas.admin)
    assert URL in client.get(reverse("access_log_review")).content.decode()


@pytest.mark.parametrize("n", [2, 12])
def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries, n):
    for i in range(n):
        user = make_user(f"skjult{i}", role=Role.TEACHER, org=personas.bergen)
        hidden_names.staff_name_hide(user=user, reason=HiddenNameReason.THREAT, by=personas.admin)
    client.force_login(personas.admin)
    # session, user, memberships (menu), the exceptions with user and set_by, the staff to choose
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["rows"]) == n
