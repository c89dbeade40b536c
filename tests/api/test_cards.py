"""Issue 18 part 3: the privilege card (电子授权证书)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import jwt

from domain import cards, clock, privileges, signing
from tests import factories


async def _world(tmp_path: Path, fixed_clock: clock.FixedClock) -> dict[str, Any]:
    # PyJWT checks expiry against the system clock: issue cards at the real time
    fixed_clock.at = datetime.now(UTC)
    signing.configure(tmp_path / "keys")
    await factories.hospital()
    surgeon = await factories.practitioner("D0001")
    await factories.practitioner("D0002")
    await factories.procedure()
    privilege = await factories.grant(surgeon)
    return {
        "surgeon": surgeon,
        "privilege": privilege,
        "own": await factories.token_for(
            "surgeon", ["PRACTITIONER"], practitioner_staff_no="D0001"
        ),
        "colleague": await factories.token_for(
            "colleague", ["PRACTITIONER"], practitioner_staff_no="D0002"
        ),
        "admin": await factories.token_for("medaffairs", ["ADMIN"]),
    }


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def test_r18_card_lists_todays_privileges_and_verifies_offline(
    client: httpx.AsyncClient, tmp_path: Path, fixed_clock: clock.FixedClock
) -> None:
    world = await _world(tmp_path, fixed_clock)
    response = await client.get("/card/D0001", headers=_auth(world["own"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["expiresIn"] == 600
    jwks = (await client.get("/.well-known/jwks.json")).json()
    kid = jwt.get_unverified_header(body["token"])["kid"]
    key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == kid)).key
    claims = jwt.decode(body["token"], key, algorithms=["EdDSA"])
    assert claims["sub"] == "D0001"
    assert [line["procedureCode"] for line in claims["privileges"]] == ["47.0901"]
    assert claims["exp"] - claims["iat"] == 600

    png = await client.get("/card/D0001?format=png", headers=_auth(world["admin"]))
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert png.headers["content-type"] == "image/png"
    svg = await client.get("/card/D0001?format=svg", headers=_auth(world["admin"]))
    assert svg.status_code == 200 and b"<svg" in svg.content

    checked = (await client.get("/card/verify", params={"token": body["token"]})).json()
    assert checked["valid"] is True and checked["changedSince"] is False


async def test_r18_card_is_for_the_practitioner_or_medical_affairs(
    client: httpx.AsyncClient, tmp_path: Path, fixed_clock: clock.FixedClock
) -> None:
    world = await _world(tmp_path, fixed_clock)
    assert (await client.get("/card/D0001")).status_code == 401
    denied = await client.get("/card/D0001", headers=_auth(world["colleague"]))
    assert denied.status_code == 403
    missing = await client.get("/card/NOSUCH", headers=_auth(world["admin"]))
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    bad = await client.get("/card/D0001?format=gif", headers=_auth(world["admin"]))
    assert bad.status_code == 400
    assert (await client.get("/card/verify")).status_code == 400


async def test_r18_card_expires(
    client: httpx.AsyncClient, tmp_path: Path, fixed_clock: clock.FixedClock
) -> None:
    world = await _world(tmp_path, fixed_clock)
    token = (await client.get("/card/D0001", headers=_auth(world["own"]))).json()["token"]
    fixed_clock.advance(minutes=11)
    checked = (await client.get("/card/verify", params={"token": token})).json()
    assert checked["valid"] is False
    assert "过期" in checked["problem"]
    cards.configure(1)
    try:
        short = (await client.get("/card/D0001", headers=_auth(world["own"]))).json()
        assert short["expiresIn"] == 60
    finally:
        cards.configure(cards.DEFAULT_MINUTES)


async def test_r18_card_verify_says_what_changed_since(
    client: httpx.AsyncClient, tmp_path: Path, fixed_clock: clock.FixedClock
) -> None:
    world = await _world(tmp_path, fixed_clock)
    token = (await client.get("/card/D0001", headers=_auth(world["own"]))).json()["token"]
    privilege = world["privilege"]
    await privileges.suspend_privilege(factories.SYSTEM, privilege.id, privilege.version, "调查")
    checked = (await client.get("/card/verify", params={"token": token})).json()
    assert checked["valid"] is True
    assert checked["changedSince"] is True
    assert any(str(privilege.id) in change for change in checked["changes"])
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    refused = (await client.get("/card/verify", params={"token": tampered})).json()
    assert refused["valid"] is False
