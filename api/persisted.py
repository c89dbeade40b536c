"""Automatic persisted queries, as Apollo clients speak them (issue 14, item 4).

A client sends `extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}`:

- with only the hash: the query registered under it answers; an unknown hash answers
  HTTP 200 with the error `PersistedQueryNotFound` (`PERSISTED_QUERY_NOT_FOUND`), and
  the client retries with hash and text;
- with hash and text: the hash must be the sha256 of the text as sent (a mismatch is
  refused, never answered with another document), and the text is registered in a
  bounded LRU of this process;
- another version: `PersistedQueryNotSupported` (`PERSISTED_QUERY_NOT_SUPPORTED`).

The trusted documents (schema/trusted) are registered for good under the hash of their
file text. Whether a mutation may run over GET is decided later, by the operation's
type, exactly as for a query sent in full.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from domain.i18n import translate

VERSION = 1
DEFAULT_CAPACITY = 1000
MAX_QUERY_CHARS = 64 * 1024  # the body limit bounds it too; nothing larger is kept


class PersistedQueryError(Exception):
    """A persisted-query answer that is not an execution: HTTP status, message, code."""

    def __init__(self, message: str, code: str, status: int = 200) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def digest_of(query: str) -> str:
    # surrogatepass: a lone surrogate is the screening's to refuse, not a crash here
    return hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()


class PersistedQueries:
    """Hash -> query text: the trusted documents, then an LRU of what clients sent."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self.pinned: dict[str, str] = {}
        self.recent: OrderedDict[str, str] = OrderedDict()

    def pin(self, query: str) -> None:
        self.pinned[digest_of(query)] = query

    def lookup(self, digest: str) -> str | None:
        found = self.pinned.get(digest)
        if found is not None:
            return found
        found = self.recent.get(digest)
        if found is not None:
            self.recent.move_to_end(digest)
        return found

    def register(self, digest: str, query: str) -> None:
        if digest in self.pinned or len(query) > MAX_QUERY_CHARS:
            return
        self.recent[digest] = query
        self.recent.move_to_end(digest)
        while len(self.recent) > self.capacity:
            self.recent.popitem(last=False)

    def resolve(self, query: Any, extensions: Any) -> Any:
        """The query text to run: `query` itself when no persisted query is named."""
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None:
            return query
        if not isinstance(persisted, dict) or persisted.get("version") != VERSION:
            raise PersistedQueryError("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or len(digest) != 64:
            raise PersistedQueryError(
                translate("persistedQuery.sha256Hash must be a 64-character hex sha256"),
                "BAD_REQUEST",
                status=400,
            )
        digest = digest.lower()
        if query is None or query == "":
            found = self.lookup(digest)
            if found is None:
                raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
            return found
        if not isinstance(query, str):
            return query  # the ordinary checks refuse it
        if digest_of(query) != digest:
            raise PersistedQueryError(
                translate("persistedQuery.sha256Hash is not the sha256 of the query sent"),
                "PERSISTED_QUERY_HASH_MISMATCH",
                status=400,
            )
        self.register(digest, query)
        return query
