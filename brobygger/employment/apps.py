from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "brobygger.employment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Personal fields, the "Mine data" section and the anonymiser (privacy/registry.py).
        from brobygger.employment import privacy

        privacy.register()
