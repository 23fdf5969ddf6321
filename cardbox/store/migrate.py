"""Run the Alembic migrations in ``store/migrations`` programmatically (no alembic.ini)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.exc import OperationalError

from cardbox.domain.errors import StoreError
from cardbox.store.engine import make_engine

SCRIPTS = Path(__file__).with_name("migrations")


def config() -> Config:
    """An Alembic config pointing at cardbox's migration scripts."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    return cfg


def head() -> str:
    """The newest revision among the scripts."""
    result = ScriptDirectory.from_config(config()).get_current_head()
    assert result is not None
    return result


def upgrade(path: Path, revision: str) -> None:
    """Upgrade the file at ``path`` to ``revision`` in one transaction.

    Raises:
        StoreError: the file cannot be written (read-only, disk full); nothing was changed.
    """
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            cfg = config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except (OperationalError, sqlite3.OperationalError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError("store.no_upgrade", path=path, reason=reason) from None

    finally:
        engine.dispose()
