"""Input parsing for programme, cohort and session pages. Rules across rows live in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import User
from brobygger.core.concurrency import EditTokenMixin
from brobygger.core.formfields import IdMultipleChoiceField
from brobygger.programmes.models import Cohort, ProgrammeVersion, Session, SessionStatus
from brobygger.programmes.selectors import (
    coordinator_choices,
    teacher_choices,
    versions_managed_by,
)

WEEKDAYS = [
    (0, _("Mandag")),
    (1, _("Tirsdag")),
    (2, _("Onsdag")),
    (3, _("Torsdag")),
    (4, _("Fredag")),
    (5, _("Lørdag")),
    (6, _("Søndag")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class StaffChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class TeacherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class DesignsystemForm(forms.Form):
    """Adds Designsystemet classes to every widget and marks invalid fields for assistive
    technology (aria-invalid, aria-describedby pointing at the message)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} ds-input".strip()

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_invalid()

    def mark_invalid(self) -> None:
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                described = f"{auto_id}_error"
                if self.fields[name].help_text:
                    described = f"{auto_id}_helptext {described}"
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": described}
                )


def apply_errors(form: DesignsystemForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the matching fields (or above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
    form.mark_invalid()


def _percent(share: Decimal | None) -> int | None:
    return None if share is None else int((share * 100).to_integral_value())


class VersionForm(DesignsystemForm):
    """Shares (0-1) are shown and entered as whole percent."""

    name = forms.CharField(label=_("Navn på versjonen"), max_length=100)
    theory_hours = forms.DecimalField(
        label=_("Timer teori"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        max_value=2000,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    min_attendance_share = forms.IntegerField(
        label=_("Minste oppmøte (% av planlagte timer)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Valgfritt. La stå tomt hvis bare timekravet gjelder."),
    )
    practice_weeks = forms.IntegerField(label=_("Praksisuker"), min_value=0, max_value=52)
    placement_percent = forms.IntegerField(
        label=_("Praksisprosent (% av full stilling)"), min_value=1, max_value=100
    )
    week_tolerance = forms.IntegerField(
        label=_("Toleranse for praksisuke (%)"),
        min_value=1,
        max_value=100,
        help_text=_(
            "En praksisuke teller når godkjente timer er minst praksisprosent × 37,5 timer × "
            "denne andelen, med 7,5 timer mindre for hver helligdag på en hverdag."
        ),
    )
    assignment_required = forms.BooleanField(label=_("Skriftlig oppgave kreves"), required=False)
    nominal_months = forms.IntegerField(
        label=_("Normert lengde (måneder)"), min_value=1, max_value=60
    )

    @staticmethod
    def initial_from(version: ProgrammeVersion | None, *, keep_name: bool = True) -> dict:
        version = version or ProgrammeVersion()  # the model's defaults for a first version
        return {
            "name": version.name if keep_name else "",
            "theory_hours": version.theory_hours,
            "min_attendance_share": _percent(version.min_attendance_share),
            "practice_weeks": version.practice_weeks,
            "placement_percent": version.placement_percent,
            "week_tolerance": _percent(version.week_tolerance),
            "assignment_required": version.assignment_required,
            "nominal_months": version.nominal_months,
        }

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        share = data["min_attendance_share"]
        data["min_attendance_share"] = None if share is None else Decimal(share) / 100
        data["week_tolerance"] = Decimal(data["week_tolerance"]) / 100
        return data


class VersionEditForm(EditTokenMixin, VersionForm):
    """The edit page's form: carries the version it was loaded from (ADR 0014)."""

    def service_fields(self) -> dict[str, Any]:
        data = super().service_fields()
        data.pop("edit_token", None)
        return data


class CohortForm(DesignsystemForm):
    name = forms.CharField(label=_("Navn på kullet"), max_length=100)
    version = forms.ModelChoiceField(
        label=_("Programversjon"), queryset=ProgrammeVersion.objects.none()
    )
    start_date = forms.DateField(label=_("Startdato"), widget=DateInput())
    end_date = forms.DateField(label=_("Sluttdato"), widget=DateInput())
    capacity = forms.IntegerField(label=_("Antall plasser"), min_value=1, max_value=500)
    place = forms.CharField(label=_("Sted"), max_length=200, required=False)
    applications_open = forms.BooleanField(
        label=_("Åpent for søknader på nett"),
        required=False,
        help_text=_("Kullet vises på «Søk plass» fram til søknadsfristen."),
    )
    application_deadline = forms.DateField(
        label=_("Søknadsfrist"),
        required=False,
        widget=DateInput(),
        help_text=_("Siste dag det går an å søke. Må fylles ut når kullet er åpent for søknader."),
    )
    coordinators = StaffChoiceField(
        label=_("Koordinatorer"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    teachers = StaffChoiceField(
        label=_("Undervisere"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user_or_request: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choice lists are scoped to the coordinator's programmes and their organisations.
        version_field: Any = self.fields["version"]
        version_field.queryset = versions_managed_by(user_or_request).order_by(
            "programme__name", "-created_at"
        )
        coordinators: Any = self.fields["coordinators"]
        coordinators.queryset = coordinator_choices(user_or_request)
        teachers: Any = self.fields["teachers"]
        teachers.queryset = teacher_choices(user_or_request)

    @staticmethod
    def initial_from(cohort: Cohort) -> dict:
        return {
            "name": cohort.name,
            "version": cohort.version_id,
            "start_date": cohort.start_date,
            "end_date": cohort.end_date,
            "capacity": cohort.capacity,
            "place": cohort.place,
            "applications_open": cohort.applications_open,
            "application_deadline": cohort.application_deadline,
            "coordinators": [u.pk for u in cohort.coordinators.all()],
            "teachers": [u.pk for u in cohort.teachers.all()],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("Sluttdatoen må være etter startdatoen."))
        return data


class CohortEditForm(EditTokenMixin, CohortForm):
    """The edit page's form: carries the version it was loaded from (ADR 0014)."""


def _check_times(form: forms.Form, data: dict[str, Any]) -> None:
    start, end = data.get("start_time"), data.get("end_time")
    if start and end and end <= start:
        form.add_error("end_time", _("Sluttiden må være etter starttiden."))


class SessionForm(DesignsystemForm):
    date = forms.DateField(label=_("Dato"), widget=DateInput())
    start_time = forms.TimeField(label=_("Fra"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Til"), widget=TimeInput())
    topic = forms.CharField(label=_("Tema eller modul"), max_length=200, required=False)
    teacher = TeacherChoiceField(
        label=_("Underviser"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ikke valgt"),
    )
    reinstate = forms.BooleanField(label=_("Gjenopprett økten (den er avlyst nå)"), required=False)

    def __init__(
        self, *args: Any, cohort: Cohort, session: Session | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # The cohort's teachers, plus the session's current teacher if no longer among them.
        current = Q(pk=session.teacher_id) if session and session.teacher_id else Q(pk__in=[])
        teacher: Any = self.fields["teacher"]
        teacher.queryset = (
            User.objects.filter(Q(taught_cohorts=cohort) | current)
            .distinct()
            .order_by("first_name", "last_name", "pk")
        )
        if session is None or session.status != SessionStatus.CANCELLED:
            del self.fields["reinstate"]

    @staticmethod
    def initial_from(session: Session) -> dict:
        return {
            "date": session.date,
            "start_time": session.start_time,
            "end_time": session.end_time,
            "topic": session.topic,
            "teacher": session.teacher_id,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_times(self, data)
        return data


class SessionEditForm(EditTokenMixin, SessionForm):
    """The edit page's form: carries the version it was loaded from (ADR 0014)."""


class SessionSeriesForm(DesignsystemForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Ukedager"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    start_time = forms.TimeField(label=_("Fra"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Til"), widget=TimeInput())
    first_date = forms.DateField(label=_("Første dato"), widget=DateInput())
    weeks = forms.IntegerField(
        label=_("Antall uker"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("Fyll ut enten antall uker eller siste dato."),
    )
    last_date = forms.DateField(label=_("Siste dato"), required=False, widget=DateInput())
    topic = forms.CharField(label=_("Tema eller modul"), max_length=200, required=False)
    teacher = TeacherChoiceField(
        label=_("Underviser"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ikke valgt"),
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teacher: Any = self.fields["teacher"]
        teacher.queryset = cohort.teachers.order_by("first_name", "last_name", "pk")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_times(self, data)
        weeks, last = data.get("weeks"), data.get("last_date")
        if "weeks" not in self.errors and "last_date" not in self.errors:
            if weeks is None and last is None:
                self.add_error("weeks", _("Oppgi antall uker eller siste dato."))
            elif weeks is not None and last is not None:
                self.add_error("weeks", _("Oppgi enten antall uker eller siste dato, ikke begge."))
        return data


class CancelForm(DesignsystemForm):
    reason = forms.CharField(
        label=_("Grunn for avlysning"),
        max_length=300,
        error_messages={"required": _("Skriv hvorfor økten avlyses.")},
    )


class TeacherSessionFilterForm(DesignsystemForm):
    """ "Mine økter": every session the teacher teaches, by cohort and date (GET)."""

    kull = forms.TypedChoiceField(label=_("Kull"), required=False, coerce=int, empty_value=None)
    fra = forms.DateField(label=_("Fra og med"), required=False, widget=DateInput())
    til = forms.DateField(label=_("Til og med"), required=False, widget=DateInput())

    def __init__(self, *args: Any, cohorts: list[Cohort], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kull = self.fields["kull"]
        assert isinstance(kull, forms.TypedChoiceField)
        kull.choices = [("", _("Alle kull")), *((c.pk, c.name) for c in cohorts)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start and end and end < start:
            self.add_error("til", _("Til-datoen kan ikke være før fra-datoen."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The selector's filters: none unless the form is bound and valid."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"cohort_id": data.get("kull"), "start": data.get("fra"), "end": data.get("til")}
