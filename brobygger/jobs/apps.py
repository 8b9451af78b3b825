from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "brobygger.jobs"
    label = "jobs"
    verbose_name = "Bakgrunnsjobber"

    def ready(self) -> None:
        from brobygger.core.readiness import register_worker_check
        from brobygger.jobs.selectors import worker_state

        register_worker_check(worker_state)
