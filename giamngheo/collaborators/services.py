"""Writes for the collaborators' part: roster, contracts, trainings, assignments, the
activity log, the report workflow and evaluations.

Every function takes keyword arguments and the acting user (``by``), runs in a
transaction, refuses with a Vietnamese ``ValidationError`` and records who and why in
the audit trail. Permissions (``manage_collaborators`` for the managing office, the
collaborator's own account for the log) are checked by the views before calling here.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from giamngheo.core import area_cache, uploads
from giamngheo.core.audit import save_audited, today
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.periods import Period
from giamngheo.core.search import fold_parts
from giamngheo.geo.models import Level

from . import report_window
from .models import (
    Activity,
    Assignment,
    Collaborator,
    Contract,
    Evaluation,
    PeriodReport,
    ReportState,
    Status,
    Training,
)
from .selectors import compile_report
from .workflow import REPORTS

ROSTER_FIELDS = (
    "full_name",
    "citizen_id",
    "date_of_birth",
    "sex",
    "ethnicity",
    "phone",
    "address",
    "commune",
    "managing_office",
    "organisation",
    "qualification",
    "status",
    "started_on",
    "user",
)


def _area_changed(*communes) -> None:
    """Area figures count the communes' working collaborators and their reports (the force's
    statistics, the dashboard): recomputed on next use once the transaction commits."""
    area_cache.changed(commune.path for commune in communes if commune is not None)


def _check_roster(collaborator: Collaborator) -> None:
    errors = {}
    if collaborator.commune.level != Level.COMMUNE:
        errors["commune"] = _("Choose a commune, ward or special zone.")
    office = collaborator.managing_office
    if office and not collaborator.commune.path.startswith(office.path):
        errors["managing_office"] = _("The managing office must be above the commune covered.")
    if collaborator.citizen_id:
        if not (collaborator.citizen_id.isdigit() and len(collaborator.citizen_id) == 12):
            errors["citizen_id"] = _("A citizen ID has 12 digits.")
        elif (
            Collaborator.objects.filter(citizen_id=collaborator.citizen_id)
            .exclude(pk=collaborator.pk)
            .exists()
        ):
            errors["citizen_id"] = _("Another collaborator already has this citizen ID.")
    if collaborator.user_id:
        taken = Collaborator.objects.filter(user_id=collaborator.user_id).exclude(
            pk=collaborator.pk
        )
        if taken.exists():
            errors["user"] = _("This account already belongs to another collaborator.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_collaborator(*, by, reason: str = "", **fields) -> Collaborator:
    """Add a collaborator to the roster.

    A second collaborator in a commune, or one outside the mass organisations, is
    allowed: Decision 29/QĐ-UBND names these as defects to correct, so the office sees
    them as warnings rather than being blocked from recording reality.
    """
    unknown = set(fields) - set(ROSTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown roster fields: {sorted(unknown)}")
    collaborator = Collaborator(**fields)
    _check_roster(collaborator)
    collaborator.search_text = fold_parts(
        collaborator.full_name, collaborator.citizen_id, collaborator.phone
    )
    collaborator = save_audited(collaborator, by, reason or _("Added to the roster"))
    _area_changed(collaborator.commune)
    return collaborator


@transaction.atomic
def update_collaborator(*, collaborator: Collaborator, version, by, reason: str = "", **fields):
    """Change roster data; a stale form is refused (optimistic locking)."""
    unknown = set(fields) - set(ROSTER_FIELDS)
    if unknown:
        raise TypeError(f"unknown roster fields: {sorted(unknown)}")
    was_in = collaborator.commune
    for name, value in fields.items():
        setattr(collaborator, name, value)
    _check_roster(collaborator)
    collaborator.search_text = fold_parts(
        collaborator.full_name, collaborator.citizen_id, collaborator.phone
    )
    collaborator = save_with_version(collaborator, expected_version=version, by=by, reason=reason)
    _area_changed(was_in, collaborator.commune)
    return collaborator


def _overlapping(collaborator: Collaborator, starts_on, ends_on, exclude=None):
    qs = Contract.objects.filter(collaborator=collaborator, starts_on__lte=ends_on).filter(
        Q(terminated_on__isnull=True, ends_on__gte=starts_on) | Q(terminated_on__gte=starts_on)
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.first()


@transaction.atomic
def sign_contract(
    *,
    collaborator: Collaborator,
    number: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    allowance_coefficient,
    signer_name: str,
    signed_on: datetime.date,
    by,
    signer_title: str = "",
    renews: Contract | None = None,
    reason: str = "",
) -> Contract:
    """Record a work contract (hợp đồng công việc) signed by the managing office.

    Contracts of one collaborator may not overlap: the allowance sheet pays each month
    once. The collaborator's row is locked so two offices' clerks cannot both sign.
    """
    Collaborator.objects.select_for_update().filter(pk=collaborator.pk).first()
    errors = {}
    number = (number or "").strip()
    if ends_on < starts_on:
        errors["ends_on"] = _("The contract cannot end before it starts.")
    if allowance_coefficient is None or allowance_coefficient <= 0:
        errors["allowance_coefficient"] = _("The allowance coefficient must be above zero.")
    office = collaborator.managing_office
    if Contract.objects.filter(office=office, number=number).exists():
        errors["number"] = _("The office already has a contract with this number.")
    if not errors:
        clash = _overlapping(collaborator, starts_on, ends_on)
        if clash is not None:
            errors["starts_on"] = _(
                "This period overlaps contract %(number)s (%(start)s–%(end)s)."
            ) % {
                "number": clash.number,
                "start": clash.starts_on.strftime("%d/%m/%Y"),
                "end": clash.last_day.strftime("%d/%m/%Y"),
            }
    if errors:
        raise ValidationError(errors)
    contract = Contract(
        collaborator=collaborator,
        office=office,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        allowance_coefficient=allowance_coefficient,
        signer_name=signer_name,
        signer_title=signer_title,
        signed_on=signed_on,
        renews=renews,
    )
    return save_audited(contract, by, reason or (_("Renewal") if renews else _("Contract signed")))


@transaction.atomic
def renew_contract(
    *,
    contract: Contract,
    number: str,
    ends_on: datetime.date,
    signer_name: str,
    signed_on: datetime.date,
    by,
    starts_on: datetime.date | None = None,
    allowance_coefficient=None,
    signer_title: str = "",
) -> Contract:
    """A renewal is a new contract from the day after the old one ends, linked to it."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if Contract.objects.filter(renews=contract).exists():
        raise ValidationError(
            _("Contract %(number)s was already renewed.") % {"number": contract.number}
        )
    if contract.terminated_on:
        raise ValidationError(
            _("Contract %(number)s was terminated; sign a new contract instead.")
            % {"number": contract.number}
        )
    return sign_contract(
        collaborator=contract.collaborator,
        number=number,
        starts_on=starts_on or contract.ends_on + datetime.timedelta(days=1),
        ends_on=ends_on,
        allowance_coefficient=allowance_coefficient or contract.allowance_coefficient,
        signer_name=signer_name,
        signer_title=signer_title,
        signed_on=signed_on,
        renews=contract,
        by=by,
    )


@transaction.atomic
def terminate_contract(*, contract: Contract, on: datetime.date, by, reason: str) -> Contract:
    if not reason:
        raise ValidationError({"reason": _("Give the reason for ending the contract.")})
    if not contract.starts_on <= on <= contract.ends_on:
        raise ValidationError({"on": _("The date must fall within the contract.")})
    contract.terminated_on = on
    return save_audited(contract, by, reason)


@transaction.atomic
def record_training(
    *, collaborator: Collaborator, title: str, held_on: datetime.date, by, organiser: str = ""
) -> Training:
    """A training attended; the yearly training is expected (Decision 29/QĐ-UBND)."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Record a training once it has taken place.")})
    training = Training(
        collaborator=collaborator, title=title, held_on=held_on, organiser=organiser
    )
    return save_audited(training, by, _("Training recorded"))


def _check_households(collaborator: Collaborator, households) -> None:
    outside = [h for h in households if h.commune_id != collaborator.commune_id]
    if outside:
        raise ValidationError(
            {
                "households": _("Household %(code)s is not in the collaborator's commune.")
                % {"code": outside[0].code}
            }
        )


def _check_villages(collaborator: Collaborator, villages) -> None:
    outside = [v for v in villages if v.parent_id != collaborator.commune_id]
    if outside:
        raise ValidationError(
            {"villages": _("%(name)s is not in the collaborator's commune.") % {"name": outside[0]}}
        )


@transaction.atomic
def assign_task(
    *,
    collaborator: Collaborator,
    month: datetime.date,
    duty: str,
    description: str,
    due_on: datetime.date,
    by,
    villages=(),
    households=(),
    target: str = "",
    target_count: int = 1,
) -> Assignment:
    """A monthly task under one of the six duties, given by the managing office.

    Kon Tum's 2018 review found offices unsure how to assign tasks monthly; each task
    names the duty, the villages, a target and a due date so the month's report can be
    compiled against it.
    """
    month = month.replace(day=1)
    errors = {}
    if collaborator.status != Status.ACTIVE:
        errors[None] = _("Only a working collaborator can be given tasks.")
    if due_on < month:
        errors["due_on"] = _("The due date cannot be before the month of the task.")
    if target_count is None or target_count < 1:
        errors["target_count"] = _("At least one activity is expected.")
    if errors:
        raise ValidationError(errors)
    villages, households = list(villages), list(households)
    _check_villages(collaborator, villages)
    _check_households(collaborator, households)
    assignment = Assignment(
        collaborator=collaborator,
        month=month,
        duty=duty,
        description=description,
        target=target,
        target_count=target_count,
        due_on=due_on,
        assigned_by=by,
    )
    save_audited(assignment, by, _("Task assigned"))
    assignment.villages.set(villages)
    assignment.households.set(households)
    return assignment


def check_attachment(upload) -> None:
    """A photo (JPEG, PNG) or PDF of at most 5 MB, judged by its bytes, not its name."""
    uploads.check_attachment(upload, wrong_kind=_("Attach a photo (.jpg, .png) or a .pdf file."))


@transaction.atomic
def log_activity(
    *,
    collaborator: Collaborator,
    done_on: datetime.date,
    duty: str,
    description: str,
    by,
    assignment: Assignment | None = None,
    villages=(),
    households=(),
    attachment=None,
) -> Activity:
    """One entry of the collaborator's log: the day, the duty, the households concerned,
    where and what was done. The villages of the households count as visited.

    Work done after the month's report was handed in is still recorded: the report's figures
    stay as handed in and the entry appears in its addendum (``addendum.py``)."""
    errors = {}
    if done_on > timezone.localdate():
        errors["done_on"] = _("The date cannot be in the future.")
    if assignment is not None:
        if assignment.collaborator_id != collaborator.pk:
            errors["assignment"] = _("This task was given to another collaborator.")
        elif assignment.duty != duty:
            errors["duty"] = _("The task belongs to duty %(duty)s.") % {
                "duty": assignment.get_duty_display()
            }
    if not (description or "").strip():
        errors["description"] = _("Say briefly what was done.")
    if errors:
        raise ValidationError(errors)
    households = list(households)
    _check_households(collaborator, households)
    villages = list({v.pk: v for v in [*villages, *(h.village for h in households)]}.values())
    _check_villages(collaborator, villages)
    activity = Activity(
        collaborator=collaborator,
        done_on=done_on,
        duty=duty,
        assignment=assignment,
        description=description.strip(),
        recorded_by=by,
    )
    if attachment:
        check_attachment(attachment)
        activity.attachment_name = attachment.name[-255:]
        activity.attachment = attachment
    save_audited(activity, by, _("Activity logged"))
    activity.villages.set(villages)
    activity.households.set(households)
    return activity


@transaction.atomic
def submit_report(
    *, collaborator: Collaborator, period: Period, by, note: str = ""
) -> PeriodReport:
    """Hand in the period's report; its figures are compiled from the log and frozen.

    A returned report goes back as resubmitted, so the office sees it has been reworked.
    """
    if not report_window.is_open(period, timezone.localdate()):
        raise ValidationError(
            _("The report for %(period)s can be handed in from %(day)s.")
            % {"period": period.label, "day": date_format(report_window.opens_on(period))}
        )
    key = {"collaborator": collaborator, "period_kind": period.kind, "period_start": period.start}
    # Created by its first transition, so the history starts with "submitted".
    report = PeriodReport.objects.filter(**key).first() or PeriodReport(**key)
    action = "resubmit" if report.state == ReportState.RETURNED else "submit"
    report = REPORTS.begin(report, action, by=by)
    report.note = note
    report.compiled = compile_report(collaborator, period).as_dict()
    report.submitted_at = timezone.now()
    _area_changed(collaborator.commune)
    return REPORTS.finish(report, action, by=by, on=today(), reason=_("Report handed in"))


def _decided(report: PeriodReport, by, comment: str) -> None:
    # No area figure changes: the dashboard counts reports handed in, accepted or returned.
    report.office_comment = comment
    report.decided_by = by
    report.decided_at = timezone.now()


@transaction.atomic
def accept_report(*, report: PeriodReport, by, comment: str = "") -> PeriodReport:
    report = REPORTS.begin(report, "accept", by=by)
    _decided(report, by, comment)
    return REPORTS.finish(
        report, "accept", by=by, on=today(), reason=comment or _("Report accepted")
    )


@transaction.atomic
def return_report(*, report: PeriodReport, by, comment: str) -> PeriodReport:
    """Send the report back; the collaborator must know what to change."""
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what the collaborator should change.")})
    report = REPORTS.begin(report, "return", by=by)
    _decided(report, by, comment)
    return REPORTS.finish(report, "return", by=by, on=today(), reason=comment)


@transaction.atomic
def evaluate(
    *,
    collaborator: Collaborator,
    period: Period,
    grade: str,
    by,
    comments: str = "",
    version=None,
    reason: str = "",
) -> Evaluation:
    """The office's grade for a period; a later change is kept in the history with why.

    The 2018 Kon Tum review found no evaluation reports at all: every change of a grade
    is therefore recorded rather than overwritten.
    """
    if period.start > timezone.localdate():
        raise ValidationError(_("A period can be evaluated once it has begun."))
    existing = Evaluation.objects.filter(
        collaborator=collaborator, period_kind=period.kind, period_start=period.start
    ).first()
    if existing is None:
        evaluation = Evaluation(
            collaborator=collaborator,
            period_kind=period.kind,
            period_start=period.start,
            grade=grade,
            comments=comments,
            evaluated_by=by,
            evaluated_on=timezone.localdate(),
        )
        return save_audited(evaluation, by, reason or _("Evaluated"))
    if existing.grade != grade and not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for changing the grade.")})
    existing.grade = grade
    existing.comments = comments
    existing.evaluated_by = by
    existing.evaluated_on = timezone.localdate()
    expected = existing.version if version is None else version
    return save_with_version(
        existing, expected_version=expected, by=by, reason=reason or _("Evaluation revised")
    )
