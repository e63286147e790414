"""Contract-test helpers for /api/v1/: token clients, who-sees-what matrices, query-count checks.

A matrix row says, for one role, what each target object looks like through an endpoint:
`SEEN` (in the list, detail 200), `HIDDEN` (absent from the list, detail 404) or a status code the
whole endpoint answers with (401 anonymous, 403 role not allowed). Every mismatch of a row is
reported at once, so a failing run shows the whole broken corner of the matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

ANONYMOUS = "anonymous"
SEEN = "seen"
HIDDEN = "hidden"

# A page large enough that every object of a test fixture is on page one.
BIG_PAGE = {"page_size": 500}


def module_db_fixture(builder: Callable[[], Any]):
    """A module-scoped fixture whose rows live in one outer transaction, rolled back at the end.

    Each test still runs in its own savepoint (pytest-django's `db`), so tests stay isolated while
    the (slow) fixture world is built once per module instead of once per test."""

    @pytest.fixture(scope="module")
    def _fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield builder()
            transaction.set_rollback(True)

    return _fixture


def token_client(user=None, **headers: str) -> APIClient:
    """An API client authenticated by the user's token (anonymous when `user` is None)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", **headers)
    elif headers:
        client.credentials(**headers)
    return client


def result_ids(response) -> set[int]:
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return {row["id"] for row in rows}


class Problems:
    """Collects mismatches of one matrix row and fails once with all of them."""

    def __init__(self, label: str):
        self.label = label
        self.items: list[str] = []

    def expect(self, ok: bool, message: str) -> None:
        if not ok:
            self.items.append(message)

    def check(self) -> None:
        if self.items:
            pytest.fail(f"{self.label}:\n  " + "\n  ".join(self.items))


def check_visibility(
    client: APIClient,
    *,
    list_url: str | None,
    detail_urls: Callable[[int], Iterable[str]],
    targets: Mapping[str, int],
    expected: Mapping[str, Any],
    label: str,
    list_params: Mapping[str, Any] | None = None,
) -> None:
    """One matrix row: for each target, its presence in `list_url` and the status of its detail URLs."""
    problems = Problems(label)
    if set(expected) != set(targets):
        pytest.fail(f"{label}: matrix row names {sorted(expected)}, targets are {sorted(targets)}")
    listed: set[int] | None = None
    list_status = None
    if list_url is not None:
        response = client.get(list_url, {**BIG_PAGE, **(list_params or {})})
        list_status = response.status_code
        listed = result_ids(response) if response.status_code == 200 else None
    for name, pk in targets.items():
        want = expected[name]
        if isinstance(want, int):
            if list_url is not None:
                problems.expect(list_status == want, f"list → {list_status}, expected {want} ({name})")
            for url in detail_urls(pk):
                status = client.get(url).status_code
                problems.expect(status == want, f"{url} → {status}, expected {want} ({name})")
            continue
        seen = want == SEEN
        if list_url is not None:
            if listed is None:
                problems.expect(False, f"list → {list_status}, expected 200 ({name})")
            else:
                problems.expect((pk in listed) == seen, f"list {'lacks' if seen else 'shows'} {name} #{pk}")
        for url in detail_urls(pk):
            status = client.get(url).status_code
            want_status = 200 if seen else 404
            problems.expect(status == want_status, f"{url} → {status}, expected {want_status} ({name})")
    problems.check()


def check_writes(
    label: str,
    attempts: Mapping[str, tuple[Callable[[], Any], int]],
) -> None:
    """One matrix row of writes: {target: (call returning a response, expected status)}."""
    problems = Problems(label)
    for name, (call, want) in attempts.items():
        response = call()
        body = ""
        if response.status_code != want:
            body = f" {response.content[:300]!r}"
        problems.expect(
            response.status_code == want, f"{name} → {response.status_code}, expected {want}{body}"
        )
    problems.check()


def count_queries(call: Callable[[], Any]) -> tuple[int, Any]:
    """(number of SQL queries `call` ran, its result)."""
    with CaptureQueriesContext(connection) as ctx:
        result = call()
    return len(ctx.captured_queries), result


def queries_of(call: Callable[[], Any]) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return [q["sql"] for q in ctx.captured_queries]


def api_operations(urlconf: str, *, skip: Iterable[str] = ()) -> set[tuple[str, str]]:
    """Every (url name, http method) an app's API urlconf routes (e.g. "pembina.org.api.urls"), so
    the app's permission matrix can prove it covers all of them."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: set[tuple[str, str]] = set()

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name and p.name not in skip:
                actions = getattr(p.callback, "actions", None)  # router-made viewset views
                if actions is None:
                    view_class = getattr(p.callback, "cls", None)
                    actions = {
                        m: m for m in ("get", "post", "put", "patch", "delete") if hasattr(view_class, m)
                    }
                # DRF adds "head" to a viewset's actions on its first GET: ignore it (and "options").
                found.update((p.name, m) for m in actions if m not in ("head", "options"))

    walk(get_resolver(urlconf).url_patterns)
    return found
