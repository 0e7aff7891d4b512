from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("", views.home, name="home"),
    path("xuat.xlsx", views.group_export, name="group_export"),
    path("them/", views.group_add, name="group_add"),
    path("<int:pk>/", views.group_detail, name="group_detail"),
    path("<int:pk>/sua/", views.group_edit, name="group_edit"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/roi-nhom/", views.member_leave, name="member_leave"),
    path("<int:pk>/phe-duyet-quy-che/", views.rules_approve, name="rules_approve"),
    path("<int:pk>/giai-the/", views.group_dissolve, name="group_dissolve"),
    path("<int:pk>/du-an/them/", views.project_add, name="project_add"),
    path("du-an/", views.project_list, name="project_list"),
    path("du-an/<int:pk>/", views.project_detail, name="project_detail"),
    path("du-an/<int:pk>/nguon-von/", views.funding_add, name="funding_add"),
    path("du-an/<int:pk>/ho-tro/them/", views.support_add, name="support_add"),
    path("du-an/<int:pk>/cam-ket/", views.commitment, name="commitment"),
    path("du-an/<int:pk>/moc/them/", views.milestone_add, name="milestone_add"),
    path("du-an/<int:pk>/<slug:action>/", views.project_state, name="project_state"),
    path("ho-tro/<int:pk>/da-trao/", views.support_deliver, name="support_deliver"),
    path("moc/<int:pk>/hoan-thanh/", views.milestone_done, name="milestone_done"),
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("kiem-tra/them/", views.inspection_add, name="inspection_add"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/thanh-vien/", views.team_add, name="team_add"),
    path("kiem-tra/<int:pk>/phat-hien/", views.finding_add, name="finding_add"),
    path("kiem-tra/<int:pk>/danh-gia-ctv/", views.assessment_add, name="assessment_add"),
    path("phat-hien/<int:pk>/theo-doi/", views.follow_up_add, name="follow_up_add"),
    path("bao-cao/", views.template_list, name="template_list"),
    path("bao-cao/mau/them/", views.template_add, name="template_add"),
    path("bao-cao/mau/<int:pk>/", views.template_detail, name="template_detail"),
    path("bao-cao/dong/<int:pk>/<str:direction>/", views.field_move, name="field_move"),
    path("bao-cao/mau/<int:pk>/<str:unit>/<str:period>/", views.report, name="report"),
    path(
        "bao-cao/mau/<int:pk>/<str:unit>/<str:period>.xlsx",
        views.report_export,
        name="report_export",
    ),
    path("truyen-thong/", views.communication, name="communication"),
    path("truyen-thong/buoi/them/", views.outreach_add, name="outreach_add"),
    path("truyen-thong/guong/them/", views.example_add, name="example_add"),
    path("truyen-thong/guong/<int:pk>/", views.example_detail, name="example_detail"),
    path("truyen-thong/guong/<int:pk>/anh/", views.example_photo, name="example_photo"),
    path(
        "truyen-thong/guong/<int:pk>/rut-dong-y/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("truyen-thong/nguon-luc/them/", views.resource_add, name="resource_add"),
    path("truyen-thong/de-xuat/them/", views.proposal_add, name="proposal_add"),
]
