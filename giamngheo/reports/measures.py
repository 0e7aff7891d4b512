"""The catalogue of measures a report template can list, and their computation.

Every measure is computed from the records the system holds for a unit and everything
below it, over a period, with database aggregation: a handful of queries whatever the
number of households, and the same figures on SQLite and PostgreSQL.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from giamngheo.groups.catalogues import STATE_SOURCES, SupportKind
from giamngheo.groups.models import (
    Membership,
    ProductionProject,
    ProjectState,
    SelfManagedGroup,
    Support,
)
from giamngheo.households.models import PovertyStatus, StatusRecord
from giamngheo.inspections.models import Finding, Inspection
from giamngheo.outreach.models import (
    GoodExample,
    OutreachActivity,
    PolicyProposal,
    ResourceMobilisation,
)


@dataclass(frozen=True)
class Measure:
    code: str
    label: Promise
    unit: Promise

    @property
    def is_money(self) -> bool:
        return self.code in MONEY


def _measures() -> dict[str, Measure]:
    items = [
        ("groups_formed", _("Self-managed groups formed"), _("groups")),
        ("groups_active", _("Self-managed groups active at the end of the period"), _("groups")),
        ("households_in_groups", _("Households in self-managed groups"), _("households")),
        ("projects_started", _("Production-support projects started"), _("projects")),
        ("projects_active", _("Production-support projects under way"), _("projects")),
        ("models_replicated", _("Projects replicating a model"), _("projects")),
        ("state_funds_disbursed", _("State support delivered to households"), _("đồng")),
        ("other_funds_disbursed", _("Support from other sources delivered"), _("đồng")),
        ("households_supported", _("Households supported"), _("households")),
    ]
    items += [
        (
            f"households_supported_{kind.value}",
            format_lazy(_("Households supported: {kind}"), kind=kind.label),
            _("households"),
        )
        for kind in SupportKind
    ]
    items += [
        (
            "households_escaped_poverty",
            _("Supported households recognised as escaped from poverty"),
            _("households"),
        ),
        ("inspections_held", _("Inspections held"), _("inspections")),
        ("findings_raised", _("Findings raised"), _("findings")),
        ("findings_closed", _("Findings closed"), _("findings")),
        ("findings_open", _("Findings still open at the end of the period"), _("findings")),
        ("outreach_sessions", _("Dissemination sessions"), _("sessions")),
        ("outreach_attendees", _("People attending dissemination sessions"), _("people")),
        ("good_examples", _("Good examples recorded"), _("examples")),
        (
            "resources_mobilised",
            _("Resources mobilised from organisations and sponsors"),
            _("đồng"),
        ),
        ("policy_proposals", _("Policy proposals made"), _("proposals")),
    ]
    return {code: Measure(code, label, unit) for code, label, unit in items}


MEASURES: dict[str, Measure] = _measures()
MONEY = frozenset({"state_funds_disbursed", "other_funds_disbursed", "resources_mobilised"})


def measure_choices() -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in MEASURES.values()]


def _groups(unit, start, end) -> dict:
    figures = SelfManagedGroup.objects.filter(commune__path__startswith=unit.path).aggregate(
        groups_formed=Count("pk", filter=Q(formed_on__gte=start, formed_on__lte=end)),
        groups_active=Count(
            "pk",
            filter=Q(formed_on__lte=end) & (Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=end)),
        ),
    )
    figures.update(
        Membership.objects.filter(
            Q(left_on__isnull=True) | Q(left_on__gt=end),
            group__commune__path__startswith=unit.path,
            joined_on__lte=end,
        ).aggregate(households_in_groups=Count("household", distinct=True))
    )
    figures.update(
        ProductionProject.objects.filter(group__commune__path__startswith=unit.path)
        .exclude(state=ProjectState.CANCELLED)
        .aggregate(
            projects_started=Count("pk", filter=Q(starts_on__gte=start, starts_on__lte=end)),
            projects_active=Count(
                "pk",
                filter=Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start)),
            ),
            models_replicated=Count(
                "pk",
                filter=Q(replicates__isnull=False, starts_on__gte=start, starts_on__lte=end),
            ),
        )
    )
    return figures


def _support(unit, start, end) -> dict:
    delivered = Support.objects.filter(
        project__group__commune__path__startswith=unit.path,
        delivered_on__gte=start,
        delivered_on__lte=end,
    )
    household = "beneficiary__household"
    figures = delivered.aggregate(
        state_funds_disbursed=Sum("value", filter=Q(source__in=STATE_SOURCES), default=0),
        other_funds_disbursed=Sum("value", filter=~Q(source__in=STATE_SOURCES), default=0),
        households_supported=Count(household, distinct=True),
        **{
            f"households_supported_{kind.value}": Count(
                household, distinct=True, filter=Q(kind=kind.value)
            )
            for kind in SupportKind
        },
    )
    # Recognised by a decision in the period, after the project that supported it began.
    figures.update(
        StatusRecord.objects.filter(
            Q(decision_date__gte=F("household__project_benefits__project__starts_on")),
            status=PovertyStatus.ESCAPED_POOR,
            decision_date__gte=start,
            decision_date__lte=end,
            household__project_benefits__project__group__commune__path__startswith=unit.path,
        ).aggregate(households_escaped_poverty=Count("household", distinct=True))
    )
    return figures


def _inspections(unit, start, end) -> dict:
    figures = Inspection.objects.filter(
        commune__path__startswith=unit.path, held_on__gte=start, held_on__lte=end
    ).aggregate(inspections_held=Count("pk"))
    figures.update(
        Finding.objects.filter(
            inspection__commune__path__startswith=unit.path, inspection__held_on__lte=end
        ).aggregate(
            findings_raised=Count("pk", filter=Q(inspection__held_on__gte=start)),
            findings_closed=Count("pk", filter=Q(closed_on__gte=start, closed_on__lte=end)),
            findings_open=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        )
    )
    return figures


def _outreach(unit, start, end) -> dict:
    inside = {"commune__path__startswith": unit.path}
    figures = OutreachActivity.objects.filter(
        **inside, held_on__gte=start, held_on__lte=end
    ).aggregate(outreach_sessions=Count("pk"), outreach_attendees=Sum("attendees", default=0))
    figures["good_examples"] = GoodExample.objects.filter(
        **inside, recorded_on__gte=start, recorded_on__lte=end
    ).count()
    figures.update(
        ResourceMobilisation.objects.filter(
            **inside, received_on__gte=start, received_on__lte=end
        ).aggregate(resources_mobilised=Sum(F("cash") + F("in_kind_value"), default=0))
    )
    figures["policy_proposals"] = PolicyProposal.objects.filter(
        **inside, proposed_on__gte=start, proposed_on__lte=end
    ).count()
    return figures


def compute(unit, period) -> dict[str, int]:
    """Every measure for ``unit`` (and the units below it) over ``period``."""
    figures: dict[str, int] = {}
    for part in (_groups, _support, _inspections, _outreach):
        figures.update(part(unit, period.start, period.end))
    return {code: int(figures.get(code) or 0) for code in MEASURES}
