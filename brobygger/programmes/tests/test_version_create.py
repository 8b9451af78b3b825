from decimal import Decimal

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.programmes.models import Programme, ProgrammeVersion
from brobygger.programmes.tests.factories import login, version_post


def url(personas):
    return reverse("version_create", args=[personas.version.programme_id])


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(url(personas))
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_other_municipality_gets_404(client, personas):
    login(client, personas.other_coordinator)
    assert client.get(url(personas)).status_code == 404
    assert client.post(url(personas), version_post()).status_code == 404
    assert not ProgrammeVersion.objects.filter(name="2027").exists()


def test_a_teacher_is_refused(client, personas):
    assert login(client, personas.teacher).get(url(personas)).status_code == 403


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).delete(url(personas)).status_code == 405


def test_the_form_is_prefilled_from_the_latest_version(client, personas):
    ProgrammeVersion.objects.create(
        programme=personas.version.programme,
        name="2025",
        theory_hours=Decimal("150"),
        min_attendance_share=Decimal("0.85"),
        week_tolerance=Decimal("0.80"),
    )
    form = login(client, personas.coordinator).get(url(personas)).context["form"]
    assert form.initial["theory_hours"] == Decimal("150.00")
    assert form.initial["min_attendance_share"] == 85
    assert form.initial["week_tolerance"] == 80
    assert form.initial["name"] == ""


def test_it_creates_a_version_with_shares_from_percent(client, personas):
    response = login(client, personas.coordinator).post(url(personas), version_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("programme_list")
    version = ProgrammeVersion.objects.get(programme=personas.version.programme, name="2027")
    assert version.theory_hours == Decimal("180")
    assert version.min_attendance_share == Decimal("0.80")
    assert version.week_tolerance == Decimal("0.90")
    assert version.assignment_required is True
    event = AuditEvent.objects.get(object_type="programmes.programmeversion", object_id=version.pk)
    assert event.action == "create" and event.organisation == personas.bergen
    assert event.changes["theory_hours"] == [None, "180.00"]


def test_the_attendance_share_is_optional(client, personas):
    login(client, personas.coordinator).post(url(personas), version_post(min_attendance_share=""))
    assert ProgrammeVersion.objects.get(name="2027").min_attendance_share is None


def test_a_tolerance_out_of_range_is_refused_and_nothing_saved(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas), version_post(week_tolerance="0")
    )
    assert response.status_code == 200
    assert "week_tolerance" in response.context["form"].errors
    assert "Verdien må være større enn eller lik 1." in response.content.decode()
    assert not ProgrammeVersion.objects.filter(name="2027").exists()


def test_a_duplicate_name_is_refused_in_norwegian(client, personas):
    response = login(client, personas.coordinator).post(
        url(personas), version_post(name=personas.version.name)
    )
    assert "Programmet har allerede en versjon med dette navnet." in response.content.decode()
    assert ProgrammeVersion.objects.filter(programme=personas.version.programme).count() == 1


def test_a_first_version_starts_from_the_usual_requirements(client, personas):
    programme = Programme.objects.create(name="Nytt program", organisation=personas.bergen)
    response = login(client, personas.coordinator).get(
        reverse("version_create", args=[programme.pk])
    )
    initial = response.context["form"].initial
    assert (initial["theory_hours"], initial["practice_weeks"], initial["week_tolerance"]) == (
        Decimal("180"),
        20,
        90,
    )
