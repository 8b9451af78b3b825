"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path("kull/<int:pk>/soknader/", not_built_yet(Role.COORDINATOR), name="cohort_applications"),
    path("kull/<int:pk>/soknader/ny/", not_built_yet(Role.COORDINATOR), name="application_create"),
    path("henvis/", not_built_yet(Role.CASEWORKER), name="referral_create"),
    path(
        "deltakelser/<int:pk>/status/", not_built_yet(Role.COORDINATOR), name="enrolment_transition"
    ),
    path("deltakelser/<int:pk>/venteliste/", not_built_yet(Role.COORDINATOR), name="waitlist_move"),
    path(
        "deltakelser/<int:pk>/deltakelsesprosent/",
        not_built_yet(Role.COORDINATOR),
        name="participation_period_create",
    ),
    path("mine-kandidater/", not_built_yet(Role.CASEWORKER), name="caseworker_candidates"),
]
