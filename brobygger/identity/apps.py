from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "brobygger.identity"
    label = "identity"
    verbose_name = _("Innlogging med ID-porten og Entra ID")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from brobygger.identity import mfa

        user_logged_in.connect(mfa.on_login, dispatch_uid="identity_provider_mfa")
