from django.urls import include, path

from .views import plans as views

urlpatterns = [
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<slug:code>/", views.plan_detail, name="plan_detail"),
    path("quan-ly/phong-trao/", views.manage_list, name="campaign_manage_list"),
    path("quan-ly/phong-trao/tao-moi/", views.campaign_create, name="campaign_create"),
    path("quan-ly/phong-trao/<int:pk>/", views.manage_detail, name="campaign_manage_detail"),
    path("quan-ly/phong-trao/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path(
        "quan-ly/phong-trao/<int:pk>/muc/<slug:section>/",
        views.section_edit,
        name="campaign_section_edit",
    ),
    path("quan-ly/phong-trao/<int:pk>/xem-truoc/", views.campaign_preview, name="campaign_preview"),
    path("quan-ly/phong-trao/<int:pk>/cong-bo/", views.campaign_publish, name="campaign_publish"),
    path(
        "quan-ly/phong-trao/<int:pk>/tra-ve-du-thao/",
        views.campaign_unpublish,
        name="campaign_unpublish",
    ),
    path("quan-ly/phong-trao/<int:pk>/ket-thuc/", views.campaign_close, name="campaign_close"),
    # Each group of screens keeps its own URLs next to its views.
    path("", include("campaign.urls_reporting")),
    path("", include("campaign.urls_setup")),
    path("", include("campaign.urls_excel")),
    path("", include("campaign.urls_obstacles")),
    path("", include("campaign.urls_reminders")),
    path("", include("campaign.urls_dashboard_office")),
    path("", include("campaign.urls_dashboard_unit")),
]
