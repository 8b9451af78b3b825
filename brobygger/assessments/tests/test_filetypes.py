import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from brobygger.assessments import filetypes
from brobygger.assessments.filetypes import DOCX, ODT, PDF, check_upload, safe_filename
from brobygger.assessments.tests.factories import (
    MINIMAL_PDF,
    minimal_docx,
    minimal_odt,
    plain_zip,
    upload,
)

INVALID = "Filen er ikke en gyldig PDF-, DOCX- eller ODT-fil. Innholdet stemmer ikke med filnavnet."


def message(error: ValidationError) -> str:
    return error.message_dict["file"][0]


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("oppgave.pdf", MINIMAL_PDF, PDF),
        ("Oppgave.PDF", MINIMAL_PDF, PDF),
        ("oppgave.docx", minimal_docx(), DOCX),
        ("oppgave.odt", minimal_odt(), ODT),
    ],
)
def test_real_files_pass_and_are_left_rewound(name, content, kind):
    file = upload(name, content)
    assert check_upload(file) == kind
    assert file.tell() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("oppgave.docx", MINIMAL_PDF),  # a PDF renamed .docx
        ("oppgave.pdf", b"Dette er bare tekst, ikke en PDF.\n"),  # text renamed .pdf
        ("oppgave.pdf", minimal_docx()),  # DOCX renamed .pdf
        ("oppgave.odt", minimal_docx()),
        ("oppgave.docx", minimal_odt()),
        ("oppgave.docx", plain_zip()),  # a zip, but not a Word document
        ("oppgave.odt", minimal_odt(mimetype="application/vnd.oasis.opendocument.spreadsheet")),
        ("oppgave.docx", minimal_docx(extra={"word/vbaProject.bin": "makro"})),  # .docm
        ("oppgave.pdf", b"PK\x03\x04 not really a zip"),
        ("oppgave.exe", MINIMAL_PDF),  # content fine, name not accepted
        ("oppgave", MINIMAL_PDF),
        ("oppgave.pdf", b"<html><script>alert(1)</script>"),
    ],
)
def test_content_that_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    assert message(caught.value) == INVALID


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("oppgave.pdf", b""))
    assert message(caught.value) == "Filen er tom."


def test_size_limit_uses_the_setting(settings):
    assert settings.ASSIGNMENT_MAX_BYTES == 10 * 1024 * 1024
    settings.ASSIGNMENT_MAX_BYTES = len(MINIMAL_PDF) - 1
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("oppgave.pdf", MINIMAL_PDF))
    assert message(caught.value).startswith("Filen er for stor (maks ")
    settings.ASSIGNMENT_MAX_BYTES = len(MINIMAL_PDF)
    assert check_upload(upload("oppgave.pdf", MINIMAL_PDF)) == PDF


def test_the_default_limit_message_says_10_mb(settings):
    assert filetypes.too_large_message(settings.ASSIGNMENT_MAX_BYTES) == (
        "Filen er for stor (maks 10 MB)."
    )


def test_a_zip_bomb_is_judged_by_its_names_without_extracting(monkeypatch):
    # A member declaring a huge size is never read: only names are inspected for DOCX.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * 5_000_000)  # compresses to a few kB
    content = buffer.getvalue()
    assert len(content) < 50_000

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted a member")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_extraction)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", no_extraction)
    assert check_upload(upload("oppgave.docx", content)) == DOCX


def test_an_odt_whose_mimetype_member_claims_to_be_large_is_not_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" + " " * 10_000)
    with pytest.raises(ValidationError):
        check_upload(upload("oppgave.odt", buffer.getvalue()))


def test_too_many_zip_members_are_refused(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_ZIP_MEMBERS", 2)
    with pytest.raises(ValidationError):
        check_upload(upload("oppgave.docx", minimal_docx()))


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Min oppgave.pdf", PDF, "Min oppgave.pdf"),
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\Users\\x\\oppgave.docx", DOCX, "oppgave.docx"),
        ('ond"\r\nSet-Cookie: x.pdf', PDF, "ondSet-Cookie x.pdf"),
        ("oppgave.pdf.exe", PDF, "oppgave.pdf.pdf"),
        (".pdf", PDF, "pdf.pdf"),
        ("...", PDF, "oppgave.pdf"),
        ("Ærlig åpen øving.odt", ODT, "Ærlig åpen øving.odt"),
    ],
)
def test_safe_filename(name, kind, expected):
    assert safe_filename(name, kind=kind) == expected
