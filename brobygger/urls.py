from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from brobygger.core import views as core_views
from brobygger.pages import home as home_page

# The admin has no login form of its own: it sends people to allauth's, so the admin sits behind
# the same login, rate limits and MFA as everything else (ADR 0007).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", home_page.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("tilgjengelighet/", core_views.accessibility_statement, name="accessibility_statement"),
    path("konto/", include("allauth.urls")),
    path("", include("brobygger.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("brobygger.organisations.urls")),
    path("", include("brobygger.programmes.urls")),
    path("", include("brobygger.enrolments.urls")),
    path("", include("brobygger.attendance.urls")),
    path("", include("brobygger.placements.urls")),
    path("", include("brobygger.assessments.urls")),
    path("", include("brobygger.completion.urls")),
    path("", include("brobygger.pages.urls")),
    path("", include("brobygger.accesslog.urls")),
    path("", include("brobygger.privacy.urls")),
    path("", include("brobygger.employment.urls")),
    path("", include("brobygger.subsidy.urls")),
    path("", include("brobygger.followup.urls")),
    path("", include("brobygger.contacts.urls")),
    path("", include("brobygger.guidance.urls")),
    path("", include("brobygger.outcomes.urls")),
    path("", include("brobygger.diplomas.urls")),
    path("", include("brobygger.invitations.urls")),
    path("", include("brobygger.calendarfeed.urls")),
    path("", include("brobygger.api.urls")),
    path("", include("brobygger.applications.urls")),
    path("", include("brobygger.languages.urls")),
    path("", include("brobygger.imports.urls")),
    path("varsler/", include("brobygger.notifications.urls")),
    path("", include("brobygger.jobs.urls")),
]
