"""The field app's forms are the pages' own forms, rendered once into the app shell; the
phone fills them without signal and the write API validates them again with the same form."""

from django import forms
from django.forms import modelform_factory
from django.utils import timezone

from giamngheo.assistance.forms import HelpRequestForm, ShockForm
from giamngheo.collaborators.forms import ActivityForm
from giamngheo.geo.models import Unit
from giamngheo.households.assessment import standard_in_force
from giamngheo.households.models import Household, Member
from giamngheo.households.services import HOUSEHOLD_FIELDS
from giamngheo.reviews.forms import SurveyEntryForm
from giamngheo.reviews.procedures import procedure_on

# What a phone changes about a household in the field; the rest waits for the office.
MEMBER_ROW_FIELDS = ["full_name", "relation", "sex", "date_of_birth", "birth_year", "ethnicity"]

HouseholdChangeForm = modelform_factory(Household, fields=HOUSEHOLD_FIELDS)
MemberRowForm = modelform_factory(Member, fields=MEMBER_ROW_FIELDS)


class _FieldActivityForm(ActivityForm):
    """The activity page's form without its search: the household is the one open."""

    def __init__(self):
        none = Unit.objects.none()
        super().__init__(villages=none, assignments=none, households=Household.objects.none(),
                         shown_households=[])  # fmt: skip
        for name in ("household_query", "households", "villages", "assignment"):
            del self.fields[name]


def field_forms() -> dict:
    """Unbound forms, one per kind of entry, as the phone shows them."""
    today = timezone.localdate()
    survey = SurveyEntryForm(
        procedure_code=procedure_on(today).code, standard_code=standard_in_force(today).code
    )
    survey.fields["version"].widget = forms.HiddenInput()
    forms_ = {
        "activity": _FieldActivityForm(),
        "request": HelpRequestForm(),
        "shock": ShockForm(),
        "household": HouseholdChangeForm(prefix="hh"),
        "member": MemberRowForm(prefix="m", auto_id=False),
        "survey": survey,
    }
    # Several forms share field names on one page: each gets its own element ids.
    for name in ("activity", "request", "shock", "survey"):
        forms_[name].auto_id = f"{name}_%s"
    return forms_
