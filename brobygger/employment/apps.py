from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "brobygger.employment"
    default_auto_field = "django.db.models.BigAutoField"
