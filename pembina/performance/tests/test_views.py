"""Performance pages: the permission matrix of every view × role × scope, constant query counts for
the SKP page, the cascade tree and the OPD progress page, and the workflow forms end to end (state
changes, audit entries with source web, Indonesian refusals that change nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import build_city
from pembina.accounts.tests.factories import make_user
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
from pembina.org.choices import JobType, UnitKind
from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit
from pembina.performance import services
from pembina.performance.choices import CoachingKind, GoalLevel, NotificationKind, PlanStatus, YearState
from pembina.performance.models import (
    CoachingFeedback,
    CoachingSession,
    CompetencyRating,
    Evidence,
    Indicator,
    IndicatorTemplate,
    Notification,
    PerformancePlan,
    PerformanceYear,
    PlanComment,
    PlannedResult,
    Realisation,
    RealisationFeedback,
    ResultLink,
)
from pembina.performance.services.notifications import Message, notify
from pembina.performance.tests.factories import approve, extra_staff, make_plan, make_year

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64

# The matrix roles. In scope = staff_a's SKP (Dinas Kesehatan): the employee herself, her pejabat
# penilai (Kasi), the atasan pejabat penilai (Kabid), the Admin OPD of the Dinas; the read-all roles;
# an outsider (a colleague in the same section with no role toward the plan). Out of scope =
# staff_b's SKP in another Dinas. Foreign = a plan of another instansi.
ROLES = ["pegawai", "penilai", "atasan", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor", "outsider"]


@dataclass
class World:
    city: object
    year: object
    users: dict
    plan_in: object
    plan_out: object
    plan_foreign: object
    kasi_plan: object
    kabid_b_plan: object
    rhk_in: object
    rhk_out: object
    iki_in: object
    iki_out: object
    real_in: object
    real_out: object
    goal_in: object
    goal_out: object
    iku_in: object
    iku_out: object
    session_in: object
    session_out: object
    evidence_out: object
    evidence_in: dict = field(default_factory=dict)  # role → its own evidence (deleting is per role)
    links_in: dict = field(default_factory=dict)  # role → its own collaboration link
    link_out: object = None
    notes: dict = field(default_factory=dict)  # role → own notification
    stranger_note: object = None


def _upload(name="bukti.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _approved_pair(year, superior, employee, label):
    """A superior's approved plan and a subordinate's plan intervening it, approved, with a Q1
    realisation, then revised (draft v2): editable and measurable at once."""
    sup = make_plan(year=year, employee=superior)
    approve(sup)
    sub = make_plan(year=year, employee=employee, parent=sup.results.get())
    approve(sub)
    ind = sub.results.get().indicators.get()
    q1 = year.periods.get(number=1)
    real = services.realisation_record(indicator=ind, period=q1, value=2, narrative=label, actor=None)
    services.plan_revise(plan=sub, actor=None, reason="uji")
    sub.refresh_from_db()
    return sup, sub, ind, real


def _build() -> World:
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
    with audit_context(source=Source.COMMAND, label="uji"):
        kasi_plan, plan_in, iki_in, real_in = _approved_pair(year, p["kasi_a1a"], p["staff_a"], "A")
        kabid_b_plan, plan_out, iki_out, real_out = _approved_pair(year, p["kabid_b1"], p["staff_b"], "B")
        evidence_out = services.evidence_add(realisation=real_out, upload=_upload(), actor=None)
        evidence_in = {
            r: services.evidence_add(realisation=real_in, upload=_upload(f"{r}.pdf"), actor=None)
            for r in ROLES
        }
        rhk_in, rhk_out = plan_in.results.get(), plan_out.results.get()
        links_in = {}
        for r in ROLES:
            other = services.result_add(plan=plan_out, statement=f"Kolaborasi {r}", actor=None)
            links_in[r] = services.result_collaborate(result=rhk_in, other=other, actor=None)
        link_out = ResultLink.objects.create(result_a=kabid_b_plan.results.get(), result_b=rhk_out)
        goal_city = services.goal_create(year=year, level=GoalLevel.CITY, statement="Warga sehat", actor=None)
        goal_in = services.goal_create(
            year=year,
            level=GoalLevel.OPD,
            opd=city.dinas_a,
            parent=goal_city,
            statement="Imunisasi",
            actor=None,
        )
        goal_out = services.goal_create(
            year=year, level=GoalLevel.OPD, opd=city.dinas_b, statement="Adminduk cepat", actor=None
        )
        iku_in = services.goal_indicator_create(goal=goal_in, name="IDL", unit="%", target=95, actor=None)
        iku_out = services.goal_indicator_create(goal=goal_out, name="Hari KTP", unit="hari", actor=None)
        session_in = services.coaching_session_create(
            employee=p["staff_a"],
            actor=None,
            coach=p["kasi_a1a"],
            kind=CoachingKind.COACHING,
            held_on=dt.date(2026, 3, 2),
            topic="Pencatatan imunisasi",
            plan=plan_in,
        )
        session_out = services.coaching_session_create(
            employee=p["staff_b"],
            actor=None,
            coach=p["kabid_b1"],
            kind=CoachingKind.MENTORING,
            held_on=dt.date(2026, 3, 3),
            topic="Pelayanan KTP",
        )
        notes = {
            r: notify(
                [Message(u.pk, NotificationKind.GENERAL, f"Halo {r}", dedupe_key=f"uji-{r}")], email=False
            )[0]
            for r, u in users.items()
        }
        stranger = make_user(username="orang.lain", instansi=city.instansi)
        stranger_note = notify(
            [Message(stranger.pk, NotificationKind.GENERAL, "Bukan untuk Anda")], email=False
        )[0]
        # another instansi with its own year and plan
        other = InstansiFactory(code="LAIN", name="Pemerintah Kota Lain", region_name="Kota Lain")
        unit = make_unit(instansi=other, name="Dinas Lain", kind=UnitKind.DINAS, code="LAIN-D", is_opd=True)
        head = make_employee(
            instansi=other,
            position=PositionFactory(
                unit=unit, name="Kadis Lain", job_type=JobType.JPT_PRATAMA, is_head=True
            ),
            name="Kadis Lain",
        )
        staff = make_employee(
            instansi=other,
            position=PositionFactory(unit=unit, name="Staf Lain", job_type=JobType.PELAKSANA),
            name="Staf Lain",
        )
        other_year = make_year(instansi=other)
        del head
        plan_foreign = make_plan(year=other_year, employee=staff)
    city.foreign_unit = unit
    return World(
        city=city,
        year=year,
        users=users,
        plan_in=plan_in,
        plan_out=plan_out,
        plan_foreign=plan_foreign,
        kasi_plan=kasi_plan,
        kabid_b_plan=kabid_b_plan,
        rhk_in=rhk_in,
        rhk_out=rhk_out,
        iki_in=iki_in,
        iki_out=iki_out,
        real_in=real_in,
        real_out=real_out,
        goal_in=goal_in,
        goal_out=goal_out,
        iku_in=iku_in,
        iku_out=iku_out,
        session_in=session_in,
        session_out=session_out,
        evidence_out=evidence_out,
        evidence_in=evidence_in,
        links_in=links_in,
        link_out=link_out,
        notes=notes,
        stranger_note=stranger_note,
    )


city = module_city_fixture(_build)  # named `city` so the contract checker gets the World


# --- URL builders -------------------------------------------------------------------------------


def obj(url_name, attr, query=""):
    return lambda w, role: reverse(url_name, args=[getattr(w, attr).pk]) + query


def per_role(url_name, attr, query=""):
    # the anonymous visitor tries the pegawai's object (and is sent to the login page)
    return lambda w, role: (
        reverse(url_name, args=[getattr(w, attr)[role if role in ROLES else "pegawai"].pk]) + query
    )


def plain(url_name, query=""):
    return lambda w, role: reverse(url_name) + query


def opd_page(url_name, unit_attr, extra=""):
    def build(w, role):
        unit = getattr(w.city, unit_attr)
        return reverse(url_name) + f"?opd={unit.pk}&year=2026{extra}"

    return build


def plan_contract(url_name, expected, *, inn="plan_in", out="plan_out", foreign="plan_foreign", **kw):
    return ViewContract(
        url_name,
        url_in=obj(url_name, inn),
        url_out=obj(url_name, out),
        url_foreign=obj(url_name, foreign) if foreign else None,
        expected=expected,
        **kw,
    )


def everyone(access=ALL):
    return dict.fromkeys(ROLES, access)


def only(access_by_role: dict, default=NONE):
    return {r: access_by_role.get(r, default) for r in ROLES}


R302 = Access(302, 302)
S302 = Access(302, 404)  # allowed in scope (redirect after the service answered), 404 out of scope
S200 = SCOPED
READ_ALL = {"admin_bkpsdm": ALL, "pimpinan": ALL, "auditor": ALL}
SEE_PLAN = only({"pegawai": S200, "penilai": S200, "atasan": S200, "admin_opd": S200, **READ_ALL})
EDIT_PLAN = only({"pegawai": S200, "penilai": S200, "admin_opd": S200, "admin_bkpsdm": ALL})
EDIT_PLAN_302 = only({"pegawai": S302, "penilai": S302, "admin_opd": S302, "admin_bkpsdm": R302})
RATER_ONLY = only({"penilai": S200})
REALISE = only({"pegawai": S200, "admin_opd": S200, "admin_bkpsdm": ALL})
OWNER_302 = only({"pegawai": S302})
OWNER_RATER_302 = only({"pegawai": S302, "penilai": S302})
COLLAB = only({"pegawai": S200, "penilai": S200, "admin_opd": S200, "admin_bkpsdm": ALL})
OPD_PAGE = {
    **everyone(S200),
    **READ_ALL,
    "outsider": S200,  # a plain colleague sees her own OPD (with only what her scope holds)
}
GOAL_ADMIN = only({"admin_opd": S200, "admin_bkpsdm": ALL})
SESSION_SEE = only({"pegawai": S200, "penilai": S200, "atasan": S200, "admin_opd": S200, **READ_ALL})
COACH_200 = only({"penilai": S200, "admin_bkpsdm": ALL})
BRANCH = only({"penilai": S200, "atasan": S200, "admin_opd": S200, **READ_ALL})


def foreign_opd(url_name):
    return lambda w, role: reverse(url_name) + f"?opd={w.city.foreign_unit.pk}"


CONTRACTS = [
    # lists
    ViewContract("performance:my_plans", url_in=plain("performance:my_plans"), expected=everyone()),
    ViewContract(
        "performance:plan_review_list", url_in=plain("performance:plan_review_list"), expected=everyone()
    ),
    ViewContract("performance:plan_list", url_in=plain("performance:plan_list"), expected=everyone()),
    ViewContract(
        "performance:plan_list",
        url_in=plain("performance:plan_list", "?status=draft"),
        expected=everyone(),
        htmx=True,
    ),
    ViewContract("performance:plan_create", url_in=plain("performance:plan_create"), expected=everyone()),
    ViewContract(
        "performance:plan_create",
        url_in=plain("performance:plan_create"),
        expected=everyone(),
        method="post",
        data={},
    ),
    # the SKP page and its read-only companions
    plan_contract("performance:plan_detail", SEE_PLAN),
    plan_contract("performance:plan_versions", SEE_PLAN),
    plan_contract("performance:plan_versions", SEE_PLAN, htmx=True),
    ViewContract(
        "performance:evidence_download",
        url_in=lambda w, r: reverse("performance:evidence_download", args=[w.evidence_in["outsider"].pk]),
        url_out=obj("performance:evidence_download", "evidence_out"),
        expected=SEE_PLAN,
    ),
    # drafting
    plan_contract("performance:plan_edit", EDIT_PLAN),
    plan_contract("performance:plan_edit", EDIT_PLAN, method="post", data={}),
    plan_contract("performance:result_add", EDIT_PLAN),
    plan_contract("performance:result_add", EDIT_PLAN, method="post", data={}),
    plan_contract("performance:result_edit", EDIT_PLAN, inn="rhk_in", out="rhk_out", foreign=None),
    plan_contract(
        "performance:result_edit",
        EDIT_PLAN,
        inn="rhk_in",
        out="rhk_out",
        foreign=None,
        method="post",
        data={},
    ),
    # deleting an RHK that a subordinate intervenes is refused: the page answers with the reason
    ViewContract(
        "performance:result_delete",
        url_in=lambda w, r: reverse("performance:result_delete", args=[w.kasi_plan.results.get().pk]),
        url_out=lambda w, r: reverse("performance:result_delete", args=[w.kabid_b_plan.results.get().pk]),
        expected=only({"penilai": S302, "atasan": S302, "admin_opd": S302, "admin_bkpsdm": R302}),
        method="post",
    ),
    plan_contract("performance:indicator_add", EDIT_PLAN, inn="rhk_in", out="rhk_out", foreign=None),
    plan_contract(
        "performance:indicator_add", EDIT_PLAN, inn="rhk_in", out="rhk_out", foreign=None, htmx=True
    ),
    plan_contract(
        "performance:indicator_add",
        EDIT_PLAN,
        inn="rhk_in",
        out="rhk_out",
        foreign=None,
        method="post",
        data={},
    ),
    plan_contract("performance:indicator_edit", EDIT_PLAN, inn="iki_in", out="iki_out", foreign=None),
    plan_contract(
        "performance:indicator_edit",
        EDIT_PLAN,
        inn="iki_in",
        out="iki_out",
        foreign=None,
        method="post",
        data={},
    ),
    # an IKI with realisations cannot be deleted: refused with a message
    plan_contract(
        "performance:indicator_delete",
        EDIT_PLAN_302,
        inn="iki_in",
        out="iki_out",
        foreign=None,
        method="post",
    ),
    # workflow (the plan is a draft: submit works for the owner, the others are refused by state)
    plan_contract("performance:plan_submit", OWNER_302, method="post"),
    plan_contract("performance:plan_withdraw", OWNER_302, method="post"),
    plan_contract("performance:plan_approve", only({"penilai": S302}), method="post"),
    plan_contract("performance:plan_revise", OWNER_RATER_302, method="post", data={}),
    plan_contract("performance:plan_comment", OWNER_RATER_302, method="post", data={}),
    plan_contract("performance:plan_return", RATER_ONLY),
    plan_contract("performance:plan_return", RATER_ONLY, method="post", data={}),
    plan_contract("performance:plan_expectations", RATER_ONLY),
    plan_contract("performance:plan_expectations", only({"penilai": S302}), method="post", data={}),
    # realisations, evidence, feedback
    plan_contract("performance:realisation_record", REALISE, inn="iki_in", out="iki_out", foreign=None),
    plan_contract(
        "performance:realisation_record",
        REALISE,
        inn="iki_in",
        out="iki_out",
        foreign=None,
        method="post",
        data={},
    ),
    ViewContract(
        "performance:evidence_delete",
        url_in=per_role("performance:evidence_delete", "evidence_in"),
        url_out=obj("performance:evidence_delete", "evidence_out"),
        expected=only({"pegawai": S302, "admin_opd": S302, "admin_bkpsdm": R302}),
        method="post",
    ),
    plan_contract(
        "performance:realisation_feedback",
        only({"penilai": S302}),
        inn="real_in",
        out="real_out",
        foreign=None,
        method="post",
        data={},
    ),
    # cascade and collaboration
    plan_contract(
        "performance:result_cascade", only({"pegawai": S200}), inn="rhk_in", out="rhk_out", foreign=None
    ),
    ViewContract(
        "performance:result_cascade",
        url_in=lambda w, r: reverse("performance:result_cascade", args=[w.kasi_plan.results.get().pk]),
        url_out=lambda w, r: reverse("performance:result_cascade", args=[w.kabid_b_plan.results.get().pk]),
        expected=only({"penilai": S200}),
        method="post",
        data={},
    ),
    plan_contract("performance:result_collaborate", COLLAB, inn="rhk_in", out="rhk_out", foreign=None),
    ViewContract(
        "performance:result_collaborate",
        url_in=obj("performance:result_collaborate", "rhk_in", "?q=Kolaborasi"),
        url_out=obj("performance:result_collaborate", "rhk_out", "?q=Kolaborasi"),
        expected=COLLAB,
        htmx=True,
    ),
    plan_contract(
        "performance:result_collaborate",
        only({"pegawai": S302, "penilai": S302, "admin_opd": S302, "admin_bkpsdm": R302}),
        inn="rhk_in",
        out="rhk_out",
        foreign=None,
        method="post",
        data={},
    ),
    ViewContract(
        "performance:collaboration_remove",
        url_in=per_role("performance:collaboration_remove", "links_in"),
        url_out=obj("performance:collaboration_remove", "link_out"),
        expected=only({"pegawai": S302, "penilai": S302, "admin_opd": S302, "admin_bkpsdm": R302}),
        method="post",
    ),
    # OPD pages (OPD in scope / another Dinas / another instansi's unit)
    ViewContract(
        "performance:cascade_tree",
        url_in=opd_page("performance:cascade_tree", "dinas_a"),
        url_out=opd_page("performance:cascade_tree", "dinas_b"),
        url_foreign=foreign_opd("performance:cascade_tree"),
        expected={**OPD_PAGE, "outsider": S200},
    ),
    ViewContract(
        "performance:cascade_tree",
        url_in=opd_page("performance:cascade_tree", "dinas_a", "&flag=plan_not_approved"),
        url_out=opd_page("performance:cascade_tree", "dinas_b", "&flag=plan_not_approved"),
        expected=OPD_PAGE,
        htmx=True,
    ),
    ViewContract(
        "performance:cascade_tree",
        url_in=lambda w, r: (
            reverse("performance:cascade_tree")
            + f"?opd={w.city.dinas_a.pk}&year=2026&node={w.kasi_plan.results.get().pk}"
        ),
        url_out=lambda w, r: (
            reverse("performance:cascade_tree")
            + f"?opd={w.city.dinas_b.pk}&year=2026&node={w.kabid_b_plan.results.get().pk}"
        ),
        expected=BRANCH,
        htmx=True,
    ),
    ViewContract(
        "performance:opd_progress",
        url_in=opd_page("performance:opd_progress", "dinas_a"),
        url_out=opd_page("performance:opd_progress", "dinas_b"),
        url_foreign=foreign_opd("performance:opd_progress"),
        expected=OPD_PAGE,
    ),
    ViewContract(
        "performance:early_warning",
        url_in=opd_page("performance:early_warning", "dinas_a", "&scope=opd"),
        url_out=opd_page("performance:early_warning", "dinas_b", "&scope=opd"),
        url_foreign=lambda w, r: (
            reverse("performance:early_warning") + f"?scope=opd&opd={w.city.foreign_unit.pk}"
        ),
        expected=OPD_PAGE,
    ),
    ViewContract(
        "performance:early_warning",
        url_in=plain("performance:early_warning", "?scope=rated"),
        expected=everyone(),
    ),
    # goals, years, library
    ViewContract(
        "performance:goal_list",
        url_in=opd_page("performance:goal_list", "dinas_a"),
        url_out=opd_page("performance:goal_list", "dinas_b"),
        url_foreign=foreign_opd("performance:goal_list"),
        expected=everyone(),
    ),
    ViewContract(
        "performance:goal_create",
        url_in=opd_page("performance:goal_create", "dinas_a", "&level=opd"),
        url_out=opd_page("performance:goal_create", "dinas_b", "&level=opd"),
        url_foreign=lambda w, r: (
            reverse("performance:goal_create") + f"?year=2026&level=opd&opd={w.city.foreign_unit.pk}"
        ),
        expected=GOAL_ADMIN,
    ),
    ViewContract(
        "performance:goal_create",
        url_in=plain("performance:goal_create", "?year=2026&level=city"),
        expected=only({"admin_bkpsdm": ALL}),
        method="post",
        data={},
    ),
    plan_contract("performance:goal_edit", GOAL_ADMIN, inn="goal_in", out="goal_out", foreign=None),
    plan_contract(
        "performance:goal_edit",
        GOAL_ADMIN,
        inn="goal_in",
        out="goal_out",
        foreign=None,
        method="post",
        data={},
    ),
    plan_contract(
        "performance:goal_indicator_create", GOAL_ADMIN, inn="goal_in", out="goal_out", foreign=None
    ),
    plan_contract(
        "performance:goal_indicator_create",
        GOAL_ADMIN,
        inn="goal_in",
        out="goal_out",
        foreign=None,
        method="post",
        data={},
    ),
    plan_contract("performance:goal_indicator_edit", GOAL_ADMIN, inn="iku_in", out="iku_out", foreign=None),
    plan_contract(
        "performance:goal_indicator_edit",
        GOAL_ADMIN,
        inn="iku_in",
        out="iku_out",
        foreign=None,
        method="post",
        data={},
    ),
    ViewContract("performance:year_list", url_in=plain("performance:year_list"), expected=everyone()),
    ViewContract(
        "performance:year_create",
        url_in=plain("performance:year_create"),
        expected=only({"admin_bkpsdm": ALL}),
        method="post",
        data={},
    ),
    ViewContract(
        "performance:year_edit",
        url_in=obj("performance:year_edit", "year"),
        expected=only({"admin_bkpsdm": ALL}),
    ),
    ViewContract(
        "performance:year_edit",
        url_in=obj("performance:year_edit", "year"),
        expected=only({"admin_bkpsdm": ALL}),
        method="post",
        data={},
    ),
    ViewContract(
        "performance:year_transition",
        url_in=obj("performance:year_transition", "year"),
        expected=only({"admin_bkpsdm": R302}),
        method="post",
        data={},
    ),
    ViewContract("performance:library", url_in=plain("performance:library"), expected=everyone()),
    ViewContract(
        "performance:library",
        url_in=plain("performance:library", "?sector=kesehatan"),
        expected=everyone(),
        htmx=True,
    ),
    # coaching
    ViewContract("performance:coaching_list", url_in=plain("performance:coaching_list"), expected=everyone()),
    ViewContract(
        "performance:coaching_create",
        url_in=plain("performance:coaching_create"),
        expected=only({"penilai": ALL, "atasan": ALL}),
    ),
    ViewContract(
        "performance:coaching_create",
        url_in=plain("performance:coaching_create"),
        expected=only({"penilai": ALL, "atasan": ALL}),
        method="post",
        data={},
    ),
    plan_contract(
        "performance:coaching_detail", SESSION_SEE, inn="session_in", out="session_out", foreign=None
    ),
    plan_contract(
        "performance:coaching_feedback",
        only({"pegawai": S200}),
        inn="session_in",
        out="session_out",
        foreign=None,
        method="post",
        data={},
    ),
    plan_contract(
        "performance:coaching_ratings",
        COACH_200,
        inn="session_in",
        out="session_out",
        foreign=None,
        method="post",
        data={},
    ),
    plan_contract(
        "performance:coaching_follow_up",
        COACH_200,
        inn="session_in",
        out="session_out",
        foreign=None,
        method="post",
        data={},
    ),
    # notifications: one's own (in) and somebody else's (out)
    ViewContract(
        "performance:notification_list", url_in=plain("performance:notification_list"), expected=everyone()
    ),
    ViewContract(
        "performance:notification_list",
        url_in=plain("performance:notification_list", "?unread=1"),
        expected=everyone(),
        htmx=True,
    ),
    ViewContract(
        "performance:notification_read",
        url_in=per_role("performance:notification_read", "notes"),
        url_out=obj("performance:notification_read", "stranger_note"),
        expected=everyone(S302),
        method="post",
    ),
    ViewContract(
        "performance:notification_read_all",
        url_in=plain("performance:notification_read_all"),
        expected=everyone(R302),
        method="post",
    ),
]


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


def test_every_performance_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=[
            f"pembina.performance.views.{m}"
            for m in (
                "plans",
                "workflow",
                "items",
                "monitoring",
                "cascade",
                "goals",
                "coaching",
                "notifications",
            )
        ],
    )


def test_the_matrix_catches_a_leak(city, client, login):
    """The checker must fail when a role's expectation is wrong (no tautology)."""
    wrong = {**SEE_PLAN, "outsider": ALL}
    contract = plan_contract("performance:plan_detail", wrong)
    with pytest.raises(AssertionError, match="outsider +in"):
        check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


# --- the workflow through the forms ----------------------------------------------------------------


def web_entries(response, object_type, pk=None):
    """Audit entries written by this request (source web, same request id)."""
    qs = AuditEntry.objects.filter(request_id=response["X-Request-ID"], source="web", object_type=object_type)
    if pk is not None:
        qs = qs.filter(object_id=str(pk))
    return qs


def page(client, plan):
    r = client.get(reverse("performance:plan_detail", args=[plan.pk]))
    assert r.status_code == 200
    return r.content.decode()


def test_submit_return_with_notes_fix_resubmit_approve(city, login):
    w = city
    plan, rhk, iki = w.plan_in, w.rhk_in, w.iki_in
    owner, rater = w.users["pegawai"], w.users["penilai"]
    c = login(owner)
    r = c.post(reverse("performance:plan_submit", args=[plan.pk]), {"comment": "Mohon ditinjau"})
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    entry = web_entries(r, "performance.performanceplan", plan.pk).get()
    assert entry.actor_id == owner.pk and entry.after["status"] == "submitted"

    c = login(rater)
    form_page = c.get(reverse("performance:plan_return", args=[plan.pk]))
    assert f"result_{rhk.pk}" in form_page.context["form"].fields
    r = c.post(
        reverse("performance:plan_return", args=[plan.pk]),
        {
            "summary": "Target terlalu rendah",
            f"result_{rhk.pk}": "Rumuskan hasil, bukan kegiatan",
            f"indicator_{iki.pk}": "Naikkan target",
        },
    )
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED
    notes = PlanComment.objects.filter(plan=plan, is_return_note=True, resolved_at__isnull=True)
    assert {(n.result_id, n.indicator_id) for n in notes} == {(None, None), (rhk.pk, None), (rhk.pk, iki.pk)}
    assert web_entries(r, "performance.plancomment").count() == 3
    assert web_entries(r, "performance.performanceplan", plan.pk).get().actor_id == rater.pk

    c = login(owner)
    body = page(c, plan)
    assert 'data-testid="returned-notice"' in body and "Target terlalu rendah" in body
    assert "Rumuskan hasil, bukan kegiatan" in body
    r = c.post(
        reverse("performance:result_edit", args=[rhk.pk]),
        {
            "kind": "utama",
            "statement": "Data imunisasi lengkap dan tepat waktu",
            "parent_result": rhk.parent_result_id,
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    assert (
        web_entries(r, "performance.plannedresult", rhk.pk)
        .get()
        .after["statement"]
        .startswith("Data imunisasi")
    )
    c.post(reverse("performance:plan_submit", args=[plan.pk]), {})
    c = login(rater)
    r = c.post(reverse("performance:plan_approve", args=[plan.pk]), {"comment": "Setuju"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_version == 2
    assert web_entries(r, "performance.planversion").count() == 1
    assert not PlanComment.objects.filter(plan=plan, is_return_note=True, resolved_at__isnull=True).exists()
    diff = c.get(reverse("performance:plan_versions", args=[plan.pk]), {"from": 1, "to": 2})
    assert any(ch["field"] == "statement" for ch in diff.context["changes"])
    assert "Data imunisasi lengkap" in diff.content.decode()


def test_return_without_a_note_is_refused_and_changes_nothing(city, login):
    w = city
    services.plan_submit(plan=w.plan_in, actor=None)
    before = AuditEntry.objects.count()
    r = login(w.users["penilai"]).post(
        reverse("performance:plan_return", args=[w.plan_in.pk]), {"summary": "  "}
    )
    assert r.status_code == 200
    assert "Tuliskan alasan pengembalian SKP" in r.content.decode()
    w.plan_in.refresh_from_db()
    assert w.plan_in.status == PlanStatus.SUBMITTED and AuditEntry.objects.count() == before


def test_state_refusal_is_shown_in_indonesian(city, login):
    r = login(city.users["penilai"]).post(
        reverse("performance:plan_approve", args=[city.plan_in.pk]), follow=True
    )
    assert "SKP berstatus Konsep; tidak dapat menyetujui." in r.content.decode()
    city.plan_in.refresh_from_db()
    assert city.plan_in.status == PlanStatus.DRAFT


def test_withdraw_and_revise(city, login):
    w = city
    c = login(w.users["pegawai"])
    c.post(reverse("performance:plan_submit", args=[w.plan_in.pk]))
    r = c.post(reverse("performance:plan_withdraw", args=[w.plan_in.pk]))
    w.plan_in.refresh_from_db()
    assert w.plan_in.status == PlanStatus.DRAFT
    assert web_entries(r, "performance.planevent").get().after["kind"] == "withdrawn"
    c.post(reverse("performance:plan_submit", args=[w.plan_in.pk]))
    services.plan_approve(plan=w.plan_in, actor=None)
    r = c.post(reverse("performance:plan_revise", args=[w.plan_in.pk]), {"reason": ""}, follow=True)
    assert "wajib diisi" in r.content.decode() or "harus diisi" in r.content.decode()
    r = c.post(
        reverse("performance:plan_revise", args=[w.plan_in.pk]), {"reason": "Tugas tambahan dari Kadis"}
    )
    w.plan_in.refresh_from_db()
    assert w.plan_in.status == PlanStatus.DRAFT and w.plan_in.version == 3
    assert web_entries(r, "performance.performanceplan", w.plan_in.pk).exists()


def test_dialog_kinerja_thread_per_rhk(city, login):
    w = city
    r = login(w.users["pegawai"]).post(
        reverse("performance:plan_comment", args=[w.plan_in.pk]),
        {"body": "Apakah target 12 wajar?", "result": w.rhk_in.pk},
    )
    assert r.status_code == 302 and r["Location"].endswith(f"#rhk-{w.rhk_in.pk}")
    comment = web_entries(r, "performance.plancomment").get()
    assert comment.after["result_id"] == w.rhk_in.pk
    c = login(w.users["penilai"])
    c.post(
        reverse("performance:plan_comment", args=[w.plan_in.pk]),
        {"body": "Wajar, sesuai data tahun lalu", "result": w.rhk_in.pk},
    )
    body = page(c, w.plan_in)
    thread = body[body.index(f'data-testid="thread-{w.rhk_in.pk}"') :]
    assert thread.index("Apakah target 12 wajar?") < thread.index("Wajar, sesuai data tahun lalu")
    # an RHK of another plan cannot be commented through this plan
    r = c.post(
        reverse("performance:plan_comment", args=[w.plan_in.pk]),
        {"body": "x", "result": w.rhk_out.pk},
        follow=True,
    )
    assert "RHK bukan bagian SKP ini." in r.content.decode()


def test_draft_rhk_on_the_superior_rhk_and_iki_from_the_library(city, login):
    w = city
    c = login(w.users["pegawai"])
    form = c.get(reverse("performance:result_add", args=[w.plan_in.pk])).context["form"]
    kasi_rhk = w.kasi_plan.results.get()
    assert list(form.fields["parent_result"].queryset) == [kasi_rhk]
    # a superior RHK that is not the rater's is not offered, and refused when forced
    r = c.post(
        reverse("performance:result_add", args=[w.plan_in.pk]),
        {"kind": "utama", "statement": "X", "parent_result": w.kabid_b_plan.results.get().pk},
    )
    assert r.status_code == 200 and r.context["form"].errors["parent_result"]
    r = c.post(
        reverse("performance:result_add", args=[w.plan_in.pk]),
        {"kind": "tambahan", "statement": "Laporan cakupan imunisasi bulanan", "parent_result": kasi_rhk.pk},
    )
    assert r.status_code == 302
    new = PlannedResult.objects.get(plan=w.plan_in, statement="Laporan cakupan imunisasi bulanan")
    assert new.parent_result == kasi_rhk and web_entries(r, "performance.plannedresult", new.pk).exists()
    template = IndicatorTemplate.objects.filter(sector="kesehatan").order_by("name").first()
    search = c.get(
        reverse("performance:indicator_add", args=[new.pk]),
        {"sector": "kesehatan"},
        headers={"HX-Request": "true"},
    )
    assert template.name in search.content.decode() and "<html" not in search.content.decode()
    prefilled = c.get(reverse("performance:indicator_add", args=[new.pk]), {"template": template.pk})
    assert prefilled.context["form"].initial["name"] == template.name
    data = {
        "template": template.pk,
        "aspect": template.aspect,
        "name": template.name,
        "target": "90",
        "unit": template.unit,
        "direction": template.direction,
        "aggregation": template.aggregation,
        "data_source": template.data_source,
    }
    r = c.post(reverse("performance:indicator_add", args=[new.pk]), data)
    assert r.status_code == 302
    ind = Indicator.objects.get(result=new)
    assert ind.template == template and ind.target == 90 and ind.unit == template.unit
    assert web_entries(r, "performance.indicator", ind.pk).get().source == "web"
    body = page(c, w.plan_in)
    assert "Laporan cakupan imunisasi bulanan" in body and "dari pustaka" in body


def test_indicator_bad_target_is_refused_with_the_field(city, login):
    c = login(city.users["pegawai"])
    r = c.post(
        reverse("performance:indicator_add", args=[city.rhk_in.pk]),
        {
            "aspect": "kuantitas",
            "name": "Dokumen",
            "target": "",
            "unit": "dok",
            "direction": "higher",
            "aggregation": "sum",
        },
    )
    assert r.status_code == 200
    assert "Target wajib diisi" in " ".join(
        r.context["form"].errors.get("target", []) + r.context["form"].non_field_errors()
    )
    assert Indicator.objects.filter(result=city.rhk_in).count() == 1


def test_realisation_with_evidence_then_feedback(city, login):
    w = city
    q2 = w.year.periods.get(number=2)
    c = login(w.users["pegawai"])
    r = c.post(
        reverse("performance:realisation_record", args=[w.iki_in.pk]),
        {
            "period": q2.pk,
            "value": "4,5",
            "narrative": "Empat setengah",
            "file": _upload("laporan q2.pdf"),
            "description": "Rekap",
        },
    )
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    real = Realisation.objects.get(indicator=w.iki_in, period=q2)
    ev = real.evidence.get()
    assert str(real.value) == "4.5000" and ev.original_name == "laporan q2.pdf"
    assert (
        web_entries(r, "performance.realisation", real.pk).exists()
        and web_entries(r, "performance.evidence", ev.pk).exists()
    )
    download = c.get(reverse("performance:evidence_download", args=[ev.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    c = login(w.users["penilai"])
    r = c.post(reverse("performance:realisation_feedback", args=[real.pk]), {"body": "Bagus, pertahankan"})
    fb = RealisationFeedback.objects.get(realisation=real)
    assert (
        fb.body == "Bagus, pertahankan" and web_entries(r, "performance.realisationfeedback", fb.pk).exists()
    )
    assert Notification.objects.filter(recipient=w.users["pegawai"], kind="feedback").exists()
    assert "Bagus, pertahankan" in page(c, w.plan_in)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("laporan.pdf", EXE, "tidak sesuai dengan ekstensi"),
        ("program.exe", EXE, "tidak diterima"),
        ("../../etc/passwd.pdf", EXE, "tidak sesuai"),
    ],
)
def test_bad_evidence_shows_the_domain_error_and_saves_nothing(city, login, name, data, message):
    w = city
    q3 = w.year.periods.get(number=3)
    before = (Realisation.objects.count(), Evidence.objects.count(), AuditEntry.objects.count())
    r = login(w.users["pegawai"]).post(
        reverse("performance:realisation_record", args=[w.iki_in.pk]),
        {"period": q3.pk, "value": "3", "file": SimpleUploadedFile(name, data)},
    )
    assert r.status_code == 200
    errors = " ".join(r.context["form"].errors["file"])
    assert message in errors and "/" not in errors.split("Berkas")[-1].split(" ")[1]
    assert (Realisation.objects.count(), Evidence.objects.count(), AuditEntry.objects.count()) == before


def test_collaboration_is_visible_from_both_plans(city, login):
    w = city
    c = login(w.users["pegawai"])
    r = c.get(
        reverse("performance:result_collaborate", args=[w.rhk_in.pk]),
        {"q": "Hadi"},
        headers={"HX-Request": "true"},
    )
    candidates = r.context["candidates"]
    assert w.rhk_out in candidates and all(x.plan.unit_id != w.plan_in.unit_id for x in candidates)
    r = c.post(
        reverse("performance:result_collaborate", args=[w.rhk_in.pk]),
        {"other": w.rhk_out.pk, "note": "Data bersama"},
    )
    link = ResultLink.objects.get(note="Data bersama")
    assert web_entries(r, "performance.resultlink", link.pk).exists()
    assert "Data bersama" in page(c, w.plan_in)
    admin = login(w.users["admin_bkpsdm"])
    assert "Data bersama" in page(admin, w.plan_out)


def test_cascade_an_rhk_to_subordinates(city, login):
    w = city
    kasi_rhk = w.kasi_plan.results.get()
    c = login(w.users["penilai"])
    form = c.get(reverse("performance:result_cascade", args=[kasi_rhk.pk])).context["form"]
    offered = set(form.fields["employees"].queryset)
    assert offered == {w.city.people["staff_a"], w.city.people["staff_a2"]}
    r = c.post(
        reverse("performance:result_cascade", args=[kasi_rhk.pk]),
        {
            "employees": [e.pk for e in offered],
            "statement": "Cakupan imunisasi dasar lengkap",
            "copy_indicators": "on",
        },
    )
    assert r.status_code == 302
    eka = PerformancePlan.objects.get(employee=w.city.people["staff_a2"])
    assert eka.status == PlanStatus.DRAFT
    copies = PlannedResult.objects.filter(cascaded_from=kasi_rhk, statement="Cakupan imunisasi dasar lengkap")
    assert {x.plan.employee_id for x in copies} == {e.pk for e in offered}
    assert all(x.indicators.count() == 1 for x in copies)
    assert web_entries(r, "performance.plannedresult").count() == 2


def test_expectations_by_the_rater(city, login):
    w = city
    c = login(w.users["penilai"])
    form = c.get(reverse("performance:plan_expectations", args=[w.plan_in.pk])).context["form"]
    first = form.behaviours[0]
    r = c.post(
        reverse("performance:plan_expectations", args=[w.plan_in.pk]),
        {f"value_{first.value_id}": "Ramah kepada ibu balita"},
    )
    assert r.status_code == 302
    assert web_entries(r, "performance.planbehaviour").get().after["expectation"] == "Ramah kepada ibu balita"
    assert "Ramah kepada ibu balita" in page(c, w.plan_in)


def test_an_employee_drafts_her_own_plan(city, login):
    w = city
    eka = w.city.people["staff_a2"]
    c = login(w.users["outsider"])
    assert 'data-testid="draft-plan"' in c.get(reverse("performance:my_plans")).content.decode()
    r = c.post(
        reverse("performance:plan_create"), {"year": w.year.pk, "employee": eka.pk, "approach": "kuantitatif"}
    )
    plan = PerformancePlan.objects.get(employee=eka)
    assert r["Location"] == reverse("performance:plan_detail", args=[plan.pk])
    assert (
        plan.header["rater"]["name"] == "Citra Kasi"
        and web_entries(r, "performance.performanceplan", plan.pk).exists()
    )
    r = c.post(
        reverse("performance:plan_create"), {"year": w.year.pk, "employee": eka.pk, "approach": "kuantitatif"}
    )
    assert r.status_code == 200 and "sudah mempunyai SKP" in r.content.decode()
    # somebody else's id is not a choice for a plain employee
    r = c.post(
        reverse("performance:plan_create"),
        {"year": w.year.pk, "employee": w.city.people["staff_b"].pk, "approach": "kuantitatif"},
    )
    assert r.status_code == 200 and r.context["form"].errors["employee"]


def test_goals_and_iku_by_the_admin_opd(city, login):
    w = city
    c = login(w.users["admin_opd"])
    url = reverse("performance:goal_create") + f"?year=2026&level=opd&opd={w.city.dinas_a.pk}"
    r = c.post(url, {"code": "SS2", "statement": "Menurunnya angka stunting", "parent": ""})
    assert r.status_code == 302
    goal = web_entries(r, "performance.goal").get()
    r = c.post(
        reverse("performance:goal_indicator_create", args=[goal.object_id]),
        {
            "name": "Prevalensi stunting",
            "target": "14",
            "unit": "%",
            "direction": "lower",
            "aggregation": "last",
        },
    )
    assert r.status_code == 302 and web_entries(r, "performance.goalindicator").exists()
    body = c.get(reverse("performance:goal_list") + f"?year=2026&opd={w.city.dinas_a.pk}").content.decode()
    assert "Menurunnya angka stunting" in body and "Prevalensi stunting" in body


def test_years_by_the_admin_bkpsdm(city, login):
    c = login(city.users["admin_bkpsdm"])
    r = c.post(
        reverse("performance:year_create"), {"year": 2027, "interval": "monthly", "realisation_grace_days": 7}
    )
    assert r.status_code == 302
    created = web_entries(r, "performance.performanceyear").get()
    y = PerformanceYear.objects.get(pk=created.object_id)
    assert y.periods.count() == 12
    r = c.post(
        reverse("performance:year_create"), {"year": 2027, "interval": "monthly", "realisation_grace_days": 7}
    )
    assert r.status_code == 200 and "sudah ada" in r.content.decode()
    r = c.post(
        reverse("performance:year_transition", args=[y.pk]), {"to_state": YearState.CLOSED}, follow=True
    )
    assert "tidak dapat berpindah" in r.content.decode()
    c.post(reverse("performance:year_transition", args=[y.pk]), {"to_state": YearState.RUNNING})
    y.refresh_from_db()
    assert y.state == YearState.RUNNING


def test_coaching_session_b18_and_b19(city, login):
    w = city
    staff = w.city.people["staff_a"]
    c = login(w.users["penilai"])
    r = c.post(
        reverse("performance:coaching_create"),
        {
            "employee": staff.pk,
            "kind": "coaching",
            "held_on": "2026-05-04",
            "topic": "Ketepatan laporan",
            "status": "held",
        },
    )
    assert r.status_code == 302
    session_id = web_entries(r, "performance.coachingsession").get().object_id
    session = CoachingSession.objects.get(pk=session_id)
    assert session.plan == w.plan_in and session.coach == w.city.people["kasi_a1a"]
    # B.1.9 by the coach; a row without a score is refused with its row number
    r = c.post(
        reverse("performance:coaching_ratings", args=[session.pk]),
        {"rows": 5, "competency_1": "Analisis data", "score_1": ""},
    )
    assert r.status_code == 200 and "Baris 1 (Analisis data)" in r.content.decode()
    r = c.post(
        reverse("performance:coaching_ratings", args=[session.pk]),
        {"rows": 5, "competency_1": "Analisis data", "score_1": "4", "reason_1": "Sudah memakai dasbor"},
    )
    assert r.status_code == 302 and CompetencyRating.objects.get(session=session).score == 4
    # B.1.8 by the employee: all nine answers are needed
    c = login(w.users["pegawai"])
    from pembina.performance.rules.coaching import CRITERIA_CODES

    r = c.post(reverse("performance:coaching_feedback", args=[session.pk]), {CRITERIA_CODES[0]: "1"})
    assert r.status_code == 200 and "Jawab ya atau tidak." in r.content.decode()
    answers = dict.fromkeys(CRITERIA_CODES, "1") | {CRITERIA_CODES[-1]: "0"}
    r = c.post(
        reverse("performance:coaching_feedback", args=[session.pk]), {**answers, "comment": "Bermanfaat"}
    )
    assert r.status_code == 302
    form = CoachingFeedback.objects.get(session=session)
    assert form.answers[CRITERIA_CODES[0]] is True and form.answers[CRITERIA_CODES[-1]] is False
    assert web_entries(r, "performance.coachingfeedback", form.pk).exists()


def test_notifications_badge_and_mark_read(city, login):
    w = city
    c = login(w.users["pegawai"])
    unread = Notification.objects.filter(recipient=w.users["pegawai"], read_at__isnull=True).count()
    assert unread >= 1
    body = c.get(reverse("performance:my_plans")).content.decode()
    assert f'data-testid="unread-count">{unread}<' in body
    note = w.notes["pegawai"]
    r = c.post(reverse("performance:notification_read", args=[note.pk]), headers={"HX-Request": "true"})
    assert (
        r.status_code == 200
        and "<html" not in r.content.decode()
        and f'id="notif-{note.pk}"' in r.content.decode()
    )
    note.refresh_from_db()
    assert note.read_at is not None
    assert (
        f'data-testid="unread-count">{unread - 1}<' in c.get(reverse("performance:my_plans")).content.decode()
    )
    c.post(reverse("performance:notification_read_all"))
    assert 'data-testid="unread-count"' not in c.get(reverse("performance:my_plans")).content.decode()
    # another user's notification does not exist for her
    assert c.post(reverse("performance:notification_read", args=[w.stranger_note.pk])).status_code == 404
    w.stranger_note.refresh_from_db()
    assert w.stranger_note.read_at is None


def test_early_warning_lists_missing_realisations_for_the_rater(city, login):
    r = login(city.users["penilai"]).get(reverse("performance:early_warning"), {"scope": "rated"})
    names = {plan.employee.name for plan, _f in r.context["rows"]}
    assert names == {"Dedi Staf"}  # Q2 and Q3 of 2026 ended without a realisation


# --- constant query counts -----------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
        assert r.status_code == 200
    return len(ctx.captured_queries)


def test_skp_page_queries_do_not_grow(city, login):
    w = city
    c = login(w.users["penilai"])
    url = reverse("performance:plan_detail", args=[w.plan_in.pk])
    small = count_queries(c, url)
    periods = list(w.year.periods.all())
    for i in range(6):
        r = services.result_add(plan=w.plan_in, statement=f"RHK tambahan {i}", kind="tambahan", actor=None)
        for j in range(2):
            services.indicator_add(result=r, name=f"IKI {i}.{j}", target=10, unit="x", actor=None)
        services.plan_comment_add(plan=w.plan_in, result=r, body=f"komentar {i}", actor=None)
        other = services.result_add(plan=w.plan_out, statement=f"Mitra {i}", actor=None)
        services.result_collaborate(result=r, other=other, actor=None)
    for period in periods:
        real = services.realisation_record(indicator=w.iki_in, period=period, value=3, actor=None)
        services.evidence_add(realisation=real, upload=_upload(), actor=None)
        services.realisation_feedback_add(realisation=real, body="ok", actor=None)
    large = count_queries(c, url)
    assert large == small, f"SKP page: {small} queries small, {large} large"


def grow_opd(w, n):
    staff = extra_staff(w.city, n)
    services.results_cascade(source_result=w.kasi_plan.results.get(), employees=staff, actor=None)


@pytest.mark.parametrize("url_name", ["performance:cascade_tree", "performance:opd_progress"])
@pytest.mark.parametrize("role", ["admin_opd", "pimpinan"])
def test_opd_pages_queries_do_not_grow(city, login, url_name, role):
    w = city
    c = login(w.users[role])
    url = reverse(url_name) + f"?opd={w.city.dinas_a.pk}&year=2026"
    grow_opd(w, 2)
    small = count_queries(c, url)
    grow_opd(w, 30)
    large = count_queries(c, url)
    assert large == small, f"{url_name}: {small} queries small, {large} large"


def test_app_root_opens_my_plans(client, db):
    response = client.get("/kinerja/")
    assert response.status_code == 302 and response.url == "/kinerja/skp/saya/"
