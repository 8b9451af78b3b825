"""URL map for placements, timesheets and evaluations."""

from django.urls import path

from brobygger.placements import views, views_timesheets

urlpatterns = [
    path("deltakelser/<int:pk>/praksis/ny/", views.placement_create, name="placement_create"),
    path("praksis/<int:pk>/", views.placement_detail, name="placement_detail"),
    path(
        "praksis/<int:pk>/prosent/",
        views.placement_percent_create,
        name="placement_percent_create",
    ),
    path("praksis/", views.supervisor_placements, name="supervisor_placements"),
    path(
        "praksis/<int:pk>/uke/<str:week>/",
        views_timesheets.timesheet_edit,
        name="timesheet_edit",
    ),
    path("timelister/<int:pk>/", views_timesheets.timesheet_review, name="timesheet_review"),
    path(
        "praksis/<int:pk>/evaluering/<str:kind>/",
        views.evaluation_edit,
        name="evaluation_edit",
    ),
    path("meg/timelister/", views_timesheets.my_timesheets, name="my_timesheets"),
]
