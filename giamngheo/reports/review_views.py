"""The review's printouts (posting lists, summary report) at their old addresses under
``/ra-soat/``; the documents themselves are built in ``review_prints``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from giamngheo.geo.models import Unit
from giamngheo.reviews import selectors
from giamngheo.reviews.models import AnnualState
from giamngheo.reviews.procedures import procedure_by_code

from . import review_prints as printing


def _posting_data(request, pk):
    review = selectors.annual_detail(request.user, pk)
    village = None
    if request.GET.get("thon"):
        village = Unit.objects.filter(parent=review.commune, code=request.GET["thon"]).first()
        if village is None:
            raise Http404
    lists = selectors.posting_lists(review, village=village)
    suffix = f"-{village.code}" if village else ""
    return (
        review,
        lists,
        selectors.current_posting(review),
        village,
        f"niem-yet-{review.year}{suffix}",
    )


@login_required
def posting_pdf(request, pk):
    review, lists, posting, village, name = _posting_data(request, pk)
    response = HttpResponse(
        printing.posting_pdf(review, lists, posting, village), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def posting_xlsx(request, pk):
    review, lists, posting, village, name = _posting_data(request, pk)
    response = HttpResponse(
        printing.posting_xlsx(review, lists, posting, village), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _summary(request, pk):
    review = selectors.annual_detail(request.user, pk)
    rows, total = selectors.summary_table(review)
    form = procedure_by_code(review.procedure).forms["summary"].label
    decision = (
        getattr(review, "decision", None)
        if review.state in (AnnualState.DECIDED, AnnualState.REPORTED)
        else None
    )
    return review, rows, total, form, decision


@login_required
def summary_pdf(request, pk):
    review, rows, total, form, decision = _summary(request, pk)
    response = HttpResponse(
        printing.summary_pdf(review, rows, total, form, decision), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="bieu-tong-hop-{review.year}.pdf"'
    return response


@login_required
def summary_xlsx(request, pk):
    review, rows, total, form, _decision = _summary(request, pk)
    response = HttpResponse(printing.summary_xlsx(review, rows, total, form), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bieu-tong-hop-{review.year}.xlsx"'
    return response
