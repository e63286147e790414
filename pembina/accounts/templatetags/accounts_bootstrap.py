"""Renders Django form widgets with Bootstrap 5 classes (used by the allauth element templates)."""

from django import forms, template

register = template.Library()

_NO_CONTROL = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.filter
def bs_widget(bound_field):
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, _NO_CONTROL):
        css = ""
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": " ".join(c for c in (widget.attrs.get("class", ""), css) if c)}
    if bound_field.name == "code":  # TOTP and recovery codes are digits: numeric keypad on phones
        attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True})
    return bound_field.as_widget(attrs=attrs)
