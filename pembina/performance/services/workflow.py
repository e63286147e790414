"""The SKP workflow: submit → approve or return (with comments per item) → revise as a new version."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.performance.choices import NotificationKind, PlanEventKind, PlanStatus, ResultKind
from pembina.performance.models import Indicator, PerformancePlan, PlanComment, PlannedResult, PlanVersion
from pembina.performance.services.common import (
    actor_name,
    actor_user,
    check_plan,
    event,
    lock_plan,
)
from pembina.performance.services.notifications import notify_plan_people
from pembina.performance.services.progress import progress_refresh
from pembina.performance.services.versions import plan_snapshot


def plan_completeness_errors(plan: PerformancePlan) -> list[str]:
    """What stops a plan from being submitted or approved, item by item (Indonesian)."""
    errors = []
    results = list(plan.results.all().prefetch_related("indicators").order_by("kind", "order", "id"))
    if not any(r.kind == ResultKind.MAIN for r in results):
        errors.append(_("SKP belum mempunyai RHK utama."))
    for n, r in enumerate(results, start=1):
        if not r.indicators.all():
            errors.append(
                _("RHK %(n)s (“%(s)s”) belum mempunyai indikator (IKI).") % {"n": n, "s": r.statement[:60]}
            )
    return errors


def _ensure_complete(plan) -> None:
    errors = plan_completeness_errors(plan)
    if errors:
        raise ApplicationError(" ".join(errors), extra={"errors": [{"message": e} for e in errors]})


@transaction.atomic
def plan_submit(*, plan: PerformancePlan, actor, comment: str = "") -> PerformancePlan:
    plan = lock_plan(plan)
    check_plan(actor, plan, "submit")
    _ensure_complete(plan)
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save()
    event(plan, PlanEventKind.SUBMITTED, actor, comment)
    notify_plan_people(
        plan,
        kind=NotificationKind.PLAN_SUBMITTED,
        to=("rater",),
        title=_("SKP %(n)s diajukan untuk disetujui") % {"n": _owner(plan)},
        body=comment,
    )
    return plan


@transaction.atomic
def plan_withdraw(*, plan: PerformancePlan, actor, comment: str = "") -> PerformancePlan:
    plan = lock_plan(plan)
    check_plan(actor, plan, "withdraw")
    plan.status = PlanStatus.DRAFT
    plan.save()
    event(plan, PlanEventKind.WITHDRAWN, actor, comment)
    return plan


def _owner(plan) -> str:
    return (plan.header.get("employee") or {}).get("name", "")


@transaction.atomic
def plan_return(
    *, plan: PerformancePlan, actor, summary: str = "", comments: list[dict] | None = None
) -> PerformancePlan:
    """Send the plan back with a note per item: comments = [{"result": RHK|None, "indicator": IKI|None,
    "body": "…"}]. At least one note (summary or item) is required."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "return")
    comments = [c for c in (comments or []) if (c.get("body") or "").strip()]
    if not summary.strip() and not comments:
        raise ApplicationError(
            _("Tuliskan alasan pengembalian SKP (umum atau per RHK/IKI)."), field="summary"
        )
    result_ids = set(PlannedResult.objects.filter(plan=plan).values_list("pk", flat=True))
    indicator_ids = set(Indicator.objects.filter(result__plan=plan).values_list("pk", flat=True))
    rows = []
    for n, c in enumerate(comments, start=1):
        result, indicator = c.get("result"), c.get("indicator")
        rid = getattr(result, "pk", result)
        iid = getattr(indicator, "pk", indicator)
        if (rid is not None and rid not in result_ids) or (iid is not None and iid not in indicator_ids):
            raise ApplicationError(_("Catatan ke-%(n)s merujuk butir yang bukan bagian SKP ini.") % {"n": n})
        rows.append(
            PlanComment(
                plan=plan,
                result_id=rid,
                indicator_id=iid,
                author=actor_user(actor),
                author_name=actor_name(actor)[:200],
                body=c["body"].strip(),
                is_return_note=True,
                version=plan.version,
            )
        )
    if summary.strip():
        rows.append(
            PlanComment(
                plan=plan,
                author=actor_user(actor),
                author_name=actor_name(actor)[:200],
                body=summary.strip(),
                is_return_note=True,
                version=plan.version,
            )
        )
    PlanComment.objects.bulk_create(rows)
    plan.status = PlanStatus.RETURNED
    plan.save()
    event(plan, PlanEventKind.RETURNED, actor, summary, data={"item_notes": len(comments)})
    notify_plan_people(
        plan,
        kind=NotificationKind.PLAN_RETURNED,
        to=("owner",),
        title=_("SKP Anda dikembalikan untuk diperbaiki"),
        body=summary,
    )
    return plan


@transaction.atomic
def plan_approve(*, plan: PerformancePlan, actor, comment: str = "") -> PerformancePlan:
    """Approve (menetapkan) the plan: freeze this version's snapshot for comparison and the PDF."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "approve")
    _ensure_complete(plan)
    now = timezone.now()
    PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_snapshot(plan),
        approved_by=actor_user(actor),
        approved_at=now,
        note=comment,
    )
    plan.status = PlanStatus.APPROVED
    plan.approved_version = plan.version
    plan.approved_at = now
    plan.save()
    PlanComment.objects.filter(plan=plan, is_return_note=True, resolved_at__isnull=True).update(
        resolved_at=now
    )
    progress_refresh(plans=[plan.pk])
    event(plan, PlanEventKind.APPROVED, actor, comment)
    notify_plan_people(
        plan,
        kind=NotificationKind.PLAN_APPROVED,
        to=("owner",),
        title=_("SKP Anda disetujui (versi %(v)s)") % {"v": plan.version},
        body=comment,
    )
    return plan


@transaction.atomic
def plan_revise(*, plan: PerformancePlan, actor, reason: str) -> PerformancePlan:
    """Start a change of an approved SKP (perubahan SKP): a new working version, approved again later.
    The approved version stays frozen in its PlanVersion; realisations keep counting against it."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "revise")
    if not (reason or "").strip():
        raise ApplicationError(_("Tuliskan alasan perubahan SKP."), field="reason")
    plan.status = PlanStatus.DRAFT
    plan.version += 1
    plan.save()
    event(plan, PlanEventKind.REVISION_STARTED, actor, reason.strip())
    return plan


@transaction.atomic
def plan_comment_add(
    *,
    plan: PerformancePlan,
    body: str,
    actor,
    result: PlannedResult | None = None,
    indicator: Indicator | None = None,
) -> PlanComment:
    """A message in the dialog kinerja thread of an RHK (or IKI, or the plan)."""
    plan = lock_plan(plan)
    check_plan(actor, plan, "comment")
    if not (body or "").strip():
        raise ApplicationError(_("Isi komentar wajib diisi."), field="body")
    if result is not None and result.plan_id != plan.pk:
        raise ApplicationError(_("RHK bukan bagian SKP ini."), field="result")
    if indicator is not None:
        if indicator.result.plan_id != plan.pk:
            raise ApplicationError(_("IKI bukan bagian SKP ini."), field="indicator")
        result = result or indicator.result
    comment = PlanComment(
        plan=plan,
        result=result,
        indicator=indicator,
        author=actor_user(actor),
        author_name=actor_name(actor)[:200],
        body=body.strip(),
        version=plan.version,
    )
    comment.save()
    return comment


@transaction.atomic
def plan_comment_resolve(*, comment: PlanComment, actor) -> PlanComment:
    plan = lock_plan(comment.plan_id)
    check_plan(actor, plan, "comment")
    comment = PlanComment.objects.get(pk=comment.pk)
    comment.resolved_at = timezone.now()
    comment.save()
    return comment
