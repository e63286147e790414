"""The demo city (`pembina demo`): valid people, consistent placements, logins, determinism, audit.

The city is built once per module (300 employees, inside a transaction rolled back at the end);
each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from pembina.core.audit.recorder import verify_chain
from pembina.org.choices import AsnStatus, AssignmentKind, JobType, UnitKind
from pembina.org.demo import catalogue
from pembina.org.demo.builder import DEMO_CODE, DEMO_PASSWORD, logins
from pembina.org.demo.plan import REFERENCE_DATE, make_plan
from pembina.org.models import Assignment, Employee, Instansi, Position, SupervisorOverride, Unit
from pembina.org.rules import nip as nip_rules
from pembina.org.rules import ranks
from pembina.org.selectors import superior_chain, superiors_for

SIZE = 300
SEED = 7


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("demo", employees=SIZE, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output, db):
    cache.clear()  # allauth keeps used TOTP codes and rate limits in the cache
    yield Instansi.objects.get(code=DEMO_CODE)
    cache.clear()


def _employees(instansi):
    return list(
        Employee.objects.filter(instansi=instansi).select_related(
            "current_position", "current_unit", "current_opd"
        )
    )


# --- the plan (pure) ----------------------------------------------------------------------------


def test_same_seed_same_plan_other_seed_other_people():
    a = make_plan(seed=SEED, size=SIZE)
    b = make_plan(seed=SEED, size=SIZE)
    c = make_plan(seed=SEED + 1, size=SIZE)
    assert a.fingerprint() == b.fingerprint()
    assert [e.nip for e in a.employees] != [e.nip for e in c.employees]


def test_every_position_of_the_catalogue_has_titles_for_each_of_its_levels():
    for job in catalogue.JOBS.values():
        for level, share in job.levels:
            assert share > 0
            assert job.titles_for(level), (job.key, level)


def test_default_size_puts_education_and_health_on_top():
    plan = make_plan(seed=2026, size=5000)
    by_opd = Counter()
    for e in plan.employees:
        unit = plan.units[plan.positions[e.position].unit]
        by_opd[plan.units[unit.opd].name] += 1
    top = [name for name, _n in by_opd.most_common(3)]
    assert top == [
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Kesehatan",
        "RSUD Sultan Syarif Mohamad Alkadrie",
    ]
    assert len(plan.employees) == 5000
    statuses = Counter(e.asn_status for e in plan.employees)
    assert statuses[AsnStatus.PNS] > statuses[AsnStatus.PPPK] > statuses[AsnStatus.CPNS] > 0
    heads = [p for p in plan.positions if p.is_head]
    filled = {a.position for e in plan.employees for a in e.assignments if a.end is None}
    vacant = [p for p in heads if p.idx not in filled]
    assert 0 < len(vacant) <= 10  # "every head position filled except a handful"


# --- what the command wrote ---------------------------------------------------------------------


def test_the_organisation_tree(demo):
    units = list(Unit.objects.filter(instansi=demo).select_related("parent"))
    by_kind = Counter(u.kind for u in units)
    assert by_kind[UnitKind.KECAMATAN] == 6
    assert by_kind[UnitKind.KELURAHAN] == 29
    assert by_kind[UnitKind.PUSKESMAS] >= 20
    opds = [u for u in units if u.is_opd]
    assert 28 <= len(opds) <= 35
    names = {u.name for u in opds}
    for name in (
        "Sekretariat Daerah",
        "Inspektorat",
        "Dinas Kesehatan",
        "Badan Pendapatan Daerah",
        "Kecamatan Pontianak Utara",
    ):
        assert name in names
    by_pk = {u.pk: u for u in units}
    for u in units:
        expected = (u.parent.path if u.parent else "") + Unit.path_segment(u.pk)
        assert u.path == expected and u.depth == expected.count("/") - 1
        node = u
        while node is not None and not node.is_opd:
            node = by_pk.get(node.parent_id)
        assert u.opd_id == (node.pk if node else None), u.name
    heads = Counter(
        Position.objects.filter(unit__instansi=demo, is_head=True).values_list("unit_id", flat=True)
    )
    for u in units:
        has_head = u.kind not in (UnitKind.PEMDA, UnitKind.SEKOLAH)
        assert heads.get(u.pk, 0) == (1 if has_head else 0), u.name


def test_positions_follow_the_rules(demo):
    for p in Position.objects.filter(instansi=demo).select_related("unit"):
        p.clean()
        if p.is_head:
            assert p.job_type in (JobType.JPT_PRATAMA, JobType.ADMINISTRATOR, JobType.PENGAWAS)
    jpt = set(
        Position.objects.filter(instansi=demo, is_head=True, unit__is_opd=True).values_list(
            "job_type", flat=True
        )
    )
    assert jpt == {JobType.JPT_PRATAMA, JobType.ADMINISTRATOR}  # camat: administrator
    assert Position.objects.get(instansi=demo, name="Camat Pontianak Kota").job_type == JobType.ADMINISTRATOR
    assert Position.objects.get(instansi=demo, name="Lurah Sungai Bangkong").job_type == JobType.PENGAWAS


def test_every_nip_is_valid_unique_and_matches_birth_and_gender(demo):
    employees = _employees(demo)
    assert len(employees) == SIZE
    assert len({e.nip for e in employees}) == SIZE
    prefixes = Counter(e.nip[:15] for e in employees)
    for e in employees:
        e.clean()  # NIP, birth date, gender and golongan against the model's own rules
        kind = nip_rules.PPPK if e.asn_status == AsnStatus.PPPK else nip_rules.PNS
        info = nip_rules.parse(e.nip, kind=kind)
        assert (info.birth_date, info.gender) == (e.birth_date, e.gender)
        if prefixes[e.nip[:15]] == 1:
            assert info.sequence == 1  # a prefix of its own starts at 001
    # same first 15 digits → the sequence counts up 001, 002, …
    groups: dict[str, list[int]] = {}
    for e in employees:
        groups.setdefault(e.nip[:15], []).append(int(e.nip[15:]))
    for seqs in groups.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_ranks_ages_and_titles_fit_the_job(demo):
    ref = min(REFERENCE_DATE, dt.date.today())
    for e in _employees(demo):
        pos = e.current_position
        age = (ref - e.birth_date).days / 365.25
        assert 18 <= age <= 65, (e, age)
        if e.asn_status == AsnStatus.PPPK:
            assert e.rank in ranks.PPPK_CODES
            assert not pos.is_head
        else:
            assert e.rank in ranks.PNS_CODES
        if pos.job_type == JobType.JPT_PRATAMA:
            assert ranks.rank_order(e.rank) >= ranks.rank_order("IV/b"), e
        if pos.name.startswith("Dokter ") and "Gigi" not in pos.name:
            assert e.front_title == "dr."
        if pos.name.startswith("Perawat Ahli"):
            assert e.front_title == "Ns."
        if pos.name.startswith("Guru "):
            assert e.back_title.startswith(("S.Pd", "S.Ag", "S.Si", "S.Or", "S.S", "S.Kom", "S.Psi", "S.Sn"))
        assert e.rank_since is not None and e.rank_since <= ref


def test_one_open_definitive_assignment_and_consistent_current_fields(demo):
    employees = _employees(demo)
    open_def: dict[int, list[Assignment]] = {}
    history = Counter()
    for a in Assignment.objects.filter(employee__instansi=demo).select_related("unit"):
        history[a.employee_id] += 1
        if a.kind == AssignmentKind.DEFINITIVE and a.end_date is None:
            open_def.setdefault(a.employee_id, []).append(a)
    for e in employees:
        current = open_def.get(e.pk, [])
        assert len(current) == 1, e
        a = current[0]
        assert a.position_id == e.current_position_id
        assert a.unit_id == e.current_unit_id == e.current_position.unit_id
        assert e.current_opd_id == e.current_unit.opd_id
        assert e.current_unit_path == e.current_unit.path
        assert a.start_date <= dt.date.today()
    assert any(n > 1 for n in history.values())  # some have a previous mutasi in their history
    assert Assignment.objects.filter(
        employee__instansi=demo, kind=AssignmentKind.ACTING, end_date=None
    ).exists()
    assert SupervisorOverride.objects.filter(
        employee__instansi=demo
    ).exists()  # kepala sekolah rates teachers


def test_every_non_head_employee_has_a_superior(demo):
    employees = _employees(demo)
    superiors = superiors_for(employees=employees)
    missing = [e for e in employees if not e.current_position.is_head and superiors[e.pk] is None]
    assert missing == []
    for e in employees:  # nobody rates themselves
        assert superiors[e.pk] != e.pk


def test_the_demo_personas_rate_each_other(demo):
    rows = {r.role: r for r in logins(demo)}
    staff = Employee.objects.get(nip=rows["Pegawai"].username)
    kabid = Employee.objects.get(nip=rows["Pejabat Penilai"].username)
    lurah = Employee.objects.get(nip=rows["Lurah"].username)
    assert superior_chain(employee=staff).superior == kabid
    assert kabid.current_opd.name == staff.current_opd.name == "Dinas Kesehatan"
    assert lurah.current_position.name.startswith("Lurah ") and lurah.current_position.is_head
    assert superior_chain(employee=lurah).superior.current_position.name.startswith("Camat ")


def test_command_output_lists_every_login(demo_output):
    for text in (
        "admin.bkpsdm",
        "admin.dinkes",
        "pimpinan",
        "auditor",
        DEMO_PASSWORD,
        "pembina demo_totp admin.bkpsdm",
    ):
        assert text in demo_output
    assert "300 pegawai" in demo_output


# --- logging in ---------------------------------------------------------------------------------


def _totp_code(username: str) -> str:
    """The current code, taken early in its 30-second window so it is still valid when posted."""
    from allauth.mfa import app_settings

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left + 0.2)
    out = io.StringIO()
    call_command("demo_totp", username, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_each_role_account_can_log_in(demo, client):
    from pembina.accounts.choices import Role
    from pembina.accounts.models import User

    rows = logins(demo)
    assert {r.role for r in rows} == {
        "Admin BKPSDM",
        "Admin OPD",
        "Tim Penilai Kinerja",
        "Pimpinan",
        "Auditor",
        "Pejabat Penilai",
        "Pegawai",
        "Lurah",
    }
    sekda = User.objects.get(username="pimpinan").employee
    assert sekda.current_position.name == "Sekretaris Daerah"
    admin_opd = User.objects.get(username="admin.dinkes").role_grants.get()
    assert (admin_opd.role, admin_opd.unit.name) == (Role.ADMIN_OPD, "Dinas Kesehatan")
    team = User.objects.get(username="tim.dinkes").role_grants.get()
    assert (team.role, team.unit.name) == (Role.TIM_PENILAI, "Dinas Kesehatan")
    for row in rows:
        client.post(reverse("account_logout"))
        r = client.post(reverse("account_login"), {"login": row.username, "password": DEMO_PASSWORD})
        assert r.status_code == 302, row
        if row.mfa != "-":
            assert r["Location"] == reverse("mfa_authenticate"), row
            assert "_auth_user_id" not in client.session
            r = client.post(reverse("mfa_authenticate"), {"code": _totp_code(row.username)})
            assert r.status_code == 302, row
        user = User.objects.get(username=row.username)
        assert client.session.get("_auth_user_id") == str(user.pk), row
        assert client.get(reverse("core:home")).status_code == 200, row
    client.post(reverse("account_logout"))
    wrong = client.post(reverse("account_login"), {"login": "admin.bkpsdm", "password": "salah-sandi-123"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session


def test_admins_have_totp_and_the_others_do_not(demo):
    from allauth.mfa.models import Authenticator

    with_totp = set(
        Authenticator.objects.filter(user__instansi=demo, type="totp").values_list(
            "user__username", flat=True
        )
    )
    assert with_totp == {"admin.bkpsdm", "admin.dinkes", "auditor"}


def test_demo_totp_refuses_accounts_outside_the_demo(demo):
    from allauth.mfa.totp.internal.auth import TOTP

    from pembina.accounts.tests.factories import make_user
    from pembina.org.tests.factories import InstansiFactory

    stranger = make_user(username="admin.lain", instansi=InstansiFactory(code="LAIN"))
    TOTP.activate(stranger, "JBSWY3DPEHPK3PXP")
    with pytest.raises(CommandError, match="bukan akun kota demo"):
        call_command("demo_totp", "admin.lain", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="tidak mempunyai autentikator"):
        call_command("demo_totp", "pimpinan", stdout=io.StringIO(), stderr=io.StringIO())
    # a look-alike instansi with the demo's code is refused too: it was not built by the demo command
    Instansi.objects.filter(pk=demo.pk).update(code="PTK-X")
    fake = Instansi.objects.create(code=DEMO_CODE, name="Palsu", region_name="Palsu")
    impostor = make_user(username="admin.palsu", instansi=fake)
    TOTP.activate(impostor, "JBSWY3DPEHPK3PXP")
    with pytest.raises(CommandError, match="bukan akun kota demo"):
        call_command("demo_totp", "admin.palsu", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("demo_totp", "tidak.ada", stdout=io.StringIO(), stderr=io.StringIO())


# --- running it again ---------------------------------------------------------------------------


def _snapshot():
    from pembina.accounts.models import User
    from pembina.core.models import AuditEntry

    return (
        Unit.objects.count(),
        Position.objects.count(),
        Employee.objects.count(),
        Assignment.objects.count(),
        User.objects.count(),
        AuditEntry.objects.count(),
    )


def test_second_run_adds_nothing_and_prints_the_logins_again(demo):
    before = _snapshot()
    out = io.StringIO()
    call_command("demo", employees=SIZE, seed=SEED, stdout=out)
    assert _snapshot() == before
    assert "sudah dimuat" in out.getvalue()
    assert "admin.bkpsdm" in out.getvalue() and "pembina demo_totp auditor" in out.getvalue()


def test_force_rebuilds_the_same_city_from_the_same_seed(demo):
    from pembina.core.models import AuditEntry

    nips = list(Employee.objects.order_by("pk").values_list("nip", "name", "current_position__code"))
    logins_before = [(r.role, r.username) for r in logins(demo)]
    out = io.StringIO()
    call_command("demo", employees=SIZE, seed=SEED, force=True, stdout=out)
    rebuilt = Instansi.objects.get(code=DEMO_CODE)
    assert rebuilt.pk != demo.pk
    assert list(Employee.objects.order_by("pk").values_list("nip", "name", "current_position__code")) == nips
    assert [(r.role, r.username) for r in logins(rebuilt)] == logins_before
    deleted = AuditEntry.objects.filter(action="delete", source="command", object_type="org.employee")
    assert deleted.count() == SIZE
    assert verify_chain().ok


def test_refuses_a_database_with_another_instansi(demo):
    from pembina.org.tests.factories import InstansiFactory

    InstansiFactory(code="LAIN", name="Pemerintah Kabupaten Lain")
    before = _snapshot()
    for force in (False, True):
        with pytest.raises(CommandError, match="instansi lain"):
            call_command("demo", employees=SIZE, seed=SEED, force=force, stdout=io.StringIO())
    assert _snapshot() == before


def test_too_few_employees_is_refused(db):
    with pytest.raises(CommandError, match="--employees"):
        call_command("demo", employees=10, stdout=io.StringIO())


# --- the audit trail ----------------------------------------------------------------------------


def test_the_build_is_on_the_audit_trail_as_a_command(demo):
    from pembina.core.models import AuditEntry

    entries = AuditEntry.objects.filter(source="command", actor_repr="perintah demo")
    by_type = Counter(entries.filter(action="create").values_list("object_type", flat=True))
    assert by_type["org.employee"] == SIZE
    assert by_type["org.instansi"] == 1
    assert by_type["org.unit"] == Unit.objects.filter(instansi=demo).count()
    assert by_type["org.assignment"] == Assignment.objects.filter(employee__instansi=demo).count()
    assert by_type["accounts.user"] == len(logins(demo))
    assert not AuditEntry.objects.exclude(source="command").exists()
    assert verify_chain().ok


@pytest.mark.parametrize(("app", "name"), [("pembina.org", "demo"), ("pembina.accounts", "demo_totp")])
def test_help_text_renders(app, name):
    from django.core.management import load_command_class

    text = load_command_class(app, name).create_parser("pembina", name).format_help()
    assert "demo" in text and "--" in text
