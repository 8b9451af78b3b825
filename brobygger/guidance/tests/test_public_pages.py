"""Public guidance pages: the index and one page, always its current, published version."""

from django.urls import reverse

from brobygger.guidance import services
from brobygger.guidance.models import GuidancePage
from brobygger.guidance.seed.content import TIPS_SLUG
from brobygger.guidance.tests.factories import make_page

INDEX = reverse("guidance_index")


def page_url(slug):
    return reverse("guidance_page", args=[slug])


def test_a_fresh_install_has_the_tips_page_for_leaders(client, db):
    # Loaded by migration 0002, not by the demo.
    page = GuidancePage.objects.get(slug=TIPS_SLUG)
    assert page.versions.filter(language="nb").count() == 1  # and one each in nn and en (0004)
    response = client.get(page_url(TIPS_SLUG))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<h1 class="ds-heading" data-size="lg">Ansette en medarbeider med brukererfaring</h1>'
        in html
    )
    for heading in (
        "Lag en stillingsbeskrivelse",
        "Finansiering av stillingen",
        "Stillingsstørrelse og ytelser",
        "Opplæring og mottak",
        "Kontakt fylkeskoordinatoren",
    ):
        assert f'<h2 class="ds-heading" data-size="sm">{heading}</h2>' in html
    assert "lønnstilskudd fra NAV" in html
    assert reverse("contacts_find") in html


def test_the_index_lists_published_pages_and_the_library(client, personas):
    make_page(by=personas.admin, title="Skjult side", is_published=False)
    html = client.get(INDEX).content.decode()
    assert "Ansette en medarbeider med brukererfaring" in html
    assert page_url(TIPS_SLUG) in html
    assert "Skjult side" not in html
    assert reverse("guidance_library") in html


def test_only_the_current_version_is_shown(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Gammel tekst.")
    services.page_edit(by=personas.admin, page=page, based_on=1, title="Mottak", body="Ny tekst.")
    html = client.get(page_url(page.slug)).content.decode()
    assert "Ny tekst." in html
    assert "Gammel tekst." not in html


def test_an_unpublished_or_unknown_page_is_404(client, personas):
    page = make_page(by=personas.admin, title="Utkast")
    services.page_edit(
        by=personas.admin,
        page=page,
        based_on=1,
        title="Utkast",
        body="Første avsnitt.\n\n- punkt en\n- punkt to",
        summary="Kort.",
        is_published=False,
    )
    assert client.get(page_url(page.slug)).status_code == 404
    assert client.get(page_url("finnes-ikke")).status_code == 404


def test_the_body_is_rendered_safely(client, personas):
    page = make_page(by=personas.admin, title="Farlig", body="<script>alert(1)</script>")
    html = client.get(page_url(page.slug)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_wrong_method_is_405(client, db):
    assert client.post(INDEX).status_code == 405
    assert client.post(page_url(TIPS_SLUG)).status_code == 405


def test_signed_in_users_may_read_them_too(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(page_url(TIPS_SLUG)).status_code == 200


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    for _ in range(2):
        make_page(by=personas.admin)
    with django_assert_num_queries(1):
        client.get(INDEX)
    with django_assert_num_queries(1):
        client.get(page_url(TIPS_SLUG))
    for _ in range(4):
        make_page(by=personas.admin)
    with django_assert_num_queries(1):
        client.get(INDEX)
