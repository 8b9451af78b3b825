"""The shared error summary (templates/core/_error_summary.html via core/_form_errors.html):
one entry per error linking to its field, the page title prefixed with "Feil: "."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from brobygger.core.templatetags.form_errors import form_error_items
from brobygger.programmes.models import Cohort

pytestmark = pytest.mark.django_db


class _Sample(forms.Form):
    name = forms.CharField(label="Navn")
    kind = forms.ChoiceField(label="Type", choices=[("a", "A")], widget=forms.RadioSelect)

    def clean(self):  # type: ignore[no-untyped-def]
        raise forms.ValidationError("Hele skjemaet er feil.")


def test_each_error_links_to_its_input_and_form_errors_have_no_link():
    form = _Sample(data={})
    assert form_error_items(form) == [
        {"id": "", "name": "", "message": "Hele skjemaet er feil."},
        {"id": "id_name", "name": "Navn", "message": "Feltet er påkrevet."},
        {"id": "id_kind_0", "name": "Type", "message": "Feltet er påkrevet."},
    ]
    assert form_error_items(_Sample()) == []  # unbound: no errors, no summary
    assert form_error_items(None) == []


def test_the_new_cohort_form_with_errors_shows_the_summary_and_prefixes_the_title(client, personas):
    client.force_login(personas.coordinator)
    blank = client.get(reverse("cohort_create")).content.decode()
    assert "<title>Feil:" not in blank and "ds-error-summary" not in blank
    assert 'class="form-grid" novalidate' in blank

    before = Cohort.objects.count()
    page = client.post(reverse("cohort_create"), {}).content.decode()
    assert "<title>Feil: " in page
    assert 'class="ds-error-summary" role="alert" tabindex="-1" data-error-summary' in page
    assert '<a class="ds-link" href="#id_name">' in page
    assert 'id="id_name"' in page
    assert Cohort.objects.count() == before  # nothing saved
