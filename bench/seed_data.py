"""Synthetic "group scale" registry data for the benchmarks (SPEC section 9).

Plain Python, no database: `Generator.build()` plans the whole registry history from the
go-live day to yesterday - organisation, catalogue, techniques, privileges with their
request/endorse/approve and re-evaluation history, case records, logins - as entities
(`Ent`, one per row) and the transactions that wrote them (`Txn`). `rows()` gives each
table's final rows; `audit_batches()` replays the transactions in time order into audit
events chained exactly as `domain.audit.append` chains them, so the audit log is both a
valid hash chain and a faithful history (`knownAt` queries rebuild the same registry).
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

from domain import audit, clock
from domain.privileges import Scope, add_months, scope_key
from domain.workdays import WorkCalendar, filing_due_on

# --- time ------------------------------------------------------------------------------

GO_LIVE = date(2020, 1, 2)  # the first audit event
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
HOUR_US = 3_600_000_000
DAY_US = 24 * HOUR_US
SHANGHAI_OFFSET_US = 8 * HOUR_US  # the hospital's zone, no daylight saving
NO_HOLIDAYS = WorkCalendar()


def at(day: date, rng: random.Random, start_hour: float = 8.0, end_hour: float = 17.5) -> int:
    """A moment (µs since the epoch, UTC) in the given Shanghai working hours of `day`."""
    base = (day.toordinal() - EPOCH_ORDINAL) * DAY_US - SHANGHAI_OFFSET_US
    return base + rng.randrange(int(start_hour * HOUR_US), int(end_hour * HOUR_US))


def moment(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


_DAY_TEXT: dict[int, str] = {}


def iso(us: int) -> str:
    """`clock.utc_iso` of the moment, without strftime (this runs millions of times)."""
    days, rest = divmod(us, DAY_US)
    day = _DAY_TEXT.get(days)
    if day is None:
        day = _DAY_TEXT[days] = date.fromordinal(EPOCH_ORDINAL + days).isoformat()
    seconds, micro = divmod(rest, 1_000_000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{day}T{hours:02d}:{minutes:02d}:{seconds:02d}.{micro:06d}Z"


def check_iso() -> None:
    """`iso` must agree with `clock.utc_iso` to the character: the hashes depend on it."""
    probe = random.Random(7)
    for us in [0, DAY_US - 1, *(probe.randrange(0, 2_000_000_000 * 10**6) for _ in range(2000))]:
        assert iso(us) == clock.utc_iso(moment(us)), us


def workday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


# --- tables ------------------------------------------------------------------------------

# fmt: off
COLUMNS: dict[str, tuple[str, ...]] = {
    "site": (
        "id", "created_at", "updated_at", "version", "code", "name", "is_default",
        "default_validity_months", "reevaluation_months", "emergency_report_hours",
    ),
    "specialty": (
        "id", "created_at", "updated_at", "version", "code", "name",
    ),
    "department": (
        "id", "created_at", "updated_at", "version", "code", "name", "day_surgery_approved",
        "site_id",
    ),
    "practitioner": (
        "id", "created_at", "updated_at", "version", "staff_no", "name", "title", "licence_no",
        "licence_valid_until", "practice_scope", "status", "national_id_masked", "department_id",
        "specialty_id",
    ),
    "app_user": (
        "id", "created_at", "updated_at", "version", "username", "password_hash", "roles",
        "department_ids", "active", "failed_logins", "locked_until", "last_login_at",
        "practitioner_id",
    ),
    "session": (
        "id", "created_at", "updated_at", "version", "token_hash", "expires_at", "revoked_at",
        "user_id",
    ),
    "api_key": (
        "id", "created_at", "updated_at", "version", "name", "prefix", "secret_hash", "roles",
        "expires_at", "revoked_at", "last_used_at", "created_by",
    ),
    "technique": (
        "id", "created_at", "updated_at", "version", "code", "name", "category", "status",
        "suspended_from", "approved_on", "first_clinical_use_on", "filing_due_on", "filed_on",
        "filing_number", "ethics_approval_ref", "stopped_reason", "lead_id",
    ),
    "catalogue_version": (
        "id", "created_at", "updated_at", "version", "number", "effective_from", "note", "source",
        "added", "removed", "changed",
    ),
    "procedure": (
        "id", "created_at", "updated_at", "version", "code", "name", "grade", "day_surgery",
        "catalogue_version", "retired_in_version", "effective_from", "effective_to",
        "specialty_id", "technique_id",
    ),
    "committee_decision": (
        "id", "created_at", "updated_at", "version", "committee", "meeting_on", "outcome",
        "votes_for", "votes_against", "votes_abstain", "minutes_ref", "signed_by", "subject_type",
        "subject_id",
    ),
    "privilege": (
        "id", "created_at", "updated_at", "version", "scope", "scope_key", "max_grade",
        "procedure_code", "supervised_only", "valid_from", "valid_until", "status",
        "status_reason", "requested_by", "endorsed_by", "last_evaluated_on", "basis_id",
        "practitioner_id", "site_id", "specialty_id", "supersedes_id", "technique_id",
    ),
    "review_cycle": (
        "id", "created_at", "updated_at", "version", "name", "period_start", "period_end",
        "due_on", "status", "selection", "site_id",
    ),
    "evaluation": (
        "id", "created_at", "updated_at", "version", "status", "case_count", "complication_count",
        "death_count", "unplanned_reoperation_count", "adverse_event_count", "metrics_source",
        "recommendation", "outcome", "decided_by", "cycle_id", "decision_id", "privilege_id",
        "resulting_privilege_id",
    ),
    "case_record": (
        "id", "created_at", "updated_at", "version", "client_key", "external_ref",
        "content_digest", "procedure_code", "grade", "performed_on", "performed_at", "setting",
        "emergency", "mdt_discussed", "complication", "death", "unplanned_reoperation",
        "adverse_event", "practitioner_id", "site_id", "supervisor_id",
    ),
}
# fmt: on

# Insert order: every foreign key points at a table written before it.
TABLE_ORDER = tuple(COLUMNS)

MODEL_NAMES = {
    "site": "Site",
    "specialty": "Specialty",
    "department": "Department",
    "practitioner": "Practitioner",
    "app_user": "User",
    "session": "Session",
    "api_key": "ApiKey",
    "technique": "Technique",
    "catalogue_version": "CatalogueVersion",
    "procedure": "Procedure",
    "committee_decision": "CommitteeDecision",
    "privilege": "Privilege",
    "review_cycle": "ReviewCycle",
    "evaluation": "Evaluation",
    "case_record": "CaseRecord",
}

# Column kinds, for the database drivers and for audit snapshots.
# fmt: off
DATETIME_COLUMNS = frozenset(
    {
        "created_at", "updated_at", "locked_until", "last_login_at", "expires_at", "revoked_at",
        "last_used_at", "performed_at",
    }
)
# fmt: on
# fmt: off
BOOL_COLUMNS = frozenset(
    {
        "is_default", "day_surgery_approved", "active", "day_surgery", "supervised_only",
        "emergency", "mdt_discussed", "complication", "death", "unplanned_reoperation",
        "adverse_event",
    }
)
# fmt: on
# fmt: off
DATE_COLUMNS = frozenset(
    {
        "licence_valid_until", "approved_on", "first_clinical_use_on", "filing_due_on", "filed_on",
        "effective_from", "effective_to", "meeting_on", "valid_from", "valid_until",
        "last_evaluated_on", "period_start", "period_end", "due_on", "performed_on",
    }
)
# fmt: on
JSON_COLUMNS = frozenset({"roles", "department_ids", "signed_by", "selection"})

# fmt: off
AUDIT_COLUMNS = (
    "seq", "occurred_at", "actor_type", "actor_id", "actor_name", "action", "entity_type",
    "entity_id", "before_json", "after_json", "reason", "request_id", "prev_hash", "hash",
)
# fmt: on


class Ent:
    """One row: its values when created, then the audited changes made to it.

    Values hold python dates, µs integers for timestamps and other `Ent`s for foreign
    keys (resolved to ids once every table's ids are assigned).
    """

    __slots__ = (
        "create_action",
        "create_reason",
        "created_us",
        "id",
        "row_only",
        "steps",
        "table",
        "values",
    )

    def __init__(
        self,
        table: str,
        created_us: int,
        values: dict[str, Any],
        create_action: str = "",
        create_reason: str | None = None,
    ) -> None:
        self.table = table
        self.created_us = created_us
        self.values = values
        self.create_action = create_action
        self.create_reason = create_reason
        self.steps: list[tuple[int, str, dict[str, Any], str | None]] = []
        self.row_only: dict[str, Any] | None = None  # unaudited changes (last login ...)
        self.id = 0

    def change(
        self, us: int, action: str, changes: dict[str, Any], reason: str | None = None
    ) -> int:
        """Record an audited update; returns its step number (for the audit replay)."""
        self.steps.append((us, action, changes, reason))
        return len(self.steps)

    def current(self, key: str) -> Any:
        for _us, _action, changes, _reason in reversed(self.steps):
            if key in changes:
                return changes[key]
        return self.values[key]

    def state(self, step: int) -> dict[str, Any]:
        values = dict(self.values)
        for index in range(step):
            values.update(self.steps[index][2])
        values["id"] = self.id
        values["version"] = step + 1
        values["created_at"] = self.created_us
        values["updated_at"] = self.steps[step - 1][0] if step else self.created_us
        return values


def ref(value: Any) -> Any:
    return value.id if isinstance(value, Ent) else value


_PLAIN, _MOMENT, _DAY, _REF, _REFS = range(5)


def _kind(column: str) -> int:
    if column in DATETIME_COLUMNS:
        return _MOMENT
    if column in DATE_COLUMNS:
        return _DAY
    if column == "department_ids":
        return _REFS
    if column.endswith("_id"):
        return _REF
    return _PLAIN


SNAPSHOT_KINDS = {
    table: tuple((c, _kind(c)) for c in columns if c not in audit.SECRET_FIELDS)
    for table, columns in COLUMNS.items()
}
_ISO_CACHE: dict[int, str] = {}


def snapshot(ent: Ent, step: int) -> dict[str, Any]:
    """What `domain.audit.snapshot` gives for the row after `step` audited changes."""
    values = ent.state(step)
    out: dict[str, Any] = {}
    for column, kind in SNAPSHOT_KINDS[ent.table]:
        value = values[column]
        if value is None or kind == _PLAIN:
            out[column] = value
        elif kind == _MOMENT:
            text = _ISO_CACHE.get(value)
            if text is None:
                if len(_ISO_CACHE) > 200_000:
                    _ISO_CACHE.clear()
                text = _ISO_CACHE[value] = iso(value)
            out[column] = text
        elif kind == _DAY:
            out[column] = value.isoformat()
        elif kind == _REF:
            out[column] = value.id if isinstance(value, Ent) else value
        else:
            out[column] = [ref(item) for item in value]
    return out


def final_row(ent: Ent) -> tuple[Any, ...]:
    """The row as stored: timestamps as aware datetimes, references as ids."""
    values = ent.state(len(ent.steps))
    values["id"] = ent.id
    if ent.row_only:
        values.update(ent.row_only)
    row = []
    for column in COLUMNS[ent.table]:
        value = values[column]
        if isinstance(value, Ent):
            value = value.id
        elif isinstance(value, list):
            value = [ref(item) for item in value]
        elif column in DATETIME_COLUMNS and value is not None:
            value = moment(value)
        row.append(value)
    return tuple(row)


@dataclass(frozen=True)
class Actor:
    kind: str
    name: str
    ent: Ent | None = None  # the user or API key acting

    @property
    def id(self) -> str | None:
        return str(self.ent.id) if self.ent is not None else None


# An audit event waiting for ids: ("ent", entity, step) renders the entity's snapshot
# after `step` audited changes (0 = its creation); ("lit", action, entity type, entity id,
# before, after, reason) is written as given; ("cm", cycle) is a cycle's
# evaluation.create_many, whose list of privilege ids is only known at the end.
EventSpec = tuple[Any, ...]


@dataclass
class Txn:
    us: int
    actor: Actor
    events: list[EventSpec]


# --- reference data ----------------------------------------------------------------------

# fmt: off
SPECIALTIES = [
    ("GS", "普通外科"), ("HBS", "肝胆外科"), ("GIS", "胃肠外科"), ("BRS", "乳腺外科"),
    ("THY", "甲状腺外科"), ("VAS", "血管外科"), ("CTS", "心脏大血管外科"), ("THS", "胸外科"),
    ("NS", "神经外科"), ("ORT", "骨科"), ("SPN", "脊柱外科"), ("JNT", "关节外科"),
    ("TRA", "创伤骨科"), ("HND", "手足外科"), ("URO", "泌尿外科"), ("PLS", "整形外科"),
    ("BUR", "烧伤科"), ("PDS", "小儿外科"), ("GYN", "妇科"), ("OBS", "产科"), ("OPH", "眼科"),
    ("ENT", "耳鼻咽喉头颈外科"), ("OMS", "口腔颌面外科"), ("DEN", "口腔科"), ("DER", "皮肤科"),
    ("ANE", "麻醉科"), ("IR", "介入放射科"), ("CAR", "心血管内科"), ("GAS", "消化内科"),
    ("RES", "呼吸与危重症医学科"), ("NEP", "肾内科"), ("NEU", "神经内科"), ("END", "内分泌科"),
    ("HEM", "血液科"), ("ONC", "肿瘤科"), ("RAD", "放射科"), ("NUC", "核医学科"),
    ("RTH", "放射治疗科"), ("PAI", "疼痛科"), ("REH", "康复医学科"), ("EMR", "急诊科"),
    ("ICU", "重症医学科"), ("TCM", "中医科"), ("GER", "老年医学科"), ("INF", "感染科"),
    ("RHE", "风湿免疫科"), ("PSY", "精神科"), ("NEO", "新生儿科"), ("PED", "儿科"),
    ("REP", "生殖医学科"), ("TXP", "器官移植科"), ("COL", "肛肠外科"), ("BAR", "减重与代谢外科"),
    ("HER", "疝与腹壁外科"), ("ESC", "内镜中心"), ("CCL", "心导管室"), ("PAT", "病理科"),
    ("USG", "超声医学科"), ("SLP", "睡眠医学科"), ("AND", "男科"),
]
# fmt: on
SITES = [("MAIN", "总院"), ("EAST", "东院区"), ("WEST", "西院区")]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建文辉玲志红俊峰鹏宇浩然晨阳子涵欣怡博文思远嘉怡婷雪梅海燕立新国庆春晓振华宏伟丹雯琳颖晶亮斌健云飞"  # noqa: E501
# fmt: off
APPROACHES = [
    "腹腔镜下", "开放", "内镜下", "经皮", "机器人辅助", "显微镜下", "经导管", "胸腔镜下", "",
]
# fmt: on
# fmt: off
ORGANS = [
    "胆囊", "阑尾", "胃", "结肠", "直肠", "肝", "胰十二指肠", "脾", "肾", "膀胱", "前列腺",
    "甲状腺", "乳腺", "肺叶", "食管", "二尖瓣", "主动脉", "冠状动脉", "颅内肿瘤", "腰椎", "颈椎",
    "膝关节", "髋关节", "股骨", "桡骨", "腹股沟疝", "子宫", "卵巢", "输卵管", "晶状体", "视网膜",
    "鼻窦", "扁桃体", "喉", "腮腺", "下颌骨", "皮肤", "静脉", "动脉瘤", "胆管", "输尿管",
    "肾上腺", "纵隔", "胸壁", "肛瘘", "痔", "角膜", "中耳", "心脏起搏器",
]
# fmt: on
# fmt: off
ACTIONS = [
    "切除术", "部分切除术", "根治术", "修补术", "成形术", "置换术", "活检术", "引流术", "吻合术",
    "重建术", "内固定术", "探查术", "取石术", "支架置入术", "消融术", "移植术", "松解术",
    "减压术", "栓塞术", "置入术",
]
# fmt: on
# fmt: off
REGIONS = [
    "1101", "1201", "3101", "3201", "3301", "3702", "4201", "4301", "4401", "4403", "5101", "6101",
]
# fmt: on
TITLES = ["RESIDENT", "ATTENDING", "ASSOCIATE_CHIEF", "CHIEF"]
TITLE_WEIGHTS = [30, 35, 20, 15]
SURGERY_COMMITTEE = "手术分级管理委员会"
TECHNIQUE_COMMITTEE = "医疗技术临床应用管理委员会"
CASE_CLIENT_NAME = "HIS 手术麻醉系统"
TERM_MONTHS = 24  # the sites' default validity


@dataclass
class Counts:
    departments: int
    practitioners: int
    procedures: int
    techniques: int
    privileges: int
    cases: int
    audit_events: int

    @classmethod
    def at_scale(cls, scale: int) -> Counts:
        return cls(
            departments=120 * scale,
            practitioners=5_000 * scale,
            procedures=12_000 * scale,
            techniques=300 * scale,
            privileges=100_000 * scale,
            cases=200_000 * scale,
            audit_events=1_000_000 * scale,
        )


@dataclass
class Question:
    practitioner_staff_no: str
    procedure_code: str
    on: date
    setting: str
    site_code: str
    kind: str  # why it was asked (for the report only)

    def as_json(self) -> dict[str, str]:
        return {
            "practitionerStaffNo": self.practitioner_staff_no,
            "procedureCode": self.procedure_code,
            "on": self.on.isoformat(),
            "setting": self.setting,
            "siteCode": self.site_code,
        }


@dataclass
class Chain:
    """One privilege target held over time: its terms, newest last."""

    practitioner: Ent
    site: Ent
    scope: Scope
    key: str
    terms: list[Ent] = field(default_factory=list)


class Generator:
    def __init__(self, scale: int, seed: int, today: date, password_hash: str) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.horizon = today - timedelta(days=1)  # the last day with events
        self.counts = Counts.at_scale(scale)
        self.password_hash = password_hash
        self.ents: dict[str, list[Ent]] = defaultdict(list)
        self.txns: list[Txn] = []
        self.chains: list[Chain] = []
        self.privilege_count = 0
        self.held: set[tuple[int, int, str]] = set()  # (practitioner, site, scope_key) used
        self.cycles: dict[tuple[int, date], Ent] = {}
        self.cycle_evaluations: dict[int, list[Ent]] = defaultdict(list)
        self.procedure_grade: dict[str, int] = {}
        self.procedure_day: dict[str, bool] = {}
        self.procedure_technique: dict[str, Ent | None] = {}
        self.procedure_specialty: dict[str, Ent] = {}
        self.by_specialty_grade: dict[tuple[int, int], list[str]] = defaultdict(list)
        self.linked_by_technique: dict[int, list[str]] = defaultdict(list)
        self.audit_total = 0
        self.head = (0, audit.GENESIS_HASH)
        self.filler = 0

    # --- helpers -------------------------------------------------------------------------

    def new(
        self,
        table: str,
        us: int,
        values: dict[str, Any],
        action: str = "",
        reason: str | None = None,
    ) -> Ent:
        ent = Ent(table, us, values, action, reason)
        self.ents[table].append(ent)
        return ent

    def txn(self, us: int, actor: Actor, *events: EventSpec) -> None:
        self.txns.append(Txn(us, actor, list(events)))

    def name(self) -> str:
        rng = self.rng
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        return rng.choice(SURNAMES) + given

    def day_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def committee_decision(
        self, us: int, committee: str, outcome: str, subject_type: str, subject: Ent
    ) -> Ent:
        rng = self.rng
        day = (moment(us) + timedelta(hours=8)).date()
        prefix = "SSFJ" if committee == SURGERY_COMMITTEE else "YLJS"
        return self.new(
            "committee_decision",
            us,
            {
                "committee": committee,
                "meeting_on": day,
                "outcome": outcome,
                "votes_for": rng.randint(7, 11) if outcome != "REJECTED" else rng.randint(1, 4),
                "votes_against": rng.randint(0, 1) if outcome != "REJECTED" else rng.randint(5, 8),
                "votes_abstain": rng.randint(0, 1),
                "minutes_ref": f"{prefix}-{day.year}-{day.isocalendar().week:02d}",
                "signed_by": [self.name() + "（主任委员）", self.name() + "（秘书）"],
                "subject_type": subject_type,
                "subject_id": subject,
            },
            "committee_decision.create",
        )

    # --- the organisation -----------------------------------------------------------------

    def build_organisation(self) -> None:
        rng = self.rng
        init = Actor("system", "credreg init")
        setup_us = at(GO_LIVE, rng, 9, 10)
        self.sites = []
        for index, (code, name) in enumerate(SITES):
            site = self.new(
                "site",
                setup_us + index * 1000,
                {
                    "code": code,
                    "name": name,
                    "is_default": index == 0,
                    "default_validity_months": TERM_MONTHS,
                    "reevaluation_months": 12,
                    "emergency_report_hours": 24,
                },
                "site.create",
            )
            self.sites.append(site)
        self.txn(self.sites[0].created_us, init, ("ent", self.sites[0], 0))
        self.admin = self.new(
            "app_user",
            setup_us + 500,
            {
                "username": "admin",
                "password_hash": self.password_hash,
                "roles": ["ADMIN"],
                "department_ids": [],
                "active": True,
                "failed_logins": 0,
                "locked_until": None,
                "last_login_at": None,
                "practitioner_id": None,
            },
            "user.create",
        )
        self.txn(self.admin.created_us, init, ("ent", self.admin, 0))
        self.admin_actor = Actor("user", "admin", self.admin)
        for site in self.sites[1:]:
            self.txn(site.created_us, self.admin_actor, ("ent", site, 0))

        us = setup_us + HOUR_US
        self.specialties = []
        for code, name in SPECIALTIES:
            us += rng.randrange(5_000_000, 30_000_000)
            specialty = self.new("specialty", us, {"code": code, "name": name}, "specialty.create")
            self.txn(us, self.admin_actor, ("ent", specialty, 0))
            self.specialties.append(specialty)

        self.departments = []
        per_specialty: dict[int, int] = defaultdict(int)
        for index in range(self.counts.departments):
            specialty = self.specialties[index % len(self.specialties)]
            per_specialty[index % len(self.specialties)] += 1
            number = per_specialty[index % len(self.specialties)]
            site = self.sites[0] if number % 2 == 1 else self.sites[1 + (index // 60) % 2]
            us += rng.randrange(5_000_000, 30_000_000)
            department = self.new(
                "department",
                us,
                {
                    "code": f"{specialty.values['code']}{number}",
                    "name": f"{specialty.values['name']}{number}病区",
                    "day_surgery_approved": rng.random() < 0.5,
                    "site_id": site,
                },
                "department.create",
            )
            self.txn(us, self.admin_actor, ("ent", department, 0))
            self.departments.append(department)
        self.department_specialty = {
            id(d): self.specialties[i % len(self.specialties)]
            for i, d in enumerate(self.departments)
        }
        # Departments go live one by one over the first year.
        self.rollout = {
            id(d): workday(GO_LIVE + timedelta(days=rng.randrange(20, 330)))
            for d in self.departments
        }

        # Users: committees, auditors, schedulers, one head per department.
        us += HOUR_US
        self.committee_users: dict[str, Actor] = {}
        staff = [
            ("committee.surgery", ["COMMITTEE"]),
            ("committee.technique", ["COMMITTEE"]),
            ("committee.secretary", ["COMMITTEE"]),
            ("auditor.quality", ["AUDITOR"]),
            ("auditor.internal", ["AUDITOR"]),
            ("scheduler.or1", ["SCHEDULER"]),
            ("scheduler.or2", ["SCHEDULER"]),
        ]
        self.users: list[Ent] = [self.admin]
        for username, roles in staff:
            us += rng.randrange(20_000_000, 90_000_000)
            self.users.append(self.user(us, username, roles, []))
            if username.startswith("committee."):
                self.committee_users[username] = Actor("user", username, self.users[-1])
        self.heads: dict[int, Actor] = {}
        for department in self.departments:
            us += rng.randrange(20_000_000, 90_000_000)
            code = str(department.values["code"]).lower()
            user = self.user(us, f"head.{code}", ["DEPARTMENT_HEAD"], [department])
            self.users.append(user)
            self.heads[id(department)] = Actor("user", f"head.{code}", user)

    def user(self, us: int, username: str, roles: list[str], departments: list[Ent]) -> Ent:
        user = self.new(
            "app_user",
            us,
            {
                "username": username,
                "password_hash": self.password_hash,
                "roles": roles,
                "department_ids": departments,
                "active": True,
                "failed_logins": 0,
                "locked_until": None,
                "last_login_at": None,
                "practitioner_id": None,
            },
            "user.create",
        )
        self.txn(us, self.admin_actor, ("ent", user, 0))
        return user

    def build_api_keys(self) -> None:
        """The HIS reports cases with an API key rotated every January."""
        rng = self.rng
        self.api_keys: list[tuple[date, Actor, int]] = []
        previous: Ent | None = None
        for year in range(GO_LIVE.year, self.horizon.year + 1):
            day = workday(date(year, 1, 6) if year == GO_LIVE.year else date(year, 1, 4))
            if day > self.horizon:
                break
            us = at(day, rng, 9, 11)
            key = self.new(
                "api_key",
                us,
                {
                    "name": f"{CASE_CLIENT_NAME} {year}",
                    "prefix": f"{rng.getrandbits(48):012x}",
                    "secret_hash": f"{rng.getrandbits(256):064x}",
                    "roles": ["SCHEDULER"],
                    "expires_at": us + 400 * DAY_US,
                    "revoked_at": None,
                    "last_used_at": None,
                    "created_by": "admin",
                },
                "api_key.create",
            )
            self.txn(us, self.admin_actor, ("ent", key, 0))
            if previous is not None:
                revoke_us = us + 7 * DAY_US
                step = previous.change(
                    revoke_us, "api_key.revoke", {"revoked_at": revoke_us}, "年度密钥轮换"
                )
                self.txn(revoke_us, self.admin_actor, ("ent", previous, step))
            number = len(self.api_keys) + 1  # keys are created in this order: ids 1, 2 ...
            self.api_keys.append((day, Actor("api_key", key.values["name"], key), number))
            previous = key
        self.api_key_days = [item[0] for item in self.api_keys]

    def case_client(self, day: date) -> tuple[Actor, int]:
        _day, actor, number = self.api_keys[max(0, bisect_right(self.api_key_days, day) - 1)]
        return actor, number

    # --- practitioners -------------------------------------------------------------------

    def build_practitioners(self) -> None:
        rng = self.rng
        n = self.counts.practitioners
        imported = int(n * 0.75)
        import_day = workday(GO_LIVE + timedelta(days=4))
        import_us = at(import_day, rng, 10, 11)
        hire_days = sorted(
            self.day_between(GO_LIVE + timedelta(days=30), self.horizon - timedelta(days=30))
            for _ in range(n - imported)
        )
        self.practitioners: list[Ent] = []
        self.hired_on: dict[int, date] = {}
        import_events: list[EventSpec] = []
        department_weights = list(accumulate(rng.uniform(0.5, 1.5) for _ in self.departments))
        for index in range(n):
            department = rng.choices(self.departments, cum_weights=department_weights)[0]
            specialty = self.department_specialty[id(department)]
            title = rng.choices(TITLES, weights=TITLE_WEIGHTS)[0]
            if index < imported:
                us, action, hired = import_us, "practitioner.import", import_day
            else:
                hired = hire_days[index - imported]
                us, action = at(hired, rng), "practitioner.create"
                if title in ("ASSOCIATE_CHIEF", "CHIEF") and rng.random() < 0.7:
                    title = "ATTENDING"  # new hires are mostly junior
            roll = rng.random()
            if roll < 0.02:
                licence = None
            elif roll < 0.05:
                licence = self.horizon - timedelta(days=rng.randrange(1, 400))
            else:
                licence = self.today + timedelta(days=rng.randrange(20, 5 * 365))
            region = rng.choice(REGIONS)
            check = rng.choice("0123456789X")
            practitioner = self.new(
                "practitioner",
                us,
                {
                    "staff_no": f"D{index + 1:05d}",
                    "name": self.name(),
                    "title": title,
                    "licence_no": f"{rng.randrange(10**14, 10**15)}",
                    "licence_valid_until": licence,
                    "practice_scope": f"{specialty.values['name']}专业",
                    "status": "ACTIVE",
                    "national_id_masked": f"{region}{'*' * 10}{rng.randrange(1000):03d}{check}",
                    "department_id": department,
                    "specialty_id": specialty if rng.random() > 0.01 else None,
                },
                action,
            )
            self.practitioners.append(practitioner)
            self.hired_on[id(practitioner)] = hired
            if index < imported:
                import_events.append(("ent", practitioner, 0))
            else:
                self.txn(us, self.admin_actor, ("ent", practitioner, 0))
        self.txn(import_us, Actor("system", "credreg import practitioners"), *import_events)

        # A few left or are suspended; the change is audited when it happened.
        self.stopped: dict[int, tuple[date, str]] = {}
        for practitioner in self.practitioners:
            roll = rng.random()
            if roll >= 0.035:
                continue
            status = "LEFT" if roll < 0.025 else "SUSPENDED"
            start = self.hired_on[id(practitioner)] + timedelta(days=200)
            if start >= self.horizon - timedelta(days=20):
                continue
            day = self.day_between(start, self.horizon - timedelta(days=10))
            us = at(day, rng)
            reason = "离职" if status == "LEFT" else "医疗事件调查期间暂停执业"
            step = practitioner.change(us, "practitioner.update", {"status": status}, reason)
            self.txn(us, self.admin_actor, ("ent", practitioner, step))
            self.stopped[id(practitioner)] = (day, status)
        self.by_department: dict[int, list[Ent]] = defaultdict(list)
        for practitioner in self.practitioners:
            self.by_department[id(practitioner.values["department_id"])].append(practitioner)
        self.chiefs_by_specialty: dict[int, list[Ent]] = defaultdict(list)
        for practitioner in self.practitioners:
            if practitioner.values["title"] == "CHIEF":
                specialty = self.department_specialty[id(practitioner.values["department_id"])]
                self.chiefs_by_specialty[id(specialty)].append(practitioner)

    # --- techniques and the catalogue ----------------------------------------------------

    def build_techniques(self) -> None:
        rng = self.rng
        n = self.counts.techniques
        national = 12
        provincial = round((n - national) * 0.12)
        new = round((n - national) * 0.17)
        categories = (
            ["RESTRICTED_NATIONAL"] * national
            + ["RESTRICTED_PROVINCIAL"] * provincial
            + ["NEW"] * new
            + ["STANDARD"] * (n - national - provincial - new)
        )
        links = {"RESTRICTED_NATIONAL": 3, "RESTRICTED_PROVINCIAL": 2, "NEW": 2, "STANDARD": 1}
        target_links = round(self.counts.procedures * 0.02)
        self.technique_links: list[int] = []
        remaining = target_links
        for category in categories:
            count = min(links[category], remaining)
            self.technique_links.append(count)
            remaining -= count
        self.techniques: list[Ent] = []
        self.technique_specialty: dict[int, Ent] = {}
        committee = self.committee_users["committee.technique"]
        setup_day = workday(GO_LIVE + timedelta(days=1))
        later = sorted(
            self.day_between(GO_LIVE + timedelta(days=30), self.horizon - timedelta(days=60))
            for _ in range(n)
        )
        for index, category in enumerate(categories):
            linked = self.technique_links[index] > 0
            day = setup_day if linked else later[index]
            us = at(day, rng)
            specialty = rng.choice(self.specialties[:27])  # the procedural specialties
            words = (rng.choice(APPROACHES), rng.choice(ORGANS), rng.choice(ACTIONS))
            technique = self.new(
                "technique",
                us,
                {
                    "code": f"T{index + 1:04d}",
                    "name": "".join(words) + ("技术" if category != "STANDARD" else ""),
                    "category": category,
                    "status": "PROPOSED",
                    "suspended_from": None,
                    "approved_on": None,
                    "first_clinical_use_on": None,
                    "filing_due_on": None,
                    "filed_on": None,
                    "filing_number": None,
                    "ethics_approval_ref": None,
                    "stopped_reason": None,
                    "lead_id": None,
                },
                "technique.create",
            )
            self.txn(us, committee, ("ent", technique, 0))
            self.techniques.append(technique)
            self.technique_specialty[id(technique)] = specialty

    def technique_lifecycle(self) -> None:
        """Approval, first clinical use, filing and the odd suspension (R20-R23)."""
        rng = self.rng
        committee = self.committee_users["committee.technique"]
        for index, technique in enumerate(self.techniques):
            category = technique.values["category"]
            restricted = category.startswith("RESTRICTED")
            roll = rng.random()
            if roll < 0.02 and not restricted:
                continue  # still PROPOSED
            created = (moment(technique.created_us) + timedelta(hours=8)).date()
            approve_day = workday(created + timedelta(days=rng.randrange(7, 150)))
            if approve_day > self.horizon - timedelta(days=5):
                continue
            specialty = self.technique_specialty[id(technique)]
            leads = [
                p
                for p in self.chiefs_by_specialty[id(specialty)]
                if self.hired_on[id(p)] < approve_day and id(p) not in self.stopped
            ] or [p for p in self.practitioners[:50] if id(p) not in self.stopped]
            us = at(approve_day, rng, 14, 17)
            decision = self.committee_decision(
                us, TECHNIQUE_COMMITTEE, "APPROVED", "Technique", technique
            )
            step = technique.change(
                us,
                "technique.approve",
                {
                    "status": "APPROVED",
                    "lead_id": rng.choice(leads),
                    "approved_on": approve_day,
                    "ethics_approval_ref": f"伦审〔{approve_day.year}〕{rng.randrange(1, 300)}号"
                    if restricted
                    else None,
                },
            )
            self.txn(us, committee, ("ent", decision, 0), ("ent", technique, step))
            # Status mix: restricted ones are mostly filed; others mostly in use.
            roll = rng.random()
            if restricted:
                target = "FILED" if roll < 0.78 else "IN_USE" if roll < 0.9 else "APPROVED"
                if index == 13:
                    target = "IN_USE"  # the one whose filing is overdue
            else:
                target = "IN_USE" if roll < 0.72 else "APPROVED"
            if target == "APPROVED":
                first_use = None
            elif restricted and target == "IN_USE":
                # In use, not filed yet: due soon (one restricted technique is overdue).
                back = 40 if index == 13 else rng.randrange(2, 18)
                first_use = workday(self.horizon - timedelta(days=back))
                if first_use > self.horizon or first_use <= approve_day:
                    first_use, target = None, "APPROVED"
            else:
                first_use = self.day_between(
                    approve_day + timedelta(days=7), approve_day + timedelta(days=120)
                )
                if first_use > self.horizon - timedelta(days=30):
                    first_use, target = None, "APPROVED"
            last_status = "APPROVED"
            if first_use is not None:
                changes: dict[str, Any] = {"status": "IN_USE", "first_clinical_use_on": first_use}
                if restricted:
                    changes["filing_due_on"] = filing_due_on(NO_HOLIDAYS, first_use)
                us = at(first_use, rng, 9, 20)
                step = technique.change(us, "technique.first_clinical_use", changes)
                self.txn(us, self.case_client(first_use)[0], ("ent", technique, step))
                last_status = "IN_USE"
                if target == "FILED":
                    filed = workday(first_use + timedelta(days=rng.randrange(3, 18)))
                    us = at(min(filed, self.horizon), rng)
                    step = technique.change(
                        us,
                        "technique.file",
                        {
                            "status": "FILED",
                            "filed_on": min(filed, self.horizon),
                            "filing_number": (
                                f"卫医技备〔{filed.year}〕{rng.randrange(1, 999):03d}号"
                            ),
                        },
                    )
                    self.txn(us, committee, ("ent", technique, step))
                    last_status = "FILED"
            if rng.random() < 0.035 and last_status != "APPROVED":
                day = self.day_between(
                    max(approve_day, first_use or approve_day) + timedelta(days=30), self.horizon
                )
                if day <= self.horizon:
                    us = at(day, rng)
                    reason = "发生严重不良事件，暂停临床应用待调查"
                    step = technique.change(
                        us,
                        "technique.suspend",
                        {"status": "SUSPENDED", "suspended_from": last_status},
                        reason,
                    )
                    self.txn(us, committee, ("ent", technique, step))

    def build_catalogue(self) -> None:
        rng = self.rng
        n = self.counts.procedures
        day = workday(GO_LIVE + timedelta(days=3))
        us = at(day, rng, 9, 10)
        version = self.new(
            "catalogue_version",
            us,
            {
                "number": 1,
                "effective_from": date(2020, 1, 1),
                "note": "国家限制类技术与手术分级目录（基准版）",
                "source": "procedures.csv",
                "added": n,
                "removed": 0,
                "changed": 0,
            },
        )
        per_specialty = [n // len(self.specialties)] * len(self.specialties)
        for index in range(n - sum(per_specialty)):
            per_specialty[index] += 1
        linked = [
            t
            for t, count in zip(self.techniques, self.technique_links, strict=True)
            for _ in range(count)
        ]
        link_plan: dict[int, list[Ent]] = defaultdict(list)
        for technique in linked:
            link_plan[id(self.technique_specialty[id(technique)])].append(technique)
        events: list[EventSpec] = []
        self.procedures: list[Ent] = []
        for s_index, (specialty, count) in enumerate(
            zip(self.specialties, per_specialty, strict=True)
        ):
            chapter = s_index + 1
            numbers = sorted(rng.sample(range(100, 10_000), count))
            to_link = link_plan.get(id(specialty), [])
            link_at = set(rng.sample(range(count), min(len(to_link), count)))
            link_iter = iter(to_link)
            for p_index, number in enumerate(numbers):
                code = f"{chapter:02d}.{number:04d}"
                technique = next(link_iter) if p_index in link_at else None
                if technique is not None:
                    grade = (
                        4
                        if technique.values["category"].startswith("RESTRICTED")
                        else rng.choice((3, 4))
                    )
                    day_surgery = False
                else:
                    grade = rng.choices((1, 2, 3, 4), weights=(25, 35, 30, 10))[0]
                    day_surgery = rng.random() < {1: 0.3, 2: 0.22, 3: 0.05, 4: 0.0}[grade]
                name = rng.choice(APPROACHES) + rng.choice(ORGANS) + rng.choice(ACTIONS)
                procedure = self.new(
                    "procedure",
                    us,
                    {
                        "code": code,
                        "name": name,
                        "grade": grade,
                        "day_surgery": day_surgery,
                        "catalogue_version": 1,
                        "retired_in_version": None,
                        "effective_from": date(2020, 1, 1),
                        "effective_to": None,
                        "specialty_id": specialty,
                        "technique_id": technique,
                    },
                )
                self.procedures.append(procedure)
                self.procedure_grade[code] = grade
                self.procedure_day[code] = day_surgery
                self.procedure_technique[code] = technique
                self.procedure_specialty[code] = specialty
                if technique is None:
                    self.by_specialty_grade[(id(specialty), grade)].append(code)
                else:
                    self.linked_by_technique[id(technique)].append(code)
                events.append(
                    (
                        "lit",
                        "procedure.add",
                        "Procedure",
                        code,
                        None,
                        {
                            "code": code,
                            "name": name,
                            "grade": grade,
                            "specialtyId": specialty,
                            "daySurgery": day_surgery,
                            "techniqueId": technique,
                            "catalogueVersion": 1,
                        },
                        None,
                    )
                )
        digest = hashlib.sha256(f"procedures-{self.scale}".encode()).hexdigest()
        events.append(
            (
                "lit",
                "catalogue.import",
                "CatalogueVersion",
                version,
                None,
                {
                    "number": 1,
                    "effectiveFrom": "2020-01-01",
                    "sha256": digest,
                    "rows": n,
                    "added": n,
                    "changed": 0,
                    "removed": 0,
                },
                None,
            )
        )
        self.txn(us, Actor("system", "credreg import procedures"), *events)

    def effective_grade(self, code: str) -> int:
        technique = self.procedure_technique[code]
        if technique is not None and technique.values["category"].startswith("RESTRICTED"):
            return 4
        return self.procedure_grade[code]

    # --- privileges ----------------------------------------------------------------------

    def yearly(self, scope: Scope, code: str | None) -> bool:
        """R33: TECHNIQUE and grade-4 PROCEDURE privileges are evaluated every 12 months."""
        if scope is Scope.TECHNIQUE:
            return True
        return scope is Scope.PROCEDURE and code is not None and self.effective_grade(code) == 4

    def cycle(self, site: Ent, opened: date) -> Ent:
        key = (id(site), opened)
        found = self.cycles.get(key)
        if found is not None:
            return found
        us = at(opened, self.rng, 8.5, 9.5)
        quarter = (opened.month - 1) // 3 + 1
        expiring = add_months(opened, 5)
        cycle = self.new(
            "review_cycle",
            us,
            {
                "name": f"{opened.year}年第{quarter}季度再授权评价（{site.values['code']}）",
                "period_start": add_months(opened, -24),
                "period_end": opened - timedelta(days=1),
                "due_on": opened + timedelta(days=75),
                "status": "OPEN",
                "selection": {
                    "expiring_before": expiring.isoformat(),
                    "site_code": site.values["code"],
                },
                "site_id": site,
            },
            "review_cycle.open",
        )
        self.txn(us, self.committee_users["committee.secretary"], ("ent", cycle, 0), ("cm", cycle))
        self.cycles[key] = cycle
        return cycle

    def request(
        self,
        chain: Chain,
        values: dict[str, Any],
        approve_day: date,
        head: Actor,
    ) -> Ent | None:
        """A request, its endorsement and approval; None if nothing happened by the horizon."""
        rng = self.rng
        hired = (moment(chain.practitioner.created_us) + timedelta(hours=8)).date()
        request_day = approve_day - timedelta(days=rng.randrange(14, 45))
        request_day = workday(max(request_day, hired + timedelta(days=1)))
        endorse_day = workday(request_day + timedelta(days=rng.randrange(1, 10)))
        approve_day = workday(max(approve_day, endorse_day + timedelta(days=3)))
        if request_day > self.horizon:
            return None
        privilege = self.privilege(
            chain,
            at(request_day, rng),
            {**values, "status": "REQUESTED", "requested_by": head.name},
            "privilege.request",
        )
        self.txn(privilege.created_us, head, ("ent", privilege, 0))
        if endorse_day > self.horizon or endorse_day >= approve_day:
            return None
        us = at(endorse_day, rng)
        step = privilege.change(
            us,
            "privilege.endorse",
            {"status": "ENDORSED", "status_reason": None, "endorsed_by": head.name},
        )
        self.txn(us, head, ("ent", privilege, step))
        if approve_day > self.horizon:
            return None
        committee = self.committee_for(chain.scope)
        us = at(approve_day, rng, 14, 17.5)
        decision = self.committee_decision(
            us, committee_name(chain.scope), "APPROVED", "Privilege", privilege
        )
        step = privilege.change(
            us,
            "privilege.approve",
            {
                "status": "ACTIVE",
                "status_reason": None,
                "valid_from": approve_day,
                "valid_until": add_months(approve_day, TERM_MONTHS) - timedelta(days=1),
                "basis_id": decision,
            },
        )
        self.txn(us, committee, ("ent", decision, 0), ("ent", privilege, step))
        return privilege

    def committee_for(self, scope: Scope) -> Actor:
        name = "committee.technique" if scope is Scope.TECHNIQUE else "committee.surgery"
        return self.committee_users[name]

    def privilege(
        self, chain: Chain, us: int, values: dict[str, Any], action: str, reason: str | None = None
    ) -> Ent:
        base: dict[str, Any] = {
            "scope": chain.scope.value,
            "scope_key": chain.key,
            "max_grade": None,
            "procedure_code": None,
            "supervised_only": False,
            "valid_from": None,
            "valid_until": None,
            "status_reason": None,
            "endorsed_by": None,
            "last_evaluated_on": None,
            "basis_id": None,
            "practitioner_id": chain.practitioner,
            "site_id": chain.site,
            "specialty_id": None,
            "supersedes_id": None,
            "technique_id": None,
        }
        base.update(values)
        privilege = self.new("privilege", us, base, action, reason)
        chain.terms.append(privilege)
        self.privilege_count += 1
        return privilege

    def run_chain(
        self,
        practitioner: Ent,
        site: Ent,
        scope: Scope,
        target: dict[str, Any],
        approve_day: date,
        stop: tuple[date, str] | None,
    ) -> Chain | None:
        """Grant a privilege and carry it through its re-evaluations up to the horizon."""
        rng = self.rng
        key = scope_key(
            scope,
            specialty_id=ref(target.get("specialty_id")),
            procedure_code=target.get("procedure_code"),
            technique_id=ref(target.get("technique_id")),
        )
        chain = Chain(practitioner, site, scope, key)
        department = practitioner.values["department_id"]
        head = self.heads[id(department)]
        approve_day = workday(approve_day)
        if stop is not None and approve_day >= stop[0] - timedelta(days=45):
            return None
        current = self.request(chain, target, approve_day, head)
        self.chains.append(chain)
        if current is None:
            return chain
        yearly = self.yearly(scope, target.get("procedure_code"))
        committee = self.committee_for(scope)
        while True:
            valid_from = current.current("valid_from")
            valid_until = current.current("valid_until")
            last = current.current("last_evaluated_on") or valid_from
            review = add_months(last, 12) if yearly else valid_until
            opened = workday(quarter_start(review - timedelta(days=60)))
            if opened <= valid_from:
                opened = workday(add_months(quarter_start(valid_from), 3))
            decided = workday(opened + timedelta(days=rng.randrange(20, 56)))
            if rng.random() < 0.03:
                decided += timedelta(days=rng.randrange(40, 80))  # a late committee
            # A manager's suspension during the term (R13 needs a reason). Not on a term a
            # promotion ends: R12 keeps a suspended privilege in the way of its successor.
            if rng.random() < 0.008 and (stop is None or stop[1] != "PROMOTED"):
                day = self.day_between(valid_from + timedelta(days=30), min(decided, self.horizon))
                if day < decided and day <= self.horizon and (stop is None or day < stop[0]):
                    us = at(day, rng)
                    reason = rng.choice(["手术并发症调查期间暂停", "科室质控整改期间暂停"])
                    step = current.change(
                        us,
                        "privilege.suspend",
                        {"status": "SUSPENDED", "status_reason": reason},
                        reason,
                    )
                    self.txn(us, committee, ("ent", current, step))
                    return chain
            if stop is not None and stop[0] <= decided:
                day, why = stop
                if why == "SUSPENDED" or day > valid_until:
                    return chain  # no more renewals: the term runs out
                us = at(day, rng, 8, 12)
                reason = {
                    "LEFT": f"人员离职（{practitioner.values['staff_no']}）",
                    "PROMOTED": "职称晋升，改授更高级别",
                }[why]
                step = current.change(
                    us, "privilege.revoke", {"status": "REVOKED", "status_reason": reason}, reason
                )
                self.txn(us, self.admin_actor, ("ent", current, step))
                return chain
            if opened > self.horizon:
                return chain
            if rng.random() < 0.03 and (stop is None or stop[0] > valid_until):
                return chain  # not selected for review: the term lapses (EXPIRED)
            cycle = self.cycle(site, opened)
            evaluation = self.new(
                "evaluation",
                cycle.created_us,
                {
                    "status": "PENDING",
                    "case_count": None,
                    "complication_count": None,
                    "death_count": None,
                    "unplanned_reoperation_count": None,
                    "adverse_event_count": None,
                    "metrics_source": None,
                    "recommendation": None,
                    "outcome": None,
                    "decided_by": None,
                    "cycle_id": cycle,
                    "decision_id": None,
                    "privilege_id": current,
                    "resulting_privilege_id": None,
                },
            )
            self.cycle_evaluations[id(cycle)].append(evaluation)
            submitted = workday(opened + timedelta(days=rng.randrange(3, 19)))
            if submitted > self.horizon:
                return chain
            cases = rng.randrange(0, 60)
            metrics = {
                "case_count": cases,
                "complication_count": int(cases * 0.03 + rng.random()),
                "death_count": 0,
                "unplanned_reoperation_count": int(cases * 0.01 + rng.random()),
                "adverse_event_count": int(cases * 0.015 + rng.random()),
                "metrics_source": "CASE_RECORDS" if cases else "MANUAL",
                "recommendation": "考核合格，建议续期" if cases else "本周期无手术病例，建议续期",
                "status": "SUBMITTED",
            }
            us = at(submitted, rng)
            step = evaluation.change(us, "evaluation.submit", metrics)
            self.txn(us, head, ("ent", evaluation, step))
            if decided > self.horizon:
                return chain
            roll = rng.random()
            max_grade = current.current("max_grade")
            if roll < 0.015:
                # A suspended term would stand in the way of the promotion's new grant
                # (R12): before a promotion the committee revokes instead.
                outcome = "SUSPEND" if stop is None or stop[1] != "PROMOTED" else "REVOKE"
            elif roll < 0.03:
                outcome = "REVOKE"
            elif roll < 0.05 and scope is Scope.SURGERY_GRADE and (max_grade or 0) > 1:
                outcome = "DOWNGRADE"
            elif roll < 0.08:
                outcome = "RENEW_WITH_CONDITIONS"
            else:
                outcome = "RENEW"
            us = at(decided, rng, 14, 17.5)
            decision = self.committee_decision(
                us, committee_name(scope), outcome, "Evaluation", evaluation
            )
            events: list[EventSpec] = [("ent", decision, 0)]
            reason = {
                "SUSPEND": "评价期内并发症率高于科室均值，暂停待复核",
                "REVOKE": "评价不合格，取消授权",
                "DOWNGRADE": "评价期内手术量不足，降级授权",
                "RENEW_WITH_CONDITIONS": None,
                "RENEW": None,
            }[outcome]
            conditions = (
                "续期附条件：需上级医师指导" if outcome == "RENEW_WITH_CONDITIONS" else None
            )
            resulting: Ent | None = None
            if outcome in ("SUSPEND", "REVOKE"):
                status = "SUSPENDED" if outcome == "SUSPEND" else "REVOKED"
                step = current.change(
                    us,
                    f"privilege.{outcome.lower()}",
                    {"status": status, "status_reason": reason, "last_evaluated_on": decided},
                    reason,
                )
                events.append(("ent", current, step))
            else:
                step = current.change(
                    us,
                    "privilege.supersede",
                    {
                        "status": "SUPERSEDED",
                        "last_evaluated_on": decided,
                        "status_reason": f"{outcome} by evaluation",
                    },
                    reason,
                )
                events.append(("ent", current, step))
                new_until = min(
                    add_months(valid_until, TERM_MONTHS),
                    add_months(decided, 36) - timedelta(days=1),
                )
                supervised = bool(current.current("supervised_only"))
                grade = max_grade
                if outcome == "DOWNGRADE":
                    new_until = max(valid_until, decided)
                    grade = (max_grade or 2) - 1
                if outcome == "RENEW_WITH_CONDITIONS" and scope is not Scope.TECHNIQUE:
                    supervised = supervised or rng.random() < 0.3
                resulting = self.privilege(
                    chain,
                    us,
                    {
                        **target,
                        "max_grade": grade,
                        "supervised_only": supervised,
                        "valid_from": decided,
                        "valid_until": new_until,
                        "status": "ACTIVE",
                        "status_reason": conditions or reason,
                        "basis_id": decision,
                        "supersedes_id": current,
                        "requested_by": committee.name,
                        "last_evaluated_on": decided,
                    },
                    f"privilege.{outcome.lower()}",
                    reason or conditions,
                )
                events.append(("ent", resulting, 0))
            step = evaluation.change(
                us,
                "evaluation.decide",
                {
                    "status": "DECIDED",
                    "outcome": outcome,
                    "decided_by": committee.name,
                    "decision_id": decision,
                    "resulting_privilege_id": resulting,
                },
                reason or conditions,
            )
            events.append(("ent", evaluation, step))
            self.txn(us, committee, *events)
            if resulting is None:
                return chain
            current = resulting

    def targets(self, practitioner: Ent) -> list[tuple[Ent, Scope, dict[str, Any]]]:
        """What a practitioner of this title typically holds (site, scope, target)."""
        rng = self.rng
        department = practitioner.values["department_id"]
        specialty = self.department_specialty[id(department)]
        site = department.values["site_id"]
        title = practitioner.values["title"]
        grade = {"RESIDENT": 1, "ATTENDING": 2}.get(title, 3)
        out: list[tuple[Ent, Scope, dict[str, Any]]] = []
        supervised = title == "RESIDENT" and rng.random() < 0.4
        out.append(
            (
                site,
                Scope.SURGERY_GRADE,
                {"specialty_id": specialty, "max_grade": grade, "supervised_only": supervised},
            )
        )
        if department.values["day_surgery_approved"] and rng.random() < (
            0.4 if title == "RESIDENT" else 0.65
        ):
            out.append((site, Scope.DAY_SURGERY, {}))
        wanted = {
            "RESIDENT": (0, 1, (2,)),
            "ATTENDING": (1, 3, (3,)),
            "ASSOCIATE_CHIEF": (2, 4, (3, 4, 4)),
            "CHIEF": (3, 6, (4,)),
        }[title]
        for _ in range(rng.randint(wanted[0], wanted[1])):
            codes = self.by_specialty_grade.get((id(specialty), rng.choice(wanted[2])))
            if codes:
                out.append((site, Scope.PROCEDURE, {"procedure_code": rng.choice(codes)}))
        if title in ("ASSOCIATE_CHIEF", "CHIEF") and rng.random() < (
            0.3 if title == "ASSOCIATE_CHIEF" else 0.6
        ):
            local = self.gated_techniques.get(id(specialty), [])
            for technique in rng.sample(local, min(len(local), rng.randint(1, 2))):
                out.append((site, Scope.TECHNIQUE, {"technique_id": technique}))
        if title != "RESIDENT" and rng.random() < 0.15:
            other = rng.choice([s for s in self.sites if s is not site])
            out.append(
                (
                    other,
                    Scope.SURGERY_GRADE,
                    {"specialty_id": specialty, "max_grade": max(1, grade - 1)},
                )
            )
        return out

    def start_day(self, practitioner: Ent, scope: Scope, target: dict[str, Any]) -> date:
        rng = self.rng
        hired = self.hired_on[id(practitioner)]
        if hired <= GO_LIVE + timedelta(days=10):
            base = self.rollout[id(practitioner.values["department_id"])]
        else:
            base = hired + timedelta(days=rng.randrange(30, 90))
        if scope is Scope.TECHNIQUE:
            approved = target["technique_id"].current("approved_on")
            if approved is None:
                return date.max
            base = max(base, approved + timedelta(days=rng.randrange(14, 120)))
        if scope is Scope.PROCEDURE and rng.random() < 0.35:
            # Added later in a career, not at go-live.
            base = self.day_between(base, max(base, self.horizon - timedelta(days=60)))
        return base + timedelta(days=rng.randrange(0, 21))

    def grant(
        self, practitioner: Ent, site: Ent, scope: Scope, target: dict[str, Any], day: date
    ) -> None:
        key = scope_key(
            scope,
            specialty_id=ref(target.get("specialty_id")),
            procedure_code=target.get("procedure_code"),
            technique_id=ref(target.get("technique_id")),
        )
        marker = (id(practitioner), id(site), key)
        if marker in self.held or day == date.max:
            return
        self.held.add(marker)
        stop = self.stopped.get(id(practitioner))
        promoted = (
            scope is Scope.SURGERY_GRADE
            and target.get("max_grade", 1) > 1
            and site is practitioner.values["department_id"].values["site_id"]
            and self.rng.random() < 0.35
        )
        if promoted:
            # Held one grade lower until a promotion, then revoked and granted again.
            promotion = day + timedelta(days=self.rng.randrange(200, 1500))
            if promotion < self.horizon - timedelta(days=60) and (
                stop is None or promotion < stop[0] - timedelta(days=60)
            ):
                lower = {**target, "max_grade": target["max_grade"] - 1}
                self.run_chain(practitioner, site, scope, lower, day, (promotion, "PROMOTED"))
                day = promotion
        chain = self.run_chain(practitioner, site, scope, target, day, stop)
        # A lapsed privilege is sometimes applied for again.
        if chain is not None and chain.terms and self.rng.random() < 0.5:
            last = chain.terms[-1]
            until = last.current("valid_until")
            if (
                last.current("status") == "ACTIVE"
                and until is not None
                and until < self.horizon - timedelta(days=90)
                and stop is None
            ):
                again = until + timedelta(days=self.rng.randrange(20, 200))
                self.run_chain(practitioner, site, scope, target, again, None)

    def build_privileges(self) -> None:
        rng = self.rng
        self.gated_techniques: dict[int, list[Ent]] = defaultdict(list)
        for technique in self.techniques:
            if technique.values["category"] != "STANDARD" and self.linked_by_technique.get(
                id(technique)
            ):
                self.gated_techniques[id(self.technique_specialty[id(technique)])].append(technique)
        target_rows = self.counts.privileges
        reserve = max(20, int(target_rows * 0.04))
        order = list(self.practitioners)
        rng.shuffle(order)
        for practitioner in order:
            for site, scope, target in self.targets(practitioner):
                self.grant(
                    practitioner, site, scope, target, self.start_day(practitioner, scope, target)
                )
        # Top up with privileges added later in careers until close to the target ...
        attempts = 0
        while self.privilege_count < target_rows - reserve and attempts < 50 * target_rows:
            attempts += 1
            practitioner = rng.choice(self.practitioners)
            if practitioner.values["title"] == "RESIDENT":
                continue
            department = practitioner.values["department_id"]
            specialty = self.department_specialty[id(department)]
            codes = self.by_specialty_grade.get((id(specialty), rng.choice((3, 4))))
            if not codes:
                continue
            target = {"procedure_code": rng.choice(codes)}
            day = self.day_between(
                self.start_day(practitioner, Scope.SURGERY_GRADE, {}),
                self.horizon - timedelta(days=30),
            )
            self.grant(practitioner, department.values["site_id"], Scope.PROCEDURE, target, day)
        # ... then requests that never became privileges, to the exact count.
        while self.privilege_count < target_rows:
            self.unsuccessful_request()

    def unsuccessful_request(self) -> None:
        """A REJECTED or WITHDRAWN request, or one still REQUESTED or ENDORSED."""
        rng = self.rng
        practitioner = rng.choice(self.practitioners)
        if id(practitioner) in self.stopped:
            return
        department = practitioner.values["department_id"]
        specialty = self.department_specialty[id(department)]
        site = department.values["site_id"]
        codes = self.by_specialty_grade.get((id(specialty), rng.choice((2, 3, 4))))
        if not codes:
            return
        code = rng.choice(codes)
        key = scope_key(Scope.PROCEDURE, procedure_code=code)
        if (id(practitioner), id(site), key) in self.held:
            return
        self.held.add((id(practitioner), id(site), key))
        head = self.heads[id(department)]
        chain = Chain(practitioner, site, Scope.PROCEDURE, key)
        self.chains.append(chain)
        roll = rng.random()
        if roll < 0.3:  # still open
            request_day = self.day_between(self.horizon - timedelta(days=40), self.horizon)
        else:
            request_day = self.day_between(
                max(self.hired_on[id(practitioner)], GO_LIVE) + timedelta(days=30),
                self.horizon - timedelta(days=30),
            )
        request_day = min(workday(request_day), self.horizon)
        privilege = self.privilege(
            chain,
            at(request_day, rng),
            {"procedure_code": code, "status": "REQUESTED", "requested_by": head.name},
            "privilege.request",
            rng.choice([None, "科室业务发展需要", "新开展项目"]),
        )
        self.txn(privilege.created_us, head, ("ent", privilege, 0))
        if roll < 0.15:
            return
        endorse_day = workday(request_day + timedelta(days=rng.randrange(1, 10)))
        if endorse_day > self.horizon:
            return
        if roll < 0.42:
            if roll >= 0.3:
                self.withdraw(privilege, endorse_day, head)
                return
            us = at(endorse_day, rng)
            step = privilege.change(
                us,
                "privilege.endorse",
                {"status": "ENDORSED", "status_reason": None, "endorsed_by": head.name},
            )
            self.txn(us, head, ("ent", privilege, step))
            return
        us = at(endorse_day, rng)
        step = privilege.change(
            us,
            "privilege.endorse",
            {"status": "ENDORSED", "status_reason": None, "endorsed_by": head.name},
        )
        self.txn(us, head, ("ent", privilege, step))
        decide_day = workday(endorse_day + timedelta(days=rng.randrange(7, 40)))
        if decide_day > self.horizon or roll < 0.55:
            self.withdraw(privilege, min(decide_day, self.horizon), head)
            return
        us = at(decide_day, rng, 14, 17.5)
        reason = rng.choice(["近两年相关手术例数不足", "培训考核未通过", "科室暂不具备开展条件"])
        committee = self.committee_users["committee.surgery"]
        events: list[EventSpec] = []
        changes: dict[str, Any] = {"status": "REJECTED", "status_reason": reason}
        if rng.random() < 0.6:
            decision = self.committee_decision(
                us, SURGERY_COMMITTEE, "REJECTED", "Privilege", privilege
            )
            events.append(("ent", decision, 0))
            changes["basis_id"] = decision
        step = privilege.change(us, "privilege.reject", changes, reason)
        events.append(("ent", privilege, step))
        self.txn(us, committee, *events)

    def withdraw(self, privilege: Ent, day: date, head: Actor) -> None:
        us = at(max(day, (moment(privilege.created_us) + timedelta(hours=8)).date()), self.rng)
        us = max(us, privilege.steps[-1][0] + 1 if privilege.steps else privilege.created_us + 1)
        reason = self.rng.choice(["申请人撤回", "材料不全，撤回重报"])
        step = privilege.change(
            us, "privilege.withdraw", {"status": "WITHDRAWN", "status_reason": reason}, reason
        )
        self.txn(us, head, ("ent", privilege, step))

    # --- case records --------------------------------------------------------------------

    def build_cases(self) -> None:
        """Cases performed under the privileges that covered them at the time."""
        rng = self.rng
        windows: list[tuple[Ent, date, date]] = []
        for chain in self.chains:
            if chain.scope is Scope.DAY_SURGERY:
                continue
            for term in chain.terms:
                start = term.current("valid_from")
                if start is None:
                    continue
                end = term.current("valid_until")
                for us, _action, changes, _reason in term.steps:
                    if changes.get("status") in ("SUPERSEDED", "REVOKED", "SUSPENDED"):
                        end = min(end, (moment(us) + timedelta(hours=8)).date())
                stop = self.stopped.get(id(chain.practitioner))
                if stop is not None:
                    end = min(end, stop[0])
                end = min(end, self.horizon - timedelta(days=1))
                if end > start:
                    windows.append((term, start, end))
        weights = list(
            accumulate(
                (end - start).days * (3 if term.values["scope"] == "SURGERY_GRADE" else 1)
                for term, start, end in windows
            )
        )
        seniors: dict[int, list[Ent]] = {}
        day_surgery_holders = {
            (id(chain.practitioner), id(chain.site))
            for chain in self.chains
            if chain.scope is Scope.DAY_SURGERY
            and any(t.current("valid_from") is not None for t in chain.terms)
        }
        planned: list[tuple[int, dict[str, Any]]] = []
        n = self.counts.cases
        picks = rng.choices(windows, cum_weights=weights, k=n)
        for term, start, end in picks:
            practitioner = term.values["practitioner_id"]
            site = term.values["site_id"]
            scope = term.values["scope"]
            if scope == "PROCEDURE":
                code = term.values["procedure_code"]
            elif scope == "TECHNIQUE":
                code = rng.choice(self.linked_by_technique[id(term.values["technique_id"])])
            else:
                specialty = term.values["specialty_id"]
                grade = rng.randint(1, term.current("max_grade"))
                codes = self.by_specialty_grade.get((id(specialty), grade))
                if not codes:
                    continue
                code = rng.choice(codes)
            performed_on = self.day_between(start, end)
            performed_at = at(performed_on, rng, 7.5, 21)
            recorded = min(
                performed_at + rng.randrange(HOUR_US, 48 * HOUR_US),
                (self.horizon.toordinal() - EPOCH_ORDINAL + 1) * DAY_US - SHANGHAI_OFFSET_US - 1,
            )
            supervisor = None
            if term.current("supervised_only"):
                department = practitioner.values["department_id"]
                if id(department) not in seniors:
                    seniors[id(department)] = [
                        p
                        for p in self.by_department[id(department)]
                        if p.values["title"] != "RESIDENT" and id(p) not in self.stopped
                    ]
                if seniors[id(department)]:
                    supervisor = rng.choice(seniors[id(department)])
            grade = self.effective_grade(code)
            if (
                self.procedure_day[code]
                and (id(practitioner), id(site)) in day_surgery_holders
                and rng.random() < 0.5
            ):
                setting = "DAY_SURGERY"
            elif grade == 1 and rng.random() < 0.2:
                setting = "OUTPATIENT"
            else:
                setting = "INPATIENT"
            risk = 1 + grade
            planned.append(
                (
                    recorded,
                    {
                        "code": code,
                        "grade": grade,
                        "practitioner": practitioner,
                        "supervisor": supervisor,
                        "site": site,
                        "performed_on": performed_on,
                        "performed_at": performed_at,
                        "setting": setting,
                        "emergency": rng.random() < 0.02,
                        "mdt_discussed": grade == 4 and rng.random() < 0.97,
                        "complication": rng.random() < 0.008 * risk,
                        "death": rng.random() < 0.0003 * risk,
                        "unplanned_reoperation": rng.random() < 0.003 * risk,
                        "adverse_event": rng.random() < 0.004 * risk,
                    },
                )
            )
        # Top up if some windows had no procedure to draw (rare).
        while len(planned) < n:
            planned.append(planned[rng.randrange(len(planned))])
        planned.sort(key=lambda item: item[0])
        for index, (recorded, case) in enumerate(planned, start=1):
            day = case["performed_on"]
            client, key_number = self.case_client((moment(recorded) + timedelta(hours=8)).date())
            external_ref = f"SS{day:%Y%m%d}{index:08d}"
            practitioner = case["practitioner"]
            supervisor = case["supervisor"]
            site = case["site"]
            digest_input = {
                "external_ref": external_ref,
                "procedure_code": case["code"],
                "performed_on": day.isoformat(),
                "setting": case["setting"],
                "practitioner_id": None,
                "practitioner_staff_no": practitioner.values["staff_no"],
                "site_id": None,
                "site_code": site.values["code"],
                "supervisor_id": None,
                "supervisor_staff_no": supervisor.values["staff_no"] if supervisor else None,
                "performed_at": iso(case["performed_at"]),
                "emergency": case["emergency"],
                "mdt_discussed": case["mdt_discussed"],
                "complication": case["complication"],
                "death": case["death"],
                "unplanned_reoperation": case["unplanned_reoperation"],
                "adverse_event": case["adverse_event"],
            }
            record = self.new(
                "case_record",
                recorded,
                {
                    "client_key": f"api_key:{key_number}",
                    "external_ref": external_ref,
                    "content_digest": hashlib.sha256(
                        audit.canonical_json(digest_input).encode("utf-8")
                    ).hexdigest(),
                    "procedure_code": case["code"],
                    "grade": case["grade"],
                    "performed_on": day,
                    "performed_at": case["performed_at"],
                    "setting": case["setting"],
                    "emergency": case["emergency"],
                    "mdt_discussed": case["mdt_discussed"],
                    "complication": case["complication"],
                    "death": case["death"],
                    "unplanned_reoperation": case["unplanned_reoperation"],
                    "adverse_event": case["adverse_event"],
                    "practitioner_id": practitioner,
                    "site_id": site,
                    "supervisor_id": supervisor,
                },
                "case.record",
            )
            self.txn(recorded, client, ("ent", record, 0))
            assert client.ent is not None
            client.ent.row_only = {"last_used_at": recorded}

    # --- logins (the rest of the audit log) -------------------------------------------------

    def build_logins(self) -> None:
        """Sign-ins, sign-outs and failed attempts fill the audit log to its size."""
        rng = self.rng
        planned = sum(len(t.events) for t in self.txns)
        remaining = self.counts.audit_events - planned
        if remaining < 0:
            raise ValueError(
                f"{planned} audit events planned before logins, more than "
                f"{self.counts.audit_events}: lower the case or privilege counts"
            )
        self.filler = remaining
        days = (self.horizon - GO_LIVE).days
        weights = list(accumulate([8.0] + [1.0] * (len(self.users) - 1)))  # admin most
        heads = {id(actor.ent) for actor in self.heads.values()}
        while remaining > 0:
            user = rng.choices(self.users, cum_weights=weights)[0]
            created = (moment(user.created_us) + timedelta(hours=8)).date()
            day = workday(created + timedelta(days=1 + rng.randrange(max(1, days))))
            if day > self.horizon:
                continue
            username = str(user.values["username"])
            actor = Actor("user", username, user)
            start = at(day, rng, 7.5, 11)
            if remaining >= 3 and rng.random() < 0.03:
                self.txn(
                    start - rng.randrange(10_000_000, 60_000_000),
                    actor,
                    (
                        "lit",
                        "auth.login_failed",
                        "User",
                        user,
                        None,
                        {"username": username, "locked": False},
                        "bad password",
                    ),
                )
                remaining -= 1
            expires = start + 8 * HOUR_US
            session = self.new(
                "session",
                start,
                {
                    "token_hash": f"{rng.getrandbits(256):064x}",
                    "expires_at": expires,
                    "revoked_at": None,
                    "user_id": user,
                },
            )
            self.txn(
                start,
                actor,
                (
                    "lit",
                    "auth.login",
                    "Session",
                    session,
                    None,
                    {"userId": user, "expiresAt": iso(expires), "rehashed": False},
                    None,
                ),
            )
            remaining -= 1
            user.row_only = {
                "last_login_at": max(start, (user.row_only or {}).get("last_login_at", 0))
            }
            if remaining >= 1 and rng.random() < (0.35 if id(user) in heads else 0.6):
                end = start + rng.randrange(HOUR_US // 4, 7 * HOUR_US)
                session.row_only = {"revoked_at": end, "updated_at": end}
                self.txn(end, actor, ("lit", "auth.logout", "Session", session, None, None, None))
                remaining -= 1

    # --- everything ------------------------------------------------------------------------

    def build(self) -> None:
        check_iso()
        self.build_organisation()
        self.build_api_keys()
        self.build_practitioners()
        self.build_techniques()
        self.build_catalogue()
        self.technique_lifecycle()
        self.build_privileges()
        self.build_cases()
        self.build_logins()
        self.assign_ids()

    def assign_ids(self) -> None:
        """Ids in creation order, as autoincrement would have given them."""
        for table in TABLE_ORDER:
            ents = self.ents.get(table, [])
            ents.sort(key=lambda e: e.created_us)
            for number, ent in enumerate(ents, start=1):
                ent.id = number
        for _day, actor, number in self.api_keys:
            assert actor.ent is not None and actor.ent.id == number
        self.txns.sort(key=lambda t: t.us)
        self.audit_total = sum(len(t.events) for t in self.txns)

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        return [final_row(ent) for ent in self.ents.get(table, [])]

    # --- the audit log ---------------------------------------------------------------------

    def render(self, spec: EventSpec) -> tuple[str, str, str | None, Any, Any, str | None]:
        kind = spec[0]
        if kind == "ent":
            ent, step = spec[1], spec[2]
            if step == 0:
                action, reason, before = ent.create_action, ent.create_reason, None
            else:
                _us, action, _changes, reason = ent.steps[step - 1]
                before = snapshot(ent, step - 1)
            return action, MODEL_NAMES[ent.table], str(ent.id), before, snapshot(ent, step), reason
        if kind == "cm":
            cycle = spec[1]
            ids = sorted(e.values["privilege_id"].id for e in self.cycle_evaluations[id(cycle)])
            return (
                "evaluation.create_many",
                "ReviewCycle",
                str(cycle.id),
                None,
                {"privilegeIds": ids},
                None,
            )
        _kind, action, entity_type, entity_id, before, after, reason = spec
        if isinstance(after, dict):
            after = {k: ref(v) for k, v in after.items()}
        entity = ref(entity_id)
        return action, entity_type, None if entity is None else str(entity), before, after, reason

    def audit_batches(self, batch_size: int = 20_000) -> Iterator[list[tuple[Any, ...]]]:
        """Audit rows in seq order, hashed as `domain.audit.append` hashes them."""
        rng = random.Random(self.rng.random())
        seq, prev_hash = 0, audit.GENESIS_HASH
        batch: list[tuple[Any, ...]] = []
        last_us = 0
        for txn in self.txns:
            us = max(txn.us, last_us)  # occurredAt never goes back
            last_us = us
            occurred_at = iso(us)
            actor = txn.actor
            actor_id = actor.id
            request_id = None if actor.kind == "system" else f"{rng.getrandbits(128):032x}"
            for spec in txn.events:
                action, entity_type, entity_id, before, after, reason = self.render(spec)
                seq += 1
                row = {
                    "seq": seq,
                    "occurred_at": occurred_at,
                    "actor_type": actor.kind,
                    "actor_id": actor_id,
                    "actor_name": actor.name,
                    "action": action,
                    "entity_type": entity_type,
                    "entity_id": entity_id,
                    "before_json": audit.canonical_json(before) if before is not None else None,
                    "after_json": audit.canonical_json(after) if after is not None else None,
                    "reason": reason,
                    "request_id": request_id,
                    "prev_hash": prev_hash,
                }
                prev_hash = audit.event_hash(prev_hash, audit.hashed_fields(row))
                batch.append(
                    (
                        seq,
                        occurred_at,
                        actor.kind,
                        actor_id,
                        actor.name,
                        action,
                        entity_type,
                        entity_id,
                        row["before_json"],
                        row["after_json"],
                        reason,
                        request_id,
                        row["prev_hash"],
                        prev_hash,
                    )
                )
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch
        self.head = (seq, prev_hash)

    # --- load-test questions ---------------------------------------------------------------

    def questions(self, count: int) -> list[Question]:
        """Realistic privilegeCheck questions: mostly about privileges people hold."""
        rng = random.Random(self.rng.random())
        today = self.today
        live: list[Ent] = []
        other: list[Ent] = []
        day_surgery: list[Ent] = []
        past: list[Ent] = []
        for chain in self.chains:
            for term in chain.terms:
                start, end = term.current("valid_from"), term.current("valid_until")
                if start is None:
                    continue
                status = term.current("status")
                if status == "ACTIVE" and start <= today <= end:
                    (day_surgery if chain.scope is Scope.DAY_SURGERY else live).append(term)
                elif status in ("SUSPENDED", "REVOKED") or end < today:
                    other.append(term)
                if status == "SUPERSEDED":
                    past.append(term)
        all_codes = [str(p.values["code"]) for p in self.procedures]

        def covered(term: Ent, higher: bool = False) -> str | None:
            scope = term.values["scope"]
            if scope == "PROCEDURE":
                return str(term.values["procedure_code"])
            if scope == "TECHNIQUE":
                return rng.choice(self.linked_by_technique[id(term.values["technique_id"])])
            if scope != "SURGERY_GRADE":  # day surgery: no one procedure to ask about
                return None
            specialty = term.values["specialty_id"]
            top = int(term.current("max_grade"))
            grade = rng.randint(top + 1, 4) if higher else rng.randint(1, top)
            codes = self.by_specialty_grade.get((id(specialty), grade))
            return rng.choice(codes) if codes else None

        def ask(term: Ent, code: str | None, on: date, setting: str, kind: str) -> None:
            if code is None:
                return
            site = term.values["site_id"]
            out.append(
                Question(
                    term.values["practitioner_id"].values["staff_no"],
                    code,
                    on,
                    setting,
                    site.values["code"],
                    kind,
                )
            )

        out: list[Question] = []
        if not live:
            return out
        day_surgery = day_surgery or live
        past = past or live
        other = other or live
        while len(out) < count:
            roll = rng.random()
            if roll < 0.5:
                term = rng.choice(live)
                ask(term, covered(term), today, "INPATIENT", "held")
            elif roll < 0.6:
                term = rng.choice(day_surgery)
                department = term.values["practitioner_id"].values["department_id"]
                specialty = self.department_specialty[id(department)]
                codes = [
                    c
                    for g in (1, 2)
                    for c in self.by_specialty_grade.get((id(specialty), g), [])
                    if self.procedure_day[c]
                ]
                ask(term, rng.choice(codes) if codes else None, today, "DAY_SURGERY", "day")
            elif roll < 0.7:
                term = rng.choice(live)
                if term.values["scope"] == "SURGERY_GRADE" and term.current("max_grade") < 4:
                    ask(term, covered(term, higher=True), today, "INPATIENT", "above-grade")
            elif roll < 0.8:
                term = rng.choice(live)
                ask(term, rng.choice(all_codes), today, "INPATIENT", "random-procedure")
            elif roll < 0.85:
                term = rng.choice(past)
                start, end = term.current("valid_from"), term.current("valid_until")
                ask(term, covered(term), self.day_between(start, end), "INPATIENT", "past")
            elif roll < 0.9:
                term = rng.choice(live)
                code = covered(term)
                site = rng.choice([s for s in self.sites if s is not term.values["site_id"]])
                if code is not None:
                    out.append(
                        Question(
                            term.values["practitioner_id"].values["staff_no"],
                            code,
                            today,
                            "INPATIENT",
                            site.values["code"],
                            "other-site",
                        )
                    )
            elif roll < 0.95:
                term = rng.choice(other)
                ask(term, covered(term), today, "INPATIENT", "not-usable")
            else:
                term = rng.choice(live)
                on = today + timedelta(days=rng.randrange(30, 500))
                ask(term, covered(term), on, "INPATIENT", "future")
        return out[:count]


def committee_name(scope: Scope) -> str:
    return TECHNIQUE_COMMITTEE if scope is Scope.TECHNIQUE else SURGERY_COMMITTEE
