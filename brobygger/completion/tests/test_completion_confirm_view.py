"""POST /deltakelser/<pk>/fullfor/: the coordinator confirms completion."""

from django.urls import reverse

from brobygger.completion.models import Completion
from brobygger.completion.tests.factories import (
    add_sessions,
    attend,
    make_eligible,
    make_enrolment_with_status,
)
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Status

TODAY = "2027-05-03"


def url(enrolment):
    return reverse("completion_confirm", args=[enrolment.pk])


def status_of(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


def test_anonymous_is_sent_to_login(client, personas):
    response = client.post(url(personas.enrolment), {"completed_on": TODAY})
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    assert not Completion.objects.exists()


def test_a_coordinator_in_another_organisation_gets_404(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.other_coordinator)
    response = client.post(url(personas.enrolment), {"completed_on": TODAY})
    assert response.status_code == 404
    assert not Completion.objects.exists()


def test_a_caseworker_may_not_confirm(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.caseworker)
    assert client.post(url(personas.enrolment), {"completed_on": TODAY}).status_code == 403
    assert not Completion.objects.exists()


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(url(personas.enrolment)).status_code == 405


def test_an_eligible_participant_is_completed(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.coordinator)

    response = client.post(url(personas.enrolment), {"completed_on": TODAY}, follow=True)

    assert response.redirect_chain == [
        (reverse("enrolment_detail", args=[personas.enrolment.pk]), 302)
    ]
    completion = Completion.objects.get(enrolment=personas.enrolment)
    assert str(completion.completed_on) == TODAY
    assert not completion.is_exception
    assert status_of(personas.enrolment) == Status.FULLFORT
    html = response.content.decode()
    assert "Fullføringen er registrert." in html
    assert "Fullført 03.05.2027" in html


def test_not_eligible_without_a_reason_shows_what_is_missing_and_saves_nothing(client, personas):
    attend(personas.enrolment, add_sessions(personas.cohort, 10), by=personas.teacher)
    events = AuditEvent.objects.count()
    client.force_login(personas.coordinator)

    response = client.post(url(personas.enrolment), {"completed_on": TODAY, "exception_reason": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Deltakeren oppfyller ikke alle kravene (mangler: 120 timer teori, 20 praksisuker, "
        "Skriftlig oppgave er ikke levert). Skriv en begrunnelse for unntaket."
    ) in html
    assert 'id="id_exception_reason_error"' in html  # next to the field
    assert not Completion.objects.exists()
    assert status_of(personas.enrolment) == Status.DELTAR
    assert AuditEvent.objects.count() == events


def test_with_a_reason_it_is_recorded_as_an_exception(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        {"completed_on": TODAY, "exception_reason": "Tok igjen teorien i Stavanger."},
        follow=True,
    )
    completion = Completion.objects.get(enrolment=personas.enrolment)
    assert completion.exception_reason == "Tok igjen teorien i Stavanger."
    assert status_of(personas.enrolment) == Status.FULLFORT
    html = response.content.decode()
    assert "Fullføringen er registrert som unntak." in html
    assert "Tok igjen teorien i Stavanger." in html
    assert AuditEvent.objects.filter(
        object_type="completion.completion", action="completion_exception"
    ).exists()


def test_a_bad_date_is_refused(client, personas):
    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.coordinator)
    for bad, message in (("", "Skriv inn datoen"), ("i går", "Skriv en gyldig dato.")):
        html = client.post(url(personas.enrolment), {"completed_on": bad}).content.decode()
        assert message in html
    html = client.post(url(personas.enrolment), {"completed_on": "2027-06-01"}).content.decode()
    assert "Fullført dato kan ikke være fram i tid." in html
    assert not Completion.objects.exists()
    assert status_of(personas.enrolment) == Status.DELTAR


def test_someone_on_leave_cannot_be_completed(client, personas):
    enrolment = make_enrolment_with_status(personas.cohort, Status.PERMISJON)
    client.force_login(personas.coordinator)
    response = client.post(url(enrolment), {"completed_on": TODAY, "exception_reason": "x"})
    assert response.status_code == 200
    assert "Bare deltakere med status «Deltar» kan fullføre" in response.content.decode()
    assert not Completion.objects.exists()
    assert status_of(enrolment) == Status.PERMISJON


def test_htmx_gets_the_section_back_on_error_and_a_redirect_on_success(client, personas):
    client.force_login(personas.coordinator)
    htmx = {"HX-Request": "true"}
    response = client.post(url(personas.enrolment), {"completed_on": TODAY}, headers=htmx)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section id="completion-section"')
    assert "Skriv en begrunnelse for unntaket." in html
    assert not Completion.objects.exists()

    response = client.post(
        url(personas.enrolment),
        {"completed_on": TODAY, "exception_reason": "Avtalt med NAV."},
        headers=htmx,
    )
    assert response["HX-Redirect"] == reverse("enrolment_detail", args=[personas.enrolment.pk])
    assert Completion.objects.filter(enrolment=personas.enrolment).exists()


def test_a_refused_confirmation_shows_the_record_and_writes_one_read_log_entry(client, personas):
    """Issue 10: `completed_on=not-a-date` re-rendered the whole participant page (birth date,
    e-mail, attendance, ...) and left no entry in the read log."""
    from brobygger.accesslog.models import AccessEvent

    make_eligible(personas.enrolment, personas=personas)
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), {"completed_on": "not-a-date"})
    assert response.status_code == 200
    assert personas.enrolment.participant.full_name in response.content.decode()
    event = AccessEvent.objects.get()
    assert (event.actor, event.participant) == (
        personas.coordinator,
        personas.enrolment.participant,
    )
    assert event.shown.startswith("Deltakersiden")
    # The htmx form gets the completion section back: a read as well, one entry.
    response = client.post(
        url(personas.enrolment), {"completed_on": "not-a-date"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert AccessEvent.objects.count() == 2
    assert AccessEvent.objects.order_by("id")[1].shown.startswith("Fullføring")
    assert not Completion.objects.exists()
