"""Filter forms of the plan list and the indicator library; values go to the scoped selectors."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pembina.org.models import Unit
from pembina.performance import selectors
from pembina.performance.choices import Direction, PlanStatus, Sector
from pembina.performance.models import IndicatorTemplate, PerformancePlan, PerformanceYear


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau NIP"))
    year = django_filters.ModelChoiceFilter(
        queryset=PerformanceYear.objects.none(), label=_("Tahun"), empty_label=_("Semua tahun")
    )
    opd = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), label=_("OPD"), empty_label=_("Semua OPD")
    )
    status = django_filters.ChoiceFilter(
        choices=PlanStatus.choices, label=_("Status"), empty_label=_("Semua status")
    )

    class Meta:
        model = PerformancePlan
        fields: list[str] = []

    def __init__(self, data=None, *, actor, opds, **kwargs):
        self.actor = actor
        super().__init__(data, queryset=PerformancePlan.objects.none(), **kwargs)
        self.filters["year"].queryset = selectors.performance_year_list(actor=actor)
        self.filters["year"].field.label_from_instance = lambda y: str(y.year)
        self.filters["opd"].queryset = opds
        for name, field in self.form.fields.items():
            field.widget.attrs.setdefault("class", "form-control" if name == "q" else "form-select")
        self.form.fields["q"].widget.input_type = "search"
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": _("Nama atau awalan NIP"), "autocomplete": "off"}
        )

    @property
    def qs(self) -> QuerySet[PerformancePlan]:
        if not hasattr(self, "_qs"):
            if self.is_bound and not self.form.is_valid():
                self._qs = PerformancePlan.objects.none()
            else:
                data = self.form.cleaned_data if self.is_bound else {}
                filters = {k: v for k, v in data.items() if v not in (None, "")}
                self._qs = selectors.plan_list(actor=self.actor, filters=filters)
        return self._qs


class LibraryFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari indikator"))
    sector = django_filters.ChoiceFilter(
        choices=Sector.choices, label=_("Sektor"), empty_label=_("Semua sektor")
    )
    direction = django_filters.ChoiceFilter(
        choices=Direction.choices, label=_("Arah"), empty_label=_("Semua arah")
    )

    class Meta:
        model = IndicatorTemplate
        fields: list[str] = []

    def __init__(self, data=None, *, actor, **kwargs):
        self.actor = actor
        super().__init__(data, queryset=IndicatorTemplate.objects.none(), **kwargs)
        for name, field in self.form.fields.items():
            field.widget.attrs.setdefault("class", "form-control" if name == "q" else "form-select")
        self.form.fields["q"].widget.input_type = "search"
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": _("mis. imunisasi, KTP-el"), "autocomplete": "off"}
        )

    @property
    def qs(self) -> QuerySet[IndicatorTemplate]:
        if not hasattr(self, "_qs"):
            if self.is_bound and not self.form.is_valid():
                self._qs = IndicatorTemplate.objects.none()
            else:
                data = self.form.cleaned_data if self.is_bound else {}
                self._qs = selectors.indicator_template_list(actor=self.actor, filters=data)
        return self._qs
