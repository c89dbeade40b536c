"""The message catalogue: gettext catalogues (Babel) for zh-CN and en, and lazy messages.

Message ids are the English source text with named placeholders (`{code}`); the
catalogues in locales/<locale>/LC_MESSAGES/credreg.po hold the zh-CN and en texts. They
are read with Babel (`read_po`) once per process, at start (`configure`) or first use,
into plain dictionaries, so there is no build step to forget and a lookup is one dict
access on the decision's hot path.

A `Message` is a `str` (its text in the default locale, so every caller that expects a
string keeps working) that remembers its id and parameters: the API boundary renders it
again in the reader's locale (`localize`). Codes never pass through here.
"""

from __future__ import annotations

import contextlib
import string
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum
from importlib import resources
from typing import Any, Protocol, runtime_checkable

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

DOMAIN = "credreg"
ZH_CN = "zh-CN"
EN = "en"
SUPPORTED_LOCALES: tuple[str, ...] = (ZH_CN, EN)
# The directory name of each locale's catalogue (gettext spells the region with "_").
_DIRECTORY = {ZH_CN: "zh_CN", EN: "en"}

_EXACT = frozenset(SUPPORTED_LOCALES)
_default_locale = ZH_CN
_CURRENT: ContextVar[str | None] = ContextVar("credreg_locale", default=None)


def supported(locale: str | None) -> str | None:
    """The supported locale a tag names (zh, zh-CN, zh_Hans, EN-us ...), else None."""
    if locale in _EXACT:
        return locale
    if not locale:
        return None
    tag = locale.strip().replace("_", "-").lower()
    if tag == "zh" or tag.startswith("zh-"):
        return ZH_CN
    if tag == "en" or tag.startswith("en-"):
        return EN
    return None


def configure(default_locale: str) -> None:
    """Set the site's language (CREDREG_LOCALE), used where a request names none."""
    global _default_locale
    found = supported(default_locale)
    if found is None:
        raise ValueError(f"unsupported locale {default_locale!r}")
    _default_locale = found
    for locale in SUPPORTED_LOCALES:  # read the catalogues now, not in a first request
        texts(locale)


def default_locale() -> str:
    return _default_locale


def current_locale() -> str:
    """The reader's locale: the request's (set by the API), else the site's."""
    return _CURRENT.get() or _default_locale


def set_current_locale(locale: str | None) -> Any:
    """Set the locale for this context (a request); returns the token to reset it."""
    return _CURRENT.set(supported(locale) if locale else None)


def reset_current_locale(token: Any) -> None:
    _CURRENT.reset(token)


@contextlib.contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    token = set_current_locale(locale)
    try:
        yield current_locale()
    finally:
        reset_current_locale(token)


# --- catalogues ---------------------------------------------------------------------


def catalogue_path(locale: str) -> Any:
    return (
        resources.files("domain.i18n")
        .joinpath("locales")
        .joinpath(_DIRECTORY[locale])
        .joinpath("LC_MESSAGES")
        .joinpath(f"{DOMAIN}.po")
    )


def read_catalogue(locale: str) -> Catalog:
    with catalogue_path(locale).open("rb") as handle:
        return read_po(handle, locale=_DIRECTORY[locale], domain=DOMAIN)


_TEXTS: dict[str, dict[tuple[str | None, str], str]] = {}


def texts(locale: str) -> dict[tuple[str | None, str], str]:
    """The translations of a supported locale by (context, id), read once per process
    (fuzzy and empty entries are not translations: the id stands in for them)."""
    found = _TEXTS.get(locale)
    if found is None:
        found = {
            (message.context, str(message.id)): str(message.string)
            for message in read_catalogue(locale)
            if message.id and message.string and not message.fuzzy
        }
        _TEXTS[locale] = found
    return found


def gettext(msgid: str, locale: str, context: str | None = None) -> str:
    """The text of `msgid` in `locale`; the id itself (English) when untranslated."""
    return texts(supported(locale) or _default_locale).get((context, msgid), msgid)


# --- rendering ----------------------------------------------------------------------


@runtime_checkable
class Localizable(Protocol):
    def render(self, locale: str) -> str: ...


def _param(value: Any, locale: str) -> Any:
    kind = type(value)
    if kind is str or kind is int:
        return value
    if kind is Term or kind is Message:
        return value.render(locale)
    if kind is date:
        return value.isoformat()
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple, set, frozenset)):
        separator = "、" if locale == ZH_CN else ", "
        return separator.join(str(_param(item, locale)) for item in value)
    if isinstance(value, Localizable):
        return value.render(locale)
    return value


def translate(
    msgid: str, locale: str | None = None, context: str | None = None, **params: Any
) -> str:
    """`msgid` in `locale` (default: the reader's) with its named placeholders filled."""
    chosen = (supported(locale) if locale else current_locale()) or _default_locale
    return _render(msgid, params, context, chosen)


def _render(msgid: str, params: dict[str, Any], context: str | None, locale: str) -> str:
    """`locale` must be a supported one; this is the decision's hot path."""
    text = (_TEXTS.get(locale) or texts(locale)).get((context, msgid), msgid)
    if not params:
        return text
    rendered = {}
    for name, value in params.items():
        kind = type(value)
        rendered[name] = value if kind is str or kind is int else _param(value, locale)
    try:
        return text.format_map(rendered)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the facts
        try:
            return msgid.format_map(_Missing(rendered))
        except (IndexError, ValueError):
            return msgid


class _Missing(dict[str, Any]):
    """Facts for a fallback rendering: a placeholder without a fact stays as it is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Message(str):
    """A translatable message with its facts: a `str` in the default locale that renders
    in any other one. Build it with `msg("Procedure {code} ...", code=...)`."""

    msgid: str
    params: dict[str, Any]
    context: str | None
    locale: str

    def __new__(
        cls, msgid: str, params: Mapping[str, Any] | None = None, context: str | None = None
    ) -> Message:
        values = params if type(params) is dict else dict(params or {})
        locale = _default_locale
        self = super().__new__(cls, _render(msgid, values, context, locale))
        self.msgid, self.params, self.context, self.locale = msgid, values, context, locale
        return self

    def render(self, locale: str) -> str:
        if locale == self.locale:
            return str.__str__(self)
        # A message is immutable: each other language is rendered once (a shared reason
        # message answers many decisions).
        renders: dict[str, str] | None = self.__dict__.get("_renders")
        if renders is None:
            renders = self.__dict__["_renders"] = {}
        text = renders.get(locale)
        if text is None:
            chosen = supported(locale) or _default_locale
            text = renders[locale] = _render(self.msgid, self.params, self.context, chosen)
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle keep the id and facts
        return (Message, (self.msgid, self.params, self.context))


def msg(msgid: str, /, **params: Any) -> Message:
    """A message for people, by its catalogue id and its facts."""
    return Message(msgid, params)


class Term:
    """A word of the field (a field name, a kind of record) translated by context,
    falling back to the text itself when the catalogue does not know it."""

    __slots__ = ("context", "text")

    def __init__(self, context: str, text: str) -> None:
        self.context, self.text = context, text

    def render(self, locale: str) -> str:
        return gettext(self.text, locale, self.context)

    def __eq__(self, other: object) -> bool:
        return type(other) is Term and (other.context, other.text) == (self.context, self.text)

    def __hash__(self) -> int:
        return hash((self.context, self.text))

    def __str__(self) -> str:
        return self.render(_default_locale)

    def __repr__(self) -> str:
        return f"Term({self.context!r}, {self.text!r})"


def term(context: str, text: str) -> Term:
    return Term(context, text)


def N_(msgid: str) -> str:
    """Marks a message id for extraction where it is used later (a table)."""
    return msgid


def NC_(context: str, msgid: str) -> str:
    """Marks a term (context, id) for extraction."""
    return msgid


def localize(value: Any, locale: str | None = None) -> str:
    """Any message in the reader's locale; plain strings (not yet in the catalogue)
    pass through unchanged."""
    if type(value) is str:  # the common case first: no protocol check on the hot path
        return value
    if isinstance(value, (Message, Localizable)):
        return value.render(locale or current_locale())
    return str(value)


def placeholders(text: str) -> set[str]:
    """The named placeholders of a message (`{code}`), for the catalogue checks."""
    names = set()
    try:
        for _literal, name, _spec, _conversion in string.Formatter().parse(text):
            if name is not None:
                names.add(name)
    except ValueError:  # an unmatched brace: never equal to a well-formed id's set
        names.add("<malformed>")
    return names
