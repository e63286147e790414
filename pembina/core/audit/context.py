"""Who is acting, from where: the context every audit entry records.

The web middleware, the API, imports, jobs and management commands each open a context; code that
writes data never passes the actor to the audit layer by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any


class Source:
    WEB = "web"
    API = "api"
    IMPORT = "import"
    JOB = "job"
    COMMAND = "command"
    SYSTEM = "system"


@dataclass(frozen=True)
class AuditContext:
    source: str = Source.SYSTEM
    request_id: str = ""
    user: Any = None  # a User, or a request whose .user is read late (DRF authenticates inside the view)
    request: Any = None
    label: str = ""  # who acts when no user does, e.g. "perintah demo"

    def actor(self) -> Any:
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None


_current: ContextVar[AuditContext] = ContextVar("pembina_audit_context", default=AuditContext())
_suppressed: ContextVar[bool] = ContextVar("pembina_audit_suppressed", default=False)


def current() -> AuditContext:
    return _current.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def audit_context(
    *,
    source: str | None = None,
    user: Any = None,
    request: Any = None,
    request_id: str | None = None,
    label: str | None = None,
) -> Iterator[AuditContext]:
    base = _current.get()
    ctx = replace(
        base,
        source=source or base.source,
        label=label if label is not None else base.label,
        user=user if user is not None else base.user,
        request=request if request is not None else base.request,
        request_id=request_id or base.request_id or new_request_id(),
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def set_source(source: str) -> None:
    """Switch the source of the current context (the API marks its requests as `api`)."""
    _current.set(replace(_current.get(), source=source))


@contextmanager
def suppressed() -> Iterator[None]:
    """Only for writes the caller records itself in bulk (see `record_bulk`)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def is_suppressed() -> bool:
    return _suppressed.get()
