"""Properties of the attendance-share rule (attendance/rules.py) and how its figure is shown."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from brobygger.attendance.rules import attendance_share, meets_share_rule
from brobygger.core.formatting import whole_percent

hours = st.decimals(min_value=0, max_value=400, places=2)
whole_percent_rules = st.integers(min_value=1, max_value=100).map(lambda p: Decimal(p) / 100)


@given(hours, hours)
def test_the_share_is_attended_over_scheduled_and_none_before_anything_is_scheduled(a, s):
    share = attendance_share(attended=a, scheduled=s)
    if s == 0:
        assert share is None
    else:
        assert share == a / s and share >= 0


@given(hours, hours, whole_percent_rules)
def test_the_shown_whole_percent_never_reads_as_meeting_a_rule_that_is_not_met(a, s, rule):
    share = attendance_share(attended=a, scheduled=s)
    meets = meets_share_rule(share=share, min_share=rule)
    if share is None:
        assert meets is True  # nothing scheduled yet: nothing missed
    else:
        # Rounded down, 79.6 % shows as 79 and an 80 % rule reads as missed, as it is.
        assert meets == (whole_percent(share) >= whole_percent(rule))


@given(hours, hours)
def test_a_version_without_a_rule_has_no_verdict(a, s):
    assert meets_share_rule(share=attendance_share(attended=a, scheduled=s), min_share=None) is None
