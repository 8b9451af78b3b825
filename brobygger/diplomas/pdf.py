"""The diploma as a one-page A4 PDF, tagged (PDF/UA-1) and in the active language.

The template `diplomas/pdf/diploma.html` holds the layout and every text; names of the person,
programme, cohort and organisations reach it as autoescaped variables (`core.pdftext`)."""

from __future__ import annotations

from brobygger.core.formatting import format_day, format_number
from brobygger.core.pdftext import render_pdf
from brobygger.diplomas.selectors import DiplomaFacts


def render_diploma(facts: DiplomaFacts, *, verify_url: str) -> bytes:
    return render_pdf(
        "diplomas/pdf/diploma.html",
        {
            "facts": facts,
            "verify_url": verify_url,
            "partners": ", ".join(facts.partners),
            "theory_hours": format_number(facts.theory_hours),
            "started_on": format_day(facts.started_on),
            "completed_on": format_day(facts.completed_on),
            "issued_on": format_day(facts.issued_on),
        },
    )
