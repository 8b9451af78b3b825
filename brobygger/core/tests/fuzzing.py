"""Hostile input for the fuzz test: hypothesis strategies for one form field and a whole form."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from brobygger.core.tests.formwalk import Field, Form

settings.register_profile(
    "brobygger-fuzz",
    deadline=None,
    derandomize=True,  # the same inputs on every run and in CI
    database=None,  # nothing written to .hypothesis/
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=False,
)

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'

HOSTILE = [
    "",
    " ",
    "a" * 5000,
    "Æ" * 20_000,
    "\x00",
    "nul\x00midt i",
    "\x01\x02\x1b[31m\x7f",
    "linje\r\nSet-Cookie: x=1",
    "\u202eevil\u202c",
    "\ufeff\u200b\u00a0",
    "😀🇳🇴👩🏽‍⚕️",
    "𝕳𝖊𝖑𝖑𝖔 ǅ ß İ",
    SCRIPT,
    ATTRIBUTE_BREAKOUT,
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "1; DROP TABLE accounts_user; --",
    "{{ 7*7 }}{% debug %}",
    "${7*7}%s%n%x",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "-1",
    "0",
    "99999999999999999999999999999999",
    "-9223372036854775809",
    "18446744073709551616",
    "1.5",
    "1,5",
    "0x1F",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "31.12.9999",
    "29.02.2027",
    "00:00",
    "24:00",
    "25:61",
    "true",
    "null",
    "[]",
    '{"a": 1}',
]

_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # lone surrogates cannot be sent
    max_size=300,
)
_numbers = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
_dates = st.dates().map(lambda d: d.isoformat())
_files = st.sampled_from(
    [
        ("../../etc/passwd", b"root:x:0:0"),
        ("oppgave.pdf", b"%PDF-1.4\n" + b"\x00" * 200),
        ("<script>alert(1)</script>.pdf", b"<script>alert(1)</script>"),
        ("tom.docx", b""),
        ("x" * 300 + ".odt", b"PK\x03\x04" + b"\xff" * 100),
        ("bilde.svg", b'<svg onload="alert(1)"/>'),
    ]
)


def _valid(field: Field) -> st.SearchStrategy[Any]:
    """Something the form may accept, so the fuzz also reaches past the first validation."""
    options = [o for o in field.options if o != ""]
    if options:
        return st.sampled_from(options)
    return st.just(field.value)


def field_value(field: Field) -> st.SearchStrategy[Any]:
    if field.kind == "file":
        return _files.map(lambda f: SimpleUploadedFile(f[0], f[1]))
    return st.one_of(
        _valid(field),
        st.sampled_from(HOSTILE),
        _text,
        _numbers,
        _dates,
        st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=3),  # a list where one value is due
    )


@st.composite
def form_data(draw: st.DrawFn, form: Form) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # leave the field out altogether
        data[name] = draw(field_value(field))
    if draw(st.integers(0, 19)) == 0:
        data[draw(_text.filter(bool))] = draw(st.sampled_from(HOSTILE))  # an unknown field
    return data


def filled_with(form: Form, payload: str) -> dict[str, Any]:
    """The form as a careful user would fill it, with `payload` in every free-text field."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.kind in ("text", "search", "textarea", "") or (
            field.kind == "hidden" and not field.value
        ):
            data[name] = payload
        elif field.kind in ("select", "radio", "button"):
            options = [o for o in field.options if o]
            data[name] = field.value or (options[0] if options else "")
        elif field.kind == "checkbox":
            if field.required or "checked" in field.attrs:
                data[name] = field.options[0] if field.options else "on"
        elif field.kind == "file":
            continue
        else:
            data[name] = field.value or _plausible(field)
    return data


def _plausible(field: Field) -> str:
    low = field.attrs.get("min", "")
    return {
        "date": low or "2026-10-20",
        "time": low or "10:00",
        "number": low or "1",
        "email": "ola@example.org",
        "tel": "99999999",
        "url": "https://example.org/",
        "month": "2026-10",
        "week": "2026-W43",
        "password": "et-langt-passord-for-test",
    }.get(field.kind, "1")
