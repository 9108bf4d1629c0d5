"""Secretariat set-up screens: key projects, tasks and indicators, bulk assignment, periods."""

from django.urls import path

from .views import setup as views

urlpatterns = [
    path("quan-ly/phong-trao/<int:pk>/nhiem-vu/", views.task_list, name="setup_task_list"),
    path(
        "quan-ly/phong-trao/<int:pk>/nhiem-vu/tao-moi/",
        views.task_create,
        name="setup_task_create",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/nhiem-vu/giao-hang-loat/",
        views.task_bulk_assign,
        name="setup_task_bulk_assign",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/nhiem-vu/<int:task_pk>/sua/",
        views.task_edit,
        name="setup_task_edit",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/nhiem-vu/<int:task_pk>/xoa/",
        views.task_delete,
        name="setup_task_delete",
    ),
    path("quan-ly/phong-trao/<int:pk>/ky-bao-cao/", views.period_list, name="setup_period_list"),
    path(
        "quan-ly/phong-trao/<int:pk>/ky-bao-cao/tao-tu-dong/",
        views.period_generate,
        name="setup_period_generate",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/ky-bao-cao/<int:period_pk>/sua/",
        views.period_edit,
        name="setup_period_edit",
    ),
    path("quan-ly/du-an/", views.project_list, name="setup_project_list"),
    path("quan-ly/du-an/tao-moi/", views.project_create, name="setup_project_create"),
    path("quan-ly/du-an/<int:project_pk>/sua/", views.project_edit, name="setup_project_edit"),
]
