"""Where things live: the user's box, and the data shipped with cardbox."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "CARDBOX_DB"


def data_folder() -> Path:
    """cardbox's own folder in the user data directory (``~/.local/share/cardbox`` on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("cardbox", appauthor=False)


def default_db_path() -> Path:
    """``$CARDBOX_DB`` if set, else ``cardbox.sqlite`` in `data_folder`."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return data_folder() / "cardbox.sqlite"


def data_dir() -> Path:
    """The shipped data: ``cardbox/_data`` in an installed wheel, ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent  # cardbox/
    for candidate in (here / "_data", here.parent / "data"):
        if (candidate / "industries.json").is_file():
            return candidate
    raise FileNotFoundError(f"cardbox's shipped data is missing (looked in {here / '_data'})")
