"""GraphQL names for the domain's enums, registered once before any type uses them."""

from __future__ import annotations

import strawberry
from graphql import GraphQLEnumType

from domain import permissions
from domain.actors import Role
from domain.decision import ReasonCode, Setting, Severity
from domain.errors import ErrorCode
from domain.i18n import current_locale, supported
from domain.i18n.core import gettext
from domain.organisation import PractitionerStatus, Title
from domain.privileges import Scope, Status
from domain.reviews import Outcome
from domain.states import (
    BookingImpactStatus,
    BookingStatus,
    CalendarOrigin,
    CommitteeOutcome,
    EmergencyOverrideStatus,
    EvaluationStatus,
    MetricsSource,
    ReviewCycleStatus,
    WebhookDeliveryStatus,
)
from domain.techniques import TechniqueCategory, TechniqueStatus
from schema.context import Info

strawberry.enum(Role, name="Role")
strawberry.enum(Title, name="Title")
strawberry.enum(PractitionerStatus, name="PractitionerStatus")
strawberry.enum(Scope, name="PrivilegeScope")
strawberry.enum(Status, name="PrivilegeStatus")
strawberry.enum(Severity, name="Severity")
strawberry.enum(ReasonCode, name="DecisionReasonCode")
strawberry.enum(Setting, name="Setting")
strawberry.enum(ReviewCycleStatus, name="ReviewCycleStatus")
strawberry.enum(EvaluationStatus, name="EvaluationStatus")
strawberry.enum(MetricsSource, name="MetricsSource")
strawberry.enum(EmergencyOverrideStatus, name="EmergencyOverrideStatus")
strawberry.enum(CommitteeOutcome, name="CommitteeOutcome")
strawberry.enum(WebhookDeliveryStatus, name="WebhookDeliveryStatus")
strawberry.enum(BookingStatus, name="BookingStatus")
strawberry.enum(BookingImpactStatus, name="BookingImpactStatus")
strawberry.enum(CalendarOrigin, name="CalendarOrigin")
strawberry.enum(Outcome, name="EvaluationOutcome")
strawberry.enum(TechniqueCategory, name="TechniqueCategory")
strawberry.enum(TechniqueStatus, name="TechniqueStatus")
strawberry.enum(
    ErrorCode,
    name="UserErrorCode",
    description="Machine-readable error codes, shared with the domain layer.",
)

EvaluationOutcome = Outcome
PrivilegeScope = Scope
PrivilegeStatus = Status
DecisionReasonCode = ReasonCode
UserErrorCode = ErrorCode


@strawberry.type(description="A label for people beside an enum value's code.")
class EnumLabel:
    enum: str = strawberry.field(description="The GraphQL enum, e.g. Title.")
    value: str = strawberry.field(description="The value's code, e.g. ATTENDING.")
    label: str = strawberry.field(description="The value in the language asked for: 主治医师.")


def enum_labels(schema: object, locale: str, only: str | None = None) -> list[EnumLabel]:
    """Every value of every enum of the schema (or of `only`), with its label."""
    types = getattr(schema, "type_map", {})
    found = []
    for name in sorted(types):
        kind = types[name]
        if not isinstance(kind, GraphQLEnumType) or name.startswith("__"):
            continue
        if only is not None and name != only:
            continue
        for value in kind.values:
            found.append(
                EnumLabel(
                    enum=name,
                    value=value,
                    label=gettext(value, locale, context=f"enum {name}"),
                )
            )
    return found


@strawberry.type
class EnumLabelQuery:
    @strawberry.field(
        description="Labels for people of every enum value (codes stay English), in "
        "`locale` (zh-CN or en; default: the request's Accept-Language, else the site's)."
    )
    def enum_labels(
        self,
        info: Info,
        locale: str | None = None,
        enum: str | None = None,
    ) -> list[EnumLabel]:
        permissions.require_authenticated(info.context.actor)
        chosen = supported(locale) or current_locale()
        return enum_labels(info.schema._schema, chosen, enum or None)


__all__ = [
    "DecisionReasonCode",
    "EnumLabel",
    "EnumLabelQuery",
    "PractitionerStatus",
    "PrivilegeScope",
    "PrivilegeStatus",
    "Role",
    "Setting",
    "Severity",
    "Title",
    "UserErrorCode",
]
