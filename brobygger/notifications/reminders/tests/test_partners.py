"""County coordinators' and caseworkers' reminders: contact messages and wage subsidy."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.contacts.tests.factories import STAVANGER, make_message
from brobygger.notifications.reminders.base import (
    AGREEMENT_ENDING,
    CONTACT_MESSAGE,
    REFUND_PERIOD_READY,
)
from brobygger.notifications.reminders.partners import refund_ready
from brobygger.notifications.reminders.tests.helpers import end_memberships, for_user, of_kind
from brobygger.subsidy.services import refund_period_create
from brobygger.subsidy.tests.factories import make_active

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 10)


class TestContactMessage:
    def test_it_counts_the_open_messages_of_the_county(self, personas):
        make_message()
        make_message()
        [reminder] = of_kind(CONTACT_MESSAGE, TODAY)
        assert reminder.recipient_id == personas.county_coordinator.pk
        assert reminder.count == 2
        assert reminder.url == reverse("contacts_inbox")
        assert reminder.role == Role.COUNTY_COORDINATOR

    def test_handled_messages_give_nothing(self, personas):
        make_message(handled_at=dt.datetime(2026, 4, 9, 12, tzinfo=dt.UTC))
        assert of_kind(CONTACT_MESSAGE, TODAY) == []

    def test_the_other_county_gets_only_its_own(self, personas):
        make_message()
        make_message(STAVANGER)
        reminders = of_kind(CONTACT_MESSAGE, TODAY)
        assert [r.count for r in for_user(reminders, personas.other_county_coordinator)] == [1]
        assert [r.count for r in for_user(reminders, personas.county_coordinator)] == [1]

    def test_a_county_coordinator_who_lost_the_role_gets_nothing(self, personas):
        make_message()
        end_memberships(personas.county_coordinator, TODAY)
        assert of_kind(CONTACT_MESSAGE, TODAY) == []


class TestRefundPeriodReady:
    @pytest.fixture
    def agreement(self, personas, at):
        with at(dt.date(2026, 1, 2)):
            return make_active(personas)  # from 1 January 2026, 12 months

    def test_three_months_over_and_unclaimed_are_ready(self, personas, agreement):
        [reminder] = of_kind(REFUND_PERIOD_READY, TODAY)
        assert reminder.recipient_id == personas.caseworker.pk
        assert reminder.count == 1
        assert reminder.url == reverse("subsidy_agreement_detail", kwargs={"pk": agreement.pk})
        assert reminder.role == Role.CASEWORKER
        assert reminder.organisation_id == personas.nav.pk
        assert reminder.target == ("subsidy.agreement", agreement.pk)

    def test_two_months_are_not_a_full_period_yet(self, agreement):
        assert of_kind(REFUND_PERIOD_READY, dt.date(2026, 3, 31)) == []

    def test_it_stops_once_claimed(self, personas, agreement, at):
        with at(TODAY):
            refund_period_create(
                by=personas.caseworker,
                agreement=agreement,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 3, 31),
            )
        assert of_kind(REFUND_PERIOD_READY, TODAY) == []

    def test_the_last_months_are_ready_when_the_agreement_is_over(self, agreement):
        claimed = {dt.date(2026, m, 1) for m in range(1, 12)}
        assert refund_ready(agreement, claimed, dt.date(2026, 12, 31)) is False
        assert refund_ready(agreement, claimed, dt.date(2027, 1, 1)) is True
        claimed.add(dt.date(2026, 12, 1))
        assert refund_ready(agreement, claimed, dt.date(2027, 1, 1)) is False

    def test_other_caseworkers_and_former_ones_get_nothing(self, personas, agreement):
        assert for_user(of_kind(REFUND_PERIOD_READY, TODAY), personas.other_caseworker) == []
        end_memberships(personas.caseworker, TODAY)
        assert of_kind(REFUND_PERIOD_READY, TODAY) == []


class TestAgreementEnding:
    @pytest.fixture
    def agreement(self, personas, at):
        with at(dt.date(2026, 1, 2)):
            return make_active(personas)  # last day 31 December 2026

    def test_it_reminds_the_caseworker_30_days_ahead(self, personas, agreement):
        [reminder] = of_kind(AGREEMENT_ENDING, dt.date(2026, 12, 1))
        assert reminder.recipient_id == personas.caseworker.pk
        assert reminder.url == reverse("subsidy_agreement_detail", kwargs={"pk": agreement.pk})
        assert reminder.target == ("subsidy.agreement", agreement.pk)
        assert reminder.key == (
            f"agreement_ending:{personas.caseworker.pk}:{agreement.pk}:2026-12-31"
        )

    def test_not_earlier_and_not_after_the_end(self, agreement):
        assert of_kind(AGREEMENT_ENDING, dt.date(2026, 11, 30)) == []
        assert of_kind(AGREEMENT_ENDING, dt.date(2027, 1, 1)) == []

    def test_the_key_is_the_same_every_day_so_it_is_sent_once(self, agreement):
        [first] = of_kind(AGREEMENT_ENDING, dt.date(2026, 12, 1))
        [later] = of_kind(AGREEMENT_ENDING, dt.date(2026, 12, 20))
        assert first.key == later.key

    def test_other_caseworkers_get_nothing(self, personas, agreement):
        reminders = of_kind(AGREEMENT_ENDING, dt.date(2026, 12, 1))
        assert for_user(reminders, personas.other_caseworker) == []
