"""The household register: households, their members, status history and assessments.

Facts are stored in the shape of ``giamngheo.poverty.facts`` so the engine can assess a
household directly; ``None`` in a fact field means "not yet surveyed" and stays unknown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.ethnicity import ETHNICITY_CHOICES, MINORITY_CODES
from giamngheo.core.models import Versioned
from giamngheo.poverty import (
    EducationLevel,
    EmploymentStatus,
    HousingType,
    LatrineType,
    WasteHandling,
    WaterSource,
)


def _choices(enum, labels: dict) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


HOUSING_CHOICES = _choices(
    HousingType,
    {
        HousingType.DURABLE: _("Durable (kiên cố)"),
        HousingType.SEMI_DURABLE: _("Semi-durable (bán kiên cố)"),
        HousingType.LESS_DURABLE: _("Less durable (thiếu kiên cố)"),
        HousingType.MAKESHIFT: _("Makeshift (đơn sơ)"),
    },
)
WATER_CHOICES = _choices(
    WaterSource,
    {
        WaterSource.PIPED: _("Piped water"),
        WaterSource.DRILLED_WELL: _("Drilled well"),
        WaterSource.PROTECTED_DUG_WELL: _("Protected dug well"),
        WaterSource.UNPROTECTED_DUG_WELL: _("Unprotected dug well"),
        WaterSource.PROTECTED_SPRING: _("Protected spring"),
        WaterSource.UNPROTECTED_SPRING: _("Unprotected spring"),
        WaterSource.RAINWATER: _("Rainwater"),
        WaterSource.BOTTLED: _("Bottled water"),
        WaterSource.SURFACE: _("River, stream, pond or lake"),
        WaterSource.OTHER: _("Other source"),
    },
)
LATRINE_CHOICES = _choices(
    LatrineType,
    {
        LatrineType.SEPTIC: _("Septic tank"),
        LatrineType.SEMI_SEPTIC: _("Semi-septic"),
        LatrineType.POUR_FLUSH: _("Pour-flush"),
        LatrineType.DOUBLE_VAULT: _("Double-vault dry latrine"),
        LatrineType.VENTILATED_PIT: _("Ventilated pit"),
        LatrineType.BIOGAS: _("Biogas"),
        LatrineType.SIMPLE_PIT: _("Simple pit"),
        LatrineType.OVERHANG: _("Overhang latrine"),
        LatrineType.NONE: _("No latrine"),
        LatrineType.OTHER: _("Other"),
    },
)
WASTE_CHOICES = _choices(
    WasteHandling,
    {
        WasteHandling.COLLECTED: _("Collected"),
        WasteHandling.TREATED_ON_SITE: _("Sorted and treated at home"),
        WasteHandling.BURNED_OPENLY: _("Burned in the open"),
        WasteHandling.DUMPED: _("Dumped"),
        WasteHandling.OTHER: _("Other"),
    },
)
EDUCATION_CHOICES = _choices(
    EducationLevel,
    {
        EducationLevel.NONE: _("Primary not completed"),
        EducationLevel.PRIMARY: _("Primary school"),
        EducationLevel.LOWER_SECONDARY: _("Lower secondary school"),
        EducationLevel.VOCATIONAL_ELEMENTARY: _("Elementary vocational"),
        EducationLevel.UPPER_SECONDARY: _("Upper secondary school"),
        EducationLevel.VOCATIONAL_INTERMEDIATE: _("Intermediate vocational"),
        EducationLevel.COLLEGE: _("College"),
        EducationLevel.UNIVERSITY: _("University or higher"),
    },
)
EMPLOYMENT_CHOICES = _choices(
    EmploymentStatus,
    {
        EmploymentStatus.EMPLOYED: _("Working"),
        EmploymentStatus.UNEMPLOYED: _("Unemployed"),
        EmploymentStatus.NOT_IN_LABOUR_FORCE: _("Not in the labour force"),
    },
)


class PovertyStatus(models.TextChoices):
    """The lists a household can be on (glossary codes)."""

    POOR = "POOR", _("Poor")
    NEAR_POOR = "NEAR_POOR", _("Near-poor")
    ESCAPED_POOR = "ESCAPED_POOR", _("Newly escaped poverty")
    ESCAPED_NEAR_POOR = "ESCAPED_NEAR_POOR", _("Newly escaped near-poverty")
    NOT_LISTED = "NOT_LISTED", _("Not on the lists")


class PolicyGroup(models.TextChoices):
    """Reporting attributes used in practice (regulations.md §10; definitions partly unverified)."""

    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic minority household")
    PERSON_OF_MERIT = "person_of_merit", _("Household with a person of merit")
    NO_WORKING_CAPACITY = "no_working_capacity", _("Household with no working-capacity member")
    SOCIAL_PROTECTION = "social_protection", _("Social-protection household")
    AGRICULTURE = "agriculture", _("Agricultural, forestry, fishery or salt-making household")

    @classmethod
    def of_household(cls, chosen, ethnicity: str) -> set[str]:
        """The household's groups: those chosen, and the ethnic-minority group whenever the
        head's ethnicity is one of the 53 minority groups, whatever was chosen. The one rule
        for forms and imports alike."""
        groups = set(chosen or [])
        if ethnicity in MINORITY_CODES:
            groups.add(cls.ETHNIC_MINORITY)
        return groups


class PovertyCause(models.TextChoices):
    """Why a household is poor, as recorded at the review (report 10; several per household)."""

    NO_LAND = "no_land", _("Lack of production land")
    NO_CAPITAL = "no_capital", _("Lack of capital")
    NO_LABOUR = "no_labour", _("Lack of labour")
    NO_MEANS = "no_means", _("Lack of means of production")
    NO_KNOW_HOW = "no_know_how", _("Lack of production know-how")
    NO_SKILLS = "no_skills", _("Lack of vocational skills")
    ILLNESS = "illness", _("Illness or accident")
    OTHER = "other", _("Other cause")


class SupportNeed(models.TextChoices):
    """What support the household needs, as recorded at the review (report 8)."""

    HEALTH = "health", _("Health support")
    EDUCATION = "education", _("Education support")
    PRODUCTION = "production", _("Production support")
    CREDIT = "credit", _("Preferential credit")
    HOUSING = "housing", _("Housing support")
    OTHER = "other", _("Other support")


class Movement(models.TextChoices):
    """How a status decision moves a household relative to its previous list (reports 2, 3).

    Derived from the status history by ``households.movements``, never typed by hand.
    """

    NEWLY_POOR = "newly_poor", _("Newly poor")
    FALLEN_BACK = "fallen_back", _("Fallen back into poverty")
    CONTINUING = "continuing", _("Continuing on the same list")
    ESCAPED_POOR = "escaped_poor", _("Escaped poverty")
    POOR_TO_NEAR_POOR = "poor_to_near_poor", _("Poor to near-poor")
    NEWLY_NEAR_POOR = "newly_near_poor", _("Newly near-poor")
    ESCAPED_NEAR_POOR = "escaped_near_poor", _("Escaped near-poverty")
    MOVED_IN = "moved_in", _("Moved in")
    MOVED_OUT = "moved_out", _("Moved out")
    DISSOLVED = "dissolved", _("Household dissolved")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Relation(models.TextChoices):
    HEAD = "head", _("Head of household")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    GRANDCHILD = "grandchild", _("Grandchild")
    PARENT = "parent", _("Parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other")


class Household(Versioned):
    code = models.CharField(_("household code"), max_length=40, unique=True)
    commune = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Kept with the village so area scoping needs no join."),
    )
    village = models.ForeignKey(
        "geo.Unit", verbose_name=_("village"), on_delete=models.PROTECT, related_name="households"
    )
    head_name = models.CharField(_("head of household"), max_length=150, blank=True, editable=False)
    ethnicity = models.CharField(
        _("ethnicity of the head"),
        max_length=2,
        choices=ETHNICITY_CHOICES,
        blank=True,
        editable=False,
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    income_per_capita = models.BigIntegerField(
        _("income per person per month (đồng)"), null=True, blank=True
    )
    has_house = models.BooleanField(_("has a house"), null=True, blank=True)
    housing_type = models.CharField(
        _("housing type"), max_length=16, choices=HOUSING_CHOICES, blank=True
    )
    walls_durable = models.BooleanField(_("walls of durable material"), null=True, blank=True)
    frame_durable = models.BooleanField(_("frame of durable material"), null=True, blank=True)
    roof_durable = models.BooleanField(_("roof of durable material"), null=True, blank=True)
    floor_area_m2 = models.DecimalField(
        _("living floor area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    water_source = models.CharField(
        _("domestic water source"), max_length=24, choices=WATER_CHOICES, blank=True
    )
    latrine_type = models.CharField(
        _("latrine"), max_length=16, choices=LATRINE_CHOICES, blank=True
    )
    any_member_uses_telephone = models.BooleanField(
        _("a member uses a telephone"), null=True, blank=True
    )
    any_member_uses_internet = models.BooleanField(
        _("a member uses the internet"), null=True, blank=True
    )
    has_television = models.BooleanField(_("television"), null=True, blank=True)
    has_radio = models.BooleanField(_("radio"), null=True, blank=True)
    has_computer = models.BooleanField(_("computer"), null=True, blank=True)
    has_phone = models.BooleanField(_("phone"), null=True, blank=True)
    has_tablet = models.BooleanField(_("tablet"), null=True, blank=True)
    hears_public_loudspeaker = models.BooleanField(
        _("hears the village loudspeaker"), null=True, blank=True
    )
    waste_handling = models.CharField(
        _("household waste"), max_length=16, choices=WASTE_CHOICES, blank=True
    )

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PovertyStatus.choices,
        default=PovertyStatus.NOT_LISTED,
        editable=False,
        db_index=True,
    )
    status_year = models.PositiveSmallIntegerField(
        _("status year"), null=True, blank=True, editable=False
    )

    # The engine's latest assessment of the facts, kept for lists and filters.
    assessed_category = models.CharField(
        _("assessed category"), max_length=12, blank=True, editable=False
    )
    assessed_standard = models.CharField(_("standard"), max_length=32, blank=True, editable=False)
    deprived_count = models.PositiveSmallIntegerField(
        _("deprived indicators"), null=True, editable=False
    )
    unknown_count = models.PositiveSmallIntegerField(
        _("unknown indicators"), null=True, editable=False
    )
    # The deprivation rows as one number: bit j set when deprived on the j-th indicator of
    # ``assessed_standard``. Lets area statistics (the dashboard's Alkire–Foster) group the
    # register by deprivation pattern from one index, without joining the deprivation rows.
    deprivation_mask = models.PositiveIntegerField(
        _("deprivation pattern"), null=True, editable=False
    )
    # Set by a re-assessment (``recompute_assessments``) that changed the assessed category:
    # advisory input for the next review; the household's status is not touched.
    assessment_changed_at = models.DateTimeField(
        _("assessment changed at"), null=True, blank=True, editable=False
    )
    previous_assessed_category = models.CharField(
        _("previous assessed category"), max_length=12, blank=True, editable=False
    )
    previous_assessed_standard = models.CharField(
        _("previous standard"), max_length=32, blank=True, editable=False
    )

    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["commune", "code"]),
            models.Index(fields=["village", "code"]),
            models.Index(fields=["commune", "status"]),
            models.Index(fields=["ethnicity"]),
            # Covers the dashboard's grouped read of an area (reports.register).
            models.Index(
                fields=[
                    "commune",
                    "village",
                    "status",
                    "ethnicity",
                    "assessed_standard",
                    "deprivation_mask",
                ],
                name="household_area_figures",
            ),  # fmt: skip
            models.Index(
                fields=["commune", "-assessment_changed_at"],
                condition=Q(assessment_changed_at__isnull=False),
                name="household_assessment_changed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.head_name}" if self.head_name else self.code

    @property
    def status_label(self):
        """``get_status_display()`` from a dict built once: Django flattens and hashes the
        choices on every call, 40 µs a row of the register's 50."""
        return _STATUS_LABELS.get(self.status, self.status)


_STATUS_LABELS = dict(PovertyStatus.choices)  # lazy labels: translated when shown


class Member(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        help_text=_("Only when the full date is unknown."),
    )
    ethnicity = models.CharField(
        _("ethnicity"), max_length=2, choices=ETHNICITY_CHOICES, blank=True
    )
    # NULL, not "", for members without an ID, so the unique constraint ignores them.
    citizen_id = models.CharField(_("citizen ID (CCCD)"), max_length=12, null=True, blank=True)  # noqa: DJ001
    relation = models.CharField(_("relation to the head"), max_length=16, choices=Relation.choices)

    has_health_insurance = models.BooleanField(_("health insurance"), null=True, blank=True)
    seriously_ill = models.BooleanField(
        _("seriously ill in the last 12 months"), null=True, blank=True
    )
    received_medical_care = models.BooleanField(_("received medical care"), null=True, blank=True)
    in_school = models.BooleanField(_("in school or training"), null=True, blank=True)
    at_age_appropriate_level = models.BooleanField(
        _("at the school level for their age"), null=True, blank=True
    )
    education_level = models.CharField(
        _("highest education"), max_length=24, choices=EDUCATION_CHOICES, blank=True
    )
    has_enterprise_training_certificate = models.BooleanField(
        _("enterprise training certificate"), null=True, blank=True
    )
    employment_status = models.CharField(
        _("work status"), max_length=24, choices=EMPLOYMENT_CHOICES, blank=True
    )
    is_wage_earner = models.BooleanField(_("works for wages"), null=True, blank=True)
    has_labour_contract = models.BooleanField(_("has a labour contract"), null=True, blank=True)
    severe_disability = models.BooleanField(_("severe disability"), null=True, blank=True)
    receives_monthly_social_allowance = models.BooleanField(
        _("monthly social allowance"), null=True, blank=True
    )
    stunted = models.BooleanField(_("stunted (child)"), null=True, blank=True)
    underweight = models.BooleanField(_("underweight (child)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["household", "id"]
        constraints = [
            # One person, one household: the same CCCD cannot be registered twice.
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=Q(citizen_id__isnull=False),
                name="unique_citizen_id",
            ),
            models.UniqueConstraint(
                fields=["household"], condition=Q(relation="head"), name="one_head_per_household"
            ),
        ]
        indexes = [models.Index(fields=["household", "full_name"])]

    def __str__(self) -> str:
        return self.full_name


class PolicyTag(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="policy_tags")
    group = models.CharField(_("policy group"), max_length=32, choices=PolicyGroup.choices)

    class Meta:
        verbose_name = _("policy group")
        verbose_name_plural = _("policy groups")
        constraints = [
            models.UniqueConstraint(fields=["household", "group"], name="unique_policy_tag")
        ]
        indexes = [models.Index(fields=["group", "household"])]

    def __str__(self) -> str:
        return self.get_group_display()


class CauseTag(models.Model):
    """A cause of poverty recorded for the household (the latest review survey or the form)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="cause_tags")
    cause = models.CharField(_("cause of poverty"), max_length=16, choices=PovertyCause.choices)

    class Meta:
        verbose_name = _("cause of poverty")
        verbose_name_plural = _("causes of poverty")
        constraints = [
            models.UniqueConstraint(fields=["household", "cause"], name="unique_cause_tag")
        ]
        indexes = [models.Index(fields=["cause", "household"])]

    def __str__(self) -> str:
        return self.get_cause_display()


class NeedTag(models.Model):
    """A support need recorded for the household (the latest review survey or the form)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="need_tags")
    need = models.CharField(_("support need"), max_length=16, choices=SupportNeed.choices)

    class Meta:
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")
        constraints = [
            models.UniqueConstraint(fields=["household", "need"], name="unique_need_tag")
        ]
        indexes = [models.Index(fields=["need", "household"])]

    def __str__(self) -> str:
        return self.get_need_display()


class Deprivation(models.Model):
    """An indicator on which the latest assessment found the household deprived (for filters)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="deprivations")
    indicator = models.CharField(_("indicator"), max_length=48)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "indicator"], name="unique_deprivation")
        ]
        indexes = [models.Index(fields=["indicator", "household"])]

    def __str__(self) -> str:
        return self.indicator


class StatusRecord(models.Model):
    """One entry in a household's status history; only services write it, with its decision."""

    class Source(models.TextChoices):
        IMPORT = "import", _("Initial status imported with its decision")
        REVIEW = "review", _("Review decision")
        MOVED_IN = "moved_in", _("Household moved into the commune")
        MOVED_OUT = "moved_out", _("Household moved away")
        DISSOLVED = "dissolved", _("Household dissolved")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="status_records"
    )
    status = models.CharField(_("status"), max_length=20, choices=PovertyStatus.choices)
    previous_status = models.CharField(
        _("previous status"), max_length=20, choices=PovertyStatus.choices, blank=True
    )
    year = models.PositiveSmallIntegerField(_("year"))
    standard = models.CharField(_("standard"), max_length=32)
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    movement = models.CharField(
        _("movement"),
        max_length=20,
        choices=Movement.choices,
        blank=True,
        editable=False,
        help_text=_("Derived from the status history; empty for a first imported list."),
    )
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status record")
        verbose_name_plural = _("status records")
        ordering = ["-decision_date", "-id"]
        indexes = [
            models.Index(fields=["household", "decision_date"], name="status_record_as_of"),
            models.Index(fields=["decision_date", "movement"], name="status_record_movement"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.year} ({self.decision_number})"


class ImportJob(models.Model):
    """An uploaded register file, checked and written by a background task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        CHECKING = "checking", _("Checking rows")
        WRITING = "writing", _("Saving")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Rejected: the file has errors")
        FAILED = "failed", _("Failed")

    commune = models.ForeignKey(
        "geo.Unit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    households_created = models.PositiveIntegerField(_("households imported"), default=0)
    members_created = models.PositiveIntegerField(_("members imported"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.REJECTED, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class Reassessment(models.Model):
    """One run of the bulk re-assessment: its progress, so an interrupted run resumes
    after the last household it finished (chunks are committed one by one)."""

    standard = models.CharField(_("standard"), max_length=32)
    reference_date = models.DateField(_("reference date"))
    scope = models.CharField(_("scope"), max_length=64, blank=True)
    total = models.PositiveIntegerField(_("households"), default=0)
    processed = models.PositiveIntegerField(_("households processed"), default=0)
    changed = models.PositiveIntegerField(_("assessments changed"), default=0)
    category_changed = models.PositiveIntegerField(_("categories changed"), default=0)
    last_household_id = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-assessment")
        verbose_name_plural = _("re-assessments")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.standard} {self.reference_date:%d/%m/%Y} {self.scope}"
