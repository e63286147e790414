"""Rendered fragments of heavy pages (the cascade tree, OPD progress, the 20 JP dashboards), cached until
anything audited changes.

Every write of domain data lands on the hash-chained audit trail, so the chain head's hash is a
complete change signal: the key holds it together with the actor's scope, the page parameters, the
language and today's date (progress depends on which periods have ended). A write anywhere makes
the next render recompute; repeated renders of an unchanged OPD cost two cache-side queries.
The head is read before the data, so a write racing the render can only make the cached copy newer
than its key, never older.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from pembina.core.scoping import get_scope

TIMEOUT = 15 * 60
log = logging.getLogger(__name__)


def _audit_head() -> str:
    from pembina.core.models import AuditChainHead

    return AuditChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first() or ""


def scope_key(actor) -> list:
    """Everything of an actor's scope that decides what they may see, in a stable order (for cache keys)."""
    s = get_scope(actor)
    return [
        s.user_id,
        s.instansi_id,
        s.employee_id,
        sorted(s.roles),
        s.read_all,
        s.write_all,
        s.can_audit,
        sorted(s.admin_unit_paths),
        sorted(s.team_unit_paths),
        sorted(s.led_unit_paths),
        sorted(s.supervised_employee_ids),
    ]


def fragment_key(request, name: str, params: dict) -> str:
    raw = json.dumps(
        [
            name,
            sorted((k, str(v)) for k, v in params.items()),
            scope_key(request.user),
            get_language(),
            timezone.localdate().isoformat(),
            _audit_head(),
        ]
    )
    return "pembina:performance:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_fragment(request, name: str, params: dict, build: Callable[[], str]) -> str:
    """The fragment for `params` from the cache, or `build()` it (an Http404 inside is not cached)."""
    key = fragment_key(request, name, params)
    try:
        html = cache.get(key)
    except Exception:  # a cache that is down (or a missing cache table) only costs speed
        log.warning("page fragment cache unavailable", exc_info=True)
        return build()
    if html is None:
        html = build()
        try:
            cache.set(key, html, TIMEOUT)
        except Exception:
            log.warning("page fragment cache unavailable", exc_info=True)
    return html
