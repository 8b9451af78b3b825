"""Guidance for leaders: pages of advice and a library of resources, both versioned.

Every edit adds a version row; rows are never changed afterwards. The current version of a page
or resource is the one with the highest number. Restoring an old version adds a new version with
its content (`restored_from` says which).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = frozenset({"ressurser", "admin", "ny"})

# Every page and resource has a bokmål version; nynorsk and English are optional (ADR 0021).
SOURCE_LANGUAGE = "nb"
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _language_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(language__in=LANGUAGE_CODES), name=name)


class GuidancePage(models.Model):
    slug = models.SlugField(_("adresse"), max_length=80, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("veiledningsside")
        verbose_name_plural = _("veiledningssider")

    def __str__(self) -> str:
        return self.slug


class Version(models.Model):
    """What every version row has: a number per object, who made it and when."""

    number = models.PositiveIntegerField(_("versjon"))
    # Numbers run across the languages of one page or resource; the current version in a
    # language is the one with the highest number in that language.
    language = models.CharField(
        _("språk"), max_length=8, choices=settings.LANGUAGES, default=SOURCE_LANGUAGE
    )
    is_published = models.BooleanField(_("vises for alle"), default=True)
    restored_from = models.PositiveIntegerField(
        _("gjenopprettet fra versjon"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("lagret"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lagret av"),
    )

    class Meta:
        abstract = True


class GuidancePageVersion(Version):
    page = models.ForeignKey(GuidancePage, on_delete=models.PROTECT, related_name="versions")
    title = models.CharField(_("tittel"), max_length=200)
    summary = models.CharField(_("ingress"), max_length=500, blank=True)
    # TextField's max_length binds only forms; the validators make full_clean() enforce it.
    body = models.TextField(_("tekst"), max_length=30000, validators=[MaxLengthValidator(30000)])

    class Meta:
        ordering = ["page", "-number"]
        verbose_name = _("versjon av veiledningsside")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="guidance_page_version_unique"),
            _language_constraint("guidance_page_version_language"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class Tag(models.Model):
    name = models.CharField(_("navn"), max_length=50, unique=True)
    slug = models.SlugField(_("adresse"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("emneord")
        verbose_name_plural = _("emneord")

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    # The public address of the resource's document: not its row id, which would make it look
    # like an object route needing organisation scoping. The library is public.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ressurs")
        verbose_name_plural = _("ressurser")

    def __str__(self) -> str:
        return f"Ressurs {self.pk}"


def resource_upload_to(instance: ResourceVersion, filename: str) -> str:
    # Our own name: the uploader's file name is kept in document_name for display only.
    return f"veiledning/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class ResourceVersion(Version):
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="versions")
    title = models.CharField(_("tittel"), max_length=200)
    summary = models.TextField(
        _("kort beskrivelse"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)]
    )
    url = models.URLField(
        _("lenke"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    document = models.FileField(
        _("dokument (PDF)"), upload_to=resource_upload_to, max_length=300, blank=True
    )
    document_name = models.CharField(_("filnavn"), max_length=200, blank=True)
    document_size = models.PositiveIntegerField(_("filstørrelse"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="versions")

    class Meta:
        ordering = ["resource", "-number"]
        verbose_name = _("versjon av ressurs")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"], name="guidance_resource_version_unique"
            ),
            # A link or a document, never both and never neither.
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(document=""))
                | (~models.Q(url="") & models.Q(document="")),
                name="guidance_resource_link_or_document",
            ),
            _language_constraint("guidance_resource_version_language"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"
