from django.apps import AppConfig


class EnrolmentsConfig(AppConfig):
    name = "brobygger.enrolments"
    label = "enrolments"

    def ready(self) -> None:
        from brobygger.enrolments.places import CohortPlaces
        from brobygger.programmes.places import register_place_counter

        register_place_counter(CohortPlaces())
