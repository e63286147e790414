"""Contract checks every server-rendered view must pass (NetBox/Saleor style permission matrix).

A `ViewContract` names a view, how to build its URL for an object in and out of the actor's scope,
and the status each role must get. `check_view_contract` then asserts, for the anonymous visitor
and every role: anonymous → redirect to the login page; role × in/out of scope → 200 or 404
(out of scope is 404, never 403, so existence never leaks). All mismatches are reported at once
as a table, so one run shows the whole matrix.

    CONTRACTS = [
        ViewContract(
            "org:employee_detail",
            url_in=lambda city, role: reverse("org:employee_detail", args=[city.people["staff_a"].pk]),
            url_out=lambda city, role: reverse("org:employee_detail", args=[city.people["staff_b"].pk]),
            expected={"pegawai": SCOPED, "auditor": ALL, ...},
        ),
    ]

    @pytest.mark.parametrize("contract", CONTRACTS, ids=str)
    def test_permission_matrix(contract, city, client, login):
        check_view_contract(contract, client=client, login=login, city=city, roles=ROLE_KEYS)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

ANONYMOUS = "anonymous"
LOGIN = "login"  # expected outcome: redirect to the login page


@dataclass(frozen=True)
class Access:
    """Expected status for an object in the actor's scope, out of it, and in another instansi."""

    in_scope: int
    out_of_scope: int
    foreign: int = 404

    def for_target(self, target: str) -> int:
        return {"in": self.in_scope, "out": self.out_of_scope, "foreign": self.foreign}[target]


ALL = Access(200, 200)  # everyone with the role sees both (read-all roles, or views without objects)
SCOPED = Access(200, 404)  # only what is in the actor's scope
NONE = Access(404, 404)  # the role may not use the view at all

UrlBuilder = Callable[[Any, str], str]  # (city, role key) → URL


@dataclass
class ViewContract:
    url_name: str
    url_in: UrlBuilder
    expected: dict[str, Access]
    url_out: UrlBuilder | None = None  # defaults to url_in (views without an object)
    url_foreign: UrlBuilder | None = None  # an object of another instansi: 404 for every role
    method: str = "get"
    data: dict | Callable[[Any], dict] | None = None
    htmx: bool = False
    extra: dict = field(default_factory=dict)

    def __str__(self) -> str:
        suffix = "-htmx" if self.htmx else ""
        return f"{self.url_name}[{self.method}{suffix}]"

    def targets(self) -> list[tuple[str, UrlBuilder]]:
        result = [("in", self.url_in), ("out", self.url_out or self.url_in)]
        if self.url_foreign is not None:
            result.append(("foreign", self.url_foreign))
        return result


def is_login_redirect(response, url: str) -> bool:
    if response.status_code != 302:
        return False
    location = urlsplit(response["Location"])
    return location.path == resolve_url(settings.LOGIN_URL) and "next=" in location.query


def _request(client, contract: ViewContract, url: str, city):
    data = contract.data(city) if callable(contract.data) else contract.data
    headers = {"HX-Request": "true"} if contract.htmx else {}
    return getattr(client, contract.method)(url, data=data or {}, headers=headers)


def check_view_contract(contract: ViewContract, *, client, login, city, roles: Iterable[str]) -> None:
    """Assert the whole matrix for one view; every role key must have an expectation."""
    roles = list(roles)
    missing = [r for r in roles if r not in contract.expected]
    assert not missing, f"{contract}: no expectation for roles {missing}"
    failures: list[str] = []
    for target, build in contract.targets():
        client.logout()
        url = build(city, ANONYMOUS)
        response = _request(client, contract, url, city)
        if not is_login_redirect(response, url):
            failures.append(
                f"{ANONYMOUS:<16} {target:<8} {url}: expected login redirect, got {response.status_code}"
            )
    for role in roles:
        login(city.users[role])
        for target, build in contract.targets():
            url = build(city, role)
            want = contract.expected[role].for_target(target)
            response = _request(client, contract, url, city)
            if response.status_code != want:
                failures.append(f"{role:<16} {target:<8} {url}: expected {want}, got {response.status_code}")
    client.logout()
    assert not failures, f"{contract} permission matrix:\n" + "\n".join(failures)


def url_names_of(urlconf_module: str, view_modules: Iterable[str]) -> set[str]:
    """Namespaced URL names served by views defined in `view_modules` (to prove every view is covered)."""
    modules = set(view_modules)
    resolver = get_resolver(urlconf_module)
    found: set[str] = set()

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                view = getattr(p.callback, "view_class", p.callback)
                if view.__module__ in modules:
                    found.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(resolver.url_patterns, getattr(resolver.urlconf_module, "app_name", None))
    return found


def assert_contracts_cover(
    contracts: Iterable[ViewContract],
    *,
    urlconf: str,
    view_modules: Iterable[str],
    public: Iterable[str] = (),
) -> None:
    """Fail when a view in `view_modules` has no contract: a new page cannot skip the matrix.

    `public` lists URL names that are open to anonymous visitors on purpose (e.g. the health check)."""
    covered = {c.url_name for c in contracts} | set(public)
    missing = url_names_of(urlconf, view_modules) - covered
    assert not missing, f"views without a permission contract: {sorted(missing)}"


def module_city_fixture(builder: Callable[[], Any], *, name: str = "city"):
    """A module-scoped fixture building `builder()` once inside a transaction rolled back at the end.

    Each test still runs in its own savepoint (pytest-django's `db`), so tests stay isolated while
    the city is built once per module instead of once per test. Named `city` by default, it
    overrides conftest's per-test `city` in the module that assigns it (do not mix the two)."""

    @pytest.fixture(scope="module", name=name)
    def _fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield builder()
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return _fixture
