"""Communication work (the collaborators' sixth duty): dissemination sessions, good
examples told to encourage others, resources mobilised from sponsors and policy
proposals sent up with their answers."""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from giamngheo.core.models import RecordedBy, choices_check
from giamngheo.groups.models import commune_field

from .catalogues import Audience, ExampleKind, SponsorKind


class OutreachActivity(RecordedBy):
    """A dissemination session on poverty-reduction policy and law (duty 6)."""

    commune = commune_field("outreach_activities")
    village = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    topic = models.CharField(_("topic"), max_length=255)
    attendees = models.PositiveIntegerField(_("attendance"))
    presenter = models.ForeignKey(
        "collaborators.Collaborator",
        verbose_name=_("collaborator presenting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_activities",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dissemination session")
        verbose_name_plural = _("dissemination sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["commune", "held_on"])]
        constraints = [
            choices_check("audience", Audience, "outreach_audience_valid"),
            models.CheckConstraint(condition=Q(attendees__gt=0), name="outreach_attended"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%d/%m/%Y})"


def photo_path(example: "GoodExample", filename: str) -> str:
    """A random name per commune: photo files are never guessable, only served by a view."""
    suffix = PurePath(filename).suffix.lower()
    return f"groups/examples/{example.commune_id}/{uuid.uuid4().hex}{suffix}"


class GoodExample(RecordedBy):
    """A household that escaped poverty or a good practice, told to encourage others."""

    commune = commune_field("good_examples")
    kind = models.CharField(_("kind"), max_length=16, choices=ExampleKind.choices)
    title = models.CharField(_("title"), max_length=255)
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    story = models.TextField(_("story"))
    photo = models.FileField(_("photo"), upload_to=photo_path, blank=True, max_length=255)
    consent_by = models.CharField(_("consent given by"), max_length=150, blank=True)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    recorded_on = models.DateField(_("recorded on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        ordering = ["-recorded_on", "-id"]
        constraints = [
            choices_check("kind", ExampleKind, "example_kind_valid"),
            # No photo without the consent of the people in it.
            models.CheckConstraint(
                condition=Q(photo="") | (~Q(consent_by="") & Q(consent_on__isnull=False)),
                name="example_photo_has_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResourceMobilisation(RecordedBy):
    """Resources an organisation or sponsor gives for poor households' production."""

    commune = commune_field("mobilised_resources")
    sponsor = models.CharField(_("sponsor"), max_length=255)
    sponsor_kind = models.CharField(
        _("kind of sponsor"), max_length=20, choices=SponsorKind.choices
    )
    received_on = models.DateField(_("received on"))
    cash = models.BigIntegerField(_("cash (đồng)"), default=0)
    in_kind = models.CharField(_("in kind"), max_length=255, blank=True)
    in_kind_value = models.BigIntegerField(_("value in kind (đồng)"), default=0)
    project = models.ForeignKey(
        "groups.ProductionProject",
        verbose_name=_("for the project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mobilised_resources",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resources mobilised")
        verbose_name_plural = _("resources mobilised")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cash__gte=0) & Q(in_kind_value__gte=0), name="resource_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(cash__gt=0) | Q(in_kind_value__gt=0), name="resource_has_value"
            ),
            choices_check("sponsor_kind", SponsorKind, "resource_sponsor_valid"),
        ]

    def __str__(self) -> str:
        return self.sponsor

    @property
    def total(self) -> int:
        return self.cash + self.in_kind_value


class PolicyProposal(RecordedBy):
    """A proposal of a mechanism or a form of help, sent up with its answer (duty 6)."""

    commune = commune_field("policy_proposals")
    title = models.CharField(_("proposal"), max_length=255)
    content = models.TextField(_("content"))
    proposed_on = models.DateField(_("proposed on"))
    addressed_to = models.CharField(_("sent to"), max_length=255)
    response = models.TextField(_("response"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy proposal")
        verbose_name_plural = _("policy proposals")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return self.title
