"""Reads of development needs and IDPs: lists, one plan with its activities and allowed actions, the
superior's queue, and suggestions (gaps → catalogue) for adding activities."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from pembina.accounts.choices import Role
from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.learning.choices import EventStatus, PlanActivityStatus, PlanStatus, RecordSource, RecordStatus
from pembina.learning.models import (
    DevelopmentNeed,
    DevelopmentPlan,
    DevelopmentRecord,
    Event,
    PlanActivity,
    ProgrammeCompetency,
)
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import workflow as wf
from pembina.learning.selectors.profile import employee_gap_analysis
from pembina.org.selectors import employee_get_for_actor, today


def need_list(*, actor, filters: dict | None = None) -> QuerySet[DevelopmentNeed]:
    qs = DevelopmentNeed.objects.for_actor(actor, VIEW).select_related("employee", "competency")
    filters = filters or {}
    if employee := filters.get("employee"):
        qs = qs.filter(employee_id=employee)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if source := filters.get("source_kind"):
        qs = qs.filter(source_kind=source)
    return qs


def plan_list(*, actor, filters: dict | None = None) -> QuerySet[DevelopmentPlan]:
    qs = (
        DevelopmentPlan.objects.for_actor(actor, VIEW)
        .select_related("employee", "employee__current_unit", "employee__current_opd")
        .annotate(
            planned_jp=Sum(
                "activities__planned_jp", filter=~Q(activities__status=PlanActivityStatus.CANCELLED)
            ),
            n_activities=Count("activities", filter=~Q(activities__status=PlanActivityStatus.CANCELLED)),
        )
    )
    filters = filters or {}
    if year := filters.get("year"):
        qs = qs.filter(year=year)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if opd := filters.get("opd"):
        qs = qs.filter(employee__current_opd_id=opd)
    if employee := filters.get("employee"):
        qs = qs.filter(employee_id=employee)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__nip__startswith=q))
    return qs.order_by("-year", "employee__name")


def plan_get_for_actor(*, actor, pk) -> DevelopmentPlan:
    activities = PlanActivity.objects.select_related("competency", "programme", "event", "need").order_by(
        "order", "id"
    )
    return (
        DevelopmentPlan.objects.select_related(
            "employee", "employee__current_position", "employee__current_unit", "target_position", "superior"
        )
        .prefetch_related(Prefetch("activities", queryset=activities), "events")
        .get_for_actor_or_404(actor, VIEW, pk=pk)
    )


def plan_for_employee(*, actor, employee_pk, year: int) -> DevelopmentPlan | None:
    employee_get_for_actor(actor=actor, pk=employee_pk)  # 404 when out of sight
    plan = (
        DevelopmentPlan.objects.filter(employee_id=employee_pk, year=year)
        .values_list("pk", flat=True)
        .first()
    )
    return plan_get_for_actor(actor=actor, pk=plan) if plan else None


def plan_actions(*, actor, plan: DevelopmentPlan) -> list[str]:
    return wf.actions_for(wf.PLAN_RULES, employee_roles(actor, plan.employee), plan.status)


@dataclass(frozen=True)
class PlanTotals:
    planned_jp: Decimal
    completed_jp: Decimal
    activities: int
    completed: int


def plan_totals(plan: DevelopmentPlan) -> PlanTotals:
    """From the prefetched activities (no query)."""
    acts = [a for a in plan.activities.all() if a.status != PlanActivityStatus.CANCELLED]
    done = [a for a in acts if a.status == PlanActivityStatus.COMPLETED]
    return PlanTotals(
        planned_jp=sum((a.planned_jp for a in acts), Decimal(0)),
        completed_jp=sum((a.planned_jp for a in done), Decimal(0)),
        activities=len(acts),
        completed=len(done),
    )


def plans_to_agree(*, actor) -> QuerySet[DevelopmentPlan]:
    """Submitted IDPs waiting for the actor as superior (snapshot at submission; checked live on agree).
    The Pimpinan role also sees those of OPD heads, whose superior is the Wali Kota."""
    scope = get_scope(actor)
    q = Q(pk__in=[])
    if scope.employee_id:
        q |= Q(superior_id=scope.employee_id)
    if Role.PIMPINAN in scope.roles:
        q |= Q(superior__isnull=True)
    return (
        DevelopmentPlan.objects.for_actor(actor, VIEW)
        .filter(q, status=PlanStatus.SUBMITTED)
        .exclude(employee_id=scope.employee_id or 0)
        .select_related("employee", "employee__current_position")
        .order_by("submitted_at")
    )


@dataclass
class Suggestion:
    competency_id: int
    competency_name: str
    gap: int
    programmes: list  # Programme objects building the competency to at least the required level
    events: list  # open events of those programmes


def plan_suggestions(*, actor, employee_pk, year: int | None = None) -> list[Suggestion]:
    """For each competency gap of the employee: catalogue programmes that build it and their open events
    (a constant number of queries)."""
    report = employee_gap_analysis(actor=actor, employee_pk=employee_pk)
    gaps = {line.competency.pk: line for line in report.biggest}
    if not gaps:
        return []
    links = (
        ProgrammeCompetency.objects.filter(
            competency_id__in=list(gaps),
            programme__instansi_id=report.employee.instansi_id,
            programme__is_active=True,
        )
        .select_related("programme")
        .order_by("programme__title")
    )
    by_comp: dict[int, list] = {}
    for link in links:
        line = gaps[link.competency_id]
        if link.target_level >= (line.current or 0) + 1:
            by_comp.setdefault(link.competency_id, []).append(link.programme)
    prog_ids = {p.pk for progs in by_comp.values() for p in progs}
    events = Event.objects.filter(
        programme_id__in=prog_ids, status=EventStatus.OPEN, start_date__gte=today()
    ).order_by("start_date")
    if year:
        events = events.filter(start_date__year=year)
    by_prog: dict[int, list] = {}
    for ev in events:
        by_prog.setdefault(ev.programme_id, []).append(ev)
    result = []
    for cid, line in gaps.items():
        progs = by_comp.get(cid, [])
        result.append(
            Suggestion(
                competency_id=cid,
                competency_name=line.competency.name,
                gap=max(line.gap or 0, line.target_gap or 0),
                programmes=progs,
                events=[ev for p in progs for ev in by_prog.get(p.pk, [])],
            )
        )
    return result


def plan_records(plan: DevelopmentPlan) -> dict[int, DevelopmentRecord]:
    """activity id → the JP record its completion wrote (one query; the plan is already in sight)."""
    rows = DevelopmentRecord.objects.filter(
        employee_id=plan.employee_id, source=RecordSource.PLAN_ACTIVITY, source_ref__startswith="activity:"
    )
    result = {}
    for record in rows:
        ref = record.source_ref.split(":", 1)[1]
        if ref.isdigit():
            result[int(ref)] = record
    return result


def records_to_verify(*, actor) -> QuerySet[DevelopmentRecord]:
    """Activities employees reported done that wait for the actor: as the superior who agreed (or
    was sent) their IDP, or as Admin OPD/BKPSDM of their unit. The actor's own are never listed."""
    scope = get_scope(actor)
    q = Q(pk__in=[])
    if scope.employee_id:
        q |= Q(
            employee_id__in=DevelopmentPlan.objects.filter(superior_id=scope.employee_id).values(
                "employee_id"
            )
        )
    if scope.write_all or scope.admin_unit_paths:
        q |= Q(pk__in=DevelopmentRecord.objects.for_actor(actor, CHANGE).values("pk"))
    return (
        DevelopmentRecord.objects.for_actor(actor, VIEW)
        .filter(q, status=RecordStatus.PENDING)
        .exclude(source=RecordSource.EXTERNAL)
        .exclude(employee_id=scope.employee_id or 0)
        .select_related("employee")
        .order_by("created_at")
    )
