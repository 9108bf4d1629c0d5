from django.urls import path

from .views import reminders as views

urlpatterns = [
    path(
        "quan-ly/phong-trao/<int:pk>/tinh-hinh-nop/",
        views.submission_status,
        name="campaign_submission_status",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/tinh-hinh-nop/<int:period_pk>/don-doc/<int:unit_pk>/",
        views.urge_unit,
        name="campaign_urge_unit",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/tinh-hinh-nop/<int:period_pk>/don-doc-tat-ca/",
        views.urge_late_units,
        name="campaign_urge_late_units",
    ),
]
