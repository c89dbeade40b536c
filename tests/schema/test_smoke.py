from __future__ import annotations

import httpx

from tests import factories
from tests.factories import gql


async def test_login_and_viewer(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    await factories.user("admin", ["ADMIN"])
    body = await gql(
        client,
        """mutation { login(input: {username: "admin",
        password: "correct horse battery staple"}) { token expiresAt userErrors { code } } }""",
    )
    token = body["data"]["login"]["token"]
    assert token.startswith("crs_")
    body = await gql(client, "{ viewer { kind name roles } }", token=token)
    assert body["data"]["viewer"] == {"kind": "user", "name": "admin", "roles": ["ADMIN"]}
