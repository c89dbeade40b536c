"""Input checks shared by every area; each raises a DomainError naming the field."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import TypeVar

from domain.errors import DomainError, DomainErrors, ErrorCode
from domain.i18n import field_label, msg

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,31}$")
E = TypeVar("E", bound=Enum)


def text(
    field: str, value: str | None, *, max_length: int, required: bool = True, min_length: int = 1
) -> str:
    """Trimmed text with no control characters, within length bounds."""
    if value is None:
        if required:
            raise DomainError(
                ErrorCode.VALIDATION, msg("{field} is required", field=field_label(field)), field
            )
        return ""
    cleaned = value.strip()
    if required and len(cleaned) < min_length:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} is required", field=field_label(field))
            if min_length <= 1
            else msg(
                "{field} must have at least {count} characters",
                field=field_label(field),
                count=min_length,
            ),
            field,
        )
    if len(cleaned) > max_length:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{field} must be at most {count} characters",
                field=field_label(field),
                count=max_length,
            ),
            field,
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} contains control characters", field=field_label(field)),
            field,
        )
    return cleaned


def code(field: str, value: str | None) -> str:
    cleaned = text(field, value, max_length=32)
    if not CODE_PATTERN.match(cleaned):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{field} must be 1-32 letters, digits, '.', '_' or '-', "
                "starting with a letter or digit",
                field=field_label(field),
            ),
            field,
        )
    return cleaned


def choice(field: str, value: str | Enum, allowed: type[E]) -> E:
    raw = value.value if isinstance(value, Enum) else value
    try:
        return allowed(raw)
    except ValueError:
        names = [member.value for member in allowed]
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} must be one of {names}", field=field_label(field), names=names),
            field,
        ) from None


def int_range(field: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{field} must be between {low} and {high}",
                field=field_label(field),
                low=low,
                high=high,
            ),
            field,
        )
    return value


def date_order(
    first_field: str, first: date | None, second_field: str, second: date | None
) -> None:
    if first is not None and second is not None and second < first:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{later} must not be before {earlier}",
                later=field_label(second_field),
                earlier=field_label(first_field),
            ),
            second_field,
        )


def collect(*checks: DomainError | None) -> None:
    errors = [check for check in checks if check is not None]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise DomainErrors(errors)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def mask_national_id(field: str, value: str) -> str:
    """Validate a PRC resident ID (GB 11643, with its check digit) and mask it.

    Only the mask (first 4 and last 4 characters) is ever stored or returned.
    """
    raw = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", raw):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} must be an 18-character resident ID number", field=field_label(field)),
            field,
        )
    total = sum(int(digit) * weight for digit, weight in zip(raw[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != raw[17]:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} has a wrong check digit", field=field_label(field)),
            field,
        )
    return raw[:4] + "*" * 10 + raw[-4:]
