"""The downloadable template per kind: the columns on the first line (CSV, semicolons, UTF-8
with a byte order mark so Excel reads the Norwegian letters), or an Excel workbook with the
columns on the first sheet and what each means on a second."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from brobygger.imports.kinds.base import Kind


def template_csv(kind: Kind) -> bytes:
    return ("\ufeff" + ";".join(kind.column_names()) + "\r\n").encode("utf-8")


def template_xlsx(kind: Kind) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    data = workbook.active
    assert data is not None
    data.title = str(kind.label)[:31]
    data.append(kind.column_names())
    for cell in data[1]:
        cell.font = Font(bold=True)
        cell.number_format = "@"
    help_sheet = workbook.create_sheet(_("Forklaring"))
    help_sheet.append([_("Kolonne"), _("Påkrevd"), _("Betydning"), _("Eksempel")])
    for column in kind.columns:
        help_sheet.append(
            [
                column.name,
                _("ja") if column.required else _("nei"),
                str(column.help),
                column.example,
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
