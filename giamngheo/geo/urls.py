from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("", views.commune_list, name="commune_list"),
    path("xuat.xlsx", views.commune_export, name="commune_export"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
    path("<str:code>/khu-vuc/", views.commune_area, name="commune_area"),
    path("<str:code>/them-thon/", views.village_add, name="village_add"),
    path("<str:code>/nhap-thon/", views.village_import, name="village_import"),
    path("<str:code>/mau-nhap-thon.xlsx", views.village_template, name="village_template"),
    path("<str:code>/sua/", views.village_edit, name="village_edit"),
]
