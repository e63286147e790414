"""Cascading and collaboration: intervened-RHK links, collaborative links, bulk cascade, transfers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.org.choices import AssignmentKind
from pembina.org.models import Assignment, Employee
from pembina.performance.choices import PlanEventKind, PlanStatus
from pembina.performance.models import (
    Indicator,
    PerformancePlan,
    PlanEvent,
    PlannedResult,
    ResultLink,
)
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import workflow
from pembina.performance.services.common import actor_name, actor_user, check_plan, event, lock_plan
from pembina.performance.services.headers import headers_for
from pembina.performance.services.plans import (
    _new_plan,
    check_parent,
    create_behaviours,
    plan_create,
)
from pembina.performance.services.progress import progress_refresh, refresh_if_measured


@transaction.atomic
def result_set_parent(*, result: PlannedResult, parent_result: PlannedResult | None, actor) -> PlannedResult:
    """Link an RHK to the superior's RHK it intervenes (or clear the link)."""
    plan = lock_plan(result.plan_id)
    check_plan(actor, plan, "edit")
    result = PlannedResult.objects.select_for_update(of=("self",)).get(pk=result.pk)
    if parent_result is not None:
        check_parent(plan, parent_result, child_pk=result.pk)
    result.parent_result = parent_result
    result.save()
    return result


@transaction.atomic
def result_collaborate(*, result: PlannedResult, other: PlannedResult, actor, note: str = "") -> ResultLink:
    """Kinerja kolaboratif: link two RHKs of different units in the same year (seen from both plans).

    Either side's owner, rater or admin may create it; the other side needs to be visible only."""
    plan = lock_plan(result.plan_id)
    check_plan(actor, plan, "view")
    if actor is not None and not plan_roles(actor, plan) & {workflow.OWNER, workflow.RATER, workflow.ADMIN}:
        raise ApplicationError(_("Anda tidak berwenang menautkan kolaborasi pada SKP ini."))
    other_plan = other.plan
    if other_plan.year_id != plan.year_id:
        raise ApplicationError(_("RHK kolaborasi harus pada tahun kinerja yang sama."), field="other")
    if other_plan.pk == plan.pk or other_plan.unit_id == plan.unit_id:
        raise ApplicationError(_("Kolaborasi menghubungkan RHK dari unit kerja yang berbeda."), field="other")
    a, b = sorted((result.pk, other.pk))
    if ResultLink.objects.filter(result_a_id=a, result_b_id=b).exists():
        raise ApplicationError(_("Kedua RHK ini sudah terhubung."))
    link = ResultLink(result_a_id=a, result_b_id=b, note=note.strip()[:300], created_by=actor_user(actor))
    link.save()
    return link


@transaction.atomic
def result_collaboration_remove(*, link: ResultLink, actor) -> None:
    plans = PerformancePlan.objects.filter(results__in=[link.result_a_id, link.result_b_id]).select_related(
        "year"
    )
    if actor is not None:
        allowed = any(
            set(plan_roles(actor, p)) & {workflow.OWNER, workflow.RATER, workflow.ADMIN} for p in plans
        )
        if not allowed:
            raise ApplicationError(_("Anda tidak berwenang menghapus kolaborasi ini."))
    link.delete()


# --- bulk cascade ---------------------------------------------------------------------------


@dataclass
class CascadeReport:
    created: list[PlannedResult] = field(default_factory=list)
    plans_created: list[PerformancePlan] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (employee id, reason)


@transaction.atomic
def results_cascade(
    *,
    source_result: PlannedResult,
    employees: list[Employee],
    actor,
    statement: str | None = None,
    copy_indicators: bool = True,
) -> CascadeReport:
    """A superior distributes one RHK to many subordinates at once (set-based).

    Each subordinate gets a draft RHK intervening `source_result` (text from `statement` or the
    source), with the source's IKI copied as a starting point; each then adapts theirs. Subordinates
    without a plan get a draft plan; those whose plan is submitted or approved are skipped."""
    source_plan = lock_plan(source_result.plan_id)
    check_plan(actor, source_plan, "cascade_from")
    year = source_plan.year
    report = CascadeReport()
    if not employees:
        return report
    emp_ids = [e.pk for e in employees]
    plans = {}
    for p in (
        PerformancePlan.objects.select_for_update(of=("self",))
        .filter(
            year=year,
            employee_id__in=emp_ids,
            start_date__lte=source_plan.end_date,
            end_date__gte=source_plan.start_date,
        )
        .order_by("employee_id", "start_date")
    ):
        plans[p.employee_id] = p  # the latest overlapping plan of each employee
    missing = [e for e in employees if e.pk not in plans]
    if missing:
        start = max(source_plan.start_date, dt.date(year.year, 1, 1))
        headers = headers_for(employees=missing, on=start)
        new_plans = []
        for e in missing:
            h = headers[e.pk]
            if h.rater_id != source_plan.employee_id:
                report.skipped.append((e.pk, _("pejabat penilainya bukan pemilik RHK ini")))
                continue
            if h.position is None:
                report.skipped.append((e.pk, _("tidak mempunyai jabatan definitif")))
                continue
            new_plans.append(
                _new_plan(year, e, h, start, source_plan.end_date, approach=source_plan.approach, form=None)
            )
        created = PerformancePlan.objects.bulk_create(new_plans)
        create_behaviours(created)
        PlanEvent.objects.bulk_create(
            [
                PlanEvent(
                    plan=p,
                    kind=PlanEventKind.PROPOSED,
                    actor=actor_user(actor),
                    actor_name=actor_name(actor)[:200],
                    version=1,
                )
                for p in created
            ]
        )
        report.plans_created = created
        for p in created:
            plans[p.employee_id] = p
    targets = []
    for e in employees:
        p = plans.get(e.pk)
        if p is None:
            continue
        if p.rater_id != source_plan.employee_id:
            report.skipped.append((e.pk, _("pejabat penilainya bukan pemilik RHK ini")))
        elif p.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
            report.skipped.append(
                (e.pk, _("SKP sudah %(s)s; mulai perubahan SKP dulu") % {"s": p.get_status_display()})
            )
        else:
            targets.append(p)
    if not targets:
        return report
    orders = dict(
        PlannedResult.objects.filter(plan__in=targets, kind=source_result.kind)
        .values("plan_id")
        .annotate(m=Max("order"))
        .values_list("plan_id", "m")
    )
    text = (statement or source_result.statement).strip()
    new_results = [
        PlannedResult(
            plan=p,
            kind=source_result.kind,
            order=(orders.get(p.pk) or 0) + 1,
            statement=text,
            parent_result=source_result,
            cascaded_from=source_result,
        )
        for p in targets
    ]
    report.created = PlannedResult.objects.bulk_create(new_results)
    if copy_indicators:
        source_inds = list(source_result.indicators.order_by("order", "id"))
        Indicator.objects.bulk_create(
            [
                Indicator(
                    result=r,
                    order=i.order,
                    aspect=i.aspect,
                    name=i.name,
                    target=i.target,
                    target_text=i.target_text,
                    unit=i.unit,
                    direction=i.direction,
                    aggregation=i.aggregation,
                    template=i.template,
                )
                for r in report.created
                for i in source_inds
            ]
        )
    measured = [p.pk for p in targets if p.approved_version > 0]  # plans being revised after approval
    if measured and copy_indicators:
        progress_refresh(plans=measured)
    PlanEvent.objects.bulk_create(
        [
            PlanEvent(
                plan=p,
                kind=PlanEventKind.CASCADED,
                actor=actor_user(actor),
                actor_name=actor_name(actor)[:200],
                version=p.version,
                data={"source_result": source_result.pk},
            )
            for p in targets
        ]
    )
    return report


# --- mid-year transfer ----------------------------------------------------------------------


@transaction.atomic
def plan_transfer(
    *, plan: PerformancePlan, transfer_date: dt.date, actor, reason: str = ""
) -> PerformancePlan:
    """Mutasi in the middle of the year: the old plan ends the day before `transfer_date` (its
    realisations and approvals stay) and a new draft plan for the new position starts that day."""
    plan = lock_plan(plan)
    if actor is not None:
        roles = plan_roles(actor, plan)
        if not roles & {workflow.OWNER, workflow.ADMIN}:
            raise ApplicationError(_("Hanya pegawai atau Admin OPD yang dapat memproses mutasi SKP."))
    if not plan.start_date < transfer_date <= plan.end_date:
        raise ApplicationError(
            _("Tanggal mutasi harus sesudah %(a)s dan paling lambat %(b)s.")
            % {"a": plan.start_date.strftime("%d-%m-%Y"), "b": plan.end_date.strftime("%d-%m-%Y")},
            field="transfer_date",
        )
    old_end = plan.end_date
    plan.end_date = transfer_date - dt.timedelta(days=1)
    plan.closed_reason = (reason or _("Mutasi/pindah jabatan"))[:200]
    plan.save()
    refresh_if_measured(plan)
    event(plan, PlanEventKind.CLOSED, actor, plan.closed_reason, data={"end_date": plan.end_date.isoformat()})
    new = plan_create(
        year=plan.year,
        employee=plan.employee,
        actor=None,
        start_date=transfer_date,
        end_date=old_end,
        approach=plan.approach,
        previous_plan=plan,
    )
    event(new, PlanEventKind.TRANSFERRED, actor, plan.closed_reason, data={"previous_plan": plan.pk})
    return new


def plans_needing_transfer(*, year, on: dt.date | None = None) -> list[tuple[PerformancePlan, Assignment]]:
    """Plans whose employee started another definitive position after the plan began (set-based)."""
    on = on or dt.date.today()
    plans = list(
        PerformancePlan.objects.filter(year=year, start_date__lte=on, end_date__gte=on).only(
            "pk", "employee_id", "position_id", "start_date", "end_date"
        )
    )
    by_emp = {p.employee_id: p for p in plans}
    rows = (
        Assignment.objects.filter(
            employee_id__in=list(by_emp), kind=AssignmentKind.DEFINITIVE, start_date__lte=on
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("employee_id", "start_date")
    )
    out = []
    for a in rows:
        p = by_emp.get(a.employee_id)
        if p and a.position_id != p.position_id and p.start_date < a.start_date <= p.end_date:
            out.append((p, a))
    return out


def plans_apply_transfers(*, year, actor=None, on: dt.date | None = None) -> list[PerformancePlan]:
    """Run `plan_transfer` for every plan found by `plans_needing_transfer` (a nightly job)."""
    created = []
    for plan, assignment in plans_needing_transfer(year=year, on=on):
        full = PerformancePlan.objects.select_related("year").get(pk=plan.pk)
        created.append(
            plan_transfer(
                plan=full,
                transfer_date=assignment.start_date,
                actor=actor,
                reason=_("Mutasi (TMT %(d)s)") % {"d": assignment.start_date.strftime("%d-%m-%Y")},
            )
        )
    return created
