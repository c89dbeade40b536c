"""POST /bench/check: the same question as privilegeCheck, without GraphQL.

SPEC 9 measures GraphQL against "a plain Starlette JSON route answering the same
question in the same process": this is that route — same authentication, same domain
call, same answer fields. Never part of the service: bench/app.py mounts it on the
bench's own server.
"""

from __future__ import annotations

import json
from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.http import bearer_token, request_id_of
from domain import audit, auth, decision
from domain.decision import CheckInput, Setting
from domain.errors import DomainError


async def plain_check(request: Request) -> Response:
    state = await audit.registry_state()  # read once, as the GraphQL endpoint does
    actor = await auth.authenticate(
        bearer_token(request.headers), request_id_of(request.headers), state
    )
    try:
        body = json.loads(await request.body())
        check = CheckInput(
            procedure_code=str(body["procedureCode"]),
            on=date.fromisoformat(body["on"]),
            setting=Setting(body.get("setting", "INPATIENT")),
            practitioner_staff_no=body.get("practitionerStaffNo"),
            site_code=body.get("siteCode"),
            supervisor_staff_no=body.get("supervisorStaffNo"),
            emergency=bool(body.get("emergency", False)),
        )
        answer = await decision.check_one(actor, check, state_hint=state)
    except DomainError as error:
        return JSONResponse({"error": error.code.value, "message": error.message}, 403)
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "VALIDATION"}, 400)
    return JSONResponse(
        {
            "allowed": answer.allowed,
            "requiresMdt": answer.requires_mdt,
            "validUntil": answer.valid_until.isoformat() if answer.valid_until else None,
            "registryVersion": str(answer.registry_version),
            "reasons": [
                {"code": r.code.value, "severity": r.severity.value, "message": r.message}
                for r in answer.reasons
            ],
        }
    )


routes = [Route("/bench/check", plain_check, methods=["POST"])]
