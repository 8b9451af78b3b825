from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    name = "brobygger.languages"
    label = "languages"
    verbose_name = _("Språk")

    def ready(self) -> None:
        from brobygger.core.appendonly import register_non_personal_fields

        # A person's interface language is a preference, not personal data about them.
        register_non_personal_fields("accounts.user", "language")
