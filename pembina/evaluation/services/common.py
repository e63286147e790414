"""Helpers shared by the evaluation services: cleaning, permission checks, locking, events."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.evaluation.models import Evaluation, EvaluationEvent
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import workflow
from pembina.evaluation.selectors.settings import thresholds_for  # noqa: F401  (re-exported)

ACTION_LABELS = {
    "refresh": "menghitung ulang capaian",
    "rate": "menilai",
    "invite_360": "meminta masukan 360° untuk",
    "view_360": "melihat masukan 360°",
    "calibrate": "mengkalibrasi",
    "publish": "mengumumkan",
    "lock": "mengunci",
    "appeal": "mengajukan keberatan atas",
    "request_explanations": "meminta penjelasan atas",
    "explain_rater": "memberi penjelasan atas",
    "explain_employee": "memberi penjelasan atas",
    "decide_appeal": "memutuskan keberatan atas",
}


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        field, msgs = next(iter(errors.items()))
        raise ApplicationError(
            " ".join(msgs), field=None if field == "__all__" else field, extra={"errors": errors}
        ) from None


def actor_name(actor) -> str:
    if actor is None:
        return _("Sistem")
    employee = getattr(actor, "employee", None)
    if employee is not None:
        return employee.full_name
    return actor.get_full_name() or actor.get_username()


def actor_user(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


def lock_evaluation(evaluation_or_pk) -> Evaluation:
    pk = getattr(evaluation_or_pk, "pk", evaluation_or_pk)
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("year", "period", "employee", "plan")
        .get(pk=pk)
    )


def ensure_visible(actor, evaluation: Evaluation) -> frozenset[str]:
    """The actor's roles; Http404 when the evaluation is outside their sight."""
    if actor is None:
        return frozenset(workflow.ROLES)
    roles = evaluation_roles(actor, evaluation)
    if not Evaluation.objects.for_actor(actor, VIEW).filter(pk=evaluation.pk).exists():
        raise Http404
    if not workflow.can_view(roles, evaluation.status):
        raise Http404
    return roles


def check(actor, evaluation: Evaluation, action: str) -> frozenset[str]:
    """Http404 when invisible, ApplicationError when the role or the state does not allow `action`
    (system code, actor None, skips the role check, never the state check)."""
    roles = ensure_visible(actor, evaluation)
    who, states = workflow.RULES[action]
    if actor is not None and not roles & who:
        raise ApplicationError(
            _("Anda tidak berwenang %(a)s evaluasi ini.") % {"a": ACTION_LABELS.get(action, action)}
        )
    if evaluation.status not in states:
        raise ApplicationError(
            _("Evaluasi berstatus %(s)s; tidak dapat %(a)s.")
            % {"s": evaluation.get_status_display(), "a": ACTION_LABELS.get(action, action)}
        )
    return roles


def event(
    evaluation: Evaluation, kind: str, actor, comment: str = "", data: dict | None = None
) -> EvaluationEvent:
    return EvaluationEvent.objects.create(
        evaluation=evaluation,
        kind=kind,
        actor=actor_user(actor),
        actor_name=actor_name(actor)[:200],
        comment=comment,
        data=data or {},
    )
