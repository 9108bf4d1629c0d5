from django.urls import path

from . import views_narrative as views

urlpatterns = [
    path(
        "bao-cao-tong-ket/phong-trao/<int:pk>/",
        views.narrative_list,
        name="report_narratives",
    ),
    path(
        "bao-cao-tong-ket/phong-trao/<int:pk>/<slug:kind>/<int:year>/",
        views.narrative_edit,
        name="report_narrative_edit",
    ),
    path(
        "bao-cao-tong-ket/phong-trao/<int:pk>/<slug:kind>/<int:year>/xem-truoc/",
        views.report_preview,
        name="report_preview",
    ),
]
