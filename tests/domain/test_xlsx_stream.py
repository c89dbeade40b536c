"""The streamed one-sheet workbook (domain.xlsx_stream) reads back cell for cell in
openpyxl: text that XML must escape, characters it cannot hold, formula-like text,
dates, numbers, yes/no and empty cells."""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain import xlsx_stream

KINDS = ["code", "text", "date", "number", "bool"]


def _read_back(rows: list[list[object]]) -> list[tuple[object, ...]]:
    target = io.BytesIO()
    xlsx_stream.write_sheet(
        target, "授权", ["编码", "名称", "日期", "数", "是否"], KINDS, [14] * 5, rows
    )
    book = load_workbook(io.BytesIO(target.getvalue()))
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    return [tuple(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("47.0901", "47.0901"),
        ("普通外科 & 肝胆", "普通外科 & 肝胆"),
        ("<b>x</b>", "<b>x</b>"),
        ("a > b", "a > b"),
        ("\"引号\" '单'", "\"引号\" '单'"),
        ("行一\r\n行二", "行一\r\n行二"),
        ("bell\x07tab\tend", "belltab\tend"),  # XML 1.0 cannot hold \x07: dropped
        ("  前后空格  ", "  前后空格  "),
    ],
)
def test_text_reads_back_as_written(text: str, read: str) -> None:
    [row] = _read_back([[text, text, None, None, None]])
    assert row[0] == read and row[1] == read


def test_formula_like_text_stays_text_with_a_quote_prefix() -> None:
    target = io.BytesIO()
    xlsx_stream.write_sheet(
        target, "s", ["a"], ["text"], [14], [['=HYPERLINK("http://x")'], ["+1"]]
    )
    sheet = load_workbook(io.BytesIO(target.getvalue())).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x")', "+1"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_dates_numbers_yes_no_and_empty_cells() -> None:
    rows = _read_back(
        [
            ["0123", "", date(2026, 12, 5), 4, True],
            [None, "名", datetime(2027, 1, 1, 8, 30), 2.5, False],
        ]
    )
    assert rows[0] == ("0123", None, datetime(2026, 12, 5), 4, "是")
    assert rows[1] == (None, "名", datetime(2027, 1, 1), 2.5, "否")


# -- written in a worker process (write_sheet_apart) ---------------------------------------

SHEET = {
    "sheet_name": "授权",
    "header": ["编码", "名称", "日期", "数", "是否"],
    "kinds": KINDS,
    "widths": [14] * 5,
}
ROWS = [
    ["47.0901", "普通外科 & <肝胆>", date(2026, 12, 5), 4, True],
    ["=1+1", "", datetime(2027, 1, 1, 8, 30), 2.5, False],
    [None, "行一\r\n行二", None, None, None],
]


async def _chunks(
    rows: list[list[object]], size: int = 2, fail_after: int | None = None
) -> AsyncIterator[list[list[object]]]:
    for start in range(0, len(rows), size):
        if fail_after is not None and start >= fail_after:
            raise ValueError("the rows could not be read")
        yield rows[start : start + size]


def _workers() -> list[int]:
    """This process's children that are xlsx workers, or zombies (an exited child not
    reaped: its command line is gone)."""
    found = []
    me = str(os.getpid())
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except OSError:
            continue
        if parent == me and (b"domain.xlsx_stream" in command or state == "Z"):
            found.append(int(entry))
    return found


def _cells(data: bytes) -> list[tuple[object, ...]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


async def test_a_worker_writes_what_write_sheet_writes_to_a_path_or_a_file(tmp_path: Path) -> None:
    direct = io.BytesIO()
    xlsx_stream.write_sheet(direct, rows=ROWS, **SHEET)
    path = tmp_path / "apart.xlsx"
    await xlsx_stream.write_sheet_apart(str(path), _chunks(ROWS), **SHEET)
    piped = io.BytesIO()
    await xlsx_stream.write_sheet_apart(piped, _chunks(ROWS, size=1), **SHEET)
    expected = _cells(direct.getvalue())
    assert expected[1] == ("47.0901", "普通外科 & <肝胆>", datetime(2026, 12, 5), 4, "是")
    assert _cells(path.read_bytes()) == expected
    assert _cells(piped.getvalue()) == expected
    assert _workers() == []


async def test_rows_that_fail_stop_the_worker_and_raise_their_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="could not be read"):
        await xlsx_stream.write_sheet_apart(
            str(tmp_path / "x.xlsx"), _chunks(ROWS * 3, fail_after=4), **SHEET
        )
    assert _workers() == []
    assert not (tmp_path / "x.xlsx").exists()  # no half-written workbook left behind


async def test_a_relative_path_is_this_process_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker runs in the project's directory: a relative path (the CLI's
    `--output out.xlsx`) still means the caller's."""
    monkeypatch.chdir(tmp_path)
    await xlsx_stream.write_sheet_apart("out.xlsx", _chunks(ROWS), **SHEET)
    assert _cells((tmp_path / "out.xlsx").read_bytes())[1][0] == "47.0901"


async def test_at_most_workers_sheets_are_written_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "WORKERS", 1)
    first_started, release = asyncio.Event(), asyncio.Event()

    async def held() -> AsyncIterator[list[list[object]]]:
        yield ROWS
        first_started.set()
        await release.wait()

    first = asyncio.ensure_future(
        xlsx_stream.write_sheet_apart(str(tmp_path / "a.xlsx"), held(), **SHEET)
    )
    await asyncio.wait_for(first_started.wait(), 30)
    second = asyncio.ensure_future(
        xlsx_stream.write_sheet_apart(str(tmp_path / "b.xlsx"), _chunks(ROWS), **SHEET)
    )
    await asyncio.sleep(0.5)
    assert len(_workers()) == 1 and not second.done()  # the second waits its turn
    release.set()
    await asyncio.wait_for(asyncio.gather(first, second), 60)
    assert _cells((tmp_path / "b.xlsx").read_bytes()) == _cells((tmp_path / "a.xlsx").read_bytes())
    assert _workers() == []


async def test_a_value_that_is_not_a_cell_is_refused_by_the_worker(tmp_path: Path) -> None:
    """The worker unpickles dates and builtins only: any other class is refused, and
    the worker's failure is raised here."""
    from decimal import Decimal

    rows = [["A", "b", None, Decimal("1.5"), True]]
    with pytest.raises(RuntimeError, match="not a cell value"):
        await xlsx_stream.write_sheet_apart(str(tmp_path / "x.xlsx"), _chunks(rows), **SHEET)
    assert _workers() == []
    assert not (tmp_path / "x.xlsx").exists()


async def test_a_cancelled_export_kills_its_worker(tmp_path: Path) -> None:
    started = asyncio.Event()

    async def slow() -> AsyncIterator[list[list[object]]]:
        yield ROWS
        started.set()
        await asyncio.sleep(60)
        yield ROWS

    task = asyncio.ensure_future(
        xlsx_stream.write_sheet_apart(str(tmp_path / "x.xlsx"), slow(), **SHEET)
    )
    await asyncio.wait_for(started.wait(), 30)
    assert len(_workers()) == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _workers() == []
