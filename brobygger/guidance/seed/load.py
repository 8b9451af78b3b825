"""Load the seed content; idempotent. Takes a model getter so the data migrations can pass their
historical models (and tests after a database flush the real ones).

The bokmål page and links come first (migration 0002). Then the nynorsk and English versions
(migration 0004, ADR 0021): each is added to a seeded page or link that lacks that language,
as the next number of its history, but only while its current bokmål version is still the
seeded text, since a translation of the seed is no translation of an administrator's later
wording. It copies the bokmål version's visibility, address and tags.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Max

from brobygger.guidance.seed import content_en, content_nn
from brobygger.guidance.seed.content import (
    RESOURCES,
    TIPS_BODY,
    TIPS_SLUG,
    TIPS_SUMMARY,
    TIPS_TITLE,
)
from brobygger.guidance.slugs import norwegian_slugify

SOURCE_LANGUAGE = "nb"
# In the order their versions are numbered.
TRANSLATIONS = {"nn": content_nn, "en": content_en}


def load_seed(get_model: Callable[[str], Any], *, translations: bool = True) -> None:
    """`translations=False` for migration 0002 only: its models have no `language` yet."""
    _load_bokmal(get_model)
    if translations:
        _load_translations(get_model)


def _load_bokmal(get_model: Callable[[str], Any]) -> None:
    page_model = get_model("GuidancePage")
    resource_model = get_model("Resource")
    tag_model = get_model("Tag")
    if not page_model.objects.filter(slug=TIPS_SLUG).exists():
        page = page_model.objects.create(slug=TIPS_SLUG)
        get_model("GuidancePageVersion").objects.create(
            page=page, number=1, title=TIPS_TITLE, summary=TIPS_SUMMARY, body=TIPS_BODY
        )
    if resource_model.objects.exists():
        return
    for title, summary, url, tag_names in RESOURCES:
        version = get_model("ResourceVersion").objects.create(
            resource=resource_model.objects.create(),
            number=1,
            title=title,
            summary=summary,
            url=url,
        )
        version.tags.set(
            [
                tag_model.objects.get_or_create(
                    slug=norwegian_slugify(name), defaults={"name": name}
                )[0]
                for name in tag_names
            ]
        )


def _load_translations(get_model: Callable[[str], Any]) -> None:
    page = get_model("GuidancePage").objects.filter(slug=TIPS_SLUG).first()
    if page is not None:
        _add_languages(
            page.versions,
            seeded={"title": TIPS_TITLE, "summary": TIPS_SUMMARY, "body": TIPS_BODY},
            texts={
                language: {
                    "title": module.TIPS_TITLE,
                    "summary": module.TIPS_SUMMARY,
                    "body": module.TIPS_BODY,
                }
                for language, module in TRANSLATIONS.items()
            },
            copied=(),
        )
    resource_model = get_model("Resource")
    for title, summary, url, _tags in RESOURCES:
        # The seeded links: those whose first version is the seed's.
        seeded_resources = resource_model.objects.filter(
            versions__number=1,
            versions__language=SOURCE_LANGUAGE,
            versions__title=title,
            versions__url=url,
        ).order_by("pk")
        for resource in seeded_resources:
            _add_languages(
                resource.versions,
                seeded={"title": title, "summary": summary, "url": url},
                texts={
                    language: dict(zip(("title", "summary"), module.RESOURCES[url], strict=True))
                    for language, module in TRANSLATIONS.items()
                },
                copied=("url",),
                tags=True,
            )


def _add_languages(
    versions: Any,
    *,
    seeded: Mapping[str, str],
    texts: Mapping[str, Mapping[str, str]],
    copied: tuple[str, ...],
    tags: bool = False,
) -> None:
    """Add a version in each language of `texts` that `versions` (one page's or resource's
    related manager) lacks, numbered on from its highest number, in the order of `texts`."""
    source = versions.filter(language=SOURCE_LANGUAGE).order_by("-number").first()
    if source is None or any(
        _plain(getattr(source, name)) != _plain(value) for name, value in seeded.items()
    ):
        return
    present = set(versions.values_list("language", flat=True))
    number = versions.aggregate(highest=Max("number"))["highest"]
    for language, fields in texts.items():
        if language in present:
            continue
        number += 1
        version = versions.create(
            number=number,
            language=language,
            is_published=source.is_published,
            **{name: getattr(source, name) for name in copied},
            **fields,
        )
        if tags:
            version.tags.set(source.tags.all())


def _plain(text: str) -> str:
    """A text for comparing, without its line-end style and surrounding space: the service
    strips what it saves and a browser sends CRLF, so a bokmål version saved again unchanged
    (to hide it, say) still counts as the seed."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def unload_translations(get_model: Callable[[str], Any]) -> None:
    """Undo `_load_translations` (migration 0004 backwards): delete the nynorsk and English
    versions that are still the seeded ones, which 0003 backwards would otherwise turn into
    bokmål versions. Versions an administrator saved are kept."""
    for language, module in TRANSLATIONS.items():
        get_model("GuidancePageVersion").objects.filter(
            page__slug=TIPS_SLUG,
            language=language,
            created_by=None,
            title=module.TIPS_TITLE,
            summary=module.TIPS_SUMMARY,
            body=module.TIPS_BODY,
        ).delete()
        for url, (title, summary) in module.RESOURCES.items():
            get_model("ResourceVersion").objects.filter(
                language=language, created_by=None, title=title, summary=summary, url=url
            ).delete()
