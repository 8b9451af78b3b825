from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "brobygger.demo"
    label = "demo"

    def ready(self) -> None:
        from brobygger.accounts.policy import register_demo_logins
        from brobygger.demo.builder.context import DEMO_LOGINS

        register_demo_logins(DEMO_LOGINS)
