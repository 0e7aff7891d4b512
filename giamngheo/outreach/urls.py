"""Mounted under /nhom-ho/ with the groups' pages: the paths are those of before the split."""

from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
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
