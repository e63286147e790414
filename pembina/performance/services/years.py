"""Performance years: create (with generated periods), configure, and move through the stages."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.performance.choices import YearState
from pembina.performance.models import PerformanceYear, Period, Realisation
from pembina.performance.rules import periods as period_rules
from pembina.performance.services.common import full_clean
from pembina.performance.services.progress import progress_refresh

# from → allowed next states (one step forward; reopening a closed year is deliberate and rare)
YEAR_TRANSITIONS = {
    YearState.PLANNING: {YearState.RUNNING},
    YearState.RUNNING: {YearState.EVALUATING, YearState.PLANNING},
    YearState.EVALUATING: {YearState.CLOSED, YearState.RUNNING},
    YearState.CLOSED: {YearState.EVALUATING},
}


def _ensure_admin(actor) -> None:
    if actor is not None and not get_scope(actor).write_all:
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat mengatur tahun kinerja."))


def _generate_periods(year: PerformanceYear) -> list[Period]:
    specs = period_rules.generate(year.year, year.interval)
    return Period.objects.bulk_create(
        [Period(year=year, number=s.number, label=s.label, start=s.start, end=s.end) for s in specs]
    )


@transaction.atomic
def performance_year_create(
    *,
    instansi,
    year: int,
    actor,
    interval: str = "quarterly",
    planning_deadline: dt.date | None = None,
    evaluation_deadline: dt.date | None = None,
    closing_deadline: dt.date | None = None,
    realisation_grace_days: int = 10,
) -> PerformanceYear:
    _ensure_admin(actor)
    if PerformanceYear.objects.filter(instansi=instansi, year=year).exists():
        raise ApplicationError(_("Tahun kinerja %(y)s sudah ada.") % {"y": year}, field="year")
    obj = PerformanceYear(
        instansi=instansi,
        year=year,
        interval=interval,
        planning_deadline=planning_deadline or dt.date(year, 1, 31),
        evaluation_deadline=evaluation_deadline or dt.date(year + 1, 1, 31),
        closing_deadline=closing_deadline or dt.date(year + 1, 3, 31),
        realisation_grace_days=realisation_grace_days,
    )
    full_clean(obj)
    obj.save()
    _generate_periods(obj)
    return obj


@transaction.atomic
def performance_year_update(*, year: PerformanceYear, data: dict, actor) -> PerformanceYear:
    """Deadlines and tolerance any time; the interval only while no realisation was entered."""
    _ensure_admin(actor)
    year = PerformanceYear.objects.select_for_update(of=("self",)).get(pk=year.pk)
    fields = (
        "planning_deadline",
        "evaluation_deadline",
        "closing_deadline",
        "realisation_grace_days",
        "pace_tolerance",
    )
    for f in fields:
        if f in data:
            setattr(year, f, data[f])
    regenerate = "interval" in data and data["interval"] != year.interval
    if regenerate:
        if Realisation.objects.filter(period__year=year).exists():
            raise ApplicationError(
                _("Periode evaluasi tidak dapat diubah karena realisasi sudah diisi."), field="interval"
            )
        year.interval = data["interval"]
    full_clean(year)
    year.save()
    if regenerate:
        Period.objects.filter(year=year).delete()
        _generate_periods(year)
    if regenerate or {"realisation_grace_days", "pace_tolerance"} & set(data):
        progress_refresh(year=year)  # they feed every summary row of the year
    return year


@transaction.atomic
def performance_year_transition(*, year: PerformanceYear, to_state: str, actor) -> PerformanceYear:
    _ensure_admin(actor)
    year = PerformanceYear.objects.select_for_update(of=("self",)).get(pk=year.pk)
    if to_state not in YEAR_TRANSITIONS.get(year.state, set()):
        raise ApplicationError(
            _("Tahun kinerja tidak dapat berpindah dari %(a)s ke %(b)s.")
            % {
                "a": year.get_state_display(),
                "b": YearState(to_state).label if to_state in YearState.values else to_state,
            },
            field="state",
        )
    year.state = to_state
    year.save()
    return year
