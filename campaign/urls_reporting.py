from django.urls import path

from .views import reporting as views

urlpatterns = [
    path("bao-cao/", views.my_reports, name="my_reports"),
    path(
        "bao-cao/ky/<int:period_pk>/don-vi/<int:unit_pk>/",
        views.report_edit,
        name="report_edit",
    ),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/nop/", views.report_submit, name="report_submit"),
    path("bao-cao/<int:pk>/duyet/", views.report_review, name="report_review"),
    path(
        "bao-cao/<int:pk>/phien-ban/<int:number>/",
        views.report_version,
        name="report_version",
    ),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
    path("duyet-bao-cao/", views.review_queue, name="review_queue"),
]
