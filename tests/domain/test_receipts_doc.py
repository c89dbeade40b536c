"""The offline verification example in docs/receipts.md runs as documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.domain.test_receipts import _receipt, _tamper

DOC = Path(__file__).resolve().parents[2] / "docs" / "receipts.md"


def _example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/receipts.md has no python example"
    return blocks[0]


async def test_r18_documented_offline_example_verifies_and_refuses(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    code = _example()
    assert len([line for line in code.splitlines() if line.strip()]) <= 26
    decision = await _receipt(client, tmp_path)
    script = tmp_path / "verify_receipt.py"
    script.write_text(code)
    jwks = tmp_path / "jwks.json"
    jwks.write_text((await client.get("/.well-known/jwks.json")).text)
    good, bad = tmp_path / "good.jws", tmp_path / "bad.jws"
    good.write_text(decision["receipt"])
    bad.write_text(_tamper(decision["receipt"]))
    ok = subprocess.run(
        [sys.executable, str(script), str(good), str(jwks)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ok.stdout.startswith("VALID: D0001 47.0901"), ok
    refused = subprocess.run(
        [sys.executable, str(script), str(bad), str(jwks)], capture_output=True, text=True
    )
    assert refused.returncode == 1 and "INVALID" in refused.stderr, refused
