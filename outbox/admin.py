from django.contrib import admin

from outbox.models import PendingTask


@admin.register(PendingTask)
class PendingTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "args", "state", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["state", "task"]
    readonly_fields = [field.name for field in PendingTask._meta.fields]
