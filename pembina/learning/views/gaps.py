"""The biggest competency gaps of an OPD and of the city (chart + table) for training-budget planning,
and the refresh of the materialised gap table as a background job."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.jobs.services import job_enqueue
from pembina.core.scoping import get_scope
from pembina.core.views.base import render_page
from pembina.learning import selectors
from pembina.learning.models import CompetencyGap
from pembina.learning.views.common import int_or_404, learning_opds, opd_param

CHART_ROWS = 15


def gap_chart(rows) -> dict:
    top = rows[:CHART_ROWS]
    return {
        "labels": [r.name for r in top],
        "series": [
            {"label": _("Pegawai dengan kesenjangan"), "data": [r.with_gap for r in top], "color": "#dc3545"},
            {"label": _("Belum dinilai"), "data": [r.not_assessed for r in top], "color": "#adb5bd"},
        ],
    }


def _refreshed_at(instansi_id):
    return CompetencyGap.objects.filter(instansi_id=instansi_id).aggregate(m=Max("refreshed_at"))["m"]


class GapOpdView(LoginRequiredMixin, View):
    """One OPD (?opd=): per competency, how many staff fall short of their position's standard."""

    def get(self, request):
        opds = learning_opds(request.user)
        opd = opd_param(request, opds)
        rows = selectors.gap_overview(actor=request.user, opd_pk=opd.pk)
        context = {
            "opds": opds,
            "opd": opd,
            "rows": rows,
            "chart": gap_chart(rows),
            "refreshed_at": _refreshed_at(opd.instansi_id),
            "scope_label": opd.name,
        }
        return render_page(request, "learning/gap_overview.html", context)


class GapCityView(LoginRequiredMixin, View):
    """The whole city (read-all roles); ?competency= drills one competency down by OPD."""

    def get(self, request):
        scope = get_scope(request.user)
        if not scope.read_all:
            raise Http404
        rows = selectors.gap_overview(actor=request.user)
        drill, by_opd = None, []
        if raw := request.GET.get("competency"):
            pk = int_or_404(raw)
            drill = next((r for r in rows if r.competency_id == pk), None)
            if drill is None:
                raise Http404
            by_opd = selectors.gap_overview_by_opd(actor=request.user, competency_pk=pk)
        context = {
            "city": True,
            "rows": rows,
            "chart": gap_chart(rows),
            "drill": drill,
            "by_opd": by_opd,
            "refreshed_at": _refreshed_at(scope.instansi_id),
            "scope_label": _("Seluruh OPD"),
        }
        return render_page(request, "learning/gap_overview.html", context)


class GapRefreshView(LoginRequiredMixin, View):
    """POST (BKPSDM): recompute the JP summaries and the gap table in the background."""

    def post(self, request):
        scope = get_scope(request.user)
        if not scope.write_all:
            raise Http404
        job = job_enqueue(
            handler="pembina.learning.tasks.run_learning_refresh",
            title=_("Perbarui rekap JP dan tabel kesenjangan kompetensi"),
            actor=request.user,
            params={"instansi_id": scope.instansi_id},
        )
        return redirect("core:job_detail", pk=job.pk)
