from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    AllowanceRate,
    Assignment,
    Collaborator,
    Contract,
    Evaluation,
    PeriodReport,
    Training,
)


@admin.register(Collaborator)
class CollaboratorAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "commune", "organisation", "qualification", "status")
    list_filter = ("status", "organisation", "qualification", "sex")
    search_fields = ("search_text", "full_name", "citizen_id")
    raw_id_fields = ("commune", "managing_office", "user")


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ("number", "collaborator", "starts_on", "ends_on", "allowance_coefficient")
    raw_id_fields = ("collaborator", "office", "renews")
    search_fields = ("number", "collaborator__full_name")


@admin.register(AllowanceRate)
class AllowanceRateAdmin(SimpleHistoryAdmin):
    list_display = ("valid_from", "amount", "legal_basis")


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "collaborator", "held_on")
    raw_id_fields = ("collaborator",)


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("collaborator", "month", "duty", "due_on")
    list_filter = ("duty",)
    raw_id_fields = ("collaborator", "assigned_by", "villages")


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("collaborator", "done_on", "duty")
    list_filter = ("duty",)
    raw_id_fields = ("collaborator", "assignment", "recorded_by", "villages")
    exclude = ("attachment",)


@admin.register(PeriodReport)
class PeriodReportAdmin(SimpleHistoryAdmin):
    list_display = ("collaborator", "period_kind", "period_start", "state")
    list_filter = ("state", "period_kind")
    raw_id_fields = ("collaborator", "decided_by")
    readonly_fields = ("state",)


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ("collaborator", "period_kind", "period_start", "grade")
    raw_id_fields = ("collaborator", "evaluated_by")
