"""`credreg export quality` and `credreg adjustments run|policy` (issue 17)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import date
from typing import Any

from api.settings import Settings
from domain.actors import system_actor
from domain.errors import DomainError
from domain.i18n import translate as _


def cmd_export_quality(settings: Settings, args: argparse.Namespace) -> None:
    from api.cli import CommandError, _with_database
    from domain.quality import workbooks
    from domain.quality.indicators import Scope

    if not args.output:
        raise CommandError(_("export quality needs --output FILE.xlsx"))
    try:
        start, end = date.fromisoformat(args.from_ or ""), date.fromisoformat(args.to or "")
    except ValueError:
        raise CommandError(_("export quality needs --from and --to as YYYY-MM-DD")) from None
    actor = system_actor("credreg export quality")
    scope = Scope(department_code=args.department, site_code=args.site)

    async def body() -> None:
        await workbooks.quality_xlsx(actor, scope, start, end, args.period, args.output)

    try:
        asyncio.run(_with_database(settings, body))
    except DomainError as error:
        raise CommandError(str(error.message)) from None
    print(_("wrote {file}", file=args.output), file=sys.stderr)


def cmd_adjustments(settings: Settings, args: argparse.Namespace) -> None:
    from api.cli import CommandError, _with_database
    from domain.quality import adjustments, policy

    actor = system_actor("credreg adjustments")

    async def run() -> Any:
        if args.action == "run":
            return await adjustments.run_adjustments(actor, args.date)
        values = dict(json.loads(args.set)) if args.set else {}
        if values:
            return await policy.set_adjustment_policy(actor, args.site, values)
        from domain.organisation import site_by

        return policy.AdjustmentPolicy.of((await site_by(args.site, None)).adjustment_policy)

    try:
        result = asyncio.run(_with_database(settings, run))
    except (DomainError, ValueError) as error:
        raise CommandError(str(getattr(error, "message", error))) from None
    if args.action == "run":
        print(
            _(
                "adjustment proposals on {day}: {found} found, {created} new",
                day=result.run_on.isoformat(),
                found=result.found,
                created=len(result.created),
            )
        )
        for proposal in result.created:
            fields = (proposal.id, proposal.trigger, proposal.proposed_action, proposal.subject_key)
            print("  " + "\t".join(str(f) for f in fields))
    else:
        print(json.dumps(policy.as_dict(result), ensure_ascii=False, indent=2))


def register(commands: Any) -> None:
    adjust = commands.add_parser(
        "adjustments",
        help=_("dynamic management: propose privilege adjustments from outcomes"),
    )
    adjust.add_argument("action", choices=["run", "policy"])
    adjust.add_argument(
        "--date", type=date.fromisoformat, help=_("run: the day to run for (default today)")
    )
    adjust.add_argument("--site", help=_("policy: the site code (default the default site)"))
    adjust.add_argument(
        "--set", help=_("policy: JSON of thresholds, e.g. {example}", example='{"deaths": 2}')
    )
    adjust.set_defaults(run=cmd_adjustments)
