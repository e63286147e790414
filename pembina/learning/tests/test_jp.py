"""20 JP compliance: the materialised summary, dashboards in a constant number of queries at small and
large sizes, reminders (idempotent), export rows, and the policy per instansi."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.choices import RecordSource, RecordStatus
from pembina.learning.models import DevelopmentRecord, JpSummary, LearningNotification
from pembina.learning.rules.jp import mode_of
from pembina.learning.tests.conftest import fresh
from pembina.org.models import Employee
from pembina.org.tests.factories import next_nip

TODAY = timezone.localdate()
YEAR = TODAY.year


def _records(employee_ids, per_employee=3, jp=Decimal("4"), kind="training", tag="t"):
    rows = []
    for emp in employee_ids:
        for i in range(per_employee):
            day = dt.date(YEAR, 1 + (emp + i) % max(TODAY.month, 1), 1)
            day = min(day, TODAY)
            rows.append(
                DevelopmentRecord(
                    employee_id=emp,
                    kind=kind,
                    mode=mode_of(kind),
                    title=f"Kegiatan {i}",
                    start_date=day,
                    end_date=day,
                    year=day.year,
                    jp=jp,
                    status=RecordStatus.VERIFIED,
                    source=RecordSource.IMPORT,
                    source_ref=f"{tag}:{emp}:{i}",
                )
            )
    DevelopmentRecord.objects.bulk_create(rows)


def _more_staff(city, n):
    """n employees in the Seksi Imunisasi of Dinas Kesehatan, set-based."""
    unit, pos = city.seksi_a1a, city.positions["staff_a"]
    objs = []
    for i in range(n):
        nip = next_nip()
        from pembina.org.rules.nip import parse

        info = parse(nip)
        objs.append(
            Employee(
                instansi=city.instansi,
                nip=nip,
                name=f"Pegawai Uji {i}",
                gender=info.gender,
                birth_date=info.birth_date,
                asn_status="pns",
                rank="II/c",
                current_position=pos,
                current_unit=unit,
                current_opd=city.dinas_a,
                current_unit_path=unit.path,
            )
        )
    Employee.objects.bulk_create(objs)
    return list(Employee.objects.filter(name__startswith="Pegawai Uji").values_list("pk", flat=True))


def test_summary_follows_the_records(learning):
    city = learning.city
    staff = city.people["staff_a"]
    _records([staff.pk], per_employee=2, jp=Decimal("6"))
    n = services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    assert n == Employee.objects.filter(instansi=city.instansi).count()
    row = JpSummary.objects.get(employee=staff, year=YEAR)
    assert (row.jp_total, row.shortfall, row.met, row.jp_classical) == (
        Decimal("12"),
        Decimal("8"),
        False,
        Decimal("12"),
    )
    assert row.opd_id == city.dinas_a.pk and row.unit_path == staff.current_unit_path
    assert row.jp_m12 == Decimal("12")
    # refreshing one employee after a change touches only that row
    _records([staff.pk], per_employee=1, jp=Decimal("10"), kind="coaching", tag="extra")
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR, employee_ids=[staff.pk])
    row.refresh_from_db()
    assert (row.jp_total, row.met, row.jp_non_classical) == (Decimal("22"), True, Decimal("10"))


def test_policy_per_instansi(learning):
    city = learning.city
    staff = city.people["staff_a"]
    _records([staff.pk], per_employee=1, jp=Decimal("20"), kind="self_study")
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    assert JpSummary.objects.get(employee=staff).jp_total == Decimal("10")  # default: self study capped at 10
    with pytest.raises(ApplicationError):
        services.jp_policy_set(
            instansi=city.instansi,
            effective_year=YEAR,
            document={"target": 24},
            actor=fresh(learning.users["admin_opd"]),
        )
    with pytest.raises(ApplicationError, match="tidak dikenal"):
        services.jp_policy_set(
            instansi=city.instansi, effective_year=YEAR, document={"kinds": {"nap": {}}}, actor=None
        )
    services.jp_policy_set(
        instansi=city.instansi,
        effective_year=YEAR - 1,
        document={"target": 24, "kinds": {"self_study": {"counts": True, "cap_per_year": 16}}},
        actor=fresh(learning.users["admin_bkpsdm"]),
    )
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    row = JpSummary.objects.get(employee=staff)
    assert (row.target, row.jp_total, row.shortfall) == (Decimal("24"), Decimal("16"), Decimal("8"))


def _measure(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _dashboards(learning):
    users, city = learning.users, learning.city
    admin_opd, pimpinan = fresh(users["admin_opd"]), fresh(users["pimpinan"])
    admin_opd.role_grants.all()  # warm nothing: scopes are computed inside the measurement per fresh user

    def opd():
        d = selectors.jp_dashboard_opd(actor=fresh(users["admin_opd"]), year=YEAR, opd_pk=city.dinas_a.pk)
        list(d.below_target[:50])
        return d

    def city_():
        return selectors.jp_dashboard_city(actor=fresh(users["pimpinan"]), year=YEAR)

    def export():
        headers, rows = selectors.jp_export_rows(actor=fresh(users["admin_bkpsdm"]), year=YEAR)
        return list(rows)

    del admin_opd, pimpinan
    return opd, city_, export


def test_dashboards_use_a_constant_number_of_queries(learning):
    city = learning.city
    base = list(Employee.objects.filter(instansi=city.instansi).values_list("pk", flat=True))
    _records(base[:4])
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    opd, city_view, export = _dashboards(learning)
    small = [_measure(opd), _measure(city_view), _measure(export)]
    small_opd = opd()
    ids = _more_staff(city, 120)
    _records(ids, per_employee=3)
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    large = [_measure(opd), _measure(city_view), _measure(export)]
    assert small == large, (small, large)
    large_opd = opd()
    assert large_opd.totals.employees == small_opd.totals.employees + 120
    assert large_opd.totals.applies == large_opd.totals.met + large_opd.totals.below
    assert large_opd.months[-1].avg_jp == large_opd.totals.avg_jp
    c = city_view()
    assert (
        sum(r.employees for r in c.opds) == c.totals.employees == JpSummary.objects.filter(year=YEAR).count()
    )
    rows = export()
    assert len(rows) == c.totals.employees and len(rows[0]) == len(
        selectors.jp_export_rows(actor=None, year=YEAR)[0]
    )


def test_dashboard_scope(learning):
    city, users = learning.city, learning.users
    services.jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    with pytest.raises(Http404):
        selectors.jp_dashboard_opd(actor=fresh(users["admin_opd"]), year=YEAR, opd_pk=city.dinas_b.pk)
    with pytest.raises(Http404):
        selectors.jp_dashboard_city(actor=fresh(users["admin_opd"]), year=YEAR)
    with pytest.raises(Http404):
        selectors.jp_dashboard_opd(actor=fresh(users["pegawai"]), year=YEAR, opd_pk=city.dinas_a.pk)
    # the head of a bidang sees the OPD dashboard limited to the bidang
    kabid = selectors.jp_dashboard_opd(
        actor=fresh(users["pejabat_penilai"]), year=YEAR, opd_pk=city.dinas_a.pk
    )
    admin = selectors.jp_dashboard_opd(actor=fresh(users["admin_opd"]), year=YEAR, opd_pk=city.dinas_a.pk)
    assert kabid.totals.employees == 4 and admin.totals.employees == 5  # the Kadis sits above the bidang
    below = selectors.jp_below_target(actor=fresh(users["pegawai"]), year=YEAR)
    assert [r.employee_id for r in below] == [city.people["staff_a"].pk]  # only oneself


def test_reminders_are_idempotent(learning, mailoutbox, django_capture_on_commit_callbacks):
    city, users = learning.city, learning.users
    staff = city.people["staff_a"]
    staff.email = "dedi@example.org"
    staff.save()
    _records([city.people["staff_a2"].pk], per_employee=1, jp=Decimal("25"))
    on = dt.date(YEAR, min(TODAY.month, 12), 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.jp_reminders_send(instansi_id=city.instansi.pk, year=YEAR, on=on)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.jp_reminders_send(instansi_id=city.instansi.pk, year=YEAR, on=on)
    assert (
        first["below_target"]
        == second["below_target"]
        == Employee.objects.filter(instansi=city.instansi).count() - 1
    )
    assert first["notified"] > 0 and second["notified"] == 0
    mine = LearningNotification.objects.get(recipient=users["pegawai"], kind="jp_below_target")
    assert "0.0" in mine.title or "0" in mine.title
    digest = LearningNotification.objects.get(recipient=users["admin_opd"], kind="jp_opd_digest")
    assert "Dinas Kesehatan" in digest.title
    assert not LearningNotification.objects.filter(recipient=users["pimpinan"]).exists()
    assert [m.to for m in mailoutbox] == [["dedi@example.org"]]
    with pytest.raises(ApplicationError):
        services.jp_reminders_send(instansi_id=city.instansi.pk, year=YEAR, actor=fresh(users["admin_opd"]))
    assert services.notification_mark_read(actor=fresh(users["pegawai"])) == 1


def test_development_activities_for_the_evaluation_page(learning):
    city, users = learning.city, learning.users
    staff = city.people["staff_a"]

    def run():
        return selectors.employee_development_activities(
            actor=fresh(users["atasan"]), employee_pk=staff.pk, year=YEAR
        )

    plan = services.plan_create(employee=staff, year=YEAR, actor=None)
    small = _measure(run)
    _records([staff.pk], per_employee=5)
    for i in range(3):
        services.plan_activity_add(
            plan=plan, data={"kind": "coaching", "title": f"Coaching {i}", "planned_jp": 2}, actor=None
        )
    services.competency_assessment_record(
        employee=staff, competency="integritas", level=2, source="assessment_centre", actor=None
    )
    large = _measure(run)
    assert small == large
    acts = run()
    assert acts.jp.total == Decimal("20") and acts.jp.met
    assert len(acts.plan.activities.all()) == 3 and len(acts.assessments) == 1
    with pytest.raises(Http404):
        selectors.employee_development_activities(actor=fresh(users["luar"]), employee_pk=staff.pk, year=YEAR)
