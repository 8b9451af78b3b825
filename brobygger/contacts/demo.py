"""Demo content for contacts (synthetic people only), for the lead to call from load_demo:

from brobygger.contacts.demo import build_demo_contacts
build_demo_contacts(coordinator=demo.users["fylkeskoordinator"], by=demo.users["admin"])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from brobygger.contacts import services
from brobygger.contacts.models import ContactMessage
from brobygger.organisations.models import Municipality

MESSAGES = [
    (
        "4601",
        "Synne Eksempelsen",
        "Bergen kommune, Aktivitetshuset",
        "Vi vurderer å ansette en medarbeider med brukererfaring i 50 prosent stilling fra "
        "høsten. Kan vi få en prat om lønnstilskudd og hvordan vi bør lage stillingen?",
        2,
    ),
    (
        "4631",
        "Tor Tenkt",
        "Alver kommune, psykisk helse og rus",
        "Vi har fått midler til et prosjekt og vil gjerne ha med en medarbeider med "
        "brukererfaring. Hvem kan vi snakke med om rekruttering?",
        9,
    ),
]


def build_demo_contacts(*, coordinator: Any, by: Any) -> None:
    """A directory entry for the demo county coordinator (Vestland) and two messages, one of
    them handled."""
    bergen = Municipality.objects.select_related("county").get(number="4601")
    services.county_coordinator_create(
        by=by,
        county=bergen.county,
        user=coordinator,
        name=str(coordinator),
        title="Fylkeskoordinator for arbeid og psykisk helse",
        email="fylkeskoordinator.vestland@example.no",
        phone="55 00 00 00",
    )
    now = timezone.now()
    for number, name, organisation, body, days_ago in MESSAGES:
        message = services.contact_message_send(
            municipality=Municipality.objects.get(number=number),
            sender_name=name,
            sender_organisation=organisation,
            sender_email=f"{name.split()[0].lower()}@example.no",
            body=body,
        )
        ContactMessage.objects.filter(pk=message.pk).update(
            received_at=now - dt.timedelta(days=days_ago)
        )
    oldest = ContactMessage.objects.order_by("received_at").first()
    if oldest is not None:
        services.contact_message_set_handled(by=coordinator, message=oldest, handled=True)
