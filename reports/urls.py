"""Report jobs and documents."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bao-cao/phong-trao/<int:campaign_pk>/", views.documents, name="report_documents"),
    path(
        "bao-cao/phong-trao/<int:campaign_pk>/tao/",
        views.request_document,
        name="report_request",
    ),
    path("bao-cao/tac-vu/<int:pk>/", views.job_detail, name="report_job"),
    path("bao-cao/tac-vu/<int:pk>/trang-thai/", views.job_status, name="report_job_status"),
    path("bao-cao/tac-vu/<int:pk>/thu-lai/", views.job_retry, name="report_job_retry"),
    path("bao-cao/tac-vu/<int:pk>/tai-ve/", views.job_download, name="report_job_download"),
    path("bao-cao/tep/<int:pk>/", views.file_download, name="report_file_download"),
    # The narrative sections and the preview of the sơ kết / tổng kết.
    path("", include("reports.urls_narrative")),
]
