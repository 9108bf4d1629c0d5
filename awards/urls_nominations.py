from django.urls import path

from .views import nominations, posting, screening

urlpatterns = [
    # The unit's nominations.
    path("khen-thuong/de-nghi/", nominations.nomination_list, name="nomination_list"),
    path("khen-thuong/de-nghi/moi/", nominations.nomination_create, name="nomination_create"),
    path("khen-thuong/de-nghi/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("khen-thuong/de-nghi/<int:pk>/sua/", nominations.nomination_edit, name="nomination_edit"),
    path(
        "khen-thuong/de-nghi/<int:pk>/nop/", nominations.nomination_submit, name="nomination_submit"
    ),
    path(
        "khen-thuong/de-nghi/<int:pk>/dien-lai-thanh-tich/",
        nominations.nomination_refill,
        name="nomination_refill",
    ),
    path(
        "khen-thuong/de-nghi/<int:pk>/tep/",
        nominations.attachment_upload,
        name="nomination_attachment_upload",
    ),
    path(
        "khen-thuong/tep-de-nghi/<int:pk>/",
        nominations.attachment_download,
        name="nomination_attachment_download",
    ),
    path(
        "khen-thuong/tep-de-nghi/<int:pk>/xoa/",
        nominations.attachment_delete,
        name="nomination_attachment_delete",
    ),
    # Screening by the department office.
    path("khen-thuong/tham-dinh/", screening.screening_queue, name="screening_queue"),
    path("khen-thuong/tham-dinh/<int:pk>/", screening.screening_detail, name="screening_detail"),
    path(
        "khen-thuong/tham-dinh/<int:pk>/da-doc-y-kien/",
        screening.screening_comments_read,
        name="screening_comments_read",
    ),
    # Public posting (no login).
    path("cong-khai/", posting.posting_index, name="posting_index"),
    path(
        "cong-khai/don-vi/<slug:code>/", posting.posting_organization, name="posting_organization"
    ),
    path("cong-khai/ke-hoach/<slug:code>/", posting.posting_campaign, name="posting_campaign"),
    path("cong-khai/de-nghi/<int:pk>/", posting.posting_detail, name="posting_detail"),
]
