"""Poverty-reduction clubs (câu lạc bộ công tác giảm nghèo): clubs, members, officers,
meetings with their attendance, follow-up actions and good practices, and the yearly
expansion plan. Rules and their source are in :mod:`giamngheo.clubs.catalogues`.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.ethnicity import ETHNICITY_CHOICES, NAMES
from giamngheo.core.models import Versioned
from giamngheo.core.search import fold_parts
from giamngheo.core.sex import Sex

from .catalogues import MAX_MEMBERS, MAX_VICE_CHAIRS, ClubLevel, Frequency, Topic


class Club(Versioned):
    """A club placed on the unit it covers.

    ``founding_unit`` is the unit whose People's Committee founded the club and whose
    poverty-reduction steering committee manages it: the club's own level, except a
    village club (and a village club of poor people), which the commune founds and manages.
    """

    name = models.CharField(_("club name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=ClubLevel.choices, db_index=True)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit covered"), on_delete=models.PROTECT, related_name="clubs"
    )
    founding_unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("founded and managed at"),
        on_delete=models.PROTECT,
        related_name="founded_clubs",
        editable=False,
    )
    decision_no = models.CharField(_("founding decision number"), max_length=60)
    founded_on = models.DateField(_("founded on"), db_index=True)
    frequency = models.CharField(
        _("meeting frequency"), max_length=16, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    rules_reference = models.CharField(_("rules (quy chế) document"), max_length=200, blank=True)
    rules_adopted_on = models.DateField(_("rules adopted on"), null=True, blank=True)
    rules_text = models.TextField(_("main points of the rules"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("club")
        verbose_name_plural = _("clubs")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="clubs_unique_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold_parts(self.name, self.decision_no)
        super().save(*args, **kwargs)


class HostPlace(models.Model):
    """A place a club's meetings rotate among, in the order of ``position``.

    A commune or above-commune club rotates over units it covers (villages, communes:
    ``unit``); a village club over its self-managed groups, which have no model yet, so
    they are named places (``name``). A later ``SelfManagedGroup`` link becomes a third
    kind of place without changing the rotation.
    """

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="host_places"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("place name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in the rotation"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("host place")
        verbose_name_plural = _("host places")
        ordering = ["club", "position"]
        constraints = [
            models.UniqueConstraint(fields=["club", "position"], name="clubs_host_place_order"),
            models.UniqueConstraint(
                fields=["club", "unit"],
                condition=Q(unit__isnull=False),
                name="clubs_host_place_unit_once",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(name=""), name="clubs_host_place_named"
            ),
        ]

    def __str__(self) -> str:
        return self.unit.name if self.unit_id else self.name


class MemberKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class Member(models.Model):
    """An official member. Guests are invited per meeting and are not members.

    Each current member holds a ``seat`` from 1 to 25; the database refuses a second
    holder of a seat and any seat above 25, so it can never hold 26 current members
    whatever the application does.
    """

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    kind = models.CharField(
        _("member type"), max_length=16, choices=MemberKind.choices, default=MemberKind.INDIVIDUAL
    )
    organisation = models.CharField(_("organisation or position"), max_length=200, blank=True)
    # For the statistics of the force; blank for an organisation member.
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=ETHNICITY_CHOICES, blank=True
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    seat = models.PositiveSmallIntegerField(_("seat"), editable=False)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["club", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["club", "seat"],
                condition=Q(left_on__isnull=True),
                name="clubs_one_current_member_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(seat__gte=1, seat__lte=MAX_MEMBERS), name="clubs_member_cap"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = fold_parts(self.full_name, self.organisation)
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    @property
    def ethnicity_name(self) -> str:
        return NAMES.get(self.ethnicity, "")


class OfficerRole(models.TextChoices):
    CHAIR = "chair", _("Chair (chủ nhiệm)")
    VICE_CHAIR = "vice_chair", _("Vice-chair (phó chủ nhiệm)")


class Officer(models.Model):
    """A member elected chair or vice-chair for a term; a change ends one term, starts another.

    Current officers hold a slot (0 the chair, 1 and 2 the vice-chairs); unique slots
    among current officers give one chair and at most two vice-chairs in the database.
    """

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="officers"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="offices"
    )
    role = models.CharField(_("position"), max_length=16, choices=OfficerRole.choices)
    slot = models.PositiveSmallIntegerField(editable=False)
    elected_on = models.DateField(_("elected on"))
    election_result = models.CharField(_("election result"), max_length=200)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ended_on = models.DateField(_("left office on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving office"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["club", "slot", "-elected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["club"],
                condition=Q(role=OfficerRole.CHAIR, ended_on__isnull=True),
                name="clubs_one_current_chair",
            ),
            models.UniqueConstraint(
                fields=["club", "slot"],
                condition=Q(ended_on__isnull=True),
                name="clubs_one_current_officer_per_slot",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(ended_on__isnull=True),
                name="clubs_one_current_office_per_member",
            ),
            models.CheckConstraint(
                condition=Q(role=OfficerRole.CHAIR, slot=0)
                | Q(role=OfficerRole.VICE_CHAIR, slot__gte=1, slot__lte=MAX_VICE_CHAIRS),
                name="clubs_officer_slot_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.member}"


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(Versioned):
    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="meetings"
    )
    state = models.CharField(
        _("status"), max_length=16, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    planned_on = models.DateField(_("planned for"), db_index=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    host_place = models.ForeignKey(
        HostPlace, verbose_name=_("host"), on_delete=models.PROTECT, related_name="meetings"
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    other_topics = models.CharField(_("other topics"), max_length=500, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # Official members on the roll when the meeting was recorded: the attendance base.
    members_on_roll = models.PositiveSmallIntegerField(_("members on the roll"), null=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.club} · {self.planned_on:%d/%m/%Y}"

    @property
    def is_overdue(self) -> bool:
        """Still planned for a day that has passed: to be recorded as held or cancelled."""
        return self.state == MeetingState.PLANNED and self.planned_on < timezone.localdate()

    @property
    def date(self):
        return self.held_on or self.planned_on

    @property
    def area_unit(self):
        """The unit whose users may see and manage the meeting (``accounts.capabilities``)."""
        return self.club.unit


class MeetingTopic(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="topics"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting topic")
        verbose_name_plural = _("meeting topics")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="clubs_topic_once")
        ]

    def __str__(self) -> str:
        return self.get_topic_display()


class Attendance(models.Model):
    """A member present at a meeting (absent members have no row)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="attendances"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="clubs_attend_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class Guest(models.Model):
    """Someone invited to one meeting (officials, businesses, households …)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="guests"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    organisation = models.CharField(_("organisation or position"), max_length=200, blank=True)
    attended = models.BooleanField(_("attended"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.full_name


class FollowUpAction(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("owner"), max_length=150)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.description


class GoodPractice(models.Model):
    """A production model that worked, kept so other clubs can replicate it."""

    club = models.ForeignKey(
        Club, verbose_name=_("club"), on_delete=models.CASCADE, related_name="good_practices"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
    )
    title = models.CharField(_("model"), max_length=200)
    description = models.TextField(_("what was done and the result"))
    households = models.PositiveIntegerField(_("households taking part"), null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold_parts(self.title, self.description[:300])
        super().save(*args, **kwargs)


class ExpansionPlan(models.Model):
    """How many new clubs of a level a unit plans to found in a year."""

    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="club_plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=16, choices=ClubLevel.choices)
    planned = models.PositiveSmallIntegerField(_("new clubs planned"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expansion plan")
        verbose_name_plural = _("expansion plans")
        ordering = ["unit__path", "-year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "level"], name="clubs_plan_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year} · {self.get_level_display()}: {self.planned}"
