"""What the review services share: the engine, dates, decisions."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from giamngheo.core.audit import audit, save_audited
from giamngheo.core.workflow import Attempt
from giamngheo.geo.models import Area as UnitArea
from giamngheo.households.assessment import assess
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_statuses, set_causes_and_needs
from giamngheo.poverty import Area, classify, classify_scores, standard_by_code

from ..models import Category, Decision, DecisionEntry, PublicHoliday, ScreeningForm, SurveyForm
from ..procedures import procedure_by_code

LISTED = {
    PovertyStatus.POOR,
    PovertyStatus.NEAR_POOR,
    PovertyStatus.ESCAPED_POOR,
    PovertyStatus.ESCAPED_NEAR_POOR,
}


def holidays() -> set[datetime.date]:
    return set(PublicHoliday.objects.values_list("day", flat=True))


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _signed_after_posting(signed_on, posting_ends_on, errors: dict) -> None:
    """A decision is signed once the posting period is over (Decision 24/2021 Art. 4)."""
    if signed_on and posting_ends_on and signed_on <= posting_ends_on:
        errors["signed_on"] = _(
            "The decision cannot be dated before the posting period ends: the lists are posted "
            "until %(end)s, so the decision is signed on %(next)s or later."
        ) % {"end": _d(posting_ends_on), "next": _d(posting_ends_on + datetime.timedelta(days=1))}


# ---- the engine ---------------------------------------------------------------------------


def _area(household: Household) -> Area:
    return Area.URBAN if household.commune.area == UnitArea.URBAN else Area.RURAL


def engine_prefill(household: Household, standard_code: str, on: datetime.date) -> dict:
    """What the register's facts say, to pre-fill the survey form: the deprived indicators
    and the income per person (the surveyor confirms or corrects them)."""
    assessment = assess(household, on=on, standard=standard_by_code(standard_code))
    return {
        "deprived_indicators": list(assessment.profile.deprived),
        "declared_income": household.income_per_capita,
        "explanation": assessment.classification.explanation,
    }


def survey_result(
    *, household: Household, standard_code: str, score_a, declared_income, deprived_indicators
) -> tuple[str, str]:
    """The engine's category and explanation for a survey form (phiếu B).

    Score A as entered from the paper form classifies by Circular 07/2021 (or 17/2016); the
    score tables were not found, so a declared income is accepted instead (and is the only
    way for a standard without survey scoring).
    """
    standard = standard_by_code(standard_code)
    unknown = set(deprived_indicators) - set(standard.indicator_codes)
    if unknown:
        raise ValidationError(
            {
                "deprived_indicators": _("Unknown indicator(s): %(codes)s.")
                % {"codes": ", ".join(sorted(unknown))}
            }
        )
    if score_a is not None:
        if standard.survey_scoring is None:
            raise ValidationError(
                {
                    "score_a": _(
                        "The standard %(standard)s has no survey-form scoring: enter the income "
                        "per person instead."
                    )
                    % {"standard": standard.code}
                }
            )
        c = classify_scores(
            standard,
            area=_area(household),
            score_a=score_a,
            deprived_indicators=deprived_indicators,
        )
    elif declared_income is not None:
        if declared_income < 0:
            raise ValidationError({"declared_income": _("The income cannot be negative.")})
        c = classify(
            standard,
            income_per_capita=declared_income,
            area=_area(household),
            deprived_count=len(set(deprived_indicators)),
        )
    else:
        raise ValidationError(_("Enter score A from the survey form or the income per person."))
    return str(c.category), c.explanation


def proposed_status(category: str, previous: str) -> str:
    """The list a surveyed household goes on, given the list it was on."""
    if category == Category.POOR:
        return PovertyStatus.POOR
    if category == Category.NEAR_POOR:
        return PovertyStatus.NEAR_POOR
    if previous == PovertyStatus.POOR:
        return PovertyStatus.ESCAPED_POOR
    if previous == PovertyStatus.NEAR_POOR:
        return PovertyStatus.ESCAPED_NEAR_POOR
    if previous in (PovertyStatus.ESCAPED_POOR, PovertyStatus.ESCAPED_NEAR_POOR):
        return previous
    return PovertyStatus.NOT_LISTED


def _fill_forms(
    *,
    target: dict,
    household: Household,
    standard_code: str,
    screening_items,
    filled_on,
    by,
    characteristics=(),
    score_a: int | None = None,
    declared_income: int | None = None,
    deprived_indicators=(),
    causes=(),
    needs=(),
) -> tuple[str, str]:
    """Save phiếu A and (unless the household stops there) phiếu B; return the result."""
    known = {i.code: i.text for i in screening_items}
    characteristics = list(dict.fromkeys(characteristics or []))
    if set(characteristics) - set(known):
        raise ValidationError({"characteristics": _("Unknown screening characteristic.")})
    excluded = bool(characteristics)
    screening = ScreeningForm(
        household=household,
        filled_on=filled_on,
        characteristics=characteristics,
        excluded=excluded,
        filled_by=by,
        **target,
    )
    audit(screening, by, _("Screening form")).save()
    if excluded:
        explanation = _("Stopped at the screening form (phiếu A): %(items)s.") % {
            "items": "; ".join(known[c] for c in characteristics)
        }
        return Category.NOT_POOR, explanation
    deprived = list(dict.fromkeys(deprived_indicators or []))
    category, explanation = survey_result(
        household=household,
        standard_code=standard_code,
        score_a=score_a,
        declared_income=declared_income,
        deprived_indicators=deprived,
    )
    survey = SurveyForm(
        household=household,
        filled_on=filled_on,
        standard=standard_code,
        score_a=score_a,
        declared_income=declared_income,
        deprived_indicators=deprived,
        causes=sorted(set(causes or ())),
        support_needs=sorted(set(needs or ())),
        category=category,
        explanation=explanation,
        filled_by=by,
        **target,
    )
    audit(survey, by, _("Survey form")).save()
    set_causes_and_needs(household=household, causes=survey.causes, needs=survey.support_needs)
    return category, explanation


def fill_survey(record, *, target: dict, household, procedure_code, standard_code, **forms):
    """Save the survey's forms (``_fill_forms``) for ``record``, an ad-hoc review or an annual
    review's entry, and set the result the engine proposes; return the explanation."""
    screening_items = procedure_by_code(procedure_code).screening_items
    category, explanation = _fill_forms(
        target=target,
        household=household,
        standard_code=standard_code,
        screening_items=screening_items,
        **forms,
    )
    record.result_category = category
    record.result_status = proposed_status(category, record.previous_status)
    record.result_explanation = explanation
    return explanation


def _check_signature(number, signed_on, signer_name, today):
    errors = {}
    if not (number or "").strip():
        errors["number"] = _("Enter the decision number.")
    if not (signer_name or "").strip():
        errors["signer_name"] = _("Enter who signed the decision.")
    if not signed_on:
        errors["signed_on"] = _("Enter the date of signature.")
    elif signed_on > today:
        errors["signed_on"] = _("The decision date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


def _make_decision(
    *, commune, kind, number, signed_on, signer_name, year, standard, form, by, annual=None
):
    if Decision.objects.filter(commune=commune, number=number.strip()).exists():
        raise ValidationError(
            {"number": _("This commune already has a decision with this number.")}
        )
    decision = Decision(
        commune=commune,
        kind=kind,
        annual_review=annual,
        number=number.strip(),
        signed_on=signed_on,
        signer_name=signer_name.strip(),
        year=year,
        standard=standard,
        form=form,
        recorded_by=by,
    )
    return save_audited(decision, by, _("Decision recorded"))


def _apply(decision: Decision, changes: list[tuple[Household, str]], *, by, reason: str):
    """Write every household's new status and the decision's list, in the caller's transaction."""
    previous = {h.pk: h.status for h, _s in changes}
    record_statuses(
        changes=changes,
        year=decision.year,
        standard=decision.standard,
        decision_number=decision.number,
        decision_date=decision.signed_on,
        source=StatusRecord.Source.REVIEW,
        by=by,
        reason=reason,
    )
    DecisionEntry.objects.bulk_create(
        [
            DecisionEntry(decision=decision, household=h, status=s, previous_status=previous[h.pk])
            for h, s in changes
        ],
        batch_size=1000,
    )


def decide_step(
    flow,
    review,
    action,
    *,
    number,
    signed_on,
    signer_name,
    by,
    version,
    today,
    posting_end,
    describe,
    check=None,
):
    """The committee's decision on either kind of review, up to its recording: lock the
    review for ``action``, check the signature, that the posting period (``posting_end`` of
    the locked review) is over and ``check(locked)`` (a message about the date, or None),
    then record the decision with what ``describe(locked)`` gives (kind, year, changes,
    reason …). Returns the locked review and the decision; the caller finishes the step."""
    locked = flow.begin(review, action, by=by, version=version)
    _check_signature(number, signed_on, signer_name, today)
    errors = {}
    _signed_after_posting(signed_on, posting_end(locked), errors)
    if not errors and check and (message := check(locked)):
        errors["signed_on"] = message
    if errors:
        raise ValidationError(errors)
    flow.guard(locked, action, Attempt(by=by, on=signed_on))
    decision = record_decision(
        locked,
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        by=by,
        **describe(locked),
    )
    return locked, decision


def record_decision(
    review, *, kind, number, signed_on, signer_name, year, changes, by, reason, annual=None
) -> Decision:
    """The committee's decision on ``review``, with every household's new status applied."""
    decision = _make_decision(
        commune=review.commune,
        kind=kind,
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        year=year,
        standard=review.standard,
        form=procedure_by_code(review.procedure).forms["decision"].label,
        by=by,
        annual=annual,
    )
    _apply(decision, changes, by=by, reason=reason)
    return decision
