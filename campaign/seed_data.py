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

# --- Demo progress: key projects, tasks, indicators, reports (issue 3) ---------------------------
# Everything in this section is DEMO DATA. The project names are the provinces' key projects of
# the period; their investors, locations, areas, household counts, compensation estimates,
# resettlement lots and deadlines are plausible made-up figures, NOT official ones. The tasks,
# targets, reports, obstacles and the people below are invented for the demonstration.

# The random generator of each campaign's progress history is seeded with a fixed number:
# every run builds the same history.
DEMO_RANDOM_SEED = 20221
HA_NAM_RANDOM_SEED = 1008  # the plan's number

KEY_PROJECTS = [
    # Lạng Sơn: followed by the Sở TN&MT (the body whose campaign tracks them).
    {
        "organization": "stnmt-lang-son",
        "code": "ls-ct-dong-dang-tra-linh",
        "name": "Cao tốc Đồng Đăng – Trà Lĩnh",
        "investor": "Nhà đầu tư theo phương thức đối tác công tư (PPP)",
        "location": "Huyện Cao Lộc, huyện Văn Lãng",
        "land_area_ha": Decimal("182.40"),
        "affected_households": 846,
        "affected_organizations": 12,
        "compensation_estimate": Decimal("415.600"),
        "resettlement_lots": 96,
        "handover_deadline": D(2024, 6, 30),
    },
    {
        "organization": "stnmt-lang-son",
        "code": "ls-ct-huu-nghi-chi-lang",
        "name": "Cao tốc Hữu Nghị – Chi Lăng",
        "investor": "Nhà đầu tư theo phương thức đối tác công tư (PPP)",
        "location": "Huyện Cao Lộc, thành phố Lạng Sơn, huyện Chi Lăng",
        "land_area_ha": Decimal("291.75"),
        "affected_households": 1_352,
        "affected_organizations": 21,
        "compensation_estimate": Decimal("648.200"),
        "resettlement_lots": 164,
        "handover_deadline": D(2025, 6, 30),
    },
    {
        "organization": "stnmt-lang-son",
        "code": "ls-kcn-huu-lung",
        "name": "Khu công nghiệp Hữu Lũng",
        "investor": "Chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp",
        "location": "Huyện Hữu Lũng",
        "land_area_ha": Decimal("398.00"),
        "affected_households": 1_085,
        "affected_organizations": 6,
        "compensation_estimate": Decimal("372.500"),
        "resettlement_lots": 118,
        "handover_deadline": D(2025, 12, 31),
    },
    {
        "organization": "stnmt-lang-son",
        "code": "ls-duong-na-lan-ban-chat",
        "name": "Đường Nà Lạn – Bản Chắt",
        "investor": "Ban Quản lý dự án đầu tư xây dựng tỉnh Lạng Sơn",
        "location": "Huyện Lộc Bình, huyện Đình Lập",
        "land_area_ha": Decimal("46.30"),
        "affected_households": 214,
        "affected_organizations": 3,
        "compensation_estimate": Decimal("58.900"),
        "resettlement_lots": 18,
        "handover_deadline": D(2024, 12, 31),
    },
    {
        "organization": "stnmt-lang-son",
        "code": "ls-kdt-mai-pha",
        "name": "Khu đô thị mới Mai Pha",
        "investor": "Chủ đầu tư dự án khu đô thị",
        "location": "Thành phố Lạng Sơn",
        "land_area_ha": Decimal("118.60"),
        "affected_households": 637,
        "affected_organizations": 4,
        "compensation_estimate": Decimal("306.400"),
        "resettlement_lots": 212,
        "handover_deadline": D(2025, 12, 31),
    },
    # Hà Nam: followed by the provincial People's Committee.
    {
        "organization": "ubnd-ha-nam",
        "code": "hn-vanh-dai-5",
        "name": "Đường vành đai 5 vùng Thủ đô (đoạn qua tỉnh Hà Nam)",
        "investor": "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Hà Nam",
        "location": "Huyện Lý Nhân, huyện Bình Lục, huyện Thanh Liêm",
        "land_area_ha": Decimal("265.80"),
        "affected_households": 2_430,
        "affected_organizations": 15,
        "compensation_estimate": Decimal("812.000"),
        "resettlement_lots": 240,
        "handover_deadline": D(2025, 6, 30),
    },
    {
        "organization": "ubnd-ha-nam",
        "code": "hn-kcn-thanh-liem",
        "name": "Khu công nghiệp Thanh Liêm",
        "investor": "Chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp",
        "location": "Huyện Thanh Liêm",
        "land_area_ha": Decimal("212.40"),
        "affected_households": 1_540,
        "affected_organizations": 5,
        "compensation_estimate": Decimal("436.700"),
        "resettlement_lots": 85,
        "handover_deadline": D(2024, 12, 31),
    },
    {
        "organization": "ubnd-ha-nam",
        "code": "hn-noi-hai-cao-toc",
        "name": (
            "Đường nối hai đường cao tốc Cầu Giẽ – Ninh Bình và Hà Nội – Hải Phòng "
            "(đoạn qua tỉnh Hà Nam)"
        ),
        "investor": "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Hà Nam",
        "location": "Thị xã Duy Tiên, huyện Lý Nhân",
        "land_area_ha": Decimal("148.20"),
        "affected_households": 1_875,
        "affected_organizations": 9,
        "compensation_estimate": Decimal("528.300"),
        "resettlement_lots": 130,
        "handover_deadline": D(2024, 12, 31),
    },
    {
        "organization": "ubnd-ha-nam",
        "code": "hn-le-cong-thanh-gd3",
        "name": "Đường Lê Công Thanh giai đoạn 3",
        "investor": "Ủy ban nhân dân thành phố Phủ Lý",
        "location": "Thành phố Phủ Lý",
        "land_area_ha": Decimal("36.50"),
        "affected_households": 512,
        "affected_organizations": 4,
        "compensation_estimate": Decimal("164.800"),
        "resettlement_lots": 60,
        "handover_deadline": D(2025, 9, 30),
    },
]

# Heads of the reporting units that have no demo login: somebody must sign off (submit) their
# reports. They are records only: created with an unusable password, not in the logins table.
DEMO_REPORTERS = [
    {
        "username": "ls.lanhdao.ddbdvt",
        "family_name": "Hoàng",
        "given_names": "Văn Dũng",
        "sex": "male",
        "position": "Trưởng phòng Đo đạc, Bản đồ và Viễn thám",
        "organization": "ddbdvt-stnmt-lang-son",
    },
    {
        "username": "ls.lanhdao.ttptqd",
        "family_name": "Lương",
        "given_names": "Thị Hạnh",
        "sex": "female",
        "position": "Giám đốc Trung tâm Phát triển quỹ đất",
        "organization": "ttptqd-stnmt-lang-son",
    },
    {
        "username": "ls.lanhdao.vpdkdd",
        "family_name": "Nông",
        "given_names": "Văn Khải",
        "sex": "male",
        "position": "Giám đốc Văn phòng Đăng ký đất đai",
        "organization": "vpdkdd-stnmt-lang-son",
    },
    {
        "username": "ls.lanhdao.ttkt",
        "family_name": "Mã",
        "given_names": "Thị Thu",
        "sex": "female",
        "position": "Giám đốc Trung tâm Kỹ thuật Tài nguyên và Môi trường",
        "organization": "ttkt-stnmt-lang-son",
    },
    {
        "username": "ls.lanhdao.ttr",
        "family_name": "Lăng",
        "given_names": "Văn Sơn",
        "sex": "male",
        "position": "Chánh Thanh tra Sở",
        "organization": "ttr-stnmt-lang-son",
    },
    # Hà Nam: the district People's Committees' vice-chairs who sign off the reports of the
    # districts without a demo head login (Phủ Lý's is the demo login hn.lanhdao).
    {
        "username": "hn.lanhdao.thanhliem",
        "family_name": "Trịnh",
        "given_names": "Văn Thành",
        "sex": "male",
        "position": "Phó Chủ tịch Ủy ban nhân dân huyện Thanh Liêm",
        "organization": "ubnd-thanh-liem",
    },
    {
        "username": "hn.lanhdao.lynhan",
        "family_name": "Đặng",
        "given_names": "Thị Thu Hà",
        "sex": "female",
        "position": "Phó Chủ tịch Ủy ban nhân dân huyện Lý Nhân",
        "organization": "ubnd-ly-nhan",
    },
]


def _indicator(
    name,
    unit_of_measure,
    target,
    final=Decimal("1"),
    kind="cumulative",
    places=0,
    lag=Decimal("0"),
    capped_by=None,
):
    """One indicator; `final` is the share of the target reached at the task's deadline (a
    cumulative one follows an S-curve up to it); `places` the decimals of a reported value;
    `lag` how far (a share of the task's time) its curve trails the task's; `capped_by` the
    index of an earlier indicator of the task it never exceeds (households paid ≤ households
    that agreed)."""
    return {
        "name": name,
        "unit_of_measure": unit_of_measure,
        "target": Decimal(target),
        "kind": kind,
        "final": Decimal(final),
        "places": places,
        "lag": Decimal(lag),
        "capped_by": capped_by,
    }


# Lạng Sơn: the appraisal work of the Sở's divisions, on content items 2, 3 and 4 of the plan.
# `activities`: what the unit writes under "work done" (one is picked per report); `obstacles`:
# the difficulties (indexes in the campaign's list of obstacles, OBSTACLES below) such work
# runs into.
LANG_SON_TASKS = [
    {
        "unit": "qldd-stnmt-lang-son",
        "content_item": 2,
        "project": "ls-ct-dong-dang-tra-linh",
        "title": (
            "Thẩm định phương án bồi thường, hỗ trợ, tái định cư dự án Cao tốc Đồng Đăng – Trà Lĩnh"
        ),
        "start_date": D(2022, 8, 1),
        "deadline": D(2024, 6, 30),
        "indicators": [
            _indicator("Phương án bồi thường, hỗ trợ, tái định cư được thẩm định", "phương án", 48)
        ],
        "obstacles": [0, 1, 3, 4],
        "activities": [
            "Phối hợp Hội đồng bồi thường huyện Cao Lộc rà soát các phương án trình thẩm định.",
            "Tổ chức họp thẩm định phương án bồi thường các xã trên tuyến.",
            "Hướng dẫn huyện Văn Lãng hoàn thiện hồ sơ theo ý kiến thẩm định.",
        ],
    },
    {
        "unit": "qldd-stnmt-lang-son",
        "content_item": 2,
        "project": "ls-ct-huu-nghi-chi-lang",
        "title": (
            "Thẩm định phương án bồi thường, hỗ trợ, tái định cư dự án Cao tốc Hữu Nghị – Chi Lăng"
        ),
        "start_date": D(2023, 1, 1),
        "deadline": D(2025, 6, 30),
        "indicators": [
            _indicator("Phương án bồi thường, hỗ trợ, tái định cư được thẩm định", "phương án", 36)
        ],
        "obstacles": [0, 1, 3, 4],
        "activities": [
            "Thẩm định phương án bồi thường đoạn qua thành phố Lạng Sơn.",
            "Kiểm tra hồ sơ kiểm đếm, áp giá các phương án của huyện Chi Lăng.",
            "Trả lời kiến nghị của Hội đồng bồi thường về áp dụng chính sách hỗ trợ.",
        ],
    },
    {
        "unit": "qldd-stnmt-lang-son",
        "content_item": 4,
        "project": None,
        "title": "Thẩm định giá đất cụ thể để tính tiền bồi thường các dự án trọng điểm",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Hồ sơ giá đất cụ thể được thẩm định", "hồ sơ", 64, final="0.94")
        ],
        "obstacles": [6, 8],
        "activities": [
            "Trình Hội đồng thẩm định giá đất tỉnh các hồ sơ giá đất cụ thể.",
            "Rà soát, đối chiếu kết quả điều tra giá đất thị trường của đơn vị tư vấn.",
            "Hoàn thiện hồ sơ giá đất theo ý kiến của Hội đồng thẩm định.",
        ],
    },
    {
        "unit": "qldd-stnmt-lang-son",
        "content_item": 3,
        "project": None,
        "title": "Giải đáp, tháo gỡ vướng mắc về đất đai trong giải phóng mặt bằng của các huyện",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [_indicator("Vướng mắc được giải đáp, tháo gỡ", "vướng mắc", 120)],
        "obstacles": [0, 1, 3, 4],
        "activities": [
            "Trả lời bằng văn bản các kiến nghị của UBND các huyện về xác định nguồn gốc đất.",
            "Tham gia đoàn công tác của tỉnh kiểm tra hiện trường các dự án.",
            "Tổng hợp vướng mắc vượt thẩm quyền để báo cáo UBND tỉnh.",
        ],
    },
    {
        "unit": "ddbdvt-stnmt-lang-son",
        "content_item": 2,
        "project": None,
        "title": "Thẩm định hồ sơ trích đo địa chính ranh giới thu hồi đất các dự án",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Hồ sơ trích đo được thẩm định", "hồ sơ", 420, final="0.96"),
            _indicator("Diện tích trích đo được thẩm định", "ha", 650, final="0.93", places=2),
        ],
        "obstacles": [2, 5],
        "activities": [
            "Kiểm tra, thẩm định hồ sơ trích đo các dự án giao thông.",
            "Kiểm tra ngoại nghiệp ranh giới thu hồi đất tại hiện trường.",
            "Đối chiếu mảnh trích đo với bản đồ địa chính chính quy.",
        ],
    },
    {
        "unit": "vpdkdd-stnmt-lang-son",
        "content_item": 2,
        "project": "ls-kcn-huu-lung",
        "title": (
            "Kiểm tra, thẩm định hồ sơ trích đo ranh giới thu hồi đất dự án Khu công nghiệp "
            "Hữu Lũng"
        ),
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [_indicator("Hồ sơ trích đo được thẩm định", "hồ sơ", 180, final="0.9")],
        "obstacles": [1, 2, 5],
        "activities": [
            "Kiểm tra hồ sơ trích đo các thửa đất thu hồi tại các xã của huyện Hữu Lũng.",
            "Chỉnh lý biến động hồ sơ địa chính sau thu hồi đất.",
            "Cung cấp thông tin hồ sơ địa chính cho Hội đồng bồi thường huyện.",
        ],
    },
    {
        "unit": "ttptqd-stnmt-lang-son",
        "content_item": 2,
        "project": "ls-duong-na-lan-ban-chat",
        "title": (
            "Hướng dẫn, kiểm tra tổ chức thực hiện bồi thường, hỗ trợ, tái định cư dự án "
            "Đường Nà Lạn – Bản Chắt"
        ),
        "start_date": D(2022, 8, 1),
        "deadline": D(2024, 12, 31),
        "indicators": [
            _indicator("Phương án bồi thường được hướng dẫn lập, trình thẩm định", "phương án", 40),
            _indicator("Lượt kiểm tra, hướng dẫn tại các huyện", "lượt", 80, kind="per_period"),
        ],
        "obstacles": [0, 1, 3, 7],
        "activities": [
            "Hướng dẫn Tổ công tác huyện Lộc Bình lập phương án bồi thường.",
            "Kiểm tra việc chi trả tiền bồi thường, hỗ trợ tại các xã.",
            "Phối hợp huyện Đình Lập kiểm đếm bổ sung tài sản trên đất.",
        ],
    },
    {
        "unit": "ttptqd-stnmt-lang-son",
        "content_item": 3,
        "project": None,
        "title": "Tháo gỡ vướng mắc trong tổ chức thực hiện bồi thường tại các dự án",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Vướng mắc được giải đáp, tháo gỡ", "vướng mắc", 60, final="0.95")
        ],
        "obstacles": [0, 3, 4, 7],
        "activities": [
            "Đối thoại với các hộ chưa đồng thuận tại hiện trường dự án.",
            "Đề xuất phương án xử lý các trường hợp tồn đọng.",
            "Phối hợp UBND cấp xã vận động các hộ bàn giao mặt bằng.",
        ],
    },
    {
        "unit": "ttkt-stnmt-lang-son",
        "content_item": 4,
        "project": None,
        "title": "Lập hồ sơ xác định giá đất cụ thể phục vụ tính tiền bồi thường",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Hồ sơ giá đất cụ thể hoàn thành, trình thẩm định", "hồ sơ", 50, "0.9")
        ],
        "obstacles": [6, 8],
        "activities": [
            "Điều tra, khảo sát giá đất thị trường tại khu vực dự án.",
            "Lập chứng thư định giá đất trình Hội đồng thẩm định.",
            "Chỉnh sửa hồ sơ giá đất theo ý kiến thẩm định.",
        ],
    },
    {
        "unit": "ttkt-stnmt-lang-son",
        "content_item": 2,
        "project": "ls-kdt-mai-pha",
        "title": "Trích đo địa chính ranh giới thu hồi đất dự án Khu đô thị mới Mai Pha",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Hồ sơ trích đo ranh giới thu hồi đất hoàn thành", "hồ sơ", 150, "0.88")
        ],
        "obstacles": [2, 5, 7],
        "activities": [
            "Đo đạc, lập mảnh trích đo các thửa đất thu hồi.",
            "Phối hợp UBND phường xác định ranh giới sử dụng đất với các hộ.",
            "Hoàn thiện hồ sơ trích đo theo ý kiến của phòng chuyên môn.",
        ],
    },
    {
        "unit": "ttr-stnmt-lang-son",
        "content_item": 3,
        "project": None,
        "title": "Giải quyết kiến nghị, vướng mắc của người dân về bồi thường, hỗ trợ, tái định cư",
        "start_date": D(2022, 8, 1),
        "deadline": D(2025, 12, 31),
        "indicators": [
            _indicator("Vướng mắc, kiến nghị được giải quyết", "vướng mắc", 90, final="1.02")
        ],
        "obstacles": [0, 1, 4, 7],
        "activities": [
            "Tiếp công dân, tiếp nhận kiến nghị liên quan đến bồi thường.",
            "Xác minh, tham mưu giải quyết đơn kiến nghị của các hộ bị thu hồi đất.",
            "Kiểm tra việc thực hiện kết luận giải quyết kiến nghị tại các huyện.",
        ],
    },
]

# What each unit's report of the latest period (the last one whose due date has passed) is
# left in, so that every screen has something to do: a draft the head can submit, reports
# awaiting review, a returned one to correct, a missing one. `partial_draft`: a draft with an
# indicator not yet filled in. Units not listed are accepted as usual.
LANG_SON_LATEST = {
    "qldd-stnmt-lang-son": "draft",
    "ttptqd-stnmt-lang-son": "returned",
    "ddbdvt-stnmt-lang-son": "submitted",
    "vpdkdd-stnmt-lang-son": "submitted",
    "ttkt-stnmt-lang-son": "partial_draft",
    "ttr-stnmt-lang-son": "missing",
}
# …and in the period before it: still awaiting review (the office is behind).
LANG_SON_BEFORE_LATEST = {"ttr-stnmt-lang-son": "submitted"}
# Obstacles the latest reports carry, by unit (indexes in OBSTACLES below): raised, not handled.
LANG_SON_LATEST_OBSTACLES = {"qldd-stnmt-lang-son": 4, "ttptqd-stnmt-lang-son": 7}

# General assessment of a report ({period} is the period's label).
REPORT_NOTES = [
    "{period}: đơn vị bám sát kế hoạch, hoàn thành các nhiệm vụ được giao trong kỳ.",
    "{period}: tiếp tục tập trung thẩm định hồ sơ các dự án trọng điểm theo tiến độ của tỉnh.",
    "{period}: khối lượng hồ sơ tăng so với kỳ trước; đơn vị bố trí cán bộ làm thêm giờ.",
    "{period}: một số hồ sơ phải trả lại để hoàn thiện, tiến độ chậm hơn dự kiến.",
]
# …when the unit's figures did not move in the period.
QUIET_NOTE = (
    "{period}: trong kỳ không phát sinh nhiều hồ sơ mới; đơn vị tập trung rà soát, hoàn thiện "
    "hồ sơ tồn."
)
NOTHING_NEW = "Trong kỳ không phát sinh hồ sơ mới; tiếp tục theo dõi, đôn đốc."
PROPOSALS = [
    "Đề nghị UBND các huyện chỉ đạo Hội đồng bồi thường hoàn thiện hồ sơ trước khi trình.",
    "Đề nghị Văn phòng Sở tổng hợp, báo cáo UBND tỉnh các vướng mắc vượt thẩm quyền.",
    "Đề nghị bổ sung kinh phí thuê đơn vị tư vấn xác định giá đất.",
]

# Why the office returns a report (the unit corrects it and resubmits).
RETURN_COMMENTS = [
    "Số liệu lũy kế chưa khớp với số hồ sơ đã thẩm định theo sổ theo dõi; đề nghị rà soát lại.",
    "Chưa nêu rõ kết quả thực hiện theo từng dự án; đề nghị bổ sung.",
    "Đề nghị bổ sung khó khăn, vướng mắc và kiến nghị cụ thể của đơn vị.",
]

# Obstacles raised in reports: (description, beyond the unit's authority, resolution when the
# unit or the Sở resolved it — None when it can only be escalated to the province).
OBSTACLES = [
    (
        "Một số hộ gia đình chưa đồng ý với đơn giá bồi thường cây trồng, vật kiến trúc; đề nghị "
        "UBND tỉnh xem xét điều chỉnh đơn giá.",
        True,
        None,
    ),
    (
        "Hồ sơ nguồn gốc đất của một số thửa không rõ ràng, chưa xác định được đối tượng được "
        "bồi thường.",
        False,
        "Đã phối hợp UBND xã xác minh nguồn gốc đất, hoàn thiện hồ sơ trình thẩm định.",
    ),
    (
        "Diện tích theo hồ sơ trích đo chênh lệch với diện tích ghi trên giấy chứng nhận quyền sử "
        "dụng đất đã cấp.",
        False,
        "Đã kiểm tra hiện trường, chỉnh lý hồ sơ địa chính theo kết quả đo đạc.",
    ),
    (
        "Thiếu quỹ đất tái định cư cho các hộ phải di chuyển chỗ ở; đề nghị UBND tỉnh bố trí vốn "
        "xây dựng khu tái định cư.",
        True,
        None,
    ),
    (
        "Chưa có quy định cụ thể về hỗ trợ đối với đất nông nghiệp do UBND xã quản lý, sử dụng "
        "vào mục đích công ích.",
        True,
        None,
    ),
    (
        "Đơn vị tư vấn chậm hoàn thiện hồ sơ trích đo theo ý kiến thẩm định.",
        False,
        "Đã có văn bản đôn đốc; đơn vị tư vấn hoàn thiện, nộp lại hồ sơ.",
    ),
    (
        "Giá đất thị trường khu vực dự án biến động, hồ sơ giá đất cụ thể phải điều tra bổ sung.",
        False,
        "Đã điều tra bổ sung giá đất, trình Hội đồng thẩm định giá đất tỉnh.",
    ),
    (
        "Một số hộ có đất bị thu hồi đi làm ăn xa, chưa liên hệ được để kiểm đếm.",
        False,
        "Đã phối hợp UBND xã thông báo, tổ chức kiểm đếm vắng mặt theo quy định.",
    ),
    (
        "Hệ số điều chỉnh giá đất chưa sát giá thị trường tại khu vực dự án; đề nghị UBND tỉnh "
        "xem xét điều chỉnh.",
        True,
        None,
    ),
]
ESCALATION_NOTE = (
    "Đã tổng hợp vào danh sách vướng mắc vượt thẩm quyền, báo cáo UBND tỉnh xem xét, chỉ đạo."
)
PROVINCE_RESOLVED_NOTE = (
    "UBND tỉnh đã có ý kiến chỉ đạo; đơn vị đã triển khai thực hiện, vướng mắc được tháo gỡ."
)
HANDLING_NOTE = "Văn phòng Sở đang phối hợp các phòng chuyên môn xem xét, đề xuất hướng xử lý."
TASK_COMPLETED = "Đã hoàn thành chỉ tiêu được giao; không phát sinh khối lượng mới."
# …when a task is past its deadline with some target not reached.
OVERDUE = "Đã quá thời hạn hoàn thành; đơn vị tiếp tục hoàn thiện các hồ sơ còn lại."

# The texts of the Lạng Sơn reports (the appraisal work of a department's divisions).
LANG_SON_TEXTS = {
    "report_notes": REPORT_NOTES,
    "quiet_note": QUIET_NOTE,
    "nothing_new": NOTHING_NEW,
    "task_completed": TASK_COMPLETED,
    "overdue": OVERDUE,
    "proposals": PROPOSALS,
    # What a unit proposes with an obstacle beyond its authority.
    "beyond_proposal": PROPOSALS[1],
    "return_comments": RETURN_COMMENTS,
    "obstacles": OBSTACLES,
    "handling_note": HANDLING_NOTE,
    "escalation_note": ESCALATION_NOTE,
    "province_resolved_note": PROVINCE_RESOLVED_NOTE,
}

# --- Hà Nam: physical clearance by the district People's Committees ------------------------------
# The announcement of plan 1008/KH-UBND gives no content items (only its purposes), so the tasks
# implement none (Task.content_item is empty); none is invented. Each district clears the land of
# the key projects (above) that cross it: its share of a project's area, households and
# compensation is made up, the shares of one project adding up to less than the whole (the rest
# lies in districts without a demo unit). Areas handed over trail the households paid, which
# never exceed the households that agreed.


def _clearance(area, households, money, finals=("1", "1", "1", "1")):
    """The four indicators of a clearance task: area handed over, households that agreed to
    the compensation plan, households paid, money paid; `finals` their shares at the deadline."""
    area_final, agreed_final, paid_final, money_final = finals
    return [
        _indicator(
            "Diện tích đất đã bàn giao mặt bằng", "ha", area, area_final, places=2, lag="0.08"
        ),
        _indicator("Số hộ đã đồng ý phương án bồi thường", "hộ", households, agreed_final),
        _indicator(
            "Số hộ đã nhận tiền bồi thường, hỗ trợ",
            "hộ",
            households,
            paid_final,
            lag="0.04",
            capped_by=1,
        ),
        _indicator(
            "Số tiền bồi thường, hỗ trợ đã chi trả",
            "tỷ đồng",
            money,
            money_final,
            places=2,
            lag="0.04",
        ),
    ]


HA_NAM_TASKS = [
    {
        "unit": "ubnd-phu-ly",
        "content_item": None,
        "project": "hn-le-cong-thanh-gd3",
        "title": "Bồi thường, giải phóng mặt bằng dự án Đường Lê Công Thanh giai đoạn 3",
        "start_date": D(2023, 7, 1),
        "deadline": D(2025, 9, 30),
        "indicators": _clearance("36.50", 512, "164.80", ("0.95", "0.97", "0.96", "0.95")),
        "obstacles": [0, 1, 3, 4],
        "activities": [
            "Kiểm đếm, đo đạc hiện trạng đất đai, tài sản của các hộ tại phường Thanh Châu, "
            "phường Liêm Chính.",
            "Niêm yết công khai, lấy ý kiến về dự thảo phương án bồi thường, hỗ trợ, tái định cư.",
            "Chi trả tiền bồi thường, hỗ trợ cho các hộ đã có quyết định thu hồi đất.",
        ],
    },
    {
        "unit": "ubnd-thanh-liem",
        "content_item": None,
        "project": "hn-kcn-thanh-liem",
        "title": "Bồi thường, giải phóng mặt bằng dự án Khu công nghiệp Thanh Liêm",
        "start_date": D(2023, 5, 24),
        "deadline": D(2024, 12, 31),
        "indicators": _clearance("212.40", 1_540, "436.70"),
        "obstacles": [0, 1, 4, 5],
        "activities": [
            "Phê duyệt phương án bồi thường, hỗ trợ cho các hộ tại xã Thanh Hải, xã Thanh Nghị.",
            "Tổ chức chi trả tiền bồi thường, hỗ trợ tại trụ sở UBND các xã.",
            "Bàn giao mặt bằng sạch cho chủ đầu tư hạ tầng khu công nghiệp.",
        ],
    },
    {
        "unit": "ubnd-thanh-liem",
        "content_item": None,
        "project": "hn-vanh-dai-5",
        "title": (
            "Bồi thường, giải phóng mặt bằng dự án Đường vành đai 5 vùng Thủ đô, đoạn qua huyện "
            "Thanh Liêm"
        ),
        "start_date": D(2023, 5, 24),
        "deadline": D(2025, 6, 30),
        "indicators": _clearance("78.60", 720, "238.00", ("0.97", "0.98", "0.97", "0.97")),
        "obstacles": [0, 1, 2, 5],
        "activities": [
            "Cắm mốc giới, bàn giao mốc giải phóng mặt bằng tại thực địa.",
            "Đối thoại với các hộ chưa đồng thuận với phương án bồi thường.",
            "Chi trả tiền bồi thường, hỗ trợ và bàn giao mặt bằng từng đoạn cho nhà thầu.",
        ],
    },
    {
        "unit": "ubnd-ly-nhan",
        "content_item": None,
        "project": "hn-vanh-dai-5",
        "title": (
            "Bồi thường, giải phóng mặt bằng dự án Đường vành đai 5 vùng Thủ đô, đoạn qua huyện "
            "Lý Nhân"
        ),
        "start_date": D(2023, 5, 24),
        "deadline": D(2025, 6, 30),
        "indicators": _clearance("104.20", 960, "321.50", ("0.94", "0.96", "0.95", "0.95")),
        "obstacles": [0, 2, 3, 4],
        "activities": [
            "Kiểm đếm đất đai, tài sản của các hộ tại các xã Nhân Thịnh, Nhân Mỹ, Xuân Khê.",
            "Bốc thăm, giao đất tái định cư cho các hộ phải di chuyển chỗ ở.",
            "Vận động các hộ đã nhận tiền bàn giao mặt bằng cho chủ đầu tư.",
        ],
    },
    {
        "unit": "ubnd-ly-nhan",
        "content_item": None,
        "project": "hn-noi-hai-cao-toc",
        "title": (
            "Bồi thường, giải phóng mặt bằng dự án Đường nối hai đường cao tốc Cầu Giẽ – Ninh "
            "Bình và Hà Nội – Hải Phòng, đoạn qua huyện Lý Nhân"
        ),
        "start_date": D(2023, 5, 24),
        "deadline": D(2024, 12, 31),
        "indicators": _clearance("86.40", 1_090, "301.20"),
        "obstacles": [0, 1, 2, 3],
        "activities": [
            "Lập, thẩm định và phê duyệt phương án bồi thường theo từng xã.",
            "Chi trả tiền bồi thường, hỗ trợ cho các hộ đủ điều kiện.",
            "Phối hợp chủ đầu tư bàn giao mặt bằng các đoạn đã giải phóng xong.",
        ],
    },
]

# Obstacles of physical clearance: (description, beyond the district's authority, resolution
# when the district resolved it — None when only the province can).
HA_NAM_OBSTACLES = [
    (
        "Một số hộ gia đình chưa đồng ý với đơn giá bồi thường đất nông nghiệp và tài sản trên "
        "đất, cho rằng thấp hơn giá thị trường; đề nghị UBND tỉnh xem xét điều chỉnh.",
        True,
        None,
    ),
    (
        "Một số thửa đất chưa xác định được nguồn gốc, thời điểm sử dụng đất, chưa đủ căn cứ lập "
        "phương án bồi thường.",
        False,
        "Đã phối hợp UBND xã lấy ý kiến khu dân cư, xác nhận nguồn gốc đất; hoàn thiện hồ sơ, "
        "phê duyệt phương án bồi thường.",
    ),
    (
        "Khu tái định cư chưa hoàn thành hạ tầng kỹ thuật, chưa đủ điều kiện giao đất cho các hộ "
        "phải di chuyển chỗ ở; đề nghị UBND tỉnh bố trí vốn đẩy nhanh tiến độ xây dựng.",
        True,
        None,
    ),
    (
        "Một số hộ đã nhận tiền bồi thường nhưng chưa bàn giao mặt bằng, đề nghị được hỗ trợ thêm.",
        False,
        "Đã tổ chức đối thoại, vận động; các hộ đã bàn giao mặt bằng cho chủ đầu tư.",
    ),
    (
        "Còn mồ mả trong phạm vi thu hồi đất chưa được di chuyển.",
        False,
        "Đã phối hợp UBND xã vận động các gia đình di chuyển mồ mả đến nghĩa trang theo quy hoạch.",
    ),
    (
        "Đường điện trung thế, kênh mương thủy lợi trong phạm vi dự án chưa được di dời, ảnh "
        "hưởng đến tiến độ bàn giao mặt bằng.",
        False,
        "Đã làm việc với các đơn vị quản lý, hoàn thành di dời hạ tầng kỹ thuật.",
    ),
]

HA_NAM_PROPOSALS = [
    "Đề nghị chủ đầu tư bố trí đủ, kịp thời kinh phí chi trả bồi thường, hỗ trợ cho các hộ đã "
    "đồng ý phương án.",
    "Đề nghị UBND tỉnh xem xét, tháo gỡ các vướng mắc vượt thẩm quyền của cấp huyện.",
    "Đề nghị Sở Tài nguyên và Môi trường hướng dẫn xác định nguồn gốc đất đối với các trường hợp "
    "phức tạp.",
]

HA_NAM_TEXTS = {
    "report_notes": [
        "{period}: tập trung chỉ đạo các xã, phường đẩy nhanh tiến độ bồi thường, giải phóng "
        "mặt bằng các dự án trọng điểm.",
        "{period}: tiếp tục kiểm đếm, phê duyệt phương án bồi thường; chi trả kịp thời cho các "
        "hộ đủ điều kiện.",
        "{period}: diện tích bàn giao tăng so với kỳ trước; đã tổ chức đối thoại với các hộ chưa "
        "đồng thuận.",
        "{period}: tiến độ chậm hơn kế hoạch do còn hộ chưa đồng thuận với đơn giá bồi thường.",
    ],
    "quiet_note": (
        "{period}: trong kỳ không phát sinh khối lượng bàn giao mới; đơn vị tập trung vận động "
        "các hộ còn lại, hoàn thiện hồ sơ tồn đọng."
    ),
    "nothing_new": "Trong kỳ không phát sinh khối lượng mới; tiếp tục vận động, đôn đốc các hộ.",
    "task_completed": (
        "Đã hoàn thành bàn giao mặt bằng cho chủ đầu tư; không phát sinh khối lượng mới."
    ),
    "overdue": (
        "Đã quá thời hạn bàn giao mặt bằng; còn một số hộ chưa bàn giao, đơn vị tiếp tục vận "
        "động, xử lý dứt điểm."
    ),
    "proposals": HA_NAM_PROPOSALS,
    "beyond_proposal": HA_NAM_PROPOSALS[1],
    "return_comments": [
        "Số hộ đã nhận tiền chưa khớp với danh sách chi trả của Hội đồng bồi thường; đề nghị rà "
        "soát lại.",
        "Chưa nêu rõ kết quả thực hiện theo từng dự án, từng xã; đề nghị bổ sung.",
        "Đề nghị bổ sung khó khăn, vướng mắc và kiến nghị cụ thể của địa phương.",
    ],
    "obstacles": HA_NAM_OBSTACLES,
    "handling_note": (
        "Đã chuyển Sở Tài nguyên và Môi trường chủ trì, phối hợp các sở, ngành xem xét, đề xuất "
        "hướng xử lý."
    ),
    "escalation_note": (
        "Đã tổng hợp vào danh sách vướng mắc vượt thẩm quyền của cấp huyện, báo cáo UBND tỉnh "
        "xem xét, chỉ đạo."
    ),
    "province_resolved_note": (
        "UBND tỉnh đã có văn bản chỉ đạo; địa phương đã triển khai thực hiện, vướng mắc được "
        "tháo gỡ."
    ),
}

# The latest period, as for Lạng Sơn: a draft the demo head of Phủ Lý (hn.lanhdao) can submit,
# a report awaiting review, a returned one to correct.
HA_NAM_LATEST = {
    "ubnd-phu-ly": "draft",
    "ubnd-thanh-liem": "submitted",
    "ubnd-ly-nhan": "returned",
}
HA_NAM_LATEST_OBSTACLES = {"ubnd-phu-ly": 1, "ubnd-ly-nhan": 2}

# --- The demo campaigns' progress ----------------------------------------------------------------

PROGRESS_DEMO = [
    {
        "campaign": "ls-stnmt-gpmb-2022-2025",
        "frequency": "monthly",
        "due_days": 5,
        "reviewer": "ls.vanphong",
        # Who drafts (staff) and who submits (head) each unit's reports.
        "units": {
            "qldd-stnmt-lang-son": {"staff": "ls.canbo", "head": "ls.lanhdao"},
            "ddbdvt-stnmt-lang-son": {"staff": None, "head": "ls.lanhdao.ddbdvt"},
            "vpdkdd-stnmt-lang-son": {"staff": None, "head": "ls.lanhdao.vpdkdd"},
            "ttptqd-stnmt-lang-son": {"staff": "ls.canbo2", "head": "ls.lanhdao.ttptqd"},
            "ttkt-stnmt-lang-son": {"staff": None, "head": "ls.lanhdao.ttkt"},
            "ttr-stnmt-lang-son": {"staff": None, "head": "ls.lanhdao.ttr"},
        },
        "tasks": LANG_SON_TASKS,
        "latest": LANG_SON_LATEST,
        "before_latest": LANG_SON_BEFORE_LATEST,
        "latest_obstacles": LANG_SON_LATEST_OBSTACLES,
        "texts": LANG_SON_TEXTS,
        "random_seed": DEMO_RANDOM_SEED,
        # Chances for an older period's report (each drawn from the seeded generator).
        "missing_rate": 0.025,
        "late_rate": 0.10,
        "returned_rate": 0.07,
        "obstacle_rate": 0.09,
    },
    {
        # Periods from the plan's date, 24/5/2023, to 31/12/2025, generated with the login of
        # the provincial emulation office.
        "campaign": "hn-ubnd-gpmb-2023-2025",
        "frequency": "monthly",
        "due_days": 5,
        "reviewer": "hn.vanphong",
        "units": {
            "ubnd-phu-ly": {"staff": "hn.canbo", "head": "hn.lanhdao"},
            "ubnd-thanh-liem": {"staff": "hn.canbo2", "head": "hn.lanhdao.thanhliem"},
            "ubnd-ly-nhan": {"staff": None, "head": "hn.lanhdao.lynhan"},
        },
        "tasks": HA_NAM_TASKS,
        "latest": HA_NAM_LATEST,
        "before_latest": {},
        "latest_obstacles": HA_NAM_LATEST_OBSTACLES,
        "texts": HA_NAM_TEXTS,
        "random_seed": HA_NAM_RANDOM_SEED,
        "missing_rate": 0.04,
        "late_rate": 0.12,
        "returned_rate": 0.08,
        "obstacle_rate": 0.12,
    },
]
