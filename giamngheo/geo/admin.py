from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "kind", "area", "is_active"]
    list_filter = ["level", "kind", "area", "is_active"]
    search_fields = ["code", "name", "search_text"]
    raw_id_fields = ["parent", "successor"]
