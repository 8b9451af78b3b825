"""Another app adds its part of "Mine data" and of anonymisation through the registry."""

import json

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from brobygger.privacy import registry
from brobygger.privacy.registry import AnonymiseResult, Column, Table

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "_SECTIONS", dict(registry._SECTIONS))
    monkeypatch.setattr(registry, "_ANONYMISERS", dict(registry._ANONYMISERS))


def test_a_registered_section_appears_in_the_download_and_on_the_page(
    client, personas, clean_registry
):
    def collect(participant):
        rows = [{"title": "Erfaringskonsulent", "percent": 50}]
        columns = [Column("title", _("Stilling")), Column("percent", _("Prosent"), "number")]
        return [Table("positions", _("Stillinger"), columns, rows)]

    registry.register_export_section("employment", _("Arbeid"), collect, order=90)
    client.force_login(personas.participant_user)
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert data["sections"]["employment"]["tables"]["positions"]["rows"] == [
        {"title": "Erfaringskonsulent", "percent": 50}
    ]
    keys = list(data["sections"])
    assert keys.index("employment") == keys.index("consents") + 1  # by order
    page = client.get(reverse("my_data")).content.decode()
    assert "Arbeid" in page and "Erfaringskonsulent" in page


def test_a_registered_anonymiser_runs_with_the_others(personas, clean_registry):
    from brobygger.privacy.retention.services import participant_anonymise

    seen = []

    def anonymise(target):
        seen.append((target.participant.pk, sorted(target.enrolment_ids)))
        return AnonymiseResult(rows_changed=2, files_deleted=1)

    registry.register_anonymiser("employment", anonymise)
    person = personas.enrolment.participant
    record = participant_anonymise(by=None, participant=person)
    assert seen == [(person.pk, [personas.enrolment.pk])]
    assert record.files_deleted == 1
    assert record.rows_changed >= 3  # its 2, and at least the participant row
