from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Household, ImportJob, Member, StatusRecord


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["full_name", "relation", "sex", "date_of_birth", "citizen_id"]


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["code", "head_name", "village", "status", "status_year"]
    list_filter = ["status"]
    search_fields = ["code", "search_text"]
    raw_id_fields = ["village", "commune"]
    inlines = [MemberInline]


@admin.register(StatusRecord)
class StatusRecordAdmin(admin.ModelAdmin):
    list_display = ["household", "status", "year", "decision_number", "decision_date", "source"]
    raw_id_fields = ["household"]

    def has_change_permission(self, request, obj=None):
        return False  # status history is written by decisions only


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "commune", "state", "created_by", "created_at"]
    raw_id_fields = ["commune"]
