from django.urls import path

from . import annual_views, pages, views

app_name = "reviews"
# The pages both kinds of review share are told which kind by their URL.
ADHOC, ANNUAL = {"kind": "adhoc"}, {"kind": "annual"}
urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("qua-han/", views.overdue_list, name="overdue"),
    path("thuong-xuyen/them/", views.adhoc_create, name="adhoc_create"),
    path("thuong-xuyen/<int:pk>/", views.adhoc_detail, name="adhoc_detail"),
    path("thuong-xuyen/<int:pk>/khao-sat/", views.adhoc_survey, name="adhoc_survey"),
    path("thuong-xuyen/<int:pk>/tham-dinh/", views.adhoc_check, name="adhoc_check"),
    path("thuong-xuyen/<int:pk>/quyet-dinh/", views.adhoc_decide, name="adhoc_decide"),
    path("thuong-xuyen/<int:pk>/tra-loi/", views.adhoc_answer, name="adhoc_answer"),
    path("thuong-xuyen/<int:pk>/chuyen/<str:action>/", pages.move, ADHOC, name="adhoc_move"),
    path("thuong-xuyen/<int:pk>/giam-sat/", pages.note, ADHOC, name="adhoc_note"),
    path("dinh-ky/them/", annual_views.annual_create, name="annual_create"),
    path("dinh-ky/<int:pk>/", annual_views.annual_detail, name="annual_detail"),
    path("dinh-ky/<int:pk>/them-ho/", annual_views.annual_add_entry, name="annual_add_entry"),
    path(
        "dinh-ky/<int:pk>/ho/<int:entry>/khao-sat/", annual_views.entry_survey, name="entry_survey"
    ),
    path("dinh-ky/<int:pk>/hop-dan/", annual_views.meeting_create, name="meeting_create"),
    path("dinh-ky/<int:pk>/niem-yet/", annual_views.annual_post, name="annual_post"),
    path("dinh-ky/<int:pk>/khieu-nai/", annual_views.complaint_create, name="complaint_create"),
    path(
        "dinh-ky/<int:pk>/khieu-nai/<int:complaint>/",
        annual_views.complaint_answer,
        name="complaint_answer",
    ),
    path("dinh-ky/<int:pk>/quyet-dinh/", annual_views.annual_decide, name="annual_decide"),
    path("dinh-ky/<int:pk>/bao-cao/", annual_views.annual_report, name="annual_report"),
    path("dinh-ky/<int:pk>/chuyen/<str:action>/", pages.move, ANNUAL, name="annual_move"),
    path("dinh-ky/<int:pk>/giam-sat/", pages.note, ANNUAL, name="annual_note"),
]
