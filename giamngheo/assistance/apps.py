from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class AssistanceConfig(AppConfig):
    name = "giamngheo.assistance"
    label = "assistance"
    verbose_name = _("Requests for help and shocks")
    nav_items = [("assistance:request_list", _("Requests for help"))]
    # Collaborators' duty 1: the officer puts the recommendation to the commune People's
    # Committee and sees it carried out, the leader answers, either informs the household.
    capabilities = [
        Capability("follow_up_requests", {Role.COMMUNE_OFFICER}, _("follow up a request for help")),
        Capability("answer_requests", {Role.COMMUNE_LEADER}, _("answer a request for help")),
        Capability(
            "inform_households",
            {Role.COLLABORATOR, Role.COMMUNE_OFFICER},
            _("inform the household of the answer"),
        ),
        # The managing office gets a copy of every recommendation and chases late ones.
        Capability("watch_overdue_requests", {Role.MANAGING_OFFICE}, _("follow up late requests")),
    ]
    todo_providers = ["giamngheo.assistance.todos.help_requests"]
    report_addendum_providers = ["giamngheo.assistance.addendum.requests_after"]
