from django.urls import path  # noqa: F401  (filled by the screens of this group)

urlpatterns: list = []
