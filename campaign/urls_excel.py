from django.urls import path

from .views import excel as views

urlpatterns = [
    path(
        "bao-cao/ky/<int:period_pk>/don-vi/<int:unit_pk>/excel/",
        views.excel_download,
        name="report_excel_download",
    ),
    path(
        "bao-cao/ky/<int:period_pk>/don-vi/<int:unit_pk>/excel/tai-len/",
        views.excel_upload,
        name="report_excel_upload",
    ),
]
