"""Who rates whom, as of a date: derived from the unit tree and assignments, with overrides."""

import datetime as dt

import pytest

from pembina.core.exceptions import ApplicationError
from pembina.org import services
from pembina.org.choices import AssignmentKind, AssignmentReason, JobType
from pembina.org.models import Assignment
from pembina.org.selectors import superior_chain, superiors_for
from pembina.org.tests.factories import PositionFactory, make_employee

pytestmark = pytest.mark.django_db
D = dt.date


def sup(emp, on):
    return superior_chain(employee=emp, on=on)


def test_chain_follows_the_unit_tree(city):
    p = city.people
    assert sup(p["staff_a"], D(2026, 3, 1)).superior == p["kasi_a1a"]
    assert sup(p["staff_a"], D(2026, 3, 1)).superior_of_superior == p["kabid_a1"]
    assert sup(p["kasi_a1a"], D(2026, 3, 1)).superior == p["kabid_a1"]
    assert sup(p["kabid_a1"], D(2026, 3, 1)).superior == p["kadis_a"]
    # an OPD head is rated by the regional head (no employee): None
    chain = sup(p["kadis_a"], D(2026, 3, 1))
    assert chain.superior is None and chain.superior_of_superior is None


def test_transfer_mid_year_changes_the_rater_from_that_date(city):
    p = city.people
    services.employee_assign(
        employee=p["staff_a"],
        position=city.positions["staff_b"],
        start_date=D(2026, 7, 1),
        reason=AssignmentReason.TRANSFER,
        actor=city.users["admin_bkpsdm"],
    )
    before, after = sup(p["staff_a"], D(2026, 6, 30)), sup(p["staff_a"], D(2026, 7, 1))
    assert (before.superior, before.superior_of_superior) == (p["kasi_a1a"], p["kabid_a1"])
    assert (after.superior, after.superior_of_superior) == (p["kabid_b1"], p["kadis_b"])
    # the history keeps both stretches
    rows = list(
        Assignment.objects.filter(employee=p["staff_a"])
        .order_by("start_date")
        .values_list("end_date", flat=True)
    )
    assert rows == [D(2026, 6, 30), None]
    # and the batch resolver agrees with the single one on both dates
    assert superiors_for(employees=[p["staff_a"]], on=D(2026, 6, 30)) == {p["staff_a"].pk: p["kasi_a1a"].pk}
    assert superiors_for(employees=[p["staff_a"]], on=D(2026, 7, 1)) == {p["staff_a"].pk: p["kabid_b1"].pk}


def test_transfer_of_the_superior_moves_the_rating_upward_until_refilled(city):
    p = city.people
    # the Kasi leaves on 1 April: the seksi head is vacant, so the Kabid rates the staff
    services.assignment_end(assignment=p["kasi_a1a"].assignments.get(), end_date=D(2026, 3, 31), actor=None)
    assert sup(p["staff_a"], D(2026, 4, 2)).superior == p["kabid_a1"]
    # a Plt of the Kasi position from 15 April rates the staff from then on
    services.employee_assign(
        employee=p["staff_a2"],
        position=city.positions["kasi_a1a"],
        start_date=D(2026, 4, 15),
        kind=AssignmentKind.ACTING,
        reason=AssignmentReason.ACTING,
        actor=None,
    )
    assert sup(p["staff_a"], D(2026, 4, 14)).superior == p["kabid_a1"]
    assert sup(p["staff_a"], D(2026, 4, 15)).superior == p["staff_a2"]
    # the Plt is not their own rater: for them the position passes upward
    assert sup(p["staff_a2"], D(2026, 4, 15)).superior == p["kabid_a1"]


def test_definitive_head_wins_over_acting(city):
    p = city.people
    services.employee_assign(
        employee=p["staff_a2"],
        position=city.positions["kasi_a1a"],
        start_date=D(2026, 2, 1),
        kind=AssignmentKind.ACTING,
        actor=None,
    )
    assert sup(p["staff_a"], D(2026, 3, 1)).superior == p["kasi_a1a"]


def test_explicit_override_for_a_date_range(city):
    p = city.people
    services.supervisor_override_create(
        employee=p["staff_a"],
        supervisor=p["kadis_a"],
        start_date=D(2026, 5, 1),
        end_date=D(2026, 5, 31),
        reason="Pendelegasian SK Kadis",
        actor=None,
    )
    assert sup(p["staff_a"], D(2026, 4, 30)).superior == p["kasi_a1a"]
    chain = sup(p["staff_a"], D(2026, 5, 10))
    assert chain.superior == p["kadis_a"] and chain.via_override
    assert sup(p["staff_a"], D(2026, 6, 1)).superior == p["kasi_a1a"]
    with pytest.raises(ApplicationError):
        services.supervisor_override_create(
            employee=p["staff_a"],
            supervisor=p["kabid_a1"],
            start_date=D(2026, 5, 15),
            reason="bentrok",
            actor=None,
        )
    with pytest.raises(ApplicationError):
        services.supervisor_override_create(
            employee=p["staff_a"],
            supervisor=p["staff_a"],
            start_date=D(2027, 1, 1),
            reason="diri sendiri",
            actor=None,
        )


def test_batch_resolution_matches_single_resolution(city):
    people = list(city.people.values())
    on = D(2026, 3, 1)
    batch = superiors_for(employees=people, on=on)
    for e in people:
        single = sup(e, on).superior
        assert batch[e.pk] == (single.pk if single else None)


def test_batch_resolution_uses_constant_queries(city, django_assert_max_num_queries):
    # 40 more staff in the seksi: the number of queries must not grow with them
    pos = PositionFactory(unit=city.seksi_a1a, job_type=JobType.PELAKSANA, level="operator")
    extra = [make_employee(instansi=city.instansi, position=pos, name=f"Staf {i}") for i in range(40)]
    with django_assert_max_num_queries(6):
        result = superiors_for(employees=extra + list(city.people.values()), on=D(2026, 3, 1))
    assert all(result[e.pk] == city.people["kasi_a1a"].pk for e in extra)


def test_assignment_rules(city):
    p = city.people
    with pytest.raises(ApplicationError, match="Plt"):
        services.employee_assign(
            employee=p["staff_b"],
            position=city.positions["staff_a"],
            start_date=D(2026, 1, 1),
            kind=AssignmentKind.ACTING,
            actor=None,
        )
    with pytest.raises(ApplicationError, match="definitif"):
        services.employee_assign(
            employee=p["staff_b"], position=city.positions["staff_a"], start_date=D(2019, 1, 1), actor=None
        )
    # Admin OPD of Dinas A cannot move someone into Dinas B
    with pytest.raises(ApplicationError):
        services.employee_assign(
            employee=p["staff_a"],
            position=city.positions["staff_b"],
            start_date=D(2026, 8, 1),
            actor=city.users["admin_opd"],
        )
