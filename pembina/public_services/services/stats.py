"""The statistics refresh: rebuilds ServiceMonthStat from requests, complaints and surveys.

Set-based: five grouped queries per instansi (no query per request), then one delete and one bulk
insert in a transaction. Running it twice gives the same table (idempotent)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum

from pembina.core.jobs.services import job_enqueue
from pembina.org.models import Instansi, Unit
from pembina.public_services.choices import RequestStatus
from pembina.public_services.models import Complaint, ServiceMonthStat, ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.rules import stats as stats_rules
from pembina.public_services.selectors.stats import STATS_VERSION_KEY
from pembina.public_services.services._common import month_start, now_or


def _blank() -> dict:
    return {
        "requests_received": 0,
        "requests_rejected": 0,
        "requests_completed": 0,
        "requests_within_deadline": 0,
        "completion_histogram": {},
        "complaints_received": 0,
        "complaints_resolved": 0,
        "complaints_resolved_on_time": 0,
        "survey_respondents": 0,
        "survey_sums": {},
    }


def _since(qs, field: str, since: dt.date | None):
    return qs.filter(**{f"{field}__gte": since}) if since else qs


def compute_month_rows(*, instansi_id: int, since: dt.date | None = None) -> dict[tuple, dict]:
    """(unit id, service id or None, month) -> figures, straight from the source tables."""
    rows: dict[tuple, dict] = defaultdict(_blank)
    requests = ServiceRequest.objects.filter(instansi_id=instansi_id).order_by()
    for unit_id, service_id, month, n, rejected in (
        _since(requests, "received_month", since)
        .values_list("unit_id", "service_id", "received_month")
        .annotate(n=Count("pk"), rejected=Count("pk", filter=Q(status=RequestStatus.REJECTED)))
    ):
        row = rows[(unit_id, service_id, month)]
        row["requests_received"] += n
        row["requests_rejected"] += rejected
    for unit_id, service_id, month, days, n, ok in (
        _since(requests.filter(completed_month__isnull=False), "completed_month", since)
        .values_list("unit_id", "service_id", "completed_month", "elapsed_working_days")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(within_deadline=True)))
    ):
        row = rows[(unit_id, service_id, month)]
        row["requests_completed"] += n
        row["requests_within_deadline"] += ok
        hist = row["completion_histogram"]
        hist[str(days)] = hist.get(str(days), 0) + n
    complaints = Complaint.objects.filter(instansi_id=instansi_id, unit__isnull=False).order_by()
    for unit_id, service_id, month, n in (
        _since(complaints, "received_month", since)
        .values_list("unit_id", "service_id", "received_month")
        .annotate(n=Count("pk"))
    ):
        rows[(unit_id, service_id, month)]["complaints_received"] += n
    for unit_id, service_id, month, n, ok in (
        _since(complaints.filter(resolved_month__isnull=False), "resolved_month", since)
        .values_list("unit_id", "service_id", "resolved_month")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(resolved_on_time=True)))
    ):
        row = rows[(unit_id, service_id, month)]
        row["complaints_resolved"] += n
        row["complaints_resolved_on_time"] += ok
    sums = {e.code: Sum(e.field) for e in skm.ELEMENTS}
    for item in (
        _since(SurveyResponse.objects.filter(instansi_id=instansi_id).order_by(), "month", since)
        .values("unit_id", "service_id", "month")
        .annotate(n=Count("pk"), **sums)
    ):
        row = rows[(item["unit_id"], item["service_id"], item["month"])]
        row["survey_respondents"] += item["n"]
        for code in skm.ELEMENT_CODES:
            row["survey_sums"][code] = row["survey_sums"].get(code, 0) + int(item[code] or 0)
    return rows


def _figures(row: dict) -> dict:
    hist = row["completion_histogram"]
    out = dict(row)
    out["completion_p50"] = stats_rules.to_decimal(stats_rules.percentile_histogram(hist, 50))
    out["completion_p90"] = stats_rules.to_decimal(stats_rules.percentile_histogram(hist, 90))
    result = skm.compute(row["survey_sums"], row["survey_respondents"]) if row["survey_respondents"] else None
    out["ikm_conversion"] = result.conversion if result else None
    return out


def month_stats_refresh(*, instansi_id: int | None = None, since: dt.date | None = None, now=None) -> dict:
    """Rebuild the monthly statistics of one instansi (or all), for every month or from `since` on."""
    now = now_or(now)
    since = month_start(since) if since else None
    ids = [instansi_id] if instansi_id is not None else list(Instansi.objects.values_list("pk", flat=True))
    written = 0
    for iid in ids:
        with transaction.atomic():
            rows = compute_month_rows(instansi_id=iid, since=since)
            places = dict(
                (pk, (opd_id, path))
                for pk, opd_id, path in Unit.objects.filter(pk__in={k[0] for k in rows}).values_list(
                    "pk", "opd_id", "path"
                )
            )
            objs = []
            for (unit_id, service_id, month), row in rows.items():
                opd_id, path = places.get(unit_id, (None, ""))
                objs.append(
                    ServiceMonthStat(
                        instansi_id=iid,
                        unit_id=unit_id,
                        opd_id=opd_id or unit_id,
                        unit_path=path,
                        service_id=service_id,
                        month=month,
                        refreshed_at=now,
                        **_figures(row),
                    )
                )
            old = ServiceMonthStat.objects.filter(instansi_id=iid)
            if since:
                old = old.filter(month__gte=since)
            old.delete()
            ServiceMonthStat.objects.bulk_create(objs, batch_size=1000)
            written += len(objs)
            transaction.on_commit(
                lambda iid=iid: cache.set(STATS_VERSION_KEY.format(iid), now.timestamp(), None)
            )
    return {"rows": written, "instansi": len(ids), "since": since.isoformat() if since else None}


def month_stats_refresh_enqueue(*, actor, instansi_id: int | None = None, since: dt.date | None = None):
    """Queue the refresh as a background job (the portal shows the new figures once it ran)."""
    return job_enqueue(
        handler="pembina.public_services.jobs.refresh_month_stats",
        title="Perbarui statistik pelayanan publik",
        actor=actor,
        params={"instansi_id": instansi_id, "since": since.isoformat() if since else None},
    )


def escalation_enqueue(*, actor, instansi_id: int | None = None):
    return job_enqueue(
        handler="pembina.public_services.jobs.escalate_overdue",
        title="Eskalasi permohonan dan pengaduan terlambat",
        actor=actor,
        params={"instansi_id": instansi_id},
    )
