"""Catalogue management (standar pelayanan) for Admin OPD/BKPSDM, the holiday calendar and the
instansi's service policy (Admin BKPSDM)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.core.views.base import paginate, render_page
from pembina.org.models import Instansi
from pembina.public_services import selectors, services
from pembina.public_services.filtersets import ServiceFilterSet
from pembina.public_services.forms import HolidayForm, PolicyForm, ServiceForm, default_period
from pembina.public_services.models import Holiday, Service
from pembina.public_services.services.calendar import POLICY_FIELDS
from pembina.public_services.views.staff_common import (
    can_edit_catalogue,
    editable_units,
    handleable_services,
    instansi_units,
    require_bkpsdm,
)

SERVICE_FIELDS = (
    "unit",
    "code",
    "name",
    "description",
    "requirements",
    "procedure",
    "completion_days",
    "fee",
    "fee_note",
    "product",
    "legal_basis",
    "accepts_online",
    "is_active",
    "sort_order",
)


class ServiceListView(LoginRequiredMixin, View):
    template_name = "public_services/service_list.html"

    def get(self, request):
        filterset = ServiceFilterSet(request.GET or None, actor=request.user)
        page = paginate(request, filterset.qs)
        context = {
            "filter": filterset,
            "page_obj": page,
            "services": page.object_list,
            "can_create": can_edit_catalogue(request.user),
        }
        return render_page(request, self.template_name, context, partial="results")


class ServiceView(LoginRequiredMixin, View):
    def get(self, request, pk):
        service = selectors.service_get_for_actor(actor=request.user, pk=pk)
        start, end = default_period()
        context = {
            "service": service,
            "figures": selectors.stats_period_figures(
                actor=request.user, start=start, end=end, service_id=service.pk
            ),
            "start": start,
            "end": end,
            "can_edit": Service.objects.for_actor(request.user, CHANGE).filter(pk=service.pk).exists(),
            "can_register": handleable_services(request.user).filter(pk=service.pk).exists(),
        }
        return render_page(request, "public_services/service_detail.html", context)


class ServiceCreateView(LoginRequiredMixin, View):
    template_name = "public_services/service_form.html"

    def _form(self, request, data=None):
        if not can_edit_catalogue(request.user):
            raise Http404
        return ServiceForm(
            data, units=editable_units(request.user), initial={"is_active": True, "accepts_online": True}
        )

    def get(self, request):
        return render_page(request, self.template_name, {"form": self._form(request), "service": None})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.service_data()
            try:
                service = services.service_create(
                    unit=data.pop("unit"),
                    code=data.pop("code"),
                    name=data.pop("name"),
                    completion_days=data.pop("completion_days"),
                    actor=request.user,
                    **data,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Layanan %(n)s tersimpan.") % {"n": service.name})
                return redirect("public_services:service_detail", pk=service.pk)
        return render_page(request, self.template_name, {"form": form, "service": None}, status=400)


class ServiceEditView(LoginRequiredMixin, View):
    template_name = "public_services/service_form.html"

    def _service(self, request, pk) -> Service:
        return selectors.service_get_for_actor(actor=request.user, pk=pk, action=CHANGE)

    def get(self, request, pk):
        service = self._service(request, pk)
        initial = {f: getattr(service, f) for f in SERVICE_FIELDS}
        form = ServiceForm(initial=initial, units=editable_units(request.user))
        return render_page(request, self.template_name, {"form": form, "service": service})

    def post(self, request, pk):
        service = self._service(request, pk)
        form = ServiceForm(request.POST, units=editable_units(request.user))
        if form.is_valid():
            data = form.service_data()
            if data["unit"].pk == service.unit_id:
                data.pop("unit")
            try:
                service = services.service_update(service=service, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Standar layanan %(n)s diperbarui.") % {"n": service.name})
                return redirect("public_services:service_detail", pk=service.pk)
        return render_page(request, self.template_name, {"form": form, "service": service}, status=400)


# --- holidays -----------------------------------------------------------------------------------------


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


class HolidayListView(LoginRequiredMixin, View):
    """The working-day calendar of the instansi: national and regional holidays, cuti bersama."""

    template_name = "public_services/holiday_list.html"

    def get(self, request):
        year = _year(request)
        holidays = list(selectors.holiday_list(actor=request.user, year=year))
        can_edit = get_scope(request.user).write_all
        context = {
            "year": year,
            "years": [year - 1, year, year + 1],
            "holidays": holidays,
            "can_edit": can_edit,
            "form": HolidayForm(initial={"date": dt.date(year, 1, 1), "is_confirmed": True})
            if can_edit
            else None,
        }
        return render_page(request, self.template_name, context)


def _instansi(actor) -> Instansi:
    return Instansi.objects.for_actor(actor, VIEW).get()


class HolidayCreateView(LoginRequiredMixin, View):
    template_name = "public_services/holiday_form.html"

    def get(self, request):
        require_bkpsdm(request.user)
        form = HolidayForm(initial={"is_confirmed": True, "date": request.GET.get("date") or None})
        return render_page(request, self.template_name, {"form": form, "holiday": None})

    def post(self, request):
        require_bkpsdm(request.user)
        form = HolidayForm(request.POST)
        if form.is_valid():
            try:
                holiday = services.holiday_create(
                    instansi=_instansi(request.user), actor=request.user, **form.cleaned_data
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request, _("Hari libur %(d)s tersimpan.") % {"d": holiday.date.strftime("%d-%m-%Y")}
                )
                return redirect(f"{_holidays_url()}?year={holiday.date.year}")
        return render_page(request, self.template_name, {"form": form, "holiday": None}, status=400)


def _holidays_url() -> str:
    return reverse("public_services:holiday_list")


class HolidayEditView(LoginRequiredMixin, View):
    template_name = "public_services/holiday_form.html"

    def _holiday(self, request, pk) -> Holiday:
        return Holiday.objects.get_for_actor_or_404(request.user, CHANGE, pk=pk)

    def get(self, request, pk):
        holiday = self._holiday(request, pk)
        initial = {f: getattr(holiday, f) for f in ("date", "name", "kind", "is_confirmed", "note")}
        return render_page(
            request, self.template_name, {"form": HolidayForm(initial=initial), "holiday": holiday}
        )

    def post(self, request, pk):
        holiday = self._holiday(request, pk)
        form = HolidayForm(request.POST)
        if form.is_valid():
            try:
                holiday = services.holiday_update(holiday=holiday, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Hari libur diperbarui."))
                return redirect(f"{_holidays_url()}?year={holiday.date.year}")
        return render_page(request, self.template_name, {"form": form, "holiday": holiday}, status=400)


class HolidayDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        holiday = Holiday.objects.get_for_actor_or_404(request.user, CHANGE, pk=pk)
        year = holiday.date.year
        try:
            services.holiday_delete(holiday=holiday, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Hari libur dihapus. Batas waktu permohonan baru memakai kalender ini.")
            )
        return redirect(f"{_holidays_url()}?year={year}")


class PolicyEditView(LoginRequiredMixin, View):
    """Complaint deadlines per tier, tracking prefix, coordinator unit and program start (Admin BKPSDM)."""

    template_name = "public_services/policy_form.html"

    def _context(self, request, form=None):
        require_bkpsdm(request.user)
        instansi = _instansi(request.user)
        policy = selectors.policy_for(instansi=instansi)
        if form is None:
            initial = {f: getattr(policy, f) for f in POLICY_FIELDS}
            form = PolicyForm(initial=initial, units=instansi_units(request.user))
        return {"form": form, "policy": policy, "instansi": instansi}

    def get(self, request):
        return render_page(request, self.template_name, self._context(request))

    def post(self, request):
        context = self._context(request)
        form = PolicyForm(request.POST, units=instansi_units(request.user))
        if form.is_valid():
            try:
                services.service_policy_update(
                    instansi=context["instansi"], data=form.cleaned_data, actor=request.user
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Kebijakan pelayanan publik tersimpan."))
                return redirect("public_services:policy_edit")
        context["form"] = form
        return render_page(request, self.template_name, context, status=400)
