"""No name or national id number in a URL: every route argument is a numeric id, a uuid, or one
of a few named arguments whose values are fixed words or dates. (The request paths the whole
test run used are scanned too: test_log_privacy.py.)"""

from brobygger.core.tests.routes import project_routes

# Text arguments allowed in routes (route name, argument), and why each cannot carry personal
# data. Anything else must be a numeric id.
FIXED_WORD_ARGS = {
    ("timesheet_edit", "week"): "an ISO date (the Monday of a timesheet week)",
    ("evaluation_edit", "kind"): "an evaluation kind: midway or final",
    ("guidance_page", "slug"): "the fixed address of a guidance page (content, not a person)",
    ("outcomes_breakdown", "dimension"): "a statistics dimension from a fixed list (else 404)",
    ("outcomes_export", "table"): "a statistics table name from a fixed list (else 404)",
    ("outcomes_export", "fmt"): "csv or xlsx (else 404)",
    ("invitation_open", "code"): (
        "a random one-time invitation code, no personal data; the view moves it into the "
        "session and redirects, so it never stays in the address bar"
    ),
    ("apply_verify", "code"): (
        "a random one-time code from the applicant's verification mail, no personal data; only "
        "its hash is stored"
    ),
    ("calendar_feed", "token"): (
        "a random secret token (the feed's key, no personal data); blanked in log lines"
    ),
}
SAFE_CONVERTERS = {"int", "uuid"}


def test_every_route_argument_is_a_numeric_id_or_a_fixed_word():
    offending = [
        f"{route.qualname}: <{conv}:{name}>"
        for route in project_routes()
        for conv, name in route.params
        if conv not in SAFE_CONVERTERS and (route.qualname, name) not in FIXED_WORD_ARGS
    ]
    assert offending == []


def test_the_routes_have_arguments_to_check():
    assert any(route.params for route in project_routes())
