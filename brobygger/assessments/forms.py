"""Input parsing only; the content check and the hand-in rules live in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from brobygger.assessments.filetypes import ACCEPT_ATTR, human_size
from brobygger.assessments.models import Outcome
from brobygger.enrolments.models import Enrolment


class SubmissionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        max_length=255,
        widget=forms.FileInput(attrs={"class": "ds-input", "accept": ACCEPT_ATTR}),
        error_messages={
            "required": _("Velg en fil å laste opp."),
            "empty": _("Filen er tom."),
            "invalid": _("Filen kom ikke fram. Prøv igjen."),
            "max_length": _("Filnavnet er for langt (maks 255 tegn)."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, DOCX eller ODT, maks %(size)s.") % {
            "size": human_size(int(settings.ASSIGNMENT_MAX_BYTES))
        }


class ParticipantUploadForm(SubmissionUploadForm):
    """The participant's own hand-in; which enrolment is limited to their open ones."""

    enrolment = forms.ModelChoiceField(
        queryset=Enrolment.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Velg hvilken deltakelse oppgaven gjelder."),
            "invalid_choice": _("Du kan ikke levere oppgave for denne deltakelsen nå."),
        },
    )

    def __init__(self, *args: Any, enrolments: QuerySet[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Vurdering"),
        choices=Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
        error_messages={
            "required": _("Velg en vurdering."),
            "invalid_choice": _("Velg en vurdering."),
        },
    )
    feedback = forms.CharField(
        label=_("Tilbakemelding"),
        required=False,
        max_length=10000,
        help_text=_("Påkrevd når oppgaven ikke er godkjent eller må leveres på nytt."),
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}),
    )
