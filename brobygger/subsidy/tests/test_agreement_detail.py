import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.employment.models import Benefit, Employment, EmploymentSource, JobKind
from brobygger.subsidy.services import refund_period_create
from brobygger.subsidy.tests.factories import make_active, make_agreement
from brobygger.subsidy.tests.helpers import stavanger_agreement
from brobygger.testing import make_user

D = dt.date
NBSP = "\u00a0"


def url(agreement):
    return reverse("subsidy_agreement_detail", args=[agreement.pk])


@pytest.fixture
def agreement(personas, today):
    return make_active(personas)


def test_anonymous_is_sent_to_login(client, agreement):
    response = client.get(url(agreement))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_people_outside_the_agreement_get_404(client, personas, agreement):
    for user in (personas.other_coordinator, personas.other_caseworker, personas.other_employer):
        client.force_login(user)
        assert client.get(url(agreement)).status_code == 404, user
    assert AccessEvent.objects.count() == 0


def test_bergen_cannot_see_stavangers_agreement(client, personas, today):
    siri = stavanger_agreement(personas)
    for user in (personas.coordinator, personas.caseworker, personas.employer):
        client.force_login(user)
        assert client.get(url(siri)).status_code == 404


def test_roles_that_never_see_agreements_are_refused(client, personas, agreement):
    for user in (personas.participant_user, personas.supervisor, personas.admin):
        client.force_login(user)
        assert client.get(url(agreement)).status_code == 403


def test_wrong_method_is_405(client, personas, agreement):
    client.force_login(personas.coordinator)
    assert client.post(url(agreement)).status_code == 405


def test_the_month_table_shows_40_percent_to_june_then_30(client, personas, agreement):
    client.force_login(personas.coordinator)
    response = client.get(url(agreement))
    assert response.status_code == 200
    months = response.context["detail"].months
    assert [(row.month.month, row.percent) for row in months] == [
        (m, 40 if m <= 6 else 30) for m in range(1, 13)
    ]
    html = response.content.decode()
    assert "Januar 2026" in html and "Desember 2026" in html
    assert f"40{NBSP}%" in html and f"30{NBSP}%" in html
    # The formula with this agreement's figures (see test_calc.py).
    assert f"Feriepenger = månedslønn × 10,2{NBSP}% = 3{NBSP}276,59{NBSP}kr" in html
    assert f"OTP = (månedslønn + feriepenger) × 2{NBSP}% = 708,00{NBSP}kr" in html
    assert f"× 14,1{NBSP}% = 5{NBSP}091,23{NBSP}kr" in html
    assert f"Lønnskostnader per måned = 41{NBSP}199,27{NBSP}kr" in html
    assert f"16{NBSP}479,71{NBSP}kr" in html  # 40 % a month
    assert f"12{NBSP}359,78{NBSP}kr" in html  # 30 % a month


def test_viewing_is_logged_once_in_the_participants_access_log(client, personas, agreement):
    client.force_login(personas.caseworker)
    client.get(url(agreement))
    event = AccessEvent.objects.get()
    assert event.participant == personas.enrolment.participant
    assert event.actor == personas.caseworker
    assert event.shown.startswith("Avtale om lønnstilskudd")


def test_the_coordinator_gets_status_and_refund_forms(client, personas, agreement):
    client.force_login(personas.coordinator)
    response = client.get(url(agreement))
    html = response.content.decode()
    assert reverse("subsidy_refund_create", args=[agreement.pk]) in html
    assert reverse("subsidy_agreement_transition", args=[agreement.pk]) in html
    assert [
        value for value, _label in response.context["transition_form"].fields["to"].choices
    ] == ["ended"]
    # The first unclaimed quarter that is over is suggested.
    initial = response.context["refund_form"].initial
    assert (initial["period_start"], initial["period_end"]) == (D(2026, 1, 1), D(2026, 3, 31))
    assert reverse("subsidy_agreement_edit", args=[agreement.pk]) not in html  # not a draft


def test_only_the_nav_caseworker_is_offered_approval(client, personas, today):
    draft = make_agreement(personas)
    client.force_login(personas.coordinator)
    response = client.get(url(draft))
    assert [v for v, _ in response.context["transition_form"].fields["to"].choices] == ["cancelled"]
    assert "En NAV-veileder ved NAV Bergen sør godkjenner avtalen." in response.content.decode()
    assert reverse("subsidy_agreement_edit", args=[draft.pk]) in response.content.decode()
    client.force_login(personas.caseworker)
    response = client.get(url(draft))
    assert [v for v, _ in response.context["transition_form"].fields["to"].choices] == [
        "approved",
        "cancelled",
    ]


def test_the_employer_reads_without_any_form(client, personas, agreement):
    client.force_login(personas.employer)
    response = client.get(url(agreement))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dina Deltakersen" in html
    assert response.context["transition_form"] is None
    assert response.context["refund_form"] is None
    assert '<form method="post" action="/lonnstilskudd/' not in html


def test_the_employer_page_never_loads_the_benefit_of_a_linked_employment(client, personas, today):
    job = Employment.objects.create(
        participant=personas.enrolment.participant,
        employer=personas.employer_org,
        source=EmploymentSource.OUTSIDE,
        job_title="Erfaringskonsulent",
        kind=JobKind.TEMPORARY,
        start_date=D(2026, 1, 1),
        benefit=Benefit.AAP,
    )
    linked = make_agreement(personas, employment=job)
    client.force_login(personas.employer)
    response = client.get(url(linked))
    assert "Erfaringskonsulent" in response.content.decode()
    assert "Arbeidsavklaringspenger" not in response.content.decode()
    loaded = response.context["agreement"].employment
    assert {"benefit", "benefit_other"} <= loaded.get_deferred_fields()


def test_a_caseworker_of_the_nav_office_sees_it_without_the_referral(client, personas, today):
    colleague = make_user(role=Role.CASEWORKER, org=personas.nav)
    dag = make_agreement(personas, participant=personas.other_enrolment.participant)
    client.force_login(colleague)
    assert client.get(url(dag)).status_code == 200


def test_the_query_count_is_fixed_for_2_and_for_4_refund_periods(
    client, personas, agreement, django_assert_num_queries
):
    client.force_login(personas.coordinator)
    for start, end in ((D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30))):
        refund_period_create(
            by=personas.caseworker, agreement=agreement, period_start=start, period_end=end
        )
    with django_assert_num_queries(QUERIES):
        assert client.get(url(agreement)).status_code == 200
    for start, end in ((D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 11, 30))):
        refund_period_create(
            by=personas.caseworker, agreement=agreement, period_start=start, period_end=end
        )
    with django_assert_num_queries(QUERIES):
        response = client.get(url(agreement))
    assert len(response.context["detail"].refund_periods) == 4
    assert response.context["detail"].refunded_ore == (
        6 * 1_647_971 + 5 * 1_235_978  # Jan–Jun at 40 %, Jul–Nov at 30 %
    )


QUERIES = 9
