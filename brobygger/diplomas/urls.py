from django.urls import path

from brobygger.diplomas import views

urlpatterns = [
    path("deltakelser/<int:pk>/vitnemal/", views.diploma_issue, name="diploma_issue"),
    path("vitnemal/<int:pk>/pdf/", views.diploma_pdf, name="diploma_pdf"),
    path("vitnemal/<int:pk>/ugyldig/", views.diploma_invalidate, name="diploma_invalidate"),
    path("vitnemal/sjekk/", views.diploma_verify, name="diploma_verify"),
]
