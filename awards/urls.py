from django.urls import include, path

# Each group of screens keeps its own URLs next to its views.
urlpatterns = [
    path("", include("awards.urls_nominations")),
    path("", include("awards.urls_sessions")),
    path("", include("awards.urls_decisions")),
]
