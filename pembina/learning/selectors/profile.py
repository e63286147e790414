"""Reads of the competency profile and gap analysis: one employee, and the OPD/city "biggest gaps"."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Max, Q
from django.http import Http404

from pembina.core.scoping import VIEW, get_scope
from pembina.learning.choices import NeedStatus
from pembina.learning.models import Competency, CompetencyAssessment, CompetencyGap, DevelopmentNeed
from pembina.learning.rules import gaps as gap_rules
from pembina.learning.rules.profile import Assessed
from pembina.learning.selectors import _data
from pembina.org.models import Position, Unit
from pembina.org.selectors import employee_get_for_actor


@dataclass
class ProfileRow:
    competency: Competency
    current: Assessed | None
    history: list[CompetencyAssessment] = field(default_factory=list)


def employee_profile(*, actor, employee_pk) -> list[ProfileRow]:
    """Every assessed competency with its current level (rules.profile) and history, newest first."""
    employee = employee_get_for_actor(actor=actor, pk=employee_pk)
    history = list(
        CompetencyAssessment.objects.filter(employee=employee)
        .select_related("competency")
        .order_by("competency__kind", "competency__sort_order", "-assessed_on", "-id")
    )
    current = _data.current_levels([employee.pk]).get(employee.pk, {})
    rows: dict[int, ProfileRow] = {}
    for a in history:
        row = rows.setdefault(a.competency_id, ProfileRow(a.competency, current.get(a.competency_id)))
        row.history.append(a)
    return list(rows.values())


@dataclass
class GapLine:
    competency: Competency
    required: int | None
    current: int | None
    gap: int | None
    target_required: int | None
    target_gap: int | None
    status: str
    source: str = ""
    assessed_on: object = None


@dataclass
class GapReport:
    employee: object
    position: Position | None
    target_position: Position | None
    lines: list[GapLine]
    jpm: Decimal | None
    jpm_band: str | None
    target_jpm: Decimal | None
    needs: list[DevelopmentNeed]

    @property
    def biggest(self) -> list[GapLine]:
        gapped = [line for line in self.lines if max(line.gap or 0, line.target_gap or 0) > 0]
        return sorted(
            gapped, key=lambda line: (-max(line.gap or 0, line.target_gap or 0), line.competency.name)
        )


def employee_gap_analysis(*, actor, employee_pk, target_position_pk=None) -> GapReport:
    """The employee's profile against the current position's standard (and a target position's)."""
    employee = employee_get_for_actor(actor=actor, pk=employee_pk)
    target = None
    if target_position_pk:
        target = Position.objects.get_for_actor_or_404(actor, VIEW, pk=target_position_pk)
    ids = [p for p in (employee.current_position_id, target.pk if target else None) if p]
    standards = _data.standards_for(employee.instansi_id, ids)
    standard = standards.get(employee.current_position_id, {})
    target_std = standards.get(target.pk, {}) if target else None
    current = _data.current_levels([employee.pk]).get(employee.pk, {})
    levels = {cid: a.level for cid, a in current.items()}
    rows = gap_rules.analyse(levels, standard, target_std)
    comps = Competency.objects.in_bulk([r.competency_id for r in rows])
    lines = [
        GapLine(
            competency=comps[r.competency_id],
            required=r.required,
            current=r.current,
            gap=r.gap,
            target_required=r.target_required,
            target_gap=r.target_gap,
            status=r.status,
            source=current[r.competency_id].source if r.competency_id in current else "",
            assessed_on=current[r.competency_id].assessed_on if r.competency_id in current else None,
        )
        for r in rows
        if r.status != gap_rules.NOT_REQUIRED
    ]
    lines.sort(key=lambda line: (line.competency.kind, line.competency.sort_order, line.competency.name))
    jpm = gap_rules.job_person_match(levels, standard)
    needs = list(
        DevelopmentNeed.objects.filter(employee=employee, status__in=[NeedStatus.OPEN, NeedStatus.PLANNED])
        .select_related("competency")
        .order_by("-opened_on")
    )
    return GapReport(
        employee=employee,
        position=employee.current_position,
        target_position=target,
        lines=lines,
        jpm=jpm,
        jpm_band=gap_rules.jpm_band(jpm),
        target_jpm=gap_rules.job_person_match(levels, target_std) if target_std is not None else None,
        needs=needs,
    )


@dataclass(frozen=True)
class GapOverviewRow:
    competency_id: int
    name: str
    kind: str
    employees: int  # employees whose position requires the competency
    assessed: int
    with_gap: int  # gap ≥ 1
    not_assessed: int
    avg_gap: Decimal  # over assessed employees
    max_gap: int

    @property
    def share_with_gap(self) -> Decimal:
        return (
            (Decimal(self.with_gap * 100) / self.assessed).quantize(Decimal("0.1"))
            if self.assessed
            else Decimal(0)
        )


def _check_opd(actor, opd: Unit) -> None:
    scope = get_scope(actor)
    if scope.read_all or scope.write_all:
        return
    paths = scope.admin_unit_paths + scope.led_unit_paths
    if not any(p.startswith(opd.path) or opd.path.startswith(p) for p in paths):
        raise Http404


def gap_overview(*, actor, opd_pk=None) -> list[GapOverviewRow]:
    """Per competency across the actor's scope (or one OPD): how many employees have a gap of one level
    or more, how many are not assessed yet, the average gap — biggest first. One query after scoping
    (the materialised gap table; `services.gaps.gap_table_refresh` keeps it current)."""
    qs = CompetencyGap.objects.for_actor(actor, VIEW)
    if opd_pk is not None:
        opd = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=opd_pk)
        _check_opd(actor, opd)
        qs = qs.filter(opd_id=opd.pk)
    elif not get_scope(actor).read_all:
        raise Http404
    rows = (
        qs.values("competency_id", "competency__name", "competency__kind")
        .annotate(
            employees=Count("pk"),
            assessed=Count("pk", filter=Q(current__isnull=False)),
            with_gap=Count("pk", filter=Q(gap__gte=1)),
            avg_gap=Avg("gap"),
            max_gap=Max("gap"),
        )
        .order_by()
    )
    result = [
        GapOverviewRow(
            competency_id=r["competency_id"],
            name=r["competency__name"],
            kind=r["competency__kind"],
            employees=r["employees"],
            assessed=r["assessed"],
            with_gap=r["with_gap"],
            not_assessed=r["employees"] - r["assessed"],
            avg_gap=Decimal(str(r["avg_gap"] or 0)).quantize(Decimal("0.01")),
            max_gap=r["max_gap"] or 0,
        )
        for r in rows
    ]
    result.sort(key=lambda r: (-r.with_gap, -r.avg_gap, r.name))
    return result


def gap_overview_by_opd(*, actor, competency_pk) -> list[dict]:
    """City drill-down for one competency: each OPD's employees with a gap (one query)."""
    if not get_scope(actor).read_all:
        raise Http404
    rows = (
        CompetencyGap.objects.for_actor(actor, VIEW)
        .filter(competency_id=competency_pk)
        .values("opd_id", "opd__name")
        .annotate(
            employees=Count("pk"),
            with_gap=Count("pk", filter=Q(gap__gte=1)),
            not_assessed=Count("pk", filter=Q(current__isnull=True)),
            avg_gap=Avg("gap"),
        )
        .order_by("-with_gap", "opd__name")
    )
    return list(rows)
