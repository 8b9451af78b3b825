from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "brobygger.placements"
    label = "placements"
