"""`manage.py seed_demo`: master data, the two seed plans, their organizations and demo logins.

Idempotent: every row is found by a natural key (a code, a username, an effective date, a
campaign and a position in it) and created only when missing, so a second run changes nothing.
Existing rows are left as they are — an administrator's edits survive a rerun — unless
`--update` is given, which puts the seeded fields back to the seed values (only rows that differ
are saved; nothing is deleted). Passwords are set only when a login is created.

The data lives in `campaign/seed_data.py`; this module only loads it. The loaders are plain
functions over a `Seeder`, usable from other code (e.g. an "import a seed plan" action).
"""

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone

from awards.models import BaseSalary
from campaign import seed_data
from campaign.models import (
    PLAN_FIELDS,
    AwardForm,
    Campaign,
    CampaignAwardForm,
    ContentItem,
    LegalBasis,
    LegalDocument,
    PlanStatement,
    SubjectCategory,
)
from units.audit import log_action
from units.models import Membership, Organization, OrganizationName, Person

# The one password of every demo login (set when the login is created, never on a rerun).
DEMO_PASSWORD = "ThiDua@2025"


class Seeder:
    """Finds or creates rows by natural key and counts what it did."""

    def __init__(self, update: bool = False):
        self.update = update
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        on_create: Callable[[], dict[str, Any]] | None = None,
    ) -> tuple[models.Model, bool]:
        """The row matching `lookup`; created with `values` (and `on_create()`) when missing."""
        obj = model._default_manager.filter(**lookup).first()
        label = model._meta.label
        if obj is None:
            extra = on_create() if on_create else {}
            obj = model(**lookup, **values, **extra)
            obj.save()
            self.created[label] += 1
            return obj, True
        if self.update:
            changed = [name for name, value in values.items() if not _same(obj, name, value)]
            if changed:
                for name in changed:
                    setattr(obj, name, values[name])
                obj.save()
                self.updated[label] += 1
        return obj, False

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def _same(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.many_to_one or field.one_to_one:
        current = getattr(obj, field.attname)
        return current == (value.pk if value is not None else None)
    return getattr(obj, name) == value


# --- Master data ---------------------------------------------------------------------------------


def load_award_forms(seeder: Seeder) -> dict[str, AwardForm]:
    forms = {}
    for entry in seed_data.AWARD_FORMS:
        values = {k: v for k, v in entry.items() if k != "code"}
        forms[entry["code"]], _ = seeder.upsert(AwardForm, {"code": entry["code"]}, values)
    return forms


def load_base_salaries(seeder: Seeder) -> None:
    for entry in seed_data.BASE_SALARIES:
        values = {k: v for k, v in entry.items() if k != "effective_from"}
        seeder.upsert(BaseSalary, {"effective_from": entry["effective_from"]}, values)


def load_legal_documents(seeder: Seeder) -> dict[str, LegalDocument]:
    documents = {}
    for entry in seed_data.LEGAL_DOCUMENTS:
        lookup = {"number": entry["number"], "issued_on": entry["issued_on"]}
        values = {k: v for k, v in entry.items() if k not in ("ref", "number", "issued_on")}
        documents[entry["ref"]], _ = seeder.upsert(LegalDocument, lookup, values)
    return documents


# --- Organizations -------------------------------------------------------------------------------


def load_organizations(seeder: Seeder) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for entry in seed_data.ORGANIZATIONS:
        values = {
            "parent": _ref(orgs, entry["parent"], "parent"),
            "kind": entry["kind"],
            "name": entry["name"],
            "abbreviation": entry["abbreviation"],
            "place_name": entry["place_name"],
            "succeeded_by": _ref(orgs, entry["succeeded_by"], "successor"),
            "dissolved_on": entry["dissolved_on"],
        }
        org, _ = seeder.upsert(Organization, {"code": entry["code"]}, values)
        orgs[entry["code"]] = org
        for name in entry["names"]:
            seeder.upsert(
                OrganizationName,
                {"organization": org, "valid_from": name["valid_from"]},
                {
                    "name": name["name"],
                    "abbreviation": name["abbreviation"],
                    "valid_to": name["valid_to"],
                },
            )
    return orgs


def _ref(orgs: dict[str, Organization], code: str | None, what: str) -> Organization | None:
    if code is None:
        return None
    if code not in orgs:
        raise ValueError(f"seed_data.ORGANIZATIONS: the {what} “{code}” must come first.")
    return orgs[code]


# --- Campaigns -----------------------------------------------------------------------------------

_CAMPAIGN_FIELDS = ("status", *PLAN_FIELDS)

_STATEMENT_SECTIONS = (
    ("purposes", PlanStatement.Kind.PURPOSE),
    ("requirements", PlanStatement.Kind.REQUIREMENT),
    ("solutions", PlanStatement.Kind.SOLUTION),
    ("responsibilities", PlanStatement.Kind.RESPONSIBILITY),
    ("recipients", PlanStatement.Kind.RECIPIENT),
)


def load_campaign(
    seeder: Seeder,
    entry: dict[str, Any],
    orgs: dict[str, Organization],
    documents: dict[str, LegalDocument],
    award_forms: dict[str, AwardForm],
) -> Campaign:
    values = {name: entry[name] for name in _CAMPAIGN_FIELDS}
    values["issuing_organization"] = orgs[entry["issuing_organization"]]

    def first_publication():
        published = entry["status"] in (Campaign.Status.PUBLISHED, Campaign.Status.CLOSED)
        return {"published_at": timezone.now() if published else None}

    campaign, created = seeder.upsert(
        Campaign, {"code": entry["code"]}, values, on_create=first_publication
    )
    if created:
        log_action(
            "campaign.imported",
            None,
            campaign,
            data={"source": "seed_demo"},
            organization=campaign.issuing_organization,
        )

    for order, basis in enumerate(entry["legal_bases"], start=1):
        seeder.upsert(
            LegalBasis,
            {"campaign": campaign, "order": order},
            {"document": documents[basis["document"]], "text": basis["text"]},
        )
    for key, kind in _STATEMENT_SECTIONS:
        for order, text in enumerate(entry[key], start=1):
            seeder.upsert(
                PlanStatement, {"campaign": campaign, "kind": kind, "order": order}, {"text": text}
            )
    for number, text in enumerate(entry["content_items"], start=1):
        seeder.upsert(ContentItem, {"campaign": campaign, "number": number}, {"text": text})
    for order, subject in enumerate(entry["subject_categories"], start=1):
        seeder.upsert(
            SubjectCategory,
            {"campaign": campaign, "subject_type": subject["subject_type"]},
            {
                "order": order,
                "label": subject["label"],
                "description": subject["description"],
                "criteria": subject["criteria"],
            },
        )
    for order, form in enumerate(entry["award_forms"], start=1):
        seeder.upsert(
            CampaignAwardForm,
            {"campaign": campaign, "award_form": award_forms[form["award_form"]]},
            {"order": order, "label": form["label"]},
        )
    return campaign


# --- Demo users ----------------------------------------------------------------------------------


def load_demo_users(seeder: Seeder, orgs: dict[str, Organization]) -> list[Membership]:
    User = get_user_model()
    hashed: list[str] = []

    def password_once():
        # One hash per run (hashing is deliberately slow); the same password for every login.
        if not hashed:
            hashed.append(make_password(DEMO_PASSWORD))
        return {"password": hashed[0]}

    memberships = []
    for entry in seed_data.DEMO_USERS:
        email = f"{entry['username']}@{seed_data.DEMO_EMAIL_DOMAIN}"
        is_admin = entry["role"] == "administrator"
        user, _ = seeder.upsert(
            User,
            {"username": entry["username"]},
            {
                # The project's convention (tests/factories.py): last_name is the family name.
                "first_name": entry["given_names"],
                "last_name": entry["family_name"],
                "email": email,
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
            on_create=password_once,
        )
        seeder.upsert(
            Person,
            {"user": user},
            {
                "full_name": f"{entry['family_name']} {entry['given_names']}",
                "position": entry["position"],
                "organization": orgs[entry["organization"]],
                "sex": entry["sex"],
                "email": email,
            },
        )
        membership, _ = seeder.upsert(
            Membership,
            {
                "user": user,
                "organization": orgs[entry["role_organization"]],
                "role": entry["role"],
            },
            {},
        )
        memberships.append(membership)
    return memberships


def load_all(seeder: Seeder) -> list[Membership]:
    award_forms = load_award_forms(seeder)
    load_base_salaries(seeder)
    documents = load_legal_documents(seeder)
    orgs = load_organizations(seeder)
    for entry in seed_data.CAMPAIGNS:
        load_campaign(seeder, entry, orgs, documents, award_forms)
    return load_demo_users(seeder, orgs)


# --- The command ---------------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: danh mục (hình thức khen thưởng, lương cơ sở, văn bản pháp lý), "
        "cơ cấu tổ chức Lạng Sơn và Hà Nam, hai kế hoạch mẫu và các tài khoản dùng thử. "
        "Chạy lại nhiều lần không thay đổi gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet", action="store_true", help="Không in bảng tài khoản dùng thử."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help=(
                "Đưa các bản ghi đã có về đúng giá trị mẫu (mặc định chỉ tạo bản ghi còn thiếu, "
                "giữ nguyên mọi chỉnh sửa). Không đổi mật khẩu, không xóa gì."
            ),
        )

    def handle(self, *args, quiet=False, update=False, **options):
        quiet = quiet or options.get("verbosity", 1) == 0
        seeder = Seeder(update=update)
        with transaction.atomic():
            memberships = load_all(seeder)

        if not settings.DEBUG and seeder.created.get(get_user_model()._meta.label):
            self.stderr.write(
                "Cảnh báo: đã tạo tài khoản dùng thử với mật khẩu công khai trên một hệ thống "
                "không ở chế độ DEBUG. Hãy khóa hoặc xóa các tài khoản này nếu đây là môi "
                "trường thật."
            )
        if quiet:
            return
        self.stdout.write(
            f"Dữ liệu mẫu: {seeder.total_created} bản ghi tạo mới, "
            f"{seeder.total_updated} bản ghi cập nhật."
        )
        self.stdout.write("")
        self.stdout.write(self._logins_table(memberships))

    def _logins_table(self, memberships: list[Membership]) -> str:
        header = ("Tên đăng nhập", "Vai trò", "Đơn vị", "Mật khẩu")
        rows = []
        for membership in memberships:
            org = membership.organization
            where = org.name
            if org.place_name and org.place_name not in where:
                where = f"{where} ({org.place_name})"
            rows.append(
                (
                    membership.user.username,
                    seed_data.ROLE_LABELS.get(membership.role, membership.role),
                    where,
                    DEMO_PASSWORD,
                )
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            return "  ".join(
                cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
            ).rstrip()

        out = [
            "Tài khoản dùng thử (mật khẩu đặt khi tạo tài khoản):",
            line(header),
            line(["-" * w for w in widths]),
        ]
        out.extend(line(row) for row in rows)
        return "\n".join(out)
