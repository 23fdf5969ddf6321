"""The domain: frozen values and pure rules. No SQL, no vobject, no textual."""

from cardbox.domain.errors import CardboxError, InvalidInput, NotFound
from cardbox.domain.model import (
    Address,
    Contact,
    Email,
    Event,
    Industry,
    Meeting,
    Phone,
    Photo,
    Url,
)

__all__ = [
    "Address",
    "CardboxError",
    "Contact",
    "Email",
    "Event",
    "Industry",
    "InvalidInput",
    "Meeting",
    "NotFound",
    "Phone",
    "Photo",
    "Url",
]
