"""Administrators' overview of pages and resources with their current versions."""

from django.urls import reverse

from brobygger.guidance.tests.factories import make_page, make_resource

URL = reverse("guidance_manage")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_only_administrators_may_see_it(client, personas):
    for user in (personas.coordinator, personas.county_coordinator, personas.analyst):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.admin)
    assert client.post(URL).status_code == 405


def test_it_lists_pages_and_resources_with_links_to_edit_and_history(client, personas):
    page = make_page(by=personas.admin, title="Skjult side", is_published=False)
    resource = make_resource(by=personas.admin, title="Ny lenke")
    client.force_login(personas.admin)
    html = client.get(URL).content.decode()
    assert "Ansette en medarbeider med brukererfaring" in html  # the seeded page
    assert "Skjult side" in html and "Skjult</span>" in html
    assert "Ny lenke" in html
    assert reverse("guidance_page_edit", args=[page.pk]) in html
    assert reverse("guidance_page_history", args=[page.pk]) in html
    assert reverse("guidance_resource_edit", args=[resource.pk]) in html
    assert reverse("guidance_resource_history", args=[resource.pk]) in html


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    client.force_login(personas.admin)
    for _ in range(2):
        make_page(by=personas.admin)
        make_resource(by=personas.admin, tags=["A", "B"])
    # Session, user, memberships, pages, resources, their tags.
    with django_assert_num_queries(6):
        client.get(URL)
    for _ in range(3):
        make_page(by=personas.admin)
        make_resource(by=personas.admin, tags=["C"])
    with django_assert_num_queries(6):
        client.get(URL)
