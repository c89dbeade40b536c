"""Print MODELS_STATE for the current models, to paste into the newest migration
(tests/test_migrations.py fails until it matches). Run: .venv/bin/python scripts/models_state.py"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aerich.utils import get_formatted_compressed_data, get_models_describe
from tortoise import Tortoise

from api.db import tortoise_config


async def main() -> None:
    await Tortoise.init(config=tortoise_config("sqlite://:memory:"))
    state = get_formatted_compressed_data(get_models_describe("models"))
    print("MODELS_STATE = (\n    " + state + "\n)")
    await Tortoise.close_connections()


asyncio.run(main())
