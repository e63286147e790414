"""Learning pages run a constant number of queries whatever the row count: every list and overview
page is measured after a little data and again after much more of every kind."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pembina.core.testing.views import module_city_fixture
from pembina.learning.tests.test_views_matrix import build_world, make_event, upload

pytestmark = pytest.mark.django_db

city = module_city_fixture(build_world)
SERIAL = itertools.count(1)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(w, n: int) -> None:
    """n more of everything: colleagues of staff_a with submitted IDPs, enrolments, certificates to
    check, reported activities, finished simulations; more history, records, events and
    notifications for staff_a herself; more programmes."""
    from pembina.learning import services
    from pembina.learning.choices import RecordSource, RecordStatus
    from pembina.learning.models import Competency, LearningNotification
    from pembina.learning.services.jp import record_upsert
    from pembina.org.tests.factories import make_employee

    today = timezone.localdate()
    staff_a = w.city.people["staff_a"]
    comps = list(Competency.objects.filter(instansi__isnull=True).order_by("pk")[:6])
    for _ in range(n):
        i = next(SERIAL)
        prog = services.programme_create(
            instansi=w.city.instansi,
            code=f"prog-{i}",
            data={"title": f"Program {i}", "category": "managerial", "kind": "workshop", "jp": Decimal("8")},
            competencies={comps[i % len(comps)].code: 3},
            actor=None,
        )
        event = make_event(prog, start=today, title=f"Lokakarya {i}")
        mate = make_employee(
            instansi=w.city.instansi, position=w.city.positions["staff_a"], name=f"Rekan {i}"
        )
        plan = services.plan_create(employee=mate, year=today.year, actor=None)
        act = services.plan_activity_add(
            plan=plan,
            data={"kind": "mentoring", "title": f"Mentoring {i}", "planned_jp": Decimal("2")},
            actor=None,
        )
        services.plan_submit(plan=plan, actor=None)
        record_upsert(
            employee=mate,
            kind="mentoring",
            title=f"Mentoring {i}",
            start_date=today,
            end_date=today,
            jp=Decimal("2"),
            source=RecordSource.PLAN_ACTIVITY,
            source_ref=f"activity:{act.pk}",
            status=RecordStatus.PENDING,
            actor=None,
        )
        for who in (mate, staff_a):
            enrolment = services.enrolment_request(event=event, employee=who, actor=None)
            services.enrolment_superior_decide(enrolment=enrolment, approve=True, actor=None)
            services.certificate_external_submit(
                employee=who,
                title=f"Kursus {i}",
                activity_kind="course",
                organiser="LAN",
                start_date=today,
                end_date=today,
                jp=Decimal("5"),
                number=f"N/{i}/{who.pk}",
                file=upload(),
                actor=None,
            )
        for comp in comps:
            services.competency_assessment_record(
                employee=staff_a,
                competency=comp,
                level=1 + i % 4,
                source="competency_test",
                source_ref=f"uji-{i}",
                assessed_on=today - dt.timedelta(days=i),
                actor=None,
            )
        services.development_need_open(
            employee=staff_a,
            source_kind="manual",
            source_ref=f"usul-{i}",
            reason=f"Kebutuhan {i}",
            competency=comps[i % len(comps)],
            actor=None,
        )
        record_upsert(
            employee=staff_a,
            kind="seminar",
            title=f"Seminar {i}",
            start_date=today,
            end_date=today,
            jp=Decimal("1"),
            source=RecordSource.IMPORT,
            source_ref=f"seminar-{i}",
            status=RecordStatus.VERIFIED,
            actor=None,
        )
        services.plan_activity_add(
            plan=w.plan_in,
            data={
                "kind": "seminar",
                "title": f"Seminar {i}",
                "planned_jp": Decimal("1"),
                "competency": comps[0],
            },
            actor=None,
        )
        for u in w.users.values():
            LearningNotification.objects.create(recipient=u, kind="plan", title=f"Kabar {i}")
    services.gap_table_refresh(instansi_id=w.city.instansi.pk)


def pages(w):
    dinas_a = w.city.dinas_a.pk
    return [
        ("pegawai", reverse("learning:home")),
        ("atasan", reverse("learning:employee_development", args=[w.city.people["staff_a"].pk])),
        ("pegawai", reverse("learning:plan_detail", args=[w.plan_in.pk])),
        ("admin_bkpsdm", reverse("learning:plan_list")),
        ("atasan", reverse("learning:approval_queue")),
        ("admin_bkpsdm", reverse("learning:bkpsdm_queue")),
        ("pegawai", reverse("learning:programme_list")),
        ("pegawai", reverse("learning:event_list")),
        ("admin_bkpsdm", reverse("learning:event_detail", args=[w.event.pk])),
        ("admin_bkpsdm", reverse("learning:certificate_list") + "?semua=1"),
        ("admin_opd", reverse("learning:certificate_review_list")),
        ("pegawai", reverse("learning:notification_list")),
        ("admin_opd", reverse("learning:gap_opd") + f"?opd={dinas_a}"),
        ("pimpinan", reverse("learning:gap_city")),
        ("pegawai", reverse("learning:scenario_list")),
        ("pegawai", reverse("learning:attempt_list")),
        ("admin_opd", reverse("learning:simulation_results") + f"?opd={dinas_a}"),
        ("admin_bkpsdm", reverse("learning:scenario_preview", args=[w.scenario.pk])),
    ]


def test_learning_pages_queries_do_not_grow(city, client, login):
    w = city
    grow(w, 1)
    small = {}
    for role, url in pages(w):
        c = login(w.users[role])
        count_queries(c, url)  # warm the session and per-process caches
        small[url] = count_queries(c, url)
    grow(w, 6)
    changed = []
    for role, url in pages(w):
        c = login(w.users[role])
        large = count_queries(c, url)
        if large != small[url]:
            changed.append(f"{url} ({role}): {small[url]} → {large}")
    assert not changed, "queries grow with the data:\n" + "\n".join(changed)
