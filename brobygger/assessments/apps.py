from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "brobygger.assessments"
    label = "assessments"
