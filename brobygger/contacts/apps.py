from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "brobygger.contacts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from brobygger.core.appendonly import register_personal_fields

        # Who wrote to the coordinator and what: never in the audit trail (contacts/services).
        register_personal_fields(
            "contacts.contactmessage",
            "sender_name",
            "sender_organisation",
            "sender_email",
            "sender_phone",
            "body",
        )
