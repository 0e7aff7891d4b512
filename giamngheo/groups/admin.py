from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Finding,
    GoodExample,
    Inspection,
    Membership,
    OutreachActivity,
    PolicyProposal,
    ProductionProject,
    ReportTemplate,
    ResourceMobilisation,
    SelfManagedGroup,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["household"]


@admin.register(SelfManagedGroup)
class SelfManagedGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "commune", "formed_on", "state", "rules_decision_no"]
    list_filter = ["state"]
    search_fields = ["name", "search_text"]
    raw_id_fields = ["commune", "village", "leader", "advisor"]
    inlines = [MembershipInline]


@admin.register(ProductionProject)
class ProductionProjectAdmin(SimpleHistoryAdmin):
    list_display = ["name", "group", "programme", "starts_on", "state"]
    list_filter = ["programme", "state"]
    search_fields = ["name"]
    raw_id_fields = ["group", "replicates"]


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


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "office", "period_kind", "is_active"]
    raw_id_fields = ["office", "created_by"]


@admin.register(OutreachActivity)
class OutreachActivityAdmin(SimpleHistoryAdmin):
    list_display = ["held_on", "commune", "topic", "audience", "attendees"]
    raw_id_fields = ["commune", "village", "presenter", "recorded_by"]


@admin.register(GoodExample)
class GoodExampleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "commune", "kind", "recorded_on", "consent_by"]
    raw_id_fields = ["commune", "household", "recorded_by"]


@admin.register(ResourceMobilisation)
class ResourceMobilisationAdmin(SimpleHistoryAdmin):
    list_display = ["sponsor", "commune", "received_on", "cash", "in_kind_value"]
    raw_id_fields = ["commune", "project", "recorded_by"]


@admin.register(PolicyProposal)
class PolicyProposalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "commune", "proposed_on", "addressed_to"]
    raw_id_fields = ["commune", "recorded_by"]
