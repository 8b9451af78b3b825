from django.urls import reverse

from brobygger.employment.models import Employment, EmploymentSource
from brobygger.employment.tests.factories import ORGNR_BAD_CHECK, ORGNR_OK
from brobygger.employment.tests.test_position_create import funding
from brobygger.organisations.models import Organisation


def url(enrolment):
    return reverse("employment_create", args=[enrolment.pk])


def data(**overrides):
    d = {
        "employer": "",
        "employer_name": "",
        "employer_orgnr": "",
        "employer_municipality": "",
        "job_title": "Erfaringskonsulent",
        "kind": "permanent",
        "start_date": "2026-03-01",
        "end_date": "",
        "percent": "50",
        "benefit": "uforetrygd",
        "benefit_other": "",
        **funding([("ordinary_budget", 100, "2026-03-01", "")]),
    }
    d.update(overrides)
    return d


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(url(personas.enrolment))["Location"]


def test_another_municipality_gets_404(client, personas):
    client.force_login(personas.other_coordinator)
    assert client.get(url(personas.enrolment)).status_code == 404
    assert client.post(url(personas.enrolment), data()).status_code == 404


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(personas.enrolment)).status_code == 405


def test_a_caseworker_registers_an_outside_job_at_a_listed_employer(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(url(personas.enrolment), data(employer=str(personas.employer_org.pk)))
    employment = Employment.objects.get()
    assert response["Location"] == reverse("employment_detail", args=[employment.pk])
    assert employment.participant == personas.enrolment.participant
    assert employment.source == EmploymentSource.OUTSIDE
    assert employment.benefit == "uforetrygd"
    assert employment.created_by == personas.caseworker


def test_a_coordinator_registers_a_new_employer_on_the_way(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        data(
            employer_name="Kafé Bro AS", employer_orgnr="920 000 010", employer_municipality="4601"
        ),
    )
    assert response.status_code == 302
    assert Employment.objects.get().employer.orgnr == ORGNR_OK


def test_a_wrong_check_digit_shows_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.coordinator)
    count = Organisation.objects.count()
    response = client.post(
        url(personas.enrolment),
        data(
            employer_name="Kafé Bro AS",
            employer_orgnr=ORGNR_BAD_CHECK,
            employer_municipality="4601",
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["employer_orgnr"] == [
        "Organisasjonsnummeret er ikke gyldig: ni siffer med riktig kontrollsiffer."
    ]
    assert Organisation.objects.count() == count
    assert not Employment.objects.exists()


def test_no_employer_at_all_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(url(personas.enrolment), data())
    assert response.context["form"].errors["employer_name"]
    assert not Employment.objects.exists()


def test_end_before_start_and_percent_over_100_are_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        url(personas.enrolment),
        data(employer=str(personas.employer_org.pk), end_date="2026-02-01", percent="101"),
    )
    errors = response.context["form"].errors
    assert errors["end_date"] == ["Sluttdatoen kan ikke være før startdatoen."]
    assert errors["percent"] == ["Stillingsprosenten kan ikke være over 100."]
    assert not Employment.objects.exists()
