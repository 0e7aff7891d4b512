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
]
