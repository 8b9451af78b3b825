"""Page bodies: plain text with paragraphs, lists and headings; everything escaped."""

from brobygger.guidance.rendering import render_body


def test_blank_lines_make_paragraphs_and_single_breaks_stay():
    html = render_body("Første linje\nandre linje\n\nNytt avsnitt")
    assert html == (
        '<p class="ds-paragraph">Første linje<br>andre linje</p>\n'
        '<p class="ds-paragraph">Nytt avsnitt</p>'
    )


def test_bullets_numbers_and_headings():
    html = render_body("## Tittel\nIntro:\n- en\n- to\nfortsatt to\n\n1. først\n2) så")
    assert '<h2 class="ds-heading" data-size="sm">Tittel</h2>' in html
    assert '<p class="ds-paragraph">Intro:</p>' in html
    assert '<ul class="ds-list"><li>en</li><li>to fortsatt to</li></ul>' in html
    assert '<ol class="ds-list"><li>først</li><li>så</li></ol>' in html


def test_a_switch_from_bullets_to_numbers_starts_a_new_list():
    html = render_body("- a\n1. b")
    assert html == '<ul class="ds-list"><li>a</li></ul>\n<ol class="ds-list"><li>b</li></ol>'


def test_markup_from_an_editor_is_escaped_everywhere():
    html = render_body(
        '## <img src=x onerror="alert(1)">\n<script>alert(1)</script>\n- <b>fet</b>\n1. "q" & \'s\''
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html
    assert "&quot;q&quot; &amp; &#x27;s&#x27;" in html


def test_windows_line_endings_and_empty_text():
    assert render_body("a\r\n\r\nb").count("<p ") == 2
    assert render_body("") == ""
