from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GoodExample, OutreachActivity, PolicyProposal, ResourceMobilisation


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
