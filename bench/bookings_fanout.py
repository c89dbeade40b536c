"""Issue 18: the booking impact fan-out, measured.

`python -m bench.bookings_fanout [--per-day 5000] [--days 14] [--affected 200]
[--practitioners 1000] [--webhooks 2] [--database-url URL]`

Builds a fresh database (a temporary SQLite file unless a URL is given; a PostgreSQL
database named in the URL is created and dropped), registers `per-day` bookings a day
for `days` days through the domain (batches of 500, as an OR system would), gives one
surgeon `affected` of them, suspends that surgeon's privilege and times the watcher
pass that records the impacts (and the `booking.affected` deliveries). The figure to
compare with the issue's 1 s: the pass, plus at most one poll interval
(`booking_impacts.POLL_SECONDS`) before the watcher starts it.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tortoise import Tortoise

from api.db import tortoise_config
from api.migrate import apply_migrations
from domain import booking_impacts, bookings, clock, privileges, webhooks
from domain.actors import Actor, Role
from domain.bookings import BookingInput
from models import Booking, BookingImpact, WebhookDelivery
from tests import factories

SCHEDULER = Actor(kind="api_key", id=1, name="or-bench", roles=frozenset({Role.SCHEDULER}))


async def _prepare_postgres(url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def run(args: argparse.Namespace) -> None:
    url = args.database_url
    if not url:
        url = f"sqlite://{Path(tempfile.mkdtemp()) / 'fanout.sqlite3'}"
    elif url.startswith("postgres"):
        await _prepare_postgres(url)
    await apply_migrations(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    clock.set_clock(clock.Clock())
    today = clock.today()
    rng = random.Random(18)
    try:
        started = time.perf_counter()
        await factories.hospital()
        await factories.procedure()
        staff = [f"S{i:05d}" for i in range(args.practitioners)]
        surgeons = []
        for staff_no in staff:
            surgeon = await factories.practitioner(staff_no)
            surgeons.append(surgeon)
        grants = {}
        for surgeon in surgeons:
            grants[surgeon.staff_no] = await factories.grant(
                surgeon,
                valid_from=today - timedelta(days=30),
                valid_until=today + timedelta(days=400),
            )
        for n in range(args.webhooks):
            await webhooks.register_webhook(
                factories.SYSTEM, url=f"http://127.0.0.1:9/hook{n}", event_types=["booking."]
            )
        print(f"reference data: {time.perf_counter() - started:.1f} s")

        total = args.per_day * args.days
        target = staff[0]
        first_day = today + timedelta(days=1)
        affected_days = [first_day + timedelta(days=i % args.days) for i in range(args.affected)]
        inputs = [
            BookingInput(
                external_ref=f"A{i}",
                procedure_code="47.0901",
                scheduled_on=on,
                practitioner_staff_no=target,
            )
            for i, on in enumerate(affected_days)
        ]
        others = staff[1:]
        for i in range(total - args.affected):
            inputs.append(
                BookingInput(
                    external_ref=f"B{i}",
                    procedure_code="47.0901",
                    scheduled_on=first_day + timedelta(days=i % args.days),
                    practitioner_staff_no=rng.choice(others),
                )
            )
        rng.shuffle(inputs)
        started = time.perf_counter()
        for start in range(0, len(inputs), bookings.MAX_BATCH):
            await bookings.register_bookings(SCHEDULER, inputs[start : start + bookings.MAX_BATCH])
        seconds = time.perf_counter() - started
        print(
            f"registered {total} bookings ({args.per_day}/day x {args.days} days) in "
            f"{seconds:.1f} s ({total / seconds:.0f}/s, batches of {bookings.MAX_BATCH})"
        )
        await booking_impacts.process_pending()  # the registrations' own events

        privilege = grants[target]
        started = time.perf_counter()
        await privileges.suspend_privilege(
            factories.SYSTEM, privilege.id, privilege.version, "bench"
        )
        suspended = time.perf_counter()
        result = await booking_impacts.process_pending()
        done = time.perf_counter()
        impacts = await BookingImpact.all().count()
        deliveries = await WebhookDelivery.filter(event_type="booking.affected").count()
        print(f"suspension write: {(suspended - started) * 1000:.1f} ms")
        print(
            f"watcher pass: {(done - suspended) * 1000:.1f} ms -> {len(result.impacts)} impacts "
            f"({impacts} in table), {deliveries} booking.affected deliveries"
        )
        worst = (done - suspended) + booking_impacts.POLL_SECONDS
        print(
            f"impacts recorded within {worst * 1000:.0f} ms of the change at worst "
            f"(pass + one {booking_impacts.POLL_SECONDS * 1000:.0f} ms poll interval)"
        )
        started = time.perf_counter()
        again = await booking_impacts.process_pending()
        print(
            f"next pass (nothing new): {(time.perf_counter() - started) * 1000:.1f} ms, "
            f"{len(again.impacts)} impacts"
        )
        print(f"bookings in table: {await Booking.all().count()}")
    finally:
        await Tortoise.close_connections()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-day", type=int, default=5000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--affected", type=int, default=200)
    parser.add_argument("--practitioners", type=int, default=1000)
    parser.add_argument("--webhooks", type=int, default=2)
    parser.add_argument("--database-url", default="")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
