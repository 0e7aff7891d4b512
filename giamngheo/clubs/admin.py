from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Club, ExpansionPlan, GoodPractice, Meeting, Member, Officer


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    readonly_fields = ["seat"]


class OfficerInline(admin.TabularInline):
    model = Officer
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Club)
class ClubAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "unit", "founded_on", "decision_no", "is_active"]
    list_filter = ["level", "is_active", "frequency"]
    search_fields = ["name", "decision_no", "search_text"]
    raw_id_fields = ["unit"]
    inlines = [MemberInline, OfficerInline]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["club", "planned_on", "held_on", "state", "host_place"]
    list_filter = ["state"]
    raw_id_fields = ["club", "host_place"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "club", "households"]
    search_fields = ["title", "search_text"]
    raw_id_fields = ["club", "meeting"]


@admin.register(ExpansionPlan)
class ExpansionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "level", "planned"]
    list_filter = ["year", "level"]
    raw_id_fields = ["unit"]
