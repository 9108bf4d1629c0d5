from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from units import views as unit_views

admin.site.site_header = _("Thi đua GPMB administration")
admin.site.site_title = _("Thi đua GPMB")
admin.site.index_title = _("System administration")

urlpatterns = [
    path("", unit_views.home, name="home"),
    path("healthz", unit_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("units.urls")),
    path("", include("campaign.urls")),
    path("", include("awards.urls")),
    path("", include("reports.urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
