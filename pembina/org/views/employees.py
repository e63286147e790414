"""Employee pages: the filtered list and its export, the profile with superiors and history, Mutasi/Plt."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.audit.selectors import history_for
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, VIEW
from pembina.core.views.base import paginate, render_page
from pembina.core.views.diff import describe_entries
from pembina.org import selectors, services
from pembina.org.choices import AssignmentKind
from pembina.org.filtersets import EmployeeFilterSet
from pembina.org.forms import EmployeeAssignForm
from pembina.org.models import Assignment, Employee

HISTORY_PAGE_SIZE = 25


def visible_employee_ids(actor, ids) -> set[int]:
    """Which of `ids` the actor may open (to link names only where the link will not 404)."""
    ids = [i for i in ids if i]
    if not ids:
        return set()
    return set(Employee.objects.for_actor(actor, VIEW).filter(pk__in=ids).values_list("pk", flat=True))


def can_change_employee(actor, employee: Employee) -> bool:
    return Employee.objects.for_actor(actor, CHANGE).filter(pk=employee.pk).exists()


class EmployeeListView(LoginRequiredMixin, View):
    template_name = "org/employee_list.html"

    def get(self, request):
        filterset = EmployeeFilterSet(request.GET or None, actor=request.user)
        page = paginate(request, filterset.qs)
        context = {
            "filter": filterset,
            "page_obj": page,
            "employees": page.object_list,
            "sort": filterset.sort,
        }
        return render_page(request, self.template_name, context, partial="results")


EXPORT_HEADERS = [
    gettext_lazy("NIP"),
    gettext_lazy("Nama"),
    gettext_lazy("Gelar depan"),
    gettext_lazy("Gelar belakang"),
    gettext_lazy("Jenis kelamin"),
    gettext_lazy("Tanggal lahir"),
    gettext_lazy("Status ASN"),
    gettext_lazy("Golongan"),
    gettext_lazy("Pangkat"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Jenis jabatan"),
    gettext_lazy("Unit kerja"),
    gettext_lazy("OPD"),
    gettext_lazy("Status kepegawaian"),
]


def export_rows(queryset):
    for e in queryset.iterator(chunk_size=2000):
        pos = e.current_position
        yield [
            e.nip,
            e.name,
            e.front_title,
            e.back_title,
            e.get_gender_display(),
            e.birth_date,
            e.get_asn_status_display(),
            e.rank,
            e.pangkat,
            pos.name if pos else "",
            pos.get_job_type_display() if pos else "",
            e.current_unit.name if e.current_unit_id else "",
            e.current_opd.name if e.current_opd_id else "",
            e.get_state_display(),
        ]


class EmployeeExportView(LoginRequiredMixin, View):
    """The list as CSV or XLSX with the filters of the page (same scope, same selector)."""

    def get(self, request):
        from pembina.core.exports import export_response

        fmt = request.GET.get("fmt", "csv")
        if fmt not in ("csv", "xlsx"):
            fmt = "csv"
        filterset = EmployeeFilterSet(request.GET or None, actor=request.user)
        headers = [str(h) for h in EXPORT_HEADERS]  # lazy: in the user's language
        stamp = timezone.localdate().strftime("%Y%m%d")
        return export_response(
            filename=f"pegawai-{stamp}", headers=headers, rows=export_rows(filterset.qs), fmt=fmt
        )


def _parse_on(request) -> tuple[dt.date, str]:
    """?on=YYYY-MM-DD, or today with an error message when the date cannot be read."""
    raw = request.GET.get("on", "").strip()
    today = selectors.today()
    if not raw:
        return today, ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        return today, _("Tanggal %(raw)s tidak dikenali; dipakai tanggal hari ini.") % {"raw": raw[:20]}


def employee_page_context(request, employee: Employee, *, form: EmployeeAssignForm | None = None) -> dict:
    on, on_error = _parse_on(request)
    chain = selectors.superior_chain(employee=employee, on=on)
    assignments = list(selectors.assignment_history(employee=employee))
    people = [p for p in (chain.superior, chain.superior_of_superior) if p is not None]
    can_change = can_change_employee(request.user, employee)
    if can_change and form is None:
        form = EmployeeAssignForm(actor=request.user, initial={"start_date": selectors.today()})
    placed = any(a.kind == AssignmentKind.DEFINITIVE and a.covers(on) for a in assignments)
    return {
        "employee": employee,
        "chain": chain,
        "placed": placed,
        "on": on,
        "on_error": on_error,
        "is_today": on == selectors.today(),
        "assignments": assignments,
        "linkable": visible_employee_ids(request.user, [p.pk for p in people]),
        "can_change": can_change,
        "assign_form": form if can_change else None,
    }


class EmployeeView(LoginRequiredMixin, View):
    def get(self, request, pk):
        employee = selectors.employee_get_for_actor(actor=request.user, pk=pk)
        return render_page(
            request, "org/employee_detail.html", employee_page_context(request, employee), partial="superiors"
        )


class EmployeeHistoryView(LoginRequiredMixin, View):
    """Audit entries of the employee and of its assignments (the History tab, loaded by htmx)."""

    def get(self, request, pk):
        employee = selectors.employee_get_for_actor(actor=request.user, pk=pk)
        assignment_ids = list(selectors.assignment_history(employee=employee).values_list("pk", flat=True))
        entries = history_for(obj=employee, related={Assignment: assignment_ids})
        page = paginate(request, entries, HISTORY_PAGE_SIZE)
        context = {"employee": employee, "page_obj": page, "rows": describe_entries(page.object_list)}
        return render_page(request, "org/employee_history.html", context, partial="history")


class EmployeeAssignView(LoginRequiredMixin, View):
    """Mutasi / promosi / Plt: only for admins whose change scope holds the employee (else 404)."""

    template_name = "org/employee_assign.html"

    def _employee(self, request, pk) -> Employee:
        return selectors.employee_get_for_actor(actor=request.user, pk=pk, action=CHANGE)

    def get(self, request, pk):
        employee = self._employee(request, pk)
        form = EmployeeAssignForm(actor=request.user, initial={"start_date": selectors.today()})
        return render_page(request, self.template_name, {"employee": employee, "form": form})

    def post(self, request, pk):
        employee = self._employee(request, pk)
        form = EmployeeAssignForm(request.POST, actor=request.user)
        if form.is_valid():
            try:
                assignment = services.employee_assign(
                    employee=employee, actor=request.user, **form.service_kwargs()
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request,
                    _("%(kind)s %(name)s ke %(position)s mulai %(date)s tersimpan.")
                    % {
                        "kind": assignment.get_kind_display(),
                        "name": employee.full_name,
                        "position": assignment.position.name,
                        "date": assignment.start_date.strftime("%d-%m-%Y"),
                    },
                )
                return redirect("org:employee_detail", pk=employee.pk)
        return render_page(request, self.template_name, {"employee": employee, "form": form})
