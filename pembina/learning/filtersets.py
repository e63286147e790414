"""Filter forms of the learning lists; their cleaned values go to the scoped selectors as `filters`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pembina.learning.choices import (
    ActivityKind,
    Channel,
    Difficulty,
    EnrolmentStatus,
    EventStatus,
    PlanStatus,
    ProgrammeCategory,
    ScenarioStatus,
)


def _all(choices, label):
    return [("", label), *choices]


class FilterForm(forms.Form):
    """Bootstrap widgets; `filters()` drops empty values (an invalid form filters nothing out)."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data or None, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")
            if name == "q":
                field.widget.input_type = "search"
                field.widget.attrs.setdefault("autocomplete", "off")

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ProgrammeFilter(FilterForm):
    q = forms.CharField(label=_("Cari program"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=_all(ProgrammeCategory.choices, _("Semua kategori"))
    )
    kind = forms.ChoiceField(
        label=_("Bentuk"), required=False, choices=_all(ActivityKind.choices, _("Semua bentuk"))
    )


class EventFilter(FilterForm):
    q = forms.CharField(label=_("Cari pelatihan"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=_all(ProgrammeCategory.choices, _("Semua kategori"))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(EventStatus.choices, _("Semua status"))
    )
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    upcoming = forms.BooleanField(label=_("Belum berakhir"), required=False)


class PlanFilter(FilterForm):
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(PlanStatus.choices, _("Semua status"))
    )


class EnrolmentFilter(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(EnrolmentStatus.choices, _("Semua status"))
    )
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)


class ScenarioFilter(FilterForm):
    q = forms.CharField(label=_("Cari skenario"), required=False, max_length=100)
    difficulty = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=_all(Difficulty.choices, _("Semua tingkat"))
    )
    channel = forms.ChoiceField(
        label=_("Kanal"), required=False, choices=_all(Channel.choices, _("Semua kanal"))
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(ScenarioStatus.choices, _("Semua status"))
    )

    def __init__(self, data=None, *, author=False, **kwargs):
        super().__init__(data, **kwargs)
        if not author:
            del self.fields["status"]
