"""Writes for guidance pages and resources. Every edit adds a version row; nothing is
overwritten. Each new row is audited. A page or resource is created in bokmål; an edit in
another language adds (or continues) that language's versions (ADR 0021)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import bad_token, edit_state, stale_edit
from brobygger.guidance.documents import check_pdf, display_name
from brobygger.guidance.models import (
    LANGUAGE_CODES,
    RESERVED_SLUGS,
    SOURCE_LANGUAGE,
    GuidancePage,
    GuidancePageVersion,
    Resource,
    ResourceVersion,
    Tag,
)
from brobygger.guidance.selectors import current_number
from brobygger.guidance.slugs import norwegian_slugify

PAGE_CONTENT = ["title", "summary", "body", "is_published"]
RESOURCE_CONTENT = [
    "title",
    "summary",
    "url",
    "document",
    "document_name",
    "document_size",
    "is_published",
]


# What the refusal of an edit from an older version names (ADR 0014).
RESOURCE_SHOWN = ["title", "summary", "url", "document", "tags", "is_published"]


def _stale_error(base: Any, current: Any, fields: list[str], *, number: int) -> ValidationError:
    """The edit started from version `base` (None: no such version), but `current` is the
    latest: name what changed since. The fresh token is the current version number."""
    if base is None:
        return bad_token(fresh_token=str(number))
    before, now = edit_state(base, fields), edit_state(current, fields)
    changed = [name for name in fields if before[name] != now[name]]
    return stale_edit(current, changed, fresh_token=str(number))


def _unchanged_error() -> ValidationError:
    return ValidationError({NON_FIELD_ERRORS: _("Du har ikke endret noe, så ingen ny versjon.")})


def _check_language(language: str) -> None:
    if language not in LANGUAGE_CODES:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("Ukjent språk. Velg bokmål, nynorsk eller engelsk.")}
        )


def _save_version(version: Any, *, by: Any, exclude: list[str]) -> None:
    version.full_clean(exclude=exclude, validate_constraints=False)
    version.save()
    audit_create(by=by, obj=version)


# Pages.


@transaction.atomic
def page_create(
    *, by: Any, title: str, body: str, summary: str = "", slug: str = "", is_published: bool = True
) -> GuidancePage:
    slug = norwegian_slugify(slug or title)
    if not slug:
        raise ValidationError({"slug": _("Skriv en adresse med bokstaver eller tall.")})
    if slug in RESERVED_SLUGS or GuidancePage.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("Adressen «%(slug)s» er i bruk. Velg en annen.") % {"slug": slug}}
        )
    page = GuidancePage(slug=slug)
    page.full_clean()
    page.save()
    audit_create(by=by, obj=page)
    version = GuidancePageVersion(
        page=page,
        number=1,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        is_published=is_published,
        created_by=by,
    )
    _save_version(version, by=by, exclude=["page"])
    return page


def _lock_page(page: GuidancePage, language: str) -> tuple[int, int]:
    """Serialise edits of one page; returns its highest version number in any language and
    its current version number in `language` (0: none yet)."""
    GuidancePage.objects.select_for_update().filter(pk=page.pk).first()
    return (
        current_number(GuidancePageVersion, page=page),
        current_number(GuidancePageVersion, page=page, language=language),
    )


@transaction.atomic
def page_edit(
    *,
    by: Any,
    page: GuidancePage,
    based_on: int,
    title: str,
    body: str,
    summary: str = "",
    is_published: bool = True,
    language: str = SOURCE_LANGUAGE,
) -> GuidancePageVersion:
    """A new version of the page in `language`. `based_on` is the version in that language the
    editor started from (0: the language had no version yet)."""
    _check_language(language)
    latest, number = _lock_page(page, language)
    current = page.versions.filter(number=number).first() if number else None
    if based_on != number:
        if current is None:
            raise bad_token(fresh_token=str(number))
        base = page.versions.filter(number=based_on, language=language).first()
        raise _stale_error(base, current, PAGE_CONTENT, number=number)
    version = GuidancePageVersion(
        page=page,
        number=latest + 1,
        language=language,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        is_published=is_published,
        created_by=by,
    )
    if current is not None and snapshot(version, PAGE_CONTENT) == snapshot(current, PAGE_CONTENT):
        raise _unchanged_error()
    _save_version(version, by=by, exclude=[])
    return version


@transaction.atomic
def page_restore(*, by: Any, page: GuidancePage, number: int) -> GuidancePageVersion:
    """A new version with the content of version `number`, in that version's language."""
    old = page.versions.filter(number=number).first()
    if old is None:
        raise ValidationError({NON_FIELD_ERRORS: _("Versjonen finnes ikke.")})
    latest, current = _lock_page(page, old.language)
    if number == current:
        raise ValidationError({NON_FIELD_ERRORS: _("Dette er allerede gjeldende versjon.")})
    version = GuidancePageVersion(
        page=page,
        number=latest + 1,
        language=old.language,
        restored_from=number,
        created_by=by,
        **{field: getattr(old, field) for field in PAGE_CONTENT},
    )
    _save_version(version, by=by, exclude=[])
    return version


# Resources.


def _tags_for(names: list[str], *, by: Any) -> list[Tag]:
    """Existing tags by slug ("Rekruttering" and "rekruttering" are one), new ones created."""
    by_slug: dict[str, str] = {}
    for name in (n.strip() for n in names):
        slug = norwegian_slugify(name)
        if slug:
            by_slug.setdefault(slug, name[:50])
    tags = []
    for slug, name in by_slug.items():
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            tag = Tag(name=name, slug=slug)
            tag.full_clean()
            tag.save()
            audit_create(by=by, obj=tag)
        tags.append(tag)
    return tags


def _save_resource_version(version: ResourceVersion, *, by: Any, tags: list[Tag]) -> None:
    errors: dict[str, Any] = {}
    if not version.url and not version.document:
        errors["url"] = _("Legg inn en lenke eller last opp et dokument.")
    elif version.url and version.document:
        errors["url"] = _("Velg enten en lenke eller et dokument, ikke begge.")
    try:
        version.full_clean(exclude=["tags"], validate_constraints=False)
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    version.save()
    version.tags.set(tags)
    changes = diff({}, snapshot(version))
    changes["tags"] = [None, [tag.name for tag in tags]]
    audit_record(by=by, action="create", obj=version, changes=changes)


def _document_fields(upload: UploadedFile | None) -> dict[str, Any]:
    """Fields for a new upload (checked to be a real PDF), or for no document at all.
    The file itself is written by the storage when the version row is saved."""
    if upload is None:
        return {"document": "", "document_name": "", "document_size": None}
    check_pdf(upload)
    return {
        "document": upload,
        "document_name": display_name(upload.name or ""),
        "document_size": upload.size,
    }


def _content_of(version: ResourceVersion) -> dict[str, Any]:
    content = {field: getattr(version, field) for field in RESOURCE_CONTENT}
    content["document"] = version.document.name or ""  # the stored file is shared, not copied
    return content


@transaction.atomic
def resource_create(
    *,
    by: Any,
    title: str,
    summary: str = "",
    url: str = "",
    document: UploadedFile | None = None,
    tags: list[str] | None = None,
    is_published: bool = True,
) -> Resource:
    resource = Resource()
    resource.save()
    audit_create(by=by, obj=resource)
    version = ResourceVersion(
        resource=resource,
        number=1,
        title=title.strip(),
        summary=summary.strip(),
        url=url.strip(),
        is_published=is_published,
        created_by=by,
        **_document_fields(document),
    )
    _save_resource_version(version, by=by, tags=_tags_for(tags or [], by=by))
    return resource


def _lock_resource(resource: Resource, language: str) -> tuple[int, int]:
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    return (
        current_number(ResourceVersion, resource=resource),
        current_number(ResourceVersion, resource=resource, language=language),
    )


@transaction.atomic
def resource_edit(
    *,
    by: Any,
    resource: Resource,
    based_on: int,
    title: str,
    summary: str = "",
    url: str = "",
    document: UploadedFile | None = None,
    remove_document: bool = False,
    tags: list[str] | None = None,
    is_published: bool = True,
    language: str = SOURCE_LANGUAGE,
) -> ResourceVersion:
    """A new version in `language`. Without a new upload the current document is kept (for a
    language's first version: the bokmål one), unless `remove_document` (then a link must be
    given)."""
    _check_language(language)
    latest, number = _lock_resource(resource, language)
    versions = resource.versions.prefetch_related("tags")
    current = versions.filter(number=number).first() if number else None
    if based_on != number:
        if current is None:
            raise bad_token(fresh_token=str(number))
        base = resource.versions.filter(number=based_on, language=language).first()
        raise _stale_error(base, current, RESOURCE_SHOWN, number=number)
    start = current or versions.filter(language=SOURCE_LANGUAGE).order_by("-number").first()
    if document is not None:
        files = _document_fields(document)
    elif remove_document or start is None or not start.document:
        files = _document_fields(None)
    else:
        content = _content_of(start)
        files = {field: content[field] for field in _document_fields(None)}
    version = ResourceVersion(
        resource=resource,
        number=latest + 1,
        language=language,
        title=title.strip(),
        summary=summary.strip(),
        url=url.strip(),
        is_published=is_published,
        created_by=by,
        **files,
    )
    new_tags = _tags_for(tags or [], by=by)
    if current is not None:
        same_tags = {t.pk for t in new_tags} == {t.pk for t in current.tags.all()}
        unchanged = document is None and _content_of(version) == _content_of(current)
        if same_tags and unchanged:
            raise _unchanged_error()
    _save_resource_version(version, by=by, tags=new_tags)
    return version


@transaction.atomic
def resource_restore(*, by: Any, resource: Resource, number: int) -> ResourceVersion:
    """A new version with the content of version `number`, in that version's language."""
    old = resource.versions.prefetch_related("tags").filter(number=number).first()
    if old is None:
        raise ValidationError({NON_FIELD_ERRORS: _("Versjonen finnes ikke.")})
    latest, current = _lock_resource(resource, old.language)
    if number == current:
        raise ValidationError({NON_FIELD_ERRORS: _("Dette er allerede gjeldende versjon.")})
    version = ResourceVersion(
        resource=resource,
        number=latest + 1,
        language=old.language,
        restored_from=number,
        created_by=by,
        **_content_of(old),
    )
    _save_resource_version(version, by=by, tags=list(old.tags.all()))
    return version
