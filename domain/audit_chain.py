"""The hash chain's verification, the part that needs no ORM: reports, the walk over
rows in seq order, the SQL that writes each row's hashed text, and a worker that checks
one seq range of a SQLite file in its own process
(`python -m domain.audit_chain`, started by domain.audit.verify_chain with workers > 1).
Importing it is cheap (standard library only), so a worker starts in milliseconds."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass
class ChainReport:
    ok: bool
    checked: int
    first_seq: int | None
    last_seq: int | None
    broken_seq: int | None
    problem: str | None
    checkpoints_checked: int = 0  # signed checkpoints the chain was compared with
    last_checkpoint_seq: int | None = None
    unverified_checkpoints: int = 0  # signatures not checkable (key removed, no keys)
    found_seq: int | None = None  # for a sequence gap: the seq found instead


# The walk's problems, in words a developer reads; domain.audit turns them into the
# reader's language (this module stays standard-library only for its workers).
GAP = "sequence gap"
LINK = "prevHash does not match the previous event's hash"
CONTENT = "hash does not match the event's content"


def quote_sql(column: str, postgres: bool) -> str:
    """SQL for `json_text(column)`: the JSON string of a text column, `null` for NULL."""
    if postgres:
        return f"coalesce(to_json({column})::text, 'null')"
    return f"json_quote({column})"  # json_quote(NULL) is 'null'


_BODY_COLUMNS = (
    ("action", "action"),
    ("actorId", "actor_id"),
    ("actorName", "actor_name"),
    ("actorType", "actor_type"),
    ("after", "after_json"),
    ("before", "before_json"),
    ("entityId", "entity_id"),
    ("entityType", "entity_type"),
    ("occurredAt", "occurred_at"),
    ("prevHash", "prev_hash"),
    ("reason", "reason"),
    ("requestId", "request_id"),
)


def hash_input_sql(postgres: bool) -> str:
    """SQL for `prev_hash + body` of row_hash, as text (the same keys, in the same order)."""
    parts = ["prev_hash"]
    for index, (key, column) in enumerate(_BODY_COLUMNS):
        opener = "{" if index == 0 else ","
        parts.append(f"'{opener}\"{key}\":'")
        parts.append(quote_sql(column, postgres))
    parts.append("',\"seq\":'")
    parts.append("seq::text" if postgres else "seq")
    parts.append("'}'")
    return " || ".join(parts)


@dataclass
class Walk:
    """How far a verification has got, and what the next row must link to."""

    expected_prev: str | None
    expected_seq: int
    checked: int = 0
    first: int | None = None
    last: int | None = None
    first_prev: str | None = None  # the first row's prev_hash and hash
    first_hash: str | None = None

    def check(
        self, rows: Iterable[Sequence[Any]], content_ok: Callable[[Any, str], bool]
    ) -> ChainReport | None:
        """Walk rows of (seq, prev_hash, hash, content) in seq order: the first problem
        as a report, else None. `content_ok(content, hash)` tells whether the row's
        content hashes to its hash. Sequence, then link, then content: the order (and
        the words) of the reports do not depend on how the content is checked."""
        expected_prev, expected_seq = self.expected_prev, self.expected_seq
        checked, first, last = self.checked, self.first, self.last
        try:
            for seq_value, prev, digest, content in rows:
                seq = int(seq_value)
                if first is None:
                    first, self.first_prev, self.first_hash = seq, prev, digest
                problem = None
                if seq != expected_seq and checked > 0:
                    return ChainReport(
                        False, checked, first, last, expected_seq, GAP, found_seq=seq
                    )
                if expected_prev is not None and prev != expected_prev:
                    problem = LINK
                elif not content_ok(content, digest):
                    problem = CONTENT
                if problem:
                    return ChainReport(False, checked, first, last, seq, problem)
                checked += 1
                last = seq
                expected_prev = digest
                expected_seq = seq + 1
        finally:
            self.expected_prev, self.expected_seq = expected_prev, expected_seq
            self.checked, self.first, self.last = checked, first, last
        return None


def sha_ok(data: bytes | None, digest: str, sha256: Any = hashlib.sha256) -> bool:
    """The database wrote `prev_hash + body` as UTF-8 bytes; hash them here."""
    return data is not None and sha256(data).hexdigest() == digest


def flag_ok(matches: bool | None, _digest: str) -> bool:
    """The database hashed the row itself (PostgreSQL's sha256)."""
    return bool(matches)


def content_sql(postgres: bool) -> str:
    """The column verification reads for each row's content: the UTF-8 bytes of
    prev_hash + body (SQLite; Python hashes them), or whether sha256 of them is the
    stored hash (PostgreSQL hashes in SQL)."""
    if postgres:
        return f"encode(sha256(convert_to({hash_input_sql(True)}, 'UTF8')), 'hex') = hash"
    return f"CAST({hash_input_sql(False)} AS BLOB)"


def range_query(postgres: bool, bounded: bool, batch: int) -> str:
    """Keyset page of (seq, prev_hash, hash, content) after `?` (and up to `?`)."""
    bound = " AND seq <= ?" if bounded else ""
    return (
        f"SELECT seq, prev_hash, hash, {content_sql(postgres)} FROM audit_event "
        f"WHERE seq > ?{bound} ORDER BY seq LIMIT {batch}"
    )


@dataclass
class RangeResult:
    """One seq range checked apart from the others: its first row (whose sequence and
    link the caller checks against the range before), the walk's end, and the first
    problem inside the range (its `checked` counts from the range's first row)."""

    first_seq: int | None
    first_prev: str | None
    first_hash: str | None
    checked: int
    last_seq: int | None
    last_hash: str | None
    report: ChainReport | None


def walk_result(walk: Walk, report: ChainReport | None) -> RangeResult:
    return RangeResult(
        walk.first,
        walk.first_prev,
        walk.first_hash,
        walk.checked,
        walk.last,
        walk.expected_prev,
        report,
    )


def check_sqlite_range(filename: str, low: int, high: int, batch: int) -> RangeResult:
    """Check rows low..high of a SQLite file through a read-only connection."""
    uri = "file:" + urllib.parse.quote(str(Path(filename).resolve())) + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        walk = Walk(None, low)
        query = range_query(False, True, batch)
        after = low - 1
        while True:
            rows = db.execute(query, [after, high]).fetchall()
            report = walk.check(rows, sha_ok)
            if report is not None or len(rows) < batch:
                return walk_result(walk, report)
            after = int(rows[-1][0])
    finally:
        db.close()


def main(argv: Sequence[str]) -> None:
    """`python -m domain.audit_chain FILE LOW HIGH BATCH`: one JSON line on stdout."""
    filename, low, high, batch = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    result = check_sqlite_range(filename, low, high, batch)
    print(json.dumps(asdict(result)), flush=True)


def result_from_json(text: str) -> RangeResult:
    found = json.loads(text)
    report = found.pop("report")
    return RangeResult(**found, report=ChainReport(**report) if report else None)


if __name__ == "__main__":
    main(sys.argv[1:])
