"""Small template helpers shared by every page: sortable headers, active navigation, NIP, empty values."""

from __future__ import annotations

import hashlib

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from pembina.org.rules.nip import format_nip

register = template.Library()


@register.filter
def nip(value) -> str:
    """18-digit NIP grouped as on the SK: 19850314 201001 1 001."""
    return format_nip(value) if value else "—"


@register.filter
def dash(value):
    """An em dash for empty values, so an empty cell never looks like a rendering bug."""
    if value is None or value == "":
        return "—"
    return value


@register.simple_tag(takes_context=True)
def nav_active(context, *prefixes: str) -> str:
    """'active' when the current view's name starts with one of `prefixes` (e.g. "org:employee")."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "view_name", "") or ""
    return "active" if any(name == p or name.startswith(p) for p in prefixes) else ""


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str, target: str = "") -> str:
    """A column header that toggles ?sort=key / ?sort=-key, keeping the other query parameters.

    With `target` the link also refreshes only that element through htmx (the href keeps working
    without JavaScript)."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    if current == key:
        new, icon = f"-{key}", "bi-sort-up"
    elif current == f"-{key}":
        new, icon = key, "bi-sort-down"
    else:
        new, icon = key, ""
    params["sort"] = new
    params.pop("page", None)
    url = f"{request.path}?{params.urlencode()}"
    hx = format_html(' hx-get="{}" hx-target="{}" hx-push-url="true"', url, target) if target else ""
    icon_html = format_html(' <i class="bi {}" aria-hidden="true"></i>', icon) if icon else ""
    return format_html(
        '<a href="{}"{} class="link-dark text-decoration-none" data-sort="{}" title="{}">{}{}</a>',
        url,
        hx,
        key,
        _("Urutkan"),
        label,
        icon_html,
    )


@register.simple_tag
def page_numbers(page_obj) -> list:
    """Page numbers around the current one, with Paginator.ELLIPSIS where pages are skipped."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag
def action_badge(action: str) -> str:
    return {"create": "text-bg-success", "delete": "text-bg-danger"}.get(action, "text-bg-primary")


@register.simple_tag(takes_context=True)
def nav_cache_key(context) -> str:
    """What the main menu depends on: who (user, language, the roles and units of their scope) and where
    (the current view, for the active marks). The rendered menu is cached under it (`base.html`), so a page
    does not rebuild ~50 links and ~60 translations on every request."""
    from pembina.core.fragments import scope_key

    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    parts = (
        scope_key(user) if user is not None and user.is_authenticated else None,
        translation.get_language(),
        getattr(match, "view_name", ""),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
