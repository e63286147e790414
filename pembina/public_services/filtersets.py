"""Filter forms of the staff lists: they validate the query string and hand clean values to the selectors."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import VIEW, get_scope
from pembina.org.models import Unit
from pembina.public_services import selectors
from pembina.public_services.choices import (
    OPEN_COMPLAINT_STATUSES,
    OPEN_REQUEST_STATUSES,
    ComplaintChannel,
    ComplaintStatus,
    ComplaintTier,
    RequestChannel,
    RequestStatus,
)
from pembina.public_services.models import Complaint, Service, ServiceRequest
from pembina.public_services.models.scope import handling_q


def services_in_reach(actor, action: str = VIEW) -> QuerySet[Service]:
    """Catalogue entries whose requests the actor sees (VIEW) or may handle (CHANGE): the same rule
    as the requests themselves, applied to the service's unit and OPD."""
    scope = get_scope(actor)
    return (
        Service.objects.for_actor(actor, VIEW)
        .filter(handling_q(scope, action))
        .select_related("unit", "opd")
        .order_by("opd__sort_order", "opd__name", "sort_order", "name")
    )


class StyledFilterSet(django_filters.FilterSet):
    search_fields: tuple[str, ...] = ("q",)

    def __init__(self, data=None, *, actor, **kwargs):
        self.actor = actor
        super().__init__(data, queryset=self._meta.model.objects.none(), **kwargs)
        self.set_choices()  # before the form is built: it copies the querysets
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")
            else:
                field.widget.attrs.setdefault("class", "form-control")
        for name in self.search_fields:
            if name in self.form.fields:
                self.form.fields[name].widget.input_type = "search"
                self.form.fields[name].widget.attrs.update({"autocomplete": "off"})

    def set_choices(self) -> None:
        """Point choice filters at the actor's querysets."""

    def clean_values(self) -> dict:
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            if self.is_bound and not self.form.is_valid():
                self._qs = self._meta.model.objects.none()
            else:
                self._qs = self.build(self.clean_values())
        return self._qs

    def build(self, values: dict):  # pragma: no cover - abstract
        raise NotImplementedError


REQUEST_VIEWS = [
    ("open", _("Antrean terbuka")),
    ("today", _("Diterima hari ini")),
    ("late", _("Lewat batas waktu")),
    ("all", _("Semua")),
]


class RequestFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Cari nomor lacak atau nama pemohon"))
    view = django_filters.ChoiceFilter(choices=REQUEST_VIEWS, label=_("Tampilan"), empty_label=None)
    status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices, label=_("Status"), empty_label=_("Semua status")
    )
    service = django_filters.ModelChoiceFilter(
        queryset=Service.objects.none(), label=_("Layanan"), empty_label=_("Semua layanan")
    )
    channel = django_filters.ChoiceFilter(
        choices=RequestChannel.choices, label=_("Kanal"), empty_label=_("Semua kanal")
    )
    received_from = django_filters.DateFilter(
        label=_("Diterima dari"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    received_to = django_filters.DateFilter(
        label=_("Diterima sampai"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta:
        model = ServiceRequest
        fields: list[str] = []

    def set_choices(self) -> None:
        self.filters["service"].queryset = services_in_reach(self.actor)

    @property
    def current_view(self) -> str:
        raw = (self.data or {}).get("view") or "open"
        return raw if raw in dict(REQUEST_VIEWS) else "open"

    def build(self, values: dict) -> QuerySet[ServiceRequest]:
        view = values.pop("view", None) or "open"
        if "service" in values:
            values["service"] = values["service"].pk
        today = timezone.localdate()
        if view == "today":
            values.setdefault("received_from", today)
            values.setdefault("received_to", today)
        qs = selectors.request_list(actor=self.actor, filters=values)
        if view in ("open", "late"):
            qs = qs.filter(status__in=OPEN_REQUEST_STATUSES)
            if view == "late":
                qs = qs.filter(due_date__lt=today)
            return qs.order_by("due_date", "received_at", "pk")
        return qs.order_by("-received_at", "-pk")


COMPLAINT_VIEWS = [
    ("open", _("Belum selesai")),
    ("late", _("Lewat batas waktu")),
    ("all", _("Semua")),
]


def late_complaints_q(today) -> Q:
    """Open complaints whose current stage is past its deadline (same stages as the escalation)."""
    return (
        Q(status=ComplaintStatus.RECEIVED, verify_due__lt=today)
        | Q(status=ComplaintStatus.VERIFIED, planned_at__isnull=True, plan_due__lt=today)
        | Q(status__in=(ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS), resolution_due__lt=today)
    )


class ComplaintFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Cari nomor lacak, judul atau nomor LAPOR!"))
    view = django_filters.ChoiceFilter(choices=COMPLAINT_VIEWS, label=_("Tampilan"), empty_label=None)
    status = django_filters.ChoiceFilter(
        choices=ComplaintStatus.choices, label=_("Status"), empty_label=_("Semua status")
    )
    tier = django_filters.ChoiceFilter(
        choices=ComplaintTier.choices, label=_("Klasifikasi"), empty_label=_("Semua klasifikasi")
    )
    channel = django_filters.ChoiceFilter(
        choices=ComplaintChannel.choices, label=_("Kanal"), empty_label=_("Semua kanal")
    )

    class Meta:
        model = Complaint
        fields: list[str] = []

    @property
    def current_view(self) -> str:
        raw = (self.data or {}).get("view") or "open"
        return raw if raw in dict(COMPLAINT_VIEWS) else "open"

    def build(self, values: dict) -> QuerySet[Complaint]:
        view = values.pop("view", None) or "open"
        qs = selectors.complaint_list(actor=self.actor, filters=values)
        if view == "open":
            qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
        elif view == "late":
            qs = qs.filter(late_complaints_q(timezone.localdate()))
        if view == "all":
            return qs.order_by("-received_at", "-pk")
        return qs.order_by("received_at", "pk")


class ServiceFilterSet(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Cari nama atau kode layanan"))
    opd = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.none(), label=_("OPD"), empty_label=_("Semua OPD")
    )
    is_active = django_filters.ChoiceFilter(
        choices=[("1", _("Aktif")), ("0", _("Tidak aktif"))], label=_("Status"), empty_label=_("Semua")
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def set_choices(self) -> None:
        opd_ids = Service.objects.for_actor(self.actor, VIEW).values("opd_id")
        self.filters["opd"].queryset = (
            Unit.objects.for_actor(self.actor, VIEW).filter(pk__in=opd_ids).order_by("sort_order", "name")
        )

    def build(self, values: dict) -> QuerySet[Service]:
        if "opd" in values:
            values["opd"] = values["opd"].pk
        if "is_active" in values:
            values["is_active"] = values["is_active"] == "1"
        return selectors.service_list(actor=self.actor, filters=values).order_by(
            "opd__sort_order", "opd__name", "sort_order", "name"
        )
