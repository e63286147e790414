"""Calibration of an OPD (distribution against the curve of its own predicate, raters compared,
ratings adjusted with a reason, bulk publication after the curve warnings), the talent 9-box and the
follow-up list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.evaluation import selectors, services
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, OrgPredicate, Predicate
from pembina.evaluation.forms import RATING_CHOICES
from pembina.evaluation.permissions import can_calibrate_opd
from pembina.evaluation.rules import curve as curve_rules
from pembina.evaluation.rules import ninebox
from pembina.evaluation.selectors import evaluation_opds
from pembina.evaluation.views.common import (
    opd_for,
    period_for,
    refuse,
    require,
    years_for,
)

BEST_FIRST = list(Predicate.values)


def curve_chart(dist) -> dict:
    """Bars: the share of each predicate (best first); markers: the bounds the curve puts on a single
    predicate (rules over several predicates are listed in the table beside the chart)."""
    shares = curve_chart_shares(dist)
    upper: list = [None] * len(BEST_FIRST)
    lower: list = [None] * len(BEST_FIRST)
    if dist.org_predicate:
        for rule in curve_rules.CURVES[dist.org_predicate]:
            if len(rule.predicates) != 1:
                continue
            i = BEST_FIRST.index(next(iter(rule.predicates)))
            if rule.kind == curve_rules.AT_MOST:
                upper[i] = rule.percent
            elif rule.kind == curve_rules.AT_LEAST:
                lower[i] = rule.percent
    violated = {p for v in dist.violations for p in v.rule.predicates}
    return {
        "labels": [str(Predicate(p).label) for p in BEST_FIRST],
        "counts": [dist.counts.get(p, 0) for p in BEST_FIRST],
        "shares": shares,
        "upper": upper,
        "lower": lower,
        "violated": [p in violated for p in BEST_FIRST],
        "label_share": str(_("Pegawai (%)")),
        "label_upper": str(_("Batas paling banyak (%)")),
        "label_lower": str(_("Batas paling sedikit (%)")),
    }


def curve_chart_shares(dist) -> list:
    total = dist.total
    return [round(100 * dist.counts.get(p, 0) / total, 1) if total else 0 for p in BEST_FIRST]


def curve_rows(dist) -> list[dict]:
    if not dist.org_predicate:
        return []
    counts = dist.counts
    out = []
    for rule in curve_rules.CURVES[dist.org_predicate]:
        count = sum(counts.get(p, 0) for p in rule.predicates)
        out.append(
            {
                "text": rule.describe(),
                "count": count,
                "share": round(100 * count / dist.total, 1) if dist.total else 0,
                "holds": curve_rules.rule_holds(rule, count, dist.total),
            }
        )
    return out


class CalibrationView(LoginRequiredMixin, View):
    """Per OPD and year (or period): the distribution chart against the curve, the raters side by
    side and the rated evaluations with an adjust form for the Tim Penilai Kinerja."""

    def get(self, request):
        year, years = years_for(request)
        opds = evaluation_opds(request.user)
        require(bool(opds))
        opd = opd_for(request, opds)
        if year is None:
            return render_page(request, "evaluation/calibration.html", {"year": None, "years": years})
        period = period_for(request, year)
        dist = selectors.distribution(actor=request.user, year=year, opd=opd, period=period)
        raters = selectors.rater_comparison(actor=request.user, year=year, opd=opd, period=period)
        filters = {
            "year": year,
            "opd": opd,
            "kind": EvaluationKind.PERIODIC if period else EvaluationKind.ANNUAL,
            "period": period.pk if period else None,
        }
        status = request.GET.get("status") or EvaluationStatus.RATED
        if status in EvaluationStatus.values:
            filters["status"] = status
        qs = selectors.evaluation_list(actor=request.user, filters=filters)
        if period is None:
            qs = qs.filter(period__isnull=True)
        page = paginate(request, qs)
        context = {
            "year": year,
            "years": years,
            "opds": opds,
            "opd": opd,
            "period": period,
            "periods": list(year.periods.order_by("number")),
            "dist": dist,
            "chart": curve_chart(dist),
            "rules": curve_rows(dist),
            "rater_rows": [
                {
                    "rater": r.rater,
                    "cells": [r.counts.get(p, 0) for p in BEST_FIRST],
                    "total": r.total,
                    "mean_achievement": r.mean_achievement,
                    "very_good_share": r.very_good_share,
                }
                for r in raters
            ],
            "table": list(
                zip(
                    (str(Predicate(p).label) for p in BEST_FIRST),
                    (dist.counts.get(p, 0) for p in BEST_FIRST),
                    curve_chart_shares(dist),
                    (any(p in v.rule.predicates for v in dist.violations) for p in BEST_FIRST),
                    strict=True,
                )
            ),
            "predicates": [(p, Predicate(p).label) for p in BEST_FIRST],
            "page_obj": page,
            "status": status,
            "statuses": EvaluationStatus.choices,
            "can_team": can_calibrate_opd(request.user, opd),
            "rating_choices": RATING_CHOICES,
            "org_predicate_label": OrgPredicate(dist.org_predicate).label if dist.org_predicate else "",
        }
        return render_page(request, "evaluation/calibration.html", context)


class CalibrationPublishView(LoginRequiredMixin, View):
    """POST: publish every rated evaluation of the OPD at once; with curve warnings the team confirms
    having read them first (a blocking curve refuses in the service)."""

    def post(self, request):
        year, _years = years_for(request)
        opds = evaluation_opds(request.user)
        require(bool(opds))
        opd = opd_for(request, opds)
        require(year is not None and can_calibrate_opd(request.user, opd))
        period = period_for(request, year)
        back = f"{reverse('evaluation:calibration')}?year={year.year}&opd={opd.pk}"
        if period is not None:
            back += f"&period={period.number}"
        dist = selectors.distribution(actor=request.user, year=year, opd=opd, period=period)
        if dist.violations and not request.POST.get("confirm"):
            messages.error(
                request, _("Baca peringatan pola distribusi lalu centang konfirmasi sebelum mengumumkan.")
            )
            return redirect(back)
        try:
            report = services.evaluations_publish(year=year, opd=opd, period=period, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, back)
        for v in report.violations:
            messages.warning(request, v.message)
        messages.success(request, _("%(n)s evaluasi diumumkan.") % {"n": len(report.published)})
        return redirect(back)


def _heat(n: int, top: int) -> int:
    if not n:
        return 0
    return min(4, 1 + (3 * n) // max(top, 1))


class NineBoxView(LoginRequiredMixin, View):
    """Talent 9-box: annual predicate × potential score, numbered as the regulation does."""

    GRID = [[4, 7, 9], [2, 5, 8], [1, 3, 6]]

    def get(self, request):
        year, years = years_for(request)
        opds = evaluation_opds(request.user)
        require(bool(opds))
        scope = get_scope(request.user)
        raw = (request.GET.get("opd") or "").strip()
        city_wide = (scope.read_all or scope.write_all) and not raw
        opd = None if city_wide else opd_for(request, opds)
        if year is None:
            return render_page(request, "evaluation/nine_box.html", {"year": None, "years": years})
        box = selectors.nine_box(actor=request.user, year=year, opd=opd)
        top = max(box.counts.values()) if box.counts else 0
        labels = box.chart.get("rows", [])
        grid = [
            {
                "label": labels[i] if i < len(labels) else "",
                "cells": [
                    {
                        "box": n,
                        "count": box.counts.get(n, 0),
                        "label": ninebox.BOX_LABELS[n],
                        "heat": _heat(box.counts.get(n, 0), top),
                        "pool": n in ninebox.TALENT_POOL,
                    }
                    for n in row
                ],
            }
            for i, row in enumerate(self.GRID)
        ]
        selected = request.GET.get("box", "")
        cells = [(n, ninebox.BOX_LABELS[n], box.cells[n]) for n in (9, 8, 7, 6, 5, 4, 3, 2, 1)]
        if selected.isdigit() and 1 <= int(selected) <= 9:
            cells = [c for c in cells if c[0] == int(selected)]
        context = {
            "year": year,
            "years": years,
            "opds": opds,
            "opd": opd,
            "city_wide": city_wide,
            "box": box,
            "grid": grid,
            "columns": box.chart.get("columns", []),
            "city_wide_allowed": bool(scope.read_all or scope.write_all),
            "perms_import": bool(scope.write_all or scope.admin_unit_paths),
            "cells": cells,
            "selected": selected,
        }
        return render_page(request, "evaluation/nine_box.html", context)


class FollowUpListView(LoginRequiredMixin, View):
    """Tindak lanjut of final evaluations: credit-point %, TPP component, development need."""

    def get(self, request):
        year, years = years_for(request)
        opds = evaluation_opds(request.user)
        scope = get_scope(request.user)
        require(bool(opds))
        raw = (request.GET.get("opd") or "").strip()
        opd = opd_for(request, opds) if raw or not (scope.read_all or scope.write_all) else None
        rows = selectors.follow_up_list(actor=request.user, year=year, opd=opd) if year else []
        page = paginate(request, rows)
        return render_page(
            request,
            "evaluation/follow_up_list.html",
            {"year": year, "years": years, "opds": opds, "opd": opd, "page_obj": page},
        )
