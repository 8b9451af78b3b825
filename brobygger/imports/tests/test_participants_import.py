"""Participants and applications: created through the services, dry run writes nothing, the
same file twice gives one copy, and every bad row is refused with its reason."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.imports.models import RunStatus
from brobygger.imports.synthetic import bad_check_digit, synthetic_numbers, to_csv
from brobygger.imports.tests.helpers import dry_run, import_file, real_run, refusals, upload

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

HEADERS = ["fødselsnummer", "fornavn", "etternavn", "kommunenummer", "kull", "søknadsdato"]
HEADERS += ["status", "statusdato", "årsak"]


def _numbers(count: int) -> list[str]:
    numbers = synthetic_numbers(seed=7)
    return [next(numbers) for _ in range(count)]


def _file(personas, rows: list[list[str]]) -> bytes:
    return to_csv(HEADERS, rows)


def _row(fnr: str, cohort: str, status: str = "Deltar", **over: str) -> list[str]:
    values = {
        "fornavn": "Kari",
        "etternavn": "Testimport",
        "kommunenummer": "4601",
        "søknadsdato": "01.06.2026",
        "statusdato": "",
        "årsak": "",
        **over,
    }
    return [
        fnr,
        values["fornavn"],
        values["etternavn"],
        values["kommunenummer"],
        cohort,
        values["søknadsdato"],
        status,
        values["statusdato"],
        values["årsak"],
    ]


def _counts() -> tuple[int, int, int, int]:
    return (
        Participant.objects.count(),
        Enrolment.objects.count(),
        StatusChange.objects.count(),
        AuditEvent.objects.count(),
    )


def test_it_imports_people_with_their_status_through_the_services(personas):
    a, b, c = _numbers(3)
    name = personas.cohort.name
    content = _file(
        personas,
        [
            _row(a, name, "Deltar"),
            _row(b, name, "Avbrutt", statusdato="01.10.2026", årsak="Sykdom"),
            _row(c, name, "Søkt inn"),
        ],
    )
    run = import_file(personas, "deltakere", content)
    assert run.status == RunStatus.DONE
    assert (run.created, run.changed, run.unchanged, run.refused) == (3, 0, 0, 0)
    assert bytes(run.content) == b""  # the file is gone
    by_fnr = {e.participant.national_id: e for e in Enrolment.objects.select_related("participant")}
    assert by_fnr[a].status == Status.DELTAR
    assert by_fnr[b].status == Status.AVBRUTT
    assert by_fnr[c].status == Status.SOKT_INN
    history = list(by_fnr[b].history.values_list("status", "valid_from", "reason"))
    assert history == [
        (Status.SOKT_INN, dt.date(2026, 6, 1), ""),
        (Status.VURDERES, dt.date(2026, 6, 1), ""),
        (Status.VENTER_PA_OPPSTART, dt.date(2026, 6, 1), ""),
        (Status.DELTAR, personas.cohort.start_date, ""),
        (Status.AVBRUTT, dt.date(2026, 10, 1), "ILLNESS"),
    ]
    assert by_fnr[a].participant.municipality_id == "4601"


def test_every_row_is_audited_as_written_by_the_importing_user_with_the_files_run(personas):
    (a,) = _numbers(1)
    run = import_file(personas, "deltakere", _file(personas, [_row(a, personas.cohort.name)]))
    written = AuditEvent.objects.filter(request_id=run.audit_tag)
    assert written.count() == 5  # participant, application, three status changes
    assert set(written.values_list("actor", flat=True)) == {personas.coordinator.pk}
    upload_event = AuditEvent.objects.get(action="import_upload", object_id=str(run.pk))
    # The trail names the run and the file's hash; the name itself is on the run (a file name
    # may hold a person's name, so the append-only trail redacts it).
    assert upload_event.actor == personas.coordinator
    assert upload_event.changes["kind"] == [None, "deltakere"]
    assert upload_event.changes["content_sha256"] == [None, run.content_sha256]
    assert upload_event.changes["file_name"] == [None, "[skjult]"]
    assert run.file_name == "historikk.csv"


def test_the_dry_run_says_what_would_happen_and_writes_nothing(personas):
    a, b = _numbers(2)
    content = _file(personas, [_row(a, personas.cohort.name), _row(b, personas.cohort.name)])
    run = upload(personas, "deltakere", content)
    before = _counts()
    run = dry_run(run)
    assert _counts() == before
    assert run.status == RunStatus.CHECKED
    assert [row["outcome"] for row in run.report] == ["create", "create"]
    assert bytes(run.content) == content  # kept for the real run


def test_the_same_file_twice_gives_one_copy(personas):
    a, b = _numbers(2)
    content = _file(
        personas,
        [_row(a, personas.cohort.name), _row(b, personas.cohort.name, "Venteliste")],
    )
    import_file(personas, "deltakere", content)
    after_first = _counts()
    second = import_file(personas, "deltakere", content)
    assert (second.created, second.changed, second.unchanged) == (0, 0, 2)
    assert _counts()[:3] == after_first[:3]


def test_a_later_file_moves_a_status_on_and_refuses_a_step_back(personas):
    (a,) = _numbers(1)
    name = personas.cohort.name
    import_file(personas, "deltakere", _file(personas, [_row(a, name, "Søkt inn")]))
    moved = import_file(personas, "deltakere", _file(personas, [_row(a, name, "Deltar")]))
    assert moved.changed == 1
    assert Enrolment.objects.get(participant__national_id=a).status == Status.DELTAR
    back = dry_run(upload(personas, "deltakere", _file(personas, [_row(a, name, "Vurderes")])))
    assert refusals(back) == {
        2: ["Kolonne «status»: kan ikke endre status fra «Deltar» til «Vurderes»"]
    }


def test_bad_rows_are_refused_with_their_reason_and_the_real_run_saves_nothing(personas):
    a, b, c, d, e = _numbers(5)
    name = personas.cohort.name
    content = _file(
        personas,
        [
            _row(a, name),  # line 2: fine
            _row(bad_check_digit(b), name),  # 3
            _row(c, name, kommunenummer="9999"),  # 4
            _row(d, name, "Avbrutt", statusdato="01.07.2026", årsak="Sykdom"),  # 5
            _row(a, name),  # 6: the same as line 2
            _row(e, "Kull som ikke finnes"),  # 7
            _row(e, name, "Avbrutt", statusdato="01.10.2026"),  # 8: no reason
            _row(e[:5], name, søknadsdato="31.02.2026"),  # 9
        ],
    )
    run = dry_run(upload(personas, "deltakere", content))
    found = refusals(run)
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9]
    assert "kontrollsiffer" in found[3][0]
    assert "«9999» er ikke et kommunenummer" in found[4][0]
    assert "utenfor kullets datoer" in found[5][0]
    assert found[6] == ["Står to ganger i filen: samme som rad 2."]
    assert "er ikke et kull i programmet" in found[7][0]
    assert found[8] == ["Kolonne «årsak»: Velg en årsak."]
    assert found[9] == ["Kolonne «fødselsnummer»: må ha 11 siffer"]
    with pytest.raises(ValidationError, match="avviste 7 rader"):
        real_run(run)
    assert not Participant.objects.filter(national_id=a).exists()


def test_a_refused_row_in_the_real_run_undoes_the_whole_file(personas, monkeypatch):
    """The dry run found nothing wrong, but by the real run a row no longer fits: all or
    nothing, the good rows before it are undone too."""
    a, b = _numbers(2)
    name = personas.cohort.name
    run = dry_run(upload(personas, "deltakere", _file(personas, [_row(a, name), _row(b, name)])))
    before = _counts()[:3]
    # Someone fills the cohort between the dry run and the real run.
    personas.cohort.capacity = 2
    personas.cohort.save(update_fields=["capacity"])
    run = real_run(run)
    assert run.status == RunStatus.REFUSED
    assert sorted(refusals(run)) == [2, 3]
    assert "Kullet er fullt" in refusals(run)[2][0]
    assert _counts()[:3] == before
    assert bytes(run.content) == b""


def test_an_existing_person_is_reused_and_left_unchanged(personas):
    (a,) = _numbers(1)
    Participant.objects.filter(pk=personas.enrolment.participant_id).update(national_id=a)
    run = import_file(
        personas, "deltakere", _file(personas, [_row(a, personas.cohort.name, fornavn="Annet")])
    )
    assert run.unchanged == 1  # Dina already applied to this cohort, with that status
    assert Participant.objects.get(national_id=a).first_name == "Dina"


def test_only_the_uploader_may_start_the_real_run(personas):
    (a,) = _numbers(1)
    run = dry_run(upload(personas, "deltakere", _file(personas, [_row(a, personas.cohort.name)])))
    from brobygger.testing import make_user

    colleague = make_user(role="coordinator", org=personas.bergen)
    with pytest.raises(ValidationError, match="Bare den som lastet opp"):
        real_run(run, by=colleague)
