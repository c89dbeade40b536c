"""Keep the message catalogues in step with the code (docs/i18n.md).

    .venv/bin/python scripts/i18n.py update   # add new ids to both .po files, drop unused
    .venv/bin/python scripts/i18n.py check    # list missing or mismatched translations
    .venv/bin/python scripts/i18n.py fill zh-CN texts.json   # {"id": "译文", ...}

`update` writes domain/i18n/locales/credreg.pot and merges it into each locale's .po with
Babel (existing translations kept; new English entries start as the id itself, new
Chinese ones empty, so `check` and the tests fail until someone translates them).
Labels for every GraphQL enum value are entries too (context "enum <Name>").
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import write_po  # noqa: E402

from domain.i18n.checks import extract, problems  # noqa: E402
from domain.i18n.core import EN, SUPPORTED_LOCALES, catalogue_path, read_catalogue  # noqa: E402


def enum_keys() -> dict[tuple[str | None, str], list[str]]:
    from graphql import GraphQLEnumType

    from schema.schema import build_schema

    found: dict[tuple[str | None, str], list[str]] = {}
    for name, kind in build_schema()._schema.type_map.items():
        if isinstance(kind, GraphQLEnumType) and not name.startswith("__"):
            for value in kind.values:
                found[(f"enum {name}", value)] = [f"GraphQL enum {name}"]
    return found


def wanted() -> dict[tuple[str | None, str], list[str]]:
    return {**extract(ROOT), **enum_keys()}


# Fixed header values, so that an update changes only the entries (no date churn).
HEADER = "# credreg messages (docs/i18n.md). Update with: python scripts/i18n.py update"
DATE = datetime(2026, 12, 4, tzinfo=UTC)


def write(path: Path, catalogue: Catalog) -> None:
    catalogue.header_comment = HEADER
    catalogue.creation_date = catalogue.revision_date = DATE
    catalogue.project, catalogue.version = "credreg", "1"
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = catalogue.language_team = "credreg"
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True)
    text = path.read_text("utf-8")
    path.write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith('"Generated-By:')),
        "utf-8",
    )


def update() -> None:
    keys = wanted()
    template = Catalog(project="credreg", domain="credreg")
    for (context, msgid), locations in sorted(keys.items(), key=lambda k: (k[0][0] or "", k[0][1])):
        flags = ["python-brace-format"] if "{" in msgid else []
        files = sorted({location.rsplit(":", 1)[0] for location in locations})
        template.add(msgid, context=context, flags=flags, auto_comments=files[:3])
    pot = ROOT / "domain" / "i18n" / "locales" / "credreg.pot"
    write(pot, template)
    for locale in SUPPORTED_LOCALES:
        catalogue = read_catalogue(locale)
        catalogue.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalogue.obsolete.clear()  # removed ids: git keeps their history
        if locale == EN:
            for message in catalogue:
                if (
                    message.id
                    and not message.string
                    and not (message.context or "").startswith(
                        ("enum ", "field", "record", "grade")
                    )
                ):
                    message.string = message.id
        catalogue.fuzzy = False  # the header of a translated catalogue
        write(Path(str(catalogue_path(locale))), catalogue)
        print(f"{locale}: {len([m for m in catalogue if m.id])} entries")


def fill(locale: str, mapping_file: str) -> None:
    """Set translations from a JSON object {message id: text} (ids of terms as
    "context|id"); ids the catalogue lacks are listed, not added (run `update` first)."""
    import json

    mapping: dict[str, str] = json.loads(Path(mapping_file).read_text("utf-8"))
    catalogue = read_catalogue(locale)
    unknown = []
    for key, text in mapping.items():
        message = catalogue.get(key)  # an id may hold "|" itself
        if message is None and "|" in key:
            context, _, msgid = key.partition("|")
            message = catalogue.get(msgid, context=context)
        if message is None:
            unknown.append(key)
            continue
        message.string = text
        message.flags.discard("fuzzy")
    write(Path(str(catalogue_path(locale))), catalogue)
    for key in unknown:
        print(f"not in the catalogue: {key!r}")


def check() -> int:
    found = problems(wanted())
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
        sys.exit(check())
    if command == "fill":
        fill(sys.argv[2], sys.argv[3])
        sys.exit(check())
    sys.exit(check())
