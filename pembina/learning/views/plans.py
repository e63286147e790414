"""The IDP pages: list, one plan with its activities and timeline, editing, the workflow (submit,
withdraw, agree, return, reopen), completing activities and verifying what employees reported, and
the superior's approval queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.core.views.base import paginate, render_page
from pembina.learning import selectors, services
from pembina.learning.choices import NeedStatus, PlanActivityStatus, PlanStatus, RecordStatus
from pembina.learning.filtersets import PlanFilter
from pembina.learning.forms import (
    ActivityCompleteForm,
    ActivityForm,
    NoteForm,
    PlanForm,
    RecordVerifyForm,
    RequiredNoteForm,
)
from pembina.learning.models import DevelopmentNeed, DevelopmentRecord, PlanActivity
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import workflow as wf
from pembina.learning.views.common import first_error, int_or_404, refuse, safe_next
from pembina.org import selectors as org_selectors


def plan_url(plan_or_pk, anchor: str = "") -> str:
    url = reverse("learning:plan_detail", args=[getattr(plan_or_pk, "pk", plan_or_pk)])
    return f"{url}#{anchor}" if anchor else url


def plan_for(request, pk, action: str = "view"):
    """The plan if in sight (else 404) and the actor holds a role that may ever take `action` (else
    404 too: the page does not exist for that role). The state is the service's to check."""
    plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)
    if not employee_roles(request.user, plan.employee) & wf.PLAN_RULES[action][0]:
        raise Http404
    return plan


def activity_for(request, pk, action: str):
    activity = PlanActivity.objects.select_related("plan").get_for_actor_or_404(request.user, VIEW, pk=pk)
    plan = plan_for(request, activity.plan_id, action)
    return activity, plan


class PlanListView(LoginRequiredMixin, View):
    """IDPs in the actor's scope (own, led units, administered units, everything for read-all roles)."""

    def get(self, request):
        form = PlanFilter(request.GET)
        page = paginate(request, selectors.plan_list(actor=request.user, filters=form.filters()))
        return render_page(request, "learning/plan_list.html", {"form": form, "page_obj": page})


class ApprovalQueueView(LoginRequiredMixin, View):
    """Perlu persetujuan saya: IDPs to agree, enrolments to approve as superior, reported activities
    to verify."""

    def get(self, request):
        context = {
            "plans": list(selectors.plans_to_agree(actor=request.user)[:100]),
            "enrolments": list(selectors.enrolments_awaiting_superior(actor=request.user)[:100]),
            "records": list(selectors.records_to_verify(actor=request.user)[:100]),
        }
        return render_page(request, "learning/approval_queue.html", context)


class PlanCreateView(LoginRequiredMixin, View):
    """POST: the IDP of an employee for a year (the existing one when there is one)."""

    def post(self, request, employee_pk):
        employee = org_selectors.employee_get_for_actor(actor=request.user, pk=employee_pk)
        if not employee_roles(request.user, employee) & wf.PLAN_RULES["create"][0]:
            raise Http404
        year = int_or_404(request.POST.get("year"))
        try:
            plan = services.plan_create(employee=employee, year=year, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, reverse("learning:employee_development", args=[employee.pk]))
        messages.success(
            request,
            _("IDP %(y)s dibuat. Tambahkan kegiatan pengembangan, lalu ajukan ke atasan.") % {"y": plan.year},
        )
        return redirect(plan_url(plan))


def _decorate(plan, actor, roles, actions):
    """What each activity row may offer the actor (no queries beyond the plan's records)."""
    records = selectors.plan_records(plan)
    can_edit = "edit" in actions
    can_complete = "complete_activity" in actions
    can_verify = bool(roles & wf.VERIFY_RECORD)
    for a in plan.activities.all():
        a.record = records.get(a.pk)
        a.can_edit = can_edit
        a.can_remove = can_edit or (a.added_after_agreement and "add_activity" in actions)
        a.can_remove = a.can_remove and a.status != PlanActivityStatus.COMPLETED
        a.can_complete = (
            can_complete
            and not a.event_id
            and a.status in (PlanActivityStatus.PLANNED, PlanActivityStatus.IN_PROGRESS)
        )
        a.can_cancel = (can_complete or can_edit) and a.status in (
            PlanActivityStatus.PLANNED,
            PlanActivityStatus.IN_PROGRESS,
        )
        a.can_verify = can_verify and a.record is not None and a.record.status == RecordStatus.PENDING


EVENT_LABELS = {
    "create": gettext_lazy("membuat IDP"),
    "submit": gettext_lazy("mengajukan IDP"),
    "withdraw": gettext_lazy("menarik pengajuan"),
    "agree": gettext_lazy("menyepakati IDP"),
    "return": gettext_lazy("mengembalikan IDP"),
    "reopen": gettext_lazy("membuka kembali IDP"),
}


def _timeline(plan) -> list:
    statuses = dict(PlanStatus.choices)
    events = list(plan.events.all())
    for ev in events:
        ev.label = EVENT_LABELS.get(ev.action, ev.action)
        ev.status_label = statuses.get(ev.to_status, ev.to_status)
    return events


class PlanView(LoginRequiredMixin, View):
    def get(self, request, pk):
        plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)
        roles = employee_roles(request.user, plan.employee)
        actions = selectors.plan_actions(actor=request.user, plan=plan)
        _decorate(plan, request.user, roles, actions)
        suggestions = []
        if "add_activity" in actions:
            suggestions = selectors.plan_suggestions(
                actor=request.user, employee_pk=plan.employee_id, year=plan.year
            )
        context = {
            "plan": plan,
            "actions": actions,
            "totals": selectors.plan_totals(plan),
            "suggestions": suggestions,
            "timeline": _timeline(plan),
        }
        return render_page(request, "learning/plan_detail.html", context)


class PlanEditView(LoginRequiredMixin, View):
    template_name = "learning/plan_form.html"

    def _form(self, request, plan, data=None):
        positions = org_selectors.position_list(actor=request.user).filter(is_active=True).order_by("name")
        initial = {
            "target_position": plan.target_position_id,
            "career_goal": plan.career_goal,
            "employee_note": plan.employee_note,
        }
        return PlanForm(data, positions=positions, initial=initial)

    def get(self, request, pk):
        plan = plan_for(request, pk, "edit")
        return render_page(request, self.template_name, {"plan": plan, "form": self._form(request, plan)})

    def post(self, request, pk):
        plan = plan_for(request, pk, "edit")
        form = self._form(request, plan, request.POST)
        if form.is_valid():
            try:
                services.plan_update(plan=plan, data=dict(form.cleaned_data), actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("IDP tersimpan."))
                return redirect(plan_url(plan))
        return render_page(request, self.template_name, {"plan": plan, "form": form})


def _activity_form(request, plan, data=None, initial=None):
    competencies = selectors.competency_list(actor=request.user).order_by("kind", "sort_order", "name")
    needs = DevelopmentNeed.objects.for_actor(request.user, VIEW).filter(
        employee_id=plan.employee_id, status__in=[NeedStatus.OPEN, NeedStatus.PLANNED]
    )
    return ActivityForm(data, competencies=competencies, needs=needs, initial=initial)


def _catalogue_refs(request, form_data) -> dict:
    """The programme/event an activity comes from, as far as the actor may see them."""
    refs = {}
    if form_data.get("event"):
        refs["event"] = selectors.event_get_for_actor(actor=request.user, pk=form_data["event"])
    elif form_data.get("programme"):
        refs["programme"] = selectors.programme_get_for_actor(actor=request.user, pk=form_data["programme"])
    return refs


class ActivityAddView(LoginRequiredMixin, View):
    """A new activity: free, for a need, or prefilled from the catalogue (?programme= / ?event=)."""

    template_name = "learning/activity_form.html"

    def _initial(self, request, plan) -> dict:
        initial = {"kind": "training"}
        raw_event, raw_prog = request.GET.get("event"), request.GET.get("programme")
        if raw_event:
            event = selectors.event_get_for_actor(actor=request.user, pk=int_or_404(raw_event))
            initial |= {
                "event": event.pk,
                "kind": event.programme.kind,
                "title": event.title,
                "planned_jp": event.jp,
                "planned_start": event.start_date,
                "planned_end": event.end_date,
            }
        elif raw_prog:
            prog = selectors.programme_get_for_actor(actor=request.user, pk=int_or_404(raw_prog))
            initial |= {"programme": prog.pk, "kind": prog.kind, "title": prog.title, "planned_jp": prog.jp}
        if raw_need := request.GET.get("need"):
            need = (
                DevelopmentNeed.objects.for_actor(request.user, VIEW)
                .filter(employee_id=plan.employee_id, pk=int_or_404(raw_need))
                .first()
            )
            if need is not None:
                initial |= {"need": need.pk, "competency": need.competency_id}
        return initial

    def get(self, request, pk):
        plan = plan_for(request, pk, "add_activity")
        form = _activity_form(request, plan, initial=self._initial(request, plan))
        return render_page(request, self.template_name, {"plan": plan, "form": form})

    def post(self, request, pk):
        plan = plan_for(request, pk, "add_activity")
        form = _activity_form(request, plan, request.POST)
        if form.is_valid():
            data = form.service_data() | _catalogue_refs(request, form.cleaned_data)
            try:
                services.plan_activity_add(plan=plan, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Kegiatan ditambahkan ke IDP."))
                return redirect(plan_url(plan, "kegiatan"))
        return render_page(request, self.template_name, {"plan": plan, "form": form})


class ActivityEditView(LoginRequiredMixin, View):
    template_name = "learning/activity_form.html"

    def get(self, request, pk):
        activity, plan = activity_for(request, pk, "edit")
        initial = {
            f: getattr(activity, f)
            for f in ("kind", "title", "planned_jp", "planned_start", "planned_end", "note")
        } | {"competency": activity.competency_id, "need": activity.need_id}
        form = _activity_form(request, plan, initial=initial)
        return render_page(request, self.template_name, {"plan": plan, "form": form, "activity": activity})

    def post(self, request, pk):
        activity, plan = activity_for(request, pk, "edit")
        form = _activity_form(request, plan, request.POST)
        if form.is_valid():
            try:
                services.plan_activity_update(activity=activity, data=form.service_data(), actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Kegiatan tersimpan."))
                return redirect(plan_url(plan, "kegiatan"))
        return render_page(request, self.template_name, {"plan": plan, "form": form, "activity": activity})


class ActivityRemoveView(LoginRequiredMixin, View):
    def post(self, request, pk):
        activity, plan = activity_for(request, pk, "add_activity")
        try:
            services.plan_activity_remove(activity=activity, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, plan_url(plan, "kegiatan"))
        messages.success(request, _("Kegiatan dihapus dari IDP."))
        return redirect(plan_url(plan, "kegiatan"))


class ActivityCancelView(LoginRequiredMixin, View):
    def post(self, request, pk):
        activity, plan = activity_for(request, pk, "add_activity")
        form = NoteForm(request.POST)
        form.is_valid()
        try:
            services.plan_activity_cancel(
                activity=activity, actor=request.user, note=form.cleaned_data.get("note", "")
            )
        except ApplicationError as exc:
            return refuse(request, exc, plan_url(plan, "kegiatan"))
        messages.success(request, _("Kegiatan dibatalkan."))
        return redirect(plan_url(plan, "kegiatan"))


class ActivityCompleteView(LoginRequiredMixin, View):
    """Report (employee) or record (superior/admin) an activity done, with its JP and evidence."""

    template_name = "learning/activity_complete.html"

    def get(self, request, pk):
        activity, plan = activity_for(request, pk, "complete_activity")
        form = ActivityCompleteForm(
            initial={"completed_on": activity.planned_end, "started_on": activity.planned_start}
        )
        return render_page(request, self.template_name, {"plan": plan, "activity": activity, "form": form})

    def post(self, request, pk):
        activity, plan = activity_for(request, pk, "complete_activity")
        form = ActivityCompleteForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                record = services.plan_activity_complete(
                    activity=activity,
                    completed_on=d["completed_on"],
                    started_on=d.get("started_on"),
                    jp=d.get("jp"),
                    evidence=d.get("evidence"),
                    evidence_note=d.get("evidence_note") or "",
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                if record.status == RecordStatus.PENDING:
                    messages.success(
                        request, _("Kegiatan dilaporkan selesai; JP dihitung setelah diverifikasi atasan.")
                    )
                else:
                    messages.success(request, _("Kegiatan selesai; JP tercatat."))
                return redirect(plan_url(plan, "kegiatan"))
        return render_page(request, self.template_name, {"plan": plan, "activity": activity, "form": form})


class PlanActionView(LoginRequiredMixin, View):
    """POST-only workflow step; 404 for roles that may never take it, the service checks the state."""

    action = ""
    form_class = NoteForm
    done = ""

    def run(self, request, plan, note):
        fn = {
            "submit": services.plan_submit,
            "withdraw": services.plan_withdraw,
            "agree": services.plan_agree,
            "return": services.plan_return,
            "reopen": services.plan_reopen,
        }[self.action]
        kwargs = {"note": note} if self.action != "withdraw" else {}
        return fn(plan=plan, actor=request.user, **kwargs)

    def post(self, request, pk):
        plan = plan_for(request, pk, self.action)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(plan_url(plan))
        try:
            self.run(request, plan, form.cleaned_data.get("note") or "")
        except ApplicationError as exc:
            return refuse(request, exc, plan_url(plan))
        messages.success(request, self.done)
        return redirect(plan_url(plan))


PLAN_ACTIONS = {
    "submit": PlanActionView.as_view(action="submit", done=gettext_lazy("IDP diajukan kepada atasan.")),
    "withdraw": PlanActionView.as_view(
        action="withdraw", done=gettext_lazy("Pengajuan IDP ditarik; IDP kembali menjadi draf.")
    ),
    "agree": PlanActionView.as_view(action="agree", done=gettext_lazy("IDP disepakati.")),
    "return": PlanActionView.as_view(
        action="return", form_class=RequiredNoteForm, done=gettext_lazy("IDP dikembalikan dengan catatan.")
    ),
    "reopen": PlanActionView.as_view(action="reopen", done=gettext_lazy("IDP dibuka kembali untuk diubah.")),
}


class RecordVerifyView(LoginRequiredMixin, View):
    """The superior (or an admin) accepts or rejects an activity the employee reported done."""

    def post(self, request, pk):
        record = DevelopmentRecord.objects.select_related("employee").get_for_actor_or_404(
            request.user, VIEW, pk=pk
        )
        if not employee_roles(request.user, record.employee) & wf.VERIFY_RECORD:
            raise Http404
        back = safe_next(request, reverse("learning:approval_queue"))
        form = RecordVerifyForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(back)
        try:
            services.development_record_verify(
                record=record,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except ApplicationError as exc:
            return refuse(request, exc, back)
        messages.success(
            request,
            _("Kegiatan diverifikasi; JP dihitung.")
            if form.cleaned_data["approve"]
            else _("Kegiatan ditolak."),
        )
        return redirect(back)
