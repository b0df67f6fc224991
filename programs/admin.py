from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from programs.models import (
    Activity,
    ActivityExecutor,
    ActivityYear,
    Edition,
    Financing,
    Program,
    Section,
)
from programs.resources import ActivityResource

# The admin cannot nest inlines three deep, so each level links to the next:
# program → its sections, section → its activities, activity → its years and executors.


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "number", "title"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["title", "municipality", "start_year", "end_year", "status", "is_public"]
    list_filter = ["status", "municipality__region", "municipality", "start_year", "is_public"]
    search_fields = ["title", "roadmap_title", "order_number"]
    filter_horizontal = ["target_schools"]
    list_select_related = ["municipality"]
    inlines = [SectionInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["position", "number", "title", "deadline", "executors_text"]
    show_change_link = True


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "program", "position"]
    list_filter = ["program__municipality", "program"]
    search_fields = ["title", "number", "program__title"]
    list_select_related = ["program"]
    inlines = [ActivityInline]


class ActivityYearInline(admin.TabularInline):
    model = ActivityYear
    extra = 0
    fields = ["year", "planned_text", "status", "actual_value", "comment"]


class ActivityExecutorInline(admin.TabularInline):
    model = ActivityExecutor
    extra = 0
    autocomplete_fields = ["party"]


@admin.register(Activity)
class ActivityAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [ActivityResource]
    list_display = ["number", "title", "deadline", "section"]
    list_filter = ["section__program__municipality", "section__program", "years__status"]
    search_fields = ["title", "number", "executors_text", "result_name", "indicator_text"]
    autocomplete_fields = ["schools"]
    list_select_related = ["section__program"]
    inlines = [ActivityExecutorInline, ActivityYearInline]


@admin.register(ActivityYear)
class ActivityYearAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "year", "planned_text", "status", "actual_value", "updated_at"]
    list_filter = ["status", "year", "activity__section__program"]
    search_fields = ["activity__title", "planned_text", "comment"]
    list_select_related = ["activity"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(ActivityExecutor)
class ActivityExecutorAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "party", "position"]
    list_filter = ["party__municipality"]
    search_fields = ["activity__title", "party__name", "party__short_name"]
    autocomplete_fields = ["activity", "party"]


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    list_display = ["program", "number", "order_number", "order_date", "approved_at"]
    list_select_related = ["program"]
    readonly_fields = ["approved_at"]


@admin.register(Financing)
class FinancingAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "year", "source", "planned", "actual"]
    list_filter = ["source", "year"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity"]
