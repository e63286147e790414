"""Publishing (with the distribution-curve check), locking, and the follow-up of a final predicate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.evaluation.choices import AppealStatus, EvaluationKind, EvaluationStatus, EventKind, Predicate
from pembina.evaluation.models import Evaluation, EvaluationEvent, FollowUp
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import followup as followup_rules
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.evaluation.rules.workflow import RATER, TEAM
from pembina.evaluation.selectors.distribution import curve_violations
from pembina.evaluation.selectors.settings import evaluation_settings_for
from pembina.evaluation.services.common import (
    actor_name,
    actor_user,
    check,
    event,
    lock_evaluation,
    now,
    today,
)


@dataclass
class PublishReport:
    published: list[Evaluation] = field(default_factory=list)
    violations: list = field(default_factory=list)
    org_predicate: str = ""
    blocking: bool = False


def _curve_gate(*, year, opd, period, instansi_id) -> tuple[str, list, bool]:
    settings = evaluation_settings_for(instansi_id=instansi_id)
    org, violations = curve_violations(year=year, opd=opd, period=period) if opd is not None else ("", [])
    if violations and settings.curve_blocking:
        raise ApplicationError(
            _("Distribusi predikat OPD belum sesuai pola distribusi; kalibrasi dahulu sebelum diumumkan."),
            extra={"errors": [{"message": v.message} for v in violations]},
        )
    return org, violations, settings.curve_blocking


def _deadline(published: dt.datetime, instansi_id: int) -> dt.date:
    days = evaluation_settings_for(instansi_id=instansi_id).appeal_days
    from django.utils import timezone

    return timezone.localtime(published).date() + dt.timedelta(days=days)


@transaction.atomic
def evaluation_publish(*, evaluation, actor) -> PublishReport:
    """Publish one rated evaluation to the employee; the appeal window opens."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "publish")
    org, violations, blocking = _curve_gate(
        year=evaluation.year, opd=evaluation.opd, period=evaluation.period, instansi_id=evaluation.instansi_id
    )
    stamp = now()
    evaluation.status = EvaluationStatus.PUBLISHED
    evaluation.published_at = stamp
    evaluation.appeal_deadline = _deadline(stamp, evaluation.instansi_id)
    evaluation.save()
    event(evaluation, EventKind.PUBLISHED, actor, data=_curve_data(org, violations))
    return PublishReport([evaluation], violations, org, blocking)


def _curve_data(org: str, violations: list) -> dict:
    return {"org_predicate": org, "curve_warnings": [v.message for v in violations]}


@transaction.atomic
def evaluations_publish(*, year, opd, actor, period=None) -> PublishReport:
    """Publish every rated evaluation of the OPD (those the actor may publish) in one go."""
    kind = EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL
    candidates = list(
        Evaluation.objects.select_for_update(of=("self",))
        .of_opd(opd, year=year, kind=kind, period=period)
        .filter(status=EvaluationStatus.RATED)
        .order_by("pk")
    )
    if actor is not None:
        candidates = [e for e in candidates if evaluation_roles(actor, e) & {RATER, TEAM}]
    if not candidates:
        raise ApplicationError(_("Tidak ada evaluasi berstatus 'sudah dinilai' yang dapat Anda umumkan."))
    org, violations, blocking = _curve_gate(year=year, opd=opd, period=period, instansi_id=year.instansi_id)
    stamp = now()
    deadline = _deadline(stamp, year.instansi_id)
    ids = [e.pk for e in candidates]
    Evaluation.objects.filter(pk__in=ids).update(
        status=EvaluationStatus.PUBLISHED, published_at=stamp, appeal_deadline=deadline, updated_at=stamp
    )
    data = _curve_data(org, violations)
    EvaluationEvent.objects.bulk_create(
        [
            EvaluationEvent(
                evaluation_id=pk,
                kind=EventKind.PUBLISHED,
                actor=actor_user(actor),
                actor_name=actor_name(actor)[:200],
                data=data,
            )
            for pk in ids
        ]
    )
    published = list(Evaluation.objects.filter(pk__in=ids).order_by("pk"))
    return PublishReport(published, violations, org, blocking)


@transaction.atomic
def evaluation_lock(*, evaluation, actor) -> Evaluation:
    """Make a published evaluation final once the appeal window is over (and no appeal is pending)."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "lock")
    from pembina.evaluation.models import Appeal

    appeal = Appeal.objects.filter(evaluation=evaluation).first()
    if appeal is not None and appeal.status != AppealStatus.DECIDED:
        raise ApplicationError(_("Keberatan atas evaluasi ini belum diputuskan."))
    if appeal is None and evaluation.appeal_deadline and today() <= evaluation.appeal_deadline:
        raise ApplicationError(
            _("Masa pengajuan keberatan masih berjalan sampai %(d)s.")
            % {"d": evaluation.appeal_deadline.strftime("%d-%m-%Y")}
        )
    return lock_now(evaluation, actor)


def lock_now(evaluation: Evaluation, actor, comment: str = "") -> Evaluation:
    """The transition itself (caller holds the row lock and has checked the rules)."""
    evaluation.status = EvaluationStatus.LOCKED
    evaluation.locked_at = now()
    evaluation.save()
    event(evaluation, EventKind.LOCKED, actor, comment)
    follow_up_record(evaluation=evaluation, actor=actor)
    return evaluation


def evaluations_lock_due(*, on: dt.date | None = None, instansi=None) -> int:
    """Lock every published evaluation whose appeal window ended without an appeal (daily job)."""
    on = on or today()
    qs = Evaluation.objects.filter(
        status=EvaluationStatus.PUBLISHED, appeal_deadline__lt=on, appeal__isnull=True
    ).order_by("pk")
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    with transaction.atomic():
        ids = list(qs.select_for_update(of=("self",)).values_list("pk", flat=True))
        if not ids:
            return 0
        stamp = now()
        Evaluation.objects.filter(pk__in=ids).update(
            status=EvaluationStatus.LOCKED, locked_at=stamp, updated_at=stamp
        )
        EvaluationEvent.objects.bulk_create(
            [
                EvaluationEvent(
                    evaluation_id=pk,
                    kind=EventKind.LOCKED,
                    actor_name=_("Sistem"),
                    comment=_("Masa keberatan berakhir tanpa keberatan."),
                )
                for pk in ids
            ]
        )
        follow_ups_record(evaluation_ids=ids)
    return len(ids)


def _follow_up_values(evaluation: Evaluation, tpp_table) -> dict:
    months = 12
    if evaluation.period_id is not None:
        p = evaluation.period
        months = max(1, min(12, (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1))
    return {
        "predicate": evaluation.predicate,
        "credit_percent": followup_rules.credit_percent(evaluation.predicate),
        "credit_months": months,
        "tpp_percent": followup_rules.tpp_percent(evaluation.predicate, tpp_table),
    }


def _need_reason(evaluation: Evaluation) -> str:
    when = evaluation.period.label if evaluation.period_id else _("tahunan")
    return _("Predikat kinerja %(p)s pada evaluasi %(w)s %(y)s.") % {
        "p": Predicate(evaluation.predicate).label,
        "w": when,
        "y": evaluation.year.year,
    }


def _open_need(evaluation: Evaluation):
    from pembina.learning.services.needs import development_need_open

    return development_need_open(
        employee=evaluation.employee,
        source_kind="evaluation",
        source_ref=f"evaluation:{evaluation.pk}",
        reason=_need_reason(evaluation),
        actor=None,  # a consequence of the final predicate, not a choice of whoever locked it
    )


def follow_up_record(*, evaluation, actor=None) -> FollowUp:
    """Credit %, TPP % and (Butuh Perbaikan or worse) the development need; once per evaluation."""
    found = FollowUp.objects.filter(evaluation_id=evaluation.pk).first()
    if found is not None:
        return found
    if evaluation.status != EvaluationStatus.LOCKED or not evaluation.predicate:
        raise ApplicationError(_("Tindak lanjut hanya untuk evaluasi final yang sudah berpredikat."))
    table = evaluation_settings_for(instansi_id=evaluation.instansi_id).tpp_percent
    follow = FollowUp(evaluation=evaluation, **_follow_up_values(evaluation, table))
    if predicate_rules.opens_development_need(evaluation.predicate):
        follow.development_need = _open_need(evaluation)
    follow.save()
    event(
        evaluation,
        EventKind.FOLLOW_UP,
        actor,
        data={k: str(v) for k, v in _follow_up_values(evaluation, table).items()},
    )
    if follow.development_need_id:
        event(evaluation, EventKind.NEED_OPENED, actor, data={"need": follow.development_need_id})
    return follow


def follow_ups_record(*, evaluation_ids: list[int]) -> int:
    """Set-based `follow_up_record` for many locked evaluations (the daily lock job)."""
    evaluations = list(
        Evaluation.objects.filter(
            pk__in=evaluation_ids, status=EvaluationStatus.LOCKED, follow_up__isnull=True
        )
        .exclude(predicate="")
        .select_related("period", "year", "employee")
    )
    tables: dict[int, object] = {}
    rows, events = [], []
    for e in evaluations:
        table = tables.setdefault(
            e.instansi_id, evaluation_settings_for(instansi_id=e.instansi_id).tpp_percent
        )
        values = _follow_up_values(e, table)
        need = _open_need(e) if predicate_rules.opens_development_need(e.predicate) else None
        rows.append(FollowUp(evaluation=e, development_need=need, **values))
        events.append(
            EvaluationEvent(
                evaluation=e,
                kind=EventKind.FOLLOW_UP,
                actor_name=_("Sistem"),
                data={k: str(v) for k, v in values.items()},
            )
        )
        if need is not None:
            events.append(
                EvaluationEvent(
                    evaluation=e, kind=EventKind.NEED_OPENED, actor_name=_("Sistem"), data={"need": need.pk}
                )
            )
    FollowUp.objects.bulk_create(rows)
    EvaluationEvent.objects.bulk_create(events)
    return len(rows)
