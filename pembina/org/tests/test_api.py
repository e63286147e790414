"""The API permission matrix: every endpoint × every role (and anonymous), in and out of scope.

Targets are the same three kinds of object everywhere: one in Dinas A (the Admin OPD's unit and the
pejabat penilai's subtree), one in Dinas B, and one in another instansi (out of scope for all).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count

import pytest

from conftest import ROLE_KEYS, build_city
from pembina.core.models import AuditEntry, Job
from pembina.core.testing.api import (
    ANONYMOUS,
    HIDDEN,
    SEEN,
    api_operations,
    check_visibility,
    check_writes,
    count_queries,
    module_db_fixture,
    token_client,
)
from pembina.org.choices import JobType
from pembina.org.models import Employee, Position, Unit
from pembina.org.rules.nip import parse as parse_nip

ROLES = [ANONYMOUS, *ROLE_KEYS]
S, H = SEEN, HIDDEN
_codes = count(1)


@dataclass
class World:
    city: object
    foreign_unit: Unit
    foreign_position: Position
    foreign_employee: Employee
    jobs: dict  # role key (and "stranger") → Job

    def user(self, role):
        return None if role == ANONYMOUS else self.city.users[role]

    def client(self, role, **headers):
        return token_client(self.user(role), **headers)


def build_world() -> World:
    from pembina.accounts.tests.factories import make_user
    from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit

    city = build_city()
    other = InstansiFactory(code="LAIN", name="Pemerintah Kabupaten Lain", region_name="Kabupaten Lain")
    f_unit = make_unit(instansi=other, name="Dinas Kabupaten Lain", code="LAIN-DINAS", is_opd=True)
    f_pos = PositionFactory(unit=f_unit, name="Staf Kabupaten Lain")
    f_emp = make_employee(instansi=other, position=f_pos, name="Orang Kabupaten Lain")
    stranger = make_user(username="pengguna.lain", instansi=city.instansi)
    jobs = {
        key: Job.objects.create(handler="pembina.noop", title=f"Tugas {key}", created_by=u)
        for key, u in city.users.items()
    }
    jobs["stranger"] = Job.objects.create(
        handler="pembina.noop", title="Tugas orang lain", created_by=stranger
    )
    return World(city, f_unit, f_pos, f_emp, jobs)


world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    """The shared world, inside this test's own savepoint."""
    return world


def test_matrix_covers_every_role_key():
    # The matrices below are keyed by these; a new role in conftest must get a row everywhere.
    for table in (EMPLOYEES, UNITS_AND_POSITIONS, JOBS, AUDIT, ME_ROLES, WRITES):
        assert set(table) == set(ROLES), table


# Every routed (url name, method) and the test that covers it in the matrix.
COVERED = {
    ("api-employee-list", "get"): "test_employees_visibility",
    ("api-employee-list", "post"): "test_writes[create_employee]",
    ("api-employee-detail", "get"): "test_employees_visibility",
    ("api-employee-detail", "patch"): "test_writes[patch_employee]",
    ("api-employee-assign", "post"): "test_writes[assign]",
    ("api-employee-assignments", "get"): "test_employees_visibility",
    ("api-employee-superiors", "get"): "test_employees_visibility",
    ("api-unit-list", "get"): "test_units_visibility",
    ("api-unit-list", "post"): "test_writes[create_unit]",
    ("api-unit-detail", "get"): "test_units_visibility",
    ("api-unit-detail", "patch"): "test_writes[patch_unit]",
    ("api-position-list", "get"): "test_positions_visibility",
    ("api-position-list", "post"): "test_writes[create_position]",
    ("api-position-detail", "get"): "test_positions_visibility",
    ("api-position-detail", "patch"): "test_writes[patch_position]",
    ("api-job-list", "get"): "test_jobs_visibility",
    ("api-job-detail", "get"): "test_jobs_visibility",
    ("api-audit-entry-list", "get"): "test_audit_entries_visibility",
    ("api-audit-entry-detail", "get"): "test_audit_entries_visibility",
    ("api-me", "get"): "test_me",
}


def test_every_endpoint_is_in_the_matrix():
    # Each app's API matrix proves coverage of its own urlconf; this one holds org's and core's.
    routed = api_operations("pembina.org.api.urls") | api_operations("pembina.core.api.urls")
    assert routed - set(COVERED) == set(), "endpoints without a row in the permission matrix"
    assert set(COVERED) - routed == set(), "matrix rows for endpoints that no longer exist"


# --- reads --------------------------------------------------------------------------------------

# role → (object in Dinas A, object in Dinas B, object in another instansi)
EMPLOYEES = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (S, H, H),  # only self (staff_a)
    "pejabat_penilai": (S, H, H),  # the subtree of the bidang they lead
    "admin_opd": (S, H, H),  # Dinas A only
    "admin_bkpsdm": (S, S, H),
    "pimpinan": (S, S, H),
    "auditor": (S, S, H),
}
# The org chart (units, positions) is shared knowledge within the instansi.
UNITS_AND_POSITIONS = {
    ANONYMOUS: (401, 401, 401),
    **{role: (S, S, H) for role in ROLE_KEYS},
}
# role → (own job, someone else's job)
JOBS = {
    ANONYMOUS: (401, 401),
    "pegawai": (S, H),
    "pejabat_penilai": (S, H),
    "admin_opd": (S, H),
    "admin_bkpsdm": (S, S),
    "pimpinan": (S, H),
    "auditor": (S, S),
}
# role → (entry about Dinas A, entry about the other instansi): auditors only, all of it.
AUDIT = {
    ANONYMOUS: (401, 401),
    "pegawai": (403, 403),
    "pejabat_penilai": (403, 403),
    "admin_opd": (403, 403),
    "admin_bkpsdm": (403, 403),
    "pimpinan": (403, 403),
    "auditor": (S, S),
}


def _row(names, values):
    return dict(zip(names, values, strict=True))


THREE = ("dinas_a", "dinas_b", "other_instansi")


@pytest.mark.parametrize("role", ROLES)
def test_employees_visibility(w, role):
    c = w.city
    targets = {"dinas_a": c.people["staff_a"].pk, "dinas_b": c.people["staff_b"].pk}
    targets["other_instansi"] = w.foreign_employee.pk
    check_visibility(
        w.client(role),
        list_url="/api/v1/employees/",
        detail_urls=lambda pk: [
            f"/api/v1/employees/{pk}/",
            f"/api/v1/employees/{pk}/assignments/",
            f"/api/v1/employees/{pk}/superiors/",
        ],
        targets=targets,
        expected=_row(THREE, EMPLOYEES[role]),
        label=f"employees as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_units_visibility(w, role):
    targets = {
        "dinas_a": w.city.seksi_a1a.pk,
        "dinas_b": w.city.bidang_b1.pk,
        "other_instansi": w.foreign_unit.pk,
    }
    check_visibility(
        w.client(role),
        list_url="/api/v1/units/",
        detail_urls=lambda pk: [f"/api/v1/units/{pk}/"],
        targets=targets,
        expected=_row(THREE, UNITS_AND_POSITIONS[role]),
        label=f"units as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_positions_visibility(w, role):
    pos = w.city.positions
    targets = {
        "dinas_a": pos["epid_a"].pk,
        "dinas_b": pos["staff_b"].pk,
        "other_instansi": w.foreign_position.pk,
    }
    check_visibility(
        w.client(role),
        list_url="/api/v1/positions/",
        detail_urls=lambda pk: [f"/api/v1/positions/{pk}/"],
        targets=targets,
        expected=_row(THREE, UNITS_AND_POSITIONS[role]),
        label=f"positions as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_jobs_visibility(w, role):
    own = w.jobs["pegawai" if role == ANONYMOUS else role]
    check_visibility(
        w.client(role),
        list_url="/api/v1/jobs/",
        detail_urls=lambda pk: [f"/api/v1/jobs/{pk}/"],
        targets={"own": own.pk, "someone_else": w.jobs["stranger"].pk},
        expected=_row(("own", "someone_else"), JOBS[role]),
        label=f"jobs as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_audit_entries_visibility(w, role):
    def first_entry(obj):
        return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).first()

    targets = {
        "dinas_a": first_entry(w.city.people["staff_a"]).pk,
        "other_instansi": first_entry(w.foreign_employee).pk,
    }
    check_visibility(
        w.client(role),
        list_url="/api/v1/audit-entries/",
        detail_urls=lambda pk: [f"/api/v1/audit-entries/{pk}/"],
        targets=targets,
        expected=_row(("dinas_a", "other_instansi"), AUDIT[role]),
        label=f"audit entries as {role}",
    )


ME_ROLES = {
    ANONYMOUS: None,
    "pegawai": ["pegawai"],
    "pejabat_penilai": ["pegawai", "pejabat_penilai"],
    "admin_opd": ["admin_opd"],
    "admin_bkpsdm": ["admin_bkpsdm"],
    "pimpinan": ["pimpinan"],
    "auditor": ["auditor"],
}


@pytest.mark.parametrize("role", ROLES)
def test_me(w, role):
    response = w.client(role).get("/api/v1/me/")
    if role == ANONYMOUS:
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        return
    user = w.user(role)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == user.username
    assert body["roles"] == ME_ROLES[role]
    assert body["employee"] == user.employee_id
    assert body["instansi"] == w.city.instansi.pk
    assert "password" not in body and "token" not in str(body).lower()


# --- writes -------------------------------------------------------------------------------------

OK, OUT = "ok", "out"
# role → outcome for (target in Dinas A, in Dinas B, in another instansi). OK/OUT mean per operation:
# PATCH 200/404 and assign 201/404 (the object itself is out of scope); create 201/400 (the unit or
# position referenced in the body is out of scope: bad input, named in the message).
WRITES = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (403, 403, 403),
    "pejabat_penilai": (403, 403, 403),
    "admin_opd": (OK, OUT, OUT),
    "admin_bkpsdm": (OK, OK, OUT),
    "pimpinan": (403, 403, 403),
    "auditor": (403, 403, 403),
}


def _code(prefix):
    return f"{prefix}-{next(_codes):05d}"


def _new_employee_body(position_pk):
    from pembina.org.tests.factories import next_nip

    nip = next_nip()
    return {
        "nip": nip,
        "name": "Pegawai Baru API",
        "gender": "L",
        "birth_date": parse_nip(nip).birth_date.isoformat(),
        "asn_status": "pns",
        "rank": "III/a",
        "position": position_pk,
        "start_date": "2025-01-02",
    }


def _operations(w):
    """operation → (success status, out-of-scope status, {target: request builder})."""
    c, pos = w.city, w.city.positions
    emps = {
        "dinas_a": c.people["staff_a"],
        "dinas_b": c.people["staff_b"],
        "other_instansi": w.foreign_employee,
    }
    units = {"dinas_a": c.seksi_a1a, "dinas_b": c.bidang_b1, "other_instansi": w.foreign_unit}
    positions = {"dinas_a": pos["epid_a"], "dinas_b": pos["staff_b"], "other_instansi": w.foreign_position}
    # A definitive move needs a position of the same instansi; each employee gets one in its own OPD.
    move_to = {"dinas_a": pos["epid_a"], "dinas_b": pos["staff_b"], "other_instansi": w.foreign_position}
    return {
        "patch_employee": (
            200,
            404,
            {k: ("patch", f"/api/v1/employees/{e.pk}/", {"phone": "0561-777"}) for k, e in emps.items()},
        ),
        "patch_unit": (
            200,
            404,
            {k: ("patch", f"/api/v1/units/{u.pk}/", {"short_name": "Ubah"}) for k, u in units.items()},
        ),
        "patch_position": (
            200,
            404,
            {k: ("patch", f"/api/v1/positions/{p.pk}/", {"job_class": 7}) for k, p in positions.items()},
        ),
        "create_unit": (
            201,
            400,
            {
                k: (
                    "post",
                    "/api/v1/units/",
                    {"parent": u.pk, "code": _code("API"), "name": "Subbag Baru", "kind": "subbagian"},
                )
                for k, u in units.items()
            },
        ),
        "create_position": (
            201,
            400,
            {
                k: (
                    "post",
                    "/api/v1/positions/",
                    {"unit": u.pk, "code": _code("JAPI"), "name": "Analis", "job_type": JobType.PELAKSANA},
                )
                for k, u in units.items()
            },
        ),
        "create_employee": (
            201,
            400,
            {k: ("post", "/api/v1/employees/", _new_employee_body(p.pk)) for k, p in positions.items()},
        ),
        "assign": (
            201,
            404,
            {
                k: (
                    "post",
                    f"/api/v1/employees/{e.pk}/assign/",
                    {"position": move_to[k].pk, "start_date": "2025-03-01"},
                )
                for k, e in emps.items()
            },
        ),
    }


OPERATIONS = [
    "patch_employee",
    "patch_unit",
    "patch_position",
    "create_unit",
    "create_position",
    "create_employee",
    "assign",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_writes(w, operation, role):
    success, outside, requests = _operations(w)[operation]
    client = w.client(role)
    attempts = {}
    for target, outcome in zip(THREE, WRITES[role], strict=True):
        want = {OK: success, OUT: outside}.get(outcome, outcome)
        method, url, body = requests[target]
        attempts[target] = (lambda m=method, u=url, b=body: getattr(client, m)(u, b, format="json"), want)
    check_writes(f"{operation} as {role}", attempts)


def test_put_and_delete_are_not_offered(w):
    client = w.client("admin_bkpsdm")
    emp = w.city.people["staff_a"]
    assert client.put(f"/api/v1/employees/{emp.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/employees/{emp.pk}/").status_code == 405
    assert Employee.objects.filter(pk=emp.pk).exists()


def test_write_outside_scope_changes_nothing(w):
    staff_b = w.city.people["staff_b"]
    response = w.client("admin_opd").patch(f"/api/v1/employees/{staff_b.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 404
    staff_b.refresh_from_db()
    assert staff_b.phone != "1"


def test_admin_opd_create_under_other_opd_names_the_rule(w):
    response = w.client("admin_opd").post(
        "/api/v1/units/",
        {"parent": w.city.bidang_b1.pk, "code": _code("X"), "name": "Seksi Liar", "kind": "seksi"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Anda tidak berwenang mengubah data pada unit ini."
    assert not Unit.objects.filter(name="Seksi Liar").exists()


def test_created_and_updated_values_are_returned_and_stored(w):
    client = w.client("admin_opd")
    body = _new_employee_body(w.city.positions["epid_a"].pk)
    response = client.post("/api/v1/employees/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["nip"] == body["nip"]
    assert data["current_position"]["id"] == w.city.positions["epid_a"].pk
    assert data["current_opd"]["id"] == w.city.dinas_a.pk
    emp = Employee.objects.get(nip=body["nip"])
    assert emp.current_unit_id == w.city.seksi_a1a.pk

    response = client.patch(f"/api/v1/employees/{emp.pk}/", {"phone": "0812-1"}, format="json")
    assert response.status_code == 200 and response.json()["phone"] == "0812-1"
    emp.refresh_from_db()
    assert emp.phone == "0812-1"


def test_nip_cannot_be_changed(w):
    emp = w.city.people["staff_a"]
    response = w.client("admin_bkpsdm").patch(
        f"/api/v1/employees/{emp.pk}/", {"nip": "1" * 18}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "nip"
    assert Employee.objects.get(pk=emp.pk).nip == emp.nip


# --- employee sub-resources and filters ---------------------------------------------------------


def test_assign_then_history_and_current_placement(w):
    c = w.city
    emp = c.people["staff_a"]
    client = w.client("admin_opd")
    response = client.post(
        f"/api/v1/employees/{emp.pk}/assign/",
        {"position": c.positions["epid_a"].pk, "start_date": "2025-03-01", "decree_number": "SK-1/2025"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["position"]["id"] == c.positions["epid_a"].pk
    history = client.get(f"/api/v1/employees/{emp.pk}/assignments/").json()
    assert [h["start_date"] for h in history] == ["2025-03-01", "2020-01-01"]
    assert history[1]["end_date"] == "2025-02-28"
    detail = client.get(f"/api/v1/employees/{emp.pk}/").json()
    assert detail["current_position"]["id"] == c.positions["epid_a"].pk


def test_superiors_as_of_a_date(w):
    c = w.city
    client = w.client("pejabat_penilai")
    response = client.get(f"/api/v1/employees/{c.people['staff_a'].pk}/superiors/", {"on": "2024-06-30"})
    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2024-06-30"
    assert body["superior"]["id"] == c.people["kasi_a1a"].pk
    assert body["superior"]["position_name"] == "Kepala Seksi Imunisasi"
    assert body["superior_of_superior"]["id"] == c.people["kabid_a1"].pk
    assert body["via_override"] is False
    # Before anyone held a position there is no chain (the regional head rates).
    early = client.get(f"/api/v1/employees/{c.people['staff_a'].pk}/superiors/", {"on": "2019-01-01"}).json()
    assert early["superior"] is None
    bad = client.get(f"/api/v1/employees/{c.people['staff_a'].pk}/superiors/", {"on": "30-06-2024"})
    assert bad.status_code == 400
    assert bad.json()["field"] == "on"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "Dedi"}, {"staff_a"}),
        ({"opd": "dinas_b"}, {"kadis_b", "kabid_b1", "staff_b"}),
        ({"unit": "bidang_a1"}, {"kabid_a1", "kasi_a1a", "staff_a", "staff_a2"}),
        ({"rank": "IV/b"}, {"kadis_a", "kadis_b"}),
        ({"job_type": JobType.FUNGSIONAL}, {"staff_a2"}),
        ({"asn_status": "pns", "opd": "dinas_b", "q": "Hadi"}, {"staff_b"}),
        ({"state": "pensiun"}, set()),
    ],
)
def test_employee_filters(w, params, expected):
    c = w.city
    units = {"dinas_b": c.dinas_b.pk, "bidang_a1": c.bidang_a1.pk}
    query = {k: units.get(v, v) if k in ("opd", "unit") else v for k, v in params.items()}
    response = w.client("admin_bkpsdm").get("/api/v1/employees/", {**query, "page_size": 500})
    assert response.status_code == 200
    names = {r["id"] for r in response.json()["results"]}
    assert names == {c.people[k].pk for k in expected}


def test_filters_stay_inside_scope(w):
    # Filtering by another OPD never widens what an Admin OPD sees.
    response = w.client("admin_opd").get("/api/v1/employees/", {"opd": w.city.dinas_b.pk})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_bad_filter_is_400_naming_the_parameter(w):
    response = w.client("admin_bkpsdm").get("/api/v1/employees/", {"opd": "abc"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "opd"
    assert body["detail"].startswith("OPD:")


# --- query counts -------------------------------------------------------------------------------


def _bulk_employees(c, n):
    from pembina.org.tests.factories import next_nip

    rows = []
    for i in range(n):
        nip = next_nip()
        rows.append(
            Employee(
                instansi=c.instansi,
                nip=nip,
                name=f"Pegawai Massal {i:04d}",
                gender="L",
                birth_date=parse_nip(nip).birth_date,
                asn_status="pns",
                rank="II/a",
                current_position=c.positions["staff_a"],
                current_unit=c.seksi_a1a,
                current_opd=c.dinas_a,
                current_unit_path=c.seksi_a1a.path,
            )
        )
    Employee.objects.bulk_create(rows, batch_size=500)


def _bulk_units(c, n):
    units = Unit.objects.bulk_create(
        [
            Unit(
                instansi=c.instansi,
                parent=c.seksi_a1a,
                opd=c.dinas_a,
                code=f"BULK{i:04d}",
                name=f"Pos {i}",
                kind="seksi",
            )
            for i in range(n)
        ],
        batch_size=500,
    )
    for u in units:
        u.path = c.seksi_a1a.path + Unit.path_segment(u.pk)
        u.depth = u.path.count("/") - 1
    Unit.objects.bulk_update(units, ["path", "depth"], batch_size=500)


def _bulk_positions(c, n):
    Position.objects.bulk_create(
        [
            Position(
                instansi=c.instansi,
                unit=c.seksi_a1a,
                code=f"BJ{i:04d}",
                name=f"Jabatan {i}",
                job_type="pelaksana",
            )
            for i in range(n)
        ],
        batch_size=500,
    )


def _bulk_jobs(c, n):
    user = c.users["admin_bkpsdm"]
    Job.objects.bulk_create(
        [Job(handler="pembina.noop", title=f"Tugas {i}", created_by=user) for i in range(n)]
    )


@pytest.mark.parametrize(
    ("url", "role", "grow"),
    [
        ("/api/v1/employees/", "admin_bkpsdm", _bulk_employees),
        ("/api/v1/employees/", "pejabat_penilai", _bulk_employees),
        ("/api/v1/employees/", "admin_opd", _bulk_employees),
        ("/api/v1/units/", "admin_opd", _bulk_units),
        ("/api/v1/positions/", "pegawai", _bulk_positions),
        ("/api/v1/jobs/", "admin_bkpsdm", _bulk_jobs),
        ("/api/v1/audit-entries/", "auditor", _bulk_employees),
    ],
)
def test_list_query_count_is_constant(w, url, role, grow):
    client = w.client(role)
    params = {"page_size": 500}
    client.get(url, params)  # warm up: token row, content types
    small, response = count_queries(lambda: client.get(url, params))
    assert response.status_code == 200
    n_small = response.json()["count"]
    grow(w.city, 1000)
    large, response = count_queries(lambda: client.get(url, params))
    assert response.json()["count"] >= n_small + 1000  # the new rows are visible, and listed
    assert len(response.json()["results"]) == 500
    assert large == small, f"{url} as {role}: {small} queries at {n_small} rows, {large} at +1000"


def test_date_fields_round_trip(w):
    emp = w.city.people["staff_a"]
    response = w.client("admin_bkpsdm").patch(
        f"/api/v1/employees/{emp.pk}/", {"rank_since": "2023-04-01"}, format="json"
    )
    assert response.status_code == 200
    assert Employee.objects.get(pk=emp.pk).rank_since == dt.date(2023, 4, 1)
