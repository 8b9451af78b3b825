from django.urls import path

from brobygger.followup import views

urlpatterns = [
    path("oppfolging/", views.followup_list, name="followup_list"),
    path("oppfolging/avvik/", views.followup_reconciliation, name="followup_reconciliation"),
    path(
        "oppfolging/fullforing/<int:pk>/<int:months>/",
        views.followup_completion_answer,
        name="followup_completion_answer",
    ),
    path(
        "oppfolging/ansettelse/<int:pk>/<int:months>/",
        views.followup_hire_answer,
        name="followup_hire_answer",
    ),
]
