"""Writes through the learning API, every operation × every role × (Dinkes employee's object, Dukcapil
employee's object, another instansi's object): 2xx allowed, 400 refused by the rule (the Indonesian
message), 403 a role that never writes there, 404 out of scope. Each case runs in its own savepoint
on the module's world (see test_api_matrix)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pembina.core.audit.context import Source
from pembina.core.models import AuditEntry
from pembina.core.testing.api import ANONYMOUS, check_writes, module_db_fixture
from pembina.learning import services
from pembina.learning.models import Choice, DevelopmentNeed, PlanActivity
from pembina.learning.tests.conftest import make_event
from pembina.learning.tests.test_api_matrix import BASE, ROLES, THREE, TODAY, YEAR, build_world, client_for

world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    return world


A = 401
# role → expected status for (Dinkes, Dukcapil, other instansi)


def same(value, *, out=404, fk=False):
    """Allowed/refused on the own OPD's object; outside the view scope 404 (400 when the object is
    named in the body: an id the caller cannot see does not resolve)."""
    miss = 400 if fk else out
    return value, miss, miss


def table(**rows):
    return {ANONYMOUS: (A, A, A), **rows}


NEED_OPEN = table(
    pegawai=same(201, fk=True),
    atasan=same(201, fk=True),
    pejabat_penilai=same(400, fk=True),
    admin_opd=same(201, fk=True),
    admin_bkpsdm=(201, 201, 400),
    pimpinan=(400, 400, 400),
    auditor=(400, 400, 400),
)
SUPERIOR_OR_ADMIN = table(
    pegawai=same(400),
    atasan=same(200),
    pejabat_penilai=same(400),
    admin_opd=same(200),
    admin_bkpsdm=(200, 200, 404),
    pimpinan=(400, 400, 404),
    auditor=(400, 400, 404),
)
ADMIN_FK = table(
    pegawai=same(400, fk=True),
    atasan=same(400, fk=True),
    pejabat_penilai=same(400, fk=True),
    admin_opd=same(201, fk=True),
    admin_bkpsdm=(201, 201, 400),
    pimpinan=(400, 400, 400),
    auditor=(400, 400, 400),
)
OWNER_OR_ADMIN_CREATE = {**ADMIN_FK, "pegawai": same(201, fk=True)}
OWNER_OR_ADMIN_EDIT = table(
    pegawai=same(200),
    atasan=same(400),
    pejabat_penilai=same(400),
    admin_opd=same(200),
    admin_bkpsdm=(200, 200, 404),
    pimpinan=(400, 400, 404),
    auditor=(400, 400, 404),
)
OWNER_ONLY = table(
    pegawai=same(200),
    atasan=same(400),
    pejabat_penilai=same(400),
    admin_opd=same(400),
    admin_bkpsdm=(400, 400, 404),
    pimpinan=(400, 400, 404),
    auditor=(400, 400, 404),
)
SUPERIOR_ONLY = {**OWNER_ONLY, "pegawai": same(400), "atasan": same(200)}
REJECT = {**SUPERIOR_ONLY, "admin_bkpsdm": (200, 200, 404)}  # BKPSDM may refuse a request at once
REVOKE = table(
    pegawai=(403, 403, 403),
    atasan=(403, 403, 403),
    pejabat_penilai=(403, 403, 403),
    admin_opd=same(400),
    admin_bkpsdm=(200, 200, 404),
    pimpinan=(403, 403, 403),
    auditor=(403, 403, 403),
)
# starting a simulation: (the published scenario, a draft, —) — only people with an employee play
START = table(
    pegawai=(201, 404, 404),
    atasan=(201, 404, 404),
    pejabat_penilai=(201, 404, 404),
    admin_opd=(400, 404, 404),
    admin_bkpsdm=(400, 400, 404),
    pimpinan=(400, 404, 404),
    auditor=(400, 404, 404),
)


def _submit_all(w):
    for side in w.sides.values():
        services.plan_submit(plan=side.plan, actor=None)


def _fresh_events(w):
    """An open event in each instansi nobody has asked to join yet."""
    start = TODAY + dt.timedelta(days=14)
    return {
        "own": make_event(w.programme, start=start, quota=10),
        "foreign": make_event(w.foreign_programme, start=start, quota=10),
    }


def _answer_body(attempt):
    choice = Choice.objects.filter(step_id=attempt.current_step_id).order_by("order", "id").first()
    return (
        {"choice": choice.pk} if choice else {"text": "Mohon maaf, saya bantu cek dan segera tindak lanjuti."}
    )


def _operations(w):
    """operation → (matrix, prepare(w) → extra or None, build(w, extra) → {target: (method, url, body)})."""
    sides = w.sides

    def per_side(method, path, body=lambda k, side: {}):
        return lambda w_, extra: {k: (method, path(side), body(k, side)) for k, side in sides.items()}

    return {
        "need_open": (
            NEED_OPEN,
            None,
            per_side(
                "post", lambda s: f"{BASE}/needs/", lambda k, s: {"employee": s.employee.pk, "reason": "Usul"}
            ),
        ),
        "need_close": (
            SUPERIOR_OR_ADMIN,
            None,
            per_side(
                "post", lambda s: f"{BASE}/needs/{s.need.pk}/close/", lambda k, s: {"note": "Sudah dilatih"}
            ),
        ),
        "assessment": (
            ADMIN_FK,
            None,
            per_side(
                "post",
                lambda s: f"{BASE}/assessments/",
                lambda k, s: {
                    "employee": s.employee.pk,
                    "competency": w.competency.pk,
                    "level": 3,
                    "source": "assessment_centre",
                    "assessed_on": str(TODAY),
                },
            ),
        ),
        "plan_create": (
            OWNER_OR_ADMIN_CREATE,
            None,
            per_side(
                "post", lambda s: f"{BASE}/plans/", lambda k, s: {"employee": s.employee.pk, "year": YEAR + 1}
            ),
        ),
        "plan_patch": (
            OWNER_OR_ADMIN_EDIT,
            None,
            per_side(
                "patch", lambda s: f"{BASE}/plans/{s.plan.pk}/", lambda k, s: {"career_goal": "Kepala seksi"}
            ),
        ),
        "plan_submit": (OWNER_ONLY, None, per_side("post", lambda s: f"{BASE}/plans/{s.plan.pk}/submit/")),
        "plan_agree": (
            SUPERIOR_ONLY,
            _submit_all,
            per_side("post", lambda s: f"{BASE}/plans/{s.plan.pk}/agree/"),
        ),
        "activity_add": (
            OWNER_OR_ADMIN_CREATE,
            None,
            per_side(
                "post",
                lambda s: f"{BASE}/plan-activities/",
                lambda k, s: {"plan": s.plan.pk, "kind": "coaching", "title": "Coaching", "planned_jp": "2"},
            ),
        ),
        "activity_patch": (
            OWNER_OR_ADMIN_EDIT,
            None,
            per_side(
                "patch", lambda s: f"{BASE}/plan-activities/{s.activity.pk}/", lambda k, s: {"title": "Baru"}
            ),
        ),
        "activity_delete": (
            {r: tuple(204 if v == 200 else v for v in row) for r, row in OWNER_OR_ADMIN_EDIT.items()},
            None,
            per_side("delete", lambda s: f"{BASE}/plan-activities/{s.activity.pk}/"),
        ),
        "activity_cancel": (
            OWNER_OR_ADMIN_EDIT,
            None,
            per_side("post", lambda s: f"{BASE}/plan-activities/{s.activity.pk}/cancel/"),
        ),
        "record_verify": (
            SUPERIOR_OR_ADMIN,
            None,
            per_side(
                "post", lambda s: f"{BASE}/records/{s.record.pk}/verify/", lambda k, s: {"approve": True}
            ),
        ),
        "enrol": (
            OWNER_OR_ADMIN_CREATE,
            _fresh_events,
            lambda w_, events: {
                k: (
                    "post",
                    f"{BASE}/enrolments/",
                    {
                        "event": events["foreign" if k == "other_instansi" else "own"].pk,
                        "employee": s.employee.pk,
                    },
                )
                for k, s in sides.items()
            },
        ),
        "enrolment_approve": (
            SUPERIOR_ONLY,
            None,
            per_side("post", lambda s: f"{BASE}/enrolments/{s.enrolment.pk}/approve/"),
        ),
        "enrolment_reject": (
            REJECT,
            None,
            per_side(
                "post",
                lambda s: f"{BASE}/enrolments/{s.enrolment.pk}/reject/",
                lambda k, s: {"note": "Kuota"},
            ),
        ),
        "enrolment_withdraw": (
            OWNER_ONLY,
            None,
            per_side("post", lambda s: f"{BASE}/enrolments/{s.enrolment.pk}/withdraw/"),
        ),
        "certificate_revoke": (
            REVOKE,
            None,
            per_side(
                "post",
                lambda s: f"{BASE}/certificates/{s.certificate.pk}/revoke/",
                lambda k, s: {"note": "Keliru"},
            ),
        ),
        "scenario_start": (
            START,
            None,
            lambda w_, extra: {
                "dinkes": ("post", f"{BASE}/scenarios/{w.scenario.pk}/start/", {}),
                "dukcapil": ("post", f"{BASE}/scenarios/{w.draft_scenario.pk}/start/", {}),
                "other_instansi": ("post", f"{BASE}/scenarios/999999/start/", {}),
            },
        ),
        "attempt_answer": (
            OWNER_ONLY,
            None,
            per_side(
                "post",
                lambda s: f"{BASE}/attempts/{s.attempt.pk}/answer/",
                lambda k, s: _answer_body(s.attempt),
            ),
        ),
    }


OPERATIONS = [
    "need_open",
    "need_close",
    "assessment",
    "plan_create",
    "plan_patch",
    "plan_submit",
    "plan_agree",
    "activity_add",
    "activity_patch",
    "activity_delete",
    "activity_cancel",
    "record_verify",
    "enrol",
    "enrolment_approve",
    "enrolment_reject",
    "enrolment_withdraw",
    "certificate_revoke",
    "scenario_start",
    "attempt_answer",
]


def test_matrices_cover_every_role(w):
    for name, (matrix, _p, _b) in _operations(w).items():
        assert set(matrix) == set(ROLES), name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_writes(w, operation, role):
    matrix, prepare, build = _operations(w)[operation]
    extra = prepare(w) if prepare is not None else None
    requests = build(w, extra)
    client = client_for(w, role)
    attempts = {}
    for target, want in zip(THREE, matrix[role], strict=True):
        method, url, body = requests[target]
        attempts[target] = (lambda m=method, u=url, b=body: getattr(client, m)(u, b, format="json"), want)
    check_writes(f"{operation} as {role}", attempts)


# --- catalogue and standards (admin writes) ----------------------------------------------------------

NON_WRITERS = ("pegawai", "atasan", "pejabat_penilai", "pimpinan", "auditor")


@pytest.mark.parametrize("role", ROLES)
def test_catalogue_writes(w, role):
    client = client_for(w, role)
    blocked = 401 if role == ANONYMOUS else 403 if role in NON_WRITERS else None
    want = {
        "admin_bkpsdm": {
            "create": 201,
            "patch": 200,
            "foreign": 404,
            "event": 201,
            "event_patch": 200,
            "status": 200,
        },
        "admin_opd": {
            "create": 400,
            "patch": 400,
            "foreign": 404,
            "event": 201,
            "event_patch": 400,
            "status": 400,
        },
    }.get(role)
    if want is None:
        want = dict.fromkeys(("create", "patch", "foreign", "event", "event_patch", "status"), blocked)
    start = TODAY + dt.timedelta(days=30)
    check_writes(
        f"catalogue as {role}",
        {
            "create": (
                lambda: client.post(
                    f"{BASE}/programmes/",
                    {
                        "code": "api-baru",
                        "title": "Program API",
                        "category": "technical",
                        "kind": "training",
                        "jp": "8",
                    },
                    format="json",
                ),
                want["create"],
            ),
            "patch": (
                lambda: client.patch(f"{BASE}/programmes/{w.programme.pk}/", {"jp": "16"}, format="json"),
                want["patch"],
            ),
            "foreign": (
                lambda: client.patch(
                    f"{BASE}/programmes/{w.foreign_programme.pk}/", {"jp": "16"}, format="json"
                ),
                want["foreign"],
            ),
            "event": (
                lambda: client.post(
                    f"{BASE}/events/",
                    {
                        "programme": w.programme.pk,
                        "start_date": str(start),
                        "end_date": str(start + dt.timedelta(days=2)),
                        "quota": 20,
                        "place": "Aula Dinas Kesehatan",
                        "organiser": "Dinas Kesehatan",
                        "organiser_unit": w.city.dinas_a.pk,
                    },
                    format="json",
                ),
                want["event"],
            ),
            "event_patch": (
                lambda: client.patch(f"{BASE}/events/{w.event.pk}/", {"quota": 12}, format="json"),
                want["event_patch"],
            ),
            "status": (
                lambda: client.post(
                    f"{BASE}/events/{w.event.pk}/status/", {"action": "close"}, format="json"
                ),
                want["status"],
            ),
        },
    )


@pytest.mark.parametrize("role", ROLES)
def test_standard_writes(w, role):
    client = client_for(w, role)
    people = w.city.people
    positions = {
        "dinkes": people["staff_a"].current_position_id,
        "dukcapil": people["staff_b"].current_position_id,
        "other_instansi": w.sides["other_instansi"].employee.current_position_id,
    }
    want = {
        ANONYMOUS: (401, 401, 401),
        "admin_opd": (200, 400, 400),
        "admin_bkpsdm": (200, 200, 400),
    }.get(role, (403, 403, 403))
    check_writes(
        f"standards as {role}",
        {
            k: (
                lambda p=p: client.post(
                    f"{BASE}/position-standards/",
                    {"position": p, "competency": w.competency.pk, "required_level": 3},
                    format="json",
                ),
                want[i],
            )
            for i, (k, p) in enumerate(positions.items())
        },
    )


# --- what an allowed write did ------------------------------------------------------------------------


def test_refusals_name_the_rule_in_indonesian(w):
    client = client_for(w, "pejabat_penilai")
    response = client.post(f"{BASE}/needs/{w.sides['dinkes'].need.pk}/close/", {"note": "x"}, format="json")
    assert response.status_code == 400 and "atasan atau admin" in response.json()["detail"]
    response = client_for(w, "pegawai").post(
        f"{BASE}/plan-activities/",
        {"plan": w.sides["dinkes"].plan.pk, "kind": "coaching", "title": "x", "planned_jp": "0"},
        format="json",
    )
    assert response.status_code == 400 and response.json()["field"] == "planned_jp"
    response = client_for(w, "pegawai").post(
        f"{BASE}/plan-activities/", {"plan": w.sides["dinkes"].plan.pk, "kind": "berenang"}, format="json"
    )
    assert response.status_code == 400 and response.json()["field"] == "kind"


def test_writes_are_audited_with_source_api(w):
    side = w.sides["dinkes"]
    before = AuditEntry.objects.count()
    response = client_for(w, "pegawai").patch(
        f"{BASE}/plan-activities/{side.activity.pk}/", {"title": "Belajar mandiri LAPOR!"}, format="json"
    )
    assert response.status_code == 200 and response.json()["title"] == "Belajar mandiri LAPOR!"
    entry = AuditEntry.objects.filter(
        object_type="learning.planactivity", object_id=str(side.activity.pk)
    ).latest("id")
    assert (
        AuditEntry.objects.count() > before
        and entry.source == Source.API
        and entry.actor_id == w.users["pegawai"].pk
    )
    assert PlanActivity.objects.get(pk=side.activity.pk).title == "Belajar mandiri LAPOR!"


def test_need_open_is_idempotent_per_reference(w):
    client = client_for(w, "atasan")
    body = {"employee": w.sides["dinkes"].employee.pk, "reason": "Komunikasi", "source_ref": "coaching-7"}
    first = client.post(f"{BASE}/needs/", body, format="json").json()
    again = client.post(f"{BASE}/needs/", {**body, "reason": "Komunikasi lisan"}, format="json").json()
    assert first["id"] == again["id"] and again["reason"] == "Komunikasi lisan"
    assert (
        DevelopmentNeed.objects.filter(employee=w.sides["dinkes"].employee, source_ref="coaching-7").count()
        == 1
    )
    assert Decimal(again["id"]) > 0
