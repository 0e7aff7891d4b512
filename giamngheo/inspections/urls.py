"""Mounted under /nhom-ho/ with the groups' pages: the paths are those of before the split."""

from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="inspection_list"),
    path("kiem-tra/them/", views.inspection_add, name="inspection_add"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/thanh-vien/", views.team_add, name="team_add"),
    path("kiem-tra/<int:pk>/phat-hien/", views.finding_add, name="finding_add"),
    path("kiem-tra/<int:pk>/danh-gia-ctv/", views.assessment_add, name="assessment_add"),
    path("phat-hien/<int:pk>/theo-doi/", views.follow_up_add, name="follow_up_add"),
]
