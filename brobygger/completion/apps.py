from django.apps import AppConfig


class CompletionConfig(AppConfig):
    name = "brobygger.completion"
    label = "completion"
