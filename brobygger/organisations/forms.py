"""Parsing and field validation for the organisation and user pages. The rules (the orgnr, who
may give which role, when a membership may end) live in organisations.services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Role
from brobygger.core.concurrency import EditTokenMixin
from brobygger.organisations.models import Municipality, OrganisationKind

INPUT = {"class": "ds-input"}
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk etter navn eller organisasjonsnummer"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={**INPUT, "type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Alle typer")), *OrganisationKind.choices],
        required=False,
        widget=forms.Select(attrs=INPUT),
    )

    def filters(self) -> dict[str, str]:
        """The search and the kind, or no filter for input that does not parse."""
        if not self.is_valid():
            return {"query": "", "kind": ""}
        return {"query": self.cleaned_data["q"], "kind": self.cleaned_data["kind"]}


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={
            "required": _("Skriv navnet på organisasjonen."),
            "max_length": _("Navnet er for langt (høyst %(limit_value)d tegn)."),
        },
        widget=forms.TextInput(attrs=INPUT),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Velg type")), *OrganisationKind.choices],
        error_messages={
            "required": _("Velg hva slags organisasjon det er."),
            "invalid_choice": _("Velg en type fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
    )
    orgnr = forms.CharField(
        label=_("Organisasjonsnummer"),
        max_length=11,
        required=False,
        help_text=_(
            "Ni siffer, med eller uten mellomrom. Må fylles ut for arbeidsgivere. "
            "Kontrollsifferet sjekkes."
        ),
        error_messages={"max_length": _("Et organisasjonsnummer har ni siffer.")},
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "numeric"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Velg kommune"),
        error_messages={
            "required": _("Velg kommune."),
            "invalid_choice": _("Velg en kommune fra lista."),
        },
        widget=forms.Select(attrs=INPUT),
    )
    four_eyes_approval = forms.BooleanField(
        label=_("Krev godkjenning av en annen person (fire øyne)"),
        required=False,
        help_text=_(
            "Fullføring som unntak og avtaler om lønnstilskudd må godkjennes av en annen "
            "enn den som bekreftet eller laget dem."
        ),
    )

    def clean_orgnr(self) -> str:
        return str(self.cleaned_data["orgnr"]).replace(" ", "")


class OrganisationEditForm(EditTokenMixin, OrganisationForm):
    """The edit page's form: carries the version it was loaded from (ADR 0014)."""


class MemberRolesForm(EditTokenMixin, forms.Form):
    """Carries the roles the page was loaded with (ADR 0014)."""

    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("«%(value)s» er ikke en rolle du kan gi her."),
            "invalid_list": _("Velg rollene fra lista."),
        },
    )

    def __init__(self, *args: Any, grantable: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(grantable)
        field = self.fields["roles"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(value, label) for value, label in Role.choices if value in allowed]


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Avsluttes fra"),
        help_text=_(
            "Den første dagen personen ikke har tilgang. I dag eller tidligere: personen "
            "logges ut med en gang."
        ),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": _("Velg en dato."),
            "invalid": _("Skriv datoen som dd.mm.åååå."),
        },
        widget=forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].initial = timezone.localdate
