"""Forms of the org pages; they validate input and hand it to `org.services`, never saving models themselves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE
from pembina.org import selectors
from pembina.org.choices import AssignmentKind, AssignmentReason


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        head = " ★" if obj.is_head else ""
        return f"{obj.name}{head} — {obj.unit.name}"


class EmployeeAssignForm(forms.Form):
    """Mutasi, promosi, rotasi or Plt/Plh of one employee (calls `org.services.employee_assign`)."""

    position = PositionChoiceField(
        queryset=None,
        label=_("Jabatan tujuan"),
        help_text=_("Hanya jabatan pada unit yang boleh Anda ubah. ★ = kepala unit."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=AssignmentKind.choices,
        initial=AssignmentKind.DEFINITIVE,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.ChoiceField(
        label=_("Alasan"),
        choices=AssignmentReason.choices,
        initial=AssignmentReason.TRANSFER,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    start_date = forms.DateField(label=_("TMT mulai"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Sampai"), required=False, widget=DateInput(), help_text=_("Kosongkan bila belum berakhir.")
    )
    decree_number = forms.CharField(
        label=_("Nomor SK"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    decree_date = forms.DateField(label=_("Tanggal SK"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Catatan"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = (
            selectors.position_list(actor=actor, action=CHANGE)
            .filter(is_active=True)
            .order_by("unit__path", "-is_head", "name")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai harus sama dengan atau sesudah TMT mulai."))
        return data

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                if "is-invalid" not in css:
                    widget.attrs["class"] = f"{css} is-invalid".strip()

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)

    def add_application_error(self, exc: ApplicationError) -> None:
        """Show a service's refusal next to the field it names (or above the form)."""
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)
