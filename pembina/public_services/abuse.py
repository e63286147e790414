"""Abuse resistance for the citizen-facing forms and the Open311 API.

Sliding-window throttles in Django's cache (the database cache in production, so every worker
shares the counters), keyed by the client address (behind the trusted proxies of
PEMBINA_TRUSTED_PROXY_COUNT, as for the login lockout) or by an API key; the honeypot field;
request body limits checked before Django reads the body. Limits are `PEMBINA_PUBLIC_RATES`
overrides of DEFAULT_RATES: name -> (max hits, window seconds).

The window is a list of timestamps under one cache key: two simultaneous hits may both pass (no
atomic increment across cache backends); that costs at most one extra request per race, which is
acceptable for forms a citizen submits a few times a day.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from pembina.accounts.login import client_ip as _client_ip

DEFAULT_RATES: dict[str, tuple[int, int]] = {
    "request_form": (5, 3600),  # online requests per address per hour
    "complaint_form": (5, 3600),
    "survey": (10, 3600),
    "complaint_confirm": (10, 3600),
    "track": (30, 300),  # tracking lookups per address
    "track_miss": (10, 900),  # unknown numbers: enumeration attempts
    "open311_read": (120, 60),
    "open311_write": (30, 3600),  # POSTs per address (per key: Open311ApiKey.requests_per_hour)
}

HONEYPOT_FIELD = "website"

# Request bodies: plain forms are small; the complaint form may carry three 5 MB attachments.
FORM_MAX_BYTES = 64 * 1024
UPLOAD_FORM_MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds until the oldest counted hit leaves the window


def rate(name: str) -> tuple[int, int]:
    overrides: Mapping[str, tuple[int, int]] = getattr(settings, "PEMBINA_PUBLIC_RATES", {}) or {}
    return tuple(overrides.get(name, DEFAULT_RATES[name]))  # type: ignore[return-value]


def _key(name: str, ident: str) -> str:
    # Hashed: no raw addresses or API keys as cache keys (the cache table is readable by ops).
    digest = hashlib.sha256(f"{name}|{ident}".encode()).hexdigest()[:32]
    return f"pembina:throttle:{name}:{digest}"


def _window(key: str, window: int, now: float) -> list[float]:
    stamps = cache.get(key) or []
    return [t for t in stamps if t > now - window]


def hit(name: str, ident: str, *, limit: int | None = None, window: int | None = None) -> Decision:
    """Count one hit of `ident` against the named limit; refused hits are not counted."""
    if limit is None or window is None:
        default_limit, default_window = rate(name)
        limit = default_limit if limit is None else limit
        window = default_window if window is None else window
    now = time.time()
    key = _key(name, ident)
    stamps = _window(key, window, now)
    if len(stamps) >= limit:
        return Decision(False, max(1, int(stamps[0] + window - now) + 1))
    stamps.append(now)
    cache.set(key, stamps[-limit:], window)
    return Decision(True)


def peek(name: str, ident: str) -> Decision:
    """Whether `ident` is over the named limit, without counting a hit."""
    limit, window = rate(name)
    now = time.time()
    stamps = _window(_key(name, ident), window, now)
    if len(stamps) >= limit:
        return Decision(False, max(1, int(stamps[0] + window - now) + 1))
    return Decision(True)


def client_ip(request) -> str:
    """The address throttles are keyed on (REMOTE_ADDR unless trusted proxies are configured)."""
    return _client_ip(request) or "unknown"


def throttle(request, name: str) -> Decision:
    return hit(name, client_ip(request))


def honeypot_tripped(data: Mapping) -> bool:
    """The hidden field people never see: anything in it was typed by a bot."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def body_too_large(request, limit: int) -> bool:
    """Decided from Content-Length before the body is read (Django would read it to parse)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return True
    return length > limit
