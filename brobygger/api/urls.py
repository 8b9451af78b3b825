"""The API client pages, and the API itself under /api/v1/ (token-authenticated: v1.py)."""

from django.urls import path

from brobygger.api import views
from brobygger.api.v1 import api

urlpatterns = [
    path("organisasjoner/<int:pk>/api-klienter/", views.api_client_list, name="api_client_list"),
    path(
        "organisasjoner/<int:pk>/api-klienter/ny/",
        views.api_client_create,
        name="api_client_create",
    ),
    path(
        "organisasjoner/<int:pk>/api-klienter/<int:client_pk>/trekk-tilbake/",
        views.api_client_revoke,
        name="api_client_revoke",
    ),
    path("api/v1/", api.urls),
]
