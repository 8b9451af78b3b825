"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path("meg/oppgave/", not_built_yet(Role.PARTICIPANT), name="my_assignment"),
    path(
        "deltakelser/<int:pk>/oppgave/",
        not_built_yet(Role.COORDINATOR),
        name="enrolment_submission_create",
    ),
    path(
        "innleveringer/<int:pk>/fil/",
        not_built_yet(Role.COORDINATOR, Role.PARTICIPANT),
        name="submission_download",
    ),
    path(
        "innleveringer/<int:pk>/vurder/", not_built_yet(Role.COORDINATOR), name="submission_assess"
    ),
]
