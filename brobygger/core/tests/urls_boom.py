"""The project's URLs plus one view that fails, to see the 500 page (test_error_pages.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from brobygger.core.access import public
from brobygger.urls import urlpatterns as project_urlpatterns

SECRET_DETAIL = "zq7-internal-detail-7f3a"


@public
def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"database password is {SECRET_DETAIL}")


urlpatterns = [*project_urlpatterns, path("provoser-500/", boom, name="test_boom")]
