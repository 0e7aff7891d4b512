"""Read-mostly admin: reviews change only through their services; holidays are edited here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AdHocReview, AnnualReview, Decision, PublicHoliday


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["day", "name"]


class ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdHocReview)
class AdHocReviewAdmin(ReadOnly):
    list_display = ["household", "kind", "state", "received_on", "due_on"]
    list_filter = ["state", "kind"]
    list_select_related = ["household"]


@admin.register(AnnualReview)
class AnnualReviewAdmin(ReadOnly):
    list_display = ["commune", "year", "state", "due_on"]
    list_filter = ["state", "year"]
    list_select_related = ["commune"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["number", "signed_on", "commune", "kind", "year"]
    list_select_related = ["commune"]
