"""The decisions area's GraphQL queries."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain import decision
from domain.decision import CheckInput
from schema import ids
from schema.context import Info
from schema.decisions.inputs import PrivilegeCheckInput
from schema.decisions.types import PrivilegeDecision


def to_check(data: PrivilegeCheckInput, index: int | None = None) -> CheckInput:
    prefix = ["inputs", str(index)] if index is not None else ["input"]

    def field(name: str) -> str:
        return ".".join([*prefix, name])

    return CheckInput(
        procedure_code=data.procedure_code.strip()[:32],
        on=data.on,
        setting=decision.Setting(data.setting.value),
        practitioner_id=ids.decode_optional(
            data.practitioner_id, "Practitioner", field("practitionerId")
        ),
        practitioner_staff_no=(data.practitioner_staff_no or "").strip()[:32] or None,
        site_id=ids.decode_optional(data.site_id, "Site", field("siteId")),
        site_code=(data.site_code or "").strip()[:32] or None,
        supervisor_id=ids.decode_optional(
            data.supervisor_id, "Practitioner", field("supervisorId")
        ),
        supervisor_staff_no=(data.supervisor_staff_no or "").strip()[:32] or None,
        emergency=data.emergency,
    )


@strawberry.type
class DecisionQuery:
    @strawberry.field(description="May this practitioner perform this procedure then and there?")
    async def privilege_check(
        self, info: Info, input: PrivilegeCheckInput, known_at: datetime | None = None
    ) -> PrivilegeDecision:
        check = to_check(input)
        answer = await decision.check_one(
            info.context.actor, check, known_at, info.context.registry_state
        )
        return PrivilegeDecision.from_decision(answer, check)

    @strawberry.field(description="Up to 500 checks in one call, e.g. a day's OR list.")
    async def privilege_checks(
        self,
        info: Info,
        inputs: list[PrivilegeCheckInput],
        known_at: datetime | None = None,
    ) -> list[PrivilegeDecision]:
        checks = [to_check(item, index) for index, item in enumerate(inputs)]
        return [
            PrivilegeDecision.from_decision(d, check)
            for d, check in zip(
                await decision.check_many(
                    info.context.actor, checks, known_at, info.context.registry_state
                ),
                checks,
                strict=True,
            )
        ]
