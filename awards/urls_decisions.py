"""Decisions, proposals, the award registry and the public list of awardees."""

from django.urls import path

from .views import decisions, registry

urlpatterns = [
    # Decisions and proposals (the office).
    path("khen-thuong/quyet-dinh/", decisions.overview, name="award_decisions"),
    path(
        "khen-thuong/quyet-dinh/tao-moi/<int:campaign_pk>/<int:award_form_pk>/",
        decisions.decision_create,
        name="award_decision_create",
    ),
    path(
        "khen-thuong/quyet-dinh/<int:pk>/", decisions.decision_detail, name="award_decision_detail"
    ),
    path(
        "khen-thuong/to-trinh/tao-moi/<int:campaign_pk>/<int:award_form_pk>/",
        decisions.proposal_create,
        name="award_proposal_create",
    ),
    path("khen-thuong/to-trinh/<int:pk>/", decisions.proposal_detail, name="award_proposal_detail"),
    path(
        "khen-thuong/to-trinh/<int:pk>/ket-qua/",
        decisions.proposal_outcome,
        name="award_proposal_outcome",
    ),
    path(
        "quan-ly/phong-trao/<int:pk>/de-nghi-khen-thuong/",
        decisions.campaign_nominations,
        name="campaign_nominations_by_status",
    ),
    # The registry.
    path("khen-thuong/so-khen-thuong/", registry.registry_list, name="registry_list"),
    path("khen-thuong/so-khen-thuong/tong-hop/", registry.registry_totals, name="registry_totals"),
    path(
        "khen-thuong/so-khen-thuong/nhap-tay/",
        registry.manual_create,
        name="registry_manual_create",
    ),
    path(
        "khen-thuong/so-khen-thuong/ca-nhan/<int:pk>/",
        registry.person_history,
        name="registry_person",
    ),
    path(
        "khen-thuong/so-khen-thuong/don-vi/<int:pk>/", registry.unit_history, name="registry_unit"
    ),
    # Public.
    path("khen-thuong/cong-khai/<slug:code>/", registry.public_awardees, name="public_awardees"),
]
