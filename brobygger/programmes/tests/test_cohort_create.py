import datetime as dt

from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.programmes.models import Cohort
from brobygger.programmes.tests.factories import login, make_teacher

URL = reverse("cohort_create")


def post_data(personas, **overrides):
    data = {
        "name": "Høst 2027",
        "version": personas.version.pk,
        "start_date": "2027-08-16",
        "end_date": "2028-06-19",
        "capacity": "17",
        "place": "Bergen sentrum",
        "coordinators": [personas.coordinator.pk],
        "teachers": [personas.teacher.pk],
    }
    data.update(overrides)
    return data


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_a_teacher_is_refused(client, personas):
    assert login(client, personas.teacher).post(URL, post_data(personas)).status_code == 403
    assert not Cohort.objects.filter(name="Høst 2027").exists()


def test_wrong_method_is_refused(client, personas):
    assert login(client, personas.coordinator).put(URL).status_code == 405


def test_the_choices_are_scoped_to_the_coordinators_programmes(client, personas):
    partner_teacher = make_teacher(personas.nav, "Nina")
    stavanger_teacher = make_teacher(personas.stavanger, "Stian")
    form = login(client, personas.coordinator).get(URL).context["form"]
    assert list(form.fields["version"].queryset) == [personas.version]
    teachers = set(form.fields["teachers"].queryset)
    assert {personas.teacher, partner_teacher} <= teachers
    assert stavanger_teacher not in teachers
    assert set(form.fields["coordinators"].queryset) == {personas.coordinator}
    assert form.initial["coordinators"] == [personas.coordinator.pk]


def test_it_creates_the_cohort_and_goes_to_its_sessions(client, personas):
    response = login(client, personas.coordinator).post(URL, post_data(personas))
    cohort = Cohort.objects.get(name="Høst 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_sessions", args=[cohort.pk])
    assert cohort.start_date == dt.date(2027, 8, 16) and cohort.capacity == 17
    assert list(cohort.coordinators.all()) == [personas.coordinator]
    assert list(cohort.teachers.all()) == [personas.teacher]
    event = AuditEvent.objects.get(object_type="programmes.cohort", object_id=cohort.pk)
    assert event.action == "create"
    assert event.changes["teachers"] == [None, [personas.teacher.pk]]


def test_an_end_before_the_start_is_refused_and_nothing_saved(client, personas):
    response = login(client, personas.coordinator).post(
        URL, post_data(personas, end_date="2027-08-01")
    )
    assert response.status_code == 200
    assert "Sluttdatoen må være etter startdatoen." in response.content.decode()
    assert not Cohort.objects.filter(name="Høst 2027").exists()


def test_another_municipalitys_version_or_teacher_cannot_be_chosen(client, personas):
    stavanger_teacher = make_teacher(personas.stavanger)
    login(client, personas.coordinator)
    for bad in (
        {"version": personas.other_cohort.version_id},
        {"teachers": [stavanger_teacher.pk]},
        {"capacity": "0"},
    ):
        response = client.post(URL, post_data(personas, **bad))
        assert response.status_code == 200
        assert next(iter(bad)) in response.context["form"].errors
    assert not Cohort.objects.filter(name="Høst 2027").exists()
