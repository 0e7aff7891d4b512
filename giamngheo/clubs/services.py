"""Writes for clubs: found a club, members under the cap, officers, meetings in rotation.

Every function takes keyword arguments and the acting user (``by``), runs in one
transaction, refuses what the club model does not allow with a Vietnamese message
(through gettext) and leaves an audit record with the reason.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.core.audit import audit, today
from giamngheo.core.concurrency import save_with_version
from giamngheo.core.ethnicity import NAMES
from giamngheo.core.sex import Sex
from giamngheo.geo.models import Level, Unit

from .catalogues import MAX_MEMBERS, MAX_VICE_CHAIRS, ClubLevel, Frequency, Topic
from .models import (
    Attendance,
    Club,
    ExpansionPlan,
    FollowUpAction,
    GoodPractice,
    Guest,
    HostPlace,
    Meeting,
    MeetingState,
    MeetingTopic,
    Member,
    Officer,
    OfficerRole,
)
from .workflow import MEETINGS

# The unit levels a club of each level may be placed on.
UNIT_LEVELS = {
    ClubLevel.ABOVE_COMMUNE: {Level.PROVINCE, Level.DISTRICT},
    ClubLevel.COMMUNE: {Level.COMMUNE},
    ClubLevel.VILLAGE: {Level.VILLAGE},
    ClubLevel.POOR_PEOPLE: {Level.COMMUNE, Level.VILLAGE},
}


def founding_unit_for(unit: Unit) -> Unit:
    """The People's Committee that founds a club on ``unit`` and whose steering committee
    manages it: the unit's own level, except a village, which the commune founds."""
    return unit.parent if unit.level == Level.VILLAGE else unit


def host_units_for(club: Club):
    """Units a club may rotate over: the villages of a commune, the communes of a province.

    A club on a village has no such units: its places (self-managed groups) are named.
    """
    if club.unit.level == Level.VILLAGE:
        return Unit.objects.none()
    return club.unit.children.filter(is_active=True).order_by("code")


def _lock(club: Club) -> Club:
    """Take the club's row lock so counts made under it cannot race another writer."""
    return Club.objects.select_for_update().get(pk=club.pk)


# Clubs ---------------------------------------------------------------------------


def _validate_club(*, name, level, unit, decision_no, founded_on, exclude_pk=None) -> str:
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Enter the club's name.")
    if level not in ClubLevel.values:
        errors["level"] = _("Choose the club's level.")
    elif unit is not None and unit.level not in UNIT_LEVELS[level]:
        errors["unit"] = _(
            "A club of this level cannot be placed on %(unit)s: choose a province for a club above commune level, a commune for a commune club, a village for a village club."
        ) % {"unit": unit}
    if not (decision_no or "").strip():
        errors["decision_no"] = _(
            "Enter the number of the People's Committee decision founding the club."
        )
    if founded_on and founded_on > timezone.localdate():
        errors["founded_on"] = _("The founding date cannot be in the future.")
    if name and unit is not None:
        clash = Club.objects.filter(unit=unit, name__iexact=name).exclude(pk=exclude_pk)
        if clash.exists():
            errors["name"] = _("%(unit)s already has a club named “%(name)s”.") % {
                "unit": unit,
                "name": name,
            }
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def found_club(
    *,
    name: str,
    level: str,
    unit: Unit,
    decision_no: str,
    founded_on: datetime.date,
    frequency: str = Frequency.MONTHLY,
    rules_reference: str = "",
    rules_adopted_on: datetime.date | None = None,
    rules_text: str = "",
    by,
    reason: str = "",
) -> Club:
    """Record a club founded by decision of the People's Committee of its level.

    A commune (or above-commune) club starts with every village (commune) it covers
    as a host place, in code order; a village club's places are added by name.
    """
    name = _validate_club(
        name=name, level=level, unit=unit, decision_no=decision_no, founded_on=founded_on
    )
    club = audit(
        Club(
            name=name,
            level=level,
            unit=unit,
            founding_unit=founding_unit_for(unit),
            decision_no=decision_no.strip(),
            founded_on=founded_on,
            frequency=frequency,
            rules_reference=rules_reference,
            rules_adopted_on=rules_adopted_on,
            rules_text=rules_text,
        ),
        by,
        reason or _("Club founded"),
    )
    club.save()
    if unit.level == Level.COMMUNE:
        for position, place in enumerate(host_units_for(club), start=1):
            audit(HostPlace(club=club, position=position, unit=place), by).save()
    return club


# What editing a club may change (not its level or unit).
EDITABLE_CLUB_FIELDS = (
    "name", "decision_no", "founded_on", "frequency", "rules_reference", "rules_adopted_on",
    "rules_text", "is_active", "dissolved_on",
)  # fmt: skip


@transaction.atomic
def update_club(
    *,
    club: Club,
    version: int,
    by,
    reason: str = "",
    **fields,
) -> Club:
    """Edit a club's founding and rules details; refused if someone saved it meanwhile.

    The level and unit are not edited: a club moved to another level is a new club.
    """
    merged = {f: fields.get(f, getattr(club, f)) for f in ("name", "decision_no", "founded_on")}
    merged["name"] = _validate_club(level=club.level, unit=club.unit, exclude_pk=club.pk, **merged)
    for field, value in {**fields, **merged}.items():
        if field in EDITABLE_CLUB_FIELDS:
            setattr(club, field, value)
    if not club.is_active and not club.dissolved_on:
        raise ValidationError({"dissolved_on": _("Enter the date the club was dissolved.")})
    return save_with_version(club, expected_version=version, by=by, reason=reason)


# Members -------------------------------------------------------------------------


@transaction.atomic
def add_member(
    *,
    club: Club,
    full_name: str,
    joined_on: datetime.date,
    kind: str = "individual",
    organisation: str = "",
    phone: str = "",
    sex: str = "",
    ethnicity: str = "",
    by,
    reason: str = "",
) -> Member:
    """Admit an official member: at most 25 current members (the Tây Ninh model's rule).

    The count is taken under the club's row lock, so two officers adding the 25th
    and 26th members at the same moment are served one after the other; the seat
    constraint in the database is the last guard.
    """
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ValidationError({"full_name": _("Enter the member's full name.")})
    if sex and sex not in Sex.values:
        raise ValidationError({"sex": _("Choose the member's sex.")})
    if ethnicity and ethnicity not in NAMES:
        raise ValidationError({"ethnicity": _("Choose the member's ethnicity.")})
    club = _lock(club)
    if not club.is_active:
        raise ValidationError(_("The club has been dissolved; it takes no new members."))
    taken = set(club.members.filter(left_on__isnull=True).values_list("seat", flat=True))
    if len(taken) >= MAX_MEMBERS:
        raise ValidationError(
            _(
                "The club already has %(max)d official members, the most its rules allow. "
                "Invite this person as a guest, or record a member leaving first."
            )
            % {"max": MAX_MEMBERS}
        )
    seat = min(s for s in range(1, MAX_MEMBERS + 1) if s not in taken)
    member = audit(
        Member(
            club=club,
            full_name=full_name,
            kind=kind,
            organisation=organisation.strip(),
            phone=phone.strip(),
            sex=sex,
            ethnicity=ethnicity,
            joined_on=joined_on,
            seat=seat,
        ),
        by,
        reason or _("Member admitted"),
    )
    member.save()
    return member


@transaction.atomic
def record_member_leaving(*, member: Member, left_on: datetime.date, by, reason: str) -> Member:
    """A member leaves; an office they hold ends the same day. The record stays."""
    if member.left_on:
        raise ValidationError(_("This member has already left the club."))
    if left_on < member.joined_on:
        raise ValidationError({"left_on": _("The member cannot leave before joining.")})
    _lock(member.club)
    for office in member.offices.filter(ended_on__isnull=True):
        office.ended_on = left_on
        office.end_reason = _("Left the club")
        audit(office, by, reason).save()
    member.left_on = left_on
    audit(member, by, reason or _("Member left")).save()
    return member


# Officers ------------------------------------------------------------------------


def _check_election(club, member, role, elected_on, election_result, term_ends_on) -> None:
    errors = {}
    if member.club_id != club.pk or member.left_on:
        errors["member"] = _("Only a current official member of the club can be elected.")
    if role not in OfficerRole.values:
        errors["role"] = _("Choose chair or vice-chair.")
    if not (election_result or "").strip():
        errors["election_result"] = _(
            "Enter the result of the members' vote (for example 18/20 votes in favour)."
        )
    if term_ends_on and term_ends_on <= elected_on:
        errors["term_ends_on"] = _("The term must end after the election.")
    if errors:
        raise ValidationError(errors)


def _seat_for(club, member, role, current, replaces):
    """The officer the elected member takes over from (if any) and the seat they take."""
    if any(o.member_id == member.pk for o in current if o != replaces):
        raise ValidationError(
            {"member": _("%(name)s already holds an office in the club.") % {"name": member}}
        )
    if replaces is not None and (replaces.club_id != club.pk or replaces.ended_on):
        raise ValidationError({"replaces": _("Choose a current officer of this club.")})
    if role == OfficerRole.CHAIR:
        outgoing = next((o for o in current if o.role == OfficerRole.CHAIR), None)
        if replaces is not None and replaces != outgoing:
            raise ValidationError({"replaces": _("A new chair replaces the current chair.")})
        slot = 0
    else:
        vices = [o for o in current if o.role == OfficerRole.VICE_CHAIR]
        if replaces is not None and replaces.role != OfficerRole.VICE_CHAIR:
            raise ValidationError(
                {"replaces": _("A new vice-chair replaces one of the vice-chairs.")}
            )
        outgoing = replaces
        if outgoing is None and len(vices) >= MAX_VICE_CHAIRS:
            raise ValidationError(
                _(
                    "The club already has %(max)d vice-chairs. Choose which vice-chair the "
                    "newly elected one replaces, or end a vice-chair's term first."
                )
                % {"max": MAX_VICE_CHAIRS}
            )
        free = {1, 2} - {o.slot for o in vices}
        slot = outgoing.slot if outgoing else min(free)
    return outgoing, slot


@transaction.atomic
def elect_officer(
    *,
    club: Club,
    member: Member,
    role: str,
    elected_on: datetime.date,
    election_result: str,
    term_ends_on: datetime.date | None = None,
    replaces: Officer | None = None,
    by,
    reason: str = "",
) -> Officer:
    """Record a member elected chair or vice-chair by the members.

    A club has one chair and two vice-chairs. A newly elected chair takes over from
    the current chair, whose term ends that day. A third vice-chair is refused unless
    the election replaces one of the two (``replaces``). Ended terms stay on record.
    """
    club = _lock(club)
    _check_election(club, member, role, elected_on, election_result, term_ends_on)
    current = list(club.officers.filter(ended_on__isnull=True).select_related("member"))
    outgoing, slot = _seat_for(club, member, role, current, replaces)
    if outgoing is not None:
        outgoing.ended_on = elected_on
        outgoing.end_reason = _("Replaced by %(name)s") % {"name": member}
        audit(outgoing, by, reason).save()
    officer = audit(
        Officer(
            club=club,
            member=member,
            role=role,
            slot=slot,
            elected_on=elected_on,
            election_result=election_result.strip(),
            term_ends_on=term_ends_on,
        ),
        by,
        reason or _("Elected by the members"),
    )
    officer.save()
    return officer


@transaction.atomic
def end_officer_term(*, officer: Officer, ended_on: datetime.date, by, reason: str) -> Officer:
    """An officer leaves office (term over, resigned …); the post falls vacant until an election."""
    if officer.ended_on:
        raise ValidationError(_("This term has already ended."))
    if ended_on < officer.elected_on:
        raise ValidationError({"ended_on": _("A term cannot end before the election.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason the term ends.")})
    officer.ended_on = ended_on
    officer.end_reason = reason.strip()
    audit(officer, by, reason).save()
    return officer


# Host places and rotation --------------------------------------------------------


@transaction.atomic
def add_host_place(*, club: Club, by, unit: Unit | None = None, name: str = "") -> HostPlace:
    """Add a place to the end of the rotation: a unit the club covers, or a named place.

    Named places are for a village club (its self-managed groups, not yet in the system).
    """
    club = _lock(club)
    name = " ".join((name or "").split())
    if unit is not None:
        if unit.parent_id != club.unit_id:
            raise ValidationError({"unit": _("Choose a unit inside the area the club covers.")})
        if club.host_places.filter(unit=unit).exists():
            raise ValidationError(
                {"unit": _("%(unit)s is already in the rotation.") % {"unit": unit}}
            )
        name = ""
    elif not name:
        raise ValidationError({"name": _("Choose a unit or enter the name of the place.")})
    last = club.host_places.aggregate(m=Max("position"))["m"] or 0
    place = audit(HostPlace(club=club, position=last + 1, unit=unit, name=name), by)
    place.save()
    return place


@transaction.atomic
def set_host_place_active(*, place: HostPlace, active: bool, by, reason: str = "") -> HostPlace:
    """Take a place out of the rotation (or back in) without losing its past meetings."""
    place.is_active = active
    audit(place, by, reason).save()
    return place


def propose_next_host(club: Club) -> HostPlace | None:
    """The place whose turn it is: the next active place after the last meeting's host.

    Places take turns in their order; after the last comes the first again. A place
    taken out of the rotation is skipped. The last meeting is the latest planned or
    held one (cancelled meetings give no turn), so planning two meetings ahead proposes
    two places in turn. No meeting yet: the first active place.
    """
    places = list(club.host_places.order_by("position"))
    active = [p for p in places if p.is_active]
    if not active:
        return None
    last = (
        club.meetings.exclude(state=MeetingState.CANCELLED)
        .order_by("-planned_on", "-id")
        .values_list("host_place__position", flat=True)
        .first()
    )
    if last is None:
        return active[0]
    return next((p for p in active if p.position > last), active[0])


# Meetings ------------------------------------------------------------------------


def _set_topics(meeting: Meeting, topics, by) -> None:
    wanted = {t for t in topics if t in Topic.values}
    existing = {t.topic: t for t in meeting.topics.all()}
    for code, row in existing.items():
        if code not in wanted:
            audit(row, by).delete()
    for code in wanted - existing.keys():
        audit(MeetingTopic(meeting=meeting, topic=code), by).save()


@transaction.atomic
def plan_meeting(
    *,
    club: Club,
    planned_on: datetime.date,
    by,
    host_place: HostPlace | None = None,
    venue: str = "",
    topics=(),
    other_topics: str = "",
    reason: str = "",
) -> Meeting:
    """Plan the club's next meeting; the host defaults to the place whose turn it is."""
    club = _lock(club)
    if not club.is_active:
        raise ValidationError(_("The club has been dissolved; it holds no more meetings."))
    host_place = host_place or propose_next_host(club)
    if host_place is None:
        raise ValidationError(
            {"host_place": _("The club has no place in its rotation yet; add one first.")}
        )
    if host_place.club_id != club.pk:
        raise ValidationError({"host_place": _("Choose one of the club's places.")})
    if not host_place.is_active:
        raise ValidationError({"host_place": _("This place has been taken out of the rotation.")})
    meeting = audit(
        Meeting(
            club=club,
            planned_on=planned_on,
            host_place=host_place,
            venue=venue.strip(),
            other_topics=other_topics.strip(),
        ),
        by,
        reason or _("Meeting planned"),
    )
    meeting.save()
    _set_topics(meeting, topics, by)
    return meeting


@transaction.atomic
def record_meeting(
    *,
    meeting: Meeting,
    held_on: datetime.date,
    minutes: str,
    present: list[Member],
    guests: list[tuple[str, str]] = (),
    topics=None,
    other_topics: str | None = None,
    version: int,
    by,
    reason: str = "",
) -> Meeting:
    """Record a planned meeting as held: date, members present, guests, topics, minutes.

    ``guests`` are (full name, organisation) of invited people who came. The number of
    official members on the roll that day is kept as the base of the attendance rate.
    """
    meeting = MEETINGS.begin(meeting, "hold", by=by, version=version)
    errors = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("A meeting cannot be recorded as held in the future.")
    if not (minutes or "").strip():
        errors["minutes"] = _("Enter the minutes of the meeting.")
    roll = {
        m.pk: m
        for m in meeting.club.members.filter(joined_on__lte=held_on).exclude(left_on__lt=held_on)
    }
    strangers = [m for m in present if m.pk not in roll]
    if strangers:
        errors["present"] = _("%(names)s were not members of the club on that day.") % {
            "names": ", ".join(str(m) for m in strangers)
        }
    if errors:
        raise ValidationError(errors)
    meeting.held_on = held_on
    meeting.minutes = minutes.strip()
    meeting.members_on_roll = len(roll)
    if other_topics is not None:
        meeting.other_topics = other_topics.strip()
    MEETINGS.finish(meeting, "hold", by=by, on=held_on, reason=reason or _("Meeting held"))
    for member in {m.pk: m for m in present}.values():
        audit(Attendance(meeting=meeting, member=member), by).save()
    for full_name, organisation in guests:
        if full_name.strip():
            audit(
                Guest(meeting=meeting, full_name=full_name.strip(), organisation=organisation),
                by,
            ).save()
    if topics is not None:
        _set_topics(meeting, topics, by)
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by, reason: str) -> Meeting:
    """A planned meeting that will not take place; its host keeps the next turn."""
    meeting = MEETINGS.begin(meeting, "cancel", by=by)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    meeting.cancel_reason = reason.strip()
    return MEETINGS.finish(meeting, "cancel", by=by, on=today(), reason=reason)


@transaction.atomic
def add_follow_up(
    *, meeting: Meeting, description: str, owner: str, due_on=None, by
) -> FollowUpAction:
    """A task agreed at a meeting, with the person or body who carries it out."""
    errors = {}
    if not (description or "").strip():
        errors["description"] = _("Describe the action.")
    if not (owner or "").strip():
        errors["owner"] = _("Enter who carries out the action.")
    if errors:
        raise ValidationError(errors)
    action = audit(
        FollowUpAction(
            meeting=meeting, description=description.strip(), owner=owner.strip(), due_on=due_on
        ),
        by,
    )
    action.save()
    return action


@transaction.atomic
def complete_follow_up(*, action: FollowUpAction, done_on: datetime.date, by) -> FollowUpAction:
    if action.done_on:
        raise ValidationError(_("This action is already done."))
    action.done_on = done_on
    audit(action, by, _("Action done")).save()
    return action


@transaction.atomic
def keep_good_practice(
    *,
    club: Club,
    title: str,
    description: str,
    households: int | None = None,
    meeting: Meeting | None = None,
    by,
) -> GoodPractice:
    """Keep a production model that worked, so other clubs can find and replicate it."""
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Name the production model.")
    if not (description or "").strip():
        errors["description"] = _("Describe what was done and the result.")
    if meeting is not None and meeting.club_id != club.pk:
        errors["meeting"] = _("Choose a meeting of this club.")
    if errors:
        raise ValidationError(errors)
    practice = audit(
        GoodPractice(
            club=club,
            meeting=meeting,
            title=title.strip(),
            description=description.strip(),
            households=households,
        ),
        by,
    )
    practice.save()
    return practice


# Expansion plan ------------------------------------------------------------------


@transaction.atomic
def set_expansion_plan(
    *, unit: Unit, year: int, level: str, planned: int, by, reason: str = ""
) -> ExpansionPlan:
    """How many new clubs of a level ``unit`` plans to found in ``year`` (replaces the figure)."""
    if level not in ClubLevel.values:
        raise ValidationError({"level": _("Choose the club's level.")})
    if planned < 0:
        raise ValidationError({"planned": _("The number cannot be negative.")})
    plan = ExpansionPlan.objects.filter(unit=unit, year=year, level=level).first()
    if plan is None:
        plan = ExpansionPlan(unit=unit, year=year, level=level, planned=planned)
    plan.planned = planned
    audit(plan, by, reason).save()
    return plan
