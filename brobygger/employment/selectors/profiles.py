"""Reads for candidate profiles. `profiles_visible_to_employers` is the ONE rule for what
employers may see: published, an active EMPLOYER_PROFILE consent, and a participant who takes
part in or has completed the programme. It is evaluated on every request, so a withdrawn
consent hides the profile at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from brobygger.completion.models import Completion
from brobygger.employment.models import CandidateProfile
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.privacy.models import Consent, ConsentPurpose

ELIGIBLE_STATUSES = (Status.DELTAR, Status.FULLFORT)


def _eligible_enrolments(participant_ref: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(participant=participant_ref, status__in=ELIGIBLE_STATUSES)


def is_eligible(participant_id: int) -> bool:
    """Taking part in, or having completed, the programme (a Completion implies FULLFORT)."""
    return (
        _eligible_enrolments(participant_id).exists()
        or Completion.objects.filter(enrolment__participant_id=participant_id).exists()
    )


def profiles_visible_to_employers() -> QuerySet[CandidateProfile]:
    active_consent = Consent.objects.filter(
        participant=OuterRef("participant"),
        purpose=ConsentPurpose.EMPLOYER_PROFILE,
        withdrawn_at__isnull=True,
    )
    return CandidateProfile.objects.filter(
        Exists(active_consent),
        Exists(_eligible_enrolments(OuterRef("participant"))),
        published=True,
    )


@dataclass(frozen=True)
class CandidateCard:
    """What an employer sees of a candidate: their own words and what they chose to share.
    Never attendance, health, benefits or programme notes."""

    id: int
    participant_id: int
    first_name: str
    headline: str
    about: str
    work_wanted: str
    percent_wanted: int | None
    place: str
    programme_line: str
    email: str


def _programme_line(completed_on: object, show_year: bool) -> str:
    if completed_on is None:
        return _("Tar MB-utdanningen nå")
    if show_year:
        return _("Fullførte MB-utdanningen i %(year)s") % {"year": completed_on.year}  # type: ignore[attr-defined]
    return _("Har fullført MB-utdanningen")


CARD_VALUES = (
    "id",
    "participant_id",
    "participant__first_name",
    "participant__email",
    "headline",
    "about",
    "work_wanted",
    "percent_wanted",
    "municipality__name",
    "area",
    "show_completion_year",
    "show_email",
    "completed_on",
)


def _cards(profiles: QuerySet[CandidateProfile]) -> list[CandidateCard]:
    last_completion = (
        Completion.objects.filter(enrolment__participant=OuterRef("participant"))
        .values("enrolment__participant")
        .annotate(last=Max("completed_on"))
        .values("last")
    )
    rows = profiles.annotate(completed_on=Subquery(last_completion)).values(*CARD_VALUES)
    return [
        CandidateCard(
            id=row["id"],
            participant_id=row["participant_id"],
            first_name=row["participant__first_name"],
            headline=row["headline"],
            about=row["about"],
            work_wanted=row["work_wanted"],
            percent_wanted=row["percent_wanted"],
            place=", ".join(p for p in (row["municipality__name"], row["area"]) if p),
            programme_line=_programme_line(row["completed_on"], row["show_completion_year"]),
            email=row["participant__email"] if row["show_email"] else "",
        )
        for row in rows
    ]


def candidate_cards(*, county: str = "") -> list[CandidateCard]:
    """The candidate list for employers (one query), newest published first."""
    profiles = profiles_visible_to_employers()
    if county:
        profiles = profiles.filter(municipality__county=county)
    return _cards(profiles.order_by("-published_at", "id"))


def candidate_card(pk: int) -> CandidateCard:
    """One candidate for an employer; 404 unless visible right now."""
    cards = _cards(profiles_visible_to_employers().filter(pk=pk))
    if not cards:
        raise Http404
    return cards[0]


def card_for_participant(participant_id: int) -> CandidateCard | None:
    """The card of a candidate in a hiring case, if (still) visible."""
    cards = _cards(profiles_visible_to_employers().filter(participant_id=participant_id))
    return cards[0] if cards else None


def participant_of(card: CandidateCard) -> Participant:
    """The person behind a card the user may see (for services that take a Participant)."""
    return Participant.objects.get(pk=card.participant_id)


def own_profile(participant: Participant) -> CandidateProfile | None:
    return (
        CandidateProfile.objects.filter(participant=participant)
        .select_related("municipality")
        .first()
    )
