"""The province-scale data set of DESIGN §5, for the dashboards' benchmark.

`build(ScaleConfig(...))` writes, into whatever database is configured, a province of its own
("UBND tỉnh Mẫu (quy mô)" → one Sở → N units) with a published campaign, key projects, tasks,
indicators, monthly periods and a full reporting history: one report per unit and period, values
for every indicator the unit had then, a few late, returned or missing reports at the end, and
obstacles raised along the way. `reset()` deletes that tree again, and only that tree. Apps
above campaign add their part through `build(extensions=…)` and `reset(before=…)`: awards.scale
adds the nominations, the council and the registry, and `manage.py seed_scale` lives in awards.

Deterministic: everything is drawn from one `random.Random(seed)` in a fixed order and every
date is fixed (the campaign runs from 1 January of FIRST_YEAR; nothing depends on today), so the
same seed and sizes give the same figures on any database, on any day. Primary keys differ.

Fast: rows are built in Python and written with bulk inserts, unit by unit in chunks so memory
stays bounded; none of the per-report services run (they check, lock and audit each report,
which is right for a person and far too slow for 14,000 reports). The only audit records are
one summary event per build or reset. Bulk inserts skip the pre_save signal that stores text in
NFC: every text written here comes from this file, which is NFC itself (a test checks it).
"""

import datetime
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from units.audit import log_action
from units.models import (
    Membership,
    Organization,
    OrganizationKind,
    OrganizationName,
    Person,
    Role,
)

from . import progress_state
from .models import (
    Campaign,
    ContentItem,
    Evidence,
    Indicator,
    IndicatorState,
    IndicatorValue,
    KeyProject,
    Obstacle,
    PlanStatement,
    ProgressReport,
    Reminder,
    ReportingPeriod,
    ReportVersion,
    SubjectCategory,
    SubjectType,
    Task,
    TaskReport,
)
from .setup import period_bounds

PROVINCE_CODE = "scale-province"
DEPARTMENT_CODE = "scale-so"
USERNAME_PREFIX = "scale."
PASSWORD = "ThiDua@2025"
EMAIL_DOMAIN = "quymo.invalid"
FIRST_YEAR = 2022
DUE_DAYS = 5  # a period's report is due this many days after the period ends
BATCH_SIZE = 5000
UNITS_PER_CHUNK = 25  # reports, values, versions … are written this many units at a time


@dataclass(frozen=True)
class ScaleConfig:
    seed: int = 2025
    units: int = 300
    projects: int = 100
    tasks: int = 2000
    indicators_per_task: int = 5
    years: int = 4
    council: int = 30
    obstacles: int = 2000
    unit_logins: int = 5  # units (the first ones) whose head and staff get a login

    def errors(self) -> list[str]:
        problems = []
        if self.units < 1:
            problems.append(gettext("There must be at least one unit."))
        if self.tasks < self.units:
            problems.append(gettext("There must be at least as many tasks as units."))
        if min(self.projects, self.obstacles, self.unit_logins) < 0:
            problems.append(gettext("Projects and obstacles cannot be negative."))
        if not 1 <= self.indicators_per_task <= 50:
            problems.append(gettext("Indicators per task: from 1 to 50."))
        if not 1 <= self.years <= 20:
            problems.append(gettext("Years: from 1 to 20."))
        if self.council < 1:
            problems.append(gettext("The council needs at least its chair."))
        return problems

    @property
    def last_year(self) -> int:
        return FIRST_YEAR + self.years - 1

    @property
    def campaign_code(self) -> str:
        return f"scale-gpmb-{FIRST_YEAR}-{self.last_year}"


class ScaleExists(Exception):
    """The scale province is already in this database."""


@dataclass
class StepTiming:
    label: str
    seconds: float
    rows: int


@dataclass
class ScaleResult:
    config: ScaleConfig
    counts: Counter = field(default_factory=Counter)
    write_seconds: Counter = field(default_factory=Counter)  # time in bulk inserts, per model
    steps: list[StepTiming] = field(default_factory=list)
    seconds: float = 0.0
    campaign: Campaign | None = None


# --- Lookups --------------------------------------------------------------------------------


def scale_province() -> Organization | None:
    return Organization.objects.filter(code=PROVINCE_CODE).first()


def scale_exists() -> bool:
    return Organization.objects.filter(code=PROVINCE_CODE).exists()


def scale_campaign() -> Campaign | None:
    return (
        Campaign.objects.filter(issuing_organization__code=DEPARTMENT_CODE)
        .order_by("-start_date", "pk")
        .first()
    )


# --- Text pools: stored data, written in the language of the documents ---------------------

# fmt: off
_PLACE_FIRST = (
    "Tân", "Hòa", "Bình", "An", "Phú", "Thạnh", "Vĩnh", "Long", "Đông", "Tây", "Nam", "Bắc",
    "Hưng", "Thành", "Quang", "Minh", "Hồng", "Kim", "Xuân", "Thuận", "Hợp", "Đồng", "Yên",
    "Phúc", "Lạc", "Mỹ", "Hiệp", "Trung", "Thượng", "Hạ", "Cao", "Đại", "Tiên", "Hải", "Sơn",
    "Vân", "Châu",
)
_PLACE_SECOND = (
    "Lập", "Thành", "Phong", "Hòa", "Tiến", "Lợi", "Sơn", "Hưng", "Thịnh", "Bình", "Khánh", "Lộc",
    "Phát", "An", "Mỹ", "Long", "Điền", "Thủy", "Lâm", "Xuân", "Đức", "Nghĩa", "Trường", "Tân",
    "Quý",
)
_FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Hà", "Đinh", "Lương", "Nông",
)
_GIVEN_MALE = (
    "Văn An", "Văn Dũng", "Quang Huy", "Đức Mạnh", "Hoàng Nam", "Văn Tuấn", "Minh Đức",
    "Thanh Sơn", "Văn Hải", "Quốc Khánh", "Trung Kiên", "Văn Thắng", "Hữu Phước", "Ngọc Long",
)
_GIVEN_FEMALE = (
    "Thị Bình", "Thị Hoa", "Thu Trang", "Ngọc Anh", "Thị Lan", "Minh Châu", "Thị Hương",
    "Thanh Mai", "Thị Thảo", "Phương Linh", "Thị Yến", "Hồng Nhung",
)
# fmt: on
_DEPARTMENT_DIVISIONS = (
    "Văn phòng Sở",
    "Phòng Quản lý đất đai",
    "Phòng Kế hoạch – Tài chính",
    "Phòng Đo đạc, bản đồ và Viễn thám",
    "Thanh tra Sở",
    "Văn phòng Đăng ký đất đai",
    "Trung tâm Phát triển quỹ đất",
    "Trung tâm Công nghệ thông tin tài nguyên và môi trường",
)
_DISTRICT_DIVISIONS = (
    "Trung tâm Phát triển quỹ đất huyện {d}",
    "Chi nhánh Văn phòng Đăng ký đất đai huyện {d}",
    "Phòng Tài nguyên và Môi trường huyện {d}",
    "Ban Quản lý dự án đầu tư xây dựng huyện {d}",
)
_COUNCIL_POSITIONS = (
    "Phó Giám đốc Sở",
    "Phó Giám đốc Sở",
    "Chánh Văn phòng Sở",
    "Chánh Thanh tra Sở",
    "Trưởng phòng Quản lý đất đai",
    "Trưởng phòng Kế hoạch – Tài chính",
    "Chủ tịch Công đoàn Sở",
    "Bí thư Đoàn Thanh niên Sở",
    "Giám đốc Trung tâm Phát triển quỹ đất",
    "Giám đốc Văn phòng Đăng ký đất đai",
)
_CONTENT_ITEMS = (
    "Tuyên truyền, vận động Nhân dân chấp hành chính sách bồi thường, hỗ trợ, tái định cư khi "
    "Nhà nước thu hồi đất.",
    "Đẩy nhanh công tác kiểm đếm, lập, thẩm định và phê duyệt phương án bồi thường, hỗ trợ, "
    "tái định cư.",
    "Tháo gỡ khó khăn, vướng mắc trong công tác giải phóng mặt bằng; tổng hợp, đề xuất UBND "
    "tỉnh giải quyết các nội dung vượt thẩm quyền.",
    "Chi trả tiền bồi thường, hỗ trợ kịp thời, đúng quy định; bố trí tái định cư cho các hộ "
    "bị thu hồi đất ở.",
    "Bàn giao mặt bằng sạch cho chủ đầu tư đúng tiến độ các dự án trọng điểm.",
)
# Task titles by content item; "{p}" is the project's name, or the unit's area without one.
_TASK_TITLES = {
    1: ("Tuyên truyền, đối thoại với người dân bị ảnh hưởng {p}",),
    2: ("Kiểm đếm, lập phương án bồi thường {p}", "Thẩm định, phê duyệt phương án bồi thường {p}"),
    3: ("Giải quyết vướng mắc, kiến nghị trong giải phóng mặt bằng {p}",),
    4: ("Chi trả tiền bồi thường, hỗ trợ {p}", "Bố trí tái định cư cho các hộ {p}"),
    5: ("Bàn giao mặt bằng sạch {p}", "Cưỡng chế, thu hồi đất theo quy định {p}"),
}
_CONTENT_WEIGHTS = (1, 3, 1, 3, 2)
_PROJECT_KINDS = (
    "Đường cao tốc {a} – {b} (đoạn qua tỉnh Mẫu)",
    "Khu đô thị mới {a}",
    "Cụm công nghiệp {a}",
    "Khu tái định cư {a}",
    "Nâng cấp, mở rộng Quốc lộ {n} đoạn qua huyện {a}",
    "Hồ chứa nước {a}",
    "Khu công nghiệp {a} giai đoạn {k}",
    "Đường vành đai phía {dir} thành phố Mẫu",
    "Trạm biến áp 110kV {a} và nhánh rẽ",
    "Khu dân cư {a} – {b}",
)
_INVESTORS = (
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Mẫu",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Mẫu",
    "Công ty cổ phần Đầu tư phát triển {a}",
    "UBND huyện {a}",
    "Tổng công ty Truyền tải điện Quốc gia",
)
_DIRECTIONS = ("Bắc", "Nam", "Đông", "Tây")


@dataclass(frozen=True)
class _IndicatorKind:
    name: str
    unit: str
    kind: str
    low: float
    high: float
    places: int  # decimals stored for the values
    target_places: int  # decimals of the (round) target


CUM, PER = Indicator.Kind.CUMULATIVE, Indicator.Kind.PER_PERIOD
_INDICATORS = (
    _IndicatorKind("Diện tích đất đã thu hồi", "ha", CUM, 5, 250, 2, 1),
    _IndicatorKind("Số hộ đã kiểm đếm", "hộ", CUM, 20, 900, 0, 0),
    _IndicatorKind("Số hồ sơ bồi thường đã thẩm định", "hồ sơ", CUM, 20, 900, 0, 0),
    _IndicatorKind("Kinh phí bồi thường, hỗ trợ đã chi trả", "tỷ đồng", CUM, 2, 600, 3, 1),
    _IndicatorKind("Số hộ đã bàn giao mặt bằng", "hộ", CUM, 20, 900, 0, 0),
    _IndicatorKind("Diện tích mặt bằng đã bàn giao cho chủ đầu tư", "ha", CUM, 5, 250, 2, 1),
    _IndicatorKind("Số lô tái định cư đã bố trí", "lô", CUM, 5, 300, 0, 0),
    _IndicatorKind("Số buổi tuyên truyền, đối thoại với Nhân dân", "buổi", PER, 24, 200, 0, 0),
    _IndicatorKind("Số hồ sơ tiếp nhận, giải quyết trong kỳ", "hồ sơ", PER, 50, 1500, 0, 0),
    _IndicatorKind("Số đơn thư, kiến nghị đã giải quyết", "đơn", PER, 10, 200, 0, 0),
)
_REPORT_NOTES = (
    "Trong tháng {p}, đơn vị tiếp tục triển khai các nhiệm vụ giải phóng mặt bằng theo kế hoạch.",
    "Tháng {p}: đã kiểm đếm, niêm yết công khai phương án bồi thường; phối hợp chủ đầu tư chi "
    "trả tiền bồi thường cho các hộ.",
    "Tiến độ tháng {p} cơ bản đạt yêu cầu; một số hộ chưa đồng thuận với đơn giá bồi thường, "
    "đơn vị đang tiếp tục vận động.",
    "Tháng {p}: tập trung giải quyết đơn thư, kiến nghị của người dân; đẩy nhanh bàn giao "
    "mặt bằng.",
)
_DONE_TEXTS = (
    "Tiếp tục kiểm đếm đất đai, tài sản trên đất; lập phương án bồi thường.",
    "Niêm yết công khai dự thảo phương án bồi thường, hỗ trợ, tái định cư; lấy ý kiến người dân.",
    "Phối hợp chủ đầu tư chi trả tiền bồi thường cho các hộ đã có quyết định phê duyệt.",
    "Vận động các hộ chưa đồng thuận bàn giao mặt bằng.",
    "Bàn giao mặt bằng sạch cho chủ đầu tư theo tiến độ.",
    "Thẩm định, trình phê duyệt phương án bồi thường, hỗ trợ, tái định cư.",
)
_NOTHING_NEW = "Không phát sinh khối lượng mới trong kỳ."
_RETURN_COMMENTS = (
    "Số liệu diện tích đã thu hồi chưa khớp với biên bản bàn giao, đề nghị rà soát lại.",
    "Đề nghị bổ sung minh chứng chi trả tiền bồi thường trong kỳ.",
    "Báo cáo chưa nêu rõ nguyên nhân chậm tiến độ, đề nghị bổ sung.",
    "Số hộ đã bàn giao mặt bằng lớn hơn số hộ đã nhận tiền bồi thường, đề nghị kiểm tra lại.",
)
_OBSTACLES = (
    (
        "Một số hộ chưa đồng thuận với đơn giá bồi thường về đất, đề nghị điều chỉnh giá đất.",
        True,
    ),
    ("Chưa xác định được nguồn gốc đất của một số thửa do hồ sơ địa chính không đầy đủ.", False),
    ("Khu tái định cư chưa hoàn thành hạ tầng, chưa đủ điều kiện bố trí tái định cư.", True),
    ("Chủ đầu tư chưa bố trí đủ kinh phí chi trả tiền bồi thường.", True),
    ("Vướng mắc di dời công trình điện, viễn thông trong phạm vi giải phóng mặt bằng.", True),
    ("Một số hộ có đơn khiếu nại về kết quả kiểm đếm.", False),
    ("Mồ mả trong phạm vi dự án chưa được di dời do chưa có nghĩa trang tập trung.", True),
    ("Thiếu cán bộ chuyên môn thực hiện kiểm đếm, lập hồ sơ bồi thường.", False),
    ("Hộ gia đình vắng mặt tại địa phương, chưa liên hệ được để kiểm đếm.", False),
    ("Chưa có quy định hỗ trợ đối với đất nông nghiệp công ích do UBND xã quản lý.", True),
    ("Ranh giới thu hồi đất chưa thống nhất giữa bản đồ địa chính và hồ sơ thiết kế.", False),
    ("Điều chỉnh quy hoạch sử dụng đất của dự án chưa được phê duyệt.", True),
)
_BEYOND_PROPOSAL = "Đề nghị UBND tỉnh xem xét, chỉ đạo tháo gỡ."
_RESOLVED_NOTE = "Đã phối hợp UBND xã và chủ đầu tư giải quyết dứt điểm."
_ESCALATED_NOTE = "Đã tổng hợp, báo cáo UBND tỉnh xem xét, chỉ đạo."
_PROVINCE_RESOLVED_NOTE = "UBND tỉnh đã có văn bản chỉ đạo tháo gỡ; đơn vị đã triển khai."
_HANDLING_NOTE = "Văn phòng Sở đang phối hợp với đơn vị xử lý."

# How units keep to their schedule: (profile, share of units, chance a report is late,
# obstacle weight). Each task follows its unit's profile, one in five follows another.
_PROFILES = (
    ("on_track", 0.50, 0.06, 0.8),
    ("ahead", 0.15, 0.03, 0.4),
    ("behind", 0.22, 0.20, 1.6),
    ("stalled", 0.13, 0.25, 1.8),
)
_PROFILE_LATE = {name: late for name, _share, late, _w in _PROFILES}
_PROFILE_OBSTACLES = {name: weight for name, _share, _late, weight in _PROFILES}
# Fates of the last two periods' reports (the earlier ones are all accepted).
_FATES_BEFORE_LAST = (
    ("accepted", 70),
    ("submitted", 12),
    ("returned", 6),
    ("draft", 5),
    ("missing", 7),
)
_FATES_LAST = (
    ("accepted", 25),
    ("submitted", 35),
    ("returned", 10),
    ("draft", 15),
    ("missing", 15),
)
# The latest report of the units with logins (scale.canbo1 has a draft to finish, …).
_LOGIN_FATES = ("draft", "returned", "missing", "submitted", "accepted")
RETURNED_ONCE_RATE = 0.04  # accepted at the second version


# --- Small helpers --------------------------------------------------------------------------


_STEEPNESS = 4.0


def _s_curve(x: float) -> float:
    """Slow start, fast middle, slow end; 0 → 0 and 1 → 1."""
    x = min(max(x, 0.0), 1.0)
    low, high = 1 / (1 + math.exp(_STEEPNESS / 2)), 1 / (1 + math.exp(-_STEEPNESS / 2))
    return (1 / (1 + math.exp(-_STEEPNESS * (x - 0.5))) - low) / (high - low)


def _decimal(value: float, places: int) -> Decimal:
    if places == 0:
        return Decimal(int(round(value)))
    return Decimal(int(round(value * 10**places))).scaleb(-places)


def _month_end(day: datetime.date) -> datetime.date:
    return _add_months(day, 1) - datetime.timedelta(days=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _weighted(rng: random.Random, choices) -> str:
    total = sum(weight for _name, weight in choices)
    pick = rng.random() * total
    for name, weight in choices:
        pick -= weight
        if pick < 0:
            return name
    return choices[-1][0]


def _place_names(rng: random.Random, count: int) -> list[str]:
    pool = [f"{a} {b}" for a in _PLACE_FIRST for b in _PLACE_SECOND if a != b]
    rng.shuffle(pool)
    names = pool[:count]
    round_ = 2
    while len(names) < count:  # more places than the pool: "Tân Lập 2", …
        names += [f"{name} {round_}" for name in pool[: count - len(names)]]
        round_ += 1
    return names


def _person_name(rng: random.Random) -> tuple[str, str, str]:
    """(family name, given names, sex)."""
    family = rng.choice(_FAMILY)
    if rng.random() < 0.45:
        return family, rng.choice(_GIVEN_FEMALE), Person.Sex.FEMALE
    return family, rng.choice(_GIVEN_MALE), Person.Sex.MALE


# --- The build ------------------------------------------------------------------------------


@dataclass
class _UnitPlan:
    index: int
    org: Organization
    profile: str
    tasks: list = field(default_factory=list)  # [_TaskPlan]
    staff: object = None
    head: object = None


@dataclass
class _TaskPlan:
    index: int
    task: Task
    profile: str
    indicators: list = field(default_factory=list)  # [(Indicator, _IndicatorKind)]


class _Builder:
    def __init__(
        self,
        config: ScaleConfig,
        log: Callable[[StepTiming], None] | None,
        extensions: Sequence[Callable[["_Builder"], None]] = (),
    ):
        self.config = config
        self.rng = random.Random(config.seed)
        self.result = ScaleResult(config=config)
        self.log = log
        self.tz = timezone.get_default_timezone()
        self.extensions = tuple(extensions)
        self.analysed_tables: list[str] = []  # extensions add their big tables for ANALYZE

    # --- bookkeeping ---------------------------------------------------------------------

    def step(self, label, started: float, rows: int) -> None:
        timing = StepTiming(str(label), time.perf_counter() - started, rows)
        self.result.steps.append(timing)
        if self.log:
            self.log(timing)

    def insert(self, model, objects, batch_size: int = BATCH_SIZE):
        started = time.perf_counter()
        created = model.objects.bulk_create(objects, batch_size=batch_size)
        self.result.counts[model._meta.label] += len(objects)
        self.result.write_seconds[model._meta.label] += time.perf_counter() - started
        return created

    def at(self, day: datetime.date, minutes: int = 0) -> datetime.datetime:
        """A fixed moment on `day`, counted from 08:00 local time."""
        return datetime.datetime(day.year, day.month, day.day, 8, tzinfo=self.tz) + (
            datetime.timedelta(minutes=minutes)
        )

    # --- steps ---------------------------------------------------------------------------

    def run(self) -> ScaleResult:
        started = time.perf_counter()
        with transaction.atomic():
            self.organizations()
            self.logins()
            self.campaign_and_plan()
            self.key_projects()
            self.tasks_and_indicators()
            self.periods()
            self.progress()
            t = time.perf_counter()
            states = progress_state.refresh_campaign(self.campaign.pk)
            self.step(_("Progress at each period (pre-aggregated)"), t, states)
            # Apps above campaign (awards) add their part here, drawing from `self.rng`
            # after everything above so that the progress figures keep their values.
            for extension in self.extensions:
                extension(self)
            t = time.perf_counter()
            log_action(
                "campaign.scale.seeded",
                None,
                self.campaign,
                {
                    "config": asdict(self.config),
                    "rows": dict(sorted(self.result.counts.items())),
                },
                organization=self.department,
            )
            self.step(_("Audit record"), t, 1)
        if connection.vendor == "postgresql":
            # Fresh tables have no planner statistics until autovacuum passes: without them the
            # first dashboards after a build are planned as if the tables were empty.
            t = time.perf_counter()
            analysed = (Organization, KeyProject, Task, Indicator, ReportingPeriod, ProgressReport)
            analysed += (IndicatorValue, IndicatorState, TaskReport, ReportVersion, Obstacle)
            tables = [model._meta.db_table for model in analysed] + self.analysed_tables
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(tables))
            self.step(_("Planner statistics (ANALYZE)"), t, 0)
        self.result.seconds = time.perf_counter() - started
        self.result.campaign = self.campaign
        return self.result

    def organizations(self) -> None:
        t = time.perf_counter()
        config, rng = self.config, self.rng
        founded = datetime.date(2000, 1, 1)
        province = Organization(
            code=PROVINCE_CODE,
            kind=OrganizationKind.PROVINCE,
            name="UBND tỉnh Mẫu (quy mô)",
            abbreviation="UBND",
            place_name="Mẫu",
        )
        province.save()
        department = Organization(
            code=DEPARTMENT_CODE,
            parent=province,
            kind=OrganizationKind.DEPARTMENT,
            name="Sở Tài nguyên và Môi trường tỉnh Mẫu (quy mô)",
            abbreviation="SMAU",
            place_name="Mẫu",
        )
        department.save()
        self.province, self.department = province, department

        divisions = max(1, round(config.units * 0.12)) if config.units > 1 else config.units
        districts = math.ceil(max(divisions - len(_DEPARTMENT_DIVISIONS), 0) / 4)
        places = _place_names(rng, districts + 2 * config.units)
        district_names, places = places[:districts], places[districts:]
        division_names = list(_DEPARTMENT_DIVISIONS)
        for district in district_names:
            division_names += [pattern.format(d=district) for pattern in _DISTRICT_DIVISIONS]
        width = max(3, len(str(config.units)))
        # Communes merged in the middle of the last year keep their earlier name on record.
        renamed_on = datetime.date(config.last_year, 7, 1)
        units, names, old_names = [], [], {}
        for i in range(config.units):
            number = f"{i + 1:0{width}d}"
            if i < divisions:
                kind, name, abbreviation = (
                    OrganizationKind.DIVISION,
                    division_names[i],
                    f"DV{number}",
                )
            else:
                level = _weighted(rng, (("xã", 80), ("phường", 15), ("thị trấn", 5)))
                kind, name, abbreviation = (
                    OrganizationKind.COMMUNE,
                    f"UBND {level} {places[i]}",
                    f"XA{number}",
                )
                if rng.random() < 0.08:
                    old_names[i] = f"UBND {level} {places[config.units + i]}"
            units.append(
                Organization(
                    code=f"scale-u{number}",
                    parent=department,
                    kind=kind,
                    name=name,
                    abbreviation=abbreviation,
                    place_name="Mẫu",
                )
            )
        self.insert(Organization, units)
        for org in units:  # bulk inserts skip Organization.save(), which sets the path
            org.path = f"{department.path}{org.pk:06d}/"
        Organization.objects.bulk_update(units, ["path"], batch_size=BATCH_SIZE)
        self.result.counts[Organization._meta.label] += 2
        for i, org in enumerate([province, department, *units]):
            unit_index = i - 2
            if unit_index in old_names:
                names.append(
                    OrganizationName(
                        organization=org,
                        name=old_names[unit_index],
                        abbreviation=org.abbreviation,
                        valid_from=founded,
                        valid_to=renamed_on - datetime.timedelta(days=1),
                    )
                )
                valid_from = renamed_on
            else:
                valid_from = founded
            names.append(
                OrganizationName(
                    organization=org,
                    name=org.name,
                    abbreviation=org.abbreviation,
                    valid_from=valid_from,
                )
            )
        self.insert(OrganizationName, names)
        self.units = [_UnitPlan(index=i, org=org, profile="") for i, org in enumerate(units)]
        self.place_names = district_names + places[divisions : config.units] or ["Mẫu"]
        self.step(_("Organizations and name history"), t, len(units) + 2 + len(names))

    def logins(self) -> None:
        t = time.perf_counter()
        config, rng = self.config, self.rng
        User = get_user_model()
        password = make_password(PASSWORD)  # one hash: hashing is deliberately slow
        # (username, organization, role, position)
        wanted = [
            (
                f"{USERNAME_PREFIX}vanphong",
                self.department,
                Role.SECRETARIAT,
                "Chuyên viên Văn phòng Sở",
            )
        ]
        for i, unit in enumerate(self.units[: config.unit_logins], start=1):
            wanted.append((f"{USERNAME_PREFIX}canbo{i}", unit.org, Role.UNIT_STAFF, "Chuyên viên"))
            wanted.append(
                (f"{USERNAME_PREFIX}lanhdao{i}", unit.org, Role.UNIT_HEAD, "Trưởng đơn vị")
            )
        for j in range(1, config.council + 1):
            if j == 1:
                role, position = Role.COUNCIL_CHAIR, "Giám đốc Sở, Chủ tịch Hội đồng"
            else:
                role = Role.COUNCIL_MEMBER
                position = (
                    f"{_COUNCIL_POSITIONS[(j - 2) % len(_COUNCIL_POSITIONS)]}, Ủy viên Hội đồng"
                )
            wanted.append((f"{USERNAME_PREFIX}hoidong{j:02d}", self.department, role, position))
        joined = self.at(datetime.date(FIRST_YEAR - 1, 12, 1))
        users, people, memberships = [], [], []
        for username, org, role, position in wanted:
            family, given, sex = _person_name(rng)
            email = f"{username}@{EMAIL_DOMAIN}"
            user = User(
                username=username,
                first_name=given,
                last_name=family,  # the project's convention: last_name is the family name
                email=email,
                password=password,
                is_active=True,
                date_joined=joined,
            )
            users.append(user)
            people.append(
                Person(
                    full_name=f"{family} {given}",
                    position=position,
                    organization=org,
                    user=user,
                    sex=sex,
                    email=email,
                )
            )
            memberships.append(Membership(user=user, organization=org, role=role))
        self.insert(User, users)
        for person, membership, user in zip(people, memberships, users, strict=True):
            person.user_id = membership.user_id = user.pk
        self.insert(Person, people)
        self.insert(Membership, memberships)
        by_name = {user.username: user for user in users}
        self.secretariat = by_name[f"{USERNAME_PREFIX}vanphong"]
        for i, unit in enumerate(self.units[: config.unit_logins], start=1):
            unit.staff = by_name[f"{USERNAME_PREFIX}canbo{i}"]
            unit.head = by_name[f"{USERNAME_PREFIX}lanhdao{i}"]
        self.step(_("Logins, people and roles"), t, len(users) * 3)

    def campaign_and_plan(self) -> None:
        t = time.perf_counter()
        config = self.config
        start = datetime.date(FIRST_YEAR, 1, 1)
        end = datetime.date(config.last_year, 12, 31)
        span = f"{FIRST_YEAR}–{config.last_year}" if config.years > 1 else str(FIRST_YEAR)
        campaign = Campaign(
            code=config.campaign_code,
            status=Campaign.Status.PUBLISHED,
            issuing_organization=self.department,
            parent_body_name="UBND TỈNH MẪU",
            doc_number="15",
            place_name="Mẫu",
            issued_day=28,
            issued_month=12,
            issued_year=FIRST_YEAR - 1,
            summary=(
                "Về việc phát động Phong trào thi đua “Đẩy nhanh tiến độ giải phóng mặt bằng "
                f"các dự án trọng điểm” giai đoạn {span}"
            ),
            name=(
                "Đẩy nhanh tiến độ giải phóng mặt bằng các dự án trọng điểm giai đoạn "
                f"{span} (dữ liệu quy mô)"
            ),
            introduction=(
                "Kế hoạch mẫu của bộ dữ liệu quy mô tỉnh, dùng để đo thời gian phản hồi của "
                "các màn hình theo dõi."
            ),
            content_intro="Phong trào thi đua tập trung vào các nội dung sau:",
            start_date=start,
            end_date=end,
            timeline_text=f"Từ ngày 01/01/{FIRST_YEAR} đến hết ngày 31/12/{config.last_year}.",
            annual_reviews=True,
            final_review_year=config.last_year,
            final_review_quarter=4,
            signer_authority="KT. GIÁM ĐỐC",
            signer_title="PHÓ GIÁM ĐỐC",
            signer_name="Nguyễn Văn Mẫu",
            published_at=self.at(datetime.date(FIRST_YEAR - 1, 12, 28), 120),
            created_at=self.at(datetime.date(FIRST_YEAR - 1, 12, 20)),
        )
        campaign.save()
        self.campaign = campaign
        statements = [
            PlanStatement(campaign=campaign, kind=kind, order=order, text=text)
            for kind, texts in (
                (
                    PlanStatement.Kind.PURPOSE,
                    (
                        "Tạo khí thế thi đua sôi nổi, hoàn thành công tác giải phóng mặt bằng "
                        "các dự án trọng điểm đúng tiến độ.",
                        "Kịp thời phát hiện, biểu dương, khen thưởng các tập thể, cá nhân có "
                        "thành tích xuất sắc.",
                    ),
                ),
                (
                    PlanStatement.Kind.REQUIREMENT,
                    ("Nội dung thi đua thiết thực, có chỉ tiêu cụ thể, đo lường được.",),
                ),
                (
                    PlanStatement.Kind.SOLUTION,
                    ("Báo cáo tiến độ hằng tháng; Văn phòng Sở theo dõi, đôn đốc.",),
                ),
                (PlanStatement.Kind.RECIPIENT, ("Như trên;", "Lưu: VT, VP.")),
            )
            for order, text in enumerate(texts, start=1)
        ]
        self.insert(PlanStatement, statements)
        self.content_items = self.insert(
            ContentItem,
            [
                ContentItem(campaign=campaign, number=number, text=text)
                for number, text in enumerate(_CONTENT_ITEMS, start=1)
            ],
        )
        subjects = [
            SubjectCategory(campaign=campaign, order=order, subject_type=subject_type, label=label)
            for order, (subject_type, label) in enumerate(
                (
                    (SubjectType.COLLECTIVE, "Tập thể"),
                    (SubjectType.INDIVIDUAL, "Cá nhân"),
                    (SubjectType.HOUSEHOLD, "Hộ gia đình"),
                ),
                start=1,
            )
        ]
        self.insert(SubjectCategory, subjects)
        self.result.counts[Campaign._meta.label] += 1
        self.step(_("Campaign and plan"), t, 1 + len(statements) + 5 + len(subjects))

    def key_projects(self) -> None:
        t = time.perf_counter()
        config, rng = self.config, self.rng
        start, end = self.campaign.start_date, self.campaign.end_date
        months = config.years * 12
        places = self.place_names
        projects = []
        for k in range(config.projects):
            a, b = rng.choice(places), rng.choice(places)
            name = _PROJECT_KINDS[k % len(_PROJECT_KINDS)].format(
                a=a, b=b, n=rng.randint(1, 99), k=rng.randint(1, 3), dir=rng.choice(_DIRECTIONS)
            )
            size = rng.lognormvariate(0, 0.8)
            households = int(40 * size) + rng.randint(5, 60)
            projects.append(
                KeyProject(
                    organization=self.department,
                    code=f"scale-da-{k + 1:03d}",
                    name=name,
                    investor=rng.choice(_INVESTORS).format(a=a),
                    location=f"{rng.choice(places)}, tỉnh Mẫu",
                    land_area_ha=_decimal(8 * size + rng.uniform(1, 20), 2),
                    affected_households=households,
                    affected_organizations=rng.randint(0, 12),
                    compensation_estimate=_decimal(households * rng.uniform(0.3, 1.2), 3),
                    resettlement_lots=int(households * rng.uniform(0.1, 0.6)),
                    handover_deadline=min(
                        _month_end(_add_months(start, rng.randint(6, months))), end
                    ),
                )
            )
        self.projects = self.insert(KeyProject, projects)
        self.step(_("Key projects"), t, len(projects))

    def tasks_and_indicators(self) -> None:
        t = time.perf_counter()
        config, rng = self.config, self.rng
        start, end = self.campaign.start_date, self.campaign.end_date
        months = config.years * 12
        names, weights = [p[0] for p in _PROFILES], [p[1] for p in _PROFILES]
        for unit in self.units:
            unit.profile = rng.choices(names, weights)[0]
        # Every unit has a task; the others go to units of uneven load.
        load = [rng.lognormvariate(0, 0.5) for _ in self.units]
        owners = list(range(len(self.units)))
        owners += rng.choices(range(len(self.units)), load, k=config.tasks - len(self.units))
        owners.sort()
        plans, tasks = [], []
        for unit_index in owners:
            unit = self.units[unit_index]
            item = rng.choices(range(5), _CONTENT_WEIGHTS)[0]
            project = (
                self.projects[rng.randrange(len(self.projects))]
                if self.projects and rng.random() < 0.75
                else None
            )
            if project:
                target = f"dự án {project.name}"
            elif unit.org.kind == OrganizationKind.COMMUNE:
                target = f"các dự án trên địa bàn {unit.org.name.removeprefix('UBND ')}"
            else:
                target = "các dự án được giao"
            title = rng.choice(_TASK_TITLES[item + 1]).format(p=target)[:300]
            if rng.random() < 0.85:  # assigned with the plan
                task_start = start
            else:  # assigned later, in the first year or so
                task_start = _add_months(start, rng.randint(1, max(1, min(months // 2, 15))))
            if rng.random() < 0.6:
                deadline = end
            else:
                # At least six months of work, ending at the end of a month.
                earliest = (task_start.year - start.year) * 12 + task_start.month + 5
                offset = rng.randint(min(earliest, months - 1), months - 1)
                deadline = max(min(_month_end(_add_months(start, offset)), end), task_start)
            profile = unit.profile if rng.random() < 0.8 else rng.choices(names, weights)[0]
            task = Task(
                campaign=self.campaign,
                content_item=self.content_items[item],
                unit=unit.org,
                project=project,
                title=title,
                start_date=task_start,
                deadline=deadline,
            )
            tasks.append(task)
            plan = _TaskPlan(index=len(plans), task=task, profile=profile)
            plans.append(plan)
            unit.tasks.append(plan)
        self.insert(Task, tasks)
        indicators = []
        count = config.indicators_per_task
        cumulative = [k for k in _INDICATORS if k.kind == CUM]
        per_period = [k for k in _INDICATORS if k.kind == PER]
        for plan in plans:
            size = rng.lognormvariate(0, 0.6)
            picked = rng.sample(cumulative, min(len(cumulative), count - (count >= 3)))
            if count >= 3:
                picked.append(rng.choice(per_period))
            while len(picked) < count:  # more indicators than kinds: the same kind again
                picked.append(rng.choice(_INDICATORS))
            seen: Counter = Counter()
            for order, kind in enumerate(picked, start=1):
                seen[kind.name] += 1
                name = (
                    kind.name
                    if seen[kind.name] == 1
                    else f"{kind.name} (hạng mục {seen[kind.name]})"
                )
                value = min(
                    max(rng.uniform(kind.low, kind.high) * size / 2, kind.low), kind.high * 2
                )
                indicator = Indicator(
                    task=plan.task,
                    order=order,
                    name=name,
                    unit_of_measure=kind.unit,
                    target=_decimal(value, kind.target_places),
                    kind=kind.kind,
                )
                indicators.append(indicator)
                plan.indicators.append((indicator, kind))
        self.insert(Indicator, indicators)
        self.step(_("Tasks and indicators"), t, len(tasks) + len(indicators))

    def periods(self) -> None:
        t = time.perf_counter()
        due = datetime.timedelta(days=DUE_DAYS)
        self.period_list = self.insert(
            ReportingPeriod,
            [
                ReportingPeriod(
                    campaign=self.campaign,
                    frequency=ReportingPeriod.Frequency.MONTHLY,
                    year=year,
                    number=number,
                    start_date=first,
                    end_date=last,
                    due_date=last + due,
                )
                for year, number, first, last in period_bounds(
                    self.campaign, ReportingPeriod.Frequency.MONTHLY
                )
            ],
        )
        self.step(_("Reporting periods"), t, len(self.period_list))

    # --- the reporting history ---------------------------------------------------------------

    def series(self, plan: _TaskPlan) -> list[list]:
        """For each indicator of the task, its value in each period (None before the task was
        assigned). Cumulative values follow an S-curve and never decrease."""
        rng, task = self.rng, plan.task
        span = max((task.deadline - task.start_date).days, 1)
        profile = plan.profile
        # Units on schedule plan to finish a little before the deadline (a straight-line
        # projection of an S-curve's slow start would otherwise call most of them at risk).
        speed = rng.uniform(1.25, 1.6) if profile == "ahead" else rng.gauss(1.1, 0.04)
        final = {
            "on_track": rng.uniform(0.98, 1.04),
            "ahead": rng.uniform(1.0, 1.08),
            "behind": rng.uniform(0.55, 0.85),
            "stalled": rng.uniform(0.95, 1.02),
        }[profile]
        stall_at = rng.uniform(0.25, 0.6) if profile == "stalled" else None
        active_months = max(span / 30.4, 1.0)
        result = []
        for indicator, kind in plan.indicators:
            target = float(indicator.target)
            lag = rng.uniform(-0.04, 0.1)  # money and hand-over trail the counting
            share = min(max(final + rng.gauss(0, 0.02), 0.3), 1.1)
            values, level = [], 0.0
            for period in self.period_list:
                if task.start_date > period.end_date:
                    values.append(None)
                    continue
                x = (period.end_date - task.start_date).days / span
                running = 0 < x <= 1 + 31 / span
                if stall_at is not None and x > stall_at:
                    x_eff, running = stall_at, running and rng.random() < 0.15
                else:
                    x_eff = x
                if kind.kind == PER:
                    mean = target * share * 1.1 / active_months if running else 0.0
                    amount = max(rng.gauss(mean, mean * 0.35), 0.0) if mean else 0.0
                    values.append(_decimal(amount, kind.places))
                    continue
                ideal = target * share * _s_curve((x_eff - lag) * speed)
                if 0 < ideal < target * share:
                    ideal *= 1 + rng.gauss(0, 0.02)
                level = max(level, ideal)
                values.append(_decimal(level, kind.places))
            result.append(values)
        return result

    def progress(self) -> None:
        config, rng = self.config, self.rng
        periods = self.period_list
        last = len(periods) - 1
        expected = len(self.units) * len(periods)
        obstacle_rate = config.obstacles / expected if expected else 0
        totals = Counter()
        generate = write = 0.0
        for chunk_start in range(0, len(self.units), UNITS_PER_CHUNK):
            t = time.perf_counter()
            chunk = self.units[chunk_start : chunk_start + UNITS_PER_CHUNK]
            planned = []  # (report, unit, period index, rows for values)
            for unit in chunk:
                unit_series = [self.series(plan) for plan in unit.tasks]
                late_rate = _PROFILE_LATE[unit.profile]
                obstacle_weight = obstacle_rate * _PROFILE_OBSTACLES[unit.profile]
                for p, period in enumerate(periods):
                    # The same number of draws for every report, whatever its fate.
                    fate_draw, late_draw, again_draw, obstacle_draw = (
                        rng.random() for _ in range(4)
                    )
                    minutes, shift, review_days = (
                        rng.randrange(9 * 60),
                        rng.randint(0, 6),
                        rng.randint(1, 4),
                    )
                    if p < last - 1:
                        fate = "accepted"
                    elif unit.index < config.unit_logins:
                        # The units with logins show each state of the latest report.
                        fate = (
                            _LOGIN_FATES[unit.index % len(_LOGIN_FATES)]
                            if p == last
                            else "accepted"
                        )
                    else:
                        fates = _FATES_LAST if p == last else _FATES_BEFORE_LAST
                        fate = _pick(fates, fate_draw)
                    if fate == "missing":
                        continue
                    report = self.report(
                        unit,
                        period,
                        fate,
                        late=late_draw < late_rate,
                        returned_once=fate == "accepted" and again_draw < RETURNED_ONCE_RATE,
                        minutes=minutes,
                        shift=shift,
                        review_days=review_days,
                    )
                    obstacle = obstacle_draw < obstacle_weight
                    planned.append((report, unit, p, unit_series, obstacle))
            generate += time.perf_counter() - t
            t = time.perf_counter()
            self.insert(ProgressReport, [item[0] for item in planned])
            write += time.perf_counter() - t
            t = time.perf_counter()
            values, task_reports, versions, obstacles = [], [], [], []
            for report, unit, p, unit_series, has_obstacle in planned:
                self.report_rows(
                    report,
                    unit,
                    p,
                    unit_series,
                    has_obstacle,
                    values,
                    task_reports,
                    versions,
                    obstacles,
                )
            generate += time.perf_counter() - t
            t = time.perf_counter()
            self.insert(IndicatorValue, values)
            self.insert(TaskReport, task_reports)
            self.insert(ReportVersion, versions, batch_size=1000)
            self.insert(Obstacle, obstacles)
            write += time.perf_counter() - t
            totals["reports"] += len(planned)
            totals["rows"] += len(planned) + len(values) + len(task_reports) + len(versions)
            totals["rows"] += len(obstacles)
        self.result.steps.append(StepTiming(str(_("Reporting history: generating")), generate, 0))
        if self.log:
            self.log(self.result.steps[-1])
        self.result.steps.append(
            StepTiming(str(_("Reporting history: writing")), write, totals["rows"])
        )
        if self.log:
            self.log(self.result.steps[-1])

    def report(self, unit, period, fate, *, late, returned_once, minutes, shift, review_days):
        day = datetime.timedelta(days=1)
        created = self.at(max(period.end_date - shift * day, period.start_date), minutes)
        # Foreign keys are set by id throughout: much faster than through the descriptors.
        report = ProgressReport(
            period_id=period.pk,
            unit_id=unit.org.pk,
            general_notes=_REPORT_NOTES[(unit.index + period.number) % len(_REPORT_NOTES)].format(
                p=f"{period.number}/{period.year}"
            ),
            created_by_id=unit.staff.pk if unit.staff else None,
            created_at=created,
        )
        if fate == "draft":
            return report
        if late:
            first = self.at(period.due_date + (1 + shift * 2) * day, minutes)
        else:
            first = max(self.at(period.due_date - shift * day, minutes), created)
        first = max(first, created + datetime.timedelta(hours=2))
        report.first_submitted_at = report.submitted_at = first
        report.submitted_by_id = unit.head.pk if unit.head else None
        report.version = 1
        if fate == "submitted":
            report.status = ProgressReport.Status.SUBMITTED
            return report
        reviewed = first + review_days * day
        report.reviewed_at, report.reviewed_by_id = reviewed, self.secretariat.pk
        if fate == "returned":
            report.status = ProgressReport.Status.RETURNED
            report.review_comment = _RETURN_COMMENTS[minutes % len(_RETURN_COMMENTS)]
            return report
        if returned_once:  # sent back once, corrected, resubmitted, then accepted
            report.version = 2
            report.submitted_at = reviewed + day
            report.reviewed_at = reviewed + (1 + review_days) * day
        report.status = ProgressReport.Status.ACCEPTED
        return report

    def report_rows(
        self, report, unit, p, unit_series, has_obstacle, values, tasks, versions, obstacles
    ):
        draft = report.status == ProgressReport.Status.DRAFT
        snapshot_values, snapshot_tasks, active = {}, {}, []
        for plan, series in zip(unit.tasks, unit_series, strict=True):
            if plan.task.start_date > self.period_list[p].end_date:
                continue  # not yet assigned in that period
            active.append(plan)
            moved = False
            for (indicator, _kind), row in zip(plan.indicators, series, strict=True):
                value = row[p]
                if draft and (p + unit.index + indicator.order) % 9 == 0:
                    value = None  # a draft the unit has not finished
                elif p and row[p - 1] is not None and value != row[p - 1]:
                    moved = True
                values.append(
                    IndicatorValue(report_id=report.pk, indicator_id=indicator.pk, value=value)
                )
                snapshot_values[str(indicator.pk)] = {
                    "value": None if value is None else f"{value:.3f}",
                    "reason": "",
                }
            done = _DONE_TEXTS[(p + plan.index) % len(_DONE_TEXTS)] if moved else _NOTHING_NEW
            task_report = TaskReport(report_id=report.pk, task_id=plan.task.pk, done_text=done)
            tasks.append(task_report)
            snapshot_tasks[str(plan.task.pk)] = {
                "done": done,
                "proposals": "",
                "completed_on": None,
            }
        raised = []
        if has_obstacle and active:
            obstacle = self.obstacle(report, unit, active, p)
            obstacles.append(obstacle)
            raised.append(
                {
                    "task": obstacle.task_id,
                    "description": obstacle.description,
                    "beyond_authority": obstacle.beyond_authority,
                }
            )
            if obstacle.beyond_authority:
                task_report = tasks[len(tasks) - len(active) + active.index(obstacle.plan)]
                task_report.proposals = _BEYOND_PROPOSAL
                snapshot_tasks[str(obstacle.task_id)]["proposals"] = _BEYOND_PROPOSAL
        if report.version:
            data = {
                "general_notes": report.general_notes,
                "values": snapshot_values,
                "tasks": snapshot_tasks,
                "obstacles": raised,
                "evidence": [],
            }
            for number in range(1, report.version + 1):
                versions.append(
                    ReportVersion(
                        report_id=report.pk,
                        number=number,
                        submitted_at=(
                            report.first_submitted_at if number == 1 else report.submitted_at
                        ),
                        submitted_by_id=report.submitted_by_id,
                        data=data,
                    )
                )

    def obstacle(self, report, unit, active, p) -> Obstacle:
        rng = self.rng
        plan = active[rng.randrange(len(active))]
        description, beyond = _OBSTACLES[rng.randrange(len(_OBSTACLES))]
        raised = report.first_submitted_at or report.created_at
        # Ages are counted from a fixed day after the campaign (never from today).
        as_of = datetime.date(self.config.last_year + 1, 1, 15)
        age = (as_of - raised.date()).days
        days = datetime.timedelta(days=rng.randint(7, 60))
        handled = rng.random()
        obstacle = Obstacle(
            campaign_id=self.campaign.pk,
            unit_id=unit.org.pk,
            report_id=report.pk,
            task_id=plan.task.pk,
            description=description,
            beyond_authority=beyond,
            raised_at=raised,
        )
        obstacle.plan = plan
        recent = p >= len(self.period_list) - 2
        if recent or report.status != ProgressReport.Status.ACCEPTED:
            return obstacle  # open: nobody has looked at it yet
        obstacle.owner_id = self.secretariat.pk
        if beyond and age > 540 and handled < 0.6:
            obstacle.status = Obstacle.Status.RESOLVED
            obstacle.resolution_note = _PROVINCE_RESOLVED_NOTE
            obstacle.resolved_at = raised + 4 * days
        elif beyond and age > 90:
            obstacle.status = Obstacle.Status.ESCALATED
            obstacle.resolution_note = _ESCALATED_NOTE
        elif not beyond and age > 90 and handled < 0.85:
            obstacle.status = Obstacle.Status.RESOLVED
            obstacle.resolution_note = _RESOLVED_NOTE
            obstacle.resolved_at = raised + days
        else:
            obstacle.status = Obstacle.Status.HANDLING
            obstacle.resolution_note = _HANDLING_NOTE
        return obstacle


def _pick(choices, draw: float) -> str:
    total = sum(weight for _name, weight in choices)
    pick = draw * total
    for name, weight in choices:
        pick -= weight
        if pick < 0:
            return name
    return choices[-1][0]


def build(
    config: ScaleConfig | None = None,
    log: Callable[[StepTiming], None] | None = None,
    extensions: Sequence[Callable[[_Builder], None]] = (),
) -> ScaleResult:
    """Writes the scale data set; refuses when it is already in the database.

    `extensions` run inside the same transaction once the progress data is written, each
    with the builder (its config, `rng`, campaign, department, units, logins and `insert`):
    that is how awards.scale adds nominations, councils and the registry without campaign
    importing awards (`manage.py seed_scale` lives in awards for that reason).
    """
    config = config or ScaleConfig()
    problems = config.errors()
    if problems:
        raise ValueError("; ".join(problems))
    if scale_exists():
        raise ScaleExists(PROVINCE_CODE)
    return _Builder(config, log, extensions).run()


# --- Reset ----------------------------------------------------------------------------------


# Apps above awards (reports) register what they must delete first: `hook(tree_ids,
# campaign_ids) -> Counter`, run inside reset()'s transaction before `before`.
RESET_HOOKS: list[Callable[[list[int], list[int]], Counter]] = []


def register_reset_hook(hook: Callable[[list[int], list[int]], Counter]) -> None:
    if hook not in RESET_HOOKS:
        RESET_HOOKS.append(hook)


def reset(
    log: Callable[[StepTiming], None] | None = None,
    before: Callable[[list[int], list[int]], Counter] | None = None,
) -> Counter:
    """Deletes the scale province and everything hanging from it, children before parents.

    Only that tree: its organizations, the campaigns they issued (and their periods, tasks,
    reports, obstacles …), the key projects they follow, the people on their rolls, and the
    `scale.` logins attached to them. Returns the deleted rows per model.

    `before(tree_ids, campaign_ids)` runs first in the same transaction and returns what it
    deleted: the rows of apps above campaign that point into the tree (awards.scale.reset).
    """
    started = time.perf_counter()
    province = scale_province()
    deleted: Counter = Counter()
    if province is None:
        return deleted
    User = get_user_model()
    with transaction.atomic():
        tree = list(Organization.objects.subtree_of(province).values_list("pk", "path").order_by())
        tree_ids = [pk for pk, _path in tree]
        campaigns = list(
            Campaign.objects.filter(issuing_organization__in=tree_ids).values_list("pk", flat=True)
        )
        periods = ReportingPeriod.objects.filter(campaign__in=campaigns)
        reports = ProgressReport.objects.filter(Q(period__in=periods) | Q(unit__in=tree_ids))
        tasks = Task.objects.filter(Q(campaign__in=campaigns) | Q(unit__in=tree_ids))
        users = User.objects.filter(
            Q(person__organization__in=tree_ids) | Q(memberships__organization__in=tree_ids),
            username__startswith=USERNAME_PREFIX,
        ).values_list("pk", flat=True)
        user_ids = list(users.distinct())

        def drop(queryset):
            _total, per_model = queryset.delete()
            deleted.update({label: n for label, n in per_model.items() if n})

        for hook in [*RESET_HOOKS, *([before] if before is not None else [])]:
            deleted.update({label: n for label, n in hook(tree_ids, campaigns).items() if n})
        # The biggest tables first, each as one statement, so the deletes below cascade to
        # (almost) nothing.
        drop(IndicatorValue.objects.filter(Q(report__in=reports) | Q(indicator__task__in=tasks)))
        drop(IndicatorState.objects.filter(indicator__task__in=tasks))
        drop(TaskReport.objects.filter(Q(report__in=reports) | Q(task__in=tasks)))
        drop(ReportVersion.objects.filter(report__in=reports))
        drop(Evidence.objects.filter(report__in=reports))
        drop(Obstacle.objects.filter(Q(campaign__in=campaigns) | Q(unit__in=tree_ids)))
        drop(Reminder.objects.filter(Q(period__in=periods) | Q(unit__in=tree_ids)))
        drop(reports)
        drop(Indicator.objects.filter(task__in=tasks))
        drop(tasks)
        drop(periods)
        drop(Campaign.objects.filter(pk__in=campaigns))
        drop(KeyProject.objects.filter(organization__in=tree_ids))
        drop(Person.objects.filter(organization__in=tree_ids))
        drop(User.objects.filter(pk__in=user_ids))
        # A parent is protected while it has children: the deepest level goes first.
        for depth in sorted({path.count("/") for _pk, path in tree}, reverse=True):
            level = [pk for pk, path in tree if path.count("/") == depth]
            drop(Organization.objects.filter(pk__in=level))
        log_action(
            "campaign.scale.reset",
            None,
            None,
            {"rows": dict(sorted(deleted.items()))},
        )
    if log:
        log(
            StepTiming(
                str(_("Scale data set deleted")),
                time.perf_counter() - started,
                sum(deleted.values()),
            )
        )
    return deleted
