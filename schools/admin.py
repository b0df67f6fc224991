from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from schools.models import Municipality, Partnership, Party, Region, School, SchoolStatus
from schools.resources import PartyResource, SchoolResource


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0
    show_change_link = True


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "department_name"]


class SchoolStatusInline(admin.TabularInline):
    model = SchoolStatus
    extra = 0


class PartnershipInline(admin.TabularInline):
    model = Partnership
    fk_name = "school"
    extra = 0
    autocomplete_fields = ["partner"]


@admin.register(School)
class SchoolAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [SchoolResource]
    list_display = ["name", "short_name", "code", "municipality", "base_school", "head_name"]
    list_filter = [
        "municipality__region",
        "municipality",
        "statuses__is_shnor",
        "statuses__is_shnsu",
    ]
    search_fields = ["name", "short_name", "code", "head_name"]
    autocomplete_fields = ["base_school"]
    list_select_related = ["municipality", "base_school"]
    inlines = [SchoolStatusInline, PartnershipInline]


@admin.register(SchoolStatus)
class SchoolStatusAdmin(SimpleHistoryAdmin):
    list_display = ["school", "year", "is_shnor", "is_shnsu", "cohort", "source"]
    list_filter = ["year", "is_shnor", "is_shnsu", "school__municipality"]
    search_fields = ["school__name", "cohort", "source"]
    autocomplete_fields = ["school"]
    list_select_related = ["school"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["school", "partner", "kind", "since_year"]
    list_filter = ["kind"]
    search_fields = ["school__name", "partner__name"]
    autocomplete_fields = ["school", "partner"]


@admin.register(Party)
class PartyAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PartyResource]
    list_display = ["name", "short_name", "kind", "municipality"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "short_name", "aliases"]
    autocomplete_fields = ["school"]
    list_select_related = ["municipality"]
