"""Audit scans with the text built by the database (issue 19): the SQL-built NDJSON line
and hashed body are Python's byte for byte, and verification reports the same first
broken seq and problem on every path."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from domain import audit, audit_chain, exports, privilege_log, sql
from domain.exports import AuditRange, event_line
from domain.i18n import Message
from models import AuditEvent
from tests import factories

# Every kind of character json.dumps treats apart, in every text column.
HOSTILE = [
    None,
    "",
    '"',
    "\\",
    '带"引号"的\\反斜杠\\"',
    "controls \x01\x02\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x1b\x1f\x7f end",
    "\u2028\u2029 separators, \ufeff bom, \uffff",
    "naïve café 認証 ñ",
    "emoji 🏥 and astral \U0001f9ec \U0010ffff 👨\u200d👩\u200d👧",
    '{"nested":"json","n":[1,2,{"x":null}]}',
    "</script><!-- '; DROP TABLE audit_event; --",
]


def _is_postgres() -> bool:
    return sql.is_postgres(connections.get("default"))


def _hostile() -> list[str | None]:
    """HOSTILE plus U+0000 where the database can hold it (PostgreSQL text cannot)."""
    values = list(HOSTILE)
    if not _is_postgres():
        values.append("nul \x00 inside")
    return values


async def append_rows(values: list[dict[str, Any]]) -> list[int]:
    """Append chained events with the given column values (hashed by Python)."""
    head = await sql.fetch_one("SELECT seq, hash FROM audit_head WHERE id = 1")
    assert head is not None
    seq, prev = int(head["seq"]), str(head["hash"])
    batch, seqs = [], []
    for overrides in values:
        seq += 1
        row: dict[str, Any] = {
            "seq": seq,
            "occurred_at": "2026-11-24T02:00:00.000000Z",
            "actor_type": "system",
            "actor_id": None,
            "actor_name": "bulk",
            "action": "privilege.approve",
            "entity_type": "Privilege",
            "entity_id": str(seq % 977),
            "before_json": '{"status":"ENDORSED"}',
            "after_json": '{"status":"ACTIVE"}',
            "reason": None,
            "request_id": None,
            "prev_hash": prev,
            **overrides,
        }
        row["hash"] = prev = audit.row_hash(row)
        assert row["hash"] == audit.event_hash(row["prev_hash"], audit.hashed_fields(row))
        batch.append(AuditEvent(**row))
        seqs.append(seq)
        if len(batch) == 5000:
            await AuditEvent.bulk_create(batch)
            await privilege_log.record(batch)  # as audit.append writes them
            batch = []
    if batch:
        await AuditEvent.bulk_create(batch)
        await privilege_log.record(batch)
    await sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [seq, prev])
    return seqs


def _hostile_rows() -> list[dict[str, Any]]:
    rows = []
    for value in _hostile():
        text = value or ""
        rows.append(
            {
                "actor_id": value,
                "actor_name": text,
                "action": text[:64],
                "entity_type": text[:32],
                "entity_id": value,
                "before_json": value,
                "after_json": value,
                "reason": value,
                "request_id": value,
                "occurred_at": text[:32],
            }
        )
    return rows


async def _python_export() -> str:
    return "".join([event_line(row) async for row in audit.iter_events()])


async def _sql_export() -> str:
    text = "".join([chunk async for chunk in exports.audit_ndjson(AuditRange())])
    data = b"".join([chunk async for chunk in exports.audit_ndjson_bytes(AuditRange())])
    assert data == text.encode("utf-8")
    return text


async def test_the_database_quotes_every_code_point_as_json_dumps(db: None) -> None:
    postgres = _is_postgres()
    everything = "".join(
        chr(c) for c in range(0 if not postgres else 1, 0x110000) if not 0xD800 <= c <= 0xDFFF
    )
    quoted = await sql.fetch_scan_rows(
        f"SELECT {audit_chain.quote_sql('x', postgres)}, {audit_chain.quote_sql('y', postgres)} "
        "FROM (SELECT CAST(? AS text) AS x, CAST(NULL AS text) AS y) t",
        [everything],
    )
    assert quoted[0][0] == audit.json_text(everything)
    assert quoted[0][1] == "null"
    assert await audit.sql_text_agrees()


async def test_sql_built_lines_and_hashes_equal_python_for_hostile_text(db: None) -> None:
    await factories.site()
    seqs = await append_rows(_hostile_rows())
    python_lines = await _python_export()
    assert await audit.sql_text_agrees()
    sql_lines = await _sql_export()
    assert sql_lines == python_lines
    assert sql_lines.count('{"before":') == seqs[-1]
    # The hashed text the database writes is row_hash's, byte for byte (every hash
    # above was computed by Python: verification on the SQL path accepts them all).
    postgres = _is_postgres()
    query = (
        f"SELECT seq, {audit_chain.hash_input_sql(postgres)} FROM audit_event ORDER BY seq"
        if postgres
        else f"SELECT seq, CAST({audit_chain.hash_input_sql(False)} AS BLOB) FROM audit_event "
        "ORDER BY seq"
    )
    built = {int(row[0]): row[1] for row in await sql.fetch_scan_rows(query)}
    async for row in audit.iter_events():
        body = row["prev_hash"] + audit.canonical_json(audit.hashed_fields(row))
        assert (built[int(row["seq"])] if postgres else bytes(built[int(row["seq"])])) == (
            body if postgres else body.encode("utf-8")
        ), row["seq"]
    report = await audit.verify_chain()
    assert report.ok and report.checked == seqs[-1], report


async def test_a_tampered_hostile_row_is_reported_at_its_seq(db: None) -> None:
    await factories.site()
    seqs = await append_rows(_hostile_rows())
    target = seqs[len(seqs) // 2]
    await factories.as_owner(
        ["audit_event"], f"UPDATE audit_event SET reason = reason || 'x' WHERE seq = {target}"
    )
    report = await audit.verify_chain()
    assert not report.ok
    assert (report.broken_seq, report.checked) == (target, target - 1)
    assert _english(report.problem) == "The event's hash does not match its content"


def _english(problem: str | None) -> str:
    """The problem as an English reader gets it (the default language is zh-CN)."""
    assert isinstance(problem, Message), problem
    return problem.render("en")


def _plain(count: int) -> list[dict[str, Any]]:
    return [{} for _ in range(count)]


@pytest.mark.parametrize("workers", [1, 3], ids=["serial", "parallel"])
@pytest.mark.parametrize("python", [False, True], ids=["sql", "python"])
@pytest.mark.parametrize("where", ["page-start", "in-page", "second-half"])
@pytest.mark.parametrize(
    ("case", "expected_problem"),
    [
        ("content", "The event's hash does not match its content"),
        ("link", "The event's prevHash does not match the previous event's hash"),
        ("gap", "Sequence gap: expected seq {seq}, found {next}"),
    ],
)
async def test_breaks_past_the_first_pages_are_reported_at_their_exact_seq(
    db: None,
    monkeypatch: pytest.MonkeyPatch,
    workers: int,
    python: bool,
    where: str,
    case: str,
    expected_problem: str,
) -> None:
    """A break in a later page (on its first row, whose link crosses pages, or inside
    it), or in the second half of a parallel verification (a worker's first row, or
    past it), is reported at its seq, with the same words and count, whichever path
    checks and however many workers share the chain."""
    monkeypatch.setattr(audit, "VERIFY_BATCH", 7)
    if python:

        async def disagrees() -> bool:
            return False

        monkeypatch.setattr(audit, "sql_text_agrees", disagrees)
    await factories.site()
    seqs = await append_rows(_plain(40))
    page_start = next(s for s in seqs[14:] if (s - 1) % 7 == 0)  # pages start at 1, 8, 15...
    top = seqs[-1]
    second_half = 1 + -(-top // workers) * (workers - 1)  # the last worker's first seq
    target = {
        "page-start": page_start,
        "in-page": page_start + 3,
        "second-half": second_half if workers > 1 else top - 2,
    }[where]
    statement = {
        "content": f"UPDATE audit_event SET actor_name = 'forged' WHERE seq = {target}",
        "link": f"UPDATE audit_event SET prev_hash = '{'f' * 64}' WHERE seq = {target}",
        "gap": f"DELETE FROM audit_event WHERE seq = {target}",
    }[case]
    await factories.as_owner(["audit_event"], statement)
    report = await audit.verify_chain(workers=workers)
    assert not report.ok
    assert report.broken_seq == target
    assert _english(report.problem) == expected_problem.format(seq=target, next=target + 1)
    assert report.checked == target - 1
    assert (report.first_seq, report.last_seq) == (1, target - 1)


@pytest.mark.parametrize("workers", [1, 2, 4])
async def test_a_partial_range_is_checked_on_the_sql_path(
    db: None, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(audit, "VERIFY_BATCH", 4)
    await factories.site()
    seqs = await append_rows(_plain(30))
    report = await audit.verify_chain(seqs[5], seqs[20], workers=workers)
    assert report.ok and (report.first_seq, report.last_seq) == (seqs[5], seqs[20])
    assert report.checked == 16
    whole = await audit.verify_chain(workers=workers)
    assert whole.ok and (whole.first_seq, whole.last_seq, whole.checked) == (
        1,
        top := seqs[-1],
        top,
    )
    await append_rows(_plain(3))  # past the last seq a parallel walk saw at its start
    assert (await audit.verify_chain(workers=workers)).checked == top + 3
    scope = AuditRange(from_seq=seqs[5], to_seq=seqs[20])
    lines = "".join([chunk async for chunk in exports.audit_ndjson(scope)])
    assert lines == "".join([event_line(row) async for row in audit.iter_events(seqs[5], seqs[20])])


async def test_export_falls_back_to_python_when_the_database_quotes_otherwise(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await factories.site()
    await append_rows(_hostile_rows())
    expected = await _python_export()

    async def disagrees() -> bool:
        return False

    monkeypatch.setattr(audit, "sql_text_agrees", disagrees)
    assert await _sql_export() == expected
    assert (await audit.verify_chain()).ok
