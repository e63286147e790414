"""Every workflow transition × every role. The expected table is written out here, independently of
the rule data in rules/workflow.py, so a change in either shows up as a failure."""

import pytest
from django.db import transaction
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.performance import selectors, services
from pembina.performance.choices import PlanStatus
from pembina.performance.models import CoreValue, PerformancePlan
from pembina.performance.permissions import plan_roles

pytestmark = pytest.mark.django_db

WHO = ["owner", "rater", "rater_superior", "admin", "outsider", "admin_bkpsdm", "pimpinan", "auditor"]
Y, N, H = "allowed", "refused", "404"  # H: out of scope, the plan does not exist for them

# action: (state the plan is put in first, {role: expected})
MATRIX = {
    "view": (
        "draft",
        {
            "owner": Y,
            "rater": Y,
            "rater_superior": Y,
            "admin": Y,
            "outsider": H,
            "admin_bkpsdm": Y,
            "pimpinan": Y,
            "auditor": Y,
        },
    ),
    "edit": (
        "draft",
        {
            "owner": Y,
            "rater": Y,
            "rater_superior": N,
            "admin": Y,
            "outsider": H,
            "admin_bkpsdm": Y,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "submit": (
        "draft",
        {
            "owner": Y,
            "rater": N,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "withdraw": (
        "submitted",
        {
            "owner": Y,
            "rater": N,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "approve": (
        "submitted",
        {
            "owner": N,
            "rater": Y,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "return": (
        "submitted",
        {
            "owner": N,
            "rater": Y,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "revise": (
        "approved",
        {
            "owner": Y,
            "rater": Y,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "comment": (
        "submitted",
        {
            "owner": Y,
            "rater": Y,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
    "set_expectation": (
        "submitted",
        {
            "owner": N,
            "rater": Y,
            "rater_superior": N,
            "admin": N,
            "outsider": H,
            "admin_bkpsdm": N,
            "pimpinan": N,
            "auditor": N,
        },
    ),
}

# An action attempted in a state where it is not allowed is refused even for the right role.
WRONG_STATE = [
    ("submit", "submitted", "owner"),
    ("submit", "approved", "owner"),
    ("approve", "draft", "rater"),
    ("approve", "approved", "rater"),
    ("return", "draft", "rater"),
    ("return", "returned", "rater"),
    ("withdraw", "draft", "owner"),
    ("revise", "draft", "owner"),
    ("revise", "submitted", "rater"),
    ("edit", "submitted", "owner"),
    ("edit", "approved", "owner"),
    ("set_expectation", "approved", "rater"),
]


def put_in_state(plan, state):
    if state in ("submitted", "approved", "returned"):
        services.plan_submit(plan=plan, actor=None)
    if state == "approved":
        services.plan_approve(plan=plan, actor=None)
    if state == "returned":
        services.plan_return(plan=plan, actor=None, summary="perbaiki")
    return PerformancePlan.objects.select_related("year").get(pk=plan.pk)


def attempt(action, plan, user):
    if action == "view":
        return selectors.plan_detail(actor=user, pk=plan.pk)
    if action == "edit":
        return services.result_add(plan=plan, statement="RHK baru", actor=user)
    if action == "submit":
        return services.plan_submit(plan=plan, actor=user)
    if action == "withdraw":
        return services.plan_withdraw(plan=plan, actor=user)
    if action == "approve":
        return services.plan_approve(plan=plan, actor=user)
    if action == "return":
        return services.plan_return(plan=plan, actor=user, summary="kurang jelas")
    if action == "revise":
        return services.plan_revise(plan=plan, actor=user, reason="perubahan tugas")
    if action == "comment":
        return services.plan_comment_add(
            plan=plan, body="Mohon dijelaskan", actor=user, result=plan.results.first()
        )
    if action == "set_expectation":
        return services.behaviour_expectation_set(
            plan=plan, value=CoreValue.objects.first(), expectation="Tanggap", actor=user
        )
    raise AssertionError(action)


class _Rollback(Exception):
    pass


def outcome(fn) -> str:
    """Run `fn` in a savepoint that is always rolled back, so every cell starts from the same data."""
    try:
        with transaction.atomic():
            fn()
            raise _Rollback
    except _Rollback:
        return Y
    except Http404:
        return H
    except ApplicationError:
        return N


@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(skp, action):
    """One row of the matrix: the action tried by every role on a plan in the right state."""
    state, expected = MATRIX[action]
    plan = put_in_state(skp.plan, state)
    got = {who: outcome(lambda who=who: attempt(action, plan, skp.users[who])) for who in WHO}
    assert got == expected


def test_wrong_state_is_refused(skp):
    got = {}
    for action, state, who in WRONG_STATE:

        def run(action=action, state=state, who=who):
            plan = put_in_state(PerformancePlan.objects.get(pk=skp.plan.pk), state)
            try:
                attempt(action, plan, skp.users[who])
            except ApplicationError as exc:
                assert "berstatus" in exc.message, exc.message
                raise

        got[(action, state, who)] = outcome(run)
    assert got == {case: N for case in WRONG_STATE}


def test_a_refusal_changes_nothing(skp):
    plan = put_in_state(skp.plan, "submitted")
    with pytest.raises(ApplicationError):
        services.plan_approve(plan=plan, actor=skp.users["owner"])
    assert PerformancePlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED
    assert not plan.versions.exists()


def test_transitions_reach_the_right_state(skp):
    u = skp.users
    plan = services.plan_submit(plan=skp.plan, actor=u["owner"])
    assert plan.status == PlanStatus.SUBMITTED
    plan = services.plan_return(
        plan=plan,
        actor=u["rater"],
        summary="Target terlalu rendah",
        comments=[{"result": plan.results.first(), "body": "Naikkan target"}],
    )
    assert plan.status == PlanStatus.RETURNED
    plan = services.plan_submit(plan=plan, actor=u["owner"])
    plan = services.plan_withdraw(plan=plan, actor=u["owner"])
    assert plan.status == PlanStatus.DRAFT
    plan = services.plan_submit(plan=plan, actor=u["owner"])
    plan = services.plan_approve(plan=plan, actor=u["rater"])
    assert (plan.status, plan.approved_version, plan.version) == (PlanStatus.APPROVED, 1, 1)
    plan = services.plan_revise(plan=plan, actor=u["owner"], reason="Tugas tambahan dari Kepala Dinas")
    assert (plan.status, plan.approved_version, plan.version) == (PlanStatus.DRAFT, 1, 2)
    kinds = list(plan.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "created",
        "submitted",
        "returned",
        "submitted",
        "withdrawn",
        "submitted",
        "approved",
        "revision_started",
    ]
    returned = plan.events.get(kind="returned")
    assert returned.actor == u["rater"] and returned.comment == "Target terlalu rendah"
    notes = plan.comments.filter(is_return_note=True)
    assert notes.count() == 2 and notes.filter(result__isnull=False).count() == 1
    assert not notes.filter(resolved_at__isnull=True).exists()  # resolved by the approval


def test_return_needs_a_reason_and_items_of_this_plan(skp, city):
    u = skp.users
    plan = services.plan_submit(plan=skp.plan, actor=u["owner"])
    with pytest.raises(ApplicationError, match="alasan"):
        services.plan_return(plan=plan, actor=u["rater"], summary="  ")
    from pembina.performance.tests.factories import make_plan

    other = make_plan(year=skp.year, employee=city.people["staff_a2"])
    with pytest.raises(ApplicationError, match="bukan bagian"):
        services.plan_return(
            plan=plan, actor=u["rater"], comments=[{"result": other.results.first(), "body": "x"}]
        )
    assert PerformancePlan.objects.get(pk=plan.pk).status == PlanStatus.SUBMITTED


def test_incomplete_plan_cannot_be_submitted(skp, city):
    plan = services.plan_create(year=skp.year, employee=city.people["staff_a2"], actor=None)
    with pytest.raises(ApplicationError, match="RHK utama"):
        services.plan_submit(plan=plan, actor=None)
    services.result_add(plan=plan, statement="Tersusunnya laporan surveilans", actor=None)
    with pytest.raises(ApplicationError, match="belum mempunyai indikator"):
        services.plan_submit(plan=plan, actor=None)


def test_superior_proposes_and_admin_assists(skp, city):
    staff2 = city.people["staff_a2"]
    plan = services.plan_create(year=skp.year, employee=staff2, actor=skp.users["rater"])
    assert plan.events.get().kind == "proposed"
    assert plan.rater == city.people["kasi_a1a"]
    with pytest.raises(ApplicationError):  # an outsider cannot draft for someone else
        services.plan_create(
            year=skp.year,
            employee=city.people["kabid_a1"],
            actor=skp.users["outsider"],
            start_date=skp.plan.start_date,
        )


def test_opd_head_is_rated_by_the_regional_head_acting_through_pimpinan(skp, city):
    from pembina.performance.tests.factories import make_plan

    plan = make_plan(year=skp.year, employee=city.people["kadis_a"])
    assert plan.rater is None and plan.header["rater"]["is_regional_head"]
    assert plan.form == "jpt"
    services.plan_submit(plan=plan, actor=None)
    plan = PerformancePlan.objects.select_related("year").get(pk=plan.pk)
    assert "rater" in plan_roles(skp.users["pimpinan"], plan)
    services.plan_approve(plan=plan, actor=skp.users["pimpinan"])


def test_header_snapshots_people_as_of_the_plan_date(skp, city):
    h = skp.plan.header
    p = city.people
    assert (
        h["employee"]["nip"] == p["staff_a"].nip and h["employee"]["position"] == "Pengelola Data Imunisasi"
    )
    assert h["employee"]["pangkat"] == "Pengatur"
    assert h["rater"]["name"] == p["kasi_a1a"].full_name and h["rater"]["unit"] == "Seksi Imunisasi"
    assert h["rater_superior"]["name"] == p["kabid_a1"].full_name
    assert skp.plan.rater_superior == p["kabid_a1"]
    assert skp.plan.form == "non_jpt"
