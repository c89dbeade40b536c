"""The `credreg` command line: serve, migrate, init, users, keys, demo data, audit."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from tortoise import Tortoise

from api.db import tortoise_config
from api.migrate import apply_migrations
from api.settings import ConfigError, Settings, load_settings
from domain import audit, auth, clock, demo, organisation, passwords
from domain.actors import system_actor
from domain.errors import DomainError
from models import Site, User


class CommandError(Exception):
    """A failure the operator can fix; printed without a traceback, exit status 1."""


async def _with_database(settings: Settings, body: Callable[[], Awaitable[Any]]) -> Any:
    try:
        await Tortoise.init(
            config=tortoise_config(settings.database_url), _enable_global_fallback=True
        )
    except Exception as exc:
        raise CommandError(f"cannot open the database {settings.database_url!r}: {exc}") from exc
    try:
        return await body()
    finally:
        await Tortoise.close_connections()


def _password(env_name: str, prompt: str, username: str) -> str:
    password = os.environ.get(env_name)
    if not password:
        if not sys.stdin.isatty():
            raise CommandError(f"set {env_name} or run interactively to be asked for a password")
        password = getpass.getpass(prompt)
        if getpass.getpass("Repeat: ") != password:
            raise CommandError("the passwords do not match")
    try:
        passwords.check_policy(password, username)
    except DomainError as error:
        raise CommandError(f"{env_name}: {error.message}") from None
    return password


async def _preflight() -> None:
    from domain import sql

    try:
        await sql.fetch_one("SELECT seq FROM audit_head WHERE id = 1")
    except Exception:
        raise CommandError("the database is not migrated: run `credreg init`") from None
    admins = await User.filter(active=True).values_list("roles", flat=True)
    if not any("ADMIN" in roles for roles in admins):  # type: ignore[operator]
        raise CommandError(
            "no active ADMIN user: run `credreg init` (password from CREDREG_ADMIN_PASSWORD)"
        )


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    from api.limits import header_timeout_protocol

    asyncio.run(_with_database(settings, _preflight))

    if args.workers > 1 and not os.environ.get("CREDREG_METRICS_DIR"):
        # /metrics adds up every worker's counters from this directory (api/metrics.py).
        import tempfile

        os.environ["CREDREG_METRICS_DIR"] = tempfile.mkdtemp(prefix="credreg-metrics-")
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=False,
        timeout_graceful_shutdown=30,
        # Slowloris: request headers must be complete within CREDREG_HEADER_TIMEOUT_SECONDS
        # (api/limits.py); idle kept-alive connections close after 5 s.
        http=header_timeout_protocol(),
        timeout_keep_alive=5,
        log_level=args.log_level,
    )


def cmd_migrate(settings: Settings, _args: argparse.Namespace) -> None:
    try:
        applied = asyncio.run(apply_migrations(settings.database_url))
    except Exception as exc:
        raise CommandError(f"migration failed: {exc}") from exc
    print("applied: " + ", ".join(applied) if applied else "database is up to date")


def cmd_init(settings: Settings, args: argparse.Namespace) -> None:
    cmd_migrate(settings, args)
    actor = system_actor("credreg init")

    async def body() -> None:
        if not await Site.exists():
            await organisation.create_site(actor, code="MAIN", name="总院")
            print("created default site MAIN")
        if await User.exists(username=args.admin_username):
            print(f"admin user {args.admin_username} exists; left as it is")
            return
        password = _password("CREDREG_ADMIN_PASSWORD", "Admin password: ", args.admin_username)
        await auth.create_user(
            actor, username=args.admin_username, password=password, roles=["ADMIN"]
        )
        print(f"created ADMIN user {args.admin_username}")

    asyncio.run(_with_database(settings, body))


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> None:
    password = _password("CREDREG_USER_PASSWORD", "Password: ", args.username)

    async def body() -> None:
        user = await auth.create_user(
            system_actor("credreg create-user"),
            username=args.username,
            password=password,
            roles=args.roles,
            department_codes=args.department or None,
            practitioner_staff_no=args.practitioner,
        )
        print(f"created user {user.username} with roles {', '.join(user.roles)}")

    asyncio.run(_with_database(settings, body))


def cmd_create_api_key(settings: Settings, args: argparse.Namespace) -> None:
    async def body() -> None:
        created = await auth.create_api_key(
            system_actor("credreg create-api-key"),
            name=args.name,
            roles=args.roles,
            expires_at=clock.now() + timedelta(days=args.expires_days),
        )
        print(f"API key {created.key.name} (prefix {created.key.prefix}), shown only now:")
        print(created.secret)

    asyncio.run(_with_database(settings, body))


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> None:
    cmd_migrate(settings, args)
    demo_password = os.environ.get("CREDREG_DEMO_PASSWORD") or secrets.token_urlsafe(18)

    async def body() -> None:
        report = await demo.seed_demo(system_actor("credreg seed-demo"), demo_password)
        if report.skipped:
            print("demo data already present; nothing changed")
            return
        print(
            f"seeded {report.specialties} specialties, {report.departments} departments, "
            f"{report.practitioners} practitioners, {report.procedures} procedures, "
            f"{report.techniques} techniques, {report.privileges} privileges"
        )
        print(f"demo users {', '.join(report.users)} share the password: {demo_password}")
        print(f"demo SCHEDULER API key (shown once): {report.api_key}")

    asyncio.run(_with_database(settings, body))


def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    from domain import imports

    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror}") from None
    actor = system_actor(f"credreg import {args.kind}")

    async def body() -> imports.ImportReport:
        if args.kind == "procedures":
            effective = date.fromisoformat(args.effective_from) if args.effective_from else None
            return await imports.import_procedures(
                actor,
                data,
                filename=args.file,
                dry_run=args.dry_run,
                replace=args.replace,
                effective_from=effective,
                note=args.note or "",
            )
        return await imports.import_practitioners(
            actor, data, filename=args.file, dry_run=args.dry_run
        )

    report = asyncio.run(_with_database(settings, body))
    for error in report.errors:
        column = f" [{error.column}]" if error.column else ""
        print(f"{args.file}:{error.line}{column}: {error.message}", file=sys.stderr)
    if report.errors:
        more = " (more not shown)" if report.errors_truncated else ""
        raise CommandError(f"{len(report.errors)} invalid row(s){more}; nothing was imported")
    version = f", catalogue version {report.catalogue_version}" if report.catalogue_version else ""
    print(
        f"{'dry run: ' if report.dry_run else ''}{report.rows} rows: {report.added} added, "
        f"{report.changed} changed, {report.removed} removed, {report.unchanged} unchanged"
        f"{version}"
    )


def cmd_export(settings: Settings, args: argparse.Namespace) -> None:
    from domain import exports

    actor = system_actor(f"credreg export {args.kind}")

    async def body() -> int:
        if args.kind == "audit":
            scope = exports.audit_range(args.from_, args.to)
            chunks = exports.audit_ndjson(scope)
        elif args.kind == "privileges":
            if args.as_of is None:
                raise CommandError("export privileges needs --as-of YYYY-MM-DD")
            chunks = exports.privileges_csv(actor, args.as_of)
        else:
            chunks = exports.fhir_practitioner_roles()
        await exports.start_export(
            actor, args.kind, {"from": args.from_, "to": args.to, "asOf": str(args.as_of or "")}
        )
        written = 0
        # The CLI owns its process: blocking file writes are fine here.
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: ASYNC230
        try:
            async for chunk in chunks:
                out.write(chunk)
                written += len(chunk)
        finally:
            if args.output:
                out.close()
        return written

    written = asyncio.run(_with_database(settings, body))
    if args.output:
        print(f"wrote {written} characters to {args.output}", file=sys.stderr)


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    from api.backup import BackupError, backup

    try:
        size = asyncio.run(backup(settings.database_url, args.path))
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(f"backup written to {args.path} ({size} bytes)")


def cmd_restore(settings: Settings, args: argparse.Namespace) -> None:
    from api.backup import BackupError, restore

    try:
        result = asyncio.run(restore(settings.database_url, args.path, force=args.force))
    except BackupError as error:
        raise CommandError(str(error)) from None
    if not result.chain_ok:
        raise CommandError(f"restored, but the audit chain is BROKEN: {result.problem}")
    print(f"restored {args.path}: audit chain intact ({result.events} events)")


def cmd_verify_audit(settings: Settings, args: argparse.Namespace) -> None:
    report = asyncio.run(
        _with_database(settings, lambda: audit.verify_chain(args.from_seq or 1, args.to_seq))
    )
    if report.ok:
        print(
            f"audit chain intact: {report.checked} events "
            f"(seq {report.first_seq or 0}..{report.last_seq or 0})"
        )
        return
    raise CommandError(
        f"audit chain BROKEN at seq {report.broken_seq}: {report.problem} "
        f"({report.checked} events verified before it)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="credreg", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP service (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(run=cmd_serve)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(run=cmd_migrate)

    init = commands.add_parser("init", help="migrate, create site MAIN and the first ADMIN")
    init.add_argument("--admin-username", default="admin")
    init.set_defaults(run=cmd_init)

    roles = ["ADMIN", "DEPARTMENT_HEAD", "COMMITTEE", "SCHEDULER", "AUDITOR", "PRACTITIONER"]
    create_user = commands.add_parser(
        "create-user", help="create a user (password from CREDREG_USER_PASSWORD or a prompt)"
    )
    create_user.add_argument("--username", required=True)
    create_user.add_argument("--role", dest="roles", action="append", choices=roles, required=True)
    create_user.add_argument("--department", action="append", help="department code (heads)")
    create_user.add_argument("--practitioner", help="staff number (PRACTITIONER users)")
    create_user.set_defaults(run=cmd_create_user)

    key = commands.add_parser("create-api-key", help="create an API key; prints the secret once")
    key.add_argument("--name", required=True)
    key.add_argument(
        "--role", dest="roles", action="append", choices=["SCHEDULER", "AUDITOR"], required=True
    )
    key.add_argument("--expires-days", type=int, default=365)
    key.set_defaults(run=cmd_create_api_key)

    commands.add_parser("seed-demo", help="load the demo hospital").set_defaults(run=cmd_seed_demo)

    importer = commands.add_parser("import", help="import a CSV or XLSX file (atomic)")
    importer.add_argument("kind", choices=["procedures", "practitioners"])
    importer.add_argument("file")
    importer.add_argument("--dry-run", action="store_true", help="report without writing")
    importer.add_argument(
        "--replace", action="store_true", help="procedures: retire codes absent from the file"
    )
    importer.add_argument(
        "--effective-from", type=date.fromisoformat, help="procedures: YYYY-MM-DD (default today)"
    )
    importer.add_argument("--note", help="procedures: a note for the new catalogue version")
    importer.set_defaults(run=cmd_import)

    export = commands.add_parser("export", help="stream an export to a file or stdout")
    export.add_argument("kind", choices=["audit", "privileges", "fhir"])
    export.add_argument("--from", dest="from_", help="audit: seq, date or ISO date-time")
    export.add_argument("--to", help="audit: seq, date or ISO date-time")
    export.add_argument("--as-of", type=date.fromisoformat, help="privileges: YYYY-MM-DD")
    export.add_argument("--output", "-o", help="file to write (default stdout)")
    export.set_defaults(run=cmd_export)

    backup = commands.add_parser("backup", help="online backup (SQLite API or pg_dump)")
    backup.add_argument("path")
    backup.set_defaults(run=cmd_backup)
    restore = commands.add_parser("restore", help="restore a backup (stop the service first)")
    restore.add_argument("path")
    restore.add_argument("--force", action="store_true", help="replace a non-empty database")
    restore.set_defaults(run=cmd_restore)

    verify = commands.add_parser("verify-audit", help="recompute the audit hash chain")
    verify.add_argument("--from", dest="from_seq", type=int)
    verify.add_argument("--to", dest="to_seq", type=int)
    verify.set_defaults(run=cmd_verify_audit)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        from api.app import configure_domain

        configure_domain(settings)
        args.run(settings, args)
    except (ConfigError, CommandError) as error:
        print(f"credreg: {error}", file=sys.stderr)
        return 1
    except DomainError as error:
        field = f" ({'.'.join(error.field)})" if error.field else ""
        print(f"credreg: {error.code.value}: {error.message}{field}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
