"""The secretariat's dashboard of a campaign (included from campaign/urls.py)."""

from django.urls import path

from .views import dashboard_office as views

urlpatterns = [
    path(
        "quan-ly/phong-trao/<int:pk>/bang-dieu-khien/",
        views.dashboard,
        name="dashboard_office",
    ),
]
