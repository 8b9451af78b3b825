"""URL map of the pages: the same paths and names they had in the apps they came from."""

from django.urls import path

from brobygger.pages import participant, people

urlpatterns = [
    # From completion.urls.
    path("deltakelser/<int:pk>/", participant.enrolment_detail, name="enrolment_detail"),
    path(
        "deltakelser/<int:pk>/fullfor/", participant.completion_confirm, name="completion_confirm"
    ),
    path(
        "deltakelser/<int:pk>/fullfor/godkjenn/",
        participant.completion_approve,
        name="completion_approve",
    ),
    path("meg/", participant.my_progress, name="my_progress"),
    # From organisations.urls and employment.urls.
    path("organisasjoner/<int:pk>/brukere/", people.organisation_users, name="organisation_users"),
    path("arbeidsgivere/<int:pk>/brukere/ny/", people.employer_user_add, name="employer_user_add"),
]
