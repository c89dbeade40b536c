"""The API's opaque global ids, computed in the domain (which must not import the schema
layer): base64url of "Type:pk" without padding, the same encoding as schema/ids.py
(tests/api/test_exports.py checks they agree). Exports carry these beside business keys,
never the internal integers."""

from __future__ import annotations

import base64


def global_id(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")
