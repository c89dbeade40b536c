"""Site policy thresholds of the adjustment proposals (授权动态管理), with their defaults.

Each site keeps its own values in `Site.adjustment_policy` (JSON); a key left out takes the
default below. The defaults follow common hospital practice for 手术授权动态管理 and are
documented in docs/api.md ("Adjustment proposals").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from domain import validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.operations import write_operation
from domain.organisation import site_by
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import Site


@dataclass(frozen=True)
class AdjustmentPolicy:
    window_months: int = 12  # the look-back of every trigger
    reoperations: int = 2  # ≥ this many unplanned reoperations -> SUSPEND
    deaths: int = 1  # ≥ this many operation-related deaths -> SUSPEND
    complication_factor: float = 2.0  # holder's rate > factor × department's -> DOWNGRADE
    complication_min_cases: int = 10  # fewer cases than this: no rate comparison
    skill_decay: bool = (
        True  # grade-4 / technique privilege with no case in the window -> DOWNGRADE
    )
    unjustified_override: bool = True  # an UNJUSTIFIED emergency override -> REVIEW
    out_of_privilege: bool = True  # an out-of-privilege (越级) case -> REVIEW

    @classmethod
    def of(cls, stored: dict[str, Any] | None) -> AdjustmentPolicy:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (stored or {}).items() if k in known})


_LIMITS: dict[str, tuple[float, float]] = {
    "window_months": (1, 60),
    "reoperations": (1, 100),
    "deaths": (1, 100),
    "complication_factor": (1.0, 100.0),
    "complication_min_cases": (1, 10_000),
}


def checked(values: dict[str, Any]) -> dict[str, Any]:
    """The given thresholds, each of the right type and within bounds."""
    defaults = AdjustmentPolicy()
    result: dict[str, Any] = {}
    for name, value in values.items():
        if not hasattr(defaults, name):
            raise DomainError(
                ErrorCode.VALIDATION, msg("Unknown policy setting {name}", name=name), name
            )
        default = getattr(defaults, name)
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise DomainError(
                    ErrorCode.VALIDATION, msg("{name} must be true or false", name=name), name
                )
        else:
            low, high = _LIMITS[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise DomainError(
                    ErrorCode.VALIDATION, msg("{name} must be a number", name=name), name
                )
            if not low <= value <= high:
                raise DomainError(
                    ErrorCode.VALIDATION,
                    msg("{name} must be between {low} and {high}", name=name, low=low, high=high),
                    name,
                )
            value = float(value) if isinstance(default, float) else int(value)
        result[name] = value
    return result


@write_operation(Permission.MANAGE_REFERENCE, "setAdjustmentPolicy")
async def set_adjustment_policy(
    actor: Actor, site_code: str | None, values: dict[str, Any]
) -> AdjustmentPolicy:
    """Set some thresholds of a site (the others keep their value or default)."""
    given = checked(values)
    code = validation.text("siteCode", site_code, max_length=32, required=False) or None

    async def apply(ctx: WriteContext) -> Site:
        site = await site_by(code, None)
        merged = {**(site.adjustment_policy or {}), **given}
        return await ctx.update(site, "site.adjustment_policy", {"adjustment_policy": merged})

    site = await run_write(actor, apply)
    return AdjustmentPolicy.of(site.adjustment_policy)


def as_dict(policy: AdjustmentPolicy) -> dict[str, Any]:
    return asdict(policy)
