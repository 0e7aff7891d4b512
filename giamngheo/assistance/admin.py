from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DeadlinePolicy, HelpRequest, RequestStep, Shock


class RequestStepInline(admin.TabularInline):
    model = RequestStep
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_state", "to_state", "on", "note", "by", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(HelpRequest)
class HelpRequestAdmin(SimpleHistoryAdmin):
    """Read-only: requests move only through the follow-up workflow (services)."""

    list_display = ["household", "need", "received_on", "state", "due_on", "commune"]
    list_filter = ["state", "need"]
    list_select_related = ["household", "commune"]
    search_fields = ["household__code", "household__head_name"]
    inlines = [RequestStepInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Shock)
class ShockAdmin(SimpleHistoryAdmin):
    list_display = ["household", "kind", "occurred_on", "state", "commune"]
    list_filter = ["state", "kind"]
    list_select_related = ["household", "commune"]
    search_fields = ["household__code", "household__head_name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(SimpleHistoryAdmin):
    """Where a province records the deadlines it sets (no national text sets them)."""

    list_display = ["unit", "forward_days", "answer_days", "carry_out_days", "inform_days"]
    autocomplete_fields = ["unit"]
