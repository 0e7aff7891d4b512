"""The clubs' catalogues: levels, meeting topics, meeting frequencies, the member cap.

Source for everything here: the Tây Ninh poverty-reduction club model (pilot in
Châu Thành district, 2001), as summarised in ``shared/domain/clubs.md``. No legal
text for these clubs was found (``regulations.md`` §7 marks them UNVERIFIED), so the
figures are the model's own rules, kept in one place should a province change them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE = "Mô hình CLB công tác giảm nghèo Tây Ninh (thí điểm Châu Thành, 2001)"

# "At most 25 official members; about 15 people invited to each meeting."
MAX_MEMBERS = 25
USUAL_GUESTS = 15
# "1 chair (chủ nhiệm) and 2 vice-chairs (phó chủ nhiệm), elected by the members."
MAX_VICE_CHAIRS = 2


class ClubLevel(models.TextChoices):
    """The model's four kinds of club.

    The model's "district/city level" club has no district to sit in since 1 July
    2025: it is a club above commune level (inter-commune or province), placed on the
    province unit (or on a former district unit kept for history).
    """

    ABOVE_COMMUNE = "above_commune", _("Above commune level (inter-commune, province)")
    COMMUNE = "commune", _("Commune level")
    VILLAGE = "village", _("Village level")
    POOR_PEOPLE = "poor_people", _("Club of poor people")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


# Meetings a club of each frequency is expected to hold in a year.
MEETINGS_PER_YEAR = {Frequency.MONTHLY: 12, Frequency.QUARTERLY: 4}


class Topic(models.TextChoices):
    """What a meeting discusses: the model's list of policies and subjects."""

    CREDIT = "credit", _("Credit")
    HOUSING = "housing", _("Housing")
    VOCATIONAL = "vocational", _("Vocational training and jobs")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    PRODUCTION_MODELS = "production_models", _("Production models")
    COORDINATION = "coordination", _("Coordination between agencies")
