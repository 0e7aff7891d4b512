from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "giamngheo.reviews"
    label = "reviews"
    verbose_name = _("Poverty reviews")
    nav_items = [("reviews:review_list", _("Reviews"))]
    todo_providers = ["giamngheo.reviews.todos.reviews_waiting"]
