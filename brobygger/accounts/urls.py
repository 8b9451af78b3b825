from django.urls import path

from brobygger.accounts import views

urlpatterns = [
    path("okt/fortsett/", views.session_keepalive, name="session_keepalive"),
]
