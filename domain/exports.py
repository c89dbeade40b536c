"""Streaming exports for auditors (SPEC section 6): constant memory at any size.

Each export is an async iterator of text chunks read in keyset batches, so an HTTP
response or a file can stream a million rows without holding them. Starting an export
is itself audited.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from domain import audit, audit_chain, audit_scope, clock, permissions, sql, xlsx_stream
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.global_ids import global_id
from domain.history import ParsedOnce, privileges_in_force_at
from domain.i18n import msg
from domain.permissions import Permission
from domain.xlsx_stream import FORMULA_STARTS

BATCH = 5000
EXPORT_BATCH = 5000  # lines written by the database per page


@dataclass(frozen=True)
class AuditRange:
    from_seq: int = 1
    to_seq: int | None = None
    from_time: str | None = None  # canonical UTC text bounds on occurred_at
    to_time: str | None = None
    # Only the events scoped to these institutions (domain/audit_scope.py); None: all.
    institutions: frozenset[int] | None = None


def parse_bound(name: str, raw: str | None) -> tuple[int | None, str | None]:
    """A bound is a sequence number, a date (whole day) or an ISO date-time with zone."""
    if raw is None or raw == "":
        return None, None
    if raw.isdigit():
        return int(raw), None
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            start = datetime.combine(day, time(0), tzinfo=clock.get_clock().zone)
            if name == "to":
                start += timedelta(days=1) - timedelta(microseconds=1)
            return None, clock.utc_iso(start)
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{name} must be a sequence number, a date or an ISO date-time", name=name),
            name,
        ) from None
    if moment.tzinfo is None:
        raise DomainError(ErrorCode.VALIDATION, msg("{name} needs a time zone", name=name), name)
    return None, clock.utc_iso(moment)


def audit_range(
    from_raw: str | None, to_raw: str | None, institutions: frozenset[int] | None = None
) -> AuditRange:
    from_seq, from_time = parse_bound("from", from_raw)
    to_seq, to_time = parse_bound("to", to_raw)
    if from_seq is not None and to_seq is not None and from_seq > to_seq:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The start (from) is after the end (to)"), "from"
        )
    if from_time is not None and to_time is not None and from_time > to_time:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The start (from) is after the end (to)"), "from"
        )
    return AuditRange(from_seq or 1, to_seq, from_time, to_time, institutions)


async def _audit_export_started(actor: Actor, kind: str, params: dict[str, Any]) -> None:
    from domain.writes import write_block

    async with write_block(actor, "export") as ctx:
        ctx.record("export.start", "Export", kind, after=params)


async def start_export(actor: Actor, kind: str, params: dict[str, Any]) -> None:
    """Check the right to export (AUDITOR, ADMIN) and audit the export itself. Audit
    exports need READ_AUDIT too; which events an actor bound to institutions receives is
    decided by `audit_scope.readable_institutions` (issue 16)."""
    permissions.require(actor, Permission.EXPORT)
    if kind.startswith("audit"):
        permissions.require(actor, Permission.READ_AUDIT)
    await _audit_export_started(actor, kind, params)


async def export_institutions(actor: Actor, code: str | None) -> set[int] | None:
    """The institutions an export covers (issue 16): the one asked for (which the actor
    must act for), else the actor's own when bound, else all (None)."""
    institutions = await audit_scope.institutions_for(actor, code)
    return None if institutions is None else set(institutions)


async def _site_institutions() -> dict[int, int]:
    """Site id -> institution id (a site without one belongs to the default institution)."""
    rows = await sql.fetch(
        "SELECT id, COALESCE(institution_id, (SELECT MIN(i.id) FROM institution i "
        "WHERE i.is_default = TRUE)) AS institution_id FROM site"
    )
    return {int(r["id"]): int(r["institution_id"] or 0) for r in rows}


def event_line(row: dict[str, Any]) -> str:
    """One event as an NDJSON line: the stored before/after JSON spliced in as it is
    (it is canonical JSON already), then the other hashed fields and the hash, each
    through json.dumps' own string encoder, so the export's hot loop parses nothing
    and builds no dict."""
    before, after = row["before_json"], row["after_json"]
    return (
        '{"before":' + ("null" if before is None else before)
        + ',"after":' + ("null" if after is None else after)
        + ',"seq":' + str(int(row["seq"]))
        + ',"occurredAt":' + audit.json_text(row["occurred_at"])
        + ',"actorType":' + audit.json_text(row["actor_type"])
        + ',"actorId":' + audit.json_text(row["actor_id"])
        + ',"actorName":' + audit.json_text(row["actor_name"])
        + ',"action":' + audit.json_text(row["action"])
        + ',"entityType":' + audit.json_text(row["entity_type"])
        + ',"entityId":' + audit.json_text(row["entity_id"])
        + ',"reason":' + audit.json_text(row["reason"])
        + ',"requestId":' + audit.json_text(row["request_id"])
        + ',"prevHash":' + audit.json_text(row["prev_hash"])
        + ',"hash":' + audit.json_text(row["hash"])
        + "}\n"
    )  # fmt: skip


_LINE_TEXT_COLUMNS = (
    ("occurredAt", "occurred_at"),
    ("actorType", "actor_type"),
    ("actorId", "actor_id"),
    ("actorName", "actor_name"),
    ("action", "action"),
    ("entityType", "entity_type"),
    ("entityId", "entity_id"),
    ("reason", "reason"),
    ("requestId", "request_id"),
    ("prevHash", "prev_hash"),
    ("hash", "hash"),
)


def event_line_sql(postgres: bool) -> str:
    """SQL writing `event_line(row)` for a row of audit_event: the same keys in the same
    order, before/after spliced as stored, every other text through the database's JSON
    quoting (domain/audit.py checks it equals json.dumps' before each scan)."""
    parts = [
        "'{\"before\":'",
        "coalesce(before_json, 'null')",
        "',\"after\":'",
        "coalesce(after_json, 'null')",
        "',\"seq\":'",
        "seq::text" if postgres else "seq",
    ]
    for key, column in _LINE_TEXT_COLUMNS:
        parts.append(f"',\"{key}\":'")
        parts.append(audit_chain.quote_sql(column, postgres))
    parts.append("'}\n'")
    return " || ".join(parts)


async def audit_ndjson(scope: AuditRange) -> AsyncIterator[str]:
    """One JSON event per line, in seq order, with prevHash and hash to verify offline."""
    async for chunk in _audit_lines(scope, as_bytes=False):
        yield chunk  # type: ignore[misc]


async def audit_ndjson_bytes(scope: AuditRange) -> AsyncIterator[bytes]:
    """`audit_ndjson` as UTF-8 bytes, for the HTTP response: the database writes the
    bytes, so Python neither decodes nor encodes the text on the way through."""
    async for chunk in _audit_lines(scope, as_bytes=True):
        yield chunk  # type: ignore[misc]


async def _audit_lines(scope: AuditRange, as_bytes: bool) -> AsyncIterator[str | bytes]:
    """The database writes each line (event_line_sql) and Python joins a page of them,
    so the export costs little more than reading the rows; where the database's JSON
    quoting is not Python's, the lines are built in Python (event_line)."""

    conditions: list[str] = []
    params: list[Any] = []
    if scope.to_seq is not None:
        conditions.append("e.seq <= ?")
        params.append(scope.to_seq)
    audit.occurred_between(conditions, params, scope.from_time, scope.to_time)

    def page_of(select: str, after: int, size: int) -> tuple[str, list[Any]]:
        return audit_scope.scoped_page(select, conditions, params, after, size, scope.institutions)

    if await audit.sql_text_agrees():
        postgres = sql.is_postgres()
        line = event_line_sql(postgres)
        if as_bytes:
            line = f"convert_to({line}, 'UTF8')" if postgres else f"CAST({line} AS BLOB)"
        joiner: str | bytes = b"" if as_bytes else ""

        def line_page(after: int) -> tuple[str, list[Any]]:
            return page_of(f"seq, {line}", after, EXPORT_BATCH)

        async for lines in audit.row_pages(line_page, scope.from_seq - 1, EXPORT_BATCH):
            yield joiner.join([row[1] for row in lines])  # type: ignore[attr-defined]
        return

    def page(after: int) -> tuple[str, list[Any]]:
        return page_of(
            "seq, occurred_at, actor_type, actor_id, actor_name, action, entity_type, "
            "entity_id, before_json, after_json, reason, request_id, prev_hash, hash",
            after,
            BATCH,
        )

    async for rows in audit.event_pages(page, scope.from_seq - 1, BATCH):
        text = "".join(map(event_line, rows))
        yield text.encode("utf-8") if as_bytes else text


PRIVILEGE_COLUMNS = [
    "privilege_id",
    "practitioner_id",
    "staff_no",
    "practitioner_name",
    "department_code",
    "site_code",
    "scope",
    "target",
    "max_grade",
    "supervised_only",
    "valid_from",
    "valid_until",
    "status",
    "committee",
    "meeting_on",
    "minutes_ref",
    "decision_id",
]
# How each column is written to XLSX: codes and ids as text, dates as dates.
PRIVILEGE_KINDS = {
    "privilege_id": "code",
    "practitioner_id": "code",
    "staff_no": "code",
    "practitioner_name": "text",
    "department_code": "code",
    "site_code": "code",
    "scope": "code",
    "target": "code",
    "max_grade": "number",
    "supervised_only": "bool",
    "valid_from": "date",
    "valid_until": "date",
    "status": "code",
    "committee": "text",
    "meeting_on": "date",
    "minutes_ref": "text",
    "decision_id": "code",
}
# Header labels per language (the message catalogue can take these over as they are).
PRIVILEGE_HEADERS = {
    "zh-CN": {
        "privilege_id": "授权ID",
        "practitioner_id": "医师ID",
        "staff_no": "工号",
        "practitioner_name": "姓名",
        "department_code": "科室编码",
        "site_code": "院区编码",
        "scope": "授权类型",
        "target": "授权对象",
        "max_grade": "最高手术级别",
        "supervised_only": "须在上级医师指导下",
        "valid_from": "生效日期",
        "valid_until": "截止日期",
        "status": "状态",
        "committee": "审批委员会",
        "meeting_on": "会议日期",
        "minutes_ref": "会议纪要编号",
        "decision_id": "决议ID",
    },
    "en": {
        "privilege_id": "Privilege ID",
        "practitioner_id": "Practitioner ID",
        "staff_no": "Staff number",
        "practitioner_name": "Name",
        "department_code": "Department code",
        "site_code": "Site code",
        "scope": "Scope",
        "target": "Target",
        "max_grade": "Max grade",
        "supervised_only": "Supervised only",
        "valid_from": "Valid from",
        "valid_until": "Valid until",
        "status": "Status",
        "committee": "Committee",
        "meeting_on": "Meeting date",
        "minutes_ref": "Minutes ref",
        "decision_id": "Decision ID",
    },
}
BOOL_LABELS = {"zh-CN": ("是", "否"), "en": ("Yes", "No")}
PRIVILEGES_SHEET = {"zh-CN": "授权名单", "en": "Privileges"}


def end_of_day(day: date) -> datetime:
    return datetime.combine(
        day, time(23, 59, 59, 999999), tzinfo=clock.get_clock().zone
    ).astimezone(UTC)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


async def privilege_rows(
    actor: Actor, as_of: date, institution_ids: set[int] | None = None
) -> AsyncGenerator[list[list[Any]], None]:
    """Who held what on that date: privileges in force then, as recorded by the end of
    that day (reconstructed from history, not from today's rows), with their basis; one
    typed list per privilege in PRIVILEGE_COLUMNS order (ids are the API's global ids),
    a chunk of rows at a time in id order, so that memory stays flat at any size.
    `institution_ids`: only privileges at campuses of those institutions."""
    chunks = privileges_in_force_at(actor, end_of_day(as_of), as_of)
    site_institution = await _site_institutions() if institution_ids is not None else {}
    people = {
        int(r["id"]): {**r, "global_id": global_id("Practitioner", int(r["id"]))}
        for r in await sql.fetch(
            "SELECT p.id, p.staff_no, p.name, d.code AS department_code FROM practitioner p "
            "JOIN department d ON d.id = p.department_id"
        )
    }
    sites = {int(r["id"]): r["code"] for r in await sql.fetch("SELECT id, code FROM site")}
    specialties = {
        int(r["id"]): r["code"] for r in await sql.fetch("SELECT id, code FROM specialty")
    }
    techniques = {
        int(r["id"]): r["code"] for r in await sql.fetch("SELECT id, code FROM technique")
    }
    decisions_: dict[int, dict[str, Any]] = {}  # the bases of the rows so far

    async def read_bases(states: list[dict[str, Any]]) -> None:
        wanted = sorted(
            {int(p["basis_id"]) for p in states if p.get("basis_id")} - decisions_.keys()
        )
        for start in range(0, len(wanted), 1000):
            part = wanted[start : start + 1000]
            for r in await sql.fetch(
                "SELECT id, committee, meeting_on, minutes_ref FROM committee_decision "
                f"WHERE id IN ({', '.join(map(str, part))})"
            ):
                decisions_[int(r["id"])] = {
                    **r,
                    "global_id": global_id("CommitteeDecision", int(r["id"])),
                }

    nobody: dict[str, Any] = {}
    days = ParsedOnce(_day)

    def row(p: dict[str, Any]) -> list[Any]:
        person = people.get(int(p["practitioner_id"]), nobody)
        scope = p["scope"]
        if scope == "SURGERY_GRADE":
            target = specialties.get(p.get("specialty_id") or 0)
        elif scope == "PROCEDURE":
            target = p.get("procedure_code")
        elif scope == "TECHNIQUE":
            target = techniques.get(p.get("technique_id") or 0)
        else:
            target = ""
        basis_id = p.get("basis_id")
        basis = decisions_.get(basis_id or 0, nobody)
        return [
            global_id("Privilege", int(p["id"])),
            person.get("global_id") or global_id("Practitioner", int(p["practitioner_id"])),
            person.get("staff_no"),
            person.get("name"),
            person.get("department_code"),
            sites.get(int(p["site_id"])),
            scope,
            target or "",
            p.get("max_grade") or None,
            bool(p.get("supervised_only")),
            days[p.get("valid_from")],
            days[p.get("valid_until")],
            p["status"],
            basis.get("committee", ""),
            days[basis.get("meeting_on")],
            basis.get("minutes_ref", ""),
            (basis.get("global_id") or global_id("CommitteeDecision", int(basis_id)))
            if basis_id
            else "",
        ]

    async for states in chunks:
        if institution_ids is not None:
            states = [
                p for p in states if site_institution.get(int(p["site_id"])) in institution_ids
            ]
        await read_bases(states)
        yield [row(p) for p in states]


_CSV_TEXT = [
    i for i, name in enumerate(PRIVILEGE_COLUMNS) if PRIVILEGE_KINDS[name] in ("code", "text")
]
_CSV_BOOL = [i for i, name in enumerate(PRIVILEGE_COLUMNS) if PRIVILEGE_KINDS[name] == "bool"]


def _csv_ready(row: list[Any]) -> list[Any]:
    """A row ready for csv.writer, in place: booleans as true/false, formula-like text
    escaped (OWASP); None, numbers and dates (ISO) are left to the csv module."""
    for index in _CSV_BOOL:
        row[index] = "true" if row[index] else "false"
    for index in _CSV_TEXT:
        value = row[index]
        if value and value.startswith(FORMULA_STARTS):
            row[index] = "'" + value
    return row


async def privileges_csv(
    actor: Actor, as_of: date, *, bom: bool = False, institution_ids: set[int] | None = None
) -> AsyncIterator[str]:
    """The privileges as CSV (machine headers); `bom` starts it with a UTF-8 BOM so Excel
    on zh-CN Windows reads it as UTF-8. Formula-like cells are escaped (OWASP)."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(PRIVILEGE_COLUMNS)
    async for rows in privilege_rows(actor, as_of, institution_ids):
        writer.writerows(map(_csv_ready, rows))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _privileges_sheet(locale: str) -> dict[str, Any]:
    """The privileges workbook's settings for `xlsx_stream.write_sheet`: codes as text,
    dates as dates, headers in the reader's language."""
    locale = locale if locale in PRIVILEGE_HEADERS else "zh-CN"
    labels = PRIVILEGE_HEADERS[locale]
    return {
        "sheet_name": PRIVILEGES_SHEET[locale],
        "header": [labels[name] for name in PRIVILEGE_COLUMNS],
        "kinds": [PRIVILEGE_KINDS[name] for name in PRIVILEGE_COLUMNS],
        "widths": [
            24 if PRIVILEGE_KINDS[name] == "code" and name.endswith("_id") else 14
            for name in PRIVILEGE_COLUMNS
        ],
        "yes_no": BOOL_LABELS[locale],
    }


def write_privileges_xlsx(target: Any, rows: Iterable[list[Any]], locale: str = "zh-CN") -> None:
    """A real workbook, streamed (domain.xlsx_stream: rows go straight into the zip, so
    memory stays flat at any size): codes as text, dates as dates, a frozen header row,
    headers in the reader's language, formula-like text never a formula."""
    xlsx_stream.write_sheet(target, rows=rows, **_privileges_sheet(locale))


async def privileges_xlsx(
    actor: Actor,
    as_of: date,
    target: Any,
    locale: str = "zh-CN",
    institution_ids: set[int] | None = None,
) -> None:
    """Write the privileges held on `as_of` to `target` (a path or binary file), as
    `write_privileges_xlsx` does, in a worker process fed the rows a chunk at a time
    (`xlsx_stream.write_sheet_apart`): the sheet is written on another core while the
    next rows are read, and the event loop keeps serving."""
    await xlsx_stream.write_sheet_apart(
        target, privilege_rows(actor, as_of, institution_ids), **_privileges_sheet(locale)
    )


def _entry(resource: dict[str, Any], base_url: str) -> str:
    return json.dumps(
        {
            "fullUrl": f"{base_url}/{resource['resourceType']}/{resource['id']}",
            "resource": resource,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


async def _fhir_organisations(
    base_url: str, institution_ids: set[int] | None
) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """An Organization per institution and a Location per campus (issue 16), and the
    institution of each site."""
    site_institution = await _site_institutions()
    resources: list[dict[str, Any]] = []
    for row in await sql.fetch(
        "SELECT id, code, name, licence_no, group_id, is_group_lead FROM institution ORDER BY id"
    ):
        if institution_ids is not None and int(row["id"]) not in institution_ids:
            continue
        organisation: dict[str, Any] = {
            "resourceType": "Organization",
            "id": global_id("Institution", int(row["id"])),
            "identifier": [{"system": f"{base_url}/institution-code", "value": row["code"]}],
            "active": True,
            "name": row["name"],
        }
        if row["licence_no"]:
            organisation["identifier"].append(
                {"system": f"{base_url}/medical-institution-licence", "value": row["licence_no"]}
            )
        resources.append(organisation)
    for row in await sql.fetch("SELECT id, code, name FROM site ORDER BY id"):
        institution = site_institution.get(int(row["id"]))
        if institution_ids is not None and institution not in institution_ids:
            continue
        resources.append(
            {
                "resourceType": "Location",
                "id": global_id("Site", int(row["id"])),
                "identifier": [{"system": f"{base_url}/site-code", "value": row["code"]}],
                "name": row["name"],
                "mode": "instance",
                "managingOrganization": {
                    "reference": f"Organization/{global_id('Institution', institution or 0)}"
                },
            }
        )
    return resources, site_institution


async def fhir_practitioner_roles(
    base_url: str = "urn:credreg", institution_ids: set[int] | None = None
) -> AsyncIterator[str]:
    """A FHIR R4 Bundle (collection): an Organization per institution and a Location per
    campus, then one Practitioner per staff member and one PractitionerRole per ACTIVE
    privilege, the privilege as a qualification-style code. `institution_ids`: only
    those institutions, their campuses' privileges and the practitioners holding them or
    belonging to them."""
    stamp = clock.now().astimezone(UTC).isoformat().replace("+00:00", "Z")
    yield '{"resourceType":"Bundle","type":"collection","timestamp":"' + stamp + '","entry":['

    organisations, site_institution = await _fhir_organisations(base_url, institution_ids)
    first = not organisations
    yield ",".join(_entry(resource, base_url) for resource in organisations)
    after = 0
    while True:
        rows = await sql.fetch(
            "SELECT p.id, p.staff_no, p.name, p.status, p.licence_no, p.licence_valid_until, "
            "d.site_id AS home_site FROM practitioner p "
            "JOIN department d ON d.id = p.department_id "
            f"WHERE p.id > ? ORDER BY p.id LIMIT {BATCH // 5}",
            [after],
        )
        if not rows:
            break
        ids = [int(r["id"]) for r in rows]
        marks = ", ".join("?" for _ in ids)
        privileges = await sql.fetch(
            "SELECT p.id, p.practitioner_id, p.scope, p.max_grade, p.procedure_code, "
            "p.supervised_only, p.valid_from, p.valid_until, p.site_id, s.code AS site_code, "
            "sp.code AS specialty_code, t.code AS technique_code FROM privilege p "
            "JOIN site s ON s.id = p.site_id LEFT JOIN specialty sp ON sp.id = p.specialty_id "
            "LEFT JOIN technique t ON t.id = p.technique_id "
            f"WHERE p.status = 'ACTIVE' AND p.practitioner_id IN ({marks}) ORDER BY p.id",
            ids,
        )
        by_practitioner: dict[int, list[dict[str, Any]]] = {}
        for privilege in privileges:
            privilege["institution_id"] = site_institution.get(int(privilege["site_id"]))
            if institution_ids is not None and privilege["institution_id"] not in institution_ids:
                continue
            by_practitioner.setdefault(int(privilege["practitioner_id"]), []).append(privilege)
        parts = []
        for row in rows:
            held = by_practitioner.get(int(row["id"]), [])
            home = site_institution.get(int(row["home_site"]))
            if institution_ids is not None and not held and home not in institution_ids:
                continue
            for resource in _fhir_resources(row, held, base_url):
                parts.append(
                    ("" if first else ",")
                    + json.dumps(
                        {
                            "fullUrl": f"{base_url}/{resource['resourceType']}/{resource['id']}",
                            "resource": resource,
                        },
                        ensure_ascii=False,
                        separators=(",", ":"),
                    )
                )
                first = False
        yield "".join(parts)
        after = ids[-1]
    yield "]}"


def _fhir_resources(
    row: dict[str, Any], privileges: list[dict[str, Any]], base_url: str
) -> list[dict[str, Any]]:
    practitioner_id = global_id("Practitioner", int(row["id"]))
    practitioner: dict[str, Any] = {
        "resourceType": "Practitioner",
        "id": practitioner_id,
        "identifier": [{"system": f"{base_url}/staff-no", "value": row["staff_no"]}],
        "active": row["status"] == "ACTIVE",
        "name": [{"text": row["name"]}],
    }
    if row["licence_no"]:
        licence: dict[str, Any] = {
            "identifier": [{"system": f"{base_url}/licence-no", "value": row["licence_no"]}],
            "code": {"text": "医师执业证书"},
        }
        if row["licence_valid_until"]:
            licence["period"] = {"end": str(row["licence_valid_until"])[:10]}
        practitioner["qualification"] = [licence]
    resources = [practitioner]
    for privilege in privileges:
        target = {
            "SURGERY_GRADE": f"{privilege['specialty_code']} grade ≤ {privilege['max_grade']}",
            "PROCEDURE": privilege["procedure_code"],
            "TECHNIQUE": privilege["technique_code"],
            "DAY_SURGERY": "day surgery",
        }.get(privilege["scope"], "")
        resources.append(
            {
                "resourceType": "PractitionerRole",
                "id": global_id("Privilege", int(privilege["id"])),
                "active": True,
                "practitioner": {"reference": f"Practitioner/{practitioner_id}"},
                "period": {
                    "start": str(privilege["valid_from"])[:10],
                    "end": str(privilege["valid_until"])[:10],
                },
                "location": [
                    {
                        "reference": f"Location/{global_id('Site', int(privilege['site_id']))}",
                        "display": privilege["site_code"],
                    }
                ],
                "organization": {
                    "reference": "Organization/"
                    + global_id("Institution", int(privilege["institution_id"] or 0))
                },
                "code": [
                    {
                        "coding": [
                            {"system": f"{base_url}/privilege-scope", "code": privilege["scope"]}
                        ],
                        "text": target,
                    }
                ],
                "extension": [
                    {
                        "url": f"{base_url}/supervised-only",
                        "valueBoolean": bool(privilege["supervised_only"]),
                    }
                ],
            }
        )
    return resources
