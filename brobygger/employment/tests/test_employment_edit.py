import datetime as dt

from django.test import Client
from django.urls import reverse

from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.employment.tests.factories import make_employment


def url(employment):
    return reverse("employment_edit", args=[employment.pk])


def data(**overrides):
    d = {"job_title": "Erfaringskonsulent", "kind": "permanent", "end_date": "", "benefit": "none"}
    d.update(overrides)
    return d


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(url(make_employment(personas)))["Location"]


def test_another_municipality_gets_404(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.other_coordinator)
    assert client.post(url(employment), data()).status_code == 404


def test_put_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.put(url(make_employment(personas))).status_code == 405


def test_the_edit_page_no_longer_changes_the_benefit_which_is_kept_as_periods(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.caseworker)
    page = client.get(url(employment)).content.decode()
    assert 'name="benefit"' not in page
    assert "registreres som perioder" in page
    response = client.post(url(employment), data(benefit="other", benefit_other="Sosialhjelp"))
    assert response.status_code == 302
    employment.refresh_from_db()
    assert (employment.benefit, employment.benefit_other) == ("aap", "")
    assert [p.kind for p in employment.benefits.all()] == ["aap"]


def test_an_end_date_before_a_benefit_period_is_refused(client, personas):
    import datetime as dt

    from brobygger.employment import services

    employment = make_employment(personas)
    services.employment_benefit_add(
        by=personas.coordinator, employment=employment, kind="none", valid_from=dt.date(2026, 5, 1)
    )
    client.force_login(personas.coordinator)
    response = client.post(url(employment), data(end_date="2026-04-30"))
    assert response.context["form"].errors["end_date"] == [
        "Det finnes en ytelsesperiode som starter etter sluttdatoen."
    ]
    employment.refresh_from_db()
    assert employment.end_date is None


def test_end_before_start_is_refused(client, personas):
    employment = make_employment(personas)
    client.force_login(personas.coordinator)
    response = client.post(url(employment), data(end_date="2025-12-31"))
    assert response.context["form"].errors["end_date"] == [
        "Sluttdatoen kan ikke være før startdatoen."
    ]
    employment.refresh_from_db()
    assert employment.end_date is None


# Optimistic locking (ADR 0014)


def test_a_save_from_an_older_version_is_refused_with_what_changed(personas):
    employment = make_employment(personas)
    first, second = Client(), Client()
    first.force_login(personas.caseworker)
    second.force_login(personas.coordinator)
    edit = url(employment)
    token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
    assert first.post(edit, data(job_title="Likeperson", edit_token=token_first)).status_code == 302
    late = data(end_date="2027-06-30", edit_token=token_second)
    response = second.post(edit, late)
    fresh = refused_as_stale(response, "Stillingstittel (nå «Likeperson»)")
    employment.refresh_from_db()
    assert (employment.job_title, employment.end_date) == ("Likeperson", None)

    assert second.post(edit, {**late, "edit_token": fresh}).status_code == 302
    employment.refresh_from_db()
    assert employment.end_date == dt.date(2027, 6, 30)
