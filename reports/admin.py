from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import DepartmentRequisites, GeneratedReport, ReportText


@admin.register(GeneratedReport)
class GeneratedReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "is_draft", "requested_by", "requested_at", "size"]
    list_filter = ["kind", "format", "status"]
    search_fields = ["program__title", "error"]
    readonly_fields = ["size", "checksum", "attempts", "started_at", "finished_at"]
    list_select_related = ["program", "requested_by"]


@admin.register(ReportText)
class ReportTextAdmin(SimpleHistoryAdmin):
    list_display = ["program", "year", "signer_name", "updated_at"]
    list_filter = ["year"]
    search_fields = ["program__title", "conclusions"]


@admin.register(DepartmentRequisites)
class DepartmentRequisitesAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "addressee"]
    search_fields = ["municipality__name", "addressee"]
