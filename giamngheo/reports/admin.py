from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "office", "period_kind", "is_active"]
    raw_id_fields = ["office", "created_by"]
