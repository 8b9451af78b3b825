from django.apps import AppConfig


class DiplomasConfig(AppConfig):
    name = "brobygger.diplomas"
    default_auto_field = "django.db.models.BigAutoField"
