from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "brobygger.followup"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Personal fields, the "Mine data" section and the anonymiser (privacy/registry.py).
        from brobygger.followup import privacy

        privacy.register()
