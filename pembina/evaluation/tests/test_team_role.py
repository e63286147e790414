"""Tim Penilai Kinerja is its own role, granted on an OPD: it calibrates that OPD's evaluations and no other."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from pembina.accounts.choices import Role
from pembina.accounts.models import RoleGrant
from pembina.accounts.tests.factories import make_user
from pembina.evaluation import selectors, services
from pembina.evaluation.permissions import can_calibrate_opd, evaluation_roles
from pembina.evaluation.rules.workflow import TEAM
from pembina.evaluation.tests.factories import rated

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_member(ev):
    """The Sekretaris of Dinas A's evaluation team: an ordinary employee with a team grant on the OPD."""
    city = ev.city
    return make_user(username="tim.dinkes", instansi=city.instansi, role=Role.TIM_PENILAI, unit=city.dinas_a)


def test_the_grant_needs_a_unit(ev):
    grant = RoleGrant(user=ev.users["auditor"], role=Role.TIM_PENILAI)
    with pytest.raises(ValidationError, match="Tim Penilai Kinerja harus ditetapkan pada satu unit"):
        grant.full_clean()


def test_team_member_calibrates_only_its_opd(ev, team_member):
    own = rated(ev, "staff_a", result="sesuai")
    other = rated(ev, "staff_b", result="sesuai")
    assert TEAM in evaluation_roles(team_member, own)
    assert can_calibrate_opd(team_member, ev.city.dinas_a)
    assert not can_calibrate_opd(team_member, ev.city.dinas_b)
    adjusted = services.evaluation_calibrate(
        evaluation=own, reason="Disamakan dengan capaian tim.", rating_result="di_atas", actor=team_member
    )
    assert adjusted and adjusted[0].reason == "Disamakan dengan capaian tim."
    with pytest.raises(Http404):  # another OPD's evaluation does not exist for the team member
        selectors.evaluation_get_for_actor(actor=team_member, pk=other.pk)
    listed = set(selectors.evaluation_list(actor=team_member).values_list("pk", flat=True))
    assert own.pk in listed and other.pk not in listed


def test_team_member_sees_the_calibration_page_of_its_opd_only(ev, team_member, login):
    rated(ev, "staff_a")
    c = login(team_member)
    url = reverse("evaluation:calibration")
    assert c.get(url, {"opd": ev.city.dinas_a.pk, "year": ev.year.year}).status_code == 200
    assert c.get(url, {"opd": ev.city.dinas_b.pk, "year": ev.year.year}).status_code == 404
    menu = c.get(reverse("core:home")).content.decode()
    assert 'data-nav="calibration"' in menu and 'data-nav="potential-import"' not in menu
