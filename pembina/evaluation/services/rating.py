"""The pejabat penilai's judgement (ratings, justification, BerAKHLAK feedback), 360° input and
the Tim Penilai Kinerja's calibration."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE
from pembina.evaluation.choices import CalibratedField, EvaluationStatus, EventKind, Rating, Relation360
from pembina.evaluation.models import BehaviourFeedback, CalibrationAdjustment, Evaluation, Feedback360
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.evaluation.services.common import actor_name, actor_user, check, event, lock_evaluation, now
from pembina.evaluation.services.run import freeze_achievements
from pembina.org import selectors as org_selectors
from pembina.org.models import Employee
from pembina.performance.models import CoreValue

RATING_FIELDS = ("rating_result", "rating_behaviour")


def _rating(value: str, field: str) -> str:
    value = (value or "").strip()
    if value and value not in Rating.values:
        raise ApplicationError(_("Rating '%(v)s' tidak dikenal.") % {"v": value}, field=field)
    return value


def _apply_predicate(evaluation: Evaluation) -> None:
    evaluation.predicate = predicate_rules.predicate(evaluation.rating_result, evaluation.rating_behaviour)


@transaction.atomic
def evaluation_rate(
    *,
    evaluation,
    actor,
    rating_result: str | None = None,
    result_justification: str | None = None,
    rating_behaviour: str | None = None,
    behaviour_justification: str | None = None,
    behaviour_feedback: dict[str, str] | None = None,
) -> Evaluation:
    """Set (part of) the pejabat penilai's judgement; None leaves a field as it is, "" clears it.

    Both ratings set → status rated, predicate by the matrix, the IKI achievements frozen; one
    cleared → back to draft. A head's rating hasil kerja is the unit's own achievement."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "rate")
    before = (evaluation.rating_result, evaluation.rating_behaviour, evaluation.predicate)
    if rating_result is not None:
        evaluation.rating_result = _rating(rating_result, "rating_result")
    if result_justification is not None:
        evaluation.result_justification = result_justification.strip()
    if rating_behaviour is not None:
        evaluation.rating_behaviour = _rating(rating_behaviour, "rating_behaviour")
    if behaviour_justification is not None:
        evaluation.behaviour_justification = behaviour_justification.strip()
    if evaluation.rating_result and not evaluation.result_justification:
        raise ApplicationError(
            _("Tuliskan alasan rating hasil kerja (dasar penilaian pejabat penilai)."),
            field="result_justification",
        )
    if (
        evaluation.is_unit_head
        and evaluation.unit_rating
        and evaluation.rating_result
        and evaluation.rating_result != evaluation.unit_rating
    ):
        raise ApplicationError(
            _("Untuk kepala unit, rating hasil kerja mengikuti capaian unitnya: %(r)s.")
            % {"r": Rating(evaluation.unit_rating).label},
            field="rating_result",
        )
    if behaviour_feedback:
        _set_feedback(evaluation, behaviour_feedback, actor)
    _apply_predicate(evaluation)
    complete = bool(evaluation.rating_result and evaluation.rating_behaviour)
    evaluation.status = EvaluationStatus.RATED if complete else EvaluationStatus.DRAFT
    if complete:
        evaluation.rated_at = now()
        evaluation.rated_by = actor_user(actor)
    evaluation.save()
    if complete:
        freeze_achievements(evaluation)
    after = (evaluation.rating_result, evaluation.rating_behaviour, evaluation.predicate)
    if after != before or behaviour_feedback:
        event(
            evaluation,
            EventKind.RATED,
            actor,
            data={"rating_result": after[0], "rating_behaviour": after[1], "predicate": after[2]},
        )
    return evaluation


def _set_feedback(evaluation: Evaluation, feedback: dict[str, str], actor) -> None:
    values = {v.code: v for v in CoreValue.objects.all()}
    unknown = sorted(set(feedback) - set(values))
    if unknown:
        raise ApplicationError(
            _("Nilai dasar tidak dikenal: %(v)s.") % {"v": ", ".join(unknown)}, field="behaviour_feedback"
        )
    existing = {f.value_id: f for f in evaluation.behaviour_feedback.all()}
    for code, text in feedback.items():
        text = (text or "").strip()
        value = values[code]
        row = existing.get(value.pk)
        if row is None:
            if text:
                BehaviourFeedback.objects.create(
                    evaluation=evaluation, value=value, feedback=text, author=actor_user(actor)
                )
        elif not text:
            row.delete()
        elif row.feedback != text:
            row.feedback, row.author = text, actor_user(actor)
            row.save()


def _relation(evaluation: Evaluation, respondent: Employee) -> str | None:
    """peer (same pejabat penilai) or subordinate (the employee rates them), as of the period end."""
    on = evaluation.period.end if evaluation.period_id else evaluation.plan.end_date
    sups = org_selectors.superiors_for(employees=[evaluation.employee, respondent], on=on)
    if sups.get(respondent.pk) == evaluation.employee_id:
        return Relation360.SUBORDINATE
    mine = sups.get(evaluation.employee_id)
    if mine is not None and sups.get(respondent.pk) == mine:
        return Relation360.PEER
    return None


@transaction.atomic
def feedback360_invite(*, evaluation, respondents, actor) -> list[Feedback360]:
    """Ask peers and subordinates for anonymous input on the BerAKHLAK values."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "invite_360")
    existing = set(evaluation.feedback_360.values_list("respondent_id", flat=True))
    created = []
    for person in respondents:
        if person.pk == evaluation.employee_id:
            raise ApplicationError(_("Pegawai tidak dapat memberi masukan 360° untuk dirinya sendiri."))
        if person.pk in existing:
            continue
        relation = _relation(evaluation, person)
        if relation is None:
            raise ApplicationError(
                _("%(n)s bukan rekan kerja (pejabat penilai sama) atau bawahan pegawai ini.")
                % {"n": person.full_name},
                field="respondents",
            )
        created.append(
            Feedback360.objects.create(
                evaluation=evaluation, respondent=person, relation=relation, invited_by=actor_user(actor)
            )
        )
        existing.add(person.pk)
    if created:
        event(evaluation, EventKind.FEEDBACK_360_INVITED, actor, data={"count": len(created)})
    return created


@transaction.atomic
def feedback360_submit(*, request, ratings: dict[str, str], actor, comment: str = "") -> Feedback360:
    """The respondent's answer: {value code: di_bawah|sesuai|di_atas}; may be revised until published."""
    req = Feedback360.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if actor is not None and not Feedback360.objects.for_actor(actor, CHANGE).filter(pk=req.pk).exists():
        raise Http404
    evaluation = lock_evaluation(req.evaluation_id)
    if evaluation.status not in (EvaluationStatus.DRAFT, EvaluationStatus.RATED):
        raise ApplicationError(_("Evaluasi sudah diumumkan; masukan 360° tidak dapat diisi lagi."))
    codes = set(CoreValue.objects.values_list("code", flat=True))
    clean = {}
    for code, value in (ratings or {}).items():
        if code not in codes:
            raise ApplicationError(_("Nilai dasar '%(v)s' tidak dikenal.") % {"v": code}, field="ratings")
        value = (value or "").strip()
        if not value:
            continue
        if value not in Rating.values:
            raise ApplicationError(_("Penilaian '%(v)s' tidak dikenal.") % {"v": value}, field="ratings")
        clean[code] = value
    if not clean:
        raise ApplicationError(_("Isi penilaian untuk sedikitnya satu nilai dasar."), field="ratings")
    req.ratings = clean
    req.comment = (comment or "").strip()
    req.submitted_at = now()
    req.save()
    return req


@transaction.atomic
def evaluation_calibrate(
    *, evaluation, reason: str, actor, rating_result: str | None = None, rating_behaviour: str | None = None
) -> list[CalibrationAdjustment]:
    """The Tim Penilai Kinerja adjusts a rating before publication; the reason is kept and logged."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "calibrate")
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Tuliskan alasan kalibrasi."), field="reason")
    wanted = {
        CalibratedField.RATING_RESULT: _rating(rating_result, "rating_result") if rating_result else None,
        CalibratedField.RATING_BEHAVIOUR: _rating(rating_behaviour, "rating_behaviour")
        if rating_behaviour
        else None,
    }
    changes = [(f, v) for f, v in wanted.items() if v and v != getattr(evaluation, f)]
    if not changes:
        raise ApplicationError(_("Tidak ada rating yang berubah."), field="rating_result")
    adjustments = []
    for field, value in changes:
        pred_before = evaluation.predicate
        before = getattr(evaluation, field)
        setattr(evaluation, field, value)
        _apply_predicate(evaluation)
        adjustments.append(
            CalibrationAdjustment.objects.create(
                evaluation=evaluation,
                field=field,
                before=before,
                after=value,
                predicate_before=pred_before,
                predicate_after=evaluation.predicate,
                reason=reason,
                actor=actor_user(actor),
                actor_name=actor_name(actor)[:200],
            )
        )
    evaluation.save()
    event(
        evaluation,
        EventKind.CALIBRATED,
        actor,
        reason,
        data={"changes": {f: v for f, v in changes}, "predicate": evaluation.predicate},
    )
    return adjustments
