from decimal import Decimal

import pytest
import time_machine
from django.test import RequestFactory

from brobygger.attendance.models import AttendanceStatus as A
from brobygger.attendance.panels import enrolment_panel
from brobygger.attendance.tests.factories import TODAY, make_held_session, record, week

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_it_shows_hours_against_the_requirement_and_the_schedule(personas):
    personas.version.min_attendance_share = Decimal("0.80")
    personas.version.save()
    s1, s2, s3, s4 = (make_held_session(personas.cohort, on=week(n)) for n in (1, 2, 3, 4))
    record(s1, personas.enrolment, A.PRESENT, by=personas.teacher)
    record(s2, personas.enrolment, A.PARTIAL, "1.5", by=personas.teacher)
    record(s3, personas.enrolment, A.EXCUSED, by=personas.teacher)
    record(s4, personas.enrolment, A.UNEXCUSED, by=personas.teacher)

    html = enrolment_panel(request_for(personas.participant_user), personas.enrolment)

    assert "4,5 av 180 timer teori som kreves" in html
    assert 'max="180.00" value="4.50"' in html
    assert "4,5 av 12 timer undervist så langt (37 %)." in html
    assert "Kravet er 80 %." in html
    assert "Fravær: 1 gyldig, 1 ugyldig." in html
    assert (
        '<div class="ds-alert" data-color="warning"><p class="ds-paragraph">'
        "Oppmøtet er 37 % av timene så langt, under kravet på 80 %.</p></div>"
    ) in html
    assert "<caption>Siste registreringer (høyst 10)</caption>" in html
    assert f"<td>{s2.topic}</td>" in html and "<td>Delvis til stede</td>" in html


def test_it_lists_only_the_last_ten_records_newest_first(personas):
    sessions = [make_held_session(personas.cohort, on=week(0)) for _ in range(12)]
    for n, session in enumerate(sessions):
        session.date = week(0).replace(day=17 + n)
        session.save()
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    html = str(enrolment_panel(request_for(personas.coordinator), personas.enrolment))
    assert html.count("<td>Til stede</td>") == 10
    assert html.index("28.08.2026") < html.index("27.08.2026")
    assert "18.08.2026" not in html and "17.08.2026" not in html


def test_it_says_so_when_nothing_is_recorded_yet(personas):
    html = enrolment_panel(request_for(personas.coordinator), personas.other_enrolment)
    assert "Ingen oppmøte er registrert ennå." in html
    assert "Ingen undervisning så langt." in html
    assert "<progress" in html  # against the requirement, even before the first session


@pytest.mark.parametrize("n", [2, 12])
def test_the_panel_takes_a_fixed_number_of_queries(personas, django_assert_num_queries, n):
    for _ in range(n):
        session = make_held_session(personas.cohort, on=week(1))
        record(session, personas.enrolment, A.PRESENT, by=personas.teacher)
    with django_assert_num_queries(4):
        enrolment_panel(request_for(personas.coordinator), personas.enrolment)
