"""The main menu is cached per process, keyed by who asks and where: it must never show a stale menu."""

import pytest
from django.conf import settings
from django.urls import reverse

from pembina.accounts.choices import Role
from pembina.accounts.models import RoleGrant

pytestmark = pytest.mark.django_db


def test_a_new_role_changes_the_menu_at_once(city, login):
    user = city.users["pegawai"]
    c = login(user)
    home = reverse("core:home")
    assert 'data-nav="calibration"' not in c.get(home).content.decode()
    RoleGrant.objects.create(user=user, role=Role.TIM_PENILAI, unit=city.dinas_a)
    assert 'data-nav="calibration"' in c.get(home).content.decode()


def test_the_active_section_follows_the_page(city, login):
    c = login(city.users["admin_opd"])
    units = c.get(reverse("org:unit_tree")).content.decode()
    employees = c.get(reverse("org:employee_list")).content.decode()
    assert 'aria-current="page" href="/org/units/"' in units
    assert 'aria-current="page" href="/org/units/"' not in employees


def test_each_user_gets_their_own_menu(city, login):
    a = login(city.users["pegawai"]).get(reverse("core:home")).content.decode()
    b = login(city.users["auditor"]).get(reverse("core:home")).content.decode()
    assert 'data-nav="audit"' in b and 'data-nav="audit"' not in a
    assert 'data-nav="profile"' in a


def test_the_menu_speaks_the_chosen_language(city, login):
    c = login(city.users["pegawai"])
    assert "Struktur organisasi" in c.get(reverse("core:home")).content.decode()
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Organisation chart" in c.get(reverse("core:home")).content.decode()
