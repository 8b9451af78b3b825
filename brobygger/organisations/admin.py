from django.contrib import admin

from brobygger.organisations.models import County, Municipality, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "orgnr", "municipality"]
    list_filter = ["kind"]
    list_select_related = ["municipality"]
    search_fields = ["name", "orgnr"]
    autocomplete_fields = ["municipality"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county"]
    list_filter = ["county"]
    search_fields = ["name", "number"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # reference data: loaded from organisations/data/


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
