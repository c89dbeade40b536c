"""Issue 13 item 9: one write path. Idempotent repeats, replayable results, the
permission declared once per write, login/logout and refusals on the same path."""

from __future__ import annotations

import ast
import asyncio
import importlib
import pkgutil
from datetime import date
from pathlib import Path

import pytest

import domain
from domain import audit, auth, imports, operations, techniques
from domain.errors import DomainError, ErrorCode
from domain.writes import WriteContext, run_write
from models import AuditEvent, CatalogueVersion, IdempotencyRecord, Site, Technique
from tests import factories
from tests.factories import SYSTEM

CATALOGUE = (
    "code,name,grade,specialty,day_surgery,technique_code\n"
    "47.0901,腹腔镜下阑尾切除术,2,GS,true,\n"
    "51.2301,腹腔镜胆囊切除术,3,GS,是,\n"
)


async def test_r_idempotency_concurrent_repeats_all_get_the_first_result(db: None) -> None:
    """Twelve concurrent repeats of one key: one technique, one event, one answer."""

    async def create() -> Technique:
        return await techniques.create_technique(
            SYSTEM, code="ABL-1", name="射频消融", category="STANDARD", idempotency_key="k-1"
        )

    results = await asyncio.gather(*(create() for _ in range(12)), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, errors
    assert {r.id for r in results if isinstance(r, Technique)} == {
        (await Technique.get(code="ABL-1")).id
    }
    assert await Technique.filter(code="ABL-1").count() == 1
    assert await AuditEvent.filter(action="technique.create").count() == 1
    record = await IdempotencyRecord.get(key="k-1")
    assert record.result_type == "Technique" and record.result_json
    assert (await audit.verify_chain()).ok


async def test_r_idempotency_a_repeat_never_runs_the_write_a_second_time(db: None) -> None:
    """The repeat that starts while the first is still running must not run the check
    of the write after the first committed (it answered DUPLICATE before): it waits for
    the first and replays its result."""
    entered: list[int] = []

    async def apply(ctx: WriteContext) -> Site:
        entered.append(len(entered))
        if len(entered) > 1:
            await asyncio.sleep(0.3)  # a repeat that reaches its check late
        if await Site.exists(code="RACE"):
            raise DomainError(ErrorCode.DUPLICATE, "Site RACE already exists", "code")
        await asyncio.sleep(0.05)
        return await ctx.create(Site, "site.create", code="RACE", name="竞争院区")

    async def repeat() -> Site:
        return await run_write(
            SYSTEM, apply, operation="raceTest", permission=None, idempotency_key="race"
        )

    results = await asyncio.gather(*(repeat() for _ in range(4)), return_exceptions=True)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert len({r.id for r in results if isinstance(r, Site)}) == 1
    assert len(entered) == 1


async def test_r_idempotency_concurrent_repeats_with_another_input_are_refused(db: None) -> None:
    async def create(name: str) -> Technique:
        return await techniques.create_technique(
            SYSTEM, code="ABL-2", name=name, category="STANDARD", idempotency_key="k-2"
        )

    results = await asyncio.gather(create("甲"), create("乙"), return_exceptions=True)
    codes = sorted(r.code.value if isinstance(r, DomainError) else "OK" for r in results)
    assert codes == ["IDEMPOTENCY_KEY_REUSED", "OK"]
    assert await Technique.filter(code="ABL-2").count() == 1


async def test_r_idempotency_import_report_is_replayed(db: None) -> None:
    await factories.hospital()
    data = CATALOGUE.encode()
    first = await imports.import_procedures(
        SYSTEM, data, filename="t.csv", effective_from=date(2026, 1, 1), idempotency_key="imp"
    )
    assert first.ok and first.added == 2 and first.catalogue_version == 1
    again = await imports.import_procedures(
        SYSTEM, data, filename="t.csv", effective_from=date(2026, 1, 1), idempotency_key="imp"
    )
    assert again == first  # the first report, not an empty one
    assert await CatalogueVersion.all().count() == 1
    # A second import with the same content but no key is an ordinary no-op import.
    plain = await imports.import_procedures(
        SYSTEM, data, filename="t.csv", effective_from=date(2026, 1, 1)
    )
    assert plain.added == 0 and plain.unchanged == 2


async def test_r_idempotency_concurrent_import_repeats(db: None) -> None:
    await factories.hospital()
    data = CATALOGUE.encode()

    async def run() -> imports.ImportReport:
        return await imports.import_procedures(
            SYSTEM, data, filename="t.csv", effective_from=date(2026, 1, 1), idempotency_key="c"
        )

    reports = await asyncio.gather(*(run() for _ in range(6)), return_exceptions=True)
    assert not [r for r in reports if isinstance(r, BaseException)], reports
    assert all(r == reports[0] for r in reports) and reports[0].added == 2
    assert await CatalogueVersion.all().count() == 1


async def test_r_refused_write_is_audited_once_through_the_write_path(db: None) -> None:
    await factories.hospital()
    scheduler = await factories.actor_for(await factories.user("sched1", ["SCHEDULER"]))
    before = await AuditEvent.filter(action="authorization.refused").count()
    with pytest.raises(DomainError) as refused:
        await techniques.create_technique(
            scheduler, code="X-1", name="x", category="STANDARD", idempotency_key="r"
        )
    assert refused.value.code is ErrorCode.FORBIDDEN
    refusals = await AuditEvent.filter(action="authorization.refused").order_by("-seq")
    assert len(refusals) == before + 1
    assert refusals[0].entity_id == "createTechnique"
    assert not await IdempotencyRecord.filter(key="r").exists()


async def test_r_login_and_logout_go_through_the_write_path(db: None) -> None:
    await factories.user("nurse1", ["AUDITOR"])
    with pytest.raises(DomainError):
        await auth.login("nurse1", "wrong password entirely")
    actor = await factories.actor_for(await auth.User.get(username="nurse1"))
    assert await auth.logout(actor)
    actions = [e.action for e in await AuditEvent.all().order_by("seq")]
    assert actions[-3:] == ["auth.login_failed", "auth.login", "auth.logout"]
    assert (await audit.verify_chain()).ok


def _domain_sources() -> dict[str, ast.Module]:
    root = Path(domain.__file__).parent
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in root.glob("*.py")}


def test_r_every_write_declares_its_permission_once() -> None:
    """Every function that runs a write is a declared operation, or a private helper
    whose every caller is one; nothing outside the write path calls authorize()."""
    for module_info in pkgutil.iter_modules(domain.__path__):
        importlib.import_module(f"domain.{module_info.name}")
    problems = []
    for name, tree in _domain_sources().items():
        if name in {"writes", "operations"}:
            continue
        functions = {
            node.name: node
            for node in tree.body
            if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
        }

        def calls(node: ast.AST, callee: str) -> bool:
            return any(
                isinstance(sub, ast.Call)
                and getattr(sub.func, "id", getattr(sub.func, "attr", None)) == callee
                for sub in ast.walk(node)
            )

        def declared(node: ast.AST) -> bool:
            return any(
                isinstance(d, ast.Call) and getattr(d.func, "id", "") == "write_operation"
                for d in getattr(node, "decorator_list", [])
            )

        for fname, node in functions.items():
            if calls(node, "authorize"):
                problems.append(f"{name}.{fname} calls authorize(); declare it instead")
            if not calls(node, "run_write") or declared(node):
                continue
            callers = [f for f, other in functions.items() if f != fname and calls(other, fname)]
            if not fname.startswith("_") or not callers:
                problems.append(f"{name}.{fname} runs a write without @write_operation")
            for caller in callers:
                if not declared(functions[caller]):
                    problems.append(f"{name}.{caller} calls {fname} without @write_operation")
    assert not problems, problems
    assert {"createTechnique", "importProcedureCatalogue", "approvePrivilege"} <= set(
        operations.DECLARED
    )
