"""Template helpers of the public portal: figures shown as "—" when suppressed (k-rule)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

from pembina.public_services.rules import skm

register = template.Library()


@register.filter
def fig(value, kind: str = "int"):
    """A public figure: `int`, `days` (1 decimal), `pct` (1 decimal + %) or `ikm` (2 decimals);
    None (fewer than 5 cases or no data) becomes a marked dash."""
    if value is None:
        return format_html(
            '<span class="fig-suppressed" title="{}">—<span class="visually-hidden"> ({})</span></span>',
            _("kurang dari 5 kasus"),
            _("kurang dari 5 kasus"),
        )
    if kind == "pct":
        return f"{floatformat(value, 1)}%"
    if kind == "days":
        return floatformat(value, 1)
    if kind == "ikm":
        return floatformat(value, 2)
    if kind == "nrr":
        return floatformat(value, 2)
    if isinstance(value, (int, Decimal)):
        return floatformat(value, "0g")
    return value


@register.filter
def grade_label(grade):
    return skm.GRADE_LABELS.get(grade or "", "")


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)
