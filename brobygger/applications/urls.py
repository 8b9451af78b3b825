"""Public pages for applying online (no login)."""

from django.urls import path

from brobygger.applications import views

urlpatterns = [
    path("sok/", views.apply_index, name="apply_index"),
    path("sok/mine/", views.apply_mine, name="apply_mine"),
    path("sok/bekreft/<str:code>/", views.apply_verify, name="apply_verify"),
    path("sok/<int:pk>/", views.apply_start, name="apply_start"),
    path("sok/<int:pk>/skjema/", views.apply_form, name="apply_form"),
]
