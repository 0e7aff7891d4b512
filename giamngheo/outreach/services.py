"""Writes for communication work: dissemination sessions, good examples (a photo only by
consent), resources mobilised and policy proposals. Same conventions as ``groups.services``."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import save_audited, today
from giamngheo.core.uploads import PHOTOS, check_attachment
from giamngheo.groups.checks import (
    check_collaborator,
    check_village,
    not_future,
    raise_errors,
    required,
)
from giamngheo.groups.models import ProductionProject
from giamngheo.households.models import PovertyStatus

from .catalogues import ExampleKind
from .models import (
    GoodExample,
    OutreachActivity,
    PolicyProposal,
    ResourceMobilisation,
)

# --- communication work --------------------------------------------------------------------


@transaction.atomic
def record_outreach(
    *,
    commune,
    held_on: datetime.date,
    place: str,
    audience: str,
    topic: str,
    attendees: int,
    by,
    village=None,
    presenter=None,
) -> OutreachActivity:
    """A dissemination session on poverty-reduction policy and law (duty 6)."""
    errors = {}
    not_future(errors, "held_on", held_on)
    if not attendees or attendees < 1:
        errors["attendees"] = _("Give how many people attended.")
    required(errors, place=place, topic=topic)
    check_village(errors, commune, village)
    check_collaborator(errors, "presenter", presenter, commune)
    raise_errors(errors)
    session = OutreachActivity(
        commune=commune,
        village=village,
        held_on=held_on,
        place=place.strip(),
        audience=audience,
        topic=topic.strip(),
        attendees=attendees,
        presenter=presenter,
        recorded_by=by,
    )
    return save_audited(session, by, _("Session recorded"))


ESCAPED_STATUSES = (PovertyStatus.ESCAPED_POOR, PovertyStatus.ESCAPED_NEAR_POOR)


def _check_household(errors: dict, commune, kind: str, household) -> None:
    """The household of the commune; for an escape, one the register recognises as escaped."""
    if household is not None:
        if household.commune_id != commune.pk:
            errors["household"] = _("Household %(household)s is not in %(commune)s.") % {
                "household": household,
                "commune": commune,
            }
        elif kind == ExampleKind.ESCAPED and not (
            household.status in ESCAPED_STATUSES
            or household.status_records.filter(status__in=ESCAPED_STATUSES).exists()
        ):
            errors["household"] = _(
                "The register has no decision recognising household %(household)s as having "
                "escaped poverty."
            ) % {"household": household}
    elif kind == ExampleKind.ESCAPED:
        errors["household"] = _("Choose the household that escaped poverty.")


@transaction.atomic
def record_good_example(
    *,
    commune,
    kind: str,
    title: str,
    story: str,
    by,
    household=None,
    photo=None,
    consent_by: str = "",
    consent_on: datetime.date | None = None,
) -> GoodExample:
    """A household that escaped poverty or a good practice, with a photo only by consent."""
    errors = {}
    required(errors, title=title, story=story)
    _check_household(errors, commune, kind, household)
    if photo:
        if not (consent_by or "").strip() or not consent_on:
            errors["consent_by"] = _(
                "A photo is kept only with the consent of the people in it: say who consented "
                "and when."
            )
        not_future(errors, "consent_on", consent_on)
    raise_errors(errors)
    if photo:
        check_attachment(
            photo,
            kinds=PHOTOS,
            field="photo",
            wrong_kind=_("Attach a photo in .jpg or .png format."),
        )
    example = GoodExample(
        commune=commune,
        kind=kind,
        title=title.strip(),
        story=story.strip(),
        household=household,
        consent_by=(consent_by or "").strip() if photo else "",
        consent_on=consent_on if photo else None,
        recorded_by=by,
        recorded_on=today(),
    )
    if photo:
        example.photo = photo
    return save_audited(example, by, _("Good example recorded"))


@transaction.atomic
def withdraw_consent(*, example: GoodExample, by, reason: str) -> GoodExample:
    """Consent withdrawn: the photo is deleted, the story stays."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if example.photo:
        example.photo.delete(save=False)
    example.photo = ""
    example.consent_by = ""
    example.consent_on = None
    return save_audited(example, by, reason)


@transaction.atomic
def record_resources(
    *,
    commune,
    sponsor: str,
    sponsor_kind: str,
    received_on: datetime.date,
    by,
    cash: int = 0,
    in_kind: str = "",
    in_kind_value: int = 0,
    project: ProductionProject | None = None,
) -> ResourceMobilisation:
    """Resources an organisation or sponsor gives for poor households' production."""
    cash, in_kind_value = cash or 0, in_kind_value or 0
    errors = {}
    if not (sponsor or "").strip():
        errors["sponsor"] = _("Name the sponsor.")
    not_future(errors, "received_on", received_on)
    if cash < 0 or in_kind_value < 0:
        errors["cash"] = _("Amounts cannot be negative.")
    elif cash == 0 and in_kind_value == 0:
        errors["cash"] = _("Give the cash received or the value of what was given in kind.")
    if in_kind_value and not (in_kind or "").strip():
        errors["in_kind"] = _("Say what was given in kind.")
    if project is not None and project.group.commune_id != commune.pk:
        errors["project"] = _("Project %(project)s is not in %(commune)s.") % {
            "project": project,
            "commune": commune,
        }
    raise_errors(errors)
    resource = ResourceMobilisation(
        commune=commune,
        sponsor=sponsor.strip(),
        sponsor_kind=sponsor_kind,
        received_on=received_on,
        cash=cash,
        in_kind=(in_kind or "").strip(),
        in_kind_value=in_kind_value,
        project=project,
        recorded_by=by,
    )
    return save_audited(resource, by, _("Resources recorded"))


@transaction.atomic
def record_proposal(
    *, commune, title: str, content: str, proposed_on: datetime.date, addressed_to: str, by
) -> PolicyProposal:
    errors = {}
    required(errors, title=title, content=content, addressed_to=addressed_to)
    not_future(errors, "proposed_on", proposed_on)
    raise_errors(errors)
    proposal = PolicyProposal(
        commune=commune,
        title=title.strip(),
        content=content.strip(),
        proposed_on=proposed_on,
        addressed_to=addressed_to.strip(),
        recorded_by=by,
    )
    return save_audited(proposal, by, _("Proposal recorded"))
