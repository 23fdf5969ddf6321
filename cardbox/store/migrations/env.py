"""Alembic environment: runs on the connection cardbox hands over (see ``store/migrate.py``)."""

from alembic import context
from sqlmodel import SQLModel

import cardbox.store.tables  # noqa: F401  (fills the metadata)

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by hand
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///autogen.sqlite"
    connection = create_engine(url).connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
