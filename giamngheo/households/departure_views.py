"""The page on which a commune officer records that a household moved away or dissolved."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import require
from giamngheo.core.forms import form_page
from giamngheo.core.widgets import DateInput

from .departures import DEPARTURES, departure_of, record_departure
from .selectors import household_detail


class DepartureForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of departure"), choices=list(DEPARTURES.items()),
        widget=forms.RadioSelect,
    )  # fmt: skip
    on = forms.DateField(
        label=gettext_lazy("Date of the decision"),
        # The phone's own date picker; it sends ISO dates whatever the language.
        widget=DateInput(),
    )
    decision_number = forms.CharField(label=gettext_lazy("Decision number"), max_length=64)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Where the household went, or why it dissolved."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


@login_required
@require_http_methods(["GET", "POST"])
def household_departure(request, code):
    """404 outside the officer's area, 403 inside it without the capability."""
    household = household_detail(request.user, code)
    require(request.user, "record_departure", household)
    initial = {"version": household.version, "on": timezone.localdate()}
    form = DepartureForm(request.POST or None, initial=initial)

    def call(data):
        return record_departure(
            household=household,
            kind=data["kind"],
            on=data["on"],
            decision_number=data["decision_number"],
            reason=data["reason"],
            expected_version=data["version"],
            by=request.user,
        )

    return form_page(
        request,
        form,
        "households/household_departure.html",
        {"household": household, "departed": departure_of(household)},
        call=call,
        success=lambda record: _("Recorded: %(what)s.") % {"what": record.get_source_display()},
        then=reverse("households:household_detail", args=[household.code]),
    )
