from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("yeu-cau/them/", views.request_add, name="request_add"),
    path("yeu-cau/<int:pk>/", views.request_detail, name="request_detail"),
    path("yeu-cau/<int:pk>/<str:action>/", views.request_step, name="request_step"),
    path("qua-han/", views.overdue, name="overdue"),
    path("rui-ro/", views.shock_list, name="shock_list"),
    path("rui-ro/them/", views.shock_add, name="shock_add"),
    path("rui-ro/<int:pk>/", views.shock_detail, name="shock_detail"),
    path("rui-ro/<int:pk>/dong/", views.shock_close, name="shock_close"),
    path("rui-ro/<int:pk>/lap-giay-de-nghi/", views.shock_application, name="shock_application"),
    path("kha-nang-thoat-ngheo/", views.likely_to_escape, name="likely_to_escape"),
    path(
        "kha-nang-thoat-ngheo/<str:code>/de-nghi-thoat-ngheo/",
        views.exit_application,
        name="exit_application",
    ),
    path("tong-hop/", views.summary, name="summary"),
    path("tong-hop.xlsx", views.summary_export, name="summary_export"),
]
