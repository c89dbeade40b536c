"""The streamed one-sheet workbook (domain.xlsx_stream) reads back cell for cell in
openpyxl: text that XML must escape, characters it cannot hold, formula-like text,
dates, numbers, yes/no and empty cells."""

from __future__ import annotations

import io
from datetime import date, datetime

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
