from django.contrib import admin
from django.urls import include, path

from brobygger.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("brobygger.programmes.urls")),
    path("", include("brobygger.enrolments.urls")),
    path("", include("brobygger.attendance.urls")),
    path("", include("brobygger.placements.urls")),
    path("", include("brobygger.assessments.urls")),
    path("", include("brobygger.completion.urls")),
    path("", include("brobygger.accesslog.urls")),
    path("", include("brobygger.privacy.urls")),
    path("", include("brobygger.employment.urls")),
    path("", include("brobygger.subsidy.urls")),
    path("", include("brobygger.followup.urls")),
    path("", include("brobygger.contacts.urls")),
    path("", include("brobygger.guidance.urls")),
    path("", include("brobygger.outcomes.urls")),
    path("", include("brobygger.diplomas.urls")),
]
