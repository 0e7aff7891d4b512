"""Periodic reports in the managing office's templates (duty 4): defining a template,
ordering its lines, the units and periods a report is made for, its lines computed from
the data (``measures``) and the texts a unit types in.

Writes follow the conventions of ``groups.services``: keyword arguments, the acting user
``by``, a Vietnamese ``ValidationError``, the audit trail.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from giamngheo.accounts.scoping import current_assignments, sees_everything, visible_units
from giamngheo.core.audit import audit, save_audited
from giamngheo.core.concurrency import save_with_version
from giamngheo.geo.models import Level, Unit
from giamngheo.groups.checks import raise_errors

from .measures import MEASURES
from .measures import compute as compute_measures
from .models import PeriodicReport, ReportTemplate, TemplateField

# --- reads -----------------------------------------------------------------------------------


def reporting_units_for(user) -> QuerySet[Unit]:
    """Communes and provinces in the user's area: the units a periodic report is made for."""
    return (
        visible_units(user)
        .filter(level__in=[Level.COMMUNE, Level.PROVINCE], is_active=True)
        .order_by("path")
    )


def _ancestor_paths(user) -> set[str]:
    """Paths of the user's role units and every unit above them."""
    paths = set()
    for a in current_assignments(user):
        parts = a.unit.path.strip("/").split("/")
        paths.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return paths


def templates_visible_to(user) -> QuerySet[ReportTemplate]:
    """Templates of offices in the user's area and of the offices above it, whose
    templates the units below report in."""
    qs = ReportTemplate.objects.all()
    if not sees_everything(user):
        qs = qs.filter(
            Q(office__in=visible_units(user).values("pk"))
            | Q(office__path__in=_ancestor_paths(user))
        )
    return qs.select_related("office").annotate(field_count=Count("fields")).order_by("name")


def get_template(user, pk: int) -> ReportTemplate:
    return get_object_or_404(
        templates_visible_to(user).prefetch_related("fields"),
        pk=pk,
    )


def template_lines(template: ReportTemplate) -> list[tuple]:
    """(field, label) in order; a measure's label comes from the catalogue."""
    return [
        (f, f.label or (m.label if (m := MEASURES.get(f.measure)) else f.measure))
        for f in template.fields.all()
    ]


def get_report(template: ReportTemplate, unit: Unit, period) -> PeriodicReport | None:
    return PeriodicReport.objects.filter(
        template=template, unit=unit, period_start=period.start
    ).first()


@dataclass
class ReportLine:
    position: int
    field_id: int
    label: str
    unit: str
    value: object
    is_text: bool
    is_money: bool = False


def report_lines(template: ReportTemplate, unit: Unit, period, report=None) -> list[ReportLine]:
    """The template's lines for the unit and period, measures computed from the data."""
    figures = compute_measures(unit, period)
    texts = report.texts if report is not None else {}
    lines = []
    for f in template.fields.all():
        if f.is_text:
            lines.append(ReportLine(f.position, f.pk, f.label, "", texts.get(str(f.pk), ""), True))
        else:
            measure = MEASURES.get(f.measure)
            if measure is None:
                continue
            lines.append(
                ReportLine(
                    f.position,
                    f.pk,
                    f.label or str(measure.label),
                    str(measure.unit),
                    figures[f.measure],
                    False,
                    measure.is_money,
                )
            )
    return lines


# --- writes ----------------------------------------------------------------------------------


@transaction.atomic
def define_template(*, office, name: str, period_kind: str, measures, texts, by) -> ReportTemplate:
    """A report template of the managing office: measures computed from the data, in the
    order given, followed by lines the reporting unit types in (duty 4)."""
    measures = [m for m in measures if m]
    texts = [t.strip() for t in texts if t and t.strip()]
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Name the template.")
    elif ReportTemplate.objects.filter(office=office, name__iexact=name).exists():
        errors["name"] = _("The office already has a template named %(name)s.") % {"name": name}
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        errors["measures"] = _("Unknown measure: %(codes)s.") % {"codes": ", ".join(unknown)}
    elif len(set(measures)) != len(measures):
        errors["measures"] = _("A measure is listed twice.")
    if not measures and not texts:
        errors["measures"] = _("Choose at least one measure or write a text line.")
    raise_errors(errors)
    template = ReportTemplate(office=office, name=name, period_kind=period_kind, created_by=by)
    save_audited(template, by, _("Template defined"))
    lines = [{"measure": m} for m in measures] + [{"label": t} for t in texts]
    for position, line in enumerate(lines, start=1):
        audit(TemplateField(template=template, position=position, **line), by, "").save()
    return template


@transaction.atomic
def move_field(*, field: TemplateField, up: bool, by) -> TemplateField:
    """Swap a line with its neighbour (the unique position is freed for the swap)."""
    siblings = TemplateField.objects.select_for_update().filter(template_id=field.template_id)
    neighbour = (
        siblings.filter(position__lt=field.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=field.position).order_by("position").first()
    )
    if neighbour is None:
        return field
    mine, theirs = field.position, neighbour.position
    spare = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    for obj, position in ((field, spare), (neighbour, mine), (field, theirs)):
        obj.position = position
        save_audited(obj, by, _("Line moved"))
    return field


@transaction.atomic
def save_report_texts(
    *, template: ReportTemplate, unit, period, texts: dict, by, version=None
) -> PeriodicReport:
    """Keep the lines typed in for a unit's report; a stale form is refused."""
    allowed = {str(f.pk) for f in template.fields.all() if f.is_text}
    texts = {k: (v or "").strip() for k, v in texts.items() if k in allowed}
    report = PeriodicReport.objects.filter(
        template=template, unit=unit, period_start=period.start
    ).first()
    if report is None:
        report = PeriodicReport(
            template=template, unit=unit, period_start=period.start, texts=texts, updated_by=by
        )
        return save_audited(report, by, _("Report written"))
    report.texts = texts
    report.updated_by = by
    return save_with_version(
        report,
        expected_version=report.version if version is None else version,
        by=by,
        reason=_("Report written"),
    )
