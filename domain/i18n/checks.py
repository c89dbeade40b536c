"""Catalogue checks and extraction (Babel): used by tests/domain/test_i18n.py and by
`python scripts/i18n.py update|check` (docs/i18n.md)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from domain.i18n.core import SUPPORTED_LOCALES, placeholders, read_catalogue

# Where messages are written, and the calls that mark them (first argument the id, or
# (context, id) for terms).
SOURCE_PACKAGES = ("api", "domain", "schema")
KEYWORDS = {
    "msg": None,
    "translate": None,
    "N_": None,
    "_": None,
    "NC_": ((1, "c"), 2),
    "term": ((1, "c"), 2),
}

Key = tuple[str | None, str]  # (context, message id)


def root() -> Path:
    return Path(__file__).resolve().parents[2]


def extract(base: Path | None = None) -> dict[Key, list[str]]:
    """Every message id marked in the source, with where it is used."""
    base = base or root()
    found: dict[Key, list[str]] = {}
    for package in SOURCE_PACKAGES:
        for filename, lineno, message, _comments, context in extract_from_dir(
            base / package, keywords=KEYWORDS, comment_tags=()
        ):
            if not isinstance(message, str) or not message:
                continue  # a call with a computed id: not a catalogue entry
            found.setdefault((context, message), []).append(f"{package}/{filename}:{lineno}")
    return found


def catalogue_entries(catalogue: Catalog) -> dict[Key, str]:
    entries: dict[Key, str] = {}
    for message in catalogue:
        if not message.id:
            continue  # the header
        text = message.string if isinstance(message.string, str) else ""
        if message.fuzzy:
            text = ""  # a fuzzy guess is not a translation
        entries[(message.context, str(message.id))] = text
    return entries


def problems(
    wanted: Iterable[Key], catalogues: dict[str, dict[Key, str]] | None = None
) -> list[str]:
    """What keeps the catalogues from being complete: an id without a translation in a
    language, a translation whose placeholders differ from the id's, or an entry one
    language has and the other lacks."""
    if catalogues is None:
        catalogues = {
            locale: catalogue_entries(read_catalogue(locale)) for locale in SUPPORTED_LOCALES
        }
    found: list[str] = []
    every = set(wanted)
    for entries in catalogues.values():
        every |= entries.keys()
    for context, msgid in sorted(every, key=lambda k: (k[0] or "", k[1])):
        label = f"{context}|{msgid}" if context else msgid
        expected = placeholders(msgid)
        for locale, entries in catalogues.items():
            text = entries.get((context, msgid))
            if not text:
                found.append(f"{locale}: no translation for {label!r}")
            elif placeholders(text) != expected:
                found.append(
                    f"{locale}: placeholders {sorted(placeholders(text))} of {text!r} differ "
                    f"from {sorted(expected)} of {label!r}"
                )
    return found
