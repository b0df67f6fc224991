from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from risks.models import (
    DocumentFile,
    DocumentReview,
    FactorLevel,
    RiskFactor,
    RiskProfile,
    SchoolDocument,
)


@admin.register(RiskFactor)
class RiskFactorAdmin(SimpleHistoryAdmin):
    """The reference list: a factor revised in a year is closed (last year) and a new one added."""

    list_display = ["number", "name", "short_name", "first_year", "last_year"]
    list_filter = ["first_year", "last_year"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["activities"]


class FactorLevelInline(admin.TabularInline):
    model = FactorLevel
    extra = 0


@admin.register(RiskProfile)
class RiskProfileAdmin(SimpleHistoryAdmin):
    list_display = ["school", "year", "source", "updated_at"]
    list_filter = ["year", "source", "school__municipality"]
    search_fields = ["school__name", "school__code"]
    autocomplete_fields = ["school"]
    inlines = [FactorLevelInline]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["original_name", "size", "uploaded_at"]
    readonly_fields = ["original_name", "size", "uploaded_at"]


class DocumentReviewInline(admin.TabularInline):
    model = DocumentReview
    extra = 0


@admin.register(SchoolDocument)
class SchoolDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["school", "kind", "factor", "first_year", "last_year", "status"]
    list_filter = ["kind", "status", "school__municipality"]
    search_fields = ["school__name", "title"]
    autocomplete_fields = ["school"]
    list_select_related = ["school", "factor"]
    inlines = [DocumentFileInline, DocumentReviewInline]
