"""URL map for the written assignment."""

from django.urls import path

from brobygger.assessments import views

urlpatterns = [
    path("meg/oppgave/", views.my_assignment, name="my_assignment"),
    path(
        "deltakelser/<int:pk>/oppgave/",
        views.enrolment_submission_create,
        name="enrolment_submission_create",
    ),
    path("innleveringer/<int:pk>/fil/", views.submission_download, name="submission_download"),
    path("innleveringer/<int:pk>/vurder/", views.submission_assess, name="submission_assess"),
]
