"""Sex as recorded on people the system lists (collaborators, club members): one set of codes,
so statistics of the force by sex agree across apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
