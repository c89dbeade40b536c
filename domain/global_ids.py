"""The API's opaque global ids, computed in the domain (which must not import the schema
layer): base64url of "Type:pk" without padding, the same encoding as schema/ids.py
(tests/api/test_exports.py checks they agree). Exports carry these beside business keys,
never the internal integers."""

from __future__ import annotations

import binascii

_URL_SAFE = bytes.maketrans(b"+/", b"-_")


def global_id(type_name: str, pk: int) -> str:
    # base64.urlsafe_b64encode without its two Python layers: exports compute one or
    # two of these per row.
    encoded = binascii.b2a_base64(f"{type_name}:{pk}".encode(), newline=False)
    return encoded.translate(_URL_SAFE).decode().rstrip("=")
