"""The worker helper: a thread job's result or error text reaches the node that started it, and
a long job's progress, stop and cancel are shared between the screen and the worker."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from cardbox.domain.errors import NotFound
from cardbox.tui.jobs import CancellableJob, alive, run_in_thread


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="node")


async def test_run_in_thread_gives_the_result_or_the_error_text_to_the_node() -> None:
    app = Host()
    got: list[tuple[str, object]] = []

    def boom() -> int:
        raise NotFound("no contact #7")

    async with app.run_test() as pilot:
        node = app.query_one("#node", Static)
        run_in_thread(
            node, lambda: 42, lambda v: got.append(("done", v)), lambda e: got.append(("failed", e))
        )
        run_in_thread(
            node,
            boom,
            lambda v: got.append(("done", v)),
            lambda e: got.append(("failed", e)),
            group="other",
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert sorted(got, key=str) == [("done", 42), ("failed", "no contact #7")]


async def test_a_stopped_job_is_cancelled_at_its_next_check_and_a_running_one_is_not() -> None:
    app = Host()
    job = CancellableJob()
    async with app.run_test():
        node = app.query_one("#node", Static)
        job.begin()
        assert job.running
        going = node.run_worker(lambda: job.cancelled()(), thread=True)
        assert await going.wait() is False
        job.stop()
        stopped = node.run_worker(lambda: job.cancelled()(), thread=True)
        assert await stopped.wait() is True
        job.end()
        assert not job.running


def test_progress_notes_every_count_and_says_the_first_at_once() -> None:
    job = CancellableJob()
    job.begin()
    said: list[int] = []
    progress = job.progress(said.append)
    progress(1)
    assert said == [1]
    progress(2)
    progress(3)
    assert job.done == 3
    job.begin()
    assert job.done == 0


async def test_a_result_for_a_node_that_is_gone_is_dropped() -> None:
    """A screen's thread worker may finish after the screen is closed (the event picker's list of
    events at 100,000 contacts, closed by ctrl+s: filling it raised NoMatches and ended the app,
    seen in bench/tui.py). `alive` runs the callback only while its node is in the app."""
    app = Host()
    got: list[str] = []
    async with app.run_test() as pilot:
        node = app.query_one("#node", Static)
        show = alive(node, got.append)
        show("while there")
        await node.remove()
        await pilot.pause()
        show("after it is gone")
    assert got == ["while there"]
