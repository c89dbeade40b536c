"""Property-based fuzzing of the live schema (schemathesis' GraphQL generator,
hypothesis-graphql): random valid queries and mutations, as ADMIN and as nobody,
never produce a 5xx, a masked INTERNAL_ERROR (an unexpected exception) or a trace."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any

import graphql
import httpx
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries
from tortoise import Tortoise

from api.app import create_app
from api.db import tortoise_config
from api.settings import Settings
from domain import clock, passwords
from schema.schema import build_schema
from tests import factories

EXAMPLES = 200


def _string_node(values: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return values.map(lambda text: graphql.StringValueNode(value=text))


# Custom scalars: plausible values and junk alike.
SCALARS = {
    "Date": _string_node(st.one_of(st.dates().map(str), st.text(max_size=12))),
    "DateTime": _string_node(
        st.one_of(
            st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()), st.text(max_size=30)
        )
    ),
    "JSON": _string_node(st.text(max_size=20)),
}


def test_random_operations_never_crash(settings: Settings, fixed_clock: clock.FixedClock) -> None:
    loop = asyncio.new_event_loop()
    sdl = str(build_schema())

    async def setup() -> tuple[httpx.AsyncClient, str]:
        passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
        await Tortoise.init(
            config=tortoise_config(settings.database_url), _enable_global_fallback=True
        )
        app = create_app(settings, manage_database=False)
        clock.set_clock(fixed_clock)
        await factories.hospital()
        await factories.practitioner("D0001")
        await factories.procedure()
        token = await factories.token_for("admin", ["ADMIN"])
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ), token

    client, token = loop.run_until_complete(setup())
    seen: dict[str, int] = {"ok": 0, "errors": 0}

    @hypothesis_settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(
        document=st.one_of(
            queries(sdl, custom_scalars=SCALARS), mutations(sdl, custom_scalars=SCALARS)
        ),
        as_admin=st.booleans(),
    )
    def run(document: str, as_admin: bool) -> None:
        headers = {"authorization": f"Bearer {token}"} if as_admin else {}
        response = loop.run_until_complete(
            client.post("/graphql", json={"query": document}, headers=headers)
        )
        assert response.status_code < 500, (document, response.text)
        assert "Traceback" not in response.text
        body: dict[str, Any] = response.json()
        codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
        assert "INTERNAL_ERROR" not in codes, (document, body)
        seen["errors" if codes else "ok"] += 1

    try:
        run()
    finally:
        loop.run_until_complete(client.aclose())
        loop.run_until_complete(Tortoise.close_connections())
        loop.close()
    assert seen["ok"] > 0  # the generator reached real execution, not only refusals
