"""Fixtures of the learning tests: the shared `city` plus what the learning rules need.

In `city`, staff_a (user "pegawai") sits in Seksi Imunisasi, whose head kasi_a1a is staff_a's superior
(pejabat penilai); kasi_a1a gets a login here ("atasan"). The "pejabat_penilai" user (kabid_a1) is the
superior's superior: a reader, not the approver. "luar" is staff_b of another OPD (an outsider)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from pembina.accounts.tests.factories import make_user


@dataclass
class Learning:
    city: object
    users: dict
    programme: object
    event: object


def make_event(programme, *, start, end=None, quota=2, status="open", jp=None, organiser_unit=None):
    from pembina.learning.models import Event

    return Event.objects.create(
        programme=programme,
        instansi=programme.instansi,
        title=programme.title,
        start_date=start,
        end_date=end or start,
        place="Aula BKPSDM",
        quota=quota,
        organiser="BKPSDM Kota Uji",
        organiser_unit=organiser_unit,
        jp=jp if jp is not None else programme.jp,
        status=status,
    )


@pytest.fixture
def dictionary(db):
    """The national dictionary (installed by migration 0002; seeded again for --nomigrations runs)."""
    from pembina.learning.services.seed import seed_competency_dictionary

    seed_competency_dictionary()


@pytest.fixture
def learning(city, dictionary):
    from pembina.learning.services.training import programme_create

    users = dict(city.users)
    users["atasan"] = make_user(username=city.people["kasi_a1a"].nip, employee=city.people["kasi_a1a"])
    users["luar"] = make_user(username=city.people["staff_b"].nip, employee=city.people["staff_b"])
    for u in users.values():
        u.refresh_from_db()
    programme = programme_create(
        instansi=city.instansi,
        code="pelayanan-prima",
        data={
            "title": "Pelatihan Pelayanan Prima",
            "category": "technical",
            "kind": "training",
            "jp": Decimal("24"),
            "passing_score": Decimal("70"),
            "organiser": "BKPSDM Kota Uji",
        },
        competencies={"pelayanan-publik": 2, "komunikasi": 2},
        actor=None,
    )
    from django.utils import timezone

    today = timezone.localdate()
    event = make_event(programme, start=today + dt.timedelta(days=7))
    return Learning(city, users, programme, event)


def fresh(user):
    """A user object without the cached scope (roles change when the org changes)."""
    from pembina.accounts.models import User

    return User.objects.get(pk=user.pk)
