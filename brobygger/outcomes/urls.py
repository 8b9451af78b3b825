"""URL map for this app."""

from django.urls import path

from brobygger.outcomes import views

urlpatterns = [
    path("resultater/", views.outcomes_dashboard, name="outcomes_dashboard"),
    path(
        "resultater/eksport/<slug:table>.<slug:fmt>",
        views.outcomes_export,
        name="outcomes_export",
    ),
    path(
        "resultater/program/<int:pk>/arsrapport.pdf",
        views.outcomes_programme_report,
        name="outcomes_programme_report",
    ),
    path("resultater/<slug:dimension>/", views.outcomes_breakdown, name="outcomes_breakdown"),
]
