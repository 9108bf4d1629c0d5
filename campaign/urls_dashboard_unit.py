"""The unit's dashboard and the council member's page (its view lives in units: a council
member's page gathers panels that the higher apps register in units.council)."""

from django.urls import path

from units import views_council

from .views import dashboard_unit as views

urlpatterns = [
    path("bao-cao/tong-quan/", views.dashboard_unit, name="dashboard_unit"),
    path(
        "bao-cao/tong-quan/xuat.<str:fmt>",
        views.dashboard_unit_export,
        name="dashboard_unit_export",
    ),
    path("hoi-dong/", views_council.council_dashboard, name="dashboard_council"),
]
