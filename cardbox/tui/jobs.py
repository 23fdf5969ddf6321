"""Work off the UI thread: one way to run a job in a thread worker and get its result or its
error back, and one way to pause, stop and follow a long job (import, export).

`run_in_thread` runs ``work`` in a thread worker of a screen or widget and hands the result to
``done``, or the error's text to ``failed``, as messages to that node: they run on its own
message loop, in order with its other messages, and never once it is gone (closing a screen
while its job runs is fine). `CancellableJob` holds what a long job and its screen share:
whether it runs, "pause" and "stop" asked from the screen, and progress sent at most every
50 ms (enough for a progress bar, not enough to flood the screen's messages).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from rich.text import Text
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from cardbox.domain.errors import CardboxError
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.errors import describe
from cardbox.tui.i18n import _

T = TypeVar("T")
P = ParamSpec("P")

PROGRESS_EVERY = 0.05
"""Seconds between two progress messages of a long job."""


def alive(node: MessagePump, callback: Callable[P, object]) -> Callable[P, None]:
    """``callback``, run only while ``node`` is still in the app: a screen's thread worker may
    finish after the screen was closed (a slow list at 100,000 contacts), and filling a screen
    that is gone raises and ends the app. Use: ``app.call_from_thread(alive(self, fn), ...)``."""

    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        if node.is_attached:
            callback(*args, **kwargs)

    return run


def run_in_thread(
    node: Widget,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[str], None],
    *,
    name: str = "",
    group: str = "default",
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``work`` in a thread worker of ``node``; then ``done(result)``, or ``failed(text)``
    when it raised a `CardboxError`, each on ``node``'s message loop. ``exclusive``: a job
    started again in the same group cancels the one under way."""

    def job() -> None:
        try:
            value = work()
        except CardboxError as exc:
            node.call_later(failed, describe(exc))
        else:
            node.call_later(done, value)

    return node.run_worker(job, name=name, group=group, exclusive=exclusive, thread=True)


class CancellableJob:
    """Pause, stop and progress for one long job at a time, shared by a screen and the thread
    worker that runs the job. The screen calls `begin` before starting the worker, `end` when
    its result arrives and `ask_to_stop` on escape; the worker passes `progress` and
    `cancelled` to the service (which calls them between cards)."""

    def __init__(self) -> None:
        self.running = False
        """True from `begin` to `end` (a second start is refused meanwhile)."""
        self.done = 0
        """How many items the job had done when it last said (every call, not throttled)."""
        self._stop = threading.Event()
        self._go = threading.Event()
        self._go.set()
        self._last = 0.0

    def begin(self) -> None:
        self.running = True
        self.done = 0
        self._last = 0.0
        self._stop.clear()
        self._go.set()

    def end(self) -> None:
        self.running = False
        self._go.set()

    def pause(self) -> None:
        """The job waits at its next `cancelled` (while the screen asks something)."""
        self._go.clear()

    def resume(self) -> None:
        self._go.set()

    def stop(self) -> None:
        """Stop at the next `cancelled`; what was done so far is kept (the service says how)."""
        self._stop.set()
        self._go.set()

    def progress(self, say: Callable[[int], object]) -> Callable[[int], None]:
        """A progress callback for the service: notes each count and calls ``say`` with it at
        most every `PROGRESS_EVERY` seconds (``say`` posts a message to the screen)."""

        def progressed(done: int) -> None:
            self.done = done
            now = time.monotonic()
            if now - self._last >= PROGRESS_EVERY:
                self._last = now
                say(done)

        return progressed

    def cancelled(self) -> Callable[[], bool]:
        """The cancel callback for the service, made in the worker's thread: waits while paused,
        then True once stopped or the worker is cancelled (its screen closed)."""
        worker = get_current_worker()

        def cancel() -> bool:
            self._go.wait()
            return self._stop.is_set() or worker.is_cancelled

        return cancel

    def ask_to_stop(
        self, screen: Screen[Any], question: str, then: Callable[[], None] | None = None
    ) -> None:
        """Pause the job and ask ``question``; stop it if the answer is yes (then ``then``),
        else let it go on."""
        self.pause()

        def answered(stop: bool | None) -> None:
            if stop:
                self._stop.set()
                if then is not None:
                    then()
            self.resume()

        screen.app.push_screen(Confirm(Text(question), _("Stop"), _("Go on")), answered)
