from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from people.models import SchoolCurator, StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "position", "municipality", "phone", "email", "user"]
    list_filter = ["municipality"]
    search_fields = ["full_name", "position", "email"]
    list_select_related = ["municipality", "user"]


@admin.register(SchoolCurator)
class SchoolCuratorAdmin(SimpleHistoryAdmin):
    list_display = ["program", "school", "curator"]
    list_select_related = ["program", "school", "curator"]
