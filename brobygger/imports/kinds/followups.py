"""The 6- and 12-month follow-up answers after a completion (`oppfolginger`).

One answer per completion and month mark (the database's unique constraint), through
`followup.services.followup_record`, which refuses an answer before it is due. Natural key:
fødselsnummer, cohort and month mark. An answer is never rewritten by an import: a different
answer in a later file is refused (the follow-up page is where it is corrected).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.completion.models import Completion
from brobygger.core.formatting import format_day
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpOutcome
from brobygger.followup.services import followup_record
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult
from brobygger.imports.kinds.cohorts import COHORT
from brobygger.imports.kinds.employment import FUNDING, JOB_KIND, PERCENT, funding_source, job_kind
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR
from brobygger.imports.kinds.people import find_enrolment, person_key
from brobygger.imports.reading import CellError, as_date, as_int, as_text

MONTHS, ANSWERED, EMPLOYED, NOTE = "måneder", "dato", "i arbeid", "merknad"
YES_NO = {"ja": True, "j": True, "yes": True, "nei": False, "n": False, "no": False}


class FollowUpsKind(Kind):
    slug = "oppfolginger"
    label = gettext_lazy("Oppfølging etter 6 og 12 måneder")
    description = gettext_lazy(
        "Én rad per person og oppfølging: svaret 6 eller 12 måneder etter fullført utdanning. "
        "Fullføringene må finnes (importer dem først). Et svar som finnes, endres ikke."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullet personen fullførte."), "Kull 2024", True),
        Column(MONTHS, gettext_lazy("6 eller 12 (måneder etter fullført dato)."), "6", True),
        Column(
            ANSWERED,
            gettext_lazy("Datoen svaret gjelder per, fra forfallsdatoen, dd.mm.åååå."),
            "20.12.2025",
            True,
        ),
        Column(EMPLOYED, gettext_lazy("Ja eller Nei."), "Ja", True),
        Column(PERCENT, gettext_lazy("Stillingsprosent, 1–100: må fylles ut ved Ja."), "50"),
        Column(JOB_KIND, gettext_lazy("Fast, Midlertidig eller Prosjektstilling."), "Fast"),
        Column(
            FUNDING,
            gettext_lazy("Ordinært budsjett, MB-midler, Prosjektmidler eller Lønnstilskudd."),
            "",
        ),
        Column(NOTE, gettext_lazy("Merknad. Ikke skriv helseopplysninger her."), ""),
    )
    field_columns = {
        "months": MONTHS,
        "answered_on": ANSWERED,
        "employed": EMPLOYED,
        "percent": PERCENT,
        "job_kind": JOB_KIND,
        "funding_source": FUNDING,
        "note": NOTE,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (*person_key(row), as_text(row, MONTHS))
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        months = as_int(row, MONTHS, required=True, low=1, high=120)
        if months not in FOLLOW_UP_MONTHS:
            raise CellError(MONTHS, _("må være 6 eller 12"))
        answered = as_date(row, ANSWERED, required=True)
        employed = self._employed(row)
        percent = as_int(row, PERCENT, low=1, high=100)
        kind = job_kind(row, required=False)
        source = funding_source(row)
        note = as_text(row, NOTE, max_length=2000)
        assert answered is not None
        completion = Completion.objects.filter(enrolment=enrolment).first()
        if completion is None:
            raise CellError(
                FNR,
                _("personen har ingen fullføring i kullet (importer fullføringene først)"),
            )
        if answered < completion.completed_on:
            raise CellError(
                ANSWERED,
                _("er før fullføringen (%(date)s)") % {"date": format_day(completion.completed_on)},
            )
        existing = FollowUpOutcome.objects.filter(completion=completion, months=months).first()
        if existing is None:
            followup_record(
                by=ctx.by,
                subject=completion,
                months=months,
                answered_on=answered,
                employed=employed,
                percent=percent,
                job_kind=kind,
                funding_source=source,
                note=note,
            )
            return RowResult(Outcome.CREATE, [_("Nytt oppfølgingssvar.")])
        if not employed:  # the service drops these for "not in work"; so does the comparison
            percent, kind, source = None, "", ""
        same = (
            existing.answered_on,
            existing.employed,
            existing.percent,
            existing.job_kind,
            existing.funding_source,
            existing.note,
        ) == (answered, employed, percent, kind, source, note.strip())
        if same:
            return RowResult(Outcome.UNCHANGED, [_("Oppfølgingssvaret finnes fra før, uendret.")])
        raise CellError(
            MONTHS,
            _(
                "oppfølgingen etter %(months)s måneder er registrert fra før med et annet svar; "
                "et svar endres ikke ved import"
            )
            % {"months": months},
        )

    def _employed(self, row: dict[str, Any]) -> bool:
        text = as_text(row, EMPLOYED, required=True)
        if text.lower() not in YES_NO:
            raise CellError(EMPLOYED, _("«%(value)s» er ikke Ja eller Nei") % {"value": text[:40]})
        return YES_NO[text.lower()]
