"""URL map for this app."""

from django.urls import path

from brobygger.privacy import views, views_staff

urlpatterns = [
    path("personvern/", views.privacy_home, name="privacy_home"),
    path("personvern/samtykker/", views.my_consents, name="my_consents"),
    path("personvern/samtykker/gi/", views.my_consent_give, name="my_consent_give"),
    path("personvern/samtykker/trekk/", views.my_consent_withdraw, name="my_consent_withdraw"),
    path("personvern/mine-data/", views.my_data, name="my_data"),
    path("personvern/mine-data/last-ned/", views.my_data_download, name="my_data_download"),
    path(
        "personvern/deltakelser/<int:pk>/anonymiser/",
        views_staff.enrolment_anonymise,
        name="enrolment_anonymise",
    ),
]
