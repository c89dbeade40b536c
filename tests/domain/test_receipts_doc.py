"""The offline verification example in docs/receipts.md runs as documented."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

import httpx
import pytest

from tests.domain.test_receipts import _receipt, _tamper

DOC = Path(__file__).resolve().parents[2] / "docs" / "receipts.md"


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/receipts.md has no python example"
    return blocks[0]


def _run(script: Path, *args: Path, monkeypatch: pytest.MonkeyPatch) -> int | str | None:
    monkeypatch.setattr(sys, "argv", [str(script), *map(str, args)])
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as done:
        return done.code  # type: ignore[return-value]
    return 0


async def test_r18_documented_offline_example_verifies_and_refuses(
    client: httpx.AsyncClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = _example()
    assert len([line for line in code.splitlines() if line.strip()]) <= 24
    decision = await _receipt(client, tmp_path)
    script = tmp_path / "verify_receipt.py"
    script.write_text(code)
    jwks = tmp_path / "jwks.json"
    jwks.write_text((await client.get("/.well-known/jwks.json")).text)
    good, bad = tmp_path / "good.jws", tmp_path / "bad.jws"
    good.write_text(decision["receipt"])
    bad.write_text(_tamper(decision["receipt"]))
    assert _run(script, good, jwks, monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.startswith("VALID: D0001 47.0901")
    refused = _run(script, bad, jwks, monkeypatch=monkeypatch)
    assert isinstance(refused, str) and refused.startswith("INVALID receipt")
