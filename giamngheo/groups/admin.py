from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, ProductionProject, SelfManagedGroup


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
