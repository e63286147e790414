"""SKP drafting: create a plan (header snapshot), edit its RHK, IKI, behaviour and lampiran."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.org.models import Employee
from pembina.performance.choices import GoalLevel, PlanEventKind, PlanForm, ResultKind
from pembina.performance.models import (
    CoreValue,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTemplate,
    PerformancePlan,
    PerformanceYear,
    PlanBehaviour,
    PlannedResult,
)
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import cascade as cascade_rules
from pembina.performance.rules import workflow
from pembina.performance.services.common import (
    check_plan,
    ensure_year_open,
    event,
    full_clean,
    lock_plan,
    next_order,
)
from pembina.performance.services.goals import validate_data_source
from pembina.performance.services.headers import Header, header_for
from pembina.performance.services.progress import refresh_if_measured


def _new_plan(
    year: PerformanceYear,
    employee: Employee,
    header: Header,
    start: dt.date,
    end: dt.date,
    *,
    approach: str,
    form: str | None,
    previous_plan=None,
) -> PerformancePlan:
    if header.position is None:
        raise ApplicationError(
            _("%(n)s tidak mempunyai jabatan definitif pada %(d)s; SKP tidak dapat dibuat.")
            % {"n": employee.full_name, "d": start.strftime("%d-%m-%Y")}
        )
    return PerformancePlan(
        year=year,
        employee=employee,
        position=header.position,
        unit=header.unit,
        opd_id=header.unit.opd_id,
        unit_path=header.unit.path,
        form=form or header.form,
        approach=approach,
        start_date=start,
        end_date=end,
        rater_id=header.rater_id,
        rater_superior_id=header.rater_superior_id,
        header=header.data,
        previous_plan=previous_plan,
    )


def _overlapping(year, employee_id, start, end, exclude_pk=None):
    qs = PerformancePlan.objects.filter(
        year=year, employee_id=employee_id, start_date__lte=end, end_date__gte=start
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def create_behaviours(plans: list[PerformancePlan]) -> None:
    values = list(CoreValue.objects.order_by("order"))
    PlanBehaviour.objects.bulk_create([PlanBehaviour(plan=p, value=v) for p in plans for v in values])


@transaction.atomic
def plan_create(
    *,
    year: PerformanceYear,
    employee: Employee,
    actor,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    form: str | None = None,
    approach: str = "kuantitatif",
    previous_plan: PerformancePlan | None = None,
) -> PerformancePlan:
    """Draft an SKP for `employee` (by the employee, proposed by the superior, or by an admin).

    The header is resolved as of `start_date`; nobody needs their superior's plan to exist first."""
    ensure_year_open(year)
    start = start_date or dt.date(year.year, 1, 1)
    end = end_date or dt.date(year.year, 12, 31)
    if start.year != year.year or end.year != year.year or end < start:
        raise ApplicationError(
            _("Periode SKP harus di dalam tahun %(y)s.") % {"y": year.year}, field="start_date"
        )
    if employee.instansi_id != year.instansi_id:
        raise ApplicationError(_("Pegawai bukan dari instansi tahun kinerja ini."))
    header = header_for(employee=employee, on=start)
    plan = _new_plan(
        year, employee, header, start, end, approach=approach, form=form, previous_plan=previous_plan
    )
    roles = plan_roles(actor, plan) if actor is not None else frozenset(workflow.ROLES)
    if actor is not None and not workflow.allowed("create", roles, plan.status):
        raise ApplicationError(_("Anda tidak berwenang membuat SKP untuk %(n)s.") % {"n": employee.full_name})
    if _overlapping(year, employee.pk, start, end).exists():
        raise ApplicationError(
            _("%(n)s sudah mempunyai SKP tahun %(y)s pada rentang tanggal ini.")
            % {"n": employee.full_name, "y": year.year},
            field="start_date",
        )
    full_clean(plan)
    plan.save()
    create_behaviours([plan])
    proposed = actor is not None and workflow.RATER in roles and workflow.OWNER not in roles
    event(plan, PlanEventKind.PROPOSED if proposed else PlanEventKind.CREATED, actor)
    return plan


@transaction.atomic
def plan_header_refresh(*, plan: PerformancePlan, actor) -> PerformancePlan:
    """Re-resolve the header as of the plan's start (e.g. the rater was wrong in the org data)."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "refresh_header")
    header = header_for(employee=plan.employee, on=plan.start_date)
    if header.position is None:
        raise ApplicationError(_("Pegawai tidak mempunyai jabatan definitif pada tanggal mulai SKP."))
    plan.position, plan.unit = header.position, header.unit
    plan.opd_id, plan.unit_path = header.unit.opd_id, header.unit.path
    plan.rater_id, plan.rater_superior_id = header.rater_id, header.rater_superior_id
    plan.header = header.data
    plan.save()
    refresh_if_measured(plan)  # the summary rows carry the unit path
    event(plan, PlanEventKind.HEADER_REFRESHED, actor)
    return plan


@transaction.atomic
def plan_update(*, plan: PerformancePlan, data: dict, actor) -> PerformancePlan:
    """Form, approach and the lampiran (dukungan sumber daya, skema pertanggungjawaban, konsekuensi)."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "edit")
    for f in ("form", "approach", "support_resources", "accountability_scheme", "consequences"):
        if f in data:
            setattr(plan, f, data[f])
    full_clean(plan)
    plan.save()
    return plan


# --- RHK ------------------------------------------------------------------------------------


def _parent_of_map(start: PlannedResult | None) -> dict[int, int | None]:
    """Walk up from `start` along the stored parent links (bounded) so the cycle check sees the chain."""
    chain: dict[int, int | None] = {}
    pk = start.pk if start is not None else None
    for _i in range(64):
        if pk is None or pk in chain:
            break
        parent_id = PlannedResult.objects.filter(pk=pk).values_list("parent_result_id", flat=True).first()
        chain[pk] = parent_id
        pk = parent_id
    return chain


def check_parent(plan: PerformancePlan, parent: PlannedResult, *, child_pk: int | None = None) -> None:
    """The intervened RHK must be the pejabat penilai's (as of the plan date), in the same year,
    from a superior plan that overlaps this plan's dates, and must not close a cycle."""
    parent_plan = parent.plan
    if parent_plan.year_id != plan.year_id:
        raise ApplicationError(
            _("RHK atasan yang diintervensi harus pada tahun kinerja yang sama (%(y)s).")
            % {"y": plan.year.year},
            field="parent_result",
        )
    if plan.rater_id is None:
        raise ApplicationError(
            _("Pejabat penilai SKP ini adalah kepala daerah; hubungkan RHK dengan sasaran strategis OPD."),
            field="parent_result",
        )
    if parent_plan.employee_id != plan.rater_id:
        raise ApplicationError(
            _(
                "Hanya RHK pejabat penilai Anda (per tanggal SKP) yang dapat diintervensi; untuk RHK unit "
                "lain gunakan tautan kolaborasi."
            ),
            field="parent_result",
        )
    if parent_plan.start_date > plan.end_date or parent_plan.end_date < plan.start_date:
        raise ApplicationError(
            _("SKP atasan tersebut tidak berlaku pada periode SKP ini."), field="parent_result"
        )
    if child_pk is not None and cascade_rules.would_cycle(
        child=child_pk, parent=parent.pk, parent_of=_parent_of_map(parent)
    ):
        raise ApplicationError(_("Tautan ini membuat rantai RHK berputar (siklus)."), field="parent_result")


def _check_goal(plan: PerformancePlan, goal: Goal | None, goal_indicator: GoalIndicator | None) -> None:
    if goal_indicator is not None and (goal is None or goal_indicator.goal_id != goal.pk):
        raise ApplicationError(_("IKU harus milik sasaran yang dipilih."), field="goal_indicator")
    if goal is None:
        return
    if goal.year_id != plan.year_id:
        raise ApplicationError(_("Sasaran harus pada tahun kinerja yang sama."), field="goal")
    if goal.level != GoalLevel.OPD or goal.opd_id != plan.opd_id:
        raise ApplicationError(_("Hanya sasaran strategis OPD sendiri yang dapat dihubungkan."), field="goal")
    if plan.rater_id is not None and plan.form != PlanForm.JPT:
        raise ApplicationError(
            _("RHK pegawai non-JPT mengintervensi RHK atasan, bukan sasaran OPD secara langsung."),
            field="goal",
        )


@transaction.atomic
def result_add(
    *,
    plan: PerformancePlan,
    statement: str,
    actor,
    kind: str = ResultKind.MAIN,
    perspective: str = "",
    parent_result: PlannedResult | None = None,
    goal: Goal | None = None,
    goal_indicator: GoalIndicator | None = None,
) -> PlannedResult:
    plan = lock_plan(plan)
    check_plan(actor, plan, "edit")
    if not statement or not statement.strip():
        raise ApplicationError(_("Rumusan RHK wajib diisi."), field="statement")
    if perspective and plan.form != PlanForm.JPT:
        raise ApplicationError(_("Perspektif hanya untuk SKP JPT."), field="perspective")
    if parent_result is not None:
        check_parent(plan, parent_result)
    _check_goal(plan, goal, goal_indicator)
    result = PlannedResult(
        plan=plan,
        kind=kind,
        statement=statement.strip(),
        perspective=perspective,
        parent_result=parent_result,
        goal=goal,
        goal_indicator=goal_indicator,
        order=next_order(plan.results.filter(kind=kind)),
    )
    full_clean(result, label=_("RHK"))
    result.save()
    return result


@transaction.atomic
def result_update(*, result: PlannedResult, data: dict, actor) -> PlannedResult:
    plan = lock_plan(result.plan_id)
    check_plan(actor, plan, "edit")
    result = PlannedResult.objects.select_for_update(of=("self",)).get(pk=result.pk)
    for f in ("statement", "kind", "perspective", "order", "goal", "goal_indicator"):
        if f in data:
            setattr(result, f, data[f])
    if "parent_result" in data:
        parent = data["parent_result"]
        if parent is not None:
            check_parent(plan, parent, child_pk=result.pk)
        result.parent_result = parent
    _check_goal(plan, result.goal, result.goal_indicator)
    if result.perspective and plan.form != PlanForm.JPT:
        raise ApplicationError(_("Perspektif hanya untuk SKP JPT."), field="perspective")
    full_clean(result, label=_("RHK"))
    result.save()
    return result


@transaction.atomic
def result_delete(*, result: PlannedResult, actor) -> None:
    plan = lock_plan(result.plan_id)
    check_plan(actor, plan, "edit")
    n = result.children.count()
    if n:
        raise ApplicationError(
            _("RHK ini diintervensi oleh %(n)s RHK bawahan; ubah tautan mereka lebih dulu.") % {"n": n}
        )
    result.delete()
    refresh_if_measured(plan)


# --- IKI ------------------------------------------------------------------------------------


def _decimal(value, field="target"):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("%(v)s bukan angka yang sah.") % {"v": value}, field=field) from None


INDICATOR_FIELDS = (
    "name",
    "aspect",
    "target",
    "target_text",
    "unit",
    "direction",
    "aggregation",
    "data_source",
    "data_source_params",
    "order",
)


@transaction.atomic
def indicator_add(
    *,
    result: PlannedResult,
    name: str,
    actor,
    aspect: str = "kuantitas",
    target=None,
    target_text: str = "",
    unit: str = "",
    direction: str = "higher",
    aggregation: str = "sum",
    data_source: str = "",
    data_source_params: dict | None = None,
    template: IndicatorTemplate | None = None,
) -> Indicator:
    plan = lock_plan(result.plan_id)
    check_plan(actor, plan, "edit")
    validate_data_source(data_source, data_source_params)
    ind = Indicator(
        result=result,
        name=(name or "").strip(),
        aspect=aspect,
        target=_decimal(target),
        target_text=target_text.strip(),
        unit=unit.strip(),
        direction=direction,
        aggregation=aggregation,
        data_source=data_source,
        data_source_params=data_source_params or {},
        template=template,
        order=next_order(result.indicators.all()),
    )
    full_clean(ind, label=_("IKI"))
    ind.save()
    refresh_if_measured(plan)
    return ind


def indicator_add_from_template(
    *, result: PlannedResult, template: IndicatorTemplate, actor, target=None, name: str | None = None
) -> Indicator:
    """An IKI drafted from a library entry: name, unit, direction, aspect and data source copied."""
    return indicator_add(
        result=result,
        name=name or template.name,
        actor=actor,
        aspect=template.aspect,
        target=target if target is not None else template.suggested_target,
        unit=template.unit,
        direction=template.direction,
        aggregation=template.aggregation,
        data_source=template.data_source,
        data_source_params=dict(template.data_source_params),
        template=template,
    )


@transaction.atomic
def indicator_update(*, indicator: Indicator, data: dict, actor) -> Indicator:
    plan = lock_plan(indicator.result.plan_id)
    check_plan(actor, plan, "edit")
    ind = Indicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    for f in INDICATOR_FIELDS:
        if f in data:
            setattr(ind, f, _decimal(data[f]) if f == "target" else data[f])
    validate_data_source(ind.data_source, ind.data_source_params)
    full_clean(ind, label=_("IKI"))
    ind.save()
    refresh_if_measured(plan)
    return ind


@transaction.atomic
def indicator_delete(*, indicator: Indicator, actor) -> None:
    plan = lock_plan(indicator.result.plan_id)
    check_plan(actor, plan, "edit")
    if indicator.realisations.exists():
        raise ApplicationError(_("IKI yang sudah mempunyai realisasi tidak dapat dihapus."))
    indicator.delete()
    refresh_if_measured(plan)


# --- perilaku kerja -------------------------------------------------------------------------


@transaction.atomic
def behaviour_expectation_set(
    *, plan: PerformancePlan, value: CoreValue, expectation: str, actor
) -> PlanBehaviour:
    """The superior's ekspektasi khusus for one BerAKHLAK value."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "set_expectation")
    row, _created = PlanBehaviour.objects.get_or_create(plan=plan, value=value)
    row.expectation = (expectation or "").strip()
    row.save()
    return row
