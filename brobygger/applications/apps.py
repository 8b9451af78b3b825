from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "brobygger.applications"
    label = "applications"
    verbose_name = _("Søknad på nett")

    def ready(self) -> None:
        # Personal fields, the "Mine data" section and the anonymiser (privacy/registry.py).
        from brobygger.applications import privacy

        privacy.register()
