"""The learning API: every endpoint × every role (and anonymous), for an object of the roles' own OPD
(Dinas Kesehatan: staff_a's), of the other OPD (Dukcapil: staff_b's) and of another instansi — reads
(seen / hidden = 404) and writes (allowed / 400 refused by the rule / 403 role / 404 out of scope);
constant query counts on the lists; the OpenAPI schema.

The world is built once per module through the domain services (actor=None: trusted system code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import build_city
from pembina.accounts.tests.factories import make_user
from pembina.core.testing.api import (
    ANONYMOUS,
    HIDDEN,
    SEEN,
    api_operations,
    check_visibility,
    count_queries,
    module_db_fixture,
    token_client,
)
from pembina.learning import services
from pembina.learning.choices import RecordStatus
from pembina.learning.models import Certificate, Competency, DevelopmentRecord
from pembina.learning.services.jp import jp_summary_refresh
from pembina.learning.services.seed import seed_competency_dictionary, seed_scenario_bank
from pembina.learning.tests.conftest import make_event
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit

BASE = "/api/v1/learning"
S, H = SEEN, HIDDEN
THREE = ("dinkes", "dukcapil", "other_instansi")
ROLES = [
    ANONYMOUS,
    "pegawai",
    "atasan",
    "pejabat_penilai",
    "admin_opd",
    "admin_bkpsdm",
    "pimpinan",
    "auditor",
]
TODAY = timezone.localdate()
YEAR = TODAY.year


@dataclass
class Side:
    """One employee's learning objects."""

    employee: object
    user: object
    need: object
    plan: object
    activity: object
    record: object
    summary: object
    assessment: object
    enrolment: object  # requested, in an upcoming event
    done: object  # completed, with a certificate
    certificate: object
    attempt: object


@dataclass
class World:
    city: object
    users: dict
    sides: dict  # "dinkes" | "dukcapil" | "other_instansi" → Side
    programme: object
    event: object  # upcoming, open
    past_event: object
    foreign_programme: object
    foreign_event: object
    scenario: object
    draft_scenario: object
    foreign_competency: object
    competency: object


def _programme(instansi, code):
    return services.programme_create(
        instansi=instansi,
        code=code,
        data={
            "title": "Pelatihan Pelayanan Prima",
            "category": "technical",
            "kind": "training",
            "jp": Decimal("24"),
            "passing_score": Decimal("70"),
            "organiser": "BKPSDM",
        },
        competencies={"pelayanan-publik": 2},
        actor=None,
    )


def _side(employee, user, *, event, past_event, scenario) -> Side:
    need = services.development_need_open(
        employee=employee,
        source_kind="manual",
        source_ref="uji",
        reason="Perlu pelatihan pelayanan",
        actor=None,
    )
    plan = services.plan_create(employee=employee, year=YEAR, actor=None)
    activity = services.plan_activity_add(
        plan=plan,
        data={"kind": "self_study", "title": "Belajar mandiri SP4N", "planned_jp": Decimal("4")},
        actor=None,
    )
    record = DevelopmentRecord.objects.create(
        employee=employee,
        kind="seminar",
        title="Seminar pelayanan publik",
        start_date=TODAY - dt.timedelta(days=20),
        end_date=TODAY - dt.timedelta(days=20),
        jp=Decimal("3"),
        status=RecordStatus.PENDING,
        source="import",
        source_ref=f"uji-{employee.pk}",
    )
    assessment = services.competency_assessment_record(
        employee=employee, competency="pelayanan-publik", level=2, source="assessment_centre", actor=None
    )
    enrolment = services.enrolment_request(event=event, employee=employee, actor=None)
    done = services.enrolment_request(event=past_event, employee=employee, actor=None)
    done = services.enrolment_superior_decide(enrolment=done, approve=True, actor=None)
    done = services.enrolment_bkpsdm_decide(enrolment=done, approve=True, actor=None)
    done = services.enrolment_attendance_record(enrolment=done, percent=100, actor=None)
    done = services.enrolment_scores_record(
        enrolment=done, pre_test=Decimal("50"), post_test=Decimal("90"), actor=None
    )
    done = services.enrolment_complete(enrolment=done, completed_on=TODAY, actor=None)
    certificate = Certificate.objects.get(enrolment=done)
    attempt = services.simulation_attempt_start(scenario=scenario, actor=user)
    jp_summary_refresh(instansi_id=employee.instansi_id, year=YEAR)
    from pembina.learning.models import JpSummary

    summary = JpSummary.objects.get(employee=employee, year=YEAR)
    return Side(
        employee,
        user,
        need,
        plan,
        activity,
        record,
        summary,
        assessment,
        enrolment,
        done,
        certificate,
        attempt,
    )


def build_world() -> World:
    city = build_city()
    seed_competency_dictionary()
    scenarios = seed_scenario_bank()
    scenario = scenarios[0]
    draft = services.scenario_create(
        code="uji-draf",
        data={
            "title": "Skenario draf",
            "service_context": "Uji",
            "channel": "counter",
            "difficulty": "basic",
        },
        actor=None,
    )
    users = dict(city.users)
    users["atasan"] = make_user(username=city.people["kasi_a1a"].nip, employee=city.people["kasi_a1a"])
    users["luar"] = make_user(username=city.people["staff_b"].nip, employee=city.people["staff_b"])
    programme = _programme(city.instansi, "pelayanan-prima")
    event = make_event(programme, start=TODAY + dt.timedelta(days=7), quota=10)
    past_event = make_event(
        programme, start=TODAY - dt.timedelta(days=3), end=TODAY - dt.timedelta(days=1), quota=10
    )
    past_event.enrolment_deadline = TODAY
    past_event.save()
    # another instansi with one employee of its own
    other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain")
    unit = make_unit(instansi=other, name="Dinas Lain", code="LAIN-DINAS", is_opd=True)
    stranger = make_employee(instansi=other, position=PositionFactory(unit=unit), name="Orang Lain")
    stranger_user = make_user(username=stranger.nip, employee=stranger)
    foreign_programme = _programme(other, "pelayanan-prima")
    foreign_event = make_event(foreign_programme, start=TODAY + dt.timedelta(days=7), quota=10)
    foreign_past = make_event(
        foreign_programme, start=TODAY - dt.timedelta(days=3), end=TODAY - dt.timedelta(days=1), quota=10
    )
    foreign_past.enrolment_deadline = TODAY
    foreign_past.save()
    foreign_competency = services.competency_create(
        instansi=other, code="teknis-lain", name="Kompetensi teknis kota lain", kind="technical", actor=None
    )
    for u in (*users.values(), stranger_user):
        u.refresh_from_db()
    sides = {
        "dinkes": _side(
            city.people["staff_a"], users["pegawai"], event=event, past_event=past_event, scenario=scenario
        ),
        "dukcapil": _side(
            city.people["staff_b"], users["luar"], event=event, past_event=past_event, scenario=scenario
        ),
        "other_instansi": _side(
            stranger, stranger_user, event=foreign_event, past_event=foreign_past, scenario=scenario
        ),
    }
    competency = Competency.objects.get(code="pelayanan-publik")
    return World(
        city,
        users,
        sides,
        programme,
        event,
        past_event,
        foreign_programme,
        foreign_event,
        scenario,
        draft,
        foreign_competency,
        competency,
    )


world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    return world


def client_for(w, role):
    return token_client(None if role == ANONYMOUS else w.users[role])


def _row(values):
    return dict(zip(THREE, values, strict=True))


# role → (Dinkes employee's row, Dukcapil employee's row, another instansi's row)
PERSONAL = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (S, H, H),  # their own
    "atasan": (S, H, H),  # head of the seksi
    "pejabat_penilai": (S, H, H),  # head of the bidang above
    "admin_opd": (S, H, H),  # Admin OPD of Dinkes
    "admin_bkpsdm": (S, S, H),
    "pimpinan": (S, S, H),
    "auditor": (S, S, H),
}
# the instansi's catalogue and dictionary: everyone in the instansi
SHARED = {r: ((401, 401) if r == ANONYMOUS else (S, H)) for r in ROLES}

PERSONAL_ENDPOINTS = {
    "needs": "need",
    "plans": "plan",
    "plan-activities": "activity",
    "records": "record",
    "jp-summaries": "summary",
    "assessments": "assessment",
    "enrolments": "enrolment",
    "certificates": "certificate",
    "attempts": "attempt",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(PERSONAL_ENDPOINTS))
def test_personal_rows_visibility(w, role, endpoint):
    attr = PERSONAL_ENDPOINTS[endpoint]
    targets = {name: getattr(side, attr).pk for name, side in w.sides.items()}
    extra = {"certificates": lambda pk: [f"{BASE}/certificates/{pk}/pdf/"]}.get(endpoint, lambda pk: [])
    check_visibility(
        client_for(w, role),
        list_url=f"{BASE}/{endpoint}/",
        detail_urls=lambda pk: [f"{BASE}/{endpoint}/{pk}/", *extra(pk)],
        targets=targets,
        expected=_row(PERSONAL[role]),
        label=f"{endpoint} as {role}",
        list_params={"year": YEAR} if endpoint == "jp-summaries" else None,
    )


@pytest.mark.parametrize("role", ROLES)
def test_employee_pages_visibility(w, role):
    """Profile, gap analysis and JP year of an employee: seen like the employee's rows."""
    targets = {name: side.employee.pk for name, side in w.sides.items()}
    check_visibility(
        client_for(w, role),
        list_url=None,
        detail_urls=lambda pk: [
            f"{BASE}/employees/{pk}/profile/",
            f"{BASE}/employees/{pk}/gaps/",
            f"{BASE}/employees/{pk}/jp/",
        ],
        targets=targets,
        expected=_row(PERSONAL[role]),
        label=f"employee pages as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["programmes", "events", "competencies"])
def test_catalogue_visibility(w, role, endpoint):
    own, foreign = {
        "programmes": (w.programme.pk, w.foreign_programme.pk),
        "events": (w.event.pk, w.foreign_event.pk),
        "competencies": (w.competency.pk, w.foreign_competency.pk),
    }[endpoint]
    extra = (lambda pk: [f"{BASE}/events/{pk}/evaluation/"]) if endpoint == "events" else (lambda pk: [])
    check_visibility(
        client_for(w, role),
        list_url=f"{BASE}/{endpoint}/",
        detail_urls=lambda pk: [f"{BASE}/{endpoint}/{pk}/", *extra(pk)],
        targets={"own": own, "other_instansi": foreign},
        expected=dict(zip(("own", "other_instansi"), SHARED[role], strict=True)),
        label=f"{endpoint} as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_scenarios_visibility(w, role):
    """The published bank is national; drafts are seen by their authors (Admin BKPSDM) only."""
    expected = {
        ANONYMOUS: (401, 401),
        "admin_bkpsdm": (S, S),
    }.get(role, (S, H))
    check_visibility(
        client_for(w, role),
        list_url=f"{BASE}/scenarios/",
        detail_urls=lambda pk: [f"{BASE}/scenarios/{pk}/"],
        targets={"published": w.scenario.pk, "draft": w.draft_scenario.pk},
        expected=dict(zip(("published", "draft"), expected, strict=True)),
        label=f"scenarios as {role}",
    )


# OPD-level readings: role → (Dinkes, Dukcapil, another instansi's OPD); 200 / 404
OPD_READS = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (404, 404, 404),
    "atasan": (200, 404, 404),
    "pejabat_penilai": (200, 404, 404),
    "admin_opd": (200, 404, 404),
    "admin_bkpsdm": (200, 200, 404),
    "pimpinan": (200, 200, 404),
    "auditor": (200, 200, 404),
}
CITY_READS = {
    r: {ANONYMOUS: 401, "admin_bkpsdm": 200, "pimpinan": 200, "auditor": 200}.get(r, 404) for r in ROLES
}


def _opds(w):
    return (w.city.dinas_a.pk, w.city.dinas_b.pk, w.sides["other_instansi"].employee.current_opd_id)


@pytest.mark.parametrize("role", ROLES)
def test_opd_and_city_readings(w, role):
    client = client_for(w, role)
    problems = []
    for opd, want in zip(_opds(w), OPD_READS[role], strict=True):
        for url in (f"{BASE}/gaps/", f"{BASE}/jp-dashboard/"):
            got = client.get(url, {"opd": opd, "year": YEAR}).status_code
            if got != want:
                problems.append(f"{url}?opd={opd} → {got}, expected {want}")
    for url in (f"{BASE}/gaps/", f"{BASE}/jp-dashboard/"):
        got = client.get(url, {"year": YEAR}).status_code
        if got != CITY_READS[role]:
            problems.append(f"{url} (city) → {got}, expected {CITY_READS[role]}")
    assert not problems, f"{role}: " + "; ".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_position_standard_reading(w, role):
    client = client_for(w, role)
    own = w.city.people["staff_a"].current_position_id
    foreign = w.sides["other_instansi"].employee.current_position_id
    for pk, want in ((own, 200), (foreign, 404)):
        got = client.get(f"{BASE}/position-standards/", {"position": pk}).status_code
        assert got == (401 if role == ANONYMOUS else want), (role, pk, got)


def test_certificate_verification_is_public_and_refuses_forgeries(w):
    cert = w.sides["dinkes"].certificate
    anonymous = token_client(None)
    body = anonymous.get(f"{BASE}/certificate-verification/", {"code": cert.code}).json()
    assert body["valid"] is True and body["number"] == cert.number
    assert body["holder_nip"] != cert.holder_nip and body["holder_nip"][-3:] == cert.holder_nip[-3:]
    forged = cert.code[:-1] + ("0" if cert.code[-1] != "0" else "1")
    assert anonymous.get(f"{BASE}/certificate-verification/", {"code": forged}).json()["valid"] is False
    assert anonymous.get(f"{BASE}/certificate-verification/", {"code": "bukan-kode"}).json()["valid"] is False
    assert anonymous.get(f"{BASE}/certificate-verification/").status_code == 400


# --- coverage of the matrix ------------------------------------------------------------------------

# Every routed (url name, method) and the test module/function that covers it.
AUTHORING = "test_api_authoring::test_authoring_permission_matrix"
LIFE = "test_api_authoring::test_scenario_life"
COVERED = {
    ("api-learning-competency-list", "get"): "test_catalogue_visibility",
    ("api-learning-competency-detail", "get"): "test_catalogue_visibility",
    ("api-learning-standard", "get"): "test_position_standard_reading",
    ("api-learning-standard", "post"): "test_api_writes::test_standard_writes",
    ("api-learning-profile", "get"): "test_employee_pages_visibility",
    ("api-learning-employee-gaps", "get"): "test_employee_pages_visibility",
    ("api-learning-employee-jp", "get"): "test_employee_pages_visibility",
    ("api-learning-gaps", "get"): "test_opd_and_city_readings",
    ("api-learning-jp-dashboard", "get"): "test_opd_and_city_readings",
    (
        "api-learning-certificate-verify",
        "get",
    ): "test_certificate_verification_is_public_and_refuses_forgeries",
    ("api-learning-assessment-list", "get"): "test_personal_rows_visibility",
    ("api-learning-assessment-list", "post"): "test_api_writes::test_writes[assessment]",
    ("api-learning-assessment-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-need-list", "get"): "test_personal_rows_visibility",
    ("api-learning-need-list", "post"): "test_api_writes::test_writes[need_open]",
    ("api-learning-need-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-need-close", "post"): "test_api_writes::test_writes[need_close]",
    ("api-learning-plan-list", "get"): "test_personal_rows_visibility",
    ("api-learning-plan-list", "post"): "test_api_writes::test_writes[plan_create]",
    ("api-learning-plan-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-plan-detail", "patch"): "test_api_writes::test_writes[plan_patch]",
    ("api-learning-plan-submit", "post"): "test_api_writes::test_writes[plan_submit]",
    ("api-learning-plan-withdraw", "post"): "test_api_workflows::test_idp_workflow",
    ("api-learning-plan-agree", "post"): "test_api_writes::test_writes[plan_agree]",
    ("api-learning-plan-return", "post"): "test_api_workflows::test_idp_workflow",
    ("api-learning-plan-reopen", "post"): "test_api_workflows::test_idp_workflow",
    ("api-learning-activity-list", "get"): "test_personal_rows_visibility",
    ("api-learning-activity-list", "post"): "test_api_writes::test_writes[activity_add]",
    ("api-learning-activity-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-activity-detail", "patch"): "test_api_writes::test_writes[activity_patch]",
    ("api-learning-activity-detail", "delete"): "test_api_writes::test_writes[activity_delete]",
    ("api-learning-activity-complete", "post"): "test_api_workflows::test_idp_workflow",
    ("api-learning-activity-cancel", "post"): "test_api_writes::test_writes[activity_cancel]",
    ("api-learning-record-list", "get"): "test_personal_rows_visibility",
    ("api-learning-record-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-record-verify", "post"): "test_api_writes::test_writes[record_verify]",
    ("api-learning-jp-summary-list", "get"): "test_personal_rows_visibility",
    ("api-learning-jp-summary-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-programme-list", "get"): "test_catalogue_visibility",
    ("api-learning-programme-list", "post"): "test_api_writes::test_catalogue_writes",
    ("api-learning-programme-detail", "get"): "test_catalogue_visibility",
    ("api-learning-programme-detail", "patch"): "test_api_writes::test_catalogue_writes",
    ("api-learning-event-list", "get"): "test_catalogue_visibility",
    ("api-learning-event-list", "post"): "test_api_writes::test_catalogue_writes",
    ("api-learning-event-detail", "get"): "test_catalogue_visibility",
    ("api-learning-event-detail", "patch"): "test_api_writes::test_catalogue_writes",
    ("api-learning-event-status", "post"): "test_api_writes::test_catalogue_writes",
    ("api-learning-event-evaluation", "get"): "test_catalogue_visibility",
    ("api-learning-enrolment-list", "get"): "test_personal_rows_visibility",
    ("api-learning-enrolment-list", "post"): "test_api_writes::test_writes[enrol]",
    ("api-learning-enrolment-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-enrolment-approve", "post"): "test_api_writes::test_writes[enrolment_approve]",
    ("api-learning-enrolment-reject", "post"): "test_api_writes::test_writes[enrolment_reject]",
    ("api-learning-enrolment-withdraw", "post"): "test_api_writes::test_writes[enrolment_withdraw]",
    ("api-learning-enrolment-cancel", "post"): "test_api_workflows::test_enrolment_workflow",
    ("api-learning-enrolment-attendance", "post"): "test_api_workflows::test_enrolment_workflow",
    ("api-learning-enrolment-scores", "post"): "test_api_workflows::test_enrolment_workflow",
    ("api-learning-enrolment-complete", "post"): "test_api_workflows::test_enrolment_workflow",
    ("api-learning-enrolment-evaluate", "post"): "test_api_workflows::test_enrolment_workflow",
    ("api-learning-certificate-list", "get"): "test_personal_rows_visibility",
    ("api-learning-certificate-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-certificate-pdf", "get"): "test_personal_rows_visibility",
    ("api-learning-certificate-review", "post"): "test_api_workflows::test_external_certificate_review",
    ("api-learning-certificate-revoke", "post"): "test_api_writes::test_writes[certificate_revoke]",
    ("api-learning-scenario-list", "get"): "test_scenarios_visibility",
    ("api-learning-scenario-detail", "get"): "test_scenarios_visibility",
    ("api-learning-scenario-start", "post"): "test_api_writes::test_writes[scenario_start]",
    ("api-learning-attempt-list", "get"): "test_personal_rows_visibility",
    ("api-learning-attempt-detail", "get"): "test_personal_rows_visibility",
    ("api-learning-attempt-answer", "post"): "test_api_writes::test_writes[attempt_answer]",
    ("api-learning-certificate-upload", "post"): "test_api_authoring::test_upload_permission_matrix",
    ("api-learning-authoring-list", "get"): "test_api_authoring::test_foreign_scenario_is_404",
    ("api-learning-authoring-list", "post"): AUTHORING,
    ("api-learning-authoring-detail", "get"): AUTHORING,
    ("api-learning-authoring-detail", "patch"): LIFE,
    ("api-learning-authoring-steps", "post"): LIFE,
    ("api-learning-authoring-step", "patch"): LIFE,
    ("api-learning-authoring-step", "delete"): LIFE,
    ("api-learning-authoring-step-choices", "post"): LIFE,
    ("api-learning-authoring-choice", "patch"): LIFE,
    ("api-learning-authoring-choice", "delete"): LIFE,
    ("api-learning-authoring-validation", "get"): AUTHORING,
    ("api-learning-authoring-publish", "post"): AUTHORING,
    ("api-learning-authoring-unpublish", "post"): LIFE,
    ("api-learning-authoring-archive", "post"): LIFE,
}


def test_every_endpoint_is_in_the_matrix():
    routed = api_operations("pembina.learning.api.urls")
    assert routed - set(COVERED) == set(), "endpoints without a row in the permission matrix"
    assert set(COVERED) - routed == set(), "matrix rows for endpoints that no longer exist"


def test_schema_validates_without_warnings(tmp_path, capsys):
    # --fail-on-warn would also fail on other apps' warnings; the learning API must add none of its own
    call_command("spectacular", "--validate", "--file", str(tmp_path / "schema.yml"))
    warnings = [line for line in capsys.readouterr().err.splitlines() if "Warning" in line]
    assert not [line for line in warnings if "learning" in line.lower()], warnings
    text = (tmp_path / "schema.yml").read_text()
    assert (
        "/api/v1/learning/enrolments/{id}/approve/" in text
        and "/api/v1/learning/certificates/{id}/pdf/" in text
    )


# --- constant query counts -------------------------------------------------------------------------

LISTS = [
    "needs",
    "plans",
    "plan-activities",
    "records",
    "jp-summaries",
    "assessments",
    "enrolments",
    "certificates",
    "attempts",
    "programmes",
    "events",
    "scenarios",
    "competencies",
]


def _grow(w, n: int) -> None:
    """n more employees of Dinkes, each with the same kinds of rows as staff_a."""
    position = PositionFactory(unit=w.city.seksi_a1a, name="Pengelola Layanan")
    for i in range(n):
        employee = make_employee(instansi=w.city.instansi, position=position, name=f"Tambahan {i}")
        user = make_user(username=employee.nip, employee=employee)
        user.refresh_from_db()
        _side(employee, user, event=w.event, past_event=w.past_event, scenario=w.scenario)
    for i in range(n):
        _programme(w.city.instansi, f"tambahan-{i}")


@pytest.mark.parametrize("role", ["admin_bkpsdm", "admin_opd"])
def test_list_queries_do_not_grow(w, role):
    client = client_for(w, role)

    def counts():
        out = {}
        for endpoint in LISTS:
            params = {"year": YEAR} if endpoint == "jp-summaries" else {}
            n, response = count_queries(lambda e=endpoint, p=params: client.get(f"{BASE}/{e}/", p))
            assert response.status_code == 200, (endpoint, response.content[:200])
            out[endpoint] = (n, len(response.json()["results"]))
        return out

    counts()  # warm up
    small = counts()
    _grow(w, 4)
    large = counts()
    assert {k: v[0] for k, v in small.items()} == {k: v[0] for k, v in large.items()}
    assert all(
        large[k][1] > small[k][1] for k in ("needs", "plans", "enrolments", "certificates", "attempts")
    )
