"""Cohorts (natural key: the name within the programme) and their teaching sessions (natural
key: cohort, date and start time). Written through programmes.services, which check the
version, the dates, capacity against places taken, and overlapping sessions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult
from brobygger.imports.reading import CellError, as_date, as_int, as_text, as_time
from brobygger.programmes.models import Cohort, ProgrammeVersion, Session
from brobygger.programmes.services import (
    cohort_create,
    cohort_update,
    session_create,
    session_update,
)

COHORT, VERSION, START, END, CAPACITY, PLACE = (
    "kull",
    "versjon",
    "startdato",
    "sluttdato",
    "plasser",
    "sted",
)
DATE, FROM, TO, TOPIC = "dato", "fra", "til", "tema"


def _cohorts(ctx: Context) -> dict[str, Cohort]:
    def build() -> dict[str, Cohort]:
        rows = Cohort.objects.filter(version__programme=ctx.programme).select_related(
            "version__programme__organisation"
        )
        return {cohort.name.strip().lower(): cohort for cohort in rows}

    return ctx.cached("cohorts", build)  # type: ignore[no-any-return]


def find_cohort(ctx: Context, name: str) -> Cohort:
    cohort = _cohorts(ctx).get(name.strip().lower())
    if cohort is None:
        raise CellError(
            COHORT,
            _("«%(name)s» er ikke et kull i programmet (importer kullene først)")
            % {"name": name[:100]},
        )
    return cohort


class CohortsKind(Kind):
    slug = "kull"
    label = gettext_lazy("Kull")
    description = gettext_lazy(
        "Én rad per kull i programmet. Et kull med samme navn som et som finnes, oppdateres. "
        "Du blir koordinator for kull som opprettes."
    )
    columns = (
        Column(COHORT, gettext_lazy("Kullets navn, unikt i programmet."), "Kull 2024", True),
        Column(VERSION, gettext_lazy("Programversjonens navn (kravene)."), "2024", True),
        Column(START, gettext_lazy("Første dag, dd.mm.åååå."), "19.08.2024", True),
        Column(END, gettext_lazy("Siste dag, dd.mm.åååå."), "20.06.2025", True),
        Column(CAPACITY, gettext_lazy("Antall plasser, 1–500."), "17", True),
        Column(PLACE, gettext_lazy("Hvor undervisningen er."), "Bergen"),
    )
    field_columns = {
        "name": COHORT,
        "version": VERSION,
        "start_date": START,
        "end_date": END,
        "capacity": CAPACITY,
        "place": PLACE,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        name = as_text(row, COHORT).lower()
        return (name,) if name else None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        name = as_text(row, COHORT, required=True, max_length=100)
        version_name = as_text(row, VERSION, required=True, max_length=100)
        start = as_date(row, START, required=True)
        end = as_date(row, END, required=True)
        capacity = as_int(row, CAPACITY, required=True, low=1, high=500)
        place = as_text(row, PLACE, max_length=200)
        versions = ctx.cached(
            "versions",
            lambda: {
                v.name.strip().lower(): v
                for v in ProgrammeVersion.objects.filter(programme=ctx.programme)
            },
        )
        version = versions.get(version_name.lower())
        if version is None:
            raise CellError(
                VERSION,
                _("«%(name)s» er ikke en versjon av programmet (lag den under Program først)")
                % {"name": version_name},
            )
        assert start is not None and end is not None and capacity is not None
        existing = _cohorts(ctx).get(name.lower())
        if existing is None:
            cohort = cohort_create(
                by=ctx.by,
                version=version,
                name=name,
                start_date=start,
                end_date=end,
                capacity=capacity,
                place=place,
            )
            _cohorts(ctx)[name.lower()] = cohort
            return RowResult(Outcome.CREATE, [_("Nytt kull.")])
        same = (
            existing.version_id == version.pk
            and existing.start_date == start
            and existing.end_date == end
            and existing.capacity == capacity
            and existing.place == place
        )
        if same:
            return RowResult(Outcome.UNCHANGED, [_("Kullet finnes fra før, uendret.")])
        cohort = cohort_update(
            by=ctx.by,
            cohort=existing,
            version=version,
            name=existing.name,
            start_date=start,
            end_date=end,
            capacity=capacity,
            place=place,
            coordinators=existing.coordinators.all(),
            teachers=existing.teachers.all(),
            applications_open=existing.applications_open,
            application_deadline=existing.application_deadline,
            today=ctx.today,
        )
        _cohorts(ctx)[name.lower()] = cohort
        return RowResult(Outcome.CHANGE, [_("Kullet finnes og oppdateres.")])


class SessionsKind(Kind):
    slug = "okter"
    label = gettext_lazy("Undervisningsøkter")
    description = gettext_lazy(
        "Én rad per økt. En økt i samme kull, dato og starttid som en som finnes, oppdateres."
    )
    columns = (
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(
            DATE, gettext_lazy("Dato, dd.mm.åååå, innenfor kullets datoer."), "20.08.2024", True
        ),
        Column(FROM, gettext_lazy("Starttid, tt:mm."), "09:00", True),
        Column(TO, gettext_lazy("Sluttid, tt:mm."), "12:00", True),
        Column(TOPIC, gettext_lazy("Tema eller modul."), "Recovery"),
    )
    field_columns = {
        "date": DATE,
        "start_time": FROM,
        "end_time": TO,
        "topic": TOPIC,
        "first_date": DATE,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (as_text(row, COHORT).lower(), as_date(row, DATE), as_time(row, FROM))
        except CellError:
            return None

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        cohort = find_cohort(ctx, as_text(row, COHORT, required=True))
        date = as_date(row, DATE, required=True)
        start = as_time(row, FROM, required=True)
        end = as_time(row, TO, required=True)
        topic = as_text(row, TOPIC, max_length=200)
        assert date is not None and start is not None and end is not None
        existing = (
            Session.objects.filter(cohort=cohort, date=date, start_time=start)
            .select_related("cohort")
            .first()
        )
        if existing is None:
            session_create(
                by=ctx.by, cohort=cohort, date=date, start_time=start, end_time=end, topic=topic
            )
            return RowResult(Outcome.CREATE, [_("Ny økt.")])
        if existing.end_time == end and existing.topic == topic:
            return RowResult(Outcome.UNCHANGED, [_("Økten finnes fra før, uendret.")])
        session_update(
            by=ctx.by,
            session=existing,
            date=date,
            start_time=start,
            end_time=end,
            topic=topic,
            teacher=existing.teacher,
        )
        return RowResult(Outcome.CHANGE, [_("Økten finnes og oppdateres.")])
