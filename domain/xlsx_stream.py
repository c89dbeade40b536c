"""A one-sheet .xlsx written as a stream (issue 19, item 3: privileges exports at
≥ 20,000 rows/s). openpyxl builds an object per cell and writes ~50,000 cells/s; this
writes the sheet's XML straight into the zip member, row by row, so memory stays flat
and the cost is the string formatting. It writes only what the exports need: text cells
(inline strings, typed, never formulas; formula-like text gets Excel's quote prefix),
numbers, dates (date cells with a date format), a bold header row, a frozen first row
and column widths. openpyxl, Excel and WPS read it like openpyxl's own files."""

from __future__ import annotations

import asyncio
import os
import pickle
import re
import sys
import weakref
import zipfile
from collections.abc import AsyncGenerator, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

# Text starting so is a formula to Excel (OWASP CSV injection): written as text, quoted.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Cell kinds -> style index in STYLES' cellXfs.
TEXT, CODE, DATE, HEADER, TEXT_QUOTED, CODE_QUOTED = 0, 1, 2, 3, 4, 5
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    'quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
EPOCH = date(1899, 12, 30)  # Excel's day 0 (1900 date system, after the 1900 leap bug)
# Characters XML 1.0 cannot hold (openpyxl refuses them): dropped.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ENTITIES = {"\r": "&#13;"}  # a bare CR would be read back as LF


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_SPECIAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r]")  # what _text changes


def _text(value: str) -> str:
    if _SPECIAL.search(value) is None:  # most cells: codes, names, ids
        return value
    return escape(_ILLEGAL.sub("", value), _ENTITIES)


def _workbook(sheet_name: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name={quoteattr(sheet_name[:31])} sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )


def write_sheet(
    target: Any,
    sheet_name: str,
    header: Sequence[str],
    kinds: Sequence[str],
    widths: Sequence[float],
    rows: Iterable[Sequence[Any]],
    *,
    yes_no: tuple[str, str] = ("是", "否"),
) -> None:
    """Write the workbook to `target` (a path or a binary file). `kinds` per column:
    "code" (text formatted @), "text", "date", "number" or "bool" (written as yes/no).
    Empty values ("" or None) leave the cell out."""
    letters = [column_letter(i) for i in range(1, len(kinds) + 1)]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(sheet_name))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                for i, w in enumerate(widths, start=1)
            )
            head = "".join(
                f'<c r="{letter}1" t="inlineStr" s="{HEADER}"><is><t>{_text(label)}</t></is></c>'
                for letter, label in zip(letters, header, strict=True)
            )
            member.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                    'main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
                    'topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
                    f"</sheetViews><cols>{cols}</cols><sheetData>"
                    f'<row r="1">{head}</row>'
                ).encode()
            )
            yes, no = yes_no
            plan = list(zip(letters, kinds, strict=True))
            parts: list[str] = []
            for line, row in enumerate(rows, start=2):
                cells = []
                for (letter, kind), value in zip(plan, row, strict=True):
                    if value is None or value == "":
                        continue
                    ref = f"{letter}{line}"
                    if kind == "date":
                        day = value.date() if isinstance(value, datetime) else value
                        cells.append(f'<c r="{ref}" s="{DATE}"><v>{(day - EPOCH).days}</v></c>')
                    elif kind == "number":
                        cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                    else:
                        if kind == "bool":
                            text, style = (yes if value else no), TEXT
                        else:
                            text = str(value)
                            style = CODE if kind == "code" else TEXT
                        if text.startswith(FORMULA_STARTS):
                            style += TEXT_QUOTED
                        cells.append(
                            f'<c r="{ref}" t="inlineStr" s="{style}"><is>'
                            f'<t xml:space="preserve">{_text(text)}</t></is></c>'
                        )
                parts.append(f'<row r="{line}">{"".join(cells)}</row>')
                if len(parts) == 500:
                    member.write("".join(parts).encode())
                    parts.clear()
            member.write(("".join(parts) + "</sheetData></worksheet>").encode())


# -- the same, in a process of its own ---------------------------------------------------

_PROJECT = str(Path(__file__).resolve().parent.parent)  # where `domain` imports from


# Sheets written by workers at once; more exports wait their turn (the thread pool that
# wrote them before bounded them the same way).
WORKERS = max(2, os.cpu_count() or 2)
_turns: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _turn() -> asyncio.Semaphore:
    """This event loop's limit on workers (a semaphore belongs to one loop)."""
    loop = asyncio.get_running_loop()
    turn = _turns.get(loop)
    if turn is None:
        turn = _turns[loop] = asyncio.Semaphore(WORKERS)
    return turn


async def write_sheet_apart(
    target: Any, chunks: AsyncGenerator[Sequence[Sequence[Any]], None], **sheet: Any
) -> None:
    """`write_sheet(target, rows=..., **sheet)` in a worker process fed the rows a chunk
    at a time while the caller reads the next: the sheet's XML, a third of a privileges
    export's CPU, is built on another core, and the event loop keeps serving. `target`:
    a path (relative to this process's directory; a file left half-written by a failure
    is removed), or a binary file (the worker then writes to its stdout, copied here).
    At most WORKERS at once. The worker is killed if the rows fail or the caller is
    cancelled; a worker that fails raises RuntimeError with its last words."""
    async with _turn():
        if isinstance(target, str | os.PathLike):
            # The worker runs in another directory: its path must not be relative.
            path = os.path.abspath(os.fspath(target))  # noqa: ASYNC240 (getcwd, no I/O)
            try:
                await _write_apart(path, None, chunks, sheet)
            except BaseException:
                Path(path).unlink(missing_ok=True)  # noqa: ASYNC240 (a local file, once)
                raise
        else:
            await _write_apart(None, target, chunks, sheet)


async def _write_apart(
    path: str | None,
    out: Any,
    chunks: AsyncGenerator[Sequence[Sequence[Any]], None],
    sheet: dict[str, Any],
) -> None:
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "domain.xlsx_stream",
        *([path] if path is not None else []),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE if path is None else None,
        stderr=asyncio.subprocess.PIPE,
        cwd=_PROJECT,
    )
    assert worker.stdin is not None and worker.stderr is not None

    async def feed() -> None:
        stdin = worker.stdin
        assert stdin is not None
        try:
            stdin.write(pickle.dumps(sheet, pickle.HIGHEST_PROTOCOL))
            async for chunk in chunks:
                stdin.write(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
                await stdin.drain()
            stdin.write(pickle.dumps(None))
            await stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            await chunks.aclose()  # the worker has stopped: its exit status says why
        finally:
            stdin.close()

    async def copy() -> None:
        if worker.stdout is not None:
            while data := await worker.stdout.read(1 << 16):
                out.write(data)

    said = asyncio.ensure_future(worker.stderr.read())
    tasks = [asyncio.ensure_future(feed()), asyncio.ensure_future(copy()), said]
    try:
        await asyncio.gather(*tasks)
        await worker.wait()
    except BaseException:
        for task in tasks:
            task.cancel()
        if worker.returncode is None:
            worker.kill()
            await worker.wait()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    if worker.returncode != 0:
        words = said.result().decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(
            f"xlsx worker failed (exit {worker.returncode}): {words[-1] if words else ''}"
        )


class _Rows(pickle.Unpickler):
    """Unpickles the parent's rows: builtin values and dates only, never a class of
    another kind (the Python docs' "restricting globals")."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in ("date", "datetime", "timezone", "timedelta"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def _load(stream: Any) -> Any:
    """The next pickle on `stream` (an unpickler each: one keeps its memo across loads,
    and each chunk's pickle numbers its memo from 0)."""
    return _Rows(stream).load()


def _chunks_from(stream: Any) -> Iterator[Any]:
    while (chunk := _load(stream)) is not None:
        yield from chunk


def _main(argv: list[str]) -> int:
    """`python -m domain.xlsx_stream [PATH]`: the worker of `write_sheet_apart` (stdin:
    the pickled sheet settings, then pickled chunks of rows, then None)."""
    stdin = sys.stdin.buffer
    sheet = _load(stdin)
    target = argv[0] if argv else sys.stdout.buffer
    write_sheet(target, rows=_chunks_from(stdin), **sheet)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
