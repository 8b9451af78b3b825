"""URL map for this app. The feed's token is blanked in log lines (core/logfilters.py)."""

from django.urls import path

from brobygger.calendarfeed import views

urlpatterns = [
    path("meg/timeplan/", views.my_timetable, name="my_timetable"),
    path("meg/timeplan/lenke/", views.my_calendar_feed_create, name="my_calendar_feed_create"),
    path(
        "meg/timeplan/lenke/slett/", views.my_calendar_feed_revoke, name="my_calendar_feed_revoke"
    ),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
