"""Every interface text goes through gettext and has a nynorsk and an English translation."""

from pathlib import Path

import pytest

from brobygger.languages.catalogues import TRANSLATED, compiled, po_files, problems
from brobygger.languages.coverage import (
    python_text,
    template_text,
    untranslated_in_python,
    untranslated_in_templates,
)


def test_no_template_shows_a_text_outside_translate():
    assert untranslated_in_templates() == []


def test_no_python_module_shows_a_sentence_outside_gettext():
    assert untranslated_in_python() == []


def test_the_scanners_find_what_they_are_for():
    # Teeth: each kind of slip the scanners exist to catch is caught, and the right forms pass.
    assert template_text("<p>Lagre endringene</p>") == ["Lagre endringene"]
    assert template_text('<a title="Gå tilbake" href="/">x</a>') != []
    assert template_text('{% load i18n %}<p>{% translate "Lagre" %}</p><code>admin</code>') == []
    assert template_text("{% blocktranslate %}Hei {{ name }}{% endblocktranslate %}") == []
    assert python_text('raise ValueError("Datoen kan ikke være fram i tid.")') != []
    assert python_text('x = f"Svaret må gjelde fra {day}."') != []
    assert python_text('x = _("Datoen kan ikke være fram i tid.")') == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_has_a_translation(language):
    catalogues = [p for p in po_files() if p.parent.parent.name == language]
    assert catalogues, f"no catalogue for {language}"
    assert [problem for po in catalogues for problem in problems(po)] == []


def test_the_compiled_catalogues_match_their_sources():
    stale = [
        str(po)
        for po in po_files()
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").read_bytes() != compiled(po)
    ]
    assert stale == [], "run `manage.py compile_catalogues`"


def test_a_missing_translation_is_reported(tmp_path: Path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Lagre"\nmsgstr ""\n\n'
        'msgid "Hei %(name)s"\nmsgstr "Hello"\n'
    )
    assert len(problems(po)) == 2
