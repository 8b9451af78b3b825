"""URL map for this app (names, routes and roles fixed by the project's URL map)."""

from django.urls import path

from brobygger.enrolments import views

urlpatterns = [
    path("kull/<int:pk>/soknader/", views.cohort_applications, name="cohort_applications"),
    path("kull/<int:pk>/soknader/ny/", views.application_create, name="application_create"),
    path("henvis/", views.referral_create, name="referral_create"),
    path("deltakelser/<int:pk>/status/", views.enrolment_transition, name="enrolment_transition"),
    path("deltakelser/<int:pk>/venteliste/", views.waitlist_move, name="waitlist_move"),
    path(
        "deltakelser/<int:pk>/deltakelsesprosent/",
        views.participation_period_create,
        name="participation_period_create",
    ),
]
