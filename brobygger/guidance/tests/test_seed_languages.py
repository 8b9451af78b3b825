"""The seeded tips page and links in nynorsk and English (migration 0004, ADR 0021): shown to
readers in their language without the bokmål mark, loaded once, and added to a database that
has only the bokmål seed of migration 0002."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.html import escape

from brobygger.guidance import services
from brobygger.guidance.models import GuidancePage, GuidancePageVersion, Resource, ResourceVersion
from brobygger.guidance.seed import content, content_en, content_nn
from brobygger.guidance.seed.load import load_seed, unload_translations
from brobygger.guidance.tests.test_languages import FALLBACK_NOTE, ONLY_BOKMAL, reader, said

TRANSLATED = {"nn": content_nn, "en": content_en}
PAGE_URL = reverse("guidance_page", args=[content.TIPS_SLUG])
LIBRARY = reverse("guidance_library")
SEED_MIGRATION = "0004_seed_nynorsk_and_english"


def real_models(name):
    return apps.get_model("guidance", name)


def headings(body):
    return [line.removeprefix("## ") for line in body.splitlines() if line.startswith("## ")]


def tips_page():
    return GuidancePage.objects.get(slug=content.TIPS_SLUG)


def seeded_resources():
    return [
        Resource.objects.get(versions__number=1, versions__url=url)
        for _title, _summary, url, _tags in content.RESOURCES
    ]


def history(owner):
    return list(owner.versions.order_by("number").values_list("number", "language"))


def counts():
    return (
        GuidancePage.objects.count(),
        GuidancePageVersion.objects.count(),
        Resource.objects.count(),
        ResourceVersion.objects.count(),
        ResourceVersion.tags.through.objects.count(),
    )


def only_the_bokmal_seed():
    """The database as migration 0002 left it (and 0003 marked bokmål)."""
    ResourceVersion.objects.exclude(language="nb").delete()
    GuidancePageVersion.objects.exclude(language="nb").delete()


def run_seed_migration():
    """Migration 0004's function, with the historical models it runs with."""
    state = MigrationExecutor(connection).loader.project_state(("guidance", SEED_MIGRATION))
    module = importlib.import_module(f"brobygger.guidance.migrations.{SEED_MIGRATION}")
    module.seed(state.apps, None)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_tips_page_is_shown_in_the_reader_s_language(client, db, language):
    texts = TRANSLATED[language]
    html = reader(language).get(PAGE_URL).content.decode()
    assert f'<h1 class="ds-heading" data-size="lg">{escape(texts.TIPS_TITLE)}</h1>' in html
    assert escape(texts.TIPS_SUMMARY) in html
    for heading in headings(texts.TIPS_BODY):
        assert f'<h2 class="ds-heading" data-size="sm">{escape(heading)}</h2>' in html
    for heading in [content.TIPS_TITLE, *headings(content.TIPS_BODY)]:
        if heading not in [texts.TIPS_TITLE, *headings(texts.TIPS_BODY)]:  # «Opplæring og mottak»
            assert escape(heading) not in html
    assert said(FALLBACK_NOTE, language) not in html and FALLBACK_NOTE not in html
    assert '<article class="guidance-article">' in html  # not marked lang="nb"
    assert reverse("contacts_find") in html
    index = reader(language).get(reverse("guidance_index")).content.decode()
    assert escape(texts.TIPS_TITLE) in index and said(ONLY_BOKMAL, language) not in index


@pytest.mark.parametrize("language", ["nn", "en"])
def test_the_seeded_links_are_shown_in_the_reader_s_language(client, db, language):
    texts = TRANSLATED[language]
    html = reader(language).get(LIBRARY).content.decode()
    for title, summary, url, _tags in content.RESOURCES:
        translated_title, translated_summary = texts.RESOURCES[url]
        assert escape(translated_title) in html and escape(translated_summary) in html
        assert f'href="{url}"' in html
        assert escape(summary) not in html
        if translated_title != title:  # institutions' names stay as written
            assert escape(title) not in html
    assert said(ONLY_BOKMAL, language) not in html


def test_a_fresh_install_numbers_the_languages_after_bokmal(db):
    assert history(tips_page()) == [(1, "nb"), (2, "nn"), (3, "en")]
    for language, texts in TRANSLATED.items():
        version = tips_page().versions.get(language=language)
        assert (version.title, version.summary, version.body) == (
            texts.TIPS_TITLE,
            texts.TIPS_SUMMARY,
            texts.TIPS_BODY,
        )
        assert version.is_published and version.created_by is None
    for resource in seeded_resources():
        assert history(resource) == [(1, "nb"), (2, "nn"), (3, "en")]
        bokmal = resource.versions.get(language="nb")
        bokmal_tags = set(bokmal.tags.values_list("name", flat=True))
        for language, texts in TRANSLATED.items():
            version = resource.versions.get(language=language)
            assert (version.title, version.summary) == texts.RESOURCES[bokmal.url]
            assert version.url == bokmal.url and not version.document
            assert set(version.tags.values_list("name", flat=True)) == bokmal_tags


def test_the_translations_keep_the_markup_of_the_bokmal_body():
    def shape(body):
        return [line.split(" ", 1)[0] if line[:1] in "#-1234567890" else "" for line in body]

    source = content.TIPS_BODY.splitlines()
    for texts in TRANSLATED.values():
        assert shape(texts.TIPS_BODY.splitlines()) == shape(source)
        assert set(texts.RESOURCES) == {url for _t, _s, url, _tags in content.RESOURCES}


def test_loading_the_seed_again_creates_nothing(db):
    before = counts()
    load_seed(real_models)
    load_seed(real_models)
    run_seed_migration()
    assert counts() == before
    assert history(tips_page()) == [(1, "nb"), (2, "nn"), (3, "en")]


def test_a_database_with_only_the_bokmal_seed_gets_the_two_language_versions(db):
    only_the_bokmal_seed()
    before = counts()
    run_seed_migration()
    pages, page_versions, resources, resource_versions, _tags = counts()
    assert (pages, resources) == before[0:3:2]  # no new page or resource
    assert page_versions == before[1] + 2
    assert resource_versions == before[3] + 2 * len(content.RESOURCES)
    assert history(tips_page()) == [(1, "nb"), (2, "nn"), (3, "en")]
    assert all(history(r) == [(1, "nb"), (2, "nn"), (3, "en")] for r in seeded_resources())
    after = counts()
    run_seed_migration()
    load_seed(real_models)
    assert counts() == after


def test_the_new_versions_are_numbered_after_a_later_bokmal_version(personas):
    only_the_bokmal_seed()
    page = tips_page()
    services.page_edit(
        by=personas.admin,
        page=page,
        based_on=1,
        title=content.TIPS_TITLE,
        body=content.TIPS_BODY.replace("\n", "\r\n"),  # as a browser sends it; saved stripped
        summary=content.TIPS_SUMMARY,
        is_published=False,
    )
    load_seed(real_models)
    assert history(page) == [(1, "nb"), (2, "nb"), (3, "nn"), (4, "en")]
    # The bokmål page is hidden, so are its translations.
    assert not page.versions.filter(number__gt=2, is_published=True).exists()


def test_a_language_already_written_is_kept_and_only_the_other_is_added(personas):
    only_the_bokmal_seed()
    page = tips_page()
    services.page_edit(
        by=personas.admin, page=page, based_on=0, language="nn", title="Eiga", body="Eigen."
    )
    load_seed(real_models)
    assert history(page) == [(1, "nb"), (2, "nn"), (3, "en")]
    assert page.versions.get(language="nn").title == "Eiga"


def test_a_bokmal_text_an_administrator_changed_gets_no_seeded_translation(personas):
    only_the_bokmal_seed()
    page = tips_page()
    services.page_edit(
        by=personas.admin, page=page, based_on=1, title="Egen tittel", body=content.TIPS_BODY
    )
    resource = seeded_resources()[0]
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=1,
        title="Egen lenketittel",
        url=resource.versions.get().url,
    )
    load_seed(real_models)
    assert history(page) == [(1, "nb"), (2, "nb")]
    assert history(resource) == [(1, "nb"), (2, "nb")]
    assert all(len(history(r)) == 3 for r in seeded_resources()[1:])


def test_migrating_back_removes_only_the_seeded_translations(personas):
    page = tips_page()
    services.page_edit(
        by=personas.admin, page=page, based_on=3, language="en", title="Own", body="Own."
    )
    unload_translations(real_models)
    assert history(page) == [(1, "nb"), (4, "en")]
    assert all(history(r) == [(1, "nb")] for r in seeded_resources())
