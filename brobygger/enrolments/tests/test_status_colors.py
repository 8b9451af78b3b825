"""Every place that shows an enrolment status as a tag takes its colour from STATUS_COLORS."""

from django.template.loader import render_to_string

from brobygger.enrolments.models import STATUS_COLORS, Status


def test_the_completion_status_tag_uses_the_one_colour_table():
    assert set(STATUS_COLORS) == set(Status.values)
    for status in Status:
        html = render_to_string(
            "completion/_partials/status_tag.html", {"status": status.value, "label": status.label}
        )
        assert f'data-color="{STATUS_COLORS[status]}"' in html, status
        assert str(status.label) in html
    assert 'data-color="neutral"' in render_to_string(
        "completion/_partials/status_tag.html", {"status": "UKJENT", "label": "?"}
    )
