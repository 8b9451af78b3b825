"""URL map for the read log and protection."""

from django.urls import path

from brobygger.accesslog import views

urlpatterns = [
    path("meg/innsyn/", views.my_access_log, name="my_access_log"),
    path("innsynslogg/", views.access_log_review, name="access_log_review"),
    path("innsynslogg/skjulte-navn/", views.hidden_staff_names, name="hidden_staff_names"),
    path(
        "innsynslogg/skjulte-navn/<int:pk>/fjern/",
        views.hidden_staff_name_remove,
        name="hidden_staff_name_remove",
    ),
    path(
        "deltakelser/<int:pk>/skjerming/",
        views.participant_protection,
        name="participant_protection",
    ),
    path(
        "deltakelser/<int:pk>/skjerming/opphev/",
        views.participant_unprotect,
        name="participant_unprotect",
    ),
]
