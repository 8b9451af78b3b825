from django.urls import reverse

from brobygger.employment.models import Position, PositionFunding
from brobygger.employment.tests.factories import make_employer, make_employer_org

URL = "/arbeidsgiver/stillinger/ny/"


def funding(rows=()):
    data = {
        "funding-TOTAL_FORMS": str(max(len(rows), 1)),
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "12",
    }
    for i, (source, share, start, end) in enumerate(rows):
        data.update(
            {
                f"funding-{i}-source": source,
                f"funding-{i}-share_percent": str(share),
                f"funding-{i}-valid_from": start,
                f"funding-{i}-valid_to": end,
            }
        )
    return data


def post_data(org, **overrides):
    data = {
        "employer": str(org.pk),
        "title": "Erfaringskonsulent",
        "service_unit": "Rusteamet",
        "percent": "50",
        "kind": "project",
        "start_date": "2026-08-01",
        "end_date": "",
        "description": "Brukerperspektiv i teamet.",
        "is_open": "on",
        **funding([("mb_funds", 100, "2026-08-01", "")]),
    }
    data.update(overrides)
    return data


def test_the_url_name_resolves():
    assert reverse("position_create") == URL


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_employers_may_post_positions(client, personas):
    for user in (personas.coordinator, personas.participant_user, personas.caseworker):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.put(URL).status_code == 405


def test_the_form_shows_the_job_description_nudge(client, personas):
    client.force_login(personas.employer)
    html = client.get(URL).content.decode()
    assert "Over halvparten av MB-stillinger mangler stillingsbeskrivelse" in html
    assert 'id="description-nudge"' in html
    assert 'id="description-nudge" hidden' not in html  # empty on a fresh form: visible


def test_an_employer_posts_a_position_with_funding(client, personas):
    client.force_login(personas.employer)
    response = client.post(URL, post_data(personas.employer_org))
    position = Position.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("position_detail", args=[position.pk])
    assert position.employer == personas.employer_org
    assert position.created_by == personas.employer
    assert position.funding.get().share_percent == 100


def test_a_position_without_description_is_saved_with_a_warning(client, personas):
    client.force_login(personas.employer)
    response = client.post(URL, post_data(personas.employer_org, description=""), follow=True)
    assert Position.objects.get().description == ""
    assert "mangler stillingsbeskrivelse" in response.content.decode()


def test_an_employer_cannot_post_for_another_organisation(client, personas):
    other = make_employer_org("Annen arbeidsgiver")
    make_employer(other)
    client.force_login(personas.employer)
    response = client.post(URL, post_data(other))
    assert response.status_code == 200
    assert response.context["form"].errors["employer"]
    assert not Position.objects.exists()


def test_percent_over_100_gets_a_norwegian_message_and_saves_nothing(client, personas):
    client.force_login(personas.employer)
    response = client.post(URL, post_data(personas.employer_org, percent="120"))
    assert response.status_code == 200
    assert response.context["form"].errors["percent"] == [
        "Stillingsprosenten kan ikke være over 100."
    ]
    assert "Ingenting er lagret" in response.content.decode()
    assert not Position.objects.exists()


def test_end_before_start_gets_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.employer)
    response = client.post(URL, post_data(personas.employer_org, end_date="2026-07-01"))
    assert response.context["form"].errors["end_date"] == [
        "Sluttdatoen kan ikke være før startdatoen."
    ]
    assert not Position.objects.exists()


def test_overlapping_funding_over_100_percent_is_refused_with_the_day(client, personas):
    client.force_login(personas.employer)
    rows = [
        ("ordinary_budget", 60, "2026-08-01", ""),
        ("nav_wage_subsidy", 50, "2026-10-01", "2027-03-31"),
    ]
    response = client.post(URL, post_data(personas.employer_org, **funding(rows)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "til sammen 110 % fra 01.10.2026" in html
    assert response.context["funding_errors"]
    assert not Position.objects.exists()
    assert not PositionFunding.objects.exists()


def test_a_half_filled_funding_row_is_refused(client, personas):
    client.force_login(personas.employer)
    rows = [("mb_funds", "", "2026-08-01", "")]
    response = client.post(URL, post_data(personas.employer_org, **funding(rows)))
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["share_percent"]
    assert not Position.objects.exists()
