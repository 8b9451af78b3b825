from django.contrib import admin
from django.http import HttpRequest

from brobygger.accesslog.models import AccessEvent, ProtectedAccess


class ReadOnlyAdmin(admin.ModelAdmin):
    """The read log is append-only; grants change only through accesslog.protection."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = [
        "at",
        "actor",
        "actor_role",
        "actor_organisation",
        "participant_id",
        "shown",
        "denied",
        "flagged",
        "request_id",
    ]
    list_filter = ["denied", "flagged", "actor_role"]
    list_select_related = ["actor", "actor_organisation"]
    search_fields = ["request_id", "path"]


@admin.register(ProtectedAccess)
class ProtectedAccessAdmin(ReadOnlyAdmin):
    list_display = ["participant_id", "user", "granted_by", "granted_at"]
    list_select_related = ["user", "granted_by"]
