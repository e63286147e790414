"""Organisation goals (Wali Kota's and each OPD's sasaran strategis) and their IKU."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope, paths_q
from pembina.performance import datasources
from pembina.performance.choices import GoalLevel
from pembina.performance.models import Goal, GoalIndicator
from pembina.performance.services.common import full_clean, next_order


def _ensure_can_change_goal(actor, *, level: str, opd) -> None:
    if actor is None:
        return
    scope = get_scope(actor)
    if scope.write_all:
        return
    if level == GoalLevel.OPD and opd is not None:
        from pembina.org.models import Unit

        if Unit.objects.filter(pk=opd.pk).filter(paths_q("path", scope.admin_unit_paths)).exists():
            return
    raise ApplicationError(_("Anda tidak berwenang mengubah sasaran ini."))


def validate_data_source(key: str, params: dict | None, *, field: str = "data_source") -> None:
    if not key:
        return
    source = datasources.get(key)
    if source is None:
        raise ApplicationError(_("Sumber data %(k)s tidak dikenal.") % {"k": key}, field=field)
    params = params or {}
    if not isinstance(params, dict):
        raise ApplicationError(_("Parameter sumber data harus berupa pasangan nama–nilai."), field=field)
    if source.param_names:
        unknown = set(params) - set(source.param_names)
        if unknown:
            raise ApplicationError(
                _("Parameter %(p)s tidak dikenal untuk sumber data %(k)s.")
                % {"p": ", ".join(sorted(unknown)), "k": source.label},
                field="data_source_params",
            )


@transaction.atomic
def goal_create(
    *, year, level: str, statement: str, actor, opd=None, parent: Goal | None = None, code: str = ""
) -> Goal:
    _ensure_can_change_goal(actor, level=level, opd=opd)
    if level == GoalLevel.CITY and (opd is not None or parent is not None):
        raise ApplicationError(_("Sasaran Wali Kota tidak terikat pada OPD."))
    if level == GoalLevel.OPD and opd is None:
        raise ApplicationError(_("Pilih OPD untuk sasaran strategis."), field="opd")
    goal = Goal(
        year=year,
        level=level,
        opd=opd,
        parent=parent,
        code=code.strip(),
        statement=statement.strip(),
        order=next_order(Goal.objects.filter(year=year, level=level, opd=opd)),
    )
    full_clean(goal)
    goal.save()
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, data: dict, actor) -> Goal:
    _ensure_can_change_goal(actor, level=goal.level, opd=goal.opd)
    goal = Goal.objects.select_for_update(of=("self",)).get(pk=goal.pk)
    for f in ("statement", "code", "order", "parent"):
        if f in data:
            setattr(goal, f, data[f])
    full_clean(goal)
    goal.save()
    return goal


@transaction.atomic
def goal_indicator_create(
    *,
    goal: Goal,
    name: str,
    unit: str,
    actor,
    target: Decimal | None = None,
    direction: str = "higher",
    aggregation: str = "last",
    data_source: str = "",
    data_source_params: dict | None = None,
) -> GoalIndicator:
    _ensure_can_change_goal(actor, level=goal.level, opd=goal.opd)
    validate_data_source(data_source, data_source_params)
    ind = GoalIndicator(
        goal=goal,
        name=name.strip(),
        unit=unit.strip(),
        target=target,
        direction=direction,
        aggregation=aggregation,
        data_source=data_source,
        data_source_params=data_source_params or {},
        order=next_order(goal.indicators.all()),
    )
    full_clean(ind)
    ind.save()
    return ind


@transaction.atomic
def goal_indicator_update(*, indicator: GoalIndicator, data: dict, actor) -> GoalIndicator:
    goal = indicator.goal
    _ensure_can_change_goal(actor, level=goal.level, opd=goal.opd)
    ind = GoalIndicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    for f in (
        "name",
        "unit",
        "target",
        "direction",
        "aggregation",
        "data_source",
        "data_source_params",
        "order",
    ):
        if f in data:
            setattr(ind, f, data[f])
    validate_data_source(ind.data_source, ind.data_source_params)
    full_clean(ind)
    ind.save()
    return ind
