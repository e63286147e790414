"""Who sees which employee: the selector's who-sees-what table, and change scope for writes."""

import pytest

from pembina.core.scoping import CHANGE, VIEW
from pembina.org.models import Employee

pytestmark = pytest.mark.django_db

ALL = {"sekda", "kadis_a", "kabid_a1", "kasi_a1a", "staff_a", "staff_a2", "kadis_b", "kabid_b1", "staff_b"}
DINAS_A = {"kadis_a", "kabid_a1", "kasi_a1a", "staff_a", "staff_a2"}
EXPECTED_VIEW = {
    "pegawai": {"staff_a"},
    "pejabat_penilai": {
        "kabid_a1",
        "kasi_a1a",
        "staff_a",
        "staff_a2",
    },  # own unit subtree (whole chain below)
    "admin_opd": DINAS_A,
    "admin_bkpsdm": ALL,
    "pimpinan": ALL,
    "auditor": ALL,
}
EXPECTED_CHANGE = {
    "pegawai": set(),
    "pejabat_penilai": set(),
    "admin_opd": DINAS_A,
    "admin_bkpsdm": ALL,
    "pimpinan": set(),
    "auditor": set(),
}


def visible(city, role, action):
    ids = set(Employee.objects.for_actor(city.users[role], action).values_list("pk", flat=True))
    return {k for k, e in city.people.items() if e.pk in ids}


@pytest.mark.parametrize("role", sorted(EXPECTED_VIEW))
def test_who_sees_whom(city, role):
    assert visible(city, role, VIEW) == EXPECTED_VIEW[role]
    assert visible(city, role, CHANGE) == EXPECTED_CHANGE[role]


def test_anonymous_sees_nothing(city):
    from django.contrib.auth.models import AnonymousUser

    assert not Employee.objects.for_actor(AnonymousUser()).exists()


def test_other_instansi_is_invisible_even_to_city_wide_roles(city):
    from pembina.org.tests.factories import InstansiFactory, make_employee

    other = InstansiFactory(code="LAIN")
    stranger = make_employee(instansi=other, name="Orang Lain")
    for role in ("admin_bkpsdm", "pimpinan", "auditor"):
        assert not Employee.objects.for_actor(city.users[role]).filter(pk=stranger.pk).exists()


def test_acting_head_sees_the_unit_they_lead(city):
    import datetime as dt

    from pembina.accounts.tests.factories import make_user
    from pembina.org import services
    from pembina.org.choices import AssignmentKind

    staff_b = city.people["staff_b"]
    services.employee_assign(
        employee=staff_b,
        position=city.positions["kasi_a1a"],
        start_date=dt.date(2026, 1, 1),
        kind=AssignmentKind.ACTING,
        actor=None,
    )
    user = make_user(username=staff_b.nip, employee=staff_b)
    seen = set(Employee.objects.for_actor(user).values_list("pk", flat=True))
    assert city.people["staff_a"].pk in seen and city.people["kabid_a1"].pk not in seen
