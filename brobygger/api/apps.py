from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "brobygger.api"
    label = "api"
    verbose_name = "API-klienter"

    def ready(self) -> None:
        from brobygger.core.appendonly import register_non_personal_fields

        # A client's name and scopes describe a system, not a person: kept in the audit trail.
        register_non_personal_fields(
            "api.apiclient", "name", "scopes", "created_at", "revoked_at", "last_used_at"
        )
