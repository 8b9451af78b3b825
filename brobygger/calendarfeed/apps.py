from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarFeedConfig(AppConfig):
    name = "brobygger.calendarfeed"
    label = "calendarfeed"
    verbose_name = _("Timeplan og kalenderabonnement")
