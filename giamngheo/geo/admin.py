from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Succession, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "kind", "area", "is_active"]
    list_filter = ["level", "kind", "area", "is_active"]
    search_fields = ["code", "name", "search_text"]
    raw_id_fields = ["parent", "successor", "former_district"]


@admin.register(Succession)
class SuccessionAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "successor", "partly", "effective_on"]
    list_filter = ["partly", "predecessor__level"]
    search_fields = ["predecessor__code", "predecessor__name", "successor__code", "successor__name"]
    raw_id_fields = ["predecessor", "successor"]
