"""Routes of this app for the authorisation matrix (core/tests/test_authorisation_matrix.py).
The timetable pages take no arguments (picked up as they are); the public feed needs a live
token of Dina's, made here, since a sample one would only ever meet a 404."""

from brobygger.calendarfeed.services import calendar_feed_create

EXTRA_ARGS = {
    "calendar_feed": lambda personas, obj: {
        "token": calendar_feed_create(by=personas.participant_user).token
    },
}
