"""The decision cache follows the registry version: changes no decision reads keep it,
a change forgets exactly what it touched, anything else empties it; answers always match
the registry as it is now."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import audit, auth, privileges, techniques
from domain import decision as decisions
from domain.decision import CACHE, CheckInput, Severity
from domain.decision import cache as decision_cache
from models import Technique
from tests import factories
from tests.conftest import USE_POSTGRES
from tests.factories import SYSTEM

ON = date(2026, 12, 1)


async def check(staff_no: str, code: str = "47.0901") -> decisions.Decision:
    return await decisions.check_one(
        SYSTEM, CheckInput(practitioner_staff_no=staff_no, procedure_code=code, on=ON)
    )


def cached(staff_no: str) -> bool:
    return staff_no in CACHE.snap.practitioners_by_staff_no


async def _world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["one"] = await factories.practitioner("D0001")
    data["two"] = await factories.practitioner("D0002")
    await factories.procedure("47.0901", grade=2)
    data["p1"] = await factories.grant(data["one"])
    data["p2"] = await factories.grant(data["two"])
    assert (await check("D0001")).allowed and (await check("D0002")).allowed
    assert cached("D0001") and cached("D0002")
    return data


async def test_changes_no_decision_reads_keep_the_cache(db: None) -> None:
    await _world(db)
    before = await audit.registry_state()
    await auth.create_api_key(SYSTEM, name="or", roles=["SCHEDULER"])  # an audited change
    after = await audit.registry_state()
    assert after[0] > before[0]
    decision = await check("D0001")
    assert decision.allowed and decision.registry_version == after[0]
    assert CACHE.state == after and cached("D0001") and cached("D0002")


async def test_a_privilege_change_forgets_only_its_holder(db: None) -> None:
    world = await _world(db)
    p1 = world["p1"]
    await privileges.suspend_privilege(SYSTEM, p1.id, p1.version, "complication under review")
    decision = await check("D0001")
    assert not decision.allowed
    assert {r.code.value for r in decision.reasons if r.severity is Severity.BLOCKING} == {
        "PRIVILEGE_SUSPENDED"
    }
    # D0001 was loaded again for that answer; D0002 was never forgotten.
    assert cached("D0002") and CACHE.snap.practitioners_by_staff_no["D0002"].id == world["two"].id
    assert (await check("D0002")).allowed


async def test_a_technique_change_forgets_the_catalogue(db: None) -> None:
    await _world(db)
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融", category="STANDARD"
    )
    await Technique.filter(id=technique.id).update(status="APPROVED")
    CACHE.reset((-1, ""))  # the line above went behind the API
    await factories.procedure("50.2301", grade=2, name="肝肿瘤射频消融术", technique_code="XZ-08")
    other = await factories.practitioner("D0003")
    await factories.grant(other, procedure_code="50.2301")
    assert (await check("D0003", "50.2301")).allowed and (await check("D0001")).allowed
    fresh = await Technique.get(id=technique.id)
    await techniques.suspend_technique(SYSTEM, fresh.id, fresh.version, "adverse event")
    denied = await check("D0003", "50.2301")
    assert "TECHNIQUE_SUSPENDED" in {r.code.value for r in denied.reasons}
    assert cached("D0001")  # practitioners were kept


async def test_other_changes_empty_the_cache(db: None) -> None:
    await _world(db)
    await factories.specialty("URO", "泌尿外科")  # not a type the cache knows to sift
    await check("D0001")
    assert cached("D0001") and not cached("D0002")


async def test_a_history_that_does_not_continue_empties_the_cache(db: None) -> None:
    await _world(db)
    seq, _hash = CACHE.state
    CACHE.state = (seq, "f" * 64)  # as if the database had been restored from elsewhere
    await auth.create_api_key(SYSTEM, name="or", roles=["SCHEDULER"])
    await check("D0001")
    assert not cached("D0002")


async def test_staleness_is_sifted_from_the_audit_events(db: None) -> None:
    world = await _world(db)
    start = await audit.registry_state()
    p2 = world["p2"]
    await privileges.suspend_privilege(SYSTEM, p2.id, p2.version, "review")
    found = await decision_cache.staleness_between(start, await audit.registry_state())
    assert not found.everything and found.privilege_ids == {p2.id}
    assert await decision_cache.holders_of(found) == {world["two"].id}
    gone = await decision_cache.staleness_between(
        (start[0], "0" * 64), await audit.registry_state()
    )
    assert gone.everything
    backwards = await decision_cache.staleness_between(await audit.registry_state(), start)
    assert backwards.everything


async def test_a_request_that_began_earlier_does_not_empty_a_newer_cache(db: None) -> None:
    await _world(db)
    began = await audit.registry_state()
    await auth.create_api_key(SYSTEM, name="or", roles=["SCHEDULER"])
    assert (await check("D0002")).allowed  # the cache moves on to the newer version
    newer = CACHE.state
    decision = await decisions.check_one(
        SYSTEM,
        CheckInput(practitioner_staff_no="D0001", procedure_code="47.0901", on=ON),
        state_hint=began,
    )
    assert decision.allowed and decision.registry_version == newer[0]
    assert CACHE.state == newer and cached("D0002")


async def test_concurrent_misses_share_their_loads(db: None, monkeypatch: Any) -> None:
    import asyncio

    await factories.hospital()
    await factories.procedure("47.0901", grade=2)
    staff = [f"D{n:04d}" for n in range(1, 17)]
    for number in staff[::2]:  # every other one holds the privilege
        await factories.grant(await factories.practitioner(number))
    for number in staff[1::2]:
        await factories.practitioner(number)
    loads = []
    original = decision_cache.load_parts

    async def counting(*args: Any, **kwargs: Any) -> Any:
        loads.append(args)
        return await original(*args, **kwargs)

    monkeypatch.setattr(decision_cache, "load_parts", counting)
    CACHE.reset((-1, ""))
    answers = await asyncio.gather(*(check(number) for number in staff))
    assert [a.allowed for a in answers] == [True, False] * 8
    assert 1 <= len(loads) <= 2, len(loads)  # not one per request
    assert all(cached(number) for number in staff)


@pytest.mark.skipif(USE_POSTGRES, reason="SQLite's reads on the loop's thread")
async def test_a_few_practitioners_load_inline_and_more_beside_the_loop(
    db: None, monkeypatch: Any
) -> None:
    """What a write makes the cache forget (one practitioner) reads on the loop's own
    thread; a cold start's wider loads read in a worker thread, beside the loop."""
    from domain import sql
    from domain.decision import reads

    await factories.hospital()
    await factories.procedure("47.0901", grade=2)
    staff = ["D0001", "D0002", "D0003"]  # three: a cold start's load, not a write's
    for number in staff:
        await factories.grant(await factories.practitioner(number))
    inline: list[str] = []
    threaded: list[str] = []
    direct, in_thread = sql.fetch_directly, reads._fetch

    def spy_direct(query: str, params: Any = ()) -> Any:
        found = direct(query, params)
        if found is not None and "FROM privilege" in query:
            inline.append(query)
        return found

    def spy_thread(filename: str, query: str, params: list[Any]) -> Any:
        if "FROM privilege" in query:
            threaded.append(query)
        return in_thread(filename, query, params)

    monkeypatch.setattr(sql, "fetch_directly", spy_direct)
    monkeypatch.setattr(reads, "_fetch", spy_thread)
    CACHE.reset((-1, ""))
    await check(staff[0])  # one practitioner: inline
    assert (len(inline), len(threaded)) == (1, 0)
    CACHE.reset((-1, ""))
    answers = await decisions.check_many(
        SYSTEM,
        [CheckInput(practitioner_staff_no=n, procedure_code="47.0901", on=ON) for n in staff],
    )
    assert all(a.allowed for a in answers)
    assert (len(inline), len(threaded)) == (1, 1)  # beside the loop, in a worker thread


async def test_a_failed_shared_load_fails_its_waiters_and_the_next_one_loads(
    db: None, monkeypatch: Any
) -> None:
    import asyncio

    await _world(db)
    original = decision_cache.load_parts

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database went away")

    monkeypatch.setattr(decision_cache, "load_parts", broken)
    CACHE.reset((-1, ""))
    results = await asyncio.gather(check("D0001"), check("D0002"), return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    monkeypatch.setattr(decision_cache, "load_parts", original)
    assert (await check("D0001")).allowed and cached("D0001")


async def test_shared_head_reads_never_answer_from_a_read_begun_before_the_caller(
    monkeypatch: Any,
) -> None:
    import asyncio

    reads: list[int] = []
    gate = asyncio.Event()

    async def slow_read() -> tuple[int, str]:
        reads.append(len(reads) + 1)
        number = len(reads)
        if number == 1:
            await gate.wait()  # the first read is in flight while others arrive
        return number, "h"

    monkeypatch.setattr(audit, "_read_head", slow_read)
    shared = audit.shared_head_reads()
    first = asyncio.ensure_future(shared.share())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert reads == [1]  # read 1 has begun
    later = [asyncio.ensure_future(shared.share()) for _ in range(15)]
    await asyncio.sleep(0)
    gate.set()
    assert (await first) == (1, "h")
    # Every caller that arrived during read 1 got read 2, begun after it arrived.
    assert {await task for task in later} == {(2, "h")}
    assert reads == [1, 2]


async def test_a_failed_shared_head_read_fails_its_waiters_only(monkeypatch: Any) -> None:
    import asyncio

    calls = 0

    async def flaky() -> tuple[int, str]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("server closed the connection")
        return 9, "h"

    monkeypatch.setattr(audit, "_read_head", flaky)
    shared = audit.shared_head_reads()
    results = await asyncio.gather(shared.share(), shared.share(), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    assert await shared.share() == (9, "h") and calls == 2


async def test_concurrent_requests_share_one_advance_and_all_see_the_change(
    db: None, monkeypatch: Any
) -> None:
    """Issue 19 item 2: after a suspension, the requests that meet the moved registry
    together read the events in between once, and every one of them denies."""
    import asyncio

    world = await _world(db)
    p1 = world["p1"]
    await privileges.suspend_privilege(SYSTEM, p1.id, p1.version, "complication under review")
    sifts = 0
    original = decision_cache.staleness_between

    async def counting(old: Any, new: Any) -> Any:
        nonlocal sifts
        sifts += 1
        await asyncio.sleep(0.01)  # the others arrive while it reads
        return await original(old, new)

    monkeypatch.setattr(decision_cache, "staleness_between", counting)
    answers = await asyncio.gather(*[check("D0001") for _ in range(8)])
    assert sifts == 1
    assert not any(a.allowed for a in answers)
    assert (await check("D0002")).allowed and cached("D0002")  # its holder only


async def test_decision_reads_see_every_committed_write(db: None) -> None:
    """Decision reads outside a transaction may use their own read-only connections on
    SQLite (domain/decision/reads.py): they still see a write the moment it commits."""
    from domain import sql
    from domain.decision import reads

    world = await _world(db)
    query = "SELECT status FROM privilege WHERE id = ?"
    assert (await reads.fetch(query, [world["p1"].id]))[0]["status"] == "ACTIVE"
    p1 = world["p1"]
    await privileges.suspend_privilege(SYSTEM, p1.id, p1.version, "complication under review")
    assert (await reads.fetch(query, [p1.id]))[0]["status"] == "SUSPENDED"
    assert await reads.fetch(query, [p1.id]) == await sql.fetch(query, [p1.id])


async def test_inside_a_transaction_the_cache_reads_for_itself(db: None, monkeypatch: Any) -> None:
    """A case's decision runs inside its transaction: the cache's advance and load must
    not start shared work there (a task of its own on the transaction's connection,
    which other requests would join and which would outlive a cancelled caller)."""
    from tortoise.transactions import in_transaction

    await _world(db)
    await factories.practitioner("D0003")
    await auth.create_api_key(SYSTEM, name="or", roles=["SCHEDULER"])  # the registry moves

    class NoSharing(dict[Any, Any]):
        def __setitem__(self, key: Any, value: Any) -> None:
            raise AssertionError("an advance was shared inside a transaction")

    def no_gathering(*_args: Any) -> Any:
        raise AssertionError("a load was shared inside a transaction")

    monkeypatch.setattr(CACHE, "_advancing", NoSharing())
    monkeypatch.setattr(CACHE._loads, "gathering", no_gathering)
    question = CheckInput(practitioner_staff_no="D0003", procedure_code="47.0901", on=ON)
    async with in_transaction("default"):
        [answer] = await CACHE.answer([question])
    assert not answer.allowed  # D0003 holds nothing
    assert cached("D0003") and CACHE.state == await audit.registry_state()
