from django.apps import AppConfig


class EnrolmentsConfig(AppConfig):
    name = "brobygger.enrolments"
    label = "enrolments"
