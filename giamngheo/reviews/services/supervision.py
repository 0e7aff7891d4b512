"""The collaborator's supervision notes on a review (duty 5)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import require
from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.services import log_activity
from giamngheo.core.audit import save_audited
from giamngheo.core.audit import today as today_or

from .. import workflow
from ..models import AdHocReview, SupervisedStep, SupervisionNote, Verdict

# ---- supervision --------------------------------------------------------------------------


@transaction.atomic
def add_supervision_note(
    *,
    review,
    step: str,
    verdict: str,
    text: str,
    noted_on: datetime.date,
    by,
    today: datetime.date | None = None,
) -> SupervisionNote:
    """A collaborator's note on one step of a review. When the collaborator has a roster
    record, the note is also an entry of the activity log (duty 2 for ad-hoc reviews, duty 5
    for the annual review), so it counts in the monthly activity report."""
    today = today_or(today)
    require(by, workflow.SUPERVISE, review)
    errors = {}
    if step not in SupervisedStep.values:
        errors["step"] = _("Choose the step supervised.")
    if verdict not in Verdict.values:
        errors["verdict"] = _("Choose a verdict.")
    if not (text or "").strip():
        errors["text"] = _("Write what you observed.")
    if noted_on > today:
        errors["noted_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    adhoc = isinstance(review, AdHocReview)
    note = SupervisionNote(
        collaborator=by,
        step=step,
        verdict=verdict,
        text=text.strip(),
        noted_on=noted_on,
        **({"adhoc": review} if adhoc else {"annual": review}),
    )
    note.activity = _log_activity(note, review, by)
    return save_audited(note, by, _("Supervision note"))


def _log_activity(note: SupervisionNote, review, by):
    collaborator = Collaborator.objects.filter(user=by, commune_id=review.commune_id).first()
    if collaborator is None:
        return None
    adhoc = isinstance(review, AdHocReview)
    description = _("Supervision of the review (%(review)s) — %(step)s: %(verdict)s. %(text)s") % {
        "review": review,
        "step": note.get_step_display(),
        "verdict": note.get_verdict_display(),
        "text": note.text,
    }
    return log_activity(
        collaborator=collaborator,
        done_on=note.noted_on,
        duty=Duty.AD_HOC_REVIEW if adhoc else Duty.ANNUAL_REVIEW,
        description=description,
        by=by,
        households=[review.household] if adhoc else [],
    )
