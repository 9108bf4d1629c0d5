import datetime

import factory
from django.contrib.auth import get_user_model

from campaign.models import (
    AwardForm,
    Campaign,
    ContentItem,
    PlanStatement,
    SubjectCategory,
    SubjectType,
)
from units.models import Membership, Organization, OrganizationKind, OrganizationName, Person


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = OrganizationKind.DEPARTMENT
    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    abbreviation = factory.Sequence(lambda n: f"DV{n}")
    place_name = "Lạng Sơn"

    @factory.post_generation
    def with_name(obj, create, extracted, **kwargs):
        if create:
            OrganizationName.objects.create(
                organization=obj,
                name=obj.name,
                abbreviation=obj.abbreviation,
                valid_from=datetime.date(2000, 1, 1),
            )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn An"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", "MatKhau@123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_member(role, organization, **kwargs):
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organization=organization, role=role)
    Person.objects.create(
        full_name=f"{user.last_name} {user.first_name}", organization=organization, user=user
    )
    return user


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm
        django_get_or_create = ("code",)

    code = "giay-khen-giam-doc-so"
    name = "Giấy khen của Giám đốc Sở"
    rank = 4
    authority = AwardForm.Authority.DEPARTMENT_HEAD
    decided_internally = True
    individual_coefficient = "0.3"
    collective_coefficient = "0.6"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"campaign-{n}")
    issuing_organization = factory.SubFactory(OrganizationFactory)
    place_name = "Lạng Sơn"
    issued_day = 15
    issued_month = 8
    issued_year = 2022
    summary = "Về việc phát động Phong trào thi đua “Đẩy nhanh tiến độ giải phóng mặt bằng”"
    name = factory.Sequence(lambda n: f"Đẩy nhanh tiến độ giải phóng mặt bằng {n}")
    start_date = datetime.date(2022, 8, 15)
    end_date = datetime.date(2025, 12, 31)
    final_review_year = 2025
    final_review_quarter = 4
    status = Campaign.Status.PUBLISHED

    @factory.post_generation
    def sections(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        PlanStatement.objects.create(
            campaign=obj, kind=PlanStatement.Kind.PURPOSE, order=1, text="Mục đích thứ nhất."
        )
        ContentItem.objects.create(campaign=obj, number=1, text="Thẩm định phương án bồi thường.")
        SubjectCategory.objects.create(
            campaign=obj, order=1, subject_type=SubjectType.COLLECTIVE, label="Tập thể"
        )
