"""Bimbingan kinerja: sessions recorded by the pejabat penilai, the employee's B.1.8 feedback form,
and the superior's B.1.9 competency follow-up (scale 1–5)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.org.models import Employee
from pembina.org.selectors import superior_chain
from pembina.performance.choices import CoachingStatus
from pembina.performance.models import CoachingFeedback, CoachingSession, CompetencyRating, PerformancePlan
from pembina.performance.rules import coaching as coaching_rules
from pembina.performance.services.common import actor_user, full_clean

SESSION_FIELDS = (
    "kind",
    "held_on",
    "topic",
    "notes",
    "agreed_actions",
    "follow_up",
    "follow_up_due",
    "follow_up_done_on",
    "status",
)


def _is_coach(actor, *, employee: Employee, on: dt.date, plan: PerformancePlan | None) -> bool:
    if actor is None:
        return True
    scope = get_scope(actor)
    if scope.write_all:
        return True
    if not scope.employee_id:
        return False
    if plan is not None and plan.rater_id == scope.employee_id:
        return True
    chain = superior_chain(employee=employee, on=on)
    return chain.superior is not None and chain.superior.pk == scope.employee_id


@transaction.atomic
def coaching_session_create(
    *,
    employee: Employee,
    actor,
    kind: str,
    held_on: dt.date,
    topic: str,
    notes: str = "",
    agreed_actions: str = "",
    follow_up: str = "",
    follow_up_due: dt.date | None = None,
    plan: PerformancePlan | None = None,
    coach: Employee | None = None,
    coach_name: str = "",
    status: str = CoachingStatus.HELD,
) -> CoachingSession:
    """Record a coaching/mentoring/konseling session held by the pejabat penilai (or another official
    assigned by the Admin BKPSDM: pass `coach`)."""
    if plan is not None and plan.employee_id != employee.pk:
        raise ApplicationError(_("SKP bukan milik pegawai ini."), field="plan")
    if not _is_coach(actor, employee=employee, on=held_on, plan=plan):
        raise ApplicationError(_("Hanya pejabat penilai pegawai ini yang dapat mencatat bimbingan kinerja."))
    if coach is None and actor is not None and getattr(actor, "employee_id", None):
        coach = actor.employee
    session = CoachingSession(
        plan=plan,
        employee=employee,
        coach=coach,
        coach_name=(coach.full_name if coach else coach_name or _("Pembimbing"))[:200],
        kind=kind,
        held_on=held_on,
        topic=(topic or "").strip(),
        notes=notes.strip(),
        agreed_actions=agreed_actions.strip(),
        follow_up=follow_up.strip(),
        follow_up_due=follow_up_due,
        status=status,
        created_by=actor_user(actor),
    )
    full_clean(session)
    session.save()
    return session


def _ensure_coach_of(session: CoachingSession, actor) -> None:
    if actor is None:
        return
    if not CoachingSession.objects.for_actor(actor).filter(pk=session.pk).exists():
        raise Http404
    scope = get_scope(actor)
    if not (scope.write_all or (scope.employee_id and scope.employee_id == session.coach_id)):
        raise ApplicationError(_("Hanya pembimbing sesi ini yang dapat mengubahnya."))


@transaction.atomic
def coaching_session_update(*, session: CoachingSession, data: dict, actor) -> CoachingSession:
    _ensure_coach_of(session, actor)
    session = CoachingSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    for f in SESSION_FIELDS:
        if f in data:
            setattr(session, f, data[f])
    if session.follow_up_done_on and session.status != CoachingStatus.FOLLOWED_UP:
        session.status = CoachingStatus.FOLLOWED_UP
    full_clean(session)
    session.save()
    return session


@transaction.atomic
def coaching_feedback_submit(
    *, session: CoachingSession, answers: dict, actor, comment: str = ""
) -> CoachingFeedback:
    """Format B.1.8, filled by the coached employee: the 9 criteria answered yes/no."""
    if actor is not None:
        if not CoachingSession.objects.for_actor(actor).filter(pk=session.pk).exists():
            raise Http404
        if get_scope(actor).employee_id != session.employee_id:
            raise ApplicationError(_("Formulir umpan balik bimbingan diisi oleh pegawai yang dibimbing."))
    errors = coaching_rules.validate_feedback(answers or {})
    if errors:
        raise ApplicationError(
            " ".join(errors), field="answers", extra={"errors": [{"message": e} for e in errors]}
        )
    form, _created = CoachingFeedback.objects.update_or_create(
        session=session,
        defaults={
            "answers": {c: answers[c] for c in coaching_rules.CRITERIA_CODES},
            "comment": comment.strip(),
            "submitted_by": actor_user(actor),
        },
    )
    return form


@transaction.atomic
def competency_ratings_set(*, session: CoachingSession, rows: list[dict], actor) -> list[CompetencyRating]:
    """Format B.1.9: replace the session's competency rows [{"competency", "score" 1–5, "reason"}]."""
    _ensure_coach_of(session, actor)
    if not rows:
        raise ApplicationError(_("Isi paling sedikit satu kompetensi."), field="rows")
    objs = []
    for n, row in enumerate(rows, start=1):
        name = (row.get("competency") or "").strip()
        score = row.get("score")
        if isinstance(score, str) and score.strip().isdigit():
            score = int(score.strip())
        if not name:
            raise ApplicationError(
                _("Baris %(n)s: nama kompetensi wajib diisi.") % {"n": n}, field="competency"
            )
        if not coaching_rules.validate_score(score):
            raise ApplicationError(
                _("Baris %(n)s (%(c)s): nilai harus bilangan bulat 1–5.") % {"n": n, "c": name}, field="score"
            )
        objs.append(
            CompetencyRating(
                session=session,
                order=n,
                competency=name[:200],
                score=score,
                reason=(row.get("reason") or "").strip(),
                rated_by=actor_user(actor),
            )
        )
    CompetencyRating.objects.filter(session=session).delete()
    return CompetencyRating.objects.bulk_create(objs)
