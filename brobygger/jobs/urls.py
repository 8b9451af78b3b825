from django.urls import path

from brobygger.jobs import views

urlpatterns = [
    path("drift/jobber/", views.job_failures, name="job_failures"),
]
