"""Opening evaluations and computing their achievements: the set-based run for a whole instansi or
OPD, and one evaluation at a time. Repeatable: the same inputs give the same values, and rows whose
values did not change are not written."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from pembina.core.audit.recorder import Change, audited_fields, changes_for_created_batch, record
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, EventKind
from pembina.evaluation.models import Evaluation, IndicatorAchievement
from pembina.evaluation.permissions import can_calibrate_opd
from pembina.evaluation.selectors.achievements import achievement_values, indicator_figures
from pembina.evaluation.selectors.run_figures import (
    CHANGED,
    FINAL,
    NEW,
    SAME,
    RunScope,
    existing_sql,
    resolved_sql,
    run_sql,
)
from pembina.evaluation.services.common import (
    check,
    ensure_visible,
    event,
    lock_evaluation,
    now,
    thresholds_for,
)
from pembina.evaluation.services.compute import PlanFacts, Summary, summaries
from pembina.performance.models import Indicator, PerformancePlan

OPEN = (EvaluationStatus.DRAFT, EvaluationStatus.RATED)


@dataclass
class RunReport:
    plans: int = 0
    indicators: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_final: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _kind(period) -> str:
    return EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL


def _check_run(actor, year, period, opd) -> None:
    if period is not None and period.year_id != year.pk:
        raise ApplicationError(_("Periode bukan bagian tahun kinerja ini."), field="period")
    if opd is not None and opd.instansi_id != year.instansi_id:
        raise ApplicationError(_("OPD bukan bagian instansi ini."), field="opd")
    if actor is None:
        return
    scope = get_scope(actor)
    if scope.instansi_id != year.instansi_id:
        raise ApplicationError(_("Anda tidak berwenang menjalankan evaluasi untuk instansi ini."))
    if scope.write_all:
        return
    if opd is None or not can_calibrate_opd(actor, opd):
        raise ApplicationError(
            _(
                "Hanya Tim Penilai Kinerja (Admin OPD untuk OPD-nya, Admin BKPSDM) yang dapat menjalankan evaluasi."
            ),
            field="opd",
        )


def evaluation_run(*, year, actor, period=None, opd=None, progress=None) -> RunReport:
    """Open an evaluation for every approved SKP of the year (overlapping `period` for a periodic
    run; of the OPD's subtree when `opd` is given) and write each one's achievement summary,
    suggested rating and (for heads) unit rating. Published and locked evaluations are left alone.

    A fixed number of queries whatever the number of employees, no per-row Python. On SQLite, when
    no plan in scope has its evaluation yet, one INSERT … SELECT computes every plan's figures
    (`selectors.run_figures.resolved_sql`) and inserts them. Otherwise one statement computes the
    figures and compares them with the stored evaluations into a temporary table (`run_sql`); new
    evaluations are inserted from it, changed ones updated with one UPDATE … FROM, unchanged rows
    are not written. Creations are recorded on the audit chain in batch entries (docs/decisions/
    0007-batch-audit-entries.md)."""
    _check_run(actor, year, period, opd)
    progress = progress or (lambda *a, **k: None)
    kind = _kind(period)
    thresholds = thresholds_for(year.instansi_id)
    scope = RunScope.of(year=year, period=period, unit_path=opd.path if opd is not None else None)
    report = RunReport()
    progress(0, 3, _("Membaca SKP yang disetujui"))
    stamp = now()
    with transaction.atomic(), connection.cursor() as cursor, _tuned(cursor):
        first = False
        if connection.vendor in _DIRECT_INSERT:
            cursor.execute(*existing_sql(scope, kind=kind))
            first = cursor.fetchone() is None
        progress(1, 3, _("Menghitung capaian IKI"))
        if first:  # nothing to compare with: insert straight from the figures
            progress(2, 3, _("Menyimpan hasil"))
            sql, params = resolved_sql(scope, thresholds)
            created, indicators = _insert_new(
                cursor,
                source=f"{sql}\nSELECT * FROM resolved",
                params=params,
                year=year,
                period=period,
                kind=kind,
                stamp=stamp,
            )
            report.plans = report.created = created
            report.indicators = indicators
        else:
            cursor.execute(f"DROP TABLE IF EXISTS {_TMP}")
            sql, params = run_sql(scope, thresholds, kind=kind)
            cursor.execute(_create_temp(sql), params)
            cursor.execute(f"SELECT state, COUNT(*), SUM(total) FROM {_TMP} GROUP BY state")
            states = {state: (int(n), int(total or 0)) for state, n, total in cursor.fetchall()}
            report.plans = sum(n for n, _t in states.values())
            report.indicators = sum(t for _n, t in states.values())
            report.unchanged = states.get(SAME, (0, 0))[0]
            report.skipped_final = states.get(FINAL, (0, 0))[0]
            progress(2, 3, _("Menyimpan hasil"))
            if states.get(NEW):
                report.created = _insert_new(
                    cursor,
                    source=_TMP,
                    where=f"t.state = '{NEW}'",
                    params={},
                    year=year,
                    period=period,
                    kind=kind,
                    stamp=stamp,
                )[0]
            if states.get(CHANGED):
                report.updated = _update_changed(cursor, stamp=stamp)
            cursor.execute(f"DROP TABLE {_TMP}")
    progress(3, 3, _("Selesai"))
    return report


# Where a first run inserts straight from the figures' query (no temporary table to write and read
# back). PostgreSQL never runs the SELECT of an INSERT in parallel but does run a CREATE TABLE … AS
# in parallel, so there the figures always go through the temporary table.
_DIRECT_INSERT = ("sqlite",)

# SQLite's default page cache (2 MiB) is far smaller than the evaluation table's eleven indexes
# once a run inserts 100,000 rows: every insert then re-reads index pages from the OS (about twice
# the time). The run enlarges the cache of its connection while it works.
SQLITE_CACHE_KIB = 65_536


@contextmanager
def _tuned(cursor):
    """The run's session settings, for its own transaction only. PostgreSQL: no JIT — the figures'
    statement is one large expression tree (the rules written as SQL) whose cost estimate passes
    `jit_optimize_above_cost`, and LLVM then spends ≈2.5 s compiling and optimising ~240 functions
    at 100,000 employees to save far less in execution. SQLite: a larger page cache (below)."""
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL jit = off")
        yield
        return
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    old = cursor.fetchone()[0]
    if old < 0 and -old >= SQLITE_CACHE_KIB:
        yield
        return
    cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(old)}")


_TMP = "evaluation_run_tmp"
# Audited fields that differ from row to row in a run's creations (the rest is common to the run).
_ROW_AUDITED = (
    "plan_id",
    "employee_id",
    "rater_id",
    "rater_superior_id",
    "unit_id",
    "opd_id",
    "is_unit_head",
    "unit_rating",
)
# Evaluation attname → the temporary table's expression.
_FROM_RESULT = {
    "plan_id": "t.id",
    "employee_id": "t.employee_id",
    "rater_id": "t.rater_id",
    "rater_superior_id": "t.rater_superior_id",
    "unit_id": "t.unit_id",
    "opd_id": "t.opd_id",
    "unit_path": "t.unit_path",
    "is_unit_head": "t.is_head",
}
_SUMMARY_FROM_RESULT = {
    "achievement": "t.achievement_h / 100.0",
    "indicators_total": "t.total",
    "indicators_above": "t.above",
    "indicators_meets": "t.meets",
    "indicators_below": "t.below",
    "main_below": "t.main_below",
    "suggested_rating": "t.suggested",
    "unit_achievement": "t.unit_h_set / 100.0",
    "unit_rating": "t.unit_rating",
}


def _create_temp(sql: str) -> str:
    if connection.vendor == "postgresql":
        return f"CREATE TEMPORARY TABLE {_TMP} ON COMMIT DROP AS {sql}"
    return f"CREATE TEMPORARY TABLE {_TMP} AS {sql}"


def _param(field, value, params: dict, name: str) -> str:
    """A constant as a query parameter, typed on PostgreSQL (an INSERT … SELECT does not infer it)."""
    params[name] = None if value is None else field.get_db_prep_save(value, connection)
    if connection.vendor == "postgresql":
        return f"CAST(%({name})s AS {field.db_type(connection)})"
    return f"%({name})s"


def _insert_new(
    cursor, *, source: str, params: dict, year, period, kind, stamp, where: str = "TRUE"
) -> tuple[int, int]:
    """Insert new evaluations straight from the computed figures (`source`: the temporary table,
    or the figures' query itself when nothing exists yet); record them on the audit chain, every
    audited field of every row, in batch entries. Returns (rows created, their IKIs)."""
    constants = {
        "instansi_id": year.instansi_id,
        "year_id": year.pk,
        "kind": kind,
        "period_id": period.pk if period is not None else None,
        "status": EvaluationStatus.DRAFT,
        "computed_at": stamp,
        "created_at": stamp,
        "updated_at": stamp,
    }
    params = dict(params)
    columns, exprs = [], []
    from_result = {**_FROM_RESULT, **_SUMMARY_FROM_RESULT}
    for n, f in enumerate(Evaluation._meta.concrete_fields):
        if f.primary_key:
            continue
        columns.append(connection.ops.quote_name(f.column))
        if f.attname in from_result:
            exprs.append(from_result[f.attname])
        else:
            value = constants[f.attname] if f.attname in constants else f.get_default()
            exprs.append(_param(f, value, params, f"c{n}"))
    qn = connection.ops.quote_name
    returning = ", ".join(
        qn(Evaluation._meta.get_field(a).column) for a in ("id", *_ROW_AUDITED, "indicators_total")
    )
    if source != _TMP:
        source = f"({source})"
    cursor.execute(
        f"INSERT INTO {qn(Evaluation._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(exprs)} FROM {source} t WHERE {where} "
        f"ON CONFLICT DO NOTHING RETURNING {returning}",
        params,
    )
    head = _ROW_AUDITED.index("is_unit_head") + 1
    rows, indicators = [], 0
    for r in cursor.fetchall():
        rows.append([*r[:head], bool(r[head]), *r[head + 1 : -1]])
        indicators += r[-1]
    if rows:
        audited = {f.attname for f in audited_fields(Evaluation)}
        common = {
            a: constants[a] if a in constants else Evaluation._meta.get_field(a).get_default()
            for a in audited - set(_ROW_AUDITED)
        }
        record(
            changes_for_created_batch(
                Evaluation,
                fields=("id", *_ROW_AUDITED),
                rows=rows,
                common=common,
                describe=_("Evaluasi kinerja dibuat oleh penghitungan evaluasi"),
            )
        )
    return len(rows), indicators


def _update_changed(cursor, *, stamp) -> int:
    """Write the changed figures of open evaluations with one UPDATE … FROM (the status condition in
    the statement itself: a published or locked evaluation is never touched). The run's figures are
    off the audit trail except the unit rating: its changes are recorded as `bulk_update` would."""
    qn = connection.ops.quote_name
    table = qn(Evaluation._meta.db_table)
    cursor.execute(
        f"SELECT t.ev_id, t.id, t.old_unit_rating, t.unit_rating FROM {_TMP} t "
        f"WHERE t.state = '{CHANGED}' AND t.old_unit_rating <> t.unit_rating"
    )
    rating_changes = cursor.fetchall()
    sets = [f"{qn(Evaluation._meta.get_field(a).column)} = {e}" for a, e in _SUMMARY_FROM_RESULT.items()]
    params = {"stamp": Evaluation._meta.get_field("computed_at").get_db_prep_save(stamp, connection)}
    sets.append(f"{qn('computed_at')} = %(stamp)s")
    open_states = ", ".join(f"'{s}'" for s in OPEN)
    cursor.execute(
        f"UPDATE {table} SET {', '.join(sets)} FROM {_TMP} t "
        f"WHERE {table}.{qn('id')} = t.ev_id AND t.state = '{CHANGED}' AND {table}.{qn('status')} IN ({open_states}) "
        f"RETURNING {table}.{qn('id')}",
        params,
    )
    updated = {r[0] for r in cursor.fetchall()}
    record(
        [
            Change(
                "update", Evaluation, pk, f"Evaluasi #{plan_id}", {"unit_rating": old}, {"unit_rating": new}
            )
            for pk, plan_id, old, new in rating_changes
            if pk in updated
        ]
    )
    return len(updated)


def _summary_for(*, year, period, thresholds, facts: PlanFacts) -> Summary:
    """One plan's summary; a head's unit achievement reads the head's whole subtree."""
    if facts.is_head and facts.unit_path:
        return summaries(
            year=year, period=period, plans=[facts], thresholds=thresholds, unit_path=facts.unit_path
        )[facts.plan_id]
    return summaries(
        year=year, period=period, plans=[facts], thresholds=thresholds, plan_ids=[facts.plan_id]
    )[facts.plan_id]


@transaction.atomic
def evaluation_open(*, plan, actor, period=None) -> Evaluation:
    """Open (or return) the periodic or annual evaluation of one approved SKP, with its summary."""
    plan = (
        PerformancePlan.objects.select_for_update(of=("self",))
        .select_related("year", "position")
        .get(pk=plan.pk)
    )
    if actor is not None and not PerformancePlan.objects.for_actor(actor).filter(pk=plan.pk).exists():
        from django.http import Http404

        raise Http404
    if plan.approved_version < 1:
        raise ApplicationError(_("SKP belum pernah disetujui; evaluasi belum dapat dibuka."), field="plan")
    if period is not None and (
        period.year_id != plan.year_id or period.start > plan.end_date or period.end < plan.start_date
    ):
        raise ApplicationError(_("Periode di luar masa SKP ini."), field="period")
    kind = _kind(period)
    found = Evaluation.objects.filter(plan=plan, kind=kind, period=period).first()
    if found is not None:
        if actor is not None:
            ensure_visible(actor, found)
        return found
    evaluation = Evaluation(
        instansi_id=plan.year.instansi_id,
        year=plan.year,
        plan=plan,
        kind=kind,
        period=period,
        employee_id=plan.employee_id,
        rater_id=plan.rater_id,
        rater_superior_id=plan.rater_superior_id,
        unit_id=plan.unit_id,
        opd_id=plan.opd_id,
        unit_path=plan.unit_path,
        is_unit_head=bool(plan.position_id and plan.position.is_head),
    )
    if actor is not None:
        from pembina.evaluation.permissions import evaluation_roles
        from pembina.evaluation.rules.workflow import RATER, TEAM

        if not evaluation_roles(actor, evaluation) & {RATER, TEAM}:
            raise ApplicationError(
                _("Hanya pejabat penilai atau Tim Penilai Kinerja yang dapat membuka evaluasi.")
            )
    _apply_summary(evaluation, plan.year, period)
    evaluation.save()
    event(evaluation, EventKind.CREATED, actor)
    return evaluation


def _apply_summary(evaluation: Evaluation, year, period) -> bool:
    facts = PlanFacts(
        evaluation.plan_id,
        evaluation.unit_path,
        evaluation.unit_id,
        evaluation.opd_id,
        evaluation.is_unit_head,
    )
    summary = _summary_for(year=year, period=period, thresholds=thresholds_for(year.instansi_id), facts=facts)
    changed = tuple(getattr(evaluation, f) for f in Summary.FIELDS) != summary.values()
    for name, value in zip(Summary.FIELDS, summary.values(), strict=True):
        setattr(evaluation, name, value)
    if changed or evaluation.computed_at is None:
        evaluation.computed_at = now()
    return changed


@transaction.atomic
def evaluation_refresh(*, evaluation, actor) -> Evaluation:
    """Recompute the achievements, suggestion and unit rating of one open evaluation; a rated one
    also gets its frozen IKI achievements refreshed."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "refresh")
    if _apply_summary(evaluation, evaluation.year, evaluation.period):
        evaluation.save()
        event(evaluation, EventKind.COMPUTED, actor)
    if evaluation.status == EvaluationStatus.RATED:
        freeze_achievements(evaluation)
    return evaluation


def freeze_achievements(evaluation: Evaluation) -> list[IndicatorAchievement]:
    """Write the IKI achievements the rating rests on (replacing an earlier snapshot)."""
    year, period = evaluation.year, evaluation.period
    figures = {
        f.indicator_id: f
        for f in indicator_figures(
            year_id=year.pk,
            upto=period.number if period is not None else None,
            plan_ids=[evaluation.plan_id],
            thresholds=thresholds_for(year.instansi_id),
        )
    }
    indicators = (
        Indicator.objects.filter(result__plan_id=evaluation.plan_id)
        .select_related("result")
        .order_by("result__kind", "result__order", "result_id", "order", "id")
    )
    rows = []
    for n, ind in enumerate(indicators, start=1):
        rows.append(
            IndicatorAchievement(
                evaluation=evaluation, indicator=ind, order=n, **achievement_values(ind, figures.get(ind.pk))
            )
        )
    old = {
        (a.indicator_id, a.expected, a.realised, a.periods_reported, a.progress, a.band, a.order)
        for a in evaluation.achievements.all()
    }
    new = {
        (r.indicator_id, r.expected, r.realised, r.periods_reported, r.progress, r.band, r.order)
        for r in rows
    }
    if old == new and len(old) == len(rows):
        return list(evaluation.achievements.all())
    evaluation.achievements.all().delete()
    return IndicatorAchievement.objects.bulk_create(rows)
