"""Filter forms of the evaluation lists; their cleaned values go to the scoped selectors as `filters`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pembina.evaluation.choices import AppealStatus, EvaluationKind, EvaluationStatus, Predicate


def _all(choices, label):
    return [("", label), *choices]


class FilterForm(forms.Form):
    """Bootstrap widgets; `filters()` drops empty values (an invalid form filters nothing out)."""

    def __init__(self, data=None, **kwargs):
        super().__init__(data or None, **kwargs)
        for name, field in self.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if name == "q":
                field.widget.input_type = "search"
                field.widget.attrs.setdefault("autocomplete", "off")

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class EvaluationFilter(FilterForm):
    """year and OPD choices come from the view (the actor's years and OPDs)."""

    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=_all(EvaluationKind.choices, _("Semua jenis"))
    )
    period = forms.TypedChoiceField(label=_("Periode"), required=False, coerce=int, empty_value=None)
    opd = forms.TypedChoiceField(label=_("OPD"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(EvaluationStatus.choices, _("Semua status"))
    )
    predicate = forms.ChoiceField(
        label=_("Predikat"), required=False, choices=_all(Predicate.choices, _("Semua predikat"))
    )

    def __init__(self, data=None, *, years=(), periods=(), opds=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = _all([(y.pk, y.year) for y in years], _("Semua tahun"))
        self.fields["period"].choices = _all(
            [(p.pk, f"{p.label} {p.year.year}") for p in periods], _("Semua periode")
        )
        self.fields["opd"].choices = _all([(u.pk, u.short_name or u.name) for u in opds], _("Semua OPD"))
        self._opds = {u.pk: u for u in opds}

    def filters(self) -> dict:
        out = super().filters()
        if "opd" in out:
            out["opd"] = self._opds[out["opd"]]  # the Unit: the selector filters its subtree by path
        return out


class AppealFilter(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_all(AppealStatus.choices, _("Semua status"))
    )
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = _all([(y.pk, y.year) for y in years], _("Semua tahun"))
