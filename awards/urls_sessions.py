from django.urls import path

from .views import councils, sessions

S = "khen-thuong/phien-hop/<int:pk>/"

urlpatterns = [
    path("khen-thuong/hoi-dong/", councils.council_list, name="council_list"),
    path("khen-thuong/hoi-dong/<int:org_pk>/", councils.council_manage, name="council_manage"),
    path(
        "khen-thuong/hoi-dong/thanh-vien/<int:pk>/sua/",
        councils.council_member_edit,
        name="council_member_edit",
    ),
    path(
        "khen-thuong/hoi-dong/thanh-vien/<int:pk>/xoa/",
        councils.council_member_remove,
        name="council_member_remove",
    ),
    path(
        "khen-thuong/hoi-dong/<int:org_pk>/phien-hop/tao/",
        sessions.session_create,
        name="session_create",
    ),
    path("khen-thuong/phien-hop/", sessions.session_list, name="session_list"),
    path(S, sessions.session_detail, name="session_detail"),
    path(S + "sua/", sessions.session_edit, name="session_edit"),
    path(S + "chuong-trinh/", sessions.session_agenda, name="session_agenda"),
    path(
        S + "chuong-trinh/<int:item_pk>/xoa/",
        sessions.session_item_remove,
        name="session_item_remove",
    ),
    path(S + "diem-danh/", sessions.session_attendance, name="session_attendance"),
    path(S + "y-kien/<int:member_pk>/", sessions.session_opinions, name="session_opinions"),
    path(S + "khai-mac/", sessions.session_open, name="session_open"),
    path(S + "bo-phieu/", sessions.session_vote, name="session_vote"),
    path(S + "be-mac/", sessions.session_close, name="session_close"),
    path(S + "ket-qua/", sessions.session_results, name="session_results"),
    path(S + "bien-ban/", sessions.session_minutes, name="session_minutes"),
]
