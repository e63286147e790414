"""The complaints desk (SP4N-LAPOR!): the list with stage deadlines, recording a complaint taken by staff,
and a complaint's page with verification, follow-up plan, forwarding, resolution and the timeline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, VIEW
from pembina.core.views.base import paginate, render_page
from pembina.org.models import Employee, Instansi
from pembina.performance.rules.evidence import safe_name
from pembina.public_services import selectors, services
from pembina.public_services.choices import OPEN_COMPLAINT_STATUSES, ComplaintStatus
from pembina.public_services.filtersets import ComplaintFilterSet, late_complaints_q
from pembina.public_services.forms import COMPLAINT_ACTION_FORMS, ComplaintRegisterForm
from pembina.public_services.models import Service
from pembina.public_services.views.staff_common import (
    can_change_complaint,
    can_record_complaints,
    complaint_badge,
    instansi_units,
)

ACTION_TITLES = {
    "verify": gettext_lazy("Verifikasi dan klasifikasi"),
    "plan": gettext_lazy("Rencana tindak lanjut"),
    "forward": gettext_lazy("Teruskan ke unit berwenang"),
    "resolve": gettext_lazy("Selesaikan dan jawab pelapor"),
    "reject": gettext_lazy("Tidak dapat diproses"),
}


def allowed_actions(complaint) -> list[str]:
    status = complaint.status
    if status == ComplaintStatus.RECEIVED:
        return ["verify", "reject"]
    if status == ComplaintStatus.VERIFIED:
        return (["plan"] if complaint.planned_at is None else []) + ["resolve", "forward"]
    if status == ComplaintStatus.IN_PROGRESS:
        return ["resolve", "forward"]
    return []


def _action_form(action, actor, complaint, data=None):
    form_class = COMPLAINT_ACTION_FORMS[action]
    if action not in ("verify", "forward"):
        return form_class(data, prefix=action)
    units = instansi_units(actor)
    form = form_class(data, units=units, prefix=action)
    # the liaison candidates follow the unit picked (posted), else the complaint's unit when verifying
    unit = None
    picked = (data or {}).get(form.add_prefix(form.unit_field))
    if picked and str(picked).isdigit():
        unit = units.filter(pk=int(picked)).first()
    if unit is None and action == "verify":
        unit = complaint.unit
    candidates = (
        selectors.complaint_liaison_candidates(actor=actor, complaint=complaint, unit=unit)
        if unit is not None
        else Employee.objects.none()
    )
    form.setup_liaison(
        candidates=candidates,
        options_url=reverse("public_services:complaint_liaisons", args=[complaint.pk]),
    )
    return form


class ComplaintListView(LoginRequiredMixin, View):
    template_name = "public_services/complaint_list.html"

    def get(self, request):
        filterset = ComplaintFilterSet(request.GET or None, actor=request.user)
        page = paginate(request, filterset.qs)
        today = timezone.localdate()
        counts = (
            selectors.complaint_list(actor=request.user)
            .order_by()
            .aggregate(
                open=Count("pk", filter=Q(status__in=OPEN_COMPLAINT_STATUSES)),
                late=Count("pk", filter=late_complaints_q(today)),
            )
        )
        context = {
            "filter": filterset,
            "view": filterset.current_view,
            "page_obj": page,
            "rows": [(c, complaint_badge(c, today)) for c in page.object_list],
            "counts": counts,
            "can_record": can_record_complaints(request.user),
        }
        return render_page(request, self.template_name, context, partial="results")


class ComplaintRegisterView(LoginRequiredMixin, View):
    """A complaint received at the counter, by WhatsApp or from SP4N-LAPOR!, recorded by staff."""

    template_name = "public_services/complaint_register.html"

    def _form(self, request, data=None):
        if not can_record_complaints(request.user):
            raise Http404
        catalogue = Service.objects.for_actor(request.user, VIEW).filter(is_active=True).select_related("opd")
        return ComplaintRegisterForm(data, services=catalogue.order_by("opd__name", "name"))

    def get(self, request):
        return render_page(request, self.template_name, {"form": self._form(request)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            instansi = Instansi.objects.for_actor(request.user, VIEW).first()
            try:
                complaint = services.complaint_submit(
                    instansi=instansi,
                    channel=d["channel"],
                    subject=d["subject"],
                    description=d["description"],
                    location=d["location"],
                    service=d["service"],
                    lapor_reference=d["lapor_reference"],
                    is_anonymous=d["is_anonymous"],
                    is_confidential=d["is_confidential"],
                    reporter_name=d["reporter_name"],
                    reporter_contact=d["reporter_contact"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request,
                    _("Pengaduan %(n)s tercatat; batas verifikasi %(d)s.")
                    % {"n": complaint.tracking_number, "d": complaint.verify_due.strftime("%d-%m-%Y")},
                )
                if selectors.complaint_list(actor=request.user).filter(pk=complaint.pk).exists():
                    return redirect("public_services:complaint_detail", pk=complaint.pk)
                return redirect("public_services:complaint_list")
        return render_page(request, self.template_name, {"form": form}, status=400)


def complaint_page_context(request, complaint, *, bound: dict | None = None) -> dict:
    actor = request.user
    can_change = can_change_complaint(actor, complaint)
    actions = allowed_actions(complaint) if can_change else []
    forms = {}
    for action in actions:
        forms[action] = (bound or {}).get(action) or _action_form(action, actor, complaint)
    today = timezone.localdate()
    stages = [
        (_("Verifikasi"), complaint.verify_due, complaint.verified_at),
        (_("Rencana tindak lanjut"), complaint.plan_due, complaint.planned_at),
        (_("Penyelesaian"), complaint.resolution_due, complaint.resolved_at),
    ]
    stage_rows = []
    for label, due, done in stages:
        done_on = timezone.localtime(done).date() if done else None
        late = bool(due and ((done_on and done_on > due) or (not done_on and due < today)))
        stage_rows.append({"label": label, "due": due, "done": done, "late": late})
    files_open = selectors.complaint_attachments_open_to(actor=actor, complaint=complaint)
    return {
        "complaint": complaint,
        "attachments": selectors.complaint_attachments(actor=actor, complaint=complaint)
        if files_open
        else [],
        "attachments_closed": 0 if files_open else complaint.attachments.count(),
        "reporter": selectors.complaint_reporter(actor=actor, complaint=complaint),
        "timeline": selectors.complaint_timeline(complaint=complaint),
        "hops": selectors.complaint_forwarding_history(complaint=complaint),
        "escalations": selectors.complaint_escalations(complaint=complaint),
        "badge": complaint_badge(complaint, today),
        "stages": stage_rows,
        "can_change": can_change,
        "action_forms": [(a, ACTION_TITLES[a], forms[a]) for a in actions],
        "open_action": next(iter(bound or {}), None),
    }


class ComplaintView(LoginRequiredMixin, View):
    def get(self, request, pk):
        complaint = selectors.complaint_get_for_actor(actor=request.user, pk=pk)
        return render_page(
            request, "public_services/complaint_detail.html", complaint_page_context(request, complaint)
        )


class ComplaintActionView(LoginRequiredMixin, View):
    """verify / reject / plan / forward / resolve through the domain services (404 outside change scope)."""

    def post(self, request, pk, action):
        if action not in COMPLAINT_ACTION_FORMS:
            raise Http404
        complaint = selectors.complaint_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        form = _action_form(action, request.user, complaint, request.POST)
        if action not in allowed_actions(complaint):
            messages.error(
                request,
                _("Langkah ini tidak tersedia untuk pengaduan berstatus “%(s)s”.")
                % {"s": complaint.get_status_display()},
            )
            return redirect("public_services:complaint_detail", pk=complaint.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "verify":
                    services.complaint_verify(
                        complaint=complaint,
                        tier=d["tier"],
                        unit=d["unit"],
                        handler=d["handler"],
                        note=d["note"],
                        actor=request.user,
                    )
                elif action == "reject":
                    services.complaint_reject(complaint=complaint, reason=d["reason"], actor=request.user)
                elif action == "plan":
                    services.complaint_plan(complaint=complaint, plan=d["plan"], actor=request.user)
                elif action == "forward":
                    services.complaint_forward(
                        complaint=complaint,
                        to_unit=d["to_unit"],
                        handler=d["handler"],
                        reason=d["reason"],
                        actor=request.user,
                    )
                else:
                    services.complaint_resolve(
                        complaint=complaint, resolution=d["resolution"], actor=request.user
                    )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("%(a)s tersimpan.") % {"a": ACTION_TITLES[action]})
                if selectors.complaint_list(actor=request.user).filter(pk=complaint.pk).exists():
                    return redirect("public_services:complaint_detail", pk=complaint.pk)
                # forwarded out of the actor's reach: back to the list
                return redirect("public_services:complaint_list")
        context = complaint_page_context(request, complaint, bound={action: form})
        return render_page(request, "public_services/complaint_detail.html", context, status=400)


class ComplaintLiaisonOptionsView(LoginRequiredMixin, View):
    """The <option>s of the liaison picker for the unit chosen in the verify/forward form (404 for
    those who may not change the complaint)."""

    def get(self, request, pk):
        complaint = selectors.complaint_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        raw = (request.GET.get("unit") or "").strip()
        unit = None
        if raw:
            if not raw.isdigit():
                raise Http404
            unit = instansi_units(request.user).filter(pk=int(raw)).first()
            if unit is None:
                raise Http404
        candidates = (
            selectors.complaint_liaison_candidates(actor=request.user, complaint=complaint, unit=unit)
            if unit is not None
            else []
        )
        return render(request, "public_services/_liaison_options.html", {"candidates": candidates})


class ComplaintAttachmentView(LoginRequiredMixin, View):
    """Download one attachment of a complaint: staff who may open the complaint's files only (a
    confidential complaint's files: the coordinator and Admin BKPSDM). Always a download under a
    sanitised name, never rendered inline in our origin, never cached."""

    def get(self, request, pk):
        attachment = selectors.complaint_attachment_get_for_actor(actor=request.user, pk=pk)
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment_download_name(attachment),
            content_type=attachment.content_type or "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


def attachment_download_name(attachment) -> str:
    """`<tracking number>-<safe original name>`, with the extension the content proved."""
    stored_ext = attachment.file.name.rsplit(".", 1)[-1].lower() if "." in attachment.file.name else ""
    name = safe_name(attachment.original_name or "lampiran")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{attachment.complaint.tracking_number}-{stem}.{stored_ext}" if stored_ext else name
