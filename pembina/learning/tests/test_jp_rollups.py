"""The JP unit rollups (`JpRollup`) behind the 20 JP dashboards: equal to a direct aggregate of the
summaries after any sequence of changes (hypothesis), healed where they lag, rebuilt alike by the full
refresh and by the migration; the dashboards built on them show what aggregating the summaries shows;
a change and a page cost the same number of queries at any size; the below-target list is read a page
at a time from its index, its length taken from the rollups."""

from __future__ import annotations

import datetime as dt
import importlib
from collections import defaultdict
from decimal import Decimal
from itertools import count

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pembina.learning import selectors
from pembina.learning.choices import ActivityKind, RecordSource, RecordStatus
from pembina.learning.models import DevelopmentRecord, JpRollup, JpSummary
from pembina.learning.models.rollups import ROLLUP_FIELDS
from pembina.learning.selectors.jp import MonthPoint, Totals
from pembina.learning.selectors.jp_pages import BANDS, jp_below_target_filtered
from pembina.learning.services import jp as jp_services
from pembina.learning.tests.conftest import fresh
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee, SupervisorOverride
from pembina.org.tests.factories import PositionFactory, make_employee

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1  # a whole past year: any month may hold a completed activity
ONE = Decimal("0.1")
_refs = count(1)
# classical, non-classical, and the kinds capped per year by the default policy
KINDS = [
    ActivityKind.TRAINING,
    ActivityKind.E_LEARNING,
    ActivityKind.SEMINAR,
    ActivityKind.COACHING,
    ActivityKind.SELF_STUDY,
    ActivityKind.SIMULATION,
]


# --- the references: plain Python over the summary rows ----------------------------------------------


def reference_rollups(year: int) -> dict[tuple, dict[str, int]]:
    """What every rollup row must hold, summed in Python from the summaries (independent of the SQL
    `summary_aggregates`)."""
    out: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ROLLUP_FIELDS, 0))
    for s in JpSummary.objects.filter(year=year):
        r = out[(s.instansi_id, s.opd_id, s.unit_path)]
        below = s.applies and not s.met

        def tenths(v):
            return int(v * 10)

        r["employees"] += 1
        r["applies"] += s.applies
        r["met"] += s.applies and s.met
        r["zero_jp"] += s.applies and s.jp_total == 0
        r["below_zero"] += below and s.jp_total == 0
        r["below_far"] += below and s.shortfall >= s.target / 2
        r["below_near"] += below and s.shortfall < s.target / 2
        r["jp_total_tenths"] += tenths(s.jp_total)
        r["jp_applies_tenths"] += tenths(s.jp_total) if s.applies else 0
        r["shortfall_tenths"] += tenths(s.shortfall)
        r["jp_classical_tenths"] += tenths(s.jp_classical)
        r["jp_non_classical_tenths"] += tenths(s.jp_non_classical)
        r["jp_education_tenths"] += tenths(s.jp_education)
        for m, value in enumerate(s.monthly, 1):
            if s.applies:
                r[f"jp_m{m:02d}_tenths"] += tenths(value)
                r[f"met_m{m:02d}"] += value >= s.target
    return {k: {n: int(v) for n, v in row.items()} for k, row in out.items()}


def stored_rollups(year: int) -> dict[tuple, dict[str, int]]:
    return {
        (r.instansi_id, r.opd_id, r.unit_path): {n: getattr(r, n) for n in ROLLUP_FIELDS}
        for r in JpRollup.objects.filter(year=year)
    }


def _q(value) -> Decimal:
    return Decimal(str(value)).quantize(ONE)


def reference_totals(rows: list[JpSummary]) -> tuple[Totals, list[MonthPoint]]:
    """The dashboard figures as the pages showed them when they aggregated the summaries."""
    applies = [r for r in rows if r.applies]
    n, met = len(applies), sum(1 for r in applies if r.met)

    def avg(values):
        return _q(sum(values, Decimal(0)) / n) if n else _q(0)

    def total(values):
        return _q(sum(values, Decimal(0)))

    totals = Totals(
        employees=len(rows),
        applies=n,
        met=met,
        below=n - met,
        met_percent=_q(met * 100 / n if n else 0),
        avg_jp=avg(r.jp_total for r in applies),
        total_jp=total(r.jp_total for r in rows),
        total_shortfall=total(r.shortfall for r in rows),
        zero_jp=sum(1 for r in applies if r.jp_total == 0),
        by_mode={
            "classical": total(r.jp_classical for r in rows),
            "non_classical": total(r.jp_non_classical for r in rows),
            "education": total(r.jp_education for r in rows),
        },
    )
    months = []
    for m in range(1, 13):
        at_target = sum(1 for r in applies if r.monthly[m - 1] >= r.target)
        months.append(
            MonthPoint(
                m, avg(r.monthly[m - 1] for r in applies), at_target, _q(at_target * 100 / n if n else 0)
            )
        )
    return totals, months


def assert_dashboards_match(city, year: int) -> None:
    """City, OPD (admin, head with an override) and the below-target counts equal the references."""
    pimpinan = fresh(city.users["pimpinan"])
    everyone = list(JpSummary.objects.filter(year=year, instansi_id=city.instansi.pk))
    dash = selectors.jp_dashboard_city(actor=pimpinan, year=year)
    assert (dash.totals, dash.months) == reference_totals(everyone)
    per_opd = defaultdict(list)
    for s in everyone:
        per_opd[s.opd_id].append(s)
    expected = {}
    for opd, rows in per_opd.items():
        t = reference_totals(rows)[0]
        expected[opd] = (t.employees, t.met, t.below, t.avg_jp, t.total_shortfall)
    assert {
        r.opd_id: (r.employees, r.met, r.below, r.avg_jp, r.total_shortfall) for r in dash.opds
    } == expected
    for role in ("admin_opd", "pejabat_penilai", "admin_bkpsdm"):
        actor = fresh(city.users[role])
        d = selectors.jp_dashboard_opd(actor=actor, year=year, opd_pk=city.dinas_a.pk)
        seen = list(JpSummary.objects.for_actor(actor).filter(year=year, opd_id=city.dinas_a.pk))
        assert (d.totals, d.months) == reference_totals(seen), role
        for band in ("", *BANDS):
            listed = jp_below_target_filtered(actor=actor, year=year, opd_pk=city.dinas_a.pk, band=band)
            assert d.below_counts[band] == listed.count(), (role, band)


# --- the property ---------------------------------------------------------------------------------


def _people(city) -> list[Employee]:
    return sorted(city.people.values(), key=lambda e: e.pk)


def _movable(city) -> list[Employee]:
    """Everyone but the head whose view is checked (their led unit must stay theirs)."""
    return [e for e in _people(city) if e.pk != city.people["kabid_a1"].pk]


def _units(city) -> list:
    return [city.dinas_a, city.bidang_a1, city.seksi_a1a, city.dinas_b, city.bidang_b1, city.setda]


def _apply(city, op, records: list[DevelopmentRecord]) -> None:
    people, kind = _people(city), op[0]
    if kind == "add":
        _k, who, activity, tenths, month, verified = op
        day = dt.date(YEAR, month, 1 + who % 27)
        records.append(
            jp_services.record_upsert(
                employee=people[who % len(people)],
                kind=activity,
                title="Kegiatan uji",
                start_date=day,
                end_date=day,
                jp=Decimal(tenths) / 10,
                source=RecordSource.IMPORT,
                source_ref=f"prop-{next(_refs)}",
                status=RecordStatus.VERIFIED if verified else RecordStatus.PENDING,
                actor=None,
            )
        )
    elif kind == "edit" and records:
        _k, which, tenths, month, earlier = op
        r = records[which % len(records)]
        day = dt.date(YEAR - earlier, month, 5)  # earlier: the record moves to the year before
        jp_services.record_upsert(
            employee=r.employee,
            kind=r.kind,
            title=r.title,
            start_date=day,
            end_date=day,
            jp=Decimal(tenths) / 10,
            source=r.source,
            source_ref=r.source_ref,
            status=r.status,
            actor=None,
        )
    elif kind == "status" and records:
        _k, which, verified = op
        r = DevelopmentRecord.objects.get(pk=records[which % len(records)].pk)
        jp_services.record_set_status(
            record=r, status=RecordStatus.VERIFIED if verified else RecordStatus.REJECTED, actor=None
        )
    elif kind == "move":
        _k, who, where = op
        movable = _movable(city)
        emp, unit = movable[who % len(movable)], _units(city)[where % 6]
        opd = unit if unit.is_opd else unit.opd
        Employee.objects.filter(pk=emp.pk).update(
            current_unit=unit, current_opd=opd, current_unit_path=unit.path
        )
        jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR, employee_ids=[emp.pk])
    elif kind == "leave":
        _k, who, back = op
        movable = _movable(city)
        emp = movable[who % len(movable)]
        state = EmploymentState.ACTIVE if back else EmploymentState.RETIRED
        Employee.objects.filter(pk=emp.pk).update(state=state)
        jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR, employee_ids=[emp.pk])
    elif kind == "policy":
        # a new target binds only the summaries refreshed after it: the year mixes targets
        _k, target, pppk = op
        jp_services.jp_policy_set(
            instansi=city.instansi,
            effective_year=YEAR,
            document={"target": target, "include_pppk": pppk},
            actor=fresh(city.users["admin_bkpsdm"]),
        )
    elif kind == "full":
        jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)


# tenths of a JP: often a round figure on a boundary (half of a target, a target, a cap), else any
TENTHS = st.one_of(st.sampled_from([50, 100, 120, 200, 240]), st.integers(1, 160))
OPS = st.one_of(
    st.tuples(
        st.just("add"),
        st.integers(0, 20),
        st.sampled_from(KINDS),
        TENTHS,
        st.integers(1, 12),
        st.booleans(),
    ),
    st.tuples(
        st.just("edit"), st.integers(0, 50), st.integers(1, 160), st.integers(1, 12), st.integers(0, 1)
    ),
    st.tuples(st.just("status"), st.integers(0, 50), st.booleans()),
    st.tuples(st.just("move"), st.integers(0, 20), st.integers(0, 5)),
    st.tuples(st.just("leave"), st.integers(0, 20), st.booleans()),
    st.tuples(st.just("policy"), st.sampled_from([10, 20, 24]), st.booleans()),
    st.tuples(st.just("full")),
)


@pytest.fixture
def supervised_city(city):
    """The city with a PPPK, and the Kadis of Dinkes supervised by the head of a bidang by override:
    that head sees one employee of the OPD outside their subtree."""
    position = PositionFactory(unit=city.bidang_a1, name="Penata Layanan Operasional")
    city.people["pppk"] = make_employee(
        instansi=city.instansi, position=position, name="Indah PPPK", status="pppk", rank="IX"
    )
    SupervisorOverride.objects.create(
        employee=city.people["kadis_a"],
        supervisor=city.people["kabid_a1"],
        start_date=dt.date(2020, 1, 1),
        reason="uji",
    )
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    return city


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(OPS, min_size=1, max_size=14))
@example(ops=[("add", 3, ActivityKind.TRAINING, 100, 4, True)])  # exactly half the target short
@example(ops=[("add", 3, ActivityKind.SEMINAR, 200, 4, True), ("policy", 24, False), ("edit", 0, 120, 2, 0)])
@example(ops=[("add", 1, ActivityKind.COACHING, 50, 6, True), ("move", 1, 3), ("leave", 1, False), ("full",)])
def test_rollups_equal_a_direct_aggregate_after_any_changes(supervised_city, ops):
    city = supervised_city
    with transaction.atomic():
        records: list[DevelopmentRecord] = []
        for op in ops:
            _apply(city, op, records)
        for year in (YEAR, YEAR - 1):
            assert stored_rollups(year) == reference_rollups(year), ops
        assert_dashboards_match(city, YEAR)
        incremental = stored_rollups(YEAR)
        jp_services._rollup_rebuild(city.instansi.pk, YEAR)
        assert stored_rollups(YEAR) == incremental  # moved by differences = rebuilt from scratch
        transaction.set_rollback(True)


# --- healing, rebuilding ----------------------------------------------------------------------------


def _add(employee, jp, month=3):
    day = dt.date(YEAR, month, 10)
    return jp_services.record_upsert(
        employee=employee,
        kind=ActivityKind.TRAINING,
        title="Pelatihan uji",
        start_date=day,
        end_date=day,
        jp=Decimal(jp),
        source=RecordSource.IMPORT,
        source_ref=f"uji-{next(_refs)}",
        status=RecordStatus.VERIFIED,
        actor=None,
    )


def test_a_lagging_rollup_row_is_summed_again(city):
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    staff, seksi = city.people["staff_a"], JpRollup.objects.filter(year=YEAR, unit_path=city.seksi_a1a.path)
    _add(staff, 6)
    seksi.update(jp_total_tenths=0)  # lags: lacks the JP staff_a's summary put in
    _add(staff, 3)
    assert stored_rollups(YEAR) == reference_rollups(YEAR)
    seksi.delete()  # lost altogether
    _add(staff, 2)
    assert stored_rollups(YEAR) == reference_rollups(YEAR)


def test_a_summary_removed_outside_the_refresh_waits_for_the_full_refresh(city):
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    JpSummary.objects.filter(employee=city.people["staff_a2"]).delete()  # as a cascade from a deletion
    _add(city.people["staff_a"], 2)
    assert stored_rollups(YEAR) != reference_rollups(YEAR)  # still counted: a difference cannot know
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)  # the daily job
    assert stored_rollups(YEAR) == reference_rollups(YEAR)


def test_full_refresh_and_migration_build_the_same_rollups(city):
    _add(city.people["staff_a"], 6)
    _add(city.people["staff_b"], 25)
    JpRollup.objects.all().delete()
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    expected = reference_rollups(YEAR)
    assert stored_rollups(YEAR) == expected and expected
    JpRollup.objects.all().delete()
    migration = importlib.import_module("pembina.learning.migrations.0003_jp_rollups")
    migration.build_rollups(django_apps, None)
    assert stored_rollups(YEAR) == expected


# --- cost -------------------------------------------------------------------------------------------


def _measure(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _more_staff(city, n: int, unit=None):
    unit = unit or city.seksi_a1a
    position = PositionFactory(unit=unit, name="Pengadministrasi Umum")
    return [make_employee(instansi=city.instansi, position=position, name=f"Staf {i:03d}") for i in range(n)]


def test_a_change_moves_the_rollups_in_the_same_queries_at_any_size(city):
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    _add(city.people["staff_a"], 1)  # the year's lock row exists from here on
    small = [
        _measure(lambda: _add(city.people["staff_a"], 3)),
        _measure(lambda: _add(city.people["staff_b"], 3)),
    ]
    for e in _more_staff(city, 40):
        _add(e, 5)
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    large = [
        _measure(lambda: _add(city.people["staff_a"], 3)),
        _measure(lambda: _add(city.people["staff_b"], 3)),
    ]
    assert small == large
    assert stored_rollups(YEAR) == reference_rollups(YEAR)


def _page_queries(client, url) -> list[str]:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("role", ["admin_opd", "pejabat_penilai", "admin_bkpsdm"])
def test_dashboards_cost_the_same_queries_at_any_size_and_count_nothing(supervised_city, client, login, role):
    city = supervised_city
    login(city.users[role])
    opd = f"{reverse('learning:jp_opd')}?opd={city.dinas_a.pk}&year={YEAR}"
    urls = [opd, opd + "&page=2", opd + "&band=far"]
    if role == "admin_bkpsdm":
        urls.append(f"{reverse('learning:jp_city')}?year={YEAR}")
    _page_queries(client, urls[0])  # per-process caches
    small = [len(_page_queries(client, u)) for u in urls]
    for e in _more_staff(city, 30, unit=city.bidang_a1):
        _add(e, 4)
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    large = [_page_queries(client, u) for u in urls]
    assert small == [len(q) for q in large]
    for sql in (q for page in large for q in page):
        # the list's length and the figures come from the rollups: the summaries are aggregated only
        # for the few employees a head sees one by one (by override) outside their units
        if "learning_jpsummary" in sql and ("COUNT(" in sql or "SUM(" in sql):
            assert '"learning_jpsummary"."employee_id" IN' in sql, sql
    cache.clear()
    page = client.get(opd + "&page=2").context["page_obj"]
    assert (
        page.paginator.count
        == jp_below_target_filtered(actor=fresh(city.users[role]), year=YEAR, opd_pk=city.dinas_a.pk).count()
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan text is SQLite's")
def test_the_below_target_list_reads_its_index(city):
    jp_services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    qs = jp_below_target_filtered(actor=fresh(city.users["admin_bkpsdm"]), year=YEAR, opd_pk=city.dinas_a.pk)
    sql, params = qs[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "learning_jp_below_idx" in plan, plan
