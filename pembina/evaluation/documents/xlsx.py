"""XLSX exports of evaluation results (per OPD and for the city) and of the follow-up (credit
points, TPP), scoped to what the actor can see and safe from formula injection."""

from __future__ import annotations

import io
from collections import Counter, defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from pembina.core.exports import _plain as cell_value
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, OrgPredicate, Predicate, Rating
from pembina.evaluation.models import OrganisationPredicate
from pembina.evaluation.rules import curve as curve_rules
from pembina.evaluation.selectors import evaluation_list, follow_up_list
from pembina.evaluation.selectors.distribution import COUNTED
from pembina.org.models import Unit


def _workbook(sheets: list[tuple[str, list, list]]) -> bytes:
    """Sheets of (title, headers, rows), written row by row (write-only mode), frozen header."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.freeze_panes = "A2"
        head = []
        for h in headers:
            c = WriteOnlyCell(ws, value=cell_value(h))
            c.font = bold
            head.append(c)
        ws.append(head)
        for row in rows:
            ws.append([cell_value(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _label(choices, value) -> str:
    return str(choices(value).label) if value else ""


def _filters(year, opd, period) -> dict:
    filters = {"year": year, "kind": EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL}
    if period is not None:
        filters["period"] = period
    if opd is not None:
        filters["opd"] = opd
    return filters


def results_xlsx(*, actor, year, opd=None, period=None) -> bytes:
    """Sheet "Hasil evaluasi": one row per visible evaluation (OPD, unit, employee, NIP, ratings,
    predicate, status); sheet "Distribusi predikat": per OPD the counts per predicate, the OPD's
    own predicate and the curve warnings. A fixed number of queries."""
    qs = evaluation_list(actor=actor, filters=_filters(year, opd, period))
    rows = []
    for e in qs.select_related("period").iterator(chunk_size=2000):
        rows.append(
            [
                e.opd.name if e.opd_id else "",
                e.unit.name if e.unit_id else "",
                e.employee.full_name,
                e.employee.nip,
                e.period.label if e.period_id else _("Tahunan"),
                float(e.achievement) if e.achievement is not None else None,
                e.indicators_total,
                _label(Rating, e.rating_result),
                _label(Rating, e.rating_behaviour),
                _label(Predicate, e.predicate),
                _label(EvaluationStatus, e.status),
                e.published_at,
                e.rater.full_name if e.rater_id else "",
            ]
        )
    headers = [
        _("OPD"),
        _("Unit kerja"),
        _("Nama"),
        _("NIP"),
        _("Periode"),
        _("Capaian rata-rata (%)"),
        _("Jumlah IKI"),
        _("Rating hasil kerja"),
        _("Rating perilaku kerja"),
        _("Predikat"),
        _("Status"),
        _("Diumumkan"),
        _("Pejabat penilai"),
    ]
    return _workbook(
        [
            (_("Hasil evaluasi"), headers, rows),
            (_("Distribusi predikat"), *_distribution_sheet(qs, year, period)),
        ]
    )


def _distribution_sheet(qs, year, period) -> tuple[list, list]:
    counts: dict[int, Counter] = defaultdict(Counter)
    unrated: Counter = Counter()
    for opd_id, status, pred, n in (
        qs.order_by().values_list("opd_id", "status", "predicate").annotate(n=Count("pk"))
    ):
        if status in COUNTED and pred:
            counts[opd_id][pred] += n
        else:
            unrated[opd_id] += n
    opd_ids = set(counts) | set(unrated)
    opds = Unit.objects.in_bulk([i for i in opd_ids if i is not None])
    orgs = OrganisationPredicate.objects.filter(year=year, opd_id__in=opd_ids)
    orgs = orgs.filter(period=period) if period is not None else orgs.filter(period__isnull=True)
    org = dict(orgs.values_list("opd_id", "predicate"))
    headers = [
        _("OPD"),
        _("Predikat kinerja organisasi"),
        *[str(label) for label in Predicate.labels],
        _("Jumlah berpredikat"),
        _("Belum dinilai"),
        _("Peringatan pola distribusi"),
    ]
    rows = []
    for opd_id in sorted(opd_ids, key=lambda i: (opds[i].path if i in opds else "", i or 0)):
        c = counts[opd_id]
        warnings = curve_rules.check(org[opd_id], c) if opd_id in org else []
        rows.append(
            [
                opds[opd_id].name if opd_id in opds else _("(tanpa OPD)"),
                _label(OrgPredicate, org.get(opd_id, "")),
                *[c.get(p, 0) for p in Predicate.values],
                sum(c.values()),
                unrated[opd_id],
                " ".join(v.message for v in warnings),
            ]
        )
    total = Counter()
    for c in counts.values():
        total.update(c)
    rows.append(
        [
            _("Seluruh instansi (yang dapat Anda lihat)"),
            "",
            *[total.get(p, 0) for p in Predicate.values],
            sum(total.values()),
            sum(unrated.values()),
            "",
        ]
    )
    return headers, rows


def follow_up_xlsx(*, actor, year, opd=None) -> bytes:
    """Tindak lanjut per final evaluation: predicate, credit-point percentage (and months), TPP
    component, whether a development need was opened."""
    qs = follow_up_list(actor=actor, year=year, opd=opd).select_related("evaluation__opd")
    rows = []
    for f in qs.iterator(chunk_size=2000):
        e = f.evaluation
        rows.append(
            [
                e.opd.name if e.opd_id else "",
                e.unit.name if e.unit_id else "",
                e.employee.full_name,
                e.employee.nip,
                e.period.label if e.period_id else _("Tahunan"),
                _label(Predicate, f.predicate),
                f.credit_percent,
                f.credit_months,
                f.tpp_percent,
                bool(f.development_need_id),
            ]
        )
    headers = [
        _("OPD"),
        _("Unit kerja"),
        _("Nama"),
        _("NIP"),
        _("Periode"),
        _("Predikat"),
        _("Persentase angka kredit (%)"),
        _("Bulan dinilai"),
        _("Komponen kinerja TPP (%)"),
        _("Kebutuhan pengembangan dibuka"),
    ]
    return _workbook([(_("Tindak lanjut"), headers, rows)])
