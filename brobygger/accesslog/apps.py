from django.apps import AppConfig


class AccesslogConfig(AppConfig):
    name = "brobygger.accesslog"
    default_auto_field = "django.db.models.BigAutoField"
