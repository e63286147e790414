"""The employee list's filter form: validates the query string and hands clean values to the selector."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import get_scope, paths_q
from pembina.org import selectors
from pembina.org.choices import AsnStatus, EmploymentState, JobType
from pembina.org.models import Employee, Unit
from pembina.org.rules.ranks import PNS_RANKS, PPPK_RANKS

RANK_CHOICES = [(code, f"{code} — {name}") for code, name in PNS_RANKS] + [
    (code, name) for code, name in PPPK_RANKS
]

# sort key → ORDER BY; the primary key always breaks ties so pages never overlap.
SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nip"),
    "nip": ("nip",),
    "rank": ("rank", "name"),
    "position": ("current_position__name", "name"),
    "unit": ("current_unit__path", "name"),
    "opd": ("current_opd__name", "name"),
    "asn_status": ("asn_status", "name"),
}
SORT_KEYS = frozenset(SORTS) | {f"-{k}" for k in SORTS}


def _desc(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def order_by_for(sort: str | None) -> list[str]:
    key = (sort or "name").lstrip("-")
    fields = list(SORTS.get(key, SORTS["name"]))
    if (sort or "").startswith("-") and key in SORTS:
        fields = [_desc(f) for f in fields]
    return [*fields, "pk"]


def filter_opds(actor) -> QuerySet[Unit]:
    """OPDs offered in the filter: those where the actor can see at least one employee (or administers)."""
    scope = get_scope(actor)
    opds = selectors.unit_list(actor=actor).filter(is_active=True, is_opd=True).order_by("sort_order", "name")
    if scope.read_all:
        return opds
    visible = selectors.employee_list(actor=actor).values("current_opd_id")
    return opds.filter(paths_q("path", scope.admin_unit_paths + scope.led_unit_paths) | Q(pk__in=visible))


def filter_units(actor) -> QuerySet[Unit]:
    """Units offered in the filter: the subtrees the actor administers or leads, and units of visible people."""
    scope = get_scope(actor)
    units = selectors.unit_list(actor=actor).filter(is_active=True).order_by("path")
    if scope.read_all:
        return units
    visible = selectors.employee_list(actor=actor).values("current_unit_id")
    return units.filter(paths_q("path", scope.admin_unit_paths + scope.led_unit_paths) | Q(pk__in=visible))


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """Unit options indented by depth, so the tree reads in a plain <select>."""

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda u: ("· " * max(u.depth - 1, 0)) + u.name
        return field


class EmployeeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau NIP"))
    opd = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), label=_("OPD"), empty_label=_("Semua OPD")
    )
    unit = UnitChoiceFilter(
        queryset=Unit.objects.none(), label=_("Unit kerja (beserta sub-unit)"), empty_label=_("Semua unit")
    )
    rank = django_filters.ChoiceFilter(
        choices=RANK_CHOICES, label=_("Golongan"), empty_label=_("Semua golongan")
    )
    job_type = django_filters.ChoiceFilter(
        choices=JobType.choices, label=_("Jenis jabatan"), empty_label=_("Semua jenis")
    )
    asn_status = django_filters.ChoiceFilter(
        choices=AsnStatus.choices, label=_("Status ASN"), empty_label=_("Semua status")
    )
    state = django_filters.ChoiceFilter(
        choices=EmploymentState.choices, label=_("Status kepegawaian"), empty_label=_("Semua")
    )

    class Meta:
        model = Employee
        fields: list[str] = []

    def __init__(self, data=None, *, actor, **kwargs):
        self.actor = actor
        super().__init__(data, queryset=Employee.objects.none(), **kwargs)
        self.filters["opd"].queryset = filter_opds(actor)
        self.filters["unit"].queryset = filter_units(actor)
        for name, field in self.form.fields.items():
            css = "form-select" if name not in ("q",) else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.form.fields["q"].widget.attrs.update(
            {"placeholder": _("Nama atau awalan NIP"), "autocomplete": "off", "type": "search"}
        )
        self.form.fields["q"].widget.input_type = "search"

    def selector_filters(self) -> dict:
        """Clean values keyed as `selectors.employee_list` expects (ids for units)."""
        if not self.is_bound:
            return {}
        data = self.form.cleaned_data if self.form.is_valid() else {}
        filters = {k: v for k, v in data.items() if v not in (None, "")}
        for key in ("opd", "unit"):
            if key in filters:
                filters[key] = filters[key].pk
        return filters

    @property
    def sort(self) -> str:
        """Sorting is not a filter: an unknown key falls back to the name instead of failing the form."""
        raw = (self.data or {}).get("sort", "")
        return raw if raw in SORT_KEYS else "name"

    @property
    def qs(self) -> QuerySet[Employee]:
        """The actor's employees through the scoped selector; an invalid form lists nothing."""
        if not hasattr(self, "_qs"):
            if self.is_bound and not self.form.is_valid():
                self._qs = Employee.objects.none()
            else:
                qs = selectors.employee_list(actor=self.actor, filters=self.selector_filters())
                self._qs = qs.order_by(*order_by_for(self.sort))
        return self._qs
