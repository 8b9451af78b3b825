from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "brobygger.programmes"
    label = "programmes"
