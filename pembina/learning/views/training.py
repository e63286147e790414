"""The training catalogue and events: programme and event pages, adding one to the IDP, enrolment and
its two approvals (superior, BKPSDM), the organiser's attendance, scores and completion, and the
participant's reaction evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.learning import selectors, services
from pembina.learning.choices import EnrolmentStatus, EventStatus
from pembina.learning.filtersets import EventFilter, ProgrammeFilter
from pembina.learning.forms import DecisionForm, EnrolForm, EnrolmentResultForm, EvaluationForm, NoteForm
from pembina.learning.models import Enrolment, EventEvaluation, ProgrammeCompetency
from pembina.learning.permissions import enrolment_roles
from pembina.learning.rules import workflow as wf
from pembina.learning.services._common import today
from pembina.learning.services.training import ACTION_LABELS
from pembina.learning.views.common import first_error, refuse, safe_next


def event_url(event_or_pk, anchor: str = "") -> str:
    url = reverse("learning:event_detail", args=[getattr(event_or_pk, "pk", event_or_pk)])
    return f"{url}#{anchor}" if anchor else url


def enrolment_url(enrolment_or_pk) -> str:
    return reverse("learning:enrolment_detail", args=[getattr(enrolment_or_pk, "pk", enrolment_or_pk)])


class ProgrammeListView(LoginRequiredMixin, View):
    def get(self, request):
        form = ProgrammeFilter(request.GET)
        links = ProgrammeCompetency.objects.select_related("competency").order_by("competency__name")
        qs = selectors.programme_list(actor=request.user, filters=form.filters()).prefetch_related(
            Prefetch("competency_links", queryset=links)
        )
        page = paginate(request, qs)
        return render_page(request, "learning/programme_list.html", {"form": form, "page_obj": page})


class ProgrammeView(LoginRequiredMixin, View):
    def get(self, request, pk):
        programme = selectors.programme_get_for_actor(actor=request.user, pk=pk)
        events = list(
            selectors.event_list(actor=request.user, filters={"programme": programme.pk, "upcoming": True})[
                :50
            ]
        )
        context = {"programme": programme, "events": events, "can_plan": bool(request.user.employee_id)}
        return render_page(request, "learning/programme_detail.html", context)


class EventListView(LoginRequiredMixin, View):
    def get(self, request):
        form = EventFilter(request.GET)
        page = paginate(request, selectors.event_list(actor=request.user, filters=form.filters()))
        return render_page(request, "learning/event_list.html", {"form": form, "page_obj": page})


class EventView(LoginRequiredMixin, View):
    """The event: facts, the actor's own enrolment and actions; for its managers, the participants with
    attendance, scores, completion, and the reaction/learning summary."""

    def get(self, request, pk):
        event = selectors.event_get_for_actor(actor=request.user, pk=pk)
        manage = selectors.event_can_manage(actor=request.user, event=event)
        mine = None
        if request.user.employee_id:
            mine = Enrolment.objects.filter(event=event, employee_id=request.user.employee_id).first()
        participants = []
        if manage:
            participants = list(selectors.event_participants(actor=request.user, event_pk=event.pk))
            for e in participants:
                e.actions = wf.actions_for(wf.ENROLMENT_RULES, {wf.MANAGER}, e.status)
        can_enrol = (
            bool(request.user.employee_id)
            and event.status == EventStatus.OPEN
            and today() <= (event.enrolment_deadline or event.start_date)
            and (mine is None or mine.status in wf.REOPENABLE)
        )
        context = {
            "event": event,
            "manage": manage,
            "mine": mine,
            "can_enrol": can_enrol,
            "enrol_form": EnrolForm(),
            "participants": participants,
            "summary": selectors.event_evaluation_summary(actor=request.user, event_pk=event.pk)
            if manage
            else None,
            "evaluation_items": [
                (item, EventEvaluation._meta.get_field(item).verbose_name) for item in EventEvaluation.ITEMS
            ],
        }
        return render_page(request, "learning/event_detail.html", context)


class EventEnrolView(LoginRequiredMixin, View):
    """POST: the employee asks to join; the request goes to the superior."""

    def post(self, request, pk):
        event = selectors.event_get_for_actor(actor=request.user, pk=pk)
        employee = getattr(request.user, "employee", None)
        if employee is None:
            raise Http404
        form = EnrolForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(event_url(event))
        try:
            enrolment = services.enrolment_request(
                event=event, employee=employee, motivation=form.cleaned_data["motivation"], actor=request.user
            )
        except ApplicationError as exc:
            return refuse(request, exc, event_url(event))
        messages.success(request, _("Pendaftaran diajukan; menunggu persetujuan atasan lalu BKPSDM."))
        return redirect(enrolment_url(enrolment))


class AddToPlanView(LoginRequiredMixin, View):
    """POST: put a programme or an event into the actor's own IDP of its year (created when missing)."""

    source = "event"

    def post(self, request, pk):
        employee = getattr(request.user, "employee", None)
        if employee is None:
            raise Http404
        if self.source == "event":
            event = selectors.event_get_for_actor(actor=request.user, pk=pk)
            year, data, back = (
                event.start_date.year,
                {"event": event, "programme": event.programme},
                event_url(event),
            )
        else:
            prog = selectors.programme_get_for_actor(actor=request.user, pk=pk)
            year, data = today().year, {"programme": prog}
            back = reverse("learning:programme_detail", args=[prog.pk])
        try:
            plan = services.plan_create(employee=employee, year=year, actor=request.user)
            services.plan_activity_add(plan=plan, data=data, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, back)
        messages.success(request, _("Ditambahkan ke IDP %(y)s Anda.") % {"y": year})
        return redirect(safe_next(request, reverse("learning:plan_detail", args=[plan.pk]) + "#kegiatan"))


class EventStatusView(LoginRequiredMixin, View):
    """POST: open/close registration, finish, or cancel (with a reason) — the event's managers only."""

    def post(self, request, pk):
        event = selectors.event_get_for_actor(actor=request.user, pk=pk)
        if not selectors.event_can_manage(actor=request.user, event=event):
            raise Http404
        action = request.POST.get("action", "")
        form = NoteForm(request.POST)
        form.is_valid()
        try:
            services.event_set_status(
                event=event, action=action, note=form.cleaned_data.get("note", ""), actor=request.user
            )
        except ApplicationError as exc:
            return refuse(request, exc, event_url(event))
        messages.success(request, _("Status penyelenggaraan diperbarui."))
        return redirect(event_url(event))


def enrolment_for(request, pk, actions: tuple[str, ...]):
    """The enrolment if in sight (404 otherwise) and the actor holds a role that may ever take one of
    `actions` (404 otherwise); the state is the service's to check."""
    enrolment = selectors.enrolment_get_for_actor(actor=request.user, pk=pk)
    roles = enrolment_roles(request.user, enrolment)
    if not any(roles & wf.ENROLMENT_RULES[a][0] for a in actions):
        raise Http404
    return enrolment


def _timeline(enrolment) -> list:
    statuses = dict(EnrolmentStatus.choices)
    events = list(enrolment.events.all())
    for ev in events:
        ev.label = ACTION_LABELS.get(ev.action, ev.action)
        ev.status_label = statuses.get(ev.to_status, "") if ev.to_status != ev.from_status else ""
    return events


class EnrolmentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        enrolment = selectors.enrolment_get_for_actor(actor=request.user, pk=pk)
        actions = selectors.enrolment_actions(actor=request.user, enrolment=enrolment)
        evaluated = EventEvaluation.objects.filter(enrolment=enrolment).exists()
        certificate = (
            getattr(enrolment, "certificate", None) if enrolment.status == EnrolmentStatus.COMPLETED else None
        )
        context = {
            "enrolment": enrolment,
            "event": enrolment.event,
            "actions": actions,
            "timeline": _timeline(enrolment),
            "evaluated": evaluated,
            "certificate": certificate,
        }
        return render_page(request, "learning/enrolment_detail.html", context)


ENROLMENT_DONE = {
    "withdraw": gettext_lazy("Pendaftaran ditarik."),
    "superior_approve": gettext_lazy("Pengajuan disetujui; diteruskan ke BKPSDM."),
    "superior_reject": gettext_lazy("Pengajuan ditolak."),
    "approve": gettext_lazy("Peserta disetujui."),
    "reject": gettext_lazy("Pengajuan ditolak."),
    "cancel": gettext_lazy("Keikutsertaan dibatalkan."),
}


class EnrolmentActionView(LoginRequiredMixin, View):
    """POST: one decision on an enrolment; `next` brings the actor back to the queue they came from."""

    action = ""

    def run(self, request, enrolment, note):
        a, u = self.action, request.user
        if a == "withdraw":
            return services.enrolment_withdraw(enrolment=enrolment, actor=u, note=note)
        if a in ("superior_approve", "superior_reject"):
            return services.enrolment_superior_decide(
                enrolment=enrolment, approve=a == "superior_approve", actor=u, note=note
            )
        if a in ("approve", "reject"):
            return services.enrolment_bkpsdm_decide(
                enrolment=enrolment, approve=a == "approve", actor=u, note=note
            )
        return services.enrolment_cancel(enrolment=enrolment, actor=u, note=note)

    def post(self, request, pk):
        enrolment = enrolment_for(request, pk, (self.action,))
        back = safe_next(request, enrolment_url(enrolment))
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(back)
        try:
            self.run(request, enrolment, form.cleaned_data["note"])
        except ApplicationError as exc:
            return refuse(request, exc, back)
        messages.success(request, ENROLMENT_DONE[self.action])
        return redirect(back)


class EnrolmentResultView(LoginRequiredMixin, View):
    """POST (organiser): attendance and pre/post-test scores of one participant."""

    def post(self, request, pk):
        enrolment = enrolment_for(request, pk, ("attendance", "scores"))
        back = event_url(enrolment.event, "peserta")
        form = EnrolmentResultForm(request.POST)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return redirect(back)
        d = form.cleaned_data
        try:
            if d.get("attendance") is not None and d["attendance"] != enrolment.attendance_percent:
                enrolment = services.enrolment_attendance_record(
                    enrolment=enrolment, percent=d["attendance"], actor=request.user
                )
            if d.get("pre_test") is not None or d.get("post_test") is not None:
                services.enrolment_scores_record(
                    enrolment=enrolment,
                    pre_test=d.get("pre_test"),
                    post_test=d.get("post_test"),
                    actor=request.user,
                )
        except ApplicationError as exc:
            return refuse(request, exc, back)
        messages.success(request, _("Data peserta %(n)s tersimpan.") % {"n": enrolment.employee.full_name})
        return redirect(back)


class EnrolmentCompleteView(LoginRequiredMixin, View):
    """POST (organiser): decide the result; a pass issues the certificate and records JP."""

    def post(self, request, pk):
        enrolment = enrolment_for(request, pk, ("complete",))
        back = event_url(enrolment.event, "peserta")
        try:
            enrolment = services.enrolment_complete(enrolment=enrolment, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, back)
        if enrolment.status == EnrolmentStatus.COMPLETED:
            messages.success(
                request,
                _("%(n)s lulus; sertifikat terbit dan JP tercatat.") % {"n": enrolment.employee.full_name},
            )
        else:
            messages.warning(
                request, _("%(n)s belum memenuhi syarat kelulusan.") % {"n": enrolment.employee.full_name}
            )
        return redirect(back)


class EnrolmentEvaluateView(LoginRequiredMixin, View):
    template_name = "learning/enrolment_evaluate.html"

    def get(self, request, pk):
        enrolment = enrolment_for(request, pk, ("evaluate",))
        return render_page(request, self.template_name, {"enrolment": enrolment, "form": EvaluationForm()})

    def post(self, request, pk):
        enrolment = enrolment_for(request, pk, ("evaluate",))
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                services.event_evaluation_submit(
                    enrolment=enrolment,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Terima kasih; evaluasi penyelenggaraan tersimpan."))
                return redirect(enrolment_url(enrolment))
        return render_page(request, self.template_name, {"enrolment": enrolment, "form": form})


class BkpsdmQueueView(LoginRequiredMixin, View):
    """Requests the superiors approved, waiting for BKPSDM (seats per event shown)."""

    def get(self, request):
        if not get_scope(request.user).write_all:
            raise Http404
        page = paginate(request, selectors.enrolments_awaiting_bkpsdm(actor=request.user))
        return render_page(request, "learning/bkpsdm_queue.html", {"page_obj": page})
