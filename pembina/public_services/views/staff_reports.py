"""Reports for staff: the SKM report per unit and period (screen and print), the service statistics per
unit/service/month with the performance indicators fed by them, and the "refresh now" button."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pembina.core.scoping import VIEW, get_scope
from pembina.core.views.base import render_page
from pembina.org.models import Instansi, Unit
from pembina.performance import datasources
from pembina.performance import selectors as performance_selectors
from pembina.public_services import selectors, services
from pembina.public_services.choices import Education, Occupation, RespondentGender, SurveyChannel
from pembina.public_services.forms import PeriodForm
from pembina.public_services.models import Service, ServiceMonthStat
from pembina.public_services.rules import skm
from pembina.public_services.selectors.stats import Totals, figures
from pembina.public_services.views.staff_common import (
    handleable_services,
    period_presets,
    report_units,
    require_bkpsdm,
)

SOURCE_PREFIX = "public_services."


def _int_param(request, name: str) -> int | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


# --- SKM --------------------------------------------------------------------------------------------

PROFILE_LABELS = {
    "gender": (gettext_lazy("Jenis kelamin"), dict(RespondentGender.choices)),
    "age": (gettext_lazy("Usia"), {}),
    "education": (gettext_lazy("Pendidikan terakhir"), dict(Education.choices)),
    "occupation": (gettext_lazy("Pekerjaan utama"), dict(Occupation.choices)),
    "channel": (gettext_lazy("Cara pengisian kuesioner"), dict(SurveyChannel.choices)),
}


def profile_tables(profile: dict, total: int) -> list[dict]:
    tables = []
    for key, (title, labels) in PROFILE_LABELS.items():
        counts = profile.get(key) or {}
        order = list(labels) + sorted(k for k in counts if k not in labels)
        rows = []
        for code in order:
            n = counts.get(code, 0)
            if not n and code in labels:
                continue
            label = labels.get(code) or (_("Tidak diisi") if code == "-" else code)
            pct = (Decimal(n) * 100 / total).quantize(Decimal("0.1")) if total else None
            rows.append({"label": label, "n": n, "pct": pct})
        tables.append({"title": title, "rows": rows})
    return tables


def skm_context(request) -> dict:
    """The report of one unit over one period, as the actor may see it (unknown unit → 404)."""
    actor = request.user
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    units = list(report_units(actor))
    unit_id = _int_param(request, "unit")
    unit = None
    if unit_id is not None:
        unit = next((u for u in units if u.pk == unit_id), None)
        if unit is None:
            raise Http404
    elif units:
        unit = units[0]
    report = selectors.skm_report(actor=actor, unit=unit, start=start, end=end) if unit else None
    chart = None
    if report and report.overall.result.respondents:
        chart = {
            "labels": [f"{e.code}" for e in report.overall.elements],
            "names": [e.name for e in report.overall.elements],
            "values": [float(e.nrr) if e.nrr is not None else None for e in report.overall.elements],
            "title": _("Nilai rata-rata per unsur (NRR, skala 1–4)"),
        }
    return {
        "form": form,
        "units": units,
        "unit": unit,
        "start": start,
        "end": end,
        "report": report,
        "profile": profile_tables(report.overall.profile, report.overall.result.respondents)
        if report
        else [],
        "chart": chart,
        "presets": period_presets(),
        "grade_labels": skm.GRADE_LABELS,
        "instansi": Instansi.objects.for_actor(actor, VIEW).first(),
        "today": timezone.localdate(),
    }


class SkmReportView(LoginRequiredMixin, View):
    def get(self, request):
        context = skm_context(request)
        context["can_enter_paper"] = handleable_services(request.user).exists()
        return render_page(request, "public_services/skm_report.html", context)


class SkmPrintView(LoginRequiredMixin, View):
    """The official layout of the Laporan SKM, for printing (or saving as PDF from the browser)."""

    def get(self, request):
        context = skm_context(request)
        if context["unit"] is None:
            raise Http404
        return render_page(request, "public_services/skm_print.html", context)


# --- statistics ---------------------------------------------------------------------------------------


def stats_units(actor):
    """OPDs and service units of the instansi (statistics are aggregates: the whole instansi reads them)."""
    services_qs = Service.objects.for_actor(actor, VIEW)
    return (
        Unit.objects.for_actor(actor, VIEW)
        .filter(Q(pk__in=services_qs.values("opd_id")) | Q(pk__in=services_qs.values("unit_id")))
        .order_by("path")
    )


def breakdown(actor, *, start, end, unit=None) -> list[dict]:
    """Period figures per service of a unit, or per OPD of the instansi (one query over the stats)."""
    qs = ServiceMonthStat.objects.for_actor(actor, VIEW).filter(
        month__gte=start.replace(day=1), month__lte=end
    )
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path, service__isnull=False)
        key, names = "service_id", dict(Service.objects.for_actor(actor, VIEW).values_list("pk", "name"))
    else:
        key = "opd_id"
        names = dict(Unit.objects.for_actor(actor, VIEW).filter(is_opd=True).values_list("pk", "name"))
    groups: dict[int, Totals] = defaultdict(Totals)
    for row in qs.order_by():
        groups[getattr(row, key)].add(row)
    rows = [
        {"id": gid, "name": names.get(gid, f"#{gid}"), "figures": figures(t, k=1), "kind": key}
        for gid, t in groups.items()
    ]
    return sorted(rows, key=lambda r: -(r["figures"].requests_received or 0))


def _as_ids(value) -> list[int]:
    values = value if isinstance(value, (list, tuple, set)) else [value]
    out = []
    for v in values:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


def fed_indicators(actor, *, service=None, unit=None) -> list[dict]:
    """The IKU/IKI whose data source reads these service statistics (service page: the indicators that
    count this service; unit page: those measuring the unit or a service in it; neither: all)."""
    iku, iki = performance_selectors.source_fed_indicators(actor=actor, prefix=SOURCE_PREFIX)
    items = [("IKU", i) for i in iku] + [("IKI", i) for i in iki]
    if not items:
        return []
    unit_ids, service_ids, codes = set(), set(), set()
    for _kind, ind in items:
        p = ind.data_source_params or {}
        unit_ids.update(_as_ids(p.get("unit")) if p.get("unit") not in (None, "") else [])
        service_ids.update(_as_ids(p.get("services") or []) + _as_ids(p.get("service") or []))
        codes.update(str(c).strip().upper() for c in p.get("service_codes") or [])
    unit_paths = dict(Unit.objects.for_actor(actor, VIEW).filter(pk__in=unit_ids).values_list("pk", "path"))
    catalogue = {
        pk: (code, path)
        for pk, code, path in Service.objects.for_actor(actor, VIEW)
        .filter(Q(pk__in=service_ids) | Q(code__in=codes))
        .values_list("pk", "code", "unit_path")
    }
    by_code = {code: pk for pk, (code, _p) in catalogue.items()}
    result = []
    for kind, ind in items:
        p = ind.data_source_params or {}
        ids = set(_as_ids(p.get("services") or []) + _as_ids(p.get("service") or []))
        ids |= {
            by_code[c] for c in (str(c).strip().upper() for c in p.get("service_codes") or []) if c in by_code
        }
        ind_unit = next(iter(_as_ids(p.get("unit"))), None) if p.get("unit") not in (None, "") else None
        ind_path = unit_paths.get(ind_unit, "") if ind_unit else ""
        paths = [catalogue[i][1] for i in ids if i in catalogue]
        if service is not None:
            hit = service.pk in ids or bool(ind_path and service.unit_path.startswith(ind_path))
        elif unit is not None:
            hit = any(pth.startswith(unit.path) for pth in paths) or bool(
                ind_path and (ind_path.startswith(unit.path) or unit.path.startswith(ind_path))
            )
        else:
            hit = True
        if not hit:
            continue
        source = datasources.get(ind.data_source)
        if kind == "IKU":
            owner = ind.goal.opd.name if ind.goal.opd_id else _("Pemerintah daerah")
            year = ind.goal.year.year
            link = None
        else:
            plan = ind.result.plan
            owner = plan.employee.full_name
            year = plan.year.year
            link = ("performance:plan_detail", plan.pk)
        result.append(
            {
                "kind": kind,
                "indicator": ind,
                "owner": owner,
                "year": year,
                "source_label": source.label if source else ind.data_source,
                "realisations": list(ind.realisations.all()),
                "link": link,
            }
        )
    return result


def stats_chart(months) -> dict:
    return {
        "labels": [m.month.strftime("%m/%Y") for m in months],
        "received": [m.requests_received for m in months],
        "completed": [m.requests_completed for m in months],
        "within": [
            float(m.within_deadline_pct) if m.within_deadline_pct is not None else None for m in months
        ],
        "p90": [float(m.completion_p90) if m.completion_p90 is not None else None for m in months],
        "ikm": [float(m.ikm) if m.ikm is not None else None for m in months],
        "labels_text": {
            "received": _("Permohonan diterima"),
            "completed": _("Permohonan selesai"),
            "within": _("Tepat waktu (%)"),
            "p90": _("Persentil 90 lama selesai (hari kerja)"),
            "ikm": _("IKM"),
        },
    }


class StatsView(LoginRequiredMixin, View):
    """Volumes, completion days (median, 90th percentile), deadline compliance, complaints on time and
    IKM per month, for the instansi, a unit or a service; and the indicators these figures feed."""

    template_name = "public_services/stats.html"

    def get(self, request):
        actor = request.user
        form = PeriodForm(request.GET or None)
        start, end = form.period()
        service = unit = None
        service_id = _int_param(request, "service")
        unit_id = _int_param(request, "unit")
        if service_id is not None:
            service = selectors.service_get_for_actor(actor=actor, pk=service_id)
        if unit_id is not None:
            unit = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=unit_id)
        months = selectors.stats_month_figures(
            actor=actor, start=start, end=end, service_id=service.pk if service else None, unit_id=unit_id
        )
        period = selectors.stats_period_figures(
            actor=actor, start=start, end=end, service_id=service.pk if service else None, unit_id=unit_id
        )
        instansi = Instansi.objects.for_actor(actor, VIEW).first()
        policy = selectors.policy_for(instansi=instansi) if instansi else None
        last_refresh = (
            ServiceMonthStat.objects.for_actor(actor, VIEW)
            .order_by("-refreshed_at")
            .values_list("refreshed_at", flat=True)
            .first()
        )
        context = {
            "form": form,
            "start": start,
            "end": end,
            "service": service,
            "unit": unit,
            "units": stats_units(actor),
            "services": (
                Service.objects.for_actor(actor, VIEW).filter(unit_path__startswith=unit.path)
                if unit
                else Service.objects.for_actor(actor, VIEW)
            ).order_by("name"),
            "months": months,
            "period": period,
            "rows": breakdown(actor, start=start, end=end, unit=unit) if service is None else [],
            "chart": stats_chart(months),
            "program_start": policy.program_start if policy else None,
            "indicators": fed_indicators(actor, service=service, unit=unit),
            "presets": period_presets(),
            "can_refresh": get_scope(actor).write_all,
            "last_refresh": last_refresh,
        }
        return render_page(request, self.template_name, context)


class StatsRefreshView(LoginRequiredMixin, View):
    """Admin BKPSDM: rebuild the monthly statistics now (a background job; its page shows progress)."""

    def post(self, request):
        require_bkpsdm(request.user)
        scope = get_scope(request.user)
        job = services.month_stats_refresh_enqueue(actor=request.user, instansi_id=scope.instansi_id)
        messages.info(request, _("Pembaruan statistik dijalankan di latar belakang."))
        return redirect("core:job_detail", pk=job.pk)
