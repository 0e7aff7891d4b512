from django.urls import path

from . import views

app_name = "clubs"
urlpatterns = [
    path("", views.club_list, name="club_list"),
    path("xuat.xlsx", views.club_export, name="club_export"),
    path("thanh-vien.xlsx", views.member_export, name="member_export"),
    path("thanh-lap/", views.club_create, name="club_create"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("ke-hoach/", views.plan_set, name="plan_set"),
    path("mo-hinh-hay/", views.practice_list, name="practice_list"),
    path("<int:pk>/", views.club_detail, name="club_detail"),
    path("<int:pk>/sua/", views.club_edit, name="club_edit"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("<int:pk>/thanh-vien/<int:member_pk>/roi/", views.member_leave, name="member_leave"),
    path("<int:pk>/ban-chu-nhiem/bau/", views.officer_elect, name="officer_elect"),
    path(
        "<int:pk>/ban-chu-nhiem/<int:officer_pk>/ket-thuc/",
        views.officer_end,
        name="officer_end",
    ),
    path("<int:pk>/dia-diem/them/", views.host_place_add, name="host_place_add"),
    path(
        "<int:pk>/dia-diem/<int:place_pk>/luan-phien/",
        views.host_place_toggle,
        name="host_place_toggle",
    ),
    path("<int:pk>/hop/len-lich/", views.meeting_plan, name="meeting_plan"),
    path("hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("hop/<int:pk>/ghi-ket-qua/", views.meeting_record, name="meeting_record"),
    path("hop/<int:pk>/huy/", views.meeting_cancel, name="meeting_cancel"),
    path("hop/<int:pk>/viec-can-lam/", views.action_add, name="action_add"),
    path("hop/<int:pk>/mo-hinh-hay/", views.practice_add, name="practice_add"),
    path("viec-can-lam/<int:pk>/xong/", views.action_done, name="action_done"),
]
