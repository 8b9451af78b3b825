"""The diploma as a one-page A4 PDF in Norwegian (ReportLab; the standard Helvetica covers æøå).

Names of the person, programme, cohort and organisations are typed by users: they join the
paragraphs' markup only through `core.pdftext.pdf_text`."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from brobygger.core.formatting import format_number
from brobygger.core.pdftext import paragraph, pdf_text
from brobygger.diplomas.selectors import DiplomaFacts


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%d.%m.%Y")


def render_diploma(facts: DiplomaFacts, *, verify_url: str) -> bytes:
    styles = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=styles["Title"], fontSize=32, spaceAfter=6 * mm)
    centre = ParagraphStyle("centre", parent=styles["Normal"], alignment=TA_CENTER, fontSize=12)
    name = ParagraphStyle("name", parent=centre, fontSize=22, leading=28, spaceAfter=4 * mm)
    small = ParagraphStyle("small", parent=styles["Normal"], fontSize=9, textColor=colors.grey)

    issuer = facts.organisation
    if facts.partners:
        issuer += " i samarbeid med " + ", ".join(facts.partners)
    story = [
        Spacer(1, 20 * mm),
        Paragraph("Vitnemål", title),
        paragraph(facts.name, name),
        Paragraph(
            f"har fullført <b>{pdf_text(facts.programme)}</b> ({pdf_text(facts.cohort)})", centre
        ),
        Paragraph(f"{_date(facts.started_on)} – {_date(facts.completed_on)}", centre),
        Spacer(1, 12 * mm),
    ]
    rows = [
        ["Teori", f"{format_number(facts.theory_hours)} timer"],
        ["Praksis", f"{facts.practice_weeks} uker"],
    ]
    if facts.assignment_approved:
        rows.append(["Skriftlig oppgave", "Godkjent"])
    rows.append(["Utstedt av", paragraph(issuer, styles["Normal"])])
    table = Table(rows, colWidths=[45 * mm, 100 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    signature = Table(
        [["", "", ""], ["Sted og dato", "", "Programkoordinator"]],
        colWidths=[65 * mm, 20 * mm, 65 * mm],
        rowHeights=[18 * mm, 6 * mm],
    )
    signature.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 1), (0, 1), 0.5, colors.black),
                ("LINEABOVE", (2, 1), (2, 1), 0.5, colors.black),
                ("FONTSIZE", (0, 1), (-1, 1), 9),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 20 * mm),
        signature,
        Spacer(1, 20 * mm),
        Paragraph(
            f"Kontrollkode: <b>{pdf_text(facts.code)}</b>. Ektheten kan sjekkes på "
            f"{pdf_text(verify_url)}. Utstedt {_date(facts.issued_on)}.",
            small,
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Vitnemål – {facts.programme}",
        author=facts.organisation,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
