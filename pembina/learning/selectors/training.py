"""Reads of the training catalogue, events, enrolments (with the approvers' queues) and evaluations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, F, Q, QuerySet

from pembina.accounts.choices import Role
from pembina.core.scoping import VIEW, get_scope
from pembina.learning.choices import SEAT_STATUSES, EnrolmentStatus, EventStatus
from pembina.learning.models import Enrolment, Event, EventEvaluation, Programme
from pembina.learning.permissions import enrolment_roles, event_managers
from pembina.learning.rules import workflow as wf


def programme_list(*, actor, filters: dict | None = None) -> QuerySet[Programme]:
    qs = Programme.objects.for_actor(actor, VIEW).annotate(
        n_open_events=Count("events", filter=Q(events__status=EventStatus.OPEN))
    )
    filters = filters or {}
    if category := filters.get("category"):
        qs = qs.filter(category=category)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if competency := filters.get("competency"):
        qs = qs.filter(competency_links__competency_id=competency)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if filters.get("active", True):
        qs = qs.filter(is_active=True)
    return qs.order_by("category", "title")


def programme_get_for_actor(*, actor, pk) -> Programme:
    return Programme.objects.prefetch_related("competency_links__competency").get_for_actor_or_404(
        actor, VIEW, pk=pk
    )


def event_list(*, actor, filters: dict | None = None) -> QuerySet[Event]:
    """Events with `seats_taken` and `waiting` (requests not yet decided) annotated in the same query."""
    qs = (
        Event.objects.for_actor(actor, VIEW)
        .select_related("programme", "organiser_unit")
        .annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)),
            waiting=Count(
                "enrolments",
                filter=Q(
                    enrolments__status__in=[EnrolmentStatus.REQUESTED, EnrolmentStatus.SUPERIOR_APPROVED]
                ),
            ),
        )
    )
    filters = filters or {}
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if year := filters.get("year"):
        qs = qs.filter(start_date__year=year)
    if programme := filters.get("programme"):
        qs = qs.filter(programme_id=programme)
    if category := filters.get("category"):
        qs = qs.filter(programme__category=category)
    if filters.get("upcoming"):
        from pembina.org.selectors import today

        qs = qs.filter(end_date__gte=today())
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(place__icontains=q))
    return qs.order_by("start_date", "title")


def event_get_for_actor(*, actor, pk) -> Event:
    return event_list(actor=actor).get_for_actor_or_404(actor, VIEW, pk=pk)


def event_can_manage(*, actor, event: Event) -> bool:
    return event_managers(actor, event)


def event_participants(*, actor, event_pk) -> QuerySet[Enrolment]:
    """Who asked to join an event, as far as the actor may see (managers see all)."""
    event = Event.objects.get_for_actor_or_404(actor, VIEW, pk=event_pk)
    return (
        Enrolment.objects.for_actor(actor, VIEW)
        .filter(event=event)
        .select_related("employee", "employee__current_opd", "employee__current_position", "evaluation")
        .order_by("status", "employee__name")
    )


def enrolment_list(*, actor, filters: dict | None = None) -> QuerySet[Enrolment]:
    qs = Enrolment.objects.for_actor(actor, VIEW).select_related("event", "event__programme", "employee")
    filters = filters or {}
    if employee := filters.get("employee"):
        qs = qs.filter(employee_id=employee)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if year := filters.get("year"):
        qs = qs.filter(event__start_date__year=year)
    if event := filters.get("event"):
        qs = qs.filter(event_id=event)
    return qs.order_by("-event__start_date", "employee__name")


def enrolment_get_for_actor(*, actor, pk) -> Enrolment:
    return (
        Enrolment.objects.select_related(
            "event", "event__programme", "event__organiser_unit", "employee", "superior"
        )
        .prefetch_related("events")
        .get_for_actor_or_404(actor, VIEW, pk=pk)
    )


def enrolment_actions(*, actor, enrolment: Enrolment) -> list[str]:
    return wf.actions_for(wf.ENROLMENT_RULES, enrolment_roles(actor, enrolment), enrolment.status)


def enrolments_awaiting_superior(*, actor) -> QuerySet[Enrolment]:
    """Requests waiting for the actor as superior (snapshot at request; checked live on decision)."""
    scope = get_scope(actor)
    q = Q(pk__in=[])
    if scope.employee_id:
        q |= Q(superior_id=scope.employee_id)
    if Role.PIMPINAN in scope.roles:
        q |= Q(superior__isnull=True)
    return (
        Enrolment.objects.for_actor(actor, VIEW)
        .filter(q, status=EnrolmentStatus.REQUESTED)
        .exclude(employee_id=scope.employee_id or 0)
        .select_related("event", "employee")
        .order_by("event__start_date", "employee__name")
    )


def enrolments_awaiting_bkpsdm(*, actor) -> QuerySet[Enrolment]:
    if not get_scope(actor).write_all:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.for_actor(actor, VIEW)
        .filter(status=EnrolmentStatus.SUPERIOR_APPROVED)
        .select_related("event", "employee", "employee__current_opd")
        .order_by("event__start_date", "superior_decided_at")
    )


@dataclass(frozen=True)
class EvaluationSummary:
    responses: int
    averages: dict[str, Decimal]  # item → mean (1–5)
    overall: Decimal
    participants: int
    completed: int
    pass_rate: Decimal
    avg_pre: Decimal | None
    avg_post: Decimal | None
    avg_gain: Decimal | None  # post − pre over participants with both scores (Kirkpatrick level 2)


def _d(value, places="0.01") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places))


def event_evaluation_summary(*, actor, event_pk) -> EvaluationSummary:
    """Reaction and learning results of one event (two queries)."""
    event = Event.objects.get_for_actor_or_404(actor, VIEW, pk=event_pk)
    items = EventEvaluation.ITEMS
    agg = EventEvaluation.objects.filter(enrolment__event=event).aggregate(
        n=Count("pk"), **{item: Avg(item) for item in items}
    )
    decided = [EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
    res = Enrolment.objects.filter(event=event).aggregate(
        participants=Count("pk", filter=Q(status__in=decided)),
        completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        pre=Avg("pre_test_score", filter=Q(status__in=decided)),
        post=Avg("post_test_score", filter=Q(status__in=decided)),
        gain=Avg(
            F("post_test_score") - F("pre_test_score"),
            filter=Q(status__in=decided, pre_test_score__isnull=False, post_test_score__isnull=False),
        ),
    )
    averages = {item: _d(agg[item]) or Decimal(0) for item in items}
    overall = (
        (sum(averages.values(), Decimal(0)) / len(items)).quantize(Decimal("0.01"))
        if agg["n"]
        else Decimal(0)
    )
    participants = res["participants"] or 0
    return EvaluationSummary(
        responses=agg["n"] or 0,
        averages=averages,
        overall=overall,
        participants=participants,
        completed=res["completed"] or 0,
        pass_rate=_d((res["completed"] or 0) * 100 / participants if participants else 0, "0.1"),
        avg_pre=_d(res["pre"], "0.1"),
        avg_post=_d(res["post"], "0.1"),
        avg_gain=_d(res["gain"], "0.1"),
    )
