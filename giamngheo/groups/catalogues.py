"""Catalogues of the groups app: programmes, funding sources and support kinds.

Sources: the collaborators' third, fourth and sixth duties (Kon Tum Decision
29/QĐ-UBND of 16/01/2017, summarised in shared/domain/collaborators.md) and the national
target programme for sustainable poverty reduction 2021–2025 (Decision 90/QĐ-TTg of
18/01/2022), whose project 2 funds production-support and livelihood models. The list of
programmes and kinds is what offices report against in practice; a province that uses
other headings changes this module, not the code that reads it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE = "Quyết định 90/QĐ-TTg ngày 18/01/2022; Quyết định 29/QĐ-UBND ngày 16/01/2017 (Kon Tum)"


class Programme(models.TextChoices):
    """The programme that funds a production-support project."""

    POVERTY_NTP = "poverty_ntp", _("National target programme for sustainable poverty reduction")
    ETHNIC_NTP = "ethnic_ntp", _("National target programme for ethnic minority areas")
    RURAL_NTP = "rural_ntp", _("National target programme for new rural areas")
    LOCAL_BUDGET = "local_budget", _("Local budget")
    OTHER = "other", _("Other programme or sponsor")


class FundingSource(models.TextChoices):
    """Where a project's money comes from; the first two are state support."""

    CENTRAL_BUDGET = "central", _("Central budget (state support)")
    LOCAL_BUDGET = "local", _("Local budget (state support)")
    POLICY_CREDIT = "credit", _("Social policy bank loans")
    ENTERPRISE = "enterprise", _("Enterprises and cooperatives")
    ORGANISATION = "organisation", _("Organisations and sponsors")
    HOUSEHOLD = "household", _("Households' own contribution")
    OTHER = "other", _("Other sources")


STATE_SOURCES = frozenset({FundingSource.CENTRAL_BUDGET, FundingSource.LOCAL_BUDGET})


class SupportKind(models.TextChoices):
    """What a household receives from a project."""

    CASH = "cash", _("Cash")
    SEED = "seed", _("Seed and seedlings")
    LIVESTOCK = "livestock", _("Livestock and poultry")
    TOOLS = "tools", _("Tools and machinery")
    MATERIALS = "materials", _("Fertiliser, feed and materials")
    TRAINING = "training", _("Technical training")
    OTHER = "other", _("Other support")
