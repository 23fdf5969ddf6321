"""The SQLAlchemy engine for writes and migrations, with cardbox's pragmas and BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from cardbox.store.db import configure


def make_engine(path: Path) -> Engine:
    """An engine on ``path`` whose transactions are all ``BEGIN IMMEDIATE``.

    pysqlite's own transaction handling is switched off (``isolation_level = None``) so that the
    ``begin`` hook decides how a transaction starts (SQLAlchemy's documented SQLite recipe).
    """
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
