"""The six duties of a commune poverty-reduction collaborator: the catalogue assignments,
activities and reports are filed under.

Source: Kon Tum Provincial People's Committee, Decision 29/QĐ-UBND of 16/01/2017 on
poverty-reduction collaborators, as summarised in ../shared/domain/collaborators.md.
The decision's own text has not been retrieved (regulations.md §6 marks it UNVERIFIED),
so the texts below follow that summary; replace them with the gazette wording once it
is fetched (regulations.md §12, item 7). Each duty ends in a report to the managing office.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE = "Quyết định 29/QĐ-UBND ngày 16/01/2017 của UBND tỉnh Kon Tum"


class Duty(models.TextChoices):
    REQUESTS = "1", _("1. Requests for help and recommendations")
    AD_HOC_REVIEW = "2", _("2. Households falling into or escaping poverty")
    PROGRAMMES = "3", _("3. Poverty-reduction policies and programmes")
    INSPECTION = "4", _("4. Inspection, supervision and periodic reporting")
    ANNUAL_REVIEW = "5", _("5. Surveys and the annual poverty review")
    COMMUNICATION = "6", _("6. Communication")


DUTY_TEXTS = {
    Duty.REQUESTS: _(
        "Collect and receive information and requests for help from poor, near-poor and "
        "newly-escaped households; learn their causes of poverty and needs (production "
        "support, livelihood, and deprivations in health, education, housing, clean water "
        "and sanitation, information). Pass recommendations to the commune's culture-social "
        "officer, with a copy to the managing office; follow and supervise the commune "
        "People's Committee's handling of each recommendation; report the result to the "
        "office and inform the household so it can benefit."
    ),
    Duty.AD_HOC_REVIEW: _(
        "Follow households falling into or escaping poverty during the year (ad-hoc review, "
        "Article 5 of Circular 17/2016/TT-BLĐTBXH and later rules): detect households in "
        "hardship because of shocks (natural disasters, pollution, accidents, serious "
        "illness, economic or social risks) or changes in the family; guide or help them "
        "file the application for addition to the poor or near-poor list; detect households "
        "now at an average level and encourage them to apply to leave the list; report to "
        "the office."
    ),
    Duty.PROGRAMMES: _(
        "Take part in poverty-reduction policies and programmes: be a member of the commune "
        "inspection team checking support delivered to households; advise poor households "
        "to form self-managed groups for production-support, livelihood and "
        "model-replication projects, and to commit to using state support well; report."
    ),
    Duty.INSPECTION: _(
        "Take part in inspection, supervision, review and periodic reporting of programme "
        "results when invited; report to the office in the template the office provides."
    ),
    Duty.ANNUAL_REVIEW: _(
        "Take part in surveys and the poverty review and supervise the year-end review: "
        "village meetings, public posting of the poor and near-poor lists, handling of "
        "complaints; guide village and association officers when needed; report results "
        "and complaints."
    ),
    Duty.COMMUNICATION: _(
        "Communication: explain poverty-reduction policy and law in association meetings; "
        "find and present good examples of households that escaped poverty and effective "
        "practices; mobilise organisations to pool resources for production projects of "
        "poor households; propose mechanisms and forms of help; report."
    ),
}


def duty_catalogue() -> list[tuple[str, str, str]]:
    """(code, title, official text) of the six duties, in the decision's order."""
    return [(d.value, d.label, DUTY_TEXTS[d]) for d in Duty]
