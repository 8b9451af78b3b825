from django.apps import AppConfig


class SubsidyConfig(AppConfig):
    name = "brobygger.subsidy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Personal fields, the "Mine data" section and the anonymiser (privacy/registry.py).
        from brobygger.subsidy import privacy

        privacy.register()
