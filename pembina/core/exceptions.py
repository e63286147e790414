"""Domain errors raised by services; interfaces turn them into messages (UI) or 400s (API)."""

from typing import Any


class ApplicationError(Exception):
    """A rule was broken; `message` is shown to the user (Indonesian, via gettext)."""

    def __init__(self, message: str, *, field: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}
