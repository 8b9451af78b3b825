from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "brobygger.organisations"
    label = "organisations"
