from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "brobygger.privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from brobygger.privacy import logtriggers, personal

        connection_created.connect(logtriggers.register_sqlite_function)
        post_migrate.connect(logtriggers.ensure_triggers, sender=self)
        logtriggers.let_django_flush_through()
        personal.register_builtin_fields()
        # Each app's sections of "Mine data" and its part of anonymisation.
        from brobygger.privacy.export import sections  # noqa: F401
        from brobygger.privacy.retention import anonymisers  # noqa: F401
