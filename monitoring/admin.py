from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import (
    DigestLog,
    EvidenceFile,
    Notification,
    ReportingRound,
    ReportReview,
    SchoolReport,
    YearClosure,
)


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ["kind", "original_name", "size", "review", "reject_reason", "review_note"]
    readonly_fields = ["original_name", "size"]


class ReportReviewInline(admin.TabularInline):
    model = ReportReview
    extra = 0


@admin.register(SchoolReport)
class SchoolReportAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "school", "year", "period_start", "status", "submitted_at"]
    list_filter = ["status", "year", "school__municipality"]
    search_fields = ["activity__title", "school__name", "text"]
    autocomplete_fields = ["activity", "school"]
    list_select_related = ["activity", "school"]
    inlines = [EvidenceFileInline, ReportReviewInline]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "kind", "report", "size", "review", "uploaded_at"]
    list_filter = ["kind", "review"]
    search_fields = ["original_name", "report__school__name"]
    autocomplete_fields = ["report"]


@admin.register(ReportReview)
class ReportReviewAdmin(SimpleHistoryAdmin):
    list_display = ["report", "decision", "created_at"]
    list_filter = ["decision"]
    search_fields = ["comment", "report__school__name"]
    autocomplete_fields = ["report"]


@admin.register(YearClosure)
class YearClosureAdmin(SimpleHistoryAdmin):
    list_display = ["program", "year", "is_closed", "changed_at"]
    list_filter = ["is_closed", "year"]
    search_fields = ["program__title", "reason"]


@admin.register(Notification)
class NotificationAdmin(SimpleHistoryAdmin):
    list_display = ["user", "text", "created_at", "is_read", "emailed_at"]
    list_filter = ["is_read"]
    search_fields = ["user__username", "text"]


@admin.register(DigestLog)
class DigestLogAdmin(SimpleHistoryAdmin):
    list_display = ["user", "day", "items", "sent_at"]
    list_filter = ["day"]
    search_fields = ["user__username", "text"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["program", "year", "period_kind", "period_number", "due_date", "opened_at"]
    list_select_related = ["program"]
    filter_horizontal = ["activities", "schools"]
