"""The counter desk: register a request, print its receipt, the queue of my unit, a request's page with
its timeline and next steps, and the overdue/escalated list for unit heads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, get_scope
from pembina.core.views.base import paginate, render_page
from pembina.public_services import selectors, services
from pembina.public_services.choices import OPEN_REQUEST_STATUSES, RequestStatus
from pembina.public_services.filtersets import RequestFilterSet
from pembina.public_services.forms import RequestRegisterForm, RequestTransitionForm
from pembina.public_services.rules import flow
from pembina.public_services.views.staff_common import (
    can_change_request,
    handleable_services,
    public_url,
    qr_data_uri,
    request_badge,
    require_counter,
)

# The buttons of each next step: label, Bootstrap style, whether a reason is asked for.
STEP_BUTTONS = {
    RequestStatus.VERIFIED: (gettext_lazy("Berkas lengkap, verifikasi"), "btn-pembina"),
    RequestStatus.IN_PROCESS: (gettext_lazy("Mulai proses"), "btn-pembina"),
    RequestStatus.COMPLETED: (gettext_lazy("Selesai"), "btn-success"),
    RequestStatus.PICKED_UP: (gettext_lazy("Sudah diambil pemohon"), "btn-success"),
    RequestStatus.REJECTED: (gettext_lazy("Tolak"), "btn-outline-danger"),
}


def _queue_counts(actor, today):
    """Open, due today and late requests in the actor's reach (one aggregate query)."""
    return (
        selectors.request_list(actor=actor, filters={"open": True})
        .order_by()
        .aggregate(
            open=Count("pk"),
            due_today=Count("pk", filter=Q(due_date=today)),
            late=Count("pk", filter=Q(due_date__lt=today)),
        )
    )


class RequestListView(LoginRequiredMixin, View):
    """The queue: open requests of my unit first by due date, with days left or days overdue."""

    template_name = "public_services/request_list.html"

    def get(self, request):
        filterset = RequestFilterSet(request.GET or None, actor=request.user)
        page = paginate(request, filterset.qs)
        deadlines = selectors.request_deadlines(requests=page.object_list)
        rows = [(r, request_badge(r, deadlines[r.pk])) for r in page.object_list]
        context = {
            "filter": filterset,
            "view": filterset.current_view,
            "page_obj": page,
            "rows": rows,
            "counts": _queue_counts(request.user, timezone.localdate()),
            "can_register": handleable_services(request.user).exists(),
        }
        return render_page(request, self.template_name, context, partial="results")


class RequestRegisterView(LoginRequiredMixin, View):
    """The counter clerk's form; on success the receipt is shown ready to print."""

    template_name = "public_services/request_register.html"

    def _form(self, request, data=None):
        require_counter(request.user)
        initial = {}
        if request.GET.get("service"):
            initial["service"] = request.GET["service"]
        return RequestRegisterForm(data, services=handleable_services(request.user), initial=initial)

    def get(self, request):
        return render_page(request, self.template_name, {"form": self._form(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = services.request_register(
                    service=d["service"],
                    citizen_name=d["citizen_name"],
                    citizen_contact=d["citizen_contact"],
                    description=d["description"],
                    location=d["location"],
                    verified=d["verified"],
                    note=d["note"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request,
                    _("Permohonan %(n)s tercatat. Cetak tanda terima untuk pemohon.")
                    % {"n": created.tracking_number},
                )
                return redirect("public_services:request_receipt", pk=created.pk)
        return render_page(request, self.template_name, {"form": form}, status=400)


def request_page_context(request, obj) -> dict:
    deadline = selectors.request_deadline(request=obj)
    can_change = can_change_request(request.user, obj)
    steps = []
    if can_change:
        for status in sorted(flow.REQUEST_TRANSITIONS.get(obj.status, ()), key=list(STEP_BUTTONS).index):
            label, css = STEP_BUTTONS[status]
            steps.append(
                {"status": status, "label": label, "css": css, "reject": status == RequestStatus.REJECTED}
            )
    return {
        "req": obj,
        "timeline": selectors.request_timeline(request=obj),
        "deadline": deadline,
        "badge": request_badge(obj, deadline),
        "can_change": can_change,
        "steps": steps,
        "form": RequestTransitionForm(),
        "is_open": obj.status in OPEN_REQUEST_STATUSES,
        "has_survey": hasattr(obj, "survey_response"),
    }


class RequestView(LoginRequiredMixin, View):
    def get(self, request, pk):
        obj = selectors.request_get_for_actor(actor=request.user, pk=pk)
        return render_page(request, "public_services/request_detail.html", request_page_context(request, obj))


class RequestTransitionView(LoginRequiredMixin, View):
    """One step of the flow through `request_transition`; out of the actor's change scope is 404."""

    def post(self, request, pk):
        obj = selectors.request_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        form = RequestTransitionForm(request.POST)
        if not form.is_valid() or form.cleaned_data["to_status"] not in RequestStatus.values:
            messages.error(request, _("Langkah tidak dikenal."))
            return redirect("public_services:request_detail", pk=obj.pk)
        d = form.cleaned_data
        try:
            obj = services.request_transition(
                request=obj, to_status=d["to_status"], actor=request.user, note=d["note"], reason=d["reason"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Permohonan %(n)s kini berstatus “%(s)s”.")
                % {"n": obj.tracking_number, "s": obj.get_status_display()},
            )
        return redirect("public_services:request_detail", pk=obj.pk)


class RequestReceiptView(LoginRequiredMixin, View):
    """Printable tanda terima: tracking number, due date, requirements, tracking and survey links (QR)."""

    def get(self, request, pk):
        obj = selectors.request_get_for_actor(actor=request.user, pk=pk)
        survey_url = public_url(
            request, "public:survey_token", obj.survey_token, fallback=f"/layanan/skm/{obj.survey_token}/"
        )
        track_url = public_url(request, "public:request_track", fallback="/layanan/lacak/")
        track_url_with_number = f"{track_url}?nomor={obj.tracking_number}"
        context = {
            "req": obj,
            "service": obj.service,
            "survey_url": survey_url,
            "survey_qr": qr_data_uri(survey_url) if obj.survey_token else "",
            "track_url": track_url_with_number,
            "track_qr": qr_data_uri(track_url_with_number),
            "printed_at": timezone.localtime(),
        }
        return render_page(request, "public_services/request_receipt.html", context)


class RequestEscalatedView(LoginRequiredMixin, View):
    """For unit heads: what was escalated to me, and every open request past its due date in my reach."""

    template_name = "public_services/request_escalated.html"

    def get(self, request):
        scope = get_scope(request.user)
        today = timezone.localdate()
        escalated_requests = []
        escalated_complaints = []
        if scope.employee_id:
            escalated_requests = list(
                selectors.requests_escalated_to(employee_id=scope.employee_id).select_related("handler")[:200]
            )
            escalated_complaints = list(
                selectors.complaints_escalated_to(employee_id=scope.employee_id)[:200]
            )
        late_qs = (
            selectors.request_list(actor=request.user, filters={"open": True})
            .filter(due_date__lt=today)
            .order_by("due_date", "received_at", "pk")
        )
        page = paginate(request, late_qs)
        deadlines = selectors.request_deadlines(requests=[*page.object_list, *escalated_requests])
        context = {
            "escalated": [(r, request_badge(r, deadlines[r.pk])) for r in escalated_requests],
            "escalated_complaints": escalated_complaints,
            "page_obj": page,
            "rows": [(r, request_badge(r, deadlines[r.pk])) for r in page.object_list],
            "is_head": bool(scope.led_unit_paths),
            "today": today,
        }
        return render_page(request, self.template_name, context, partial="results")
