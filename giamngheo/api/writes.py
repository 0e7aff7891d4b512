"""Write API for field entries: an activity with a photo, a request for help, a shock, the
review survey (phiếu A/B) and changes to a household and its members.

Each entry is validated by the same form as its page, written by the same service, scoped by
the same selectors, and answered once per ``Idempotency-Key`` (``idempotency.run_once``).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from giamngheo.accounts.capabilities import holds, require
from giamngheo.accounts.scoping import get_scoped_or_404
from giamngheo.assistance import services as assistance
from giamngheo.assistance.forms import HelpRequestForm, ShockForm
from giamngheo.collaborators import selectors as collaborator_selectors
from giamngheo.collaborators import services as collaborator_services
from giamngheo.collaborators.forms import ActivityForm
from giamngheo.households.models import Household
from giamngheo.households.selectors import households_visible_to
from giamngheo.reviews import services as review_services
from giamngheo.reviews import workflow as review_workflow
from giamngheo.reviews.forms import SurveyEntryForm
from giamngheo.reviews.models import AdHocReview, ReviewEntry

from .form_schema import serializer_for_form
from .idempotency import HEADER, run_once

KEY_PARAMETER = OpenApiParameter(
    HEADER,
    location=OpenApiParameter.HEADER,
    required=True,
    description="A new value for each entry (e.g. a UUID); a retry with it records nothing new.",
)
CREATED = inline_serializer("Created", {"id": serializers.IntegerField()})
REFUSED = inline_serializer(
    "Refused", {"detail": serializers.CharField(), "errors": serializers.DictField()}
)


SCALARS = (str, int, float, bool, type(None))


def form_data(request):
    """A JSON body as the pages' forms read a posted form: a list is a field's several values,
    and only plain values are accepted (a nested object would crash a form field)."""
    data = request.data
    if not isinstance(data, dict) or isinstance(data, QueryDict):
        return data
    values, wrong = MultiValueDict(), {}
    for key, value in data.items():
        items = value if isinstance(value, list) else [value]
        if all(isinstance(item, SCALARS) for item in items):
            values.setlist(key, items)
        else:
            wrong[key] = _("Give a plain value (text, number or true/false).")
    if wrong:
        raise DjangoValidationError(wrong)
    return values


def valid(form) -> dict:
    """The page's form decides what is valid; its messages are the refusal."""
    if not form.is_valid():
        raise DjangoValidationError(form.errors.as_data())
    return form.cleaned_data


def _created(obj, **extra) -> Response:
    return Response({"id": obj.pk, **extra}, status=status.HTTP_201_CREATED)


def _household(request, code: str) -> Household:
    return get_scoped_or_404(Household.objects.select_related("commune", "village"),
                             request.user, "commune", code=code)  # fmt: skip


@extend_schema(
    request={"multipart/form-data": serializer_for_form(ActivityForm, "ActivityEntry")},
    parameters=[KEY_PARAMETER],
    responses={201: CREATED, 400: REFUSED, 403: REFUSED},
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def activity_create(request):
    """A collaborator's activity (households and villages by code, an optional photo)."""

    def write():
        collaborator = collaborator_selectors.collaborator_of(request.user)
        if collaborator is None or not holds(
            request.user, "act_as_collaborator", collaborator.commune
        ):
            raise PermissionDenied(_("Only a collaborator records activities in their own log."))
        form = ActivityForm(
            form_data(request),
            request.FILES or None,
            villages=collaborator_selectors.villages_for(collaborator),
            assignments=collaborator.assignments.all(),
            households=households_visible_to(request.user).filter(commune=collaborator.commune),
            shown_households=[],
        )
        form.fields["households"].to_field_name = "code"
        form.fields["villages"].to_field_name = "code"
        activity = collaborator_services.log_activity(
            collaborator=collaborator, by=request.user, **_activity_data(form)
        )
        return _created(activity)

    return run_once(request, write)


def _activity_data(form) -> dict:
    data = valid(form)
    return {k: v for k, v in data.items() if k != "household_query"}


def _household_entry(form_class, service, name: str, doc: str):
    """An entry about one household of the caller's area: the page's form, then its service."""

    @extend_schema(
        request=serializer_for_form(form_class, name),
        parameters=[KEY_PARAMETER],
        responses={201: CREATED, 400: REFUSED, 403: REFUSED},
        description=doc,
    )
    @api_view(["POST"])
    def create(request, code):
        def write():
            household = _household(request, code)
            data = valid(form_class(form_data(request)))
            return _created(service(household=household, by=request.user, **data))

        return run_once(request, write)

    return create


help_request_create = _household_entry(
    HelpRequestForm, assistance.record_request, "HelpRequestEntry",
    "A household's request for help (duty 1), as on the page.",
)  # fmt: skip
shock_create = _household_entry(
    ShockForm, assistance.record_shock, "ShockEntry",
    "A shock or family change (duty 2), as on the page.",
)  # fmt: skip


SURVEY_TARGET = inline_serializer(
    "SurveyTarget",
    {
        "entry": serializers.IntegerField(required=False, help_text="annual review entry"),
        "adhoc": serializers.IntegerField(required=False, help_text="ad-hoc review"),
    },
)


@extend_schema(
    request=serializer_for_form(SurveyEntryForm, "SurveyEntry", extra=SURVEY_TARGET),
    parameters=[KEY_PARAMETER],
    responses={201: CREATED, 400: REFUSED, 403: REFUSED, 409: REFUSED},
)
@api_view(["POST"])
def survey_create(request):
    """Phiếu A and B for a household on an annual review list (``entry``) or an ad-hoc
    review (``adhoc``, with its ``version``); the engine computes the result."""

    def write():
        target = _survey_target(request)
        if isinstance(target, ReviewEntry):
            review = target.review
            require(request.user, review_workflow.RECORD, review)
            data = valid(_survey_form(request, review))
            saved = review_services.record_entry_survey(entry=target, by=request.user,
                                                        **_survey_args(data))  # fmt: skip
        else:
            require(request.user, review_workflow.ADHOC["survey"].capability, target)
            data = valid(_survey_form(request, target))
            saved = review_services.record_adhoc_survey(
                review=target, by=request.user, version=data["version"], **_survey_args(data)
            )
        return _created(saved, result_category=saved.result_category,
                        result_status=saved.result_status)  # fmt: skip

    return run_once(request, write)


def _survey_target(request):
    entry, adhoc = request.data.get("entry"), request.data.get("adhoc")
    if bool(entry) == bool(adhoc) or not str(entry or adhoc).isdigit():
        raise DjangoValidationError(
            {"entry": _("Give the number of either the review entry or the ad-hoc review.")}
        )
    if entry:
        return get_scoped_or_404(ReviewEntry.objects.select_related("review__commune",
                                 "household__commune"), request.user, "review__commune",
                                 pk=int(entry))  # fmt: skip
    return get_scoped_or_404(AdHocReview.objects.select_related("commune", "household__commune"),
                             request.user, "commune", pk=int(adhoc))  # fmt: skip


def _survey_form(request, review) -> SurveyEntryForm:
    return SurveyEntryForm(
        form_data(request), procedure_code=review.procedure, standard_code=review.standard
    )


def _survey_args(data) -> dict:
    return {
        "filled_on": data["filled_on"],
        "characteristics": data["characteristics"],
        "score_a": data.get("score_a"),
        "declared_income": data.get("declared_income"),
        "deprived_indicators": data["deprived_indicators"],
    }
