"""Awards demo data for `manage.py seed_demo`: for each demo campaign, the council, nominations
at every stage, a closed session with its ballots, a decision and a proposal, the sessions to
come, and a few awards from before the portal in the registry.

Everything goes through the services (awards.nominations, screening, councils, sessions,
decisions, registry) with the demo logins as actors, so numbers, prizes, statuses and the audit
log are the ones the screens produce. Past steps run "on" their day (`_clock`): the services
stamp what they write with the time they run, and the demo history must read as it would have
happened. Ballots are cast through `cast_ballot` for each present member's seat and stay
anonymous.

Idempotent: a province's story is loaded only into a database where its issuing organization
has no council and its campaign no nomination; otherwise it is left as it is (a rerun, or an
office that started on its own). Registry entries from before the portal are each looked up by
(registry, decision number, recipient) and entered when missing.

A nomination is made only for an award form the campaign has on record (Hà Nam's announcement
names none: see `seed_data.HA_NAM_CAMPAIGN`), so Hà Nam's story is reduced to what needs no
award form until its plan's forms are entered.

All texts below are demo data in Vietnamese (the language of the dossiers), not interface
strings. People, households, figures and document numbers are invented.
"""

import contextlib
import datetime
import uuid
from collections import Counter
from collections.abc import Callable
from unittest import mock

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaign.models import AwardForm, Campaign, SubjectType
from units.models import Organization, Person

from . import councils, decisions, nominations, registry, screening, sessions, workdays
from .models import (
    AwardRecord,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    Proposal,
    Session,
    Vote,
)

D = datetime.date

GIAY_KHEN = "giay-khen-giam-doc-so"
BANG_KHEN_TINH = "bang-khen-chu-tich-ubnd-tinh"
BANG_KHEN_TTG = "bang-khen-thu-tuong-chinh-phu"
HUAN_CHUONG = "huan-chuong-lao-dong-hang-ba"


# --- Running the services on a past day ---------------------------------------------------------


@contextlib.contextmanager
def _clock(moment: datetime.datetime | None):
    """Makes `timezone.now()` return `moment` (None: the real time), for the services and for
    the model fields whose default is `timezone.now` (created_at, recorded_at …)."""
    if moment is None:
        yield
        return
    real = timezone.now
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is real
    ]

    def fake():
        return moment

    with mock.patch("django.utils.timezone.now", fake):
        # Field._get_default is a cached property: an instance attribute overrides it, and
        # removing the attribute afterwards brings the real default back.
        for field in fields:
            field.__dict__["_get_default"] = fake
        try:
            yield
        finally:
            for field in fields:
                field.__dict__.pop("_get_default", None)


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# --- Texts shared by the dossiers ---------------------------------------------------------------

CHECKLIST = {
    "dossier_complete": True,
    "criteria_met": True,
    "prior_awards_checked": True,
    "criteria_evidence": (
        "Đối chiếu số liệu báo cáo tiến độ đã được Văn phòng Sở tiếp nhận: hoàn thành các chỉ "
        "tiêu được giao đúng hoặc vượt tiến độ; có xác nhận của thủ trưởng đơn vị."
    ),
}

# --- Lạng Sơn --------------------------------------------------------------------------------

LANG_SON = {
    "campaign": "ls-stnmt-gpmb-2022-2025",
    "office": "ls.vanphong",
    "chair": "ls.chutich",
    "member": "ls.hoidong",
    "place": (
        "Phòng họp tầng 3, trụ sở Sở Tài nguyên và Môi trường, đường Hùng Vương, thành phố Lạng Sơn"
    ),
    "council": {
        "name": "Hội đồng Thi đua – Khen thưởng Sở Tài nguyên và Môi trường tỉnh Lạng Sơn",
        "size": 9,
        # (person, role): "user:<username>" or the full name of a person below.
        "members": [
            ("user:ls.chutich", CouncilMember.Role.CHAIR),
            ("Hoàng Văn Lâm", CouncilMember.Role.VICE_CHAIR),
            ("user:ls.hoidong", CouncilMember.Role.MEMBER),
            ("user:ls.vanphong", CouncilMember.Role.SECRETARY),
            ("user:ls.lanhdao.ttr", CouncilMember.Role.MEMBER),
            ("Dương Thị Hồng Nhung", CouncilMember.Role.MEMBER),
            ("Hà Văn Toàn", CouncilMember.Role.MEMBER),
            ("Lý Thị Mai", CouncilMember.Role.MEMBER),
            ("user:ls.lanhdao.ddbdvt", CouncilMember.Role.MEMBER),
        ],
    },
    # People the demo needs besides the logins: (full name, position, unit, sex, birth year).
    "people": [
        ("Hoàng Văn Lâm", "Phó Giám đốc Sở", "stnmt-lang-son", "male", 1971),
        (
            "Dương Thị Hồng Nhung",
            "Chủ tịch Công đoàn cơ sở Sở",
            "vp-stnmt-lang-son",
            "female",
            1979,
        ),
        ("Hà Văn Toàn", "Phó Chánh Văn phòng Sở", "vp-stnmt-lang-son", "male", 1982),
        ("Lý Thị Mai", "Bí thư Chi đoàn Sở", "vp-stnmt-lang-son", "female", 1992),
        ("Lường Văn Hải", "Chuyên viên", "qldd-stnmt-lang-son", "male", 1988),
        (
            "Vy Thị Phương",
            "Phó Trưởng phòng Quản lý đất đai",
            "qldd-stnmt-lang-son",
            "female",
            1983,
        ),
        ("Đàm Văn Quý", "Phó Giám đốc Trung tâm", "ttptqd-stnmt-lang-son", "male", 1980),
        ("Nông Thị Kim Oanh", "Viên chức", "ttptqd-stnmt-lang-son", "female", 1990),
        ("Chu Văn Bằng", "Kỹ sư trắc địa", "ddbdvt-stnmt-lang-son", "male", 1987),
        ("Hoàng Thị Yến", "Phó Giám đốc Văn phòng", "vpdkdd-stnmt-lang-son", "female", 1984),
        ("Tô Văn Kiên", "Viên chức", "vpdkdd-stnmt-lang-son", "male", 1991),
        ("Lê Thị Thu Hà", "Thanh tra viên", "ttr-stnmt-lang-son", "female", 1986),
    ],
    # The drafter and the head who signs off, per proposing unit (logins or demo reporters).
    "units": {
        "qldd-stnmt-lang-son": ("ls.canbo", "ls.lanhdao"),
        "ttptqd-stnmt-lang-son": ("ls.canbo2", "ls.lanhdao.ttptqd"),
        "ddbdvt-stnmt-lang-son": ("ls.lanhdao.ddbdvt", "ls.lanhdao.ddbdvt"),
        "vpdkdd-stnmt-lang-son": ("ls.lanhdao.vpdkdd", "ls.lanhdao.vpdkdd"),
        "ttr-stnmt-lang-son": ("ls.lanhdao.ttr", "ls.lanhdao.ttr"),
    },
    # The sơ kết 2024 round: a closed session, a decision, a proposal and its outcome. The
    # decision's date is legal.md's worked example (15/12/2024: 702,000 VND an individual).
    "history": {
        "created": D(2024, 11, 4),
        "submitted": D(2024, 11, 8),
        "accepted": D(2024, 11, 15),
        "scheduled": D(2024, 11, 20),
        "session": _at(D(2024, 12, 10), 8, 0),
        "title": "Phiên họp xét khen thưởng sơ kết năm 2024",
        "notes": (
            "Xét đề nghị khen thưởng sơ kết năm 2024 Phong trào thi đua đẩy nhanh tiến độ giải "
            "phóng mặt bằng các dự án trọng điểm."
        ),
        "absent": "user:ls.lanhdao.ddbdvt",
        "absence_reason": "Đi công tác tại huyện Đình Lập theo kế hoạch đo đạc",
        "decision_date": D(2024, 12, 15),
        "proposal_date": D(2024, 12, 16),
        "outcome": {
            "date": D(2025, 1, 20),
            "recorded": D(2025, 1, 23),
            "number": "125/QĐ-UBND",
            "issuer": "Chủ tịch UBND tỉnh Lạng Sơn",
        },
        # Each: the nomination, then how many present members disagree, and the absent
        # member's written opinion.
        "items": [
            ("ls-h-qldd", 0, Vote.APPROVE),
            ("ls-h-huyen", 1, Vote.APPROVE),
            ("ls-h-tuan", 2, Vote.APPROVE),
            ("ls-h-kien", 5, Vote.REJECT),
            ("ls-h-ttptqd", 0, Vote.APPROVE),
            ("ls-h-phuong", 1, Vote.APPROVE),
        ],
        # Nominations of the proposal the higher level approved (the others: not approved).
        "approved": ["ls-h-ttptqd"],
    },
    "nominations": [
        # --- Sơ kết 2024 -----------------------------------------------------------------
        {
            "key": "ls-h-qldd",
            "round": "history",
            "form": GIAY_KHEN,
            "unit": "qldd-stnmt-lang-son",
            "collective": "qldd-stnmt-lang-son",
            "summary": (
                "Phòng Quản lý đất đai là phòng chuyên môn thuộc Sở, tham mưu Giám đốc Sở quản "
                "lý nhà nước về đất đai; thẩm định phương án bồi thường, hỗ trợ, tái định cư "
                "các dự án trọng điểm trên địa bàn tỉnh."
            ),
            "achievements": (
                "Năm 2024 Phòng đã thẩm định 46 hồ sơ giá đất cụ thể và phương án bồi thường, "
                "100% hồ sơ trả kết quả đúng hạn; phối hợp các huyện tháo gỡ vướng mắc về nguồn "
                "gốc đất cho dự án Cao tốc Đồng Đăng – Trà Lĩnh."
            ),
            "measures": (
                "Lập tổ công tác liên ngành, họp giao ban hằng tuần với các huyện có dự án; "
                "áp dụng phiếu kiểm soát hồ sơ thẩm định để rút ngắn thời gian giải quyết."
            ),
        },
        {
            "key": "ls-h-huyen",
            "round": "history",
            "form": GIAY_KHEN,
            "unit": "qldd-stnmt-lang-son",
            "person": "user:ls.canbo",
            "summary": "Trình độ chuyên môn: Kỹ sư Quản lý đất đai.",
            "achievements": (
                "Trực tiếp thẩm định 18 phương án bồi thường, hỗ trợ, tái định cư dự án Cao tốc "
                "Hữu Nghị – Chi Lăng, không để hồ sơ quá hạn; đề xuất hướng xác định nguồn gốc "
                "đất cho 37 thửa đất không có giấy tờ."
            ),
            "measures": "Xây dựng bảng tra cứu nguồn gốc đất theo bản đồ địa chính các thời kỳ.",
        },
        {
            "key": "ls-h-tuan",
            "round": "history",
            "form": GIAY_KHEN,
            "unit": "ttptqd-stnmt-lang-son",
            "person": "user:ls.canbo2",
            "summary": "Trình độ chuyên môn: Cử nhân Luật kinh tế.",
            "achievements": (
                "Tham gia kiểm đếm, lập hồ sơ bồi thường cho 126 hộ gia đình dự án Khu đô thị mới "
                "Mai Pha; vận động 9 hộ bàn giao mặt bằng trước thời hạn."
            ),
            "measures": "Tổ chức đối thoại trực tiếp với các hộ có đơn kiến nghị tại khu dân cư.",
        },
        {
            "key": "ls-h-kien",
            "round": "history",
            "form": GIAY_KHEN,
            "unit": "vpdkdd-stnmt-lang-son",
            "person": "Tô Văn Kiên",
            "summary": "Trình độ chuyên môn: Kỹ sư Quản lý đất đai.",
            "achievements": (
                "Chỉnh lý biến động 210 thửa đất sau thu hồi cho dự án Khu công nghiệp Hữu Lũng."
            ),
            "measures": "",
        },
        {
            "key": "ls-h-ttptqd",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "ttptqd-stnmt-lang-son",
            "collective": "ttptqd-stnmt-lang-son",
            "summary": (
                "Trung tâm Phát triển quỹ đất là đơn vị sự nghiệp thuộc Sở, làm nhiệm vụ tổ chức "
                "thực hiện bồi thường, hỗ trợ, tái định cư; có 42 viên chức và người lao động."
            ),
            "achievements": (
                "Giai đoạn 2022 – 2024 Trung tâm hoàn thành kiểm đếm 1.184 hộ, chi trả bồi thường "
                "cho 1.036 hộ; bàn giao 98% diện tích mặt bằng dự án Cao tốc Đồng Đăng – Trà Lĩnh "
                "trước thời hạn tỉnh giao."
            ),
            "measures": (
                "Chia tổ công tác bám địa bàn từng xã; chi trả tiền bồi thường qua tài khoản "
                "ngân hàng trong vòng 5 ngày làm việc kể từ khi phương án được duyệt."
            ),
        },
        {
            "key": "ls-h-phuong",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "qldd-stnmt-lang-son",
            "person": "Vy Thị Phương",
            "summary": "Trình độ chuyên môn: Thạc sĩ Quản lý đất đai.",
            "achievements": (
                "Chủ trì thẩm định giá đất cụ thể 12 dự án trọng điểm; tham mưu văn bản hướng dẫn "
                "xác định nguồn gốc đất áp dụng thống nhất trên địa bàn tỉnh."
            ),
            "measures": "Đề xuất quy trình thẩm định song song giá đất và phương án bồi thường.",
        },
        # --- The current round (tổng kết), relative to the day of the seed ----------------
        {
            "key": "ls-c-hai",
            "stage": "draft",
            "form": GIAY_KHEN,
            "unit": "qldd-stnmt-lang-son",
            "person": "Lường Văn Hải",
            "summary": "Trình độ chuyên môn: Kỹ sư Quản lý đất đai.",
            "achievements": "",
            "measures": "",
        },
        {
            "key": "ls-c-vpdkdd",
            "stage": "submitted",
            "form": GIAY_KHEN,
            "unit": "vpdkdd-stnmt-lang-son",
            "collective": "vpdkdd-stnmt-lang-son",
            "summary": (
                "Văn phòng Đăng ký đất đai thực hiện đăng ký, cấp giấy chứng nhận, chỉnh lý hồ "
                "sơ địa chính; có 9 chi nhánh tại các huyện, thành phố."
            ),
            "achievements": (
                "Hoàn thành trích lục, trích đo 3.420 thửa đất phục vụ thu hồi đất các dự án; "
                "chỉnh lý biến động đất đai đúng hạn sau khi có quyết định thu hồi."
            ),
            "measures": (
                "Cung cấp thông tin địa chính cho tổ chức làm nhiệm vụ bồi thường qua mạng."
            ),
        },
        {
            "key": "ls-c-quy",
            "stage": "submitted",
            "form": BANG_KHEN_TINH,
            "unit": "ttptqd-stnmt-lang-son",
            "person": "Đàm Văn Quý",
            "summary": "Trình độ chuyên môn: Kỹ sư Kinh tế xây dựng.",
            "achievements": (
                "Phụ trách tổ bồi thường dự án Cao tốc Hữu Nghị – Chi Lăng: chi trả cho 412 hộ, "
                "vận động 35 hộ nhận tiền và bàn giao mặt bằng sau đối thoại."
            ),
            "measures": "Tổ chức chi trả tại nhà văn hóa thôn ngoài giờ hành chính.",
        },
        {
            "key": "ls-c-bang",
            "stage": "returned",
            "form": GIAY_KHEN,
            "unit": "ddbdvt-stnmt-lang-son",
            "person": "Chu Văn Bằng",
            "summary": "Trình độ chuyên môn: Kỹ sư Trắc địa – Bản đồ.",
            "achievements": "Tham gia đo đạc, lập bản đồ địa chính khu đất thu hồi.",
            "measures": "",
            "return_reason": (
                "Mục II chưa nêu số liệu cụ thể (số thửa, diện tích đo đạc, dự án); đề nghị bổ "
                "sung và gửi kèm xác nhận của Trưởng phòng."
            ),
        },
        {
            "key": "ls-c-phuong",
            "stage": "returned",
            "form": GIAY_KHEN,
            "unit": "qldd-stnmt-lang-son",
            "person": "Vy Thị Phương",
            "summary": "Trình độ chuyên môn: Thạc sĩ Quản lý đất đai.",
            "achievements": "Chủ trì thẩm định giá đất cụ thể các dự án năm 2025.",
            "measures": "",
            "return_reason": (
                "Đề nghị nêu rõ số hồ sơ thẩm định, tỷ lệ trả đúng hạn trong năm 2025 và bổ sung "
                "mục III (các hình thức khen thưởng đã nhận, kể cả Bằng khen năm 2024 không được "
                "Chủ tịch UBND tỉnh phê duyệt)."
            ),
        },
        {
            "key": "ls-c-ttptqd",
            "stage": "posted",
            "form": HUAN_CHUONG,
            "unit": "ttptqd-stnmt-lang-son",
            "collective": "ttptqd-stnmt-lang-son",
            "summary": (
                "Trung tâm Phát triển quỹ đất là đơn vị sự nghiệp thuộc Sở; có 42 viên chức và "
                "người lao động, 4 tổ bồi thường bám địa bàn."
            ),
            "achievements": (
                "Cả giai đoạn 2022 – 2025 Trung tâm chi trả bồi thường cho 2.315 hộ, bàn giao "
                "toàn bộ mặt bằng hai tuyến cao tốc đúng tiến độ; không để phát sinh khiếu nại "
                "vượt cấp."
            ),
            "measures": "Số hóa hồ sơ kiểm đếm; công khai phương án bồi thường tại thôn, xã.",
            "comments": [
                (
                    "Hoàng Văn Chiến",
                    "0912 345 678",
                    "Gia đình tôi ở xã Tân Liên được Trung tâm chi trả đầy đủ, đúng hẹn; cán bộ "
                    "giải thích rõ ràng. Tôi đồng tình đề nghị khen thưởng.",
                ),
                (
                    "Một người dân thôn Nà Chuông",
                    "",
                    "Đề nghị làm rõ việc chi trả tiền hỗ trợ di chuyển mồ mả còn chậm ở thôn "
                    "chúng tôi trong năm 2024.",
                ),
            ],
        },
        {
            "key": "ls-c-yen",
            "stage": "ready",
            "form": BANG_KHEN_TINH,
            "unit": "vpdkdd-stnmt-lang-son",
            "person": "Hoàng Thị Yến",
            "summary": "Trình độ chuyên môn: Thạc sĩ Quản lý đất đai.",
            "achievements": (
                "Chỉ đạo các chi nhánh hoàn thành chỉnh lý 5.600 hồ sơ địa chính sau thu hồi; "
                "rút ngắn thời gian cung cấp trích lục từ 5 xuống 2 ngày làm việc."
            ),
            "measures": "Áp dụng phần mềm theo dõi hồ sơ liên thông giữa các chi nhánh.",
        },
        {
            "key": "ls-c-tuan",
            "stage": "scheduled",
            "form": BANG_KHEN_TINH,
            "unit": "ttptqd-stnmt-lang-son",
            "person": "user:ls.canbo2",
            "summary": "Trình độ chuyên môn: Cử nhân Luật kinh tế.",
            "achievements": (
                "Năm 2025 trực tiếp giải quyết 27 đơn kiến nghị về bồi thường, không để đơn tồn "
                "đọng; vận động 14 hộ bàn giao mặt bằng dự án Khu đô thị mới Mai Pha."
            ),
            "measures": "Lập sổ theo dõi đơn thư theo từng hộ, hẹn lịch trả lời cụ thể.",
        },
        {
            "key": "ls-c-qldd",
            "stage": "scheduled",
            "form": BANG_KHEN_TTG,
            "unit": "qldd-stnmt-lang-son",
            "collective": "qldd-stnmt-lang-son",
            "summary": (
                "Phòng Quản lý đất đai có 11 công chức; tham mưu thẩm định giá đất, phương án "
                "bồi thường và thu hồi đất các dự án trọng điểm."
            ),
            "achievements": (
                "Cả giai đoạn 2022 – 2025 thẩm định 214 phương án bồi thường và 63 hồ sơ giá đất "
                "cụ thể, 100% đúng hạn; tham mưu tháo gỡ dứt điểm vướng mắc về nguồn gốc đất."
            ),
            "measures": "Thẩm định song song giá đất và phương án; họp giao ban hằng tuần.",
        },
        {
            "key": "ls-c-thuha",
            "stage": "open",
            "form": GIAY_KHEN,
            "unit": "ttr-stnmt-lang-son",
            "person": "Lê Thị Thu Hà",
            "summary": "Trình độ chuyên môn: Cử nhân Luật.",
            "achievements": (
                "Tham mưu giải quyết 19 đơn khiếu nại liên quan bồi thường, hỗ trợ, tái định cư "
                "đúng thời hạn; không có đơn khiếu nại lần hai."
            ),
            "measures": "Đối thoại tại cơ sở trước khi ban hành kết luận.",
        },
        {
            "key": "ls-c-oanh",
            "stage": "open",
            "form": GIAY_KHEN,
            "unit": "ttptqd-stnmt-lang-son",
            "person": "Nông Thị Kim Oanh",
            "summary": "Trình độ chuyên môn: Cử nhân Kế toán.",
            "achievements": (
                "Lập và chi trả 1.240 hồ sơ bồi thường qua tài khoản ngân hàng, không sai sót; "
                "quyết toán kinh phí bồi thường các dự án đúng hạn."
            ),
            "measures": "Đối chiếu danh sách chi trả với ngân hàng trước mỗi đợt.",
        },
        {
            "key": "ls-c-ttr",
            "stage": "open",
            "form": GIAY_KHEN,
            "unit": "ttr-stnmt-lang-son",
            "collective": "ttr-stnmt-lang-son",
            "summary": "Thanh tra Sở có 7 công chức, giải quyết khiếu nại, tố cáo về đất đai.",
            "achievements": (
                "Giải quyết 100% đơn thư thuộc thẩm quyền liên quan công tác giải phóng mặt "
                "bằng; phối hợp các huyện đối thoại với 58 hộ dân."
            ),
            "measures": "Phân công công chức theo dõi đơn thư từng dự án trọng điểm.",
        },
    ],
    # Awards from before the portal.
    "manual": [
        {
            "award_form": BANG_KHEN_TINH,
            "subject_type": SubjectType.COLLECTIVE,
            "organization": "qldd-stnmt-lang-son",
            "year": 2021,
            "decision_number": "2468/QĐ-UBND",
            "decision_date": D(2021, 12, 28),
            "issuer": "Chủ tịch UBND tỉnh Lạng Sơn",
            "prize_amount": 4_470_000,
            "thematic": False,
        },
        {
            "award_form": GIAY_KHEN,
            "subject_type": SubjectType.INDIVIDUAL,
            "person": "user:ls.canbo",
            "year": 2021,
            "decision_number": "512/QĐ-STNMT",
            "decision_date": D(2021, 12, 30),
            "issuer": "Giám đốc Sở Tài nguyên và Môi trường",
            "prize_amount": 447_000,
            "thematic": False,
        },
        {
            "award_form": BANG_KHEN_TINH,
            "subject_type": SubjectType.INDIVIDUAL,
            "person": "user:ls.lanhdao",
            "year": 2020,
            "decision_number": "2571/QĐ-UBND",
            "decision_date": D(2020, 12, 25),
            "issuer": "Chủ tịch UBND tỉnh Lạng Sơn",
            "prize_amount": 2_235_000,
            "thematic": False,
        },
    ],
}


# --- Hà Nam ----------------------------------------------------------------------------------

HA_NAM = {
    "campaign": "hn-ubnd-gpmb-2023-2025",
    "office": "hn.vanphong",
    "chair": "hn.chutich",
    "member": "hn.hoidong",
    "place": "Phòng họp số 2, trụ sở Ủy ban nhân dân tỉnh Hà Nam, thành phố Phủ Lý",
    "council": {
        "name": "Hội đồng Thi đua – Khen thưởng tỉnh Hà Nam",
        "size": 7,
        "members": [
            ("user:hn.chutich", CouncilMember.Role.CHAIR),
            ("Trương Quốc Huy", CouncilMember.Role.VICE_CHAIR),
            ("user:hn.hoidong", CouncilMember.Role.MEMBER),
            ("user:hn.vanphong", CouncilMember.Role.SECRETARY),
            ("Lại Văn Thắng", CouncilMember.Role.MEMBER),
            ("Trần Thị Thu Hằng", CouncilMember.Role.MEMBER),
            ("Bùi Đức Long", CouncilMember.Role.MEMBER),
        ],
    },
    "people": [
        ("Trương Quốc Huy", "Phó Chủ tịch Ủy ban nhân dân tỉnh", "ubnd-ha-nam", "male", 1970),
        ("Lại Văn Thắng", "Giám đốc Sở Tài nguyên và Môi trường", "stnmt-ha-nam", "male", 1972),
        ("Trần Thị Thu Hằng", "Phó Giám đốc Sở Nội vụ", "snv-ha-nam", "female", 1976),
        ("Bùi Đức Long", "Giám đốc Sở Giao thông vận tải", "sgtvt-ha-nam", "male", 1973),
        ("Nguyễn Văn Tiến", "Trưởng ban Bồi thường, GPMB thành phố", "ubnd-phu-ly", "male", 1981),
        ("Vũ Thị Hạnh", "Chủ tịch UBND xã Thanh Hà", "ubnd-thanh-liem", "female", 1978),
        (
            "Đoàn Văn Nghĩa",
            "Phó Trưởng phòng Tài nguyên và Môi trường",
            "ubnd-ly-nhan",
            "male",
            1985,
        ),
    ],
    "units": {
        "ubnd-phu-ly": ("hn.canbo", "hn.lanhdao"),
        "ubnd-thanh-liem": ("hn.canbo2", "hn.lanhdao.thanhliem"),
        "ubnd-ly-nhan": ("hn.lanhdao.lynhan", "hn.lanhdao.lynhan"),
    },
    # Relative to the day of the seed (days before it): the proposal is still with the province.
    "history": {
        "created": -75,
        "submitted": -68,
        "accepted": -60,
        "scheduled": -55,
        "session": -45,
        "title": "Phiên họp xét đề nghị khen thưởng các hộ gia đình tiêu biểu",
        "notes": "Xét đề nghị khen thưởng tập thể, cá nhân, hộ gia đình có thành tích trong GPMB.",
        "absent": "Bùi Đức Long",
        "absence_reason": "Dự họp tại Bộ Xây dựng",
        "proposal_date": -38,
        "outcome": None,
        "items": [
            ("hn-h-khai", 0, Vote.APPROVE),
            ("hn-h-lanh", 1, Vote.APPROVE),
            ("hn-h-tien", 0, Vote.APPROVE),
            ("hn-h-nghia", 4, Vote.REJECT),
        ],
        "approved": [],
    },
    "nominations": [
        {
            "key": "hn-h-khai",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-phu-ly",
            "household": {
                "head": "Trần Văn Khải",
                "address": "Tổ dân phố Kênh Cầu",
                "commune": "Phường Thanh Châu, thành phố Phủ Lý",
                "contribution": (
                    "Bàn giao 1.250 m² đất nông nghiệp trước thời hạn 20 ngày cho dự án Đường "
                    "vành đai 5 vùng Thủ đô; vận động 6 hộ lân cận cùng nhận tiền bồi thường."
                ),
            },
        },
        {
            "key": "hn-h-lanh",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-thanh-liem",
            "household": {
                "head": "Nguyễn Thị Lành",
                "address": "Thôn Đồng Ao",
                "commune": "Xã Thanh Hà, huyện Thanh Liêm",
                "contribution": (
                    "Tự nguyện tháo dỡ công trình, bàn giao 860 m² đất ở và đất vườn cho dự án "
                    "Khu công nghiệp Thanh Liêm trước khi có quyết định cưỡng chế."
                ),
            },
        },
        {
            "key": "hn-h-tien",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-phu-ly",
            "person": "Nguyễn Văn Tiến",
            "summary": "Trình độ chuyên môn: Kỹ sư Quản lý đất đai.",
            "achievements": (
                "Chỉ đạo kiểm đếm, lập phương án bồi thường cho 318 hộ trên địa bàn thành phố; "
                "bàn giao mặt bằng dự án đúng tiến độ tỉnh giao."
            ),
            "measures": "Tổ chức đối thoại tại từng tổ dân phố trước khi niêm yết phương án.",
        },
        {
            "key": "hn-h-nghia",
            "round": "history",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-ly-nhan",
            "person": "Đoàn Văn Nghĩa",
            "summary": "Trình độ chuyên môn: Cử nhân Địa chính.",
            "achievements": "Tham gia xác định nguồn gốc đất cho dự án đoạn qua huyện Lý Nhân.",
            "measures": "",
        },
        {
            "key": "hn-c-binh",
            "stage": "draft",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-phu-ly",
            "household": {
                "head": "Lê Văn Bình",
                "address": "Thôn Mễ Nội",
                "commune": "Xã Liêm Tuyền, thành phố Phủ Lý",
                "contribution": "Bàn giao 540 m² đất nông nghiệp cho dự án đường vành đai.",
            },
        },
        {
            "key": "hn-c-hanh",
            "stage": "submitted",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-thanh-liem",
            "person": "Vũ Thị Hạnh",
            "summary": "Trình độ chuyên môn: Cử nhân Luật.",
            "achievements": (
                "Chỉ đạo xã Thanh Hà hoàn thành bàn giao 42 ha mặt bằng Khu công nghiệp Thanh "
                "Liêm; không có đơn khiếu nại vượt cấp."
            ),
            "measures": "Thành lập tổ dân vận bám từng hộ có đất bị thu hồi.",
        },
        {
            "key": "hn-c-thanh-liem",
            "stage": "returned",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-thanh-liem",
            "collective": "ubnd-thanh-liem",
            "summary": "Ủy ban nhân dân huyện Thanh Liêm.",
            "achievements": "Hoàn thành giải phóng mặt bằng các dự án trên địa bàn huyện.",
            "measures": "",
            "return_reason": (
                "Đề nghị bổ sung số liệu diện tích, số hộ đã bàn giao theo từng dự án và xác "
                "nhận của cơ quan chủ đầu tư."
            ),
        },
        {
            "key": "hn-c-thuy",
            "stage": "ready",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-ly-nhan",
            "household": {
                "head": "Phạm Văn Thụy",
                "address": "Thôn Từ Đài",
                "commune": "Xã Chân Lý, huyện Lý Nhân",
                "contribution": (
                    "Bàn giao 2.100 m² đất nông nghiệp và di chuyển 3 ngôi mộ trước thời hạn cho "
                    "dự án Đường vành đai 5 vùng Thủ đô."
                ),
            },
        },
        {
            "key": "hn-c-phu-ly",
            "stage": "scheduled",
            "form": BANG_KHEN_TINH,
            "unit": "ubnd-phu-ly",
            "collective": "ubnd-phu-ly",
            "summary": "Ủy ban nhân dân thành phố Phủ Lý; Ban Bồi thường, GPMB có 24 người.",
            "achievements": (
                "Giai đoạn 2023 – 2025 bàn giao 186 ha mặt bằng cho 14 dự án, trong đó 5 dự án "
                "trọng điểm của tỉnh vượt tiến độ."
            ),
            "measures": "Họp giao ban GPMB hằng tuần do Chủ tịch UBND thành phố chủ trì.",
        },
    ],
    "manual": [
        {
            "award_form": BANG_KHEN_TINH,
            "subject_type": SubjectType.HOUSEHOLD,
            "recipient_name": "Hộ gia đình ông Trần Văn Khải",
            "household_address": "Tổ dân phố Kênh Cầu, phường Thanh Châu, thành phố Phủ Lý",
            "year": 2022,
            "decision_number": "1875/QĐ-UBND",
            "decision_date": D(2022, 11, 15),
            "issuer": "Chủ tịch UBND tỉnh Hà Nam",
            "prize_amount": 3_352_500,
            "thematic": True,
        },
        {
            "award_form": BANG_KHEN_TINH,
            "subject_type": SubjectType.COLLECTIVE,
            "organization": "ubnd-thanh-liem",
            "year": 2022,
            "decision_number": "1875/QĐ-UBND",
            "decision_date": D(2022, 11, 15),
            "issuer": "Chủ tịch UBND tỉnh Hà Nam",
            "prize_amount": 4_470_000,
            "thematic": True,
        },
        {
            "award_form": BANG_KHEN_TINH,
            "subject_type": SubjectType.INDIVIDUAL,
            "person": "user:hn.canbo",
            "year": 2022,
            "decision_number": "1875/QĐ-UBND",
            "decision_date": D(2022, 11, 15),
            "issuer": "Chủ tịch UBND tỉnh Hà Nam",
            "prize_amount": 2_235_000,
            "thematic": True,
        },
    ],
}

PROVINCES = [LANG_SON, HA_NAM]

# What the demo counts in the summary and in `seeder.created`.
COUNTED_MODELS = (
    "awards.Council",
    "awards.CouncilMember",
    "awards.Nomination",
    "awards.Screening",
    "awards.PostingComment",
    "awards.Session",
    "awards.Attendance",
    "awards.SessionItem",
    "awards.WrittenOpinion",
    "awards.Participation",
    "awards.Ballot",
    "awards.Decision",
    "awards.Proposal",
    "awards.ProposalItem",
    "awards.AwardRecord",
    "units.AuditEvent",
)


# --- Loading ----------------------------------------------------------------------------------


def load_awards_demo(
    seeder, today: datetime.date, warn: Callable[[str], None] = lambda message: None
) -> None:
    before = _counts()
    # The services write texts of their own into the dossiers (prefills, the household's
    # name): in the language of the dossiers, whatever the shell's.
    with translation.override("vi"):
        for spec in PROVINCES:
            ProvinceDemo(seeder, spec, today, warn).load()
    for label, count in _counts().items():
        if count > before[label]:
            seeder.created[label] += count - before[label]


def _counts() -> Counter:
    return Counter(
        {label: apps.get_model(label)._default_manager.count() for label in COUNTED_MODELS}
    )


def summary_counts() -> dict[str, int]:
    """What the demo campaigns hold (the line printed after a run)."""
    codes = [spec["campaign"] for spec in PROVINCES]
    return {
        "councils": Council.objects.filter(organization__campaigns__code__in=codes)
        .distinct()
        .count(),
        "nominations": Nomination.objects.filter(campaign__code__in=codes).count(),
        "sessions": Session.objects.filter(campaign__code__in=codes).count(),
        "decisions": Decision.objects.filter(campaign__code__in=codes).count(),
        "proposals": Proposal.objects.filter(campaign__code__in=codes).count(),
        "awards": AwardRecord.objects.filter(
            owner__in=Campaign.objects.filter(code__in=codes).values("issuing_organization")
        ).count(),
    }


def _has_figures(nomination: Nomination) -> bool:
    if nomination.subject_type == SubjectType.HOUSEHOLD:
        return bool(nomination.household_contribution)
    return bool(nominations.progress_lines(nomination))


class ProvinceDemo:
    def __init__(self, seeder, spec: dict, today: datetime.date, warn):
        self.seeder = seeder
        self.spec = spec
        self.today = today
        self.warn = warn
        self.campaign = (
            Campaign.objects.select_related("issuing_organization")
            .filter(code=spec["campaign"])
            .first()
        )
        self.nominations: dict[str, Nomination] = {}

    # --- People and references ------------------------------------------------------------

    def load(self) -> None:
        if self.campaign is None:
            return
        self.org = self.campaign.issuing_organization
        usernames = {self.spec["office"], self.spec["chair"], self.spec["member"]}
        for drafter, head in self.spec["units"].values():
            usernames |= {drafter, head}
        for ref, _role in self.spec["council"]["members"]:
            if ref.startswith("user:"):
                usernames.add(ref[5:])
        self.users = {
            u.username: u for u in get_user_model().objects.filter(username__in=usernames)
        }
        if usernames - set(self.users):
            return  # the demo logins are loaded first; without them there is no story
        self.office = self.users[self.spec["office"]]
        self.chair = self.users[self.spec["chair"]]
        self._people()
        self._manual_records()
        fresh = not (
            Council.objects.filter(organization=self.org).exists()
            or self.campaign.nominations.exists()
        )
        if not fresh:
            return
        if self.campaign.status != Campaign.Status.PUBLISHED:
            self.warn(
                gettext("%(campaign)s: not published, so no awards demo data was loaded for it.")
                % {"campaign": self.campaign.code}
            )
            return
        try:
            # A savepoint: a story the services refuse leaves nothing half written.
            with transaction.atomic():
                self._story()
        except (ValidationError, PermissionDenied) as exc:
            reason = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            self.warn(
                gettext("%(campaign)s: the awards demo data could not be loaded (%(reason)s).")
                % {"campaign": self.campaign.code, "reason": reason}
            )

    def _story(self) -> None:
        self.forms = {
            f.award_form.code: f.award_form
            for f in self.campaign.campaign_award_forms.select_related("award_form")
        }
        self._council()
        specs = [n for n in self.spec["nominations"] if n["form"] in self.forms]
        self._history([n for n in specs if n.get("round") == "history"])
        self._current([n for n in specs if n.get("round") != "history"])

    def _people(self) -> None:
        orgs = {o.code: o for o in Organization.objects.filter(path__startswith=self.org_root())}
        self.orgs = orgs
        for name, position, unit, sex, birth_year in self.spec["people"]:
            self.seeder.upsert(
                Person,
                {"full_name": name, "organization": orgs[unit]},
                {"position": position, "sex": sex, "birth_year": birth_year},
            )

    def org_root(self) -> str:
        return self.org.path.split("/", 1)[0] + "/"

    def person(self, ref: str) -> Person:
        if ref.startswith("user:"):
            return Person.objects.select_related("organization").get(user=self.users_any(ref[5:]))
        return Person.objects.select_related("organization").get(
            full_name=ref, organization__path__startswith=self.org_root()
        )

    def users_any(self, username: str):
        user = self.users.get(username)
        if user is None:
            user = get_user_model().objects.get(username=username)
            self.users[username] = user
        return user

    def day(self, value) -> datetime.date:
        """A date of the spec: fixed, or a number of days relative to today."""
        if isinstance(value, int):
            return self.today + datetime.timedelta(days=value)
        return value

    # --- Registry entries from before the portal -------------------------------------------

    def _manual_records(self) -> None:
        forms = {f.code: f for f in AwardForm.objects.all()}
        for entry in self.spec["manual"]:
            person = self.person(entry["person"]) if entry.get("person") else None
            organization = self.orgs[entry["organization"]] if entry.get("organization") else None
            name = entry.get("recipient_name") or (
                person.full_name if person else organization.name
            )
            exists = AwardRecord.objects.filter(
                owner=self.org,
                decision_number=entry["decision_number"],
                recipient_name=name,
            ).exists()
            if exists or entry["award_form"] not in forms:
                continue
            with _clock(_at(self.today - datetime.timedelta(days=90), 10)):
                registry.create_manual(
                    self.office,
                    self.org,
                    {
                        **entry,
                        "award_form": forms[entry["award_form"]],
                        "recipient_name": name,
                        "person": person,
                        "organization": organization,
                        "campaign": None,
                    },
                )

    # --- The council -------------------------------------------------------------------------

    def _council(self) -> None:
        spec = self.spec["council"]
        self.council = councils.save_council(
            self.office, self.org, name=spec["name"], size=spec["size"]
        )
        self.seats: dict[str, CouncilMember] = {}
        for order, (ref, role) in enumerate(spec["members"], start=1):
            self.seats[ref] = councils.add_member(
                self.office, self.council, person=self.person(ref), role=role, order=order
            )
        self.member_seat = self.seats[f"user:{self.spec['member']}"]
        self.chair_seat = self.seats[f"user:{self.spec['chair']}"]

    # --- Nominations -------------------------------------------------------------------------

    def _nominate(self, spec: dict, created: datetime.datetime) -> Nomination:
        drafter_name, head_name = self.spec["units"][spec["unit"]]
        drafter = self.users[drafter_name]
        unit = self.orgs[spec["unit"]]
        data = {
            "campaign": self.campaign,
            "award_form": self.forms[spec["form"]],
            "nominee_organization": None,
            "nominee_person": None,
        }
        if "collective" in spec:
            data |= {"subject_type": SubjectType.COLLECTIVE}
            data["nominee_organization"] = self.orgs[spec["collective"]]
        elif "person" in spec:
            data |= {"subject_type": SubjectType.INDIVIDUAL}
            data["nominee_person"] = self.person(spec["person"])
        else:
            household = spec["household"]
            data |= {
                "subject_type": SubjectType.HOUSEHOLD,
                "household_head": household["head"],
                "household_address": household["address"],
                "household_commune": household["commune"],
                "household_contribution": household["contribution"],
            }
        with _clock(created):
            nomination = nominations.create_nomination(drafter, unit, data)
            # Section II keeps the prefill only when it holds figures (units without a task
            # of the campaign get a notice instead).
            prefill = nomination.achievements if _has_figures(nomination) else ""
        summary = spec.get("summary", "")
        if "household" in spec:
            household = spec["household"]
            summary = (
                f"Chủ hộ: {household['head']}\n"
                f"Địa chỉ: {household['address']}, {household['commune']}\n"
                "Hộ gia đình có đất bị thu hồi để thực hiện dự án trên địa bàn."
            )
        # The unit completes the sections a day later: the records' prefill, then its own text.
        report = {
            "summary": "\n".join(p for p in (nomination.summary, summary) if p),
            "achievements": "\n".join(p for p in (prefill, spec.get("achievements", "")) if p),
            "measures": spec.get("measures", ""),
            "prior_awards_note": "",
            "criteria_met": "Đáp ứng tiêu chuẩn khen thưởng theo Kế hoạch phát động phong trào."
            if spec.get("stage") != "draft"
            else "",
        }
        with _clock(created + datetime.timedelta(days=1)):
            nomination = nominations.save_nomination(drafter, nomination, data | report)
        self.nominations[spec["key"]] = nomination
        return nomination

    def _submit(self, spec: dict, nomination: Nomination, when: datetime.datetime) -> Nomination:
        head = self.users[self.spec["units"][spec["unit"]][1]]
        with _clock(when):
            return nominations.submit_nomination(head, nomination)

    def _accept(self, nomination: Nomination, when: datetime.datetime) -> Nomination:
        with _clock(when):
            return screening.accept_nomination(
                self.office, nomination, CHECKLIST, today=when.date()
            )

    # --- The past round: a closed session, a decision, a proposal ----------------------------

    def _history(self, specs: list[dict]) -> None:
        if not specs:
            return
        h = self.spec["history"]
        for index, spec in enumerate(specs):
            nomination = self._nominate(spec, _at(self.day(h["created"]), 8, 30 + index))
            nomination = self._submit(spec, nomination, _at(self.day(h["submitted"]), 15, index))
            self.nominations[spec["key"]] = self._accept(
                nomination, _at(self.day(h["accepted"]), 10, index)
            )
        start = _at(self.day(h["session"]), 8, 0)
        session = self._session(
            h["title"], start, self.day(h["scheduled"]), h["notes"], [s["key"] for s in specs]
        )
        items = {i.nomination_id: i for i in session.items.all()}
        plan = [
            (items[self.nominations[key].pk], rejects, opinion)
            for key, rejects, opinion in h["items"]
            if key in self.nominations
        ]
        absent = self.seats[h["absent"]]
        with _clock(start - datetime.timedelta(minutes=30)):
            sessions.record_attendance(
                self.office,
                session,
                {
                    seat.pk: (seat.pk != absent.pk, h["absence_reason"] if seat == absent else "")
                    for seat in self.seats.values()
                },
            )
            sessions.record_opinions(
                self.office,
                session,
                absent,
                {
                    item.pk: (
                        opinion,
                        "Nhất trí với đề nghị của đơn vị."
                        if opinion == Vote.APPROVE
                        else "Thành tích chưa tiêu biểu so với tiêu chuẩn.",
                    )
                    for item, _rejects, opinion in plan
                },
            )
        with _clock(start + datetime.timedelta(minutes=10)):
            sessions.open_session(self.chair, session)
        present = [seat for seat in self.seats.values() if seat.pk != absent.pk]
        for minute, (item, rejects, _opinion) in enumerate(plan):
            with _clock(start + datetime.timedelta(minutes=20 + 5 * minute)):
                for rank, seat in enumerate(present):
                    choice = Vote.REJECT if rank >= len(present) - rejects else Vote.APPROVE
                    sessions.cast_ballot(session, item, seat, choice)
        with _clock(start + datetime.timedelta(hours=2, minutes=30)):
            sessions.close_session(self.chair, session)
        self._decide_and_propose(h, session)

    def _decide_and_propose(self, h: dict, session: Session) -> None:
        passed = Nomination.objects.filter(
            campaign=self.campaign, status=Nomination.Status.PASSED
        ).select_related("award_form")
        by_form: dict[str, list[int]] = {}
        for nomination in passed:
            by_form.setdefault(nomination.award_form.code, []).append(nomination.pk)
        for code, ids in sorted(by_form.items(), key=lambda kv: self.forms[kv[0]].rank):
            form = self.forms[code]
            if form.decided_internally:
                day = self.day(h.get("decision_date", h["proposal_date"]))
                defaults = decisions.document_defaults(self.campaign, day)
                with _clock(_at(day, 14)):
                    decisions.create_decision(
                        self.office,
                        self.campaign,
                        form,
                        ids,
                        date=day,
                        signer_name=defaults["signer_name"] or self._chair_name(),
                        signer_title=defaults["signer_title"] or "GIÁM ĐỐC",
                        authority=defaults["authority"],
                    )
                continue
            day = self.day(h["proposal_date"])
            with _clock(_at(day, 14)):
                proposal = decisions.create_proposal(
                    self.office,
                    self.campaign,
                    form,
                    ids,
                    date=day,
                    recipient=decisions.default_recipient(form) or "Sở Nội vụ",
                    signer_name=self.campaign.signer_name or self._chair_name(),
                    signer_title=self.campaign.signer_title or "CHỦ TỊCH",
                )
            outcome = h["outcome"]
            if outcome:
                approved = [
                    self.nominations[key].pk for key in h["approved"] if key in self.nominations
                ]
                with _clock(_at(outcome["recorded"], 9)):
                    decisions.record_outcome(
                        self.office,
                        proposal,
                        number=outcome["number"],
                        date=outcome["date"],
                        issuer=outcome["issuer"],
                        approved_ids=approved,
                    )

    def _chair_name(self) -> str:
        return self.chair_seat.person.full_name

    def _session(self, title, start, scheduled_on, notes, keys) -> Session:
        with _clock(_at(scheduled_on, 9)):
            session = sessions.schedule_session(
                self.office,
                self.council,
                campaign=self.campaign,
                title=title,
                scheduled_at=start,
                place=self.spec["place"],
                notes=notes,
            )
        with _clock(_at(scheduled_on + datetime.timedelta(days=2), 9)):
            sessions.add_items(self.office, session, [self.nominations[k].pk for k in keys])
        return session

    # --- The current round, relative to today -------------------------------------------------

    def _current(self, specs: list[dict]) -> None:
        today = self.today
        by_stage: dict[str, list[dict]] = {}
        for spec in specs:
            by_stage.setdefault(spec["stage"], []).append(spec)

        def ago(days, hour=9, minute=0):
            return _at(today - datetime.timedelta(days=days), hour, minute)

        for i, spec in enumerate(by_stage.get("draft", [])):
            self._nominate(spec, ago(6, 8, i))
        for i, spec in enumerate(by_stage.get("submitted", [])):
            self._submit(spec, self._nominate(spec, ago(20, 8, i)), ago(9 - i, 16))
        for i, spec in enumerate(by_stage.get("returned", [])):
            nomination = self._submit(spec, self._nominate(spec, ago(25, 8, i)), ago(18, 16))
            with _clock(ago(14, 10, i)):
                self.nominations[spec["key"]] = screening.return_nomination(
                    self.office,
                    nomination,
                    CHECKLIST | {"criteria_met": False},
                    spec["return_reason"],
                )
        for i, spec in enumerate(by_stage.get("posted", [])):
            nomination = self._submit(spec, self._nominate(spec, ago(28, 8, i)), ago(21, 16))
            accepted_on = self._posting_acceptance_day(nomination.award_form)
            nomination = self._accept(nomination, _at(accepted_on, 10, i))
            self._comments(spec, nomination)
        for i, spec in enumerate(by_stage.get("ready", [])):
            nomination = self._submit(spec, self._nominate(spec, ago(40, 8, i)), ago(33, 16))
            self._accept(nomination, ago(26, 10, i))
        scheduled = by_stage.get("scheduled", [])
        for i, spec in enumerate(scheduled):
            nomination = self._submit(spec, self._nominate(spec, ago(38, 8, i)), ago(31, 16))
            self._accept(nomination, ago(24, 10, i))
        if scheduled:
            start = _at(workdays.add_working_days(today, 10), 8, 0)
            self._session(
                "Phiên họp xét khen thưởng tổng kết phong trào giai đoạn 2022 – 2025"
                if self.spec is LANG_SON
                else "Phiên họp xét khen thưởng tổng kết phong trào giai đoạn 2023 – 2025",
                start,
                today - datetime.timedelta(days=7),
                "Xét đề nghị khen thưởng tổng kết phong trào thi đua.",
                [s["key"] for s in scheduled],
            )
        opened = by_stage.get("open", [])
        if opened:
            self._open_session(opened)

    def _posting_acceptance_day(self, award_form: AwardForm) -> datetime.date:
        """A recent day such that the posting period of an acceptance then started before
        today and still runs today (so the public page shows it, with comments of the past)."""
        yesterday = self.today - datetime.timedelta(days=1)
        for back in range(3, 60):
            day = self.today - datetime.timedelta(days=back)
            first, last = workdays.posting_period(day, award_form.posting_working_days)
            if first <= yesterday and self.today <= last:
                return day
        return self.today - datetime.timedelta(days=3)

    def _comments(self, spec: dict, nomination: Nomination) -> None:
        first = nomination.posted_from
        last = min(nomination.posted_until, self.today - datetime.timedelta(days=1))
        for index, (name, contact, body) in enumerate(spec.get("comments", [])):
            day = max(min(first + datetime.timedelta(days=index), last), first)
            with _clock(_at(day, 8 + 2 * index, 15)):
                screening.add_public_comment(
                    nomination,
                    {"author_name": name, "contact": contact, "body": body},
                    # A fresh address each time: the hourly limit counts per address.
                    ip=f"seed-demo-{uuid.uuid4().hex}",
                    today=day,
                )

    def _open_session(self, specs: list[dict]) -> None:
        """Today's session, open: a few members have voted; the demo council member has not."""
        today = self.today
        for i, spec in enumerate(specs):
            nomination = self._submit(
                spec,
                self._nominate(spec, _at(today - datetime.timedelta(days=45), 8, i)),
                _at(today - datetime.timedelta(days=38), 16),
            )
            self._accept(nomination, _at(today - datetime.timedelta(days=30), 10, i))
        # 08:00 today, or the last full hour when the seed runs before then: the session
        # opens now, never before its time.
        hour = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        start = min(_at(today, 8, 0), hour) if hour.date() == today else _at(today, 8, 0)
        session = self._session(
            "Phiên họp xét tặng Giấy khen tổng kết phong trào",
            start,
            today - datetime.timedelta(days=15),
            "Xét tặng Giấy khen của Giám đốc Sở cho các tập thể, cá nhân tiêu biểu.",
            [s["key"] for s in specs],
        )
        # Today's steps run on the real clock: the session is open now.
        sessions.record_attendance(
            self.office, session, {seat.pk: (True, "") for seat in self.seats.values()}
        )
        sessions.open_session(self.chair, session)
        items = list(session.items.order_by("order"))
        skip = {self.member_seat.pk, self.chair_seat.pk}
        voters = [seat for seat in self.seats.values() if seat.pk not in skip][:4]
        for seat in voters:
            for item in items:
                sessions.cast_ballot(session, item, seat, Vote.APPROVE)


# --- The summary printed by seed_demo ---------------------------------------------------------


def guide() -> list[str]:
    """What each demo login finds in the awards screens (printed after a run)."""
    lines = [
        gettext(
            "Demo awards data: %(councils)d councils, %(nominations)d nominations, "
            "%(sessions)d council sessions, %(decisions)d decisions, %(proposals)d proposals, "
            "%(awards)d award registry entries."
        )
        % summary_counts()
    ]
    for spec in PROVINCES:
        campaign = Campaign.objects.filter(code=spec["campaign"]).first()
        if campaign is None:
            continue
        names = {"office": spec["office"], "chair": spec["chair"], "member": spec["member"]}
        drafter, head = next(iter(spec["units"].values()))
        names |= {"drafter": drafter, "head": head}
        if not campaign.nominations.exists():
            lines.append(
                gettext(
                    "%(office)s: the council and the award registry; no nomination is seeded "
                    "because the campaign has no award form on record."
                )
                % names
            )
            continue
        lines += [
            gettext(
                "%(office)s: nominations to screen, council sessions (closed, open today, "
                "scheduled), decisions and proposals, the award registry."
            )
            % names,
            gettext(
                "%(drafter)s, %(head)s: the unit's nominations (a draft to finish and submit, "
                "one returned for correction)."
            )
            % names,
            gettext("%(member)s: the session open today waits for their vote.") % names,
            gettext("%(chair)s: chairs the open session (votes, then closes it).") % names,
        ]
    lines.append(
        gettext("Anyone, without logging in: nominations posted for comments at %(url)s.")
        % {"url": reverse("posting_index")}
    )
    return lines
