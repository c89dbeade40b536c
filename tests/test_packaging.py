"""Every package of the service is installed by `pip install .` (the Dockerfile's way),
not only importable from a checkout: a package missing from pyproject's list works in
the tests and fails in production."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("api", "domain", "schema", "models", "migrations")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found - listed == set(), f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_data_directory_is_installed() -> None:
    """A directory of data files (demo CSVs, calendars, trusted documents, message
    catalogues) is a package
    with package-data of its own, so `pip install .` ships it (setuptools warns and will
    drop a data directory that is not listed)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed, data = set(config["packages"]), config["package-data"]
    data_dirs = {
        path.parent
        for top in ("api", "domain", "schema", "models")
        for suffix in ("csv", "txt", "json", "graphql", "po", "pot")
        for path in (ROOT / top).rglob(f"*.{suffix}")
    }
    for directory in sorted(data_dirs):
        name = ".".join(directory.relative_to(ROOT).parts)
        assert name in listed, f"add {name} to [tool.setuptools] packages"
        patterns = data.get(name, [])
        assert any(directory.glob(pattern) for pattern in patterns), (
            f"[tool.setuptools.package-data] {name} ships none of its files"
        )
