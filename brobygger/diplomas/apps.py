from django.apps import AppConfig


class DiplomasConfig(AppConfig):
    name = "brobygger.diplomas"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The "Mine data" section (privacy/registry.py); anonymisation is the privacy app's.
        from brobygger.diplomas import privacy

        privacy.register()
