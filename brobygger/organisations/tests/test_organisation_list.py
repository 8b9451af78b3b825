"""/organisasjoner/: administrators find organisations by name, orgnr and kind."""

from brobygger.accounts.models import Role
from brobygger.organisations.models import OrganisationKind
from brobygger.organisations.tests.helpers import ORGNR_OK
from brobygger.testing import make_org, make_user

URL = "/organisasjoner/"


def names(response):
    return [org.name for org in response.context["page"].object_list]


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(URL)["Location"]


def test_coordinators_and_other_roles_are_refused(client, personas):
    for user in (personas.coordinator, personas.teacher, personas.employer, personas.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_only_get_is_allowed(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_the_admin_sees_every_organisation_with_its_number_of_staff(client, personas):
    client.force_login(personas.admin)
    response = client.get(URL)
    assert response.status_code == 200
    rows = {org.name: org for org in response.context["page"].object_list}
    assert "Stavanger kommune, MB-utdanning" in rows
    # Kora and Ulla hold staff roles at Bergen; Dina and Dag are participants, not counted.
    assert rows["Bergen kommune, MB-utdanning"].people == 2


def test_search_by_name_or_orgnr_and_filter_by_kind(client, personas):
    org = make_org("Vestland fylkeskommune", kind=OrganisationKind.COUNTY)
    org.orgnr = ORGNR_OK
    org.save()
    client.force_login(personas.admin)
    assert names(client.get(URL, {"q": "fylkeskommune"})) == ["Vestland fylkeskommune"]
    assert names(client.get(URL, {"q": "900 000 200"})) == ["Vestland fylkeskommune"]
    assert names(client.get(URL, {"kind": "county"})) == ["Vestland fylkeskommune"]
    assert names(client.get(URL, {"q": "Bergen", "kind": "employer"})) == [
        "Bergen kommune, Psykiatritjenesten"
    ]
    page = client.get(URL, {"q": "finnes ikke"}).content.decode()
    assert "Ingen organisasjoner passer med søket." in page


def test_an_unknown_kind_is_no_filter_rather_than_an_error(client, personas):
    client.force_login(personas.admin)
    response = client.get(URL, {"kind": "<script>"})
    assert response.status_code == 200
    assert len(names(response)) > 5


def test_the_query_count_does_not_grow_with_the_rows(client, personas, django_assert_num_queries):
    client.force_login(personas.admin)
    with django_assert_num_queries(5):  # session, user, roles, count, page
        response = client.get(URL)
    count = len(names(response))
    assert count >= 2
    for n in range(4):
        org = make_org(f"Ny enhet {n}")
        make_user(role=Role.TEACHER, org=org)
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(names(response)) == count + 4
