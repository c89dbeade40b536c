"""The migrations build what the models describe: every model's table and columns exist
after `apply_migrations`, and the newest migration's MODELS_STATE (what aerich diffs the
next migration against) equals the models. A model change without its migration fails here."""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

from aerich.utils import decompress_dict, get_models_describe
from tortoise import Tortoise, connections

import migrations.models


def _plain(value: Any) -> Any:
    """JSON round trip: the stored state has lists where the models' description has tuples."""
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _newest_migration_state() -> Any:
    names = sorted(
        (m.name for m in pkgutil.iter_modules(migrations.models.__path__)),
        key=lambda name: int(name.split("_", 1)[0]),
    )
    module = importlib.import_module(f"migrations.models.{names[-1]}")
    return _plain(decompress_dict("".join(module.MODELS_STATE)))


async def _columns(table: str) -> set[str]:
    conn = connections.get("default")
    if conn.capabilities.dialect == "sqlite":
        _, rows = await conn.execute_query(f'PRAGMA table_info("{table}")')
        return {row["name"] for row in rows}
    _, rows = await conn.execute_query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $1", [table]
    )
    return {row["column_name"] for row in rows}


async def test_every_model_column_exists_after_migrations(db: None) -> None:
    missing: list[str] = []
    for model in Tortoise.apps["models"].values():
        meta = model._meta
        columns = await _columns(meta.db_table)
        if not columns:
            missing.append(f"table {meta.db_table}")
            continue
        for field_name in meta.db_fields:
            if field_name not in columns:
                missing.append(f"{meta.db_table}.{field_name}")
    assert missing == []


async def test_newest_migration_state_matches_models(db: None) -> None:
    assert _newest_migration_state() == _plain(get_models_describe("models")), (
        "the newest migration's MODELS_STATE differs from the models: regenerate it "
        "(python scripts/models_state.py prints it)"
    )
