"""The awards part of the province-scale data set of DESIGN §5: 5,000 nominations, the council of
30 members, its sessions and secret ballots, decisions, proposals and the award registry.

`build(ScaleConfig(...))` runs campaign.scale (the province, its campaign and four years of
progress reports) and, inside the same transaction, `_Awards` below: the scale Sở gets its
council (the `scale.hoidong01…` logins' people: 01 chairs, the Chánh Văn phòng is the secretary)
and the campaign its four award forms; units nominate collectives (themselves), individuals
(people created in bulk on their rolls) and households, twice a year (a mid-year and a year-end
round). Past rounds have gone all the way: screened, posted where the form requires it, voted
on in closed sessions (attendance, participations, anonymous ballots with receipt hashes,
written opinions of absent members, tallies that are exactly those of the ballots), then a
decision (Giấy khen) or a proposal whose outcome came back, and a registry line with the prize
money of the base salary in force on the decision date. The last year stands on AS_OF
(15 December): its mid-year round is decided or waiting for the higher level, its year-end
round is in every state (draft, submitted, returned, accepted, posted for comments, on the
agenda of an open session and of a scheduled one).

Deterministic: drawn from the builder's `rng` after the progress data (whose figures keep their
values), every date fixed; ballot keys and receipt codes too, so the same seed gives the same
rows. Fast: bulk inserts only, no services, no audit record per row (the build writes one).

Closed sessions: the database refuses writes to a closed session's rows (awards migration
0004). Sessions are inserted open, their rows written, then closed with one UPDATE, which the
triggers allow. `reset()` must delete closed sessions, which they refuse: see
`_closed_session_guards_lifted`.
"""

import datetime
import importlib
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaign import scale as campaign_scale
from campaign.models import AwardForm, CampaignAwardForm, SubjectType
from units.models import OrganizationKind, Person
from units.text import fold

from . import prizes
from .decisions import default_authority, default_recipient
from .models import (
    Attendance,
    AwardRecord,
    Ballot,
    BaseSalary,
    Council,
    CouncilMember,
    Decision,
    Nomination,
    NominationAttachment,
    Participation,
    PostingComment,
    Proposal,
    ProposalItem,
    Screening,
    Session,
    SessionItem,
    Vote,
    WrittenOpinion,
)
from .sessions import RECEIPT_ALPHABET, RECEIPT_LENGTH, quorum_required, receipt_hash
from .workdays import posting_period

ScaleExists = campaign_scale.ScaleExists
scale_exists = campaign_scale.scale_exists
scale_campaign = campaign_scale.scale_campaign

SESSION_SIZE = 120  # agenda items of one council session at most
AS_OF = (12, 15)  # (month, day) of the last year on which the awards data set stands
GOOD_ITEM = 0.9  # share of nominations the council finds convincing …
APPROVE_GOOD, APPROVE_WEAK = 0.93, 0.3  # … and a member's chance to agree with each kind
RECUSAL_RATE = 0.004
WRITTEN_OPINION_RATE = 0.6  # an absent member sends written opinions
HIGHER_LEVEL_APPROVES = 0.9
CHAIR_TITLE = "GIÁM ĐỐC"

# The award forms of the campaign: (code, label in the plan, share of nominations,
# {subject type: share}). Codes are those of campaign.seed_data (loaded when missing).
GIAY_KHEN = "giay-khen-giam-doc-so"
THU_TUONG = "bang-khen-thu-tuong-chinh-phu"
_FORMS = (
    (
        "huan-chuong-lao-dong-hang-ba",
        "Huân chương Lao động (hạng Ba)",
        3,
        {SubjectType.COLLECTIVE: 35, SubjectType.INDIVIDUAL: 65},
    ),
    (
        THU_TUONG,
        "Bằng khen của Thủ tướng Chính phủ",
        9,
        {SubjectType.COLLECTIVE: 40, SubjectType.INDIVIDUAL: 60},
    ),
    (
        "bang-khen-chu-tich-ubnd-tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        30,
        {SubjectType.COLLECTIVE: 30, SubjectType.INDIVIDUAL: 55, SubjectType.HOUSEHOLD: 15},
    ),
    (
        GIAY_KHEN,
        "Giấy khen của Giám đốc Sở",
        58,
        {SubjectType.COLLECTIVE: 20, SubjectType.INDIVIDUAL: 55, SubjectType.HOUSEHOLD: 25},
    ),
)
# Days from a proposal to the higher level's decision, by who decides.
_OUTCOME_DAYS = {
    AwardForm.Authority.PROVINCE_CHAIR: 50,
    AwardForm.Authority.PRIME_MINISTER: 140,
    AwardForm.Authority.PRESIDENT: 230,
}
_OUTCOME_ISSUERS = {
    AwardForm.Authority.PROVINCE_CHAIR: ("Chủ tịch UBND tỉnh Mẫu", "QĐ-UBND"),
    AwardForm.Authority.PRIME_MINISTER: ("Thủ tướng Chính phủ", "QĐ-TTg"),
    AwardForm.Authority.PRESIDENT: ("Chủ tịch nước", "QĐ-CTN"),
}
# The base salary before the first one of campaign.seed_data (1/7/2023), for the decisions of
# 2022 and the first half of 2023; added only when no figure is on record for those dates.
_EARLIER_BASE_SALARY = {
    "effective_from": datetime.date(2019, 7, 1),
    "amount": 1_490_000,
    "legal_basis": "Nghị định 38/2019/NĐ-CP",
    "verified": False,
}
# Stages of the last year's year-end round, with weights.
_OPEN_STAGES = (
    ("draft", 15),
    ("submitted", 20),
    ("returned", 10),
    ("accepted", 25),
    ("on_agenda", 30),
)
PAST_LEFT_RETURNED = 0.03  # returned and never corrected in a round that is over
# The first unit (scale.canbo1 / scale.lanhdao1) shows every stage of the open round, and has a
# Labour Medal and a Prime Minister's Bằng khen in the last year's mid-year round (the proposal
# still waiting for its outcome, the nomination held back for the year-end proposal).
_FIRST_UNIT_STAGES = ("draft", "submitted", "returned", "accepted", "posted", "on_agenda")
_FIRST_UNIT_MID_FORMS = ("huan-chuong-lao-dong-hang-ba", THU_TUONG)
_UNIT_WEIGHTS = {"ahead": 3.0, "on_track": 2.0, "behind": 1.0, "stalled": 0.5}

# --- Text pools: stored data, written in the language of the documents ---------------------

_POSITIONS = (
    "Chuyên viên",
    "Phó Trưởng phòng",
    "Trưởng phòng",
    "Cán bộ địa chính",
    "Công chức Địa chính – Xây dựng",
    "Viên chức",
    "Trưởng thôn",
    "Kế toán",
)
_SUMMARIES = {
    SubjectType.COLLECTIVE: (
        "{n} được thành lập theo quyết định của UBND tỉnh; có {staff} cán bộ, công chức, viên "
        "chức; thực hiện nhiệm vụ bồi thường, hỗ trợ, tái định cư và giải phóng mặt bằng trên "
        "địa bàn."
    ),
    SubjectType.INDIVIDUAL: (
        "{n}, sinh năm {born}; chức vụ: {position}, {unit}; trình độ chuyên môn: đại học "
        "chuyên ngành quản lý đất đai."
    ),
    SubjectType.HOUSEHOLD: (
        "Hộ ông (bà) {n}, thường trú tại {address}; có đất bị thu hồi để thực hiện dự án trọng "
        "điểm của tỉnh."
    ),
}
_ACHIEVEMENTS = (
    "Năm {y}: hoàn thành kiểm đếm {households} hộ, bàn giao {area} ha mặt bằng sạch cho chủ đầu "
    "tư, vượt {over}% kế hoạch được giao.",
    "Năm {y}: phối hợp chi trả {money} tỷ đồng tiền bồi thường, hỗ trợ cho {households} hộ đúng "
    "quy định, không để phát sinh khiếu nại vượt cấp.",
    "Năm {y}: giải quyết dứt điểm {cases} đơn thư, kiến nghị; vận động {households} hộ bàn giao "
    "mặt bằng trước thời hạn.",
)
_HOUSEHOLD_CONTRIBUTIONS = (
    "Tự nguyện bàn giao {m2} m² đất nông nghiệp trước thời hạn {days} ngày.",
    "Hiến {m2} m² đất ở để mở rộng đường giao thông, tự tháo dỡ công trình trên đất.",
    "Bàn giao {m2} m² đất và vận động {n} hộ lân cận cùng bàn giao mặt bằng.",
)
_MEASURES = "Chủ động tuyên truyền, đối thoại với người dân; phối hợp chặt chẽ với chủ đầu tư."
_CRITERIA = (
    "Hoàn thành xuất sắc nhiệm vụ được giao trong phong trào thi đua; có minh chứng kèm theo."
)
_RETURN_REASONS = (
    "Báo cáo thành tích chưa có số liệu cụ thể, đề nghị bổ sung.",
    "Thiếu xác nhận của cấp trình khen, đề nghị bổ sung.",
    "Đề nghị bổ sung minh chứng về kết quả bàn giao mặt bằng.",
)
_ABSENCE_REASONS = ("Đi công tác", "Nghỉ phép", "Nghỉ ốm", "Dự họp tại UBND tỉnh")
_RECUSAL_REASON = "Có quan hệ gia đình với người được đề nghị khen thưởng."
_COMMENTS = (
    "Tôi là người dân trong vùng dự án, xác nhận thành tích nêu trên là đúng.",
    "Đề nghị Hội đồng xem xét thêm số liệu bàn giao mặt bằng năm nay.",
)
_COMMENTERS = ("Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Nam", "Phạm Thị Thu")
_PLACE = "Phòng họp số 1, trụ sở Sở Tài nguyên và Môi trường tỉnh Mẫu"
_ROUND_LABELS = {"mid": "sáu tháng đầu năm", "end": "cuối năm"}


@dataclass(frozen=True)
class ScaleConfig(campaign_scale.ScaleConfig):
    nominations: int = 5000

    def errors(self) -> list[str]:
        problems = super().errors()
        if self.nominations < 0:
            problems.append(gettext("The number of nominations cannot be negative."))
        return problems


def as_of(last_year: int) -> datetime.date:
    """The day the awards data set stands on: what is posted, open or pending then."""
    return datetime.date(last_year, *AS_OF)


def build(config: ScaleConfig | None = None, log=None) -> campaign_scale.ScaleResult:
    """The whole scale data set (progress and awards); refuses when it is already there."""
    return campaign_scale.build(config or ScaleConfig(), log, extensions=[_seed_awards])


def reset(log=None) -> Counter:
    """Deletes the scale province with its awards rows (only that tree)."""
    return campaign_scale.reset(log, before=_delete_awards)


# --- The build ----------------------------------------------------------------------------------


@dataclass
class _Nominee:
    index: int
    year: int
    round: str  # "mid" or "end"
    unit: object  # campaign.scale._UnitPlan
    form: AwardForm
    subject: str
    stage: str  # draft … on_agenda, or "council" for a round that is over
    created: datetime.date
    submitted: datetime.date | None = None
    screened: datetime.date | None = None
    person: Person | None = None
    nomination: Nomination | None = None
    status: str = Nomination.Status.DRAFT
    last_change: datetime.datetime | None = None
    award: dict | None = None  # what the registry line says, once awarded
    household: tuple | None = None  # (family name, given names, sex) of its head
    item: SessionItem | None = None


@dataclass
class _Meeting:
    year: int
    round: str
    number: int
    day: datetime.date
    status: str
    nominees: list = field(default_factory=list)
    session: Session | None = None


def _seed_awards(builder) -> None:
    _Awards(builder).run()


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class _Awards:
    def __init__(self, builder):
        self.b = builder
        self.rng = builder.rng
        self.config = builder.config
        self.department = builder.department
        self.campaign = builder.campaign
        self.office = builder.secretariat
        self.first_year = builder.campaign.start_date.year
        self.last_year = builder.campaign.end_date.year
        self.as_of = as_of(self.last_year)
        self.count = getattr(self.config, "nominations", ScaleConfig.nominations)
        self._posting = {}
        self.receipts = set()

    def at(self, day: datetime.date, minutes: int = 0) -> datetime.datetime:
        return self.b.at(day, minutes)

    def timed(self, label, started: float, rows: int) -> None:
        self.b.step(label, started, rows)

    def run(self) -> None:
        t = time.perf_counter()
        self.master_data()
        self.timed(_("Award forms, base salaries, the campaign's award forms"), t, len(_FORMS))
        t = time.perf_counter()
        self.council()
        self.timed(_("Council and its members"), t, 1 + len(self.members))
        t = time.perf_counter()
        self.plan_nominations()
        meetings = self.plan_meetings()
        self.plan_documents(meetings)
        self.timed(_("Nominations, votes and decisions: generating"), t, 0)
        t = time.perf_counter()
        rows = self.write_nominations()
        self.timed(_("Nominations, nominees, screenings, comments"), t, rows)
        t = time.perf_counter()
        rows = self.write_meetings(meetings)
        self.timed(_("Council sessions, attendance, ballots, opinions"), t, rows)
        t = time.perf_counter()
        rows = self.write_documents()
        self.timed(_("Decisions, proposals, award registry"), t, rows)
        models = (Nomination, Screening, Session, SessionItem, Participation, Ballot)
        models += (WrittenOpinion, Attendance, AwardRecord, Decision, Proposal, ProposalItem)
        self.b.analysed_tables.extend(model._meta.db_table for model in models)

    # --- master data and the council -----------------------------------------------------------

    def master_data(self) -> None:
        # The award forms and base salaries of the demo seed, created only where missing.
        from .management.commands.seed_demo import Seeder, load_award_forms, load_base_salaries

        seeder = Seeder()
        forms = load_award_forms(seeder)
        load_base_salaries(seeder)
        if BaseSalary.objects.in_force_on(datetime.date(self.first_year, 1, 1)) is None:
            BaseSalary.objects.get_or_create(
                effective_from=_EARLIER_BASE_SALARY["effective_from"],
                defaults=_EARLIER_BASE_SALARY,
            )
        self.salaries = sorted(BaseSalary.objects.values_list("effective_from", "amount"))
        self.forms = [forms[code] for code, *_rest in _FORMS]
        self.form_weights = [share for _code, _label, share, _subjects in _FORMS]
        self.subjects = {
            forms[code].pk: (list(subjects), list(subjects.values()))
            for code, _label, _share, subjects in _FORMS
        }
        self.b.insert(
            CampaignAwardForm,
            [
                CampaignAwardForm(
                    campaign=self.campaign, award_form=forms[code], order=order, label=label
                )
                for order, (code, label, _share, _subjects) in enumerate(_FORMS, start=1)
            ],
        )
        self.posted_form = next((f for f in self.forms if f.requires_public_posting), None)

    def base_salary(self, day: datetime.date) -> int:
        amount = None
        for effective_from, value in self.salaries:
            if effective_from <= day:
                amount = value
        if amount is None:
            raise prizes.NoBaseSalary(f"no base salary in force on {day}")
        return amount

    def council(self) -> None:
        people = list(
            Person.objects.filter(
                user__username__startswith=f"{campaign_scale.USERNAME_PREFIX}hoidong"
            ).order_by("user__username")
        )
        council = Council(
            organization=self.department,
            name=f"Hội đồng Thi đua – Khen thưởng {self.department.name}",
            size=len(people),
        )
        self.b.insert(Council, [council])
        members, secretary = [], None
        for order, person in enumerate(people, start=1):
            if order == 1:
                role = CouncilMember.Role.CHAIR
            elif person.position.startswith("Phó Giám đốc"):
                role = CouncilMember.Role.VICE_CHAIR
            elif secretary is None and person.position.startswith("Chánh Văn phòng"):
                role = secretary = CouncilMember.Role.SECRETARY
            else:
                role = CouncilMember.Role.MEMBER
            members.append(CouncilMember(council=council, person=person, role=role, order=order))
        if secretary is None and len(members) > 1:
            members[-1].role = CouncilMember.Role.SECRETARY
        self.b.insert(CouncilMember, members)
        self.council_row, self.members = council, members
        self.chair = people[0]
        self.required = {f.pk: f.required_approvals(council.size) for f in self.forms}
        # Every form asks the same quorum in the seeds; the strictest one holds for a session.
        self.quorum = max(quorum_required(council.size, f.quorum_percent) for f in self.forms)

    # --- nominations -------------------------------------------------------------------------

    def posting(self, accepted: datetime.date, form: AwardForm):
        if not form.requires_public_posting:
            return None, None
        key = (accepted, form.posting_working_days)
        if key not in self._posting:
            self._posting[key] = posting_period(accepted, form.posting_working_days)
        return self._posting[key]

    def plan_nominations(self) -> None:
        rng, units = self.rng, self.b.units
        years = list(range(self.first_year, self.last_year + 1))
        year_weights = [1 + 0.15 * k for k in range(len(years))]
        unit_weights = [_UNIT_WEIGHTS.get(u.profile, 1.0) for u in units]
        stages, stage_weights = zip(*_OPEN_STAGES, strict=True)
        collectives = set()
        people_by_unit = defaultdict(list)  # for the individuals nominated again later
        self.nominees, self.people = [], []
        for i in range(self.count):
            year = rng.choices(years, year_weights)[0]
            round_ = "mid" if rng.random() < 0.3 else "end"
            unit = rng.choices(units, unit_weights)[0]
            form = rng.choices(self.forms, self.form_weights)[0]
            subject_names, subject_weights = self.subjects[form.pk]
            subject = rng.choices(subject_names, subject_weights)[0]
            open_stage = rng.choices(stages, stage_weights)[0]
            left_returned = rng.random() < PAST_LEFT_RETURNED
            created_offset, submit_days, screen_days = (
                rng.randint(0, 25),
                rng.randint(3, 15),
                rng.randint(2, 10),
            )
            again, name_draw = rng.random(), rng.random()
            if i < len(_FIRST_UNIT_STAGES):
                # scale.canbo1's unit shows every stage of the open round.
                year, round_, unit = years[-1], "end", units[0]
                open_stage = _FIRST_UNIT_STAGES[i]
                if open_stage == "posted":
                    open_stage = "accepted"
                    if self.posted_form is not None:
                        form = self.posted_form
                if subject not in self.subjects[form.pk][0]:
                    subject = SubjectType.INDIVIDUAL
            elif i - len(_FIRST_UNIT_STAGES) < len(_FIRST_UNIT_MID_FORMS):
                year, round_, unit = years[-1], "mid", units[0]
                code = _FIRST_UNIT_MID_FORMS[i - len(_FIRST_UNIT_STAGES)]
                form = next((f for f in self.forms if f.code == code), form)
                if subject not in self.subjects[form.pk][0]:
                    subject = SubjectType.INDIVIDUAL
            if subject == SubjectType.HOUSEHOLD and unit.org.kind != OrganizationKind.COMMUNE:
                subject = SubjectType.INDIVIDUAL  # households live in communes
            if subject == SubjectType.COLLECTIVE:
                if (unit.index, year, form.pk) in collectives:
                    subject = SubjectType.INDIVIDUAL
                else:
                    collectives.add((unit.index, year, form.pk))
            start = datetime.date(year, 5, 2) if round_ == "mid" else datetime.date(year, 10, 15)
            created = start + datetime.timedelta(days=created_offset)
            current = year == self.last_year and round_ == "end"
            nominee = _Nominee(
                index=i,
                year=year,
                round=round_,
                unit=unit,
                form=form,
                subject=subject,
                stage=open_stage if current else ("returned" if left_returned else "council"),
                created=created,
            )
            if nominee.stage != "draft":
                nominee.submitted = created + datetime.timedelta(days=submit_days)
            if nominee.stage not in ("draft", "submitted"):
                nominee.screened = nominee.submitted + datetime.timedelta(days=screen_days)
                if current and nominee.stage == "accepted" and form.requires_public_posting:
                    # Posted for comments on AS_OF: accepted in the week before.
                    nominee.screened = self.as_of - datetime.timedelta(days=1 + screen_days % 6)
                elif current and nominee.stage == "on_agenda":
                    # Its posting (if any) is over before the session opens on AS_OF.
                    nominee.screened = min(nominee.screened, datetime.date(year, 11, 25))
            if subject == SubjectType.INDIVIDUAL:
                known = people_by_unit[unit.index]
                if known and again < 0.2 and known[-1][0] < year:
                    nominee.person = known[-1][1]
                else:
                    family, given, sex = campaign_scale._person_name(rng)
                    nominee.person = Person(
                        full_name=f"{family} {given}",
                        position=_POSITIONS[int(name_draw * len(_POSITIONS))],
                        organization_id=unit.org.pk,
                        sex=sex,
                        birth_year=1965 + int(name_draw * 33),
                    )
                    self.people.append(nominee.person)
                    known.append((year, nominee.person))
            elif subject == SubjectType.HOUSEHOLD:
                nominee.household = campaign_scale._person_name(rng)
            self.nominees.append(nominee)

    # --- council sessions and their votes ------------------------------------------------------

    def plan_meetings(self) -> list[_Meeting]:
        """Sessions of every round, and the votes of the closed ones (their tallies decide
        what passed)."""
        rounds = defaultdict(list)
        for nominee in self.nominees:
            if nominee.stage in ("council", "on_agenda"):
                rounds[(nominee.year, nominee.round)].append(nominee)
        meetings = []
        for (year, round_), nominees in sorted(rounds.items()):
            current = year == self.last_year and round_ == "end"
            nominees.sort(key=lambda n: (n.form.rank, n.index))
            # After the last posting of the round has ended.
            first = datetime.date(year, 7, 15) if round_ == "mid" else datetime.date(year, 12, 22)
            if current:
                first = self.as_of
            for n in nominees:
                _from, until = self.posting(n.screened, n.form)
                if until and until >= first:
                    first = until + datetime.timedelta(days=1)
            day = _weekday(first)
            if current:
                # The open session takes about 60 % of the agenda, the rest waits for the
                # next one(s), already scheduled.
                cut = min(SESSION_SIZE, -(-len(nominees) * 3 // 5))
                chunks = [nominees[:cut]] + _chunks(nominees[cut:], SESSION_SIZE)
            else:
                chunks = _chunks(nominees, SESSION_SIZE)
            for number, chunk in enumerate(chunks, start=1):
                if current:
                    status = Session.Status.OPEN if number == 1 else Session.Status.SCHEDULED
                else:
                    status = Session.Status.CLOSED
                meeting = _Meeting(year, round_, number, day, status)
                meeting.nominees = chunk
                meetings.append(meeting)
                day = _weekday(day + datetime.timedelta(days=1 if not current else 7))
        for meeting in meetings:
            self.plan_votes(meeting)
        return meetings

    def plan_votes(self, meeting: _Meeting) -> None:
        rng, members = self.rng, self.members
        meeting.attendance, meeting.votes = [], []
        if meeting.status == Session.Status.SCHEDULED:
            for nominee in meeting.nominees:
                nominee.status = Nomination.Status.ON_AGENDA
            return
        # Absent: never the chair, at most what the quorum allows; in the open session
        # scale.hoidong02 is present (the benchmark's member has a ballot to fill in).
        voting_open = meeting.status == Session.Status.OPEN
        candidates = range(2 if voting_open else 1, len(members))
        absent_count = rng.randint(0, max(len(members) - self.quorum, 0))
        absent = set(rng.sample(candidates, min(absent_count, len(candidates))))
        for k, member in enumerate(members):
            reason = _ABSENCE_REASONS[rng.randrange(len(_ABSENCE_REASONS))] if k in absent else ""
            writes = k in absent and rng.random() < WRITTEN_OPINION_RATE
            meeting.attendance.append((member, k not in absent, reason, writes))
        for nominee in meeting.nominees:
            good = rng.random() < GOOD_ITEM
            chance = APPROVE_GOOD if good else APPROVE_WEAK
            ballots, participations, opinions = [], [], []
            for k, (member, present, _reason, writes) in enumerate(meeting.attendance):
                draw, recuse_draw = rng.random(), rng.random()
                choice = Vote.APPROVE if draw < chance else Vote.REJECT
                if not present:
                    if writes:
                        opinions.append((member, choice))
                    continue
                if voting_open and (k < 3 or recuse_draw < 0.5):
                    continue  # has not voted yet (the chair, 02 and 03 among them)
                if recuse_draw < RECUSAL_RATE:
                    participations.append((member, Participation.Kind.RECUSED))
                    continue
                participations.append((member, Participation.Kind.VOTED))
                digest = receipt_hash("".join(rng.choices(RECEIPT_ALPHABET, k=RECEIPT_LENGTH)))
                while digest in self.receipts:  # receipt hashes are unique: draw again
                    digest = receipt_hash("".join(rng.choices(RECEIPT_ALPHABET, k=RECEIPT_LENGTH)))
                self.receipts.add(digest)
                ballots.append((uuid.UUID(int=rng.getrandbits(128), version=4), choice, digest))
            meeting.votes.append((nominee, participations, ballots, opinions))
            if voting_open:
                nominee.status = Nomination.Status.ON_AGENDA
                continue
            approvals = sum(1 for _id, choice, _code in ballots if choice == Vote.APPROVE)
            written = sum(1 for _m, choice in opinions if choice == Vote.APPROVE)
            passed = approvals + written >= self.required[nominee.form.pk]
            nominee.status = Nomination.Status.PASSED if passed else Nomination.Status.NOT_PASSED
            nominee.last_change = self.at(meeting.day, 180)

    # --- decisions, proposals, outcomes --------------------------------------------------------

    def plan_documents(self, meetings: list[_Meeting]) -> None:
        rng = self.rng
        decisions, proposals = [], []
        for meeting in meetings:
            if meeting.status != Session.Status.CLOSED:
                continue
            by_form = defaultdict(list)
            for nominee in meeting.nominees:
                if nominee.status == Nomination.Status.PASSED:
                    by_form[nominee.form.pk].append(nominee)
            for form in self.forms:
                passed = by_form.get(form.pk)
                if not passed:
                    continue
                if form.decided_internally:
                    day = _weekday(meeting.day + datetime.timedelta(days=7))
                    decisions.append((day, meeting, form, passed))
                    continue
                if meeting.year == self.last_year and form.code == THU_TUONG:
                    # Held back to go up with the year-end round: still PASSED.
                    continue
                day = _weekday(meeting.day + datetime.timedelta(days=8))
                answer = day + datetime.timedelta(
                    days=_OUTCOME_DAYS.get(form.authority, 90) + rng.randint(0, 20)
                )
                approved = [rng.random() < HIGHER_LEVEL_APPROVES for _ in passed]
                number = rng.randint(100, 3999)
                proposals.append((day, meeting, form, passed, answer, approved, number))
        self.decisions, self.proposals = [], []
        series = Counter()
        abbreviation = self.department.abbreviation
        for day, meeting, form, passed in sorted(decisions, key=lambda d: (d[0], d[2].rank)):
            series[day.year] += 1
            base = self.base_salary(day)
            decision = Decision(
                organization=self.department,
                campaign=self.campaign,
                award_form=form,
                year=day.year,
                number=series[day.year],
                symbol=f"QĐ-{abbreviation}",
                date=day,
                signer_name=self.chair.full_name,
                signer_title=CHAIR_TITLE,
                authority=self.authority(day),
                base_salary=base,
                created_by=self.office,
                created_at=self.at(day, 120),
            )
            decision.meeting = meeting
            self.decisions.append(decision)
            for nominee in passed:
                nominee.status = Nomination.Status.AWARDED
                nominee.last_change = decision.created_at
                nominee.award = {
                    "source": AwardRecord.Source.DECISION,
                    "decision": decision,
                    "decision_number": decision.number_symbol,
                    "decision_date": day,
                    "issuer": decision.authority,
                    "prize_amount": prizes.amount_for_base(form, nominee.subject, base),
                }
        series = Counter()
        ordered = sorted(proposals, key=lambda p: (p[0], p[2].rank))
        for day, meeting, form, passed, answer, approved, number in ordered:
            series[day.year] += 1
            answered = answer <= self.as_of
            issuer, symbol = _OUTCOME_ISSUERS.get(form.authority, ("UBND tỉnh Mẫu", "QĐ-UBND"))
            proposal = Proposal(
                organization=self.department,
                campaign=self.campaign,
                award_form=form,
                year=day.year,
                number=series[day.year],
                symbol=f"TTr-{abbreviation}",
                date=day,
                recipient=default_recipient(form),
                signer_name=self.chair.full_name,
                signer_title=CHAIR_TITLE,
                status=Proposal.Status.ANSWERED if answered else Proposal.Status.SENT,
                created_by=self.office,
                created_at=self.at(day, 120),
            )
            if answered:
                proposal.outcome_number = f"{number}/{symbol}"
                proposal.outcome_date = answer
                proposal.outcome_issuer = issuer
            proposal.meeting = meeting
            proposal.entries = []
            self.proposals.append(proposal)
            base = self.base_salary(answer) if answered else 0
            for order, (nominee, yes) in enumerate(zip(passed, approved, strict=True), start=1):
                if not answered:
                    outcome = ProposalItem.Outcome.PENDING
                    nominee.status = Nomination.Status.PROPOSED
                    nominee.last_change = proposal.created_at
                elif yes:
                    outcome = ProposalItem.Outcome.APPROVED
                    nominee.status = Nomination.Status.AWARDED
                    nominee.last_change = self.at(answer, 60)
                    nominee.award = {
                        "source": AwardRecord.Source.PROPOSAL,
                        "proposal": proposal,
                        "decision_number": proposal.outcome_number,
                        "decision_date": answer,
                        "issuer": issuer,
                        "prize_amount": prizes.amount_for_base(form, nominee.subject, base),
                    }
                else:
                    outcome = ProposalItem.Outcome.NOT_APPROVED
                    nominee.status = Nomination.Status.REJECTED
                    nominee.last_change = self.at(answer, 60)
                proposal.entries.append((nominee, order, outcome))

    def authority(self, day: datetime.date) -> str:
        if not hasattr(self, "_authority"):
            self._authority = {}
        if day not in self._authority:
            self._authority[day] = default_authority(self.department, day)
        return self._authority[day]

    # --- writing -------------------------------------------------------------------------------

    def write_nominations(self) -> int:
        rng = self.rng
        self.b.insert(Person, self.people)
        staff_by_unit = {u.org.pk: (u.staff, u.head) for u in self.b.units if u.staff}
        nominations, screenings, comments = [], [], []
        for n in self.nominees:
            unit = n.unit.org
            staff, head = staff_by_unit.get(unit.pk, (None, None))
            figures = {
                "y": n.year,
                "households": rng.randint(20, 400),
                "area": rng.randint(2, 60),
                "over": rng.randint(2, 35),
                "money": rng.randint(3, 250),
                "cases": rng.randint(3, 60),
            }
            achievements = _ACHIEVEMENTS[n.index % len(_ACHIEVEMENTS)].format(**figures)
            nomination = Nomination(
                campaign=self.campaign,
                award_form=n.form,
                unit=unit,
                year=n.year,
                subject_type=n.subject,
                achievements=achievements,
                measures=_MEASURES,
                criteria_met=_CRITERIA,
                created_by=staff,
                created_at=self.at(n.created, 30 + n.index % 400),
            )
            if n.subject == SubjectType.COLLECTIVE:
                nomination.nominee_organization = unit
                name = unit.name
                summary = _SUMMARIES[n.subject].format(n=name, staff=rng.randint(8, 60))
            elif n.subject == SubjectType.INDIVIDUAL:
                nomination.nominee_person_id = n.person.pk
                name = n.person.full_name
                summary = _SUMMARIES[n.subject].format(
                    n=name, born=n.person.birth_year, position=n.person.position, unit=unit.name
                )
            else:
                family, given, _sex = n.household
                name = f"{family} {given}"
                commune = unit.name.removeprefix("UBND ").strip()
                address = f"Thôn {rng.randint(1, 12)}, {commune}"
                contribution = _HOUSEHOLD_CONTRIBUTIONS[n.index % 3].format(
                    m2=rng.randint(80, 3000), days=rng.randint(5, 60), n=rng.randint(2, 15)
                )
                nomination.household_head = name
                nomination.household_address = address
                nomination.household_commune = commune
                nomination.household_contribution = contribution
                summary = _SUMMARIES[n.subject].format(n=name, address=address)
            nomination.nominee_name = name
            nomination.nominee_name_folded = fold(name)
            nomination.summary = summary
            last = nomination.created_at
            if n.submitted:
                nomination.submitted_at = last = self.at(n.submitted, 90 + n.index % 300)
                nomination.submitted_by = head
                nomination.status = Nomination.Status.SUBMITTED
            if n.screened:
                screened_at = last = self.at(n.screened, 60 + n.index % 420)
                returned = n.stage == "returned"
                if returned:
                    reason = _RETURN_REASONS[n.index % len(_RETURN_REASONS)]
                    nomination.status = Nomination.Status.RETURNED
                    nomination.return_reason = reason
                else:
                    nomination.status = Nomination.Status.ACCEPTED
                    posted = self.posting(n.screened, n.form)
                    nomination.posted_from, nomination.posted_until = posted
                screenings.append(
                    Screening(
                        nomination=nomination,
                        dossier_complete=not returned or n.index % 2 == 0,
                        subject_allowed=True,
                        criteria_met=not returned or n.index % 2 == 1,
                        criteria_evidence=achievements if not returned else "",
                        prior_awards_checked=True,
                        note=nomination.return_reason,
                        screened_by=self.office,
                        screened_at=screened_at,
                    )
                )
                if nomination.posted_from and nomination.posted_from <= self.as_of:
                    for k in range(rng.choice((0, 0, 1, 2))):
                        day = min(nomination.posted_from + datetime.timedelta(days=k), self.as_of)
                        comments.append(
                            PostingComment(
                                nomination=nomination,
                                author_name=_COMMENTERS[(n.index + k) % len(_COMMENTERS)],
                                body=_COMMENTS[(n.index + k) % len(_COMMENTS)],
                                created_at=self.at(day, 240 + k),
                                read_at=self.at(day, 480) if n.stage == "council" else None,
                            )
                        )
            if n.stage in ("council", "on_agenda"):
                nomination.status = n.status
            if n.last_change and n.last_change > last:
                last = n.last_change
            nomination.last_change = last
            n.nomination = nomination
            nominations.append(nomination)
        self.b.insert(Nomination, nominations)
        # updated_at is auto_now (a bulk insert stamps today): the time of the last step.
        for nomination in nominations:
            nomination.updated_at = nomination.last_change
        Nomination.objects.bulk_update(nominations, ["updated_at"], batch_size=1000)
        for screening in screenings:
            screening.nomination_id = screening.nomination.pk
        for comment in comments:
            comment.nomination_id = comment.nomination.pk
        self.b.insert(Screening, screenings)
        self.b.insert(PostingComment, comments)
        return len(self.people) + len(nominations) + len(screenings) + len(comments)

    def write_meetings(self, meetings: list[_Meeting]) -> int:
        sessions = []
        for m in meetings:
            label = _ROUND_LABELS[m.round]
            more = sum(1 for o in meetings if (o.year, o.round) == (m.year, m.round)) > 1
            title = f"Phiên họp xét khen thưởng {label} năm {m.year}"
            if more:
                title += f" (phiên {m.number})"
            scheduled = self.at(m.day)
            # Closed sessions are written open and closed at the end (see the module doc).
            status = Session.Status.SCHEDULED if m.status == Session.Status.SCHEDULED else "open"
            m.session = Session(
                council=self.council_row,
                campaign=self.campaign,
                title=title,
                scheduled_at=scheduled,
                place=_PLACE,
                status=status,
                members_total=None if status == Session.Status.SCHEDULED else len(self.members),
                opened_at=None
                if status == Session.Status.SCHEDULED
                else scheduled + datetime.timedelta(minutes=30),
                closed_at=scheduled + datetime.timedelta(hours=3)
                if m.status == Session.Status.CLOSED
                else None,
                created_by=self.office,
            )
            sessions.append(m.session)
        self.b.insert(Session, sessions)
        attendance, items = [], []
        for m in meetings:
            for member, present, reason, _writes in m.attendance:
                attendance.append(
                    Attendance(
                        session_id=m.session.pk,
                        member_id=member.pk,
                        present=present,
                        absence_reason=reason,
                    )
                )
            votes = {nominee.index: rest for nominee, *rest in m.votes}
            for order, nominee in enumerate(m.nominees, start=1):
                item = SessionItem(
                    session_id=m.session.pk, nomination_id=nominee.nomination.pk, order=order
                )
                nominee.item = item
                if m.status == Session.Status.CLOSED:
                    participations, ballots, opinions = votes[nominee.index]
                    approve = sum(1 for _id, c, _code in ballots if c == Vote.APPROVE)
                    written = sum(1 for _m, c in opinions if c == Vote.APPROVE)
                    item.approvals = approve
                    item.rejections = len(ballots) - approve
                    item.written_approvals = written
                    item.written_rejections = len(opinions) - written
                    item.recusals = sum(
                        1 for _m, kind in participations if kind == Participation.Kind.RECUSED
                    )
                    item.required = self.required[nominee.form.pk]
                    item.passed = approve + written >= item.required
                items.append(item)
        self.b.insert(Attendance, attendance)
        self.b.insert(SessionItem, items)
        participations, ballots, opinions = [], [], []
        for m in meetings:
            recorded = self.at(m.day, 60)
            session_ballots = []
            for nominee, member_rows, ballot_rows, opinion_rows in m.votes:
                item_id = nominee.item.pk
                for member, kind in member_rows:
                    participations.append(
                        Participation(
                            item_id=item_id,
                            member_id=member.pk,
                            kind=kind,
                            recusal_reason=_RECUSAL_REASON
                            if kind == Participation.Kind.RECUSED
                            else "",
                        )
                    )
                for ballot_id, choice, digest in ballot_rows:
                    session_ballots.append(
                        Ballot(id=ballot_id, item_id=item_id, choice=choice, receipt_hash=digest)
                    )
                for member, choice in opinion_rows:
                    opinions.append(
                        WrittenOpinion(
                            item_id=item_id,
                            member_id=member.pk,
                            choice=choice,
                            recorded_by=self.office,
                            recorded_at=recorded,
                        )
                    )
            if m.status == Session.Status.CLOSED:
                # As close_session() leaves them: the whole session's ballots in a random
                # order, so that no physical order follows the voters or the items.
                self.rng.shuffle(session_ballots)
            ballots += session_ballots
        self.b.insert(Participation, participations)
        self.b.insert(Ballot, ballots)
        self.b.insert(WrittenOpinion, opinions)
        closed = [m.session.pk for m in meetings if m.status == Session.Status.CLOSED]
        # One UPDATE: open → closed is what the guard triggers allow; from now on they refuse
        # any change to these sessions' rows.
        Session.objects.filter(pk__in=closed).update(status=Session.Status.CLOSED)
        return (
            len(sessions)
            + len(attendance)
            + len(items)
            + len(participations)
            + len(ballots)
            + len(opinions)
        )

    def write_documents(self) -> int:
        for document in (*self.decisions, *self.proposals):
            document.session_id = document.meeting.session.pk
        self.b.insert(Decision, self.decisions)
        self.b.insert(Proposal, self.proposals)
        entries = [
            ProposalItem(
                proposal_id=proposal.pk,
                nomination_id=nominee.nomination.pk,
                order=order,
                outcome=outcome,
            )
            for proposal in self.proposals
            for nominee, order, outcome in proposal.entries
        ]
        self.b.insert(ProposalItem, entries)
        records = []
        for n in self.nominees:
            if not n.award:
                continue
            nomination = n.nomination
            award = dict(n.award)
            document = award.pop("decision", None) or award.pop("proposal", None)
            if award["source"] == AwardRecord.Source.DECISION:
                award["decision_id"] = document.pk
            else:
                award["proposal_id"] = document.pk
            records.append(
                AwardRecord(
                    nomination_id=nomination.pk,
                    campaign_id=self.campaign.pk,
                    award_form_id=n.form.pk,
                    subject_type=n.subject,
                    recipient_name=nomination.nominee_name,
                    recipient_name_folded=nomination.nominee_name_folded,
                    person_id=nomination.nominee_person_id,
                    organization_id=nomination.nominee_organization_id,
                    owner_id=self.department.pk,
                    household_address=nomination.household_address,
                    year=award["decision_date"].year,
                    thematic=True,
                    **award,
                )
            )
        self.b.insert(AwardRecord, records)
        return len(self.decisions) + len(self.proposals) + len(entries) + len(records)


# --- Reset --------------------------------------------------------------------------------------

_GUARDS_MIGRATION = "awards.migrations.0004_session_guards"


@contextmanager
def _closed_session_guards_lifted():
    """Lets this transaction delete closed sessions and their rows, which the triggers of
    migration 0004 refuse to anyone.

    No switch is added to the triggers (a switch the web app could reach would be a way
    around them). The triggers themselves are set aside with DDL inside the caller's
    transaction and put back before it commits: PostgreSQL `ALTER TABLE … DISABLE TRIGGER`
    (table owner only; the ACCESS EXCLUSIVE lock it takes keeps every other connection off
    these tables until the commit, so nobody else ever writes while they are off), SQLite
    DROP and CREATE of the same triggers from the migration's own SQL. Should anything fail,
    the rollback restores them. Only `reset()` below uses it, on the scale province's rows.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("the session guards are lifted only inside a transaction")
    guards = importlib.import_module(_GUARDS_MIGRATION)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            # ALTER TABLE refuses a table with deferred foreign-key checks still pending: run
            # them now, and those of the deletes below as they happen.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            triggers = [(table, f"{table}_closed_guard") for table, _link in guards.GUARDED]
            triggers.append(("awards_session", "awards_session_closed_guard"))
            for table, trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        elif vendor == "sqlite":
            for statement in guards._sqlite_reverse():
                cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            for table, trigger in triggers:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's foreign keys again
        elif vendor == "sqlite":
            for statement in guards._sqlite_forward():
                cursor.execute(statement)


def _delete_awards(tree_ids: list[int], campaign_ids: list[int]) -> Counter:
    """The awards rows that point into the scale tree, children first (campaign.scale.reset
    calls this inside its transaction, before it deletes the tree)."""
    deleted: Counter = Counter()

    def drop(queryset):
        _total, per_model = queryset.delete()
        deleted.update({label: n for label, n in per_model.items() if n})

    in_tree = Q(campaign__in=campaign_ids) | Q(organization__in=tree_ids)
    nominations = Nomination.objects.filter(
        Q(campaign__in=campaign_ids)
        | Q(unit__in=tree_ids)
        | Q(nominee_organization__in=tree_ids)
        | Q(nominee_person__organization__in=tree_ids)
    )
    councils = Council.objects.filter(organization__in=tree_ids)
    sessions = Session.objects.filter(Q(council__in=councils) | Q(campaign__in=campaign_ids))
    items = SessionItem.objects.filter(Q(session__in=sessions) | Q(nomination__in=nominations))
    drop(
        AwardRecord.objects.filter(
            in_tree
            | Q(owner__in=tree_ids)
            | Q(nomination__in=nominations)
            | Q(person__organization__in=tree_ids)
        )
    )
    proposals = Proposal.objects.filter(in_tree)
    drop(ProposalItem.objects.filter(Q(proposal__in=proposals) | Q(nomination__in=nominations)))
    drop(proposals)
    drop(Decision.objects.filter(in_tree | Q(session__in=sessions)))
    if sessions.exists():
        with _closed_session_guards_lifted():
            drop(Ballot.objects.filter(item__in=items))
            drop(Participation.objects.filter(item__in=items))
            drop(WrittenOpinion.objects.filter(item__in=items))
            drop(Attendance.objects.filter(session__in=sessions))
            drop(items)
            drop(sessions)
    drop(PostingComment.objects.filter(nomination__in=nominations))
    drop(Screening.objects.filter(nomination__in=nominations))
    drop(NominationAttachment.objects.filter(nomination__in=nominations))
    drop(nominations)
    drop(
        CouncilMember.objects.filter(Q(council__in=councils) | Q(person__organization__in=tree_ids))
    )
    drop(councils)
    return deleted
