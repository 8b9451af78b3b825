"""The daily jobs: each is enqueued once a day, at or after its hour (Europe/Oslo), by whichever
worker gets there first (`services.daily_jobs_enqueue`, a unique `DailyRun` row per job and day).

Every daily job must be safe to run twice (a crash can rerun it) and catches up by itself when a
day was missed: each works out what is due "by today", not "today only".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DailyJob:
    name: str  # the DailyRun key; never rename one (it would run again the same day)
    task: str  # dotted path of a `@job` taking no arguments
    hour: int  # 0-23, Europe/Oslo: enqueued at the first worker beat at or after it
    in_demo: bool = True  # False: not scheduled in demo mode (`make run`)


DAILY_JOBS: list[DailyJob] = [
    # Admitted people move to "Deltar" on their cohort's start date (enrolments).
    DailyJob("start_cohorts", "brobygger.jobs.daily.start_cohorts", hour=1),
    # Anonymise people whose retention period has run out (privacy, ADR 0008).
    # Not in demo mode: the demo's older synthetic cohorts are past retention and would be
    # anonymised the first night, emptying the demo's history.
    DailyJob("apply_retention", "brobygger.jobs.daily.apply_retention", hour=1, in_demo=False),
    # Check the hash chains of the audit trail and the read log, after the night's writes (ADR
    # 0013); a broken chain is shown on /innsynslogg/ and the job ends FAILED on /drift/jobber/.
    DailyJob("verify_audit", "brobygger.jobs.daily.verify_audit", hour=2),
    # Old finished jobs out of the queue table.
    DailyJob("prune_job_results", "brobygger.jobs.daily.prune_job_results", hour=3),
    # Notifications (issue 11): the reminders of the day, derived from the data at run time;
    DailyJob("send_reminders", "brobygger.notifications.reminders.tasks.send_reminders", hour=6),
    # an hour later the daily digest mails (so they hold that morning's reminders);
    DailyJob("send_digests", "brobygger.notifications.tasks.send_digests", hour=7),
    # and notifications older than 90 days out.
    DailyJob("prune_notifications", "brobygger.notifications.tasks.prune_notifications", hour=3),
]
