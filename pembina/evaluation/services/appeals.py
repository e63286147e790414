"""Keberatan (PP 30/2019 Pasal 59): filed by the employee by the deadline to the atasan pejabat
penilai, who asks both sides for an explanation and decides; the decision is final (the evaluation
is locked with it)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.evaluation.choices import AppealDecision, AppealStatus, EventKind
from pembina.evaluation.models import Appeal
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.evaluation.rules.workflow import OWNER, RATER
from pembina.evaluation.selectors.settings import evaluation_settings_for
from pembina.evaluation.services.common import actor_user, check, event, lock_evaluation, now, today
from pembina.evaluation.services.publication import lock_now
from pembina.evaluation.services.rating import _rating


@transaction.atomic
def appeal_file(*, evaluation, reasons: str, actor) -> Appeal:
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "appeal")
    if Appeal.objects.filter(evaluation=evaluation).exists():
        raise ApplicationError(_("Keberatan atas evaluasi ini sudah diajukan."))
    if evaluation.appeal_deadline is None or today() > evaluation.appeal_deadline:
        raise ApplicationError(
            _("Batas pengajuan keberatan (%(d)s) sudah lewat.")
            % {"d": evaluation.appeal_deadline.strftime("%d-%m-%Y") if evaluation.appeal_deadline else "-"}
        )
    reasons = (reasons or "").strip()
    if not reasons:
        raise ApplicationError(_("Tuliskan alasan keberatan."), field="reasons")
    # no atasan pejabat penilai among the employees (the rater heads an OPD: their atasan is the Wali Kota):
    # decider stays empty and the Pimpinan role decides, as `permissions.evaluation_roles` grants
    appeal = Appeal(
        evaluation=evaluation,
        reasons=reasons,
        filed_by=actor_user(actor),
        filed_at=now(),
        deadline=evaluation.appeal_deadline,
        decider_id=evaluation.rater_superior_id,
        rating_result_before=evaluation.rating_result,
        rating_behaviour_before=evaluation.rating_behaviour,
        predicate_before=evaluation.predicate,
    )
    appeal.save()
    event(evaluation, EventKind.APPEAL_FILED, actor, reasons)
    return appeal


def _lock_appeal(appeal):
    appeal = Appeal.objects.select_for_update(of=("self",)).get(pk=appeal.pk)
    evaluation = lock_evaluation(appeal.evaluation_id)
    return appeal, evaluation


@transaction.atomic
def appeal_request_explanations(*, appeal, actor, note: str = "") -> Appeal:
    appeal, evaluation = _lock_appeal(appeal)
    check(actor, evaluation, "request_explanations")
    if appeal.status != AppealStatus.FILED:
        raise ApplicationError(_("Penjelasan sudah diminta atau keberatan sudah diputuskan."))
    days = evaluation_settings_for(instansi_id=evaluation.instansi_id).explanation_days
    appeal.status = AppealStatus.EXPLANATIONS_REQUESTED
    appeal.explanations_requested_at = now()
    appeal.explanation_due = today() + dt.timedelta(days=days)
    appeal.request_note = (note or "").strip()
    appeal.save()
    event(evaluation, EventKind.EXPLANATIONS_REQUESTED, actor, appeal.request_note)
    return appeal


@transaction.atomic
def appeal_explain(*, appeal, explanation: str, actor) -> Appeal:
    """The pejabat penilai's or the employee's explanation (the side follows from the actor)."""
    appeal, evaluation = _lock_appeal(appeal)
    roles = check(actor, evaluation, "explain_rater") if _is_rater(actor, evaluation) else None
    if roles is None:
        check(actor, evaluation, "explain_employee")
    if appeal.status != AppealStatus.EXPLANATIONS_REQUESTED:
        raise ApplicationError(
            _("Atasan pejabat penilai belum meminta penjelasan, atau keberatan sudah diputuskan.")
        )
    explanation = (explanation or "").strip()
    if not explanation:
        raise ApplicationError(_("Tuliskan penjelasan."), field="explanation")
    stamp = now()
    if roles is not None:
        appeal.rater_explanation, appeal.rater_explained_at = explanation, stamp
        side = "rater"
    else:
        appeal.employee_explanation, appeal.employee_explained_at = explanation, stamp
        side = "employee"
    appeal.save()
    event(evaluation, EventKind.EXPLANATION_GIVEN, actor, explanation, data={"side": side})
    return appeal


def _is_rater(actor, evaluation) -> bool:
    from pembina.evaluation.permissions import evaluation_roles

    roles = evaluation_roles(actor, evaluation)
    return RATER in roles and OWNER not in roles


@transaction.atomic
def appeal_decide(
    *,
    appeal,
    decision: str,
    reasons: str,
    actor,
    rating_result: str | None = None,
    rating_behaviour: str | None = None,
) -> Appeal:
    """Uphold or change the result, with reasons; final: the evaluation is locked with the decision."""
    appeal, evaluation = _lock_appeal(appeal)
    check(actor, evaluation, "decide_appeal")
    if appeal.status == AppealStatus.DECIDED:
        raise ApplicationError(_("Keberatan sudah diputuskan; keputusan bersifat final."))
    if appeal.status != AppealStatus.EXPLANATIONS_REQUESTED:
        raise ApplicationError(_("Mintalah penjelasan pejabat penilai dan pegawai sebelum memutuskan."))
    both = appeal.rater_explained_at and appeal.employee_explained_at
    if not both and appeal.explanation_due and today() <= appeal.explanation_due:
        raise ApplicationError(
            _("Penjelasan kedua pihak belum lengkap; keputusan dapat diambil setelah %(d)s.")
            % {"d": appeal.explanation_due.strftime("%d-%m-%Y")}
        )
    if decision not in AppealDecision.values:
        raise ApplicationError(_("Keputusan harus menguatkan atau mengubah."), field="decision")
    reasons = (reasons or "").strip()
    if not reasons:
        raise ApplicationError(_("Tuliskan alasan keputusan."), field="reasons")
    if decision == AppealDecision.CHANGE:
        new_result = _rating(rating_result, "rating_result") if rating_result else evaluation.rating_result
        new_behaviour = (
            _rating(rating_behaviour, "rating_behaviour") if rating_behaviour else evaluation.rating_behaviour
        )
        if (new_result, new_behaviour) == (evaluation.rating_result, evaluation.rating_behaviour):
            raise ApplicationError(
                _("Keputusan 'mengubah' memerlukan rating baru yang berbeda."), field="rating_result"
            )
        evaluation.rating_result, evaluation.rating_behaviour = new_result, new_behaviour
        evaluation.predicate = predicate_rules.predicate(new_result, new_behaviour)
    appeal.status = AppealStatus.DECIDED
    appeal.decision = decision
    appeal.decision_reasons = reasons
    appeal.decided_by = actor_user(actor)
    appeal.decided_at = now()
    appeal.predicate_after = evaluation.predicate
    appeal.save()
    event(
        evaluation,
        EventKind.APPEAL_DECIDED,
        actor,
        reasons,
        data={
            "decision": decision,
            "predicate_before": appeal.predicate_before,
            "predicate_after": evaluation.predicate,
        },
    )
    lock_now(evaluation, actor, _("Keputusan atas keberatan bersifat final."))
    return appeal
