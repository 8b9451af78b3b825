"""Benefit periods (EmploymentBenefit): the record page's "Legg til ytelse" and "Avslutt",
the services' rules, the data migration, the employer never seeing them, and the outcome
figures reading the period in force at the job's start."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.core.appendonly import REDACTED
from brobygger.core.models import AuditEvent
from brobygger.employment import services
from brobygger.employment.models import Benefit, EmploymentBenefit
from brobygger.employment.tests.factories import make_employment

pytestmark = pytest.mark.django_db
D = dt.date


def add_url(e):
    return reverse("employment_benefit_add", args=[e.pk])


def end_url(e):
    return reverse("employment_benefit_end", args=[e.pk])


def form(**overrides):
    d = {
        "benefit-kind": "aap",
        "benefit-grade_percent": "60",
        "benefit-valid_from": "2026-03-01",
        "benefit-valid_to": "",
        "benefit-other_text": "",
    }
    d.update({f"benefit-{k}": v for k, v in overrides.items()})
    return d


def no_benefit_job(personas, **kw):
    return make_employment(personas, benefit=Benefit.NONE, **kw)


# Access --------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, personas):
    e = make_employment(personas)
    for u in (add_url(e), end_url(e)):
        assert "/konto/login" in client.post(u)["Location"]


def test_get_is_not_allowed(client, personas):
    e = make_employment(personas)
    client.force_login(personas.coordinator)
    assert client.get(add_url(e)).status_code == 405
    assert client.get(end_url(e)).status_code == 405


def test_it_rejects_another_municipality_and_the_employer(client, personas):
    e = make_employment(personas)
    client.force_login(personas.other_coordinator)
    assert client.post(add_url(e), form()).status_code == 404
    client.force_login(personas.employer)
    assert client.post(add_url(e), form()).status_code == 403
    assert client.post(end_url(e), {}).status_code == 403
    assert e.benefits.count() == 1


# Periods created, history kept ---------------------------------------------------------------


def test_a_new_job_gets_its_benefit_as_a_period_from_the_start(personas):
    e = make_employment(personas)
    period = e.benefits.get()
    assert (period.kind, period.valid_from, period.valid_to) == ("aap", D(2026, 1, 1), None)
    assert period.grade_percent is None
    assert make_employment(personas, benefit=Benefit.UNKNOWN).benefits.count() == 0


def test_a_grade_change_ends_one_period_and_adds_another_keeping_the_history(client, personas):
    e = make_employment(personas)
    first = e.benefits.get()
    client.force_login(personas.caseworker)
    ended = client.post(
        end_url(e), {"benefit_end-period_id": first.pk, "benefit_end-valid_to": "2026-02-28"}
    )
    assert ended.status_code == 302
    added = client.post(add_url(e), form())
    assert added.status_code == 302
    periods = list(e.benefits.order_by("valid_from"))
    assert [(p.kind, p.grade_percent, p.valid_from, p.valid_to) for p in periods] == [
        ("aap", None, D(2026, 1, 1), D(2026, 2, 28)),
        ("aap", 60, D(2026, 3, 1), None),
    ]
    audited = AuditEvent.objects.filter(object_type="employment.employmentbenefit")
    assert sorted(audited.values_list("action", flat=True)) == ["create", "create", "update"]
    by_caseworker = audited.filter(actor=personas.caseworker)
    assert sorted(by_caseworker.values_list("action", flat=True)) == ["create", "update"]
    # Which field changed is kept; the person's benefit dates are not (deny by default).
    assert by_caseworker.get(action="update").changes == {"valid_to": [None, REDACTED]}


def test_the_record_page_lists_the_periods_newest_first(client, personas):
    e = make_employment(personas)
    services.employment_benefit_end(
        by=personas.coordinator,
        employment=e,
        period_id=e.benefits.get().pk,
        valid_to=D(2026, 2, 28),
    )
    services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.UFORETRYGD,
        grade_percent=40,
        valid_from=D(2026, 3, 1),
    )
    client.force_login(personas.coordinator)
    html = client.get(reverse("employment_detail", args=[e.pk])).content.decode()
    assert "Legg til ytelse" in html
    assert html.index("Uføretrygd") < html.index("Arbeidsavklaringspenger (AAP)")
    assert "40 %" in html and "01.03.2026" in html and "28.02.2026" in html


def test_the_record_page_runs_a_fixed_number_of_queries(
    client, personas, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    e = make_employment(personas)
    client.force_login(personas.coordinator)
    url = reverse("employment_detail", args=[e.pk])
    with CaptureQueriesContext(connection) as one_period:
        client.get(url)
    for day, kind in ((D(2026, 2, 1), Benefit.UFORETRYGD), (D(2026, 3, 1), Benefit.NONE)):
        services.employment_benefit_add(
            by=personas.coordinator, employment=e, kind=kind, valid_from=day
        )
    with django_assert_num_queries(len(one_period.captured_queries)):
        assert client.get(url).content.decode().count("Avslutt perioden") == 3


def test_other_needs_its_text_and_other_kinds_drop_it(personas):
    e = make_employment(personas)
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_add(
            by=personas.coordinator, employment=e, kind=Benefit.OTHER, valid_from=D(2026, 2, 1)
        )
    assert exc.value.message_dict["other_text"] == ["Skriv hvilken ytelse det gjelder."]
    period = services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.NONE,
        other_text="stray",
        valid_from=D(2026, 2, 1),
    )
    assert period.other_text == ""


# Refused, nothing half-saved -----------------------------------------------------------------


def test_an_overlapping_period_of_the_same_kind_is_refused_in_norwegian(client, personas):
    e = make_employment(personas)  # AAP from 01.01.2026, open
    client.force_login(personas.coordinator)
    response = client.post(add_url(e), form(valid_from="2026-05-01"))
    assert response.status_code == 200
    assert response.context["benefit_form"].errors["valid_from"] == [
        "Perioden overlapper med en annen periode med Arbeidsavklaringspenger (AAP) "
        "(01.01.2026–løpende). Avslutt den første perioden før den nye begynner, eller velg "
        "andre datoer."
    ]
    assert e.benefits.count() == 1
    assert not AuditEvent.objects.filter(
        object_type="employment.employmentbenefit", action="update"
    ).exists()


def test_a_closed_period_overlapping_on_its_last_day_is_refused_but_the_next_day_is_fine(
    personas,
):
    e = no_benefit_job(personas)
    kw = {"by": personas.coordinator, "employment": e, "kind": Benefit.AAP}
    services.employment_benefit_add(**kw, valid_from=D(2026, 2, 1), valid_to=D(2026, 3, 31))
    with pytest.raises(ValidationError):
        services.employment_benefit_add(**kw, valid_from=D(2026, 1, 15), valid_to=D(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.employment_benefit_add(**kw, valid_from=D(2026, 3, 31))
    services.employment_benefit_add(**kw, valid_from=D(2026, 4, 1))
    # Another kind may run alongside (AAP and "ingen" are both recorded by some offices).
    services.employment_benefit_add(
        by=personas.coordinator, employment=e, kind=Benefit.UFORETRYGD, valid_from=D(2026, 2, 1)
    )
    assert e.benefits.filter(kind=Benefit.AAP).count() == 2


def test_to_before_from_is_refused(client, personas):
    e = no_benefit_job(personas)
    client.force_login(personas.coordinator)
    response = client.post(add_url(e), form(valid_to="2026-02-01"))
    assert response.context["benefit_form"].errors["valid_to"] == [
        "«Til»-datoen kan ikke være før «fra»-datoen."
    ]
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_add(
            by=personas.coordinator,
            employment=e,
            kind=Benefit.AAP,
            valid_from=D(2026, 3, 1),
            valid_to=D(2026, 2, 1),
        )
    assert "valid_to" in exc.value.message_dict
    assert e.benefits.filter(kind=Benefit.AAP).count() == 0


def test_ending_before_the_start_is_refused_and_an_ended_period_cannot_end_again(personas):
    e = make_employment(personas)
    period = e.benefits.get()
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_end(
            by=personas.coordinator, employment=e, period_id=period.pk, valid_to=D(2025, 12, 31)
        )
    assert exc.value.message_dict["valid_to"] == [
        "Perioden kan ikke slutte før den begynte (01.01.2026)."
    ]
    period.refresh_from_db()
    assert period.valid_to is None
    services.employment_benefit_end(
        by=personas.coordinator, employment=e, period_id=period.pk, valid_to=D(2026, 6, 30)
    )
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_end(
            by=personas.coordinator, employment=e, period_id=period.pk, valid_to=D(2026, 7, 31)
        )
    assert exc.value.message_dict["period"] == ["Perioden er allerede avsluttet."]


def test_a_period_of_another_employment_cannot_be_ended_from_this_one(client, personas):
    e = make_employment(personas)
    other = make_employment(personas, start_date=D(2026, 2, 1), funding=[])
    client.force_login(personas.coordinator)
    response = client.post(
        end_url(e),
        {"benefit_end-period_id": other.benefits.get().pk, "benefit_end-valid_to": "2026-06-30"},
    )
    assert response.status_code == 200
    assert "Fant ikke ytelsesperioden." in response.content.decode()
    assert other.benefits.get().valid_to is None


@pytest.mark.parametrize("grade", ["-1", "101"])
def test_a_grade_outside_0_to_100_is_refused(client, personas, grade):
    e = no_benefit_job(personas)
    client.force_login(personas.coordinator)
    response = client.post(add_url(e), form(grade_percent=grade))
    assert response.status_code == 200
    assert "grade_percent" in response.context["benefit_form"].errors
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_add(
            by=personas.coordinator,
            employment=e,
            kind=Benefit.AAP,
            valid_from=D(2026, 3, 1),
            grade_percent=int(grade),
        )
    assert "grade_percent" in exc.value.message_dict
    assert e.benefits.filter(kind=Benefit.AAP).count() == 0


def test_grade_0_and_100_are_accepted(personas):
    e = no_benefit_job(personas)
    for grade, kind in ((0, Benefit.AAP), (100, Benefit.UFORETRYGD)):
        period = services.employment_benefit_add(
            by=personas.coordinator,
            employment=e,
            kind=kind,
            valid_from=D(2026, 3, 1),
            grade_percent=grade,
        )
        assert period.grade_percent == grade


def test_a_period_outside_the_job_is_refused(personas):
    e = make_employment(personas, end_date=D(2026, 6, 30))
    with pytest.raises(ValidationError) as exc:
        services.employment_benefit_add(
            by=personas.coordinator, employment=e, kind=Benefit.NONE, valid_from=D(2025, 12, 1)
        )
    assert exc.value.message_dict["valid_from"] == [
        "Datoen må ligge i arbeidsforholdet (fra 01.01.2026)."
    ]


# Employers never see them --------------------------------------------------------------------


def test_the_employer_s_pages_never_show_the_periods(client, personas):
    import re

    e = make_employment(personas)
    services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.OTHER,
        other_text="Sosialhjelp i en overgang",
        grade_percent=37,
        valid_from=D(2026, 2, 1),
    )
    words = re.compile(r"ytelse|arbeidsavklaring|AAP|uføre|benefit|Sosialhjelp|37 %", re.I)
    client.force_login(personas.employer)
    pages = [
        "/arbeidsgiver/ansatte/",
        reverse("employer_employment_detail", args=[e.pk]),
        reverse("employer_positions"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not words.search(response.content.decode()), url
    # The staff pages and their forms are refused outright.
    for url in (reverse("employment_detail", args=[e.pk]), reverse("employment_list")):
        assert client.get(url).status_code == 403, url


def test_the_employer_selector_does_not_load_the_periods(personas):
    from brobygger.employment.access import employments_of_employer
    from brobygger.employment.selectors import employments as sel

    make_employment(personas)
    rows = sel.employer_rows(employments_of_employer(personas.employer), today=D(2026, 6, 1))
    assert rows
    for row in rows:
        assert "benefits" not in getattr(row.employment, "_prefetched_objects_cache", {})


# The participant's export --------------------------------------------------------------------


def test_the_participant_s_export_includes_the_periods(personas):
    from brobygger.employment.privacy import employment_section

    e = make_employment(personas)
    services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.UFORETRYGD,
        grade_percent=40,
        valid_from=D(2026, 3, 1),
    )
    tables = {t.key: t for t in employment_section(e.participant)}
    rows = tables["employment_benefits"].rows
    assert [(r["kind"], r["grade_percent"], r["valid_from"]) for r in rows] == [
        ("aap", None, D(2026, 1, 1)),
        ("uforetrygd", 40, D(2026, 3, 1)),
    ]
    assert rows[1]["kind_label"] == "Uføretrygd"


def test_the_other_text_never_reaches_the_audit_trail(personas):
    e = make_employment(personas)
    period = services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.OTHER,
        other_text="Sosialhjelp i en overgang",
        valid_from=D(2026, 2, 1),
    )
    event = AuditEvent.objects.get(
        object_type="employment.employmentbenefit", object_id=str(period.pk)
    )
    assert event.changes["other_text"] == [None, REDACTED]
    assert "Sosialhjelp" not in str(event.changes)


# The data migration --------------------------------------------------------------------------


def _copy_benefits():
    module = importlib.import_module("brobygger.employment.migrations.0003_benefit_periods")
    module.copy_benefits(apps, None)


def test_the_migration_turns_each_recorded_benefit_into_one_period_from_the_start(personas):
    aap = make_employment(personas)
    other = make_employment(
        personas,
        start_date=D(2026, 2, 1),
        funding=[],
        benefit=Benefit.OTHER,
        benefit_other="Sosialhjelp",
    )
    unknown = make_employment(
        personas, start_date=D(2026, 3, 1), funding=[], benefit=Benefit.UNKNOWN
    )
    EmploymentBenefit.objects.all().delete()  # as before this change: the value only

    _copy_benefits()

    assert [(p.kind, p.valid_from, p.valid_to, p.grade_percent) for p in aap.benefits.all()] == [
        ("aap", D(2026, 1, 1), None, None)
    ]
    assert other.benefits.get().other_text == "Sosialhjelp"
    assert unknown.benefits.count() == 0
    _copy_benefits()  # run again: no second copy
    assert EmploymentBenefit.objects.count() == 2


# Outcome figures -----------------------------------------------------------------------------


def test_the_outcome_benefit_figure_is_unchanged_by_the_migration_and_uses_the_start(personas):
    from brobygger.enrolments.models import Status
    from brobygger.organisations.models import OrganisationKind
    from brobygger.outcomes.figures import outcome_figures
    from brobygger.outcomes.filters import Filters
    from brobygger.outcomes.scope import scope_for
    from brobygger.outcomes.tests.factories import TODAY, enrol, job
    from brobygger.testing import make_org

    employer = make_org("Arbeidsgiver AS", kind=OrganisationKind.EMPLOYER)
    people = [enrol(personas.cohort, Status.FULLFORT, completed_on=D(2027, 6, 1)) for _ in "abc"]
    # Demo-like: the value on the record only (as the demo and older data had it).
    jobs = [
        job(people[0], employer, start=D(2027, 7, 1), benefit="aap"),
        job(people[1], employer, start=D(2027, 7, 1), benefit="uforetrygd"),
        job(people[2], employer, start=D(2027, 8, 1), benefit="none"),
    ]

    def ytelser():
        f = outcome_figures(
            scope=scope_for(personas.coordinator), filters=Filters(), today=TODAY.date()
        )
        return {row.label: [c.display for c in row.cells] for row in f.tables["ytelser"].rows}

    before = ytelser()
    _copy_benefits()
    assert ytelser() == before
    assert before["Arbeidsavklaringspenger (AAP)"][0] == "1"

    # A later change of benefit does not change the first job's benefit at its start.
    first = jobs[0].benefits.get()
    first.valid_to = D(2027, 12, 31)
    first.save()
    EmploymentBenefit.objects.create(
        employment=jobs[0], kind=Benefit.NONE, valid_from=D(2028, 1, 1)
    )
    assert ytelser() == before
    # The period in force at the start wins over the older undated value.
    jobs[2].benefits.update(kind=Benefit.AAP)
    after = ytelser()
    assert after["Arbeidsavklaringspenger (AAP)"][0] == "2"
    assert after["Ingen ytelse"][0] == "0"


def test_the_staff_list_shows_the_benefit_in_force_now_not_the_older_value(client, personas):
    e = make_employment(personas)  # AAP from 01.01.2026; today is 01.06.2026
    services.employment_benefit_end(
        by=personas.coordinator,
        employment=e,
        period_id=e.benefits.get().pk,
        valid_to=D(2026, 4, 30),
    )
    services.employment_benefit_add(
        by=personas.coordinator,
        employment=e,
        kind=Benefit.UFORETRYGD,
        grade_percent=30,
        valid_from=D(2026, 5, 1),
    )
    client.force_login(personas.coordinator)
    response = client.get(reverse("employment_list"))
    assert [r.benefit_now for r in response.context["rows"]] == ["Uføretrygd"]
