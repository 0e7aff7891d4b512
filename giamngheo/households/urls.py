from django.urls import path

from . import departure_views, views

app_name = "households"
urlpatterns = [
    path("", views.household_list, name="household_list"),
    path("xuat.xlsx", views.household_export, name="household_export"),
    path("them/", views.household_create, name="household_create"),
    path("nhap/", views.import_start, name="import_start"),
    path("nhap/<int:pk>/", views.import_job, name="import_job"),
    path("nhap/mau.<str:fmt>", views.import_template, name="import_template"),
    path("danh-gia-thay-doi/", views.assessment_change_list, name="assessment_changes"),
    path("<str:code>/", views.household_detail_view, name="household_detail"),
    path("<str:code>/sua/", views.household_edit, name="household_edit"),
    path(
        "<str:code>/chuyen-di/",
        departure_views.household_departure,
        name="household_departure",
    ),
]
