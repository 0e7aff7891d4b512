"""Users and the roles they hold over administrative units."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A user acts in a role over a unit and everything below it in the tree."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "geo.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


class PersonalDataRead(models.Model):
    """A read of residents' personal data (a household page, an export, the API).

    Decree 13/2023/NĐ-CP asks the controller to be able to show who processed personal data;
    the auditor reads these lines for their area. No citizen ID or name is stored here.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the household page")
        EXPORT = "export", _("Exported a list")
        API = "api", _("Read through the API")
        SEARCH = "search", _("Searched by citizen ID")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    unit = models.ForeignKey(
        "geo.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    subject = models.CharField(_("record"), max_length=64, blank=True)
    count = models.PositiveIntegerField(_("records"), default=1)

    class Meta:
        verbose_name = _("personal data read")
        verbose_name_plural = _("personal data reads")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "-at"], name="read_unit_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.user} · {self.get_action_display()}"
