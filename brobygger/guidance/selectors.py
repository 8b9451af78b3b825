"""Reads for guidance pages and the resource library; fixed query counts.

"Current" means the version with the highest number for its page or resource.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from brobygger.guidance.models import (
    GuidancePage,
    GuidancePageVersion,
    Resource,
    ResourceVersion,
    Tag,
)

MAX_SEARCH_WORDS = 8


def current_page_versions() -> QuerySet[GuidancePageVersion]:
    latest = (
        GuidancePageVersion.objects.filter(page=OuterRef("page"))
        .order_by("-number")
        .values("number")[:1]
    )
    return GuidancePageVersion.objects.filter(number=Subquery(latest)).select_related(
        "page", "created_by"
    )


def current_resource_versions() -> QuerySet[ResourceVersion]:
    latest = (
        ResourceVersion.objects.filter(resource=OuterRef("resource"))
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        ResourceVersion.objects.filter(number=Subquery(latest))
        .select_related("resource", "created_by")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )


def published_pages() -> list[GuidancePageVersion]:
    return list(
        current_page_versions().filter(is_published=True).order_by("page__created_at", "page_id")
    )


def published_page(slug: str) -> GuidancePageVersion:
    version = current_page_versions().filter(page__slug=slug, is_published=True).first()
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class Library:
    resources: list[ResourceVersion]
    tags: list[Tag]  # tags used by published resources, for the filter
    query: str
    tag: Tag | None


def library(*, query: str = "", tag_slug: str = "") -> Library:
    """Published resources matching every word of `query` (title, summary or tag) and the
    tag. Three queries (resources, their tags, the tags in use)."""
    published = current_resource_versions().filter(is_published=True)
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


def published_document(key: uuid.UUID) -> ResourceVersion:
    """The current, published version of a resource, when it is a document."""
    version = (
        current_resource_versions()
        .filter(resource__key=key, is_published=True)
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


def current_number(model: type[GuidancePageVersion | ResourceVersion], **owner: object) -> int:
    return model.objects.filter(**owner).aggregate(n=Max("number"))["n"] or 0


@dataclass(frozen=True)
class Overview:
    pages: list[GuidancePageVersion]
    resources: list[ResourceVersion]


def overview() -> Overview:
    """Every page and resource with its current version (published or not). Three queries."""
    return Overview(
        pages=list(current_page_versions().order_by("page__created_at", "page_id")),
        resources=list(current_resource_versions().order_by("title", "resource_id")),
    )
