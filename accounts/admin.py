from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Membership


def administrators_only(request):
    """The Django admin edits everything unscoped: only administrators may enter it."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = administrators_only
admin.site.site_header = "Портал дорожных карт: администрирование"
admin.site.site_title = "Администрирование портала"
admin.site.index_title = "Данные портала"


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "region", "municipality", "school"]
    list_filter = ["role", "region", "municipality"]
    search_fields = ["user__username", "user__last_name", "user__first_name"]
    autocomplete_fields = ["user", "municipality", "school", "curated_schools"]
    list_select_related = ["user", "region", "municipality", "school"]
