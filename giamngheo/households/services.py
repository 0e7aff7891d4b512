"""Writes to the register: households with their members, and status decisions.

Every write runs in one transaction, records who and why in the audit trail, refreshes
the engine's assessment, and refuses a stale edit (optimistic locking).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from giamngheo.accounts.scoping import scoped
from giamngheo.core import area_cache
from giamngheo.core.audit import audit, today
from giamngheo.core.citizen_id import citizen_id_problems, normalise_citizen_id
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.search import fold, fold_parts
from giamngheo.geo.models import Level, Unit

from .assessment import apply_assessment, assess, store_deprivations
from .models import (
    CauseTag,
    Household,
    Member,
    NeedTag,
    PolicyGroup,
    PolicyTag,
    PovertyCause,
    PovertyStatus,
    Relation,
    StatusRecord,
    SupportNeed,
)
from .movements import derive_movements

# From 14 every citizen must hold an ID card (Law on Identification 2023, Art. 19).
CITIZEN_ID_REQUIRED_FROM_AGE = 14

HOUSEHOLD_FIELDS = [
    "address", "phone", "income_per_capita", "has_house", "housing_type", "walls_durable",
    "frame_durable", "roof_durable", "floor_area_m2", "water_source", "latrine_type",
    "any_member_uses_telephone", "any_member_uses_internet", "has_television", "has_radio",
    "has_computer", "has_phone", "has_tablet", "hears_public_loudspeaker", "waste_handling",
]  # fmt: skip
MEMBER_FIELDS = [
    "full_name", "sex", "date_of_birth", "birth_year", "ethnicity", "citizen_id", "relation",
    "has_health_insurance", "seriously_ill", "received_medical_care", "in_school",
    "at_age_appropriate_level", "education_level", "has_enterprise_training_certificate",
    "employment_status", "is_wage_earner", "has_labour_contract", "severe_disability",
    "receives_monthly_social_allowance", "stunted", "underweight",
]  # fmt: skip


class DuplicateWarning(ValidationError):
    """Likely duplicates found; the user may confirm and save anyway."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        super().__init__(warnings)


def age_on(member: Member, on: date) -> int | None:
    if member.date_of_birth:
        b = member.date_of_birth
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))
    if member.birth_year:
        return on.year - member.birth_year
    return None


def household_link(household: Household) -> str:
    return format_html(
        '<a href="{}">{}</a>',
        reverse("households:household_detail", args=[household.code]),
        household,
    )


def validate_members(
    members: list[Member],
    *,
    exclude_household: Household | None = None,
    on: date | None = None,
    by=None,
) -> dict[int, list[str]]:
    """Problems per member index (form row); empty when the members can be saved.

    Checks: one head; CCCD format, required from age 14, not repeated in the list and not
    registered in another household. Inside ``by``'s area the message names the person and
    links to the household; outside it says only "another area" (Decree 13/2023/NĐ-CP:
    nobody learns about residents outside their area).
    """
    on = today(on)
    problems: dict[int, list[str]] = {}

    def add(i, message):
        problems.setdefault(i, []).append(message)

    heads = [i for i, m in enumerate(members) if m.relation == Relation.HEAD]
    if not members:
        add(-1, _("A household needs at least one member: its head."))
    elif len(heads) != 1:
        add(
            -1,
            _("A household has exactly one head (chủ hộ); this one has %(n)d.") % {"n": len(heads)},
        )
    seen: dict[str, int] = {}
    for i, m in enumerate(members):
        for message in _member_problems(m, on=on, seen=seen, index=i):
            add(i, message)
    if seen:
        for citizen_id, message in _registered_in_other_households(
            list(seen), exclude_household=exclude_household, by=by
        ):
            add(seen[citizen_id], message)
    return problems


def _member_problems(m: Member, *, on: date, seen: dict[str, int], index: int) -> list[str]:
    """One member's own problems: date of birth, citizen ID format and age, an ID repeated
    in the list (``seen`` maps each ID to the first member that has it). Normalises the ID."""
    problems = []
    m.citizen_id = normalise_citizen_id(m.citizen_id) or None
    if m.date_of_birth and m.date_of_birth > on:
        problems.append(_("The date of birth is in the future."))
    if m.citizen_id:
        problems += citizen_id_problems(
            m.citizen_id, date_of_birth=m.date_of_birth, birth_year=m.birth_year, sex=m.sex
        )
        if m.citizen_id in seen:
            problems.append(
                _("The citizen ID %(id)s is repeated (also member %(n)d).")
                % {"id": m.citizen_id, "n": seen[m.citizen_id] + 1}
            )
        seen.setdefault(m.citizen_id, index)
    else:
        age = age_on(m, on)
        if age is not None and age >= CITIZEN_ID_REQUIRED_FROM_AGE:
            problems.append(
                _("%(name)s is %(age)d: a citizen ID is required from age 14.")
                % {"name": m.full_name, "age": age}
            )
    return problems


def _registered_in_other_households(citizen_ids: list[str], *, exclude_household, by):
    """(citizen ID, message) for each ID already registered in another household: naming
    the person and linking the household inside ``by``'s area, "another area" outside it."""
    others = Member.objects.filter(citizen_id__in=citizen_ids).select_related("household")
    if exclude_household is not None:
        others = others.exclude(household=exclude_household)
    visible = set(
        scoped(Household.objects.all(), by, via="commune")
        .filter(pk__in={o.household_id for o in others})
        .values_list("pk", flat=True)
        if by is not None
        else ()
    )
    for other in others:
        if other.household_id in visible:
            message = format_html(
                _("The citizen ID {} is already registered to {} in household {}."),
                other.citizen_id,
                other.full_name,
                household_link(other.household),
            )
        else:
            message = registered_elsewhere(other.citizen_id)
        yield other.citizen_id, message


def registered_elsewhere(citizen_id: str) -> str:
    """The only thing said about a resident outside the user's area: that the ID is taken."""
    return _(
        "The citizen ID %(id)s is already registered to a resident in another area; one "
        "person can belong to only one household. Check the number, or ask that area to "
        "remove the person first."
    ) % {"id": citizen_id}


def likely_duplicates(
    members: list[Member], commune: Unit, exclude_household: Household | None = None
) -> list[str]:
    """Same name and date of birth already in another household of the commune."""
    keys = {(fold(m.full_name), m.date_of_birth) for m in members if m.date_of_birth}
    if not keys:
        return []
    candidates = Member.objects.filter(
        household__commune=commune, date_of_birth__in={d for _n, d in keys}
    ).select_related("household")
    if exclude_household is not None:
        candidates = candidates.exclude(household=exclude_household)
    return [
        format_html(
            _("{} born {} is already in household {}: is it the same person?"),
            c.full_name,
            c.date_of_birth.strftime("%d/%m/%Y"),
            household_link(c.household),
        )
        for c in candidates
        if (fold(c.full_name), c.date_of_birth) in keys
    ]


def _derive(household: Household, members: list[Member]) -> None:
    head = next((m for m in members if m.relation == Relation.HEAD), None)
    household.head_name = head.full_name if head else ""
    household.ethnicity = (head.ethnicity if head else "") or ""
    household.search_text = fold_parts(
        household.code,
        household.phone,
        *[m.full_name for m in members],
        *[m.citizen_id for m in members],
    )


def _set_policy_groups(household: Household, groups) -> None:
    groups = PolicyGroup.of_household(groups, household.ethnicity)
    PolicyTag.objects.filter(household=household).exclude(group__in=groups).delete()
    existing = set(PolicyTag.objects.filter(household=household).values_list("group", flat=True))
    PolicyTag.objects.bulk_create(
        [PolicyTag(household=household, group=g) for g in groups - existing]
    )


def set_causes_and_needs(*, household: Household, causes=None, needs=None) -> None:
    """Replace the household's recorded causes of poverty and support needs (reports 8, 10).

    ``None`` leaves that list as it is; an empty list clears it. Written by the household
    form and by the review's survey (phiếu B), where they are asked.
    """
    for values, model, field, allowed in (
        (causes, CauseTag, "cause", PovertyCause.values),
        (needs, NeedTag, "need", SupportNeed.values),
    ):
        if values is None:
            continue
        values = set(values)
        if values - set(allowed):
            raise ValidationError(_("Unknown cause of poverty or support need."))
        model.objects.filter(household=household).exclude(**{f"{field}__in": values}).delete()
        existing = set(model.objects.filter(household=household).values_list(field, flat=True))
        model.objects.bulk_create(
            [model(household=household, **{field: v}) for v in values - existing]
        )


def _next_code(commune: Unit) -> str:
    """``<commune code>-NNNNN`` in order of registration."""
    last = (
        Household.objects.filter(commune=commune, code__startswith=f"{commune.code}-")
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    try:
        seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    except ValueError:
        seq = Household.objects.filter(commune=commune).count() + 1
    return f"{commune.code}-{seq:05d}"


def _check(members, household, commune, confirm_duplicates, exclude=None, *, by):
    problems = validate_members(members, exclude_household=exclude, by=by)
    if problems:
        raise MemberProblems(problems)
    if not confirm_duplicates:
        warnings = likely_duplicates(members, commune, exclude_household=exclude)
        if warnings:
            raise DuplicateWarning(warnings)


class MemberProblems(ValidationError):
    def __init__(self, problems: dict[int, list[str]]):
        self.problems = problems
        super().__init__([m for ms in problems.values() for m in ms])


def _save_members(household: Household, members: list[Member], by, reason: str) -> None:
    """Replace the member list: update kept rows, add new ones, delete removed ones."""
    kept = {m.pk for m in members if m.pk}
    for gone in household.members.exclude(pk__in=kept):
        audit(gone, by, reason)
        gone.delete()
    # Clear IDs first so swapping two members' IDs does not trip the unique constraint.
    for m in members:
        m.household = household
        audit(m, by, reason)
    for m in sorted(members, key=lambda m: m.relation != Relation.HEAD):
        if m.pk:
            m.save()
    for m in members:
        if not m.pk:
            m.save()


@transaction.atomic
def create_household(
    *,
    village: Unit,
    data: dict,
    members: list[Member],
    policy_groups=(),
    causes=None,
    needs=None,
    by,
    reason: str = "",
    confirm_duplicates: bool = False,
    code: str = "",
) -> Household:
    """Register a household in a village; the commune (and its area) follow the village."""
    if village.level != Level.VILLAGE:
        raise ValidationError({"village": _("Choose a village (thôn, tổ dân phố …).")})
    commune = village.parent
    _check(members, None, commune, confirm_duplicates, by=by)
    household = Household(village=village, commune=commune, code=code or _next_code(commune))
    if Household.objects.filter(code=household.code).exists():
        raise ValidationError(
            {"code": _("The household code %(code)s is already used.") % {"code": household.code}}
        )
    for name in HOUSEHOLD_FIELDS:
        setattr(household, name, data.get(name, getattr(household, name)))
    _derive(household, members)
    household.commune = commune
    assessment = _assess_and_save(household, members, by, reason)
    _save_members(household, members, by, reason)
    _save_tags(household, assessment, policy_groups=policy_groups, causes=causes, needs=needs)
    return household


@transaction.atomic
def update_household(
    *,
    household: Household,
    village: Unit,
    data: dict,
    members: list[Member],
    policy_groups=(),
    causes=None,
    needs=None,
    version: int,
    by,
    reason: str = "",
    confirm_duplicates: bool = False,
) -> Household:
    """Save an edit; refused if another user saved the household after this form was opened."""
    if village.level != Level.VILLAGE or village.parent_id != household.commune_id:
        raise ValidationError({"village": _("Choose a village of the household's commune.")})
    try:
        version = int(version)
    except (TypeError, ValueError) as exc:
        raise EditConflict(_("The form is missing its version; reload the page.")) from exc
    _check(members, household, household.commune, confirm_duplicates, exclude=household, by=by)
    claimed = Household.objects.filter(pk=household.pk, version=version).update(version=version + 1)
    if not claimed:
        raise EditConflict(
            _(
                "Someone else saved this household after you opened it. Your changes were not "
                "saved; they are still in the form. Reload the page to see the other changes, "
                "then enter yours again."
            )
        )
    household.version = version + 1
    household.village = village
    for name in HOUSEHOLD_FIELDS:
        setattr(household, name, data.get(name, getattr(household, name)))
    _save_members(household, members, by, reason)
    _derive(household, members)
    assessment = _assess_and_save(household, members, by, reason)
    _save_tags(household, assessment, policy_groups=policy_groups, causes=causes, needs=needs)
    return household


def _assess_and_save(household: Household, members: list[Member], by, reason: str):
    """Assess the household on its members' facts, keep the engine's answer on it and save
    it with the audit reason."""
    assessment = assess(household, members)
    apply_assessment(household, assessment)
    audit(household, by, reason)
    household.save()
    return assessment


def _save_tags(household: Household, assessment, *, policy_groups, causes, needs) -> None:
    """The household's policy groups, causes and needs, and its deprived indicators."""
    _set_policy_groups(household, policy_groups)
    set_causes_and_needs(household=household, causes=causes, needs=needs)
    store_deprivations({household.pk: assessment})


@transaction.atomic
def record_status(
    *,
    household: Household,
    status: str,
    year: int,
    standard: str,
    decision_number: str,
    decision_date: date,
    source: str,
    by,
    reason: str = "",
) -> StatusRecord:
    """Put a household on a list, as decided by the commune People's Committee.

    The only writer of ``Household.status``: a review decision (reviews app) or an import
    of the initial lists, both with the decision's number and date.
    """
    _check_decision([status], decision_number, decision_date)
    locked = Household.objects.select_for_update().get(pk=household.pk)
    record = StatusRecord.objects.create(
        household=locked,
        status=status,
        previous_status=locked.status,
        year=year,
        standard=standard,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        source=source,
        reason=reason,
        recorded_by=by,
    )
    _derive_movements([record])
    locked.status, locked.status_year = status, year
    locked._history_user = by
    locked._change_reason = _decision_reason(reason, record.decision_number, decision_date)
    locked.save(update_fields=["status", "status_year", "updated_at"])
    household.status, household.status_year = status, year
    areas_changed([locked])
    return record


def _check_decision(statuses, decision_number: str, decision_date: date | None) -> None:
    """A status is recorded only with known statuses and the decision that set them: its
    number and a date that is not in the future."""
    errors = {}
    if any(status not in PovertyStatus.values for status in statuses):
        errors["status"] = _("Unknown status.")
    if not (decision_number or "").strip():
        errors["decision_number"] = _("A status needs the number of the decision that set it.")
    if not decision_date:
        errors["decision_date"] = _("A status needs the date of the decision that set it.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("The decision date is in the future.")
    if errors:
        raise ValidationError(errors)


def _decision_reason(reason: str, number: str, decision_date: date) -> str:
    """The history's reason for a status change: the one given, else the decision."""
    return reason or _("Decision %(no)s of %(date)s") % {
        "no": number,
        "date": decision_date.strftime("%d/%m/%Y"),
    }


def _derive_movements(records: list[StatusRecord]) -> None:
    """Derive the records' movements in the database and copy them onto the instances."""
    pks = [r.pk for r in records]
    derive_movements(StatusRecord.objects.filter(pk__in=pks))
    movements = dict(StatusRecord.objects.filter(pk__in=pks).values_list("pk", "movement"))
    for r in records:
        r.movement = movements[r.pk]


def areas_changed(households) -> None:
    """The figures of these households' villages, communes and provinces (the dashboard) are
    recomputed on next use, once the transaction commits."""
    paths = Unit.objects.filter(pk__in={h.village_id for h in households}).values_list("path")
    area_cache.changed(path for (path,) in paths)


@transaction.atomic
def record_statuses(
    *,
    changes: list[tuple[Household, str]],
    year: int,
    standard: str,
    decision_number: str,
    decision_date: date,
    source: str,
    by,
    reason: str = "",
) -> list[StatusRecord]:
    """``record_status`` for many households of one decision, in one transaction.

    The same checks and audit as ``record_status``; the households are locked, the
    records written in one statement and the households updated with their history.
    A commune's annual decision touches hundreds of households.
    """
    _check_decision([status for _h, status in changes], decision_number, decision_date)
    wanted = {h.pk: status for h, status in changes}
    if len(wanted) != len(changes):
        raise ValidationError(_("A household appears twice in the same decision."))
    locked = list(Household.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    number = decision_number.strip()
    change_reason = _decision_reason(reason, number, decision_date)
    records = StatusRecord.objects.bulk_create(
        [
            StatusRecord(
                household=h,
                status=wanted[h.pk],
                previous_status=h.status,
                year=year,
                standard=standard,
                decision_number=number,
                decision_date=decision_date,
                source=source,
                reason=reason,
                recorded_by=by,
            )
            for h in locked
        ],
        batch_size=1000,
    )
    _derive_movements(records)
    now = timezone.now()
    for h in locked:
        h.status, h.status_year, h.updated_at = wanted[h.pk], year, now
    bulk_update_with_history(
        locked,
        Household,
        ["status", "status_year", "updated_at"],
        batch_size=1000,
        default_user=by,
        default_change_reason=change_reason,
    )
    areas_changed(locked)
    for h, status in changes:
        h.status, h.status_year = status, year
    return records
