"""The 20 JP dashboards: one OPD (who is below target, how far, the trend through the year) and the
city (every OPD side by side), their export, and the BKPSDM's refresh and reminder buttons.

The figures add up the unit rollups `JpRollup` (kept equal to the `JpSummary` rows by
`jp_summary_refresh`, on every completion and in the daily job) in a fixed number of queries that
do not grow with the employees; the below-target list reads a page in index order and takes its
length from the rollups. The rendered body is also cached until anything audited changes (the chain
head is in the key, as on the performance OPD pages), so repeated views of an unchanged year cost
two cache lookups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.exports import FORMATS, export_response
from pembina.core.fragments import cached_fragment
from pembina.core.jobs.services import job_enqueue
from pembina.core.scoping import get_scope
from pembina.core.views.base import render_page, wants_partial
from pembina.learning import selectors
from pembina.learning.selectors.jp_pages import BANDS, jp_below_target_filtered, jp_dashboard_opds, jp_target

LIST_PAGE = 25
YEARS_BACK = 4
REFRESH_HANDLER = "pembina.learning.tasks.run_learning_refresh"
REMIND_HANDLER = "pembina.learning.tasks.run_jp_reminders"


def _year(request) -> tuple[int, list[int]]:
    this = timezone.localdate().year
    years = list(range(this, this - YEARS_BACK - 1, -1))
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or this)
    except ValueError:
        year = this
    return (year if year in years else this), years


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _chart(months, target) -> dict:
    """The year's trend for Chart.js: average JP counted by the end of each month and the share of
    employees already at the target."""
    return {
        "labels": [str(m.month) for m in months],
        "avg_jp": [float(m.avg_jp) for m in months],
        "met_percent": [float(m.met_percent) for m in months],
        "target": float(target),
    }


def _month_rows(months) -> list:
    names = [
        _("Jan"),
        _("Feb"),
        _("Mar"),
        _("Apr"),
        _("Mei"),
        _("Jun"),
        _("Jul"),
        _("Agu"),
        _("Sep"),
        _("Okt"),
        _("Nov"),
        _("Des"),
    ]
    return [(names[m.month - 1], m.avg_jp, m.met, m.met_percent) for m in months]


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (when it knows: `count=None` counts them)."""

    def __init__(self, object_list, per_page, *, count: int | None):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return super().count if self.known_count is None else self.known_count


class JpOpdDashboardView(LoginRequiredMixin, View):
    """One OPD: totals, the monthly trend, and the paginated list of who is below target."""

    template_name = "learning/jp/opd.html"

    def get(self, request):
        opds = jp_dashboard_opds(actor=request.user)
        if not opds:
            raise Http404
        year, years = _year(request)
        wanted = _int(request.GET.get("opd"))
        own = getattr(getattr(request.user, "employee", None), "current_opd_id", None)
        opd = next((o for o in opds if o.pk == wanted), None)
        if wanted is not None and opd is None:
            raise Http404
        opd = opd or next((o for o in opds if o.pk == own), None) or opds[0]
        params = {
            "q": (request.GET.get("q") or "").strip()[:100],
            "band": request.GET.get("band") if request.GET.get("band") in BANDS else "",
            "page": request.GET.get("page") or "1",
        }
        context = {
            "opds": opds,
            "opd": opd,
            "year": year,
            "years": years,
            "params": params,
            "scope": get_scope(request.user),
        }
        part = "rows" if wants_partial(request) else "body"

        def build() -> str:
            return render_to_string(
                f"{self.template_name}#{part}", {**context, **self.data(request, opd, year, params)}, request
            )

        html = cached_fragment(request, f"jp_opd#{part}", {"opd": opd.pk, "year": year, **params}, build)
        if part != "body":
            return render_page(request, "learning/jp/_fragment.html", {"html": html})
        return render_page(request, self.template_name, {**context, "body": html})

    def data(self, request, opd, year, params) -> dict:
        dash = selectors.jp_dashboard_opd(actor=request.user, year=year, opd_pk=opd.pk)
        below = jp_below_target_filtered(
            actor=request.user, year=year, opd_pk=opd.pk, q=params["q"], band=params["band"]
        )
        # unfiltered by name, the list's length is in the rollups: no COUNT over the OPD's rows
        count = None if params["q"] else dash.below_counts[params["band"]]
        page = CountedPaginator(below, LIST_PAGE, count=count).get_page(params["page"])
        target = jp_target(actor=request.user, year=year)
        return {
            "dash": dash,
            "totals": dash.totals,
            "page_obj": page,
            "rows": page.object_list,
            "chart": _chart(dash.months, target),
            "month_rows": _month_rows(dash.months),
            "target": target,
        }


class JpCityDashboardView(LoginRequiredMixin, View):
    """The whole city (Pimpinan, Admin BKPSDM, Auditor): totals, the trend and every OPD, lowest
    compliance first."""

    template_name = "learning/jp/city.html"

    def get(self, request):
        scope = get_scope(request.user)
        if not scope.read_all:
            raise Http404
        year, years = _year(request)
        sort = request.GET.get("sort") if request.GET.get("sort") in ("name", "below", "avg") else ""
        context = {"year": year, "years": years, "sort": sort, "scope": scope}

        def build() -> str:
            dash = selectors.jp_dashboard_city(actor=request.user, year=year)
            target = jp_target(actor=request.user, year=year)
            rows = dash.opds
            if sort == "name":
                rows = sorted(rows, key=lambda r: r.name)
            elif sort == "below":
                rows = sorted(rows, key=lambda r: (-r.below, r.name))
            elif sort == "avg":
                rows = sorted(rows, key=lambda r: (r.avg_jp, r.name))
            data = {
                **context,
                "dash": dash,
                "totals": dash.totals,
                "opd_rows": rows,
                "chart": _chart(dash.months, target),
                "target": target,
                "month_rows": _month_rows(dash.months),
            }
            return render_to_string(f"{self.template_name}#body", data, request)

        html = cached_fragment(request, "jp_city#body", {"year": year, "sort": sort}, build)
        return render_page(request, self.template_name, {**context, "body": html})


class JpExportView(LoginRequiredMixin, View):
    """XLSX or CSV of the JP summaries: one OPD (whoever may open its dashboard) or the whole city
    (instansi-wide readers); `below=1` keeps only those below target. Formula-safe cells."""

    def get(self, request):
        year, _years = _year(request)
        fmt = request.GET.get("format", "xlsx")
        if fmt not in FORMATS:
            raise Http404
        opd_pk = _int(request.GET.get("opd"))
        if opd_pk is None:
            if not get_scope(request.user).read_all:
                raise Http404
        elif opd_pk not in {o.pk for o in jp_dashboard_opds(actor=request.user)}:
            raise Http404
        below = request.GET.get("below") == "1"
        headers, rows = selectors.jp_export_rows(
            actor=request.user, year=year, opd_pk=opd_pk, below_only=below
        )
        name = f"jp-{year}-{'opd-' + str(opd_pk) if opd_pk else 'kota'}{'-di-bawah-target' if below else ''}"
        return export_response(filename=name, headers=[str(h) for h in headers], rows=rows, fmt=fmt)


class _BkpsdmJobView(LoginRequiredMixin, View):
    handler = ""
    title = ""

    def post(self, request):
        scope = get_scope(request.user)
        if not scope.write_all:
            raise Http404
        year, _years = _year(request)
        job = job_enqueue(
            handler=self.handler,
            title=str(self.title) % {"y": year},
            actor=request.user,
            params={"instansi_id": scope.instansi_id, "year": year},
        )
        messages.info(request, _("Tugas dijadwalkan; halaman ini menampilkan kemajuannya."))
        return redirect("core:job_detail", pk=job.pk)


class JpRefreshView(_BkpsdmJobView):
    """Admin BKPSDM: recompute the JP summaries (and the gap table) of a year now, as a job."""

    handler = REFRESH_HANDLER
    title = gettext_lazy("Perbarui rekap JP %(y)s")


class JpRemindView(_BkpsdmJobView):
    """Admin BKPSDM: remind everyone below target (one reminder a person a month), as a job."""

    handler = REMIND_HANDLER
    title = gettext_lazy("Kirim pengingat JP %(y)s")
