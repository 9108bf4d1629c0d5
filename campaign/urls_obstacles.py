from django.urls import path

from .views import obstacles as views

urlpatterns = [
    path("quan-ly/phong-trao/<int:pk>/vuong-mac/", views.register, name="obstacle_register"),
    path(
        "quan-ly/phong-trao/<int:pk>/vuong-mac/<int:obstacle_pk>/",
        views.obstacle_detail,
        name="obstacle_detail",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/vuong-mac/vuot-tham-quyen.xlsx",
        views.export_beyond_authority_xlsx,
        name="obstacle_export_xlsx",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/vuong-mac/vuot-tham-quyen/in/",
        views.export_beyond_authority_print,
        name="obstacle_export_print",
    ),
    path("bao-cao/vuong-mac/", views.unit_obstacles, name="unit_obstacles"),
]
