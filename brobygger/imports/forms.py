from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.imports.kinds import kind_choices
from brobygger.imports.reading import MAX_BYTES
from brobygger.programmes.forms import DesignsystemForm


class UploadForm(DesignsystemForm):
    kind = forms.ChoiceField(label=_("Hva inneholder filen?"), choices=kind_choices)
    file = forms.FileField(
        label=_("Fil (CSV eller Excel .xlsx)"),
        help_text=_("Bruk malen for typen. Høyst 10 MB."),
        error_messages={"required": _("Velg en fil.")},
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Filen er større enn %(mb)s MB. Del den opp i flere filer."),
                params={"mb": MAX_BYTES // (1024 * 1024)},
            )
        return upload
