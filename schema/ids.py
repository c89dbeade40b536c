"""Opaque global ids: base64url of "Type:pk". Clients must not build or parse them."""

from __future__ import annotations

import base64
import binascii

from domain.errors import DomainError, ErrorCode
from domain.i18n import kind_label, msg

MAX_PK = 2**31 - 1  # the id columns are 32-bit; larger keys can name nothing


def encode(type_name: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def decode_any(global_id: str, field: str = "id") -> tuple[str, int]:
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, raw_pk = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        pk = int(raw_pk)
    except (binascii.Error, UnicodeDecodeError, UnicodeEncodeError, ValueError):
        raise DomainError(ErrorCode.VALIDATION, msg("Not a valid id"), field) from None
    if not type_name or pk < 0 or pk > MAX_PK:
        raise DomainError(ErrorCode.VALIDATION, msg("Not a valid id"), field)
    return type_name, pk


def decode(global_id: str, expected_type: str, field: str = "id") -> int:
    type_name, pk = decode_any(global_id, field)
    if type_name != expected_type:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("Not a valid {kind} id", kind=kind_label(expected_type)),
            field,
        )
    return pk


def decode_optional(global_id: str | None, expected_type: str, field: str) -> int | None:
    return None if global_id is None else decode(global_id, expected_type, field)


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"cursor:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    type_name, pk = decode_any(cursor, "after")
    if type_name != "cursor":
        raise DomainError(ErrorCode.VALIDATION, msg("Not a valid cursor"), "after")
    return pk
