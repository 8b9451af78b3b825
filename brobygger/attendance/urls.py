"""URL map for this app. Placeholders (not_built_yet) answer 404 until built."""

from django.urls import path

from brobygger.accounts.models import Role
from brobygger.core.views import not_built_yet

urlpatterns = [
    path(
        "okter/<int:pk>/oppmote/",
        not_built_yet(Role.COORDINATOR, Role.TEACHER),
        name="session_attendance",
    ),
]
