from django.apps import AppConfig


class SubsidyConfig(AppConfig):
    name = "brobygger.subsidy"
    default_auto_field = "django.db.models.BigAutoField"
