"""The secretariat's dashboard of a campaign (included from campaign/urls.py)."""

from django.urls import path

from .views import dashboard_office as views
from .views import table_exports

urlpatterns = [
    path(
        "quan-ly/phong-trao/<int:pk>/bang-dieu-khien/",
        views.dashboard,
        name="dashboard_office",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/bang-dieu-khien/xuat-bang/",
        table_exports.export_request,
        name="dashboard_export_request",
    ),
    path("quan-ly/xuat-bang/<int:pk>/", table_exports.export_detail, name="table_export"),
    path(
        "quan-ly/xuat-bang/<int:pk>/trang-thai/",
        table_exports.export_status,
        name="table_export_status",
    ),
    path(
        "quan-ly/xuat-bang/<int:pk>/tai-ve/",
        table_exports.export_download,
        name="table_export_download",
    ),
]
