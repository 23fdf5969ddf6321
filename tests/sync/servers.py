"""Radicale and Xandikos on 127.0.0.1, on a free port, in a folder of the test's own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    """A running server: its kind, its root URL, and the address book's URL."""

    kind: str
    root: str
    book: str


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            httpx.request("OPTIONS", url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')[-2000:]}")


@contextmanager
def running(kind: str, folder: Path) -> Iterator[Server]:
    """Start ``kind`` (``radicale`` or ``xandikos``) on a free loopback port; stop it after."""
    port = free_port()
    root = f"http://{HOST}:{port}/"
    data = folder / f"{kind}-data"
    data.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(folder), "XDG_CONFIG_HOME": str(folder / "config")}
    if kind == "radicale":
        args = [
            sys.executable, "-m", "radicale",
            "--config", "",
            "--server-hosts", f"{HOST}:{port}",
            "--auth-type", "none",
            "--storage-filesystem-folder", str(data),
            "--logging-level", "warning",
        ]  # fmt: skip
        book = f"{root}user/contacts/"
    else:
        args = [
            sys.executable, "-m", "xandikos", "serve",
            "-d", str(data),
            "--state-dir", str(folder / "xandikos-state"),
            "--defaults",
            "-l", HOST,
            "-p", str(port),
            "--no-detect-systemd",
        ]  # fmt: skip
        book = f"{root}user/contacts/addressbook/"
    log = folder / f"{kind}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait(root, proc, log)
        if kind == "radicale":
            from cardbox.sync.dav import Client

            with Client(root, "user", "secret") as client:
                client.make_addressbook(book)
        yield Server(kind, root, book)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
