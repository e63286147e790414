"""The statistics refresh: rebuilds ServiceMonthStat from requests, complaints and surveys.

Set-based: four grouped queries per instansi (no query per request), then one delete and one bulk
insert in a transaction. Running it twice gives the same table (idempotent).

The job's cost should be the scans of the source tables: the per-row work after them is kept small
(only the IKM conversion is computed, with one exact fraction per row; rows are inserted with a plain
executemany, since Django's bulk_create spends longer compiling than the database spends storing)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction

from django.core.cache import cache
from django.db import connections, router, transaction
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


def _raw_rows(qs, date_columns: tuple[int, ...]):
    """The rows of a grouped values_list query straight from the cursor: the result can have tens of
    thousands of groups, and Django's per-value converters would cost more than the scan. Only the
    month columns need converting (a date, or its ISO text on SQLite), and there are few months."""
    sql, params = qs.query.sql_with_params()
    connection = connections[qs.db]  # the connection itself: the `connection` proxy costs per access
    months: dict = {}

    def as_date(value):
        if value is None or isinstance(value, dt.date):
            return value
        found = months.get(value)
        if found is None:
            found = months[value] = dt.date.fromisoformat(str(value)[:10])
        return found

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            for row in batch:
                if date_columns:
                    row = list(row)
                    for i in date_columns:
                        row[i] = as_date(row[i])
                yield row


def compute_month_rows(*, instansi_id: int, since: dt.date | None = None) -> dict[tuple, dict]:
    """(unit id, service id or None, month) -> figures, straight from the source tables."""
    rows: dict[tuple, dict] = defaultdict(_blank)
    # One grouped scan of the requests serves both months a request counts in (received, completed):
    # grouping by both plus the elapsed days costs less than scanning the table twice.
    requests = ServiceRequest.objects.filter(instansi_id=instansi_id).order_by()
    if since:
        requests = requests.filter(Q(received_month__gte=since) | Q(completed_month__gte=since))
    grouped = requests.values_list(
        "unit_id", "service_id", "received_month", "completed_month", "elapsed_working_days"
    ).annotate(
        n=Count("pk"),
        rejected=Count("pk", filter=Q(status=RequestStatus.REJECTED)),
        ok=Count("pk", filter=Q(within_deadline=True)),
    )
    for unit_id, service_id, received, completed, days, n, rejected, ok in _raw_rows(grouped, (2, 3)):
        if since is None or received >= since:
            row = rows[(unit_id, service_id, received)]
            row["requests_received"] += n
            row["requests_rejected"] += rejected
        if completed is not None and (since is None or completed >= since):
            row = rows[(unit_id, service_id, completed)]
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


def ikm_conversion(sums: dict, respondents: int):
    """`skm.compute(sums, respondents).conversion` without the per-element values the table does not
    keep: Σ NRR × 1/9 × 25 is Σ sums / (9 n) × 25, the same exact fraction, rounded the same way."""
    if not respondents:
        return None
    total = sum(int(sums.get(code, 0)) for code in skm.ELEMENT_CODES)
    elements = len(skm.ELEMENT_CODES)
    if not skm.MIN_SCORE * respondents * elements <= total <= skm.MAX_SCORE * respondents * elements:
        raise ValueError(f"survey sums {total} impossible for {respondents} respondents")
    return skm.exact_decimal(Fraction(total, respondents) * skm.WEIGHT * skm.CONVERSION_FACTOR, skm.TWO)


def _figures(row: dict) -> dict:
    hist = row["completion_histogram"]
    out = dict(row)
    out["completion_p50"] = stats_rules.to_decimal(stats_rules.percentile_histogram(hist, 50))
    out["completion_p90"] = stats_rules.to_decimal(stats_rules.percentile_histogram(hist, 90))
    out["ikm_conversion"] = ikm_conversion(row["survey_sums"], row["survey_respondents"])
    return out


def _insert(rows: list[dict]) -> None:
    """INSERT the rows (dicts keyed by attname) with one executemany; values prepared per field."""
    if not rows:
        return
    connection = connections[router.db_for_write(ServiceMonthStat)]
    fields = [f for f in ServiceMonthStat._meta.concrete_fields if not f.primary_key]
    plain = ("AutoField", "BigAutoField", "IntegerField", "PositiveIntegerField", "ForeignKey", "CharField")
    memo: dict = {}  # months, the refresh time and most decimals repeat across rows: adapt each once

    def adapter(field):
        kind = field.get_internal_type()
        if kind in plain:
            return None
        if kind == "JSONField":
            return lambda v: field.get_db_prep_save(v, connection)

        def adapt(v):
            key = (field.attname, v)
            if key not in memo:
                memo[key] = field.get_db_prep_save(v, connection)
            return memo[key]

        return adapt

    prepare = [adapter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 — names from the model
        quote(ServiceMonthStat._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        [row[f.attname] if p is None else p(row[f.attname]) for f, p in zip(fields, prepare, strict=True)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 2000):
            cursor.executemany(sql, params[start : start + 2000])


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
                    {
                        "instansi_id": iid,
                        "unit_id": unit_id,
                        "opd_id": opd_id or unit_id,
                        "unit_path": path,
                        "service_id": service_id,
                        "month": month,
                        "refreshed_at": now,
                        **_figures(row),
                    }
                )
            old = ServiceMonthStat.objects.filter(instansi_id=iid)
            if since:
                old = old.filter(month__gte=since)
            old.delete()
            _insert(objs)
            written += len(objs)
            transaction.on_commit(
                lambda iid=iid: cache.set(STATS_VERSION_KEY.format(iid), now.timestamp(), None)
            )
    return {"rows": written, "instansi": len(ids), "since": since.isoformat() if since else None}


def fed_indicators_fill(*, instansi_id: int | None = None, on: dt.date | None = None) -> dict:
    """Fill the realisations of the IKU/IKI fed by these statistics (and any other source) for the
    periods already ended, in every running or evaluating performance year of the instansi (or all).
    Run after a refresh, so an indicator shows the new figures without waiting for the nightly run;
    manual and overridden values are kept (the performance service decides)."""
    from pembina.performance.choices import YearState
    from pembina.performance.models import PerformanceYear
    from pembina.performance.services import realisations_fill_from_sources

    years = PerformanceYear.objects.filter(state__in=(YearState.RUNNING, YearState.EVALUATING))
    if instansi_id is not None:
        years = years.filter(instansi_id=instansi_id)
    totals = {"years": 0, "created": 0, "updated": 0, "no_data": 0, "errors": []}
    for year in years.order_by("year"):
        report = realisations_fill_from_sources(year=year, actor=None, on=on)
        totals["years"] += 1
        totals["created"] += report.created
        totals["updated"] += report.updated
        totals["no_data"] += report.no_data
        totals["errors"] += [str(e) for e in report.errors]
    return totals


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
