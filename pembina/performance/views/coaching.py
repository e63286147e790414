"""Bimbingan kinerja: the list, recording a session, the employee's B.1.8 feedback form, the
superior's B.1.9 competency follow-up and the follow-up record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.org.models import Employee
from pembina.performance import selectors, services
from pembina.performance.forms import (
    CoachingFeedbackForm,
    CoachingFollowUpForm,
    CoachingSessionForm,
    CompetencyRatingsForm,
)
from pembina.performance.models import PerformancePlan
from pembina.performance.rules import coaching as coaching_rules
from pembina.performance.views.common import direct_subordinates


def _coachees(request):
    scope = get_scope(request.user)
    if not scope.employee_id:
        return Employee.objects.none()
    subs = direct_subordinates(employee_id=scope.employee_id, on=timezone.localdate())
    return Employee.objects.filter(pk__in=[e.pk for e in subs]).order_by("name")


def _can_record(request) -> bool:
    scope = get_scope(request.user)
    return bool(scope.employee_id and scope.is_supervisor)


class CoachingListView(LoginRequiredMixin, View):
    def get(self, request):
        page = paginate(request, selectors.coaching_list(actor=request.user))
        context = {"page_obj": page, "sessions": page.object_list, "can_record": _can_record(request)}
        return render_page(request, "performance/coaching_list.html", context)


class CoachingCreateView(LoginRequiredMixin, View):
    """The pejabat penilai records a session with one of the direct subordinates (others: 404)."""

    template_name = "performance/coaching_form.html"

    def _form(self, request, data=None, initial=None):
        if not _can_record(request):
            raise Http404
        return CoachingSessionForm(data, initial=initial, employees=_coachees(request))

    def get(self, request):
        initial = {"held_on": timezone.localdate()}
        if (raw := request.GET.get("employee", "")).isdigit():
            initial["employee"] = int(raw)
        return render_page(request, self.template_name, {"form": self._form(request, initial=initial)})

    def post(self, request):
        form = self._form(request, request.POST)
        if form.is_valid():
            d = dict(form.cleaned_data)
            employee = d.pop("employee")
            plan = (
                PerformancePlan.objects.for_actor(request.user)
                .filter(employee=employee, start_date__lte=d["held_on"], end_date__gte=d["held_on"])
                .first()
            )
            try:
                session = services.coaching_session_create(
                    employee=employee, plan=plan, actor=request.user, **d
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Bimbingan kinerja tercatat."))
                return redirect("performance:coaching_detail", pk=session.pk)
        return render_page(request, self.template_name, {"form": form})


def _session_context(request, session, *, feedback_form=None, ratings_form=None, follow_form=None):
    scope = get_scope(request.user)
    is_employee = scope.employee_id == session.employee_id
    is_coach = scope.write_all or (scope.employee_id and scope.employee_id == session.coach_id)
    ratings = list(session.competency_ratings.all())
    feedback = getattr(session, "feedback_form", None)
    if is_employee and feedback_form is None:
        initial = {}
        if feedback is not None:
            initial = {c: "1" if v else "0" for c, v in feedback.answers.items()}
            initial["comment"] = feedback.comment
        feedback_form = CoachingFeedbackForm(initial=initial)
    if is_coach and ratings_form is None:
        ratings_form = CompetencyRatingsForm(rows=max(5, len(ratings) + 1), initial_rows=ratings)
    if is_coach and follow_form is None:
        fields = ("follow_up", "follow_up_due", "follow_up_done_on", "status")
        follow_form = CoachingFollowUpForm(initial={f: getattr(session, f) for f in fields})
    answers = []
    if feedback is not None:
        for code, _group, statement in coaching_rules.FEEDBACK_CRITERIA:
            answers.append((statement, feedback.answers.get(code)))
    return {
        "session": session,
        "feedback": feedback,
        "answers": answers,
        "ratings": ratings,
        "score_labels": coaching_rules.SCORE_LABELS,
        "feedback_form": feedback_form if is_employee else None,
        "ratings_form": ratings_form if is_coach else None,
        "follow_form": follow_form if is_coach else None,
    }


class CoachingView(LoginRequiredMixin, View):
    template_name = "performance/coaching_detail.html"

    def get(self, request, pk):
        session = selectors.coaching_get_for_actor(actor=request.user, pk=pk)
        return render_page(request, self.template_name, _session_context(request, session))


class CoachingFeedbackView(LoginRequiredMixin, View):
    """Format B.1.8, filled by the coached employee (others: 404)."""

    def post(self, request, pk):
        session = selectors.coaching_get_for_actor(actor=request.user, pk=pk)
        if get_scope(request.user).employee_id != session.employee_id:
            raise Http404
        form = CoachingFeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.coaching_feedback_submit(
                    session=session,
                    answers=form.answers(),
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Terima kasih; umpan balik bimbingan (B.1.8) tersimpan."))
                return redirect("performance:coaching_detail", pk=session.pk)
        context = _session_context(request, session, feedback_form=form)
        return render_page(request, "performance/coaching_detail.html", context)


def _coach_session(request, pk):
    session = selectors.coaching_get_for_actor(actor=request.user, pk=pk)
    scope = get_scope(request.user)
    if not (scope.write_all or (scope.employee_id and scope.employee_id == session.coach_id)):
        raise Http404
    return session


class CoachingRatingsView(LoginRequiredMixin, View):
    """Format B.1.9: the coach rates the competencies worked on (1–5, with reasons)."""

    def post(self, request, pk):
        session = _coach_session(request, pk)
        raw = request.POST.get("rows", "")
        rows = min(int(raw), 20) if raw.isdigit() and int(raw) > 0 else 5
        form = CompetencyRatingsForm(request.POST, rows=rows)
        if form.is_valid():
            try:
                services.competency_ratings_set(session=session, rows=form.rows(), actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Evaluasi kompetensi (B.1.9) tersimpan."))
                return redirect("performance:coaching_detail", pk=session.pk)
        context = _session_context(request, session, ratings_form=form)
        return render_page(request, "performance/coaching_detail.html", context)


class CoachingFollowUpView(LoginRequiredMixin, View):
    def post(self, request, pk):
        session = _coach_session(request, pk)
        form = CoachingFollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.coaching_session_update(session=session, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Tindak lanjut bimbingan tersimpan."))
                return redirect("performance:coaching_detail", pk=session.pk)
        context = _session_context(request, session, follow_form=form)
        return render_page(request, "performance/coaching_detail.html", context)
