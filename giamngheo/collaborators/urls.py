from django.urls import path

from . import views

app_name = "collaborators"
urlpatterns = [
    path("", views.home, name="home"),
    path("them/", views.collaborator_add, name="add"),
    path("nhiem-vu/", views.duties, name="duties"),
    path("canh-bao/", views.warnings, name="warnings"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke.xlsx", views.statistics_export, name="statistics_export"),
    path("ket-qua-to-chuc/", views.organisation_results, name="organisation_results"),
    path("phu-cap/", views.allowances, name="allowances"),
    path("phu-cap/<str:period>.xlsx", views.allowances_export, name="allowances_export"),
    path("ghi-hoat-dong/", views.my_activity_add, name="my_activity_add"),
    path("hoat-dong/<int:pk>/tep/", views.activity_attachment, name="activity_attachment"),
    path("hop-dong/<int:pk>/gia-han/", views.contract_renew, name="contract_renew"),
    path("<int:pk>/", views.collaborator_detail, name="detail"),
    path("<int:pk>/sua/", views.collaborator_edit, name="edit"),
    path("<int:pk>/hop-dong/them/", views.contract_add, name="contract_add"),
    path("<int:pk>/tap-huan/them/", views.training_add, name="training_add"),
    path("<int:pk>/giao-viec/", views.assignment_add, name="assignment_add"),
    path("<int:pk>/hoat-dong/them/", views.activity_add, name="activity_add"),
    path("<int:pk>/bao-cao/<str:period>/", views.report_detail, name="report"),
    path("<int:pk>/bao-cao/<str:period>/nop/", views.report_submit, name="report_submit"),
    path("<int:pk>/bao-cao/<str:period>/duyet/", views.report_decide, name="report_decide"),
    path("<int:pk>/danh-gia/<str:period>/", views.evaluate, name="evaluate"),
]
