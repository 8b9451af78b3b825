from django.urls import path

from brobygger.imports import views

urlpatterns = [
    path("program/<int:pk>/import/", views.import_page, name="import_page"),
    path("import/<int:pk>/", views.import_run, name="import_run"),
    path("import/<int:pk>/fremdrift/", views.import_run_progress, name="import_run_progress"),
    path("import/<int:pk>/start/", views.import_run_start, name="import_run_start"),
    path("import/mal/", views.import_template, name="import_template"),
]
