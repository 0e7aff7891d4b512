from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "giamngheo.assistance"
    label = "assistance"
    verbose_name = _("Requests for help and shocks")
    nav_items = [("assistance:request_list", _("Requests for help"))]
    todo_providers = ["giamngheo.assistance.todos.help_requests"]
    report_addendum_providers = ["giamngheo.assistance.addendum.requests_after"]
