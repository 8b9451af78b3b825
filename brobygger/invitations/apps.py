from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "brobygger.invitations"
    label = "invitations"
    verbose_name = "Invitasjoner"

    def ready(self) -> None:
        from brobygger.core.appendonly import register_personal_fields

        # Audit events say that an invitation was made, never to which address or name.
        register_personal_fields("invitations.invitation", "email", "first_name", "last_name")
