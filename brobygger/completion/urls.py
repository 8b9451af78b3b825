"""URL map for this app."""

from django.urls import path

from brobygger.completion import views

urlpatterns = [
    path("kull/<int:pk>/", views.cohort_overview, name="cohort_overview"),
    path("deltakelser/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("deltakelser/<int:pk>/fullfor/", views.completion_confirm, name="completion_confirm"),
    path(
        "deltakelser/<int:pk>/fullfor/godkjenn/",
        views.completion_approve,
        name="completion_approve",
    ),
    path("fullforing/unntak/", views.completion_exceptions, name="completion_exceptions"),
    path("meg/", views.my_progress, name="my_progress"),
]
