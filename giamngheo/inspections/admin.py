from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Finding, Inspection


@admin.register(Inspection)
class InspectionAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "commune", "level", "subject"]
    list_filter = ["level", "subject"]
    raw_id_fields = ["commune", "project", "collaborator", "recorded_by"]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ["inspection", "severity", "state", "due_on", "closed_on"]
    list_filter = ["severity", "state"]
    raw_id_fields = ["inspection", "household"]
