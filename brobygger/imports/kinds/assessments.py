"""The written assignment's result (`vurderinger`) and confirmed completions (`fullforinger`).

`vurderinger`: one row per person and cohort, the result the assignment finally got. Natural
key: fødselsnummer and cohort (the enrolment). An assessment belongs to a handed-in attempt,
and a history has no files, so the import hands in a short PDF saying the assignment was
handed in outside Brobygger (`submission_create`, which checks the status rule) and assesses
it (`submission_assess`, which asks for feedback unless approved). A later "not approved" or
"resubmit" is followed by a new attempt when a later file says otherwise, as on the page; an
approved assignment keeps its result. The stored PDF is deleted again when the row or the pass
is rolled back (Context.on_rollback), so a dry run leaves no file behind.

`fullforinger`: one row per person and cohort, through `completion.services.completion_confirm`,
which checks the requirements: someone who does not meet them is refused with the rule's
message unless the row gives a reason (an exception, which may wait for a second coordinator).
A completion is never rewritten by an import.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.assessments.models import Outcome as Result
from brobygger.assessments.models import Submission
from brobygger.assessments.rules import submission_refusal
from brobygger.assessments.services import storage, submission_assess, submission_create
from brobygger.completion.models import Completion, PendingCompletion
from brobygger.completion.services import completion_confirm
from brobygger.core.formatting import format_day
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult, choice_lookup
from brobygger.imports.kinds.cohorts import COHORT
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR
from brobygger.imports.kinds.people import find_enrolment, person_key
from brobygger.imports.reading import CellError, as_date, as_text

RESULT, FEEDBACK = "vurdering", "tilbakemelding"
COMPLETED, REASON = "fullføringsdato", "begrunnelse"
PLACEHOLDER_NAME = "levert-utenfor-brobygger.pdf"


def _placeholder_pdf() -> bytes:
    """A one-page PDF that says what it is: the attempt an imported result belongs to."""
    # Bytes: the PDF's own content (ASCII, bokmål like the history it stands in for).
    text = b"Skriftlig oppgave levert utenfor Brobygger. Vurderingen er importert fra historikken."
    stream = b"BT /F1 11 Tf 56 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PLACEHOLDER_PDF = _placeholder_pdf()


class AssessmentsKind(Kind):
    slug = "vurderinger"
    label = gettext_lazy("Vurdering av skriftlig oppgave")
    description = gettext_lazy(
        "Én rad per person og kull: resultatet oppgaven fikk. Deltakerne må finnes, med status "
        "Deltar eller Permisjon. Importen registrerer en innlevering («levert utenfor "
        "Brobygger») og vurderer den. En godkjent oppgave endres ikke."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(
            RESULT,
            gettext_lazy("Godkjent, Ikke godkjent eller Må leveres på nytt."),
            "Godkjent",
            True,
        ),
        Column(
            FEEDBACK,
            gettext_lazy("Tilbakemelding: må fylles ut når oppgaven ikke er godkjent."),
            "",
        ),
    )
    field_columns = {"outcome": RESULT, "feedback": FEEDBACK, "file": RESULT}

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return person_key(row)
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        result = self._result(row)
        feedback = as_text(row, FEEDBACK, max_length=5000)
        latest = (
            Submission.objects.filter(enrolment=enrolment)
            .select_related("assessment")
            .order_by("-attempt")
            .first()
        )
        assessment = getattr(latest, "assessment", None) if latest is not None else None
        if latest is not None and assessment is None:
            # Handed in on the page and waiting: the file's result is its assessment.
            submission_assess(by=ctx.by, submission=latest, outcome=result, feedback=feedback)
            return RowResult(Outcome.CREATE, [_("Vurdering av innleveringen som venter.")])
        if assessment is not None:
            if assessment.outcome == result:  # the feedback is not compared: free text
                return RowResult(Outcome.UNCHANGED, [_("Vurderingen finnes fra før, uendret.")])
            if assessment.outcome == Result.APPROVED:
                raise CellError(
                    RESULT, _("oppgaven er allerede godkjent, og vurderingen endres ikke")
                )
        # The rule the page applies, asked first so the message names the column.
        refusal = submission_refusal(enrolment, latest)
        if refusal:
            raise CellError(FNR, refusal)
        submission = submission_create(
            by=ctx.by,
            enrolment=enrolment,
            upload=ContentFile(PLACEHOLDER_PDF, name=PLACEHOLDER_NAME),
        )
        name = str(submission.file.name)
        ctx.on_rollback(lambda: storage().delete(name))
        submission_assess(by=ctx.by, submission=submission, outcome=result, feedback=feedback)
        if latest is None:
            return RowResult(Outcome.CREATE, [_("Ny innlevering og vurdering.")])
        return RowResult(
            Outcome.CHANGE,
            [_("Ny innlevering (forsøk %(n)s) og vurdering.") % {"n": submission.attempt}],
        )

    def _result(self, row: dict[str, Any]) -> str:
        text = as_text(row, RESULT, required=True)
        found = choice_lookup(list(Result.choices))
        found["ny innlevering"] = Result.RESUBMIT
        result = found.get(text.lower())
        if result is None:
            raise CellError(RESULT, _("«%(value)s» er ikke en vurdering") % {"value": text[:40]})
        return result


class CompletionsKind(Kind):
    slug = "fullforinger"
    label = gettext_lazy("Fullføringer")
    description = gettext_lazy(
        "Én rad per person og kull som fullførte. Kravene sjekkes som på deltakersiden: den "
        "som ikke oppfyller dem, trenger en begrunnelse (unntak). Importer oppmøte, praksis "
        "og vurderinger først. En fullføring som finnes, endres ikke."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(
            COMPLETED,
            gettext_lazy("Datoen utdanningen ble fullført, innenfor kullets datoer."),
            "20.06.2025",
            True,
        ),
        Column(
            REASON,
            gettext_lazy("Begrunnelse for unntak, bare når ikke alle kravene er oppfylt."),
            "",
        ),
    )
    field_columns = {"completed_on": COMPLETED, "exception_reason": REASON}

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return person_key(row)
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        completed_on = as_date(row, COMPLETED, required=True)
        reason = as_text(row, REASON, max_length=2000)
        assert completed_on is not None
        cohort = enrolment.cohort
        if not cohort.start_date <= completed_on <= cohort.end_date:
            raise CellError(
                COMPLETED,
                _("ligger utenfor kullets datoer (%(start)s–%(end)s)")
                % {"start": format_day(cohort.start_date), "end": format_day(cohort.end_date)},
            )
        existing = (
            Completion.objects.filter(enrolment=enrolment).only("completed_on").first()
            or PendingCompletion.objects.filter(enrolment=enrolment).only("completed_on").first()
        )
        if existing is not None:
            if existing.completed_on != completed_on:
                raise CellError(
                    COMPLETED,
                    _("fullføringen er registrert fra før med dato %(date)s, og endres ikke")
                    % {"date": format_day(existing.completed_on)},
                )
            return RowResult(Outcome.UNCHANGED, [_("Fullføringen finnes fra før, uendret.")])
        try:
            done = completion_confirm(
                by=ctx.by, enrolment=enrolment, completed_on=completed_on, exception_reason=reason
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise
            # The status rule's message ("Bare deltakere med status «Deltar» ...") is about
            # the person in the row.
            raise CellError(FNR, " ".join(error.messages)) from error
        if done.is_pending:
            return RowResult(
                Outcome.CREATE,
                [_("Fullført som unntak: venter på godkjenning av en annen koordinator.")],
            )
        if done.is_exception:
            return RowResult(Outcome.CREATE, [_("Fullført som unntak.")])
        return RowResult(Outcome.CREATE, [_("Fullført.")])
