from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "brobygger.attendance"
    label = "attendance"
