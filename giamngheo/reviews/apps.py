from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.roles import Capability, Role


class ReviewsConfig(AppConfig):
    name = "giamngheo.reviews"
    label = "reviews"
    verbose_name = _("Poverty reviews")
    nav_items = [("reviews:review_list", _("Reviews"))]
    # Who does what in a review (Decision 24/2021): the commune officer runs it with the
    # collaborator's help, the People's Committee leader decides, the collaborator supervises.
    capabilities = [
        Capability(
            "record_review_work",
            {Role.COMMUNE_OFFICER, Role.COLLABORATOR},
            _("record applications, surveys, village meetings and complaints"),
        ),
        Capability("run_review", {Role.COMMUNE_OFFICER}, _("run the commune's review")),
        Capability("decide", {Role.COMMUNE_LEADER}, _("decide on the review")),
        Capability("supervise_review", {Role.COLLABORATOR}, _("write a supervision note")),
    ]
    todo_providers = ["giamngheo.reviews.todos.reviews_waiting"]
