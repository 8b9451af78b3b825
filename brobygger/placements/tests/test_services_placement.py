import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.accounts.models import Role
from brobygger.core.models import AuditEvent
from brobygger.organisations.models import OrganisationKind
from brobygger.placements.models import Placement, PlacementPercent
from brobygger.placements.services import placement_create, placement_percent_add
from brobygger.placements.tests.factories import END, START, make_placement
from brobygger.testing import make_org, make_user


def create(personas, **overrides):
    fields = {
        "by": personas.coordinator,
        "enrolment": personas.enrolment,
        "host": personas.host,
        "supervisor": personas.supervisor,
        "start_date": START,
        "end_date": END,
        "percent": 50,
    }
    return placement_create(**{**fields, **overrides})


def test_it_creates_the_placement_with_its_first_percent_and_audits_both(personas):
    placement = create(personas, percent=40)
    assert placement.enrolment == personas.enrolment
    percents = list(placement.percents.values_list("percent", "valid_from"))
    assert percents == [(40, START)]
    events = AuditEvent.objects.filter(action="create", actor=personas.coordinator)
    assert {e.object_type for e in events} == {
        "placements.placement",
        "placements.placementpercent",
    }
    assert all(e.organisation == personas.bergen for e in events)


def test_it_refuses_an_overlapping_placement_and_saves_nothing(personas):
    make_placement(personas, start=dt.date(2026, 9, 1), end=dt.date(2027, 1, 31))
    with pytest.raises(ValidationError) as exc:
        create(personas, start_date=dt.date(2027, 1, 31), end_date=dt.date(2027, 3, 1))
    assert exc.value.message_dict["__all__"] == [
        "Deltakeren har allerede praksis i perioden 01.09.2026–31.01.2027."
    ]
    assert Placement.objects.count() == 1
    assert PlacementPercent.objects.count() == 1


def test_a_placement_may_start_the_day_after_the_last_one_ends(personas):
    make_placement(personas, start=dt.date(2026, 9, 1), end=dt.date(2026, 12, 31))
    create(personas, start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 3, 1))
    assert Placement.objects.filter(enrolment=personas.enrolment).count() == 2


def test_another_participants_placement_is_no_overlap(personas):
    make_placement(personas)
    create(personas, enrolment=personas.other_enrolment)
    assert Placement.objects.count() == 2


def test_the_supervisor_must_hold_the_role_at_the_host(personas):
    elsewhere = make_org("Annet praksissted", kind=OrganisationKind.PLACEMENT_SITE)
    stranger = make_user(role=Role.SUPERVISOR, org=elsewhere)
    for supervisor in (stranger, personas.teacher):
        with pytest.raises(ValidationError) as exc:
            create(personas, supervisor=supervisor)
        assert exc.value.message_dict["supervisor"] == [
            "Veilederen må ha rollen praksisveileder hos praksisstedet."
        ]
    assert not Placement.objects.exists()


def test_end_before_start_and_a_bad_percent_are_refused_next_to_the_fields(personas):
    with pytest.raises(ValidationError) as exc:
        create(personas, start_date=END, end_date=START, percent=0)
    assert exc.value.message_dict["end_date"] == ["Sluttdatoen kan ikke være før startdatoen."]
    assert "percent" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        create(personas, percent=101)
    assert "percent" in exc.value.message_dict
    assert not Placement.objects.exists()
    assert not AuditEvent.objects.filter(object_type="placements.placement").exists()


def test_a_new_percent_from_a_date_within_the_placement(personas):
    placement = make_placement(personas)
    row = placement_percent_add(
        by=personas.coordinator, placement=placement, percent=60, valid_from=dt.date(2026, 11, 2)
    )
    assert list(placement.percents.values_list("percent", flat=True)) == [50, 60]
    event = AuditEvent.objects.get(object_type="placements.placementpercent", object_id=row.pk)
    assert event.changes["percent"] == [None, 60]


@pytest.mark.parametrize(
    ("valid_from", "message"),
    [
        (dt.date(2026, 9, 6), "Datoen må ligge i praksisperioden (07.09.2026–31.01.2027)."),
        (dt.date(2027, 2, 1), "Datoen må ligge i praksisperioden (07.09.2026–31.01.2027)."),
        (START, "Det finnes allerede en praksisprosent fra denne datoen."),
    ],
)
def test_a_percent_date_outside_or_taken_is_refused(personas, valid_from, message):
    placement = make_placement(personas)
    with pytest.raises(ValidationError) as exc:
        placement_percent_add(
            by=personas.coordinator, placement=placement, percent=60, valid_from=valid_from
        )
    assert exc.value.message_dict["valid_from"] == [message]
    assert placement.percents.count() == 1


def test_a_percent_out_of_range_is_refused(personas):
    placement = make_placement(personas)
    with pytest.raises(ValidationError) as exc:
        placement_percent_add(
            by=personas.coordinator, placement=placement, percent=0, valid_from=dt.date(2026, 10, 5)
        )
    assert "percent" in exc.value.message_dict
    assert placement.percents.count() == 1
