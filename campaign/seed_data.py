"""Demo and master data loaded by `manage.py seed_demo`: plain Python data, no logic.

Sources: /work/shared/facts/legal.md (award forms, base salaries, legal documents) and the two
seed plans in /work/shared/seeds/ (the Lạng Sơn Sở TN&MT plan of August 2022 and the Hà Nam
announcement of plan 1008/KH-UBND of 24/5/2023). Plan texts are copied verbatim; the only edits
are the ones the seed files need to become data (see the comments at each place).

References between entries use natural keys: organization codes, award form codes, and the
`ref` of a legal document (a key of this file only, not stored).

Everything else — people, their names and positions, the divisions of the departments, the
dates a name history starts — is demo data, not a record of real persons or events (except the
signer of the Lạng Sơn plan, named in the plan itself).
"""

import datetime
from decimal import Decimal

D = datetime.date

# --- Roles ---------------------------------------------------------------------------------------
# The Vietnamese labels of DESIGN.md §1, keyed by units.models.Role values.
ROLE_LABELS = {
    "unit_staff": "Cán bộ đơn vị",
    "unit_head": "Lãnh đạo đơn vị",
    "secretariat": "Văn phòng Sở (Thường trực Hội đồng)",
    "council_member": "Thành viên Hội đồng TĐKT",
    "council_chair": "Chủ tịch Hội đồng",
    "administrator": "Quản trị hệ thống",
}

# --- Award forms (facts/legal.md, "Award forms in the seeds") ------------------------------------
# Vote threshold: legal.md sets no percentage for these four forms ("the council's own rule, by
# default a majority of all members"), so every form gets 50 % strictly above; quorum 80 % (the
# example provincial rule for sessions that consider awards). Public posting: required for a
# Huân chương, at least 10 working days. The Labour Medal through a campaign needs a campaign of
# 5 years or more (a warning).
AWARD_FORMS = [
    {
        "code": "huan-chuong-lao-dong-hang-ba",
        "name": "Huân chương Lao động hạng Ba",
        "rank": 1,
        "authority": "president",
        "decided_internally": False,
        "proposal_path": (
            "Sở → UBND tỉnh (Chủ tịch) → Bộ Nội vụ → Thủ tướng Chính phủ → Chủ tịch nước"
        ),
        "individual_coefficient": Decimal("4.5"),
        "collective_coefficient": Decimal("9.0"),
        "household_multiplier": Decimal("1.5"),
        "vote_threshold_percent": Decimal("50"),
        "threshold_strictly_above": True,
        "quorum_percent": Decimal("80"),
        "requires_public_posting": True,
        "posting_working_days": 10,
        "min_campaign_years": 5,
    },
    {
        "code": "bang-khen-thu-tuong-chinh-phu",
        "name": "Bằng khen của Thủ tướng Chính phủ",
        "rank": 2,
        "authority": "prime_minister",
        "decided_internally": False,
        "proposal_path": (
            "Sở → UBND tỉnh → Bộ Nội vụ (thẩm định trong 20 ngày làm việc) → Thủ tướng Chính phủ"
        ),
        "individual_coefficient": Decimal("3.5"),
        "collective_coefficient": Decimal("7.0"),
        "household_multiplier": Decimal("1.5"),
        "vote_threshold_percent": Decimal("50"),
        "threshold_strictly_above": True,
        "quorum_percent": Decimal("80"),
        "requires_public_posting": False,
        "posting_working_days": 0,
        "min_campaign_years": 0,
    },
    {
        "code": "bang-khen-chu-tich-ubnd-tinh",
        "name": "Bằng khen của Chủ tịch UBND tỉnh",
        "rank": 3,
        "authority": "province_chair",
        "decided_internally": False,
        "proposal_path": (
            "Sở → Sở Nội vụ (cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh) "
            "→ Chủ tịch UBND tỉnh"
        ),
        "individual_coefficient": Decimal("1.5"),
        "collective_coefficient": Decimal("3.0"),
        "household_multiplier": Decimal("1.5"),
        "vote_threshold_percent": Decimal("50"),
        "threshold_strictly_above": True,
        "quorum_percent": Decimal("80"),
        "requires_public_posting": False,
        "posting_working_days": 0,
        "min_campaign_years": 0,
    },
    {
        "code": "giay-khen-giam-doc-so",
        "name": "Giấy khen của Giám đốc Sở",
        "rank": 4,
        "authority": "department_head",
        "decided_internally": True,
        "proposal_path": "Trong Sở, qua Hội đồng Thi đua - Khen thưởng của Sở",
        "individual_coefficient": Decimal("0.3"),
        "collective_coefficient": Decimal("0.6"),
        "household_multiplier": Decimal("1.5"),
        "vote_threshold_percent": Decimal("50"),
        "threshold_strictly_above": True,
        "quorum_percent": Decimal("80"),
        "requires_public_posting": False,
        "posting_working_days": 0,
        "min_campaign_years": 0,
    },
]

# --- Base salary (mức lương cơ sở), keyed by effective date --------------------------------------
BASE_SALARIES = [
    {
        "effective_from": D(2023, 7, 1),
        "amount": 1_800_000,
        "legal_basis": "Nghị định 24/2023/NĐ-CP",
        "verified": True,
    },
    {
        "effective_from": D(2024, 7, 1),
        "amount": 2_340_000,
        "legal_basis": "Nghị định 73/2024/NĐ-CP",
        "verified": True,
    },
    {
        # Reported by several sources, not read in the gazette (facts/legal.md): to verify.
        "effective_from": D(2026, 7, 1),
        "amount": 2_530_000,
        "legal_basis": "Nghị định 161/2026/NĐ-CP",
        "verified": False,
    },
]

# --- Legal documents -----------------------------------------------------------------------------
# Keyed by (number, issued_on). Only dates stated in /work/shared are filled; the others stay
# empty (None) until someone checks the gazette.
LEGAL_DOCUMENTS = [
    {
        "ref": "luat-tdkt-2022",
        "kind": "law",
        "number": "06/2022/QH15",
        "issued_on": None,
        "issuer": "Quốc hội",
        "title": "Luật Thi đua, khen thưởng",
        "effective_from": D(2024, 1, 1),
        "effective_to": None,
        "note": "",
    },
    {
        "ref": "nd-98-2023",
        "kind": "decree",
        "number": "98/2023/NĐ-CP",
        "issued_on": None,
        "issuer": "Chính phủ",
        "title": "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "effective_from": None,
        "effective_to": D(2025, 6, 30),
        "note": "Được thay thế bởi Nghị định 152/2025/NĐ-CP từ ngày 01/7/2025.",
    },
    {
        "ref": "nd-152-2025",
        "kind": "decree",
        "number": "152/2025/NĐ-CP",
        "issued_on": D(2025, 6, 14),
        "issuer": "Chính phủ",
        "title": (
            "Quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi "
            "tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        "effective_from": D(2025, 7, 1),
        "effective_to": None,
        "note": "Thay thế Nghị định 98/2023/NĐ-CP.",
    },
    {
        "ref": "tt-15-2025-bnv",
        "kind": "circular",
        "number": "15/2025/TT-BNV",
        "issued_on": None,
        "issuer": "Bộ Nội vụ",
        "title": "Hướng dẫn thi hành Nghị định 152/2025/NĐ-CP về thi đua, khen thưởng",
        "effective_from": None,
        "effective_to": None,
        "note": "Trích yếu ghi theo nội dung; cần đối chiếu với văn bản gốc.",
    },
    {
        "ref": "nd-30-2020",
        "kind": "decree",
        "number": "30/2020/NĐ-CP",
        "issued_on": None,
        "issuer": "Chính phủ",
        "title": "Về công tác văn thư",
        "effective_from": None,
        "effective_to": None,
        "note": "Thể thức và kỹ thuật trình bày văn bản hành chính (Phụ lục I, III).",
    },
    {
        "ref": "kh-174-2022-lang-son",
        "kind": "plan",
        "number": "174/KH-UBND",
        "issued_on": D(2022, 8, 4),
        "issuer": "UBND tỉnh Lạng Sơn",
        "title": (
            "Về phát động Phong trào thi đua “Đẩy nhanh tiến độ thực hiện giải phóng mặt bằng "
            "các dự án trọng điểm của tỉnh giai đoạn 2022-2025”"
        ),
        "effective_from": None,
        "effective_to": None,
        "note": "",
    },
    {
        "ref": "nq-06-2021-ha-nam",
        "kind": "resolution",
        "number": "06-NQ/TU",
        "issued_on": D(2021, 7, 9),
        "issuer": "Ban Thường vụ Tỉnh ủy Hà Nam",
        "title": (
            "Về tăng cường sự lãnh đạo của Đảng trong công tác giải phóng mặt bằng phục vụ phát "
            "triển kinh tế - xã hội giai đoạn 2021 - 2025"
        ),
        "effective_from": None,
        "effective_to": None,
        "note": "",
    },
    {
        "ref": "kh-3717-2021-ha-nam",
        "kind": "plan",
        "number": "3717/KH-UBND",
        "issued_on": D(2021, 12, 31),
        "issuer": "UBND tỉnh Hà Nam",
        "title": ("Về thực hiện Nghị quyết số 06-NQ/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy"),
        "effective_from": None,
        "effective_to": None,
        "note": "",
    },
]

# --- Organizations -------------------------------------------------------------------------------
# Parents come before their children, successors before the bodies they succeed.
# `names` is the name history; NAME_HISTORY_START is a placeholder start (the demo does not know
# when each current name was adopted; it only has to cover the campaigns, 2022-2025).
NAME_HISTORY_START = D(2008, 1, 1)

# The Sở TN&MT of Lạng Sơn was merged into the Sở Nông nghiệp và Môi trường in 2025
# (facts/legal.md). The exact day is an assumption to verify: 01/3/2025.
STNMT_LANG_SON_MERGED_ON = D(2025, 3, 1)


def _org(code, parent, kind, name, abbreviation, place_name, **extra):
    """One organization with a single current name (a helper to keep the table readable)."""
    entry = {
        "code": code,
        "parent": parent,
        "kind": kind,
        "name": name,
        "abbreviation": abbreviation,
        "place_name": place_name,
        "succeeded_by": None,
        "dissolved_on": None,
        "names": [
            {
                "name": name,
                "abbreviation": abbreviation,
                "valid_from": NAME_HISTORY_START,
                "valid_to": None,
            }
        ],
    }
    entry.update(extra)
    return entry


LS = "Lạng Sơn"
HN = "Hà Nam"

ORGANIZATIONS = [
    # Lạng Sơn ------------------------------------------------------------------------------------
    _org("ubnd-lang-son", None, "province", "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND", LS),
    _org(
        "snnmt-lang-son",
        "ubnd-lang-son",
        "department",
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        LS,
        names=[
            {
                "name": "Sở Nông nghiệp và Môi trường",
                "abbreviation": "SNNMT",
                "valid_from": STNMT_LANG_SON_MERGED_ON,
                "valid_to": None,
            }
        ],
    ),
    _org(
        "stnmt-lang-son",
        "ubnd-lang-son",
        "department",
        "Sở Tài nguyên và Môi trường",
        "STNMT",
        LS,
        succeeded_by="snnmt-lang-son",
        dissolved_on=STNMT_LANG_SON_MERGED_ON,
        names=[
            {
                "name": "Sở Tài nguyên và Môi trường",
                "abbreviation": "STNMT",
                "valid_from": D(2008, 1, 1),
                "valid_to": STNMT_LANG_SON_MERGED_ON - datetime.timedelta(days=1),
            }
        ],
    ),
    _org("vp-stnmt-lang-son", "stnmt-lang-son", "division", "Văn phòng Sở", "VP", LS),
    _org("ttr-stnmt-lang-son", "stnmt-lang-son", "division", "Thanh tra Sở", "TTr", LS),
    _org(
        "qldd-stnmt-lang-son",
        "stnmt-lang-son",
        "division",
        "Phòng Quản lý đất đai",
        "QLDD",
        LS,
    ),
    _org(
        "ddbdvt-stnmt-lang-son",
        "stnmt-lang-son",
        "division",
        "Phòng Đo đạc, Bản đồ và Viễn thám",
        "DDBDVT",
        LS,
    ),
    _org(
        "ttptqd-stnmt-lang-son",
        "stnmt-lang-son",
        "division",
        "Trung tâm Phát triển quỹ đất",
        "TTPTQD",
        LS,
    ),
    _org(
        "vpdkdd-stnmt-lang-son",
        "stnmt-lang-son",
        "division",
        "Văn phòng Đăng ký đất đai",
        "VPDKDD",
        LS,
    ),
    _org(
        "ttkt-stnmt-lang-son",
        "stnmt-lang-son",
        "division",
        "Trung tâm Kỹ thuật Tài nguyên và Môi trường",
        "TTKT",
        LS,
    ),
    # Bodies named in the plan's "Nơi nhận".
    _org("snv-lang-son", "ubnd-lang-son", "department", "Sở Nội vụ", "SNV", LS),
    _org("sgtvt-lang-son", "ubnd-lang-son", "department", "Sở Giao thông vận tải", "SGTVT", LS),
    _org("sct-lang-son", "ubnd-lang-son", "department", "Sở Công Thương", "SCT", LS),
    # Hà Nam --------------------------------------------------------------------------------------
    _org("ubnd-ha-nam", None, "province", "Ủy ban nhân dân tỉnh Hà Nam", "UBND", HN),
    _org("snv-ha-nam", "ubnd-ha-nam", "department", "Sở Nội vụ", "SNV", HN),
    _org(
        "tdkt-snv-ha-nam",
        "snv-ha-nam",
        "division",
        "Phòng Thi đua - Khen thưởng",
        "TDKT",
        HN,
    ),
    _org(
        "stnmt-ha-nam",
        "ubnd-ha-nam",
        "department",
        "Sở Tài nguyên và Môi trường",
        "STNMT",
        HN,
    ),
    _org("sgtvt-ha-nam", "ubnd-ha-nam", "department", "Sở Giao thông vận tải", "SGTVT", HN),
    # District-level People's Committees (before 01/7/2025 local government had three tiers).
    # OrganizationKind has no "district": they are filed as "commune", the local-government
    # tier under the province.
    _org(
        "ubnd-phu-ly",
        "ubnd-ha-nam",
        "commune",
        "Ủy ban nhân dân thành phố Phủ Lý",
        "UBND",
        "Phủ Lý",
    ),
    _org(
        "ubnd-thanh-liem",
        "ubnd-ha-nam",
        "commune",
        "Ủy ban nhân dân huyện Thanh Liêm",
        "UBND",
        "Thanh Liêm",
    ),
    _org(
        "ubnd-ly-nhan",
        "ubnd-ha-nam",
        "commune",
        "Ủy ban nhân dân huyện Lý Nhân",
        "UBND",
        "Lý Nhân",
    ),
]

# --- Campaigns -----------------------------------------------------------------------------------

LANG_SON_NAME = (
    "Đẩy nhanh tiến độ thực hiện giải phóng mặt bằng các dự án trọng điểm của tỉnh "
    "giai đoạn 2022 - 2025"
)
HA_NAM_NAME = (
    "Đẩy nhanh tiến độ giải phóng mặt bằng, phục vụ phát triển kinh tế - xã hội tỉnh Hà Nam "
    "giai đoạn 2023 - 2025"
)

LANG_SON_CAMPAIGN = {
    "code": "ls-stnmt-gpmb-2022-2025",
    "status": "published",
    "issuing_organization": "stnmt-lang-son",
    "parent_body_name": "UBND TỈNH LẠNG SƠN",
    # "Số: /KH-STNMT", "ngày tháng 8 năm 2022": number and day are blank in the original.
    "doc_number": "",
    "doc_type_abbreviation": "KH",
    "issuer_abbreviation": "",
    "place_name": "Lạng Sơn",
    "issued_day": None,
    "issued_month": 8,
    "issued_year": 2022,
    "doc_type_title": "KẾ HOẠCH",
    "summary": f"Về việc phát động Phong trào thi đua “{LANG_SON_NAME}”",
    "name": LANG_SON_NAME,
    "basis_lead": "Thực hiện",
    "basis_closing": (
        "trên cơ sở chức năng, nhiệm vụ được giao, Sở Tài nguyên và Môi trường xây dựng Kế "
        "hoạch tổ chức triển khai thực hiện, cụ thể như sau:"
    ),
    "introduction": "",
    "content_intro": (
        "Để tổ chức thực hiện phong trào thi đua có hiệu quả, các phòng, đơn vị căn cứ chức "
        "năng nhiệm vụ được giao, tập trung thực hiện các nội dung chính như sau:"
    ),
    # "từ ngày ban hành Kế hoạch": the day of issue is blank; the start is taken as 01/8/2022.
    "start_date": D(2022, 8, 1),
    "end_date": D(2025, 12, 31),
    "timeline_text": (
        "Phong trào thi đua được tổ chức thực hiện từ ngày ban hành Kế hoạch đến hết năm 2025. "
        "Tổ chức sơ kết phong trào hàng năm; tổng kết phong trào thi đua vào quý IV năm 2025."
    ),
    "annual_reviews": True,
    "final_review_year": 2025,
    "final_review_quarter": 4,
    "award_procedure_text": (
        "Thực hiện theo quy định của pháp luật về thi đua, khen thưởng và theo Hướng dẫn của "
        "Sở Nội vụ."
    ),
    "signer_authority": "",
    "signer_title": "GIÁM ĐỐC",
    "signer_name": "Bùi Văn Côi",
    "legal_bases": [
        {
            "document": "kh-174-2022-lang-son",
            "text": (
                "Kế hoạch số 174/KH-UBND ngày 04/8/2022 của UBND tỉnh Lạng Sơn về phát động "
                "Phong trào thi đua “Đẩy nhanh tiến độ thực hiện giải phóng mặt bằng các dự án "
                "trọng điểm của tỉnh giai đoạn 2022-2025”"
            ),
        },
    ],
    # List entries are stored without their leading "- ".
    "purposes": [
        (
            "Góp phần thực hiện có hiệu quả công tác giải phóng mặt bằng, kịp thời khắc phục "
            "những khó khăn, vướng mắc trong công tác giải phóng mặt bằng; giải quyết dứt điểm "
            "những vấn đề còn tồn đọng, đẩy nhanh tiến độ giải phóng mặt bằng để triển khai thực "
            "hiện các dự án, tạo bước đột phá để thu hút đầu tư, phát triển kinh tế - xã hội của "
            "tỉnh."
        ),
        (
            "Biểu dương, khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, xuất sắc và có "
            "nhiều đóng góp trong công tác giải phóng mặt bằng."
        ),
    ],
    "requirements": [
        (
            "Phong trào thi đua phải được tổ chức triển khai sâu rộng, thường xuyên tới trong cơ "
            "quan từ đó tạo khí thế thi đua sôi nổi, gắn với tạo sự đồng thuận giữa các tầng lớp "
            "Nhân dân trong triển khai thực hiện công tác giải phóng mặt bằng, đặc biệt là đối "
            "với các dự án trọng điểm của tỉnh."
        ),
        (
            "Phải coi công tác giải phóng mặt bằng là một trong những nhiệm vụ trọng tâm trong "
            "thực hiện nhiệm vụ chính trị của cơ quan góp phần hoàn thành thắng lợi các mục tiêu, "
            "nhiệm vụ phát triển kinh tế - xã hội của tỉnh."
        ),
    ],
    "content_items": [
        (
            "Tiếp tục tham mưu cho UBND tỉnh xây dựng, sửa đổi cơ chế, chính sách bồi thường, hỗ "
            "trợ, tái định cư khi nhà nước thu hồi đất trên địa bàn bảo đảm đúng quy định pháp "
            "luật và phù hợp với tình hình thực tiễn tại địa phương."
        ),
        # The seed breaks this item over a page ("phối hợp\n\nvới"): joined with one space.
        (
            "Tổ chức thẩm định phương án Bồi thường, hỗ trợ tái định cư theo thẩm quyền; thẩm "
            "định trích đo ranh giới thu hồi đất thực hiện dự án; chủ trì, phối hợp với các cơ "
            "quan có liên quan hướng dẫn kiểm tra, tổ chức thực hiện Bồi thường, hỗ trợ tái định "
            "cư đối với các trường hợp bị thu hồi đất theo quy định."
        ),
        (
            "Giải đáp, tháo gỡ khó khăn, vướng mắc trong công tác Giải phóng mặt bằng các dự án "
            "của các huyện; tổng hợp, báo cáo UBND tỉnh các nội dung khó khăn, vướng mắc trong "
            "công tác Giải phóng mặt bằng các dự án của các huyện vượt thẩm quyền."
        ),
        (
            "Thẩm định giá đất cụ thể để tính tiền bồi thường khi Nhà nước thu hồi đất của các "
            "dự án."
        ),
        (
            "Kịp thời động viên, khen thưởng các tập thể, cá nhân có thành tích tiêu biểu, xuất "
            "sắc trong công tác giải phóng mặt bằng. Lấy việc thực hiện công tác giải phóng mặt "
            "bằng là một trong những tiêu chí bình xét thi đua, khen thưởng cuối năm của cơ quan, "
            "đơn vị."
        ),
    ],
    "solutions": [
        (
            "Tăng cường sự lãnh đạo, chỉ đạo và vai trò, trách nhiệm của cấp ủy, chính quyền Sở "
            "Tài nguyên và Môi trường trong việc: lãnh đạo, chỉ đạo tổ chức thực hiện phong trào "
            "thi đua; thực hiện sơ kết, tổng kết và khen thưởng cho tập thể, cá nhân có thành "
            "tích tiêu biểu, xuất sắc trong Phong trào thi đua."
        ),
        (
            "Các phòng, đơn vị căn cứ chức năng nhiệm vụ được giao tổ chức thực hiện có hiệu quả "
            "Phong trào thi đua; thường xuyên tuyên truyền để tạo sự chuyển biến mạnh mẽ về nhận "
            "thức của đội ngũ cán bộ, người lao động về tầm quan trọng của công tác Giải phóng "
            "mặt bằng đối với sự phát triển kinh tế, xã hội của tỉnh."
        ),
        (
            "Động viên, khen thưởng kịp thời các tập thể, cá nhân có nhiều đóng góp, thành tích "
            "tiêu biểu, xuất sắc trong thực hiện phong trào thi đua."
        ),
    ],
    # The closing "/." of the last section is added by the page, not stored.
    "responsibilities": [
        (
            "Các phòng, đơn vị trực thuộc Sở trên cơ sở nội dung Kế hoạch, triển khai đến toàn "
            "thể công chức, viên chức, người lao động tổ chức thực hiện thắng lợi nhiệm vụ đề ra; "
            "Theo dõi, đề xuất khen thưởng đối với tập thể, cá nhân có thành tích xuất sắc trong "
            "thực hiện phong trào thi đua."
        ),
        (
            "Giao Văn phòng Sở theo dõi, đôn đốc các phòng, đơn vị thực hiện theo kế hoạch, tổng "
            "hợp báo cáo Hội đồng Thi đua- Khen thưởng Sở xem xét, khen thưởng và đề nghị khen "
            "thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc trong thực hiện phong "
            "trào. Tham mưu tổ chức sơ kết, đánh giá, rút kinh nghiệm hàng năm, tổng kết phong "
            "trào thi đua vào năm 2025."
        ),
    ],
    # "Nơi nhận": without "- ", the closing ";" or ".", and the stray space before ";".
    "recipients": [
        "Ban TĐKT tỉnh (Sở Nội vụ)",
        "Sở Giao thông vận tải (Cục trưởng)",
        "Sở Công Thương (Cục phó)",
        "Lãnh đạo Sở",
        "Các phòng, đơn vị trực thuộc Sở",
        "Lưu: VT, VP (LTT)",
    ],
    # Rendered "a) Tập thể: {description} ({criteria})."
    "subject_categories": [
        {
            "subject_type": "collective",
            "label": "Tập thể",
            "description": (
                "là các phòng, đơn vị trực thuộc tham mưu thực hiện các nhiệm vụ trong công tác "
                "giải phóng mặt bằng"
            ),
            "criteria": (
                "Có thành tích tiêu biểu, xuất sắc trong chỉ đạo, tổ chức thực hiện công tác giải "
                "phóng mặt bằng; hoàn thành vượt mức chỉ tiêu, tiến độ thực hiện các dự án trọng "
                "điểm trên địa bàn tỉnh; việc thực hiện đúng quy định của pháp luật, bảo đảm an "
                "ninh chính trị, trật tự an toàn xã hội trên địa bàn quản lý"
            ),
        },
        {
            "subject_type": "individual",
            "label": "Cá nhân",
            "description": (
                "Công chức, viên chức, người lao động trực tiếp tham mưu thực hiện các nhiệm vụ "
                "trong công tác giải phóng mặt bằng"
            ),
            # The seed breaks this text over a page ("xuất\n\nsắc"): joined with one space.
            "criteria": (
                "Hoàn thành xuất sắc nhiệm vụ được giao, có nhiều biện pháp, giải pháp sáng tạo, "
                "tham mưu đề xuất để đẩy nhanh công tác giải phóng mặt bằng"
            ),
        },
    ],
    # In the plan's order, labels as written in the plan.
    "award_forms": [
        {"award_form": "huan-chuong-lao-dong-hang-ba", "label": "Huân chương Lao động (hạng Ba)"},
        {
            "award_form": "bang-khen-thu-tuong-chinh-phu",
            "label": "Bằng khen của Thủ tướng Chính phủ",
        },
        {"award_form": "bang-khen-chu-tich-ubnd-tinh", "label": "Bằng khen của Chủ tịch UBND tỉnh"},
        {"award_form": "giay-khen-giam-doc-so", "label": "Giấy khen của Giám đốc Sở"},
    ],
}

# Only the announcement of the Hà Nam plan is available: what it does not say stays empty.
HA_NAM_CAMPAIGN = {
    "code": "hn-ubnd-gpmb-2023-2025",
    "status": "published",
    "issuing_organization": "ubnd-ha-nam",
    "parent_body_name": "",
    "doc_number": "1008",
    "doc_type_abbreviation": "KH",
    "issuer_abbreviation": "",
    "place_name": "Hà Nam",
    "issued_day": 24,
    "issued_month": 5,
    "issued_year": 2023,
    "doc_type_title": "KẾ HOẠCH",
    "summary": f"Về tổ chức thực hiện phong trào thi đua “{HA_NAM_NAME}”",
    "name": HA_NAM_NAME,
    "basis_lead": "Thực hiện",
    "basis_closing": "",
    # The announcement's paragraph, verbatim but for its closing quote: the page has a straight
    # '"' after an opening '“'; stored as '”'.
    "introduction": (
        "Để triển khai thực hiện có hiệu quả công tác giải phóng mặt bằng, góp phần đẩy nhanh "
        "tiến độ triển khai các dự án đầu tư, các dự án trọng điểm trên địa bàn tỉnh nhằm khai "
        "thác tối đa thời cơ, thuận lợi, góp phần thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ "
        "tỉnh Hà Nam lần thứ XX và Nghị quyết Đại hội Đảng bộ các cấp, Sở Nội vụ đã tham mưu Ủy "
        "ban nhân dân tỉnh ban hành Kế hoạch số 1008/KH-UBND ngày 24 tháng 5 năm 2023 về tổ chức "
        "thực hiện phong trào thi đua “Đẩy nhanh tiến độ giải phóng mặt bằng, phục vụ phát triển "
        "kinh tế - xã hội tỉnh Hà Nam giai đoạn 2023 - 2025”."
    ),
    "content_intro": "",
    "start_date": D(2023, 5, 24),
    "end_date": D(2025, 12, 31),
    "timeline_text": "",
    "annual_reviews": True,
    "final_review_year": 2025,
    "final_review_quarter": 4,
    "award_procedure_text": "",
    "signer_authority": "",
    "signer_title": "",
    "signer_name": "",
    "legal_bases": [
        {
            "document": "nq-06-2021-ha-nam",
            "text": (
                "Nghị quyết số 06-NQ/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy về tăng cường sự "
                "lãnh đạo của Đảng trong công tác giải phóng mặt bằng phục vụ phát triển kinh tế - "
                "xã hội giai đoạn 2021 - 2025"
            ),
        },
        {
            "document": "kh-3717-2021-ha-nam",
            "text": (
                "Kế hoạch số 3717/KH-UBND ngày 31/12/2021 của Ủy ban nhân dân tỉnh về thực hiện "
                "Nghị quyết số 06-NQ/TU ngày 09/7/2021 của Ban Thường vụ Tỉnh ủy"
            ),
        },
    ],
    # The four sentences of "Theo đó, mục đích của Kế hoạch nhằm …"; the first without the
    # journalist's lead, capitalized.
    "purposes": [
        (
            "Phát huy sức mạnh tổng hợp của cả hệ thống chính trị và sự đồng thuận các tầng lớp "
            "nhân dân trong công tác giải phóng mặt bằng, góp phần hoàn thành sớm các công trình, "
            "dự án trọng điểm trên địa bàn tỉnh, đáp ứng yêu cầu phát triển kinh tế - xã hội, đảm "
            "bảo an ninh - quốc phòng."
        ),
        (
            "Nâng cao nhận thức, trách nhiệm của các cấp ủy đảng, chính quyền, các ngành, Mặt trận "
            "Tổ quốc và các tổ chức chính trị - xã hội, các tổ chức, doanh nghiệp và người dân "
            "trong công tác giải phóng mặt bằng, đặc biệt là vai trò của người đứng đầu cấp ủy, "
            "chính quyền các cấp (nhất là chính quyền cấp huyện, cấp xã) trong lãnh đạo, chỉ đạo "
            "đối với công tác giải phóng mặt bằng trong tình hình hiện nay, đảm bảo việc giải "
            "phóng mặt bằng hoàn thành hoặc vượt tiến độ thời gian kế hoạch đề ra và đúng quy "
            "định của pháp luật."
        ),
        (
            "Nâng cao hiệu quả công tác phối hợp giữa các cấp, các ngành, Mặt trận Tổ quốc và các "
            "tổ chức chính trị - xã hội từ tỉnh đến cơ sở, với doanh nghiệp, nhà đầu tư có liên "
            "quan trong thực hiện công tác bồi thường, hỗ trợ tái định cư, bảo đảm hài hòa quyền "
            "và lợi ích của Nhà nước, doanh nghiệp, người dân."
        ),
        (
            "Biểu dương, khen thưởng các tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu, "
            "xuất sắc và có nhiều đóng góp trong công tác giải phóng mặt bằng trên địa bàn tỉnh."
        ),
    ],
    "requirements": [],
    "content_items": [],
    "solutions": [],
    "responsibilities": [],
    "recipients": [],
    # The announcement only names the subjects.
    "subject_categories": [
        {"subject_type": "collective", "label": "Tập thể", "description": "", "criteria": ""},
        {"subject_type": "individual", "label": "Cá nhân", "description": "", "criteria": ""},
        {"subject_type": "household", "label": "Hộ gia đình", "description": "", "criteria": ""},
    ],
    "award_forms": [],
}

CAMPAIGNS = [LANG_SON_CAMPAIGN, HA_NAM_CAMPAIGN]

# --- Demo users ----------------------------------------------------------------------------------
# One login per role of DESIGN §1 in each tree, plus a second unit_staff in another unit for
# cross-unit checks. `organization` is where the person works; `role_organization` is where the
# role is held (a role covers that organization's subtree). E-mail: <username>@DEMO_EMAIL_DOMAIN.
# Names are fictional, except the Director of the Lạng Sơn Sở, who signs the seed plan.
DEMO_EMAIL_DOMAIN = "example.vn"

DEMO_USERS = [
    # Lạng Sơn ------------------------------------------------------------------------------------
    {
        "username": "ls.canbo",
        "family_name": "Nông",
        "given_names": "Thị Thanh Huyền",
        "sex": "female",
        "position": "Chuyên viên",
        "organization": "qldd-stnmt-lang-son",
        "role": "unit_staff",
        "role_organization": "qldd-stnmt-lang-son",
    },
    {
        "username": "ls.canbo2",
        "family_name": "Hoàng",
        "given_names": "Văn Tuấn",
        "sex": "male",
        "position": "Viên chức",
        "organization": "ttptqd-stnmt-lang-son",
        "role": "unit_staff",
        "role_organization": "ttptqd-stnmt-lang-son",
    },
    {
        "username": "ls.lanhdao",
        "family_name": "Lộc",
        "given_names": "Văn Thắng",
        "sex": "male",
        "position": "Trưởng phòng Quản lý đất đai",
        "organization": "qldd-stnmt-lang-son",
        "role": "unit_head",
        "role_organization": "qldd-stnmt-lang-son",
    },
    {
        "username": "ls.vanphong",
        "family_name": "Vi",
        "given_names": "Thị Ngọc Lan",
        "sex": "female",
        "position": "Chánh Văn phòng Sở",
        "organization": "vp-stnmt-lang-son",
        "role": "secretariat",
        "role_organization": "stnmt-lang-son",
    },
    {
        "username": "ls.hoidong",
        "family_name": "Triệu",
        "given_names": "Đức Minh",
        "sex": "male",
        "position": "Phó Giám đốc Sở",
        "organization": "stnmt-lang-son",
        "role": "council_member",
        "role_organization": "stnmt-lang-son",
    },
    {
        "username": "ls.chutich",
        "family_name": "Bùi",
        "given_names": "Văn Côi",
        "sex": "male",
        "position": "Giám đốc Sở",
        "organization": "stnmt-lang-son",
        "role": "council_chair",
        "role_organization": "stnmt-lang-son",
    },
    {
        "username": "ls.quantri",
        "family_name": "Chu",
        "given_names": "Quang Long",
        "sex": "male",
        "position": "Quản trị hệ thống",
        "organization": "ubnd-lang-son",
        "role": "administrator",
        "role_organization": "ubnd-lang-son",
    },
    # Hà Nam --------------------------------------------------------------------------------------
    {
        "username": "hn.canbo",
        "family_name": "Trần",
        "given_names": "Thị Mai",
        "sex": "female",
        "position": "Chuyên viên Phòng Tài nguyên và Môi trường thành phố",
        "organization": "ubnd-phu-ly",
        "role": "unit_staff",
        "role_organization": "ubnd-phu-ly",
    },
    {
        "username": "hn.canbo2",
        "family_name": "Nguyễn",
        "given_names": "Văn Hùng",
        "sex": "male",
        "position": "Chuyên viên Phòng Tài nguyên và Môi trường huyện",
        "organization": "ubnd-thanh-liem",
        "role": "unit_staff",
        "role_organization": "ubnd-thanh-liem",
    },
    {
        "username": "hn.lanhdao",
        "family_name": "Đinh",
        "given_names": "Văn Quang",
        "sex": "male",
        "position": "Phó Chủ tịch Ủy ban nhân dân thành phố",
        "organization": "ubnd-phu-ly",
        "role": "unit_head",
        "role_organization": "ubnd-phu-ly",
    },
    {
        "username": "hn.vanphong",
        "family_name": "Phạm",
        "given_names": "Thị Hương",
        "sex": "female",
        "position": "Trưởng phòng Thi đua - Khen thưởng, Sở Nội vụ",
        "organization": "tdkt-snv-ha-nam",
        "role": "secretariat",
        "role_organization": "ubnd-ha-nam",
    },
    {
        "username": "hn.hoidong",
        "family_name": "Lê",
        "given_names": "Minh Tuấn",
        "sex": "male",
        "position": "Giám đốc Sở Nội vụ",
        "organization": "snv-ha-nam",
        "role": "council_member",
        "role_organization": "ubnd-ha-nam",
    },
    {
        "username": "hn.chutich",
        "family_name": "Vũ",
        "given_names": "Đức Thành",
        "sex": "male",
        "position": "Chủ tịch Ủy ban nhân dân tỉnh",
        "organization": "ubnd-ha-nam",
        "role": "council_chair",
        "role_organization": "ubnd-ha-nam",
    },
    {
        "username": "hn.quantri",
        "family_name": "Ngô",
        "given_names": "Quốc Bảo",
        "sex": "male",
        "position": "Quản trị hệ thống",
        "organization": "ubnd-ha-nam",
        "role": "administrator",
        "role_organization": "ubnd-ha-nam",
    },
]
