"""The 20 JP dashboards (OPD, city), their export and the BKPSDM job buttons: permission matrix,
figures, filters, formula-safe export, and constant query counts at small and larger sizes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import ROLE_KEYS, build_city
from pembina.core.models import Job
from pembina.core.testing.views import (
    ALL,
    NONE,
    SCOPED,
    Access,
    ViewContract,
    assert_contracts_cover,
    check_view_contract,
    module_city_fixture,
)
from pembina.learning.choices import RecordStatus
from pembina.learning.models import DevelopmentRecord, JpSummary
from pembina.learning.services.jp import jp_summary_refresh
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
FORMULA = '=HYPERLINK("http://contoh.invalid","klik")'
_refs = count(1)


def add_jp(employee, jp, *, month=1, kind="training"):
    day = dt.date(YEAR, month, 10)
    return DevelopmentRecord.objects.create(
        employee=employee,
        kind=kind,
        title="Pelatihan uji",
        start_date=day,
        end_date=day,
        jp=Decimal(jp),
        status=RecordStatus.VERIFIED,
        source="import",
        source_ref=f"uji-{next(_refs)}",
    )


def add_staff(city, unit, n, *, jp=0):
    position = PositionFactory(unit=unit, name="Pengadministrasi Umum")
    people = [
        make_employee(instansi=city.instansi, position=position, name=f"Staf {i:03d}") for i in range(n)
    ]
    for p in people:
        if jp:
            add_jp(p, jp)
    return people


@dataclass
class World:
    city: object
    foreign_opd: object


def _build() -> World:
    city = build_city()
    people = city.people
    add_jp(people["staff_a"], 6, month=2)  # 14 short
    add_jp(people["staff_a2"], 24, month=3)  # met
    add_jp(people["kasi_a1a"], 12, month=5)
    add_jp(people["staff_b"], 2, month=4)
    people["kabid_a1"].name = FORMULA  # a name that a spreadsheet would run
    people["kabid_a1"].save()
    jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain")
    foreign = make_unit(instansi=other, name="Dinas Lain", code="LAIN-DINAS", is_opd=True)
    return World(city, foreign)


world = module_city_fixture(_build, name="world")


@pytest.fixture
def city(world):
    return world.city


@pytest.fixture(autouse=True)
def _fresh_cache():
    # the page cache is keyed by the audit chain head, which every test's rollback winds back
    cache.clear()
    yield
    cache.clear()


def _opd_url(name, opd, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"opd": opd.pk, "year": YEAR, **extra}.items())
    return f"{reverse(name)}?{query}"


REDIRECT = Access(302, 302)
BKPSDM_ONLY = {r: (REDIRECT if r == "admin_bkpsdm" else NONE) for r in ROLE_KEYS}
OPD_ACCESS = {
    "pegawai": NONE,  # a plain employee has no OPD dashboard (their own JP is on their profile)
    "pejabat_penilai": SCOPED,  # heads see the OPD holding their unit, limited to their subtree
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": ALL,
    "auditor": ALL,
}
CITY_ACCESS = {
    **{r: NONE for r in ("pegawai", "pejabat_penilai", "admin_opd")},
    **{r: ALL for r in ("admin_bkpsdm", "pimpinan", "auditor")},
}


def _foreign(name, **extra):
    return lambda city, role: _opd_url(name, city.foreign_opd, **extra)


CONTRACTS = [
    ViewContract(
        "learning:jp_opd",
        url_in=lambda city, role: _opd_url("learning:jp_opd", city.dinas_a),
        url_out=lambda city, role: _opd_url("learning:jp_opd", city.dinas_b),
        url_foreign=None,
        expected=OPD_ACCESS,
    ),
    ViewContract(
        "learning:jp_opd",
        url_in=lambda city, role: _opd_url("learning:jp_opd", city.dinas_a, page=1),
        url_out=lambda city, role: _opd_url("learning:jp_opd", city.dinas_b, page=1),
        expected=OPD_ACCESS,
        htmx=True,
    ),
    ViewContract(
        "learning:jp_city",
        url_in=lambda city, role: f"{reverse('learning:jp_city')}?year={YEAR}",
        expected=CITY_ACCESS,
    ),
    ViewContract(
        "learning:jp_export",
        url_in=lambda city, role: _opd_url("learning:jp_export", city.dinas_a, format="csv"),
        url_out=lambda city, role: _opd_url("learning:jp_export", city.dinas_b, format="xlsx"),
        expected=OPD_ACCESS,
    ),
    ViewContract(
        "learning:jp_export",  # the whole city: instansi-wide readers only
        url_in=lambda city, role: f"{reverse('learning:jp_export')}?year={YEAR}&format=csv",
        expected=CITY_ACCESS,
    ),
    ViewContract(
        "learning:jp_refresh",
        url_in=lambda city, role: reverse("learning:jp_refresh"),
        method="post",
        data={"year": YEAR},
        expected=BKPSDM_ONLY,
    ),
    ViewContract(
        "learning:jp_remind",
        url_in=lambda city, role: reverse("learning:jp_remind"),
        method="post",
        data={"year": YEAR},
        expected=BKPSDM_ONLY,
    ),
]


def test_every_jp_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS, urlconf="pembina.config.urls", view_modules=["pembina.learning.views.jp"]
    )


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, world, client, login):
    check_view_contract(contract, client=client, login=login, city=world.city, roles=ROLE_KEYS)


@pytest.mark.parametrize("role", ["admin_bkpsdm", "pimpinan", "auditor", "admin_opd"])
def test_another_instansis_opd_is_404(world, client, login, role):
    login(world.city.users[role])
    for name in ("learning:jp_opd", "learning:jp_export"):
        assert client.get(_opd_url(name, world.foreign_opd, format="csv")).status_code == 404


# --- figures and filters --------------------------------------------------------------------------


def test_opd_dashboard_shows_who_is_below_and_how_far(city, client, login):
    login(city.users["admin_opd"])
    response = client.get(_opd_url("learning:jp_opd", city.dinas_a))
    assert response.status_code == 200
    rows = list(response.context["rows"])
    names = [r.employee.name for r in rows]
    # largest shortfall first; the epidemiologist met the target; Dukcapil's staff is not Dinkes's
    assert "Eka Epidemiolog" not in names and "Hadi Staf" not in names
    short = {r.employee.name: r.shortfall for r in rows}
    assert short["Dedi Staf"] == Decimal("14.0") and short["Citra Kasi"] == Decimal("8.0")
    assert names.index("Dedi Staf") < names.index("Citra Kasi")
    totals = response.context["totals"]
    assert totals.met == 1 and totals.below == totals.applies - 1
    chart = response.context["chart"]
    assert chart["target"] == 20.0 and len(chart["avg_jp"]) == 12
    assert chart["avg_jp"][0] == 0 and chart["avg_jp"][11] > chart["avg_jp"][1]  # cumulative through the year
    body = response.content.decode()
    assert 'data-jp-chart="#jp-trend-data"' in body and "<script>" not in body.replace("<script src", "")
    # the bars carry machine numbers (a browser rejects max="20,0" and draws an empty bar)
    assert re.search(r'<meter [^>]*max="20(\.0)?" [^>]*value="6(\.0)?"', body)


def test_opd_dashboard_of_a_head_is_limited_to_their_subtree(city, client, login):
    login(city.users["pejabat_penilai"])  # head of Bidang P2P inside Dinkes
    response = client.get(_opd_url("learning:jp_opd", city.dinas_a))
    names = {r.employee.name for r in response.context["rows"]}
    assert "Dedi Staf" in names and "Ani Kadis" not in names  # the Kadis sits above the bidang


def test_filters_by_name_and_band(city, client, login):
    login(city.users["admin_bkpsdm"])
    by_name = client.get(_opd_url("learning:jp_opd", city.dinas_a, q="Dedi"))
    assert [r.employee.name for r in by_name.context["rows"]] == ["Dedi Staf"]
    zero = client.get(_opd_url("learning:jp_opd", city.dinas_a, band="zero"))
    assert zero.context["rows"] and all(r.jp_total == 0 for r in zero.context["rows"])
    near = client.get(_opd_url("learning:jp_opd", city.dinas_a, band="near"))
    assert [r.employee.name for r in near.context["rows"]] == ["Citra Kasi"]  # 8 short of 20
    far = client.get(_opd_url("learning:jp_opd", city.dinas_a, band="far"))
    assert "Citra Kasi" not in {r.employee.name for r in far.context["rows"]}


def test_htmx_page_request_gets_only_the_rows(city, client, login):
    login(city.users["admin_bkpsdm"])
    response = client.get(_opd_url("learning:jp_opd", city.dinas_a, page=1), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="jp-below-table"' in body and "<html" not in body


def test_city_dashboard_lists_every_opd_lowest_compliance_first(city, client, login):
    login(city.users["pimpinan"])
    response = client.get(f"{reverse('learning:jp_city')}?year={YEAR}")
    rows = response.context["opd_rows"]
    by_name = {r.name: r for r in rows}
    assert by_name["Dinas Kesehatan"].met == 1 and by_name["Dinas Kependudukan dan Pencatatan Sipil"].met == 0
    assert [r.met_percent for r in rows] == sorted(r.met_percent for r in rows)
    assert response.context["totals"].employees == JpSummary.objects.filter(year=YEAR).count()
    by_below = client.get(f"{reverse('learning:jp_city')}?year={YEAR}&sort=below").context["opd_rows"]
    assert [r.below for r in by_below] == sorted((r.below for r in by_below), reverse=True)


def test_export_is_formula_safe_and_scoped(city, client, login):
    login(city.users["admin_opd"])
    response = client.get(_opd_url("learning:jp_export", city.dinas_a, format="csv"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = [r[1] for r in rows[1:]]
    assert "'" + FORMULA in names and FORMULA not in names
    assert "Hadi Staf" not in names  # another OPD
    below = client.get(_opd_url("learning:jp_export", city.dinas_a, format="csv", below=1))
    below_rows = list(csv.reader(io.StringIO(b"".join(below.streaming_content).decode("utf-8-sig"))))
    assert "Eka Epidemiolog" not in [r[1] for r in below_rows[1:]]
    xlsx = client.get(_opd_url("learning:jp_export", city.dinas_a, format="xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert "'" + FORMULA in [c.value for c in sheet["B"]]


def test_bkpsdm_buttons_queue_the_refresh_and_reminder_jobs(city, client, login):
    login(city.users["admin_bkpsdm"])
    for name, handler in (
        ("learning:jp_refresh", "pembina.learning.tasks.run_learning_refresh"),
        ("learning:jp_remind", "pembina.learning.tasks.run_jp_reminders"),
    ):
        response = client.post(reverse(name), {"year": YEAR})
        job = Job.objects.filter(handler=handler).latest("pk")
        assert response.status_code == 302 and response.url == reverse("core:job_detail", args=[job.pk])
        assert job.params == {"instansi_id": city.instansi.pk, "year": YEAR}


def test_reminder_job_notifies_those_below_target(city, client, login, django_capture_on_commit_callbacks):
    from pembina.accounts.tests.factories import make_user
    from pembina.learning.models import LearningNotification

    login(city.users["admin_bkpsdm"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("learning:jp_remind"), {"year": YEAR})
    staff = city.users["pegawai"]
    assert LearningNotification.objects.filter(recipient=staff, kind="jp_below_target").exists()
    met = make_user(username=city.people["staff_a2"].nip, employee=city.people["staff_a2"])
    assert not LearningNotification.objects.filter(recipient=met).exists()


# --- query counts ---------------------------------------------------------------------------------


def _queries(client, url, **headers) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_number_of_employees(city, client, login):
    login(city.users["admin_bkpsdm"])
    urls = [
        _opd_url("learning:jp_opd", city.dinas_b),
        _opd_url("learning:jp_opd", city.dinas_b, page=2),
        f"{reverse('learning:jp_city')}?year={YEAR}",
    ]
    _queries(client, urls[0])  # warm up per-process caches (content types, sessions)
    small = [_queries(client, u) for u in urls]
    add_staff(city, city.bidang_b1, 60, jp=4)
    extra_opd = make_unit(
        instansi=city.instansi, parent=city.pemda, name="Dinas Baru", code="BARU", is_opd=True
    )
    add_staff(city, extra_opd, 5)
    jp_summary_refresh(instansi_id=city.instansi.pk, year=YEAR)
    large = [_queries(client, u) for u in urls]
    assert small == large
    cache.clear()
    page2 = client.get(urls[1])
    assert len(page2.context["rows"]) == 25  # 61 below target in Dukcapil now: a full second page
