import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.personal_data import mask_citizen_id
from giamngheo.core.ethnicity import ETHNICITY_CHOICES
from giamngheo.core.filters import LazyList, ListedModelChoiceFilter, search_filter
from giamngheo.core.forms import ticked_field
from giamngheo.core.widgets import FastSelect
from giamngheo.geo.models import Level, Unit

from .models import Household, Member, PolicyGroup, PovertyCause, PovertyStatus, SupportNeed
from .services import MEMBER_FIELDS


class TriStateSelect(forms.NullBooleanSelect):
    """Yes / No / not surveyed: an unanswered fact stays unknown for the engine."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("unknown", _("Not surveyed")), ("true", _("Yes")), ("false", _("No")))


def _tristate(form):
    for field in form.fields.values():
        if isinstance(field, forms.NullBooleanField):
            field.widget = TriStateSelect()


def causes_field() -> forms.MultipleChoiceField:
    """The household's causes of poverty (the household form and the review survey)."""
    return ticked_field(_("Causes of poverty"), PovertyCause.choices)


def needs_field() -> forms.MultipleChoiceField:
    """The household's support needs (the household form and the review survey)."""
    return ticked_field(_("Support needs"), SupportNeed.choices)


class HouseholdForm(forms.ModelForm):
    policy_groups = ticked_field(_("Policy groups"), PolicyGroup.choices)
    causes = causes_field()
    needs = needs_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False)
    confirm_duplicates = forms.BooleanField(
        label=_("I have checked: these are different people, save anyway"), required=False
    )

    class Meta:
        model = Household
        fields = [
            "village", "address", "phone", "income_per_capita", "has_house", "housing_type",
            "walls_durable", "frame_durable", "roof_durable", "floor_area_m2", "water_source",
            "latrine_type", "any_member_uses_telephone", "any_member_uses_internet",
            "has_television", "has_radio", "has_computer", "has_phone", "has_tablet",
            "hears_public_loudspeaker", "waste_handling",
        ]  # fmt: skip

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages if villages is not None else Unit.objects.none()
        self.fields["village"].label_from_instance = lambda u: f"{u.name} — {u.parent.name}"
        self.fields["floor_area_m2"].widget.attrs.update(min=0, step="0.1", inputmode="decimal")
        _tristate(self)

    def sections(self):
        """(title, bound fields, open) of the page's folding sections; the first stays open,
        and so does any section holding an error."""
        return [
            (title, fields, index == 0 or any(f.errors for f in fields))
            for index, (title, names) in enumerate(HOUSEHOLD_SECTIONS)
            for fields in [[self[name] for name in names if name in self.fields]]
        ]

    def clean_income_per_capita(self):
        value = self.cleaned_data.get("income_per_capita")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Income cannot be negative."))
        return value

    def clean_floor_area_m2(self):
        value = self.cleaned_data.get("floor_area_m2")
        if value is not None and value < 0:
            raise forms.ValidationError(_("The floor area cannot be negative."))
        return value


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        # The services' member fields, with the relation to the head second on the form.
        fields = ["full_name", "relation", *(f for f in MEMBER_FIELDS if f not in {"full_name", "relation"})]  # fmt: skip
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")
        }

    def __init__(self, *args, show_citizen_id=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizen_id"].widget.attrs.update(
            inputmode="numeric", maxlength=12, pattern="[0-9 ]*"
        )
        if not show_citizen_id and self.instance.pk and self.instance.citizen_id:
            # A reader who may not see the full ID sees it masked and cannot change it; the
            # model field leaves the form, so saving keeps the stored value.
            masked = forms.CharField(
                label=self.fields["citizen_id"].label,
                required=False,
                disabled=True,
                initial=mask_citizen_id(self.instance.citizen_id),
            )
            self.fields = {
                ("citizen_id_masked" if name == "citizen_id" else name): (
                    masked if name == "citizen_id" else field
                )
                for name, field in self.fields.items()
            }
        _tristate(self)

    def essentials(self):
        return [self[n] for n in MEMBER_ESSENTIALS if n in self.fields and n != "DELETE"]

    def details(self):
        """The survey facts folded under the member's essentials."""
        return [f for f in self.visible_fields() if f.name not in MEMBER_ESSENTIALS]

    def details_open(self) -> bool:
        return any(f.errors for f in self.details())

    def _get_validation_exclusions(self):
        # A taken citizen ID is reported by services.validate_members, which names the
        # person only inside the user's area; the model's unique constraint would show the
        # bare "Constraint “unique_citizen_id” is violated." (it still guards the database).
        return super()._get_validation_exclusions() | {"citizen_id"}


# Members are added in place (``add_member`` or the page's script), so no blank slot is sent.
MemberFormSet = forms.inlineformset_factory(
    Household, Member, form=MemberForm, extra=0, can_delete=True, min_num=1, validate_min=True
)

# What a phone shows open; the rest folds into sections (``<details>``) opened on demand.
MEMBER_ESSENTIALS = (
    "full_name", "relation", "sex", "date_of_birth", "birth_year", "ethnicity", "citizen_id",
    "citizen_id_masked", "DELETE",
)  # fmt: skip
HOUSEHOLD_SECTIONS = (
    (_("Household"), ("village", "address", "phone", "income_per_capita", "policy_groups")),
    (_("Housing, water, sanitation"), (
        "has_house", "housing_type", "walls_durable", "frame_durable", "roof_durable",
        "floor_area_m2", "water_source", "latrine_type", "waste_handling",
    )),
    (_("Access to information"), (
        "any_member_uses_telephone", "any_member_uses_internet", "has_television", "has_radio",
        "has_computer", "has_phone", "has_tablet", "hears_public_loudspeaker",
    )),
)  # fmt: skip


def _unit_choice(label, empty_label, **kwargs) -> ListedModelChoiceFilter:
    """A unit to filter by; its choices (the user's area) are set when the filter is made."""
    return ListedModelChoiceFilter(
        label=label, queryset=Unit.objects.none(), widget=FastSelect, empty_label=empty_label,
        **kwargs,
    )  # fmt: skip


class HouseholdFilter(django_filters.FilterSet):
    """The list's filters; unit choices come from the user's area only."""

    q = search_filter(label=_("Search"))
    commune = _unit_choice(_("Commune"), _("All communes"))
    # Offices still count by the districts abolished in July 2025: today's communes of one.
    former_district = _unit_choice(
        _("Former district"), _("All former districts"), field_name="commune__former_district"
    )
    village = _unit_choice(_("Village"), _("All villages"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PovertyStatus.choices,
        widget=FastSelect,
        empty_label=_("All statuses"),
    )
    ethnicity = django_filters.ChoiceFilter(
        label=_("Ethnicity"),
        choices=ETHNICITY_CHOICES,
        widget=FastSelect,
        empty_label=_("All ethnic groups"),
    )
    policy_group = django_filters.ChoiceFilter(
        label=_("Policy group"),
        choices=PolicyGroup.choices,
        field_name="policy_tags__group",
        widget=FastSelect,
        empty_label=_("All policy groups"),
    )
    indicator = django_filters.ChoiceFilter(
        label=_("Deprived on"),
        choices=[],
        field_name="deprivations__indicator",
        widget=FastSelect,
        empty_label=_("Any deprivation"),
    )

    class Meta:
        model = Household
        fields = []

    def __init__(self, *args, units=None, indicators=(), listed=None, **kwargs):
        """``listed``: a function giving ``unit_choices(units, …)`` (from the cache), called
        only when the form is shown or a village is to be checked."""
        super().__init__(*args, **kwargs)
        units = units if units is not None else Unit.objects.none()
        commune = self.data.get("commune") if self.data else None
        querysets = _unit_querysets(units, commune)
        area = functools.cache(listed or (lambda: unit_choices(units, commune)))
        chosen = commune and str(commune).isdigit()
        if not chosen and self.data and self.data.get("village") and len(area()["commune"]) != 1:
            querysets["village"] = querysets["village"].none()
        for name, queryset in querysets.items():
            # The queryset checks a submitted value; the options are the listed pairs.
            self.filters[name].queryset = queryset
            self.filters[name].extra["listed"] = LazyList(lambda name=name: area()[name])
        self.filters["indicator"].extra["choices"] = list(indicators)


def _unit_querysets(units, commune) -> dict:
    communes = units.filter(level=Level.COMMUNE).order_by("name")
    districts = Unit.objects.filter(
        level=Level.DISTRICT, pk__in=communes.values("former_district")
    ).order_by("name")
    # Villages of the chosen commune (or of the user's only commune): a province holds
    # hundreds, and a select of all of them would be slow to send and useless to scroll.
    villages = units.filter(level=Level.VILLAGE).order_by("name")
    if commune and str(commune).isdigit():
        # No unit has an id past the 64-bit range, which SQLite cannot even compare with.
        parent = int(commune)
        villages = villages.filter(parent_id=parent) if parent < 2**63 else villages.none()
    return {"commune": communes, "former_district": districts, "village": villages}


def unit_choices(units, commune=None) -> dict[str, list[tuple[int, str]]]:
    """The ``(pk, name)`` options of the unit filters for the area ``units`` (with the
    ``commune`` parameter, if any), read as plain values: no model instances, no cursor."""
    querysets = _unit_querysets(units, commune)
    listed = {"commune": list(querysets["commune"].values_list("pk", "name"))}
    listed["former_district"] = list(querysets["former_district"].values_list("pk", "name"))
    one = (commune and str(commune).isdigit()) or len(listed["commune"]) == 1
    listed["village"] = list(querysets["village"].values_list("pk", "name")) if one else []
    return listed
