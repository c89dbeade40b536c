"""Typed domain errors; the codes are shared with GraphQL's UserErrorCode."""

from __future__ import annotations

from enum import StrEnum

# Tortoise checks values against the columns (length, range) before any SQL runs, in
# lookups too: a 33-character staff number asked about raises this, not "not found".
from tortoise.exceptions import ValidationError as ColumnValueError  # noqa: F401 - re-exported

from domain.i18n import field_label, kind_label, localize, msg


class ErrorCode(StrEnum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    WEAK_PASSWORD = "WEAK_PASSWORD"  # noqa: S105 (an error code, not a secret)
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    THROTTLED = "THROTTLED"
    INVALID_SIGNATURE = "INVALID_SIGNATURE"
    UNKNOWN_KEY = "UNKNOWN_KEY"


class DomainError(Exception):
    """An expected failure: bad input, a missing object, a conflict, a refused action.

    `message` is for people: a `msg("Procedure {code} ...", code=...)` from the catalogue
    (rendered in each reader's language at the API), or a plain string (shown as it is).
    """

    def __init__(self, code: ErrorCode, message: str, field: list[str] | str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        if field is None:
            self.field: list[str] | None = None
        elif isinstance(field, str):
            self.field = [field]
        else:
            self.field = list(field)

    def localized(self, locale: str | None = None) -> str:
        """The message in `locale` (default: the reader's)."""
        return localize(self.message, locale)

    def __repr__(self) -> str:
        return f"DomainError({self.code.value}, {self.message!r}, field={self.field})"


class DomainErrors(DomainError):
    """Several field errors at once (e.g. every invalid input field)."""

    def __init__(self, errors: list[DomainError]):
        super().__init__(errors[0].code, errors[0].message, errors[0].field)
        self.errors = errors


def not_found(kind: str, key: object, field: str | list[str] | None = None) -> DomainError:
    return DomainError(
        ErrorCode.NOT_FOUND,
        msg("{kind} {key} does not exist", kind=kind_label(kind), key=key),
        field,
    )


def column_value_error(error: Exception) -> DomainError:
    """A value no column can hold, as the clean validation error it is."""
    column = str(error).split(":", 1)[0].strip()
    if not column:
        return DomainError(ErrorCode.VALIDATION, msg("A value given is too long or out of range"))
    return DomainError(
        ErrorCode.VALIDATION,
        msg("The value given for {field} is too long or out of range", field=field_label(column)),
    )
