"""Administrative units as one tree: province → (former district) → commune → village.

A single self-referencing table keeps history possible: a unit abolished in the
2025 reform stays with ``abolished_on`` and a ``successor``, so records made
before mid-2025 keep pointing at the unit they were made in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import Versioned
from giamngheo.core.search import fold_parts


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District (former)")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")
    # The pre-July-2025 generation keeps levels of its own, so every query of today's
    # provinces and communes (level=PROVINCE/COMMUNE) stays a query of the 34 and 3,321.
    FORMER_PROVINCE = "former_province", _("Province (before 7/2025)")
    FORMER_COMMUNE = "former_commune", _("Commune (before 7/2025)")


FORMER_LEVELS = [Level.FORMER_PROVINCE, Level.DISTRICT, Level.FORMER_COMMUNE]
# Former units keep their official pre-2025 code behind this prefix: the old and new
# code lists overlap (old ward 4 is Phúc Xá, new ward 4 is Ba Đình).
FORMER_PREFIX = "cu-"


class Kind(models.TextChoices):
    """The division type as written in front of the name."""

    PROVINCE = "tinh", _("Province (tỉnh)")
    CENTRAL_CITY = "thanh_pho_tw", _("Centrally-run city")
    DISTRICT = "huyen", _("District (huyện)")
    URBAN_DISTRICT = "quan", _("Urban district (quận)")
    TOWN = "thi_xa", _("Town (thị xã)")
    PROVINCIAL_CITY = "thanh_pho", _("Provincial city")
    COMMUNE = "xa", _("Commune (xã)")
    WARD = "phuong", _("Ward (phường)")
    SPECIAL_ZONE = "dac_khu", _("Special zone (đặc khu)")
    TOWNSHIP = "thi_tran", _("Township (thị trấn)")
    HAMLET = "thon", _("Hamlet (thôn)")
    HAMLET_SOUTH = "ap", _("Hamlet (ấp)")
    HAMLET_UPLAND = "ban", _("Hamlet (bản)")
    VILLAGE = "lang", _("Village (làng)")
    HAMLET_PLATEAU = "buon", _("Hamlet (buôn)")
    HAMLET_PLATEAU2 = "plei", _("Hamlet (plei)")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Residential group (tổ dân phố)")
    NEIGHBOURHOOD = "khu_pho", _("Neighbourhood (khu phố)")


VILLAGE_KINDS = [
    Kind.HAMLET,
    Kind.HAMLET_SOUTH,
    Kind.HAMLET_UPLAND,
    Kind.VILLAGE,
    Kind.HAMLET_PLATEAU,
    Kind.HAMLET_PLATEAU2,
    Kind.RESIDENTIAL_GROUP,
    Kind.NEIGHBOURHOOD,
]


class Area(models.TextChoices):
    """Rural and urban households face different poverty lines."""

    RURAL = "rural", _("Rural")
    URBAN = "urban", _("Urban")


class Unit(Versioned):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("51/23425/"): subtree queries are one prefix match.
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)
    area = models.CharField(
        _("area"), max_length=8, choices=Area.choices, default=Area.RURAL, db_index=True
    )
    is_active = models.BooleanField(_("in use"), default=True)
    abolished_on = models.DateField(_("abolished on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("became"),
        through="Succession",
        symmetrical=False,
        related_name="formed_from",
        blank=True,
    )
    # A current commune's main former district (the one most of its former communes were
    # in), so lists and statistics can group today's communes as offices still do.
    former_district = models.ForeignKey(
        "self",
        verbose_name=_("former district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_communes",
        limit_choices_to={"level": "district"},
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "path"])

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "level"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        self.search_text = fold_parts(self.name, self.code)
        super().save(*args, **kwargs)

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}/"

    @property
    def is_urban(self) -> bool:
        return self.area == Area.URBAN

    def commune(self) -> "Unit | None":
        """The commune a village belongs to (or the unit itself for a commune)."""
        if self.level == Level.COMMUNE:
            return self
        if self.level == Level.VILLAGE:
            return self.parent
        return None


class Succession(models.Model):
    """A former unit and one unit it became (Resolution 1656–1687/NQ-UBTVQH15, 2025).

    A former commune split among several new communes has one row per new commune;
    ``partly`` says only part of its area went to that one (the conversion table's flag).
    """

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("former unit"), on_delete=models.CASCADE, related_name="+"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("became"), on_delete=models.PROTECT, related_name="+"
    )
    partly = models.BooleanField(_("only part of it"), default=False)
    effective_on = models.DateField(_("effective on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("succession of units")
        verbose_name_plural = _("successions of units")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="geo_succession_unique_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
