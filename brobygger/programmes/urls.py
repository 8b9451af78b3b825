"""URL map for programmes, cohorts and sessions."""

from django.urls import path

from brobygger.programmes import views

urlpatterns = [
    path("kull/", views.cohort_list, name="cohort_list"),
    path("kull/ny/", views.cohort_create, name="cohort_create"),
    path("kull/<int:pk>/endre/", views.cohort_edit, name="cohort_edit"),
    path("kull/<int:pk>/okter/", views.cohort_sessions, name="cohort_sessions"),
    path("kull/<int:pk>/okter/ny/", views.session_create, name="session_create"),
    path("kull/<int:pk>/okter/serie/", views.session_series_create, name="session_series_create"),
    path("okter/<int:pk>/endre/", views.session_edit, name="session_edit"),
    path("okter/<int:pk>/avlys/", views.session_cancel, name="session_cancel"),
    path("mine-okter/", views.my_sessions, name="my_sessions"),
    path("program/", views.programme_list, name="programme_list"),
    path("program/<int:pk>/versjoner/ny/", views.version_create, name="version_create"),
    path("versjoner/<int:pk>/endre/", views.version_edit, name="version_edit"),
]
