"""The filters every figure takes (programme, year range, county, municipality) and the GET
form that parses them, with its choices limited to the user's scope."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from brobygger.enrolments.models import Enrolment
from brobygger.organisations.models import County, Municipality
from brobygger.outcomes.scope import Scope
from brobygger.programmes.models import Programme

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Filters:
    programme: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    county: str | None = None
    municipality: str | None = None

    def q(self) -> Q:
        """The filter on Enrolment rows. Years are the cohorts' start years."""
        q = Q()
        if self.programme:
            q &= Q(cohort__version__programme_id=self.programme)
        if self.year_from:
            q &= Q(cohort__start_date__year__gte=self.year_from)
        if self.year_to:
            q &= Q(cohort__start_date__year__lte=self.year_to)
        if self.county:
            q &= Q(participant__municipality__county_id=self.county)
        if self.municipality:
            q &= Q(participant__municipality_id=self.municipality)
        return q

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_query(self) -> dict[str, str]:
        """The GET parameters that give these filters (for links and exports)."""
        pairs = {
            "program": self.programme,
            "fra_ar": self.year_from,
            "til_ar": self.year_to,
            "fylke": self.county,
            "kommune": self.municipality,
        }
        return {k: str(v) for k, v in pairs.items() if v}


def programmes_in(scope: Scope) -> QuerySet[Programme]:
    return Programme.objects.filter(
        pk__in=Enrolment.objects.filter(scope.enrolments).values("cohort__version__programme")
    ).order_by("name")


def _select(**attrs: Any) -> forms.Select:
    return forms.Select(attrs={"class": "ds-input", **attrs})


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.NumberInput(attrs={"class": "ds-input", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Skriv et årstall, for eksempel 2020."),
            "min_value": _("Årstallet må være %(limit_value)s eller senere."),
            "max_value": _("Årstallet må være %(limit_value)s eller tidligere."),
        },
    )


class FilterForm(forms.Form):
    omfang = forms.ChoiceField(label=_("Vis tall for"), required=False, widget=_select())
    program = forms.TypedChoiceField(
        label=_("Program"), required=False, coerce=int, empty_value=None, widget=_select()
    )
    fra_ar = _year(_("Fra kullår"))
    til_ar = _year(_("Til kullår"))
    fylke = forms.ChoiceField(label=_("Fylke"), required=False, widget=_select())
    kommune = forms.ChoiceField(label=_("Bostedskommune"), required=False, widget=_select())

    def __init__(self, data: Any, *, scopes: list[Scope], scope: Scope) -> None:
        super().__init__(data)
        self.scope = scope
        self._choices("omfang", [(s.key, s.label) for s in scopes])
        self.fields["omfang"].initial = scope.key
        self.show_scope = len(scopes) > 1
        invalid = _("Velg et av alternativene i listen.")
        for name in ("omfang", "program", "fylke", "kommune"):
            self.fields[name].error_messages["invalid_choice"] = invalid
        all_ = [("", _("Alle"))]
        self._choices("program", all_ + [(p.pk, p.name) for p in programmes_in(scope)])
        counties = County.objects.order_by("number")
        municipalities = Municipality.objects.order_by("name")
        if scope.counties:
            counties = counties.filter(number__in=scope.counties)
            municipalities = municipalities.filter(county__in=scope.counties)
        self._choices("fylke", all_ + [(c.number, c.name) for c in counties])
        self._choices("kommune", all_ + [(m.number, m.name) for m in municipalities])

    def _choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("fra_ar"), data.get("til_ar")
        if start and end and start > end:
            self.add_error("til_ar", _("Til-året kan ikke være før fra-året."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            programme=data.get("program"),
            year_from=data.get("fra_ar"),
            year_to=data.get("til_ar"),
            county=data.get("fylke") or None,
            municipality=data.get("kommune") or None,
        )
