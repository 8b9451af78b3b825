"""/deltakelser/<pk>/skjerming/ and .../opphev/: a coordinator protects a participant."""

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent, ProtectedAccess
from brobygger.accesslog.protection import participant_protect
from brobygger.enrolments.models import ProtectionReason


def url(enrolment):
    return reverse("participant_protection", args=[enrolment.pk])


def lift_url(enrolment):
    return reverse("participant_unprotect", args=[enrolment.pk])


def grantees(participant):
    return set(
        ProtectedAccess.objects.filter(participant=participant).values_list("user", flat=True)
    )


def test_login_is_required(client, personas):
    for target in (url(personas.enrolment), lift_url(personas.enrolment)):
        response = client.get(target)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_another_municipalitys_coordinator_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.enrolment)).status_code == 404
    assert client.post(url(personas.enrolment), {"reason": "SAME_SERVICE"}).status_code == 404
    assert client.post(lift_url(personas.enrolment)).status_code == 404
    assert not personas.enrolment.participant.__class__.objects.filter(is_protected=True).exists()


def test_a_caseworker_may_not_use_it(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(url(personas.enrolment)).status_code == 403


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas.enrolment)).status_code == 405
    assert client.get(lift_url(personas.enrolment)).status_code == 405


def test_the_page_lists_who_could_be_named_and_is_logged(client, personas):
    client.force_login(personas.coordinator)
    response = client.get(url(personas.enrolment))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skjerming av Dina Deltakersen" in html
    for person in (personas.teacher, personas.caseworker):
        assert person.get_full_name() in html
    assert 'name="users"' in html
    event = AccessEvent.objects.get()
    assert event.participant == personas.enrolment.participant and not event.flagged


def test_protecting_names_the_coordinator_and_the_chosen_users(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"reason": "SAME_SERVICE", "users": [personas.teacher.pk]},
    )
    assert response.status_code == 302
    participant = personas.enrolment.participant
    participant.refresh_from_db()
    assert participant.is_protected
    assert grantees(participant) == {personas.coordinator.pk, personas.teacher.pk}
    # The coordinator still reaches the page (and it shows as protected).
    html = client.get(response["Location"]).content.decode()
    assert "Deltakeren er skjermet fra" in html
    assert AccessEvent.objects.get().flagged


def test_other_without_a_description_shows_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"reason": "OTHER", "reason_text": " "})
    assert response.status_code == 200
    assert "Beskriv grunnen når du velger «Annet»." in response.content.decode()
    participant = personas.enrolment.participant
    participant.refresh_from_db()
    assert not participant.is_protected
    assert not ProtectedAccess.objects.exists()


def test_no_reason_shows_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {})
    assert "Velg en grunn til skjermingen." in response.content.decode()
    assert not ProtectedAccess.objects.exists()


def test_a_user_who_could_not_see_the_participant_cannot_be_named(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"reason": "SAME_SERVICE", "users": [personas.other_coordinator.pk]},
    )
    assert response.status_code == 200
    assert not ProtectedAccess.objects.exists()


def test_an_unnamed_coordinator_of_the_cohort_gets_404(client, personas):
    participant_protect(
        participant=personas.enrolment.participant,
        by=personas.teacher,
        reason=ProtectionReason.PROTECTED_ADDRESS,
    )
    client.force_login(personas.coordinator)
    assert client.get(url(personas.enrolment)).status_code == 404
    assert client.post(lift_url(personas.enrolment)).status_code == 404


@pytest.fixture
def protected(personas):
    return participant_protect(
        participant=personas.enrolment.participant,
        by=personas.coordinator,
        reason=ProtectionReason.SAME_SERVICE,
        users=[personas.teacher],
    )


def test_unticking_a_user_takes_their_access_away(client, personas, protected):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"reason": "SAME_SERVICE", "users": []})
    assert response.status_code == 302
    assert grantees(protected) == {personas.coordinator.pk}


def test_lifting_the_protection(client, personas, protected):
    client.force_login(personas.coordinator)
    response = client.post(lift_url(personas.enrolment))
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_detail", args=[personas.enrolment.pk])
    protected.refresh_from_db()
    assert not protected.is_protected and grantees(protected) == set()


def test_the_participant_page_links_to_it_for_the_coordinator(client, personas):
    client.force_login(personas.coordinator)
    html = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert url(personas.enrolment) in html
    client.force_login(personas.caseworker)
    html = client.get(reverse("enrolment_detail", args=[personas.enrolment.pk])).content.decode()
    assert url(personas.enrolment) not in html


def test_the_query_count_is_fixed(client, personas, protected, django_assert_num_queries):
    from brobygger.accesslog.protection import protected_access_grant

    client.force_login(personas.coordinator)
    client.get(url(personas.enrolment))
    with django_assert_num_queries(10) as few:
        client.get(url(personas.enrolment))
    protected_access_grant(participant=protected, user=personas.caseworker, by=personas.coordinator)
    protected_access_grant(participant=protected, user=personas.supervisor, by=personas.coordinator)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url(personas.enrolment))
