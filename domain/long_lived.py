"""The decision cache's facts and the cyclic garbage collector.

A full collection walks every tracked object that is not frozen. The warm decision cache
holds tens of thousands of facts (40,000 privileges for the bench's sample questions),
and walking them paused every request for 17-28 ms, several times in ten seconds under
writes (each write promotes more short-lived objects, which is what triggers a full
pass). The cache's facts are plain values without cycles: the collector has nothing to
find among them, and reference counting frees them when the cache forgets them, frozen
or not. So once the cache has grown by FREEZE_EVERY objects, they are frozen: one full
collection first (cheap: everything older is frozen already), so no garbage is frozen
with them.

What a freeze can keep too long are objects of requests in flight at that moment that
later become cyclic garbage. When the cache starts afresh after it froze something,
everything is unfrozen, and the next freeze's full collection finds them: what is kept is
bounded by one cache generation. A cache that starts afresh before it froze anything
(the first request after a start moves it off its empty state) unfreezes nothing: the
start's objects, frozen by the server, stay out of the full passes. Unfreezing them there
made the first requests after every restart wait for a full pass over everything the
start built (80-120 ms).

Off unless the server turns it on (api/app.py's lifespan): a library user or a test
process keeps the collector as Python has it.
"""

from __future__ import annotations

import gc

FREEZE_EVERY = 5_000  # objects added to the cache since the last freeze


class LongLived:
    def __init__(self) -> None:
        self.enabled = False
        self.pending = 0
        self.freezes = 0
        self.holds = False  # the cache's objects were frozen since the last release

    def enable(self) -> None:
        self.enabled = True

    def disable(self) -> None:
        """The server stopped: the collector sees everything again."""
        self.enabled = False
        self.pending = 0
        self.holds = False
        gc.unfreeze()

    def grew(self, objects: int) -> None:
        """The cache now holds `objects` more facts for the long run."""
        if not self.enabled:
            return
        self.pending += objects
        if self.pending >= FREEZE_EVERY:
            self.pending = 0
            self.freezes += 1
            self.holds = True
            gc.collect()
            gc.freeze()

    def released(self) -> None:
        """The cache let go of everything. If it had frozen some of it, let the collector
        see all again, so that what the earlier freezes kept is collected at the next one,
        which comes with the next growth. If not, reference counting frees what it held
        and nothing is unfrozen."""
        if not self.enabled:
            return
        if not self.holds:
            self.pending = 0
            return
        gc.unfreeze()
        self.holds = False
        self.pending = FREEZE_EVERY


LONG_LIVED = LongLived()
