"""The cases area's GraphQL queries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from domain import cases
from schema import ids
from schema.cases.types import CaseRecordType, EmergencyOverrideType, MdtCompletionType
from schema.context import Info
from schema.enums import EmergencyOverrideStatus
from schema.relay import Connection, connection


@strawberry.type
class CaseQuery:
    @strawberry.field(description="R41 overrides; overdue = unreviewed past reportDueBy.")
    async def emergency_overrides(
        self,
        info: Info,
        status: EmergencyOverrideStatus | None = None,
        overdue: bool | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EmergencyOverrideType]:
        page = await cases.list_emergency_overrides(
            info.context.actor,
            status.value if status else None,
            overdue,
            first,
            ids.decode_cursor(after),
        )
        return connection(page, EmergencyOverrideType.from_model)

    @strawberry.field(
        description="Recorded cases that were not allowed at their performedOn and were not "
        "emergencies (越级手术), newest last."
    )
    async def out_of_privilege_cases(
        self,
        info: Info,
        from_date: Annotated[date | None, strawberry.argument(name="from")] = None,
        to_date: Annotated[date | None, strawberry.argument(name="to")] = None,
        department: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CaseRecordType]:
        page = await cases.list_out_of_privilege_cases(
            info.context.actor, from_date, to_date, department, first, ids.decode_cursor(after)
        )
        return connection(page, CaseRecordType.from_model)

    @strawberry.field(description="R42: preoperative MDT completion of grade-4 cases.")
    async def mdt_completion(
        self,
        info: Info,
        department: str,
        from_date: Annotated[date, strawberry.argument(name="from")],
        to_date: Annotated[date, strawberry.argument(name="to")],
    ) -> MdtCompletionType:
        figure = await cases.mdt_completion(info.context.actor, department, from_date, to_date)
        return MdtCompletionType(
            department_code=figure.department_code,
            grade_four_cases=figure.grade_four_cases,
            with_mdt=figure.with_mdt,
            without_mdt=figure.without_mdt,
            rate=figure.rate,
        )
