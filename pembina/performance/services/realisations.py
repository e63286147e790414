"""Realisations per IKI per period, evidence files, the superior's feedback, and automatic fill
from registered data sources (with provenance; a manual override of a fed value needs a reason)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.performance import datasources
from pembina.performance.choices import NotificationKind, RealisationSource, YearState
from pembina.performance.models import (
    Evidence,
    GoalIndicator,
    GoalRealisation,
    Indicator,
    PerformancePlan,
    Period,
    Realisation,
    RealisationFeedback,
)
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import evidence as evidence_rules
from pembina.performance.rules import workflow
from pembina.performance.services.common import actor_name, actor_user, check_plan
from pembina.performance.services.notifications import notify_plan_people
from pembina.performance.services.plans import _decimal
from pembina.performance.services.progress import progress_refresh

log = logging.getLogger(__name__)
OPEN_FOR_REALISATION = (YearState.RUNNING, YearState.EVALUATING)


def _plan_of_indicator(indicator: Indicator) -> PerformancePlan:
    return PerformancePlan.objects.select_related("year").get(results__indicators=indicator)


def _check_period(plan: PerformancePlan, period: Period) -> None:
    if period.year_id != plan.year_id:
        raise ApplicationError(_("Periode bukan bagian tahun kinerja SKP ini."), field="period")
    if period.start > plan.end_date or period.end < plan.start_date:
        raise ApplicationError(
            _("Periode %(p)s di luar masa berlaku SKP ini.") % {"p": period.label}, field="period"
        )


@transaction.atomic
def realisation_record(
    *,
    indicator: Indicator,
    period: Period,
    actor,
    value=None,
    narrative: str = "",
    override_reason: str = "",
) -> Realisation:
    """Enter (or correct) the realised value of an IKI for a period. A value fed by a data source can
    only be changed with a reason; the source's value stays beside it for the audit."""
    plan = _plan_of_indicator(indicator)
    check_plan(actor, plan, "record_realisation")
    if not plan.was_approved:
        raise ApplicationError(_("Realisasi hanya dapat diisi setelah SKP disetujui."))
    if plan.year.state not in OPEN_FOR_REALISATION:
        raise ApplicationError(
            _("Tahun kinerja sedang pada tahap %(s)s; realisasi tidak dapat diisi.")
            % {"s": plan.year.get_state_display()}
        )
    _check_period(plan, period)
    value = _decimal(value, field="value")
    if value is None and not narrative.strip():
        raise ApplicationError(_("Isi nilai realisasi atau uraiannya."), field="value")
    real = (
        Realisation.objects.select_for_update(of=("self",)).filter(indicator=indicator, period=period).first()
    )
    if real is None:
        real = Realisation(indicator=indicator, period=period)
    fed = real.pk and real.source in (RealisationSource.DATA_SOURCE, RealisationSource.OVERRIDDEN)
    if fed and value != real.value:
        if not override_reason.strip():
            raise ApplicationError(
                _("Nilai ini berasal dari sumber data (%(v)s); tuliskan alasan untuk mengoreksinya.")
                % {"v": real.source_value},
                field="override_reason",
            )
        real.source = RealisationSource.OVERRIDDEN
        real.override_reason = override_reason.strip()
    real.value = value
    real.narrative = narrative.strip()
    real.entered_by = actor_user(actor)
    real.save()
    progress_refresh(indicators=[indicator.pk])
    return real


MAX_MB_SETTING = "PEMBINA_EVIDENCE_MAX_MB"


def evidence_max_bytes() -> int:
    return int(getattr(settings, MAX_MB_SETTING, 10)) * 1024 * 1024


@transaction.atomic
def evidence_add(*, realisation: Realisation, upload, actor, description: str = "") -> Evidence:
    """Attach a bukti dukung file. The size is checked before reading; the type by its content."""
    plan = _plan_of_indicator(realisation.indicator)
    check_plan(actor, plan, "record_realisation")
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    max_bytes = evidence_max_bytes()
    if size is not None and size > max_bytes:
        raise ApplicationError(
            _("Berkas %(n)s terlalu besar; maksimum %(m)s MB.")
            % {"n": evidence_rules.safe_name(name), "m": max_bytes // 1048576},
            field="file",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    try:
        info = evidence_rules.check(name=name, data=data, size=len(data), max_bytes=max_bytes)
    except evidence_rules.EvidenceError as exc:
        raise ApplicationError(str(exc), field="file") from None
    ev = Evidence(
        realisation=realisation,
        original_name=info.name,
        content_type=info.content_type,
        size=info.size,
        sha256=hashlib.sha256(data).hexdigest(),
        description=description.strip()[:300],
        uploaded_by=actor_user(actor),
    )
    ev.file.save(info.name, ContentFile(data), save=False)  # stored via the default storage
    ev.save()
    return ev


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor) -> None:
    plan = _plan_of_indicator(evidence.realisation.indicator)
    check_plan(actor, plan, "record_realisation")
    name = evidence.file.name
    storage = evidence.file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def realisation_feedback_add(*, realisation: Realisation, body: str, actor) -> RealisationFeedback:
    """Umpan balik berkelanjutan of the pejabat penilai on one realisation."""
    plan = _plan_of_indicator(realisation.indicator)
    check_plan(actor, plan, "give_feedback")
    if not (body or "").strip():
        raise ApplicationError(_("Isi umpan balik wajib diisi."), field="body")
    fb = RealisationFeedback(
        realisation=realisation,
        author=actor_user(actor),
        author_name=actor_name(actor)[:200],
        body=body.strip(),
    )
    fb.save()
    notify_plan_people(
        plan,
        kind=NotificationKind.FEEDBACK,
        to=("owner",),
        title=_("Umpan balik baru atas realisasi Anda"),
        body=body.strip()[:500],
    )
    return fb


# --- data sources ---------------------------------------------------------------------------


@dataclass
class FillReport:
    requested: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_manual: int = 0
    no_data: int = 0
    errors: list[str] = field(default_factory=list)


def _call(source_key: str, requests: list[datasources.SourceRequest], report: FillReport) -> dict:
    source = datasources.get(source_key)
    if source is None:
        report.errors.append(
            _("Sumber data %(k)s tidak terdaftar; %(n)s indikator dilewati.")
            % {"k": source_key, "n": len(requests)}
        )
        return {}
    try:
        return source.provider(requests) or {}
    except Exception as exc:  # one broken provider must not stop the others
        log.exception("data source %s failed", source_key)
        report.errors.append(_("Sumber data %(k)s gagal: %(e)s") % {"k": source_key, "e": exc})
        return {}


def _apply(model, rows: dict, existing: dict, results: dict, keys: list, report: FillReport, now) -> None:
    """Create or update realisation rows from provider results; never touch manual values."""
    to_create, to_update = [], []
    for key in keys:
        sv = results.get(key)
        if sv is None or sv.value is None:
            report.no_data += 1
            continue
        ind_id, period_id = key
        current = existing.get(key)
        value = Decimal(sv.value)
        provenance = sv.provenance or ""
        if current is None:
            to_create.append(
                model(
                    **{rows["fk"]: ind_id},
                    period_id=period_id,
                    value=value,
                    source=RealisationSource.DATA_SOURCE,
                    source_value=value,
                    source_cases=sv.cases,
                    provenance=provenance,
                    **({"filled_at": now} if model is Realisation else {}),
                )
            )
        elif current.source == RealisationSource.DATA_SOURCE:
            if (
                current.value == value
                and current.source_cases == sv.cases
                and current.provenance == provenance
            ):
                report.unchanged += 1
                continue
            current.value = current.source_value = value
            current.source_cases, current.provenance = sv.cases, provenance
            if model is Realisation:
                current.filled_at = now
            to_update.append(current)
        else:  # manual or overridden: keep the person's value, refresh what the source says beside it
            report.kept_manual += 1
            if current.source_value != value:
                current.source_value, current.source_cases, current.provenance = value, sv.cases, provenance
                to_update.append(current)
    model.objects.bulk_create(to_create, batch_size=500)
    fields = ["value", "source_value", "source_cases", "provenance"] + (
        ["filled_at"] if model is Realisation else []
    )
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    report.created += len(to_create)
    report.updated += len([u for u in to_update if u.source == RealisationSource.DATA_SOURCE])


@transaction.atomic
def realisations_fill_from_sources(
    *, year, period: Period | None = None, actor=None, on: dt.date | None = None
) -> FillReport:
    """Fill realisations of every source-fed IKI (approved plans) and IKU of `year` for `period`, or
    for every period already ended by `on`. One provider call per data source; rows written in bulk."""
    if actor is not None:
        from pembina.core.scoping import get_scope

        if not get_scope(actor).write_all:
            raise ApplicationError(_("Hanya Admin BKPSDM yang dapat menjalankan pengisian otomatis."))
    on = on or timezone.localdate()
    periods = (
        [period]
        if period is not None
        else list(Period.objects.filter(year=year, end__lt=on).order_by("number"))
    )
    report = FillReport()
    if not periods:
        return report
    now = timezone.now()
    # IKI of approved plans (or plans being revised after an approval)
    inds = list(
        Indicator.objects.filter(result__plan__year=year, result__plan__approved_version__gt=0)
        .exclude(data_source="")
        .values(
            "pk", "data_source", "data_source_params", "result__plan__start_date", "result__plan__end_date"
        )
    )
    by_source: dict[str, list] = defaultdict(list)
    keys = []
    for ind in inds:
        for p in periods:
            start, end = (
                max(p.start, ind["result__plan__start_date"]),
                min(p.end, ind["result__plan__end_date"]),
            )
            if start > end:
                continue
            key = (ind["pk"], p.pk)
            keys.append(key)
            by_source[ind["data_source"]].append(
                datasources.SourceRequest(
                    key=key, params=dict(ind["data_source_params"] or {}), start=start, end=end
                )
            )
    goal_inds = list(
        GoalIndicator.objects.filter(goal__year=year)
        .exclude(data_source="")
        .values("pk", "data_source", "data_source_params")
    )
    goal_keys = []
    for gi in goal_inds:
        for p in periods:
            key = ("iku", gi["pk"], p.pk)
            goal_keys.append((gi["pk"], p.pk))
            by_source[gi["data_source"]].append(
                datasources.SourceRequest(
                    key=key, params=dict(gi["data_source_params"] or {}), start=p.start, end=p.end
                )
            )
    report.requested = len(keys) + len(goal_keys)
    results: dict = {}
    for source_key, requests in by_source.items():
        results.update(_call(source_key, requests, report))
    period_ids = [p.pk for p in periods]
    existing = {
        (r.indicator_id, r.period_id): r
        for r in Realisation.objects.filter(
            indicator_id__in=[i["pk"] for i in inds], period_id__in=period_ids
        )
    }
    _apply(Realisation, {"fk": "indicator_id"}, existing, results, keys, report, now)
    goal_existing = {
        (r.indicator_id, r.period_id): r
        for r in GoalRealisation.objects.filter(
            indicator_id__in=[g["pk"] for g in goal_inds], period_id__in=period_ids
        )
    }
    goal_results = {(k[1], k[2]): v for k, v in results.items() if isinstance(k, tuple) and len(k) == 3}
    _apply(GoalRealisation, {"fk": "indicator_id"}, goal_existing, goal_results, goal_keys, report, now)
    if report.created or report.updated:
        progress_refresh(indicators=[i["pk"] for i in inds])
    return report


def can_record(actor, plan) -> bool:
    """Whether `actor` may enter realisations on `plan` (for showing the form)."""
    return workflow.allowed("record_realisation", plan_roles(actor, plan), plan.status)
