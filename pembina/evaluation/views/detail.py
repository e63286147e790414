"""One evaluation: the IKI achievements, the suggestion, the rating forms, 360°, calibration,
publication, lock, the appeal, the timeline and the employee's development beside the results;
and the actions posted from it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import render_page
from pembina.evaluation import selectors, services
from pembina.evaluation.choices import Predicate, Rating
from pembina.evaluation.forms import CalibrateForm, InviteForm, RateForm
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.evaluation.rules.workflow import OWNER, RATER, TEAM
from pembina.evaluation.views.common import evaluation_for, evaluation_url, refuse

TEMPLATE = "evaluation/evaluation_detail.html"


def core_values() -> list:
    from pembina.performance.models import CoreValue

    return list(CoreValue.objects.order_by("order"))


def _on(evaluation) -> dt.date:
    return evaluation.period.end if evaluation.period_id else evaluation.plan.end_date


def invite_candidates(evaluation) -> list:
    """Peers (the same pejabat penilai) and subordinates (rated by the employee) on the period's end."""
    from pembina.performance.selectors import direct_subordinates

    on = _on(evaluation)
    people = {}
    if evaluation.rater_id:
        for e in direct_subordinates(employee_id=evaluation.rater_id, on=on):
            if e.pk != evaluation.employee_id:
                e.relation_label = _("Rekan kerja")
                people[e.pk] = e
    for e in direct_subordinates(employee_id=evaluation.employee_id, on=on):
        e.relation_label = _("Bawahan")
        people[e.pk] = e
    return sorted(people.values(), key=lambda e: e.name)


def _development(request, evaluation):
    """The employee's development activities of the year (None when learning keeps them out of sight)."""
    from pembina.learning.selectors import employee_development_activities

    try:
        return employee_development_activities(
            actor=request.user, employee_pk=evaluation.employee_id, year=evaluation.year.year
        )
    except Http404:
        return None


def _suggestion_text(e) -> str:
    if not e.suggested_rating:
        return _("Belum ada realisasi IKI: sistem belum dapat menyarankan rating.")
    known = e.indicators_above + e.indicators_meets + e.indicators_below
    text = _(
        "%(a)s dari %(k)s IKI berdata di atas ekspektasi, %(m)s sesuai, %(b)s di bawah ekspektasi"
        " (%(mb)s IKI utama di bawah ekspektasi)."
    ) % {
        "a": e.indicators_above,
        "k": known,
        "m": e.indicators_meets,
        "b": e.indicators_below,
        "mb": e.main_below,
    }
    rule = _(
        "Aturan saran: di atas bila sebagian besar IKI di atas ekspektasi dan tidak ada IKI utama di bawah; "
        "di bawah bila sebagian besar IKI di bawah; selain itu sesuai. Pejabat penilai yang memutuskan."
    )
    return f"{text} {rule}"


def _matrix_json() -> dict:
    return {
        "cells": {f"{r}|{b}": str(Predicate(p).label) for (r, b), p in predicate_rules.MATRIX.items()},
        "codes": {f"{r}|{b}": p for (r, b), p in predicate_rules.MATRIX.items()},
    }


def _iki_chart(rows, settings) -> dict:
    """Progress per IKI against the two thresholds (what the suggestion reads)."""
    shown = [r for r in rows if r.progress is not None]
    return {
        "labels": [r.name if len(r.name) <= 60 else r.name[:57] + "…" for r in shown],
        "values": [float(r.progress) for r in shown],
        "bands": [r.band for r in shown],
        "above_min": float(settings.iki_above_min),
        "meets_min": float(settings.iki_meets_min),
        "label_values": str(_("Capaian (%)")),
        "label_above": str(_("Di atas ekspektasi mulai")),
        "label_meets": str(_("Sesuai ekspektasi mulai")),
    }


def _matrix_rows(e) -> list:
    """The predicate matrix as a table (rows: hasil kerja best first; columns: perilaku worst first),
    the evaluation's own cell marked."""
    order = [Rating.ABOVE, Rating.MEETS, Rating.BELOW]
    cols = [Rating.BELOW, Rating.MEETS, Rating.ABOVE]
    out = []
    for r in order:
        cells = []
        for b in cols:
            code = predicate_rules.MATRIX[(r.value, b.value)]
            cells.append(
                {
                    "code": code,
                    "label": Predicate(code).label,
                    "key": f"{r.value}|{b.value}",
                    "current": e.rating_result == r.value and e.rating_behaviour == b.value,
                }
            )
        out.append({"rating": r, "cells": cells})
    return out


def _aggregate_rows(detail) -> list:
    if detail.aggregate_360 is None:
        return []
    names = {row.value.code: row.value.name for row in detail.behaviour}
    return [(names.get(v.value, v.value), v) for v in detail.aggregate_360.values]


def render_detail(request, pk, *, rate_form=None, invite_form=None, calibrate_form=None, status=200):
    detail = selectors.evaluation_detail(actor=request.user, pk=pk)
    e = detail.evaluation
    actions = set(detail.actions)
    if e.is_locked:
        actions = set()  # nothing changes a final evaluation; the page only reads
    values = [row.value for row in detail.behaviour]
    unit_rating = e.unit_rating if e.is_unit_head else ""
    if "rate" in actions and rate_form is None:
        initial = {
            "rating_result": e.rating_result or (unit_rating or ""),
            "result_justification": e.result_justification,
            "rating_behaviour": e.rating_behaviour,
            "behaviour_justification": e.behaviour_justification,
        }
        initial.update({f"feedback_{row.value.code}": row.feedback for row in detail.behaviour})
        rate_form = RateForm(initial=initial, values=values, unit_rating=unit_rating)
    candidates = []
    if "invite_360" in actions:
        candidates = invite_candidates(e)
        for c in candidates:
            c.already_invited = c.pk in detail.invited_360_ids
        invite_form = invite_form or InviteForm(candidates=[c for c in candidates if not c.already_invited])
    if "calibrate" in actions and calibrate_form is None:
        calibrate_form = CalibrateForm()
    today = timezone.localdate()
    days_left = (e.appeal_deadline - today).days if e.appeal_deadline else None
    roles = detail.roles
    settings = selectors.evaluation_settings_for(instansi_id=e.instansi_id)
    context = {
        "settings": settings,
        "floor_360": max(3, settings.min_360_respondents),
        "iki_chart": _iki_chart(detail.indicators, settings),
        "matrix_rows": _matrix_rows(e),
        "detail": detail,
        "evaluation": e,
        "actions": actions,
        "roles": roles,
        "is_owner": OWNER in roles,
        "sees_360": bool(roles & {RATER, TEAM}),
        "rate_form": rate_form if "rate" in actions else None,
        "invite_form": invite_form if "invite_360" in actions else None,
        "candidates": candidates,
        "calibrate_form": calibrate_form if "calibrate" in actions else None,
        "suggestion_text": _suggestion_text(e),
        "matrix": _matrix_json(),
        "ratings": Rating,
        "days_left": days_left,
        "today": today,
        "development": _development(request, e),
        "can_appeal": "appeal" in actions
        and detail.appeal is None
        and days_left is not None
        and days_left >= 0,
        "behaviour_fields": [(row, rate_form[f"feedback_{row.value.code}"]) for row in detail.behaviour]
        if rate_form is not None and "rate" in actions
        else [],
        "aggregate_rows": _aggregate_rows(detail),
    }
    return render_page(request, TEMPLATE, context, status=status)


class EvaluationView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return render_detail(request, pk)


class EvaluationRateView(LoginRequiredMixin, View):
    """POST: the pejabat penilai's ratings, reasons and BerAKHLAK feedback."""

    def post(self, request, pk):
        e = evaluation_for(request, pk, "rate")
        unit_rating = e.unit_rating if e.is_unit_head else ""
        form = RateForm(request.POST, values=core_values(), unit_rating=unit_rating)
        if not form.is_valid():
            return render_detail(request, pk, rate_form=form, status=400)
        d = form.cleaned_data
        try:
            e = services.evaluation_rate(
                evaluation=e,
                actor=request.user,
                rating_result=d["rating_result"],
                result_justification=d["result_justification"],
                rating_behaviour=d["rating_behaviour"],
                behaviour_justification=d["behaviour_justification"],
                behaviour_feedback=form.behaviour_feedback(),
            )
        except ApplicationError as exc:
            form.add_application_error(exc)
            return render_detail(request, pk, rate_form=form, status=400)
        if e.predicate:
            messages.success(
                request, _("Penilaian disimpan. Predikat kinerja: %(p)s.") % {"p": e.get_predicate_display()}
            )
        else:
            messages.success(request, _("Penilaian disimpan sebagai konsep (kedua rating belum lengkap)."))
        return redirect(evaluation_url(e, "predikat"))


class EvaluationRefreshView(LoginRequiredMixin, View):
    def post(self, request, pk):
        e = evaluation_for(request, pk, "refresh")
        try:
            services.evaluation_refresh(evaluation=e, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, evaluation_url(e))
        messages.success(request, _("Capaian IKI dihitung ulang dari realisasi terbaru."))
        return redirect(evaluation_url(e, "capaian"))


class EvaluationInviteView(LoginRequiredMixin, View):
    """POST: ask peers and subordinates for anonymous 360° input."""

    def post(self, request, pk):
        e = evaluation_for(request, pk, "invite_360")
        form = InviteForm(request.POST, candidates=invite_candidates(e))
        if not form.is_valid():
            return render_detail(request, pk, invite_form=form, status=400)
        try:
            created = services.feedback360_invite(
                evaluation=e, respondents=list(form.cleaned_data["respondents"]), actor=request.user
            )
        except ApplicationError as exc:
            form.add_application_error(exc)
            return render_detail(request, pk, invite_form=form, status=400)
        messages.success(request, _("%(n)s orang diminta memberi masukan 360°.") % {"n": len(created)})
        return redirect(evaluation_url(e, "masukan-360"))


class EvaluationCalibrateView(LoginRequiredMixin, View):
    """POST: the Tim Penilai Kinerja adjusts a rating with a reason."""

    def post(self, request, pk):
        e = evaluation_for(request, pk, "calibrate")
        form = CalibrateForm(request.POST)
        back = request.POST.get("back") == "calibration"
        if not form.is_valid():
            if back:
                messages.error(request, _("Tuliskan alasan kalibrasi."))
                return redirect(_calibration_url(e))
            return render_detail(request, pk, calibrate_form=form, status=400)
        try:
            services.evaluation_calibrate(
                evaluation=e,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                rating_result=form.cleaned_data["rating_result"] or None,
                rating_behaviour=form.cleaned_data["rating_behaviour"] or None,
            )
        except ApplicationError as exc:
            if back:
                return refuse(request, exc, _calibration_url(e))
            form.add_application_error(exc)
            return render_detail(request, pk, calibrate_form=form, status=400)
        e.refresh_from_db()
        messages.success(
            request,
            _("Kalibrasi dicatat untuk %(n)s. Predikat kini: %(p)s.")
            % {"n": e.employee.full_name, "p": e.get_predicate_display()},
        )
        return redirect(_calibration_url(e) if back else evaluation_url(e, "kalibrasi"))


def _calibration_url(e) -> str:
    from django.urls import reverse

    url = f"{reverse('evaluation:calibration')}?year={e.year.year}&opd={e.opd_id}"
    if e.period_id:
        url += f"&period={e.period.number}"
    return url


class EvaluationPublishView(LoginRequiredMixin, View):
    def post(self, request, pk):
        e = evaluation_for(request, pk, "publish")
        try:
            report = services.evaluation_publish(evaluation=e, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, evaluation_url(e))
        for v in report.violations:
            messages.warning(request, v.message)
        messages.success(request, _("Evaluasi diumumkan kepada pegawai; masa keberatan dimulai."))
        return redirect(evaluation_url(e))


class EvaluationLockView(LoginRequiredMixin, View):
    def post(self, request, pk):
        e = evaluation_for(request, pk, "lock")
        try:
            services.evaluation_lock(evaluation=e, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, evaluation_url(e))
        messages.success(request, _("Evaluasi final dan dikunci; tindak lanjut dicatat."))
        return redirect(evaluation_url(e))
