"""A client's own user: made with the client, with no role and no password, so it can never
sign in or see a page; the apps' access rules see the client as a coordinator of its
organisation and nothing more; a client from before users were made gets one on first use."""

import pytest
from django.urls import reverse

from brobygger.accounts.models import Membership
from brobygger.api.actor import client_scope
from brobygger.api.models import ApiClient
from brobygger.api.tests.factories import bearer, make_client
from brobygger.core.access import org_ids_for, user_roles
from brobygger.programmes.access import cohorts_managed_by

pytestmark = pytest.mark.django_db


def test_the_clients_user_holds_nothing(client, personas):
    issued = make_client(personas.bergen, personas.coordinator, name="Fagsystemet")
    user = issued.client.user
    assert user is not None
    assert user.first_name == "Fagsystemet"
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert user_roles(user) == set()
    assert not client.login(username=user.username, password="")


def test_signed_in_as_it_no_page_opens(client, personas):
    user = make_client(personas.bergen, personas.coordinator).client.user
    client.force_login(user)
    assert client.get(reverse("api_client_list", args=[personas.bergen.pk])).status_code == 403


def test_the_scope_is_a_coordinator_of_the_clients_organisation_only(personas):
    issued = make_client(personas.bergen, personas.coordinator)
    scope = client_scope(issued.client)
    assert org_ids_for(scope, "coordinator") == {personas.bergen.pk}
    assert org_ids_for(scope, "admin", "analyst", "teacher") == set()
    assert set(cohorts_managed_by(scope)) == {personas.cohort}


def test_a_client_from_before_gets_its_user_on_first_use(client, personas):
    issued = make_client(personas.bergen, personas.coordinator)
    old_user = issued.client.user
    assert old_user is not None
    ApiClient.objects.filter(pk=issued.client.pk).update(user=None)
    old_user.delete()
    assert client.get("/api/v1/cohorts/", **bearer(issued)).status_code == 200
    made = ApiClient.objects.get(pk=issued.client.pk).user
    assert made is not None and not made.has_usable_password()
    assert client.get("/api/v1/cohorts/", **bearer(issued)).status_code == 200
    assert ApiClient.objects.get(pk=issued.client.pk).user == made
