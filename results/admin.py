from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from results.models import AssessmentResult, Indicator, IndicatorYear, SchoolIndicatorValue


class IndicatorYearInline(admin.TabularInline):
    model = IndicatorYear
    extra = 0
    fields = ["year", "target", "actual", "target_text", "actual_text", "person_judgement"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "direction", "unit", "program"]
    list_filter = ["level", "direction", "source", "program"]
    search_fields = ["name"]
    autocomplete_fields = ["activities"]
    inlines = [IndicatorYearInline]


@admin.register(SchoolIndicatorValue)
class SchoolIndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "school", "year", "target", "actual"]
    list_filter = ["year"]
    search_fields = ["indicator__name", "school__name"]


@admin.register(AssessmentResult)
class AssessmentResultAdmin(admin.ModelAdmin):
    list_display = ["school", "year", "assessment", "subject", "grade", "participants"]
    list_filter = ["assessment", "year", "school__municipality"]
    search_fields = ["school__name", "school__code", "subject"]
