"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path("kull/", not_built_yet(Role.COORDINATOR), name="cohort_list"),
    path("kull/ny/", not_built_yet(Role.COORDINATOR), name="cohort_create"),
    path("kull/<int:pk>/endre/", not_built_yet(Role.COORDINATOR), name="cohort_edit"),
    path(
        "kull/<int:pk>/okter/",
        not_built_yet(Role.COORDINATOR, Role.TEACHER),
        name="cohort_sessions",
    ),
    path("kull/<int:pk>/okter/ny/", not_built_yet(Role.COORDINATOR), name="session_create"),
    path(
        "kull/<int:pk>/okter/serie/", not_built_yet(Role.COORDINATOR), name="session_series_create"
    ),
    path("okter/<int:pk>/endre/", not_built_yet(Role.COORDINATOR), name="session_edit"),
    path("okter/<int:pk>/avlys/", not_built_yet(Role.COORDINATOR), name="session_cancel"),
    path("mine-okter/", not_built_yet(Role.TEACHER), name="my_sessions"),
    path("program/", not_built_yet(Role.COORDINATOR), name="programme_list"),
    path("program/<int:pk>/versjoner/ny/", not_built_yet(Role.COORDINATOR), name="version_create"),
    path("versjoner/<int:pk>/endre/", not_built_yet(Role.COORDINATOR), name="version_edit"),
]
