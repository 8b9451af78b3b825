"""URL map for this app. The participant's page and "meg/" are pages.urls (ADR 0024)."""

from django.urls import path

from brobygger.completion import views

urlpatterns = [
    path("kull/<int:pk>/", views.cohort_overview, name="cohort_overview"),
    path("fullforing/unntak/", views.completion_exceptions, name="completion_exceptions"),
    path("mine-kandidater/", views.caseworker_candidates, name="caseworker_candidates"),
]
