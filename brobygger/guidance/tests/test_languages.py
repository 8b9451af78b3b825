"""Guidance pages and resources per language (ADR 0021): a reader sees the published version in
the active language, else the bokmål one marked; editors write a language version through the
same edit flow."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import NOTHING_SAVED, STALE
from brobygger.guidance import selectors, services
from brobygger.guidance.models import GuidancePageVersion, ResourceVersion
from brobygger.guidance.seed.content import TIPS_SLUG
from brobygger.guidance.tests.factories import make_page, make_resource, pdf

FALLBACK_NOTE = "Denne siden finnes bare på bokmål."
ONLY_BOKMAL = "Bare på bokmål."


def said(text, language):
    """A bokmål msgid as a reader in `language` sees it (the notes are translated)."""
    with translation.override(language):
        return translation.gettext(text)


INDEX = reverse("guidance_index")
LIBRARY = reverse("guidance_library")


def page_url(page):
    return reverse("guidance_page", args=[page.slug])


def edit_url(page, language):
    return reverse("guidance_page_edit", args=[page.pk]) + f"?sprak={language}"


def resource_edit_url(resource, language):
    return reverse("guidance_resource_edit", args=[resource.pk]) + f"?sprak={language}"


def reader(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def nynorsk(page, by, **fields):
    values = {
        "title": "Om mottak",
        "body": "Nynorsk tekst.",
        "summary": "Kort på nynorsk.",
        "language": "nn",
        **fields,
    }
    return services.page_edit(by=by, page=page, based_on=0, **values)


def test_the_seed_is_bokmal_first_and_the_seed_page_still_loads(client, db):
    # 0002's rows became bokmål in 0003; 0004 added nynorsk and English after them.
    assert set(GuidancePageVersion.objects.values_list("language", flat=True)) == {"nb", "nn", "en"}
    assert set(ResourceVersion.objects.filter(number=1).values_list("language", flat=True)) == {
        "nb"
    }
    response = reader("nb").get(reverse("guidance_page", args=[TIPS_SLUG]))
    assert response.status_code == 200
    assert FALLBACK_NOTE not in response.content.decode()
    nb_count = ResourceVersion.objects.filter(language="nb").count()
    assert len(selectors.library(language="nb").resources) == nb_count > 0


def test_a_page_without_a_nynorsk_version_is_shown_in_bokmal_and_marked(personas):
    page = make_page(by=personas.admin, title="Om tilrettelegging", body="Bokmålstekst.")
    html = reader("nn").get(page_url(page)).content.decode()
    assert "Bokmålstekst." in html
    assert said(FALLBACK_NOTE, "nn") in html
    assert '<article class="guidance-article" lang="nb">' in html
    index = reader("nn").get(INDEX).content.decode()
    assert said(ONLY_BOKMAL, "nn") in index and 'lang="nb"><a class="ds-link"' in index


def test_a_bokmal_reader_sees_no_mark(client, personas):
    page = make_page(by=personas.admin, body="Bokmålstekst.")
    html = reader("nb").get(page_url(page)).content.decode()
    assert "Bokmålstekst." in html and FALLBACK_NOTE not in html
    assert 'lang="nb"' not in html.split("<main")[-1].split("guidance-contact")[0]


def test_a_nynorsk_reader_gets_the_nynorsk_version(personas):
    page = make_page(by=personas.admin, title="Om tilrettelegging", body="Bokmålstekst.")
    nynorsk(page, personas.admin, body="Nynorsk tekst.")
    user = personas.county_coordinator
    user.language = "nn"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    html = client.get(page_url(page)).content.decode()
    assert "Nynorsk tekst." in html and "Bokmålstekst." not in html
    assert FALLBACK_NOTE not in html and '<article class="guidance-article">' in html
    # Bokmål and English readers still get bokmål; English marked.
    assert "Bokmålstekst." in reader("nb").get(page_url(page)).content.decode()
    english = reader("en").get(page_url(page)).content.decode()
    assert "Bokmålstekst." in english and said(FALLBACK_NOTE, "en") in english


def test_a_hidden_nynorsk_version_falls_back_to_bokmal(personas):
    page = make_page(by=personas.admin, body="Bokmålstekst.")
    nynorsk(page, personas.admin, body="Nynorsk tekst.", is_published=False)
    html = reader("nn").get(page_url(page)).content.decode()
    assert "Bokmålstekst." in html and said(FALLBACK_NOTE, "nn") in html


def test_the_index_lists_each_page_once_in_the_reader_s_language(personas):
    first = make_page(by=personas.admin, title="Første side")
    make_page(by=personas.admin, title="Andre side")
    nynorsk(first, personas.admin, title="Fyrste sida")
    titles = [v.title for v in selectors.published_pages(language="nn")]
    assert titles.count("Fyrste sida") == 1 and "Første side" not in titles
    assert "Andre side" in titles
    nb_titles = [v.title for v in selectors.published_pages(language="nb")]
    assert "Første side" in nb_titles and "Fyrste sida" not in nb_titles


def test_an_administrator_writes_the_nynorsk_version_through_the_edit_form(client, personas):
    page = make_page(by=personas.admin, title="Mottak", body="Bokmålstekst.")
    client.force_login(personas.admin)
    form = client.get(edit_url(page, "nn")).content.decode()
    assert 'name="based_on" value="0"' in form  # no nynorsk version yet
    assert "Bokmålstekst." in form  # starts from the bokmål text
    response = client.post(
        edit_url(page, "nn"),
        {"title": "Mottak", "body": "Nynorsk tekst.", "is_published": "on", "based_on": "0"},
    )
    assert response.status_code == 302
    assert list(page.versions.order_by("number").values_list("number", "language", "body")) == [
        (1, "nb", "Bokmålstekst."),
        (2, "nn", "Nynorsk tekst."),
    ]
    assert AuditEvent.objects.filter(
        object_type="guidance.guidancepageversion",
        action="create",
        object_id=str(page.versions.get(number=2).pk),
    ).exists()
    # Editing it again starts from the nynorsk version; bokmål is untouched.
    assert 'name="based_on" value="2"' in client.get(edit_url(page, "nn")).content.decode()
    assert 'name="based_on" value="1"' in client.get(edit_url(page, "nb")).content.decode()
    history = client.get(reverse("guidance_page_history", args=[page.pk])).content.decode()
    assert history.count("Gjeldende") == 2  # the current bokmål and the current nynorsk


def test_a_stale_nynorsk_edit_is_refused(personas):
    page = make_page(by=personas.admin, title="Mottak")
    nynorsk(page, personas.admin, title="Mottak nn")
    first, second = Client(), Client()
    first.force_login(personas.admin)
    second.force_login(personas.admin)
    post = {"title": "Endra", "body": "Ny tekst.", "is_published": "on", "based_on": "2"}
    assert first.post(edit_url(page, "nn"), post).status_code == 302
    response = second.post(edit_url(page, "nn"), {**post, "title": "Mi endring"})
    html = response.content.decode()
    assert STALE in html and NOTHING_SAVED in html
    assert 'name="based_on" value="3"' in html
    assert list(page.versions.values_list("language", flat=True).order_by("number")) == [
        "nb",
        "nn",
        "nn",
    ]


def test_two_editors_both_starting_a_language_cannot_both_save(personas):
    page = make_page(by=personas.admin)
    nynorsk(page, personas.admin)
    with pytest.raises(ValidationError) as refused:
        nynorsk(page, personas.admin, title="Den andre")
    assert "Skjemaet kunne ikke kontrolleres mot det som er lagret nå." in str(refused.value)
    assert page.versions.filter(language="nn").count() == 1


def test_a_bokmal_edit_is_not_stale_because_of_a_nynorsk_save(personas):
    page = make_page(by=personas.admin, title="Mottak", body="Tekst")
    nynorsk(page, personas.admin)
    version = services.page_edit(
        by=personas.admin, page=page, based_on=1, title="Mottak 2", body="Tekst"
    )
    assert (version.number, version.language) == (3, "nb")


def test_an_unknown_language_is_refused(client, personas):
    page = make_page(by=personas.admin)
    client.force_login(personas.admin)
    assert client.get(edit_url(page, "xx")).status_code == 404
    with pytest.raises(ValidationError) as refused:
        nynorsk(page, personas.admin, language="de")
    assert "Ukjent språk." in str(refused.value)
    assert page.versions.count() == 1


def test_restoring_an_old_nynorsk_version_keeps_its_language(personas):
    page = make_page(by=personas.admin, title="Mottak")
    nynorsk(page, personas.admin, title="Gamal")
    services.page_edit(
        by=personas.admin, page=page, based_on=2, language="nn", title="Ny", body="x"
    )
    restored = services.page_restore(by=personas.admin, page=page, number=2)
    assert (restored.number, restored.language, restored.title) == (4, "nn", "Gamal")
    with pytest.raises(ValidationError):
        services.page_restore(by=personas.admin, page=page, number=1)  # current bokmål


def test_a_resource_in_english_is_shown_to_english_readers(client, personas):
    resource = make_resource(by=personas.admin, title="Tilskudd til lønn", tags=["Lønn"])
    client.force_login(personas.admin)
    response = client.post(
        resource_edit_url(resource, "en"),
        {
            "title": "Wage subsidy",
            "summary": "About wage subsidies.",
            "url": "https://www.nav.no/en/wage-subsidy",
            "tags": "Wages",
            "is_published": "on",
            "based_on": "0",
        },
    )
    assert response.status_code == 302
    english = reader("en").get(LIBRARY).content.decode()
    assert "Wage subsidy" in english and "Tilskudd til lønn" not in english
    nynorsk_html = reader("nn").get(LIBRARY).content.decode()
    assert "Tilskudd til lønn" in nynorsk_html and said(ONLY_BOKMAL, "nn") in nynorsk_html
    english_tags = {t.name for t in selectors.library(language="en").tags}
    bokmal_tags = {t.name for t in selectors.library(language="nb").tags}
    assert "Wages" in english_tags and "Lønn" not in english_tags
    assert "Lønn" in bokmal_tags and "Wages" not in bokmal_tags
    assert [v.title for v in selectors.library(query="about wage", language="en").resources] == [
        "Wage subsidy"
    ]


def test_a_language_s_first_resource_version_keeps_the_bokmal_document(personas):
    resource = make_resource(by=personas.admin, title="Veileder", document=pdf(), url="")
    version = services.resource_edit(
        by=personas.admin, resource=resource, based_on=0, language="nn", title="Rettleiar"
    )
    nb = resource.versions.get(number=1)
    assert version.document.name == nb.document.name and version.document_name
    assert selectors.published_document(resource.key, language="nn").title == "Rettleiar"
    assert selectors.published_document(resource.key, language="en").title == "Veileder"


def test_the_index_and_library_query_counts_do_not_grow_with_languages(
    personas, django_assert_num_queries
):
    client = reader("nn")
    for n in range(2):
        page = make_page(by=personas.admin, title=f"Side {n}")
        nynorsk(page, personas.admin, title=f"Sida {n}")
        resource = make_resource(by=personas.admin, title=f"Ressurs {n}", tags=["A"])
        services.resource_edit(
            by=personas.admin,
            resource=resource,
            based_on=0,
            language="nn",
            title=f"Ressurs nn {n}",
            url="https://www.nav.no/",
            tags=["A", "B"],
        )
    with django_assert_num_queries(1):
        client.get(INDEX)
    with django_assert_num_queries(3):
        client.get(LIBRARY)
    for n in range(4):
        page = make_page(by=personas.admin, title=f"Meir {n}")
        services.page_edit(
            by=personas.admin,
            page=page,
            based_on=0,
            language="en",
            title=f"More {n}",
            body="English.",
        )
        make_resource(by=personas.admin, title=f"Mer {n}", tags=[f"C{n}"])
    with django_assert_num_queries(1):
        html = client.get(INDEX).content.decode()
    assert html.count(said(ONLY_BOKMAL, "nn")) == 4  # the four new pages; the seed has nynorsk
    with django_assert_num_queries(3):
        client.get(LIBRARY)
