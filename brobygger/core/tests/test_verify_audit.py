"""`manage.py verify_audit`: the audit trail and the read log are hash chains (ADR 0013); a
row changed, removed or moved behind the app's back is reported, the command fails, and the
administrator sees it on /innsynslogg/. Runs on SQLite and PostgreSQL (as the owner there)."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.core.chain import CHAIN_COLUMNS, CHAINED_FIELDS, link_hash, row_digest
from brobygger.core.models import AuditCheck, AuditEvent
from brobygger.core.tests.chaintamper import behind_the_apps_back
from brobygger.enrolments.models import Participant

AUDIT = "core_auditevent"
ACCESS = "accesslog_accessevent"


def audit_rows(n):
    return [
        AuditEvent.objects.create(
            action="update", object_type="x.y", object_id=str(i), changes={"n": [i, i + 1]}
        )
        for i in range(n)
    ]


def access_rows(n):
    participant = Participant.objects.create(first_name="Test", last_name="Testesen")
    return AccessEvent.objects.bulk_create(
        [AccessEvent(participant=participant, shown=f"Side {i}") for i in range(n)]
    )


def verify():
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as error:
        assert error.returncode == 1
        return False, out.getvalue() + err.getvalue()
    return True, out.getvalue() + err.getvalue()


def chain(model):
    return list(model.objects.order_by("chain_seq"))


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_every_field_of_a_log_is_hashed_or_part_of_the_chain(model):
    names = {f.attname for f in model._meta.concrete_fields if not f.primary_key}
    assert names == set(CHAINED_FIELDS[model._meta.db_table]) | set(CHAIN_COLUMNS)


@pytest.mark.django_db
def test_new_rows_are_linked_in_order_by_the_database():
    audit_rows(3)
    access_rows(3)  # bulk_create: one INSERT, still one link per row
    for model in (AuditEvent, AccessEvent):
        rows = chain(model)
        assert [row.chain_seq for row in rows] == [1, 2, 3]
        prev = ""
        for row in rows:
            assert row.digest == row_digest(row)
            assert row.prev_hash == prev
            assert row.row_hash == link_hash(prev, row.digest)
            prev = row.row_hash


@pytest.mark.django_db
def test_chain_values_sent_with_an_insert_are_overwritten():
    forged = AuditEvent(action="x", object_type="x.y", object_id="1")
    forged.chain_seq, forged.prev_hash, forged.row_hash = 99, "f" * 64, "e" * 64
    forged.save()
    forged.refresh_from_db()
    assert (forged.chain_seq, forged.prev_hash) == (1, "")
    assert forged.row_hash == link_hash("", forged.digest)


@pytest.mark.django_db
def test_a_whole_chain_passes_and_is_recorded():
    audit_rows(3)
    access_rows(2)
    ok, output = verify()
    assert ok, output
    assert "Loggkjedene er hele" in output
    check = AuditCheck.objects.get()
    assert check.ok and check.problem_count == 0
    assert check.heads[AUDIT][0] == 3 and check.heads[ACCESS][0] == 2


@pytest.mark.django_db
def test_empty_logs_pass():
    assert verify()[0]


def test_a_changed_row_is_reported(owner_db):
    rows = audit_rows(3)
    behind_the_apps_back(
        AUDIT, f"UPDATE {AUDIT} SET action = %s WHERE id = %s", ["forged", rows[1].pk]
    )
    ok, output = verify()
    assert not ok
    assert f"{AUDIT}: nr. 2 (id {rows[1].pk}) er endret" in output
    check = AuditCheck.objects.get()
    assert not check.ok and check.problem_count == 1


def test_a_changed_row_with_a_recomputed_digest_is_reported(owner_db):
    # Someone who knows how the digest is made changes a row and its digest: the link to the
    # next row still gives it away.
    rows = access_rows(3)
    row = AccessEvent.objects.get(pk=rows[0].pk)
    row.shown = "X"
    behind_the_apps_back(
        ACCESS,
        f"UPDATE {ACCESS} SET shown = 'X', digest = %s WHERE id = %s",
        [row_digest(row), row.pk],
    )
    ok, output = verify()
    assert not ok
    assert "nr. 1" in output and "kjedefeltene stemmer ikke" in output


def test_a_removed_row_is_reported(owner_db):
    rows = access_rows(4)
    behind_the_apps_back(ACCESS, f"DELETE FROM {ACCESS} WHERE id = %s", [rows[1].pk])
    ok, output = verify()
    assert not ok
    assert f"{ACCESS}: 1 rad(er) fjernet før nr. 3" in output


def test_swapped_rows_are_reported(owner_db):
    rows = audit_rows(4)
    a, b = rows[1], rows[2]
    for sql, params in [
        (f"UPDATE {AUDIT} SET chain_seq = -1 WHERE id = %s", [a.pk]),
        (f"UPDATE {AUDIT} SET chain_seq = 2 WHERE id = %s", [b.pk]),
        (f"UPDATE {AUDIT} SET chain_seq = 3 WHERE id = %s", [a.pk]),
    ]:
        behind_the_apps_back(AUDIT, sql, params)
    ok, output = verify()
    assert not ok
    assert f"nr. 2 (id {b.pk}) er flyttet" in output
    assert "er endret" not in output  # each row is itself intact: only the order is wrong


def test_rows_removed_from_the_end_are_reported_by_the_next_check(owner_db):
    rows = audit_rows(3)
    assert verify()[0]
    behind_the_apps_back(AUDIT, f"DELETE FROM {AUDIT} WHERE id = %s", [rows[2].pk])
    ok, output = verify()
    assert not ok
    assert "kjeden slutter på nr. 2, men gikk til nr. 3 ved forrige kontroll" in output


def test_a_row_inserted_behind_the_trigger_is_reported(owner_db):
    audit_rows(1)
    behind_the_apps_back(
        AUDIT,
        f"INSERT INTO {AUDIT} (at, actor_roles, action, object_type, object_id, changes, "
        "request_id, digest, prev_hash, row_hash) VALUES "
        "(CURRENT_TIMESTAMP, '', 'sneaked', 'x.y', '1', '{}', '', '', '', '')",
    )
    ok, output = verify()
    assert not ok
    assert "1 rad(er) står utenfor kjeden" in output


def test_the_administrator_sees_a_failed_check(client, personas):
    AuditCheck.objects.create(ok=False, problem_count=2, report=f"{AUDIT}: nr. 2 (id 7) er endret")
    client.force_login(personas.admin)
    html = client.get(reverse("access_log_review")).content.decode()
    assert "Loggene er ikke hele" in html and "nr. 2 (id 7) er endret" in html


def test_the_administrator_sees_a_passed_check_and_a_missing_one(client, personas):
    client.force_login(personas.admin)
    assert "ikke kontrollert ennå" in client.get(reverse("access_log_review")).content.decode()
    AuditCheck.objects.create(ok=True)
    html = client.get(reverse("access_log_review")).content.decode()
    assert "var hele ved siste kontroll" in html and "Loggene er ikke hele" not in html


@pytest.mark.django_db
def test_rows_read_back_from_the_database_give_the_same_digest():
    # Values whose stored form differs from the Python one: key order, tuples, floats,
    # non-ASCII text, nested JSON, and a timestamp with microseconds taken in Oslo time.
    moment = dt.datetime(2026, 3, 29, 3, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Oslo"))
    with time_machine.travel(moment, tick=False):
        AuditEvent.objects.create(
            action="update",
            object_type="enrolments.participant",
            object_id="42",
            changes={"ø": ("æ", "å"), "n": [1, 2.5], "nested": {"b": 1, "a": [None, True]}},
        )
        AccessEvent.objects.create(
            participant=Participant.objects.create(first_name="Åse", last_name="Ødegård"),
            shown="Deltakerside – «timeliste»",
            denied=True,
            flagged=True,
        )
    assert AuditEvent.objects.get().at == moment
    ok, output = verify()
    assert ok, output


def test_rows_written_by_the_services_verify(personas):
    assert AuditEvent.objects.exists()
    ok, output = verify()
    assert ok, output


def test_the_daily_job_on_a_broken_chain_fails_and_is_listed_for_administrators(
    owner_db, client, monkeypatch, settings, time_machine
):
    """Issue 10: verify_audit runs as a daily job (jobs/schedule.py); on a broken chain the job
    gives up after its retries, and /drift/jobber/ lists it, as /innsynslogg/ shows the check."""
    from brobygger.accounts.models import Role
    from brobygger.jobs.daily import verify_audit
    from brobygger.jobs.tests.workers import run_inline
    from brobygger.testing import make_org, make_user

    rows = audit_rows(3)
    behind_the_apps_back(
        AUDIT, f"UPDATE {AUDIT} SET action = %s WHERE id = %s", ["forged", rows[1].pk]
    )
    settings.JOBS_RETRY_DELAYS = [30]
    start = dt.datetime(2026, 3, 2, 2, 0, tzinfo=ZoneInfo("Europe/Oslo"))
    time_machine.move_to(start, tick=False)
    verify_audit.enqueue()
    for attempt in range(verify_audit.retries + 1):
        time_machine.move_to(start + dt.timedelta(minutes=attempt), tick=False)
        run_inline(monkeypatch)

    admin = make_user("driftsadmin", role=Role.ADMIN, org=make_org("Driftsorg"))
    client.force_login(admin)
    page = client.get(reverse("job_failures")).content.decode()
    assert "brobygger.jobs.daily.verify_audit" in page
    assert "1 jobb ga opp" in page
    assert not AuditCheck.objects.latest("pk").ok
