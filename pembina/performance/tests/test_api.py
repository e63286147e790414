"""The performance API: every endpoint × every role (and anonymous) in and out of scope, constant query
counts on the lists, and a whole workflow through the API on the audit trail with source `api`.

Targets are the same three kinds of object everywhere: one in Dinas Kesehatan (staff_a's SKP: her
pejabat penilai is the Kasi, the atasan is the Kabid), one in Dinas Dukcapil, one in another instansi.
The expected tables are written out here, independently of rules/workflow.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import build_city
from pembina.accounts.tests.factories import make_user
from pembina.core.models import AuditEntry
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
from pembina.org.choices import JobType, UnitKind
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit
from pembina.performance import services
from pembina.performance.choices import CoachingKind, GoalLevel, NotificationKind, PlanStatus
from pembina.performance.models import (
    CoachingSession,
    IndicatorTemplate,
    PerformancePlan,
    PlanEvent,
    Realisation,
)
from pembina.performance.services.notifications import Message, notify
from pembina.performance.tests.factories import approve, extra_staff, make_plan, make_year

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "pegawai",
    "penilai",
    "atasan",
    "admin_opd",
    "admin_bkpsdm",
    "pimpinan",
    "auditor",
    "outsider",
]
S, H = SEEN, HIDDEN
THREE = ("in", "out", "foreign")
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    city: object
    year: object
    users: dict
    plans: dict  # target → plan (draft, one RHK with one IKI)
    new_staff: dict  # target → an employee without a plan
    sessions: dict  # target → coaching session
    goals: dict  # target → OPD goal
    ikus: dict  # target → IKU
    opds: dict  # target → OPD unit
    periods: dict  # target → first period of the target's year
    years: dict  # "own" / "foreign"
    templates: dict  # "own" / "shared" / "foreign"
    notes: dict = field(default_factory=dict)  # role → own notification
    stranger_note: object = None

    def user(self, role):
        return None if role == ANONYMOUS else self.users[role]

    def client(self, role):
        return token_client(self.user(role))


def build_world() -> World:
    city = build_city()
    p = city.people
    year = make_year(instansi=city.instansi)
    users = {
        "pegawai": city.users["pegawai"],  # staff_a
        "penilai": make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"]),
        "atasan": city.users["pejabat_penilai"],  # kabid_a1
        "admin_opd": city.users["admin_opd"],
        "admin_bkpsdm": city.users["admin_bkpsdm"],
        "pimpinan": city.users["pimpinan"],
        "auditor": city.users["auditor"],
        "outsider": make_user(username=p["staff_a2"].nip, employee=p["staff_a2"]),
    }
    kasi = approve(make_plan(year=year, employee=p["kasi_a1a"]))
    kabid_b = approve(make_plan(year=year, employee=p["kabid_b1"]))
    plan_in = make_plan(year=year, employee=p["staff_a"], parent=kasi.results.get())
    plan_out = make_plan(year=year, employee=p["staff_b"], parent=kabid_b.results.get())
    staff_a3 = make_employee(
        instansi=city.instansi,
        position=PositionFactory(unit=city.seksi_a1a, name="Staf Imunisasi Baru"),
        name="Staf A Tiga",
    )
    staff_b3 = make_employee(
        instansi=city.instansi,
        position=PositionFactory(unit=city.bidang_b1, name="Staf Dukcapil Baru"),
        name="Staf B Tiga",
    )
    # another instansi with its own year, plan, goal, session and library entry
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain", region_name="Kota Lain")
    f_opd = make_unit(instansi=other, name="Dinas Lain", kind=UnitKind.DINAS, code="LAIN-D", is_opd=True)
    f_head = make_employee(
        instansi=other,
        position=PositionFactory(unit=f_opd, name="Kadis Lain", job_type=JobType.JPT_PRATAMA, is_head=True),
        name="Kadis Lain",
    )
    f_staff = make_employee(
        instansi=other, position=PositionFactory(unit=f_opd, name="Staf Lain"), name="Staf Lain"
    )
    f_staff2 = make_employee(
        instansi=other, position=PositionFactory(unit=f_opd, name="Staf Lain Dua"), name="Staf Lain Dua"
    )
    f_year = make_year(instansi=other)
    plan_foreign = make_plan(year=f_year, employee=f_staff)
    goal_city = services.goal_create(year=year, level=GoalLevel.CITY, statement="Warga sehat", actor=None)
    goals = {
        "in": services.goal_create(
            year=year, level=GoalLevel.OPD, opd=city.dinas_a, parent=goal_city, statement="IDL", actor=None
        ),
        "out": services.goal_create(
            year=year, level=GoalLevel.OPD, opd=city.dinas_b, statement="Adminduk cepat", actor=None
        ),
        "foreign": services.goal_create(
            year=f_year, level=GoalLevel.OPD, opd=f_opd, statement="Sasaran lain", actor=None
        ),
    }
    ikus = {
        k: services.goal_indicator_create(goal=g, name=f"IKU {k}", unit="%", target=90, actor=None)
        for k, g in goals.items()
    }

    def session(employee, coach):
        return services.coaching_session_create(
            employee=employee,
            actor=None,
            coach=coach,
            kind=CoachingKind.COACHING,
            held_on=dt.date(2026, 3, 2),
            topic="Bimbingan",
        )

    sessions = {
        "in": session(p["staff_a"], p["kasi_a1a"]),
        "out": session(p["staff_b"], p["kabid_b1"]),
        "foreign": session(f_staff, f_head),
    }
    tpl_data = {
        "name": "Indikator instansi",
        "sector": "umum",
        "definition": "Definisi",
        "unit": "dokumen",
        "direction": "higher",
        "aspect": "kuantitas",
        "aggregation": "sum",
    }
    templates = {
        "own": services.indicator_template_create(instansi=city.instansi, data=tpl_data, actor=None),
        "shared": IndicatorTemplate.objects.filter(instansi__isnull=True).order_by("pk").first(),
        "foreign": services.indicator_template_create(instansi=other, data=tpl_data, actor=None),
    }
    notes = {
        r: notify([Message(u.pk, NotificationKind.GENERAL, f"Halo {r}", dedupe_key=f"uji-{r}")], email=False)[
            0
        ]
        for r, u in users.items()
    }
    stranger = make_user(username="orang.lain", instansi=city.instansi)
    stranger_note = notify([Message(stranger.pk, NotificationKind.GENERAL, "Bukan untuk Anda")], email=False)[
        0
    ]
    return World(
        city=city,
        year=year,
        users=users,
        plans={"in": plan_in, "out": plan_out, "foreign": plan_foreign},
        new_staff={"in": staff_a3, "out": staff_b3, "foreign": f_staff2},
        sessions=sessions,
        goals=goals,
        ikus=ikus,
        opds={"in": city.dinas_a, "out": city.dinas_b, "foreign": f_opd},
        periods={
            "in": year.periods.get(number=1),
            "out": year.periods.get(number=1),
            "foreign": f_year.periods.get(number=1),
        },
        years={"own": year, "foreign": f_year},
        templates=templates,
        notes=notes,
        stranger_note=stranger_note,
    )


world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    """The shared world, inside this test's own savepoint."""
    return world


def _row(names, values):
    return dict(zip(names, values, strict=True))


def plan_of(w, target, state="draft") -> PerformancePlan:
    """The target's plan, fresh from the database, moved to `state` by the services (system actor)."""
    plan = PerformancePlan.objects.select_related("year").get(pk=w.plans[target].pk)
    if state in ("submitted", "approved", "returned"):
        plan = services.plan_submit(plan=plan, actor=None)
    if state == "approved":
        plan = services.plan_approve(plan=plan, actor=None)
    if state == "returned":
        plan = services.plan_return(plan=plan, actor=None, summary="perbaiki")
    return plan


def result_of(w, target):
    return plan_of(w, target).results.get()


def indicator_of(w, target):
    return result_of(w, target).indicators.get()


def realisation_of(w, target) -> Realisation:
    plan = plan_of(w, target, "approved")
    ind = plan.results.get().indicators.get()
    return services.realisation_record(indicator=ind, period=w.periods[target], value=3, actor=None)


# --- coverage ------------------------------------------------------------------------------------------

COVERED = {
    ("api-performance-year-list", "get"): "test_reads[years]",
    ("api-performance-year-list", "post"): "test_writes[year_create]",
    ("api-performance-year-detail", "get"): "test_reads[years]",
    ("api-performance-year-detail", "patch"): "test_writes[year_patch]",
    ("api-performance-year-transition", "post"): "test_writes[year_transition]",
    ("api-period-list", "get"): "test_reads[periods]",
    ("api-period-detail", "get"): "test_reads[periods]",
    ("api-goal-list", "get"): "test_reads[goals]",
    ("api-goal-list", "post"): "test_writes[goal_create]",
    ("api-goal-detail", "get"): "test_reads[goals]",
    ("api-goal-detail", "patch"): "test_writes[goal_patch]",
    ("api-goal-indicator-list", "get"): "test_reads[goal_indicators]",
    ("api-goal-indicator-list", "post"): "test_writes[iku_create]",
    ("api-goal-indicator-detail", "get"): "test_reads[goal_indicators]",
    ("api-goal-indicator-detail", "patch"): "test_writes[iku_patch]",
    ("api-indicator-template-list", "get"): "test_reads[templates]",
    ("api-indicator-template-list", "post"): "test_writes[template_create]",
    ("api-indicator-template-detail", "get"): "test_reads[templates]",
    ("api-indicator-template-detail", "patch"): "test_writes[template_patch]",
    ("api-plan-list", "get"): "test_reads[plans]",
    ("api-plan-list", "post"): "test_writes[plan_create]",
    ("api-plan-detail", "get"): "test_reads[plans]",
    ("api-plan-detail", "patch"): "test_writes[plan_patch]",
    ("api-plan-submit", "post"): "test_writes[submit]",
    ("api-plan-withdraw", "post"): "test_writes[withdraw]",
    ("api-plan-approve", "post"): "test_writes[approve]",
    ("api-plan-return", "post"): "test_writes[return]",
    ("api-plan-revise", "post"): "test_writes[revise]",
    ("api-plan-comment", "post"): "test_writes[comment]",
    ("api-plan-expectation", "post"): "test_writes[expectation]",
    ("api-plan-versions", "get"): "test_reads[plans]",
    ("api-plan-events", "get"): "test_reads[plans]",
    ("api-result-list", "get"): "test_reads[results]",
    ("api-result-list", "post"): "test_writes[result_create]",
    ("api-result-detail", "get"): "test_reads[results]",
    ("api-result-detail", "patch"): "test_writes[result_patch]",
    ("api-result-detail", "delete"): "test_writes[result_delete]",
    ("api-indicator-list", "get"): "test_reads[indicators]",
    ("api-indicator-list", "post"): "test_writes[indicator_create]",
    ("api-indicator-detail", "get"): "test_reads[indicators]",
    ("api-indicator-detail", "patch"): "test_writes[indicator_patch]",
    ("api-indicator-detail", "delete"): "test_writes[indicator_delete]",
    ("api-realisation-list", "get"): "test_reads[realisations]",
    ("api-realisation-list", "post"): "test_writes[realisation_record]",
    ("api-realisation-detail", "get"): "test_reads[realisations]",
    ("api-realisation-evidence", "post"): "test_writes[evidence]",
    ("api-realisation-feedback", "post"): "test_writes[feedback]",
    ("api-coaching-session-list", "get"): "test_reads[coaching]",
    ("api-coaching-session-list", "post"): "test_writes[coaching_create]",
    ("api-coaching-session-detail", "get"): "test_reads[coaching]",
    ("api-coaching-session-detail", "patch"): "test_writes[coaching_patch]",
    ("api-coaching-session-feedback-form", "post"): "test_writes[coaching_b18]",
    ("api-coaching-session-competency-ratings", "post"): "test_writes[coaching_b19]",
    ("api-notification-list", "get"): "test_reads[notifications]",
    ("api-notification-detail", "get"): "test_reads[notifications]",
    ("api-notification-read", "post"): "test_writes[notification_read]",
    ("api-notification-read-all", "post"): "test_writes[notification_read_all]",
    ("api-cascade", "get"): "test_cascade_access",
    # collaboration, bulk cascade, versions, dialog kinerja, evidence, progress: test_api_planning.py
    ("api-result-link-list", "get"): "test_api_planning::test_reads[result_links]",
    ("api-result-link-list", "post"): "test_api_planning::test_writes[link_create]",
    ("api-result-link-detail", "get"): "test_api_planning::test_reads[result_links]",
    ("api-result-link-detail", "delete"): "test_api_planning::test_writes[link_delete]",
    ("api-result-collaboration-candidates", "get"): "test_api_planning::test_reads[rhk_reads]",
    ("api-result-cascade", "get"): "test_api_planning::test_reads[rhk_reads]",
    ("api-result-cascade", "post"): "test_api_planning::test_writes[cascade]",
    ("api-plan-diff", "get"): "test_api_planning::test_reads[plan_reads]",
    ("api-plan-snapshot", "get"): "test_api_planning::test_reads[plan_reads]",
    ("api-plan-progress", "get"): "test_api_planning::test_reads[plan_reads]",
    ("api-indicator-progress", "get"): "test_api_planning::test_reads[indicator_progress]",
    ("api-plan-comment-list", "get"): "test_api_planning::test_reads[comments]",
    ("api-plan-comment-list", "post"): "test_api_planning::test_writes[comment_create]",
    ("api-plan-comment-detail", "get"): "test_api_planning::test_reads[comments]",
    ("api-plan-comment-resolve", "post"): "test_api_planning::test_writes[comment_resolve]",
    ("api-evidence-list", "get"): "test_api_planning::test_reads[evidence]",
    ("api-evidence-detail", "get"): "test_api_planning::test_reads[evidence]",
    ("api-evidence-detail", "delete"): "test_api_planning::test_writes[evidence_delete]",
    ("api-early-warnings", "get"): "test_api_planning::test_opd_level_reads",
    ("api-plan-progress-list", "get"): "test_api_planning::test_opd_level_reads",
}


def test_every_endpoint_is_in_the_matrix():
    routed = api_operations("pembina.performance.api.urls")
    assert routed - set(COVERED) == set(), "endpoints without a row in the permission matrix"
    assert set(COVERED) - routed == set(), "matrix rows for endpoints that no longer exist"


def test_matrices_name_every_role():
    for table in (PLAN_READ, INSTANSI_READ, OWN_ONLY, CASCADE):
        assert set(table) == set(ROLES), table
    for name, table in WRITE_TABLES.items():
        assert set(table) == set(ROLES), name
        width = len(TARGETS.get(name, THREE))
        assert all(len(row) == width for row in table.values()), name


# --- reads ---------------------------------------------------------------------------------------------

PLAN_READ = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (S, H, H),
    "penilai": (S, H, H),
    "atasan": (S, H, H),
    "admin_opd": (S, H, H),
    "admin_bkpsdm": (S, S, H),
    "pimpinan": (S, S, H),
    "auditor": (S, S, H),
    "outsider": (H, H, H),
}
INSTANSI_READ = {ANONYMOUS: (401, 401, 401), **{r: (S, S, H) for r in ROLES if r != ANONYMOUS}}
OWN_ONLY = {ANONYMOUS: (401, 401), **{r: (S, H) for r in ROLES if r != ANONYMOUS}}


def _reads(w):
    """resource → (list url, detail urls(pk), {target: pk}, expected table, target names)."""
    return {
        "plans": (
            "/api/v1/plans/",
            lambda pk: [
                f"/api/v1/plans/{pk}/",
                f"/api/v1/plans/{pk}/versions/",
                f"/api/v1/plans/{pk}/events/",
            ],
            lambda: {t: w.plans[t].pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "results": (
            "/api/v1/results/",
            lambda pk: [f"/api/v1/results/{pk}/"],
            lambda: {t: result_of(w, t).pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "indicators": (
            "/api/v1/indicators/",
            lambda pk: [f"/api/v1/indicators/{pk}/"],
            lambda: {t: indicator_of(w, t).pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "realisations": (
            "/api/v1/realisations/",
            lambda pk: [f"/api/v1/realisations/{pk}/"],
            lambda: {t: realisation_of(w, t).pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "coaching": (
            "/api/v1/coaching-sessions/",
            lambda pk: [f"/api/v1/coaching-sessions/{pk}/"],
            lambda: {t: w.sessions[t].pk for t in THREE},
            PLAN_READ,
            THREE,
        ),
        "goals": (
            "/api/v1/goals/",
            lambda pk: [f"/api/v1/goals/{pk}/"],
            lambda: {t: w.goals[t].pk for t in THREE},
            INSTANSI_READ,
            THREE,
        ),
        "goal_indicators": (
            "/api/v1/goal-indicators/",
            lambda pk: [f"/api/v1/goal-indicators/{pk}/"],
            lambda: {t: w.ikus[t].pk for t in THREE},
            INSTANSI_READ,
            THREE,
        ),
        "templates": (
            "/api/v1/indicator-templates/",
            lambda pk: [f"/api/v1/indicator-templates/{pk}/"],
            lambda: {k: w.templates[k].pk for k in ("own", "shared", "foreign")},
            INSTANSI_READ,
            ("own", "shared", "foreign"),
        ),
        "years": (
            "/api/v1/performance-years/",
            lambda pk: [f"/api/v1/performance-years/{pk}/"],
            lambda: {"own": w.years["own"].pk, "foreign": w.years["foreign"].pk},
            OWN_ONLY,
            ("own", "foreign"),
        ),
        "periods": (
            "/api/v1/periods/",
            lambda pk: [f"/api/v1/periods/{pk}/"],
            lambda: {"own": w.periods["in"].pk, "foreign": w.periods["foreign"].pk},
            OWN_ONLY,
            ("own", "foreign"),
        ),
        "notifications": (
            "/api/v1/notifications/",
            lambda pk: [f"/api/v1/notifications/{pk}/"],
            None,  # per role: own note and someone else's
            OWN_ONLY,
            ("own", "someone_else"),
        ),
    }


READS = [
    "plans",
    "results",
    "indicators",
    "realisations",
    "coaching",
    "goals",
    "goal_indicators",
    "templates",
    "years",
    "periods",
    "notifications",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", READS)
def test_reads(w, resource, role):
    list_url, details, targets, table, names = _reads(w)[resource]
    if targets is None:
        own = w.notes["pegawai" if role == ANONYMOUS else role]
        targets = {"own": own.pk, "someone_else": w.stranger_note.pk}
    else:
        targets = targets()
    check_visibility(
        w.client(role),
        list_url=list_url,
        detail_urls=details,
        targets=targets,
        expected=_row(names, table[role]),
        label=f"{resource} as {role}",
    )


CASCADE = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (200, 404, 404),  # her own OPD
    "penilai": (200, 404, 404),
    "atasan": (200, 404, 404),
    "admin_opd": (200, 404, 404),
    "admin_bkpsdm": (200, 200, 404),
    "pimpinan": (200, 200, 404),
    "auditor": (200, 200, 404),
    "outsider": (200, 404, 404),  # her own OPD: the tree is there, the plans she may not see are not
}


@pytest.mark.parametrize("role", ROLES)
def test_cascade_access(w, role):
    client = w.client(role)
    got = tuple(
        client.get("/api/v1/cascade/", {"opd": w.opds[t].pk, "year": 2026}).status_code for t in THREE
    )
    assert got == CASCADE[role]


def test_cascade_tree_content_is_scoped(w):
    body = w.client("admin_opd").get("/api/v1/cascade/", {"opd": w.city.dinas_a.pk, "year": 2026}).json()
    assert body["opd"] == w.city.dinas_a.pk and body["year"] == 2026
    kasi_nodes = body["loose_results"]
    assert [n["employee"] for n in kasi_nodes] == ["Citra Kasi"]
    child = kasi_nodes[0]["children"][0]
    assert child["employee"] == "Dedi Staf" and "plan_not_approved" in child["flags"]
    assert body["counts"]["plans"] == 2
    assert {g["statement"] for g in body["city_goals"]} == {"Warga sehat"}
    assert body["city_goals"][0]["children"][0]["statement"] == "IDL"
    # the outsider sees her OPD's goals but none of the plans
    outsider = w.client("outsider").get("/api/v1/cascade/", {"opd": w.city.dinas_a.pk}).json()
    assert outsider["counts"]["plans"] == 0 and outsider["loose_results"] == []


def test_plan_detail_nests_results_behaviours_and_allowed_actions(w):
    body = w.client("pegawai").get(f"/api/v1/plans/{w.plans['in'].pk}/").json()
    assert body["status"] == "draft" and body["employee"]["full_name"] == "Dedi Staf"
    assert body["header"]["rater"]["name"] == "Citra Kasi"
    (rhk,) = body["results"]
    assert rhk["parent_statement"] == "RHK 1 Citra Kasi"
    assert rhk["indicators"][0]["name"] == "IKI 1" and rhk["indicators"][0]["target"] == "12.0000"
    assert [b["code"] for b in body["behaviours"]][:2] == ["berorientasi_pelayanan", "akuntabel"]
    assert len(body["behaviours"][0]["guides"]) == 3
    assert set(body["actions"]) >= {"view", "edit", "submit", "comment"}
    assert "approve" not in body["actions"]
    rater = w.client("penilai").get(f"/api/v1/plans/{w.plans['in'].pk}/").json()
    assert "submit" not in rater["actions"] and "set_expectation" in rater["actions"]


def test_plan_list_filters(w):
    client = w.client("admin_bkpsdm")
    ids = lambda r: {row["id"] for row in r.json()["results"]}  # noqa: E731
    assert ids(client.get("/api/v1/plans/", {"opd": w.city.dinas_b.pk})) >= {w.plans["out"].pk}
    assert w.plans["in"].pk not in ids(client.get("/api/v1/plans/", {"opd": w.city.dinas_b.pk}))
    assert ids(client.get("/api/v1/plans/", {"status": "draft", "year": 2026})) == {
        w.plans["in"].pk,
        w.plans["out"].pk,
    }
    assert ids(client.get("/api/v1/plans/", {"year": 2030})) == set()
    assert ids(w.client("penilai").get("/api/v1/plans/", {"rater": "me"})) == {w.plans["in"].pk}
    bad = client.get("/api/v1/plans/", {"status": "sembarang"})
    assert bad.status_code == 400 and bad.json()["field"] == "status"


# --- writes --------------------------------------------------------------------------------------------


def _plan_action(action, state, body=None):
    def build(w, t):
        plan = plan_of(w, t, state)
        return "post", f"/api/v1/plans/{plan.pk}/{action}/", body or {}

    return build


def _ops():
    """operation → (request builder (w, target) → (method, url, body[, format]), success, out, table).
    In the tables: OK = success status of the operation, numbers as they are."""

    def plan_create(w, t):
        year = w.years["foreign" if t == "foreign" else "own"]
        return "post", "/api/v1/plans/", {"year": year.pk, "employee": w.new_staff[t].pk}

    def plan_patch(w, t):
        return "patch", f"/api/v1/plans/{plan_of(w, t).pk}/", {"consequences": "Sanksi sesuai aturan"}

    def result_create(w, t):
        return "post", "/api/v1/results/", {"plan": plan_of(w, t).pk, "statement": "RHK baru"}

    def result_patch(w, t):
        return "patch", f"/api/v1/results/{result_of(w, t).pk}/", {"statement": "RHK diubah"}

    def result_delete(w, t):
        return "delete", f"/api/v1/results/{result_of(w, t).pk}/", None

    def indicator_create(w, t):
        body = {"result": result_of(w, t).pk, "name": "IKI baru", "target": "5", "unit": "laporan"}
        return "post", "/api/v1/indicators/", body

    def indicator_patch(w, t):
        return "patch", f"/api/v1/indicators/{indicator_of(w, t).pk}/", {"target": "7"}

    def indicator_delete(w, t):
        return "delete", f"/api/v1/indicators/{indicator_of(w, t).pk}/", None

    def realisation_record(w, t):
        ind = plan_of(w, t, "approved").results.get().indicators.get()
        body = {"indicator": ind.pk, "period": w.periods[t].pk, "value": "3", "narrative": "Tercapai"}
        return "post", "/api/v1/realisations/", body

    def evidence(w, t):
        upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
        return (
            "post",
            f"/api/v1/realisations/{realisation_of(w, t).pk}/evidence/",
            {"file": upload},
            "multipart",
        )

    def feedback(w, t):
        return "post", f"/api/v1/realisations/{realisation_of(w, t).pk}/feedback/", {"body": "Bagus"}

    def coaching_create(w, t):
        employee = {"in": w.city.people["staff_a"], "out": w.city.people["staff_b"]}.get(t) or w.sessions[
            "foreign"
        ].employee
        body = {"employee": employee.pk, "kind": "coaching", "held_on": "2026-04-02", "topic": "Laju IKI"}
        return "post", "/api/v1/coaching-sessions/", body

    def coaching_patch(w, t):
        return "patch", f"/api/v1/coaching-sessions/{w.sessions[t].pk}/", {"topic": "Topik baru"}

    def coaching_b18(w, t):
        from pembina.performance.rules.coaching import CRITERIA_CODES

        body = {"answers": dict.fromkeys(CRITERIA_CODES, True), "comment": "Membantu"}
        return "post", f"/api/v1/coaching-sessions/{w.sessions[t].pk}/feedback-form/", body

    def coaching_b19(w, t):
        body = {"rows": [{"competency": "Pelayanan publik", "score": 4, "reason": "Baik"}]}
        return "post", f"/api/v1/coaching-sessions/{w.sessions[t].pk}/competency-ratings/", body

    def notification_read(w, t, role):
        note = w.notes["pegawai" if role == ANONYMOUS else role] if t == "own" else w.stranger_note
        return "post", f"/api/v1/notifications/{note.pk}/read/", {}

    def year_target(w, t):
        return w.years["foreign" if t == "foreign" else "own"]

    def goal_create(w, t):
        body = {"year": w.years["own"].pk, "level": "opd", "opd": w.opds[t].pk, "statement": "Sasaran baru"}
        return "post", "/api/v1/goals/", body

    def iku_create(w, t):
        return "post", "/api/v1/goal-indicators/", {"goal": w.goals[t].pk, "name": "IKU baru", "unit": "%"}

    template_body = {
        "name": "Indikator baru",
        "sector": "umum",
        "definition": "Definisi",
        "unit": "dokumen",
        "direction": "higher",
        "aspect": "kuantitas",
        "aggregation": "sum",
    }
    return {
        "plan_create": plan_create,
        "plan_patch": plan_patch,
        "submit": _plan_action("submit", "draft"),
        "withdraw": _plan_action("withdraw", "submitted"),
        "approve": _plan_action("approve", "submitted"),
        "return": _plan_action("return", "submitted", {"summary": "Perbaiki target"}),
        "revise": _plan_action("revise", "approved", {"reason": "Perubahan jabatan"}),
        "comment": _plan_action("comment", "draft", {"body": "Apakah target realistis?"}),
        "expectation": _plan_action(
            "expectation", "draft", {"value": "akuntabel", "expectation": "Tepat waktu"}
        ),
        "result_create": result_create,
        "result_patch": result_patch,
        "result_delete": result_delete,
        "indicator_create": indicator_create,
        "indicator_patch": indicator_patch,
        "indicator_delete": indicator_delete,
        "realisation_record": realisation_record,
        "evidence": evidence,
        "feedback": feedback,
        "coaching_create": coaching_create,
        "coaching_patch": coaching_patch,
        "coaching_b18": coaching_b18,
        "coaching_b19": coaching_b19,
        "notification_read": notification_read,
        "notification_read_all": lambda w, t: ("post", "/api/v1/notifications/read-all/", {}),
        "year_create": lambda w, t: ("post", "/api/v1/performance-years/", {"year": 2027}),
        "year_patch": lambda w, t: (
            "patch",
            f"/api/v1/performance-years/{year_target(w, t).pk}/",
            {"realisation_grace_days": 5},
        ),
        "year_transition": lambda w, t: (
            "post",
            f"/api/v1/performance-years/{year_target(w, t).pk}/transition/",
            {"state": "evaluating"},
        ),
        "goal_create": goal_create,
        "goal_patch": lambda w, t: (
            "patch",
            f"/api/v1/goals/{w.goals[t].pk}/",
            {"statement": "Sasaran diubah"},
        ),
        "iku_create": iku_create,
        "iku_patch": lambda w, t: ("patch", f"/api/v1/goal-indicators/{w.ikus[t].pk}/", {"unit": "persen"}),
        "template_create": lambda w, t: ("post", "/api/v1/indicator-templates/", template_body),
        "template_patch": lambda w, t: (
            "patch",
            f"/api/v1/indicator-templates/{w.templates[t].pk}/",
            {**template_body, "name": "Diubah"},
        ),
    }


def _table(**rows):
    """A write matrix row per role (the anonymous row is always 401)."""
    return {ANONYMOUS: (401,) * len(next(iter(rows.values()))), **rows}


# Workflow actions: only `who` succeeds on the plan in scope; everyone else who sees it is refused (400);
# the read-all roles see the plan out of scope too (refused); nobody sees the foreign plan (404).
def _only(who: set[str], ok: int):
    table = {}
    for role in ROLES[1:]:
        seen_in = role != "outsider"
        seen_out = role in ("admin_bkpsdm", "pimpinan", "auditor")
        table[role] = (
            ok if role in who else (400 if seen_in else 404),
            (ok if role in who and role == "admin_bkpsdm" else 400) if seen_out else 404,
            404,
        )
    return _table(**table)


# Creating something that references the target in its body: unknown (out of scope) references are 400.
def _create(who_in: set[str], who_out: set[str], ok: int = 201):
    return _table(**{r: (ok if r in who_in else 400, ok if r in who_out else 400, 400) for r in ROLES[1:]})


ADMINS_ONLY = {"pegawai", "penilai", "atasan", "pimpinan", "auditor", "outsider"}


def _admin_table(in_opd: tuple, bkpsdm: tuple):
    """Master data: roles that never write get 403 before anything; Admin OPD and BKPSDM as given."""
    width = len(bkpsdm)
    return _table(**{r: (403,) * width for r in ADMINS_ONLY}, admin_opd=in_opd, admin_bkpsdm=bkpsdm)


EDITORS = {"pegawai", "penilai", "admin_opd", "admin_bkpsdm"}
WRITE_TABLES = {
    "plan_create": _create({"penilai", "admin_opd", "admin_bkpsdm"}, {"admin_bkpsdm"}),
    "plan_patch": _only(EDITORS, 200),
    "submit": _only({"pegawai"}, 200),
    "withdraw": _only({"pegawai"}, 200),
    "approve": _only({"penilai"}, 200),
    "return": _only({"penilai"}, 200),
    "revise": _only({"pegawai", "penilai"}, 200),
    "comment": _only({"pegawai", "penilai"}, 201),
    "expectation": _only({"penilai"}, 200),
    "result_create": _create(EDITORS, {"admin_bkpsdm"}),
    "result_patch": _only(EDITORS, 200),
    "result_delete": _only(EDITORS, 204),
    "indicator_create": _create(EDITORS, {"admin_bkpsdm"}),
    "indicator_patch": _only(EDITORS, 200),
    "indicator_delete": _only(EDITORS, 204),
    "realisation_record": _create({"pegawai", "admin_opd", "admin_bkpsdm"}, {"admin_bkpsdm"}),
    "evidence": _only({"pegawai", "admin_opd", "admin_bkpsdm"}, 201),
    "feedback": _only({"penilai"}, 201),
    "coaching_create": _create({"penilai", "admin_bkpsdm"}, {"admin_bkpsdm"}),
    "coaching_patch": _only({"penilai", "admin_bkpsdm"}, 200),
    "coaching_b18": _only({"pegawai"}, 200),
    "coaching_b19": _only({"penilai", "admin_bkpsdm"}, 200),
    "notification_read": _table(**{r: (200, 404) for r in ROLES[1:]}),
    "notification_read_all": _table(**{r: (200,) for r in ROLES[1:]}),
    "year_create": _admin_table((400,), (201,)),
    "year_patch": _admin_table((400, 404), (200, 404)),
    "year_transition": _admin_table((400, 404), (200, 404)),
    "goal_create": _admin_table((201, 400, 400), (201, 201, 400)),
    "goal_patch": _admin_table((200, 400, 404), (200, 200, 404)),
    "iku_create": _admin_table((201, 400, 400), (201, 201, 400)),
    "iku_patch": _admin_table((200, 400, 404), (200, 200, 404)),
    "template_create": _admin_table((400,), (201,)),
    "template_patch": _admin_table((400, 400, 404), (200, 400, 404)),
}
TARGETS = {
    "notification_read": ("own", "someone_else"),
    "notification_read_all": ("all",),
    "year_create": ("new",),
    "year_patch": ("own", "foreign"),
    "year_transition": ("own", "foreign"),
    "template_create": ("new",),
    "template_patch": ("own", "shared", "foreign"),
}


def write_attempts(client, targets, expected, request) -> dict:
    """{target: (call, expected status)} for `check_writes`; `request(target)` gives (method, url,
    body[, format]). Each call runs in its own savepoint, rolled back: one success must not change
    the next target's state."""
    from django.db import transaction

    attempts = {}
    for target, want in zip(targets, expected, strict=True):

        def call(target=target):
            with transaction.atomic():
                try:
                    method, url, body, *fmt = request(target)
                    if body is None:
                        return getattr(client, method)(url)
                    return getattr(client, method)(url, body, format=fmt[0] if fmt else "json")
                finally:
                    transaction.set_rollback(True)

        attempts[target] = (call, want)
    return attempts


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", list(WRITE_TABLES))
def test_writes(w, operation, role):
    build = _ops()[operation]
    with_role = operation == "notification_read"
    attempts = write_attempts(
        w.client(role),
        TARGETS.get(operation, THREE),
        WRITE_TABLES[operation][role],
        lambda t: build(w, t, role) if with_role else build(w, t),
    )
    check_writes(f"{operation} as {role}", attempts)


def test_refusal_is_an_indonesian_400_and_changes_nothing(w):
    plan = plan_of(w, "in")
    response = w.client("atasan").post(f"/api/v1/plans/{plan.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Anda tidak berwenang mengajukan SKP ini."
    assert PerformancePlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    incomplete = w.client("pegawai").delete(f"/api/v1/indicators/{indicator_of(w, 'in').pk}/")
    assert incomplete.status_code == 204
    refused = w.client("pegawai").post(f"/api/v1/plans/{plan.pk}/submit/", {}, format="json")
    assert refused.status_code == 400 and "belum mempunyai indikator" in refused.json()["detail"]


def test_bad_input_names_the_field(w):
    client = w.client("pegawai")
    plan = plan_of(w, "in")
    response = client.post(
        "/api/v1/results/", {"plan": plan.pk, "statement": "X", "kind": "lain"}, format="json"
    )
    assert response.status_code == 400 and response.json()["field"] == "kind"
    response = client.post(
        "/api/v1/results/", {"plan": plan.pk, "statement": "X", "parent_result": 999999}, format="json"
    )
    assert response.status_code == 400 and response.json()["field"] == "parent_result"


def test_evidence_upload_checks_the_content(w):
    real = realisation_of(w, "in")
    client = w.client("pegawai")
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00" + b"\x00" * 64, content_type="application/pdf")
    response = client.post(f"/api/v1/realisations/{real.pk}/evidence/", {"file": fake}, format="multipart")
    assert response.status_code == 400 and response.json()["field"] == "file"
    assert not real.evidence.exists()
    ok = client.post(
        f"/api/v1/realisations/{real.pk}/evidence/",
        {"file": SimpleUploadedFile("Laporan Q1.pdf", PDF), "description": "Rekap"},
        format="multipart",
    )
    assert ok.status_code == 201 and ok.json()["original_name"] == "Laporan Q1.pdf"
    listed = client.get("/api/v1/realisations/", {"plan": real.indicator.result.plan_id}).json()["results"]
    assert listed[0]["evidence"][0]["description"] == "Rekap"


def test_cascade_parent_is_one_of_the_raters_results(w):
    plan = plan_of(w, "in")
    kasi_rhk = plan.results.get().parent_result
    other = PerformancePlan.objects.get(employee=w.city.people["kabid_b1"]).results.get()
    client = w.client("pegawai")
    ok = client.post(
        "/api/v1/results/",
        {"plan": plan.pk, "statement": "RHK kedua", "parent_result": kasi_rhk.pk},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["parent_statement"] == "RHK 1 Citra Kasi"
    refused = client.post(
        "/api/v1/results/",
        {"plan": plan.pk, "statement": "RHK ketiga", "parent_result": other.pk},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["field"] == "parent_result"


# --- the workflow through the API, audited as source api -----------------------------------------------


def test_workflow_through_the_api_is_audited_with_source_api(w):
    plan = plan_of(w, "in")
    rhk = plan.results.get()
    owner, rater = w.client("pegawai"), w.client("penilai")
    assert (
        owner.post(
            f"/api/v1/plans/{plan.pk}/submit/", {"comment": "Mohon ditinjau"}, format="json"
        ).status_code
        == 200
    )
    returned = rater.post(
        f"/api/v1/plans/{plan.pk}/return/",
        {"summary": "Target terlalu rendah", "comments": [{"result": rhk.pk, "body": "Naikkan targetnya"}]},
        format="json",
    )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    ind = rhk.indicators.get()
    assert owner.patch(f"/api/v1/indicators/{ind.pk}/", {"target": "24"}, format="json").status_code == 200
    assert owner.post(f"/api/v1/plans/{plan.pk}/submit/", {}, format="json").status_code == 200
    approved = rater.post(f"/api/v1/plans/{plan.pk}/approve/", {"comment": "Setuju"}, format="json")
    assert approved.status_code == 200
    body = approved.json()
    assert body["status"] == "approved" and body["approved_version"] == 1
    kinds = list(PlanEvent.objects.filter(plan=plan).order_by("id").values_list("kind", flat=True))
    assert kinds[-4:] == ["submitted", "returned", "submitted", "approved"]
    entries = AuditEntry.objects.filter(
        object_type="performance.performanceplan", object_id=str(plan.pk)
    ).order_by("id")
    api_entries = [e for e in entries if e.source == "api"]
    assert [e.after.get("status") for e in api_entries if "status" in (e.after or {})] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]
    actors = {e.after.get("status"): e.actor_id for e in api_entries if "status" in (e.after or {})}
    assert actors["approved"] == w.users["penilai"].pk and actors["submitted"] == w.users["pegawai"].pk
    notes = AuditEntry.objects.filter(object_type="performance.plancomment", source="api", action="create")
    assert {n.after["body"] for n in notes} == {"Naikkan targetnya", "Target terlalu rendah"}
    resolved = AuditEntry.objects.filter(object_type="performance.plancomment", source="api", action="update")
    assert resolved.count() == 2  # the return notes are resolved by the approval
    target = AuditEntry.objects.filter(
        object_type="performance.indicator", object_id=str(ind.pk), source="api"
    ).get()
    assert set(target.after) == {"target"} and Decimal(target.after["target"]) == 24
    assert target.actor_id == w.users["pegawai"].pk
    # realisation, feedback and versions through the API as well
    q1 = w.periods["in"]
    rec = owner.post(
        "/api/v1/realisations/", {"indicator": ind.pk, "period": q1.pk, "value": "6"}, format="json"
    )
    assert rec.status_code == 201
    again = owner.post(
        "/api/v1/realisations/",
        {"indicator": ind.pk, "period": q1.pk, "value": "7", "narrative": "Koreksi"},
        format="json",
    )
    assert again.status_code == 200 and again.json()["value"] == "7.0000"
    fb = rater.post(f"/api/v1/realisations/{rec.json()['id']}/feedback/", {"body": "Bagus"}, format="json")
    assert fb.status_code == 201
    assert AuditEntry.objects.filter(object_type="performance.realisationfeedback", source="api").exists()
    versions = owner.get(f"/api/v1/plans/{plan.pk}/versions/").json()
    assert [v["number"] for v in versions] == [1]


# --- constant query counts -----------------------------------------------------------------------------


LISTS = [
    "/api/v1/plans/",
    "/api/v1/results/",
    "/api/v1/indicators/",
    "/api/v1/realisations/",
    "/api/v1/coaching-sessions/",
    "/api/v1/goals/",
    "/api/v1/goal-indicators/",
    "/api/v1/indicator-templates/",
    "/api/v1/notifications/",
]


def _grow(w, n: int):
    """`n` more approved plans in Dinas Kesehatan with realisations, coaching, goals and notifications."""
    kasi_rhk = PerformancePlan.objects.get(employee=w.city.people["kasi_a1a"]).results.get()
    admin = w.users["admin_bkpsdm"]
    for e in extra_staff(w.city, n):
        plan = approve(make_plan(year=w.year, employee=e, parent=kasi_rhk, results=2))
        for r in plan.results.all():
            ind = r.indicators.get()
            services.realisation_record(indicator=ind, period=w.periods["in"], value=2, actor=None)
        CoachingSession.objects.create(
            employee=e,
            coach=w.city.people["kasi_a1a"],
            coach_name="Kasi",
            kind="coaching",
            held_on=dt.date(2026, 4, 1),
            topic="t",
            plan=plan,
        )
        goal = services.goal_create(
            year=w.year, level=GoalLevel.OPD, opd=w.city.dinas_a, statement=f"Sasaran {e.pk}", actor=None
        )
        services.goal_indicator_create(goal=goal, name="IKU", unit="%", actor=None)
        notify([Message(admin.pk, NotificationKind.GENERAL, f"n{e.pk}")], email=False)


def test_list_queries_do_not_grow_with_rows(w):
    client = w.client("admin_bkpsdm")
    realisation_of(w, "in")

    def counts():
        out = {}
        for url in LISTS:
            n, response = count_queries(lambda url=url: client.get(url, {"page_size": 500}))
            assert response.status_code == 200, url
            out[url] = n
        n, _r = count_queries(lambda: client.get(f"/api/v1/plans/{w.plans['in'].pk}/"))
        out["plan detail"] = n
        n, _r = count_queries(lambda: client.get("/api/v1/cascade/", {"opd": w.city.dinas_a.pk}))
        out["cascade"] = n
        return out

    small = counts()
    _grow(w, 6)
    large = counts()
    assert small == large
