"""Calibration and talent views: an OPD's predicate distribution against its curve, raters side by
side, the 9-box. Fixed queries per call whatever the OPD size."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from pembina.core.scoping import VIEW
from pembina.evaluation.choices import EvaluationKind, Predicate
from pembina.evaluation.models import Evaluation, PotentialScore
from pembina.evaluation.rules import curve as curve_rules
from pembina.evaluation.rules import ninebox
from pembina.evaluation.selectors.distribution import COUNTED, organisation_predicate_for
from pembina.evaluation.selectors.settings import evaluation_settings_for
from pembina.org.models import Employee, Unit


@dataclass
class Distribution:
    counts: dict[str, int]
    total: int
    unrated: int
    org_predicate: str
    violations: list
    blocking: bool
    chart: dict


def _visible(actor, year, opd, period):
    kind = EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL
    return Evaluation.objects.for_actor(actor, VIEW).filter(
        year=year, kind=kind, period=period, unit_path__startswith=opd.path
    )


def _sees_opd(scope, opd) -> bool:
    """The OPD's calibration and talent pages: read-all roles and Admin BKPSDM see every OPD of
    their instansi; others the OPDs they are Tim Penilai of (or of a part of), or lead from above."""
    if scope.is_anonymous or scope.instansi_id != opd.instansi_id:
        return False
    if scope.read_all or scope.write_all:
        return True
    return any(opd.path.startswith(p) or p.startswith(opd.path) for p in scope.team_unit_paths) or any(
        opd.path.startswith(p) for p in scope.led_unit_paths
    )


def _require_opd_sight(actor, opd) -> None:
    """The calibration view belongs to the OPD's Tim Penilai and readers above (404 for others)."""
    from django.http import Http404

    from pembina.core.scoping import get_scope

    if not _sees_opd(get_scope(actor), opd):
        raise Http404


def evaluation_opds(actor) -> list[Unit]:
    """The active OPDs whose calibration and talent pages the actor may open (one query)."""
    from pembina.core.scoping import get_scope

    scope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id is None:
        return []
    units = Unit.objects.filter(instansi_id=scope.instansi_id, is_opd=True, is_active=True).order_by(
        "sort_order", "name"
    )
    return [u for u in units if _sees_opd(scope, u)]


def distribution(*, actor, year, opd, period=None) -> Distribution:
    _require_opd_sight(actor, opd)
    rows = _visible(actor, year, opd, period).values("status", "predicate").annotate(n=Count("pk")).order_by()
    counts: Counter = Counter()
    unrated = 0
    for r in rows:
        if r["status"] in COUNTED and r["predicate"]:
            counts[r["predicate"]] += r["n"]
        else:
            unrated += r["n"]
    org = organisation_predicate_for(year=year, opd=opd, period=period)
    violations = curve_rules.check(org.predicate, counts) if org is not None else []
    ordered = list(Predicate.values)
    return Distribution(
        counts={p: counts.get(p, 0) for p in ordered},
        total=sum(counts.values()),
        unrated=unrated,
        org_predicate=org.predicate if org is not None else "",
        violations=violations,
        blocking=evaluation_settings_for(instansi_id=year.instansi_id).curve_blocking,
        chart={
            "labels": [str(Predicate(p).label) for p in reversed(ordered)],  # Sangat Kurang → Sangat Baik
            "values": [counts.get(p, 0) for p in reversed(ordered)],
        },
    )


@dataclass
class RaterRow:
    rater: Employee | None
    counts: dict[str, int]
    total: int
    mean_achievement: Decimal | None
    very_good_share: float


def rater_comparison(*, actor, year, opd, period=None) -> list[RaterRow]:
    """Per pejabat penilai: how their ratees' predicates spread (a lenient rater shows up here)."""
    _require_opd_sight(actor, opd)
    qs = _visible(actor, year, opd, period).filter(status__in=COUNTED).exclude(predicate="")
    counts: dict[int | None, Counter] = defaultdict(Counter)
    for rater_id, pred, n in qs.values_list("rater_id", "predicate").annotate(n=Count("pk")).order_by():
        counts[rater_id][pred] += n
    means = dict(qs.values_list("rater_id").annotate(m=Avg("achievement")).order_by())
    people = Employee.objects.in_bulk([r for r in counts if r is not None])
    out = []
    for rater_id, c in counts.items():
        total = sum(c.values())
        mean = means.get(rater_id)
        out.append(
            RaterRow(
                rater=people.get(rater_id),
                counts={p: c.get(p, 0) for p in Predicate.values},
                total=total,
                mean_achievement=Decimal(str(mean)).quantize(Decimal("0.01")) if mean is not None else None,
                very_good_share=round(100 * c.get(Predicate.VERY_GOOD, 0) / total, 1) if total else 0.0,
            )
        )
    out.sort(key=lambda r: (r.rater.name if r.rater else "", r.rater.pk if r.rater else 0))
    return out


@dataclass
class NineBoxEntry:
    evaluation: Evaluation
    employee: Employee
    predicate: str
    potential: Decimal
    band: str
    box: int


@dataclass
class NineBox:
    cells: dict[int, list[NineBoxEntry]]
    counts: dict[int, int]
    unplaced: list[Evaluation]
    chart: dict = field(default_factory=dict)


def nine_box(*, actor, year, opd=None) -> NineBox:
    """Annual evaluations with a predicate × the year's potential score (3 queries)."""
    if opd is not None:
        _require_opd_sight(actor, opd)
    qs = (
        Evaluation.objects.for_actor(actor, VIEW)
        .filter(year=year, kind=EvaluationKind.ANNUAL, status__in=COUNTED)
        .exclude(predicate="")
        .select_related("employee", "unit")
        .order_by("unit_path", "employee__name", "pk")
    )
    if opd is not None:
        qs = qs.filter(unit_path__startswith=opd.path)
    evaluations = list(qs)
    settings = evaluation_settings_for(instansi_id=year.instansi_id)
    scores = dict(
        PotentialScore.objects.filter(
            year=year.year, employee_id__in=[e.employee_id for e in evaluations]
        ).values_list("employee_id", "score")
    )
    cells: dict[int, list[NineBoxEntry]] = {n: [] for n in range(1, 10)}
    unplaced = []
    for e in evaluations:
        score = scores.get(e.employee_id)
        if score is None:
            unplaced.append(e)
            continue
        band = ninebox.potential_band(
            score, medium_min=settings.potential_medium_min, high_min=settings.potential_high_min
        )
        number = ninebox.box(e.predicate, band)
        cells[number].append(NineBoxEntry(e, e.employee, e.predicate, score, band, number))
    counts = {n: len(v) for n, v in cells.items()}
    grid = [[4, 7, 9], [2, 5, 8], [1, 3, 6]]
    return NineBox(
        cells=cells,
        counts=counts,
        unplaced=unplaced,
        chart={
            "grid": [
                [{"box": n, "count": counts[n], "label": ninebox.BOX_LABELS[n]} for n in row] for row in grid
            ],
            "rows": [_("Di atas ekspektasi"), _("Sesuai ekspektasi"), _("Di bawah ekspektasi")],
            "columns": [_("Rendah"), _("Menengah"), _("Tinggi")],
        },
    )
