"""The URLs `manage.py bench_lists` measures with: the project's own, plus the floor, a view
that does what every signed-in page does (session, user, roles) and one indexed query. Never
the project's ROOT_URLCONF: only the benchmark routes here."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.programmes.models import Cohort


@roles(Role.COORDINATOR, Role.TEACHER, Role.EMPLOYER)
@require_GET
def floor(request: HttpRequest, pk: int) -> HttpResponse:
    name = Cohort.objects.filter(pk=pk).values_list("name", flat=True).first()
    return HttpResponse(name or "", content_type="text/plain")


urlpatterns = [
    path("__bench/gulv/<int:pk>/", floor, name="bench_floor"),
    path("", include("brobygger.urls")),
]
