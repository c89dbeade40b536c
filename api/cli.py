"""The `credreg` command line: serve, migrate, init, users, keys, demo data, audit."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import os
import secrets
import sys
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any

from tortoise import Tortoise

from api import quality_cli
from api.db import tortoise_config
from api.migrate import apply_migrations
from api.settings import ConfigError, Settings, load_settings
from domain import audit, auth, clock, demo, i18n, organisation, passwords, signing
from domain.actors import system_actor
from domain.errors import DomainError
from domain.i18n import translate as _
from models import Site, User


class CommandError(Exception):
    """A failure the operator can fix; printed without a traceback, exit status 1."""


async def _with_database(
    settings: Settings, body: Callable[[], Awaitable[Any]], url: str | None = None
) -> Any:
    url = url or settings.database_url
    try:
        await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    except Exception as exc:
        raise CommandError(
            _(
                "cannot open the database {url}: {problem}",
                url=repr(url),
                problem=exc,
            )
        ) from exc
    try:
        return await body()
    finally:
        await Tortoise.close_connections()


def _password(env_name: str, prompt: str, username: str) -> str:
    password = os.environ.get(env_name)
    if not password:
        if not sys.stdin.isatty():
            raise CommandError(
                _("set {name} or run interactively to be asked for a password", name=env_name)
            )
        password = getpass.getpass(prompt)
        if getpass.getpass(_("Repeat: ")) != password:
            raise CommandError(_("the passwords do not match"))
    try:
        passwords.check_policy(password, username)
    except DomainError as error:
        raise CommandError(
            _("{setting}: {problem}", setting=env_name, problem=error.localized())
        ) from None
    return password


async def _preflight() -> None:
    from domain import sql

    try:
        await sql.fetch_one("SELECT seq FROM audit_head WHERE id = 1")
    except Exception:
        raise CommandError(_("the database is not migrated: run `credreg init`")) from None
    admins = await User.filter(active=True).values_list("roles", flat=True)
    if not any("ADMIN" in roles for roles in admins):  # type: ignore[operator]
        raise CommandError(
            _("no active ADMIN user: run `credreg init` (password from CREDREG_ADMIN_PASSWORD)")
        )


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    import uvicorn

    from api.limits import header_timeout_protocol

    asyncio.run(_with_database(settings, _preflight))
    if not settings.is_sqlite:
        from api.db import connection_privileges

        try:
            rights = asyncio.run(connection_privileges(settings.database_url))
        except Exception:  # the preflight above already proved the database answers
            rights = {}
        if rights.get("superuser") or rights.get("owner"):
            print(
                _(
                    "credreg: WARNING: the service connects as a superuser or the tables' "
                    "owner, which can rewrite the audit log; connect as a least-privilege role "
                    "(`credreg db grant-app-role ROLE`, docs/deploy.md)"
                ),
                file=sys.stderr,
            )

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
        # as the owner (CREDREG_MIGRATION_DATABASE_URL): the service's role may not alter tables
        applied = asyncio.run(apply_migrations(settings.migration_database_url))
    except Exception as exc:
        raise CommandError(_("migration failed: {problem}", problem=exc)) from exc
    print(
        _("applied: {migrations}", migrations=", ".join(applied))
        if applied
        else _("database is up to date")
    )
    _load_official_calendar(settings)


def _load_official_calendar(settings: Settings) -> None:
    """R22: the State Council's holiday schedules shipped with this version (idempotent;
    dates set locally with setHolidays are kept)."""
    from domain.calendar import load_official_calendar

    years = asyncio.run(
        _with_database(settings, lambda: load_official_calendar(system_actor("credreg migrate")))
    )
    if years:
        print(
            _("loaded the official holiday calendar for {years}", years=", ".join(map(str, years)))
        )


def cmd_init(settings: Settings, args: argparse.Namespace) -> None:
    cmd_migrate(settings, args)
    ring = signing.ensure_keys(settings.key_dir)
    print(
        _(
            "Signing keys in {key_dir}: current {kid}",
            key_dir=str(settings.key_dir),
            kid=ring.current.kid if ring.current else "-",
        )
    )
    actor = system_actor("credreg init")

    async def body() -> None:
        if not await Site.exists():
            await organisation.create_site(actor, code="MAIN", name="总院")
            print(_("created default site MAIN"))
        if await User.exists(username=args.admin_username):
            print(_("admin user {username} exists; left as it is", username=args.admin_username))
            return
        password = _password("CREDREG_ADMIN_PASSWORD", _("Admin password: "), args.admin_username)
        await auth.create_user(
            actor, username=args.admin_username, password=password, roles=["ADMIN"]
        )
        print(_("created ADMIN user {username}", username=args.admin_username))

    asyncio.run(_with_database(settings, body, settings.migration_database_url))


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> None:
    password = _password("CREDREG_USER_PASSWORD", _("Password: "), args.username)

    async def body() -> None:
        user = await auth.create_user(
            system_actor("credreg create-user"),
            username=args.username,
            password=password,
            roles=args.roles,
            department_codes=args.department or None,
            practitioner_staff_no=args.practitioner,
        )
        print(
            _(
                "created user {username} with roles {roles}",
                username=user.username,
                roles=", ".join(user.roles),
            )
        )

    asyncio.run(_with_database(settings, body))


def cmd_create_api_key(settings: Settings, args: argparse.Namespace) -> None:
    async def body() -> None:
        created = await auth.create_api_key(
            system_actor("credreg create-api-key"),
            name=args.name,
            roles=args.roles,
            expires_at=clock.now() + timedelta(days=args.expires_days),
        )
        print(
            _(
                "API key {name} (prefix {prefix}), shown only now:",
                name=created.key.name,
                prefix=created.key.prefix,
            )
        )
        print(created.secret)

    asyncio.run(_with_database(settings, body))


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> None:
    cmd_migrate(settings, args)
    demo_password = os.environ.get("CREDREG_DEMO_PASSWORD") or secrets.token_urlsafe(18)

    async def body() -> None:
        report = await demo.seed_demo(system_actor("credreg seed-demo"), demo_password)
        if report.skipped:
            print(_("demo data already present; nothing changed"))
            return
        print(
            _(
                "seeded {specialties} specialties, {departments} departments, "
                "{practitioners} practitioners, {procedures} procedures, "
                "{techniques} techniques, {privileges} privileges",
                specialties=report.specialties,
                departments=report.departments,
                practitioners=report.practitioners,
                procedures=report.procedures,
                techniques=report.techniques,
                privileges=report.privileges,
            )
        )
        print(
            _(
                "demo users {users} share the password: {password}",
                users=", ".join(report.users),
                password=demo_password,
            )
        )
        print(_("demo SCHEDULER API key (shown once): {key}", key=report.api_key))

    asyncio.run(_with_database(settings, body))


def cmd_import_template(args: argparse.Namespace) -> None:
    from domain import spreadsheets, templates

    build = templates.TEMPLATES.get(args.file)
    if build is None:
        raise CommandError(
            _(
                "There is no import template named {file}; choose one of {templates}",
                file=args.file,
                templates=list(templates.TEMPLATES),
            )
        )
    locale = args.locale or os.environ.get("CREDREG_LOCALE") or spreadsheets.DEFAULT_LOCALE
    path = args.output or f"{args.file}-template.xlsx"
    try:
        with open(path, "wb") as handle:
            handle.write(build(locale if locale in spreadsheets.LOCALES else "zh-CN"))
    except OSError as exc:
        raise CommandError(
            _("Cannot write {path}: {problem}", path=str(path), problem=str(exc.strerror))
        ) from None
    print(_("Template written to {path}", path=str(path)))


def cmd_import(settings: Settings, args: argparse.Namespace) -> None:
    from domain import imports

    if args.kind == "template":
        cmd_import_template(args)
        return
    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise CommandError(
            _("Cannot read {file}: {problem}", file=args.file, problem=str(exc.strerror))
        ) from None
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
        print(f"{args.file}: {imports.describe(error)}", file=sys.stderr)
    if report.errors:
        if args.errors_xlsx:
            workbook = imports.error_workbook(
                data, args.file, report, args.locale or i18n.default_locale()
            )
            with open(args.errors_xlsx, "wb") as output:
                output.write(workbook)
            print(
                _(
                    "The workbook with the errors marked was written to {path}",
                    path=args.errors_xlsx,
                ),
                file=sys.stderr,
            )
        more = _(" (more not shown)") if report.errors_truncated else ""
        raise CommandError(
            _(
                "{count} invalid row(s){more}; nothing was imported",
                count=len(report.errors),
                more=more,
            )
        )
    counts = dict(
        rows=report.rows,
        added=report.added,
        changed=report.changed,
        removed=report.removed,
        unchanged=report.unchanged,
    )
    summary = (
        _(
            "Dry run: {rows} rows: {added} added, {changed} changed, {removed} removed, "
            "{unchanged} unchanged",
            **counts,
        )
        if report.dry_run
        else _(
            "{rows} rows: {added} added, {changed} changed, {removed} removed, "
            "{unchanged} unchanged",
            **counts,
        )
    )
    if report.catalogue_version:
        summary += _(", catalogue version {version}", version=report.catalogue_version)
    print(summary)


def cmd_export(settings: Settings, args: argparse.Namespace) -> None:
    from api.exports import csv_bom_default
    from domain import exports, spreadsheets

    if args.kind == "quality":
        return quality_cli.cmd_export_quality(settings, args)
    actor = system_actor(f"credreg export {args.kind}")
    xlsx = args.format == "xlsx"
    if xlsx and args.kind != "privileges":
        raise CommandError(_("--format xlsx is for `export privileges`"))
    if xlsx and not args.output and sys.stdout.isatty():
        raise CommandError(_("An .xlsx export needs --output FILE (or a redirected stdout)"))
    locale = args.locale or os.environ.get("CREDREG_LOCALE") or spreadsheets.DEFAULT_LOCALE
    bom = args.bom if args.bom is not None else csv_bom_default()

    async def body() -> int:
        # One institution's part (issue 16), as `?institution=CODE` over HTTP: its
        # audit events, the privileges at its campuses, its FHIR resources.
        institutions = await exports.export_institutions(actor, args.institution)
        if args.kind == "audit":
            scope = exports.audit_range(
                args.from_, args.to, None if institutions is None else frozenset(institutions)
            )
            chunks = exports.audit_ndjson(scope)
        elif args.kind == "privileges":
            if args.as_of is None:
                raise CommandError(_("export privileges needs --as-of YYYY-MM-DD"))
            chunks = exports.privileges_csv(
                actor, args.as_of, bom=bom, institution_ids=institutions
            )
        else:
            chunks = exports.fhir_practitioner_roles(institution_ids=institutions)
        await exports.start_export(
            actor,
            args.kind if not xlsx else "privileges.xlsx",
            {
                "from": args.from_,
                "to": args.to,
                "asOf": str(args.as_of or ""),
                "institution": args.institution,
            },
        )
        if xlsx:
            # The CLI owns its process: blocking file writes are fine here.
            target = args.output or sys.stdout.buffer
            await exports.privileges_xlsx(actor, args.as_of, target, locale, institutions)
            return os.path.getsize(args.output) if args.output else 0  # noqa: ASYNC240
        written = 0
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
        wrote = (
            _("Wrote {count} bytes to {output}", count=written, output=args.output)
            if xlsx
            else _("Wrote {count} characters to {output}", count=written, output=args.output)
        )
        print(wrote, file=sys.stderr)


def cmd_backup(settings: Settings, args: argparse.Namespace) -> None:
    from api.backup import BackupError, backup

    try:
        size = asyncio.run(backup(settings.database_url, args.path))
    except BackupError as error:
        raise CommandError(str(error)) from None
    print(_("backup written to {path} ({size} bytes)", path=args.path, size=size))


def cmd_restore(settings: Settings, args: argparse.Namespace) -> None:
    from api.backup import BackupError, restore

    try:
        # as the owner: a restore recreates tables the application role may not create
        result = asyncio.run(restore(settings.migration_database_url, args.path, force=args.force))
    except BackupError as error:
        raise CommandError(str(error)) from None
    if not result.chain_ok:
        raise CommandError(
            _("restored, but the audit chain is BROKEN: {problem}", problem=result.problem)
        )
    print(
        _(
            "restored {path}: audit chain intact ({events} events)",
            path=args.path,
            events=result.events,
        )
    )


def _external_checkpoints(path: str | None) -> list[str]:
    """Checkpoint tokens from an exported audit-checkpoints.json kept elsewhere."""
    if not path:
        return []
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        return [str(item["token"]) for item in document["checkpoints"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CommandError(
            _("Cannot read checkpoints from {path}: {problem}", path=str(path), problem=str(exc))
        ) from None


def cmd_verify_audit(settings: Settings, args: argparse.Namespace) -> None:
    tokens = _external_checkpoints(getattr(args, "checkpoints", None))

    async def verify() -> audit.ChainReport:
        # The CLI owns its process: hash seq ranges on every core.
        workers = os.cpu_count() or 1
        report = await audit.verify_chain(args.from_seq or 1, args.to_seq, workers=workers)
        if report.ok and tokens:
            report = await audit.compare_checkpoints(report, tokens)
        return report

    report = asyncio.run(_with_database(settings, verify))
    if report.ok:
        print(
            _(
                "audit chain intact: {checked} events (seq {first}..{last}); "
                "{checkpoints} signed checkpoint(s) match",
                checked=report.checked,
                first=report.first_seq or 0,
                last=report.last_seq or 0,
                checkpoints=report.checkpoints_checked,
            )
            + (
                _(", newest at seq {seq}", seq=report.last_checkpoint_seq)
                if report.last_checkpoint_seq
                else ""
            )
            + (
                _(
                    "; {count} with a removed key (not checkable)",
                    count=report.unverified_checkpoints,
                )
                if report.unverified_checkpoints
                else ""
            )
        )
        return
    raise CommandError(
        _(
            "audit chain BROKEN at seq {seq}: {problem} ({checked} events verified before it)",
            seq=report.broken_seq,
            problem=report.problem,
            checked=report.checked,
        )
    )


def cmd_verify_export(args: argparse.Namespace) -> None:
    """Check an exported audit.ndjson offline (no database): every line's hash from its
    content, the links between consecutive seqs, and the lines at the seqs of the
    checkpoints of --checkpoints (audit-checkpoints.json)."""
    if not args.export:
        raise CommandError(_("verify-export needs --export FILE"))
    checkpoints: list[dict[str, Any]] = []
    if args.checkpoints:
        try:
            with open(args.checkpoints, encoding="utf-8") as handle:
                checkpoints = list(json.load(handle)["checkpoints"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CommandError(
                _(
                    "Cannot read checkpoints from {path}: {problem}",
                    path=str(args.checkpoints),
                    problem=str(exc),
                )
            ) from None
    try:
        with open(args.export, encoding="utf-8") as handle:
            check = audit.verify_export_lines(handle, checkpoints)
    except OSError as exc:
        raise CommandError(
            _("Cannot read {path}: {problem}", path=str(args.export), problem=str(exc))
        ) from None
    if not check.ok:
        raise CommandError(
            _(
                "audit export BROKEN at seq {seq}: {problem}",
                seq=check.broken_seq if check.broken_seq is not None else "-",
                problem=check.problem,
            )
        )
    print(
        _(
            "audit export intact: {lines} events, each hash matches its line; {links} links "
            "between consecutive seqs, {gaps} gaps (events not in this export), "
            "{checkpoints} signed checkpoint(s) matched",
            lines=check.lines,
            links=check.links,
            gaps=check.gaps,
            checkpoints=check.checkpoints_matched,
        )
    )


def cmd_audit(settings: Settings, args: argparse.Namespace) -> None:
    if args.action == "verify-export":
        cmd_verify_export(args)
        return
    if args.action == "verify":
        cmd_verify_audit(settings, args)
    elif args.action == "checkpoint":
        signing.ensure_keys(settings.key_dir)

        async def checkpoint() -> tuple[audit.ChainReport, dict[str, Any] | None]:
            return await audit.checkpoint_now()

        report, signed = asyncio.run(_with_database(settings, checkpoint))
        if not report.ok:
            raise CommandError(
                _(
                    "The audit chain is BROKEN at seq {seq}: {problem}; no checkpoint was signed",
                    seq=report.broken_seq,
                    problem=report.problem,
                )
            )
        if signed is None:
            raise CommandError(
                _("There is no signing key in {key_dir}", key_dir=str(settings.key_dir))
            )
        print(
            _(
                "Checkpoint signed: seq {seq} hash {hash} (key {kid}, {checked} events verified)",
                seq=signed["seq"],
                hash=signed["hash"],
                kid=signed["kid"],
                checked=report.checked,
            )
        )
    else:
        import json

        document = asyncio.run(_with_database(settings, audit.checkpoints_document))
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if args.output:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
            print(
                _(
                    "Wrote {count} checkpoints to {output}",
                    count=len(document["checkpoints"]),
                    output=args.output,
                )
            )
        else:
            sys.stdout.write(text)


def cmd_db(settings: Settings, args: argparse.Namespace) -> None:
    from api.db import GrantError, grant_app_role

    try:
        done = asyncio.run(
            grant_app_role(
                settings.migration_database_url,
                args.role,
                os.environ.get("CREDREG_APP_ROLE_PASSWORD") or None,
            )
        )
    except GrantError as error:
        raise CommandError(str(error)) from None
    except Exception as exc:
        raise CommandError(
            _("Granting {role} failed: {problem}", role=args.role, problem=str(exc))
        ) from exc
    for statement in done:
        print(statement)
    print(_("{role} is the application role: point CREDREG_DATABASE_URL at it", role=args.role))


def _print_keys(ring: signing.KeyRing) -> None:
    current = ring.current
    for key in sorted(ring.keys.values(), key=lambda key: key.created, reverse=True):
        state = "current" if current is not None and key.kid == current.kid else "public only"
        print(f"{key.kid}  {key.created.isoformat(timespec='seconds')}  {state}")


def cmd_keys(settings: Settings, args: argparse.Namespace) -> None:
    if args.action == "rotate":
        ring = signing.rotate_keys(settings.key_dir)
        print(_("New current signing key {kid}", kid=ring.current.kid if ring.current else "-"))
    elif args.action == "remove":
        if not args.kid:
            raise CommandError(_("keys remove needs the KID of a kept public key"))
        ring = signing.remove_key(settings.key_dir, args.kid)
        print(_("Removed key {kid}; what it signed no longer verifies", kid=args.kid))
    else:
        ring = signing.load_keys(settings.key_dir)
        if not ring.keys:
            raise CommandError(
                _(
                    "There are no signing keys in {key_dir}: run `credreg init`",
                    key_dir=str(settings.key_dir),
                )
            )
    _print_keys(ring)


def cmd_verify_receipt(settings: Settings, args: argparse.Namespace) -> None:
    """Offline: the signature with the key directory or a downloaded JWKS; with
    --chain also the audit head hash against this server's database."""
    import json

    from domain import receipts

    try:
        token = receipts.token_in(open(args.file, encoding="utf-8").read())
        ring = (
            receipts.ring_from_jwks(json.load(open(args.jwks, encoding="utf-8")))
            if args.jwks
            else signing.load_keys(settings.key_dir)
        )
    except (OSError, ValueError) as exc:
        raise CommandError(
            _("Cannot read the receipt or the keys: {problem}", problem=str(exc))
        ) from exc
    result = receipts.check_signature(token, ring)
    if not result.valid or result.claims is None:
        raise CommandError(_("Receipt INVALID: {problem}", problem=result.problem))
    print(json.dumps(result.claims, ensure_ascii=False, indent=2, sort_keys=True))
    print(_("Signature valid (key {key_id})", key_id=result.key_id))
    if args.chain:
        seq = int(result.claims.get("registryVersion", -1))
        actual = asyncio.run(_with_database(settings, lambda: receipts.hash_at(seq)))
        if actual != result.claims.get("auditHeadHash"):
            raise CommandError(_("The audit head hash is NOT in this chain at seq {seq}", seq=seq))
        print(_("The audit head hash matches the chain at seq {seq}", seq=seq))


def cmd_schema(args: argparse.Namespace) -> None:
    """Print the GraphQL schema (SDL); `-o schema/schema.graphql` refreshes the committed one."""
    from schema.sdl import print_sdl

    text = print_sdl()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="credreg",
        description=_(
            "The credreg command line: serve, migrate, init, users, keys, demo data, audit."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help=_("run the HTTP service (uvicorn)"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(run=cmd_serve)

    commands.add_parser("migrate", help=_("apply database migrations")).set_defaults(
        run=cmd_migrate
    )

    init = commands.add_parser("init", help=_("migrate, create site MAIN and the first ADMIN"))
    init.add_argument("--admin-username", default="admin")
    init.set_defaults(run=cmd_init)

    roles = ["ADMIN", "DEPARTMENT_HEAD", "COMMITTEE", "SCHEDULER", "AUDITOR", "PRACTITIONER"]
    create_user = commands.add_parser(
        "create-user", help=_("create a user (password from CREDREG_USER_PASSWORD or a prompt)")
    )
    create_user.add_argument("--username", required=True)
    create_user.add_argument("--role", dest="roles", action="append", choices=roles, required=True)
    create_user.add_argument("--department", action="append", help=_("department code (heads)"))
    create_user.add_argument("--practitioner", help=_("staff number (PRACTITIONER users)"))
    create_user.set_defaults(run=cmd_create_user)

    key = commands.add_parser("create-api-key", help=_("create an API key; prints the secret once"))
    key.add_argument("--name", required=True)
    key.add_argument(
        "--role", dest="roles", action="append", choices=["SCHEDULER", "AUDITOR"], required=True
    )
    key.add_argument("--expires-days", type=int, default=365)
    key.set_defaults(run=cmd_create_api_key)

    commands.add_parser("seed-demo", help=_("load the demo hospital")).set_defaults(
        run=cmd_seed_demo
    )

    importer = commands.add_parser(
        "import",
        help=_(
            "import a CSV or XLSX file (atomic), or write a template: `credreg import template "
            "procedures|practitioners [-o FILE]`"
        ),
    )
    importer.add_argument("kind", choices=["procedures", "practitioners", "template"])
    importer.add_argument("file", help=_("the file to import (template: which template)"))
    importer.add_argument("--output", "-o", help=_("template: the file to write"))
    importer.add_argument(
        "--errors-xlsx", help=_("when rows are bad: write the sheet with an error column here")
    )
    importer.add_argument(
        "--locale", choices=["zh-CN", "en"], help=_("language of the template and error headers")
    )
    importer.add_argument("--dry-run", action="store_true", help=_("report without writing"))
    importer.add_argument(
        "--replace", action="store_true", help=_("procedures: retire codes absent from the file")
    )
    importer.add_argument(
        "--effective-from",
        type=date.fromisoformat,
        help=_("procedures: effective date YYYY-MM-DD (default today)"),
    )
    importer.add_argument("--note", help=_("procedures: a note for the new catalogue version"))
    importer.set_defaults(run=cmd_import)

    export = commands.add_parser("export", help=_("stream an export to a file or stdout"))
    export.add_argument("kind", choices=["audit", "privileges", "fhir", "quality"])
    export.add_argument(
        "--from", dest="from_", help=_("audit: sequence number, date or ISO date-time")
    )
    export.add_argument("--to", help=_("audit: sequence number, date or ISO date-time"))
    export.add_argument("--as-of", type=date.fromisoformat, help=_("privileges: YYYY-MM-DD"))
    export.add_argument("--output", "-o", help=_("file to write (default stdout)"))
    export.add_argument(
        "--institution",
        help=_("audit, privileges, fhir: only this institution's part (its code)"),
    )
    export.add_argument(
        "--format", choices=["csv", "xlsx"], default="csv", help=_("privileges: csv or xlsx")
    )
    export.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("privileges CSV: start with a UTF-8 BOM for Excel (default CREDREG_CSV_BOM)"),
    )
    export.add_argument("--locale", choices=["zh-CN", "en"], help=_("xlsx header language"))
    export.add_argument("--period", default="QUARTER", help=_("quality: MONTH, QUARTER or YEAR"))
    export.add_argument("--department", help=_("quality: a department code"))
    export.add_argument("--site", help=_("quality: a site code"))
    export.set_defaults(run=cmd_export)
    quality_cli.register(commands)

    backup = commands.add_parser("backup", help=_("online backup (SQLite API or pg_dump)"))
    backup.add_argument("path")
    backup.set_defaults(run=cmd_backup)
    restore = commands.add_parser("restore", help=_("restore a backup (stop the service first)"))
    restore.add_argument("path")
    restore.add_argument("--force", action="store_true", help=_("replace a non-empty database"))
    restore.set_defaults(run=cmd_restore)

    verify = commands.add_parser("verify-audit", help=_("recompute the audit hash chain"))
    verify.add_argument("--from", dest="from_seq", type=int)
    verify.add_argument("--to", dest="to_seq", type=int)
    verify.set_defaults(run=cmd_verify_audit)

    audit_cmd = commands.add_parser(
        "audit", help=_("verify the chain, sign a checkpoint, export the checkpoints")
    )
    audit_cmd.add_argument(
        "action", choices=["verify", "checkpoint", "checkpoints", "verify-export"]
    )
    audit_cmd.add_argument(
        "--export",
        help=_(
            "verify-export: an audit.ndjson file (whole or one institution's) to check line "
            "by line, offline"
        ),
    )
    audit_cmd.add_argument("--from", dest="from_seq", type=int)
    audit_cmd.add_argument("--to", dest="to_seq", type=int)
    audit_cmd.add_argument(
        "--checkpoints", help=_("verify: also compare with an exported audit-checkpoints.json")
    )
    audit_cmd.add_argument("--output", "-o", help=_("checkpoints: file to write (default stdout)"))
    audit_cmd.set_defaults(run=cmd_audit)

    db_cmd = commands.add_parser("db", help=_("PostgreSQL: the least-privilege application role"))
    db_cmd.add_argument("action", choices=["grant-app-role"])
    db_cmd.add_argument("role", help=_("the role the service connects as (created if missing)"))
    db_cmd.set_defaults(run=cmd_db)

    keys = commands.add_parser("keys", help=_("Ed25519 signing keys (CREDREG_KEY_DIR)"))
    keys.add_argument("action", choices=["list", "rotate", "remove"])
    keys.add_argument("kid", nargs="?", help=_("remove: the key id to remove"))
    keys.set_defaults(run=cmd_keys)

    receipt = commands.add_parser("verify-receipt", help=_("verify a signed decision receipt"))
    receipt.add_argument("file", help=_('the receipt token, or JSON holding a "receipt"'))
    receipt.add_argument("--jwks", help=_("a JWK Set file (GET /.well-known/jwks.json)"))
    receipt.add_argument("--chain", action="store_true", help=_("also check the audit chain"))
    receipt.set_defaults(run=cmd_verify_receipt)

    schema_cmd = commands.add_parser("schema", help="the GraphQL schema (SDL)")
    schema_cmd.add_argument("action", choices=["print"])
    schema_cmd.add_argument(
        "--output", "-o", help="file to write, e.g. schema/schema.graphql (default stdout)"
    )
    # Needs no settings or database: it only prints what the code defines.
    schema_cmd.set_defaults(run=None, offline=cmd_schema)
    return parser


def _site_language() -> None:
    """CREDREG_LOCALE before the --help texts are built (an unsupported value is
    reported by the settings check that follows)."""
    with contextlib.suppress(ValueError):
        i18n.configure(os.environ.get("CREDREG_LOCALE") or i18n.ZH_CN)


def main(argv: list[str] | None = None) -> int:
    _site_language()
    args = build_parser().parse_args(argv)
    if getattr(args, "offline", None) is not None:
        try:
            args.offline(args)
        except OSError as error:
            print(f"credreg: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
            return 1
        return 0
    try:
        settings = load_settings()
        from api.app import configure_domain

        configure_domain(settings)
        args.run(settings, args)
    except (ConfigError, CommandError) as error:
        print(f"credreg: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # e.g. a key directory it may not create or read
        print(f"credreg: {error.strerror or error}: {error.filename or ''}", file=sys.stderr)
        return 1
    except DomainError as error:
        field = f" ({'.'.join(error.field)})" if error.field else ""
        print(f"credreg: {error.code.value}: {error.localized()}{field}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
