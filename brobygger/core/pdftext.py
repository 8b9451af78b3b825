"""PDFs from HTML templates (WeasyPrint), tagged as PDF/UA-1 for screen readers.

Every PDF is a Django template rendered in the active language, so its texts go through
`{% translate %}` like any page, `<html lang>` becomes the PDF's `/Lang`, `<title>` its title,
and headings, paragraphs, tables and images (with their alt text) its structure tree, in the
order of the HTML. Names that users typed reach the PDF only through the template's
autoescaping: they are text, never markup.

The renderer fetches nothing but `data:` URIs (charts) and the Inter font files shipped in
`static/vendor/inter`: an `<img src>` or `url()` pointing anywhere else (the network, the
server's disk) is refused. DejaVu Sans (Debian's fonts-dejavu-core) stands in for any character
Inter lacks. Fonts are embedded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONT_DIR = Path(settings.BASE_DIR) / "brobygger" / "static" / "vendor" / "inter" / "files"
PDF_VARIANT = "pdf/ua-1"


def _font_css() -> str:
    faces = [
        "@font-face { font-family: 'Inter'; font-style: normal; "
        f"font-weight: {weight}; src: url('{(FONT_DIR / name).as_uri()}') format('woff2'); }}"
        for weight, name in (
            (400, "inter-latin-400-normal.woff2"),
            (600, "inter-latin-600-normal.woff2"),
            (700, "inter-latin-700-normal.woff2"),
        )
    ]
    return "\n".join(faces) + "\nhtml { font-family: 'Inter', 'DejaVu Sans', sans-serif; }"


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class LocalOnly(URLFetcher):  # type: ignore[misc]
        """`data:` URIs and the shipped font files; nothing else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if path.parent == FONT_DIR.resolve() and path.suffix == ".woff2":
                    return super().fetch(url, headers)
            raise ValueError(f"PDF may not fetch {url!r}")

    return LocalOnly(allowed_protocols=("data", "file"), allow_redirects=False)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The template (a whole HTML document with `<html lang="{{ lang }}">` and a `<title>`)
    as a tagged PDF/UA-1 document in the active language."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    lang = translation.get_language() or settings.LANGUAGE_CODE
    html = render_to_string(template_name, {**context, "lang": lang})
    fetcher = _fetcher()
    fonts = FontConfiguration()  # without it WeasyPrint ignores @font-face
    document = HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=fetcher)
    pdf = document.write_pdf(
        stylesheets=[CSS(string=_font_css(), url_fetcher=fetcher, font_config=fonts)],
        font_config=fonts,
        pdf_variant=PDF_VARIANT,
    )
    assert isinstance(pdf, bytes)
    return pdf
