"""Staff users for the two-server test and the load test, in a database that has the demo
(`manage.py load_demo`): N coordinators of the demo's programme owner, each with a password and
an authenticator app, so the clients log in through the real login and MFA forms.

    DATABASE_URL=... python deploy/loadtest/seed.py --users 300 --out var/load-users.json

Writes JSON: {"password", "users": [{"username", "secret"}], "cohorts": [{"id", "start",
"end"}]}, the cohorts being the demo's running ones (where the clients add sessions). Run it
with the app's environment; it is test data only, never for a real database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "last-test-passord-2026"  # noqa: S105 - synthetic load-test users only


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--prefix", default="last")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brobygger.settings")
    import django

    django.setup()
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from brobygger.accounts.models import Membership, Role, User
    from brobygger.programmes.models import Cohort

    owner = Membership.objects.get(user__username="koordinator", role=Role.COORDINATOR)
    organisation = owner.organisation
    today = timezone.localdate()
    cohorts = list(
        Cohort.objects.filter(
            version__programme__organisation=organisation,
            start_date__lte=today,
            end_date__gte=today,
        ).order_by("pk")
    )
    if not cohorts:
        raise SystemExit("No running cohort of the demo's organisation: run load_demo first.")
    password = make_password(PASSWORD)  # hashed once: the hasher is slow on purpose
    users = []
    with transaction.atomic():
        for n in range(1, args.users + 1):
            username = f"{args.prefix}-{n:03d}"
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={"first_name": "Last", "last_name": f"Test {n:03d}", "password": password},
            )
            Membership.objects.get_or_create(
                user=user, organisation=organisation, role=Role.COORDINATOR
            )
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
            users.append({"username": username, "secret": secret})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "users": users,
                "cohorts": [
                    {"id": c.pk, "start": c.start_date.isoformat(), "end": c.end_date.isoformat()}
                    for c in cohorts
                ],
            }
        )
    )
    print(f"seeded {len(users)} coordinators, {len(cohorts)} running cohort(s) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
