from django.urls import path
from django.views.i18n import JavaScriptCatalog

from brobygger.core.access import public
from brobygger.languages import views

urlpatterns = [
    path("sprak/", views.language_set, name="language_set"),
    # The JavaScript catalogue (djangojs.po in LOCALE_PATHS) for the charts and other scripts.
    path("jsi18n/", public(JavaScriptCatalog.as_view()), name="javascript_catalog"),
]
