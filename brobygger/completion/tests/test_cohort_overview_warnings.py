"""GET /kull/<pk>/: the Monday view. Who needs following up and why, filtered and sorted, with
the same warnings as on each participant's own page (one rule: completion.warnings)."""

import datetime as dt
import html as htmllib
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.assessments.models import Outcome
from brobygger.attendance.models import AttendanceStatus
from brobygger.completion import warnings as w
from brobygger.completion.tests.factories import (
    add_weeks,
    assess,
    attend,
    make_eligible,
    sessions_of,
    submit,
)
from brobygger.placements.models import TimesheetStatus
from brobygger.programmes.models import Cohort
from brobygger.testing import make_enrolment, make_participant

# Who has which warning (each exactly one), by name; Dina and Dag (the personas) have none.
AT_RISK = {
    "Anne Andersen": w.ATTENDANCE_SHARE,
    "Bjørn Berg": w.ATTENDANCE_IN_A_ROW,
    "Cecilie Dahl": w.PRACTICE_BEHIND,
    "Erik Eide": w.TIMESHEETS_WAITING,
    "Frida Fjell": w.ASSIGNMENT_RESUBMIT,
    "Geir Gran": w.ASSIGNMENT_NOT_APPROVED,
}
ON_PLAN = ["Dag Deltakersen", "Dina Deltakersen"]


def url(personas, **params):
    base = reverse("cohort_overview", args=[personas.cohort.pk])
    if params:
        base += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return base


def names_in(html):
    return re.findall(
        r'<th scope="row"><a class="ds-link" href="/deltakelser/\d+/">([^<]+)</a>', html
    )


def _tags(fragment):
    """(code, text) of each warning tag in an HTML fragment."""
    return [
        (code, htmllib.unescape(text))
        for code, text in re.findall(
            r'data-warning="([a-z_]+)">.*?<span class="warning-text">([^<]*)</span>', fragment
        )
    ]


def row_warnings(html, name):
    row = html[html.index(f">{name}</a>") :]
    return _tags(row[: row.index("</tr>")])


def page_warnings(html, enrolment):
    marker = f'id="warnings-{enrolment.pk}"'
    if marker not in html:
        return []
    block = html[html.index(marker) :]
    return _tags(block[: block.index("</ul>")])


def participant(personas, name, *, attendance="all", weeks=20, waiting=0, outcome="approved"):
    """An enrolment that meets the plan except where told: attendance "all", "in_a_row" (the
    last three sessions missed) or "low" (every third missed); `weeks` approved practice weeks
    and `waiting` more sent for approval; the latest assignment `outcome` (None: not handed in).
    """
    first, last = name.split()
    enrolment = make_enrolment(personas.cohort, participant=make_participant(first, last))
    sessions = sessions_of(personas.cohort, 30)
    if attendance == "all":
        attend(enrolment, sessions, by=personas.teacher)
    elif attendance == "in_a_row":
        attend(enrolment, sessions[:27], by=personas.teacher)
        attend(enrolment, sessions[27:], by=personas.teacher, status=AttendanceStatus.UNEXCUSED)
    else:
        missed = sessions[::3]
        attend(enrolment, [s for s in sessions if s not in missed], by=personas.teacher)
        attend(enrolment, missed, by=personas.teacher, status=AttendanceStatus.UNEXCUSED)
    if weeks:
        add_weeks(enrolment, weeks, host=personas.host, supervisor=personas.supervisor)
    if waiting:
        add_weeks(
            enrolment,
            waiting,
            host=personas.host,
            supervisor=personas.supervisor,
            status=TimesheetStatus.SUBMITTED,
        )
    if outcome is not None:
        assess(submit(enrolment, by=personas.coordinator), by=personas.coordinator, outcome=outcome)
    return enrolment


def at_risk(personas, name, code):
    kinds: dict[str, dict[str, Any]] = {
        w.ATTENDANCE_SHARE: {"attendance": "low"},
        w.ATTENDANCE_IN_A_ROW: {"attendance": "in_a_row"},
        w.PRACTICE_BEHIND: {"weeks": 10},
        w.TIMESHEETS_WAITING: {"weeks": 18, "waiting": 2},
        w.ASSIGNMENT_RESUBMIT: {"outcome": Outcome.RESUBMIT},
        w.ASSIGNMENT_NOT_APPROVED: {"outcome": Outcome.NOT_APPROVED},
        w.ASSIGNMENT_MISSING: {"outcome": None},
    }
    return participant(personas, name, **kinds[code])


@pytest.fixture
def cohort(personas):
    """The personas' cohort with an 80 % attendance rule, Dina and Dag on plan, and one
    participant for each warning kind. Returns {name: enrolment}."""
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    make_eligible(personas.enrolment, personas=personas)
    make_eligible(personas.other_enrolment, personas=personas)
    enrolments = {name: at_risk(personas, name, code) for name, code in AT_RISK.items()}
    enrolments["Dina Deltakersen"] = personas.enrolment
    enrolments["Dag Deltakersen"] = personas.other_enrolment
    return enrolments


def test_each_warning_is_shown_for_the_participant_who_has_it_and_nobody_else(
    client, personas, cohort
):
    client.force_login(personas.coordinator)
    html = client.get(url(personas)).content.decode()
    for name, code in AT_RISK.items():
        assert [c for c, _text in row_warnings(html, name)] == [code], name
    for name in ON_PLAN:
        assert row_warnings(html, name) == [], name
        row = html[html.index(f">{name}</a>") :]
        assert "Ingen varsler" in row[: row.index("</tr>")]
    assert "6 trenger oppfølging" in html
    texts = {name: row_warnings(html, name)[0][1] for name in ("Cecilie Dahl", "Erik Eide")}
    assert texts == {
        "Cecilie Dahl": "Praksis 10 uker bak planen: 10 av 20 uker så langt.",
        "Erik Eide": "2 timelister venter på godkjenning.",
    }


def test_the_tags_say_the_severity_in_words_not_only_in_colour(client, personas, cohort):
    client.force_login(personas.coordinator)
    html = client.get(url(personas)).content.decode()
    row = html[html.index(">Geir Gran</a>") :]
    row = row[: row.index("</tr>")]
    assert '<ul class="warning-tags" aria-label="Varsler">' in row
    assert '<span class="visually-hidden">Alvorlig: </span>' in row
    assert "Skriftlig oppgave er ikke godkjent." in row
    assert '<th scope="col">Oppfølging</th>' in html


def test_a_missing_assignment_is_shown_once_the_deadline_has_passed(client, personas, time_machine):
    make_eligible(personas.enrolment, personas=personas)
    make_eligible(personas.other_enrolment, personas=personas)
    late = at_risk(personas, "Hanne Hauge", w.ASSIGNMENT_MISSING)
    client.force_login(personas.coordinator)
    assert row_warnings(client.get(url(personas)).content.decode(), "Hanne Hauge") == []

    time_machine.move_to(dt.datetime(2027, 6, 22, 10, tzinfo=dt.UTC), tick=False)
    client.force_login(personas.coordinator)  # the session's time limits have run out
    html = client.get(url(personas)).content.decode()
    missing = "Skriftlig oppgave er ikke levert, og fristen 21.06.2027 er passert."
    assert row_warnings(html, "Hanne Hauge") == [(w.ASSIGNMENT_MISSING, missing)]
    for name in ON_PLAN:
        assert row_warnings(html, name) == []
    detail = client.get(reverse("enrolment_detail", args=[late.pk])).content.decode()
    assert page_warnings(detail, late) == row_warnings(html, "Hanne Hauge")


def test_the_filter_shows_only_those_who_need_following_up(client, personas, cohort):
    client.force_login(personas.coordinator)
    html = client.get(url(personas, oppfolging="ja")).content.decode()
    assert sorted(names_in(html)) == sorted(AT_RISK)
    assert 'value="ja" selected' in html
    assert "6 deltakere vises" in html
    # With a status that has nobody at risk: an empty table that says why.
    html = client.get(url(personas, oppfolging="ja", status="PERMISJON")).content.decode()
    assert names_in(html) == []
    assert "Ingen deltakere som trenger oppfølging." in html


def test_the_filter_works_as_an_htmx_partial_reload(client, personas, cohort):
    client.force_login(personas.coordinator)
    response = client.get(
        url(personas, oppfolging="ja", sort="varsler"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="overview-table"')
    assert "<h1" not in html
    assert sorted(names_in(html)) == sorted(AT_RISK)


def test_the_filter_form_has_the_follow_up_and_sort_choices(client, personas, cohort):
    client.force_login(personas.coordinator)
    html = client.get(url(personas)).content.decode()
    form = html[html.index('<form method="get"') :]
    form = form[: form.index("</form>")]
    assert 'hx-get="' in form and 'hx-target="#overview-table"' in form
    assert '<select name="oppfolging"' in form and ">Trenger oppfølging</option>" in form
    assert '<select name="sort"' in form
    for label in ("Navn", "Flest varsler", "Lavest oppmøte", "Færrest praksisuker"):
        assert f">{label}</option>" in form


def test_sorting_orders_the_rows(client, personas, cohort):
    client.force_login(personas.coordinator)
    by_name = names_in(client.get(url(personas)).content.decode())
    assert by_name == [
        "Anne Andersen",
        "Bjørn Berg",
        "Cecilie Dahl",
        "Dag Deltakersen",
        "Dina Deltakersen",
        "Erik Eide",
        "Frida Fjell",
        "Geir Gran",
    ]
    assert names_in(client.get(url(personas, sort="navn")).content.decode()) == by_name
    # Most warnings first; among one each, the serious ones first; then by name.
    assert names_in(client.get(url(personas, sort="varsler")).content.decode()) == [
        "Anne Andersen",  # attendance under the rule (serious)
        "Geir Gran",  # assignment not approved (serious)
        "Bjørn Berg",
        "Cecilie Dahl",
        "Frida Fjell",
        "Erik Eide",  # timesheets waiting (for information)
        "Dag Deltakersen",
        "Dina Deltakersen",
    ]
    by_attendance = names_in(client.get(url(personas, sort="oppmote")).content.decode())
    assert by_attendance[:2] == ["Anne Andersen", "Bjørn Berg"]  # 66 % and 90 %
    assert by_attendance[2:] == [n for n in by_name if n not in by_attendance[:2]]
    by_practice = names_in(client.get(url(personas, sort="praksis")).content.decode())
    assert by_practice[:2] == ["Cecilie Dahl", "Erik Eide"]  # 10 and 18 weeks


def test_more_warnings_sort_before_fewer(client, personas, cohort):
    participant(personas, "Ivar Ås", weeks=10, outcome=Outcome.RESUBMIT)
    client.force_login(personas.coordinator)
    html = client.get(url(personas, sort="varsler")).content.decode()
    assert names_in(html)[0] == "Ivar Ås"
    assert [c for c, _t in row_warnings(html, "Ivar Ås")] == [
        w.PRACTICE_BEHIND,
        w.ASSIGNMENT_RESUBMIT,
    ]


def test_the_participant_page_shows_the_same_warnings_as_the_overview_row(client, personas, cohort):
    client.force_login(personas.coordinator)
    overview = client.get(url(personas)).content.decode()
    for name, enrolment in cohort.items():
        detail = client.get(reverse("enrolment_detail", args=[enrolment.pk])).content.decode()
        assert page_warnings(detail, enrolment) == row_warnings(overview, name), name
    # Not vacuous: the at-risk people do have warnings on both.
    assert all(row_warnings(overview, name) for name in AT_RISK)


def test_bad_sort_and_filter_values_fall_back_with_a_message(client, personas, cohort):
    client.force_login(personas.coordinator)
    response = client.get(url(personas, sort="DROP%20TABLE", oppfolging="kanskje"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ukjent sortering. Viser sortert etter navn." in html
    assert "Ukjent valg. Viser alle deltakere." in html
    assert len(names_in(html)) == 8
    assert names_in(html)[0] == "Anne Andersen"  # by name
    # One bad field leaves the others alone.
    html = client.get(url(personas, sort="tull", oppfolging="ja")).content.decode()
    assert sorted(names_in(html)) == sorted(AT_RISK)
    html = client.get(url(personas, status="TULL", sort="praksis")).content.decode()
    assert "Ukjent status. Viser alle statuser." in html
    assert names_in(html)[0] == "Cecilie Dahl"
    # The same as an htmx reload: a table, never an error.
    response = client.get(
        url(personas, sort="", oppfolging="%00", status="%C3%A6"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and len(names_in(response.content.decode())) == 8


def test_the_other_organisations_coordinator_is_refused_with_any_parameters(
    client, personas, cohort
):
    client.force_login(personas.other_coordinator)
    before = AccessEvent.objects.filter(denied=False).count()
    for params in ({}, {"oppfolging": "ja", "sort": "varsler"}):
        assert client.get(url(personas, **params)).status_code == 404
        response = client.get(url(personas, **params), headers={"HX-Request": "true"})
        assert response.status_code == 404
    assert AccessEvent.objects.filter(denied=False).count() == before


def test_each_participant_shown_gets_one_read_log_entry(client, personas, cohort):
    client.force_login(personas.coordinator)
    client.get(url(personas))
    events = list(AccessEvent.objects.all())
    assert sorted(e.participant_id for e in events) == sorted(
        e.participant_id for e in cohort.values()
    )
    for event in events:
        assert event.actor == personas.coordinator and not event.denied
        assert event.shown == "Kulloversikt: framdrift og varsler om oppmøte, praksis og oppgave"
        assert event.path == url(personas)
        assert event.actor_organisation_id == personas.bergen.pk

    # Filtered, as an htmx reload: only the people in the table.
    before = {e.pk for e in AccessEvent.objects.all()}
    client.get(url(personas, oppfolging="ja"), headers={"HX-Request": "true"})
    new = AccessEvent.objects.exclude(pk__in=before)
    shown = {cohort[name].participant_id for name in AT_RISK}
    assert sorted(new.values_list("participant_id", flat=True)) == sorted(shown)


def _grow(personas, count):
    codes = list(AT_RISK.values())
    for n in range(count):
        if n % 3 == 0:
            make_eligible(make_enrolment(personas.cohort), personas=personas)
        else:
            at_risk(personas, f"Test Risikosen{n}", codes[n % len(codes)])


def test_the_same_number_of_queries_with_3_and_25_participants_sorted_and_filtered(
    client, personas, django_assert_num_queries
):
    """Warnings, the follow-up filter and the sort are worked out on the loaded rows: the
    count stays what the plain overview does (14, see test_cohort_overview.py)."""
    Cohort.objects.filter(pk=personas.cohort.pk).update(capacity=100)
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    make_eligible(personas.enrolment, personas=personas)
    make_eligible(personas.other_enrolment, personas=personas)
    at_risk(personas, "Anne Andersen", w.ATTENDANCE_SHARE)
    client.force_login(personas.coordinator)
    client.get(url(personas))  # warm up the session and anything cached per process
    # (participants, how many of them have a warning): a third of those added are on plan.
    for size, grow, risky in ((3, 0, 1), (25, 22, 15)):
        _grow(personas, grow)
        for params in ({"sort": "varsler"}, {"sort": "oppmote", "oppfolging": "ja"}):
            with django_assert_num_queries(14):
                html = client.get(url(personas, **params)).content.decode()
            shown = names_in(html)
            assert len(shown) == (risky if "oppfolging" in params else size), params
