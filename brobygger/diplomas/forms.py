from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class InvalidateForm(forms.Form):
    reason = forms.CharField(
        label=_("Hvorfor gjøres vitnemålet ugyldig?"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
        max_length=1000,
    )


class VerifyForm(forms.Form):
    kode = forms.CharField(
        label=_("Kontrollkode"),
        help_text=_("Står nederst på vitnemålet, for eksempel ABCD-EFGH-JKMN."),
        max_length=40,
        widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "off"}),
    )
