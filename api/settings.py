"""Configuration from the environment, validated once at start."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

from domain import i18n
from domain.actors import Role
from domain.i18n import translate

DEFAULT_DATABASE_URL = "sqlite://credreg.sqlite3"


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message says which and why."""


def _flag(env: dict[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(
        translate("{name} must be a boolean (1/0, true/false), got {raw}", name=name, raw=repr(raw))
    )


def _int(env: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(
            translate("{name} must be an integer, got {raw}", name=name, raw=repr(raw))
        ) from None
    if not low <= value <= high:
        raise ConfigError(
            translate(
                "{name} must be between {low} and {high}, got {value}",
                name=name,
                low=low,
                high=high,
                value=value,
            )
        )
    return value


def _roles(env: dict[str, str], name: str, default: tuple[Role, ...]) -> tuple[Role, ...]:
    if not env.get(name, "").strip():
        return default
    found = []
    for item in _list(env, name):
        try:
            found.append(Role(item.strip().upper()))
        except ValueError:
            raise ConfigError(
                translate(
                    "{name}: unknown role {role}; use ADMIN, SCHEDULER, AUDITOR, ...",
                    name=name,
                    role=repr(item),
                )
            ) from None
    return tuple(found)


def _list(env: dict[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name, "")
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def validate_database_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = url[len("sqlite://") :].split("?", 1)[0]
        if not path:
            raise ConfigError(
                translate(
                    "CREDREG_DATABASE_URL: a SQLite URL needs a file path, "
                    "e.g. sqlite://credreg.sqlite3"
                )
            )
        return url
    if parsed.scheme in {"postgres", "postgresql", "asyncpg"}:
        if not parsed.hostname or not parsed.path.strip("/"):
            raise ConfigError(
                translate(
                    "CREDREG_DATABASE_URL: a PostgreSQL URL needs a host and a database name, "
                    "e.g. postgres://user:password@127.0.0.1:5432/credreg"
                )
            )
        return url
    raise ConfigError(
        translate(
            "CREDREG_DATABASE_URL: unsupported scheme {scheme}; use sqlite:// or postgres://",
            scheme=repr(parsed.scheme),
        )
    )


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    graphiql: bool = False
    introspection: bool = False
    # Who may introspect when CREDREG_INTROSPECTION is off: ADMIN by default;
    # CREDREG_INTROSPECTION_ROLES=ADMIN,SCHEDULER lets scheduler keys generate clients.
    introspection_roles: tuple[Role, ...] = (Role.ADMIN,)
    persisted_query_cache: int = 1000  # automatic persisted queries kept per process
    cors_origins: tuple[str, ...] = ()
    ws_origins: tuple[str, ...] = ()
    session_hours: int = 8
    # argon2id cost; never below OWASP's minimum (m=19 MiB, t=2, p=1).
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4
    max_concurrent_hashes: int = 2
    db_pool_max: int = 10
    timezone: str = "Asia/Shanghai"
    webhook_worker: bool = True
    rate_points_per_second: int = 50_000
    rate_burst: int = 100_000
    max_query_cost: int = 50_000
    # Cases performed longer ago than this are refused (a backdated case would move a
    # technique's first clinical use and its filing deadline back).
    case_max_age_days: int = 30
    locale: str = i18n.ZH_CN  # CREDREG_LOCALE: the language where a request names none
    key_dir: str = ""
    migration_database_url: str = ""
    checkpoint_every_events: int = 10_000
    checkpoint_every_seconds: int = 3600
    card_minutes: int = 10
    ws_recheck_ms: int = 1500  # how often an open WebSocket re-authenticates
    query_time_budget_ms: int = 10_000  # a query still running after this is aborted
    max_body_bytes: int = 4 * 1024 * 1024
    max_import_body_bytes: int = 20 * 1024 * 1024  # import mutations with a credential
    body_read_timeout_seconds: int = 30
    header_timeout_seconds: int = 10  # slowloris: request headers must arrive in time
    # Read replicas (PostgreSQL streaming replicas; docs/deploy.md section 5)
    replica_urls: tuple[str, ...] = ()
    replica_max_wait_ms: int = 200  # how long a read waits for a lagging replica
    replica_recheck_ms: int = 5000  # how soon a failed replica is tried again
    replica_consistency: str = "strict"  # or "session" (domain/replicas.py)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    raw_locale = env.get("CREDREG_LOCALE") or i18n.ZH_CN
    locale = i18n.supported(raw_locale)
    with i18n.use_locale(locale or i18n.ZH_CN):  # configuration errors in the site's language
        if locale is None:
            raise ConfigError(
                translate(
                    "CREDREG_LOCALE: unsupported language {raw}; use zh-CN or en",
                    raw=repr(raw_locale),
                )
            )
        return _load(env, locale)


def _load(env: dict[str, str], locale: str) -> Settings:
    database_url = validate_database_url(env.get("CREDREG_DATABASE_URL") or DEFAULT_DATABASE_URL)
    timezone = env.get("CREDREG_TIMEZONE") or "Asia/Shanghai"
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(timezone)
    except Exception:
        raise ConfigError(
            translate("CREDREG_TIMEZONE: unknown time zone {zone}", zone=repr(timezone))
        ) from None
    return Settings(
        database_url=database_url,
        graphiql=_flag(env, "CREDREG_GRAPHIQL"),
        introspection=_flag(env, "CREDREG_INTROSPECTION"),
        introspection_roles=_roles(env, "CREDREG_INTROSPECTION_ROLES", (Role.ADMIN,)),
        persisted_query_cache=_int(env, "CREDREG_PERSISTED_QUERY_CACHE", 1000, 0, 1_000_000),
        cors_origins=_list(env, "CREDREG_CORS_ORIGINS"),
        ws_origins=_list(env, "CREDREG_WS_ORIGINS"),
        session_hours=_int(env, "CREDREG_SESSION_HOURS", 8, 1, 24),
        argon2_time_cost=_int(env, "CREDREG_ARGON2_TIME_COST", 3, 2, 20),
        argon2_memory_kib=_int(env, "CREDREG_ARGON2_MEMORY_KIB", 65536, 19456, 4_194_304),
        argon2_parallelism=_int(env, "CREDREG_ARGON2_PARALLELISM", 4, 1, 16),
        max_concurrent_hashes=_int(env, "CREDREG_MAX_CONCURRENT_HASHES", 2, 1, 64),
        db_pool_max=_int(env, "CREDREG_DB_POOL_MAX", 10, 1, 200),
        timezone=timezone,
        webhook_worker=_flag(env, "CREDREG_WEBHOOK_WORKER", True),
        rate_points_per_second=_int(env, "CREDREG_RATE_POINTS_PER_SECOND", 50_000, 1, 10**9),
        rate_burst=_int(env, "CREDREG_RATE_BURST", 100_000, 1, 10**9),
        max_query_cost=_int(env, "CREDREG_MAX_QUERY_COST", 50_000, 100, 10**9),
        case_max_age_days=_int(env, "CREDREG_CASE_MAX_AGE_DAYS", 30, 1, 3660),
        locale=locale,
        key_dir=env.get("CREDREG_KEY_DIR") or default_key_dir(database_url),
        migration_database_url=validate_database_url(
            env.get("CREDREG_MIGRATION_DATABASE_URL") or database_url
        ),
        checkpoint_every_events=_int(env, "CREDREG_CHECKPOINT_EVERY_EVENTS", 10_000, 0, 10**9),
        checkpoint_every_seconds=_int(env, "CREDREG_CHECKPOINT_EVERY_SECONDS", 3600, 0, 10**7),
        card_minutes=_int(env, "CREDREG_CARD_MINUTES", 10, 1, 24 * 60),
        ws_recheck_ms=_int(env, "CREDREG_WS_RECHECK_MS", 1500, 50, 60_000),
        query_time_budget_ms=_int(env, "CREDREG_QUERY_TIME_BUDGET_MS", 10_000, 0, 3_600_000),
        max_body_bytes=_int(env, "CREDREG_MAX_BODY_BYTES", 4 * 1024 * 1024, 1024, 2**31),
        max_import_body_bytes=_int(
            env, "CREDREG_MAX_IMPORT_BODY_BYTES", 20 * 1024 * 1024, 1024, 2**31
        ),
        body_read_timeout_seconds=_int(env, "CREDREG_BODY_READ_TIMEOUT_SECONDS", 30, 1, 3600),
        header_timeout_seconds=_int(env, "CREDREG_HEADER_TIMEOUT_SECONDS", 10, 1, 600),
        replica_urls=_replica_urls(env, database_url),
        replica_max_wait_ms=_int(env, "CREDREG_REPLICA_MAX_WAIT_MS", 200, 0, 10_000),
        replica_recheck_ms=_int(env, "CREDREG_REPLICA_RECHECK_MS", 5000, 100, 600_000),
        replica_consistency=_replica_consistency(env),
    )


def _replica_urls(env: dict[str, str], database_url: str) -> tuple[str, ...]:
    urls = _list(env, "CREDREG_DATABASE_REPLICA_URLS")
    if not urls:
        return ()
    if database_url.startswith("sqlite://"):
        raise ConfigError(
            translate(
                "CREDREG_DATABASE_REPLICA_URLS: read replicas need PostgreSQL; "
                "CREDREG_DATABASE_URL is a SQLite file"
            )
        )
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme not in {"postgres", "postgresql", "asyncpg"} or not (
            parsed.hostname and parsed.path.strip("/")
        ):
            raise ConfigError(
                translate(
                    "CREDREG_DATABASE_REPLICA_URLS: {url} is not a PostgreSQL URL with a host "
                    "and a database name",
                    url=repr(url.split("@")[-1]),
                )
            )
    return urls


def _replica_consistency(env: dict[str, str]) -> str:
    raw = env.get("CREDREG_REPLICA_CONSISTENCY") or "strict"
    if raw not in {"strict", "session"}:
        raise ConfigError(
            translate(
                "CREDREG_REPLICA_CONSISTENCY must be strict or session, got {raw}", raw=repr(raw)
            )
        )
    return raw


def default_key_dir(database_url: str) -> str:
    """`credreg-keys` next to the SQLite database file, else in the working directory."""
    if database_url.startswith("sqlite://"):
        path = database_url[len("sqlite://") :].split("?", 1)[0]
        if path != ":memory:":
            return os.path.join(os.path.dirname(os.path.abspath(path)), "credreg-keys")
    return os.path.abspath("credreg-keys")
