"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path("kull/<int:pk>/", not_built_yet(Role.COORDINATOR), name="cohort_overview"),
    path(
        "deltakelser/<int:pk>/",
        not_built_yet(Role.COORDINATOR, Role.CASEWORKER),
        name="enrolment_detail",
    ),
    path(
        "deltakelser/<int:pk>/fullfor/", not_built_yet(Role.COORDINATOR), name="completion_confirm"
    ),
    path("meg/", not_built_yet(Role.PARTICIPANT), name="my_progress"),
]
