from django.urls import reverse

from brobygger.employment.models import Benefit, Employment, HiringStatus
from brobygger.employment.tests.factories import (
    make_candidate,
    make_employer,
    make_employer_org,
    make_position,
    offer_case,
)
from brobygger.employment.tests.test_position_create import funding


def url(case):
    return reverse("hiring_case_hire", args=[case.pk])


def data(**overrides):
    d = {
        "start_date": "2026-08-01",
        "end_date": "",
        "percent": "50",
        "kind": "project",
        **funding(
            [
                ("mb_funds", 60, "2026-08-01", ""),
                ("nav_wage_subsidy", 40, "2026-08-01", "2027-01-31"),
            ]
        ),
    }
    d.update(overrides)
    return d


def offered(personas):
    return offer_case(
        personas, make_position(personas.employer, personas.employer_org), make_candidate(personas)
    )


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(url(offered(personas)))["Location"]


def test_another_employer_gets_404(client, personas):
    case = offered(personas)
    client.force_login(make_employer(make_employer_org("Annen")))
    assert client.get(url(case)).status_code == 404


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.put(url(offered(personas))).status_code == 405


def test_the_form_starts_from_the_position(client, personas):
    case = offered(personas)
    client.force_login(personas.employer)
    response = client.get(url(case))
    assert response.context["form"].initial["percent"] == 50
    assert response.context["formset"].forms[0].initial["source"] == "mb_funds"
    assert "ytelse" not in response.content.decode().lower()


def test_the_employer_hires_and_an_employment_record_is_created(client, personas):
    case = offered(personas)
    client.force_login(personas.employer)
    response = client.post(url(case), data())
    employment = Employment.objects.get()
    assert response["Location"] == reverse("employer_employment_detail", args=[employment.pk])
    case.refresh_from_db()
    assert case.status == HiringStatus.HIRED
    assert employment.benefit == Benefit.UNKNOWN
    assert sorted(f.share_percent for f in employment.funding.all()) == [40, 60]


def test_funding_over_100_percent_is_refused_and_nothing_saved(client, personas):
    case = offered(personas)
    client.force_login(personas.employer)
    bad = funding([("mb_funds", 80, "2026-08-01", ""), ("project", 40, "2026-09-01", "")])
    response = client.post(url(case), data(**bad))
    assert response.status_code == 200
    assert "til sammen 120 % fra 01.09.2026" in response.content.decode()
    assert not Employment.objects.exists()
    case.refresh_from_db()
    assert case.status == HiringStatus.OFFER


def test_percent_over_100_is_refused(client, personas):
    case = offered(personas)
    client.force_login(personas.employer)
    response = client.post(url(case), data(percent="150"))
    assert response.context["form"].errors["percent"] == [
        "Stillingsprosenten kan ikke være over 100."
    ]
    assert not Employment.objects.exists()


def test_a_case_not_at_offer_cannot_be_hired(client, personas):
    from brobygger.employment import services
    from brobygger.employment.tests.factories import TODAY

    case = services.hiring_invite(
        by=personas.employer,
        position=make_position(personas.employer, personas.employer_org),
        participant=make_candidate(personas),
        on=TODAY,
    )
    client.force_login(personas.employer)
    response = client.post(url(case), data())
    assert "Bare en kandidat som har fått tilbud" in response.content.decode()
    assert not Employment.objects.exists()
