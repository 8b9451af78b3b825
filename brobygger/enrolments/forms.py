"""Input parsing and field validation only; the rules across rows live in services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import fodselsnummer

from brobygger.core.formatting import format_day
from brobygger.enrolments.models import EndingReason, Enrolment, Status, validate_fnr
from brobygger.enrolments.transitions import BULK_TARGETS, NEEDS_NOTE, NEEDS_REASON
from brobygger.organisations.models import Municipality
from brobygger.programmes.models import Cohort


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class StyledForm(forms.Form):
    """Designsystemet classes on every widget, and invalid fields point at their message
    (also for errors a service raised after validation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                invalid, auto_id = self.fields[name], self[name].auto_id
                described_by = [f"{auto_id}_helptext"] if invalid.help_text else []
                invalid.widget.attrs["aria-invalid"] = "true"
                invalid.widget.attrs["aria-describedby"] = " ".join(
                    [*described_by, f"{auto_id}_error"]
                )


CANDIDATE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "national_id",
    "email",
    "phone",
    "municipality",
)


class CandidateForm(StyledForm):
    """A candidate and their application. Shared by the coordinator and the caseworker."""

    first_name = forms.CharField(label=_("Fornavn"), max_length=100)
    last_name = forms.CharField(label=_("Etternavn"), max_length=100)
    birth_date = forms.DateField(label=_("Fødselsdato"), required=False, widget=DateInput())
    national_id = forms.CharField(
        label=_("Fødselsnummer"),
        required=False,
        max_length=13,
        help_text=_("Valgfritt. 11 siffer. Vises aldri i lister."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=20, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Bostedskommune"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("Velg kommune"),
    )
    motivation = forms.CharField(
        label=_("Motivasjon"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    applied_on = forms.DateField(label=_("Søknadsdato"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applied_on"].initial = timezone.localdate()

    def clean_national_id(self) -> str:
        value = fodselsnummer.compact(self.cleaned_data.get("national_id") or "")
        if value:
            validate_fnr(value)  # the model's validator (python-stdnum)
        return value

    def clean_applied_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["applied_on"]
        if value > timezone.localdate():
            raise ValidationError(_("Søknadsdatoen kan ikke være fram i tid."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fnr, birth_date = data.get("national_id"), data.get("birth_date")
        if fnr and birth_date:
            try:
                matches = fodselsnummer.get_birth_date(fnr) == birth_date
            except StdnumError:
                matches = False
            if not matches:
                self.add_error("birth_date", _("Fødselsdatoen stemmer ikke med fødselsnummeret."))
        return data

    def candidate(self) -> dict[str, Any]:
        """The Participant fields, for services.application_register."""
        return {name: self.cleaned_data[name] for name in CANDIDATE_FIELDS}


class ApplicationForm(CandidateForm):
    pass


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} – {obj.version.programme.name} ({format_day(obj.start_date)})"


class ReferralForm(CandidateForm):
    field_order = ["cohort"]

    cohort = CohortChoiceField(
        label=_("Kull"), queryset=Cohort.objects.none(), empty_label=_("Velg kull")
    )

    def __init__(self, *args: Any, cohorts: QuerySet[Cohort], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cohort"]
        assert isinstance(field, CohortChoiceField)
        field.queryset = cohorts


def _reason_field(help_text: Any) -> forms.ChoiceField:
    """The coded ending reason, shared by the one-person and the bulk status forms."""
    return forms.ChoiceField(
        label=_("Årsak"),
        required=False,
        choices=[("", _("Velg årsak"))] + list(EndingReason.choices),
        help_text=help_text,
    )


def _reason_text_field() -> forms.CharField:
    return forms.CharField(
        label=_("Beskriv årsaken"),
        required=False,
        max_length=500,
        help_text=_("Bare når årsaken er «Annet»."),
    )


def _late_reason_field(help_text: Any) -> forms.CharField:
    """Why a status is dated before today (core.status_history.status_date_errors requires it)."""
    return forms.CharField(
        label=_("Hvorfor registreres endringen tilbake i tid?"),
        required=False,
        max_length=500,
        help_text=help_text,
    )


class TransitionForm(StyledForm):
    # Validated against every status so a forbidden move reaches the service and gets its
    # clear message; the select only offers the allowed ones (set by the caller).
    to = forms.ChoiceField(label=_("Ny status"), choices=Status.choices)
    on = forms.DateField(label=_("Gjelder fra"), widget=DateInput())
    reason = _reason_field(_("Kreves ved «Ikke aktuell» og «Avbrutt»."))
    reason_text = _reason_text_field()
    note = forms.CharField(
        label=_("Merknad"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kreves ved «Feilregistrert»: skriv hva som var feil."),
    )
    late_reason = _late_reason_field(
        _("Kreves når «Gjelder fra» er før i dag, for historikk som registreres senere.")
    )

    def __init__(
        self, *args: Any, targets: list[tuple[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "status_%s")  # unique ids on the participant page
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        if targets is not None:
            self.fields["to"].widget.choices = targets
            values = {value for value, _label in targets}
            self.shows_reason = bool(values & NEEDS_REASON)
            self.shows_note = bool(values & NEEDS_NOTE)
        else:
            self.shows_reason = self.shows_note = True


class ParticipationPeriodForm(StyledForm):
    percent = forms.IntegerField(label=_("Deltakelsesprosent"), min_value=1, max_value=100)
    days_per_week = forms.IntegerField(
        label=_("Dager per uke"), min_value=1, max_value=7, required=False
    )
    valid_from = forms.DateField(label=_("Gjelder fra"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "period_%s")
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()


class WaitlistMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Opp")), ("down", _("Ned"))])


# How each bulk action reads on the applications page, in BULK_TARGETS order.
BULK_LABELS: dict[str, Any] = {
    Status.VURDERES: _("Start vurdering"),
    Status.VENTER_PA_OPPSTART: _("Ta opp"),
    Status.VENTELISTE: _("Sett på venteliste"),
    Status.IKKE_AKTUELL: _("Avslå (ikke aktuell)"),
    Status.DELTAR: _("Start deltakelse"),
}


class EnrolmentChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.participant.full_name)


class BulkTransitionForm(StyledForm):
    """Several people of one cohort, one action and one date. The people are checkboxes in the
    application tables (form="bulk-actions"); the choices are only those the caller may see."""

    enrolments = EnrolmentChoices(
        label=_("Valgte personer"),
        queryset=Enrolment.objects.none(),
        error_messages={
            "required": _("Velg minst én person."),
            # Not "does not exist": a protected participant's id must not be confirmed.
            "invalid_choice": _("En av de valgte kan ikke velges her. Last siden på nytt."),
            "invalid_pk_value": _("En av de valgte kan ikke velges her. Last siden på nytt."),
        },
    )
    to = forms.ChoiceField(
        label=_("Handling"),
        choices=[("", _("Velg handling"))] + [(s, BULK_LABELS[s]) for s in BULK_TARGETS],
        error_messages={
            "required": _("Velg en handling."),
            "invalid_choice": _("Ukjent handling."),
        },
    )
    on = forms.DateField(label=_("Gjelder fra"), widget=DateInput())
    reason = _reason_field(_("Kreves ved «Avslå»."))
    reason_text = _reason_text_field()
    late_reason = _late_reason_field(_("Kreves når «Gjelder fra» er før i dag."))

    def __init__(self, *args: Any, enrolments: QuerySet[Enrolment], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        field = self.fields["enrolments"]
        assert isinstance(field, EnrolmentChoices)
        field.queryset = enrolments.select_related("participant").order_by(
            "applied_on", "participant__last_name", "participant__first_name", "pk"
        )
        field.widget = forms.MultipleHiddenInput()  # the checkboxes live in the tables

    def selected(self) -> set[str]:
        """The ids ticked in the request, to keep them ticked when the page comes back."""
        getlist = getattr(self.data, "getlist", None)  # a QueryDict when bound to a request
        return set(getlist("enrolments")) if self.is_bound and getlist else set()
