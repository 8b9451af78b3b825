"""The list (/varsler/), the header count, marking read, and the preferences page."""

import pytest
from django.urls import reverse

from brobygger.notifications.models import Notification, NotificationPreference
from brobygger.notifications.tests.helpers import followups, with_email

pytestmark = pytest.mark.django_db

LIST = reverse("notification_list")
BADGE = reverse("notification_badge")
READ_ALL = reverse("notifications_read_all")
PREFS = reverse("notification_preferences")
COORDINATOR_KINDS = dict.fromkeys(
    ("assignments_waiting", "followups_due", "absence_warning", "applications_unanswered"), "digest"
)


def read_url(notification):
    return reverse("notification_read", args=[notification.pk])


# --- the list -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    for url in (LIST, BADGE, PREFS):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(LIST).status_code == 405
    assert client.post(BADGE).status_code == 405
    assert client.get(READ_ALL).status_code == 405
    n = followups(personas.coordinator)
    assert client.get(read_url(n)).status_code == 405


def test_it_lists_only_my_notifications_newest_first_with_their_links(client, personas):
    older = followups(personas.coordinator, key="a", count=1, url="/oppfolging/")
    newer = followups(personas.coordinator, key="b", kind="absence_warning", count=2, url="/x/")
    followups(personas.other_coordinator, key="c")
    client.force_login(personas.coordinator)
    response = client.get(LIST)
    assert list(response.context["page"].object_list) == [newer, older]
    html = response.content.decode()
    assert '<a class="ds-link" href="/oppfolging/">Du har 1 oppfølging som skal gjøres</a>' in html
    assert "Du har 2 nye varsler om fravær" in html
    assert "Merk alle som lest" in html


def test_every_role_may_use_it(client, personas):
    for user in (personas.participant_user, personas.employer, personas.admin, personas.analyst):
        client.force_login(user)
        assert client.get(LIST).status_code == 200
        assert client.get(PREFS).status_code == 200


def test_it_is_paginated(client, personas):
    for i in range(23):
        followups(personas.coordinator, key=f"k{i}")
    client.force_login(personas.coordinator)
    assert len(client.get(LIST).context["page"].object_list) == 20
    assert len(client.get(LIST, {"side": "2"}).context["page"].object_list) == 3
    assert client.get(LIST, {"side": "x"}).status_code == 200


def test_an_htmx_request_gets_the_list_alone(client, personas):
    followups(personas.coordinator)
    client.force_login(personas.coordinator)
    html = client.get(LIST, headers={"HX-Request": "true"}).content.decode()
    assert html.startswith('<div id="notification-list">')
    assert "<header" not in html


def test_the_list_s_query_count_is_fixed(client, personas, django_assert_num_queries):
    user = personas.coordinator
    for i in range(2):
        followups(
            user,
            key=f"a{i}",
            target=personas.cohort,
            role="coordinator",
            organisation_id=personas.bergen.pk,
        )
    client.force_login(user)
    client.get(LIST)  # warm the session
    # session, user, memberships, the kinds of target, the count, the page
    with django_assert_num_queries(6):
        client.get(LIST)
    for i in range(8):
        followups(
            user,
            key=f"b{i}",
            target=personas.cohort,
            role="coordinator",
            organisation_id=personas.bergen.pk,
        )
    with django_assert_num_queries(6):
        assert len(client.get(LIST).context["page"].object_list) == 10


# --- the header count -----------------------------------------------------------------------


def test_the_header_loads_the_count_after_the_page(client, personas):
    client.force_login(personas.coordinator)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{LIST}"' in html and f'hx-get="{BADGE}"' in html


@pytest.mark.real_login
def test_the_mfa_pages_before_mfa_do_not_fetch_the_count(client, personas):
    """The gate would answer the fetch with a redirect that reloads the page, and the reload
    makes a new authenticator secret: the code the user types from the old one then fails."""
    from brobygger.testing import PASSWORD

    # The password only: not past MFA, and no authenticator app yet.
    login = {"login": personas.coordinator.username, "password": PASSWORD}
    assert client.post(reverse("account_login"), login).status_code == 302
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 and "authenticator_secret" in setup.content.decode()
    assert BADGE not in setup.content.decode()
    assert client.get(BADGE, headers={"HX-Request": "true"})["HX-Redirect"] == reverse(
        "mfa_activate_totp"
    )


def test_the_badge_counts_my_unread_ones(client, personas, django_assert_num_queries):
    a = followups(personas.coordinator, key="a")
    followups(personas.coordinator, key="b")
    followups(personas.other_coordinator, key="c")
    Notification.objects.filter(pk=a.pk).update(read_at=a.created_at)
    client.force_login(personas.coordinator)
    client.get(BADGE)
    with django_assert_num_queries(5):  # session, user, memberships, kinds of target, count
        html = client.get(BADGE).content.decode()
    assert ">1<" in html and "ulest" in html
    Notification.objects.update(read_at=a.created_at)
    assert client.get(BADGE).content.decode().strip() == ""


# --- marking read ---------------------------------------------------------------------------


def test_i_can_mark_one_read(client, personas):
    n = followups(personas.coordinator)
    client.force_login(personas.coordinator)
    response = client.post(read_url(n), {"side": "1"})
    assert response.status_code == 302 and response["Location"] == LIST
    n.refresh_from_db()
    assert n.read_at is not None


def test_marking_read_by_htmx_returns_the_list(client, personas):
    n = followups(personas.coordinator)
    client.force_login(personas.coordinator)
    response = client.post(read_url(n), headers={"HX-Request": "true"})
    assert response.content.decode().startswith('<div id="notification-list">')
    assert "Merk som lest" not in response.content.decode()


def test_someone_else_s_notification_is_404(client, personas):
    theirs = followups(personas.other_coordinator)
    client.force_login(personas.coordinator)
    assert client.post(read_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_mine(client, personas):
    for i in range(3):
        followups(personas.coordinator, key=f"a{i}")
    theirs = followups(personas.other_coordinator)
    client.force_login(personas.coordinator)
    assert client.post(READ_ALL).status_code == 302
    assert not Notification.objects.filter(recipient=personas.coordinator, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- preferences ----------------------------------------------------------------------------


def test_the_preferences_page_shows_the_kinds_of_my_roles_and_security_as_fixed(client, personas):
    client.force_login(personas.coordinator)
    html = client.get(PREFS).content.decode()
    assert "Oppfølginger som skal gjøres" in html
    assert "Timelister som venter på godkjenning" not in html  # a supervisor's
    assert "Endringer i innlogging og sikkerhet" in html
    assert 'name="account_security"' not in html
    assert "kan ikke slås av" in html
    assert "ingen e-postadresse" in html
    for label in ("Straks", "Daglig sammendrag", "Bare i appen"):
        assert label in html


def test_preferences_are_saved_and_audited(client, personas):
    from brobygger.core.models import AuditEvent

    user = with_email(personas.coordinator)
    client.force_login(user)
    data = {**COORDINATOR_KINDS, "followups_due": "immediate", "absence_warning": "in_app"}
    response = client.post(PREFS, data)
    assert response.status_code == 302
    saved = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    assert saved["followups_due"] == "immediate" and saved["absence_warning"] == "in_app"
    assert saved["applications_unanswered"] == "digest"
    assert "account_security" not in saved
    assert AuditEvent.objects.filter(object_type="notifications.notificationpreference").exists()
    html = client.get(PREFS).content.decode()
    assert 'value="in_app" checked' in html


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {**COORDINATOR_KINDS, "followups_due": "never"},
            "Velg Straks, Daglig sammendrag eller Bare i appen.",
        ),
        ({**COORDINATOR_KINDS, "account_security": "in_app"}, "kan ikke slås av"),
        ({**COORDINATOR_KINDS, "no_such_kind": "digest"}, "Ukjent type varsel."),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(client, personas, data, message):
    client.force_login(personas.coordinator)
    response = client.post(PREFS, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_missing_answer_is_asked_for(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(PREFS, {"followups_due": "immediate"})
    assert response.status_code == 400
    assert "Velg Straks, Daglig sammendrag eller Bare i appen." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_mandatory_kind_cannot_be_turned_off_in_the_service_either(personas):
    from django.core.exceptions import ValidationError

    from brobygger.notifications.services import preferences_save

    with pytest.raises(ValidationError) as raised:
        preferences_save(by=personas.coordinator, choices={"account_security": "in_app"})
    assert "account_security" in raised.value.message_dict
    assert not NotificationPreference.objects.exists()
