"""Issue 9: a person whose memberships have all ended and who logs in with a password is told
so, and is not logged in (before: logged in, then a 403 on every page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from brobygger.accounts.models import Membership
from brobygger.accounts.tests.conftest import log_in

pytestmark = pytest.mark.real_login

ENDED = "Tilgangen din til Brobygger er avsluttet"


def test_an_ended_membership_gets_a_message_and_no_login(client, personas):
    Membership.objects.filter(user=personas.employer).update(
        ends_on=timezone.localdate() - dt.timedelta(days=1)
    )

    response = log_in(client, personas.employer.username)

    assert response.status_code == 403
    assert ENDED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_membership_ending_later_still_logs_in(client, personas):
    Membership.objects.filter(user=personas.employer).update(
        ends_on=timezone.localdate() + dt.timedelta(days=30)
    )

    response = log_in(client, personas.employer.username)

    assert response.status_code == 302
    assert ENDED not in response.content.decode()
