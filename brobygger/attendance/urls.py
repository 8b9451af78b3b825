"""URL map for this app."""

from django.urls import path

from brobygger.attendance import views

urlpatterns = [
    path("okter/<int:pk>/oppmote/", views.session_attendance, name="session_attendance"),
    path("kull/<int:pk>/oppmote/", views.cohort_attendance, name="cohort_attendance"),
]
