"""Reads for guidance pages and the resource library; fixed query counts.

"Current" means the version with the highest number for its page or resource in its language.
Readers see the published version in the active language, else the bokmål one marked as a
fallback (`is_fallback`; ADR 0021).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import TypeVar

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import translation

from brobygger.guidance.models import (
    LANGUAGE_CODES,
    SOURCE_LANGUAGE,
    GuidancePage,
    GuidancePageVersion,
    Resource,
    ResourceVersion,
    Tag,
)

MAX_SEARCH_WORDS = 8

V = TypeVar("V", GuidancePageVersion, ResourceVersion)


def reader_language() -> str:
    """The active language as one of settings.LANGUAGES (e.g. "en-gb" is "en"); else bokmål."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in LANGUAGE_CODES:
            return candidate
    return SOURCE_LANGUAGE


def _current(model: type[V], owner: str) -> QuerySet[V]:
    """The current version of every page or resource in every language it has."""
    latest = (
        model.objects.filter(**{owner: OuterRef(owner), "language": OuterRef("language")})
        .order_by("-number")
        .values("number")[:1]
    )
    return model.objects.filter(number=Subquery(latest))


def current_page_versions() -> QuerySet[GuidancePageVersion]:
    return _current(GuidancePageVersion, "page").select_related("page", "created_by")


def current_resource_versions() -> QuerySet[ResourceVersion]:
    return (
        _current(ResourceVersion, "resource")
        .select_related("resource", "created_by")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )


def _for_reader(versions: QuerySet[V], model: type[V], owner: str, language: str) -> QuerySet[V]:
    """Per page or resource one published current version: in `language` if there is one, else
    the bokmål one, annotated `is_fallback`. One query, however many languages exist."""
    versions = versions.filter(is_published=True)
    if language == SOURCE_LANGUAGE:
        return versions.filter(language=SOURCE_LANGUAGE).annotate(
            is_fallback=Value(False, output_field=BooleanField())
        )
    own = _current(model, owner).filter(
        **{owner: OuterRef(owner)}, language=language, is_published=True
    )
    return versions.filter(
        Q(language=language) | (Q(language=SOURCE_LANGUAGE) & ~Exists(own))
    ).annotate(
        is_fallback=Case(
            When(language=language, then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    )


def published_pages(*, language: str | None = None) -> list[GuidancePageVersion]:
    language = language or reader_language()
    versions = _for_reader(current_page_versions(), GuidancePageVersion, "page", language)
    return list(versions.order_by("page__created_at", "page_id"))


def published_page(slug: str, *, language: str | None = None) -> GuidancePageVersion:
    language = language or reader_language()
    versions = _for_reader(current_page_versions(), GuidancePageVersion, "page", language)
    version = versions.filter(page__slug=slug).first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class Library:
    resources: list[ResourceVersion]
    tags: list[Tag]  # tags used by published resources, for the filter
    query: str
    tag: Tag | None


def library(*, query: str = "", tag_slug: str = "", language: str | None = None) -> Library:
    """Published resources (in the reader's language, else bokmål) matching every word of
    `query` (title, summary or tag) and the tag. Three queries (resources, their tags, the tags
    in use)."""
    published = _for_reader(
        current_resource_versions(), ResourceVersion, "resource", language or reader_language()
    )
    tags = list(
        Tag.objects.filter(Exists(published.filter(tags=OuterRef("pk")).values("pk"))).order_by(
            "name"
        )
    )
    tag = next((t for t in tags if t.slug == tag_slug), None)
    results = published
    if tag_slug:
        results = results.filter(tags=tag) if tag else results.none()
    words = query.split()[:MAX_SEARCH_WORDS]
    if words:
        matching_tag = Tag.objects.filter(versions=OuterRef("pk"))
        results = results.filter(
            reduce(
                and_,
                (
                    Q(title__icontains=word)
                    | Q(summary__icontains=word)
                    | Exists(matching_tag.filter(name__icontains=word))
                    for word in words
                ),
            )
        )
    return Library(
        resources=list(results.order_by("title", "resource_id")),
        tags=tags,
        query=" ".join(words),
        tag=tag,
    )


def published_document(key: uuid.UUID, *, language: str | None = None) -> ResourceVersion:
    """The reader's version of a resource (their language, else bokmål), when it is a
    document."""
    version = (
        _for_reader(
            current_resource_versions(), ResourceVersion, "resource", language or reader_language()
        )
        .filter(resource__key=key)
        .exclude(document="")
        .first()
    )
    if version is None:
        raise Http404
    return version


# Administrators' reads.


def page_by_pk(pk: int) -> GuidancePage:
    page = GuidancePage.objects.filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def resource_by_pk(pk: int) -> Resource:
    resource = Resource.objects.filter(pk=pk).first()
    if resource is None:
        raise Http404
    return resource


def page_history(page: GuidancePage) -> list[GuidancePageVersion]:
    """All versions, newest first; the first is the current one."""
    return list(page.versions.select_related("created_by").order_by("-number"))


def resource_history(resource: Resource) -> list[ResourceVersion]:
    return list(
        resource.versions.select_related("created_by")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-number")
    )


def resource_version(resource: Resource, number: int) -> ResourceVersion:
    version = resource.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def in_language(versions: list[V], language: str) -> V | None:
    """The current (first, newest first) of `versions` in `language`."""
    return next((v for v in versions if v.language == language), None)


@dataclass(frozen=True)
class LanguageVersions:
    code: str
    name: str
    current: GuidancePageVersion | ResourceVersion | None


def languages_of(history: list[V]) -> dict[str, object]:
    """For a history page: each language with its current version (None: not written yet),
    and the numbers of the current versions."""
    names = dict(settings.LANGUAGES)
    languages = [
        LanguageVersions(code=code, name=names[code], current=in_language(history, code))
        for code in LANGUAGE_CODES
    ]
    current_numbers = {lang.current.number for lang in languages if lang.current}
    return {"languages": languages, "current_numbers": current_numbers}


def current_number(model: type[GuidancePageVersion | ResourceVersion], **owner: object) -> int:
    return model.objects.filter(**owner).aggregate(n=Max("number"))["n"] or 0


@dataclass(frozen=True)
class Overview:
    pages: list[GuidancePageVersion]
    resources: list[ResourceVersion]


def overview() -> Overview:
    """Every page and resource with its current bokmål version (published or not). Three
    queries."""
    source = Q(language=SOURCE_LANGUAGE)
    return Overview(
        pages=list(current_page_versions().filter(source).order_by("page__created_at", "page_id")),
        resources=list(current_resource_versions().filter(source).order_by("title", "resource_id")),
    )
