"""`credreg audit checkpoint|verify|checkpoints`, `credreg keys`, and the checkpoint export."""

from __future__ import annotations

import json

import httpx
import pytest

from api.cli import main
from domain import audit, signing
from tests import factories


@pytest.fixture
def cli_env(database_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CREDREG_DATABASE_URL", database_url)
    monkeypatch.setenv("CREDREG_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("CREDREG_ADMIN_PASSWORD", "a long and unusual Passphrase for the boss 42")
    monkeypatch.setenv("CREDREG_ARGON2_TIME_COST", "2")
    monkeypatch.setenv("CREDREG_ARGON2_MEMORY_KIB", "19456")
    monkeypatch.setenv("CREDREG_ARGON2_PARALLELISM", "1")
    return str(tmp_path / "keys")


def test_r_audit_checkpoint_cli(cli_env: str, tmp_path, capsys: pytest.CaptureFixture) -> None:
    assert main(["init"]) == 0
    assert signing.load_keys(cli_env).current is not None  # init made the first key
    assert main(["audit", "checkpoint"]) == 0
    out = capsys.readouterr().out
    assert "检查点已签署：序号" in out
    assert main(["audit", "verify"]) == 0
    assert "1 个签名检查点一致" in capsys.readouterr().out
    exported = tmp_path / "checkpoints.json"
    assert main(["audit", "checkpoints", "-o", str(exported)]) == 0
    document = json.loads(exported.read_text())
    assert len(document["checkpoints"]) == 1 and document["keys"][0]["kty"] == "OKP"
    assert main(["audit", "verify", "--checkpoints", str(exported)]) == 0
    assert "2 个签名检查点一致" in capsys.readouterr().out
    assert main(["keys", "rotate"]) == 0
    assert main(["audit", "checkpoint"]) == 0
    assert main(["audit", "verify"]) == 0
    assert "2 个签名检查点一致" in capsys.readouterr().out.splitlines()[-1]


async def test_r_audit_checkpoints_are_exported(client: httpx.AsyncClient) -> None:
    await factories.site()
    await audit.checkpoint_now()
    token = await factories.token_for("auditor1", ["AUDITOR"])
    response = await client.get(
        "/export/audit-checkpoints.json", headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["type"] == audit.CHECKPOINT_TYPE
    (checkpoint,) = body["checkpoints"]
    assert checkpoint["verified"] is True and checkpoint["token"].count(".") == 2
    ring = signing.load_keys(signing.key_dir())
    assert ring.verify(checkpoint["token"], audit.CHECKPOINT_TYPE)["seq"] == checkpoint["seq"]
    refused = await client.get(
        "/export/audit-checkpoints.json",
        headers={"authorization": f"Bearer {await factories.token_for('sched2', ['SCHEDULER'])}"},
    )
    assert refused.status_code == 403


async def test_r_verify_api_reports_checkpoints(client: httpx.AsyncClient) -> None:
    await factories.site()
    await audit.checkpoint_now()
    token = await factories.token_for("auditor2", ["AUDITOR"])
    body = await factories.gql(
        client,
        "{ verifyAuditChain { ok checked checkpointsChecked lastCheckpointSeq } }",
        token=token,
    )
    report = body["data"]["verifyAuditChain"]
    assert report["ok"] and report["checkpointsChecked"] == 1 and report["lastCheckpointSeq"]
