"""Account management by the office: people get accounts and roles over units in its area."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import audit

from .capabilities import can
from .models import RoleAssignment, User


@transaction.atomic
def create_account(*, username: str, full_name: str, phone: str, password: str, by) -> User:
    username = (username or "").strip().lower()
    if not username:
        raise ValidationError({"username": _("Enter a user name.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("The user name %(name)s is taken.") % {"name": username}}
        )
    user = User(username=username, full_name=full_name.strip(), phone=phone.strip())
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    audit(user, by, _("Account created")).save()
    return user


@transaction.atomic
def grant_role(
    *, user: User, role: str, unit, valid_from=None, valid_until=None, by, reason: str = ""
) -> RoleAssignment:
    """Give a role over a unit; only inside the granting person's own area."""
    if not can(by, "manage_accounts", unit):
        raise ValidationError({"unit": _("You can only give roles over units in your area.")})
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end date is before the start date.")})
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise ValidationError({"role": _("This person already holds that role there.")})
    assignment = RoleAssignment(
        user=user, role=role, unit=unit, valid_from=valid_from, valid_until=valid_until
    )
    audit(assignment, by, reason).save()
    return assignment


@transaction.atomic
def revoke_role(*, assignment: RoleAssignment, by, reason: str) -> None:
    if not can(by, "manage_accounts", assignment.unit):
        raise ValidationError(_("You can only change roles over units in your area."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for removing the role.")})
    audit(assignment, by, reason).delete()
