"""Keys handled one at a time, in the order they were typed.

Textual hands each key to the focused widget's message queue and returns at once. A key the
widget does not handle itself (backspace, tab, enter: anything bound to an action) then bubbles
up through its parents' queues to the app, while the printable keys typed after it are already
being inserted by the widget. Under a burst (an IME committing a word, a paste, key repeat) the
later text overtook the earlier key: "佐藤", two backspaces and "田中" gave "佐田"; text typed
after tab landed in the field being left; keys typed right after a key that opens a screen went
to the screen underneath.

`OrderedKeys` makes the app take the next key only when the previous one is finished: it has
been handled by the focused widget and by each parent it bubbled to (as have the messages its
action posted on that path), and the screen on top then
(a new one, when the key opened it) has processed what was queued for it, such as its mounting
and focusing. A screen that is opened later, by a worker, can hold the keys until it is shown
(`hold_keys` / `release_keys`). A probe follows each key through the queues; a queue that was
closed meanwhile (a dialog dismissed by that key) is skipped, so keys are never stuck.
"""

from __future__ import annotations

import time
from collections import deque

from textual import events
from textual._time import get_time
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump

WATCH = 0.1
"""Seconds between checks that the queue holding a key's probe is still open."""
GIVE_UP = 5.0
"""Seconds after which a key that never finished lets the next one through."""


class OrderedKeys(App[None]):
    """An app that handles keys strictly one after another (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: deque[events.Key] = deque()
        self._in_flight = False
        self._holds = 0
        self._held_since = 0.0
        self._probe_at: MessagePump | None = None
        self._probe_top = False
        self._probe_path: list[MessagePump] = []
        self._started = 0.0
        self._key_serial = 0
        self._drop_before = 0.0
        self.dropped = 0
        """Keys typed ahead and dropped (see `drop_typed_ahead`), since the app started."""

    def on_mount(self) -> None:
        self.set_interval(WATCH, self._check_probe, name="ordered keys")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.time <= self._drop_before:
                self.dropped += 1
                return
            self._keys.append(event)
            await self._next_key()
            return
        await super().on_event(event)

    @property
    def keys_pending(self) -> bool:
        """True while a key is being handled or waits its turn."""
        return self._in_flight or bool(self._keys)

    def drop_typed_ahead(self) -> None:
        """Forget the keys typed until now that wait their turn (typed ahead, before the
        person could see what the last key did); `dropped` counts them."""
        self._drop_before = get_time()
        self.dropped += len(self._keys)
        self._keys.clear()

    # -- holding keys while a screen opens ----------------------------------------------------

    def hold_keys(self) -> None:
        """Keep keys typed from now on until `release_keys` (a screen is being prepared)."""
        if not self._holds:
            self._held_since = time.monotonic()
        self._holds += 1

    def release_keys(self) -> None:
        """Let held keys through (to the screen that is now on top)."""
        self._holds = max(0, self._holds - 1)
        if not self._holds and self.screen_stack:
            # Through the top screen's queue: after it has been composed and has taken focus.
            self.screen.call_later(self.call_later, self._next_key)

    # -- one key at a time --------------------------------------------------------------------

    async def _next_key(self) -> None:
        if self._in_flight or self._holds or not self._keys:
            return
        event = self._keys.popleft()
        self._in_flight = True
        self._key_serial += 1
        self._started = time.monotonic()
        target: MessagePump = self.focused or self.screen
        path: list[MessagePump] = []
        node: MessagePump | None = target
        while node is not None and node is not self:
            path.append(node)
            node = node._parent
        path.append(self)
        # Twice: messages the key's action posted (an input's Submitted, a Changed) bubble
        # through the same queues after the first pass.
        self._probe_path = path + path
        self._probe_top = False
        await super().on_event(event)
        self._probe(self._key_serial)

    def _probe(self, serial: int) -> None:
        """Follow the key: run after it in each queue it may be in, then in the top screen's."""
        if serial != self._key_serial or not self._in_flight:
            return
        while self._probe_path:
            pump = self._probe_path.pop(0)
            if pump.call_later(self._probe, serial):
                self._probe_at = pump
                return
        if not self._probe_top and self.screen_stack:
            self._probe_top = True
            screen = self.screen
            if screen.call_later(self._probe, serial):
                self._probe_at = screen
                return
        self._key_done()

    def _key_done(self) -> None:
        self._in_flight = False
        self._probe_at = None
        self._probe_path = []
        if self._keys:
            self.call_later(self._next_key)

    def _check_probe(self) -> None:
        """Move on when the queue holding the probe was closed, or the key took far too long."""
        now = time.monotonic()
        if self._holds and now - self._held_since > GIVE_UP:
            self._holds = 0
        if not self._in_flight:
            if self._keys and not self._holds:
                self.call_later(self._next_key)
            return
        pump = self._probe_at
        if pump is not None and (pump._closing or pump._closed):
            self._probe(self._key_serial)
        elif now - self._started > GIVE_UP:
            self._key_done()


def hold(node: DOMNode) -> None:
    """Hold the keys of ``node``'s app (when it orders its keys)."""
    if isinstance(node.app, OrderedKeys):
        node.app.hold_keys()


def release(node: DOMNode) -> None:
    """Let the keys held with `hold` through."""
    if isinstance(node.app, OrderedKeys):
        node.app.release_keys()


def drop_typed_ahead(node: DOMNode) -> None:
    """Forget the keys typed ahead in ``node``'s app."""
    if isinstance(node.app, OrderedKeys):
        node.app.drop_typed_ahead()


def dropped(node: DOMNode) -> int:
    """How many keys typed ahead ``node``'s app has dropped so far."""
    return node.app.dropped if isinstance(node.app, OrderedKeys) else 0
