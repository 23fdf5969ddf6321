"""Persistence: the only package that imports SQLModel, SQLAlchemy or Alembic.

`Store` is its whole public face; it never hands out an ORM object.
"""

from cardbox.store.db import CardConflict
from cardbox.store.read import ImportFailure, ImportRun
from cardbox.store.search import Hits
from cardbox.store.store import Store

__all__ = ["CardConflict", "Hits", "ImportFailure", "ImportRun", "Store"]
