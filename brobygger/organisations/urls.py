from django.urls import path

from brobygger.organisations import views

urlpatterns = [
    path("organisasjoner/", views.organisation_list, name="organisation_list"),
    path("organisasjoner/ny/", views.organisation_create, name="organisation_create"),
    path("organisasjoner/mine/", views.my_organisations, name="my_organisations"),
    path("organisasjoner/<int:pk>/endre/", views.organisation_edit, name="organisation_edit"),
    path(
        "organisasjoner/<int:pk>/brukere/<int:user_pk>/roller/",
        views.organisation_member_roles,
        name="organisation_member_roles",
    ),
    path(
        "organisasjoner/<int:pk>/brukere/<int:user_pk>/avslutt/",
        views.organisation_member_end,
        name="organisation_member_end",
    ),
]
