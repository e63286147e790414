"""Template helpers of the performance pages: the unread-notification count for the navigation."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """One COUNT query per page, cached on the request so several uses cost nothing more."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_pembina_unread", None)
    if cached is None:
        from pembina.performance.selectors import notification_unread_count

        cached = notification_unread_count(actor=user)
        request._pembina_unread = cached
    return cached


@register.filter
def num(value) -> str:
    """A target or realised value as people write it: no trailing zeros, local decimal comma (92,5)."""
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return formats.number_format(d, use_l10n=True)
