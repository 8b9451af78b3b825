from django.apps import AppConfig


class CalendarFeedConfig(AppConfig):
    name = "brobygger.calendarfeed"
    label = "calendarfeed"
    verbose_name = "Timeplan og kalenderabonnement"
