"""A contact as JSON-ready data and back: for undo snapshots (and anything else that needs it)."""

from __future__ import annotations

import base64
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url


def to_data(c: Contact) -> dict[str, Any]:
    """Plain data (str, int, bool, list, dict, None) holding all of ``c``."""
    out: dict[str, Any] = {}
    for f in fields(Contact):
        value = getattr(c, f.name)
        if f.name == "photo":
            out[f.name] = (
                None
                if value is None
                else {"mime": value.mime, "data": base64.b64encode(value.data).decode("ascii")}
            )
        elif isinstance(value, datetime):
            out[f.name] = value.isoformat()
        elif isinstance(value, tuple):
            out[f.name] = [asdict(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        else:
            out[f.name] = value
    return out


def from_data(data: dict[str, Any]) -> Contact:
    """The contact `to_data` described."""
    kinds = {
        "phones": Phone,
        "emails": Email,
        "addresses": Address,
        "urls": Url,
        "meetings": Meeting,
    }
    values: dict[str, Any] = {}
    for f in fields(Contact):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in kinds:
            value = tuple(kinds[f.name](**v) for v in value)
        elif f.name in ("industries", "tags"):
            value = tuple(value)
        elif f.name == "photo" and value is not None:
            value = Photo(data=base64.b64decode(value["data"]), mime=value["mime"])
        elif f.name in ("created", "updated", "deleted") and value is not None:
            value = datetime.fromisoformat(value)
        values[f.name] = value
    return Contact(**values)
