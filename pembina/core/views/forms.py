"""Forms of the core pages (the auditor's filter)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pembina.core.models.audit import AuditAction, AuditSource


def audited_object_types() -> list[tuple[str, str]]:
    from pembina.core.models import AuditedModel

    types = [
        (m._meta.label_lower, f"{capfirst(m._meta.verbose_name)} ({m._meta.label_lower})")
        for m in apps.get_models()
        if issubclass(m, AuditedModel) or getattr(m, "audit_enabled", False)
    ]
    return sorted(types, key=lambda t: t[1])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(attrs={"class": "form-control"}, format="%Y-%m-%d")


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(label=_("Jenis objek"), required=False)
    object_id = forms.CharField(label=_("ID objek"), required=False, max_length=64)
    action = forms.ChoiceField(label=_("Aksi"), required=False)
    source = forms.ChoiceField(label=_("Sumber"), required=False)
    actor = forms.CharField(label=_("Pelaku"), required=False, max_length=200)
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())
    request_id = forms.CharField(label=_("ID permintaan"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["object_type"].choices = everything + audited_object_types()
        self.fields["action"].choices = everything + list(AuditAction.choices)
        self.fields["source"].choices = everything + list(AuditSource.choices)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Tanggal akhir harus sama dengan atau sesudah tanggal awal."))
        return data
