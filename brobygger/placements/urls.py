"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path(
        "deltakelser/<int:pk>/praksis/ny/", not_built_yet(Role.COORDINATOR), name="placement_create"
    ),
    path(
        "praksis/<int:pk>/",
        not_built_yet(Role.COORDINATOR, Role.SUPERVISOR, Role.PARTICIPANT),
        name="placement_detail",
    ),
    path(
        "praksis/<int:pk>/prosent/",
        not_built_yet(Role.COORDINATOR),
        name="placement_percent_create",
    ),
    path("praksis/", not_built_yet(Role.SUPERVISOR), name="supervisor_placements"),
    path(
        "praksis/<int:pk>/uke/<str:week>/", not_built_yet(Role.PARTICIPANT), name="timesheet_edit"
    ),
    path("timelister/<int:pk>/", not_built_yet(Role.SUPERVISOR), name="timesheet_review"),
    path(
        "praksis/<int:pk>/evaluering/<str:kind>/",
        not_built_yet(Role.SUPERVISOR),
        name="evaluation_edit",
    ),
    path("meg/timelister/", not_built_yet(Role.PARTICIPANT), name="my_timesheets"),
]
