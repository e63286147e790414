"""Org pages: permission matrix of every view, who sees what, filters, export, constant queries, Mutasi."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import ROLE_KEYS, build_city
from pembina.core.audit.context import Source, audit_context
from pembina.core.models import AuditEntry
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
from pembina.org import selectors, services
from pembina.org.choices import AssignmentKind, AssignmentReason, JobType, UnitKind
from pembina.org.models import Assignment, Employee
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit, next_nip

pytestmark = pytest.mark.django_db


def _build():
    city = build_city()
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain", region_name="Kota Lain")
    unit = make_unit(
        instansi=other, name="Dinas Kota Lain", kind=UnitKind.DINAS, code="LAIN-DINAS", is_opd=True
    )
    pos = PositionFactory(unit=unit, name="Staf Kota Lain", job_type=JobType.PELAKSANA)
    city.foreign_unit = unit
    city.foreign_employee = make_employee(instansi=other, position=pos, name="Orang Kota Lain")
    return city


city = module_city_fixture(_build)


# --- the permission matrix --------------------------------------------------------------------


def person(url_name, key):
    return lambda city, role: reverse(url_name, args=[city.people[key].pk])


def foreign_person(url_name):
    return lambda city, role: reverse(url_name, args=[city.foreign_employee.pk])


def unit(url_name, attr):
    return lambda city, role: reverse(url_name, args=[getattr(city, attr).pk])


def plain(url_name, query=""):
    return lambda city, role: reverse(url_name) + query


EVERYONE = dict.fromkeys(ROLE_KEYS, ALL)
# in scope = staff_a (the pegawai herself; under kabid_a1; in admin_opd's Dinas); out = staff_b (another Dinas)
SEE_EMPLOYEE = {
    "pegawai": SCOPED,
    "pejabat_penilai": SCOPED,
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": ALL,
    "auditor": ALL,
}
CHANGE_EMPLOYEE = {
    "pegawai": NONE,
    "pejabat_penilai": NONE,
    "admin_opd": SCOPED,
    "admin_bkpsdm": ALL,
    "pimpinan": NONE,
    "auditor": NONE,
}


def employee_contract(url_name, expected, **kw):
    return ViewContract(
        url_name,
        url_in=person(url_name, "staff_a"),
        url_out=person(url_name, "staff_b"),
        url_foreign=foreign_person(url_name),
        expected=expected,
        **kw,
    )


def unit_contract(url_name, **kw):
    return ViewContract(
        url_name,
        url_in=unit(url_name, "bidang_a1"),
        url_out=unit(url_name, "bidang_b1"),
        url_foreign=unit(url_name, "foreign_unit"),
        expected=EVERYONE,
        **kw,
    )


CONTRACTS = [
    ViewContract("org:employee_list", url_in=plain("org:employee_list"), expected=EVERYONE),
    ViewContract(
        "org:employee_list", url_in=plain("org:employee_list", "?q=a"), expected=EVERYONE, htmx=True
    ),
    ViewContract("org:employee_export", url_in=plain("org:employee_export", "?fmt=csv"), expected=EVERYONE),
    employee_contract("org:employee_detail", SEE_EMPLOYEE),
    employee_contract("org:employee_history", SEE_EMPLOYEE),
    employee_contract("org:employee_history", SEE_EMPLOYEE, htmx=True),
    employee_contract("org:employee_assign", CHANGE_EMPLOYEE),
    # an empty POST re-shows the form with errors (200) where allowed, and is 404 everywhere else
    employee_contract("org:employee_assign", CHANGE_EMPLOYEE, method="post", data={}),
    ViewContract("org:unit_tree", url_in=plain("org:unit_tree"), expected=EVERYONE),
    unit_contract("org:unit_detail"),
    unit_contract("org:unit_history"),
]


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLE_KEYS)


def test_every_org_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=["pembina.org.views.employees", "pembina.org.views.units"],
    )


def test_the_matrix_catches_a_leak(city, client, login):
    """The checker itself must fail when a view answers 200 where 404 is due (no tautology)."""
    wrong = {**SEE_EMPLOYEE, "pejabat_penilai": ALL}
    contract = employee_contract("org:employee_detail", wrong)
    with pytest.raises(AssertionError, match="pejabat_penilai +out"):
        check_view_contract(contract, client=client, login=login, city=city, roles=ROLE_KEYS)


def test_access_defaults():
    assert Access(200, 404).for_target("foreign") == 404


# --- employee list: who sees what, filters, sorting, htmx, export -------------------------------


def names_in(response) -> set[str]:
    return {e.name for e in response.context["employees"]}


def test_list_is_scoped(city, login):
    r = login(city.users["pejabat_penilai"]).get(reverse("org:employee_list"))
    assert names_in(r) == {"Bambang Kabid", "Citra Kasi", "Dedi Staf", "Eka Epidemiolog"}
    r = login(city.users["pegawai"]).get(reverse("org:employee_list"))
    assert names_in(r) == {"Dedi Staf"}
    r = login(city.users["admin_opd"]).get(reverse("org:employee_list"))
    assert "Hadi Staf" not in names_in(r) and "Ani Kadis" in names_in(r)
    r = login(city.users["pimpinan"]).get(reverse("org:employee_list"))
    assert len(names_in(r)) == 9 and "Orang Kota Lain" not in names_in(r)


def test_filter_dropdowns_offer_only_what_the_actor_can_see(city, login):
    r = login(city.users["pejabat_penilai"]).get(reverse("org:employee_list"))
    form = r.context["filter"].form
    assert [u.name for u in form.fields["opd"].queryset] == ["Dinas Kesehatan"]
    assert {u.name for u in form.fields["unit"].queryset} == {"Bidang Pencegahan Penyakit", "Seksi Imunisasi"}
    assert "Dinas Kependudukan" not in r.content.decode()
    r = login(city.users["admin_bkpsdm"]).get(reverse("org:employee_list"))
    opds = {u.name for u in r.context["filter"].form.fields["opd"].queryset}
    assert opds == {"Sekretariat Daerah", "Dinas Kesehatan", "Dinas Kependudukan dan Pencatatan Sipil"}


def test_out_of_scope_opd_filter_is_refused_not_obeyed(city, login):
    r = login(city.users["admin_opd"]).get(reverse("org:employee_list"), {"opd": city.dinas_b.pk})
    assert r.status_code == 200
    assert names_in(r) == set()
    assert "opd" in r.context["filter"].form.errors


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "dedi"}, {"Dedi Staf"}),
        ({"opd": "dinas_b"}, {"Fajar Kadis", "Gita Kabid", "Hadi Staf"}),
        ({"unit": "bidang_a1"}, {"Bambang Kabid", "Citra Kasi", "Dedi Staf", "Eka Epidemiolog"}),
        ({"rank": "IV/b"}, {"Ani Kadis", "Fajar Kadis"}),
        ({"job_type": "pelaksana"}, {"Dedi Staf", "Hadi Staf"}),
        ({"asn_status": "pppk"}, set()),
        ({"state": "aktif", "opd": "setda"}, {"Sekda Uji"}),
    ],
)
def test_list_filters(city, login, params, expected):
    params = {k: getattr(city, v).pk if k in ("opd", "unit") else v for k, v in params.items()}
    r = login(city.users["admin_bkpsdm"]).get(reverse("org:employee_list"), params)
    assert names_in(r) == expected


def test_search_by_nip_prefix(city, login):
    nip = city.people["staff_b"].nip
    r = login(city.users["admin_bkpsdm"]).get(reverse("org:employee_list"), {"q": nip[:14]})
    assert "Hadi Staf" in names_in(r)
    assert all(
        e.nip.startswith(nip[:14]) or nip[:14].lower() in e.name.lower() for e in r.context["employees"]
    )


def test_sorting_and_unknown_sort_key(city, login):
    c = login(city.users["admin_bkpsdm"])
    names = [e.name for e in c.get(reverse("org:employee_list"), {"sort": "-name"}).context["employees"]]
    assert names == sorted(names, reverse=True)
    ranks = [e.rank for e in c.get(reverse("org:employee_list"), {"sort": "rank"}).context["employees"]]
    assert ranks == sorted(ranks)
    r = c.get(reverse("org:employee_list"), {"sort": "password"})  # ignored, not an error
    assert r.status_code == 200 and len(r.context["employees"]) == 9


def test_htmx_gets_only_the_table(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.get(reverse("org:employee_list"), {"q": "Staf"}, headers={"HX-Request": "true"})
    body = r.content.decode()
    assert "<html" not in body and 'data-testid="employee-table"' in body
    assert "Dedi Staf" in body and "Bambang" not in body
    assert 'hx-swap-oob="true"' in body  # keeps the hidden sort field of the filter form in step
    full = c.get(reverse("org:employee_list"), {"q": "Staf"}).content.decode()
    assert "<html" in full and 'id="employee-filter"' in full
    assert "HX-Request" in r["Vary"]


def test_pagination_50_per_page(city, login):
    bulk_employees(city, 60)
    c = login(city.users["admin_bkpsdm"])
    r = c.get(reverse("org:employee_list"))
    assert len(r.context["employees"]) == 50 and r.context["page_obj"].paginator.count == 69
    r2 = c.get(reverse("org:employee_list"), {"page": 2})
    assert len(r2.context["employees"]) == 19
    assert not {e.pk for e in r.context["employees"]} & {e.pk for e in r2.context["employees"]}


def export_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_export_csv_uses_current_filters_and_scope(city, login):
    c = login(city.users["pejabat_penilai"])
    r = c.get(reverse("org:employee_export"), {"fmt": "csv", "q": "Staf"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"] and ".csv" in r["Content-Disposition"]
    rows = export_rows(r)
    assert rows[0][:3] == ["NIP", "Nama", "Gelar depan"]
    assert [row[1] for row in rows[1:]] == ["Dedi Staf"]  # Hadi Staf matches "Staf" but is out of scope
    assert rows[1][0] == city.people["staff_a"].nip


def test_export_xlsx(city, login):
    from openpyxl import load_workbook

    r = login(city.users["admin_bkpsdm"]).get(
        reverse("org:employee_export"), {"fmt": "xlsx", "opd": city.dinas_b.pk, "sort": "name"}
    )
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content))).active
    values = list(ws.values)
    assert values[0][1] == "Nama"
    assert [row[1] for row in values[1:]] == ["Fajar Kadis", "Gita Kabid", "Hadi Staf"]


def test_list_links_export_with_filters(city, login):
    r = login(city.users["admin_bkpsdm"]).get(reverse("org:employee_list"), {"q": "Staf", "page": "1"})
    body = r.content.decode()
    assert reverse("org:employee_export") + "?q=Staf&amp;fmt=csv" in body
    assert "fmt=xlsx" in body


# --- constant number of queries -------------------------------------------------------------------


def bulk_employees(city, n: int) -> None:
    """n extra employees placed in Seksi Imunisasi, created in bulk (fast; still audited in bulk)."""
    pos = city.positions["staff_a"]
    unit = city.seksi_a1a
    objs = []
    for i in range(n):
        nip = next_nip()
        from pembina.org.rules.nip import parse

        objs.append(
            Employee(
                instansi=city.instansi,
                nip=nip,
                name=f"Pegawai Massal {i:04d}",
                gender="L",
                birth_date=parse(nip).birth_date,
                asn_status="pns",
                rank="II/a",
                current_position=pos,
                current_unit=unit,
                current_opd=city.dinas_a,
                current_unit_path=unit.path,
            )
        )
    Employee.objects.bulk_create(objs, batch_size=500)


def count_queries(client, url, params=None, *, stream=False) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, params or {})
        assert r.status_code == 200
        if stream:
            b"".join(r.streaming_content)
    return len(ctx.captured_queries)


# session, user, roles (+ led units and overrides for a pejabat penilai, or the MFA check for an
# admin), the two dropdowns, the OPD value check, count, page
LIST_QUERY_BUDGET = 12


@pytest.mark.parametrize("role", ["admin_bkpsdm", "admin_opd", "pejabat_penilai"])
def test_list_and_export_queries_do_not_grow_with_rows(city, login, role, django_assert_max_num_queries):
    c = login(city.users[role])
    url, export = reverse("org:employee_list"), reverse("org:employee_export")
    params = {"sort": "unit", "opd": city.dinas_a.pk, "page": "2"}
    bulk_employees(city, 10)
    small = count_queries(c, url, params)
    small_export = count_queries(c, export, {**params, "fmt": "csv"}, stream=True)
    bulk_employees(city, 990)
    large = count_queries(c, url, params)
    large_export = count_queries(c, export, {**params, "fmt": "csv"}, stream=True)
    assert large == small, f"list: {small} queries at 10 rows, {large} at 1,000"
    assert large_export == small_export, f"export: {small_export} at 10 rows, {large_export} at 1,000"
    with django_assert_max_num_queries(LIST_QUERY_BUDGET):
        r = c.get(url, params)
    assert len(r.context["employees"]) == 50


# --- employee page -----------------------------------------------------------------------------


def test_detail_shows_profile_and_superiors(city, login):
    staff = city.people["staff_a"]
    r = login(city.users["pegawai"]).get(reverse("org:employee_detail", args=[staff.pk]))
    body = r.content.decode()
    assert staff.nip_display in body
    assert "Pengatur" in body  # II/c pangkat
    assert "Pengelola Data Imunisasi" in body and "Seksi Imunisasi" in body
    assert r.context["chain"].superior == city.people["kasi_a1a"]
    assert r.context["chain"].superior_of_superior == city.people["kabid_a1"]
    assert "Citra Kasi" in body and "Bambang Kabid" in body
    assert not r.context["can_change"] and 'data-testid="assign-form"' not in body
    # the pegawai may not open her superior's page, so the name is not a dead link
    assert reverse("org:employee_detail", args=[city.people["kasi_a1a"].pk]) not in body


def test_superiors_as_of_a_date_follow_a_mid_year_transfer(city, login):
    staff = city.people["staff_a"]
    today = selectors.today()
    moved = today - dt.timedelta(days=30)
    services.employee_assign(employee=staff, position=city.positions["staff_b"], start_date=moved, actor=None)
    c = login(city.users["admin_bkpsdm"])
    url = reverse("org:employee_detail", args=[staff.pk])
    now = c.get(url)
    assert now.context["chain"].superior == city.people["kabid_b1"]
    before = c.get(url, {"on": (moved - dt.timedelta(days=1)).isoformat()})
    assert before.context["chain"].superior == city.people["kasi_a1a"]
    assert not before.context["is_today"]
    # the date picker refreshes only the superiors card through htmx
    part = c.get(url, {"on": moved.isoformat()}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in part and 'id="superiors"' in part and "Gita Kabid" in part


def test_no_superior_before_the_first_placement_and_the_regional_head_at_the_top(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.get(reverse("org:employee_detail", args=[city.people["staff_a"].pk]), {"on": "2019-06-01"})
    assert not r.context["placed"] and 'data-testid="not-placed"' in r.content.decode()
    r = c.get(reverse("org:employee_detail", args=[city.people["sekda"].pk]))
    body = r.content.decode()
    assert r.context["placed"] and r.context["chain"].superior is None
    assert 'data-testid="not-placed"' not in body and "Wali Kota" in body


def test_unreadable_date_falls_back_to_today_with_a_message(city, login):
    r = login(city.users["pegawai"]).get(
        reverse("org:employee_detail", args=[city.people["staff_a"].pk]), {"on": "31-02-2026"}
    )
    assert r.status_code == 200 and r.context["on"] == selectors.today()
    assert "tidak dikenali" in r.context["on_error"]


def test_history_tab_lists_readable_diffs(city, login):
    staff = city.people["staff_a"]
    admin = city.users["admin_bkpsdm"]
    with audit_context(source=Source.WEB, user=admin, request_id="req-hist"):
        services.employee_update(employee=staff, data={"name": "Dedi Staf Baru", "rank": "II/d"}, actor=admin)
        services.employee_assign(
            employee=staff,
            position=city.positions["epid_a"],
            start_date=selectors.today(),
            reason=AssignmentReason.PROMOTION,
            actor=admin,
        )
    r = login(city.users["pegawai"]).get(
        reverse("org:employee_history", args=[staff.pk]), headers={"HX-Request": "true"}
    )
    body = r.content.decode()
    assert "<html" not in body
    rows = r.context["rows"]
    update = next(
        row
        for row in rows
        if row.entry.object_type == "org.employee"
        and row.entry.action == "update"
        and row.entry.request_id == "req-hist"
        and any(c.name == "name" for c in row.changes)
    )
    labels = {c.label: (c.before, c.after) for c in update.changes}
    assert labels["Nama"] == ("Dedi Staf", "Dedi Staf Baru")
    assert labels["Golongan"] == ("II/c", "II/d")
    created = next(
        r
        for r in rows
        if r.entry.object_type == "org.assignment"
        and r.entry.action == "create"
        and r.entry.request_id == "req-hist"
    )
    shown = {c.label: c.after for c in created.changes}
    assert shown["Jabatan"].startswith("Epidemiolog Kesehatan Ahli Pertama")  # FK shown by name
    assert shown["Alasan"] == "Promosi"  # choice label, not the code
    assert "admin.bkpsdm" in body and "Web" in body
    # another employee's entries never leak into this history
    assert not any(
        str(city.people["staff_b"].pk) == row.entry.object_id and row.entry.object_type == "org.employee"
        for row in rows
    )


def test_history_queries_do_not_grow_with_entries(city, login):
    """Related names cost one query per related model on the page, never one per entry."""
    staff = city.people["staff_a"]
    c = login(city.users["admin_bkpsdm"])
    url = reverse("org:employee_history", args=[staff.pk])
    small = count_queries(c, url)
    positions = [city.positions["epid_a"], city.positions["staff_a"]]
    for i in range(30):
        services.employee_update(employee=staff, data={"phone": f"0812{i:06d}"}, actor=None)
        services.employee_assign(
            employee=staff,
            position=positions[i % 2],
            start_date=dt.date(2021, 1, 1) + dt.timedelta(days=i),
            actor=None,
        )
    r = c.get(url)
    assert len(r.context["rows"]) == 25 and r.context["page_obj"].paginator.count > 100
    assert count_queries(c, url) <= small
    assert count_queries(c, url, {"page": 3}) <= small


# --- Mutasi / Plt through the UI --------------------------------------------------------------------


def assign_data(position, start, **extra):
    return {
        "position": position.pk,
        "kind": AssignmentKind.DEFINITIVE,
        "reason": AssignmentReason.TRANSFER,
        "start_date": start.isoformat(),
        "decree_number": "800/123/BKPSDM",
        **extra,
    }


def test_mutasi_via_the_form_is_audited_as_web_with_the_request_id(city, login):
    staff = city.people["staff_a"]
    admin = city.users["admin_opd"]
    c = login(admin)
    detail = c.get(reverse("org:employee_detail", args=[staff.pk]))
    assert detail.context["can_change"] and 'data-testid="assign-form"' in detail.content.decode()
    # the admin of Dinas Kesehatan is offered only positions of her Dinas
    offered = set(detail.context["assign_form"].fields["position"].queryset)
    assert city.positions["epid_a"] in offered and city.positions["staff_b"] not in offered
    start = selectors.today()
    r = c.post(reverse("org:employee_assign", args=[staff.pk]), assign_data(city.positions["epid_a"], start))
    assert r.status_code == 302 and r["Location"] == reverse("org:employee_detail", args=[staff.pk])
    new = Assignment.objects.get(employee=staff, start_date=start, position=city.positions["epid_a"])
    assert new.decree_number == "800/123/BKPSDM"
    assert Employee.objects.get(pk=staff.pk).current_position == city.positions["epid_a"]
    entry = AuditEntry.objects.get(object_type="org.assignment", object_id=str(new.pk), action="create")
    assert entry.source == "web"
    assert entry.request_id and entry.request_id == r["X-Request-ID"]
    assert entry.actor_id == admin.pk
    # the closed previous assignment is logged under the same request
    assert AuditEntry.objects.filter(
        request_id=entry.request_id, object_type="org.assignment", action="update"
    ).exists()


def test_mutasi_rule_violation_is_shown_in_indonesian_and_changes_nothing(city, login):
    staff = city.people["staff_a"]
    c = login(city.users["admin_bkpsdm"])
    before = AuditEntry.objects.count()
    n = Assignment.objects.count()
    # 2020-01-01 is the start of her current definitive assignment: a new one may not start on/before it
    r = c.post(
        reverse("org:employee_assign", args=[staff.pk]),
        assign_data(city.positions["epid_a"], dt.date(2019, 6, 1)),
    )
    assert r.status_code == 200
    assert "Sudah ada riwayat jabatan definitif mulai" in r.context["form"].errors["start_date"][0]
    assert "is-invalid" in r.content.decode()
    assert Assignment.objects.count() == n and AuditEntry.objects.count() == before


def test_plt_needs_a_head_position(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.post(
        reverse("org:employee_assign", args=[city.people["staff_a"].pk]),
        assign_data(city.positions["epid_a"], selectors.today(), kind=AssignmentKind.ACTING),
    )
    assert r.status_code == 200
    assert r.context["form"].errors["position"] == ["Plt/Plh hanya untuk jabatan kepala unit."]


def test_mutasi_refuses_a_position_outside_the_admins_scope(city, login):
    staff = city.people["staff_a"]
    n = Assignment.objects.count()
    r = login(city.users["admin_opd"]).post(
        reverse("org:employee_assign", args=[staff.pk]),
        assign_data(city.positions["staff_b"], selectors.today()),
    )
    assert r.status_code == 200 and "position" in r.context["form"].errors
    assert Assignment.objects.count() == n


def test_end_before_start_is_a_form_error(city, login):
    today = selectors.today()
    r = login(city.users["admin_bkpsdm"]).post(
        reverse("org:employee_assign", args=[city.people["staff_a"].pk]),
        assign_data(
            city.positions["kasi_a1a"],
            today,
            kind=AssignmentKind.ACTING,
            end_date=(today - dt.timedelta(days=1)).isoformat(),
        ),
    )
    assert "end_date" in r.context["form"].errors


# --- org tree and unit page -------------------------------------------------------------------------


def test_unit_tree_shows_nesting_heads_and_counts(city, login):
    r = login(city.users["pegawai"]).get(reverse("org:unit_tree"))
    items = {i.unit.name: i for i in r.context["items"]}
    assert items["Pemerintah Kota Uji"].level == 0 and items["Seksi Imunisasi"].level == 3
    assert items["Dinas Kesehatan"].total == 5 and items["Dinas Kesehatan"].unit.n_employees == 1
    assert items["Seksi Imunisasi"].head.employee == city.people["kasi_a1a"]
    body = r.content.decode()
    assert body.count("<details") == body.count("</details>")
    assert body.count("<ul") == body.count("</ul>")
    assert "Citra Kasi" in body and "Orang Kota Lain" not in body


def test_unit_tree_marks_a_vacant_head_but_not_units_without_a_head_position(city, login):
    Assignment.objects.filter(employee=city.people["kabid_a1"], end_date__isnull=True).update(
        end_date=selectors.today() - dt.timedelta(days=1)
    )
    r = login(city.users["pimpinan"]).get(reverse("org:unit_tree"))
    items = {i.unit.name: i for i in r.context["items"]}
    assert items["Bidang Pencegahan Penyakit"].vacant and items["Bidang Pencegahan Penyakit"].head is None
    assert not items["Pemerintah Kota Uji"].vacant  # the pemda has no head position (the Wali Kota)
    assert not items["Seksi Imunisasi"].vacant
    assert r.content.decode().count("kepala unit kosong") == 1


def test_unit_tree_shows_an_acting_head(city, login):
    services.employee_assign(
        employee=city.people["staff_b"],
        position=city.positions["kabid_a1"],
        start_date=selectors.today(),
        kind=AssignmentKind.ACTING,
        reason=AssignmentReason.ACTING,
        actor=None,
    )
    Assignment.objects.filter(employee=city.people["kabid_a1"], end_date__isnull=True).update(
        end_date=selectors.today() - dt.timedelta(days=1)
    )
    r = login(city.users["admin_bkpsdm"]).get(reverse("org:unit_tree"))
    item = next(i for i in r.context["items"] if i.unit == city.bidang_a1)
    assert item.head.employee == city.people["staff_b"] and item.head.kind == AssignmentKind.ACTING
    assert "(Plt)" in r.content.decode()


def test_unit_tree_queries_do_not_grow_with_units(city, login):
    c = login(city.users["admin_bkpsdm"])
    url = reverse("org:unit_tree")
    small = count_queries(c, url)
    parent = city.dinas_b
    for i in range(50):
        child = make_unit(instansi=city.instansi, parent=parent, name=f"Seksi {i}", kind=UnitKind.SEKSI)
        head = PositionFactory(unit=child, name=f"Kepala Seksi {i}", job_type=JobType.PENGAWAS, is_head=True)
        if i % 3 == 0:
            make_employee(instansi=city.instansi, position=head, name=f"Kepala {i}")
        if i % 10 == 0:
            parent = child  # deeper branches too
    assert count_queries(c, url) == small
    r = c.get(url)
    assert len(r.context["items"]) == 7 + 50
    body = r.content.decode()
    assert body.count("<details") == body.count("</details>") and body.count("<ul") == body.count("</ul>")


def test_unit_page_lists_positions_holders_people_and_subunits(city, login):
    r = login(city.users["pejabat_penilai"]).get(reverse("org:unit_detail", args=[city.seksi_a1a.pk]))
    holders = {p.name: [a.employee.name for a in p.holders] for p in r.context["positions"]}
    assert holders["Kepala Seksi Imunisasi"] == ["Citra Kasi"]
    assert holders["Pengelola Data Imunisasi"] == ["Dedi Staf"]
    assert r.context["positions"][0].is_head  # the head first
    assert {e.name for e in r.context["employees"]} == {"Citra Kasi", "Dedi Staf", "Eka Epidemiolog"}
    assert [a.name for a in r.context["ancestors"]] == [
        "Pemerintah Kota Uji",
        "Dinas Kesehatan",
        "Bidang Pencegahan Penyakit",
    ]
    r = login(city.users["pejabat_penilai"]).get(reverse("org:unit_detail", args=[city.dinas_a.pk]))
    assert [c.name for c in r.context["children"]] == ["Bidang Pencegahan Penyakit"]


def test_unit_page_people_are_scoped(city, login):
    r = login(city.users["pegawai"]).get(reverse("org:unit_detail", args=[city.seksi_a1a.pk]))
    assert {e.name for e in r.context["employees"]} == {"Dedi Staf"}
    # the head is public on the chart, but not a link the pegawai could not follow
    assert "Citra Kasi" in r.content.decode()
    assert reverse("org:employee_detail", args=[city.people["kasi_a1a"].pk]) not in r.content.decode()


def test_unit_page_queries_do_not_grow(city, login):
    c = login(city.users["admin_bkpsdm"])
    url = reverse("org:unit_detail", args=[city.seksi_a1a.pk])
    small = count_queries(c, url)
    bulk_employees(city, 200)
    for i in range(20):
        PositionFactory(unit=city.seksi_a1a, name=f"Jabatan tambahan {i}")
    assert count_queries(c, url) == small


def test_unit_history(city, login):
    admin = city.users["admin_bkpsdm"]
    with audit_context(source=Source.WEB, user=admin):
        services.unit_update(
            unit=city.seksi_a1a, data={"name": "Seksi Imunisasi dan Surveilans"}, actor=admin
        )
    r = login(city.users["pegawai"]).get(reverse("org:unit_history", args=[city.seksi_a1a.pk]))
    body = r.content.decode()
    assert "Nama unit" in body and "Seksi Imunisasi dan Surveilans" in body
    assert "<html" in body  # without htmx: a whole page (works without JavaScript)


# --- navigation follows the role ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("pegawai", {"profile", "units"}, {"employees", "audit", "jobs"}),
        ("pejabat_penilai", {"employees", "units"}, {"audit", "jobs", "profile"}),
        ("admin_opd", {"employees", "units", "jobs"}, {"audit"}),
        ("admin_bkpsdm", {"employees", "units", "jobs"}, {"audit"}),
        ("pimpinan", {"employees", "units"}, {"audit", "jobs"}),
        ("auditor", {"employees", "units", "audit", "jobs"}, set()),
    ],
)
def test_nav_follows_the_role(city, login, role, present, absent):
    body = login(city.users[role]).get(reverse("org:unit_tree")).content.decode()
    for key in present:
        assert f'data-nav="{key}"' in body, key
    for key in absent:
        assert f'data-nav="{key}"' not in body, key
    assert 'aria-current="page" href="/org/units/"' in body  # the current section is marked
