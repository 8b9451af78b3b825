import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from brobygger.assessments import filetypes
from brobygger.assessments.filetypes import DOCX, ODT, PDF, check_upload, safe_filename
from brobygger.assessments.tests.factories import (
    CONTENT_TYPES_XML,
    MINIMAL_PDF,
    content_types_with,
    docx_bomb,
    minimal_docx,
    minimal_odt,
    plain_zip,
    upload,
)

INVALID = "Filen er ikke en gyldig PDF-, DOCX- eller ODT-fil. Innholdet stemmer ikke med filnavnet."
MACROS = (
    "Dokumentet inneholder makroer, og det kan vi ikke ta imot. Lagre det som et vanlig "
    "Word-dokument (.docx) uten makroer og prøv igjen."
)
VBA = "application/vnd.ms-office.vbaProject"


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
        # [Content_Types].xml without the Word main document's type, or not XML at all
        ("oppgave.docx", minimal_docx(content_types="<Types/>")),
        ("oppgave.docx", minimal_docx(content_types="ikke xml <")),
        # A DOCTYPE (entities) in [Content_Types].xml is never expanded
        ("oppgave.docx", minimal_docx(content_types='<!DOCTYPE x [<!ENTITY a "b">]><Types/>')),
        # Two parts whose names differ only in case: which one counts is up to the reader
        ("oppgave.docx", minimal_docx(extra={"WORD/DOCUMENT.XML": "<annen/>"})),
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


@pytest.mark.parametrize(
    "content",
    [
        minimal_docx(extra={"word/vbaProject.bin": "makro"}),  # a .docm renamed .docx
        minimal_docx(extra={"WORD/VBAPROJECT.BIN": "makro"}),  # part names ignore case
        minimal_docx(extra={"word/media/VbaProject.bin": "makro"}),  # in another folder
        # The VBA project's content type given to a part with an innocent name and path ...
        minimal_docx(
            content_types=content_types_with(("/word/media/image1.png", VBA)),
            extra={"word/media/image1.png": "makro"},
        ),
        # ... or to every part with an extension, in another case
        minimal_docx(
            content_types=content_types_with(defaults=(("dat", VBA.upper()),)),
            extra={"customXml/item1.dat": "makro"},
        ),
        # A macro-enabled main document (.docm) with its VBA parts removed
        minimal_docx(
            content_types=CONTENT_TYPES_XML.replace(
                "wordprocessingml.document.main+xml", "word.document.macroEnabled.main+xml"
            )
        ),
        # The same in [CONTENT_TYPES].XML, written as UTF-16
        minimal_docx(
            content_types_name="[CONTENT_TYPES].XML",
            content_types=content_types_with(("/word/x.bin", VBA))
            .replace('encoding="UTF-8"', 'encoding="UTF-16"')
            .encode("utf-16"),
        ),
    ],
)
def test_a_docx_with_macros_is_refused_however_they_are_named(content):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("oppgave.docx", content))
    assert message(caught.value) == MACROS
    assert caught.value.error_dict["file"][0].code == "macros"


def test_a_docx_whose_names_differ_in_case_from_the_usual_ones_is_still_a_docx():
    content = minimal_docx(content_types_name="[content_types].xml")
    assert check_upload(upload("oppgave.docx", content)) == DOCX


def test_a_zip_bomb_is_refused_from_its_declared_sizes_without_reading(settings, monkeypatch):
    assert settings.ASSIGNMENT_MAX_UNPACKED_BYTES == 100 * 1024 * 1024
    settings.ASSIGNMENT_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    content = docx_bomb(20 * 1024 * 1024)  # 20 MB of zeros, as 200 MB would be to 100 MB
    assert len(content) < 100_000

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted a member")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_extraction)
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("oppgave.docx", content))
    assert message(caught.value) == (
        "Filen blir for stor når den pakkes ut (maks 10 MB). Lagre dokumentet på nytt, "
        "gjerne med mindre bilder, og prøv igjen."
    )
    assert caught.value.error_dict["file"][0].code == "unpacked_too_large"


def test_a_docx_just_under_the_unpacked_cap_passes_without_its_document_being_read(
    settings, monkeypatch
):
    content = docx_bomb(5 * 1024 * 1024)
    settings.ASSIGNMENT_MAX_UNPACKED_BYTES = 6 * 1024 * 1024
    opened = []
    real_open = zipfile.ZipFile.open

    def recording_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)
    assert check_upload(upload("oppgave.docx", content)) == DOCX
    assert opened == ["[Content_Types].xml"]


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
